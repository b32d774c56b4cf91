"""Assignments: which agency leads, supports or is asked to carry out each task.

Vietnamese plans assign work in a handful of fixed shapes, all handled here:

* ``X chủ trì, phối hợp với Y, Z …``           -> X lead, Y and Z support;
* ``Giao X …`` / ``X có trách nhiệm …`` / ``Yêu cầu X …`` / ``X: Chủ trì …`` -> X lead;
* a list item or heading that names only agencies (``2.12. UBND các xã, thị trấn:``)
  followed by their tasks                        -> X lead, once, with the tasks below it;
* a sentence whose subject is an agency list and whose verb is a task verb
  (``Các phòng, ban ngành huyện … khẩn trương triển khai …``) -> each agency lead;
* ``Đề nghị X …``                               -> X requested (mass organisations are asked,
  not ordered);
* ``phối hợp (chặt chẽ) với Y`` anywhere         -> Y support;
* labelled forms ``Cơ quan chủ trì: X`` / ``Đơn vị phối hợp: Y``.

Decisions:

* Only task sections are read: kinds ``tasks`` and ``organization``, and ``other`` sections
  whose heading says "Tổ chức thực hiện", "Phân công", "Nhiệm vụ", "Giải pháp" or
  "Trách nhiệm". When a document has no such section at all (its headings were lost, as in
  the web copy of sample 003), everything but the preamble and the closing is read: missing
  every assignment of a document is worse than reading a few from a purpose paragraph.
* Agency lists are split at ``,``, ``;``, ``và`` and ``cùng`` only where the next piece starts
  a new agency (an agency-head word such as Sở, Phòng, UBND, Hội, or ``các`` + a body word).
  A bare collective word continues the list it belongs to (``các sở, ban, ngành``,
  ``UBND các xã, thị trấn``) and anything else continues the name
  (``Sở Văn hóa, Thể thao và Du lịch``). Known compound names are protected outright.
* The subject of a sentence ends at the first lower-case task verb (``thực hiện``,
  ``khẩn trương``, ``chủ trì``, …) or a colon. Verbs are matched case-sensitively so that
  title-cased names (``Sở Xây dựng``, ``Phát triển nông thôn``) are never cut.
* A conditional sentence ("nếu có vướng mắc, các đơn vị … phản ánh") states a reporting
  rule, not a task: no lead is read from it.
* A heading agency is recorded once, at its heading, not once per task under it; its
  ``task_text`` is the heading's predicate and the body under it.
* Agencies are returned exactly as written (``text[span]`` contains them verbatim), so a
  hard wrap inside a name stays in it; the normalized production text has none.

The steps live in their own modules: :mod:`~policykg.loaders.assignment_units` (task sections,
units, sentences), :mod:`~policykg.loaders.assignment_roles` (subjects, triggers, supporters),
:mod:`~policykg.loaders.agency_lists` (splitting a list into agencies), with the shared words in
:mod:`~policykg.loaders.assignment_patterns`; this module walks the units and assembles them.

Example:
    >>> text = "III. TỔ CHỨC THỰC HIỆN\\n1. Sở Y tế chủ trì, phối hợp với Sở Tài chính thực hiện."
    >>> [(a.agency, a.role) for a in extract_assignments(text, [])]
    [('Sở Y tế', 'lead'), ('Sở Tài chính', 'support')]
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence

from policykg.loaders.agency_lists import TRIM_CHARS, split_agencies
from policykg.loaders.assignment_coordination import opens_with_coordination
from policykg.loaders.assignment_tables import TaskRow, find_task_rows
from policykg.loaders.assignment_roles import (
    execution_roles,
    find_heading_agencies,
    find_sentence_roles,
    is_request_heading,
)
from policykg.loaders.assignment_screen import may_assign, unit_may_assign
from policykg.loaders.assignment_units import (
    Unit,
    body_text,
    execution_clauses,
    find_task_regions,
    split_sentences,
    split_units,
)
from policykg.loaders.caseless import LoweredSpan
from policykg.loaders.record import Assignment
from policykg.loaders.section_index import SectionIndex, SectionTree
from policykg.loaders.sections import Section

__all__ = ["extract_assignments", "split_agencies"]


def extract_assignments(text: str, sections: Sequence[Section]) -> list[Assignment]:
    """Every (agency, role) a task section assigns, in text order.

    Args:
        text: the document text (normalized in production).
        sections: its heading tree; task and organization sections are read.

    Returns:
        One Assignment per (agency, role, sentence); ``text[span]`` is the sentence (or list
        item) and contains the agency verbatim.

    Example:
        >>> text = ("IV. TỔ CHỨC THỰC HIỆN\\n"
        ...         "9. Đề nghị Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội "
        ...         "tăng cường công tác tuyên truyền.")
        >>> [(a.agency, a.role) for a in extract_assignments(text, [])]
        [('Ủy ban Mặt trận Tổ quốc', 'requested'), ('các tổ chức chính trị - xã hội', 'requested')]
    """
    found: dict[tuple[str, str, tuple[int, int]], tuple[int, Assignment]] = {}
    paths = _SectionPaths(sections)
    rows = find_task_rows(text)
    row_starts = [row.span[0] for row in rows]
    for start, end in find_task_regions(text, sections):
        units = list(split_units(text, start, end))
        low = LoweredSpan(text, start, end)  # lowercased once for the sentence patterns' words
        owners = _HeadingOwners()
        for index, unit in enumerate(units):
            owners.close(unit.rank)
            if rows and _in_row(unit.start, rows, row_starts):
                continue  # a task table's row: its columns say who leads (below)
            if not unit_may_assign(text, unit, low):
                continue  # most units: a target, a purpose, a task without its agency
            for position, assignment in _unit_assignments(text, units, index, paths, low, owners):
                key = (assignment.agency, assignment.role, assignment.span)
                found.setdefault(key, (position, assignment))
    for position, assignment in _table_assignments(text, rows, paths):
        found.setdefault((assignment.agency, assignment.role, assignment.span),
                         (position, assignment))
    for position, assignment in _execution_assignments(text, paths):
        found.setdefault((assignment.agency, assignment.role, assignment.span),
                         (position, assignment))
    return [a for _, a in sorted(found.values(), key=lambda item: (item[1].span[0], item[0]))]


class _SectionPaths:
    """Section path of an offset (``section_at``), indexed on first use (not at all for a
    document that assigns nothing)."""

    def __init__(self, sections: Sequence[Section]) -> None:
        self.sections = sections
        self.index: SectionIndex | SectionTree | None = None

    def at(self, offset: int) -> str | None:
        """The path of the innermost section holding ``offset``; None for none or the preamble."""
        section = self.section(offset)
        return section.path if section is not None and section.path else None

    def section(self, offset: int) -> Section | None:
        """The innermost section holding ``offset``, if any."""
        if self.index is None:
            self.index = SectionTree.of(self.sections) or SectionIndex(self.sections)
        return self.index.at(offset)


class _HeadingOwners:
    """The agency headings open above the current unit, innermost last, with their roles: a
    heading ("2.3. Công an tỉnh") owns the units after it until one ranks as high as it does
    ("2.4. …", "3. …"), and "phối hợp với Y" there is its work with Y."""

    def __init__(self) -> None:
        self.open: list[tuple[int, str]] = []  # (rank, role)

    def close(self, rank: int | None) -> None:
        """Close the headings that a unit of ``rank`` ends (None: a paragraph ends none)."""
        if rank is not None:
            while self.open and self.open[-1][0] >= rank:
                self.open.pop()

    def add(self, rank: int, role: str) -> None:
        self.open.append((rank, role))

    def role(self) -> str | None:
        """The role of the innermost open heading's agency, None under none."""
        return self.open[-1][1] if self.open else None


def _in_row(offset: int, rows: list[TaskRow], starts: list[int]) -> bool:
    """Whether ``offset`` lies in one of the table ``rows`` (``starts``: their starts, sorted)."""
    i = bisect_right(starts, offset) - 1
    return i >= 0 and offset < rows[i].span[1]


def _table_assignments(text: str, rows: list[TaskRow],
                       paths: _SectionPaths) -> Iterator[tuple[int, Assignment]]:
    """(agency offset, Assignment) for every agency of a task table's rows: the lead and support
    columns give the role, the row line is the span, the task cell the task."""
    for row in rows:
        path = _row_path(row, paths)
        task = text[row.task[0]:row.task[1]] or text[row.span[0]:row.span[1]]
        for role, agencies in (("lead", row.leads), ("support", row.supports)):
            for s, e in agencies:
                yield s, _make(text, s, e, role, row.span, task, path)


def _row_path(row: TaskRow, paths: _SectionPaths) -> str | None:
    """Section path of a table row: the appendix holding its table ("PHỤ LỤC 01") or else the
    section, then the labels of the group rows above it ("PHỤ LỤC/A/I")."""
    section = paths.section(row.table)
    if row.appendix is not None and row.appendix_at is not None and (
            section is None or section.kind == "closing" or section.start <= row.appendix_at):
        base: str | None = row.appendix
    else:
        base = section.path if section is not None and section.path else None
    parts = ([base] if base else []) + list(row.groups)
    return "/".join(parts) or None


def _execution_assignments(text: str, paths: _SectionPaths) -> Iterator[tuple[int, Assignment]]:
    """(agency offset, lead) for every body of a decision's execution clause ("Chánh Văn phòng
    Bộ, … chịu trách nhiệm thi hành Quyết định này"), its paragraph the span."""
    for paragraph, first, verb in execution_clauses(text):
        end = text.find("\n", verb)
        end = len(text) if end == -1 else end
        task = text[verb:end].strip(TRIM_CHARS)
        path = paths.at(paragraph)
        for s, e in execution_roles(text, first, verb):
            yield s, _make(text, s, e, "lead", (paragraph, end), task, path)


def _unit_assignments(
    text: str, units: list[Unit], index: int, paths: _SectionPaths, low: LoweredSpan,
    owners: _HeadingOwners,
) -> Iterator[tuple[int, Assignment]]:
    """(agency offset, Assignment) for every assignment in ``units[index]``."""
    found = list(_unit_roles(text, units, index, low, owners))
    if found:
        path = paths.at(units[index].start)
        for s, e, role, span, task in found:
            yield s, _make(text, s, e, role, span, task, path)


def _unit_roles(
    text: str, units: list[Unit], index: int, low: LoweredSpan, owners: _HeadingOwners
) -> Iterator[tuple[int, int, str, tuple[int, int], str]]:
    """(agency start, end, role, span, task text) for every assignment in ``units[index]``."""
    unit = units[index]
    heading = find_heading_agencies(text, unit, low)
    if heading is not None:
        task = body_text(text, units, index, fallback=text[unit.body : unit.end])
        role = "requested" if is_request_heading(text, unit) else _heading_role(text, units, index)
        if unit.rank is not None:
            owners.add(unit.rank, role)
        for s, e in heading:
            yield s, e, role, (unit.start, unit.end), task
        return
    opened = False  # a numbered item whose subject is an agency owns the items under it
    for n, (s_start, s_end) in enumerate(split_sentences(text, unit.body, unit.end)):
        if not may_assign(text, s_start, s_end, low):
            continue
        span = (unit.start if n == 0 else s_start, s_end)
        for s, e, role, pred in find_sentence_roles(text, s_start, s_end, low, owners.role()):
            if not opened and unit.rank is not None and role in ("lead", "requested"):
                owners.add(unit.rank, role)
            opened = True
            task = text[pred:s_end].strip(TRIM_CHARS) if pred < s_end else text[s_start:s_end]
            if role == "lead" and text[s_start:s_end].rstrip(" *_").endswith(":"):
                task = body_text(text, units, index, fallback=task, head=pred)
            yield s, e, role, span, task or text[s_start:s_end].strip()


def _heading_role(text: str, units: list[Unit], index: int) -> str:
    """The role of a heading's agency: lead, or support when its task, the unit right after it,
    opens with "Phối hợp với …" ("4. Các tổ chức, cá nhân liên quan" / "Phối hợp với các cơ
    quan có thẩm quyền trong việc triển khai …": it works with the bodies that lead)."""
    if index + 1 < len(units):
        body = units[index + 1]
        if (body.rank is None or body.rank > (units[index].rank or 0)) and \
                opens_with_coordination(text, body.body, body.end):
            return "support"
    return "lead"


def _make(
    text: str, start: int, end: int, role: str, span: tuple[int, int], task: str, path: str | None
) -> Assignment:
    return Assignment(
        agency=text[start:end], role=role, section=path, task_text=task, span=(span[0], span[1])
    )
