"""Canonical ids: documents, administrative units and issuing bodies, readable and stable.

A document symbol is unique only within its issuer and its numbering period, so the id of a
document is ELI-like, scoped by issuing body, jurisdiction and year::

    vn/tinh-uy-vinh-phuc/2020/12-nq-tu         Resolution 12 of the Vĩnh Phúc Party committee
    vn/trung-uong-dang/2022/13-nq-tw           Resolution 13 of the Party's central bodies
    vn/ubnd-huyen-cau-ngang/2022/92-kh-ubnd    Plan 92 of the Cầu Ngang district People's Committee

Decisions a newcomer asks about:

* **The body comes from the symbol's issuer code and the jurisdiction, not from how a text
  names the issuer.** "Bộ Chính trị", "Ban Chấp hành Trung ương" and "Ban Bí thư" share one
  numbering per term for ``/TW`` documents, so every ``…/TW`` symbol is keyed under
  ``trung-uong-dang``; the issuer as written stays a property. Likewise ``TU`` is the provincial
  Party committee of the jurisdiction (``tinh-uy-…``, or ``thanh-uy-…`` for the centrally run
  cities), ``HU`` the district's, ``ĐU`` the commune's, and ``UBND``/``HĐND`` the People's
  Committee and Council of the unit.
* **Year, not term.** Party documents restart numbering each term and state documents each
  year; keying both by the year of issue is finer than either period, so two different
  documents never share an id. A document cited with no date and no year in its symbol gets the
  year ``undated``; the loader attaches such a citation to the one dated document with the same
  body and symbol when there is exactly one (see ``graph/load.py``).
* **Units are qualified only as much as needed.** "huyện Châu Thành" exists in several
  provinces, "thị trấn Vĩnh Lộc" in two; a unit's slug is its kind and name, followed by its
  district and then its province only when the shorter form is ambiguous in the gazetteer's
  era. The slug is therefore stable for a given gazetteer.
* A document without a symbol (sample 000 has no header) is keyed by its content hash under its
  body: ``vn/ubnd-huyen-song-lo/undated/kh-287558f142e7``. A document named without a number
  ("Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII") is keyed by its folded name under the
  jurisdiction that names it.

Pure functions over the gazetteer of ``policykg.loaders.places``; nothing here reads the store.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

from policykg.loaders.places import Unit, all_units, ancestors, find_units, strip_unit_prefix
from policykg.loaders.symbols import canonical_issuer, fold_code, issuer_code_of, issuer_fixed_level

#: Prefix of every id the graph assigns.
ROOT = "vn"
#: Year component of a document known to exist but not when ("Nghị quyết số 28-NQ/TW").
UNDATED = "undated"
#: Hex digits of the content hash in the id of a document without a symbol.
CONTENT_ID_HEX = 12
#: Longest slug kept from a document's name; longer names are cut and get a hash suffix.
MAX_NAME_SLUG = 72
#: Hex digits of the hash suffix of a cut name slug.
NAME_HASH_HEX = 8
#: Last day of the 63-province geography; later documents resolve against the 2025 units.
LAST_LEGACY_DAY = date(2025, 6, 30)

#: Central issuer codes and the body slug their numbering belongs to.
CENTRAL_BODIES: dict[str, str] = {
    "TW": "trung-uong-dang",
    "CP": "chinh-phu",
    "TTG": "thu-tuong-chinh-phu",
    "QH": "quoc-hoi",
    "UBTVQH": "uy-ban-thuong-vu-quoc-hoi",
    "VPCP": "van-phong-chinh-phu",
    "NHNN": "ngan-hang-nha-nuoc",
}
#: Party committee codes and the word for the committee, by the kind of its unit.
PARTY_COMMITTEE_WORDS: dict[str, dict[str, str]] = {
    "TU": {"thành phố trực thuộc trung ương": "thanh-uy", "": "tinh-uy"},
    "HU": {"quận": "quan-uy", "thị xã": "thi-uy", "thành phố": "thanh-uy", "": "huyen-uy"},
    "DU": {"": "dang-uy"},
}
PARTY_COMMITTEE_WORDS["QU"] = PARTY_COMMITTEE_WORDS["HU"]  # Quận ủy: a district's committee
#: Level of the unit each party committee code belongs to.
PARTY_COMMITTEE_LEVELS = {"TU": "province", "HU": "district", "QU": "district", "DU": "commune"}
#: Bodies that exist at every level: code -> slug prefix.
UNIT_BODIES = {"UBND": "ubnd", "HDND": "hdnd"}

_NON_SLUG = re.compile(r"[^a-z0-9]+")  # anything that is not an ASCII letter or digit
_QH_TERM = re.compile(r"(UBTVQH|QH)\d*")  # "QH15", "UBTVQH14": the National Assembly and its term


def slugify(text: str) -> str:
    """ASCII, lower case, words joined by hyphens.

    Example:
        >>> slugify("Ủy ban nhân dân huyện Cầu Ngang"), slugify("12-NQ/TU")
        ('uy-ban-nhan-dan-huyen-cau-ngang', '12-nq-tu')
    """
    stripped = "".join(c for c in unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
                       if not unicodedata.combining(c))
    return _NON_SLUG.sub("-", stripped.lower()).strip("-")


def era_on(day: date | None) -> str:
    """The gazetteer era of a document's date: legacy up to 2025-06-30 and when unknown."""
    return "current" if day is not None and day > LAST_LEGACY_DAY else "legacy"


def unit_id(unit: Unit) -> str:
    """The id of an administrative unit: ``vn/unit/legacy/253`` (huyện Sông Lô)."""
    return f"{ROOT}/unit/{unit.era}/{unit.code}"


#: How a unit's kind is written in its slug; the centrally run cities are "thành phố" too.
KIND_SLUGS = {"thành phố trực thuộc trung ương": "thanh-pho"}


def _kind_slug(unit: Unit) -> str:
    return KIND_SLUGS.get(unit.kind) or slugify(unit.kind)


def _slug_forms(unit: Unit) -> list[str]:
    """Slugs of a unit from shortest to longest; the last (with the GSO code) is always unique."""
    base = f"{_kind_slug(unit)}-{slugify(unit.name)}"
    province, district = slugify(unit.province_name), slugify(unit.district_name)
    forms = [base]
    if province:
        forms.append(f"{base}-{province}")
    if district:
        forms.append(f"{base}-{district}-{province}")
    forms.append(f"{forms[-1]}-{unit.code}")
    return forms


@cache
def _slug_counts(era: str) -> dict[tuple[str, str], int]:
    """How many units of an era and level share each slug form."""
    counts: dict[tuple[str, str], int] = {}
    for unit in all_units(era=era):
        for form in _slug_forms(unit):
            counts[(unit.level, form)] = counts.get((unit.level, form), 0) + 1
    return counts


@lru_cache(maxsize=65536)
def unit_slug(unit: Unit) -> str:
    """The shortest slug that names one unit of its level in its era.

    Examples:
        >>> unit_slug(find_units("Cầu Ngang", level="district")[0])
        'huyen-cau-ngang'
        >>> unit_slug(find_units("Vĩnh Lộc", kind="thị trấn", within="Thanh Hóa")[0])
        'thi-tran-vinh-loc-thanh-hoa'
    """
    counts = _slug_counts(unit.era)
    forms = _slug_forms(unit)
    return next((f for f in forms if counts[(unit.level, f)] == 1), forms[-1])


#: Levels from the top of the cascade down.
LEVEL_ORDER = ("central", "province", "district", "commune")


@dataclass(frozen=True)
class Jurisdiction:
    """Where a document applies: the unit at its level and that unit's chain upward."""

    level: str
    unit: Unit | None  # None for central documents and places the gazetteer does not know

    @property
    def slug(self) -> str:
        """'huyen-song-lo', or 'viet-nam' for the centre, or 'khong-ro' (unknown) for a lost place."""
        if self.level == "central":
            return "viet-nam"
        return unit_slug(self.unit) if self.unit else "khong-ro"

    def at(self, level: str) -> Jurisdiction:
        """The enclosing jurisdiction at a higher level (the province of a district).

        A lower level gives the jurisdiction itself: "UBND các huyện" named in a provincial plan
        belongs to the province that names it.
        """
        if LEVEL_ORDER.index(level) >= LEVEL_ORDER.index(self.level):
            return self
        if level == "central":
            return CENTRAL
        if self.unit is None:
            return Jurisdiction(level, None)
        above = next((u for u in ancestors(self.unit) if u.level == level), None)
        return Jurisdiction(level, above)


CENTRAL = Jurisdiction("central", None)


def _bare(name: str | None) -> str | None:
    """A place name without its kind word: "H. Sông Lô" -> "Sông Lô" (diacritics are kept: the
    gazetteer compares names with and without them)."""
    return strip_unit_prefix(name)[0] if name else None


@lru_cache(maxsize=65536)
def resolve_jurisdiction(level: str | None, province: str | None, district: str | None,
                         commune: str | None, on: date | None = None) -> Jurisdiction | None:
    """The unit a document applies to, from the names a Record gives.

    Example:
        >>> resolve_jurisdiction("district", "Vĩnh Phúc", "Sông Lô", None).unit.code
        '253'
    """
    if level == "central":
        return CENTRAL
    if level not in ("province", "district", "commune"):
        return None
    era = era_on(on)
    names = {"province": _bare(province), "district": _bare(district), "commune": _bare(commune)}
    unit: Unit | None = None
    for step in ("province", "district", "commune"):
        name = names[step]
        if not name or (era == "current" and step == "district"):
            if step == level:
                break
            continue
        found = [u for u in find_units(name, level=step, within=unit)
                 if u.era == era] if unit else [u for u in find_units(name, level=step) if u.era == era]
        if len(found) != 1:
            unit = None if step == level or not found else unit
            if step == level:
                break
            continue
        unit = found[0]
        if step == level:
            break
    if unit is not None and unit.level != level:
        unit = None
    return Jurisdiction(level, unit)


def _code_key(code: str | None) -> str:
    """The folded canonical issuer code: "TTU" (Thành ủy) -> "TU", "Đ U" -> "DU"."""
    return fold_code(canonical_issuer(code) or code or "") if code else ""


def body_slug(code: str | None, jurisdiction: Jurisdiction | None) -> str:
    """The slug of the body whose numbering a symbol's issuer code belongs to.

    Examples:
        >>> body_slug("TU", resolve_jurisdiction("province", "Vĩnh Phúc", None, None))
        'tinh-uy-vinh-phuc'
        >>> body_slug("UBND", resolve_jurisdiction("district", "Trà Vinh", "Cầu Ngang", None))
        'ubnd-huyen-cau-ngang'
    """
    folded = _code_key(code)
    term = _QH_TERM.fullmatch(folded)
    if term:
        return CENTRAL_BODIES[term.group(1)]
    if folded in CENTRAL_BODIES:
        return CENTRAL_BODIES[folded]
    if jurisdiction is None or jurisdiction.level == "central":
        return slugify(folded) or "khong-ro"
    place = jurisdiction.slug
    if folded in PARTY_COMMITTEE_WORDS and jurisdiction.unit is not None:
        unit = jurisdiction.unit
        words = PARTY_COMMITTEE_WORDS[folded]
        if folded == "DU":  # "Đảng ủy thị trấn Vĩnh Lộc": the commune keeps its kind word
            return f"{words['']}-{place}"
        bare = place[len(_kind_slug(unit)) + 1:]  # "tinh-vinh-phuc" -> "vinh-phuc"
        return f"{words.get(unit.kind, words[''])}-{bare}"
    if folded in UNIT_BODIES:
        return f"{UNIT_BODIES[folded]}-{place}"
    return f"{slugify(folded)}-{place}" if folded else place


def jurisdiction_for_code(code: str | None, context: Jurisdiction | None) -> Jurisdiction | None:
    """The jurisdiction a symbol's issuer code points at, given the citing document's own.

    "12-NQ/TU" cited by a Sông Lô district plan is Vĩnh Phúc's: TU is provincial, so the
    district's province. "2013/QĐ-UBND" cited with scope province is the province's UBND.
    """
    folded = _code_key(code)
    fixed = PARTY_COMMITTEE_LEVELS.get(folded) or issuer_fixed_level(code or "")
    if fixed == "central":
        return CENTRAL
    if fixed and context is not None:
        return context.at(fixed)
    return context


def document_id(body: str, year: int | str | None, symbol: str) -> str:
    """The id of a numbered document.

    Example:
        >>> document_id("tinh-uy-vinh-phuc", 2020, "12-NQ/TU")
        'vn/tinh-uy-vinh-phuc/2020/12-nq-tu'
    """
    return f"{ROOT}/{body}/{year if year is not None else UNDATED}/{slugify(symbol)}"


def content_document_id(body: str, year: int | None, doc_type: str | None, sha256: str) -> str:
    """The id of a loaded document that has no symbol: its body, year and content hash."""
    kind = slugify(doc_type or "vb")
    return f"{ROOT}/{body}/{year if year is not None else UNDATED}/{kind}-{sha256[:CONTENT_ID_HEX]}"


def named_document_id(scope_slug: str, name: str) -> str:
    """The id of a document cited by name only, under the jurisdiction that names it.

    Example:
        >>> named_document_id("vinh-phuc", "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII")
        'vn/vinh-phuc/named/nghi-quyet-dai-hoi-dang-bo-tinh-lan-thu-xvii'
    """
    slug = slugify(name)
    if len(slug) > MAX_NAME_SLUG:
        digest = hashlib.sha1(slug.encode()).hexdigest()[:NAME_HASH_HEX]
        slug = f"{slug[:MAX_NAME_SLUG].rstrip('-')}-{digest}"
    return f"{ROOT}/{scope_slug}/named/{slug}"


def symbol_year(symbol: str | None) -> int | None:
    """The year a normative symbol carries: '150/2020/NĐ-CP' -> 2020; else None."""
    if not symbol:
        return None
    parts = symbol.split("/")
    if len(parts) == 3 and parts[1].isdigit() and len(parts[1]) == 4:
        return int(parts[1])
    return None


def issuer_code(symbol: str | None) -> str | None:
    """The issuer code of a normalized symbol, None for a name.

    Examples:
        >>> issuer_code("12-NQ/TU"), issuer_code("78/NQ-CP"), issuer_code("74/2022/QH15")
        ('TU', 'CP', 'QH15')
    """
    if not symbol:
        return None
    last = symbol.rsplit("/", 1)[-1]
    if "-" in symbol.split("/")[0] or "-" in last:
        return issuer_code_of(symbol)
    return last or None  # "74/2022/QH15": a National Assembly resolution names no type


def majority_date(stated: list[str | None]) -> str | None:
    """The date most citations state (ISO text): first the year most of them state, then the
    day most state within it; the earliest among equals. It settles a cited document's date and,
    for Party documents, the year of its id (``graph/party_terms.py``), so the two agree.

    Examples:
        >>> majority_date(["2020-03-12", "2019-03-12", "2020-03-12"])
        '2020-03-12'
        >>> majority_date(["2019-03-12", "2020-03-12", "2020-03-13"])  # two say 2020
        '2020-03-12'
    """
    dates = [d for d in stated if d]
    if not dates:
        return None
    years = Counter(d[:4] for d in dates)
    year = min(years, key=lambda y: (-years[y], y))
    days = Counter(d for d in dates if d.startswith(year))
    return min(days, key=lambda d: (-days[d], d))
