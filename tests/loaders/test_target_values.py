"""Which numbers are target values, and their comparator (target_values.py)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders.caseless import LoweredSpan, reverse_words
from policykg.loaders.target_values import (
    COMPARATOR_REVERSED_RE,
    COMPARATOR_TAIL_RE,
    LABEL_BEFORE_RE,
    LABEL_WORDS,
    PREFIX_WINDOW,
    VALUE_RE,
    drop_labels,
    find_numbers,
    find_values,
    read_comparator,
    read_value,
)


def values(text: str, kind: str = "objectives") -> list[tuple]:
    span = LoweredSpan(text, 0, len(text))
    return [(v.value, v.value_max, v.unit, v.comparator)
            for v in find_values(text, span, 0, len(text), [], kind)]


VALUES = [
    pytest.param("Tỷ lệ hộ nghèo còn dưới 1%, giảm 0,5%/năm", [(1.0, None, "%", "<"), (0.5, None, "%/năm", "=")],
                 id="percent-and-rate"),
    pytest.param("Báo cáo trước ngày 15 tháng 12 năm 2025", [], id="dates-are-labels"),
    pytest.param("Diện tích 320ha", [(320.0, None, "ha", "=")], id="measure-in-objectives"),
    pytest.param("Có 13 xã đạt chuẩn", [(13.0, None, "xã", "=")], id="count-after-trigger"),
    pytest.param("đạt 10-11%", [(10.0, 11.0, "%", "range")], id="range"),
    pytest.param("từ 90% trở lên", [(90.0, None, "%", ">=")], id="bound-after"),
    pytest.param("Không còn hộ đói", [(0.0, None, None, "=")], id="zero"),
    pytest.param("Trẻ em dưới 6 tuổi", [], id="age-qualifier"),
]


@pytest.mark.parametrize(("text", "expected"), VALUES)
def test_find_values(text: str, expected: list[tuple]) -> None:
    assert values(text) == expected


def test_measures_need_objectives_or_a_trigger() -> None:
    assert values("Cây lúa 320 tấn", kind="tasks") == []
    assert values("Cây lúa 320 tấn") == [(320.0, None, "tấn", "=")]
    assert values("Cây lúa đạt 320 tấn", kind="tasks") == [(320.0, None, "tấn", "=")]


COMPARATORS = [
    pytest.param("đạt không dưới ", ">=", id="khong-duoi"),
    pytest.param("cao hơn ", "=", id="comparative"),
    pytest.param("ĐẠT TRÊN ", ">", id="upper-case"),
    pytest.param("tối đa ", "<=", id="toi-da"),
    pytest.param("đạt ", "=", id="none"),
    pytest.param("không thấp hơn mức ", ">=", id="longest-with-filler"),
    pytest.param("ng thấp hơn ", "=", id="cut-word-comparative"),
    pytest.param("Tỷ lệ İ dưới ", "<", id="not-plain"),
]


@pytest.mark.parametrize(("before", "expected"), COMPARATORS)
def test_read_comparator(before: str, expected: str) -> None:
    assert read_comparator(LoweredSpan(before, 0, len(before)), 0, len(before)) == expected


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(["cao", "thấp", "ít", "tăng", "hơn", "không", "vượt", "quá", "tối",
                                 "đa", "trở", "xuống", "dưới", "nhất", "thiểu", "xấp", "xỉ", "gần",
                                 "trên", "từ", ">=", ">", "<", "=", "≥", "có", "đạt", "mức", "ng",
                                 "tỷ lệ", "5", " ", "  ", "\n", ","]),
                max_size=8).map("".join))
def test_the_reversed_comparator_finds_what_the_search_finds(before: str) -> None:
    forward = COMPARATOR_TAIL_RE.lowered.search(before)
    backward = COMPARATOR_REVERSED_RE.match(before[::-1])
    assert (backward.group("cmp")[::-1] if backward else None) == (
        forward.group("cmp") if forward else None)


def test_labels_are_refused() -> None:
    for text in ("Điều 5 khoản 2", "Nghị định số 150/2020/NĐ-CP", "1. Mục tiêu"):
        span = LoweredSpan(text, 0, len(text))
        m = VALUE_RE.search(text)
        assert read_value(text, span, m, 0, len(text)) is None, text


LABELLED = [
    pytest.param("1. Năm 2025 đạt 95%", 0, ["95"], id="year-label"),
    pytest.param("Điều 5. Tỷ lệ (2) đạt 90% và 80 xã", 0, ["90", "80"], id="article-bracket"),
    pytest.param("x; giai đoạn 2021 - 2025 có 13 xã", 3, ["13"], id="period-from-a-clause"),
    pytest.param("đạt 95%", 0, ["95"], id="no-label"),
    pytest.param("năm" + " " * 30 + "2025", 0, ["2025"], id="label-word-beyond-the-window"),
]


@pytest.mark.parametrize(("text", "start", "kept"), LABELLED)
def test_drop_labels(text: str, start: int, kept: list[str]) -> None:
    numbers = find_numbers(text, start, len(text))
    assert [m.group("num") for m in drop_labels(text, numbers, start)] == kept


def _labels_by_definition(text: str, numbers: list, start: int) -> list:
    """drop_labels as first written: each number's window before it, reversed on its own."""
    return [m for m in numbers
            if not LABEL_BEFORE_RE.ends(text, max(start, m.start() - PREFIX_WINDOW), m.start())]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["năm", "Năm", "số", "(", "[", "tỷ lệ", "đạt", " ", "  ", "\n", "2025",
                                 "95%", "1.", "13", "ngày", "lần thứ", "x", ";"]), max_size=14),
       st.integers(0, 10))
def test_drop_labels_reads_each_window_as_its_own(pieces: list[str], start: int) -> None:
    text = "".join(pieces)
    start = min(start, len(text))
    numbers = find_numbers(text, start, len(text))
    assert drop_labels(text, numbers, start) == _labels_by_definition(text, numbers, start)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["đạt", "số", "1.", "5", "95%", " ", ". ", "Tỷ lệ", ";", "năm 2025",
                                 "12-NQ/TU", "(1)", "\n", "x"]), max_size=14))
def test_a_clause_ending_where_the_scan_ended_needs_no_second_look_for_labels(
        pieces: list[str]) -> None:
    """find_values with ``scanned_to``: the same values, for the last clause and any other."""
    text = "".join(pieces)
    span = LoweredSpan(text, 0, len(text))
    numbers = drop_labels(text, find_numbers(text, 0, len(text)), 0)
    cut = text.find(";") if ";" in text else len(text)
    for c_start, c_end in ((0, cut), (min(cut + 1, len(text)), len(text))):
        own = [m for m in numbers if c_start <= m.start() < c_end]
        plain = find_values(text, span, c_start, c_end, [], "objectives", own)
        assert find_values(text, span, c_start, c_end, [], "objectives", own,
                           scanned_to=len(text)) == plain


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["năm", "NĂM", "Năm", "lần thứ", "Lần  thứ", "giai đoạn", "top", "TOP",
                                 "số", "Số", "kỳ", "nhiệm kỳ", "đạt", "(", "[", " ", "\n", "x", "2"]),
                max_size=8).map("".join))
def test_label_words_grouped_by_letter_match_as_the_plain_list(before: str) -> None:
    plain = re.compile(rf"\s*(?:{reverse_words(LABEL_WORDS)}(?!\w)|[(\[])", re.X | re.I)
    backwards = before[::-1]
    assert (LABEL_BEFORE_RE.reverse_caseless.match(backwards) is None) is (
        plain.match(backwards) is None)
