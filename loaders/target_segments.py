"""Where targets are read: paragraphs, sentences, clauses, and the sections that count.

The target extractor (:mod:`policykg.loaders.targets`) cuts the text into paragraphs, sentences
and ";"-clauses, reads only paragraphs that hold a digit or "không còn" inside a section that
states objectives or tasks, and masks the parts of a paragraph whose numbers belong to something
else: yearly-path zones ("(cụ thể: năm 2020 đạt 94,5%; …)") and quoted titles of other
instruments ('đề án "… 01 triệu căn hộ …"').

A section is not read either when its heading, or an enclosing one, says that its numbers are
rules or past results (RULE_HEADING_RE): a regulation's norms, allowances, scores, awards,
decentralised thresholds and scope ("Định mức phân bổ …", "Nội dung chi, mức chi hỗ trợ",
"Tiêu chí đánh giá và thang điểm", "Xếp loại hằng năm", "Xét tặng Bằng khen …", "Phân cấp thẩm
quyền …", "Đối tượng áp dụng"), and a review of the situation ("Tình hình thực hiện …",
"Đánh giá kết quả …", "Thực trạng …"), unless the heading also announces what comes next
("Tình hình thực hiện năm 2025 và phương hướng, nhiệm vụ năm 2026": an annual report-and-plan
puts its next year's targets under such a heading). Only the start of a heading is read: a numbered paragraph's
whole first line is its heading, and a rule word later in it ("… theo quy định phân cấp …")
says nothing about the section.

Example:
    >>> text = "1. Mục tiêu:\\nTỷ lệ hộ nghèo còn dưới 1%; không còn hộ đói."
    >>> [text[a:b] for a, b in split_paragraphs(text)]
    ['1. Mục tiêu:', 'Tỷ lệ hộ nghèo còn dưới 1%; không còn hộ đói.']
    >>> [text[a:b] for a, b in split_clauses(text, 13, len(text))]
    ['Tỷ lệ hộ nghèo còn dưới 1%', ' không còn hộ đói.']
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import compress
from operator import attrgetter

from policykg.loaders.caseless import Caseless, LoweredSpan
from policykg.loaders.numbers import WORD_NUMBERS
from policykg.loaders.section_index import SectionIndex
from policykg.loaders.sections import Section
from policykg.loaders.target_digits import DIGIT
from policykg.loaders.target_units import UNIT_ALT

UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
#: Section kinds whose numbers are never targets.
SKIPPED_KINDS = frozenset({"preamble", "closing", "organization"})
#: "… và kế hoạch …": a review of the past that also heads the plan (RULE_HEADING_RE's reviews).
_HEADS_PLAN_TOO = r"""(?![^\n]*\bvà\s+(?:kế\s+hoạch|phương\s+hướng|định\s+hướng|mục\s+tiêu|nhiệm\s+vụ
                                  |giải\s+pháp))"""
#: A level of pay or support: "mức chi", "mức hỗ trợ" … (see RULE_HEADING_RE).
_ALLOWANCE = r"""mức\s+(?:chi|hỗ\s+trợ|phụ\s+cấp|trợ\s+cấp|hưởng|khoán|thù\s+lao|bồi\s+dưỡng)\b"""
#: The start of a heading whose section sets rules or reviews the past: none of its numbers is a
#: target (see the module docstring). Matched at the title's start, after leading marks (re.I
#: there: a title, often a whole numbered paragraph, is not lowered for one match at its start).
#: With re.I, CPython enters every branch of an alternation (it skips only branches opening with
#: a plain literal): the words are grouped by their first letter, so that a title is tried
#: against nine branches, not twenty; the leading marks are possessive, as every word opens with
#: a letter, which they never hold (giving one back could not help).
RULE_HEADING_RE = re.compile(
    rf"""[\W\d_]*+(?:
        đ(?:ịnh\s+mức                                            # norms: Định mức phân bổ …
           |iểm\s+(?:của|thưởng|trừ)\b                          # scores
           |ối\s+tượng\s+áp\s+dụng                               # a regulation's scope
           |iều\s+kiện\b                                         # conditions
           |ánh\s+giá\s+(?:tình\s+hình|kết\s+quả|việc\s+thực\s+hiện|thực\s+hiện)
            {_HEADS_PLAN_TOO})                                  # a review of the past
      | n(?:ội\s+dung\s+(?:chi\s*,\s*{_ALLOWANCE}|phân\s+cấp)       # allowances; decentralisation
           |guyên\s+tắc\s+(?:đánh\s+giá|xếp\s+loại|phân\s+bổ|chấm\s+điểm|tính))
      | {_ALLOWANCE}                                            # allowances: Mức chi hỗ trợ
      | t(?:iêu\s+(?:chí\s+(?:đánh\s+giá|chấm\s+điểm|phân\s+bổ|phân\s+định|xác\s+định)
                   |chuẩn\s+xét)                                # criteria, awards
           |hang\s+điểm                                          # scores
           |(?:ình\s+hình|hực\s+trạng){_HEADS_PLAN_TOO})        # a review of the past
      | cách\s+tính\s+điểm                                       # scores
      | p(?:hương\s+pháp\s+(?:đánh\s+giá|xếp\s+loại|phân\s+bổ|chấm\s+điểm|tính)
           |hân\s+cấp\s+thẩm\s+quyền                               # decentralised thresholds
           |hạm\s+vi\s+điều\s+chỉnh)                               # a regulation's scope
      | x(?:ếp\s+loại|ét\s+(?:tặng|khen))                         # grading and awards
      | yêu\s+cầu\s*,\s*điều\s+kiện\b                           # conditions
      | kết\s+quả\s+(?:thực\s+hiện|đạt\s+được){_HEADS_PLAN_TOO}   # a review of the past
    )""",
    re.X | re.I,
)

_TITLE_OF = attrgetter("title")

#: The next line opens a list item or a heading (shared by both paragraph-break patterns).
_OPENS_ITEM = (r"(?=(?:[-+•*]|\(\d+\)|\d{1,2}(?:\.\d{1,2})*\.\s|[a-zđ]\)\s|[IVX]+\.\s"
               rf"|[{UPPER}]{{2,}}\s))")

#: A paragraph break: a blank line not followed by a lowercase continuation (hard wraps in raw
#: text), a newline after sentence punctuation, or a newline before a list marker or heading.
_PARA_BREAK = rf"""
    \n[ \t]*\n\s*(?=[^\sa-zđà-ỹ])          # blank line, next paragraph starts non-lowercase
  | (?<=[.;:!?])[ \t]*\n\s*                  # line ends a sentence or a lead-in
  | \n\s*{_OPENS_ITEM}                       # next line opens a list item or a heading
    """


@functools.cache
def para_break_re() -> re.Pattern[str]:
    """The paragraph-break pattern, compiled on first use: the normalizer leaves no space before
    a line end, so :func:`split_paragraphs` nearly always reads PARA_BREAK_AT_NEWLINE_RE (and
    the class of lowercase letters makes this pattern slow to compile)."""
    return re.compile(_PARA_BREAK, re.X)


#: para_break_re() for a text with no space or tab before a newline: every break then starts at a
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
#: A space or tab before a newline, found from the newline: CPython skips to a literal first
#: character several times faster than ``in`` finds " \n" (the whole text is scanned, and most
#: texts hold neither).
SPACE_BEFORE_NEWLINE_RE = re.compile(r"\n(?<=[ \t]\n)")
#: A sentence end inside a paragraph: ". " followed by an uppercase letter or an opening quote.
SENTENCE_END_RE = re.compile(rf"""[.!?](?=\s+[{UPPER}“"])""", re.X)
#: SENTENCE_END_RE for a paragraph without "!" or "?" (nearly all): a literal first, which
#: CPython skips to several times faster than to a class.
PERIOD_END_RE = re.compile(rf"""\.(?=\s+[{UPPER}“"])""", re.X)
#: The other sentence ends of SENTENCE_END_RE.
OTHER_ENDS = ("!", "?")

# A digit, or "không còn" (value 0): a stretch without either holds no target. Two patterns, not
# one alternation: CPython scans much faster for what each starts with (a class, a literal). The
# first, ``DIGIT``, is compiled on first use (``_digit_re``): only has_number reads it, which the
# extractor does not call.
#: "không còn" found from its "h": a literal start (the "K"/"k" is checked behind it).
_KHONG_CON_RE = re.compile(r"hông(?<=[Kk]hông)\s+còn")
#: A literal part of every "không còn" match (case-sensitive), to skip the scan of most stretches.
ZERO_KEY = "hông"
#: A count written in words after "ít nhất": "Có ít nhất một cơ sở y tế" (value 1, '>='). (After
#: "tối thiểu" a count is written in digits: "tối thiểu 80%", "tối thiểu 01 sàn"; looking for
#: words there too cost a second scan of every paragraph.)
WORD_COUNT_RE = re.compile(
    rf"""ít\s+nhất\s+                                               # the minimum
        (?P<num>{"|".join(WORD_NUMBERS)})(?=\s+(?:{UNIT_ALT})(?!\w))  # a word before a counted noun
    """,
    re.X | re.I,
)
#: A literal part of "ít nhất" (lower or sentence case; a body text in capitals is not read for
#: counts in words), one character after the start of a WORD_COUNT_RE match: the pattern is
#: tried only there (a scan with re.I is slow).
WORD_COUNT_KEY = "t nhất"

#: A rank to reach: "thuộc nhóm 4 nước dẫn đầu ASEAN", "top 03 vùng … về đổi mới công nghệ".
#: "nhóm"/"top" before a number make it a label (a group's number), so the number is read here:
#: "top N <noun>" is always a rank, "nhóm N <noun>" when a word of leading follows in the clause
#: ("nhóm 2 đối tượng" is a category). The value is an upper bound (gold: comparator '<='),
#: its unit the one noun counted, its span up to the field led ("dẫn đầu thế giới"), so that a
#: year phrase right after it is its deadline ("… dẫn đầu thế giới vào năm 2028").
RANK_RE = re.compile(
    r"""\b(?: top\s+(?P<top>\d{1,3})                        # 'top 50'
          | nhóm\s+(?P<group>\d{1,3})                       # 'nhóm 4' …
            (?=\s+[^\W\d_]+(?P<lead>[^;.\n]{0,60}?
                \b(?:dẫn\s+đầu|đứng\s+đầu|hàng\s+đầu|cao\s+nhất|tốt\s+nhất)   # … 'dẫn đầu'
                (?:\s+(?!(?:và|vào|năm|đến|theo)\b)[^\W\d_]+){0,2})) )   # … 'thế giới'
        \s+(?P<unit>(?-i:[a-zđà-ỹ]+))(?!\w)                  # the noun counted: 'nước'""",
    re.X | re.I,
)
#: Literal parts of every RANK_RE match (lower or sentence case).
RANK_KEYS = ("nhóm", "top", "Top", "Nhóm")
#: A part of each of RANK_KEYS in either case ("nhóm", "Nhóm": "hóm"; "top", "Top": "op"), so
#: that two finds refuse the paragraphs that hold no key (nearly all), not four.
RANK_PARTS = ("hóm", "op")
#: A yearly-path zone: "(cụ thể: …)" holding years, or "trong đó: năm 2020, …". The fast twin
#: is the same alternation flat, each branch opening with a literal (CPython then skips to them).
ZONE_OPEN_RE = Caseless(
    r"\(\s*cụ\s+thể\s*:|(?:cụ\s+thể|trong\s+đó)\s*:\s*(?=năm\s+\d{4})",
    fast=r"\(\s*cụ\s+thể\s*:|cụ\s+thể\s*:\s*(?=năm\s+\d{4})|trong\s+đó\s*:\s*(?=năm\s+\d{4})",
)
#: ZONE_OPEN_RE always holds a colon, and one of these words (lowercased).
ZONE_COLON = ":"
ZONE_WORDS = ("cụ", "trong")
_YEAR_WORD_RE = re.compile(r"năm\s+\d{4}", re.I)
#: A round bracket, opening or closing: the characters a zone's end is looked for among.
PAREN_RE = re.compile(r"[()]")
#: A quoted title of another instrument: its numbers are its own ('đề án "… 01 triệu căn hộ …"').
QUOTED_TITLE_RE = Caseless(
    r"""(?:đề\s+án|chương\s+trình|kế\s+hoạch|nghị\s+quyết|quyết\s+định|chỉ\s+thị|chiến\s+lược
         |phong\s+trào|cuộc\s+vận\s+động|dự\s+án)\s*      # the instrument named
        [“"][^”"\n]{1,300}[”"]                                # its quoted title""",
    re.X,
)
#: Opening quotes of QUOTED_TITLE_RE: a paragraph without one holds no quoted title.
OPEN_QUOTES = ("“", '"')


def split_paragraphs(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every paragraph, between :func:`para_break_re` matches.

    Example:
        >>> split_paragraphs("Mục tiêu:\\nđạt 95%.")
        [(0, 9), (10, 18)]
    """
    at_newline = SPACE_BEFORE_NEWLINE_RE.search(text) is None
    pattern = PARA_BREAK_AT_NEWLINE_RE if at_newline else para_break_re()
    breaks = [m.span() for m in pattern.finditer(text)]
    starts = [0] + [b_end for _, b_end in breaks]
    ends = [b_start for b_start, _ in breaks] + [len(text)]
    return [(start, end) for start, end in zip(starts, ends) if end > start]


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentences of a paragraph, cut after ". " before an uppercase letter or a quote.

    Example:
        >>> split_sentences("Đạt 95%. Tỷ lệ 90%.", 0, 19)
        [(0, 8), (8, 19)]
    """
    out, s = [], start
    exclaim, ask = OTHER_ENDS
    pattern = PERIOD_END_RE if (text.find(exclaim, start, end) == -1
                                and text.find(ask, start, end) == -1) else SENTENCE_END_RE
    for m in pattern.finditer(text, start, end):
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
    return _digit_re().search(text, start, end) is not None or has_zero(text, start, end)


@functools.cache
def _digit_re() -> re.Pattern[str]:
    """``DIGIT`` compiled: a class of every decimal digit of the BMP, slow to compile."""
    return re.compile(DIGIT)


def has_zero(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` hold "không còn" (the value 0)?

    Example:
        >>> has_zero("Không còn hộ đói", 0, 16), has_zero("không có", 0, 8)
        (True, False)
    """
    if text.find(ZERO_KEY, start, end) == -1:
        return False  # most stretches: skip the scan for the pattern
    return _KHONG_CON_RE.search(text, start + 1, end) is not None


def has_word_value(text: str, start: int, end: int) -> bool:
    """Can ``text[start:end]`` hold a value without a digit: "không còn" (0), "ít nhất một …"?

    Example:
        >>> has_word_value("Có ít nhất một cơ sở y tế", 0, 25), has_word_value("Mục tiêu", 0, 8)
        (True, False)
    """
    # Called for every paragraph: finds of literal keys first, no generator, has_zero inlined.
    if text.find(ZERO_KEY, start, end) != -1 and _KHONG_CON_RE.search(text, start + 1, end):
        return True
    if find_ranks(text, start, end):
        return True
    if text.find(WORD_COUNT_KEY, start, end) == -1:
        return False
    return bool(find_word_counts(text, start, end))


def find_ranks(text: str, start: int, end: int) -> list[re.Match[str]]:
    """RANK_RE's matches in ``text[start:end]``, searched only when one of its keys occurs.

    Example:
        >>> [m.group("group", "unit") for m in find_ranks("thuộc nhóm 4 nước dẫn đầu ASEAN", 0, 31)]
        [('4', 'nước')]
    """
    # Called for every paragraph with a digit: a chain of finds, no generator (whose frames cost
    # as much as the four scans).
    group_part, top_part = RANK_PARTS
    if text.find(group_part, start, end) == -1 and text.find(top_part, start, end) == -1:
        return []  # no key can lie where neither part does
    low_group, low_top, top, group = RANK_KEYS
    if (text.find(low_group, start, end) == -1 and text.find(low_top, start, end) == -1
            and text.find(top, start, end) == -1 and text.find(group, start, end) == -1):
        return []
    return list(RANK_RE.finditer(text, start, end))


def find_word_counts(text: str, start: int, end: int) -> list[re.Match[str]]:
    """WORD_COUNT_RE's matches in ``text[start:end]``, tried only where its keys occur.

    Example:
        >>> [m.group("num") for m in find_word_counts("Có ít nhất một cơ sở y tế", 0, 25)]
        ['một']
    """
    out = []
    i = text.find(WORD_COUNT_KEY, start, end)
    while i != -1:
        m = WORD_COUNT_RE.match(text, max(start, i - 1), end)
        if m is not None:
            out.append(m)
        i = text.find(WORD_COUNT_KEY, i + 1, end)
    return out


def find_quoted_titles(text: str, start: int, end: int,
                       span: LoweredSpan | None = None) -> list[tuple[int, int]]:
    """Spans of quoted titles of other instruments in a paragraph (QUOTED_TITLE_RE).

    ``span``, when given, is the paragraph's lowered copy, searched instead of the text.
    """
    if text.find(OPEN_QUOTES[0], start, end) == -1 and text.find(OPEN_QUOTES[1], start, end) == -1:
        return []  # most paragraphs quote nothing: skip the case-insensitive scan
    return QUOTED_TITLE_RE.spans_in_span(span or LoweredSpan(text, start, end), start, end)


def find_zones(text: str, start: int, end: int,
               span: LoweredSpan | None = None) -> list[tuple[int, int]]:
    """Yearly-path zones of a paragraph: '(cụ thể: …)' to its ')' or 'trong đó: năm …' to the end.

    ``span``, when given, is the paragraph's lowered copy, searched instead of the text.

    Example:
        >>> text = "Đạt 97,5% (cụ thể: năm 2020 đạt 94,5%)."
        >>> [text[a:b] for a, b in find_zones(text, 0, len(text))]
        ['(cụ thể: năm 2020 đạt 94,5%)']
    """
    zones: list[tuple[int, int]] = []
    if text.find(ZONE_COLON, start, end) == -1:
        return zones  # no colon, no zone opener: skip the case-insensitive scan
    span = span or LoweredSpan(text, start, end)
    if span.low is not None and not any(word in span.low for word in ZONE_WORDS):
        return zones
    for z_start, z_end in ZONE_OPEN_RE.spans_in_span(span, start, end):
        if zones and z_start < zones[-1][1]:
            continue
        if text[z_start] == "(":
            close = _matching_paren(text, z_start, end)
            if _YEAR_WORD_RE.search(text, z_end, close):
                zones.append((z_start, close))
        else:
            zones.append((z_start, end))
    return zones


def _matching_paren(text: str, open_at: int, end: int) -> int:
    """One past the ")" that closes the "(" at ``open_at``, or ``end`` when none does.

    Only the brackets are visited (PAREN_RE): a zone often runs to the end of a long paragraph
    when its ")" is missing, and a loop over every character cost 2-3 % of the extractor.
    """
    depth = 0
    for m in PAREN_RE.finditer(text, open_at, end):
        if m.group() == "(":
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                return m.end()
    return end


class SectionLocator(SectionIndex):
    """Sections of a document as the target extractor reads them: which kind, which skipped.

    An offset is read when its innermost section's kind is not skipped and no section holding
    it has a rule heading (RULE_HEADING_RE); its kind is then the innermost section's. Rule
    headings are looked at only where a kind is asked for (the sections that hold a value, and
    their ancestors), each once: matching every heading of a plan of thousands of list items
    cost more than all the rules. :meth:`read_ranges` and :meth:`reads_any` skip the sections of
    skipped kinds only, so they may keep a range that turns out to lie under a rule heading.
    """

    def __init__(self, sections: Sequence[Section]) -> None:
        super().__init__(sections)
        self.sections = sections
        cuts = self.cuts
        # next_live[i]: the first piece j >= i whose owner is of a kind read (len(cuts) when none).
        self.next_live = [len(cuts)] * (len(cuts) + 1)
        for i in range(len(cuts) - 1, -1, -1):
            owner = self.owners[i]
            read = owner is not None and owner.kind not in SKIPPED_KINDS
            self.next_live[i] = i if read else self.next_live[i + 1]
        # Whether a rule heading holds a piece (by piece) or a section (by index, the section or
        # an ancestor), found on demand; without a tree, for every piece at once (a layout the
        # parser does not make).
        self._ruled_up: dict[int, bool] = {}
        self._ruled_pieces: list[bool | None] = (
            [None] * len(cuts) if self.tree is not None else _ruled_pieces(sections, cuts))

    def kind(self, offset: int) -> str | None:
        """Section kind at ``offset``: None = skip; 'objectives', 'tasks' or 'other'."""
        if self.empty:
            return "objectives"
        i = bisect.bisect_right(self.cuts, offset) - 1
        owner = self.owners[i] if i >= 0 else None
        if owner is None or owner.kind in SKIPPED_KINDS or self._ruled(i):
            return None
        return owner.kind

    def fixed(self, start: int, end: int) -> tuple[str | None, Section | None] | None:
        """(``kind(x)``, ``at(x)``) when they are the same for every ``x`` in ``[start, end)``
        (the range lies in one piece between section bounds), else None."""
        if self.empty:
            return "objectives", None
        i = bisect.bisect_right(self.cuts, start) - 1
        if i + 1 < len(self.cuts) and self.cuts[i + 1] < end:
            return None
        owner = self.owners[i] if i >= 0 else None
        if owner is None or owner.kind in SKIPPED_KINDS or self._ruled(i):
            return None, owner
        return owner.kind, owner

    def _ruled(self, i: int) -> bool:
        """Does a section with a rule heading hold the piece from ``cuts[i]``?"""
        known = self._ruled_pieces[i]
        if known is None:
            known = self._ruled_pieces[i] = self._ruled_section(self.owner_ids[i])
        return known

    def _ruled_section(self, j: int) -> bool:
        """Does section ``j`` or an ancestor have a rule heading (of a kind read)?"""
        known = self._ruled_up.get(j)
        if known is None:
            section = self.sections[j]
            known = (section.kind not in SKIPPED_KINDS and is_rule_heading(section.title)) or (
                self.tree.parents[j] >= 0 and self._ruled_section(self.tree.parents[j]))
            self._ruled_up[j] = known
        return known

    def read_ranges(self, ranges: Iterable[tuple[int, int]]) -> Iterator[tuple[int, int]]:
        """The ``ranges`` (in text order, not overlapping) for which :meth:`reads_any` holds,
        found walking the pieces along with them instead of bisecting for each."""
        if self.empty:
            yield from ranges
            return
        cuts, next_live = self.cuts, self.next_live
        last, i = len(cuts) - 1, 0
        for start, end in ranges:
            while i < last and cuts[i + 1] <= start:
                i += 1  # the piece holding ``start``, as reads_any finds it
            j = next_live[i]
            if j <= last and (j == i or cuts[j] < end):
                yield start, end

    def reads_any(self, start: int, end: int) -> bool:
        """Is a section of a kind read found at some offset of ``[start, end)``? (Every offset
        whose :meth:`kind` is not None is one.)"""
        if self.empty:
            return True
        i = max(bisect.bisect_right(self.cuts, start) - 1, 0)
        j = self.next_live[i]
        return j < len(self.cuts) and (j == i or self.cuts[j] < end)


def is_rule_heading(title: str) -> bool:
    """Does a heading say that its section's numbers are rules or past results?

    Example:
        >>> is_rule_heading("Nội dung chi, mức chi hỗ trợ"), is_rule_heading("Mục tiêu cụ thể")
        (True, False)
    """
    return RULE_HEADING_RE.match(title) is not None


def _ruled_pieces(sections: Sequence[Section], cuts: list[int]) -> list[bool]:
    """For each piece from ``cuts[i]``: does a section with a rule heading hold it? (For sections
    that form no tree; see SectionLocator.)

    Every section's bounds are cuts, so a piece lies wholly inside or outside each section; the
    ruled sections are merged first, so that nested ones mark each piece once.
    """
    ruled = [False] * len(cuts)
    # Every title is matched from C (map, compress): a document has thousands of list items,
    # each a section, and a Python loop over them cost more than the matches. A skipped section
    # is not read whatever its heading: only the others count.
    headed = compress(sections, map(RULE_HEADING_RE.match, map(_TITLE_OF, sections)))
    spans = sorted([(s.start, s.end) for s in headed
                    if s.kind not in SKIPPED_KINDS and s.end > s.start])
    i, reached = 0, -1
    for start, end in spans:
        i = bisect.bisect_left(cuts, max(start, reached), i)
        while i < len(cuts) and cuts[i] < end:
            ruled[i] = True
            i += 1
        reached = max(reached, end)
    return ruled
