"""Vietnamese administrative places: fold names, find units, resolve a document's issuing unit.

The gazetteer (``loaders/gazetteer.json``, rebuilt by ``scripts/build_gazetteer.py`` from the
sources in ``data/sources``) holds two eras of units:

* **legacy** - 63 provinces, ~700 districts, ~10,000 communes, as of 2025-03-01, treated as valid
  until 2025-06-30. It is a snapshot: a commune merged away in 2019 (xã Vĩnh Thành, Thanh Hóa) is
  not in it, and a unit is taken as valid on any earlier date, which is only approximately true.
* **current** - 34 provinces and ~3,300 communes, valid from 2025-07-01 (no district level).

plus succession links legacy -> current (communes, districts, provinces). Units are identified by
``"<era>:<GSO code>"`` (``"legacy:00001"``, ``"current:00004"``): GSO codes are reused across the
eras for different places, and within an era the code length (2, 3, 5 digits) tells the level.

Decisions:

* Names are looked up by :func:`name_key`: :func:`fold` (no diacritics, no case, punctuation ->
  one space), so "Hoà Bình" and "Hòa Bình", "Bà Rịa - Vũng Tàu" and "Bà Rịa-Vũng Tàu" are one
  key, plus the spelling variants the sources disagree on ("Phường IV"/"Phường 4",
  "Quý"/"Quí"). Folding also merges real pairs ("Hương Văn", "Hương Vân"), so a name given with
  diacritics prefers units spelled exactly so (:func:`spelling_key`, blind to tone placement).
* Mentions in a text are matched with diacritics, a capitalized name and a kind word
  ("xã Vĩnh Thành"); folded matching finds phường An Đôn in "phương án đơn giản".
* Place names repeat (there are two thị trấn Vĩnh Lộc). :func:`resolve_issuer_place` never
  forces a choice: it scores the evidence the text gives for each candidate (named units around
  it, and a few curated anchors such as landmarks and former communes that the gazetteer cannot
  know), picks a unit only when one candidate clearly leads, and otherwise returns the candidates
  and says why it is unsure.
* This module is pure: the data file is read once per process (``importlib.resources``) and
  cached; nothing here writes or talks to the network.

Example:
    >>> [u.province_name for u in find_units("Vĩnh Lộc", kind="thị trấn")]
    ['Tuyên Quang', 'Thanh Hóa']
    >>> sorted({u.province_name for u in successors(find_units("Sông Lô", level="district")[0])})
    ['Phú Thọ']
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from typing import Literal

Level = Literal["province", "district", "commune"]
Era = Literal["legacy", "current"]

#: Name of the packaged data file, next to this module.
GAZETTEER_FILE = "gazetteer.json"
#: Format version of the data file; bump in the build script and here together.
GAZETTEER_VERSION = 1

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

# Evidence weights for resolve_issuer_place. A unit counts once however often it is named
# (sample 002 repeats its whole text), and only with its kind word ("xã Vĩnh Thành", not a bare
# "Vĩnh Thành", which is as often a school or a person). Mentions compare with diacritics and
# a capitalized name: folded, "phương án đơn giản" would name phường An Đôn, "quan tâm" a quận.
#: The candidate's own district or province is named ("huyện Vĩnh Lộc", "tỉnh Thanh Hóa").
EVIDENCE_ANCESTOR = 3
#: A unit next to the candidate is named: a sibling commune of the same district, or a child.
EVIDENCE_NEIGHBOUR = 2
#: Another district of the candidate's province is named.
EVIDENCE_SAME_PROVINCE = 1
#: A curated anchor (landmark, former commune) lying in the candidate's district.
EVIDENCE_ANCHOR_LOCAL = 2
#: A curated anchor lying in the candidate's province (a river, a provincial resolution).
EVIDENCE_ANCHOR_PROVINCE = 1
#: The last day of the legacy units; the reform took effect the next day.
LAST_LEGACY_DAY = date(2025, 6, 30)
#: The leading candidate needs at least this score ...
MIN_WINNING_SCORE = 2
#: ... and at least this lead over the runner-up; otherwise the resolution is not confident.
MIN_WINNING_MARGIN = 2


@dataclass(frozen=True)
class Anchor:
    """A phrase that places a text without being a current or legacy unit name.

    The gazetteer is a 2025 snapshot; older texts name communes merged away since, and
    landmarks and rivers. Each anchor points to a legacy province and optionally a district.
    Add one only with a source that places it; keep the list short and checked by tests.
    """

    phrase: str  # as written in texts; compared by spelling_key (marks kept, case ignored)
    what: str  # what it is and why it places a text, shown in the reason
    province: str  # legacy province name
    district: str | None = None  # legacy district name, when the anchor is that local


#: Curated anchors; so far only for the one ambiguity of the bundled samples (sample 002).
#: Sources: Resolution 786/NQ-UBTVQH14 (16/10/2019) merged xã Vĩnh Thành into
#: thị trấn Vĩnh Lộc (huyện Vĩnh Lộc, Thanh Hóa); the Citadel of the Hồ Dynasty (Thành nhà Hồ,
#: UNESCO 2011) lies in huyện Vĩnh Lộc; the Mã river crosses Sơn La and Thanh Hóa.
ANCHORS: tuple[Anchor, ...] = (
    Anchor("Vĩnh Thành", "former xã Vĩnh Thành, merged into thị trấn Vĩnh Lộc in 2019",
           "Thanh Hóa", "Vĩnh Lộc"),
    Anchor("Thành nhà Hồ", "the Hồ Dynasty citadel, in huyện Vĩnh Lộc", "Thanh Hóa", "Vĩnh Lộc"),
    Anchor("786/NQ-UBTVQH14", "the 2019 resolution on Thanh Hóa's district and commune units",
           "Thanh Hóa"),
    Anchor("sông Mã", "the Mã river, which crosses Sơn La and Thanh Hóa", "Thanh Hóa"),
    Anchor("sông Mã", "the Mã river, which crosses Sơn La and Thanh Hóa", "Sơn La"),
)


# --------------------------------------------------------------------------------------------
# Names


#: Distinct words whose spelling key is kept (a few MB at most).
SPELL_CACHE_WORDS = 65536
_NON_WORD = re.compile(r"[\W_]+")  # punctuation, spaces and underscores collapse to one space


def _strip_marks(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


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


def _spell(text: str, *, casefold: bool) -> str:
    """Words of ``text`` as letters plus sorted marks, punctuation dropped (see spelling_key)."""
    text = unicodedata.normalize("NFC", text)
    return " ".join(map(_spell_word, _NON_WORD.sub(" ", text.casefold() if casefold else text).split()))


@lru_cache(maxsize=SPELL_CACHE_WORDS)
def _spell_word(word: str) -> str:
    """One word as letters plus its sorted marks; cached, since a Vietnamese text is made of a
    few thousand distinct syllables and whole documents are spelled for mention search."""
    word = unicodedata.normalize("NFD", word)  # split first: \W would eat the marks
    marks = sorted(ch for ch in word if unicodedata.combining(ch))
    return "".join(ch for ch in word if not unicodedata.combining(ch)) + "".join(marks)


def spelling_key(name: str) -> str:
    """A key that keeps diacritics but not where the tone mark sits, nor case or punctuation.

    Folding merges names that differ only by a mark ("Sa Pa" and "Sa Pả", "Hương Văn" and
    "Hương Vân", both real wards of one town); this key separates them, while "Hoà" (old tone
    placement) and "Hòa" (new) stay equal. Each word becomes its letters plus its sorted marks.

    Examples:
        >>> spelling_key("Hoà Bình") == spelling_key("HÒA BÌNH"), spelling_key("Sa Pa") == spelling_key("Sa Pả")
        (True, False)
    """
    return _spell(name, casefold=True)


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


# --------------------------------------------------------------------------------------------
# Units and the data file


@dataclass(frozen=True, slots=True)
class Unit:
    """One administrative unit of one era.

    ``district_name`` and ``province_name`` are filled for convenience ("" when not applicable:
    a province has no province above it, current communes have no district).
    """

    id: str  # "legacy:00001", "current:00004"
    code: str  # GSO code: 2 digits province, 3 district, 5 commune
    name: str  # "Sông Lô"
    kind: str  # one of KINDS: "huyện"
    level: Level
    era: Era
    parent_id: str | None
    valid_from: date | None  # None: unknown (before the snapshot)
    valid_to: date | None  # None: still valid
    district_name: str = ""
    province_name: str = ""

    @property
    def full_name(self) -> str:
        """Kind and name, as Vietnamese writes them: "huyện Sông Lô"."""
        return f"{self.kind} {self.name}"

    def valid_on(self, day: date) -> bool:
        """Whether the unit existed on ``day`` (per its era's validity)."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


@dataclass(frozen=True)
class _Gazetteer:
    units: dict[str, Unit]
    by_key: dict[str, tuple[str, ...]]  # name_key(name) -> unit ids, in file order
    children: dict[str, tuple[str, ...]]  # unit id -> child unit ids
    succession: dict[str, tuple[str, ...]]  # legacy id -> current ids
    meta: dict = field(repr=False)


def _parse_day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _era_units(data: dict, era: Era) -> Iterable[Unit]:
    """The units of one era, parents before children (the file lists them so)."""
    kinds = data["kinds"]
    validity = data["eras"][era]
    valid_from, valid_to = _parse_day(validity["from"]), _parse_day(validity["to"])
    names: dict[str, Unit] = {}
    for code, name, kind_index, parent in data[era]:
        kind = kinds[kind_index]
        up = names.get(parent) if parent else None
        district = up.name if up and up.level == "district" else (up.district_name if up else "")
        province = (up.name if up.level == "province" else up.province_name) if up else ""
        unit = Unit(f"{era}:{code}", code, name, kind, KINDS[kind], era,
                    f"{era}:{parent}" if parent else None, valid_from, valid_to, district, province)
        names[code] = unit
        yield unit


@cache
def _gazetteer() -> _Gazetteer:
    """Load the packaged data file once per process."""
    raw = resources.files(__package__).joinpath(GAZETTEER_FILE).read_bytes()
    data = json.loads(raw)
    if data.get("version") != GAZETTEER_VERSION:
        raise RuntimeError(f"{GAZETTEER_FILE} has version {data.get('version')}, expected "
                           f"{GAZETTEER_VERSION}; run scripts/build_gazetteer.py")
    units: dict[str, Unit] = {}
    by_key: dict[str, list[str]] = {}
    children: dict[str, list[str]] = {}
    for era in ("legacy", "current"):
        for unit in _era_units(data, era):
            units[unit.id] = unit
            by_key.setdefault(name_key(unit.name), []).append(unit.id)
            if unit.parent_id:
                children.setdefault(unit.parent_id, []).append(unit.id)
    succession = {f"legacy:{old}": tuple(f"current:{new}" for new in news)
                  for old, news in data["succession"].items()}
    return _Gazetteer(units, {k: tuple(v) for k, v in by_key.items()},
                      {k: tuple(v) for k, v in children.items()}, succession, data["meta"])


def gazetteer_meta() -> dict:
    """The data file's metadata: sources, build counts, validity of the eras."""
    return _gazetteer().meta


def get_unit(unit_id: str) -> Unit:
    """The unit with this id ("legacy:00001"); KeyError if none."""
    return _gazetteer().units[unit_id]


def all_units(*, era: Era | None = None, level: Level | None = None) -> list[Unit]:
    """Every unit, optionally of one era and one level, in file order (by level, then code)."""
    return [u for u in _gazetteer().units.values()
            if (era is None or u.era == era) and (level is None or u.level == level)]


def ancestors(unit: Unit) -> list[Unit]:
    """The units above ``unit``, nearest first: [district, province] for a legacy commune."""
    found: list[Unit] = []
    while unit.parent_id:
        unit = get_unit(unit.parent_id)
        found.append(unit)
    return found


def children(unit: Unit) -> list[Unit]:
    """The units directly below ``unit``, by code."""
    return [get_unit(i) for i in _gazetteer().children.get(unit.id, ())]


def successors(unit: Unit) -> list[Unit]:
    """The current units a legacy unit passed into on 2025-07-01, by code.

    A commune's successors are the new communes that took (part of) its territory; a district's
    are the union of its communes'; a province's is the new province. Empty for a current unit,
    and for the few legacy units the sources do not link (see the build report).

    Example:
        >>> [u.province_name for u in successors(find_units("Cầu Ngang", level="district")[0])][:1]
        ['Vĩnh Long']
    """
    return [get_unit(i) for i in _gazetteer().succession.get(unit.id, ())]


# --------------------------------------------------------------------------------------------
# Finding units


def _kind_matches(unit_kind: str, wanted: str) -> bool:
    return unit_kind in KIND_ALIASES.get(wanted, frozenset({wanted}))


def _within(unit: Unit, scope: Unit | str) -> bool:
    """Whether ``scope`` (a unit, a GSO code, or a name such as "tỉnh Thanh Hóa") is above ``unit``."""
    above = ancestors(unit)
    if isinstance(scope, Unit):
        return any(a.id == scope.id for a in above)
    if scope.strip().isdigit():
        return any(a.code == scope.strip() for a in above)
    name, kind = strip_unit_prefix(scope)
    key = name_key(name)
    return any(name_key(a.name) == key and (kind is None or _kind_matches(a.kind, kind)) for a in above)


def find_units(name: str, *, level: Level | None = None, kind: str | None = None,
               on: date | None = None, within: Unit | str | None = None) -> list[Unit]:
    """Units named ``name``, filtered; by era (legacy first), level, code.

    Names compare by :func:`name_key` (no diacritics, no case). When ``name`` has diacritics and
    some matches are spelled exactly so (:func:`spelling_key`), only those are kept: "Hương Văn"
    finds phường Hương Văn, not also phường Hương Vân; "Huong Van" without marks finds both.
    ``name`` is a bare name: strip its kind word first with :func:`strip_unit_prefix`.

    Args:
        name: "Sông Lô", "Song Lo", "SÔNG LÔ".
        level: "province", "district" or "commune".
        kind: one of :data:`KINDS`; "thành phố" also matches centrally governed cities.
        on: keep units valid on this date (legacy until 2025-06-30, current from 2025-07-01).
        within: an ancestor: a Unit, a GSO code ("26"), or a name ("Vĩnh Phúc", "tỉnh Vĩnh Phúc").

    Examples:
        >>> [u.id for u in find_units("Sông Lô", level="district")]
        ['legacy:253']
        >>> [u.district_name for u in find_units("Vĩnh Lộc", kind="thị trấn", within="Thanh Hóa")]
        ['Vĩnh Lộc']
    """
    ids = _gazetteer().by_key.get(name_key(name), ())
    found = [
        u for u in map(get_unit, ids)
        if (level is None or u.level == level)
        and (kind is None or _kind_matches(u.kind, kind))
        and (on is None or u.valid_on(on))
        and (within is None or _within(u, within))
    ]
    if not name.isascii():
        spelled = spelling_key(name)
        exact = [u for u in found if spelling_key(u.name) == spelled]
        found = exact or found  # a misspelt mark should not lose the place
    return found


# --------------------------------------------------------------------------------------------
# Resolving a document's issuing unit


@dataclass(frozen=True)
class Candidate:
    """A unit the issuer's name could denote, with the evidence the text gives for it."""

    unit: Unit
    score: int = 0
    evidence: tuple[str, ...] = ()  # human-readable, e.g. "names huyện Vĩnh Lộc (+3)"


@dataclass(frozen=True)
class PlaceResolution:
    """The issuing unit of a document, or the candidates and why none was chosen.

    ``unit`` is None when nothing matched or when the evidence does not single one out;
    ``candidates`` always lists every match, best first.
    """

    unit: Unit | None
    district: str | None
    province: str | None
    candidates: tuple[Candidate, ...]
    reason: str
    confident: bool


#: Punctuation a mention cannot span: "các xã, phường. Trung tâm …" names no "phường Trung Tâm".
#: A dot counts only where it ends a sentence, not after "TP." or "TT." or inside "N.T".
_BARRIER = re.compile(
    r"""
    [,;:!?()\[\]{}"“”‘’…|]+                   # clause punctuation
    | (?<!\b\w)(?<!\b\w\w) \. (?=\s|$)          # a full stop, not after a one- or two-letter word
    """,
    re.X,
)


@dataclass(frozen=True)
class _Text:
    """A text prepared for mention search: space-padded, with " | " where punctuation was."""

    cased: str  # case kept: unit mentions need a capitalized name ("xã Trung Tâm", not "trung tâm")
    folded: str  # casefolded: anchors are distinctive enough in any case

    @classmethod
    def of(cls, text: str) -> _Text:
        parts = _BARRIER.split(text)
        return cls(" " + " | ".join(_spell(p, casefold=False) for p in parts) + " ",
                   " " + " | ".join(_spell(p, casefold=True) for p in parts) + " ")


@cache
def _mentions(unit: Unit) -> tuple[str, ...]:
    """How a text names the unit: kind word (lower, Capitalized or UPPER) then name (as is or UPPER)."""
    found = []
    for word in KIND_MENTIONS[unit.kind]:
        for kind_word in (word, word.capitalize(), word.upper()):
            for name in (unit.name, unit.name.upper()):
                found.append(f" {_spell(kind_word, casefold=False)} {_spell(name, casefold=False)} ")
    return tuple(dict.fromkeys(found))


def _named(unit: Unit, text: _Text) -> bool:
    """Whether ``text`` names ``unit``, as a whole name: "xã Đông" is not in "xã Đông Anh"."""
    for mention in _mentions(unit):
        at = text.cased.find(mention)
        while at >= 0:
            after = text.cased[at + len(mention):at + len(mention) + 1]
            # A capitalized word after it continues the name, except in an all-caps header.
            if not after.isupper() or mention.isupper():
                return True
            at = text.cased.find(mention, at + 1)
    return False


def _neighbourhood(unit: Unit) -> list[tuple[Unit, int]]:
    """Units whose mention in a text points to ``unit``, with their weight, nearest first."""
    above = ancestors(unit)
    near = [(a, EVIDENCE_ANCESTOR) for a in above]
    near += [(c, EVIDENCE_NEIGHBOUR) for c in children(unit)]
    if above:
        # Siblings in a district are neighbours; siblings in a whole province are only its own.
        weight = EVIDENCE_NEIGHBOUR if above[0].level == "district" else EVIDENCE_SAME_PROVINCE
        near += [(s, weight) for s in children(above[0]) if s.id != unit.id]
    if len(above) == 2:  # a legacy commune: the other districts of its province
        near += [(d, EVIDENCE_SAME_PROVINCE) for d in children(above[1]) if d.id != above[0].id]
    return near


@cache
def _anchor_places() -> tuple[tuple[Anchor, frozenset[str], int], ...]:
    """Each anchor with the ids of the units it places a text in, and its weight.

    An anchor names a legacy unit; its current successors count too, so an anchor also helps
    with a text dated after the reform.
    """
    placed = []
    for anchor in ANCHORS:
        province = find_units(anchor.province, level="province", on=LAST_LEGACY_DAY)[0]
        place, weight = province, EVIDENCE_ANCHOR_PROVINCE
        if anchor.district is not None:
            place = find_units(anchor.district, level="district", within=province)[0]
            weight = EVIDENCE_ANCHOR_LOCAL
        ids = frozenset({place.id} | {u.id for u in successors(place)})
        placed.append((anchor, ids, weight))
    return tuple(placed)


def _describe(unit: Unit) -> str:
    """ "thị trấn Vĩnh Lộc (huyện Vĩnh Lộc, Thanh Hóa; legacy:15349)"."""
    above = ", ".join(a.full_name if a.level == "district" else a.name for a in ancestors(unit))
    return f"{unit.full_name} ({above + '; ' if above else ''}{unit.id})"


def _score(unit: Unit, text: _Text) -> Candidate:
    """The evidence ``text`` gives for ``unit``: named neighbours, then anchors."""
    evidence: list[str] = []
    score = 0
    for near, weight in _neighbourhood(unit):
        if _named(near, text):
            score += weight
            where = f", {near.province_name}" if near.province_name else ""
            evidence.append(f"names {near.full_name}{where} (+{weight})")
    lineage = {unit.id} | {a.id for a in ancestors(unit)}
    for anchor, ids, weight in _anchor_places():
        if lineage & ids and f" {spelling_key(anchor.phrase)} " in text.folded:
            score += weight
            evidence.append(f"mentions {anchor.phrase}, {anchor.what} (+{weight})")
    return Candidate(unit, score, tuple(evidence))


def _resolution(chosen: Candidate | None, ranked: list[Candidate], reason: str) -> PlaceResolution:
    unit = chosen.unit if chosen else None
    district = (unit.district_name or (unit.name if unit.level == "district" else "")) if unit else ""
    province = (unit.province_name or unit.name) if unit else ""
    return PlaceResolution(unit, district or None, province or None, tuple(ranked), reason,
                           confident=chosen is not None)


def _decide(ranked: list[Candidate], label: str) -> PlaceResolution:
    """Pick the leading candidate only when it clearly leads (see MIN_WINNING_*)."""
    best, runner_up = ranked[0], ranked[1]
    head = f"{len(ranked)} units named {label}: " + ", ".join(_describe(c.unit) for c in ranked)
    if best.score >= MIN_WINNING_SCORE and best.score - runner_up.score >= MIN_WINNING_MARGIN:
        reason = (f"{head}; the text points to {_describe(best.unit)}: "
                  + "; ".join(best.evidence) + f" (runner-up scored {runner_up.score})")
        return _resolution(best, ranked, reason)
    if best.score == 0:
        return _resolution(None, ranked, f"{head}; no evidence in the text tells them apart")
    scores = ", ".join(f"{c.unit.id} {c.score}" for c in ranked)
    return _resolution(None, ranked, f"{head}; the evidence does not single one out ({scores})")


def resolve_issuer_place(level: Level, name: str, *, on: date | None = None, text: str = "",
                         kind: str | None = None) -> PlaceResolution:
    """Resolve the unit that issued a document, keeping the candidates and the reason.

    Args:
        level: the issuer's level ("district" for UBND huyện, "commune" for UBND xã/thị trấn).
        name: its name, with or without kind word: "Sông Lô", "thị trấn Vĩnh Lộc".
        on: the document's date, to choose the era (and skip units not valid then).
        text: the document's text, searched for evidence when the name is ambiguous.
        kind: the kind when known and not in ``name`` ("thị trấn").

    Examples:
        >>> resolve_issuer_place("district", "Sông Lô").province
        'Vĩnh Phúc'
        >>> r = resolve_issuer_place("commune", "thị trấn Vĩnh Lộc", on=date(2020, 5, 29),
        ...                          text="… khu di tích Thành nhà Hồ, đê sông Mã …")
        >>> r.confident, r.province, r.district
        (True, 'Thanh Hóa', 'Vĩnh Lộc')
    """
    bare, prefixed_kind = strip_unit_prefix(name)
    wanted = kind or prefixed_kind
    found = find_units(bare, level=level, kind=wanted, on=on)
    if not found and bare != name:  # "Quan Son" typed without diacritics is a name, not "quận Son"
        found = find_units(name, level=level, kind=kind, on=on)
    label = f"{wanted + ' ' if wanted else ''}{bare} at {level} level"
    if not found:
        return _resolution(None, [], f"no unit named {label}" + (f" valid on {on}" if on else ""))
    if len(found) == 1:
        return _resolution(Candidate(found[0]), [Candidate(found[0])], f"unique match for {label}")
    prepared = _Text.of(text)
    ranked = sorted((_score(u, prepared) for u in found), key=lambda c: (-c.score, c.unit.id))
    return _decide(ranked, label)
