"""Names of Vietnamese administrative units: kinds, folded keys, spelling keys, kind prefixes.

Decisions:

* Names are looked up by :func:`name_key`: :func:`fold` (no diacritics, no case, punctuation ->
  one space), so "Hoà Bình" and "Hòa Bình", "Bà Rịa - Vũng Tàu" and "Bà Rịa-Vũng Tàu" are one
  key, plus the spelling variants the sources disagree on ("Phường IV"/"Phường 4",
  "Quý"/"Quí"). Folding also merges real pairs ("Hương Văn", "Hương Vân"), so a name given with
  diacritics prefers units spelled exactly so (:func:`spelling_key`, blind to tone placement).
* Kind words are matched with their diacritics ("Quan Sơn" is a name, "quận" a kind), and
  without them only in text typed with no diacritics at all.
* Keys are pure functions of the name and cached: the gazetteer folds every unit's name when
  it loads, and names repeat across provinces.

Example:
    >>> fold("Bà Rịa - Vũng Tàu"), name_key("Tam Xuân II") == name_key("Tam Xuân 2")
    ('ba ria vung tau', True)
    >>> strip_unit_prefix("TT. Vĩnh Lộc")
    ('Vĩnh Lộc', 'thị trấn')
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Literal

from policykg.loaders.legacy_fonts import TCVN3_TABLE

Level = Literal["province", "district", "commune"]
Era = Literal["legacy", "current"]

#: Every kind of unit, with its level. "thành phố" alone is a provincial city (district level);
#: the five (now six) centrally governed cities are "thành phố trực thuộc trung ương".
KINDS: dict[str, Level] = {
    "tỉnh": "province",
    "thành phố trực thuộc trung ương": "province",
    "huyện": "district",
    "quận": "district",
    "thị xã": "district",
    "thành phố": "district",
    "xã": "commune",
    "phường": "commune",
    "thị trấn": "commune",
    "đặc khu": "commune",
}


#: A kind filter of "thành phố" also accepts the centrally governed cities: a text's
#: "TP Hồ Chí Minh" and "TP Vĩnh Yên" use the same word for both.
KIND_ALIASES: dict[str, frozenset[str]] = {
    "thành phố": frozenset({"thành phố", "thành phố trực thuộc trung ương"}),
}


#: How a kind is written in running text, for finding mentions of a unit.
KIND_MENTIONS: dict[str, tuple[str, ...]] = {
    "tỉnh": ("tỉnh",),
    "thành phố trực thuộc trung ương": ("thành phố", "tp"),
    "huyện": ("huyện",),
    "quận": ("quận",),
    "thị xã": ("thị xã", "tx"),
    "thành phố": ("thành phố", "tp"),
    "xã": ("xã",),
    "phường": ("phường",),
    "thị trấn": ("thị trấn", "tt"),
    "đặc khu": ("đặc khu",),
}


#: Distinct names whose key is kept: every unit's name is keyed when the gazetteer loads, and
#: unit names repeat ("An Bình" names dozens of communes).
NAME_CACHE_NAMES = 32768
#: Distinct words whose spelling key is kept (a few MB at most).
SPELL_CACHE_WORDS = 65536


_NON_WORD = re.compile(r"[\W_]+")  # punctuation, spaces and underscores collapse to one space
_WORD = re.compile(r"[^\W_]+")  # what _NON_WORD leaves between its matches (no space is a letter)


class _MarkDeleter(dict):
    """A str.translate table that deletes combining marks, filled as characters are met."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_DELETE_MARKS = _MarkDeleter()


def _strip_marks(text: str) -> str:
    return unicodedata.normalize("NFKD", text).translate(_DELETE_MARKS)


def fold(name: str) -> str:
    """A diacritic-, case- and punctuation-insensitive key for a name.

    Marks are stripped before and after case folding because case folding can produce new
    decomposable letters (``"ϒ"`` -> ``"Υ"``); the result is then a fixed point, so
    ``fold(fold(x)) == fold(x)`` for any text.

    Examples:
        >>> fold("Sông Lô"), fold("SÔNG LÔ"), fold("Song Lo")
        ('song lo', 'song lo', 'song lo')
        >>> fold("Đắk Lắk"), fold("Bà Rịa - Vũng Tàu"), fold("Hoà Bình") == fold("Hòa Bình")
        ('dak lak', 'ba ria vung tau', True)
    """
    text = _strip_marks(_strip_marks(name).casefold()).replace("đ", "d")
    return _NON_WORD.sub(" ", text).strip()


#: Roman numerals as names write them ("Phường IV" of Vị Thanh, "xã Tam Xuân II"); the sources
#: also write "Phường 4", "Tam Xuân 2". Only upper-case tokens count: "Vi", "vi" are syllables.
_ROMAN = {r: str(n) for n, r in enumerate(
    "I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX".split(), start=1)}


#: Spelling variants that name_key merges, on folded tokens.
_NAME_VARIANTS = re.compile(
    r"""
    \b(?P<cons> [bcdghklmnprstvx]+ | qu ) y \b   # syllable-final y after a consonant: Quý/Quí, Lý/Lí
    | ^(?: n \s t | nt ) \b                       # "NT", "N.T": nông trường (a state-farm town)
    """,
    re.X,
)


def _variant(match: re.Match) -> str:
    return f"{match['cons']}i" if match["cons"] else "nong truong"


@lru_cache(maxsize=NAME_CACHE_NAMES)
def name_key(name: str) -> str:
    """The key the gazetteer indexes names by: :func:`fold`, then spelling variants merged.

    Upper-case Roman numerals become digits; syllable-final "y" after a consonant becomes "i"
    (both spellings are official: "Thuận Quý" and "Thuận Quí"); a leading "NT" is "nông trường";
    spaces are dropped ("EaBar" and "Ea Bar" are one commune).

    Examples:
        >>> name_key("Tam Xuân II") == name_key("Tam Xuân 2"), name_key("Thuận Quí") == name_key("Thuận Quý")
        (True, True)
        >>> name_key("NT Liên Sơn") == name_key("Nông trường Liên Sơn"), name_key("Bạch Long Vĩ")
        (True, 'bachlongvi')
    """
    tokens = [_ROMAN.get(token, token) for token in name.split()]
    folded = _NAME_VARIANTS.sub(_variant, fold(" ".join(tokens)))
    return folded.replace(" ", "")


def spell_words(text: str, *, casefold: bool) -> str:
    """Words of ``text`` as letters plus sorted marks, punctuation dropped (see spelling_key).

    Example: "Hoà" (old tone placement) and "HÒA" spell alike once case-folded::

        >>> spell_words("Hoà Bình", casefold=True) == spell_words("HÒA BÌNH", casefold=True)
        True
    """
    text = unicodedata.normalize("NFC", text)
    return spell_normalized(text.casefold() if casefold else text)


def spell_normalized(text: str) -> str:
    """``spell_words`` of a text already in NFC (and casefolded, if it is to be). The words are
    the runs of letters and digits, the same as splitting where ``_NON_WORD`` is.

    Example: ``spell_normalized("Vĩnh Lộc")`` equals ``spell_words("Vĩnh Lộc", casefold=False)``.
    """
    return " ".join(map(spell_word, _WORD.findall(text)))


#: A word that stands for punctuation in a spelled text (see spell_with_bars).
PART_BAR = "|"
_WORD_OR_BAR = re.compile(r"[^\W_]+|\|")  # the words _WORD finds, and each PART_BAR


def spell_with_bars(text: str) -> str:
    """``spell_normalized(text)``, each PART_BAR kept as a word of its own.

    Example:
        >>> parts = ["Vĩnh Lộc", "xã Vĩnh Thành"]
        >>> spell_with_bars("|".join(parts)) == " | ".join(map(spell_normalized, parts))
        True
    """
    return " ".join(map(spell_word, _WORD_OR_BAR.findall(text)))


@lru_cache(maxsize=SPELL_CACHE_WORDS)
def spell_word(word: str) -> str:
    """One word as letters plus its sorted marks; cached, since a Vietnamese text is made of a
    few thousand distinct syllables and whole documents are spelled for mention search."""
    word = unicodedata.normalize("NFD", word)  # split first: \W would eat the marks
    marks = sorted(ch for ch in word if unicodedata.combining(ch))
    return "".join(ch for ch in word if not unicodedata.combining(ch)) + "".join(marks)


#: The Vietnamese letters beyond ASCII: the 134 of the TCVN3 table, Đ and đ among them.
VIETNAMESE_LETTERS = "".join(sorted(TCVN3_TABLE.values()))

#: Code point ranges a plain text draws on besides the Vietnamese letters: ASCII, Latin-1
#: punctuation and signs, general punctuation (from U+2002: NFC changes U+2000 and U+2001),
#: currency, arrows and mathematical signs, enclosed numbers, box drawing, shapes, dingbats.
PLAIN_RANGES: tuple[tuple[int, int], ...] = (
    (0x00, 0x7F), (0xA0, 0xBF), (0x2002, 0x206F), (0x20A0, 0x20BF), (0x2190, 0x22FF),
    (0x2460, 0x27BF),
)

# A run of plain characters (see PLAIN_RANGES and VIETNAMESE_LETTERS), as long as it goes: a
# text is plain when it is one. Matching the run (possessive: never given back) takes half the
# instructions of searching for a character that is not plain (measured with callgrind).
_PLAIN_RUN = re.compile(
    "[" + "".join(f"{re.escape(chr(low))}-{re.escape(chr(high))}" for low, high in PLAIN_RANGES)
    + re.escape(VIETNAMESE_LETTERS) + "]*+"
)


def folds_as_spelled(text: str) -> bool:
    """Whether ``text`` holds only plain characters, for which case folding and spelling commute.

    Each plain character folds to one character, a letter or digit to a letter or digit and
    nothing else to one, and ``spell_word(c.casefold()) == spell_word(c).casefold()`` (a test
    checks every one). So a plain text, cut into the same words and spelled, gives the case-folded
    spelling of the case-folded text: one ``casefold`` of its spelling instead of a second
    spelling. "İ" (folds to i and a combining dot), "ß" (to "ss") and Greek are not plain.

    Example:
        >>> folds_as_spelled("UBND thị trấn Vĩnh Lộc – “Kế hoạch” ≥ 95%"), folds_as_spelled("İ")
        (True, False)
    """
    return _PLAIN_RUN.match(text).end() == len(text)


def spelling_key(name: str) -> str:
    """A key that keeps diacritics but not where the tone mark sits, nor case or punctuation.

    Folding merges names that differ only by a mark ("Sa Pa" and "Sa Pả", "Hương Văn" and
    "Hương Vân", both real wards of one town); this key separates them, while "Hoà" (old tone
    placement) and "Hòa" (new) stay equal. Each word becomes its letters plus its sorted marks.

    Examples:
        >>> spelling_key("Hoà Bình") == spelling_key("HÒA BÌNH"), spelling_key("Sa Pa") == spelling_key("Sa Pả")
        (True, False)
    """
    return spell_words(name, casefold=True)


#: The kind word that starts a unit's name in a text, matched on the lowercased name. Written
#: with diacritics: "Quan Sơn" and "Xà Phiên" are names, "quận", "xã" are kinds. Abbreviations
#: need a dot ("H. Sông Lô") except the two-letter ones, also written with a space ("TP Vĩnh Yên").
_PREFIX = re.compile(
    r"""
    ^[\s,.;:()]*                                           # stray punctuation before the prefix
    (?:
        (?P<word> thành\s+phố | thị\s+xã | thị\s+trấn | đặc\s+khu   # two-word kinds
                | huyện | quận | tỉnh | phường | xã )          # one-word kinds
        (?:\s*\.\s*|\s+)                                       # then a space (or a stray dot)
      | (?P<abbr2> tp | tx | tt ) (?:\s*\.\s*|\s+)             # TP / TX / TT, dot or space
      | (?P<abbr1> h | q | p | x ) \s*\.\s*                    # H. / Q. / P. / X., dot required
    )
    (?=\S)                                                     # a name must follow
    """,
    re.X,
)


#: The same kind words without diacritics, for text typed without them ("huyen Song Lo").
_PREFIX_ASCII = re.compile(
    r"""
    ^[\s,.;:()]*                                           # stray punctuation before the prefix
    (?:
        (?P<word> thanh\s+pho | thi\s+xa | thi\s+tran | dac\s+khu   # two-word kinds
                | huyen | quan | tinh | phuong | xa )          # one-word kinds
        (?:\s*\.\s*|\s+)                                       # then a space (or a stray dot)
      | (?P<abbr2> tp | tx | tt ) (?:\s*\.\s*|\s+)             # TP / TX / TT, dot or space
      | (?P<abbr1> h | q | p | x ) \s*\.\s*                    # H. / Q. / P. / X., dot required
    )
    (?=\S)                                                     # a name must follow
    """,
    re.X,
)


#: Prefix (as matched, spaces collapsed, or folded for ASCII input) -> canonical kind.
_PREFIX_KINDS: dict[str, str] = {
    "thành phố": "thành phố", "thị xã": "thị xã", "thị trấn": "thị trấn", "đặc khu": "đặc khu",
    "huyện": "huyện", "quận": "quận", "tỉnh": "tỉnh", "phường": "phường", "xã": "xã",
    "thanh pho": "thành phố", "thi xa": "thị xã", "thi tran": "thị trấn", "dac khu": "đặc khu",
    "huyen": "huyện", "quan": "quận", "tinh": "tỉnh", "phuong": "phường", "xa": "xã",
    "tp": "thành phố", "tx": "thị xã", "tt": "thị trấn",
    "h": "huyện", "q": "quận", "p": "phường", "x": "xã",
}


def _lower_same_length(text: str) -> str:
    # str.lower() can lengthen a string ("İ"); offsets into the lowered text must stay valid.
    return "".join(low if len(low := ch.lower()) == 1 else ch for ch in text)


def strip_unit_prefix(text: str) -> tuple[str, str | None]:
    """Split a unit's kind word (or its abbreviation) off its name.

    Returns ``(name, kind)``, with ``kind`` one of :data:`KINDS` or None when there is no prefix.
    "TP" gives "thành phố", which may be a provincial or a centrally governed city. Kind words
    are matched with their diacritics, so names that start like one ("Quan Sơn", "Tịnh Biên")
    keep their first word; only text with no diacritics at all is matched without them, where
    "Quan Son" is read as "quận Son" (resolve_issuer_place then retries the whole name).

    Examples:
        >>> strip_unit_prefix("H. Sông Lô"), strip_unit_prefix("huyện Sông Lô")
        (('Sông Lô', 'huyện'), ('Sông Lô', 'huyện'))
        >>> strip_unit_prefix("TT. Vĩnh Lộc"), strip_unit_prefix("thị trấn Vĩnh Lộc")
        (('Vĩnh Lộc', 'thị trấn'), ('Vĩnh Lộc', 'thị trấn'))
        >>> strip_unit_prefix("TP Vĩnh Yên"), strip_unit_prefix("tỉnh Vĩnh Phúc")
        (('Vĩnh Yên', 'thành phố'), ('Vĩnh Phúc', 'tỉnh'))
        >>> strip_unit_prefix("Quan Sơn")  # a district of Thanh Hóa, not "quận Sơn"
        ('Quan Sơn', None)
    """
    text = unicodedata.normalize("NFC", text)
    lowered = _lower_same_length(text)
    ascii_only = lowered.isascii()
    match = (_PREFIX_ASCII if ascii_only else _PREFIX).match(lowered)
    if match is None:
        return " ".join(text.split()), None
    prefix = " ".join((match["word"] or match["abbr2"] or match["abbr1"]).split())
    return " ".join(text[match.end():].split()), _PREFIX_KINDS[prefix]
