"""Rebuild ``loaders/gazetteer.json`` from the administrative-unit sources in ``data/sources``.

Usage::

    .venv/bin/python scripts/build_gazetteer.py [--sources DIR] [--out FILE]

Inputs (MIT, attribution in ``data/sources/README.md``):

* ``vn_units_legacy_2025-03-01.json`` - 63 provinces -> District -> Ward, GSO codes;
* ``vn_units_current_2026-07-25.json`` - 34 provinces -> Wards, GSO codes;
* ``vn_units_new_to_old_2025.json`` - each new province and ward -> the old units merged into it,
  by *name*, with that repository's own ids (not GSO codes).

Output, compact and deterministic (sorted keys, no spaces, UTF-8; same bytes for same inputs)::

    {"version": 2, "meta": {...}, "kinds": ["tỉnh", ...],
     "eras": {"legacy": {"from": null, "to": "2025-06-30"}, "current": {...}},
     "legacy":  {"code": [...], "name": [...], "kind": [kind index, ...],
                 "parent": [parent code or "", ...], "key": [name_key(name), ...]},
     "current": {same columns},
     "succession": {"legacy": [legacy code, ...], "current": [current code, ...]}}

Units are listed by level, then code, so a parent always comes before its children. The level
follows from the kind (``KINDS`` in ``loaders/places.py``), so it is not stored; neither are
English names and slugs, which ``fold`` makes unnecessary. Each name's look-up key
(``name_key``) is stored with it: folding the 14,000 names cost every process ~0.08 s of CPU when
it first resolved a place, and a test checks that the stored keys are what ``name_key`` computes.
Units are stored as columns and the succession as pairs (a legacy code, one of its current codes,
sorted) rather than a list per unit: loading tens of thousands of small lists kept the garbage
collector busy for as long as the rest of the load.

Succession is matched by name, because the mapping's ids are not GSO codes: a new province or
ward by (province, kind, folded name); an old ward by (province, district, kind, folded name),
then without kinds (a district upgraded between the snapshots), then by its name alone where that
is unique in its province (a district renamed). What still does not match is printed, never
guessed. A district's successors are the union of its communes'; a district without communes
(the island districts) passes to the đặc khu of the same name in its successor province.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

from policykg.loaders.places import (
    GAZETTEER_VERSION,
    KINDS,
    name_key,
    spelling_key,
    strip_unit_prefix,
)

ROOT = Path(__file__).resolve().parents[1]
LEGACY_FILE = "vn_units_legacy_2025-03-01.json"
CURRENT_FILE = "vn_units_current_2026-07-25.json"
MAPPING_FILE = "vn_units_new_to_old_2025.json"
#: Validity of the eras: the reform took effect on 1 July 2025.
ERAS = {"legacy": {"from": None, "to": "2025-06-30"}, "current": {"from": "2025-07-01", "to": None}}
#: How many unmatched names the report lists per category; the counts are always complete.
REPORT_LIMIT = 20
#: Kind of a source FullName prefix, per level: "Thành phố" is a different kind at each level.
PREFIX_KINDS = {
    ("province", "tỉnh"): "tỉnh",
    ("province", "thành phố"): "thành phố trực thuộc trung ương",
    ("district", "huyện"): "huyện",
    ("district", "quận"): "quận",
    ("district", "thị xã"): "thị xã",
    ("district", "thành phố"): "thành phố",
    ("commune", "xã"): "xã",
    ("commune", "phường"): "phường",
    ("commune", "thị trấn"): "thị trấn",
    ("commune", "đặc khu"): "đặc khu",
}

Row = tuple[str, str, str, str]  # code, name, kind, parent code ("" for a province)


def unit_kind(level: str, full_name: str, name: str) -> str:
    """The kind of a unit from its FullName: ("commune", "Thị trấn Vĩnh Lộc") -> "thị trấn"."""
    prefix = " ".join(full_name[: len(full_name) - len(name)].lower().split())
    if not full_name.endswith(name) or (level, prefix) not in PREFIX_KINDS:
        raise ValueError(f"cannot tell the kind of {level} {full_name!r} (name {name!r})")
    return PREFIX_KINDS[(level, prefix)]


def legacy_rows(provinces: list[dict]) -> list[Row]:
    """Every legacy unit: provinces -> District -> Ward."""
    rows = []
    for p in provinces:
        rows.append((p["Code"], p["Name"], unit_kind("province", p["FullName"], p["Name"]), ""))
        for d in p["District"]:
            kind = unit_kind("district", d["FullName"], d["Name"])
            rows.append((d["Code"], d["Name"], kind, p["Code"]))
            for w in d["Ward"] or ():  # the island districts have no communes
                kind = unit_kind("commune", w["FullName"], w["Name"])
                rows.append((w["Code"], w["Name"], kind, d["Code"]))
    return rows


def current_rows(provinces: list[dict]) -> list[Row]:
    """Every current unit: provinces -> Wards."""
    rows = []
    for p in provinces:
        rows.append((p["Code"], p["Name"], unit_kind("province", p["FullName"], p["Name"]), ""))
        for w in p["Wards"]:
            rows.append((w["Code"], w["Name"], unit_kind("commune", w["FullName"], w["Name"]),
                         p["Code"]))
    return rows


def fits(written_kind: str | None, kind: str) -> bool:
    """Whether a kind word read off a name fits a unit's kind ("thành phố" fits both cities)."""
    return written_kind is None or kind.startswith(written_kind)


class Index:
    """The units of one era, looked up by province and name (``name_key``)."""

    def __init__(self, rows: list[Row]) -> None:
        self.rows = {code: (name, kind, parent) for code, name, kind, parent in rows}
        self.province = {code: self._province_of(code) for code in self.rows}
        self.by_name: dict[str, list[str]] = defaultdict(list)  # name_key(name) -> codes
        for code, (name, _kind, _parent) in sorted(self.rows.items()):
            self.by_name[name_key(name)].append(code)

    def _province_of(self, code: str) -> str:
        while self.rows[code][2]:
            code = self.rows[code][2]
        return code

    def level(self, code: str) -> str:
        return KINDS[self.rows[code][1]]

    def named(self, province: str, written: str, level: str, *, kinds: bool = True) -> list[str]:
        """Units of ``level`` in ``province`` (code; "" = any) named ``written`` ("Xã Tân An").

        Names compare by ``name_key``; where several match, those spelled exactly so win ("Sa Pa"
        over "Sa Pả").
        """
        name, kind = strip_unit_prefix(written)
        found = [c for c in self.by_name.get(name_key(name), ())
                 if (not province or self.province[c] == province) and self.level(c) == level
                 and (not kinds or fits(kind, self.rows[c][1]))]
        exact = [c for c in found if spelling_key(self.rows[c][0]) == spelling_key(name)]
        return exact or found

    def in_district(self, codes: list[str], district: str, *, kinds: bool = True) -> list[str]:
        """Those of ``codes`` whose district is named ``district`` ("Huyện Cát Hải")."""
        name, kind = strip_unit_prefix(district)
        parents = {c: self.rows[self.rows[c][2]] for c in codes}
        return [c for c in codes if name_key(parents[c][0]) == name_key(name)
                and (not kinds or fits(kind, parents[c][1]))]


def match_old_ward(legacy: Index, province: str, old: dict) -> tuple[str | None, str]:
    """The legacy commune an entry of the mapping names, and how it matched (or why not)."""
    ward, district = old["old_ward_name"], old["old_district_name"]
    strict = legacy.named(province, ward, "commune")
    loose = legacy.named(province, ward, "commune", kinds=False)
    steps = (
        ("district+kind", legacy.in_district(strict, district)),
        ("district", legacy.in_district(loose, district, kinds=False)),
        ("province+kind", strict),
        ("province", loose),
    )
    for how, found in steps:
        if len(found) == 1:
            return found[0], how
        if len(found) > 1:
            return None, f"ambiguous ({len(found)} communes)"
    return None, "not found"


class Report:
    """What the build matched and what it did not, printed at the end."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.unmatched: dict[str, list[str]] = defaultdict(list)

    def miss(self, category: str, what: str) -> None:
        self.unmatched[category].append(what)

    def lines(self) -> list[str]:
        out = [f"  {key}: {value}" for key, value in sorted(self.counts.items())]
        for category, items in sorted(self.unmatched.items()):
            out.append(f"  unmatched {category}: {len(items)}")
            out += [f"    - {item}" for item in sorted(items)[:REPORT_LIMIT]]
            if len(items) > REPORT_LIMIT:
                out.append(f"    … and {len(items) - REPORT_LIMIT} more")
        return out


def province_links(mapping: dict, legacy: Index, current: Index, report: Report) -> dict:
    """legacy province code -> current province codes, and new province id -> current code."""
    links: dict[str, set[str]] = defaultdict(set)
    new_ids: dict[str, str] = {}
    for new in mapping["provinces"].values():
        found = current.named("", new["new_province_name"], "province")
        if not found:  # Đồng Nai: "Tỉnh" in the mapping, "Thành phố" in the current list
            found = current.named("", new["new_province_name"], "province", kinds=False)
            report.counts["new provinces matched ignoring kind"] += len(found) == 1
        if len(found) != 1:
            report.miss("new provinces", new["new_province_name"])
            continue
        new_ids[new["new_province_id"]] = found[0]
        for old in new["old_provinces"]:
            old_found = legacy.named("", old["old_province_name"], "province")
            if len(old_found) != 1:
                report.miss("old provinces", old["old_province_name"])
                continue
            links[old_found[0]].add(found[0])
    return {"links": links, "new_ids": new_ids}


def commune_links(mapping: dict, legacy: Index, current: Index, new_ids: dict[str, str],
                  report: Report) -> dict[str, set[str]]:
    """legacy commune code -> current commune codes, from the mapping's wards."""
    links: dict[str, set[str]] = defaultdict(set)
    legacy_provinces = {}
    for new in mapping["wards"].values():
        province = new_ids.get(new["new_province_id"], "")
        found = current.named(province, new["new_ward_name"], "commune") if province else []
        if not found and province:
            found = current.named(province, new["new_ward_name"], "commune", kinds=False)
            report.counts["new communes matched ignoring kind"] += len(found) == 1
        if len(found) != 1:
            report.miss("new communes", f'{new["new_ward_name"]}, {new["new_province_name"]}')
            continue
        for old in new["old_wards"]:
            name = old["old_province_name"]
            if name not in legacy_provinces:
                legacy_provinces[name] = (legacy.named("", name, "province") or [""])[0]
            code, how = match_old_ward(legacy, legacy_provinces[name], old)
            report.counts[f"old communes matched by {how}" if code else "old commune misses"] += 1
            if code is None:
                report.miss("old communes", f'{old["old_ward_name"]}, {old["old_district_name"]}, '
                            f'{name} -> {new["new_ward_name"]}: {how}')
                continue
            links[code].add(found[0])
    return links


def district_links(legacy: Index, current: Index, communes: dict[str, set[str]],
                   provinces: dict[str, set[str]], report: Report) -> dict[str, set[str]]:
    """legacy district code -> current commune codes: the union of its communes' successors."""
    links: dict[str, set[str]] = defaultdict(set)
    has_communes: set[str] = set()
    for code, (_name, _kind, parent) in legacy.rows.items():
        if legacy.level(code) == "commune":
            has_communes.add(parent)
            links[parent] |= communes.get(code, set())
    for code, (name, _kind, parent) in sorted(legacy.rows.items()):
        if legacy.level(code) != "district" or code in has_communes:
            continue
        # An island district without communes became the đặc khu of the same name.
        found = [c for p in sorted(provinces.get(parent, ())) for c in current.named(p, name, "commune")
                 if current.rows[c][1] == "đặc khu"]
        if len(found) == 1:
            links[code].add(found[0])
            report.counts["island districts -> đặc khu"] += 1
        else:
            report.miss("districts without communes", f"{name}, {legacy.rows[parent][0]}")
    return links


def unlinked(legacy: Index, current: Index, succession: dict[str, list[str]],
             report: Report) -> None:
    """Report legacy units with no successor and current communes no legacy unit passed into."""
    reached = {c for codes in succession.values() for c in codes}
    for code, (name, kind, parent) in sorted(legacy.rows.items()):
        if code not in succession:
            where = legacy.rows[legacy.province[code]][0]
            report.miss(f"legacy {legacy.level(code)}s without successor", f"{kind} {name}, {where}")
    for code, (name, kind, parent) in sorted(current.rows.items()):
        if current.level(code) == "commune" and code not in reached:
            report.miss("current communes without predecessor",
                        f"{kind} {name}, {current.rows[parent][0]}")


def ordered(rows: list[Row], kinds: list[str]) -> dict[str, list]:
    """Rows by level then code, parents first, as columns: kinds as indices into ``kinds``, and
    the look-up key of each name."""
    rows = sorted(rows, key=lambda r: (len(r[0]), r[0]))
    return {"code": [code for code, _name, _kind, _parent in rows],
            "name": [name for _code, name, _kind, _parent in rows],
            "kind": [kinds.index(kind) for _code, _name, kind, _parent in rows],
            "parent": [parent for _code, _name, _kind, parent in rows],
            "key": [name_key(name) for _code, name, _kind, _parent in rows]}


def succession_pairs(succession: dict[str, list[str]]) -> dict[str, list[str]]:
    """The succession as two columns of (legacy code, current code) pairs, sorted."""
    pairs = sorted((old, new) for old, news in succession.items() for new in news)
    return {"legacy": [old for old, _new in pairs], "current": [new for _old, new in pairs]}


def build(sources: Path) -> tuple[bytes, Report]:
    """The data file's bytes, and the report of what matched."""
    read = lambda name: json.loads((sources / name).read_text(encoding="utf-8"))  # noqa: E731
    legacy_src, current_src, mapping = read(LEGACY_FILE), read(CURRENT_FILE), read(MAPPING_FILE)
    legacy, current = Index(legacy_rows(legacy_src)), Index(current_rows(current_src))
    report = Report()
    provinces = province_links(mapping, legacy, current, report)
    communes = commune_links(mapping, legacy, current, provinces["new_ids"], report)
    districts = district_links(legacy, current, communes, provinces["links"], report)
    succession = {code: sorted(news) for links in (provinces["links"], communes, districts)
                  for code, news in links.items() if news}
    unlinked(legacy, current, succession, report)
    kinds = list(KINDS)
    counts = {f"{era} {level}s": sum(1 for c in index.rows if index.level(c) == level)
              for era, index in (("legacy", legacy), ("current", current))
              for level in ("province", "district", "commune")}
    counts["legacy units with successors"] = len(succession)
    counts["succession links"] = sum(len(v) for v in succession.values())
    report.counts.update(counts)
    data = {
        "version": GAZETTEER_VERSION,
        "meta": {"sources": [LEGACY_FILE, CURRENT_FILE, MAPPING_FILE],
                 "attribution": "data/sources/README.md", "counts": counts},
        "kinds": kinds,
        "eras": ERAS,
        "legacy": ordered(list(_rows(legacy)), kinds),
        "current": ordered(list(_rows(current)), kinds),
        "succession": succession_pairs(succession),
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return (text + "\n").encode("utf-8"), report


def _rows(index: Index) -> list[Row]:
    return [(code, name, kind, parent) for code, (name, kind, parent) in index.rows.items()]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=ROOT / "data" / "sources")
    parser.add_argument("--out", type=Path, default=ROOT / "loaders" / "gazetteer.json")
    args = parser.parse_args(argv)
    data, report = build(args.sources)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data):,} bytes)")
    print("\n".join(report.lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
