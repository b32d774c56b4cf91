"""The words of assignments (assignment_patterns.py): every quick refusal is exact.

Each shortcut refuses a position or a sentence before the pattern runs; these tests check that it
never refuses one the pattern would match: first letters over every code point, first two
letters from the pattern's own syntax tree, keywords against random sentences.
"""

from __future__ import annotations

import re
import sys
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders import assignment_patterns as AP
from policykg.loaders.caseless import CASE_PLAIN_RE, LoweredSpan

ALL_CHARS = [chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF]


def prefixes(items, k: int) -> set[str]:
    """Lowercased strings of up to ``k`` characters a parsed pattern's matches can open with."""
    out = {""}
    for op, av in items:
        out = {p + q for p in out for q in (prefix_of(op, av, k - len(p)) if len(p) < k else {""})}
    return {p[:k] for p in out}


def prefix_of(op, av, k: int) -> set[str]:
    if op in (C.ASSERT, C.ASSERT_NOT, C.AT):
        return {""}
    if op == C.LITERAL:
        return {chr(av).lower()}
    if op == C.IN and all(o == C.LITERAL for o, _ in av):
        return {chr(a).lower() for _, a in av}
    if op == C.SUBPATTERN:
        return prefixes(av[3], k)
    if op == C.BRANCH:
        return set().union(*(prefixes(alt, k) for alt in av[1]))
    if op in (C.MAX_REPEAT, C.MIN_REPEAT):
        lo, hi, sub = av
        out, runs = set(), {""}
        for i in range(min(hi, k) + 1):
            if i >= lo:
                out |= runs
            runs = {(r + s)[:k] for r in runs for s in prefixes(sub, k)}
        return out | {r for r in runs if len(r) >= k}
    return {"*"}  # anything: the tests below refuse it


def parsed(pattern: re.Pattern[str]):
    return P.parse(pattern.pattern, pattern.flags)


def test_subject_prefixes_are_the_patterns_own() -> None:
    two = prefixes(parsed(AP.SUBJECT_START_RE), 2)
    assert all(len(p) == 2 and "*" not in p for p in two)
    assert two == set(AP.SUBJECT_PREFIXES)


def test_subject_openers_are_the_patterns_own() -> None:
    three = prefixes(parsed(AP.SUBJECT_START_RE), 3)  # "*": any character (a space)
    assert all("*" not in p[:2] for p in three)
    assert {p for p in three if len(p) == 3 and "*" not in p} == set(AP.SUBJECT_OPENERS)
    assert {p[:2] for p in three if len(p) < 3 or "*" in p} == set(AP.SUBJECT_SHORT_OPENERS)


@pytest.mark.parametrize(("pattern", "allowed"), [
    pytest.param(AP.SUBJECT_START_RE, AP.SUBJECT_FIRST_CHARS, id="subject"),
    pytest.param(AP.INTRO_RE, AP.INTRO_FIRST_CHARS, id="intro"),
])
def test_first_characters_cover_every_case_form(pattern, allowed) -> None:
    first = prefixes(parsed(pattern), 1)
    assert "*" not in first
    letters = re.compile("[" + "".join(sorted(first)) + "]", re.I)
    assert [c for c in ALL_CHARS if letters.fullmatch(c) and c not in allowed] == []


SUBJECTS = ["Sở Y tế", "UBND các xã", "Ủy ban", "Các phòng", "Thủ trưởng các sở", "Giám đốc, Thủ trưởng các sở",
            "Xây dựng", "Tăng cường", "Triển khai", "Chủ trì", "Thủ tục", "Việc", "KHO BẠC", "công an", "Cục Thuế",
            "cục thuế", "Bộ Công an", "bộ phận", "Tòa án", "Trường học", "ſở", "Kho", "S", ""]


AGENCY_HEADS = [
    pytest.param("Chi cục Hải quan khu vực V", "Chi cục", id="chi-cuc-small-c"),
    pytest.param("Tổng cục Thống kê", "Tổng cục", id="tong-cuc-small-c"),
    pytest.param("Cục Thuế tỉnh", "Cục", id="cuc-capital"),
    pytest.param("cục bộ địa phương", None, id="cuc-bo-common-word"),
]


@pytest.mark.parametrize(("text", "head"), AGENCY_HEADS)
def test_agency_heads(text: str, head: str | None) -> None:
    found = AP.match_subject_start(text, 0, len(text))
    assert (found.group(0) if found else None) == head


@pytest.mark.parametrize("text", SUBJECTS)
def test_match_subject_start_agrees(text: str) -> None:
    want = AP.SUBJECT_START_RE.match(text, 0, len(text))
    for low in (None, LoweredSpan(text, 0, len(text))):
        got = AP.match_subject_start(text, 0, len(text), low)
        assert (got and got.span()) == (want and want.span())


TITLES = [
    pytest.param("TỔ CHỨC THỰC HIỆN", True, id="upper-case"),
    pytest.param("Phân công nhiệm vụ", True, id="phan-cong"),
    pytest.param("Giao Sở Y tế chủ trì", True, id="starts-with-giao"),
    pytest.param("Sở X chủ trì, phối hợp", True, id="chu-tri"),
    pytest.param("xchủ trì", False, id="chu-tri-inside-a-word"),
    pytest.param("Mục tiêu cụ thể", False, id="objectives"),
    pytest.param("Ban giao nhiệm", False, id="giao-not-at-start"),
    pytest.param("III. GIẢI PHÁP THỰC HIỆN", True, id="giai-phap"),
    pytest.param("Trách nhiệm\ncủa các cơ quan", True, id="trach-nhiem-wrapped"),
    pytest.param("Nhiệm  vụ trọng tâm", True, id="nhiem-vu-two-spaces"),
    pytest.param("Công tác phối hợp và pháp chế", False, id="keys-without-words"),
    pytest.param("chủ trìx", False, id="chu-tri-before-a-letter"),
]


@pytest.mark.parametrize(("title", "expected"), TITLES)
def test_is_task_title(title: str, expected: bool) -> None:
    assert AP.is_task_title(title) is expected
    assert bool(AP.TASK_TITLE_RE.search(title)) is expected


_WORDS = st.lists(st.sampled_from(
    "tổ chức thực hiện phân công nhiệm vụ giải pháp trách chủ trì giao đề nghị yêu cầu nếu phối hợp "
    "với cơ quan đơn vị Giao ĐỀ NGHỊ Yêu cầu NẾU Phối hợp sự tác được : ; , . İ x xchủ Nếu "
    "TỔ CHỨC THỰC HIỆN".split(" ")), max_size=12).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(_WORDS)
def test_is_task_title_agrees_with_the_pattern(title: str) -> None:
    assert AP.is_task_title(title) == bool(AP.TASK_TITLE_RE.search(title))


@settings(max_examples=500, deadline=None)
@given(_WORDS)
def test_keywords_are_in_every_match(sentence: str) -> None:
    if not CASE_PLAIN_RE.fullmatch(sentence):
        return  # keywords are looked for on plain text only
    low = sentence.lower()
    if AP.CONDITIONAL_RE.search(sentence):
        assert AP.CONDITIONAL_KEY in low
    if AP.COORDINATE_RE.search(sentence):
        assert AP.COORDINATE_KEY in low
    if AP.LABELLED_RE.search(sentence):
        assert ":" in low and any(k in low for k in AP.LABELLED_KEYS)
    if AP.TRIGGER_RE.search(sentence):
        assert any(k in low for k in AP.TRIGGER_KEYS)


@settings(max_examples=500, deadline=None)
@given(_WORDS, st.integers(0, 20), st.integers(0, 200))
def test_lowercase_scans_agree_with_the_patterns(sentence: str, start: int, length: int) -> None:
    """trigger_matches and not_in_subject, read on the lowercase copy, find what the patterns do."""
    text = "Giao Sở Y tế, được giao; đề nghị UBND " + sentence
    start = min(start, len(text))
    end = min(len(text), start + length)
    for low in (None, LoweredSpan(text, 0, len(text))):
        assert [m.span() for m in AP.trigger_matches(text, start, end, low)] == [
            m.span() for m in AP.TRIGGER_RE.finditer(text, start, end)]
        assert AP.not_in_subject(text, start, end, low) == bool(
            AP.NOT_IN_SUBJECT_RE.search(text, start, end))


_FLAT_BOUNDARY = re.compile(
    AP.BOUNDARY_RE.pattern.replace(AP._VERBS, "|".join(AP._VERB_WORDS)), re.X)
_VERB_TEXT = st.lists(st.sampled_from(
    "UBND|các|tổ chức|tổ chức chính trị|Các tổ chức|tổ chức, đơn vị|giúp|giúp đỡ|chủ trì|phối hợp|"
    "thực hiện|:|(|(chủ trì)|,|Sở Y tế|cần|tổng hợp|x".split("|")), max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(_VERB_TEXT)
def test_verbs_grouped_by_letter_match_as_listed(text: str) -> None:
    want, got = _FLAT_BOUNDARY.search(text), AP.BOUNDARY_RE.search(text)
    assert (got and (got.span(), got.lastgroup, got.span("verb"))) == (
        want and (want.span(), want.lastgroup, want.span("verb")))


#: BOUNDARY_RE as its four branches read their first character themselves: the reference for the
#: pattern that reads that character first and tells the branch by a lookbehind.
_BRANCH_BOUNDARY = re.compile(
    rf"""
    \s*:
  | [ \t]*\n (?=(?:Chủ\s+trì|Phối\s+hợp)(?!\w))
  | \s*\((?=chủ\s+trì|phối\s+hợp)
  | ,?\s+ (?P<verb> (?:{AP._VERBS}) ) (?!\w)
    """,
    re.X,
)
_BOUNDARY_TEXT = st.lists(st.sampled_from(
    "UBND|các xã|:| :|  :|(|(chủ trì)| (phối hợp)|,|, |  |\n|\t\n|\nChủ trì|\nPhối hợp|Chủ trì|"
    "khẩn trương|chủ trì|,phối hợp|Sở Y tế|x".split("|")), max_size=10).map("".join)


def _boundary(match: re.Match[str] | None) -> tuple | None:
    return match and (match.span(), match.span("verb"))


@pytest.mark.parametrize(("text", "start"), [
    pytest.param("Sở Y tế: Chủ trì", 0, id="colon"),
    pytest.param("Sở Y tế  : Chủ trì", 0, id="colon-after-spaces"),
    pytest.param("Các cơ quan trực thuộc Bộ \nChủ trì, phối hợp", 0, id="heading-line"),
    pytest.param("Các cơ quan trực thuộc Bộ\nPhối hợp", 0, id="bare-line-break"),
    pytest.param("Giao Sở Y tế (chủ trì) thực hiện", 0, id="paren"),
    pytest.param("Giao Sở Y tế(phối hợp)", 0, id="paren-glued"),
    pytest.param("UBND các xã, khẩn trương triển khai", 0, id="comma-verb"),
    pytest.param("UBND các xã  khẩn trương", 0, id="spaces-verb"),
    pytest.param("UBND các xã,khẩn trương", 0, id="comma-glued-verb-none"),
    pytest.param("Sở Y tế tổ chức thực hiện", 3, id="search-from-inside"),
    pytest.param("Hội Nông dân", 0, id="none"),
])
def test_boundary_matches_its_branches(text: str, start: int) -> None:
    assert _boundary(AP.BOUNDARY_RE.search(text, start)) == _boundary(
        _BRANCH_BOUNDARY.search(text, start))


@settings(max_examples=400, deadline=None)
@given(_BOUNDARY_TEXT, st.integers(0, 8))
def test_boundary_matches_its_branches_anywhere(text: str, start: int) -> None:
    assert _boundary(AP.BOUNDARY_RE.search(text, start)) == _boundary(
        _BRANCH_BOUNDARY.search(text, start))


_OPENER_WORDS = tuple(sorted(AP.SUBJECT_OPENERS | AP.SUBJECT_SHORT_OPENERS, key=len, reverse=True))


@pytest.mark.parametrize(("words", "text", "found"), [
    pytest.param(("ubn", "uy", "sở"), "ủy, ubnd", "ubn", id="first-match-in-text-order"),
    pytest.param(("các", "chi", "cục"), "chỉ chi", "chi", id="one-letter-several-words"),
    pytest.param(("tổng", "tổ"), "tổng cục", "tổng", id="order-kept-in-a-letter"),
    pytest.param(("tổ", "tổng"), "tổng cục", "tổ", id="order-kept-the-other-way"),
    pytest.param(("sở",), "so sánh", None, id="none"),
])
def test_by_first_letter_matches_as_listed(words, text, found):
    match = re.search(f"(?:{AP.by_first_letter(words)})", text)
    assert (match and match.group()) == found


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_OPENER_WORDS, " ", ",", ", ", "- ", "x", "th"]), max_size=10)
       .map("".join))
def test_openers_grouped_by_letter_match_as_listed(text: str) -> None:
    flat = re.compile(f"(?:{'|'.join(_OPENER_WORDS)})")
    grouped = re.compile(f"(?:{AP.by_first_letter(_OPENER_WORDS)})")
    assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in flat.finditer(text)]
