"""The gazetteer (gazetteer.py): the data file, its units and succession, finding units."""

from __future__ import annotations

import dataclasses
import doctest
import json

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from policykg.loaders import gazetteer
from policykg.loaders.place_names import name_key
from policykg.loaders.places import (
    all_units,
    ancestors,
    find_units,
    gazetteer_meta,
    get_unit,
    resolve_issuer_place,
    strip_unit_prefix,
    successors,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_002 = ROOT / "samples" / "002_d08887a8a251daf5.txt"
BUILD_SCRIPT = ROOT / "scripts" / "build_gazetteer.py"
DATA_FILE = ROOT / "loaders" / "gazetteer.json"
#: The date of sample 002 (29/5/2020), before the 2025 reform.
SAMPLE_002_DAY = date(2020, 5, 29)


COUNT_RANGES = [
    ("legacy-provinces", "legacy", "province", 63, 63),
    ("legacy-districts", "legacy", "district", 650, 750),
    ("legacy-communes", "legacy", "commune", 9_500, 10_700),
    ("current-provinces", "current", "province", 34, 34),
    ("current-districts", "current", "district", 0, 0),
    ("current-communes", "current", "commune", 3_200, 3_400),
]


@pytest.mark.parametrize(("era", "level", "low", "high"), [c[1:] for c in COUNT_RANGES], ids=[c[0] for c in COUNT_RANGES])
def test_unit_counts(era, level, low, high):
    assert low <= len(all_units(era=era, level=level)) <= high


def test_meta_counts_match_the_units():
    counts = gazetteer_meta()["counts"]
    assert counts["legacy provinces"] == 63 and counts["current provinces"] == 34
    assert counts["legacy communes"] == len(all_units(era="legacy", level="commune"))


def test_every_unit_hangs_under_a_province_of_its_era():
    for unit in all_units():
        chain = ancestors(unit)
        assert all(a.era == unit.era for a in chain)
        assert (chain[-1] if chain else unit).level == "province"
        expected_depth = {"province": 0, "district": 1, "commune": 2 if unit.era == "legacy" else 1}
        assert len(chain) == expected_depth[unit.level], unit


def test_succession_goes_from_legacy_to_current_only():
    linked = [u for u in all_units(era="legacy") if successors(u)]
    assert len(linked) > 0.99 * len(all_units(era="legacy"))
    assert all(s.era == "current" for u in linked for s in successors(u))
    assert all(not successors(u) for u in all_units(era="current", level="province"))


def test_data_file_is_what_the_build_script_produces(tmp_path):
    out = tmp_path / "gazetteer.json"
    run = subprocess.run([sys.executable, str(BUILD_SCRIPT), "--out", str(out)],
                         capture_output=True, text=True, cwd=ROOT, check=False)
    assert run.returncode == 0, run.stderr
    assert "legacy provinces: 63" in run.stdout
    assert out.read_bytes() == DATA_FILE.read_bytes(), (
        "loaders/gazetteer.json is stale: run `.venv/bin/python scripts/build_gazetteer.py`"
    )


def test_stored_name_keys_are_what_name_key_computes():
    """The loader indexes names by the keys the file stores; they must be name_key's own."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    pairs = [pair for era in ("legacy", "current") for pair in zip(data[era]["name"], data[era]["key"])]
    assert len(pairs) > 14_000
    assert [(name, key) for name, key in pairs if key != name_key(name)] == []


def test_successors_are_the_pairs_of_the_file_in_order():
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))["succession"]
    expected: dict[str, list[str]] = {}
    for old, new in zip(data["legacy"], data["current"]):
        expected.setdefault(f"legacy:{old}", []).append(f"current:{new}")
    found = {u.id: [s.id for s in successors(u)] for u in all_units(era="legacy")}
    assert {k: v for k, v in found.items() if v} == expected


def test_index_finds_every_unit_by_its_name():
    index = gazetteer._gazetteer().by_key
    assert all(unit.id in index[name_key(unit.name)] for unit in all_units())


@pytest.mark.parametrize("unit_id", ["legacy:00001", "legacy:253", "current:01"],
                         ids=["commune", "district", "province"])
def test_equal_units_hash_alike(unit_id):
    unit = get_unit(unit_id)
    copy = dataclasses.replace(unit)
    assert copy is not unit and copy == unit and hash(copy) == hash(unit)
    assert {unit, copy} == {unit}


def test_data_file_is_small():
    assert DATA_FILE.stat().st_size < 2_000_000


def test_song_lo_district_is_in_vinh_phuc_and_passed_to_phu_tho():
    (district,) = find_units("Sông Lô", level="district")
    assert (district.kind, district.province_name, district.era) == ("huyện", "Vĩnh Phúc", "legacy")
    after = successors(district)
    assert after and {u.province_name for u in after} == {"Phú Thọ"}
    assert "Sông Lô" in {u.name for u in after}


def test_cau_ngang_district_is_in_tra_vinh_and_passed_to_vinh_long():
    (district,) = find_units("Cầu Ngang", level="district")
    assert district.province_name == "Trà Vinh"
    assert {u.province_name for u in successors(district)} == {"Vĩnh Long"}


def test_province_successor():
    (old,) = find_units("Vĩnh Phúc", level="province")
    assert [u.name for u in successors(old)] == ["Phú Thọ"]


def test_island_district_passes_to_its_special_zone():
    (district,) = find_units("Côn Đảo", level="district")
    assert [(u.kind, u.name) for u in successors(district)] == [("đặc khu", "Côn Đảo")]


def test_vinh_loc_town_has_two_legacy_candidates():
    found = find_units("Vĩnh Lộc", kind="thị trấn")
    assert [(u.era, u.district_name, u.province_name) for u in found] == [
        ("legacy", "Chiêm Hóa", "Tuyên Quang"),
        ("legacy", "Vĩnh Lộc", "Thanh Hóa"),
    ]


SPELLING_CASES = [
    ("accented", "Sông Lô"),
    ("without-diacritics", "Song Lo"),
    ("upper", "SÔNG LÔ"),
    ("wrong-mark-still-found", "Sông Lồ"),
]


@pytest.mark.parametrize("name", [c[1] for c in SPELLING_CASES], ids=[c[0] for c in SPELLING_CASES])
def test_name_matches_however_spelt(name):
    assert [u.province_name for u in find_units(name, level="district")] == ["Vĩnh Phúc"]


def test_exact_spelling_wins_over_a_name_differing_by_a_mark():
    # Two wards of thị xã Hương Trà (Huế) differ only by a mark.
    assert [u.name for u in find_units("Hương Văn", level="commune", on=SAMPLE_002_DAY)] == ["Hương Văn"]
    assert [u.name for u in find_units("Hương Vân", level="commune", on=SAMPLE_002_DAY)] == ["Hương Vân"]
    plain = find_units("Huong Van", level="commune", on=SAMPLE_002_DAY)
    assert {u.name for u in plain} == {"Hương Văn", "Hương Vân"}


FILTER_CASES = [
    ("before-reform-legacy-only", {"on": date(2024, 1, 1)}, {"legacy"}),
    ("after-reform-current-only", {"on": date(2025, 7, 1)}, {"current"}),
    ("last-legacy-day", {"on": date(2025, 6, 30)}, {"legacy"}),
]


@pytest.mark.parametrize(("filters", "eras"), [c[1:] for c in FILTER_CASES], ids=[c[0] for c in FILTER_CASES])
def test_validity_filter(filters, eras):
    found = find_units("Vĩnh Lộc", **filters)
    assert found and {u.era for u in found} == eras


WITHIN_CASES = [
    ("province-name", "Thanh Hóa"),
    ("province-with-prefix", "tỉnh Thanh Hóa"),
    ("province-code", "38"),
    ("district-name", "huyện Vĩnh Lộc"),
]


@pytest.mark.parametrize("scope", [c[1] for c in WITHIN_CASES], ids=[c[0] for c in WITHIN_CASES])
def test_within_filter(scope):
    found = find_units("Vĩnh Lộc", kind="thị trấn", within=scope)
    assert [(u.province_name, u.district_name) for u in found] == [("Thanh Hóa", "Vĩnh Lộc")]


def test_within_accepts_a_unit():
    (province,) = find_units("Tuyên Quang", level="province", on=SAMPLE_002_DAY)
    assert [u.district_name for u in find_units("Vĩnh Lộc", within=province)] == ["Chiêm Hóa"]


def test_kind_thanh_pho_covers_centrally_governed_cities():
    name, kind = strip_unit_prefix("TP. Hồ Chí Minh")
    found = find_units(name, kind=kind, on=date(2024, 1, 1))
    assert [(u.level, u.kind) for u in found] == [("province", "thành phố trực thuộc trung ương")]


def test_unknown_name_has_no_candidates():
    assert find_units("Xứ Sở Thần Tiên") == []
    resolution = resolve_issuer_place("district", "Xứ Sở Thần Tiên")
    assert (resolution.unit, resolution.candidates, resolution.confident) == (None, (), False)
    assert "no unit named" in resolution.reason


def test_get_unit_by_id():
    assert get_unit("legacy:253").name == "Sông Lô"
    with pytest.raises(KeyError):
        get_unit("legacy:nope")


def test_docstring_examples_run():
    result = doctest.testmod(gazetteer, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
