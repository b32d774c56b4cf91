"""Roles read from one sentence (assignment_roles.py); the quick refusal misses none."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders.assignment_roles import find_sentence_roles, may_assign
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
