"""The heading tree of a document body: PHỤ LỤC, A., I./II., Điều 1., 1., 1.1., (1), a)/đ), -, +.

Headings nest by marker type in the order the document first uses them: a stack of marker
types; a heading whose type is on the stack closes everything down to that level and becomes a
sibling, any other type opens a child. That adapts to documents that put "a)" directly under
"I." as well as to those with "I. > 1. > 1.1. > a)".

Labels make the path: roman and arabic numerals as written ("II", "1", "1.2"), "(3)",
letters ("a", "đ"), "Điều 5", and bullets by their ordinal among siblings ("-2", "+1"). A bullet
that ends with a colon ("- Phấn đấu đến hết năm 2025:") heads the bullets after it.
Each section's kind and deadline year come from its own heading or the nearest ancestor's.

**An appendix is a tree of its own.** "PHỤ LỤC", "Phụ lục 01", "Phụ lục II: …" alone on its line
(not "Phụ lục kèm theo …", a sentence about one) closes every open section and heads the
headings after it; its title is its caption, after the colon or on the next line ("ĐỊNH MỨC PHÂN
BỔ CHI NGÂN SÁCH …"), so that a section of norms is known as one. Its parts are lettered in
capitals with an upper-case title ("A. ĐỊNH MỨC PHÂN BỔ NGUỒN", "B. …"; I, V and X are roman
numerals): path "Phụ lục 01/A/I".

Two rules of Vietnamese administrative writing keep hard-wrapped text from breaking the tree:

* **Bullets are the lowest level.** "-" and "+" items never hold a numbered heading, so a
  numbered heading ("2. Yêu cầu", "II.", "a)") first closes the bullets above it instead of
  nesting under the last one.
* **A dash that continues the line before it is no bullet.** A line wrapped just before the
  dash of a year range ("… giai đoạn 2021" / "- 2025”;") or of a compound ("… phát triển kinh
  tế" / "- xã hội của tỉnh …") starts with "- ", but directly follows an unfinished line (no
  blank line, no ". ; : ! ?" at its end) and goes on with a lower-case word or with the
  range's larger number ("… bình quân 05" / "- 06%/năm"); a real item starts with a capital or
  follows a finished line.

Example:
    >>> text = "I. MỤC TIÊU ĐẾN NĂM 2025\\n1. Thu nhập\\n- Đạt 60 triệu\\nII. NHIỆM VỤ\\n"
    >>> [(s.path, s.kind, s.year) for s in build_sections(text, 0, len(text))][1:]
    [('I', 'objectives', 2025), ('I/1', 'objectives', 2025), ('I/1/-1', 'objectives', 2025), ('II', 'tasks', None)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain

from policykg.loaders.sections import Section, SectionKind

#: A heading title is cut to this many characters (a numbered paragraph can be long).
MAX_TITLE_CHARS = 200
#: How much of a bullet's line end is read for its colon before the whole line is.
_TAIL_PROBE_CHARS = 64
#: Marker types of bullets, the lowest level of a text (``-head`` marks a bullet that heads others).
_BULLETS = frozenset({"dash", "plus", "dash-head", "plus-head"})
#: The label of each bullet character's items.
_LABELS = {"dash": "-", "plus": "+"}
#: What ends a finished line, after closing quotes and brackets: a dash after it starts an item.
_LINE_ENDS = frozenset(".;:!?…")
_CLOSING_MARKS = "\"'”’»)]* \t"
#: A heading line at most this long is finished by its line end even without ". ; :"
#: ("a) Lĩnh vực y tế"); a longer line that stops unfinished was wrapped.
SHORT_HEADING_CHARS = 80
#: How much of the line before a dash is read for its end.
_PREVIOUS_PROBE_CHARS = 16
_NUMBER_END = re.compile(r"(?<![\d.,])\d[\d.,]*(?<![.,])$")  # "… giai đoạn 2021", "… bình quân 05"
_NUMBER_START = re.compile(r"\d[\d.,]*(?<![.,])")           # "2025”;", "06%/năm" (the dash's title)

#: A heading line, without its anchor: the line group spans it (see _HEADING and _NEXT_HEADING).
_HEADING_LINE = r"""
    (?P<line>[ \t]*(?:                             # the heading line, from its first character
        (?P<appendix>(?:PHỤ|Phụ)[ \t]+(?:LỤC|lục)  # an appendix: "PHỤ LỤC", "Phụ lục 01", "Phụ lục I"
          (?:[ \t]+(?:số[ \t]+)?[0-9IVXL]{1,4}(?:\.\d{1,2})?)?)  # its number: "02.1", "số 2"
        (?=[ \t]*(?:$|[:.\-–]))[ \t]*(?:[:.\-–][ \t]*)?  # alone, or its title after a mark
      | (?P<roman>[IVX]{1,5})\s*[.)/]\s+          # I.  II.  IV)
      | Điều\s+(?P<article>\d{1,3})\s*[.:]\s*     # Điều 5.
      | (?P<dotted>\d{1,2}(?:\.\d{1,2}){1,3})\.?\s+  # 1.1.  2.3.4
      | (?P<arabic>\d{1,2})\s*[.)]\s+             # 1.  2)
      | \((?P<paren>\d{1,2})\)\s*                 # (1)
      | (?P<letter>[a-zđ])\s*\)\s+                # a)  đ)
      | (?P<part>[A-HJ-UWYZĐ])\.[ \t]+(?=[A-ZĐÀ-Ỹ]{2})  # A. ĐỊNH MỨC …: a part, upper-case title
      | (?P<dash>[-–])\s+                         # - bullet
      | (?P<plus>\+)\s+                           # + bullet
    )(?P<title>(?(appendix)[^\n]*|\S[^\n]*))$)  # the title (an appendix's may be on the next line)
    """
#: A heading line read from where it starts (``match``); its ``line`` group is the whole match.
_HEADING = re.compile(r"^" + _HEADING_LINE, re.X | re.M)
#: … and found in a text: after a line end. A pattern opening with a literal lets the engine jump
#: from line end to line end, where "^" is tried at every character; the match then starts at
#: the line end, and the heading at its ``line`` group.
_NEXT_HEADING = re.compile(r"\n" + _HEADING_LINE, re.X | re.M)
#: Title keywords (lower case) and the kind they give, most specific first.
KIND_KEYWORDS: tuple[tuple[str, SectionKind], ...] = (
    ("tổ chức thực hiện", "organization"), ("phân công", "organization"),
    ("trách nhiệm", "organization"), ("mục tiêu", "objectives"), ("chỉ tiêu", "objectives"),
    ("nhiệm vụ", "tasks"), ("giải pháp", "tasks"), ("mục đích", "other"), ("yêu cầu", "other"),
    ("quan điểm", "other"), ("tình hình", "other"), ("kết quả", "other"),
)
#: The first keyword of a title in one search, found at the space after its first word: each
#: alternative is a keyword's rest, a look back for its first word, and an empty group naming
#: the keyword. Every keyword has a space, and the engine skips from space to space (a literal)
#: where from its first letters ("t", "n", "c", "m" …, a third of a title) it would try every
#: one. No first word ends with another and no keyword is a prefix of another, so the keyword
#: whose space comes first is the one that starts first, and the only one there.
_KIND_WORD = re.compile(
    r"[ ](?:%s)" % "|".join(
        f"{re.escape(word.split(' ', 1)[1])}(?<={re.escape(word)})(?P<k{at}>)"
        for at, (word, _kind) in enumerate(KIND_KEYWORDS)))
#: The kind of each keyword, by the name of its group in _KIND_WORD.
_KIND_OF_GROUP: dict[str, SectionKind] = {
    f"k{at}": kind for at, (_word, kind) in enumerate(KIND_KEYWORDS)}
#: Marker types that can classify a section by keyword (bullets only inherit).
_CLASSIFYING = frozenset({"appendix", "part", "roman", "article", "dotted1", "dotted2", "dotted3",
                          "arabic", "paren", "letter"})
_YEAR_WORDS = r"""(?:đến|tới)\s+(?:hết\s+)?năm\s+(?P<y1>(?:19|20)\d\d)   # đến (hết) năm 2025
      | giai\s+đoạn\s+(?:19|20)\d\d\s*[-–]\s*(?P<y2>(?:19|20)\d\d)  # giai đoạn 2021-2025
      | năm\s+(?P<y3>(?:19|20)\d\d)                          # năm 2025
    """
#: A heading's deadline year, in a title as written.
_YEAR = re.compile(_YEAR_WORDS, re.X | re.I)
#: … and in the title lower-cased, which finds the same year unless the title holds "İ" or "ı"
#: (re.I matches either with the "i" of "tới" and "giai", str.lower keeps "ı" and makes "İ"
#: two characters; no other character's lower case differs from what re.I reads). Without
#: re.I the engine skips to the letters the words start with (đ, t, g, n) instead of trying a
#: match at every character.
_YEAR_LOWERED = re.compile(_YEAR_WORDS, re.X)
#: The two letters that _YEAR_LOWERED would read otherwise than _YEAR.
_DOTTED_I = ("İ", "ı")


@dataclass(slots=True)
class _Open:
    marker: str
    path: str  # the labels of the open sections down to this one, joined by "/"
    title: str
    start: int
    kind: SectionKind
    year: int | None
    slot: int  # its place in the list of sections, kept from when it opened
    children: dict[str, int] = field(default_factory=dict)  # bullet ordinals per label "-", "+"


#: Bullets told by the line's first character, before any group is looked up.
_BULLET_CHARS = {"-": ("dash", "-"), "–": ("dash", "-"), "+": ("plus", "+")}
#: The marker groups of _HEADING_LINE, in the order they are tried.
_MARKER_GROUPS = ("roman", "article", "dotted", "arabic", "paren", "letter", "appendix", "part")
#: The groups a numbered heading's first character can open (one of them matched: the marker
#: branches exclude each other); a line opening with a space or a tab tries them all.
_GROUPS_BY_CHAR = {
    **dict.fromkeys("0123456789", ("dotted", "arabic")),
    "(": ("paren",),
    **dict.fromkeys("abcdefghijklmnopqrstuvwxyzđ", ("letter",)),
}


def _marker(text: str, match: re.Match) -> tuple[str, str]:
    first = text[match.start("line")]
    bullet = _BULLET_CHARS.get(first)  # most headings are bullets
    if bullet is not None:
        return bullet
    for name in _GROUPS_BY_CHAR.get(first, _MARKER_GROUPS):
        if match[name]:
            value = " ".join(match[name].split())  # "PHỤ LỤC\t01" is labelled "PHỤ LỤC 01"
            if name == "dotted":
                return f"dotted{value.count('.')}", value
            if name == "article":
                return name, f"Điều {value}"
            return name, (f"({value})" if name == "paren" else value)
    return ("dash", "-") if match["dash"] else ("plus", "+")


def _kind(lowered: str, marker: str, inherited: SectionKind) -> SectionKind:
    if marker in _CLASSIFYING:
        first = _KIND_WORD.search(lowered)  # the keyword that comes first in the title
        if first:
            return _KIND_OF_GROUP[first.lastgroup]
    return inherited


def _year(title: str, lowered: str, inherited: int | None) -> int | None:
    """The year _YEAR reads in ``title``, else ``inherited``; ``lowered`` is ``title.lower()``.

    Every year _YEAR reads starts "19" or "20" (a century), which ``_open`` checks before it asks,
    and follows "năm" or "giai đoạn" (whose case "lower" folds as re.I does): a title without
    those words has none, as most headings, and is not searched.
    """
    if not ("năm" in lowered or "đoạn" in lowered):
        return inherited
    if _DOTTED_I[0] in title or _DOTTED_I[1] in title:
        match = _YEAR.search(title)
    else:
        match = _YEAR_LOWERED.search(lowered)
    if match is None:
        return inherited
    return int(match["y1"] or match["y2"] or match["y3"])


def _title(text: str, match: re.Match[str]) -> str:
    """The heading's title, spaces collapsed, cut to MAX_TITLE_CHARS, without a final colon.

    The title group runs to the line end, which for a numbered paragraph can be thousands of
    characters; collapsing spaces never lengthens a text and keeps its prefixes as prefixes, so
    a prefix one past the cut is read first, and the whole line only when that is too short. A
    probe that is printable (white space other than " " is not) without double spaces is
    collapsed already, but for a trailing space (the title itself starts with a non-space).
    """
    start, end = match.span("title")
    probe = text[start:min(end, start + MAX_TITLE_CHARS + 1)]
    if probe.isprintable() and "  " not in probe:
        title = probe.rstrip(" ")  # no white space but single spaces: already collapsed
    else:
        title = " ".join(probe.split())
    if len(title) < MAX_TITLE_CHARS and start + len(probe) < end:
        title = " ".join(match["title"].split())
    return title[:MAX_TITLE_CHARS].rstrip(":")


def _appendix_title(text: str, match: re.Match[str]) -> str:
    """An appendix's title: the words after its mark ("Phụ lục II: DANH MỤC …"), else the next
    non-empty line, its caption ("Phụ lục 01" / blank / "ĐỊNH MỨC PHÂN BỔ CHI NGÂN SÁCH …"),
    unless that line opens a heading or the "(Kèm theo …)" note."""
    if match["title"].strip():
        return _title(text, match)
    pos = match.end()
    while pos < len(text) and text[pos] == "\n":
        pos += 1
    end = text.find("\n", pos)
    line = text[pos:len(text) if end < 0 else end].strip()
    if not line or line.startswith("(") or _HEADING.match(line):
        return ""
    return " ".join(line.split())[:MAX_TITLE_CHARS].rstrip(":")


def _heads_bullets(text: str, match: re.Match[str]) -> bool:
    """Whether a bullet's title ends with a colon ("- Phấn đấu đến hết năm 2025:"), ignoring
    trailing spaces and bold stars; only the line's end is read."""
    start, end = match.span("title")
    tail = text[max(start, end - _TAIL_PROBE_CHARS):end].rstrip(" *")
    if not tail and end - start > _TAIL_PROBE_CHARS:
        tail = match["title"].rstrip(" *")
    return tail.endswith(":")


def _continues_line(text: str, match: re.Match[str]) -> bool:
    """Whether a dash line is the wrapped rest of the line before it, not a bullet: that line
    directly precedes it unfinished, and the dash goes on with a lower-case word or with a
    number larger than the one that line ends with (a range).

    Example: "… giai đoạn 2021" / "- 2025”;" and "… phát triển kinh tế" / "- xã hội …" -> True;
    "1. Mục đích" / "- Tăng cường …" and "… như sau:" / "- xây dựng …" -> False.
    """
    title = match.start("title")
    if not (text[title].islower() or text[title].isdigit()):
        return False  # most items start with a capital: nothing else to read
    start = match.start("line")
    if start < 2 or text[start - 1] != "\n" or text[start - 2] == "\n":
        return False  # the first line, or a blank line before it
    previous = text[max(0, start - 1 - _PREVIOUS_PROBE_CHARS):start - 1]
    previous = previous[previous.rfind("\n") + 1:].rstrip(_CLOSING_MARKS)
    if not previous or previous[-1] in _LINE_ENDS:
        return False
    if text[title].islower():
        line_start = text.rfind("\n", 0, start - 1) + 1
        # A short heading ("a) Lĩnh vực y tế") ends at its line end: its items may be lower-case.
        return start - 1 - line_start > SHORT_HEADING_CHARS or not _HEADING.match(text, line_start)
    first, second = _NUMBER_END.search(previous), _NUMBER_START.match(text, title)
    return (first is not None and second is not None
            and _number(second.group()) > _number(first.group()))


def _number(written: str) -> float:
    """A number as written in Vietnamese ("1.000" thousand, "30,2" decimal)."""
    return float(written.replace(".", "").replace(",", "."))


def find_headings(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The heading lines that start between ``start`` and ``end``, in text order; a heading
    starts at its match's ``line`` group (a match may start at the line end before it).

    Example: "I. MỤC TIÊU\\n- Tăng" -> the matches of "I. MỤC TIÊU" and "- Tăng".
    """
    pos = max(start - 1, 0)  # a line starting at ``start`` follows the line end just before it
    if start == 0:
        first = _HEADING.match(text, 0, end)  # the text's first line has no line end before it
        if first is not None:
            yield first
            pos = first.end()  # a heading's marker may end its line ("I." / "MỤC TIÊU")
    yield from _NEXT_HEADING.finditer(text, pos, end)


def first_heading(text: str, start: int, end: int) -> re.Match[str] | None:
    """The first heading line between ``start`` and ``end``, or None; the heading starts at
    the match's ``line`` group."""
    for match in find_headings(text, start, end):
        if not (match["dash"] and _continues_line(text, match)):
            return match
    return None


def build_sections(text: str, body_start: int, closing: int, default_year: int | None = None,
                   inner_closings: Sequence[tuple[int, int]] = ()) -> list[Section]:
    """The preamble, every heading's section, and the closing, in text order.

    Args:
        text: the normalized text.
        body_start: where the header (type line and title) ends.
        closing: where the signature block or "Nơi nhận" starts.
        default_year: the year of an annual plan, which top-level sections inherit.
        inner_closings: ``[start, end)`` spans between ``body_start`` and ``closing`` that are
            closings too: a decision's signature block before the plan or regulation it
            promulgates. Each becomes a closing section, and the headings after it a new tree.
    """
    # Sections are listed in text order, the order in which their headings open: each takes
    # its place when it opens and is filled in when it closes, so no sort is needed.
    sections: list[Section | None] = [None]  # the preamble's place, filled once its end is known
    stack: list[_Open] = []
    markers: list[str] = []  # the markers of ``stack``, for a quick look-up
    bounds = [body_start, *chain.from_iterable(inner_closings), closing]
    for i in range(0, len(bounds), 2):
        if i:  # a signature block: everything open ends, the attached text starts a new tree
            _close_to(stack, markers, None, bounds[i - 1], sections)
            sections.append(Section("~", "closing", bounds[i - 1], bounds[i], "closing"))
        for match in find_headings(text, bounds[i], bounds[i + 1]):
            if match["dash"] and _continues_line(text, match):
                continue
            if sections[0] is None:
                sections[0] = Section("", "", 0, match.start("line"), "preamble", default_year)
            _open(text, match, stack, markers, sections, default_year)
        if sections[0] is None:
            sections[0] = Section("", "", 0, bounds[1], "preamble", default_year)
    _close_to(stack, markers, None, closing, sections)
    if closing < len(text):
        sections.append(Section("~", "closing", closing, len(text), "closing"))
    return sections


def _open(text: str, match: re.Match[str], stack: list[_Open], markers: list[str],
          sections: list[Section | None], default_year: int | None) -> None:
    """Open the section of one heading line, closing the ones it ends."""
    start = match.start("line")
    marker, label = _marker(text, match)
    if marker == "appendix":
        _close_to(stack, markers, None, start, sections)  # an appendix is a tree's top
    if marker in ("dash", "plus") and _heads_bullets(text, match):
        # "- Phấn đấu đến hết năm 2025:" introduces the bullets under it: a level of its own.
        marker += "-head"
    if markers and markers[-1] != marker and markers[-1] in _BULLETS:
        _close_bullets(marker, stack, markers, start, sections)
    if marker in markers:
        _close_to(stack, markers, marker, start, sections)
    parent = stack[-1] if stack else None
    if label in "-+":
        count = parent.children.get(label, 0) + 1 if parent else len(sections)
        if parent:
            parent.children[label] = count  # "- …" and "- …:" items are counted together
        label = f"{label}{count}"
    title = _appendix_title(text, match) if marker == "appendix" else _title(text, match)
    # Only a classifying marker's title is searched for a keyword, and only one with a century
    # for a year (_year): a bullet's without a year is not lowered.
    century = "20" in title or "19" in title
    lowered = title.lower() if century or marker in _CLASSIFYING else ""
    kind = _kind(lowered, marker, parent.kind if parent else "other")
    year = parent.year if parent else default_year
    if century:  # a title without "19" or "20" has no year: _year would say the same
        year = _year(title, lowered, year)
    path = f"{parent.path}/{label}" if parent else label
    stack.append(_Open(marker, path, title, start, kind, year, len(sections)))
    markers.append(marker)
    sections.append(None)


def _close_bullets(marker: str, stack: list[_Open], markers: list[str], end: int,
                   out: list[Section | None]) -> None:
    """Close the bullets a new heading of ``marker`` ends, by the bullet rules of the module.

    A numbered heading closes every bullet; a "-" item closes the "+" items under the last "-"
    (the lower level); a "- …:" item closes back to the last "- …:" (its sibling) or else to the
    last plain "-"; a plain "-" after the "+" items a "- …:" headed is that head's sibling.
    """
    def close_top() -> None:
        _close_to(stack, markers, markers[-1], end, out)

    if marker not in _BULLETS:
        while markers and markers[-1] in _BULLETS:
            close_top()
        return
    char, head = marker.split("-")[0], marker.endswith("-head")
    if char == "dash":
        while markers and markers[-1].startswith("plus"):
            close_top()
    if head:
        for sibling in (marker, char):
            if sibling in markers:
                _close_to(stack, markers, sibling, end, out)
                return
    elif markers and markers[-1] == f"{char}-head":
        children = stack[-1].children
        if children and _LABELS[char] not in children:  # it headed the other bullets, not these
            close_top()


def _close_to(stack: list[_Open], markers: list[str], marker: str | None, end: int,
              out: list[Section | None]) -> None:
    """Close open sections down to (and including) the one of ``marker``, or all if None."""
    while stack:
        node = stack.pop()
        markers.pop()
        out[node.slot] = Section(node.path, node.title, node.start, end, node.kind, node.year,
                                 len(stack) + 1)  # depth
        if node.marker == marker:
            return
