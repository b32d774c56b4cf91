"""Whose "phối hợp với" it is (assignment_coordination.py), on phrases of the samples and corpus."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.loaders import assignment_coordination
from policykg.loaders.assignment_coordination import (
    clause_start,
    coordinated_by_owner,
    directs_another,
    opens_with_coordination,
)

DIRECTED = [
    pytest.param("Chỉ đạo các thôn phối hợp với Ủy ban MTTQ, các tổ chức đoàn thể.", True,
                 id="002-villages-coordinate"),
    pytest.param("Chỉ đạo, hướng dẫn các cơ quan báo chí của tỉnh phối hợp với các Sở, ngành.",
                 True, id="001-press-coordinates"),
    pytest.param("- Chỉ đạo lực lượng các cấp, phối hợp với Công an tỉnh rà soát.", False,
                 id="f069-comma-hands-back-to-subject"),
    pytest.param("Chủ trì, phối hợp với các sở, ngành liên quan.", False, id="lead-coordinates"),
    pytest.param("Sở Y tế: Hướng dẫn chuyên môn; phối hợp với Sở Tài chính bố trí kinh phí.",
                 False, id="new-clause-after-semicolon"),
]


@pytest.mark.parametrize(("text", "expected"), DIRECTED)
def test_directs_another(text, expected):
    assert directs_another(text, 0, text.index("phối")) is expected


OWNED = [
    pytest.param("- Phối hợp với sở, ban, ngành, đoàn thể Thành phố hướng dẫn chuyên môn.", True,
                 id="31fb-bullet-opens-with-it"),
    pytest.param("- Trong phạm vi, lĩnh vực quản lý của mình, chủ động phối hợp với các cơ quan.",
                 True, id="31fb-adverb-after-comma"),
    pytest.param("b) Chủ trì tham mưu Ủy ban nhân dân thành phố phối hợp với Ban Tuyên giáo.", True,
                 id="1a43-chu-tri-owns-it"),
    pytest.param("- Tổ chức tập huấn cho cán bộ cơ sở phối hợp với các đoàn thể.", False,
                 id="mid-clause-no-owner"),
    pytest.param("- Chỉ đạo đơn vị chuyên môn phối hợp chặt chẽ với Sở Nông nghiệp và Môi trường.",
                 False, id="f1e0-directed-unit"),
]


@pytest.mark.parametrize(("text", "expected"), OWNED)
def test_coordinated_by_owner(text, expected):
    assert coordinated_by_owner(text, 0, text.lower().index("phối")) is expected


OPENS = [
    pytest.param("Phối hợp với các cơ quan có thẩm quyền", True, id="448306-plain"),
    pytest.param("- Tăng cường phối hợp với các sở, ngành", True, id="001-adverb"),
    pytest.param("Chủ trì, phối hợp với các sở", False, id="chu-tri-first"),
    pytest.param("Sự phối hợp giữa các cấp", False, id="noun"),
]


@pytest.mark.parametrize(("text", "expected"), OPENS)
def test_opens_with_coordination(text, expected):
    assert opens_with_coordination(text, 0, len(text)) is expected


@given(st.text(alphabet="ab ;:,.", max_size=40), st.integers(min_value=0, max_value=40))
def test_clause_start_is_after_the_last_mark(text, pos):
    pos = min(pos, len(text))
    found = clause_start(text, 0, pos)
    assert 0 <= found <= pos
    assert not any(mark in text[found:pos] for mark in ";:")
    assert found == 0 or text[found - 1] in ";:"


@given(st.text(alphabet="abcđ ,;", max_size=30))
def test_a_clause_without_the_verb_never_opens_with_it(text):
    assert not opens_with_coordination(text, 0, len(text))


def test_docstring_examples_run():
    assert doctest.testmod(assignment_coordination).failed == 0
