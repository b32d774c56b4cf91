"""Citation merge (citation_merge.py): one Citation per document, its scope, relation and date."""

from __future__ import annotations

import doctest
from datetime import date

import pytest

from policykg.loaders import citation_merge
from policykg.loaders.citation_occurrence import Occurrence
from policykg.loaders.citations import CitationContext, extract_citations
from tests.loaders.test_citations import by_symbol, cite, preamble_sections


def test_congress_resolution_merges_with_numbered_resolution_of_the_same_party_body():
    text = ("CHƯƠNG TRÌNH HÀNH ĐỘNG\n\nThực hiện Nghị quyết Đại hội đại biểu Đảng bộ thị trấn "
            "Vĩnh Lộc lần thứ nhất, nhiệm kỳ 2020 – 2025\n\nCăn cứ Nghị quyết số 01-NQ/ĐU ngày "
            "25 tháng 3 năm 2020 của Đảng bộ thị trấn Vĩnh Lộc.\n\nI. MỤC ĐÍCH")
    [c] = cite(text, CitationContext(level="commune", commune="Vĩnh Lộc"))
    assert (c.symbol, c.relation, c.issuer_scope) == ("01-NQ/ĐU", "implements", "commune")
    assert len(c.spans) == 2


SAMPLE_000_BITS = (
    "Thực hiện Nghị quyết số 12-NQ/TU ngày 12/3/2020 của Ban Chấp hành Đảng bộ tỉnh khóa XVI.\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU:\n\n"
    "2. thực hiện thắng lợi mục tiêu Nghị quyết số 12-NQ/TU ngày 12/3/2019 của Tỉnh ủy;\n\n"
    "3. tuyên truyền về Nghị quyết số 12-NQ/TU ngày 12/3/2020 của Tỉnh ủy\n\n"
    "Trên đây là Kế hoạch thực hiện Nghị quyết số 12- NQ/TU ngày 12/3/2020 của Ban chấp hành"
)


def test_one_citation_per_document_with_every_span_quoting_the_symbol():
    citations, _ = extract_citations(SAMPLE_000_BITS, preamble_sections(SAMPLE_000_BITS))
    [c] = citations
    assert len(c.spans) == 4
    quotes = [SAMPLE_000_BITS[s:e] for s, e in c.spans]
    assert quotes == ["12-NQ/TU", "12-NQ/TU", "12-NQ/TU", "12- NQ/TU"]
    assert c.relation == "implements"  # strongest relation over all occurrences


def test_date_conflict_keeps_the_majority_and_warns():
    citations, warnings = extract_citations(SAMPLE_000_BITS, preamble_sections(SAMPLE_000_BITS))
    assert citations[0].issued == date(2020, 3, 12)
    [w] = warnings
    assert w.code == "citation_date_conflict"
    assert "2020-03-12" in w.message and "2019-03-12" in w.message
    assert SAMPLE_000_BITS[w.span[0]:w.span[1]] == "12-NQ/TU"


def test_same_date_written_two_ways_is_no_conflict():
    text = ("1. x\nNghị quyết số 13-NQ/TW, ngày 02/04/2022 của Bộ Chính trị; Nghị quyết số "
            "13-NQ/TW ngày 02/4/2022 của Bộ Chính trị")
    citations, warnings = extract_citations(text, [])
    assert citations[0].issued == date(2022, 4, 2) and warnings == []


def test_same_number_different_issuer_is_a_different_document():
    text = ("1. x\nNghị quyết số 12-NQ/TU ngày 12/3/2020 của Ban Chấp hành Đảng bộ tỉnh; "
            "Nghị quyết số 12-NQ/TW ngày 16/3/2022 của Bộ Chính trị")
    found = by_symbol(cite(text))
    assert found["12-NQ/TU"].issuer_scope == "province"
    assert found["12-NQ/TW"].issuer_scope == "central"


def test_docstring_examples_run():
    result = doctest.testmod(citation_merge)
    assert result.attempted > 0 and result.failed == 0


def _occurrence(**fields):
    base = dict(key="12-NQ/TU", start=10, end=18, head=0, tail=18)
    return Occurrence(**{**base, **fields})


CITED_ONCE_CASES = [
    pytest.param(dict(symbol="12-NQ/TU", doc_type="NQ", scope_code="province",
                      issuer="Tỉnh ủy", relation="implements"), id="numbered"),
    pytest.param(dict(key="name:luật đầu tư công", name="Luật Đầu tư công", scope_hint="central"),
                 id="named"),
    pytest.param(dict(symbol="12/QĐ-UBND", floating=True, issuer=""), id="floating-empty-issuer"),
    pytest.param(dict(symbol="", name="", doc_type=""), id="empty-strings"),
    pytest.param(dict(symbol="91/KH-UBND", issuer="UBND tỉnh", floating=True, relation="based_on"),
                 id="issuer-level"),
]


@pytest.mark.parametrize("fields", CITED_ONCE_CASES)
@pytest.mark.parametrize("level", [None, "district"])
def test_a_document_cited_once_is_the_merge_of_its_one_occurrence(fields, level):
    occ, ctx = _occurrence(**fields), CitationContext(level=level)
    issued = date(2020, 3, 12)
    assert citation_merge._cited_once(occ, issued, ctx) == citation_merge._merged_citation(
        [occ], issued, ctx)


LONGER_NAMES = [
    pytest.param("đề án về môi trường", "đề án về môi trường biển", True, id="word-after"),
    pytest.param("đề án x", "đề án x, tầm nhìn", True, id="comma-after"),
    pytest.param("đề án x", "đề án xy", False, id="inside-a-word"),
]


@pytest.mark.parametrize(("name", "other", "longer"), LONGER_NAMES)
def test_longer_name_starts(name: str, other: str, longer: bool) -> None:
    assert other.startswith(citation_merge._longer_name_starts(name)) is longer
