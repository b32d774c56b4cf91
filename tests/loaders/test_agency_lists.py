"""Agency lists split into agencies (agency_lists.py)."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders import agency_lists as L
from policykg.loaders.agency_lists import KNOWN_COMPOUND_NAMES, split_agencies

SPLITS = [
    pytest.param(
        "Phòng Tài chính - Kế hoạch, Phòng Nội vụ và UBND các xã",
        ["Phòng Tài chính - Kế hoạch", "Phòng Nội vụ", "UBND các xã"],
        id="coordinated-list",
    ),
    pytest.param("Phòng Lao động - Thương binh và Xã hội", ["Phòng Lao động - Thương binh và Xã hội"], id="ldtbxh"),
    pytest.param("Sở Kế hoạch và Đầu tư, Sở Tài chính", ["Sở Kế hoạch và Đầu tư", "Sở Tài chính"], id="khdt"),
    pytest.param("Phòng Giáo dục và Đào tạo", ["Phòng Giáo dục và Đào tạo"], id="gddt"),
    pytest.param(
        "Sở Tài nguyên và Môi trường và Sở Văn hóa, Thể thao và Du lịch",
        ["Sở Tài nguyên và Môi trường", "Sở Văn hóa, Thể thao và Du lịch"],
        id="two-compounds-joined-by-va",
    ),
    pytest.param("Văn phòng HĐND và UBND huyện", ["Văn phòng HĐND và UBND huyện"], id="known-compound-with-head-word"),
    pytest.param("Phòng LĐTB&XH, Sở KH&ĐT và UBMTTQ", ["Phòng LĐTB&XH", "Sở KH&ĐT", "UBMTTQ"], id="abbreviations-kept"),
    pytest.param("UBND các xã, thị trấn", ["UBND các xã, thị trấn"], id="place-collective-continues"),
    pytest.param("các sở, ban, ngành, địa phương", ["các sở, ban, ngành", "địa phương"], id="org-collective-continues"),
    pytest.param(
        "Hội nông dân, hội cựu chiến binh, hội phụ nữ, đoàn thanh niên",
        ["Hội nông dân", "hội cựu chiến binh", "hội phụ nữ", "đoàn thanh niên"],
        id="lower-case-mass-organisations",
    ),
    pytest.param(
        "Các tổ chức hội, đoàn thể chính trị xã hội",
        ["Các tổ chức hội, đoàn thể chính trị xã hội"],
        id="collective-with-qualifier",
    ),
    pytest.param(
        "Giám đốc, Thủ trưởng các sở, ban, ngành, Chủ tịch UBND các huyện, thành phố",
        ["Giám đốc, Thủ trưởng các sở, ban, ngành", "Chủ tịch UBND các huyện, thành phố"],
        id="bare-title-joins-the-next",
    ),
    pytest.param(
        "Sở Lao động - Thương binh và Xã hội, các địa phương, đơn vị",
        ["Sở Lao động - Thương binh và Xã hội", "các địa phương", "đơn vị"],
        id="generic-body-after-localities",
    ),
    pytest.param("Trung tâm Văn hóa, thể thao, thông tin", ["Trung tâm Văn hóa, thể thao, thông tin"], id="name-continues"),
    pytest.param("SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH, Sở Y tế", ["SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "Sở Y tế"], id="upper-case-compound"),
    pytest.param("các sở, ngành và", ["các sở, ngành"], id="dangling-va"),
    pytest.param(
        "các sở, ban, ngành, đoàn thể Thành phố, Ủy ban nhân dân phường, xã, đặc khu, báo, đài và các đơn vị có liên quan",
        ["các sở, ban, ngành, đoàn thể Thành phố", "Ủy ban nhân dân phường, xã, đặc khu", "báo, đài",
         "các đơn vị có liên quan"],
        id="city-level-collective-and-the-press",
    ),
    pytest.param("các Bộ, ngành Trung ương", ["các Bộ, ngành Trung ương"], id="central-level-collective"),
    pytest.param("sở, ban, ngành, đoàn thể Thành phố", ["sở, ban, ngành, đoàn thể Thành phố"], id="collective-without-cac"),
    pytest.param("Báo Quảng Ninh, Đài Phát thanh và Truyền hình tỉnh",
                 ["Báo Quảng Ninh", "Đài Phát thanh và Truyền hình tỉnh"], id="named-press-bodies-stay-apart"),
]


@pytest.mark.parametrize(("phrase", "expected"), SPLITS)
def test_split_agencies(phrase, expected):
    assert split_agencies(phrase) == expected


_NAMES = st.sampled_from([*KNOWN_COMPOUND_NAMES, "Sở", "Phòng", ", ", " và ", "VÀ", "  ", "\n", "İ", "x"])


@settings(max_examples=400, deadline=None)
@given(st.lists(_NAMES, max_size=8).map(" ".join).map(lambda s: s.swapcase() if len(s) % 3 == 0 else s))
def test_compounds_on_lowercase_agree_with_the_pattern(phrase: str) -> None:
    want = [m.span() for m in L._caseless().compound.finditer(phrase, 0, len(phrase))]
    assert L._find_compounds(L._Words.of(phrase, 0, len(phrase)), len(phrase)) == want


def test_dangling_last_letters_cover_every_case_form() -> None:
    letters = re.compile("[àgi]", re.I)
    chars = (chr(i) for i in range(sys.maxunicode + 1) if not 0xD800 <= i <= 0xDFFF)
    assert [c for c in chars if letters.fullmatch(c) and c not in L.DANGLING_LAST] == []


_LIST = st.lists(st.sampled_from([
    "Sở Y tế", "UBND các xã", "thị trấn", "các sở", "ban", "ngành", "Cục Thuế", "cục thuế",
    "Trường học", "Giám đốc", "Thủ trưởng", "đơn vị", "Văn hóa, Thể thao và Du lịch", ", ", "; ",
    " và ", " cùng ", "_", "Đoàn thể", "xã", "Phòng Nội vụ", "Thanh tra", "thanh tra", "İ"]),
    max_size=10).map("".join)


@settings(max_examples=400, deadline=None)
@given(_LIST)
def test_lowercased_lists_split_as_written(phrase: str) -> None:
    """Pieces read on the lowercased list (re.I patterns' twins) split as on the list itself."""
    n = len(phrase)
    as_written = L._split_words(L._Words(phrase, 0, None), n)
    assert L._split_words(L._Words.of(phrase, 0, n), n) == as_written


_CONTEXT = st.sampled_from(["", " ", "và ", "Giao ", ", ", "các ", "x", "\n", "(", " chủ trì"])


@settings(max_examples=400, deadline=None)
@given(_CONTEXT, _LIST, _CONTEXT)
def test_a_list_splits_alike_wherever_it_stands(before: str, phrase: str, after: str) -> None:
    """The remembered split of the words alone is the split in place: nothing outside is read."""
    text = before + phrase + after
    start, end = len(before), len(before) + len(phrase)
    paren = text.find("(", start, end)
    stop = paren if paren > start else end
    in_place = L._split_words(L._Words.of(text, start, stop), stop)
    assert L.split_agency_list(text, start, end) == in_place
    assert L.split_agency_list(text, start, end) == in_place  # the second time from the cache
