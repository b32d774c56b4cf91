"""Paragraphs, sentences, clauses and masked zones of the target extractor (target_segments.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders.caseless import LoweredSpan
from policykg.loaders.target_segments import (
    RANK_KEYS,
    RANK_RE,
    SENTENCE_END_RE,
    SPACE_BEFORE_NEWLINE_RE,
    WORD_COUNT_RE,
    _matching_paren,
    find_quoted_titles,
    find_ranks,
    find_word_counts,
    find_zones,
    has_number,
    has_word_value,
    para_break_re,
    split_clauses,
    split_paragraphs,
    split_sentences,
)


def paragraphs_by_definition(text: str) -> list[tuple[int, int]]:
    """The paragraphs between para_break_re() matches, scanned at every position."""
    out, start = [], 0
    for m in para_break_re().finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


_PIECES = st.sampled_from(["\n", "\n\n", " \n", "\t\n", ". ", ";", ":", "- ", "+ ", "(1) ", "1. ",
                           "2.1. ", "a) ", "II. ", "NHIỆM VỤ ", "đạt 95%", "tỷ lệ", "Mục tiêu", " ", "x"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=30).map("".join))
def test_paragraphs_agree_with_the_break_pattern(text: str) -> None:
    assert split_paragraphs(text) == paragraphs_by_definition(text)


PARAGRAPHS = [
    pytest.param("Mục tiêu:\nđạt 95%.", ["Mục tiêu:", "đạt 95%."], id="lead-in-colon"),
    pytest.param("Tỷ lệ hộ nghèo\ncòn dưới 1%", ["Tỷ lệ hộ nghèo\ncòn dưới 1%"], id="hard-wrap-joined"),
    pytest.param("a\n\nB", ["a", "B"], id="blank-line"),
    pytest.param("a. \n- b", ["a.", "- b"], id="space-after-stop-before-newline"),
]


@pytest.mark.parametrize(("text", "expected"), PARAGRAPHS)
def test_split_paragraphs(text: str, expected: list[str]) -> None:
    assert [text[a:b] for a, b in split_paragraphs(text)] == expected


def test_sentences_and_clauses() -> None:
    text = "Đạt 95%; giảm 2%. Tỷ lệ 90%."
    assert [text[a:b] for a, b in split_sentences(text, 0, len(text))] == ["Đạt 95%; giảm 2%.", " Tỷ lệ 90%."]
    assert [text[a:b] for a, b in split_clauses(text, 0, 17)] == ["Đạt 95%", " giảm 2%."]


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("Không còn hộ đói", True, id="khong-con"),
    pytest.param("năm 2025", True, id="digit"),
    pytest.param("Mục tiêu chung", False, id="none"),
    pytest.param("không  còn", True, id="spaces"),
])
def test_has_number(text: str, expected: bool) -> None:
    assert has_number(text, 0, len(text)) is expected


ZONES = [
    pytest.param("Đạt 97,5% (cụ thể: năm 2020 đạt 94,5%).", ["(cụ thể: năm 2020 đạt 94,5%)"], id="paren"),
    pytest.param("Đạt 15 ha; trong đó: năm 2020, 2,0 ha", ["trong đó: năm 2020, 2,0 ha"], id="trong-do"),
    pytest.param("Đạt 95% (cụ thể: các xã).", [], id="no-year-no-zone"),
    pytest.param("TRONG ĐÓ: NĂM 2020 đạt 5%", ["TRONG ĐÓ: NĂM 2020 đạt 5%"], id="upper-case"),
]


@pytest.mark.parametrize(("text", "expected"), ZONES)
def test_find_zones(text: str, expected: list[str]) -> None:
    span = LoweredSpan(text, 0, len(text))
    for zones in (find_zones(text, 0, len(text)), find_zones(text, 0, len(text), span)):
        assert [text[a:b] for a, b in zones] == expected


def closing_paren_by_definition(text: str, open_at: int, end: int) -> int:
    """One past the ")" closing ``text[open_at]``, read character by character."""
    depth = 0
    for i in range(open_at, end):
        depth += {"(": 1, ")": -1}.get(text[i], 0)
        if text[i] == ")" and depth == 0:
            return i + 1
    return end


_ZONE_PIECES = st.sampled_from(["(", ")", "((", "))", "cụ thể: ", "năm 2020 ", "đạt 94,5%", "; ", "x"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_ZONE_PIECES, max_size=25).map(lambda ps: "(" + "".join(ps)), st.integers(0, 5))
def test_zone_end_is_the_matching_paren(text: str, cut: int) -> None:
    end = max(1, len(text) - cut)
    assert _matching_paren(text, 0, end) == closing_paren_by_definition(text, 0, end)


ZONE_ENDS = [
    pytest.param("(cụ thể: năm 2020 (dự kiến) đạt 94,5%) và 95%", "(cụ thể: năm 2020 (dự kiến) đạt 94,5%)",
                 id="nested"),
    pytest.param("(cụ thể: năm 2020 đạt 94,5%; năm 2021 đạt 95%", "(cụ thể: năm 2020 đạt 94,5%; năm 2021 đạt 95%",
                 id="unclosed-to-the-end"),
]


@pytest.mark.parametrize(("text", "expected"), ZONE_ENDS)
def test_zone_ends(text: str, expected: str) -> None:
    assert text[:_matching_paren(text, 0, len(text))] == expected


def test_quoted_titles_mask_their_numbers() -> None:
    text = 'Thực hiện đề án "Đầu tư ít nhất 01 triệu căn hộ" đạt 5%'
    assert [text[a:b] for a, b in find_quoted_titles(text, 0, len(text))] == [
        'đề án "Đầu tư ít nhất 01 triệu căn hộ"']
    assert find_quoted_titles("Đạt 5%", 0, 6) == []


WORD_VALUES = [
    pytest.param("Có ít nhất một cơ sở y tế", True, id="count-in-words"),
    pytest.param("Ít nhất hai trường học", True, id="minimum-sentence-case"),
    pytest.param("ÍT NHẤT HAI TRƯỜNG HỌC", False, id="all-capitals-not-read"),
    pytest.param("tối thiểu hai trường học", False, id="toi-thieu-takes-digits"),
    pytest.param("Không còn hộ đói", True, id="khong-con"),
    pytest.param("ít nhất một trong các dịch vụ", False, id="one-of-no-noun"),
    pytest.param("hiệu quả tốt nhất cho người dân", False, id="tot-nhat"),
    pytest.param("Mục tiêu", False, id="plain"),
]


@pytest.mark.parametrize(("text", "expected"), WORD_VALUES)
def test_has_word_value(text: str, expected: bool) -> None:
    assert has_word_value(text, 0, len(text)) is expected


def test_word_counts_found_where_their_keys_are() -> None:
    text = "Xây dựng ít nhất hai trường học và ít nhất một bệnh viện"
    found = [(m.group("num"), m.start("num")) for m in find_word_counts(text, 0, len(text))]
    assert found == [("hai", text.index("hai")), ("một", text.index("một"))]
    assert [m.span() for m in find_word_counts(text, 0, len(text))] == [
        m.span() for m in WORD_COUNT_RE.finditer(text)]


RANKS = [
    pytest.param("thuộc nhóm 4 nước dẫn đầu ASEAN", [("group", "4")], id="group-leading"),
    pytest.param("Top 50 trường đại học", [("top", "50")], id="top-sentence-case"),
    pytest.param("nhóm 2 đối tượng", [], id="group-without-leading"),
    pytest.param("TOP 10 doanh nghiệp", [], id="capitals-not-read"),
    pytest.param("Đạt 95%", [], id="no-key"),
]


@pytest.mark.parametrize(("text", "expected"), RANKS)
def test_find_ranks(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_ranks(text, 0, len(text))
    assert [("top", m.group("top")) if m.group("top") else ("group", m.group("group"))
            for m in found] == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["nhóm", "Nhóm", "NHÓM", "top", "Top", "stop", "hóm", "op", " 4 ",
                                 "nước", "dẫn đầu", " ", "x"]), max_size=10), st.data())
def test_find_ranks_refuses_only_ranges_without_a_key(pieces: list[str], data: st.DataObject) -> None:
    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    keyed = any(text.find(key, start, end) != -1 for key in RANK_KEYS)
    expected = [m.span() for m in RANK_RE.finditer(text, start, end)] if keyed else []
    assert [m.span() for m in find_ranks(text, start, end)] == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([" ", "\t", "\n", "\r\n", "x", ".", "\u00a0", "đạt"]), max_size=12).map("".join))
def test_space_before_newline_found_from_the_newline(text: str) -> None:
    expected = " \n" in text or "\t\n" in text
    assert (SPACE_BEFORE_NEWLINE_RE.search(text) is not None) is expected


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from([". ", "! ", "? ", ".\n", "Tỷ lệ", "đạt 95%", "“", '"', "1.234", " ", "x",
                                 "Đạt"]), max_size=12).map("".join), st.integers(0, 5))
def test_sentences_cut_as_at_every_end_mark(text: str, start: int) -> None:
    start = min(start, len(text))
    ends = [m.end() for m in SENTENCE_END_RE.finditer(text, start, len(text))]
    assert split_sentences(text, start, len(text)) == list(zip([start, *ends], [*ends, len(text)]))
