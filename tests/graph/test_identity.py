"""Canonical ids: readable, scoped by body, jurisdiction and year, unique over the gazetteer."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.graph.identity import (
    CENTRAL,
    body_slug,
    document_id,
    era_on,
    issuer_code,
    jurisdiction_for_code,
    named_document_id,
    resolve_jurisdiction,
    slugify,
    symbol_year,
    unit_slug,
)
from policykg.loaders.places import all_units, find_units

SONG_LO = resolve_jurisdiction("district", "Vĩnh Phúc", "Sông Lô", None)
QUANG_NINH = resolve_jurisdiction("province", "Quảng Ninh", None, None)
CAU_NGANG = resolve_jurisdiction("district", "Trà Vinh", "Cầu Ngang", None)
VINH_LOC_THANH_HOA = resolve_jurisdiction("commune", "Thanh Hóa", "Vĩnh Lộc", "Vĩnh Lộc")


def _cited(symbol: str, year: int, context) -> str:
    code = issuer_code(symbol)
    return document_id(body_slug(code, jurisdiction_for_code(code, context)), year, symbol)


@pytest.mark.parametrize(("symbol", "year", "context", "expected"), [
    pytest.param("12-NQ/TU", 2020, SONG_LO, "vn/tinh-uy-vinh-phuc/2020/12-nq-tu", id="TU-from-a-district-is-its-province"),
    pytest.param("12-NQ/TU", 2020, QUANG_NINH, "vn/tinh-uy-quang-ninh/2020/12-nq-tu", id="another-province-another-node"),
    pytest.param("12-NQ/TW", 2022, SONG_LO, "vn/trung-uong-dang/2022/12-nq-tw", id="TW-is-central-whoever-cites"),
    pytest.param("92/KH-UBND", 2022, CAU_NGANG, "vn/ubnd-huyen-cau-ngang/2022/92-kh-ubnd", id="UBND-of-the-district"),
    pytest.param("78/NQ-CP", 2022, CAU_NGANG, "vn/chinh-phu/2022/78-nq-cp", id="government"),
    pytest.param("74/2022/QH15", 2022, None, "vn/quoc-hoi/2022/74-2022-qh15", id="national-assembly-with-term"),
    pytest.param("01-NQ/ĐU", 2020, VINH_LOC_THANH_HOA, "vn/dang-uy-thi-tran-vinh-loc-thanh-hoa/2020/01-nq-du", id="commune-party-committee"),
])
def test_document_ids(symbol, year, context, expected):
    assert _cited(symbol, year, context) == expected


def test_three_twelves_are_three_documents():
    ids = {_cited("12-NQ/TU", 2020, SONG_LO), _cited("12-NQ/TU", 2020, QUANG_NINH), _cited("12-NQ/TW", 2020, SONG_LO)}
    assert len(ids) == 3


def test_the_same_number_in_another_year_is_another_document():
    # State documents restart numbering each year, Party documents each term: the year splits both.
    assert _cited("12-NQ/TU", 2016, SONG_LO) != _cited("12-NQ/TU", 2021, SONG_LO)
    assert document_id("chinh-phu", None, "28-NQ/TW").split("/")[2] == "undated"


@pytest.mark.parametrize(("symbol", "year"), [
    pytest.param("150/2020/NĐ-CP", 2020, id="decree"), pytest.param("06/2023/NQ-HĐND", 2023, id="council"),
    pytest.param("12-NQ/TU", None, id="party-has-none"), pytest.param("91/KH-UBND", None, id="plan-has-none"),
])
def test_symbol_year(symbol, year):
    assert symbol_year(symbol) == year


def test_two_vinh_loc_townships_get_two_slugs():
    thanh_hoa, tuyen_quang = (find_units("Vĩnh Lộc", kind="thị trấn", within=p)[0] for p in ("Thanh Hóa", "Tuyên Quang"))
    assert unit_slug(thanh_hoa) == "thi-tran-vinh-loc-thanh-hoa"
    assert unit_slug(tuyen_quang) != unit_slug(thanh_hoa)


@pytest.mark.parametrize("era", ["legacy", "current"])
def test_unit_slugs_are_unique_per_level_over_the_whole_gazetteer(era):
    slugs = [(u.level, unit_slug(u)) for u in all_units(era=era)]
    assert len(slugs) == len(set(slugs)) > 3000


@pytest.mark.parametrize(("names", "level", "code"), [
    pytest.param(("Vĩnh Phúc", "Sông Lô", None), "district", "253", id="song-lo"),
    pytest.param(("Trà Vinh", "Cầu Ngang", None), "district", "848", id="cau-ngang"),
    pytest.param(("Thanh Hóa", "Vĩnh Lộc", "Vĩnh Lộc"), "commune", None, id="vinh-loc-in-thanh-hoa"),
    pytest.param(("Song Lo", None, None), "province", None, id="not-a-province"),
    pytest.param(("tỉnh Vĩnh Phúc", "H. Sông Lô", None), "district", "253", id="abbreviated-prefix"),
    pytest.param(("Vinh Phuc", "huyen Song Lo", None), "district", "253", id="no-diacritics"),
    pytest.param(("VĨNH PHÚC", "SÔNG LÔ", None), "district", "253", id="upper-case"),
])
def test_resolve_jurisdiction(names, level, code):
    found = resolve_jurisdiction(level, *names)
    if code is None and level == "province":
        assert found.unit is None and found.slug == "khong-ro"
    elif code is None:
        assert found.unit.province_name == "Thanh Hóa" and found.unit.district_name == "Vĩnh Lộc"
    else:
        assert found.unit.code == code


def test_jurisdiction_goes_up_not_down():
    assert SONG_LO.at("province").unit.name == "Vĩnh Phúc"
    assert SONG_LO.at("commune") == SONG_LO  # "UBND các xã" of a district plan belong to the district
    assert SONG_LO.at("central") == CENTRAL


def test_dates_pick_the_era():
    from datetime import date
    assert (era_on(date(2025, 6, 30)), era_on(date(2025, 7, 1)), era_on(None)) == ("legacy", "current", "legacy")


def test_named_documents_are_scoped_and_bounded():
    short = named_document_id("tinh-vinh-phuc", "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII")
    assert short == "vn/tinh-vinh-phuc/named/nghi-quyet-dai-hoi-dang-bo-tinh-lan-thu-xvii"
    long_name = "Chương trình " + "phát triển kinh tế xã hội " * 10
    assert len(named_document_id("viet-nam", long_name)) < 120
    assert named_document_id("viet-nam", long_name) != named_document_id("viet-nam", long_name + "x")


@given(st.text(max_size=80))
def test_slugs_are_ascii_words(text):
    slug = slugify(text)
    assert re.fullmatch(r"(?:[a-z0-9]+(?:-[a-z0-9]+)*)?", slug)
    assert slugify(slug) == slug
