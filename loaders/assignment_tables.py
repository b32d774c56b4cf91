"""Task tables: one row, one task; its "chủ trì" column the lead, its "phối hợp" column the support.

Plans and decisions often end with an appendix listing their tasks in a table ("PHỤ LỤC /
DANH MỤC CÁC NHIỆM VỤ …"): STT | Nhiệm vụ, giải pháp | Đơn vị thực hiện | Đơn vị phối hợp |
Thời gian thực hiện | Sản phẩm đầu ra. The normalizer (``tables.py``) writes each row on one line,
its cells joined by ``CELL_JOINER``; group rows ("I" / "Hoàn thiện thể chế") stay blocks of their
own, as printed. This module reads such tables back from the normalized text.

Decisions:

* **Columns by name, not by position.** A table assigns tasks when its header names a lead
  column ("Cơ quan chủ trì", "Đơn vị chủ trì", "Đơn vị thực hiện", "Cơ quan thực hiện", "Chủ trì")
  and a task column ("Nhiệm vụ", "Giải pháp", "Nội dung", "Chỉ tiêu", "Công việc" …); a support
  column ("Cơ quan phối hợp", "Đơn vị phối hợp", "Phối hợp") is optional. "Thời gian thực hiện"
  is no lead column: the role word must follow a body word ("Cơ quan", "Đơn vị") or open the cell.
  A table of administrative procedures ("Tên thủ tục hành chính | Đơn vị thực hiện") names who
  handles a citizen's file, not a task, and has no task column.
* **Rows fit the header.** A row with as many cells as the header is read column by column; one
  more cell, a number first, under a header without "STT", is a row whose number the header's
  first cell spans ("Nội dung" over STT and task). Other counts (a cell holding " ; ", an empty
  cell a reader dropped) are read only when the lead cell opens with an agency word.
* **Group rows are headings.** The blocks between rows ("A" / "PHÁT TRIỂN NỀN MÓNG …", "I. Kinh
  tế số") label the rows below them; letters rank above roman numerals above numbers, and a table
  repeated under a new group keeps the groups above it. A long paragraph, a new "PHỤ LỤC" or a
  row that fits no header ends the table.
* **A two-row header** ("Cơ quan thực hiện" over "Chủ trì" | "Phối hợp") splits its role column
  into the roles its second row names, which the normalizer keeps as blocks (two cells).
* **Agencies as written.** A role cell is read by ``assignment_cells.py``: split as any agency
  list is, its ";"-pieces and sentences apart, each up to a role verb ("Sở KH&CN chủ trì hướng
  dẫn, tổng hợp" -> "Sở KH&CN"); a piece opening with neither a capital nor an agency word
  ("Thường xuyên" under a guessed layout, "x", "2026") names no agency.
* Pure: the normalized text in, rows out; every span points into that text.

Example:
    >>> text = ("STT ; Nhiệm vụ ; Cơ quan chủ trì ; Cơ quan phối hợp\\n\\n\\nI\\n\\n\\n"
    ...         "Hoàn thiện thể chế\\n\\n\\n1 ; Rà soát quy định ; Sở Tư pháp ; Các sở, ban, ngành")
    >>> row = find_task_rows(text)[0]
    >>> [text[s:e] for s, e in row.leads], [text[s:e] for s, e in row.supports], row.groups
    (['Sở Tư pháp'], ['Các sở, ban, ngành'], ('I',))
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from policykg.loaders.assignment_cells import cell_agencies, mixed_cell_roles, strip_span
from policykg.loaders.tables import CELL_JOINER

#: A block between two rows longer than this is body text: the table is over.
GROUP_MAX_CHARS = 300
#: More blocks than this between two rows (labels and titles of nested groups) end the table.
GROUP_MAX_BLOCKS = 6
#: A header's second row names a role in a few words ("Chủ trì", "Đơn vị phối hợp").
SUB_HEADER_MAX_CHARS = 40

# The body word a lead or support header may open with: "Cơ quan", "Đơn vị", "Cơ quan, đơn vị".
_BODY_WORDS = r"(?: cơ\s+quan | đơn\s+vị | bộ\s+phận | sở,?\s+ngành | địa\s+phương )"
_LEAD_HEADER = rf"""
    (?: {_BODY_WORDS} [\s,/]* )+                       # "Cơ quan", "Đơn vị/cơ quan" …
    (?: chủ\s+trì | thực\s+hiện | được\s+giao | phụ\s+trách | đầu\s+mối )   # … then its role
  | chủ\s+trì                                          # or "Chủ trì (theo dõi)" alone
  | thực\s+hiện $                                      # "Thực hiện", the whole cell
    """
_SUPPORT_HEADER = rf"""
    (?: {_BODY_WORDS} [\s,/]* )*   # "Cơ quan", "Đơn vị", or nothing
    phối\s+hợp                     # "phối hợp (thực hiện)"
    """
_TASK_HEADER = r"""
    (?: tên \s+ | các \s+ )?                         # "Tên nhiệm vụ", "Các nhiệm vụ"
    (?: nhiệm\s+vụ | giải\s+pháp | nội\s+dung | chỉ\s+tiêu | công\s+việc | hoạt\s+động
      | đề\s+án | dự\s+án | chương\s+trình | mục\s+tiêu )   # what a row of the table is
    """
_NUMBER_HEADER = r"""
    (?: s[ốo] \s* )?   # "Số TT"
    s? \.? t \.? t \.? # "STT", "TT", "S.T.T"
    """
# A row's number or a group's label: "A", "II", "3", "1.2", "-", with its dot.
_ORDINAL = r"""
    (?: [A-ZĐ] | [IVX]+ | \d{1,3} (?: \.\d{1,3} )* | [-+•] )   # letter, roman, number, bullet
    \.?                                                      # "I.", "1."
    """
# A group row on one line ("I. Kinh tế số") or its label alone ("A", "II").
_GROUP = r"""
    (?P<label> [A-ZĐ] | [IVX]+ | \d{1,2} (?: \.\d{1,2} )* )   # "A", "II", "3", "1.2"
    \.?                                                     # "I."
    (?: \s+ \S .* )?                                        # the title, if on the same line
    """
# An appendix line: "PHỤ LỤC", "PHỤ LỤC 01", "Phụ lục II: …", at a block's start (not "Phụ lục
# kèm theo …", a sentence about one).
_APPENDIX = r"""
    (?: PHỤ \s+ LỤC | Phụ \s+ lục )      # the word, in capitals or not
    (?: \s+ (?: số \s+ )? [0-9IVXL]+ )?  # its number: "01", "II", "số 2"
    (?= [ \t]* (?: $ | \n | [:.\-–] ) )   # then the line ends, or its title follows a mark
    """


class _Patterns(NamedTuple):
    """The patterns above, compiled; ``block`` is a block of lines without a blank one between."""

    lead_header: re.Pattern[str]
    support_header: re.Pattern[str]
    task_header: re.Pattern[str]
    number_header: re.Pattern[str]
    ordinal: re.Pattern[str]
    group: re.Pattern[str]
    roman: re.Pattern[str]
    appendix: re.Pattern[str]
    block: re.Pattern[str]


@functools.cache
def _tables() -> _Patterns:
    """The table patterns, compiled on first use: only a text with tables (cells joined by
    ``CELL_JOINER``) is read with them, and compiling them up front was ~0.5 % of the start-up
    of every ``policykg extract``."""
    return _Patterns(
        lead_header=re.compile(_LEAD_HEADER, re.X | re.I),
        support_header=re.compile(_SUPPORT_HEADER, re.X | re.I),
        task_header=re.compile(_TASK_HEADER, re.X | re.I),
        number_header=re.compile(_NUMBER_HEADER, re.X | re.I),
        ordinal=re.compile(_ORDINAL, re.X),
        group=re.compile(_GROUP, re.X | re.S),
        roman=re.compile(r"[IVX]+"),
        appendix=re.compile(_APPENDIX, re.X),
        block=re.compile(r"[^\n]+(?:\n[^\n]+)*"),
    )


@dataclass(frozen=True)
class Columns:
    """Which cell of a row is the task, the lead, the support (indices into the header's cells).

    ``mixed`` is a column naming both roles ("Cơ quan chủ trì, phối hợp"); ``numbered`` says
    the header has a number column ("STT").
    """

    width: int
    task: int
    lead: int | None
    support: int | None = None
    mixed: int | None = None
    numbered: bool = False


@dataclass(frozen=True)
class TaskRow:
    """One task of a table: the row line, its task cell, its agencies, the group labels above it.

    ``appendix`` is the label of the last appendix line before the table ("PHỤ LỤC 01") and
    ``appendix_at`` its offset, if any; ``table`` is the offset of the table's header.
    """

    span: tuple[int, int]
    task: tuple[int, int]
    leads: tuple[tuple[int, int], ...]
    supports: tuple[tuple[int, int], ...]
    groups: tuple[str, ...]
    table: int
    appendix: str | None = None
    appendix_at: int | None = None


@dataclass
class _Table:
    """The table being read: its columns, where it started, the appendix line before it (label,
    offset), its open groups (rank, label)."""

    columns: Columns
    start: int
    appendix: tuple[str, int] | None
    groups: list[tuple[int, str]] = field(default_factory=list)
    quiet: int = 0  # blocks since the last row
    header: Columns | None = None  # the header row's columns, while its sub-headers may follow
    roles: list[str] = field(default_factory=list)  # the sub-headers read: "lead", "support"


def find_task_rows(text: str) -> list[TaskRow]:
    """Every row of every task table in a normalized text, in text order.

    Args:
        text: the normalized text (``normalize.normalize_text``), rows as cells joined by
            ``CELL_JOINER``.

    Returns:
        The rows with a lead or support agency; ``text[span]`` is the row line and holds them.

    Example:
        >>> text = ("PHỤ LỤC\\n\\n\\nTT ; Chỉ tiêu ; Chủ trì\\n\\n\\n"
        ...         "1 ; Kinh tế số chiếm 45% GRDP tỉnh. ; Sở Tài chính")
        >>> row = find_task_rows(text)[0]
        >>> text[slice(*row.task)], [text[s:e] for s, e in row.leads], row.appendix
        ('Kinh tế số chiếm 45% GRDP tỉnh.', ['Sở Tài chính'], 'PHỤ LỤC')
    """
    if CELL_JOINER not in text:
        return []
    rows: list[TaskRow] = []
    table: _Table | None = None
    appendix: tuple[str, int] | None = None
    for block in _tables().block.finditer(text):
        start, end = block.span()
        if "\n" not in block.group() and CELL_JOINER in block.group():
            table = _read_row_line(text, start, end, table, appendix, rows)
            continue
        if (found := _tables().appendix.match(text, start, end)) is not None:
            appendix, table = (" ".join(found.group().split()), start), None
        elif table is not None:
            table = _read_group(text, start, end, table)
    return rows


def _read_row_line(text: str, start: int, end: int, table: _Table | None,
                   appendix: tuple[str, int] | None, rows: list[TaskRow]) -> _Table | None:
    """Read one row line: a header opens (or continues) a table, a row of it adds a task, any
    other row ends it. Returns the table read from now on."""
    cells = split_cells(text, start, end)
    columns = read_header([text[s:e] for s, e in cells])
    if columns is not None:
        if table is None:
            return _Table(columns, start, appendix, header=columns)
        table.columns, table.quiet = columns, 0  # the header repeated under a new group
        table.header, table.roles = columns, []
        return table
    if table is None:
        return None
    row = read_row(text, cells, table.columns)
    if row is None:
        return None  # a row of another table
    table.quiet, table.header = 0, None
    leads, supports, task = row
    if leads or supports:
        name, at = table.appendix or (None, None)
        rows.append(TaskRow((start, end), task, tuple(leads), tuple(supports),
                            tuple(label for _, label in table.groups), table.start, name, at))
    return table


def _read_group(text: str, start: int, end: int, table: _Table) -> _Table | None:
    """A block between rows: a group label (kept), a group title or caption (passed), or body
    text (the table is over: None)."""
    table.quiet += 1
    if end - start > GROUP_MAX_CHARS or table.quiet > GROUP_MAX_BLOCKS:
        return None
    if table.header is not None and (role := _sub_header_role(text[start:end])) is not None:
        table.roles.append(role)
        table.columns = split_role_column(table.header, table.roles)
        return table
    group = _tables().group.fullmatch(text, start, end)
    if group is not None:
        table.header = None
        label = group.group("label")
        rank = _group_rank(label)
        while table.groups and table.groups[-1][0] >= rank:
            table.groups.pop()
        table.groups.append((rank, label))
    return table


def _sub_header_role(block: str) -> str | None:
    """"lead" or "support" for a block naming one role ("Chủ trì", "Phối hợp"), else None."""
    if len(block) > SUB_HEADER_MAX_CHARS:
        return None
    if _tables().support_header.fullmatch(block):
        return "support"
    return "lead" if _tables().lead_header.fullmatch(block) else None


def split_role_column(columns: Columns, roles: list[str]) -> Columns:
    """The columns of a header whose role column spans sub-headers, one per role.

    A two-row header prints "Cơ quan thực hiện" over "Chủ trì" and "Phối hợp"; the second row has
    fewer cells than a data row (the normalizer keeps it as blocks), and its cells take the place
    of the column above them.

    Example:
        >>> split_role_column(Columns(4, task=1, lead=2, numbered=True), ["lead", "support"])
        Columns(width=5, task=1, lead=2, support=3, mixed=None, numbered=True)
    """
    spanning = columns.lead if columns.lead is not None else columns.mixed
    if spanning is None:
        return columns
    shift = len(roles) - 1

    def moved(index: int | None) -> int | None:
        return index + shift if index is not None and index > spanning else index

    lead = spanning + roles.index("lead") if "lead" in roles else None
    support = spanning + roles.index("support") if "support" in roles else moved(columns.support)
    task = columns.task + shift if columns.task > spanning else columns.task
    return Columns(columns.width + shift, task, lead, support, None, columns.numbered)


def _group_rank(label: str) -> int:
    """Letters (A, B) above roman numerals (I, II) above numbers (1), above "1.1"."""
    if _tables().roman.fullmatch(label):
        return 1
    if not label[0].isdigit():
        return 0
    return 2 + label.count(".")


def split_cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cells of the row line ``text[start:end]``, without their edge spaces.

    Example:
        >>> line = "1 ; Rà soát ; Sở Tư pháp"
        >>> [line[s:e] for s, e in split_cells(line, 0, len(line))]
        ['1', 'Rà soát', 'Sở Tư pháp']
    """
    cells = []
    cursor = start
    while True:
        joint = text.find(CELL_JOINER, cursor, end)
        stop = end if joint == -1 else joint
        cells.append(strip_span(text, cursor, stop))
        if joint == -1:
            return cells
        cursor = joint + len(CELL_JOINER)


def read_header(cells: list[str]) -> Columns | None:
    """The columns of a task table's header row, or None when the row is no such header.

    Example:
        >>> read_header(["STT", "Nhiệm vụ, giải pháp", "Đơn vị thực hiện", "Đơn vị phối hợp",
        ...              "Thời gian thực hiện"])
        Columns(width=5, task=1, lead=2, support=3, mixed=None, numbered=True)
    """
    lead = support = mixed = task = None
    for i, cell in enumerate(cells):
        if _tables().lead_header.match(cell):
            if "phối hợp" in cell.lower():
                mixed = i if mixed is None else mixed
            elif lead is None:
                lead = i
        elif _tables().support_header.match(cell):
            support = i if support is None else support
        elif task is None and _tables().task_header.match(cell):
            task = i
    if task is None or (lead is None and mixed is None):
        return None
    numbered = bool(cells) and _tables().number_header.fullmatch(cells[0]) is not None
    return Columns(len(cells), task, lead, support, mixed, numbered)


#: What ``read_row`` gives: lead agencies, support agencies, the task cell.
RowRoles = tuple[list[tuple[int, int]], list[tuple[int, int]], tuple[int, int]]


def read_row(text: str, cells: list[tuple[int, int]], columns: Columns) -> RowRoles | None:
    """Lead and support agencies and the task cell of a data row, or None for a row of another
    table (a header of its own: "TT ; Chỉ tiêu ; ĐVT"). A row this table cannot read gives no
    agency and keeps the table going.

    Example:
        >>> line = "1.1 ; Rà soát quy định ; Sở Tư pháp ; Các sở, ban, ngành; UBND các phường, xã"
        >>> leads, supports, task = read_row(line, split_cells(line, 0, len(line)),
        ...                                  Columns(width=4, task=1, lead=2, support=3))
        >>> [line[s:e] for s, e in leads + supports], line[slice(*task)]
        (['Sở Tư pháp', 'Các sở, ban, ngành', 'UBND các phường, xã'], 'Rà soát quy định')
    """
    first = text[cells[0][0]:cells[0][1]]
    if _tables().number_header.fullmatch(first):
        return None
    width = columns.width
    if len(cells) == width:
        return _read_cells(text, cells, columns, strict=False)
    if len(cells) == width + 1 and not columns.numbered and _tables().ordinal.fullmatch(first):
        return _read_cells(text, cells[1:], columns, strict=False)
    for guess in _guesses(cells, columns):
        roles = _read_cells(text, guess, columns, strict=True)
        if roles[0] or roles[1]:
            return roles
    return [], [], cells[min(columns.task, len(cells) - 1)]


def _guesses(cells: list[tuple[int, int]], columns: Columns) -> list[list[tuple[int, int]]]:
    """Ways to lay a row that does not fit the header over it: the cells from the left (an empty
    cell a reader dropped, or more cells than headers), and, with more cells, the task cell holding
    the extra ones (its text had " ; ")."""
    width, task = columns.width, columns.task
    missing = width - len(cells)
    guesses = [cells + [(cells[-1][1], cells[-1][1])] * missing if missing > 0 else cells[:width]]
    extra = len(cells) - width
    if extra > 0:
        merged = (cells[task][0], cells[task + extra][1])
        guesses.append(cells[:task] + [merged] + cells[task + extra + 1:])
    return guesses


def _read_cells(text: str, cells: list[tuple[int, int]], columns: Columns,
                strict: bool) -> RowRoles:
    """Agencies of the role cells of a row laid over the header; ``strict``: a role cell counts
    only when it opens with an agency word (the row did not fit the header)."""
    leads: list[tuple[int, int]] = []
    supports: list[tuple[int, int]] = []
    if columns.lead is not None:
        leads += cell_agencies(text, *cells[columns.lead], strict=strict)
    if columns.support is not None:
        supports += cell_agencies(text, *cells[columns.support], strict=strict)
    if columns.mixed is not None:
        mixed_leads, mixed_supports = mixed_cell_roles(text, *cells[columns.mixed], strict=strict)
        leads += mixed_leads
        supports += mixed_supports
    return leads, supports, cells[columns.task]


