"""The normalizer's line list (breaks.py): break markers read and written back."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.loaders import breaks
from policykg.loaders.breaks import HARD, PIPE, SOFT, NormalizeStats, read_breaks, write_lines


@pytest.mark.parametrize(("lines", "expected"), [
    pytest.param(["a", SOFT, SOFT, "b"], ["a", HARD, "b"], id="two-blank-lines-are-hard"),
    pytest.param(["a", HARD, SOFT, "b"], ["a", HARD, "b"], id="blank-after-hard"),
    pytest.param(["a", SOFT, HARD, "b"], ["a", SOFT, HARD, "b"], id="hard-after-soft-stays"),
    pytest.param([SOFT, "a"], [SOFT, "a"], id="leading"),
])
def test_read_breaks(lines, expected):
    assert read_breaks(lines) == expected


@pytest.mark.parametrize(("lines", "text"), [
    pytest.param(["a", SOFT, "b"], "a\n\nb", id="soft"),
    pytest.param(["a", HARD, "b"], "a\n\n\nb", id="hard"),
    pytest.param(["a", SOFT, SOFT, PIPE, "b"], "a\n\n\nb", id="run-is-hard"),
    pytest.param([HARD, "a", SOFT], "a", id="no-edge-breaks"),
])
def test_write_lines(lines, text):
    assert write_lines(lines) == text


LINES = st.lists(st.sampled_from(["Kế hoạch", "Căn cứ Luật;", SOFT, HARD, PIPE]), max_size=20)


@given(LINES)
def test_written_lines_read_back_to_the_same_text(lines):
    text = write_lines(lines)
    assert write_lines(read_breaks(text.split("\n"))) == text


def test_chrome_is_counted_without_markers():
    stats = NormalizeStats()
    stats.count_chrome(["Chia sẻ", HARD, PIPE, "", "In bài"])
    assert (stats.chrome_lines, stats.chrome_chars) == (2, len("Chia sẻ") + len("In bài"))


def test_docstring_examples_run():
    result = doctest.testmod(breaks)
    assert result.attempted > 0 and result.failed == 0
