"""Citation relations: which cited documents a text implements or is based on.

Only the title and the preamble carry ``implements``/``based_on``, and only for the documents
the cue governs: the first citation after a clause-initial "Thực hiện", "Triển khai (thực
hiện)", "Để (tổ chức) thực hiện" or "Căn cứ", plus those coordinated with it ("…, Kế hoạch số
41-KH/TU", "…; Kế hoạch số …", "… và Nghị quyết số …"). A citation nested in the description of
a governed one ("Căn cứ Kế hoạch số 82-KH/HU … thực hiện Chương trình số 34-CTr/TU") is carried
out only through it, so it stays ``mentions``. After such a nesting only a ``;`` returns to the
top-level list. The strongest relation over all occurrences wins (implements > based_on >
mentions), in ``citation_merge.py``.

Three constructions of administrative writing put more documents in the governed list:

* **An amending act** ("Luật … số 64/2025/QH15 được sửa đổi, bổ sung bởi Luật số 87/2025/QH15";
  "… đã được sửa đổi, bổ sung một số điều theo Nghị định số 58/2023/NĐ-CP"): a text relies on
  the act as amended, so the amending act is part of what the cue governs, even after a nested
  citation. The active form ("Luật số 97/2025/QH15 sửa đổi, bổ sung … Luật Công đoàn") is the
  amending act's own title, and the acts it names stay nested.
* **A plural announced, then listed** ("Căn cứ các Nghị định của Chính phủ quy định chi tiết …
  (số 37/2019/NĐ-CP …, số 58/2023/NĐ-CP … và số 22/2025/NĐ-CP …)", also after a ";"): the cue's
  object is the list in the parenthesis or after the colon, not the documents the plural's
  description names before it.
* **Guidance named by its author** ("Thực hiện Thông tri số 02-TT/TU … và hướng dẫn của Bộ Nội
  vụ tại Công văn số 8935/BNV-CTTN&BĐG"): "và hướng dẫn / chỉ đạo / ý kiến của <body> tại" adds
  that body's document to the list; a title does not name an author and a place to find it.

A document cited inside the words that belong to the one before it (an amending law's title,
"Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch, Luật Đầu tư …", whose occurrence runs to
its date) is nested in it.

A document cited inside the words that belong to the one before it (an amending law's title,
"Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch, Luật Đầu tư …", whose occurrence runs to
its date) is nested in it.

**The approval of what the title carries out.** A document whose title says it carries out a
named instrument ("Kế hoạch thực hiện Quy hoạch mạng lưới cơ sở Văn hóa và Thể thao …")
implements the decisions that approve or adjust that instrument, even when its preamble cites
them with "Căn cứ" ("Căn cứ Quyết định số 991/QĐ-TTg … phê duyệt Quy hoạch mạng lưới cơ sở Văn
hóa và Thể thao …"): the instrument is what those decisions decide, so carrying it out carries
them out. Only the based_on documents of the clause (between ";") that names the approval.

A governed document recalled in parentheses ("… phê duyệt chủ trương đầu tư Chương trình …
(Nghị quyết số 163/2024/QH15), Nghị quyết số 50/NQ-CP …") closes its own description: what is
coordinated after the recall belongs to the governed list again.

Example:
    >>> from policykg.loaders.cited_symbols import find_symbols
    >>> text = "Căn cứ Kế hoạch số 82-KH/HU của Huyện ủy thực hiện Chương trình số 34-CTr/TU"
    >>> occurrences = find_symbols(text, None)
    >>> assign_relations(text, occurrences, len(text))
    >>> [(o.symbol, o.relation) for o in occurrences]
    [('82-KH/HU', 'based_on'), ('34-CTr/TU', 'mentions')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from policykg.loaders.caseless import CASE_PLAIN_RE
from policykg.loaders.citation_occurrence import RELATION_RANK, Occurrence
from policykg.loaders.record import Relation
from policykg.loaders.sections import Section

#: How far (characters) a cue may be from the first citation it governs.
CUE_REACH = 120

_CUE = re.compile(
    r"""
    (?P<cue>
        căn\s+cứ                               # based_on
      | (?:để\s+(?:tổ\s+chức\s+)?)?            # "Để (tổ chức) thực hiện"
        (?:triển\s+khai\s+thực\s+hiện|tổ\s+chức\s+thực\s+hiện|triển\s+khai|thực\s+hiện)
    )
    (?!\w)
    """,
    re.X | re.I,
)

#: _CUE for lowercased text, where re.I is lowercase equality (see _cues).
_CUE_LOWER = re.compile(_CUE.pattern, re.X)

# What may stand before a cue for it to open a clause: nothing on the line, a clause mark, a
# bullet, or a title heading ("KẾ HOẠCH Thực hiện", "Chương trình hành động 01/CTr-UBND thực hiện").
_CLAUSE_OPEN = re.compile(
    r"""
    (?:^|[\n.;:|])[ \t\-–+*]*$
  | (?:^|\n)[ \t]*(?:kế\s+hoạch|chương\s+trình(?:\s+hành\s+động)?)
        (?:\s+(?:số\s+)?\d[\w/\- ]{2,24})?\s*$    # optional own symbol in the title
    """,
    re.X | re.I,
)

_HEADING_LINE = re.compile(
    r"""
    ^[ \t*]*(?:[IVXLC]{1,5}\.|\d{1,2}(?:\.\d{1,2})*\.|\d{1,2}\)|[a-zđ]\)|\(\d{1,2}\))   # I. 1. 1.1. a) (1)
    [ \t]+\S
    """,
    re.X | re.M,
)

# A connector that coordinates the next citation with the previous one.
_COORDINATED = re.compile(r"(?:[,;]|\bvà|\bcũng\s+như)[\s\-–]*$", re.I)

# Type words of a plural that a list of symbols then spells out ("các Nghị định của Chính phủ").
_PLURAL_TYPES = r"""(?:nghị\s+quyết|nghị\s+định|quyết\s+định|thông\s+tư|chỉ\s+thị|kết\s+luận|
                       kế\s+hoạch|chương\s+trình|công\s+văn|văn\s+bản|luật)"""
#: Longest description of a plural before its list opens ("… quy định chi tiết thi hành …").
PLURAL_DESCRIPTION_MAX = 240
#: The cue's object is a plural whose list opens with "(" or ":" ("Căn cứ Các Nghị định … (Số").
_PLURAL_OBJECT = re.compile(
    rf"""
    [\s*]*các\s+{_PLURAL_TYPES}(?!\w)     # the plural: "các Nghị định", "Các Quyết định"
    [^;.(:]{{0,{PLURAL_DESCRIPTION_MAX}}}  # its description, within the clause
    [(:]                                 # the list opens
    """,
    re.X | re.I,
)
#: Between two citations: a ";" then such a plural and its list ("…; các Quyết định … (Số").
_PLURAL_AFTER_SEMICOLON = re.compile(
    rf""";[\s\-–*]*                           # a new item of the clause
        các\s+{_PLURAL_TYPES}(?!\w)            # the plural: "các Quyết định"
        [^;.(:]{{0,{PLURAL_DESCRIPTION_MAX}}}  # its description
        [(:][\s*]*$                           # the list opens right before the document
    """,
    re.X | re.I,
)
# The passive of an amendment: what follows amends a document of the clause.
_AMENDED_BY = re.compile(
    r"""
    (?:đã\s+)?được\s+sửa\s+đổi,?\s+bổ\s+sung     # "(đã) được sửa đổi, bổ sung"
    (?:\s+một\s+số\s+điều)?                      # "một số điều"
    \s+(?:bởi|theo|tại)(?:\s+các)?[\s\-–]*$        # by / according to the next document
    """,
    re.X | re.I,
)
# Guidance named by its author, then where it is written: "và hướng dẫn của Bộ Nội vụ tại".
_GUIDANCE_OF = re.compile(
    r"""
    \bvà\s+(?:theo\s+)?                             # coordinated with what came before
    (?:hướng\s+dẫn|chỉ\s+đạo|ý\s+kiến(?:\s+chỉ\s+đạo)?|yêu\s+cầu)   # the kind of guidance
    \s+của\s+[^,;.()]{1,80}?                         # its author: "của Bộ Nội vụ"
    \s+tại[\s\-–]*$                                  # "tại": the document follows
    """,
    re.X | re.I,
)
_SEMICOLON = re.compile(r";[\s\-–]*$")
# A governed document recalled in parentheses at the end of its description: "… đến năm 2030
# (Nghị quyết số 163/2024/QH15), Nghị quyết số 50/NQ-CP …", "(sau đây gọi tắt là …)".
_RECALL_OPEN = re.compile(
    r"""\(                                    # the parenthesis that recalls it
        (?:[^()]{0,40}?gọi\s+tắt\s+là)?        # "sau đây gọi tắt là", if written
        [\s\-–]*$""",
    re.X | re.I,
)
_SENTENCE_END = re.compile(r"\.(?=\s)|\n[ \t]*\n|\|")


def preamble_end(text: str, sections: Sequence[Section]) -> int:
    """End of the title-and-preamble zone where cues count: the preamble section's end, else
    the first section's start, else the first heading line ("I. MỤC ĐÍCH"), else the text's end.
    """
    pre = [s for s in sections if s.kind == "preamble"]
    if pre:
        return max(s.end for s in pre)
    if sections:
        return min(s.start for s in sections)
    m = _HEADING_LINE.search(text)
    return m.start() if m else len(text)


def assign_relations(text: str, occs: list[Occurrence], preamble_end: int) -> None:
    """Give implements/based_on to the occurrences each preamble cue governs (in place).

    Example: in "Căn cứ Kế hoạch số 82-KH/HU … thực hiện Chương trình số 34-CTr/TU", the first
    becomes ``based_on``; the second, nested in its description, stays ``mentions``.
    """
    cues = _cues(text, preamble_end)
    for cue in cues:
        if not _CLAUSE_OPEN.search(text[max(0, cue.start() - 80):cue.start()]):
            continue
        relation: Relation = "based_on" if cue["cue"].lower().startswith("căn") else "implements"
        sentence_end = _SENTENCE_END.search(text, cue.end())
        limit = min(sentence_end.start() if sentence_end else len(text), preamble_end)
        plural = _PLURAL_OBJECT.match(text, cue.end(), limit)
        start = plural.end() if plural else cue.end()  # a plural's list: the list is the object
        chain = [o for o in occs if start <= o.head and o.start < limit]
        if not chain or chain[0].head - start > CUE_REACH:
            continue
        if re.search(r"[.;]", text[start:chain[0].head]):
            continue
        _govern_chain(text, chain, relation)
    _implement_title_object(text, occs, cues, preamble_end)


# What a title says the document carries out: a named instrument ("THỰC HIỆN QUY HOẠCH …").
_TITLE_OBJECT = re.compile(
    r"""
    (?:thực\s+hiện|triển\s+khai)\s+
    (?P<obj>(?:quy\s+hoạch|chương\s+trình|đề\s+án|chiến\s+lược)\s+[^\n;.]+)   # its name
    """,
    re.X | re.I,
)
#: Words of the instrument's name that must follow "phê duyệt" in a clause (enough to name it:
#: "quy hoạch mạng lưới cơ sở văn hóa"; all of a shorter name).
TITLE_OBJECT_WORDS = 6
_CLAUSE_BREAK = re.compile(r"""; | \n[ \t]*\n   # a clause mark or a paragraph end""", re.X)
_MARKUP = re.compile(r"""[*_“”"]   # bold and italic marks, quotes""", re.X)


def _implement_title_object(text: str, occs: list[Occurrence], cues: list[re.Match[str]],
                            preamble_end: int) -> None:
    """based_on documents of a clause approving what the title carries out implement it.

    Example: after the title "KẾ HOẠCH THỰC HIỆN QUY HOẠCH MẠNG LƯỚI CƠ SỞ VĂN HÓA …", the
    clause "Căn cứ Quyết định số 991/QĐ-TTg … phê duyệt Quy hoạch mạng lưới cơ sở Văn hóa …"
    makes 991/QĐ-TTg implemented; "Căn cứ Nghị định số 43/2025/NĐ-CP …" stays based_on.
    """
    first_basis = next((c.start() for c in cues if c["cue"].lower().startswith("căn")), None)
    title = _TITLE_OBJECT.search(text, 0, first_basis) if first_basis is not None else None
    if title is None:
        return
    name = " ".join(_fold(title["obj"]).split()[:TITLE_OBJECT_WORDS])
    approvals = (f"phê duyệt {name}", f"phê duyệt điều chỉnh {name}")  # approved, or adjusted
    start = first_basis
    for brk in [*_CLAUSE_BREAK.finditer(text, first_basis, preamble_end), None]:
        end = brk.start() if brk else preamble_end
        clause = _fold(text[start:end])
        if any(approval in clause for approval in approvals):
            for occ in occs:
                if start <= occ.start < end and occ.relation == "based_on":
                    occ.relation = "implements"
        start = brk.end() if brk else end


def _fold(words: str) -> str:
    """Lower case, markup and quotes dropped, one space between words."""
    return " ".join(_MARKUP.sub(" ", words).lower().split())


def _cues(text: str, end: int) -> list[re.Match[str]]:
    """``_CUE.finditer(text, 0, end)``, found in the lowercased title and preamble when lowering
    keeps what re.I compares (caseless.py): the case-sensitive twin opens each branch with a
    literal letter, which the regex engine tests at once instead of trying every branch."""
    part = text[:end]
    if CASE_PLAIN_RE.fullmatch(part):
        return list(_CUE_LOWER.finditer(part.lower()))
    return list(_CUE.finditer(text, 0, end))


def _govern_chain(text: str, chain: list[Occurrence], relation: Relation) -> None:
    """The first occurrence and those coordinated with it take ``relation``.

    Example: "Căn cứ Kết luận số 92-KL/TW …; Kế hoạch số 41-KH/TU … thực hiện Kết luận
    số 92-KL/TW" governs 92-KL/TW and 41-KH/TU (';'), not a document nested after "thực hiện".
    """
    governed = {chain[0].key}
    _raise(chain[0], relation)
    nested = False
    prev = chain[0]
    for occ in chain[1:]:
        if occ.head < prev.tail:
            nested = True  # inside the words of the one before: an amending law's title
            continue
        between = text[prev.tail:occ.head]
        if occ.key in governed:
            prev = occ  # the same document again ("sau đây gọi tắt là …"): transparent
            if _RECALL_OPEN.search(between):
                nested = False  # its recall closes its description: back to the list
            continue
        if _SEMICOLON.search(between) or _adds_to_list(between) or (
                not nested and _COORDINATED.search(between) and not _nests(between)):
            nested = False
            governed.add(occ.key)
            _raise(occ, relation)
        else:
            nested = True
        prev = occ


def _adds_to_list(between: str) -> bool:
    """Whether the connector text adds the next document to the governed list whatever came
    before: an amending act, a plural's list after a ";", guidance named by its author."""
    return bool(_AMENDED_BY.search(between) or _PLURAL_AFTER_SEMICOLON.search(between)
                or _GUIDANCE_OF.search(between))


def _nests(between: str) -> bool:
    """A connector text that ends in a nesting verb ("… thực hiện") introduces a sub-citation."""
    return bool(re.search(r"(?:thực\s+hiện|triển\s+khai|về|tại|theo|ban\s+hành|phê\s+duyệt)"
                          r"[\s,]*$", between, re.I))


def _raise(occ: Occurrence, relation: Relation) -> None:
    if RELATION_RANK[relation] > RELATION_RANK[occ.relation]:
        occ.relation = relation
