"""The gazetteer: Vietnam's administrative units of two eras, and how to find them.

The data file (``loaders/gazetteer.json``, rebuilt by ``scripts/build_gazetteer.py`` from the
sources in ``data/sources``) holds two eras of units:

* **legacy** - 63 provinces, ~700 districts, ~10,000 communes, as of 2025-03-01, treated as valid
  until 2025-06-30. It is a snapshot: a commune merged away in 2019 (xã Vĩnh Thành, Thanh Hóa) is
  not in it, and a unit is taken as valid on any earlier date, which is only approximately true.
* **current** - 34 provinces and ~3,300 communes, valid from 2025-07-01 (no district level).

plus succession links legacy -> current (communes, districts, provinces). Units are identified by
``"<era>:<GSO code>"`` (``"legacy:00001"``, ``"current:00004"``): GSO codes are reused across the
eras for different places, and within an era the code length (2, 3, 5 digits) tells the level.

The file is read once per process (``importlib.resources``) and cached; nothing here writes or
talks to the network.

Example:
    >>> [u.province_name for u in find_units("Vĩnh Lộc", kind="thị trấn")]
    ['Tuyên Quang', 'Thanh Hóa']
    >>> town = find_units("Vĩnh Lộc", kind="thị trấn", within="Thanh Hóa")[0]
    >>> [a.full_name for a in ancestors(town)]
    ['huyện Vĩnh Lộc', 'tỉnh Thanh Hóa']
"""

from __future__ import annotations

import json
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources

from policykg.loaders.place_names import (
    KIND_ALIASES,
    KINDS,
    Era,
    Level,
    name_key,
    spelling_key,
    strip_unit_prefix,
)

#: Name of the packaged data file, next to this module.
GAZETTEER_FILE = "gazetteer.json"


#: Format version of the data file; bump in the build script and here together. Version 2 stores
#: each era's units as columns, with each name's ``name_key``, and the succession as two columns.
GAZETTEER_VERSION = 2


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

    def __hash__(self) -> int:
        # The id alone: units with equal ids are equal, and resolving a place looks units up in
        # caches thousands of times a document, where hashing all eleven fields was the cost.
        return hash(self.id)

    @property
    def full_name(self) -> str:
        """Kind and name, as Vietnamese writes them: "huyện Sông Lô"."""
        return f"{self.kind} {self.name}"

    def valid_on(self, day: date) -> bool:
        """Whether the unit existed on ``day`` (per its era's validity)."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )


#: A unit as the data file lists it: (code, name, kind, era, parent id or None).
_Row = tuple[str, str, str, Era, str | None]


@dataclass(frozen=True)
class _Columns:
    """One era's units as the data file lists them: a column per field, a row per unit."""

    codes: list[str]  # GSO codes, by level then code
    names: list[str]
    kinds: list[int]  # indices into the file's list of kinds
    parents: list[str]  # the parent's code, "" for a province


@dataclass(frozen=True)
class _Gazetteer:
    """The data file, indexed. Units are built when first asked for (``get_unit``): a
    document needs a handful of the 14,000, and building them all was ~40 % of the load (which
    every ``policykg extract`` pays); the tree and the succession are indexed on first use.

    The file holds columns, not a list per unit, and rows are looked up by position: a loaded
    list per unit made the garbage collector walk tens of thousands of new objects, about as
    much CPU as the rest of the load.
    """

    eras: dict[Era, _Columns]
    kinds: list[str]
    rows: dict[str, int]  # unit id -> its row in its era's columns, in file order
    by_key: dict[str, tuple[str, ...]]  # name_key(name) -> unit ids, in file order
    validity: dict[Era, tuple[date | None, date | None]]  # era -> (valid from, valid to)
    succession: tuple[list[str], list[str]] = field(repr=False)  # legacy, current codes: sorted pairs
    meta: dict = field(repr=False)
    units: dict[str, Unit] = field(default_factory=dict, repr=False)  # built so far

    def row(self, unit_id: str) -> _Row:
        """The row of a unit id; KeyError if none."""
        at = self.rows[unit_id]
        era: Era = "legacy" if unit_id.startswith("legacy:") else "current"
        columns = self.eras[era]
        parent = columns.parents[at]
        return (columns.codes[at], columns.names[at], self.kinds[columns.kinds[at]], era,
                f"{era}:{parent}" if parent else None)


def _parse_day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@cache
def _gazetteer() -> _Gazetteer:
    """Load the packaged data file once per process.

    The names' keys come from the file (the build script computes them with ``name_key``, and a
    test checks they agree): computing them here cost ~0.08 s of CPU, once per process.
    """
    raw = resources.files(__package__).joinpath(GAZETTEER_FILE).read_bytes()
    data = json.loads(raw)
    if data.get("version") != GAZETTEER_VERSION:
        raise RuntimeError(f"{GAZETTEER_FILE} has version {data.get('version')}, expected "
                           f"{GAZETTEER_VERSION}; run scripts/build_gazetteer.py")
    eras: dict[Era, _Columns] = {}
    rows: dict[str, int] = {}
    by_key: dict[str, list[str]] = {}
    for era in ("legacy", "current"):
        columns = data[era]
        eras[era] = _Columns(columns["code"], columns["name"], columns["kind"], columns["parent"])
        ids = [f"{era}:{code}" for code in columns["code"]]
        rows.update(zip(ids, range(len(ids))))
        for unit_id, key in zip(ids, columns["key"]):
            by_key.setdefault(key, []).append(unit_id)
    validity = {era: (_parse_day(days["from"]), _parse_day(days["to"]))
                for era, days in data["eras"].items()}
    succession = (data["succession"]["legacy"], data["succession"]["current"])
    return _Gazetteer(eras, data["kinds"], rows, {k: tuple(v) for k, v in by_key.items()},
                      validity, succession, data["meta"])


def _build_unit(gazetteer: _Gazetteer, unit_id: str) -> Unit:
    """The unit of a row, with the names of the district and province above it."""
    code, name, kind, era, parent_id = gazetteer.row(unit_id)
    up = get_unit(parent_id) if parent_id else None
    district = up.name if up and up.level == "district" else (up.district_name if up else "")
    province = (up.name if up.level == "province" else up.province_name) if up else ""
    return Unit(unit_id, code, name, kind, KINDS[kind], era, parent_id, *gazetteer.validity[era],
                district, province)


@cache
def _children() -> dict[str, tuple[str, ...]]:
    """Unit id -> the ids of the units directly below it, by code (the file's order)."""
    found: dict[str, list[str]] = {}
    for era, columns in _gazetteer().eras.items():
        for code, parent in zip(columns.codes, columns.parents):
            if parent:
                found.setdefault(f"{era}:{parent}", []).append(f"{era}:{code}")
    return {k: tuple(v) for k, v in found.items()}


def gazetteer_meta() -> dict:
    """The data file's metadata: sources, build counts, validity of the eras."""
    return _gazetteer().meta


def get_unit(unit_id: str) -> Unit:
    """The unit with this id ("legacy:00001"); KeyError if none."""
    gazetteer = _gazetteer()
    unit = gazetteer.units.get(unit_id)
    if unit is None:
        unit = gazetteer.units[unit_id] = _build_unit(gazetteer, unit_id)
    return unit


def all_units(*, era: Era | None = None, level: Level | None = None) -> list[Unit]:
    """Every unit, optionally of one era and one level, in file order (by level, then code)."""
    units = map(get_unit, _gazetteer().rows)
    return [u for u in units
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
    return [get_unit(i) for i in _children().get(unit.id, ())]


def successors(unit: Unit) -> list[Unit]:
    """The current units a legacy unit passed into on 2025-07-01, by code.

    A commune's successors are the new communes that took (part of) its territory; a district's
    are the union of its communes'; a province's is the new province. Empty for a current unit,
    and for the few legacy units the sources do not link (see the build report).

    Example:
        >>> [u.province_name for u in successors(find_units("Cầu Ngang", level="district")[0])][:1]
        ['Vĩnh Long']
    """
    if unit.era != "legacy":
        return []
    # The pairs are sorted by legacy code: a unit's successors are one slice of them, found by
    # bisection, without indexing 10,000 pairs by unit first.
    olds, news = _gazetteer().succession
    found = news[bisect_left(olds, unit.code):bisect_right(olds, unit.code)]
    return [get_unit(f"current:{code}") for code in found]


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
