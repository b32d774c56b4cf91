"""Agency name resolution (graph/agencies.py): the real agencies of the five samples, variants
that must share a key, levels, groups, and properties over arbitrary text."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from policykg.graph.agencies import (
    ABBREVIATIONS,
    DEPARTMENTS,
    AgencyName,
    agency_key,
    resolve_agency,
)

D, P, C, X = "district", "province", "commune", "central"

# (written, document level, canonical name, level, collective): every distinct agency the
# loaders extract from the five samples, as they write it, with the document's level.
SAMPLE_AGENCIES = [
    # 000 Sông Lô (district)
    ("Thủ trưởng các Phòng, ban, ngành, đoàn thể", D, "Các phòng, ban, ngành, đoàn thể", D, True),
    ("Chủ tịch UBND các xã, thị trấn", D, "Ủy ban nhân dân cấp xã", C, True),
    (
        "Trung tâm Văn hóa, thể thao, thông tin",
        D,
        "Trung tâm Văn hóa, Thông tin và Thể thao",
        D,
        False,
    ),
    ("Văn phòng HĐND - UBND huyện", D, "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", D, False),
    ("Văn phòng HĐND-UBND huyện", D, "Văn phòng Hội đồng nhân dân và Ủy ban nhân dân", D, False),
    ("UBND các xã, thị trấn", D, "Ủy ban nhân dân cấp xã", C, True),
    ("Các cơ quan, đơn vị trong huyện", D, "Các cơ quan, đơn vị liên quan", D, True),
    ("Hội Phụ nữ", D, "Hội Liên hiệp Phụ nữ", D, False),
    ("hội phụ nữ", D, "Hội Liên hiệp Phụ nữ", D, False),
    ("Đoàn Thanh niên", D, "Đoàn Thanh niên Cộng sản Hồ Chí Minh", D, False),
    ("đoàn thanh niên", D, "Đoàn Thanh niên Cộng sản Hồ Chí Minh", D, False),
    ("Hội nông dân", D, "Hội Nông dân", D, False),
    ("Hội Cựu chiến binh huyện", D, "Hội Cựu chiến binh", D, False),
    ("hội cựu chiến binh", D, "Hội Cựu chiến binh", D, False),
    ("Phòng Kinh tế hạ tầng", D, "Phòng Kinh tế và Hạ tầng", D, False),
    ("Phòng Giáo dục và Đào tạo", D, "Phòng Giáo dục và Đào tạo", D, False),
    ("Trung tâm Y tế", D, "Trung tâm Y tế", D, False),
    (
        "Phòng Nông nghiệp và Phát triển nông thôn",
        D,
        "Phòng Nông nghiệp và Phát triển nông thôn",
        D,
        False,
    ),
    ("Phòng Văn hóa Thông tin", D, "Phòng Văn hóa và Thông tin", D, False),
    ("Phòng Văn hóa và Thông tin", D, "Phòng Văn hóa và Thông tin", D, False),
    ("Phòng Tài nguyên và Môi trường", D, "Phòng Tài nguyên và Môi trường", D, False),
    ("Phòng Tài chính - Kế hoạch", D, "Phòng Tài chính - Kế hoạch", D, False),
    ("Phòng Nội vụ", D, "Phòng Nội vụ", D, False),
    ("Phòng Lao động Thương bình và Xã hội", D, "Phòng Lao động - Thương binh và Xã hội", D, False),
    ("Công An huyện", D, "Công an", D, False),
    ("Các Phòng, ban, ngành khác", D, "Các phòng, ban, ngành", D, True),
    ("Các tổ chức hội, đoàn thể chính trị xã hội", D, "Các tổ chức chính trị - xã hội", D, True),
    ("Thủ trưởng các Phòng, ban, ngành", D, "Các phòng, ban, ngành", D, True),
    ("các đơn vị liên quan", D, "Các cơ quan, đơn vị liên quan", D, True),
    ("Mặt trận Tổ quốc Việt Nam huyện", D, "Ủy ban Mặt trận Tổ quốc Việt Nam", D, False),
    ("các tổ chức chính trị - xã hội", D, "Các tổ chức chính trị - xã hội", D, True),
    # 004 Cầu Ngang (district)
    ("Các phòng, ban ngành huyện", D, "Các phòng, ban, ngành", D, True),
    ("Thủ trưởng các phòng, ban ngành trực thuộc", D, "Các phòng, ban, ngành", D, True),
    ("Ủy ban nhân dân xã, thị trấn", D, "Ủy ban nhân dân cấp xã", C, True),
    ("Ủy ban nhân dân các xã, thị trấn", D, "Ủy ban nhân dân cấp xã", C, True),
    (
        "Trung tâm Văn hóa – Thông tin và Thể thao",
        D,
        "Trung tâm Văn hóa, Thông tin và Thể thao",
        D,
        False,
    ),
    ("các cơ quan, đơn vị có liên quan", D, "Các cơ quan, đơn vị liên quan", D, True),
    # 001 Quảng Ninh and 003 Vĩnh Phúc (province)
    ("Sở Lao động - Thương binh và Xã hội", P, "Sở Lao động - Thương binh và Xã hội", P, False),
    ("Sở Y tế", P, "Sở Y tế", P, False),
    ("Sở Giáo dục và Đào tạo", P, "Sở Giáo dục và Đào tạo", P, False),
    ("Sở Xây dựng", P, "Sở Xây dựng", P, False),
    ("Sở Tài nguyên và Môi trường", P, "Sở Tài nguyên và Môi trường", P, False),
    (
        "Sở Nông nghiệp và Phát triển nông thôn",
        P,
        "Sở Nông nghiệp và Phát triển nông thôn",
        P,
        False,
    ),
    ("Sở Kế hoạch và Đầu tư", P, "Sở Kế hoạch và Đầu tư", P, False),
    ("Sở Tài chính", P, "Sở Tài chính", P, False),
    ("Sở Thông tin Truyền thông", P, "Sở Thông tin và Truyền thông", P, False),
    ("Sở Thông tin và Truyền thông", P, "Sở Thông tin và Truyền thông", P, False),
    ("Mặt trận Tổ quốc", P, "Ủy ban Mặt trận Tổ quốc Việt Nam", P, False),
    ("Ủy ban Mặt trận Tổ quốc", P, "Ủy ban Mặt trận Tổ quốc Việt Nam", P, False),
    ("các tổ chức chính trị - xã hội các cấp", P, "Các tổ chức chính trị - xã hội", P, True),
    ("Hội đoàn thể liên quan", P, "Các tổ chức chính trị - xã hội", P, True),
    ("các sở, ngành", P, "Các sở, ban, ngành", P, True),
    ("các Sở, ngành liên quan", P, "Các sở, ban, ngành", P, True),
    ("Sở, ngành liên quan", P, "Các sở, ban, ngành", P, True),
    ("các sở, ban, ngành", P, "Các sở, ban, ngành", P, True),
    ("Thủ trưởng các Sở, ban, ngành", P, "Các sở, ban, ngành", P, True),
    ("Giám đốc, Thủ trưởng các sở, ban, ngành", P, "Các sở, ban, ngành", P, True),
    ("Chủ tịch UBND các huyện, thành phố", P, "Ủy ban nhân dân cấp huyện", D, True),
    ("Ủy ban nhân dân các huyện, thị xã, thành phố", P, "Ủy ban nhân dân cấp huyện", D, True),
    ("Ủy ban nhân dân các địa phương", P, "Ủy ban nhân dân cấp huyện", D, True),
    ("địa phương", P, "Các địa phương", D, True),
    ("các địa phương", P, "Các địa phương", D, True),
    ("đơn vị", P, "Các cơ quan, đơn vị liên quan", P, True),
    ("các cơ quan, tổ chức, đơn vị", P, "Các cơ quan, đơn vị liên quan", P, True),
    ("các Bộ, ngành Trung ương", P, "Các bộ, ngành", X, True),
    # 002 Vĩnh Lộc (commune)
    ("Văn phòng UBND thị trấn", C, "Văn phòng Ủy ban nhân dân", C, False),
    ("Ủy ban MTTQ", C, "Ủy ban Mặt trận Tổ quốc Việt Nam", C, False),
    ("công chức chuyên môn", C, "Các công chức chuyên môn", C, True),
    ("bộ phận", C, "Các cơ quan, đơn vị liên quan", C, True),
    ("các ngành", C, "Các ngành", C, True),
    ("các đoàn thể", C, "Các tổ chức chính trị - xã hội", C, True),
    ("các tổ chức đoàn thể, cá ngành liên quan", C, "Các tổ chức chính trị - xã hội", C, True),
    ("các cơ quan chức năng", C, "Các cơ quan, đơn vị liên quan", C, True),
    ("các trung tâm đào tạo nghề", C, "Các trung tâm đào tạo nghề", C, True),
]


@pytest.mark.parametrize(
    ("written", "document_level", "name", "level", "collective"),
    [pytest.param(*case, id=f"{case[1][:4]}:{case[0]}") for case in SAMPLE_AGENCIES],
)
def test_sample_agencies_resolve(written, document_level, name, level, collective):
    found = resolve_agency(written, document_level=document_level)
    assert found is not None
    assert (found.name, found.level, found.collective) == (name, level, collective)
    assert found.key == agency_key(name)
    assert found.written == written


# Spellings of one agency that must share a key: abbreviations, spacing, tone placement, case,
# place words and heads' titles.
SAME_AGENCY = [
    pytest.param(
        [
            "Phòng LĐTB&XH",
            "Phòng LĐ-TB&XH",
            "Phòng Lao động - Thương binh và Xã hội",
            "Phòng Lao động-Thương binh và Xã hội",
            "phòng lao động, thương binh và xã hội",
            "Phòng LĐTBXH huyện Sông Lô",
        ],
        D,
        id="phong-ldtbxh",
    ),
    pytest.param(
        [
            "Sở KH&ĐT",
            "Sở KHĐT",
            "Sở Kế hoạch và Đầu tư tỉnh Quảng Ninh",
            "Giám đốc Sở Kế hoạch và Đầu tư",
        ],
        P,
        id="so-khdt",
    ),
    pytest.param(
        [
            "UBMTTQ",
            "Ủy ban MTTQ",
            "Uỷ ban Mặt trận Tổ quốc Việt Nam xã",
            "MTTQ",
            "UBMTTQVN thị trấn",
        ],
        C,
        id="mttq",
    ),
    pytest.param(["Sở TN&MT", "Sở TNMT", "Sở Tài nguyên và Môi trường"], P, id="so-tnmt"),
    pytest.param(
        ["Sở VH-TT&DL", "Sở VHTTDL", "Sở Văn hoá, Thể thao và Du lịch"], P, id="so-vhttdl"
    ),
    pytest.param(
        ["Phòng GD&ĐT", "Phòng GDĐT", "Phòng Giáo dục và Đào tạo huyện"], D, id="phong-gddt"
    ),
    pytest.param(
        ["Phòng NN&PTNT", "Phòng Nông nghiệp và Phát triển nông thôn"], D, id="phong-nnptnt"
    ),
    pytest.param(["Phòng TC-KH", "Phòng TCKH", "Phòng Tài chính - Kế hoạch"], D, id="phong-tckh"),
    pytest.param(["Phòng NV", "Phòng Nội vụ"], D, id="phong-nv"),
    pytest.param(["Phòng YT", "Phòng Y tế", "Trưởng phòng Y tế"], D, id="phong-yt"),
    pytest.param(["Hội LHPN", "HLHPN", "Hội Phụ nữ", "Hội Liên hiệp Phụ nữ huyện"], D, id="phu-nu"),
    pytest.param(["ĐTN", "Đoàn TNCS Hồ Chí Minh", "Đoàn Thanh niên"], D, id="doan"),
    pytest.param(["Hội CCB", "Hội Cựu chiến binh"], D, id="ccb"),
    pytest.param(["BHXH huyện", "Bảo hiểm xã hội huyện"], D, id="bhxh"),
    pytest.param(["KBNN", "Kho bạc Nhà nước tỉnh"], P, id="kbnn"),
    pytest.param(
        ["UBND tỉnh", "Ủy ban nhân dân tỉnh Hoà Bình", "UỶ BAN NHÂN DÂN TỈNH"], P, id="ubnd-tinh"
    ),
    pytest.param(["Sở Y tế", "Sở Y tế tỉnh Vĩnh Phúc", "Sở Y tế Quảng Ninh"], P, id="so-y-te"),
]


@pytest.mark.parametrize(("spellings", "document_level"), SAME_AGENCY)
def test_spellings_of_one_agency_share_a_key(spellings, document_level):
    found = [resolve_agency(s, document_level=document_level) for s in spellings]
    assert all(f is not None for f in found)
    assert len({f.key for f in found}) == 1, [(f.written, f.key) for f in found]
    assert len({f.level for f in found}) == 1


@pytest.mark.parametrize(
    ("written", "document_level", "level"),
    [
        pytest.param("Bộ Y tế", P, X, id="bo-is-central"),
        pytest.param("Thủ tướng Chính phủ", C, X, id="thu-tuong"),
        pytest.param("Văn phòng Chính phủ", P, X, id="vpcp"),
        pytest.param("Sở KH&ĐT", D, P, id="so-in-district-plan"),
        pytest.param("UBND tỉnh", C, P, id="ubnd-tinh-in-commune"),
        pytest.param("Tỉnh ủy", D, P, id="tinh-uy"),
        pytest.param("Tỉnh đoàn", D, P, id="tinh-doan"),
        pytest.param("Bộ Chỉ huy Quân sự tỉnh", P, P, id="bo-chi-huy-is-province"),
        pytest.param("Đoàn đại biểu Quốc hội tỉnh", P, P, id="doan-dbqh-is-province"),
        pytest.param("Phòng LĐTB&XH", P, D, id="phong-in-province-plan"),
        pytest.param("Phòng Văn hóa - Xã hội", C, C, id="phong-of-a-2025-commune"),
        pytest.param("UBND huyện", P, D, id="ubnd-huyen"),
        pytest.param("Huyện ủy", C, D, id="huyen-uy"),
        pytest.param("UBND xã", D, C, id="ubnd-xa"),
        pytest.param("Đảng ủy xã", D, C, id="dang-uy-xa"),
        pytest.param("công chức Văn hóa - Xã hội", C, C, id="cong-chuc"),
        pytest.param("UBND thành phố Vĩnh Yên", P, D, id="provincial-city-is-district"),
        pytest.param("UBND thành phố Hà Nội", X, P, id="central-city-is-province"),
        pytest.param("UBND Thành phố", P, P, id="own-city-is-document-level"),
        pytest.param("Hội Nông dân", C, C, id="no-marker-is-document-level"),
        pytest.param("Sở Lao động - Thương binh và Xã hội", P, P, id="xa-hoi-is-not-a-commune"),
        pytest.param("Liên minh Hợp tác xã", P, P, id="hop-tac-xa-is-not-a-commune"),
        pytest.param(
            "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương", X, P, id="provinces"
        ),
    ],
)
def test_level_of_the_jurisdiction(written, document_level, level):
    found = resolve_agency(written, document_level=document_level)
    assert found is not None and found.level == level


@pytest.mark.parametrize(
    ("written", "name", "place"),
    [
        pytest.param("Sở Y tế tỉnh Quảng Ninh", "Sở Y tế", "tỉnh Quảng Ninh", id="province"),
        pytest.param("UBND huyện Sông Lô", "Ủy ban nhân dân", "huyện Sông Lô", id="district"),
        pytest.param(
            "Công an huyện Sông Lô tỉnh Vĩnh Phúc",
            "Công an",
            "huyện Sông Lô tỉnh Vĩnh Phúc",
            id="two-places",
        ),
        pytest.param(
            "Báo và Phát thanh, Truyền hình Đồng Nai",
            "Báo và Phát thanh, Truyền hình",
            "Đồng Nai",
            id="bare-province-name",
        ),
        pytest.param(
            "Đoàn TNCS Hồ Chí Minh",
            "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
            None,
            id="ho-chi-minh-is-part-of-the-name",
        ),
        pytest.param("Báo Quảng Ninh", "Báo Quảng Ninh", None, id="newspaper-keeps-its-name"),
        pytest.param(
            "Ngân hàng Chính sách xã hội", "Ngân hàng Chính sách xã hội", None, id="xa-hoi-kept"
        ),
        pytest.param("TP. Hồ Chí Minh", "Ủy ban nhân dân", "thành phố Hồ Chí Minh", id="bare-unit"),
    ],
)
def test_place_words_leave_the_name(written, name, place):
    found = resolve_agency(written, document_level=P)
    assert found is not None and (found.name, found.place) == (name, place)


@pytest.mark.parametrize(
    ("written", "name"),
    [
        pytest.param(
            "Sở Khoa học và Công nghệ phát động phong trào thi đua",
            "Sở Khoa học và Công nghệ",
            id="verb-after-department",
        ),
        pytest.param(
            "Sở Công Thương và các doanh nghiệp logistics", "Sở Công Thương", id="second-party"
        ),
        pytest.param("Sở\nKhoa học và Công nghệ", "Sở Khoa học và Công nghệ", id="wrapped-line"),
        pytest.param("- Sở Y tế:", "Sở Y tế", id="bullet-and-colon"),
        pytest.param("2. Sở Tài chính", "Sở Tài chính", id="numbered"),
        pytest.param(
            "Sở Nông Nghiệp và Môi Trường", "Sở Nông nghiệp và Môi trường", id="title-case"
        ),
        pytest.param("Sở KH&CN", "Sở Khoa học và Công nghệ", id="kh-cn"),
    ],
)
def test_noise_around_department_names(written, name):
    found = resolve_agency(written, document_level=P)
    assert found is not None and found.name == name


@pytest.mark.parametrize(
    "written",
    [
        pytest.param("", id="empty"),
        pytest.param("   \n ", id="blank"),
        pytest.param("…, - ;", id="punctuation"),
        pytest.param("các", id="only-cac"),
        pytest.param("các có liên quan", id="function-words"),
        pytest.param(" ".join(["đồng chí"] * 13), id="too-long-to-be-a-name"),
    ],
)
def test_text_that_names_no_agency_is_none(written):
    assert resolve_agency(written, document_level=D) is None


@pytest.mark.parametrize(
    "written",
    [
        pytest.param(w, id=w)
        for w in ("các đơn vị", "đơn vị", "các cơ quan có liên quan", "các ngành")
    ],
)
def test_pronoun_like_groups_are_collective_not_none(written):
    found = resolve_agency(written, document_level=P)
    assert found is not None and found.collective


@pytest.mark.parametrize(
    ("abbreviation", "expansion"),
    [pytest.param(a, e, id=a) for a, e in ABBREVIATIONS.items() if e in DEPARTMENTS.values()],
)
def test_department_abbreviations_expand(abbreviation, expansion):
    short = resolve_agency(f"Phòng {abbreviation}", document_level=D)
    full = resolve_agency(f"Phòng {expansion}", document_level=D)
    assert short is not None and full is not None
    assert short.key == full.key
    assert abbreviation not in short.name


def test_result_is_frozen_and_cached():
    first = resolve_agency("Sở Y tế", document_level=P)
    assert first is resolve_agency("Sở Y tế", document_level=P)
    with pytest.raises(AttributeError):
        first.name = "x"  # type: ignore[misc]
    assert isinstance(first, AgencyName)


#: Budget per call, averaged over a benchmark-like stream where agencies repeat.
MAX_MICROSECONDS_PER_CALL = 30


def test_repeated_calls_are_fast():
    stream = [case[:2] for case in SAMPLE_AGENCIES] * 200
    start = time.process_time()
    for written, level in stream:
        resolve_agency(written, document_level=level)
    per_call = (time.process_time() - start) / len(stream) * 1e6
    assert per_call < MAX_MICROSECONDS_PER_CALL


_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LEVELS = st.sampled_from(["central", "province", "district", "commune"])
_AGENCY_LIKE = st.lists(
    st.sampled_from(
        [
            "Sở",
            "Phòng",
            "UBND",
            "các",
            "xã",
            "huyện",
            "tỉnh",
            "Thành phố",
            "Hà Nội",
            "Y tế",
            "LĐTB&XH",
            ",",
            "-",
            "và",
            "Uỷ",
            "Hoà",
            "đơn vị",
            "Trung ương",
            "ủy",
            "Bộ",
            "TP.",
            "Xã hội",
            "Chủ tịch",
            "\n",
            "Đồng Nai",
            "1.",
            "a)",
        ]
    ),
    max_size=8,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(written=st.one_of(st.text(max_size=60), _AGENCY_LIKE), level=_LEVELS)
def test_never_raises_and_key_is_ascii_slug(written, level):
    found = resolve_agency(written, document_level=level)
    if found is not None:
        assert _KEY.match(found.key), found.key
        assert found.level in ("central", "province", "district", "commune")
        assert found.written == written
        assert found.name.strip() == found.name and found.name


@settings(max_examples=200, deadline=None)
@given(written=_AGENCY_LIKE, level=_LEVELS)
def test_deterministic_and_insensitive_to_spacing_and_tone_placement(written, level):
    found = resolve_agency(written, document_level=level)
    again = resolve_agency(written, document_level=level)
    assert found == again
    respaced = resolve_agency("  " + written.replace(" ", "  \n") + " ", document_level=level)
    retoned = resolve_agency(
        written.replace("Uỷ", "Ủy").replace("Hoà", "Hòa"), document_level=level
    )
    keys = {
        None if r is None else (r.key, r.level, r.collective) for r in (found, respaced, retoned)
    }
    assert len(keys) == 1
