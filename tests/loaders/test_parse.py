"""Header, signer and heading tree, on real header shapes and on the bundled samples."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders import parse
from policykg.loaders.parse import parse_document
from policykg.loaders.units import issuer_from_body, issuer_from_header, level_of

HEADERS = [
    ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\n-------", "Ủy ban nhân dân tỉnh Quảng Ninh", "province"),
    ("UỶ BAN NHÂN DÂN\n\nTHỊ TRẤN VĨNH LỘC\n", "Ủy ban nhân dân thị trấn Vĩnh Lộc", "commune"),
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\n", "Ủy ban nhân dân thành phố Hồ Chí Minh", "province"),
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ VĨNH YÊN\n", "Ủy ban nhân dân thành phố Vĩnh Yên", "district"),
    ("HỘI ĐỒNG NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\n", "Hội đồng nhân dân thành phố Hà Nội", "province"),
    ("ĐẢNG BỘ TỈNH VĨNH PHÚC\nTỈNH ỦY VĨNH PHÚC\n", "Tỉnh ủy Vĩnh Phúc", "province"),
    ("HUYỆN ỦY SÔNG LÔ\n", "Huyện ủy Sông Lô", "district"),
    ("ĐẢNG CỘNG SẢN VIỆT NAM\nBAN CHẤP HÀNH TRUNG ƯƠNG\n", "Ban Chấp hành Trung ương", "central"),
    ("THỦ TƯỚNG CHÍNH PHỦ\n-------\n", "Thủ tướng Chính phủ", "central"),
]


@pytest.mark.parametrize(("header", "name", "level"), HEADERS, ids=[h[1] for h in HEADERS])
def test_issuer_from_header(header, name, level):
    issuer = issuer_from_header(header)
    assert (issuer.name, issuer.level) == (name, level)


@pytest.mark.parametrize(
    ("body", "name", "level"),
    [("Thực hiện …; UBND huyện Sông Lô xây dựng Kế hoạch tổ chức thực hiện", "UBND huyện Sông Lô", "district"),
     ("Ủy ban nhân dân huyện Cầu Ngang ban hành Kế hoạch thực hiện", "Ủy ban nhân dân huyện Cầu Ngang", "district"),
     ("Ủy ban nhân dân xã Tân Lập xây dựng Chương trình hành động", "Ủy ban nhân dân xã Tân Lập", "commune"),
     ("các sở, ngành xây dựng kế hoạch", None, None)],
    ids=["song-lo", "cau-ngang", "commune", "no-issuer"],
)
def test_issuer_from_body(body, name, level):
    issuer = issuer_from_body(body)
    assert (issuer.name if issuer else None, issuer.level if issuer else None) == (name, level)
    if issuer:
        assert body[issuer.span[0] : issuer.span[1]] == name


@pytest.mark.parametrize(("unit", "place", "level"), [
    ("tỉnh", "Vĩnh Phúc", "province"), ("thành phố", "Đà Nẵng", "province"),
    ("thành phố", "Vĩnh Yên", "district"), ("thị xã", "Phúc Yên", "district"),
    ("phường", "Ba Đình", "commune"), ("đặc khu", "Phú Quốc", "commune"), (None, None, None)],
    ids=["tinh", "central-city", "provincial-city", "thi-xa", "phuong", "dac-khu", "none"])
def test_level_of(unit, place, level):
    assert level_of(unit, place) == level


def test_header_of_a_wrapped_provincial_plan():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\n-------\n|\nSố: 91/KH-UBND\n|\nQuảng Ninh, ngày\n"
            "26 tháng 4 năm 2021\n|\nKẾ HOẠCH\nTHỰC HIỆN KẾT LUẬN SỐ 92-KL/TW NGÀY 05/11/2020\n"
            "CỦA BỘ CHÍNH TRỊ\nCăn cứ Kết luận số 92-KL/TW …\nI. MỤC TIÊU\n")
    doc = parse_document(text)
    h = doc.header
    assert (h.symbol, h.doc_type, h.issued, h.place) == ("91/KH-UBND", "KH", date(2021, 4, 26), "Quảng Ninh")
    assert h.title == "THỰC HIỆN KẾT LUẬN SỐ 92-KL/TW NGÀY 05/11/2020 CỦA BỘ CHÍNH TRỊ"
    assert text[slice(*h.spans["symbol"])] == "91/KH-UBND"
    assert doc.warnings == ()


def test_missing_header_is_never_invented():
    text = "KẾ HOẠCH\n\nThực hiện Nghị quyết số 12-NQ/TU; UBND huyện Sông Lô xây dựng Kế hoạch như sau:\nI. MỤC ĐÍCH\n"
    doc = parse_document(text)
    assert doc.header.symbol is None and doc.header.issued is None
    assert doc.header.issuer.name == "UBND huyện Sông Lô"
    assert {w.code for w in doc.warnings} == {"header_missing", "issuer_inferred"}


def test_metadata_table_completes_a_header_without_its_unit():
    text = "ỦY BAN NHÂN DÂN |\nSố: 01/CTr-UBND |\nVĩnh Phúc, ngày 17 tháng 01 năm 2025 |\n1. Mục đích\n"
    doc = parse_document(text, {"issuer": "Tỉnh Vĩnh Phúc", "signer": "Trần Duy Đông"})
    assert doc.header.issuer.name == "Ủy ban nhân dân tỉnh Vĩnh Phúc"
    assert doc.header.signer == "Trần Duy Đông"


SAMPLE_HEADERS = {
    "000_e7affefbf6615e42.txt": (None, None, "UBND huyện Sông Lô", "Dương Văn Sơn"),
    "001_13b6eeb6396df31a.txt": ("91/KH-UBND", date(2021, 4, 26), "Ủy ban nhân dân tỉnh Quảng Ninh", "Nguyễn Thị Hạnh"),
    "002_d08887a8a251daf5.txt": ("76/CTr-UBND", date(2020, 5, 29), "Ủy ban nhân dân thị trấn Vĩnh Lộc", "Nguyễn Văn Truy"),
    "004_ed31a9648de23340.txt": ("92/KH-UBND", date(2022, 11, 8), "Ủy ban nhân dân huyện Cầu Ngang", "Nguyễn Văn Ngà"),
}


@pytest.mark.parametrize("sample", sorted(SAMPLE_HEADERS), ids=lambda s: s[:3])
def test_sample_headers(sample):
    from tests.factories import SAMPLES

    text = unicodedata.normalize("NFC", (SAMPLES / sample).read_text(encoding="utf-8"))
    h = parse_document(text).header
    assert (h.symbol, h.issued, h.issuer.name, h.signer) == SAMPLE_HEADERS[sample]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("IVX1234567890.)(-+ab đ\nĐỦYBANHÂNDTỈQUẢGNố:/KH-UBNDngàythá năm")), max_size=400))
def test_parse_never_raises_and_sections_lie_inside_the_text(text):
    doc = parse_document(text)
    for s in doc.sections:
        assert 0 <= s.start <= s.end <= len(text)
    for start, end in doc.header.spans.values():
        assert 0 <= start <= end <= len(text)
    assert parse_document(text) == doc


def reference_closing_start(text: str) -> int:
    """The closing's start scanning every signature line from the text's start, as first written."""
    floor = int(len(text) * parse.CLOSING_MIN_SHARE)
    for match in parse._SIGNATURE.finditer(text):
        if match.start() >= floor:
            return match.start()
    return len(text)


@given(st.lists(st.sampled_from(["Nơi nhận:", "Nơi\nnhận :", "TM. UBND", "KT. CHỦ TỊCH", " Q. x", "a", "\n",
                                 "\n\n", " ", "Nơi", "nhận:", "TL."]), max_size=30).map("".join))
def test_closing_is_found_from_the_floor_on(text):
    assert parse._closing_start(text) == reference_closing_start(text)


#: Pieces of place-and-date lines and of what surrounds them, including near misses: a
#: comma without "ngày", "ngày" without a comma, places over the length limit, invalid dates.
DATE_PIECES = ["Quảng Ninh", ", ngày 26 tháng 4 năm 2021", ",ngày 31/2/2021", ", ngày ", " ngày 5",
               ",", " ", "\n", "|", "*", "Thị trấn Vĩnh Lộc", "x" * 70, "tháng 13 năm 2020",
               "-4-2020", "Số: 12/KH", "ngày", "\t", "9"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(DATE_PIECES), max_size=25).map("".join))
def test_place_dates_are_the_matches_finditer_gives(window):
    expected = [(m.span(), m.groupdict()) for m in parse._PLACE_DATE.finditer(window)]
    assert [(m.span(), m.groupdict()) for m in parse._place_dates(window)] == expected
