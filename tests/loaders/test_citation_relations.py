"""Citation relations (citation_relations.py): implements and based_on from the preamble's cues."""

from __future__ import annotations

import doctest

import pytest


from policykg.loaders import citation_relations
from policykg.loaders.cited_symbols import find_symbols
from policykg.loaders.citations import extract_citations
from policykg.loaders.sections import Section
from tests.loaders.test_citations import by_symbol


def test_sections_give_the_preamble():
    text = "KẾ HOẠCH\nThực hiện Nghị quyết số 12-NQ/TU\nI. MỤC ĐÍCH\nThực hiện Nghị quyết số 05-NQ/TU"
    cut = text.index("I.")
    sections = [Section("", "", 0, cut, "preamble"), Section("I", "MỤC ĐÍCH", cut, len(text), "objectives", depth=1)]
    found = by_symbol(extract_citations(text, sections)[0])
    assert found["12-NQ/TU"].relation == "implements"
    assert found["05-NQ/TU"].relation == "mentions"


def test_docstring_examples_run():
    result = doctest.testmod(citation_relations)
    assert result.attempted > 0 and result.failed == 0


RELATION_CASES = [
    pytest.param("Căn cứ Kế hoạch số 82-KH/HU của Huyện ủy thực hiện Chương trình số 34-CTr/TU",
                 [("82-KH/HU", "based_on"), ("34-CTr/TU", "mentions")], id="nested-stays-mentions"),
    pytest.param("Thực hiện Nghị quyết số 12-NQ/TU; Kế hoạch số 41-KH/TU của Tỉnh ủy",
                 [("12-NQ/TU", "implements"), ("41-KH/TU", "implements")], id="semicolon-coordinates"),
    pytest.param("Theo Nghị quyết số 12-NQ/TU", [("12-NQ/TU", "mentions")], id="no-cue"),
    pytest.param("Thực hiện tốt công tác. Nghị quyết số 12-NQ/TU", [("12-NQ/TU", "mentions")], id="sentence-ends"),
]


@pytest.mark.parametrize(("text", "relations"), RELATION_CASES)
def test_assign_relations(text, relations):
    occurrences = find_symbols(text, None)
    citation_relations.assign_relations(text, occurrences, len(text))
    assert [(o.symbol, o.relation) for o in occurrences] == relations


def test_preamble_ends_at_the_first_heading_without_sections():
    text = "Thực hiện Nghị quyết số 12-NQ/TU\nI. MỤC ĐÍCH"
    assert citation_relations.preamble_end(text, []) == text.index("I.")
