"""The innermost section of any offset, in O(log n) after one sweep over the sections.

``sections.section_at`` walks every section per call, which is quadratic when an extractor asks
at every clause of a plan with thousands of list-item sections. :class:`SectionIndex` cuts the
text at every section start and end, finds the owner of each piece once with ``section_at``'s
rule, and answers by bisection; :class:`SectionTree` answers without the cuts when the sections
nest as the parser makes them.

Example:
    >>> outer = Section(path="II", title="NHIỆM VỤ", start=0, end=100, kind="tasks", depth=0)
    >>> inner = Section(path="II/1", title="Sở Y tế", start=40, end=60, kind="tasks", depth=1)
    >>> index = SectionIndex([outer, inner])
    >>> index.at(10).path, index.at(45).path, index.at(100)
    ('II', 'II/1', None)
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Sequence

from policykg.loaders.sections import Section


class SectionIndex:
    """``section_at(sections, offset)`` for any offset, precomputed."""

    def __init__(self, sections: Sequence[Section]) -> None:
        self.empty = not sections
        self.cuts = sorted({0, *(s.start for s in sections), *(s.end for s in sections)})
        #: The sections as a tree, when they form one (then the sections holding an offset are
        #: the ancestors of its owner); else None.
        self.tree = SectionTree.of(sections)
        if self.tree is not None:
            #: owner_ids[i]: the index of the owner of the piece from cuts[i] (-1: none).
            self.owner_ids = [self.tree.index_at(cut) for cut in self.cuts]
            self.owners = [sections[j] if j >= 0 else None for j in self.owner_ids]
        else:
            self.owners = _owners_by_heap(sections, self.cuts)

    def at(self, offset: int) -> Section | None:
        """The innermost section holding ``offset`` (``section_at``'s answer)."""
        i = bisect.bisect_right(self.cuts, offset) - 1
        return self.owners[i] if i >= 0 else None


class SectionTree:
    """``section_at`` for sections that form a tree in text order, by walking up from a leaf.

    The parser's sections come in text order, each inside the last one still open and deeper.
    The sections holding an offset are then the ancestors (and self) of the last section opened
    at or before it, ends growing upwards; the first that has not ended is the deepest.
    """

    def __init__(self, sections: Sequence[Section], parents: list[int]) -> None:
        self.sections = sections
        self.parents = parents
        self.starts = [s.start for s in sections]

    @classmethod
    def of(cls, sections: Sequence[Section]) -> SectionTree | None:
        """The tree of ``sections``, or None when they do not form one."""
        parents: list[int] = []
        stack: list[int] = []
        previous_start = 0
        for i, section in enumerate(sections):
            if section.start < previous_start:
                return None
            previous_start = section.start
            while stack and sections[stack[-1]].end <= section.start:
                stack.pop()
            if stack:
                open_one = sections[stack[-1]]
                if section.end > open_one.end or section.depth <= open_one.depth:
                    return None  # overlaps the open section, or no deeper than it
            parents.append(stack[-1] if stack else -1)
            stack.append(i)
        return cls(sections, parents)

    def at(self, offset: int) -> Section | None:
        """The innermost section holding ``offset``."""
        j = self.index_at(offset)
        return self.sections[j] if j >= 0 else None

    def index_at(self, offset: int) -> int:
        """The index of the innermost section holding ``offset``, -1 when none does."""
        j = bisect.bisect_right(self.starts, offset) - 1
        sections, parents = self.sections, self.parents
        while j >= 0 and sections[j].end <= offset:
            j = parents[j]
        return j


def _owners_by_heap(sections: Sequence[Section], cuts: list[int]) -> list[Section | None]:
    """``section_at(sections, c)`` for every sorted cut ``c``, for any sections.

    ``section_at`` keeps, among the sections containing the offset, the deepest one and, among
    equally deep ones, the last in list order: the maximum of (depth, index). A heap keyed on that
    pair holds the sections opened so far; those ended at or before the cut are dropped lazily
    (cuts only grow, so an ended section never contains a later cut).
    """
    starts = [s.start for s in sections]
    order = sorted(range(len(sections)), key=starts.__getitem__)
    active: list[tuple[int, int, int]] = []  # (-depth, -index, end)
    owners: list[Section | None] = []
    push, pop = heapq.heappush, heapq.heappop
    k, n = 0, len(order)
    for cut in cuts:
        while k < n and starts[order[k]] <= cut:
            i = order[k]
            push(active, (-sections[i].depth, -i, sections[i].end))
            k += 1
        while active and active[0][2] <= cut:
            pop(active)
        owners.append(sections[-active[0][1]] if active else None)
    return owners
