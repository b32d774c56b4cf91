"""Roles read from one sentence (assignment_roles.py) and the screens before them
(assignment_screen.py): the quick refusal misses none."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders.assignment_patterns import TRIGGER_RE
from policykg.loaders.assignment_roles import (
    find_heading_agencies,
    find_sentence_roles,
    heading_end,
    may_trigger,
)
from policykg.loaders.assignment_screen import may_assign, unit_may_assign
from policykg.loaders.assignment_units import split_sentences, split_units
from policykg.loaders.caseless import LoweredSpan

ROLES = [
    pytest.param("Sở Y tế chủ trì, phối hợp với Sở Tài chính thực hiện.",
                 [("Sở Y tế", "lead"), ("Sở Tài chính", "support")], id="lead-and-support"),
    pytest.param("Đề nghị Ủy ban MTTQ tăng cường tuyên truyền.", [("Ủy ban MTTQ", "requested")], id="requested"),
    pytest.param("Nếu có vướng mắc, các đơn vị báo cáo.", [], id="conditional"),
    pytest.param("Cơ quan chủ trì: Sở Nội vụ.", [("Sở Nội vụ", "lead")], id="labelled"),
    pytest.param("Tăng cường công tác tuyên truyền.", [], id="no-agency"),
]


@pytest.mark.parametrize(("text", "expected"), ROLES)
def test_find_sentence_roles(text: str, expected: list[tuple[str, str]]) -> None:
    low = LoweredSpan(text, 0, len(text))
    for copy in (None, low):
        assert [(text[s:e], r) for s, e, r, _ in find_sentence_roles(text, 0, len(text), copy)] == expected
    assert may_assign(text, 0, len(text), low) or not expected


_WORDS = st.lists(st.sampled_from(
    "Sở Y tế|UBND các xã|các sở, ban, ngành|chủ trì|phối hợp với|Giao|Đề nghị|Yêu cầu|nếu|thực hiện|"
    "Trên cơ sở|Căn cứ|,|;|:|.|Cơ quan chủ trì:|Tăng cường|Thủ trưởng|- |\n|x|Phòng|TRIỂN KHAI".split("|")),
    max_size=14).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(_WORDS)
def test_refused_sentences_assign_nothing(text: str) -> None:
    low = LoweredSpan(text, 0, len(text))
    found = list(find_sentence_roles(text, 0, len(text)))
    assert list(find_sentence_roles(text, 0, len(text), low)) == found
    if not may_assign(text, 0, len(text), low):
        assert found == []


_UNIT_WORDS = st.lists(st.sampled_from(
    "Sở Y tế|UBND các xã|các sở, ban, ngành|chủ trì|phối hợp với|Giao|Đề nghị|Yêu cầu|nếu|Nếu|"
    "thực hiện|Trên cơ sở|trên cơ sở|Căn cứ|Trong|,|;|:|.|!|Cơ quan chủ trì:|Tăng cường|Thủ trưởng|"
    "- |\n|\n- |\n1. |x|Phòng|TRIỂN KHAI|Hội|Ban|Bộ|Công an|các đơn vị|. Sở Tài chính|"
    ". Trong năm|Tổ chức|Tham mưu|Các nhiệm vụ|chủ động|Đơn vị phối hợp:|Cơ quan thực hiện:|"
    "các xã_|*|sự phối hợp|phối hợp giữa|?|Ban hành|Phòng, chống|\n9. Đề nghị|xã_|_".split("|")),
    max_size=16).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(_UNIT_WORDS)
def test_refused_units_assign_nothing(text: str) -> None:
    """A unit unit_may_assign refuses has no heading agencies and no sentence assigns."""
    low = LoweredSpan(text, 0, len(text))
    for unit in split_units(text, 0, len(text)):
        if unit_may_assign(text, unit, low):
            continue
        assert find_heading_agencies(text, unit, low) is None
        for start, end in split_sentences(text, unit.body, unit.end):
            assert find_sentence_roles(text, start, end, low) == []


UNITS = [
    pytest.param("1. Trên cơ sở kết quả rà soát, Sở Y tế thực hiện.", True, id="intro-comma"),
    pytest.param("1. Tăng cường tuyên truyền. Trong năm, UBND các xã triển khai.", True,
                 id="later-intro"),
    pytest.param("1. Tăng cường tuyên truyền; Sở Y tế thực hiện.", True, id="semicolon"),
    pytest.param("1. Tăng cường tuyên truyền, Sở Y tế thực hiện.", False, id="comma-without-intro"),
    pytest.param("1. Tăng cường công tác tuyên truyền.", False, id="no-agency"),
    # An agency's first letters that open no agency: the pattern itself is tried there.
    pytest.param("1. Tổ chức quán triệt Nghị quyết.", False, id="heading-letters-only"),
    pytest.param("- Tham mưu cơ chế, chính sách. Các nhiệm vụ cụ thể.", False,
                 id="sentence-letters-only"),
    pytest.param("- Tăng cường tuyên truyền; các nhiệm vụ khác.", False, id="clause-letters-only"),
    pytest.param("- Tăng cường phối hợp giữa các ngành.", False, id="coordination-without-agency"),
    pytest.param("a) Về công nghiệp: Tập trung giải phóng mặt bằng, chủ động nguồn vốn.", False,
                 id="colon-without-label"),
    pytest.param("- Đơn vị phối hợp: Sở Tài chính.", True, id="labelled-support"),
    pytest.param("- Cơ quan thực hiện: Sở Nội vụ, các sở, ban, ngành.", True, id="role-label"),
    pytest.param("- Giao Sở Y tế thực hiện.", True, id="trigger"),
    pytest.param("2.12. UBND các xã, thị trấn:", True, id="heading"),
    # A heading's list is read without the marks closing its line, "_" among them.
    pytest.param("2. Các xã_", True, id="heading-closed-by-markup"),
    pytest.param("9. Đề nghị các xã_", True, id="request-heading-closed-by-markup"),
]


@pytest.mark.parametrize(("text", "assigns"), UNITS)
def test_unit_may_assign(text: str, assigns: bool) -> None:
    low = LoweredSpan(text, 0, len(text))
    (unit,) = split_units(text, 0, len(text))
    roles = [r for s, e in split_sentences(text, unit.body, unit.end)
             for r in find_sentence_roles(text, s, e, low)]
    heading = find_heading_agencies(text, unit, low)
    assert unit_may_assign(text, unit, low) is assigns
    assert bool(roles or heading) is assigns


TRIGGER_WORDS = [
    pytest.param("giao sở y tế", True, id="order"),
    pytest.param("yêu cầu các sở", True, id="demand"),
    pytest.param("đề\nnghị ủy ban mttq", True, id="request-wrapped"),
    pytest.param("đề xuất giải pháp, vấn đề nghiên cứu", False, id="de-alone"),
    pytest.param("nghị quyết của tỉnh ủy", False, id="nghi-alone"),
]


@pytest.mark.parametrize(("words", "expected"), TRIGGER_WORDS)
def test_may_trigger(words: str, expected: bool) -> None:
    assert may_trigger(words) is expected


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["Đề", "đề", "nghị", "Giao", "giao", "Yêu", "cầu", "được", "x", "\n",
                                 "xuất", "ĐỀ NGHỊ"]), max_size=8).map(" ".join))
def test_triggers_hold_their_words(text: str) -> None:
    """Where TRIGGER_RE matches, may_trigger holds for the lowercased text."""
    if TRIGGER_RE.search(text):
        assert may_trigger(text.lower())


HEADING_ENDS = [
    pytest.param("2.12. UBND các xã, thị trấn:", 6, "UBND các xã, thị trấn", id="colon"),
    pytest.param("3. **Sở Tài chính:** \n", 3, "**Sở Tài chính", id="markdown-and-line-end"),
    pytest.param("1. Sở Y tế", 3, "Sở Y tế", id="nothing-to-strip"),
    pytest.param("4. :* ", 3, "", id="only-marks"),
]


@pytest.mark.parametrize(("text", "body", "expected"), HEADING_ENDS)
def test_heading_end(text: str, body: int, expected: str) -> None:
    end = heading_end(text, body, len(text))
    assert text[body:end] == expected
    assert end == body + len(text[body:].rstrip(" \t\r\n*_:"))  # the slice it replaces
