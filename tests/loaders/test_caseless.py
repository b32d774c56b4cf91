"""The case-folding shortcuts (loaders/caseless.py) and the word patterns that use them.

Every shortcut must give exactly what the plain case-insensitive pattern gives: lowercase text
instead of ``re.I`` (exact on CASE_PLAIN_RE characters), a pattern read backwards instead of a
search for a tail, a twin pattern written for a fast scan, a quick refusal before a search.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders import (
    agency_lists,
    assignment_patterns,
    target_indicators,
    target_rules,
    target_segments,
    target_values,
)
from policykg.loaders.caseless import (
    CASE_PLAIN_RE,
    Caseless,
    LoweredSpan,
    forward_words,
    reverse_words,
)

CASELESS = {
    "COMPARATOR_TAIL_RE": target_values.COMPARATOR_TAIL_RE,
    "TRIGGER_TAIL_RE": target_values.TRIGGER_TAIL_RE,
    "LABEL_BEFORE_RE": target_values.LABEL_BEFORE_RE,
    "PAST_RE": target_rules.PAST_RE,
    "BUDGET_RE": target_rules.BUDGET_RE,
    "SETS_RE": target_rules.SETS_RE,
    "NO_TARGET_RE": target_rules.NO_TARGET_RE,
    "RULE_WORDS_RE": target_rules.RULE_WORDS_RE,
    "INDICATOR_TAIL_RE": target_indicators.INDICATOR_TAIL_RE,
    "ZONE_OPEN_RE": target_segments.ZONE_OPEN_RE,
    "QUOTED_TITLE_RE": target_segments.QUOTED_TITLE_RE,
}
#: Every lowercase word matched on lowered text instead of with re.I, anywhere in the loaders.
LOWERED_WORDS = (
    [p.lowered.pattern for p in CASELESS.values()]
    + [assignment_patterns.TASK_TITLE_RE.pattern.lower(), agency_lists._COMPOUND_LOWER.pattern]
    + list(assignment_patterns.SUBJECT_PREFIXES)
    + list(assignment_patterns.TRIGGER_KEYS + assignment_patterns.LABELLED_KEYS)
    + [assignment_patterns.CONDITIONAL_KEY, assignment_patterns.COORDINATE_KEY]
)
PLAIN = [chr(i) for i in range(0x2400) if CASE_PLAIN_RE.fullmatch(chr(i))]


@pytest.mark.parametrize("name", sorted(CASELESS))
def test_caseless_pattern_letters_are_lowercase(name: str) -> None:
    """The lowered twin needs lowercase letters; an uppercase one only in a class with its lowercase."""
    source = re.sub(r"\(\?P[<=]", "(", CASELESS[name].lowered.pattern)  # named groups
    classes = re.findall(r"\[(?:\\.|[^\]])*\]", source)
    rest = re.sub(r"\\.", "", re.sub(r"\[(?:\\.|[^\]])*\]", "", source))
    assert not [c for c in rest if c != c.lower()]
    for cls in classes:
        assert all(c.lower() in cls for c in re.sub(r"\\.", "", cls) if c != c.lower())


def test_plain_characters_fold_like_re_ignorecase() -> None:
    """On CASE_PLAIN_RE characters, re.I is equality of one-character lowercase forms."""
    letters = {c for word in LOWERED_WORDS for c in word if c.isalpha() and c == c.lower()}
    assert not CASE_PLAIN_RE.fullmatch("İ") and not CASE_PLAIN_RE.fullmatch("ſ")
    for x in PLAIN:
        low = x.lower()
        assert len(low) == 1 and low.lower() == low, x
        for e in letters:
            assert bool(re.fullmatch(re.escape(e), x, re.I)) == (low == e), (x, e)
        for cls in (r"\w", r"\s", r"\d", r"[^\W\d_]"):
            assert bool(re.fullmatch(cls, x)) == bool(re.fullmatch(cls, low)), (x, cls)


SPANS = [
    pytest.param("Tỷ lệ ĐẠT 95%", 0, 13, 6, 9, "đạt", id="plain-lowered"),
    pytest.param("xx Hộ NGHÈO", 3, 11, 6, 11, "nghèo", id="base-one-before-start"),
    pytest.param("İstanbul đạt", 0, 12, 9, 12, None, id="not-plain-no-copy"),
]


@pytest.mark.parametrize(("text", "start", "end", "a", "b", "expected"), SPANS)
def test_lowered_span_slices(text, start, end, a, b, expected) -> None:
    assert LoweredSpan(text, start, end).lower_slice(a, b) == expected


def test_forward_and_reverse_words() -> None:
    assert forward_words(["lần thứ", "năm"]) == r"(?:lần\s+thứ|năm)"
    assert reverse_words(["lần thứ", "năm"]) == r"(?:ứht\s+nầl|măn)"


# ---------------------------------------------------------------- shortcuts agree with re.I

_BEFORE = st.lists(st.sampled_from(
    "năm ngày Năm NĂM số mức độ lần  thứ đạt ĐẠT chuẩn quốc gia đạt: là còn trên hơn không quá "
    "tối đa cao hơn có bằng xấp xỉ tăng duy trì ( [ : > ≥ = 5 % , . İ ı ſ K Ư - \n tỷ lệ x"
    .split(" ")), max_size=10).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_BEFORE)
def test_backward_tails_agree_with_the_search(before: str) -> None:
    span = LoweredSpan(before, 0, len(before))
    for pattern in (target_values.LABEL_BEFORE_RE, target_values.TRIGGER_TAIL_RE):
        want = bool(pattern.caseless.search(before))
        assert pattern.ends_slice(span, 0, len(before)) == want
        assert pattern.ends(before, 0, len(before)) == want


@settings(max_examples=400, deadline=None)
@given(_BEFORE)
def test_comparator_quick_refusal_agrees(before: str) -> None:
    pattern = target_values.COMPARATOR_TAIL_RE
    span = LoweredSpan(before, 0, len(before))
    got = pattern.search_slice(span, 0, len(before))
    want = pattern.caseless.search(before)
    assert (got and got.span(), got and got.group("cmp").lower()) == (
        want and want.span(), want and want.group("cmp").lower())


_CLAUSE = st.lists(st.sampled_from(
    "đã đạt được cùng kỳ ước thực hiện thực hiện được kinh phí tổng vốn tiết kiệm chi quỹ đất "
    "bố trí vốn phân bổ ĐÃ ĐẠT xđã Cùng  Kỳ 95% , x İ nhu cầu sử dụng đất vốn thu ngân sách "
    "Ngân Sách trung ương địa phương ngoài mức phụ cấp chi MỨC hỗ trợ khoán nguyên giá giá trị "
    "đánh lại xét tặng tối đa thang điểm trường hợp nếu Nếu xnếu nếux có thể điều chỉnh tổng "
    "\n ; - ( -trường ;ngân (vốn xtrường xngân xvốn".split(" ")), max_size=12).map(" ".join)
#: Each pattern that is one scan of others, and those others.
_UNIONS = [
    ("NO_TARGET_RE", ("PAST_RE", "BUDGET_RE", "_PERMISSION")),
    ("RULE_WORDS_RE", ("NO_TARGET_RE", "SETS_RE")),
]
_PERMISSION = re.compile(target_rules._PERMISSION_PATTERN, re.I)


@settings(max_examples=600, deadline=None)
@given(_CLAUSE, st.integers(0, 5))
def test_fast_twins_agree(clause: str, cut: int) -> None:
    text = "Mục tiêu: " + clause
    start = min(len(text), 10 + cut)
    span = LoweredSpan(text, 0, len(text))
    found = {"_PERMISSION": _PERMISSION.search(text, start, len(text)) is not None}
    for name in ("PAST_RE", "BUDGET_RE", "SETS_RE", "NO_TARGET_RE", "RULE_WORDS_RE"):
        pattern = CASELESS[name]
        want = pattern.caseless.search(text, start, len(text)) is not None
        assert pattern.found_in_span(span, start, len(text)) == want, name
        assert pattern.found_in(text, start, len(text)) == want, name
        if CASE_PLAIN_RE.fullmatch(text):  # every match, where lowering keeps the offsets
            assert ([m.span() for m in pattern.fast.finditer(text.lower(), start)]
                    == [m.span() for m in pattern.caseless.finditer(text, start)]), name
        found[name] = want
    for union, parts in _UNIONS:
        assert found[union] == any(found[p] for p in parts), union


def test_caseless_keeps_ignorecase_for_other_text() -> None:
    pattern = Caseless(r"\bđạt\s*$")
    assert pattern.search("İ ĐẠT ") is not None  # not plain: the re.I pattern answers
    assert pattern.search("tỷ lệ đạt") is not None


_PARAGRAPH = st.lists(st.sampled_from(
    "( cụ thể : CỤ  THỂ trong đó TRONG ĐÓ năm 2020 NĂM 2021 đề án Đề Án chương trình \" “ ” x đạt "
    "İ ſ K 5% \n".split(" ")), max_size=16).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_PARAGRAPH, st.integers(0, 4))
def test_span_scans_agree_with_the_caseless_scan(paragraph: str, cut: int) -> None:
    text = "Mục tiêu: " + paragraph
    start = min(len(text), 8 + cut)
    span = LoweredSpan(text, start, len(text))
    for pattern in (target_segments.ZONE_OPEN_RE, target_segments.QUOTED_TITLE_RE):
        want = [m.span() for m in pattern.caseless.finditer(text, start, len(text))]
        assert pattern.spans_in_span(span, start, len(text)) == want
