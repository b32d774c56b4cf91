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
* Pure: the data file is read once per process (``importlib.resources``) and cached; nothing
  here writes or talks to the network.

The code lives in three modules, re-exported here: ``place_names.py`` (kinds, folded and
spelling keys, kind prefixes), ``gazetteer.py`` (the units, their tree and succession, finding
them by name) and ``place_resolution.py`` (resolving a document's issuing unit).

Example:
    >>> [u.province_name for u in find_units("Vĩnh Lộc", kind="thị trấn")]
    ['Tuyên Quang', 'Thanh Hóa']
    >>> sorted({u.province_name for u in successors(find_units("Sông Lô", level="district")[0])})
    ['Phú Thọ']
"""

from __future__ import annotations

from policykg.loaders.gazetteer import (
    GAZETTEER_FILE,
    GAZETTEER_VERSION,
    Unit,
    all_units,
    ancestors,
    children,
    find_units,
    gazetteer_meta,
    get_unit,
    successors,
)
from policykg.loaders.place_names import (
    KIND_ALIASES,
    KIND_MENTIONS,
    KINDS,
    Era,
    Level,
    fold,
    name_key,
    spelling_key,
    strip_unit_prefix,
)
from policykg.loaders.place_resolution import (
    ANCHORS,
    Anchor,
    Candidate,
    PlaceResolution,
    resolve_issuer_place,
)

__all__ = [
    "ANCHORS", "GAZETTEER_FILE", "GAZETTEER_VERSION", "KINDS", "KIND_ALIASES", "KIND_MENTIONS",
    "Anchor", "Candidate", "Era", "Level", "PlaceResolution", "Unit", "all_units", "ancestors",
    "children", "find_units", "fold", "gazetteer_meta", "get_unit", "name_key",
    "resolve_issuer_place", "spelling_key", "strip_unit_prefix", "successors",
]
