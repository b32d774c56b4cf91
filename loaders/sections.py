"""The section tree of a document, as the extractors see it.

``parse.py`` builds the sections from the heading lines (``I.``/``II.``, ``1.``, ``1.1.``,
``a)``, ``đ)``, ``-``, ``+``, ``(1)``); citations, targets and assignments ask ``section_at`` which
section an offset lies in, to know its path ("II/1/a"), whether it states objectives or tasks, and
the deadline year its heading gives ("Mục tiêu đến năm 2025").

Example:
    >>> s = Section(path="I/2", title="Mục tiêu cụ thể đến năm 2025", start=120, end=900,
    ...             kind="objectives", year=2025)
    >>> section_at([s], 300).path
    'I/2'
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, NamedTuple

#: What a section is for, from its own heading or its nearest ancestor's:
#: preamble (before the first heading: title, "Căn cứ …", "Thực hiện …"),
#: objectives ("Mục tiêu", "Chỉ tiêu", "Mục đích, yêu cầu"),
#: tasks ("Nhiệm vụ", "Giải pháp", "Nội dung"), organization ("Tổ chức thực hiện", "Phân công"),
#: closing (signature block, "Nơi nhận"), other.
SectionKind = Literal["preamble", "objectives", "tasks", "organization", "closing", "other"]


class Section(NamedTuple):
    """One node of the heading tree; ``[start, end)`` covers the heading and its body.

    Immutable, compared and hashed by value. A named tuple rather than a frozen dataclass: a
    document has hundreds of headings (the bench corpus ~45,000), and a tuple is built in a
    third of the time a frozen dataclass's ``__init__`` takes, setting field by field.
    """

    path: str  # numbering labels joined by "/", e.g. "II/1/a"; "" for the preamble
    title: str  # the heading line without its numbering
    start: int
    end: int
    kind: SectionKind
    year: int | None = None  # deadline year given by this heading or the nearest ancestor
    depth: int = 0


def section_at(sections: Sequence[Section], offset: int) -> Section | None:
    """The innermost section containing ``offset`` (sections may nest), or None."""
    best: Section | None = None
    for section in sections:
        if section.start <= offset < section.end and (best is None or section.depth >= best.depth):
            best = section
    return best
