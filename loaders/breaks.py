"""The line list the normalizer's steps pass along: break markers, change counts, writing out.

``normalize.py`` splits a text into lines once and runs its steps (``chrome.py``,
``line_wraps.py``, ``tables.py``, ``repeats.py`` …) on that list. Three markers stand for layout
rather than text:

* ``SOFT`` (``""``, one blank line in the output): a paragraph boundary that a wrap repair may
  still cross (sample 004 wraps "phát triển kinh" / blank / "tế - xã hội").
* ``HARD`` (``"\\x00"``, two or more blank lines): never crossed. Table cells, removed chrome,
  removed duplicates and separator rules leave one. Control characters are gone after the
  character step, so the marker cannot collide with text.
* ``PIPE`` (``"|"``): a table cell border, until ``tables.flatten_tables`` drops it.

The output keeps the two strengths of break (one or two blank lines) and ``read_breaks`` reads
them back, so a second normalization pass decides alike.

Example:
    >>> write_lines(read_breaks(["KẾ HOẠCH", SOFT, SOFT, "Căn cứ Luật Đầu tư công;", SOFT,
    ...                          "I. MỤC TIÊU"]))
    'KẾ HOẠCH\\n\\n\\nCăn cứ Luật Đầu tư công;\\n\\nI. MỤC TIÊU'
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

#: A hard break: never crossed by a wrap repair.
HARD = "\x00"
#: A soft break: one blank line.
SOFT = ""
#: A table cell border.
PIPE = "|"
BREAKS = frozenset({SOFT, HARD})
#: Lines that are layout, not text.
NOT_TEXT = frozenset({SOFT, HARD, PIPE})
#: How the two strengths of break are written out.
_SOFT_GAP = "\n\n"
_HARD_GAP = "\n\n\n"


@dataclass
class NormalizeStats:
    """Counts of what the normalizer's passes changed; turned into warnings once at the end."""

    lookalikes: int = 0
    chrome_lines: int = 0
    chrome_chars: int = 0
    metadata_fields: list[str] = field(default_factory=list)
    table_rows: int = 0
    duplicate_chars: int = 0
    duplicate_rounds: int = 0

    def count_chrome(self, removed: Iterable[str]) -> None:
        """Count removed page furniture ("Hôm nay:", "Chia sẻ"); markers are not counted."""
        for line in removed:
            if line and line not in (HARD, PIPE):
                self.chrome_lines += 1
                self.chrome_chars += len(line)


def read_breaks(lines: list[str]) -> list[str]:
    """Runs of two or more blank lines are hard breaks (the form ``write_lines`` gives them).

    Example: ``["Căn cứ Luật Đầu tư công;", "", "", "I. MỤC TIÊU"]`` ->
    ``["Căn cứ Luật Đầu tư công;", HARD, "I. MỤC TIÊU"]``.
    """
    out: list[str] = []
    for line in lines:
        if line == SOFT and out and out[-1] in BREAKS:
            out[-1] = HARD
        else:
            out.append(line)
    return out


def write_lines(lines: list[str]) -> str:
    """Write the lines: a soft break as one blank line, a hard break as two; no edge breaks.

    Example: ``["KẾ HOẠCH", HARD, "Căn cứ Luật Đầu tư công;", SOFT, "I. MỤC TIÊU"]`` ->
    ``"KẾ HOẠCH\\n\\n\\nCăn cứ Luật Đầu tư công;\\n\\nI. MỤC TIÊU"``.
    """
    parts: list[str] = []
    pending: str | None = None
    for line in lines:
        if line in NOT_TEXT:
            if parts:
                pending = HARD if (pending is not None or line != SOFT) else SOFT
            continue
        if pending is not None:
            parts.append(_HARD_GAP if pending == HARD else _SOFT_GAP)
        elif parts:
            parts.append("\n")
        parts.append(line)
        pending = None
    return "".join(parts)
