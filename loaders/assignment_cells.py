"""The cells of a task table's row: which agencies a "chủ trì" or "phối hợp" cell names.

A role cell of an appendix task table (``assignment_tables.py``) usually names agencies and
nothing else ("Các sở, ban, ngành; UBND các phường, xã"), sometimes in a sentence saying what
each does ("Sở KH&CN chủ trì hướng dẫn, tổng hợp; Các sở, ngành, UBND cấp xã thực hiện công bố
…"). The agencies are returned as written, as spans into the text.

Decisions:

* A cell is read ";"-piece by piece, and sentence by sentence, since each piece may name its own
  agencies with its own verb; a piece's list is split as any agency list (``agency_lists.py``).
* A piece's list ends at a role or reporting verb ("chủ trì", "thực hiện", "theo dõi" …), not at
  any task verb: a cell names agencies, and a name may hold a verb ("Các doanh nghiệp cung cấp
  dịch vụ bưu chính").
* A piece opening with neither a capital nor an agency word ("thường xuyên", "x", "2026") names
  no agency; a row laid over its header by guess (``strict``) needs an agency word. Items after
  an agency in one list share its collective word ("Các bộ, ngành, địa phương": "địa phương" is
  the localities), and a list ends at "với", which gives the share of the task that is the
  agencies' own ("Bộ Công an với các tiêu chuẩn áp dụng chung toàn quốc").

Example:
    >>> cell = "Các sở, ban, ngành; UBND các phường, xã; Các doanh nghiệp cung cấp dịch vụ bưu chính"
    >>> [cell[s:e] for s, e in cell_agencies(cell, 0, len(cell))]
    ['Các sở, ban, ngành', 'UBND các phường, xã', 'Các doanh nghiệp cung cấp dịch vụ bưu chính']
"""

from __future__ import annotations

import re

from policykg.loaders.agency_lists import split_agency_list
from policykg.loaders.assignment_patterns import match_subject_start
from policykg.loaders.assignment_roles import find_sentence_roles

#: An agency name longer than this is a sentence that lost its boundary.
AGENCY_MAX_CHARS = 150
# What a role cell's agency does, when the cell says it ("Sở KH&CN chủ trì hướng dẫn, tổng hợp",
# "Sở Khoa học và Công nghệ thúc đẩy, theo dõi"), or which share of the task is its own ("Bộ Công
# an, Bộ Khoa học và Công nghệ với các tiêu chuẩn áp dụng chung toàn quốc; các bộ, ngành với các
# tiêu chuẩn nội ngành"): the agency list ends there. Only these role and
# reporting verbs, lowercase: a cell names agencies, and a name may hold another verb ("Các doanh
# nghiệp cung cấp dịch vụ bưu chính", "Ban Quản lý dự án đầu tư xây dựng").
_CELL_PREDICATE_RE = re.compile(
    r"""
    \s*:                                            # "Sở Y tế: chủ trì"
  | ,?\s+ (?: chủ\s+trì | thực\s+hiện | phối\s+hợp | thúc\s+đẩy | theo\s+dõi | báo\s+cáo
           | tổng\s+hợp | hướng\s+dẫn | tham\s+mưu | đôn\s+đốc | giám\s+sát
           | (?:chịu|có)\s+trách\s+nhiệm ) (?!\w)      # "… chủ trì", "…, theo dõi"
  | \s+ với (?!\w)                                # "Bộ Công an với các tiêu chuẩn …": its share
    """,
    re.X,
)
# Where a role cell's pieces end: a ";", a line end, a "." (a sentence end if _ends_sentence).
_PIECE_MARK_RE = re.compile(r"[;\n.]")
#: List bullets a piece may open with ("- Sở Tư pháp").
_BULLETS = "-+•*"


def cell_agencies(text: str, start: int, end: int, strict: bool = False) -> list[tuple[int, int]]:
    """The agencies a role cell names, as written.

    The cell's ";"-pieces and sentences are read apart, each up to what it says its agency does
    ("chủ trì", "thực hiện", "theo dõi" …), and split as any agency list. A piece naming no
    agency (a note, a date) gives none: an agency opens with a capital ("Thuế Đồng Nai") or an
    agency word ("các sở, ngành").

    Args:
        text: the text holding the cell.
        start: where the cell starts.
        end: where it ends.
        strict: every piece must open with an agency word (the row did not fit its header).

    Example:
        >>> cell = ("Sở KH&CN chủ trì hướng dẫn, tổng hợp; Các sở, ngành, UBND cấp xã thực hiện "
        ...         "công bố dữ liệu mở hằng năm.")
        >>> [cell[s:e] for s, e in cell_agencies(cell, 0, len(cell))]
        ['Sở KH&CN', 'Các sở, ngành', 'UBND cấp xã']
    """
    found: list[tuple[int, int]] = []
    for piece_start, piece_end in _pieces(text, start, end):
        if strict and not match_subject_start(text, piece_start, piece_end):
            continue
        verb = _CELL_PREDICATE_RE.search(text, piece_start, piece_end)
        stop = verb.start() if verb is not None else piece_end
        found += _list_agencies(text, split_agency_list(text, piece_start, stop))
    return found


def _list_agencies(text: str, items: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The items of a cell's agency list that name agencies: an item that opens like a name, and
    every item after one, since a list's later items share its first one's collective word ("Các
    bộ, ngành, địa phương" -> "Các bộ, ngành" and "địa phương", the localities; "… và các bộ,
    ngành, địa phương khác có liên quan")."""
    kept: list[tuple[int, int]] = []
    for start, end in items:
        if _names_agency(text, start, end) or (kept and _continues_list(text, start, end)):
            kept.append((start, end))
    return kept


def _continues_list(text: str, start: int, end: int) -> bool:
    """Whether a list item after an agency can be one: short enough, opening with a letter."""
    return 0 < end - start <= AGENCY_MAX_CHARS and text[start].isalpha()


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The cell cut at ";", line ends and sentence ends (a "." after a lowercase letter, before a
    space: "tổng hợp. Các sở", not "UBND TP. Hồ Chí Minh"), each without edge spaces and bullets."""
    cuts = [m.start() for m in _PIECE_MARK_RE.finditer(text, start, end)
            if text[m.start()] != "." or _ends_sentence(text, m.start(), end)]
    pieces = []
    cursor = start
    for cut in cuts + [end]:
        piece = strip_span(text, cursor, cut)
        while piece[0] < piece[1] and text[piece[0]] in _BULLETS:
            piece = strip_span(text, piece[0] + 1, piece[1])
        if piece[1] > piece[0]:
            pieces.append(piece)
        cursor = cut + 1
    return pieces


def _ends_sentence(text: str, dot: int, end: int) -> bool:
    return text[dot - 1:dot].islower() and (dot + 1 == end or text[dot + 1] == " ")


def _names_agency(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]``, a piece of a role cell, is an agency's name."""
    if not 0 < end - start <= AGENCY_MAX_CHARS:
        return False
    return text[start].isupper() or match_subject_start(text, start, end) is not None


def mixed_cell_roles(text: str, start: int, end: int,
                      strict: bool = False) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """A cell under "Cơ quan chủ trì, phối hợp": read as a sentence ("Sở Y tế chủ trì, phối hợp
    với Sở Tài chính"), or, a bare list, its first agency the lead, the others support, in the
    order the header names the roles.

    Example:
        >>> cell = "Sở Y tế chủ trì, phối hợp với Sở Tài chính"
        >>> [[cell[s:e] for s, e in part] for part in mixed_cell_roles(cell, 0, len(cell))]
        [['Sở Y tế'], ['Sở Tài chính']]
    """
    found = find_sentence_roles(text, start, end)
    if found:
        return ([(s, e) for s, e, role, _ in found if role == "lead"],
                [(s, e) for s, e, role, _ in found if role == "support"])
    agencies = cell_agencies(text, start, end, strict=strict)
    return agencies[:1], agencies[1:]


def strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without the spaces at its edges."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
