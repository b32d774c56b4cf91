"""The heading tree (headings.py): nesting by marker order, kinds and years, titles."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.loaders import headings
from policykg.loaders.headings import build_sections
from policykg.loaders.sections import section_at


def test_heading_tree_nests_by_marker_order_and_inherits_kind_and_year():
    text = ("Mở đầu\nI. MỤC TIÊU\n1. Mục tiêu đến năm 2025\na) Thu nhập\n- Đạt 60 triệu\n- Đạt 70 triệu\n"
            "b) Y tế\n2. Đến năm 2030\nII. NHIỆM VỤ, GIẢI PHÁP\n1. Về kinh tế\nIII. TỔ CHỨC THỰC HIỆN\n")
    sections = build_sections(text, 0, len(text))
    got = [(s.path, s.kind, s.year) for s in sections]
    assert got == [
        ("", "preamble", None), ("I", "objectives", None), ("I/1", "objectives", 2025),
        ("I/1/a", "objectives", 2025), ("I/1/a/-1", "objectives", 2025), ("I/1/a/-2", "objectives", 2025),
        ("I/1/b", "objectives", 2025), ("I/2", "objectives", 2030), ("II", "tasks", None),
        ("II/1", "tasks", None), ("III", "organization", None),
    ]
    assert section_at(sections, text.index("70 triệu")).path == "I/1/a/-2"


def test_a_bullet_ending_with_a_colon_heads_the_bullets_after_it():
    text = ("I. MỤC TIÊU\n- Phấn đấu đến hết năm 2025:\n- Thu nhập đạt 60 triệu\n"
            "- Phấn đấu đến hết năm 2030:\n- Thu nhập đạt 90 triệu\n")
    sections = build_sections(text, 0, len(text))
    assert section_at(sections, text.index("60 triệu")).year == 2025
    assert section_at(sections, text.index("90 triệu")).year == 2030


TITLE_TEXT = st.lists(st.sampled_from(list("Mục tiêu năm 2025: ") + ["  ", "\t", "\u00a0", "\u200b", "\n",
                                                                    "Mục tiêu " * 30]), max_size=120).map("".join)


@given(TITLE_TEXT)
def test_titles_are_cut_from_a_prefix_as_from_the_whole_line(body):
    text = "1. " + "M" + body + "\n"
    match = headings._HEADING.search(text)
    if match is None:
        return
    whole = " ".join(match["title"].split())[:headings.MAX_TITLE_CHARS].rstrip(":")
    assert headings._title(text, match) == whole


@given(st.lists(st.sampled_from(list("- Phấn đấu: *") + ["  ", " " * 70, "*" * 70]), max_size=60).map("".join))
def test_a_bullet_heads_others_by_its_last_colon(body):
    text = "- X" + body + "\n"
    match = headings._HEADING.search(text)
    if match is None:
        return
    assert headings._heads_bullets(text, match) == match["title"].rstrip(" *").endswith(":")


def test_kind_keywords_are_prefix_free():
    """What lets one search find the keyword that comes first in a title."""
    words = [word for word, _ in headings.KIND_KEYWORDS]
    assert not [(a, b) for a in words for b in words if a != b and b.startswith(a)]


WORDY_TITLES = st.lists(st.sampled_from([w for w, _ in headings.KIND_KEYWORDS] + ["về", "Mục", "tiêu", "NHIỆM VỤ",
                                         "năm 2025", "giai đoạn 2021-2025", "x"]), max_size=8).map(" ".join)


@given(WORDY_TITLES)
def test_kind_is_the_keyword_that_comes_first(title):
    lowered = title.lower()
    hits = [(lowered.find(word), kind) for word, kind in headings.KIND_KEYWORDS if word in lowered]
    expected = min(hits)[1] if hits else "other"
    assert headings._kind(title, "arabic", "other") == expected


@given(WORDY_TITLES)
def test_year_needs_no_search_without_a_century(title):
    match = headings._YEAR.search(title)
    expected = int(match["y1"] or match["y2"] or match["y3"]) if match else None
    assert headings._year(title, None) == expected


@pytest.mark.parametrize(("text", "paths"), [
    pytest.param("I. A\n1. B\nII. C\n", ["", "I", "I/1", "II"], id="roman-arabic"),
    pytest.param("a) A\n- x\n- y\nb) B\n", ["", "a", "a/-1", "a/-2", "b"], id="bullets-count-per-parent"),
    pytest.param("Không có đề mục\n", [""], id="no-heading"),
])
def test_section_paths(text, paths):
    assert [s.path for s in build_sections(text, 0, len(text))] == paths


def test_docstring_examples_run():
    result = doctest.testmod(headings)
    assert result.attempted > 0 and result.failed == 0
