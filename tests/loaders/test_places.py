"""The gazetteer and place resolution: folding, the data file, succession, and the issuer of a
document when its name repeats (sample 002's thị trấn Vĩnh Lộc)."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.loaders import places
from policykg.loaders.places import (
    ANCHORS,
    all_units,
    ancestors,
    find_units,
    fold,
    gazetteer_meta,
    get_unit,
    name_key,
    resolve_issuer_place,
    strip_unit_prefix,
    successors,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_002 = ROOT / "samples" / "002_d08887a8a251daf5.txt"
BUILD_SCRIPT = ROOT / "scripts" / "build_gazetteer.py"
DATA_FILE = ROOT / "loaders" / "gazetteer.json"
#: Loading the data file must stay fast enough to do in every process that needs a place.
LOAD_BUDGET_SECONDS = 0.3
#: The date of sample 002 (29/5/2020), before the 2025 reform.
SAMPLE_002_DAY = date(2020, 5, 29)


# --- names ------------------------------------------------------------------------------------

FOLD_CASES = [
    ("accented", "Sông Lô", "song lo"),
    ("upper", "SÔNG LÔ", "song lo"),
    ("plain", "Song Lo", "song lo"),
    ("d-stroke", "Đắk Lắk", "dak lak"),
    ("old-tone-placement", "Hoà Bình", "hoa binh"),
    ("new-tone-placement", "Hòa Bình", "hoa binh"),
    ("hyphen-spaced", "Bà Rịa - Vũng Tàu", "ba ria vung tau"),
    ("hyphen-tight", "Bà Rịa-Vũng Tàu", "ba ria vung tau"),
    ("extra-spaces", "  Vĩnh\n Lộc ", "vinh loc"),
    ("decomposed-input", "Vi\u0303nh Lo\u0323\u0302c", "vinh loc"),
    ("digits", "Phường 12", "phuong 12"),
    ("empty", "", ""),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in FOLD_CASES], ids=[c[0] for c in FOLD_CASES])
def test_fold(text, expected):
    assert fold(text) == expected


PREFIX_CASES = [
    ("H-dot", "H. Sông Lô", ("Sông Lô", "huyện")),
    ("huyen", "huyện Sông Lô", ("Sông Lô", "huyện")),
    ("Huyen-capital", "Huyện Sông Lô", ("Sông Lô", "huyện")),
    ("HUYEN-upper", "HUYỆN SÔNG LÔ", ("SÔNG LÔ", "huyện")),
    ("huyen-ascii", "huyen Song Lo", ("Song Lo", "huyện")),
    ("TT-dot", "TT. Vĩnh Lộc", ("Vĩnh Lộc", "thị trấn")),
    ("TT-dot-tight", "TT.Vĩnh Lộc", ("Vĩnh Lộc", "thị trấn")),
    ("thi-tran", "thị trấn Vĩnh Lộc", ("Vĩnh Lộc", "thị trấn")),
    ("TP-space", "TP Vĩnh Yên", ("Vĩnh Yên", "thành phố")),
    ("TP-dot", "TP. Hồ Chí Minh", ("Hồ Chí Minh", "thành phố")),
    ("thanh-pho", "thành phố Vĩnh Yên", ("Vĩnh Yên", "thành phố")),
    ("tinh", "tỉnh Vĩnh Phúc", ("Vĩnh Phúc", "tỉnh")),
    ("thi-xa", "thị xã Phú Thọ", ("Phú Thọ", "thị xã")),
    ("quan-number", "Quận 1", ("1", "quận")),
    ("phuong", "phường Ba Đình", ("Ba Đình", "phường")),
    ("xa", "xã Vĩnh Thành", ("Vĩnh Thành", "xã")),
    ("dac-khu", "đặc khu Phú Quốc", ("Phú Quốc", "đặc khu")),
    ("no-prefix", "Sông Lô", ("Sông Lô", None)),
    ("name-like-quan", "Quan Sơn", ("Quan Sơn", None)),  # a district of Thanh Hóa, not quận Sơn
    ("name-like-xa", "Xà Phiên", ("Xà Phiên", None)),
    ("name-like-tinh", "Tịnh Biên", ("Tịnh Biên", None)),
    ("prefix-only", "huyện", ("huyện", None)),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in PREFIX_CASES], ids=[c[0] for c in PREFIX_CASES])
def test_strip_unit_prefix(text, expected):
    assert strip_unit_prefix(text) == expected


NAME_KEY_CASES = [
    ("roman-numeral", "Phường IV", "Phường 4"),
    ("roman-suffix", "Tam Xuân II", "Tam Xuân 2"),
    ("final-y-i", "Thuận Quý", "Thuận Quí"),
    ("state-farm", "NT Liên Sơn", "Nông trường Liên Sơn"),
    ("spacing", "EaBar", "Ea Bar"),
]


@pytest.mark.parametrize(("one", "other"), [c[1:] for c in NAME_KEY_CASES], ids=[c[0] for c in NAME_KEY_CASES])
def test_name_key_merges_spelling_variants(one, other):
    assert name_key(one) == name_key(other)


def test_name_key_keeps_syllables_that_look_roman():
    assert name_key("Bạch Long Vĩ") == "bachlongvi"


@given(st.text())
def test_fold_is_idempotent_and_total(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert folded == folded.strip() and "  " not in folded


@given(st.text())
def test_name_helpers_never_raise(text):
    name, kind = strip_unit_prefix(text)
    assert kind is None or kind in places.KINDS
    assert isinstance(name_key(text), str)
    assert isinstance(find_units(text), list)


# --- the data file ----------------------------------------------------------------------------

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


def test_data_file_is_small():
    assert DATA_FILE.stat().st_size < 2_000_000


def test_loading_is_fast():
    best = float("inf")
    for _ in range(3):  # best of three: a busy machine should not fail the suite
        places._gazetteer.cache_clear()
        start = time.perf_counter()
        places._gazetteer()
        best = min(best, time.perf_counter() - start)
    assert best < LOAD_BUDGET_SECONDS


# --- finding units and succession -------------------------------------------------------------

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


# --- resolving the issuer -----------------------------------------------------------------------

def test_unique_issuer_is_confident():
    resolution = resolve_issuer_place("district", "huyện Sông Lô", on=date(2022, 6, 1))
    assert resolution.confident and "unique" in resolution.reason
    assert (resolution.district, resolution.province) == ("Sông Lô", "Vĩnh Phúc")


def test_sample_002_resolves_to_thanh_hoa_by_its_evidence():
    text = SAMPLE_002.read_text(encoding="utf-8")
    resolution = resolve_issuer_place("commune", "Vĩnh Lộc", kind="thị trấn", on=SAMPLE_002_DAY, text=text)
    assert resolution.confident
    assert (resolution.unit.id, resolution.district, resolution.province) == (
        "legacy:15349", "Vĩnh Lộc", "Thanh Hóa")
    assert {c.unit.province_name for c in resolution.candidates} == {"Thanh Hóa", "Tuyên Quang"}
    assert "Thành nhà Hồ" in resolution.reason and "Vĩnh Thành" in resolution.reason
    assert resolution.candidates[0].score > resolution.candidates[1].score == 0


UNSURE_CASES = [
    ("no-text", ""),
    ("no-evidence", "Ủy ban nhân dân thị trấn Vĩnh Lộc xây dựng kế hoạch thực hiện Nghị quyết."),
    ("tied-evidence", "Đoàn công tác của tỉnh Thanh Hóa và tỉnh Tuyên Quang làm việc tại thị trấn Vĩnh Lộc."),
    ("weak-evidence", "Học tập kinh nghiệm của huyện Hàm Yên."),  # another district of Tuyên Quang: +1
]


@pytest.mark.parametrize("text", [c[1] for c in UNSURE_CASES], ids=[c[0] for c in UNSURE_CASES])
def test_ambiguous_issuer_without_clear_evidence_is_not_confident(text):
    resolution = resolve_issuer_place("commune", "thị trấn Vĩnh Lộc", on=SAMPLE_002_DAY, text=text)
    assert not resolution.confident and resolution.unit is None
    assert len(resolution.candidates) == 2
    assert "Chiêm Hóa" in resolution.reason and "Vĩnh Lộc, Thanh Hóa" in resolution.reason


EVIDENCE_CASES = [
    ("district-named", "UBND thị trấn Vĩnh Lộc, huyện Chiêm Hóa", "Tuyên Quang"),
    ("province-named", "THỊ TRẤN VĨNH LỘC, TỈNH THANH HÓA", "Thanh Hóa"),
    ("sibling-commune", "phối hợp với xã Vĩnh Hùng và xã Vĩnh Tiến", "Thanh Hóa"),
]


@pytest.mark.parametrize(("text", "province"), [c[1:] for c in EVIDENCE_CASES], ids=[c[0] for c in EVIDENCE_CASES])
def test_named_units_around_a_candidate_are_evidence(text, province):
    resolution = resolve_issuer_place("commune", "thị trấn Vĩnh Lộc", on=SAMPLE_002_DAY, text=text)
    assert resolution.confident and resolution.province == province


FALSE_EVIDENCE_CASES = [
    ("lower-case-word", "thị trấn Vĩnh Lộc; xây dựng xã hội học tập, quan tâm đến huyện hàm yên"),
    ("longer-name", "thị trấn Vĩnh Lộc; tham quan xã Vĩnh Hùng Mạnh"),
    ("across-punctuation", "thị trấn Vĩnh Lộc; các huyện, Chiêm Hóa"),
]


@pytest.mark.parametrize("text", [c[1] for c in FALSE_EVIDENCE_CASES], ids=[c[0] for c in FALSE_EVIDENCE_CASES])
def test_words_that_only_look_like_places_are_not_evidence(text):
    resolution = resolve_issuer_place("commune", "thị trấn Vĩnh Lộc", on=SAMPLE_002_DAY, text=text)
    assert [c.score for c in resolution.candidates] == [0, 0]


def test_resolution_is_deterministic():
    text = SAMPLE_002.read_text(encoding="utf-8")
    first = resolve_issuer_place("commune", "thị trấn Vĩnh Lộc", text=text)
    assert resolve_issuer_place("commune", "thị trấn Vĩnh Lộc", text=text) == first


def test_every_anchor_places_a_text():
    placed = places._anchor_places()
    assert len(placed) == len(ANCHORS)
    assert all(ids for _anchor, ids, _weight in placed)


def test_docstring_examples_hold():
    import doctest

    result = doctest.testmod(places, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
