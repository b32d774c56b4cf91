"""Indicators and target spans (target_indicators.py)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders.caseless import LoweredSpan
from policykg.loaders.target_indicators import (
    INDICATOR_TAIL_RE,
    TAIL_WINDOW,
    _drop_tail,
    _tail_start,
    clean_indicator,
    find_indicator,
)
from policykg.loaders.target_values import Value

CLEAN = [
    pytest.param("- Phấn đấu đến năm 2025, tỷ lệ che phủ rừng đạt trên ", "tỷ lệ che phủ rừng", id="lead-and-tail"),
    pytest.param("Tỷ lệ hộ nghèo đến năm 2025 còn dưới ", "Tỷ lệ hộ nghèo", id="year-dropped"),
    pytest.param("a) đạt", None, id="too-short"),
    pytest.param("hộ nghèo phân đầu ", "hộ nghèo", id="typo-phan-dau"),
]


@pytest.mark.parametrize(("raw", "expected"), CLEAN)
def test_clean_indicator(raw: str, expected: str | None) -> None:
    assert clean_indicator(raw) == expected


def test_find_indicator_and_span() -> None:
    text = "- Tỷ lệ hộ nghèo đến năm 2025 còn dưới 1%;"
    value = Value(39, 41, 1.0, None, "%", "<", "%")
    assert find_indicator(text, LoweredSpan(text, 0, 42), value, 0, 41, 0, None) == ("Tỷ lệ hộ nghèo", (2, 41))
    words = "100% xã đạt chuẩn nông thôn mới"
    value = Value(0, 4, 100.0, None, "%", "=", "%")
    assert find_indicator(words, LoweredSpan(words, 0, 31), value, 0, 31, 0, None)[0] == "xã đạt chuẩn nông thôn mới"


_WORDS = st.lists(st.sampled_from(["đạt", "tỷ lệ", "tỷ", "lệ", "phân", "đầu", "phấn đấu", "ít nhất",
                                   "không quá", "tối đa", "ở mức", "duy trì", "hộ nghèo", "2025", ",",
                                   ":", "(", ".", " ", "  ", "\n", "-", "x", "còn", "không dưới",
                                   "dưới", "không", "mức", "ở", "phan đau", "đa", "tối"]),
                  max_size=12)


@settings(max_examples=2000, deadline=None)
@given(_WORDS.map(" ".join), st.integers(0, 60))
def test_tail_start_agrees_with_the_search(pre: str, pos: int) -> None:
    pos = min(pos, len(pre))
    assert _tail_start(pre, pos) == INDICATOR_TAIL_RE.lowered.search(pre, pos).start()


@settings(max_examples=300, deadline=None)
@given(_WORDS.map(" ".join))
def test_a_phrase_cut_at_its_tail_has_none_left(phrase: str) -> None:
    """clean_indicator's ``untailed`` shortcut: what precedes the leftmost tail has no tail."""
    phrase = phrase[:TAIL_WINDOW]
    raw = phrase[:_tail_start(phrase.lower(), 0)]
    assert _drop_tail(raw) == raw
    assert clean_indicator(raw, untailed=True) == clean_indicator(raw)


_YEARLESS = st.lists(st.sampled_from(["đạt", "tỷ lệ", "hộ nghèo", "đến năm", "năm 202", "so với",
                                      "giai đoạn 202-203", "vào", "95%", "1", ",", ";", " ", "xã"]),
                     max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_YEARLESS, _YEARLESS)
def test_yearless_shortcut_changes_nothing(before: str, after: str) -> None:
    """A clause without four digits in a row gets the same indicator and span with ``yearless``."""
    text = f"{before} đạt 95%{after}"
    assert re.search(r"\d{4}", text) is None
    v_start = len(before) + 5
    value = Value(v_start, v_start + 3, 95.0, None, "%", "=", "%")
    span = LoweredSpan(text, 0, len(text))
    expected = find_indicator(text, span, value, 0, len(text), 0, "x")
    assert find_indicator(text, span, value, 0, len(text), 0, "x", yearless=True) == expected
    assert clean_indicator(before, yearless=True) == clean_indicator(before)


def test_only_the_space_is_printable_whitespace() -> None:
    """clean_indicator and clean_unit skip collapsing spaces in a printable text without "  "."""
    spaces = [c for c in map(chr, range(0x110000)) if c.isspace() or re.match(r"\s", c)]
    assert [c for c in spaces if c.isprintable()] == [" "]


_HEADS = st.lists(st.sampled_from(["- ", "(1) ", "1.2. ", "a) ", "B) ", "Phấn đấu ", "PHẤN ĐẤU ", "Trong đó ",
                                   "cụ thể ", "Và ", "Chỉ tiêu 2: ", "MỤC TIÊU 3:", "Đảm bảo ", "tỷ lệ ",
                                   "hộ nghèo ", "vàng ", " ", "\n"]), max_size=8).map("".join)


@settings(max_examples=500, deadline=None)
@given(_HEADS)
def test_indicator_head_read_on_the_lowered_copy_as_with_re_i(head: str) -> None:
    text = f"{head}đạt 95%"
    value = Value(len(head) + 4, len(text), 95.0, None, "%", "=", "%")
    lowered = LoweredSpan(text, 0, len(text))
    cased = LoweredSpan(text, 0, len(text))
    cased.low = None  # as for a text that lowering would shift: the re.I pattern on the text
    assert find_indicator(text, lowered, value, 0, len(text), 0, None) == find_indicator(
        text, cased, value, 0, len(text), 0, None)
