"""Task regions, units and sentences of the assignment extractor (assignment_units.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders.assignment_units import (
    _MARKER,
    _MARKER_FIRST,
    _SENTENCE_END,
    body_text,
    find_task_regions,
    split_sentences,
    split_units,
)
from policykg.loaders.sections import Section


def sentences_by_definition(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """split_sentences with _SENTENCE_END scanned at every position."""
    spans, cursor = [], start
    for match in _SENTENCE_END.finditer(text, start, end):
        if text[match.end()].isupper():
            spans.append((cursor, match.start()))
            cursor = match.end()
    spans.append((cursor, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


_PIECES = st.sampled_from([". ", "! ", "? ", ".", " ", "\n", "Sở", "sở", "1", "Đ", "x", ".\n", "“"])


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join), st.integers(0, 12), st.integers(0, 80))
def test_sentences_agree_with_the_pattern(text: str, start: int, length: int) -> None:
    start = min(start, len(text))
    end = min(len(text), start + length)
    assert split_sentences(text, start, end) == sentences_by_definition(text, start, end)


def test_units_join_hard_wraps_and_rank_markers() -> None:
    text = "1. Sở Y tế:\n- Chủ trì thực hiện\nkế hoạch.\n\n- Báo cáo kết quả.\n2.1. Sở Tài chính"
    units = list(split_units(text, 0, len(text)))
    assert [(text[u.body:u.end], u.rank) for u in units] == [
        ("Sở Y tế:", 1), ("Chủ trì thực hiện\nkế hoạch.", 7), ("Báo cáo kết quả.", 7), ("Sở Tài chính", 2)]
    body = body_text(text, units, 0, fallback="")  # "2.1." ranks below "1.": it is in the body
    assert body.startswith("Chủ trì thực hiện") and body.endswith("2.1. Sở Tài chính")


REGIONS = [
    pytest.param([("tasks", "NHIỆM VỤ", 10, 20)], [(10, 20)], id="task-kind"),
    pytest.param([("other", "Tổ chức thực hiện", 5, 9), ("other", "Kết quả", 9, 30)], [(5, 9)], id="task-title"),
    pytest.param([("preamble", "", 0, 4), ("closing", "Nơi nhận", 30, 40)], [(4, 30)], id="no-task-section"),
    pytest.param([("tasks", "", 0, 10), ("organization", "", 10, 15)], [(0, 15)], id="merged"),
]


@pytest.mark.parametrize(("spans", "expected"), REGIONS)
def test_find_task_regions(spans, expected) -> None:
    sections = [Section(str(i), title, a, b, kind) for i, (kind, title, a, b) in enumerate(spans)]
    assert find_task_regions("x" * 40, sections) == expected


def test_marker_first_characters_are_complete() -> None:
    """split_units skips _MARKER on a line opening with any other character: none could match."""
    tails = [". Sở", ") Sở", "1) Sở", "1. Sở", "I. Sở", " Sở", "(1) Sở", "- Sở"]
    missed = [c for c in map(chr, range(0x10000))
              if not (c in _MARKER_FIRST or c.isdecimal()) and not 0xD800 <= ord(c) <= 0xDFFF
              and any(_MARKER.match(c + tail) for tail in tails)]
    assert missed == []
