"""Normalizer step 6: tables flattened into lines, a data row's cells kept together.

Readers write a table row as one line of cells joined by " | " (HTML, DOCX), and the legal
portal's Markdown arrives flattened one cell per line with the borders on lines of their own.
Both become lines without pipes: a row of ``TABLE_ROW_MIN_CELLS`` or more cells (an appendix
task table: number, task, lead agency, partners, deadline) becomes one line with its cells
joined by ``CELL_JOINER``, so an assignment keeps its lead agency and deadline; smaller rows (the
two-column header of every administrative document, a signature block) keep one cell per block,
as printed, between hard breaks.

Where a table starts is read from the rows below it: a caption, a signature block's cells or the
last row of the table before may run against its header with no break between (the legal
portal prints "… | Bộ Công an |" / "PHỤ LỤC II …" / "(Kèm theo …)" / "| TT | …"). A table's first
row has as many cells as its data rows, so the cells before them are not its own.

Example:
    >>> row = "1 | Rà soát quy hoạch | Sở Xây dựng | Năm 2025"
    >>> flatten_tables(split_inline_pipes([row]), NormalizeStats())[2]
    '1 ; Rà soát quy hoạch ; Sở Xây dựng ; Năm 2025'
"""

from __future__ import annotations

from policykg.loaders.breaks import BREAKS, HARD, NOT_TEXT, PIPE, NormalizeStats

#: A row of at least this many cells is a data row and becomes one line joined by ``CELL_JOINER``.
TABLE_ROW_MIN_CELLS = 3
#: A "cell" longer than this is body text between two unrelated pipes, not a table cell.
TABLE_CELL_MAX_CHARS = 1500
CELL_JOINER = " ; "


def split_inline_pipes(lines: list[str]) -> list[str]:
    """One cell per line. ``"a | b | c"`` (a whole row) -> |, |, a, |, b, |, c, |, |: framed by
    row ends; ``"ỦY BAN NHÂN DÂN |"`` -> the cell and its closing pipe (the row may go on)."""
    out: list[str] = []
    for line in lines:
        if PIPE not in line or line == PIPE:
            out.append(line)
            continue
        cells = [cell.strip() for cell in line.split(PIPE)]
        filled = [cell for cell in cells if cell]
        whole_row = len(filled) >= 2
        if whole_row:
            out.extend([PIPE, PIPE])
        for cell in filled:
            out.extend([cell, PIPE])
        if whole_row:
            out.append(PIPE)
    return out


def _row_ends(lines: list[str]) -> list[int]:
    """Pipes that end a table row: one followed by another pipe (the flattened row boundary), by a
    break, or by the end of the text (the last row of a table)."""
    last = len(lines) - 1
    return [i for i in [i for i, line in enumerate(lines) if line == PIPE]
            if i == last or lines[i + 1] in NOT_TEXT]


def _row_cells(segment: list[str]) -> list[str] | None:
    """The cells of a row (each cell's lines joined by a space), or None if the segment is not a
    row: a break inside it, or a cell too long to be one (body text between unrelated pipes)."""
    cells: list[list[str]] = [[]]
    for line in segment:
        if line == PIPE:
            cells.append([])
        elif line in BREAKS:
            return None
        else:
            cells[-1].append(line)
    joined = [" ".join(cell) for cell in cells if cell]
    if any(len(cell) > TABLE_CELL_MAX_CHARS for cell in joined):
        return None
    return joined


def flatten_tables(lines: list[str], stats: NormalizeStats) -> list[str]:
    """Drop the pipes. A row framed by row ends on both sides with at least TABLE_ROW_MIN_CELLS
    cells becomes one line, cells joined by ``" ; "``; every other cell stays a block of its own
    between hard breaks (the two-column header of a document, its signature block).

    Example: ``["|", "|", "2", "|", "Thực hiện đo lường", "|", "Bộ Khoa học và Công nghệ", "|",
    "Năm 2025-2030", "|"]`` -> ``[HARD, "2 ; Thực hiện đo lường ; Bộ Khoa học và Công nghệ ;
    Năm 2025-2030", HARD]``.
    """
    if PIPE not in lines:
        return lines
    segments, rest = _segments(lines)
    cells = [_row_cells(segment) if closed else None for segment, closed in segments]
    out: list[str] = []
    before: int | None = None
    for (segment, _), row, after in zip(segments, cells, _widths_ahead(cells)):
        before = _write_segment(out, segment, row, (before, after), stats)
    out.extend(HARD if line == PIPE else line for line in rest)
    return out


def _segments(lines: list[str]) -> tuple[list[tuple[list[str], bool]], list[str]]:
    """The lines cut after each row end: (segment, whether a row end precedes it), and what
    follows the last row end."""
    segments = []
    start = 0
    left_closed = bool(lines) and lines[0] == PIPE
    for end in _row_ends(lines):
        segments.append((lines[start:end + 1], left_closed))
        start, left_closed = end + 1, True
    return segments, lines[start:]


def _widths_ahead(cells: list[list[str] | None]) -> list[int | None]:
    """For each segment, the cell count of the next data row of its table, if one follows: empty
    segments and short rows (group rows "I | Giai đoạn 2025-2027") are crossed, a segment that is
    no row (body text) ends the table."""
    ahead: list[int | None] = [None] * len(cells)
    following: int | None = None
    for k in range(len(cells) - 1, -1, -1):
        ahead[k] = following
        if cells[k] is None:
            following = None
        elif len(cells[k]) >= TABLE_ROW_MIN_CELLS:
            following = len(cells[k])
    return ahead


def _write_segment(out: list[str], segment: list[str], cells: list[str] | None,
                   widths: tuple[int | None, int | None], stats: NormalizeStats) -> int | None:
    """Write one segment: a row, text and the first row of a table, or text.

    ``widths``: the table's width so far (its widest row: a row under merged cells has fewer) and
    the cell count of the next data row. A row wider than both together is the last row of one
    table, the caption of the next and its header, run together because the caption left no
    break ("… | Bộ Công an | PHỤ LỤC II … (Kèm theo Quyết định …) | TT | Nhiệm vụ, giải pháp |
    …"). Returns the width of the table the next segment continues (None after body text).
    """
    before, after = widths
    if cells is not None:
        if len(cells) < TABLE_ROW_MIN_CELLS:
            _write_text(out, segment)
            return before  # a group row or an empty cell: the table goes on
        if before and after and len(cells) > before + after:
            opens = _cell_openings(segment)
            _write_row(out, segment[:opens[before]], stats)
            _write_text(out, segment[opens[before]:opens[-after]])
            _write_row(out, segment[opens[-after]:], stats)
            return after
        _write_row(out, segment, stats)
        return max(before or 0, len(cells))
    opening = _opening_row(segment)
    if opening is None and after:
        opening = _trailing_row(segment, after)
    row = _row_cells(segment[opening:]) if opening is not None else None
    if row is None or len(row) < TABLE_ROW_MIN_CELLS:
        _write_text(out, segment)
        return None
    _write_text(out, segment[:opening])
    _write_row(out, segment[opening:], stats)
    return len(row)


def _write_row(out: list[str], segment: list[str], stats: NormalizeStats) -> None:
    """A row's cells on one line between hard breaks."""
    stats.table_rows += 1
    out.extend([HARD, CELL_JOINER.join(_row_cells(segment) or []), HARD])


def _write_text(out: list[str], segment: list[str]) -> None:
    """Lines as printed, each pipe a hard break."""
    out.extend(HARD if line == PIPE else line for line in segment)


def _cell_openings(segment: list[str]) -> list[int]:
    """The pipe before each cell of a row (a cell's first line follows a pipe)."""
    return [i - 1 for i in range(1, len(segment))
            if segment[i] not in NOT_TEXT and segment[i - 1] == PIPE]


def _opening_row(segment: list[str]) -> int | None:
    """Where a table's first row opens in ``segment``: at a pipe right after its last break.

    A table's first row (usually its header: "STT | Nhiệm vụ | Đơn vị chủ trì | …") follows the
    text before the table, a caption such as "(Kèm theo Kế hoạch số 179/KH-UBND …)", so no row end
    precedes it; what the last break leaves of the segment is the row when it opens with a pipe.
    The text before the break stays as it was.

    Example: ``["PHỤ LỤC", HARD, "|", "STT", "|", "Nhiệm vụ", "|", "Chủ trì", "|"]`` -> 2.
    """
    for i in range(len(segment) - 1, 0, -1):
        if segment[i - 1] in BREAKS:
            return i if segment[i] == PIPE else None
    return None


def _trailing_row(segment: list[str], width: int) -> int | None:
    """Where a table's first row opens when text runs against its pipe: the pipe before the
    segment's last ``width`` cells, ``width`` being the cell count of the table's data rows.

    A caption without a blank line after it ("(Kèm theo Quyết định số …)" then "|"), or the
    appendix that follows a signature block's cells ("Nơi nhận: … | KT. THỦ TƯỚNG … | PHỤ LỤC I
    …"), leaves no break before the header, and the cells before it are not the table's: a
    table's first row has as many cells as the rows below it. Cells crossing a break are no row.

    Example: ``["Kèm theo", "|", "TT", "|", "Chỉ tiêu", "|", "Đơn vị", "|"]`` with width 3 -> 1.
    """
    count = 0
    in_cell = False
    for i in range(len(segment) - 1, -1, -1):
        line = segment[i]
        if line in BREAKS:
            return None
        if line != PIPE:
            in_cell = True
            continue
        count += in_cell
        in_cell = False
        if count == width:
            return i
    return None
