"""SectionIndex (loaders/section_index.py) and the targets' SectionLocator answer as section_at does."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders.section_index import SectionIndex, SectionTree, _owners_by_heap
from policykg.loaders.sections import Section, section_at
from policykg.loaders.target_segments import SKIPPED_KINDS, SectionLocator, is_rule_heading

KINDS = ["preamble", "objectives", "tasks", "organization", "closing", "other"]
#: Headings drawn for the sections: plain ones and rule headings (target_segments.RULE_HEADING_RE).
TITLES = ["", "Mục tiêu cụ thể", "Nhiệm vụ", "Định mức phân bổ chi", "Tình hình thực hiện năm 2025"]


@st.composite
def any_sections(draw) -> list[Section]:
    """Sections at random: overlapping, out of order, equally deep."""
    spans = draw(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60), st.integers(0, 3),
                                    st.sampled_from(KINDS), st.sampled_from(TITLES)), max_size=12))
    return [Section(path=str(i), title=t, start=a, end=b, kind=k, depth=d)  # type: ignore[arg-type]
            for i, (a, b, d, k, t) in enumerate(spans)]


@st.composite
def tree_sections(draw, start: int = 0, end: int = 60, depth: int = 0) -> list[Section]:
    """Sections as the parser makes them: in text order, each inside its parent and deeper."""
    out: list[Section] = []
    cursor = start
    for _ in range(draw(st.integers(0, 3))):
        if cursor >= end:
            break
        a = draw(st.integers(cursor, end))
        b = draw(st.integers(a, end))
        kind = draw(st.sampled_from(KINDS))
        title = draw(st.sampled_from(TITLES))
        out.append(Section(path=f"{depth}.{a}", title=title, start=a, end=b, kind=kind, depth=depth))
        if depth < 3:
            out += draw(tree_sections(a, b, depth + 1))
        cursor = b
    return out


@settings(max_examples=300, deadline=None)
@given(st.one_of(any_sections(), tree_sections()))
def test_index_agrees_with_section_at(sections: list[Section]) -> None:
    index = SectionIndex(sections)
    for offset in range(0, 64):
        assert index.at(offset) is section_at(sections, offset)


@settings(max_examples=200, deadline=None)
@given(tree_sections())
def test_tree_walk_agrees_with_the_heap(sections: list[Section]) -> None:
    tree = SectionTree.of(sections)
    assert tree is not None
    cuts = list(range(0, 64))
    assert [tree.at(c) for c in cuts] == _owners_by_heap(sections, cuts)


def test_overlapping_sections_are_no_tree() -> None:
    sections = [Section("1", "", 0, 10, "tasks", depth=1), Section("2", "", 5, 20, "tasks", depth=2)]
    assert SectionTree.of(sections) is None
    assert SectionIndex(sections).at(12) is sections[1]


@settings(max_examples=300, deadline=None)
@given(st.one_of(any_sections(), tree_sections()), st.integers(0, 62), st.integers(1, 10))
def test_locator_reads_any_offset_it_reads(sections: list[Section], start: int, length: int) -> None:
    """reads_any keeps every range with an offset read; it may keep one under a rule heading
    (rule headings are looked at only when a kind is asked for), and no other."""
    locator = SectionLocator(sections)
    end = start + length
    read = any(locator.kind(x) is not None for x in range(start, end))
    if read or not any(is_rule_heading(s.title) for s in sections):
        assert locator.reads_any(start, end) == read
    else:
        assert locator.reads_any(start, end) == any(
            (owner := section_at(sections, x)) is not None and owner.kind not in SKIPPED_KINDS
            for x in range(start, end))


@settings(max_examples=300, deadline=None)
@given(st.one_of(any_sections(), tree_sections()), st.lists(st.integers(0, 64), max_size=12))
def test_locator_read_ranges_agree_with_reads_any(sections: list[Section],
                                                  bounds: list[int]) -> None:
    locator = SectionLocator(sections)
    points = sorted(set(bounds))
    ranges = list(zip(points, points[1:]))
    assert list(locator.read_ranges(ranges)) == [r for r in ranges if locator.reads_any(*r)]


@settings(max_examples=300, deadline=None)
@given(st.one_of(any_sections(), tree_sections()))
def test_locator_kind_by_definition(sections: list[Section]) -> None:
    """Not read inside a rule-headed section or a skipped kind; else the innermost section's kind."""
    locator = SectionLocator(sections)
    for offset in range(0, 64):
        owner = section_at(sections, offset)
        ruled = any(s.start <= offset < s.end and s.kind not in SKIPPED_KINDS
                    and is_rule_heading(s.title) for s in sections)
        want = None if owner is None or owner.kind in SKIPPED_KINDS or ruled else owner.kind
        if not sections:
            want = "objectives"  # no heading tree: the whole text states objectives
        assert locator.kind(offset) == want
        fixed = locator.fixed(offset, offset + 1)
        assert fixed is not None and fixed[0] == want
