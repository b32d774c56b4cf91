"""Indicator tables: one row, one indicator; its value cells the targets.

Plans restate or set their targets in a table ("PHỤ LỤC I / DANH MỤC CÁC CHỈ TIÊU CỤ THỂ"):
TT | Chỉ tiêu | Đơn vị | Kết quả | Cơ quan chủ trì theo dõi, đánh giá, or Chỉ tiêu | Đơn vị tính |
Năm 2025 | Năm 2030. The normalizer (``tables.py``) writes each row on one line, its cells joined
by ``CELL_JOINER``; group rows ("I" / "Giai đoạn 2025-2027") stay blocks of their own. A row
states no verb ("đạt", "phấn đấu"), so the sentence reader of ``targets.py`` finds no target in
it: this module reads such tables by their columns.

Decisions:

* **A table of indicators** has a header naming an indicator column ("Chỉ tiêu", "Tên chỉ
  tiêu", "Nội dung chỉ tiêu") and at least one value column after it: a result or target
  ("Kết quả", "Mục tiêu", "Kế hoạch", "Chỉ tiêu") or a year ("Năm 2030", "Đến năm 2030",
  "Giai đoạn 2026-2030"). A column of estimates or results already reached ("ƯTH Năm 2025",
  "Thực hiện năm 2024", "Hiện trạng", "Năm hiện hành") states no target and is not read. A
  unit column ("Đơn vị", "Đơn vị tính", "ĐVT") is optional.
* **A second header row of years** ("Năm 2026 | … | Năm 2030" under "GIAI ĐOẠN 2026 - 2030")
  takes the place of the column above it, as in ``assignment_tables.split_role_column``.
* **One value cell, one target**: the number opening the cell (after comparator words: "Trên
  60", "Tối thiểu 95%"), its unit the cell's own ("100%") or the unit column's; its indicator
  the indicator cell; its year the column's, else the group row's above ("Giai đoạn 2025-2027"
  -> 2027, the end of the period, as the sentence reader does), else None. Year columns that
  follow each other year by year ("Năm 2026 | Năm 2027 | … | Năm 2030") are one target, the
  last, and its yearly path, as a sentence's "cụ thể: năm 2026 đạt …".
* A row that fits no header ends the table, as a long paragraph or a new appendix does.
* Pure: the normalized text in, rows out; every span points into that text.

Example:
    >>> text = ("TT ; Chỉ tiêu ; Đơn vị ; Kết quả\\n\\n\\nI\\n\\n\\nGiai đoạn 2025-2027\\n\\n\\n"
    ...         "1 ; Tỉ lệ dịch vụ công trực tuyến toàn trình. ; % ; 100%")
    >>> [(c.indicator, c.value, c.unit, c.year) for c in find_table_targets(text)]
    [('Tỉ lệ dịch vụ công trực tuyến toàn trình', 100.0, '%', 2027)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from policykg.loaders.assignment_tables import split_cells
from policykg.loaders.caseless import LoweredSpan
from policykg.loaders.tables import CELL_JOINER
from policykg.loaders.target_values import VALUE_RE, parse_value, read_comparator
from policykg.loaders.target_years import YEAR_RE

#: A block between two rows longer than this is body text: the table is over.
GROUP_MAX_CHARS = 300
#: A header cell longer than this is a data cell, not a column's name.
HEADER_MAX_CHARS = 80
#: Words before a value in its cell ("Tối thiểu", "Trên") are at most this long; a longer text
#: before the number is a sentence, whose numbers the sentence reader reads.
VALUE_PREFIX_MAX_CHARS = 20
#: At least this many year columns, one year apart, are one target's yearly path.
YEARLY_RUN_MIN = 3

# The indicator column: "Chỉ tiêu", "Tên chỉ tiêu", "Nội dung chỉ tiêu", "Các chỉ tiêu chủ yếu".
_INDICATOR_HEADER_RE = re.compile(
    r"""
    (?: tên | nội\s+dung | các )? \s*   # "Tên chỉ tiêu", "Nội dung chỉ tiêu"
    chỉ\s+tiêu                          # the word
    (?! .* \d{4} )                      # not "Chỉ tiêu năm 2030", a value column
    """,
    re.X | re.I,
)
_UNIT_HEADER_RE = re.compile(
    r"""
    đơn\s+vị (?: \s+ tính )? | đvt   # "Đơn vị", "Đơn vị tính", "ĐVT"
    """,
    re.X | re.I,
)
# A value column named by what it holds: the result to reach, the target, the plan.
_VALUE_HEADER_RE = re.compile(
    r"""
    kết\s+quả | mục\s+tiêu | kế\s+hoạch | chỉ\s+tiêu | giá\s+trị   # "Kết quả", "Mục tiêu" …
    """,
    re.X | re.I,
)
# A column of numbers reached or estimated, not set: "ƯTH Năm 2025", "Thực hiện năm 2024".
_REPORTED_HEADER_RE = re.compile(
    r"""
    ư\.?\s*th | (?<!\w) ước | thực\s+hiện | hiện\s+trạng | hiện\s+hành | năm\s+gốc   # estimate, result
  | \b th \b                                                              # "TH 2024"
    """,
    re.X | re.I,
)
# The word every indicator header holds: most texts hold none, and are left after one scan.
_INDICATOR_WORD_RE = re.compile(r"chỉ\s+tiêu", re.I)
#: CELL_JOINER (" ; "), found from its ";": CPython skips to a literal first character several
#: times faster than ``in`` finds a string that opens with a space (most texts hold no table, and
#: the whole text is scanned for nothing).
_JOINER_RE = re.compile(r";(?<= ;)(?= )")
# A year in a header cell or a group row: "Năm 2030", "Giai đoạn 2025-2027", or a bare "2030".
_BARE_YEAR_RE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?!\d)")


@dataclass(frozen=True)
class TableTarget:
    """A target read from an indicator table's row: spans into the normalized text."""

    indicator: str
    value: float
    value_max: float | None
    unit: str | None
    comparator: str
    year: int | None
    span: tuple[int, int]
    row: tuple[int, int]
    yearly: tuple[tuple[int, float], ...] = ()


@dataclass(frozen=True)
class _Columns:
    """An indicator table's header: cell count, indicator and unit cells, value cells' years."""

    width: int
    indicator: int
    unit: int | None
    values: tuple[tuple[int, int | None], ...]  # (cell index, the column's year)


@dataclass
class _Table:
    """The indicator table being read: its columns and the year of the group row above."""

    columns: _Columns
    group_year: int | None = None
    expect_years: bool = True  # a second header row of years may follow


def find_table_targets(text: str) -> list[TableTarget]:
    """Targets of every indicator table of a normalized text, in text order.

    Args:
        text: the normalized text (``normalize.normalize_text``), rows as cells joined by
            ``CELL_JOINER``.

    Returns:
        One target per value cell holding a number; ``text[row]`` is its row line.

    Example:
        >>> text = "TT ; Chỉ tiêu ; Đơn vị tính ; Năm 2030\\n\\n\\n1 ; Tuổi thọ trung bình ; tuổi ; 75,5"
        >>> [(c.value, c.unit, c.year) for c in find_table_targets(text)]
        [(75.5, 'tuổi', 2030)]
    """
    if _JOINER_RE.search(text) is None or _INDICATOR_WORD_RE.search(text) is None:
        return []
    found: list[TableTarget] = []
    table: _Table | None = None
    for block in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text):
        start, end = block.span()
        if "\n" not in block.group() and CELL_JOINER in block.group():
            table = _read_line(text, start, end, table, found)
        elif table is not None:
            table = _read_group(text, start, end, table)
    return found


def _read_line(text: str, start: int, end: int, table: _Table | None,
               found: list[TableTarget]) -> _Table | None:
    """A header opens a table, a second header row of years splits its period column, a row of
    it gives targets, any other row ends it."""
    cells = split_cells(text, start, end)
    names = [text[s:e] for s, e in cells]
    columns = read_indicator_header(names)
    if columns is not None:
        return _Table(columns)
    if table is None:
        return None
    if table.expect_years and (split := split_year_columns(table.columns, names)) is not None:
        table.columns, table.expect_years = split, False
        return table
    table.expect_years = False
    if len(cells) != table.columns.width:
        return None
    found += read_row(text, cells, table.columns, table.group_year, (start, end))
    return table


def _read_group(text: str, start: int, end: int, table: _Table) -> _Table | None:
    """A block between rows: a group row's year ("Giai đoạn 2025-2027") is kept for the rows
    below; body text ends the table."""
    if end - start > GROUP_MAX_CHARS:
        return None
    year = _year_of(text[start:end])
    if year is not None:
        table.group_year = year
    return table


def read_indicator_header(cells: list[str]) -> _Columns | None:
    """The columns of an indicator table's header row, or None when the row is no such header.

    Example:
        >>> read_indicator_header(["TT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan chủ trì"])
        _Columns(width=5, indicator=1, unit=2, values=((3, None),))
    """
    if any(len(cell) > HEADER_MAX_CHARS for cell in cells):
        return None
    indicator = next((i for i, c in enumerate(cells) if _INDICATOR_HEADER_RE.fullmatch(c)), None)
    if indicator is None:
        return None
    unit = None
    values = []
    for i, cell in enumerate(cells[indicator + 1:], start=indicator + 1):
        if unit is None and _UNIT_HEADER_RE.fullmatch(cell):
            unit = i
        elif _REPORTED_HEADER_RE.search(cell):
            continue
        elif (year := _year_of(cell)) is not None or _VALUE_HEADER_RE.match(cell):
            values.append((i, year))
    if not values:
        return None
    return _Columns(len(cells), indicator, unit, tuple(values))


def split_year_columns(columns: _Columns, cells: list[str]) -> _Columns | None:
    """The columns of a header whose period column ("GIAI ĐOẠN 2026 - 2030", the last value
    column) spans a second row of years ("Năm 2026 | … | Năm 2030"); None when ``cells`` is no
    such row.

    Example:
        >>> split_year_columns(_Columns(5, 1, 2, ((4, 2030),)), ["Năm 2026", "Năm 2027"])
        _Columns(width=6, indicator=1, unit=2, values=((4, 2026), (5, 2027)))
    """
    years = [_year_of(cell) if len(cell) <= HEADER_MAX_CHARS else None for cell in cells]
    if len(cells) < 2 or None in years:
        return None
    spanning = columns.values[-1][0]
    shift = len(cells) - 1
    values = [(i, y) for i, y in columns.values[:-1]]
    values += [(spanning + k, year) for k, year in enumerate(years)]
    values += [(i + shift, y) for i, y in columns.values if i > spanning]
    unit = columns.unit if columns.unit is None or columns.unit < spanning else columns.unit + shift
    return _Columns(columns.width + shift, columns.indicator, unit, tuple(values))


def read_row(text: str, cells: list[tuple[int, int]], columns: _Columns, group_year: int | None,
             row: tuple[int, int]) -> list[TableTarget]:
    """The targets of one data row: one per value cell opening with a number, or one with its
    yearly path for a run of year columns.

    Example:
        >>> line = "1 ; Tỉ lệ hộ nghèo ; % ; Dưới 1%"
        >>> [(t.value, t.unit, t.comparator) for t in read_row(line, split_cells(line, 0,
        ...     len(line)), _Columns(4, 1, 2, ((3, 2025),)), None, (0, len(line)))]
        [(1.0, '%', '<')]
    """
    ind_start, ind_end = cells[columns.indicator]
    indicator = text[ind_start:ind_end].rstrip(" .;:")
    if not indicator or not any(ch.isalpha() for ch in indicator):
        return []
    unit = None
    if columns.unit is not None:
        unit = text[slice(*cells[columns.unit])].strip() or None
    read = []
    for index, year in columns.values:
        value = _cell_value(text, *cells[index], unit)
        if value is not None:
            read.append((value, year if year is not None else group_year))
    targets = []
    for value, year, yearly in _with_yearly_paths(read):
        number, value_max, cell_unit, comparator, end = value
        targets.append(TableTarget(indicator, number, value_max, cell_unit, comparator, year,
                                   (ind_start, end), row, yearly))
    return targets


#: What ``_cell_value`` reads: value, upper bound, unit, comparator, the cell's end.
_CellValue = tuple[float, float | None, str | None, str, int]


def _cell_value(text: str, start: int, end: int, unit: str | None) -> _CellValue | None:
    """The value opening a cell ("100%", "Trên 60", "10-12"), its unit its own or ``unit``."""
    m = VALUE_RE.search(text, start, end)
    if m is None or m.start() - start > VALUE_PREFIX_MAX_CHARS:
        return None
    if any(ch.isdigit() for ch in text[start:m.start()]):
        return None
    value = parse_value(text, m, end)
    if value is None:
        return None
    comparator = value.comparator or read_comparator(LoweredSpan(text, start, m.start()),
                                                     start, m.start())
    return value.value, value.value_max, value.unit or unit, comparator, end


def _with_yearly_paths(read: list[tuple[_CellValue, int | None]]
                       ) -> list[tuple[_CellValue, int | None, tuple[tuple[int, float], ...]]]:
    """Values with their years; a run of YEARLY_RUN_MIN or more year columns one year apart
    becomes its last value with the others as its yearly path."""
    years = [year for _, year in read]
    run = all(y is not None for y in years) and len(years) >= YEARLY_RUN_MIN and all(
        b == a + 1 for a, b in zip(years, years[1:]))
    if not run:
        return [(value, year, ()) for value, year in read]
    last, year = read[-1]
    return [(last, year, tuple((y, v[0]) for v, y in read[:-1]))]


def _year_of(cell: str) -> int | None:
    """The year a header cell or a group row names: a period's end ("Giai đoạn 2025-2027" ->
    2027), a year ("Năm 2030", "Đến năm 2030"), or a bare year ("2030")."""
    m = YEAR_RE.search(cell)
    if m is not None and m.group("base") is None:
        return int(m.group("y2") or m.group("y1"))
    bare = _BARE_YEAR_RE.fullmatch(cell.strip())
    return int(bare.group("y")) if bare is not None else None
