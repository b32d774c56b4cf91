"""What the citation finders share: one occurrence of a cited document, and the words after it.

``cited_symbols.py`` finds numbered documents ("Nghị quyết số 12-NQ/TU"), ``named_documents.py``
documents cited by name ("Luật Đầu tư công", "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII").
Both record each place as an :class:`Occurrence`, read the date that may follow it ("ngày
12/3/2020") and the level of an issuer as written ("của UBND tỉnh" -> province);
``citation_relations.py`` and ``citation_merge.py`` then work on the occurrences.

Example:
    >>> text = "Kế hoạch số 41-KH/TU ngày 22/3/2021 của Tỉnh ủy"
    >>> date_after(text, 20)
    (datetime.date(2021, 3, 22), 35)
    >>> level_of_words("Ban Thường vụ Huyện ủy"), level_of_words("UBND thành phố Hà Nội")
    ('district', 'province')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from policykg.loaders.caseless import CASE_PLAIN_RE
from policykg.loaders.record import Level, Relation
from policykg.loaders.units import CENTRAL_CITIES  # "thành phố X" is a province only for these

#: Dedup keys of documents cited by name: this prefix and ``named_documents.document_name_key``.
NAME_KEY_PREFIX = "name:"
#: implements > based_on > mentions: the strongest relation over all occurrences wins.
RELATION_RANK: dict[str, int] = {"mentions": 0, "based_on": 1, "implements": 2}


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


@dataclass
class Occurrence:
    """One place a document is cited."""

    key: str  # dedup key: normalized symbol, or NAME_KEY_PREFIX + normalized name
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


def date_after(text: str, pos: int) -> tuple[date | None, int]:
    """The date right after a symbol, and where it ends; (None, pos) when there is none.

    Example: in "Kế hoạch số 41-KH/TU ngày 22/3/2021 của Tỉnh ủy", from the end of the symbol:
    ``(date(2021, 3, 22), <the end of "22/3/2021">)``; "ngày 31/2/2020" gives ``(None, <its end>)``.
    """
    m = _DATE.match(text, pos, min(len(text), pos + 60))
    if not m:
        return None, pos
    d, mo, y = (m["d"], m["m"], m["y"]) if m["d"] else (m["d2"], m["m2"], m["y2"])
    try:
        return date(int(y), int(mo), int(d)), m.end()
    except ValueError:  # "ngày 31/2/2020": keep the text's silence rather than repair it
        return None, m.end()


#: Words that give an issuer's level, in order of precedence (lowercase; case-insensitive).
_LEVEL_PATTERNS: list[tuple[str, Level]] = [
    (r"trung\s+ương|bộ\s+chính\s+trị|ban\s+bí\s+thư|chính\s+phủ|thủ\s+tướng|"
     r"quốc\s+hội|^bộ\s|của\s+đảng$|^đảng$", "central"),
    (r"tỉnh|thành\s+ủy|thành\s+uỷ|^sở\s", "province"),
    (r"huyện|quận|thị\s+xã", "district"),
    (r"\bxã\b(?!\s+hội)|phường|thị\s+trấn|đảng\s+ủy|đảng\s+uỷ", "commune"),
]
_CITY_PATTERN = r"thành\s+phố\s+(.+)"
# Each pattern twice: with re.I, and as written for the lowercased words when lowering keeps
# what re.I compares (caseless.py), where every branch opens with a literal letter that the
# regex engine tests at once instead of trying the branch.
_LEVEL_WORDS = [(re.compile(rx, re.I), level) for rx, level in _LEVEL_PATTERNS]
_LEVEL_WORDS_LOWER = [(re.compile(rx), level) for rx, level in _LEVEL_PATTERNS]
_CITY = re.compile(_CITY_PATTERN, re.I)
_CITY_LOWER = re.compile(_CITY_PATTERN)


def level_of_words(words: str | None, ctx: CitationContext | None = None) -> Level | None:
    """Level of an issuer as written: 'UBND tỉnh' province, 'Ban Thường vụ Huyện ủy' district."""
    if not words:
        return None
    if CASE_PLAIN_RE.fullmatch(words):
        words, city_rx, level_words = words.lower(), _CITY_LOWER, _LEVEL_WORDS_LOWER
    else:
        city_rx, level_words = _CITY, _LEVEL_WORDS
    city = city_rx.search(words)
    if city:
        return "province" if city[1].strip().lower().startswith(CENTRAL_CITIES) else "district"
    for rx, level in level_words:
        if rx.search(words):
            return level
    if ctx:
        low = words.lower()
        for name, level in ((ctx.commune, "commune"), (ctx.district, "district"),
                            (ctx.province, "province")):
            if name and name.lower() in low:
                return level  # type: ignore[return-value]
    return None


def collapse_spaces(s: str) -> str:
    """Collapse whitespace (hard line wraps) into single spaces.

    ``str.split`` cuts at the characters ``\\s`` matches, so this is ``re.sub(r"\\s+", " ",
    s).strip()`` without a match object per space.

    Example: ``"Pháp lệnh Ưu\\nđãi  Người có công "`` -> ``"Pháp lệnh Ưu đãi Người có công"``.
    """
    return " ".join(s.split())


def fullmatch_between(
    rx: re.Pattern[str], text: str, start: int, end: int
) -> re.Match[str] | None:
    """``rx.fullmatch(text[start:end])`` without copying the slice, which may be long (the gap
    since a drafted document, or up to a later symbol). Only for patterns without lookbehind,
    ``\\b`` or anchors, which would read outside the range."""
    return rx.fullmatch(text, start, end) if start <= end else rx.fullmatch("")
