"""Citations: which documents a text cites, how, and where.

``extract_citations`` finds every cited document in a document's (normalized) text and returns
one :class:`~policykg.loaders.record.Citation` per cited document, with every span where it is
cited. Two kinds of citation are found:

* **Numbered** documents, by their symbol ("số, ký hiệu"): party symbols ``NUMBER-TYPE/ISSUER``
  (``12-NQ/TU``), state symbols ``NUMBER/TYPE-ISSUER`` and ``NUMBER/YEAR/TYPE-ISSUER``
  (``91/KH-UBND``, ``150/2020/NĐ-CP``), and the National Assembly form ``74/2022/QH15``. The
  regexes are deliberately lenient about spacing, case and ``D``/``Đ`` (``12- NQ/TU``,
  ``34-Ctr/TU``, ``76 /CTr - UBND``, ``26/2021/QĐTTg``) but strict about the type code, which
  must be in :data:`TYPE_CODES`: that table is what keeps dates (``12/3/2020``) and ranges
  (``2021-2025``) out. :func:`normalize_symbol` gives the canonical form.
* **Named** documents without a number: laws and ordinances, congress resolutions, Central
  Committee plenum resolutions, strategies, national target programmes, đề án, the provincial
  master plan, and programmes or plans named with their period. Recall is traded for precision
  here: a name is only taken when it is a specific, existing instrument - capitalized type
  word, and a proper title (a period "giai đoạn 2021-2025", a quoted title, "mục tiêu quốc
  gia", an acronym). Generic plurals ("các chương trình"), documents the text orders drafted
  ("Xây dựng Đề án …") and the object of a numbered document ("Quyết định số … phê duyệt Đề
  án …", which *is* that decision's content) are skipped.

Decisions worth knowing:

* **Relation.** Only the title and the preamble carry ``implements``/``based_on``, and only for
  the documents the cue governs: the first citation after a clause-initial "Thực hiện",
  "Triển khai (thực hiện)", "Để (tổ chức) thực hiện" or "Căn cứ", plus those coordinated with
  it ("…, Kế hoạch số 41-KH/TU", "…; Kế hoạch số …", "… và Nghị quyết số …"). A citation
  nested in the description of a governed one ("Căn cứ Kế hoạch số 82-KH/HU … thực hiện
  Chương trình số 34-CTr/TU") is carried out only through it, so it stays ``mentions``. After
  such a nesting only a ``;`` returns to the top-level list. The strongest relation over all
  occurrences wins (implements > based_on > mentions).
* **Scope.** Fixed issuer codes decide (TW, CP, TTg, QH… central; TU province; HU district; ĐU
  commune); UBND, HĐND and department codes take the level from the issuer as written ("của
  UBND tỉnh"), else from the document's own level (:class:`CitationContext`): a plan that
  cites "Quyết định số 12/QĐ-UBND" without saying whose means its own People's Committee.
* **Dedup.** One Citation per normalized symbol, or per normalized name. A congress
  resolution named without number ("Nghị quyết Đại hội Đảng bộ thị trấn … lần thứ nhất") is
  the same document as a numbered resolution "của Đảng bộ thị trấn …" (a Đảng bộ as a whole
  speaks only through its congress), so the two merge.
* **Dates** are taken only when they follow the symbol ("ngày 12/3/2020", "ngày 12 tháng 3
  năm 2020", "ngày 26-4-2021", a footnote marker glued in "ngày 53 24/01/2022"); impossible
  dates are dropped, never repaired. Several dates: the majority wins (ties: the first seen)
  and a ``citation_date_conflict`` warning names them all.
* The document's own symbol (``own_symbol``, or the header line "Số: …") is not a citation.

Example:
    >>> text = "Thực hiện Nghị quyết số 12-NQ/TU ngày 12/3/2020 của Ban Chấp hành Đảng bộ tỉnh"
    >>> cits, warns = extract_citations(text, [], context=CitationContext(level="district"))
    >>> c = cits[0]
    >>> (c.symbol, c.relation, c.issuer_scope, c.issued.isoformat(), c.issuer)
    ('12-NQ/TU', 'implements', 'province', '2020-03-12', 'Ban Chấp hành Đảng bộ tỉnh')
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from policykg.loaders.record import Citation, Level, Relation, RecordWarning
from policykg.loaders.sections import Section
from policykg.loaders.symbols import (
    FLOATING_ISSUERS,
    ISSUER_LEVELS,
    PARTY_SYMBOL_RE,
    STATE_ISSUERS,
    STATE_SYMBOL_RE,
    TYPE_CODES,
    TYPE_WORDS,
    canonical_issuer,
    fold_code,
    issuer_fixed_level,
    normalize_symbol,
)
from policykg.loaders.units import CENTRAL_CITIES  # "thành phố X" is a province only for these

__all__ = ["CitationContext", "extract_citations"]

# --------------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------------

#: implements > based_on > mentions: the strongest relation over all occurrences wins.
RELATION_RANK: dict[str, int] = {"mentions": 0, "based_on": 1, "implements": 2}


#: How far (characters) a cue may be from the first citation it governs.
CUE_REACH = 120
#: How far back the type words of a symbol may start ("Chương trình hành động số").
TYPE_LOOKBACK = 45

# --------------------------------------------------------------------------------------------
# Regexes (compiled once)
# --------------------------------------------------------------------------------------------

_DATE = re.compile(
    r"""
    [\s,]*(?:\(|–|-)?\s*                      # matched at the symbol's end, not searched
    (?:ban\s+hành\s+)?ngày\s+                  # "ngày" is required: never guess a date
    (?:\d{1,3}\s+(?=\d{1,2}\s*[/.-]))?         # footnote marker glued in: "ngày 53 24/01/2022"
    (?:
        (?P<d>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<y>(?:19|20)\d\d)
      | (?P<d2>\d{1,2})\s+tháng\s+(?P<m2>\d{1,2})\s+năm\s+(?P<y2>(?:19|20)\d\d)
    )
    """,
    re.X | re.I,
)

_ISSUER_OPEN = re.compile(r"[\s,]*của\s+", re.I)  # "… của <issuer>"
_ISSUER_WORD = re.compile(r"\s*(?P<w>[^\s,.;:()“”\"]+)")
#: Words that end an issuer: the clause goes on to the document's subject or a new clause.
_ISSUER_STOP = {
    "về", "thực", "phê", "quy", "khóa", "khoá", "nhiệm", "tại", "trên", "đã", "và",
    "sau", "nhằm", "để", "theo", "gửi", "triển", "tiếp", "hướng", "đối", "trong", "là",
    "sửa", "khoảng", "với", "cho", "có", "được", "ngày", "số", "từ", "đến", "nay", "thì",
}
#: Word pairs that end an issuer ("ban hành" - while "Ban Chấp hành" is an issuer).
_ISSUER_STOP_PAIRS = {("ban", "hành"), ("chỉ", "đạo"), ("hướng", "dẫn")}
#: Most words an issuer takes ("Ban Chấp hành Trung ương Đảng" is five).
ISSUER_MAX_WORDS = 10

_TYPE_BEFORE = re.compile(
    r"""
    (?P<type>nghị\s+quyết|kết\s+luận|chỉ\s+thị|kế\s+hoạch|chương\s*trình|quyết\s+định|
       nghị\s+định|thông\s+tư|công\s+điện|tờ\s+trình|báo\s+cáo|hướng\s+dẫn|thông\s+báo)
    (?:\s+hành\s+động)?                        # "Chương trình hành động số"
    (?:\s+liên\s+tịch)?
    \s*(?:số)?\s*$                             # optional "số" right before the symbol
    """,
    re.X | re.I,
)

_BARE_SO = re.compile(r"(?:^|\s)số\s*$", re.I)  # "thực hiện số 78/NQ-CP": type word lost

# The header line "Số: 91/KH-UBND" ("Số hiệu | 01/CTr-UBND", "Số: **92** /KH-UBND"); the colon
# or pipe is required, since a wrapped title line may start with "SỐ 41-KH/TU".
_OWN_HEADER = re.compile(r"(?:^|\n)[ \t|*]*Số(?:\s+hiệu)?\s*[:|][ \t*]*$", re.I)

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
_SEMICOLON = re.compile(r";[\s\-–]*$")
_SENTENCE_END = re.compile(r"\.(?=\s)|\n[ \t]*\n|\|")

# -- named documents ------------------------------------------------------------------------

# "Not after a word character", tested after a head's first letter as "(?<!\w.)" (the letter is
# never a line end, so "." matches it): the pattern then starts with literal letters, which the
# regex engine scans for quickly, instead of a lookbehind tried at every position of the text.
_NOT_IN_WORD = r"(?<!\w.)"
_NAMED_HEAD = re.compile(
    rf"""
    (?P<head>
        L{_NOT_IN_WORD}uật(?!\s+sư)                          # laws (not "Luật sư", the profession)
      | P{_NOT_IN_WORD}háp\s+lệnh
      | C{_NOT_IN_WORD}hiến\s+lược
      | Đ{_NOT_IN_WORD}ề\s+án
      | đ{_NOT_IN_WORD}ề\s+án(?=\s*["“])                     # lower case only before a quoted title
      | Q{_NOT_IN_WORD}uy\s+hoạch\s+tỉnh
      | C{_NOT_IN_WORD}hương\s+trình | K{_NOT_IN_WORD}ế\s+hoạch
      | N{_NOT_IN_WORD}ghị\s+quyết(?=\s+(?:Đại\s+hội|Hội\s+nghị|Đảng\s+bộ))   # congress / plenum
    )
    (?=\s)
    """,
    re.X,
)

_PERIOD = re.compile(
    r"""
    (?:giai\s+đoạn|thời\s+kỳ|đến\s+năm|10\s+năm)\s+(?:19|20)\d\d   # a period or horizon ...
    (?:\s*[-–]\s*(?:19|20)\d\d)?
    (?:,?\s+(?:tầm\s+nhìn|định\s+hướng)(?:\s+đến)?\s+năm\s+(?:19|20)\d\d)?   # ... + vision
    """,
    re.X | re.I,
)

_CONGRESS = re.compile(
    r"""
    Nghị\s+quyết\s+
    (?:Đại\s+hội\s+(?:đại\s+biểu\s+)?)?
    (?:
        (?:toàn\s+quốc\s+)?(?:lần\s+thứ\s+)?(?P<ord_c>[IVXLC]+)\s+của\s+Đảng    # Đại hội XIII của Đảng
      | Đảng\s+bộ\s+(?P<unit>tỉnh|thành\s+phố|huyện|thị\s+xã|quận|xã|phường|thị\s+trấn)
        (?P<place>(?:\s+[A-ZĐÂ][\wÀ-ỹ]*){0,3})                   # optional place name
        (?:\s+lần\s+thứ\s+(?P<ord>[IVXLC]+|nhất|[\wÀ-ỹ]+)
          |\s+(?P<ord_r>[IVXLC]+)\b
          |(?=\s+nhiệm\s+kỳ))
    )
    """,
    re.X,
)

_PLENUM = re.compile(r"Nghị\s+quyết\s+Hội\s+nghị\s+(?:lần\s+thứ\s+\w+\s+)?Trung\s+ương", re.X)

_NAME_STOP = re.compile(
    r"""
    [.;:()…|*\[] | \n[ \t]*\n | \s[-–]\s(?=[A-ZĐ])
  | ,(?!\s*(?:tầm\s+nhìn|định\s+hướng|chống|chữa|sử\s+dụng|kiểm\s+soát))  # "Luật Phòng, chống …"
  | \s(?:và|của|theo|tại|để|nhằm|trong|đã|được|do|bằng|cho|gắn|từ|trên|sau|đối|ngày|
         thông\s+qua|đồng\s+thời|bảo\s+đảm|đảm\s+bảo|như|tổ\s+chức|báo\s+cáo)\b
    """,
    re.X,
)

_DRAFTING = re.compile(
    r"""
    (?:xây\s+dựng|soạn\s+thảo|hoàn\s+thiện|lập|trình)
    (?:[\s,]+(?:và|tổ\s+chức|triển\s+khai|thực\s+hiện|ban\s+hành))*
    [\s,]*$
    """,
    re.X | re.I,
)

# The subject of a numbered document ("Quyết định số 522/QĐ-TTg … phê duyệt Đề án …", "… của
# UBND tỉnh về Chương trình việc làm …") is that document, not a second citation.
_OBJECT_OF = re.compile(r"(?:\bvề|phê\s+duyệt|ban\s+hành)\s*$", re.I)

_GENERIC_BEFORE = re.compile(r"(?:\bcác|\bnhững|\bmọi)\s*$", re.I)
_NOT_A_TITLE = re.compile(
    r"""^(?:Chương\s+trình|Kế\s+hoạch)(?:\s+hành\s+động)?\s*
        (?:này|của|giáo\s+dục|,|số|\d|$)""",
    re.X | re.I,
)

_WS = re.compile(r"\s+")


# --------------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CitationContext:
    """What the citing document says about itself; it resolves "UBND tỉnh" and bare "UBND".

    Example:
        >>> CitationContext(level="district", province="Vĩnh Phúc", district="Sông Lô")
        CitationContext(level='district', province='Vĩnh Phúc', district='Sông Lô', commune=None)
    """

    level: Level | None = None
    province: str | None = None
    district: str | None = None
    commune: str | None = None


def extract_citations(
    text: str,
    sections: Sequence[Section],
    *,
    own_symbol: str | None = None,
    context: CitationContext | None = None,
) -> tuple[list[Citation], list[RecordWarning]]:
    """Every document ``text`` cites, one Citation each, with every span where it is cited.

    Args:
        text: the normalized text of the citing document.
        sections: its section tree; the ``preamble`` section (or, with no sections, the text
            before the first heading line) is where "Thực hiện …"/"Căn cứ …" count.
        own_symbol: the document's own symbol, which is not a citation.
        context: the document's own level and place names, for the scope of "UBND tỉnh".

    Returns:
        The citations in order of first appearance, and warnings (``citation_date_conflict``).

    Example:
        >>> text = "Căn cứ Kế hoạch số 82-KH/HU ngày 03/11/2022 của Ban Thường vụ Huyện ủy thực hiện Chương trình số 34-CTr/TU"
        >>> [(c.symbol, c.relation) for c in extract_citations(text, [])[0]]
        [('82-KH/HU', 'based_on'), ('34-CTr/TU', 'mentions')]
    """
    ctx = context or CitationContext()
    own = normalize_symbol(own_symbol) if own_symbol else None
    occurrences = _drop_overlaps(text, _find_symbols(text, own), _find_names(text))
    _assign_relations(text, occurrences, _preamble_end(text, sections))
    return _merge(occurrences, ctx)


# --------------------------------------------------------------------------------------------
# Occurrences
# --------------------------------------------------------------------------------------------


@dataclass
class _Occurrence:
    """One place a document is cited."""

    key: str  # dedup key: normalized symbol, or "name:" + normalized name
    start: int  # span of the symbol or the name
    end: int
    head: int  # where its type words start ("Nghị quyết số …"), for cue reach and connectors
    tail: int  # end of its date and issuer clause
    symbol: str | None = None
    name: str | None = None
    doc_type: str | None = None
    issued: date | None = None
    issuer: str | None = None
    scope_code: Level | None = None  # level fixed by the issuer code, if any
    scope_hint: Level | None = None  # level read from the words around it
    floating: bool = False  # issuer code exists at every level (UBND, HĐND, Sở …)
    relation: Relation = "mentions"


#: Where a symbol of either style may start: a number not glued to a word, then "-" or "/".
#: One scan finds these for both symbol patterns, which are then tried only there.
_SYMBOL_START = re.compile(
    r"""
    \d(?<![\w/.-]\d)\d{0,4}     # the number, as the symbol patterns read it
    [ \t]?[-/]                   # party "-", state "/"
    """,
    re.X,
)


def _matches_at(rx: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` for a pattern that can only match at one of ``starts`` (sorted) and
    never matches the empty string: the same leftmost, non-overlapping matches, no second scan."""
    end = 0
    for start in starts:
        if start >= end:
            m = rx.match(text, start)
            if m:
                yield m
                end = m.end()


def _find_symbols(text: str, own: str | None) -> list[_Occurrence]:
    """Occurrences of numbered documents (both symbol styles), own symbol excluded."""
    found: list[_Occurrence] = []
    starts = [m.start() for m in _SYMBOL_START.finditer(text)]
    for rx in (PARTY_SYMBOL_RE, STATE_SYMBOL_RE):
        for m in _matches_at(rx, text, starts):
            symbol = normalize_symbol(m.group(0))
            if symbol is None or symbol == own or _OWN_HEADER.search(
                    text[max(0, m.start() - 30):m.start()]):
                continue  # the document's own number in its header is not a citation
            found.append(_symbol_occurrence(text, m, symbol))
    return found


def _symbol_occurrence(text: str, m: re.Match[str], symbol: str) -> _Occurrence:
    """Read the type words before a symbol and the date and issuer after it.

    Example: in "Kế hoạch số 41-KH/TU ngày 22/3/2021 của Tỉnh ủy", head is at "Kế hoạch",
    issued 2021-03-22, issuer "Tỉnh ủy".
    """
    before = text[max(0, m.start() - TYPE_LOOKBACK):m.start()]
    tm = _TYPE_BEFORE.search(before)
    head = m.start() - (len(before) - tm.start()) if tm else m.start()
    if not tm and _BARE_SO.search(before):
        head = m.start() - len(_BARE_SO.search(before).group(0).lstrip())
    code = symbol.split("/")[-1].split("-")[-1]
    type_code = _symbol_type(symbol) or (TYPE_WORDS.get(_words(tm["type"]).lower()) if tm else None)
    issued, tail = _date_after(text, m.end())
    issuer, tail = _issuer_after(text, tail)
    level = issuer_fixed_level(code)
    hint = _level_of_words(issuer) if issuer else _level_before(text, head)
    return _Occurrence(
        key=symbol, start=m.start(), end=m.end(), head=head, tail=tail, symbol=symbol,
        doc_type=type_code, issued=issued, issuer=issuer, scope_code=level,
        scope_hint=hint, floating=level is None,
    )


def _symbol_type(symbol: str) -> str | None:
    """Type code inside a normalized symbol ('12-NQ/TU' -> 'NQ'; '74/2022/QH15' -> None)."""
    if "-" in symbol.split("/")[0]:
        return symbol.split("-", 1)[1].split("/")[0]
    last = symbol.split("/")[-1]
    return last.split("-")[0] if "-" in last else None


def _date_after(text: str, pos: int) -> tuple[date | None, int]:
    """The date right after a symbol, and where it ends; (None, pos) when there is none."""
    m = _DATE.match(text, pos, min(len(text), pos + 60))
    if not m:
        return None, pos
    d, mo, y = (m["d"], m["m"], m["y"]) if m["d"] else (m["d2"], m["m2"], m["y2"])
    try:
        return date(int(y), int(mo), int(d)), m.end()
    except ValueError:  # "ngày 31/2/2020": keep the text's silence rather than repair it
        return None, m.end()


def _issuer_after(text: str, pos: int) -> tuple[str | None, int]:
    """The issuer as written in "của <issuer>" right after the symbol (and date).

    Example: "… của Ban Chấp hành Đảng bộ tỉnh khóa XVI về …" -> "Ban Chấp hành Đảng bộ tỉnh".
    """
    m = _ISSUER_OPEN.match(text, pos, min(len(text), pos + 20))
    if not m:
        return None, pos
    end, words = m.end(), []
    while len(words) < ISSUER_MAX_WORDS:
        w = _ISSUER_WORD.match(text, end)
        if not w or "\n\n" in text[end:w.start("w")] or _ends_issuer(w["w"], text, w.end()):
            break
        words.append(w["w"])
        end = w.end()
    return (" ".join(words) or None), (end if words else pos)


def _ends_issuer(word: str, text: str, pos: int) -> bool:
    """True when ``word`` (followed by the text at ``pos``) starts the clause after the issuer."""
    low = word.lower()
    if low in _ISSUER_STOP or any(ch.isdigit() for ch in low):
        return True
    nxt = _ISSUER_WORD.match(text, pos)
    return bool(nxt) and (low, nxt["w"].lower()) in _ISSUER_STOP_PAIRS


# -- named documents --------------------------------------------------------------------------


def _find_names(text: str) -> list[_Occurrence]:
    """Occurrences of specific documents cited by name without a number.

    A document the text orders drafted ("Xây dựng Đề án …") does not exist yet: it is
    skipped, with those coordinated with it ("… và Chương trình …") and its later mentions.
    """
    found: list[_Occurrence] = []
    drafted: set[str] = set()
    covered = drafted_end = 0
    for m in _NAMED_HEAD.finditer(text):
        if m.start() < covered:
            continue
        if _OBJECT_OF.search(text[max(0, m.start() - 15):m.start()]):
            continue
        occ = _named_occurrence(text, m)
        if occ is None:
            continue
        skip = _skip_named(text, m.start()) or (
            drafted_end and _fullmatch_between(_DRAFTED_GAP, text, drafted_end, m.start()))
        covered = occ.end
        if skip or occ.key in drafted:
            if not _GENERIC_BEFORE.search(text[max(0, m.start() - 8):m.start()]):
                drafted.add(occ.key)
                drafted_end = occ.end
            continue
        found.append(occ)
        second = _second_law(text, occ)
        if second:
            found.append(second)
            covered = second.end
    return found


#: What may stand between a drafted document and one coordinated with it ("…, và Chương trình").
_DRAFTED_GAP = re.compile(r"[\s,;]*(?:và\s*)?")
_PHAP_DAN_BEFORE = re.compile(r"(?:pháp|dân)\s*$", re.I)  # "pháp Luật", "Dân Luật"


def _fullmatch_between(
    rx: re.Pattern[str], text: str, start: int, end: int
) -> re.Match[str] | None:
    """``rx.fullmatch(text[start:end])`` without copying the slice, which may be long (the gap
    since a drafted document, or up to a later symbol). Only for patterns without lookbehind,
    ``\\b`` or anchors, which would read outside the range."""
    return rx.fullmatch(text, start, end) if start <= end else rx.fullmatch("")


def _skip_named(text: str, start: int) -> bool:
    """True for names that are generic or still to be drafted, and for "pháp Luật", "Dân Luật"."""
    before = text[max(0, start - 60):start]
    before = before.split("\n\n")[-1]
    return bool(_GENERIC_BEFORE.search(before) or _DRAFTING.search(before)
                or _PHAP_DAN_BEFORE.search(before))


_DIGIT = re.compile(r"\d")


def _named_occurrence(text: str, m: re.Match[str]) -> _Occurrence | None:
    """Read one named document from its head word, or None when it is not specific enough."""
    head = _words(m["head"])
    kind = head.lower()
    if kind == "nghị quyết":
        return _congress_or_plenum(text, m.start())
    end = _name_end(text, m.start(), m.end(), kind)
    if end is None:
        return None
    while end > m.end() and text[end - 1] in " \t\n,":  # the span quotes the name, no more
        end -= 1
    name = _words(text[m.start():end])
    min_words = 4 if kind in {"chiến lược", "chương trình", "kế hoạch", "pháp lệnh"} else 2
    if len(name.split()) < min_words and not _DIGIT.search(name):
        return None
    if kind in {"chương trình", "kế hoạch"} and _NOT_A_TITLE.match(name):
        return None
    second = name.split()[len(head.split())].lower() if len(name.split()) > len(head.split()) else ""
    if second in _LAW_NOT_NAMES | {"tại", "cho", "thuộc", "theo", "để", "nhằm"}:
        return None  # "Chương trình tại địa phương …": not a title
    doc_type = TYPE_WORDS.get(kind.replace("quy hoạch tỉnh", "quy hoạch"))
    issued, tail = _date_after(text, end)  # "Luật Dữ liệu ngày 30 tháng 11 năm 2024"
    scope = _named_scope(kind, name)
    occ = _Occurrence(
        key="name:" + _name_key(name), start=m.start(), end=end, head=m.start(), tail=tail,
        name=name, doc_type=doc_type, issued=issued, scope_hint=scope, floating=scope is None,
    )
    return occ


#: a quoted title: “…” or "…", maybe after "về"
_QUOTE_OPEN = re.compile(r"\s*(?:về\s+)?[\"“]")
_QUOTE_CLOSE = re.compile(r"[\"”]")
#: where no title runs on: punctuation, a paragraph end, "(và) các"
_HARD_STOP = re.compile(r"[.;:()|]|\n[ \t]*\n|\s(?:và\s+các|các)\s")
#: another document or a new name before the period: the period is not this title's
_OTHER_TITLE = re.compile(r"\b(?:Chương\s+trình|Kế\s+hoạch|Đề\s+án|Luật|Quy\s+hoạch)\b|,\s+[A-ZĐ]")
_TITLE_NUMBER = re.compile(r"\s+\d{1,3}\b")


def _name_end(text: str, head_start: int, head_end: int, kind: str) -> int | None:
    """Where a document's name ends, or None if it does not read as a specific title."""
    limit = min(len(text), head_end + 260)
    stop = _NAME_STOP.search(text, head_end, limit)
    clause_end = stop.start() if stop else limit
    quoted = _QUOTE_OPEN.match(text[head_end:limit])
    if quoted:  # a quoted title runs to its closing quote
        close = _QUOTE_CLOSE.search(text[head_end + quoted.end():limit])
        return head_end + quoted.end() + close.end() if close else None
    hard = _HARD_STOP.search(text[head_end:limit])
    hard_end = head_end + hard.start() if hard else limit
    period = _PERIOD.search(text, head_end, hard_end)
    if kind in {"chiến lược", "đề án", "chương trình", "kế hoạch", "quy hoạch tỉnh"} and period:
        if not _OTHER_TITLE.search(text[head_end + 12:period.start()]):
            return period.end()
    if kind in {"chương trình", "kế hoạch", "quy hoạch tỉnh"}:
        return _programme_end(text, head_end, clause_end)
    if kind in {"luật", "pháp lệnh"}:
        return _law_end(text, head_end, clause_end)
    number = _TITLE_NUMBER.match(text[head_end:head_end + 6])  # "Đề án 06"
    if number:
        return head_end + number.end()
    return _free_title_end(text, head_end, clause_end, hard_end)


_INNER_QUOTE = re.compile(r"[“\"][^”\"\n]{3,120}[”\"]")
_COMMA = re.compile(r"[,;]")


def _free_title_end(text: str, head_end: int, clause_end: int, hard_end: int) -> int:
    """A title without period or leading quote: to the first stop word, but through a quoted
    title inside it and through an enumeration "A, B và C".

    Example: "Đề án phát triển thị trường trong nước gắn với cuộc vận động “Người Việt Nam …”"
    and "Đề án đổi mới toàn diện nội dung, hình thức và phương pháp tuyên truyền BHXH".
    """
    inner = _INNER_QUOTE.search(text[head_end:hard_end])
    if inner and not _COMMA.search(text[head_end:head_end + inner.start()]):
        return head_end + inner.end()
    enumeration = _ENUMERATION.match(text, clause_end)
    if enumeration:
        stop = _NAME_STOP.search(text, enumeration.end(), hard_end)
        return stop.start() if stop else hard_end
    return clause_end


#: ", hình thức và phương pháp": the rest of an enumeration inside a title.
_ENUMERATION = re.compile(r",\s*[a-zđà-ỹ]+(?:\s+[a-zđà-ỹ]+)?\s+và\s+[a-zđà-ỹ]+")


_FIRST_WORD = re.compile(r"\s+(\S+)")
_LAW_YEAR = re.compile(r"\s+năm\s+(?:19|20)\d\d")


def _law_end(text: str, head_end: int, clause_end: int) -> int | None:
    """Laws are short names: stop at the words that begin what is said about the law.

    Example: "Luật Giáo dục năm 2019." -> "Luật Giáo dục năm 2019"; "Luật Dân quân tự vệ về
    tổ chức …" -> "Luật Dân quân tự vệ"; "Luật sửa đổi, bổ sung …" and "Luật hoặc …" -> None.
    """
    first = _FIRST_WORD.match(text[head_end:head_end + 30])
    if not first or first[1].lower() in _LAW_NOT_NAMES or not first[1][:1].isalpha():
        return None
    stop = _LAW_STOP.search(text, head_end, clause_end)
    end = stop.start() if stop else clause_end
    yr = _LAW_YEAR.match(text[end:end + 12])  # "Luật Giáo dục năm 2019"
    return end + yr.end() if yr else end


#: Words that cannot start a law's name ("Luật sửa đổi, bổ sung …" names the laws it amends).
_LAW_NOT_NAMES = {"sửa", "hoặc", "và", "này", "đó", "số", "về", "của", "các", "những", "trên",
                  "dưới", "là", "thì", "được", "đã", "có", "mới", "năm", "ngày"}
# Where a law's name ends: a date, a clause word, markdown or a footnote marker.
_LAW_STOP = re.compile(
    r"""\s(?:ngày|năm|số|về|thuộc|ước|quy\s+định|hướng\s+dẫn|có(?!\s+công)|là|phải|sẽ|cần|nên|đối|
            với(?!\s+cách\s+mạng)|[a-zđ]*\d)(?!\w)   # a number starts a new phrase
    """,
    re.X,
)


_MTQG = re.compile(r"\s*(?:mục\s+tiêu\s+quốc\s+gia|MTQG)\s+(\S+)", re.I)
_ACRONYM_NAME = re.compile(r"[^()\n]{3,80}?\([A-Z]{2,8}\)")


def _programme_end(text: str, head_end: int, clause_end: int) -> int | None:
    """Programmes and plans without a period: only national target programmes and acronyms."""
    body = text[head_end:clause_end]
    mtqg = _MTQG.match(body)
    if mtqg and mtqg[1].lower() not in _LAW_NOT_NAMES | {"tổ", "báo", "tại", "cho"}:
        return clause_end
    acronym = _ACRONYM_NAME.match(text[head_end:head_end + 100])
    return head_end + acronym.end() if acronym else None


_SECOND_ACRONYM = re.compile(r",\s*(?P<acr>[A-ZĐ]{2,8})\b")


def _second_law(text: str, occ: _Occurrence) -> _Occurrence | None:
    """'Luật BHXH, BHYT' cites two laws: the second is quoted by its acronym alone."""
    m = _SECOND_ACRONYM.match(text[occ.end:occ.end + 12])
    if not m or not (occ.name or "").startswith("Luật") or len(occ.name.split()) != 2:
        return None
    start = occ.end + m.start("acr")
    name = "Luật " + m["acr"]
    return _Occurrence(key="name:" + _name_key(name), start=start, end=start + len(m["acr"]),
                       head=start, tail=start + len(m["acr"]), name=name, scope_hint="central")


def _congress_or_plenum(text: str, start: int) -> _Occurrence | None:
    """'Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII' and 'Nghị quyết Hội nghị Trung ương 5 …'."""
    cm = _CONGRESS.match(text, start)
    if cm:
        level: Level = "central" if cm["ord_c"] else _UNIT_LEVEL[_words(cm["unit"]).lower()]
        ordinal = (cm["ord_c"] or cm["ord"] or cm["ord_r"] or "").lower()
        end = cm.end()
        name = _words(text[start:end])
        return _Occurrence(
            key=f"congress:{level}:{ordinal}", start=start, end=end, head=start, tail=end,
            name=name, doc_type="NQ", scope_hint=level,
        )
    if _PLENUM.match(text, start):
        end = _name_end(text, start, start + len("Nghị quyết"), "đề án")
        if end:
            name = _words(text[start:end]).rstrip("”\"")
            end = start + len(text[start:end].rstrip("”\""))
            return _Occurrence(
                key="name:" + _name_key(name), start=start, end=end, head=start, tail=end,
                name=name, doc_type="NQ", scope_hint="central",
            )
    return None


_UNIT_LEVEL: dict[str, Level] = {
    "tỉnh": "province", "thành phố": "province", "huyện": "district", "thị xã": "district",
    "quận": "district", "xã": "commune", "phường": "commune", "thị trấn": "commune",
}


_NATIONAL = re.compile(r"quốc\s+gia", re.I)
_PROVINCE_WORD = re.compile(r"\btỉnh\b", re.I)


def _named_scope(kind: str, name: str) -> Level:
    """Laws, strategies and national programmes are central; a local plan names its province."""
    if kind in {"luật", "pháp lệnh", "chiến lược", "quy hoạch tỉnh"}:
        return "central"  # the provincial master plan is approved by the Prime Minister
    if _NATIONAL.search(name):
        return "central"
    if _PROVINCE_WORD.search(name):
        return "province"
    return None if kind == "kế hoạch" else "central"  # a plan without issuer: the context's


_KEY_QUOTES = re.compile(r"[\"“”]")
_KEY_ABOUT = re.compile(r"^(đề án|chương trình|chiến lược)\s+về\s+")  # "Đề án về X" = "Đề án X"
_KEY_DASH = re.compile(r"\s*[-–]\s*")
_KEY_LEADING_ZEROS = re.compile(r"\b0+(?=\d)")


def _name_key(name: str) -> str:
    """Dedup key of a name: case, quotes, spacing and 'MTQG' folded."""
    key = name.lower().replace("mtqg", "mục tiêu quốc gia")
    key = _KEY_QUOTES.sub("", key)
    key = _KEY_ABOUT.sub(r"\1 ", key)
    key = _KEY_DASH.sub("-", key)
    key = _KEY_LEADING_ZEROS.sub("", key)  # "01 triệu" = "1 triệu"
    return _WS.sub(" ", key).strip(" ,.")


# --------------------------------------------------------------------------------------------
# Relations
# --------------------------------------------------------------------------------------------


def _preamble_end(text: str, sections: Sequence[Section]) -> int:
    """End of the title-and-preamble zone where cues count."""
    pre = [s for s in sections if s.kind == "preamble"]
    if pre:
        return max(s.end for s in pre)
    if sections:
        return min(s.start for s in sections)
    m = _HEADING_LINE.search(text)
    return m.start() if m else len(text)


def _assign_relations(text: str, occs: list[_Occurrence], preamble_end: int) -> None:
    """Give implements/based_on to the occurrences each preamble cue governs."""
    for cue in _CUE.finditer(text, 0, preamble_end):
        if not _CLAUSE_OPEN.search(text[max(0, cue.start() - 80):cue.start()]):
            continue
        relation: Relation = "based_on" if cue["cue"].lower().startswith("căn") else "implements"
        sentence_end = _SENTENCE_END.search(text, cue.end())
        limit = min(sentence_end.start() if sentence_end else len(text), preamble_end)
        chain = [o for o in occs if cue.end() <= o.head and o.start < limit]
        if not chain or chain[0].head - cue.end() > CUE_REACH:
            continue
        if re.search(r"[.;]", text[cue.end():chain[0].head]):
            continue
        _govern_chain(text, chain, relation)


def _govern_chain(text: str, chain: list[_Occurrence], relation: Relation) -> None:
    """The first occurrence and those coordinated with it take ``relation``.

    Example: "Căn cứ Kết luận số 92-KL/TW …; Kế hoạch số 41-KH/TU … thực hiện Kết luận
    số 92-KL/TW" governs 92-KL/TW and 41-KH/TU (';'), not a document nested after "thực hiện".
    """
    governed = {chain[0].key}
    _raise(chain[0], relation)
    nested = False
    prev = chain[0]
    for occ in chain[1:]:
        between = text[prev.tail:occ.head] if occ.head >= prev.tail else text[prev.end:occ.head]
        if occ.key in governed:
            prev = occ  # the same document again ("sau đây gọi tắt là …"): transparent
            continue
        if _SEMICOLON.search(between) or (not nested and _COORDINATED.search(between)
                                          and not _nests(between)):
            nested = False
            governed.add(occ.key)
            _raise(occ, relation)
        else:
            nested = True
        prev = occ


def _nests(between: str) -> bool:
    """A connector text that ends in a nesting verb ("… thực hiện") introduces a sub-citation."""
    return bool(re.search(r"(?:thực\s+hiện|triển\s+khai|về|tại|theo|ban\s+hành|phê\s+duyệt)"
                          r"[\s,]*$", between, re.I))


def _raise(occ: _Occurrence, relation: Relation) -> None:
    if RELATION_RANK[relation] > RELATION_RANK[occ.relation]:
        occ.relation = relation


# --------------------------------------------------------------------------------------------
# Merge
# --------------------------------------------------------------------------------------------


def _merge(occs: list[_Occurrence], ctx: CitationContext) -> tuple[list[Citation], list[RecordWarning]]:
    """One Citation per document: spans unioned, strongest relation, majority date."""
    groups: dict[str, list[_Occurrence]] = {}
    for occ in occs:
        groups.setdefault(_group_key(occ, occs, groups), []).append(occ)
    citations: list[Citation] = []
    warnings: list[RecordWarning] = []
    for key, group in groups.items():
        issued, warning = _majority_date(key, group)
        if warning:
            warnings.append(warning)
        citations.append(_citation(group, issued, ctx))
    citations.sort(key=lambda c: c.spans[0])
    return citations, warnings


_PARTY_COMMITTEE = re.compile(r"Đảng\s+bộ\s")


def _group_key(occ: _Occurrence, occs: list[_Occurrence], groups: dict[str, list]) -> str:
    """Merge a congress resolution into a numbered one "của Đảng bộ <same unit>"; merge
    a name into a longer name of the same document ("Đề án về bảo vệ môi trường")."""
    if occ.key.startswith("congress:"):
        level = occ.key.split(":")[1]
        for other in occs:
            if other.symbol and other.issuer and _PARTY_COMMITTEE.match(other.issuer) \
                    and _level_of_words(other.issuer) == level and other.doc_type == "NQ":
                return other.key
        for key in groups:
            if key.startswith(f"congress:{level}:") and occ.key.endswith(":"):
                return key
    if occ.key.startswith("name:"):
        mine = occ.key[5:]
        for other in occs:  # "Luật Thủ đô" alone, after "Luật Thủ đô số 39/2024/QH15"
            if other.symbol and other.name and _name_key(other.name) == mine:
                return other.key
        for key in groups:
            other = key[5:]
            if key.startswith("name:") and (other.startswith((mine + " ", mine + ",")) or
                                            mine.startswith((other + " ", other + ","))):
                return key
    return occ.key


def _majority_date(key: str, group: list[_Occurrence]) -> tuple[date | None, RecordWarning | None]:
    dates = [o.issued for o in group if o.issued]
    if not dates:
        return None, None
    counts = Counter(dates)
    best = max(counts, key=lambda d: (counts[d], -dates.index(d)))
    if len(counts) == 1:
        return best, None
    others = [o for o in group if o.issued and o.issued != best]
    listed = ", ".join(f"{d.isoformat()} ×{n}" for d, n in counts.most_common())
    return best, RecordWarning(
        code="citation_date_conflict",
        message=f"{group[0].symbol or group[0].name} is dated differently: {listed}; "
        f"kept {best.isoformat()}",
        span=(others[0].start, others[0].end),
    )


def _citation(group: list[_Occurrence], issued: date | None, ctx: CitationContext) -> Citation:
    first = group[0]
    relation = max((o.relation for o in group), key=RELATION_RANK.__getitem__)
    issuer = next((o.issuer for o in group if o.issuer), None)
    doc_type = next((o.doc_type for o in group if o.doc_type), None)
    symbol = next((o.symbol for o in group if o.symbol), None)
    names = [o.name for o in group if o.name]
    # The first form it is cited by, unless a later one says more ("… tầm nhìn đến năm 2050").
    name = max(names, key=lambda n: len(_name_key(n))) if names else None
    spans = sorted({(o.start, o.end) for o in group})
    return Citation(
        symbol=symbol, doc_type=doc_type, issued=issued, issuer=issuer,
        issuer_scope=_scope(group, ctx), relation=relation, name=name, spans=spans,
    )


def _scope(group: list[_Occurrence], ctx: CitationContext) -> Level | None:
    """Fixed issuer code first, then the issuer as written, then the document's own level."""
    for occ in group:
        if occ.scope_code:
            return occ.scope_code
    for occ in group:
        if occ.issuer:
            level = _level_of_words(occ.issuer, ctx)
            if level:
                return level
    for occ in group:
        if occ.scope_hint:
            return occ.scope_hint
    return ctx.level if group[0].floating else None


# --------------------------------------------------------------------------------------------
# Small helpers
# --------------------------------------------------------------------------------------------

_LEVEL_WORDS: list[tuple[re.Pattern[str], Level]] = [
    (re.compile(r"trung\s+ương|bộ\s+chính\s+trị|ban\s+bí\s+thư|chính\s+phủ|thủ\s+tướng|"
                r"quốc\s+hội|^bộ\s|của\s+đảng$|^đảng$", re.I), "central"),
    (re.compile(r"tỉnh|thành\s+ủy|thành\s+uỷ|^sở\s", re.I), "province"),
    (re.compile(r"huyện|quận|thị\s+xã", re.I), "district"),
    (re.compile(r"\bxã\b(?!\s+hội)|phường|thị\s+trấn|đảng\s+ủy|đảng\s+uỷ", re.I), "commune"),
]


_CITY = re.compile(r"thành\s+phố\s+(.+)", re.I)


def _level_of_words(words: str | None, ctx: CitationContext | None = None) -> Level | None:
    """Level of an issuer as written: 'UBND tỉnh' province, 'Ban Thường vụ Huyện ủy' district."""
    if not words:
        return None
    city = _CITY.search(words)
    if city:
        return "province" if city[1].strip().lower().startswith(CENTRAL_CITIES) else "district"
    for rx, level in _LEVEL_WORDS:
        if rx.search(words):
            return level
    if ctx:
        low = words.lower()
        for name, level in ((ctx.commune, "commune"), (ctx.district, "district"),
                            (ctx.province, "province")):
            if name and name.lower() in low:
                return level  # type: ignore[return-value]
    return None


_ISSUER_BEFORE = re.compile(r"của\s+((?:Sở|Bộ|Ủy\s+ban|UBND|HĐND)[^;.]*?)\s+tại\s*$")


def _level_before(text: str, head: int) -> Level | None:
    """'theo đề nghị của Sở … tại Tờ trình số …': the issuer named just before the symbol."""
    before = text[max(0, head - 90):head]
    m = _ISSUER_BEFORE.search(before)
    return _level_of_words(m[1]) if m else None


def _words(s: str) -> str:
    """Collapse whitespace (hard line wraps) into single spaces."""
    return _WS.sub(" ", s).strip()


#: What may stand between a name and the symbol that numbers it ("Luật Thủ đô số 39/2024/QH15").
_NUMBER_GAP = re.compile(r"[\s,]*(?:số\s*)?")


def _drop_overlaps(text: str, symbols: list[_Occurrence], names: list[_Occurrence]
                   ) -> list[_Occurrence]:
    """Symbols win: a "name" that contains a symbol is a description of a numbered document
    ("Kế hoạch thực hiện Nghị quyết số 12-NQ/TU …"), not a document of its own."""
    symbols.sort(key=lambda o: (o.start, -o.end))
    kept: list[_Occurrence] = []
    for occ in symbols:
        if not kept or occ.start >= kept[-1].end:  # a symbol found by both regexes
            kept.append(occ)
    for name in names:
        if any(s.start < name.end and name.start < s.end for s in kept):
            continue
        numbered = next((s for s in kept if s.head >= name.end and
                         _fullmatch_between(_NUMBER_GAP, text, name.end, s.start)), None)
        if numbered:  # "Luật Thủ đô số 39/2024/QH15": the law is the numbered document
            numbered.name = numbered.name or name.name
            numbered.doc_type = numbered.doc_type or name.doc_type
            continue
        kept.append(name)
    kept.sort(key=lambda o: (o.start, -o.end))
    return kept
