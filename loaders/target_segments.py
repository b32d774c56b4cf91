"""Where targets are read: paragraphs, sentences, clauses, and the sections that count.

The target extractor (:mod:`policykg.loaders.targets`) cuts the text into paragraphs, sentences
and ";"-clauses, reads only paragraphs that hold a digit or "không còn" inside a section that
states objectives or tasks, and masks the parts of a paragraph whose numbers belong to something
else: yearly-path zones ("(cụ thể: năm 2020 đạt 94,5%; …)") and quoted titles of other
instruments ('đề án "… 01 triệu căn hộ …"').

Example:
    >>> text = "1. Mục tiêu:\\nTỷ lệ hộ nghèo còn dưới 1%; không còn hộ đói."
    >>> [text[a:b] for a, b in split_paragraphs(text)]
    ['1. Mục tiêu:', 'Tỷ lệ hộ nghèo còn dưới 1%; không còn hộ đói.']
    >>> [text[a:b] for a, b in split_clauses(text, 13, len(text))]
    ['Tỷ lệ hộ nghèo còn dưới 1%', ' không còn hộ đói.']
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from policykg.loaders.section_index import SectionIndex
from policykg.loaders.sections import Section

UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
#: Section kinds whose numbers are never targets.
SKIPPED_KINDS = frozenset({"preamble", "closing", "organization"})

#: The next line opens a list item or a heading (shared by both paragraph-break patterns).
_OPENS_ITEM = (r"(?=(?:[-+•*]|\(\d+\)|\d{1,2}(?:\.\d{1,2})*\.\s|[a-zđ]\)\s|[IVX]+\.\s"
               rf"|[{UPPER}]{{2,}}\s))")

#: A paragraph break: a blank line not followed by a lowercase continuation (hard wraps in raw
#: text), a newline after sentence punctuation, or a newline before a list marker or heading.
PARA_BREAK_RE = re.compile(
    rf"""
    \n[ \t]*\n\s*(?=[^\sa-zđà-ỹ])          # blank line, next paragraph starts non-lowercase
  | (?<=[.;:!?])[ \t]*\n\s*                  # line ends a sentence or a lead-in
  | \n\s*{_OPENS_ITEM}                       # next line opens a list item or a heading
    """,
    re.X,
)
#: PARA_BREAK_RE for a text with no space or tab before a newline: every break then starts at a
#: newline, so the pattern opens with one and CPython skips to newlines instead of trying every
#: position (the second branch's ``[ \t]*`` can only be empty there).
PARA_BREAK_AT_NEWLINE_RE = re.compile(
    rf"""
    \n(?: [ \t]*\n\s*(?=[^\sa-zđà-ỹ])      # blank line, next paragraph starts non-lowercase
        | (?<=[.;:!?]\n)\s*                 # line ends a sentence or a lead-in
        | \s*{_OPENS_ITEM} )                # next line opens a list item or a heading
    """,
    re.X,
)
#: A sentence end inside a paragraph: ". " followed by an uppercase letter or an opening quote.
SENTENCE_END_RE = re.compile(rf"""[.!?](?=\s+[{UPPER}“"])""", re.X)

#: A digit, or "không còn" (value 0): a stretch without either holds no target. Two patterns, not
#: one alternation: each starts with a character class, which CPython scans for much faster.
_DIGIT_RE = re.compile(r"\d")
_KHONG_CON_RE = re.compile(r"[Kk]hông\s+còn")
#: A literal part of every "không còn" match (case-sensitive), to skip the scan of most stretches.
ZERO_KEY = "hông"

#: A yearly-path zone: "(cụ thể: …)" holding years, or "trong đó: năm 2020, …".
ZONE_OPEN_RE = re.compile(r"\(\s*cụ\s+thể\s*:|(?:cụ\s+thể|trong\s+đó)\s*:\s*(?=năm\s+\d{4})", re.I)
#: ZONE_OPEN_RE always holds a colon, and one of these words (lowercased).
ZONE_COLON = ":"
ZONE_WORDS = ("cụ", "trong")
_YEAR_WORD_RE = re.compile(r"năm\s+\d{4}", re.I)
#: A quoted title of another instrument: its numbers are its own ('đề án "… 01 triệu căn hộ …"').
QUOTED_TITLE_RE = re.compile(
    r"""(?:đề\s+án|chương\s+trình|kế\s+hoạch|nghị\s+quyết|quyết\s+định|chỉ\s+thị|chiến\s+lược
         |phong\s+trào|cuộc\s+vận\s+động|dự\s+án)\s*      # the instrument named
        [“"][^”"\n]{1,300}[”"]                                # its quoted title""",
    re.X | re.I,
)
#: Opening quotes of QUOTED_TITLE_RE: a paragraph without one holds no quoted title.
OPEN_QUOTES = ("“", '"')


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every paragraph, between PARA_BREAK_RE matches.

    Example:
        >>> split_paragraphs("Mục tiêu:\\nđạt 95%.")
        [(0, 9), (10, 18)]
    """
    at_newline = " \n" not in text and "\t\n" not in text
    breaks = (PARA_BREAK_AT_NEWLINE_RE if at_newline else PARA_BREAK_RE).finditer(text)
    out, start = [], 0
    for m in breaks:
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of a paragraph, cut after ". " before an uppercase letter or a quote.

    Example:
        >>> split_sentences("Đạt 95%. Tỷ lệ 90%.", 0, 19)
        [(0, 8), (8, 19)]
    """
    out, s = [], start
    for m in SENTENCE_END_RE.finditer(text, start, end):
        out.append((s, m.end()))
        s = m.end()
    out.append((s, end))
    return out


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """";"-delimited clauses of a sentence (the ";" belongs to neither side)."""
    out, s = [], start
    i = text.find(";", start, end)
    while i != -1:
        out.append((s, i))
        s = i + 1
        i = text.find(";", s, end)
    out.append((s, end))
    return out


def has_number(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` hold a digit or "không còn"?

    Example:
        >>> has_number("Không còn hộ đói", 0, 16), has_number("Mục tiêu", 0, 8)
        (True, False)
    """
    if _DIGIT_RE.search(text, start, end):
        return True
    if text.find(ZERO_KEY, start, end) == -1:
        return False
    return _KHONG_CON_RE.search(text, start, end) is not None


def find_quoted_titles(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of quoted titles of other instruments in a paragraph (QUOTED_TITLE_RE)."""
    if text.find(OPEN_QUOTES[0], start, end) == -1 and text.find(OPEN_QUOTES[1], start, end) == -1:
        return []  # most paragraphs quote nothing: skip the case-insensitive scan
    return [m.span() for m in QUOTED_TITLE_RE.finditer(text, start, end)]


def find_zones(text: str, start: int, end: int, low: str | None = None) -> list[tuple[int, int]]:
    """Yearly-path zones of a paragraph: '(cụ thể: …)' to its ')' or 'trong đó: năm …' to the end.

    ``low``, when given, is the paragraph lowercased (one character before it may be added).

    Example:
        >>> text = "Đạt 97,5% (cụ thể: năm 2020 đạt 94,5%)."
        >>> [text[a:b] for a, b in find_zones(text, 0, len(text))]
        ['(cụ thể: năm 2020 đạt 94,5%)']
    """
    zones: list[tuple[int, int]] = []
    if text.find(ZONE_COLON, start, end) == -1:
        return zones  # no colon, no zone opener: skip the case-insensitive scan
    if low is not None and not any(word in low for word in ZONE_WORDS):
        return zones
    for m in ZONE_OPEN_RE.finditer(text, start, end):
        if zones and m.start() < zones[-1][1]:
            continue
        if m.group(0).startswith("("):
            close = _matching_paren(text, m.start(), end)
            if _YEAR_WORD_RE.search(text, m.end(), close):
                zones.append((m.start(), close))
        else:
            zones.append((m.start(), end))
    return zones


def _matching_paren(text: str, open_at: int, end: int) -> int:
    depth = 0
    for i in range(open_at, end):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return end


class SectionLocator(SectionIndex):
    """Sections of a document as the target extractor reads them: which kind, which skipped."""

    def __init__(self, sections: Sequence[Section]) -> None:
        super().__init__(sections)
        cuts = self.cuts
        # next_live[i]: the first piece j >= i whose owner is read (len(cuts) when none).
        self.next_live = [len(cuts)] * (len(cuts) + 1)
        for i in range(len(cuts) - 1, -1, -1):
            owner = self.owners[i]
            read = owner is not None and owner.kind not in SKIPPED_KINDS
            self.next_live[i] = i if read else self.next_live[i + 1]

    def kind(self, offset: int) -> str | None:
        """Section kind at ``offset``: None = skip; 'objectives', 'tasks' or 'other'."""
        if self.empty:
            return "objectives"
        section = self.at(offset)
        if section is None:
            return None
        return None if section.kind in SKIPPED_KINDS else section.kind

    def fixed(self, start: int, end: int) -> tuple[str | None, Section | None] | None:
        """(``kind(x)``, ``at(x)``) when they are the same for every ``x`` in ``[start, end)``
        (the range lies in one piece between section bounds), else None."""
        if self.empty:
            return "objectives", None
        i = bisect.bisect_right(self.cuts, start) - 1
        if i + 1 < len(self.cuts) and self.cuts[i + 1] < end:
            return None
        owner = self.owners[i] if i >= 0 else None
        if owner is None or owner.kind in SKIPPED_KINDS:
            return None, owner
        return owner.kind, owner

    def reads_any(self, start: int, end: int) -> bool:
        """Is ``kind(x)`` not None for some offset ``x`` in ``[start, end)``?"""
        if self.empty:
            return True
        i = max(bisect.bisect_right(self.cuts, start) - 1, 0)
        j = self.next_live[i]
        return j < len(self.cuts) and (j == i or self.cuts[j] < end)
