"""Citation titles: the words a citing text gives about what a cited document is about.

"Nghị quyết số 12-NQ/TU ngày 12/3/2020 của Ban Chấp hành Đảng bộ tỉnh khóa XVI về nâng cao thu
nhập và phúc lợi của người dân Vĩnh Phúc đến năm 2025, định hướng đến năm 2030" tells us what
12-NQ/TU is about although we have never read it: its trích yếu starts at "về". The graph shows
these words on the cited document's node until the document itself is loaded.

Rule: after a citation's span, past nothing but its date and issuer ("ngày …", "của …"), a "về"
within MAX_LEAD characters opens the title, which runs to the end of the clause (a sentence break, the
next citation when the title lists it with "và" or a comma, an opening parenthesis, or
MAX_TITLE characters, cut at a word). A document cited several times keeps the title of its
first citation that has one (the preamble's, usually the most formal).

Example:
    >>> text = "Thực hiện Nghị quyết số 12-NQ/TU ngày 12/3/2020 của Tỉnh ủy về nâng cao thu nhập; Căn cứ"
    >>> cite = Citation(symbol="12-NQ/TU", relation="implements", spans=[(24, 32)])
    >>> add_citation_titles(text, [cite])[0].title
    'về nâng cao thu nhập'
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from policykg.loaders.record import Citation

#: Farthest "về" may start after the symbol ("ngày 12/3/2020 của Ban Chấp hành Đảng bộ tỉnh khóa XVI ").
MAX_LEAD = 110
#: Longest title kept; official titles rarely run longer.
MAX_TITLE = 240
#: Shortest title worth keeping ("về việc" alone says nothing).
MIN_TITLE_WORDS = 3

_TITLE = re.compile(
    r"""v(?<!\w.)ề(?!\w)        # the word that opens a trích yếu, not inside a word (tested after
                               # its literal first letter, which the regex engine skips to)
        \s+(?P<body>[^;\n]+)     # up to a clause break or the end of the line
    """,
    re.X,
)
_BREAK = re.compile(r"[;\n]|\.(?:\s|$)|\s\(")  # a sentence, clause or aside ends the title
_LISTED = re.compile(
    r"""(?:,|\s(?:và|hoặc))\s+                  # the title lists another document here
        (?:(?:Nghị\s+quyết|Kết\s+luận|Chỉ\s+thị|Kế\s+hoạch|Chương\s+trình|Quyết\s+định|Nghị\s+định
           |Thông\s+tư|Công\s+văn)\s+)?        # its type word, if written
        (?:số\s+)?$""",
    re.X,
)
_LEAD = re.compile(
    r"""[\s,]*
        (?:ngày\s+\d{1,2}(?:/\d{1,2}/\d{4}|\s+tháng\s+\d{1,2}\s+năm\s+\d{4}))?  # its date
        [\s,]*
        (?:của\s+(?:(?!(?<!\w)(?:và|nhằm|để|trong|tại|theo|đã|với|là)(?!\w))[^;.\n])*)?  # its issuer, no verb
        \s*$""",
    re.X,
)
#: Punctuation left at the cut, taken off the end (the title's only spaces are single ones).
_TRAILING = " ,.:(\"“”"


def add_citation_titles(text: str, citations: list[Citation]) -> list[Citation]:
    """The citations with ``title`` filled where the text gives one (others unchanged)."""
    starts = sorted(start for c in citations for start, _ in c.spans)
    out = []
    for citation in citations:
        found = (_title_after(text, end, starts) for _, end in sorted(citation.spans))
        best = next((title for title in found if title), None)  # the first citation's that has one
        out.append(citation.model_copy(update={"title": best}) if best else citation)
    return out


def _title_after(text: str, end: int, starts: list[int]) -> str | None:
    lead = text[end:end + MAX_LEAD]
    if "về" not in lead:
        return None  # no title opens here (_TITLE needs the word), wherever the lead is cut
    stop = _BREAK.search(lead)
    lead = lead[:stop.start()] if stop else lead
    match = _TITLE.search(lead)
    if match is None or not _LEAD.fullmatch(lead[:match.start()]):
        return None  # something other than a date and an issuer comes first: "về" is not the title's
    start = end + match.start()
    window = text[start:start + MAX_TITLE]
    stop = _BREAK.search(window)
    title = window[:stop.start()] if stop else window.rsplit(" ", 1)[0]
    # the citations starting inside the title, found by bisection in the sorted starts
    for nxt in starts[bisect_right(starts, start):bisect_left(starts, start + len(title))]:
        listed = _LISTED.search(text, start, nxt)
        if listed:  # "về …, dự toán ngân sách năm 2025 và Nghị quyết 45/NQ-HĐND": stop before the list
            title = text[start:listed.start()]
            break
    title = " ".join(title.split()).rstrip(_TRAILING)
    return title if len(title.split()) > MIN_TITLE_WORDS else None
