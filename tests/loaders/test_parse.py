"""Header, signer and heading tree, on real header shapes and on the bundled samples."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders import parse, units
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


#: A ministry's decision promulgating a plan, flattened as the legal website gives it: the
#: ministry's name wrapped over two header lines, the enacting authority's line after the title,
#: the decision's signature block, then the plan it promulgates.
DECISION = (
    "BỘ VĂN HÓA, THỂ THAO\nVÀ DU LỊCH\n\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n\n"
    "Số: 4385/QĐ-BVHTTDL\n\n\nHà Nội, ngày 18 tháng 11 năm 2025\n\n\nQUYẾT ĐỊNH\n\n"
    "VỀ VIỆC BAN HÀNH KẾ HOẠCH THỰC HIỆN QUY HOẠCH MẠNG LƯỚI CƠ SỞ VĂN HÓA VÀ THỂ THAO\n\n"
    "BỘ TRƯỞNG BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH\n\n"
    "Căn cứ Luật Quy hoạch ngày 24/11/2017;\n\nQUYẾT ĐỊNH:\n\n"
    "Điều 1. Ban hành kèm theo Quyết định này Kế hoạch thực hiện Quy hoạch mạng lưới cơ sở.\n\n"
    "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành.\n\n"
    "Điều 3. Chánh Văn phòng Bộ chịu trách nhiệm thi hành Quyết định này./.\n\n\n"
    "Nơi nhận:\n- Như Điều 3;\n- Văn phòng Chính phủ;\n- Lưu: VT, KHTC.\n\n\n"
    "KT. BỘ TRƯỞNG\nTHỨ TRƯỞNG\nTạ Quang Đông\n\n\nKẾ HOẠCH\n\n"
    "THỰC HIỆN QUY HOẠCH MẠNG LƯỚI CƠ SỞ VĂN HÓA VÀ THỂ THAO\n\n"
    "(Kèm theo Quyết định số 4385/QĐ-BVHTTDL ngày 18 tháng 11 năm 2025)\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU\n\n1. Mục đích\n\na) Triển khai thực hiện có hiệu quả Quy hoạch.\n\n"
    "II. TỔ CHỨC THỰC HIỆN\n\n1. Viện Văn hóa, Nghệ thuật, Thể thao và Du lịch Việt Nam\n\n"
    "a) Tổ chức tuyên truyền phổ biến nội dung quy hoạch.\n"
)


def test_a_decision_and_the_plan_it_promulgates():
    doc = parse_document(DECISION)
    h = doc.header
    assert (h.issuer.name, h.issuer.level, h.signer) == ("Bộ Văn hóa, Thể thao và Du lịch", "central", "Tạ Quang Đông")
    assert h.title == "VỀ VIỆC BAN HÀNH KẾ HOẠCH THỰC HIỆN QUY HOẠCH MẠNG LƯỚI CƠ SỞ VĂN HÓA VÀ THỂ THAO"
    paths = [(s.path, s.kind) for s in doc.sections]
    assert paths == [("", "preamble"), ("Điều 1", "other"), ("Điều 2", "other"), ("Điều 3", "organization"),
                     ("~", "closing"), ("I", "other"), ("I/1", "other"), ("I/1/a", "other"),
                     ("II", "organization"), ("II/1", "organization"), ("II/1/a", "organization")]
    recipients = doc.sections[4]
    assert DECISION[recipients.start:recipients.end].startswith("Nơi nhận:\n- Như Điều 3;")
    assert recipients.end == DECISION.index("I. MỤC ĐÍCH")


#: What follows a signature block: an appendix after the closing of a plan stays in the closing;
#: anything that is not an attachment leaves the tree as it was.
PLAN_WITH_APPENDIX = (
    "ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\n\nSố: 552/KH-UBND\n\nĐồng Tháp, ngày 19 tháng 11 năm 2025\n\n"
    "KẾ HOẠCH\n\nTHỰC HIỆN LỘ TRÌNH ĐỔI MỚI CÔNG NGHỆ\n\nI. MỤC TIÊU\n\n1. Đến năm 2035 đạt 40%.\n\n"
    "II. TỔ CHỨC THỰC HIỆN\n\n1. Sở Khoa học và Công nghệ chủ trì.\n\n"
    "Nơi nhận:\n- Thường trực Tỉnh ủy;\n- Lưu: VT, KGVX.\n\n\nTM. ỦY BAN\nNHÂN DÂN\nKT. CHỦ TỊCH\n"
    "PHÓ CHỦ TỊCH\nHuỳnh Minh Tuấn\n\n\nPHỤ LỤC\n\nNHIỆM VỤ VÀ GIẢI PHÁP THỰC HIỆN\n\n"
    "(Ban hành kèm theo Kế hoạch số 552/KH-UBND ngày 19/11/2025 của Ủy ban nhân dân tỉnh)\n\n"
    + "1 ; Rà soát, kịp thời cụ thể hoá các cơ chế, chính sách ; Sở Tài chính\n\n" * 60
)


def test_an_appendix_after_the_closing_stays_in_it_and_the_signer_is_found_before_it():
    doc = parse_document(PLAN_WITH_APPENDIX)
    assert doc.header.signer == "Huỳnh Minh Tuấn"
    assert [s.path for s in doc.sections] == ["", "I", "I/1", "II", "II/1", "~"]
    assert doc.closing_start == PLAN_WITH_APPENDIX.index("Nơi nhận:")


TITLE_ENDS = [
    pytest.param("QUYẾT ĐỊNH\n\nBAN HÀNH QUY ĐỊNH TIÊU CHÍ ĐÁNH GIÁ\n\nỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ\n\nCăn cứ",
                 "BAN HÀNH QUY ĐỊNH TIÊU CHÍ ĐÁNH GIÁ", id="people-s-committee"),
    pytest.param("QUYẾT ĐỊNH\n\nCÔNG BỐ THỦ TỤC HÀNH CHÍNH NỘI BỘ\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ\n\n",
                 "CÔNG BỐ THỦ TỤC HÀNH CHÍNH NỘI BỘ", id="chairman"),
    pytest.param("QUYẾT ĐỊNH\n\nVỀ VIỆC ỦY QUYỀN CHO\nỦY BAN NHÂN DÂN CÁC XÃ\n\nCăn cứ",
                 "VỀ VIỆC ỦY QUYỀN CHO ỦY BAN NHÂN DÂN CÁC XÃ", id="wrapped-title-naming-a-body"),
    pytest.param("KẾ HOẠCH\n\nTRIỂN KHAI THI HÀNH LUẬT VIỆC LÀM\n\nTRÊN ĐỊA BÀN THÀNH PHỐ\n\nCăn cứ",
                 "TRIỂN KHAI THI HÀNH LUẬT VIỆC LÀM TRÊN ĐỊA BÀN THÀNH PHỐ", id="title-over-a-blank-line"),
]


@pytest.mark.parametrize(("text", "title"), TITLE_ENDS)
def test_the_title_ends_before_the_enacting_authority(text, title):
    assert parse_document(text).header.title == title


MINISTRY_HEADERS = [
    ("BỘ VĂN HÓA, THỂ THAO\nVÀ DU LỊCH\n\n\nCỘNG HÒA XÃ HỘI", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("BỘ VĂN HOÁ, THỂ THAO VÀ DU LỊCH\n-------", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("BỘ CÔNG THƯƠNG\n-------\nSố: 12/QĐ-BCT", "Bộ Công Thương"),
    ("BỘ LAO ĐỘNG - THƯƠNG BINH\nVÀ XÃ HỘI\n", "Bộ Lao động - Thương binh và Xã hội"),
    ("BỘ NÔNG NGHIỆP VÀ PHÁT TRIỂN\nNÔNG THÔN\n", "Bộ Nông nghiệp và Phát triển nông thôn"),
    ("BỘ NÔNG NGHIỆP VÀ MÔI TRƯỜNG\n", "Bộ Nông nghiệp và Môi trường"),
    ("VĂN PHÒNG CHÍNH PHỦ\n-------", "Văn phòng Chính phủ"),
]


@pytest.mark.parametrize(("header", "name"), MINISTRY_HEADERS, ids=[h[1] for h in MINISTRY_HEADERS])
def test_a_ministry_heading_the_header_is_central(header, name):
    issuer = issuer_from_header(header)
    assert (issuer.name, issuer.level) == (name, "central")
    assert issuer.span[0] == 0 and header[issuer.span[1] - 1].isalpha()


@pytest.mark.parametrize("text", ["Bộ Y tế có trách nhiệm hướng dẫn.\n", "BỘ TRƯỞNG BỘ Y TẾ\n",
                                  "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\n\nVĂN PHÒNG UBND TỈNH\n"],
                         ids=["running-text", "minister-line", "provincial-office"])
def test_no_ministry_where_none_heads_the_header(text):
    assert units.ministry_from_header(text) is None


@given(st.lists(st.sampled_from(["Nơi nhận:", "Nơi\nnhận :", "TM. UBND", "KT. CHỦ TỊCH", " Q. x", "a", "\n",
                                 "\n\n", " ", "\t", "Nơi", "nhận:", "TL."]), max_size=30).map("".join),
       st.integers(min_value=0, max_value=200))
def test_next_signature_is_the_search_by_line_ends(text, start):
    start = min(start, len(text))
    match = parse._SIGNATURE.search(text, start)
    assert parse._next_signature(text, start) == (match.start() if match else None)


APPENDIX_AFTER_SIGNATURE = [
    # a6fb1f372de14a1e: a resolution's appendix of norms, with parts and headings, after its signer
    pytest.param("A. ĐỊNH MỨC PHÂN BỔ NGUỒN\n\nI. Đối với tiêu chí chính\n\n- Dân số 8.857.500 người\n",
                 ["Phụ lục 01", "Phụ lục 01/A", "Phụ lục 01/A/I", "Phụ lục 01/A/I/-1"],
                 id="appendix-with-headings"),
    # an appendix of tables alone stays in the signature block, as attached tables do
    pytest.param("STT ; Chỉ tiêu ; Đơn vị tính\n\n\n1 ; Tỷ lệ hộ nghèo ; %\n", [], id="appendix-of-tables"),
]


@pytest.mark.parametrize(("content", "appendix_paths"), APPENDIX_AFTER_SIGNATURE)
def test_an_appendix_after_the_signature_heads_its_headings(content, appendix_paths):
    text = ("HỘI ĐỒNG NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 48/2025/NQ-HĐND\nHà Nội, ngày 26 tháng 11 năm 2025\n"
            "NGHỊ QUYẾT\nQuy định định mức phân bổ ngân sách\n\nĐiều 1. Phạm vi điều chỉnh\n\n"
            "Nghị quyết này quy định định mức phân bổ.\n\nNơi nhận:\n- Như Điều 3;\n\nCHỦ TỊCH\n"
            "Phùng Thị Hồng Hà\n\nPhụ lục 01\n\nĐỊNH MỨC PHÂN BỔ CHI NGÂN SÁCH\n\n"
            "(Kèm theo Nghị quyết số 48/2025/NQ-HĐND)\n\n" + content)
    doc = parse_document(text)
    assert [s.path for s in doc.sections if s.path.startswith("Phụ lục")] == appendix_paths
    assert doc.header.signer == "Phùng Thị Hồng Hà"


#: Header words and lines: each first word of _HEADER_ISSUER's alternatives, names in both cases.
HEADER_PIECES = ["ỦY BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "ĐẢNG ỦY", "BAN CHẤP HÀNH ĐẢNG BỘ",
                 "TỈNH ỦY", "THÀNH ỦY", "HUYỆN ỦY", "QUẬN ỦY", "THỊ ỦY", "THỦ TƯỚNG CHÍNH PHỦ", "BỘ CHÍNH TRỊ",
                 "BAN BÍ THƯ", "BAN CHẤP HÀNH TRUNG ƯƠNG", "CHÍNH PHỦ", "QUỐC HỘI", "TỈNH", "THÀNH PHỐ",
                 "XÃ", "VĨNH LỘC", "Vĩnh Lộc", "|", "*", "\n", " ", "Ủy ban", "THỊ TRẤN", "1"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(HEADER_PIECES), max_size=12).map(" ".join))
def test_header_issuer_matches_are_the_patterns_matches(window):
    """Trying _HEADER_ISSUER only where a first word stands misses none of its matches."""
    found = [m.span() for m in units._header_issuer_matches(window)]
    assert found == [m.span() for m in units._HEADER_ISSUER.finditer(window)]
