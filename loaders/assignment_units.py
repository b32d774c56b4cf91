"""Where assignments are read: the task sections, their list items and sentences.

Only task sections are read: kinds ``tasks`` and ``organization``, and ``other`` sections whose
heading says "Tổ chức thực hiện", "Phân công", "Nhiệm vụ", "Giải pháp" or "Trách nhiệm". When a
document has no such section at all, everything but the preamble and the closing is read. Inside,
hard-wrapped lines are joined into units (list items and paragraphs), and units into sentences.

Example:
    >>> text = "1. Sở Y tế:\\n- Chủ trì thực hiện.\\n- Báo cáo kết quả."
    >>> [(text[u.body:u.end], u.rank) for u in split_units(text, 0, len(text))]
    [('Sở Y tế:', 1), ('Chủ trì thực hiện.', 7), ('Báo cáo kết quả.', 7)]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from policykg.loaders.agency_lists import TRIM_CHARS
from policykg.loaders.assignment_patterns import EXECUTION_RE, is_task_title
from policykg.loaders.sections import Section

#: Section kinds whose sentences assign tasks.
TASK_KINDS = frozenset({"tasks", "organization"})
#: Kinds never read, even when the document has no task section.
SKIPPED_KINDS = frozenset({"preamble", "closing"})

# A list marker at the start of a line, and the rank of its level (smaller = higher).
_MARKER = re.compile(
    r"""
    [ \t*#_]*                                  # indentation and markdown emphasis
    (?: (?P<roman> [IVXL]+\. )                 # I.  II.
      | (?P<num> \d+(?:\.\d+)*\.? )            # 1.  2.1.  2.1
      | (?P<letter> [a-zđ][).] )               # a)  đ.
      | (?P<paren> \(\d+\)|\d+\) )             # (1)  1)
      | (?P<bullet> [-+•–] ) )
    [ \t*_]+ (?=[^\W\d_]|\(|") (?=\S)          # a list item starts with a word, not a wrap
    """,
    re.X,
)
#: Every character a _MARKER match can open with, but the decimal digits (``\\d``).
_MARKER_FIRST = frozenset(" \t*#_IVXL" + "abcdefghijklmnopqrstuvwxyzđ" + "(-+•–")
_RANK = {"roman": 0, "num": 1, "letter": 5, "paren": 6, "bullet": 7}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\W\d_])")
#: _SENTENCE_END with its punctuation inside the match: group 1 is _SENTENCE_END's match.
_PUNCT_SPACE_RE = re.compile(
    r"""
    [.!?]              # the sentence mark _SENTENCE_END looks behind at
    (\s+)              # _SENTENCE_END's match: the spaces
    (?=[^\W\d_])        # before a letter
    """,
    re.X,
)


#: Longest list an execution clause is read over (characters).
MAX_EXECUTION_CHARS = 800
# A line ending like "Điều 3." ends before a clause, as one ending with a sentence mark does.
_MARKER_AT_END = re.compile(r"\bĐiều\s+\d+[.:]?$")
# What opens an execution clause's paragraph before its first body: an article or item number.
_CLAUSE_OPENING_RE = re.compile(
    r"""
    [\s*_]*                                  # indentation, markdown emphasis
    (?: Điều\s+\d+[.:]? | \d+[.)] | [a-zđ]\) | [-+•] )? # "Điều 3.", "2.", "b)", "-"
    [\s*_]*
    """,
    re.X,
)


class Unit(NamedTuple):
    """A list item or paragraph: ``[start, end)`` in the text, its marker's rank if any."""

    start: int
    body: int  # first character after the list marker
    end: int
    rank: int | None


def find_task_regions(text: str, sections: Sequence[Section]) -> list[tuple[int, int]]:
    """Merged ``[start, end)`` ranges of the sections that assign tasks."""
    chosen: list[tuple[int, int]] = []
    for s in sections:
        if chosen and chosen[-1][0] <= s.start and s.end <= chosen[-1][1]:
            continue  # inside the last section chosen (a subsection): it adds nothing
        if s.kind in TASK_KINDS or (s.kind == "other" and is_task_title(s.title)):
            chosen.append((s.start, s.end))
    if not chosen:
        # No task section found: read everything but the preamble and closing.
        skipped = sorted((s.start, s.end) for s in sections if s.kind in SKIPPED_KINDS)
        chosen, cursor = [], 0
        for start, end in skipped + [(len(text), len(text))]:
            if start > cursor:
                chosen.append((cursor, start))
            cursor = max(cursor, end)
    merged: list[tuple[int, int]] = []
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in chosen):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        elif end > start:
            merged.append((start, end))
    return merged


def execution_clauses(text: str) -> list[tuple[int, int, int]]:
    """Where a decision's execution clause names its bodies: (paragraph start, first body, start
    of "chịu trách nhiệm thi hành …"). Read wherever it stands (the last article of a decision
    is no task section), over its whole paragraph, which may break its list at ";".

    Example:
        >>> text = "Điều 2. Sở Y tế chịu trách nhiệm thi hành Quyết định này."
        >>> [(text[a:b], text[b:c]) for a, b, c in execution_clauses(text)]
        [('Điều 2. ', 'Sở Y tế ')]
    """
    found = []
    for match in EXECUTION_RE.finditer(text):
        start = _clause_start(text, match.start())
        opening = _CLAUSE_OPENING_RE.match(text, start, match.start())
        found.append((start, opening.end() if opening else start, match.start()))
    return found


def _clause_start(text: str, verb: int) -> int:
    """Where the list before ``verb`` starts: its line, and the lines before it that end inside
    the list (a ";" or "," or a hard wrap), not after a sentence or a heading ("." or ":")."""
    limit = max(0, verb - MAX_EXECUTION_CHARS)
    start = text.rfind("\n", 0, verb) + 1
    while start > limit:
        previous = text[text.rfind("\n", 0, start - 1) + 1 : start - 1].rstrip(" \t*_")
        if not previous or previous.endswith((".", ":", "!", "?")) or _MARKER_AT_END.search(previous):
            break
        start = text.rfind("\n", 0, start - 1) + 1
        if _CLAUSE_OPENING_RE.match(text, start, verb).end() > start:
            break  # the line opens the article or item: "Điều 3. Chánh"
    return max(start, limit)


def split_units(text: str, start: int, end: int) -> Iterator[Unit]:
    """List items and paragraphs of ``text[start:end]``; hard-wrapped lines are joined.

    A line starts a new unit after a blank line, after a line ending in . : ; ! ?, or when it
    opens with a list marker followed by a word ("- ngư …" after "nông - lâm" is a wrap only
    if lower-case, which the marker pattern refuses).
    """
    current: list[int] | None = None  # [start, body, end, rank]
    ends_clause = True
    line_end = start - 1
    for raw in text[start:end].split("\n"):
        line_start = line_end + 1
        line_end = line_start + len(raw)
        if not raw:
            continue
        if current is not None and line_start - current[2] > 1 and (
                "\n\n" in text[current[2] : line_start].replace("\r", "")):
            ends_clause = True  # a blank line separates paragraphs
        if raw.isspace():  # (not empty: skipped above)
            ends_clause = True
            continue
        first = raw[0]
        may_mark = first in _MARKER_FIRST or first.isdecimal()  # else _MARKER cannot match
        marker = _MARKER.match(text, line_start, line_end) if may_mark else None
        if current is None or ends_clause or marker:
            if current is not None:
                yield Unit(*current)
            rank = _marker_rank(marker) if marker else None
            current = [line_start, marker.end() if marker else line_start, line_end, rank]
        else:
            current[2] = line_end
        ends_clause = raw.rstrip(" \t*_|").endswith((".", ":", ";", "!", "?"))
    if current is not None:
        yield Unit(*current)


def _marker_rank(marker: re.Match[str]) -> int:
    kind = marker.lastgroup or "bullet"
    if kind == "num":  # "2.1." is one level below "2."
        return _RANK["num"] + marker.group("num").rstrip(".").count(".")
    return _RANK[kind]


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence ranges inside a unit: split after . ! ? before an upper-case letter.

    Example:
        >>> split_sentences("Sở Y tế thực hiện. Sở Tài chính bố trí kinh phí.", 0, 48)
        [(0, 18), (19, 48)]
    """
    spans, cursor = [], start
    # _PUNCT_SPACE_RE holds the punctuation _SENTENCE_END looks behind at, so CPython skips to
    # it; only a match right at ``start``, after a mark before the range, needs _SENTENCE_END.
    first = _SENTENCE_END.match(text, start, end) if start and text[start - 1] in ".!?" else None
    if first is not None and text[first.end()].isupper():
        spans.append((cursor, first.start()))
        cursor = first.end()
    for match in _PUNCT_SPACE_RE.finditer(text, first.end() if first is not None else start, end):
        if text[match.end()].isupper():
            spans.append((cursor, match.start(1)))
            cursor = match.end()
    spans.append((cursor, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def body_text(
    text: str, units: list[Unit], index: int, fallback: str, head: int | None = None
) -> str:
    """The tasks under ``units[index]``, from ``head`` (default: the next unit) to its end.

    The body ends before the next unit whose marker ranks as high as the heading's ("2.3."
    after "2.2."); an unmarked heading owns only the marked items right after it.
    """
    rank, last = units[index].rank, index
    for later in range(index + 1, len(units)):
        other = units[later].rank
        if other is None if rank is None else (other is not None and other <= rank):
            break
        last = later
    if head is None:
        if last == index:
            return fallback.strip(TRIM_CHARS)
        head = units[index + 1].start
    return text[head : units[last].end].strip(TRIM_CHARS) or fallback.strip(TRIM_CHARS)
