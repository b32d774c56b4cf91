"""What the citation finders share (citation_occurrence.py): dates and issuer levels after a citation."""

from __future__ import annotations

import doctest
import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.loaders import citation_occurrence
from policykg.loaders.citation_occurrence import CitationContext, date_after, fullmatch_between, level_of_words

DATE_CASES = [
    pytest.param(" ngày 12/3/2020 của", date(2020, 3, 12), id="slashes"),
    pytest.param(" ngày 12 tháng 3 năm 2020", date(2020, 3, 12), id="words"),
    pytest.param(", ngày 26-4-2021", date(2021, 4, 26), id="dashes"),
    pytest.param(" ngày 53 24/01/2022", date(2022, 1, 24), id="footnote-marker-glued-in"),
    pytest.param(" ngày 31/2/2020", None, id="impossible-date-dropped"),
    pytest.param(" năm 2020", None, id="no-ngay-no-date"),
]


@pytest.mark.parametrize(("after", "issued"), DATE_CASES)
def test_date_after(after, issued):
    assert date_after("12-NQ/TU" + after, 8)[0] == issued


LEVEL_CASES = [
    pytest.param("Bộ Chính trị", None, "central", id="politburo"),
    pytest.param("UBND tỉnh", None, "province", id="province"),
    pytest.param("Ban Thường vụ Huyện ủy", None, "district", id="district"),
    pytest.param("Đảng ủy xã", None, "commune", id="commune"),
    pytest.param("UBND thành phố Hà Nội", None, "province", id="central-city"),
    pytest.param("UBND thành phố Vĩnh Yên", None, "district", id="provincial-city"),
    pytest.param("UBND Sông Lô", CitationContext(level="district", district="Sông Lô"), "district", id="context"),
    pytest.param("Hội Nông dân", None, None, id="unknown"),
]


@pytest.mark.parametrize(("words", "context", "level"), LEVEL_CASES)
def test_level_of_words(words, context, level):
    assert level_of_words(words, context) == level


@given(st.text(st.sampled_from(" ,sốx1"), max_size=12), st.integers(0, 14), st.integers(0, 14))
def test_fullmatch_between_reads_only_the_range(text, start, end):
    gap = re.compile(r"[\s,]*(?:số\s*)?")
    expected = gap.fullmatch(text[start:end]) if start <= end else gap.fullmatch("")
    assert bool(fullmatch_between(gap, text, start, end)) == bool(expected)


def test_docstring_examples_run():
    result = doctest.testmod(citation_occurrence)
    assert result.attempted > 0 and result.failed == 0
