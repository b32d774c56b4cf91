"""Agency lists: "Phòng Tài chính - Kế hoạch, Phòng Nội vụ và UBND các xã, thị trấn" into agencies.

A list is split at ``,``, ``;``, ``và`` and ``cùng`` only where the next piece starts a new
agency (an agency-head word such as Sở, Phòng, UBND, Hội, or ``các`` + a body word). A bare
collective word continues the list it belongs to (``các sở, ban, ngành``, ``UBND các xã, thị
trấn``) and anything else continues the name (``Sở Văn hóa, Thể thao và Du lịch``). Known
compound names are protected outright.

Example:
    >>> split_agencies("Phòng Tài chính - Kế hoạch, Phòng Nội vụ và UBND các xã, thị trấn")
    ['Phòng Tài chính - Kế hoạch', 'Phòng Nội vụ', 'UBND các xã, thị trấn']
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from policykg.loaders.assignment_patterns import (
    SUBJECT_OPENERS,
    SUBJECT_SHORT_OPENERS,
    TITLE,
    match_subject_start,
)
from policykg.loaders.caseless import CASE_PLAIN_RE

# Separators inside an agency list.
_SEPARATOR = re.compile(r"\s*[,;]\s*|\s+(?:và|cùng)\s+")
# Collective words that continue the list before them ("các sở, ban, ngành", "các xã, thị trấn"),
# with their family: a place word never continues a list of departments.
_ORG_WORDS = r"sở|bộ|ban\s+ngành|ban|ngành|phòng|đoàn\s+thể|cơ\s+quan|đơn\s+vị|hội|đoàn|tổ\s+chức"
_PLACE_WORDS = r"xã|phường|đặc\s+khu|thị\s+trấn|thị\s+xã|thành\s+phố|huyện|tỉnh|quận|thôn|khu\s+phố"
# The press, named together as one collective ("báo, đài"): a family of its own, so that "báo"
# after a list of localities starts a new agency and "đài" after it continues it.
_PRESS_WORDS = r"báo|đài"
# Words after a collective that narrow it and stay with it. The level a collective belongs to
# ("các sở, ban, ngành, đoàn thể Thành phố", "các bộ, ngành Trung ương") is one of them: a fixed
# group of a city's or the centre's bodies, never a new agency.
_QUALIFIERS = r"""(?: \s+(?:có\s+)?liên\s+quan | \s+khác | \s+trực\s+thuộc | \s+thuộc\s+\w+
    | \s+trong\s+\w+ | \s+huyện | \s+tỉnh | \s+chức\s+năng | \s+chuyên\s+môn
    | \s+cấp\s+(?:thành\s+phố|trung\s+ương|thị\s+xã|\w+)
    | \s+thành\s+phố | \s+trung\s+ương | \s+quận | \s+thị\s+xã
    | \s+chính\s+trị\s*-?\s*xã\s+hội )*"""
_BARE_ORG = rf"(?:{_ORG_WORDS}){_QUALIFIERS}"
_BARE_PLACE = rf"(?:{_PLACE_WORDS}){_QUALIFIERS}"
_BARE_PRESS = rf"(?:{_PRESS_WORDS}){_QUALIFIERS}"
_FAMILY_WORD = rf"""(?<!\w)(?: (?P<org>{_ORG_WORDS})       # departments
                             | (?P<place>{_PLACE_WORDS})   # localities
                             | (?P<press>{_PRESS_WORDS}) )(?!\w)  # or the press"""
# A list cannot open with a bare collective ("ban, ngành, UBND …" is the tail of "các sở, …").
BARE_FIRST_RE = re.compile(rf"(?:{_ORG_WORDS}|{_PLACE_WORDS})\s*(?:,|;|\s(?:và|cùng)\s)", re.I)
# Body words that start a new agency even without "các" ("các địa phương, đơn vị").
_GENERIC_START = r"(?: đơn\s+vị | địa\s+phương | bộ\s+phận | công\s+chức | cơ\s+quan )(?!\w)"
# The patterns a piece is read with, for a lowercased list where lowering keeps what re.I compares
# (caseless.py): without re.I each word opens with a literal letter, which the regex engine tests
# at once instead of trying the word.
_BARE_ORG_LOWER = re.compile(_BARE_ORG, re.X)
_BARE_PLACE_LOWER = re.compile(_BARE_PLACE, re.X)
_BARE_PRESS_LOWER = re.compile(_BARE_PRESS, re.X)
_FAMILY_WORD_LOWER = re.compile(_FAMILY_WORD, re.X)
_BARE_TITLE_LOWER = re.compile(TITLE.lower())
_GENERIC_START_LOWER = re.compile(_GENERIC_START, re.X)

#: Agency names with an internal "và" or comma that must never be split. Matched anywhere in
#: a list (case-insensitive, any whitespace), so "Phòng LĐTB&XH" style abbreviations need none.
KNOWN_COMPOUND_NAMES: tuple[str, ...] = (
    "Lao động - Thương binh và Xã hội",
    "Lao động – Thương binh và Xã hội",
    "Lao động Thương binh và Xã hội",
    "Kế hoạch và Đầu tư",
    "Giáo dục và Đào tạo",
    "Tài nguyên và Môi trường",
    "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp và Môi trường",
    "Khoa học và Công nghệ",
    "Thông tin và Truyền thông",
    "Văn hóa, Thể thao và Du lịch",
    "Văn hoá, Thể thao và Du lịch",
    "Văn hóa, Thông tin, Thể thao và Du lịch",
    "Văn hóa, Khoa học và Thông tin",
    "Văn hóa và Thông tin",
    "Văn hóa, Thông tin",
    "Văn hóa – Thông tin và Thể thao",
    "Văn hóa - Thông tin và Thể thao",
    "Văn hóa, Thể thao",
    "Kinh tế và Hạ tầng",
    "Dân tộc và Tôn giáo",
    "Tuyên giáo và Dân vận",
    "Tổ chức và Nội vụ",
    "Đoàn đại biểu Quốc hội và Hội đồng nhân dân",
    "Đoàn ĐBQH và HĐND",
    "HĐND và UBND",
    "Hội đồng nhân dân và Ủy ban nhân dân",
    "Hội đồng nhân dân - Ủy ban nhân dân",
    "Huyện ủy, HĐND, UBND",
    "Phát thanh và Truyền hình",
    "Phát thanh - Truyền hình",
)
_COMPOUND = "|".join(r"\s+".join(map(re.escape, name.split())) for name in KNOWN_COMPOUND_NAMES)

TRIM_CHARS = " \t\r\n,;:.*_-–"
#: Distinct agency lists whose split is remembered (each a few hundred characters at most).
SPLIT_CACHE_SIZE = 4096
_DANGLING_HEAD = re.compile(r"(?:và|cùng|với)\s+", re.I)
_DANGLING_TAIL = re.compile(r"\s+(?:và|cùng|với)$", re.I)
#: The characters _DANGLING_TAIL's words can end with under re.I ("à", "g", "i", with "İ", "ı").
DANGLING_LAST = frozenset("àÀgGiIİı")
#: _COMPOUND on a lowercased list (re.I there is lowercase equality, see policykg.loaders.caseless);
#: every branch opens with its letter, so CPython skips to those letters.
_COMPOUND_LOWER = re.compile(_COMPOUND.lower())


class _CaselessForms(NamedTuple):
    """The patterns above with re.I, for a list that lowering would change."""

    bare_org: re.Pattern[str]
    bare_place: re.Pattern[str]
    bare_press: re.Pattern[str]
    generic_start: re.Pattern[str]
    bare_title: re.Pattern[str]
    family_word: re.Pattern[str]
    compound: re.Pattern[str]


@functools.cache
def _caseless() -> _CaselessForms:
    """The re.I forms, compiled on first use: lists that lowering would change ("İ", "ẞ") are
    rare, and compiling these forms up front was ~1 % of every ``policykg extract``'s start-up."""
    return _CaselessForms(
        re.compile(_BARE_ORG, re.X | re.I), re.compile(_BARE_PLACE, re.X | re.I),
        re.compile(_BARE_PRESS, re.X | re.I), re.compile(_GENERIC_START, re.X | re.I),
        re.compile(TITLE, re.I), re.compile(_FAMILY_WORD, re.X | re.I),
        re.compile(_COMPOUND, re.I))


def split_agencies(phrase: str) -> list[str]:
    """Split a coordinated agency list into agencies, keeping compound names whole.

    Example:
        >>> split_agencies("Phòng Tài chính - Kế hoạch, Phòng Nội vụ và UBND các xã, thị trấn")
        ['Phòng Tài chính - Kế hoạch', 'Phòng Nội vụ', 'UBND các xã, thị trấn']
        >>> split_agencies("Sở Lao động - Thương binh và Xã hội")
        ['Sở Lao động - Thương binh và Xã hội']
    """
    return [phrase[s:e] for s, e in split_agency_list(phrase, 0, len(phrase))]


def split_agency_list(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Agency ranges in the list ``text[start:end]``.

    A piece after a separator starts a new agency when it opens with an agency head or
    "các"/a body word; a bare collective of the previous agency's family continues it
    ("UBND các xã, thị trấn"); anything else continues the name ("Sở Văn hóa, Thể thao …").
    """
    paren = text.find("(", start, end)
    if paren > start:  # "Sở Nội vụ (Cơ quan thường trực …)": the parenthesis describes it
        end = paren
    return [(start + s, start + e) for s, e in _split_phrase(text[start:end])]


@functools.lru_cache(maxsize=SPLIT_CACHE_SIZE)
def _split_phrase(phrase: str) -> tuple[tuple[int, int], ...]:
    """:func:`split_agency_list` of a whole list, offsets in it, remembered.

    No step of the split reads outside the list (the separator, compound and dangling-word
    patterns look neither behind its start nor past its end), so the same words split the same
    way wherever they stand; and a document repeats its lists sentence after sentence ("các cơ
    quan, đơn vị có liên quan", "UBND các xã, thị trấn").
    """
    return tuple(_split_words(_Words.of(phrase, 0, len(phrase)), len(phrase)))


def _split_words(words: _Words, end: int) -> list[tuple[int, int]]:
    """``split_agency_list`` of ``words`` (the list, lowercased or not) up to ``end``."""
    text, start = words.text, words.start
    separators = list(_SEPARATOR.finditer(text, start, end))
    # Compound names only keep separators inside them: without one, they need not be looked for.
    protected = _find_compounds(words, end) if separators else []
    agencies: list[list[int]] = []
    cursor = start
    for sep in separators:
        if protected and any(a <= sep.start() < b for a, b in protected):
            continue
        _add_piece(words, agencies, cursor, sep.start())
        cursor = sep.end()
    _add_piece(words, agencies, cursor, end)
    merged = _merge_bare_titles(words, agencies)
    return [span for span in (_trim(text, s, e) for s, e in merged) if span[1] > span[0]]


class _Words(NamedTuple):
    """A list being split: the text, where the list starts, and the list lowercased (or None)."""

    text: str
    start: int
    low: str | None

    @classmethod
    def of(cls, text: str, start: int, end: int) -> _Words:
        """The list ``text[start:end]``, lowercased once when lowering keeps offsets and what re.I
        compares (caseless.py)."""
        part = text[start:end]
        return cls(text, start, part.lower() if CASE_PLAIN_RE.fullmatch(part) else None)

    def read(self, start: int, end: int) -> str:
        """``text[start:end]``, lowercased when the list was."""
        if self.low is None:
            return self.text[start:end]
        return self.low[start - self.start:end - self.start]


def _find_compounds(words: _Words, end: int) -> list[tuple[int, int]]:
    """Spans of ``_COMPOUND.finditer(text, start, end)``, found on the lowercased list if plain."""
    start = words.start
    if words.low is not None:
        return [(start + m.start(), start + m.end()) for m in _COMPOUND_LOWER.finditer(words.low)]
    return [(m.start(), m.end()) for m in _caseless().compound.finditer(words.text, start, end)]


def _add_piece(words: _Words, agencies: list[list[int]], start: int, end: int) -> None:
    piece = words.read(start, end).strip(TRIM_CHARS)
    if not piece:
        return
    if not agencies:
        agencies.append([start, end])
        return
    previous = words.read(agencies[-1][0], agencies[-1][1])
    if _continues(piece, previous, words, start, end):
        agencies[-1][1] = end
    else:
        agencies.append([start, end])


def _continues(piece: str, previous: str, words: _Words, start: int, end: int) -> bool:
    """Whether ``piece`` (``text[start:end]`` without edge punctuation, after a separator) belongs
    to the agency before it. Both are lowercased when the list was."""
    lowered = words.low is not None
    if lowered:
        bare_org, bare_place, bare_press, generic, bare_title = (
            _BARE_ORG_LOWER, _BARE_PLACE_LOWER, _BARE_PRESS_LOWER, _GENERIC_START_LOWER,
            _BARE_TITLE_LOWER)
    else:
        bare_org, bare_place, bare_press, generic, bare_title = _caseless()[:5]
    for family, bare in (("org", bare_org), ("place", bare_place), ("press", bare_press)):
        if bare.fullmatch(piece):
            return _last_family(previous, lowered) == family
    if generic.match(piece) or bare_title.match(piece):
        return False  # a body word or a person title opens a new agency ("Thủ trưởng cơ quan …")
    # SUBJECT_START_RE keeps some words case-sensitive: it reads the piece as written, unless a
    # lowercased piece lacks the first letters of every agency (most pieces do).
    if lowered and piece[:3] not in SUBJECT_OPENERS and piece[:2] not in SUBJECT_SHORT_OPENERS:
        return True
    written = words.text[start:end].strip(TRIM_CHARS)
    return not match_subject_start(written, 0, len(written))


def _last_family(previous: str, lowered: bool = False) -> str | None:
    """Family ("org", "place" or "press") of the last collective word of an agency, or None."""
    pattern = _FAMILY_WORD_LOWER if lowered else _caseless().family_word
    family = None
    for m in pattern.finditer(previous):
        family = m.lastgroup
    return family


def _merge_bare_titles(words: _Words, agencies: list[list[int]]) -> list[tuple[int, int]]:
    """Join a bare title to the agency after it: "Giám đốc, Thủ trưởng các sở, ban, ngành"."""
    bare_title = _BARE_TITLE_LOWER if words.low is not None else _caseless().bare_title
    out: list[tuple[int, int]] = []
    pending: int | None = None
    for start, end in agencies:
        if bare_title.fullmatch(words.read(start, end).strip(TRIM_CHARS)):
            pending = start if pending is None else pending
            continue
        out.append((pending if pending is not None else start, end))
        pending = None
    if pending is not None:
        out.append((pending, agencies[-1][1]))
    return out


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past punctuation, markdown and a dangling "và"/"cùng"/"với"."""
    while start < end and text[start] in TRIM_CHARS:
        start += 1
    while end > start and text[end - 1] in TRIM_CHARS:
        end -= 1
    head = _DANGLING_HEAD.match(text, start, end)  # "và UBND …" after a dropped piece
    if head:
        return _trim(text, head.end(), end)
    tail = _DANGLING_TAIL.search(text, start, end) if text[end - 1:end] in DANGLING_LAST else None
    # "các bộ, ngành và" before a verb
    if tail:
        return _trim(text, start, tail.start())
    return start, end
