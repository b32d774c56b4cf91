"""Normalizer step 6: tables flattened into lines, a data row's cells kept together.

Readers write a table row as one line of cells joined by " | " (HTML, DOCX), and the legal
portal's Markdown arrives flattened one cell per line with the borders on lines of their own.
Both become lines without pipes: a row of ``TABLE_ROW_MIN_CELLS`` or more cells (an appendix
task table: number, task, lead agency, partners, deadline) becomes one line with its cells
joined by ``CELL_JOINER``, so an assignment keeps its lead agency and deadline; smaller rows (the
two-column header of every administrative document, a signature block) keep one cell per block,
as printed, between hard breaks.

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
    out: list[str] = []
    start = 0
    left_closed = bool(lines) and lines[0] == PIPE
    for end in _row_ends(lines):
        segment = lines[start:end + 1]
        opening = 0 if left_closed else None
        cells = _row_cells(segment) if left_closed else None
        if cells is None:
            opening = _opening_row(segment)
            cells = _row_cells(segment[opening:]) if opening is not None else None
        if cells is not None and opening is not None and len(cells) >= TABLE_ROW_MIN_CELLS:
            stats.table_rows += 1
            out.extend(HARD if line == PIPE else line for line in segment[:opening])
            out.extend([HARD, CELL_JOINER.join(cells), HARD])
        else:
            out.extend(HARD if line == PIPE else line for line in segment)
        start, left_closed = end + 1, True
    out.extend(HARD if line == PIPE else line for line in lines[start:])
    return out


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
