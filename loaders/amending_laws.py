"""Amending laws cited by name: "Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch, …".

A law that amends others is often passed without a name of its own: its title is "Luật sửa đổi,
bổ sung (một số điều của) <the laws it amends>", and a preamble cites it by that title and its
date ("Căn cứ Luật Quy hoạch ngày 24/11/2017; Luật sửa đổi, bổ sung một số điều của 37 luật có
liên quan đến quy hoạch ngày 20/11/2018; …"). It is one specific, existing instrument, so it is
a citation, named by its whole title up to its date. The laws its title names are other
documents, cited inside that title: they keep their own occurrences (``named_documents.py``
finds them), so the amending law's span stops where the first of them starts, and the relation
step sees them nested in its title, as mentions.

Example:
    >>> text = ("Căn cứ Luật Quy hoạch ngày 24/11/2017; Luật sửa đổi, bổ sung một số điều của "
    ...         "Luật Quy hoạch, Luật Đầu tư ngày 29/11/2024;")
    >>> start = text.index("Luật sửa")
    >>> name, span_end, name_end = read_amending_law(text, start, start + 4)
    >>> name
    'Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch, Luật Đầu tư'
    >>> text[start:span_end]
    'Luật sửa đổi, bổ sung một số điều của'
"""

from __future__ import annotations

import re

from policykg.loaders.citation_occurrence import collapse_spaces

#: Longest title of an amending law kept ("… của Luật Quy hoạch, Luật Đầu tư, Luật Đầu tư theo
#: phương thức đối tác công tư và Luật Đấu thầu" is 124 characters).
AMENDING_TITLE_MAX = 260

# The opening words of an amending law's title, right after "Luật".
_AMENDING_OPENING = re.compile(
    r"""
    \s+sửa\s+đổi\s*,?\s*bổ\s+sung      # "sửa đổi, bổ sung" (comma sometimes lost)
    (?:\s+một\s+số\s+điều)?             # "một số điều"
    (?:\s+của)?                         # "của"
    \s+(?=\S)                           # the laws it amends follow
    """,
    re.X | re.I,
)
# Where its title ends: its date or number, a clause mark, an aside, a paragraph end, or what is
# said about it next ("được", "đã", "quy định").
_TITLE_END = re.compile(
    r"""[.;:()|] | \n[ \t]*\n
      | \s(?:ngày|số|được|đã|quy\s+định|thì|là)(?!\w)
    """,
    re.X | re.I,
)
# A law named inside the title: where the amending law's own words end.
_INNER_LAW = re.compile(r"""(?<!\w)Luật(?!\w)   # capitalised: a law's name starts""", re.X)


def read_amending_law(text: str, start: int, head_end: int) -> tuple[str, int, int] | None:
    """The title of the amending law whose "Luật" spans ``[start, head_end)``, where its span
    ends (before the first law its title names) and where its title ends; None when the words
    after "Luật" do not open an amending law's title.
    """
    opening = _AMENDING_OPENING.match(text, head_end)
    if opening is None:
        return None
    limit = min(len(text), head_end + AMENDING_TITLE_MAX)
    stop = _TITLE_END.search(text, opening.end(), limit)
    name_end = stop.start() if stop else limit
    while name_end > opening.end() and text[name_end - 1] in " \t\n,":
        name_end -= 1
    if name_end <= opening.end():
        return None
    inner = _INNER_LAW.search(text, opening.end(), name_end)
    span_end = inner.start() if inner else name_end
    while span_end > head_end and text[span_end - 1] in " \t\n,":
        span_end -= 1
    return collapse_spaces(text[start:name_end]), span_end, name_end
