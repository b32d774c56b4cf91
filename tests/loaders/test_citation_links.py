"""Citation links: "A … thực hiện B" between two cited documents, from real sentences."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.loaders.citation_links import extract_citation_links
from policykg.loaders.record import Citation

_SYMBOL = re.compile(r"\d+(?:/\d{4})?[-/][A-ZĐa-z]+[-/][A-ZĐa-z0-9]+")


def _citations(text: str) -> list[Citation]:
    found: dict[str, list] = {}
    for m in _SYMBOL.finditer(text):
        found.setdefault(m.group(), []).append((m.start(), m.end()))
    return [Citation(symbol=s, relation="mentions", spans=spans) for s, spans in found.items()]


def _links(text: str) -> list[tuple[str, str]]:
    cites = _citations(text)
    return [(cites[l.source].symbol, cites[l.target].symbol) for l in extract_citation_links(text, cites)]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Triển khai thực hiện Quyết định số 2013/QĐ-UBND ngày 13/10/2022 của UBND tỉnh ban hành "
                 "Kế hoạch hành động triển khai thực hiện Chương trình của Chính phủ và Ban Thường vụ Tỉnh ủy "
                 "thực hiện Nghị quyết số 13-NQ/TW của Bộ Chính trị", [("2013/QĐ-UBND", "13-NQ/TW")],
                 id="004-title-decision-implements-resolution"),
    pytest.param("Căn cứ Kế hoạch số 82-KH/HU ngày 03/11/2022 của Ban Thường vụ Huyện ủy thực hiện Chương "
                 "trình số 34-CTr/TU ngày 23/8/2022 của Ban Thường vụ Tỉnh ủy Trà Vinh về thực hiện Nghị quyết "
                 "số 13-NQ/TW ngày 02/4/2022 của Bộ Chính trị.",
                 [("82-KH/HU", "34-CTr/TU"), ("34-CTr/TU", "13-NQ/TW")], id="004-chain-of-two"),
    pytest.param("triển khai thực hiện số 78/NQ-CP ngày 18/6/2022 của Chính phủ và Nghị quyết số 13-NQ/TW",
                 [], id="a-list-links-nothing"),
    pytest.param("Xét Tờ trình số 1238/TTr-LĐTBXH ngày 14/4/2021, Ủy ban nhân dân tỉnh ban hành Kế hoạch tổ "
                 "chức thực hiện Kết luận số 92-KL/TW", [], id="a-submission-carries-nothing-out"),
    pytest.param("Nghị quyết số 01/NQ-CP về nhiệm vụ, giải pháp chủ yếu thực hiện kế hoạch phát triển kinh tế "
                 "- xã hội và dự toán ngân sách nhà nước năm 2025 và Nghị quyết 45/NQ-HĐND",
                 [], id="thuc-hien-governs-something-else"),
    pytest.param("Kế hoạch số 41-KH/TU của Tỉnh ủy; thực hiện Kết luận số 92-KL/TW", [], id="sentence-break"),
    pytest.param("Kế hoạch số 41-KH/TU của Tỉnh ủy và thực hiện Kết luận số 92-KL/TW", [], id="the-citing-texts-own-action"),
    pytest.param("Quyết định số 326/QĐ-TTg thực hiện theo Quyết định số 227/QĐ-TTg", [], id="done-according-to"),
])
def test_links(text, expected):
    assert _links(text) == expected


def test_link_spans_run_from_the_first_citation_to_the_second():
    text = "Kế hoạch số 41-KH/TU ngày 22/3/2021 của Tỉnh ủy thực hiện Kết luận số 92-KL/TW"
    cites = _citations(text)
    [link] = extract_citation_links(text, cites)
    assert text[link.span[0]:link.span[1]].startswith("41-KH/TU") and text[:link.span[1]].endswith("92-KL/TW")


@given(st.lists(st.sampled_from(["12-NQ/TU", " thực hiện ", " và ", "; ", "Nghị quyết số ", "\n", "34-CTr/TU",
                                 "13-NQ/TW", " theo ", "x" * 50]), max_size=30))
def test_links_are_valid_for_any_text(parts):
    text = "".join(parts)
    cites = _citations(text)
    links = extract_citation_links(text, cites)
    assert links == extract_citation_links(text, cites)
    for link in links:
        assert link.source != link.target and max(link.source, link.target) < len(cites)
        assert 0 <= link.span[0] < link.span[1] <= len(text)
