"""normalize_text: one rule at a time on real snippets, then the five samples, the dev corpus, and
properties (never raises, deterministic, idempotent, linear-ish on a 2 MB input)."""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.loaders.normalize import NormalizedText, normalize_text
from tests.factories import ROOT, SAMPLES

DEV_CORPUS = ROOT / "tests" / "documents" / "dev_corpus"
GOLD = ROOT / "tests" / "gold"


def norm(raw: str) -> str:
    return normalize_text(raw).text


def codes(result: NormalizedText) -> list[str]:
    return [w.code for w in result.warnings]


def sample(prefix: str) -> str:
    (path,) = SAMPLES.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


def lines_of(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]


# ---------------------------------------------------------------- 1. characters

CHARACTER_CASES = [
    ("nbsp_and_tab", "Số:\u00a091/KH-UBND\tngày 26/4/2021", "Số: 91/KH-UBND ngày 26/4/2021"),
    ("zero_width_and_bom", "\ufeffKế\u200b hoạch\u00ad số 41-KH/TU", "Kế hoạch số 41-KH/TU"),
    ("crlf_and_trailing_spaces", "I. MỤC TIÊU   \r\n1. Mục tiêu chung.  \r\n", "I. MỤC TIÊU\n1. Mục tiêu chung."),
    ("nfd_to_nfc", unicodedata.normalize("NFD", "Tỷ lệ hộ nghèo"), "Tỷ lệ hộ nghèo"),
    ("runs_of_spaces", "Thu nhập   bình quân    đầu người", "Thu nhập bình quân đầu người"),
    ("eth_in_vietnamese", "Quyết định số 2013/QÐ-UBND của Ủy ban nhân dân tỉnh", "Quyết định số 2013/QĐ-UBND của Ủy ban nhân dân tỉnh"),
    ("eth_elsewhere_kept", "Ðórr and Ðakar", "Ðórr and Ðakar"),
]


@pytest.mark.parametrize("raw,expected", [c[1:] for c in CHARACTER_CASES], ids=[c[0] for c in CHARACTER_CASES])
def test_characters(raw, expected):
    assert norm(raw) == expected


def test_lookalike_warning():
    result = normalize_text("Quyết định số 2013/QÐ-UBND của Ủy ban nhân dân tỉnh Trà Vinh")
    assert "lookalike_letters" in codes(result)


# ---------------------------------------------------------------- 2. hard wraps

WRAP_CASES = [
    # (id, raw, expected) — joined where a sentence runs on, kept where a heading or item starts
    ("preamble_date_001", "Căn cứ Kết luận số 92-KL/TW ngày\n05/11/2020 của Bộ Chính trị;",
     "Căn cứ Kết luận số 92-KL/TW ngày 05/11/2020 của Bộ Chính trị;"),
    ("heading_runs_on_lowercase", "1. Mục tiêu\nchung.", "1. Mục tiêu chung."),
    ("capitalised_continuation", "tổ chức thi hành Luật\nViệc làm trong phạm vi Thành phố.",
     "tổ chức thi hành Luật Việc làm trong phạm vi Thành phố."),
    ("clause_then_lowercase", "cho trên 14.000 lao động/năm;\nđưa lao động đi làm việc ở nước ngoài.",
     "cho trên 14.000 lao động/năm; đưa lao động đi làm việc ở nước ngoài."),
    ("orphan_upper_fragment", "I. MỤC TIÊU, CHỈ\nTIÊU\n1. Mục tiêu", "I. MỤC TIÊU, CHỈ TIÊU\n1. Mục tiêu"),
    ("signature_fragment", "TM. ỦY BAN NHÂN\nDÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Thị Hạnh",
     "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Thị Hạnh"),
    ("long_title_wrapped_001",
     "KẾ HOẠCH\nTHỰC HIỆN KẾT LUẬN SỐ 92-KL/TW NGÀY 05/11/2020 CỦA BỘ CHÍNH TRỊ, KẾ HOẠCH\n"
     "SỐ 41-KH/TU NGÀY 22/3/2021 CỦA TỈNH ỦY VỀ CÁC CHÍNH SÁCH XÃ HỘI GIAI ĐOẠN\n2021-2025",
     "KẾ HOẠCH\nTHỰC HIỆN KẾT LUẬN SỐ 92-KL/TW NGÀY 05/11/2020 CỦA BỘ CHÍNH TRỊ, KẾ HOẠCH "
     "SỐ 41-KH/TU NGÀY 22/3/2021 CỦA TỈNH ỦY VỀ CÁC CHÍNH SÁCH XÃ HỘI GIAI ĐOẠN 2021-2025"),
    ("title_word_fragment", "QUYẾT ĐỊNH\nVỀ\nVIỆC PHÊ DUYỆT CHƯƠNG TRÌNH PHÁT TRIỂN CHÍNH PHỦ SỐ\nTHỦ TƯỚNG CHÍNH PHỦ",
     "QUYẾT ĐỊNH\nVỀ VIỆC PHÊ DUYỆT CHƯƠNG TRÌNH PHÁT TRIỂN CHÍNH PHỦ SỐ\nTHỦ TƯỚNG CHÍNH PHỦ"),
    ("header_lines_kept", "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH", "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH"),
    ("dash_item_kept", "2.1. Lĩnh vực người có công\n- 100% Người có công với cách mạng được\ngiải quyết;",
     "2.1. Lĩnh vực người có công\n- 100% Người có công với cách mạng được giải quyết;"),
    ("plus_items_kept", "trong đó:\n+ Khu vực thành thị giảm 0,3%/năm\n+ Khu vực nông thôn giảm 1,5% năm",
     "trong đó:\n+ Khu vực thành thị giảm 0,3%/năm\n+ Khu vực nông thôn giảm 1,5% năm"),
    ("letter_items_kept", "c) Tăng cường kỷ luật\nd) Chấp hành nghiêm\nđ) Phát triển mạnh thị trường",
     "c) Tăng cường kỷ luật\nd) Chấp hành nghiêm\nđ) Phát triển mạnh thị trường"),
    ("letter_dot_item_kept", "2.4. Lĩnh vực phòng, chống tệ nạn\nxã hội\na. Về phòng, chống ma tuý:",
     "2.4. Lĩnh vực phòng, chống tệ nạn xã hội\na. Về phòng, chống ma tuý:"),
    ("numbered_targets_kept", "(1) Phấn đấu GRDP tăng từ 10-11%\n(2) Huy động vốn đầu tư",
     "(1) Phấn đấu GRDP tăng từ 10-11%\n(2) Huy động vốn đầu tư"),
    ("article_kept", "QUYẾT ĐỊNH:\nĐiều 1. Phê duyệt Chương trình", "QUYẾT ĐỊNH:\nĐiều 1. Phê duyệt Chương trình"),
    ("can_cu_kept", "GIAI ĐOẠN 2021-2025\nCăn cứ Kết luận số 92-KL/TW", "GIAI ĐOẠN 2021-2025\nCăn cứ Kết luận số 92-KL/TW"),
    ("noi_nhan_kept", "để được xem xét, giải quyết\nNơi nhận:\n- TT Tỉnh ủy,\nTT HĐND tỉnh (báo cáo);",
     "để được xem xét, giải quyết\nNơi nhận:\n- TT Tỉnh ủy, TT HĐND tỉnh (báo cáo);"),
    ("heading_then_body_kept", "1.4. Hoàn thiện hệ thống kết cấu hạ tầng đồng bộ, hiện đại\nNăm 2025 là năm cuối",
     "1.4. Hoàn thiện hệ thống kết cấu hạ tầng đồng bộ, hiện đại\nNăm 2025 là năm cuối"),
    ("type_line_then_title_kept", "KẾ HOẠCH\nThực hiện Nghị quyết số 12-NQ/TU", "KẾ HOẠCH\nThực hiện Nghị quyết số 12-NQ/TU"),
    ("title_then_name_kept", "PHÓ CHỦ TỊCH\nNguyễn Thị Hạnh", "PHÓ CHỦ TỊCH\nNguyễn Thị Hạnh"),
    ("dash_compound_001", "thuộc lĩnh vực nông - lâm\n- ngư và hoạt động hỗ trợ",
     "thuộc lĩnh vực nông - lâm - ngư và hoạt động hỗ trợ"),
    ("across_blank_lowercase_004", "gắn với thực hiện các nhiệm vụ phát triển kinh\n\ntế - xã hội của huyện.",
     "gắn với thực hiện các nhiệm vụ phát triển kinh tế - xã hội của huyện."),
    ("blank_paragraphs_kept_002", "2. Yêu cầu.\n\nCụ thể hóa các định hướng\n\nTiếp tục triển khai",
     "2. Yêu cầu.\n\nCụ thể hóa các định hướng\n\nTiếp tục triển khai"),
    ("parenthesised_note_closes", "(Chi tiết có biểu kèm theo)\nNăm 2025 là năm cuối",
     "(Chi tiết có biểu kèm theo)\nNăm 2025 là năm cuối"),
]


@pytest.mark.parametrize("raw,expected", [c[1:] for c in WRAP_CASES], ids=[c[0] for c in WRAP_CASES])
def test_hard_wraps(raw, expected):
    assert norm(raw) == expected


# ---------------------------------------------------------------- 3. web chrome

CHROME_CASES = [
    # (id, raw, expected)
    ("visitor_counter_002", "Truy cập\n\nHôm nay:\n1\nHôm qua:\n0\nTất cả:\n217563\n\nCăn cứ Nghị quyết số 01-NQ/ĐU",
     "Căn cứ Nghị quyết số 01-NQ/ĐU"),
    ("posting_stamp_002", "Nguyễn Văn Truy\n\nĐăng lúc: 18/09/2020 14:18:37 (GMT+7)\n\nUỶ BAN NHÂN DÂN",
     "Nguyễn Văn Truy\n\n\nUỶ BAN NHÂN DÂN"),
    ("date_time_line_002", "Ngày 18/09/2020 14:18:37\n\nUỶ BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN"),
    ("breadcrumb_and_actions", "Trang chủ > Văn bản > Kế hoạch\nChia sẻ\nIn bài\nKẾ HOẠCH", "KẾ HOẠCH"),
    ("menu_run", "Giới thiệu\nTin tức - Sự kiện\nThủ tục hành chính\nLiên hệ\nKẾ HOẠCH", "KẾ HOẠCH"),
    ("login_box", "Đăng nhập\nTên đăng nhập\nMật khẩu\nQuên mật khẩu\nKẾ HOẠCH", "KẾ HOẠCH"),
    ("portal_footer", "thực hiện./.\nBản quyền thuộc Cổng thông tin điện tử tỉnh\nCơ quan chủ quản: UBND tỉnh",
     "thực hiện./."),
    ("portal_banner_002", "Nguyễn Văn Truy\n\nCÔNG KHAI KQ GIẢI QUYẾT TTHC", "Nguyễn Văn Truy"),
    ("legal_portal_block",
     "Bản dịch này thuộc quyền sở hữu của\nTHƯ VIỆN PHÁP LUẬT. Mọi hành vi sao chép\nX\n"
     "Click vào phần bôi vàng để xem chi tiết.\nĐang tải văn bản...\nSố: 2629/QĐ-TTg", "Số: 2629/QĐ-TTg"),
    # when in doubt keep: a lone menu word, a plain date, "hôm nay" inside a sentence
    ("lone_menu_word_kept", "THÔNG BÁO\nKết luận của Chủ tịch", "THÔNG BÁO\nKết luận của Chủ tịch"),
    ("plain_date_kept", "Ngày 17/01/2025", "Ngày 17/01/2025"),
    ("sentence_kept", "Tính đến hôm nay: 95% hộ dân có nước sạch.", "Tính đến hôm nay: 95% hộ dân có nước sạch."),
]


@pytest.mark.parametrize("raw,expected", [c[1:] for c in CHROME_CASES], ids=[c[0] for c in CHROME_CASES])
def test_chrome(raw, expected):
    assert norm(raw) == expected


def test_chrome_warning_counts_lines():
    result = normalize_text("Hôm nay:\n1\nChia sẻ\nKẾ HOẠCH")
    (warning,) = result.warnings
    assert warning.code == "chrome_removed" and "3 lines" in warning.message


def test_related_documents_trailer_is_cut():
    body = "\n".join(f"{i}. Nội dung thứ {i} của kế hoạch." for i in range(1, 20))
    raw = body + "\n## Văn bản liên quan\nBan hành:\n19/11/2025\nHiệu lực: Đã biết\nTài khoản hiện đã đủ người"
    assert norm(raw) == body


# ---------------------------------------------------------------- 4. metadata and Markdown

METADATA_CASES = [
    # (id, raw, expected metadata, expected text)
    ("inline_rows_003",
     "Số hiệu | 01/CTr-UBND |\nNgày ban hành | 17/01/2025 |\nCơ quan ban hành | Tỉnh Vĩnh Phúc |\n"
     "Người ký | Trần Duy Đông |\nỦY BAN NHÂN DÂN |",
     {"symbol": "01/CTr-UBND", "issued": "17/01/2025", "issuer": "Tỉnh Vĩnh Phúc", "signer": "Trần Duy Đông"},
     "ỦY BAN NHÂN DÂN"),
    ("four_cell_row",
     "Số hiệu | 01/CTr-UBND | Loại văn bản | Chương trình\n"
     "Cơ quan ban hành | Ủy ban nhân dân tỉnh Vĩnh Phúc | Người ký | Trần Duy Đông\nKẾ HOẠCH",
     {"symbol": "01/CTr-UBND", "doc_type": "Chương trình", "issuer": "Ủy ban nhân dân tỉnh Vĩnh Phúc",
      "signer": "Trần Duy Đông"},
     "KẾ HOẠCH"),
    ("vertical_markdown_2edf",
     "#\n**Số hiệu:**\n|\n2629/QĐ-TTg\n|\n|\n**Loại văn bản:**\n|\nQuyết định\n|\n**\nNgày hiệu lực:**\n|\n"
     "Đã biết\n|\n**THỦ TƯỚNG CHÍNH\nPHỦ**",
     {"symbol": "2629/QĐ-TTg", "doc_type": "Quyết định"},
     "THỦ TƯỚNG CHÍNH PHỦ"),
    ("no_pipes_no_metadata", "Người ký: Trần Duy Đông", {}, "Người ký: Trần Duy Đông"),
    ("label_inside_heading_not_metadata", "b) Lĩnh vực kinh tế:\n|\nTăng trưởng\n|", {},
     "b) Lĩnh vực kinh tế:\n\n\nTăng trưởng"),
]


@pytest.mark.parametrize("raw,metadata,text", [c[1:] for c in METADATA_CASES], ids=[c[0] for c in METADATA_CASES])
def test_metadata_tables(raw, metadata, text):
    result = normalize_text(raw)
    assert result.metadata == metadata
    assert result.text == text
    assert ("metadata_table" in codes(result)) == bool(metadata)


MARKDOWN_CASES = [
    ("bold_split_across_lines", "**I. MỤC ĐÍCH,\nYÊU CẦU**", "I. MỤC ĐÍCH, YÊU CẦU"),
    ("bold_number", "**1**. **Mục đích**", "1. Mục đích"),
    ("bold_marker_line_dropped", "**ỦY BAN NHÂN DÂN\n**\nTHÀNH PHỐ HỒ CHÍ MINH", "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH"),
    ("empty_bold_line", "Bắc Ninh, ngày 20 tháng 11 năm 2025\n\n** **\n\n**KẾ HOẠCH**",
     "Bắc Ninh, ngày 20 tháng 11 năm 2025\n\nKẾ HOẠCH"),
    ("italic_preamble", "*Căn cứ Luật Dữ liệu ngày 30 tháng 11 năm 2024;*", "Căn cứ Luật Dữ liệu ngày 30 tháng 11 năm 2024;"),
    ("italic_labels", "*Đơn vị phối hợp: *Sở Tư pháp.", "Đơn vị phối hợp: Sở Tư pháp."),
    ("heading_marker", "## Mục tiêu cụ thể", "Mục tiêu cụ thể"),
    ("footnote_refs", "Thành phố[^4] và địa bàn\n[^4]: Theo Nghị quyết số 15/2023/NQ-HĐND",
     "Thành phố[4] và địa bàn\n[4] Theo Nghị quyết số 15/2023/NQ-HĐND"),
    ("footnote_mark_kept", "Thu tiền sử dụng đất (*)", "Thu tiền sử dụng đất (*)"),
    ("star_bullet_kept", "* Thành phần hồ sơ:\n* Số lượng hồ sơ: 01 bộ", "* Thành phần hồ sơ:\n* Số lượng hồ sơ: 01 bộ"),
    ("bold_in_symbol_004", "Số: **92** /KH-UBND", "Số: 92 /KH-UBND"),
]


@pytest.mark.parametrize("raw,expected", [c[1:] for c in MARKDOWN_CASES], ids=[c[0] for c in MARKDOWN_CASES])
def test_markdown(raw, expected):
    assert norm(raw) == expected


# ---------------------------------------------------------------- 5. tables

TABLE_CASES = [
    ("task_row_joined",
     "Các nhiệm vụ:\n|\n|\n2\n|\nThực hiện đo lường, giám sát các hệ thống\n|\nBộ Khoa học và\nCông nghệ\n|\n"
     "Các bộ, ngành, địa\nphương\n|\nNăm 2025-2030\n|\n|\n3\n|\nXây dựng Bộ chỉ số\n|\nVăn phòng Chính phủ\n|\n"
     "Các bộ, ngành\n|\nTháng 12/2025\n|\n|",
     "Các nhiệm vụ:\n\n\n2 ; Thực hiện đo lường, giám sát các hệ thống ; Bộ Khoa học và Công nghệ ; "
     "Các bộ, ngành, địa phương ; Năm 2025-2030\n\n\n3 ; Xây dựng Bộ chỉ số ; Văn phòng Chính phủ ; "
     "Các bộ, ngành ; Tháng 12/2025"),
    ("header_cells_kept_apart",
     "|\nUỶ BAN NHÂN DÂN\nTỈNH BẮC NINH\n-------\n|\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n|\n|\nSố: 141/KH-UBND\n|\n"
     "Bắc Ninh, ngày 20\ntháng 11 năm 2025\n|\nKẾ HOẠCH",
     "UỶ BAN NHÂN DÂN\nTỈNH BẮC NINH\n\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\n\nSố: 141/KH-UBND\n\n\n"
     "Bắc Ninh, ngày 20 tháng 11 năm 2025\n\n\nKẾ HOẠCH"),
    ("inline_row_joined", "STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian\n1 | Rà soát quy hoạch | Sở Xây dựng | Năm 2025",
     "STT ; Nhiệm vụ ; Cơ quan chủ trì ; Thời gian\n\n\n1 ; Rà soát quy hoạch ; Sở Xây dựng ; Năm 2025"),
    ("inline_trailing_pipe_cells_003", "ỦY BAN NHÂN DÂN |\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM |\nSố: 01/CTr-UBND |",
     "ỦY BAN NHÂN DÂN\n\n\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\n\n\nSố: 01/CTr-UBND"),
]


@pytest.mark.parametrize("raw,expected", [c[1:] for c in TABLE_CASES], ids=[c[0] for c in TABLE_CASES])
def test_tables(raw, expected):
    assert norm(raw) == expected


# ---------------------------------------------------------------- 6. repeated text

PARAGRAPHS = [
    "Căn cứ Nghị quyết số 01-NQ/ĐU ngày 25 tháng 3 năm 2020 của Đảng bộ thị trấn Vĩnh Lộc.",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "1. Mục đích.",
    "Tạo ra sự thống nhất của các ngành trong việc quán triệt và triển khai cụ thể hoá Nghị quyết.",
    "2. Yêu cầu.",
    "Cụ thể hóa các định hướng, chiến lược phát triển kinh tế - xã hội, quốc phòng - an ninh.",
    "II. MỤC TIÊU, NHIỆM VỤ TRỌNG TÂM",
    "- Thu nhập bình quân đầu người/năm đến năm 2025: 75 triệu đồng/ người/năm",
    "- Sản lượng lương thực bình quân hàng năm: 1.871 tấn trở lên;",
    "- Tỷ lệ hộ cận nghèo đến năm 2025: giảm còn 1%.",
    "IV. TỔ CHỨC THỰC HIỆN",
    "Giao Văn phòng UBND thị trấn theo dõi, đôn đốc tình hình thực hiện Chương trình hành động này.",
]
DOCUMENT = "\n\n".join(PARAGRAPHS)


def test_identical_copies_with_chrome_between_keep_one():
    raw = f"Hôm nay:\n1\n\n{DOCUMENT}\n\nĐăng lúc: 18/09/2020 14:18:37 (GMT+7)\n\n{DOCUMENT}\n\nCÔNG KHAI KQ GIẢI QUYẾT TTHC"
    result = normalize_text(raw)
    assert result.text == DOCUMENT
    assert "duplicate_text_removed" in codes(result)


def test_cut_first_copy_is_dropped_and_the_full_one_kept():
    cut = "\n".join(PARAGRAPHS[:8])
    result = normalize_text(f"{cut}\n{DOCUMENT}")
    assert result.text == DOCUMENT
    (warning,) = [w for w in result.warnings if w.code == "duplicate_text_removed"]
    assert f"removed {len(cut.replace(chr(10), ''))} characters" in warning.message


def test_cut_second_copy_is_dropped():
    result = normalize_text(f"{DOCUMENT}\n\n\n" + "\n\n".join(PARAGRAPHS[:8]))
    assert result.text == DOCUMENT


def test_three_copies_keep_one():
    assert norm("\n\n\n".join([DOCUMENT] * 3)) == DOCUMENT


def test_short_repeats_are_kept():
    # 000 repeats its title line in the preamble; a repeated list item is not a repeated document
    text = "KẾ HOẠCH\n\n" + PARAGRAPHS[0] + "\n\n" + PARAGRAPHS[0] + "\n\n" + DOCUMENT
    assert norm(text) == text


def test_distant_partial_repeat_is_kept():
    # the same three-item list in two sections far apart is content, not a page printed twice
    block = "\n".join(PARAGRAPHS[7:10]) + "\n"
    text = block + "\n".join(f"{i}. Nhiệm vụ thứ {i} của các sở, ban, ngành." for i in range(1, 60)) + "\n" + block
    assert norm(text) == text.strip()


# ---------------------------------------------------------------- the five samples

SAMPLE_ONCE = {
    # key sentences that must appear exactly once (after joining wraps and dropping copies)
    "000": ["khắc phục khó khăn, vượt qua thử thách",
            "Thu nhập bình quân đầu người của huyện đạt trên 60 triệu đồng/người;"],
    "001": ["Căn cứ Kết luận số 92-KL/TW ngày 05/11/2020 của Bộ Chính trị về “tiếp tục thực hiện Nghị quyết",
            "- Tỷ lệ lao động qua đào tạo đạt 87,5%, trong đó tỷ lệ lao động đã qua đào tạo có bằng cấp, "
            "chứng chỉ đạt trên 52%.",
            "năm 2025, GRDP bình quân đầu người của tỉnh đạt trên 10.000 USD."],
    "002": ["Căn cứ Nghị quyết số 01-NQ/ĐU ngày 25 tháng 3 năm 2020 của Đảng bộ thị trấn Vĩnh Lộc.",
            "năm 2020 đạt 96,7%; năm 2021 đạt 97%;", "Nguyễn Văn Truy", "Số: 76 /CTr - UBND"],
    "003": ["Để thực hiện thắng lợi các nhiệm vụ đề ra tại Nghị quyết số 01/NQ-CP ngày 08/01/2025",
            "(1) Phấn đấu Tổng sản phẩm trên địa bàn tỉnh (GRDP-giá so sánh 2010) tăng từ 10-11% so với năm 2024.",
            "(15) Tỷ lệ che phủ rừng ổn định 25%.", "Số: 01/CTr-UBND"],
    "004": ["Số: 92 /KH-UBND", "phát triển kinh tế - xã hội của huyện theo Nghị quyết Đại hội Đảng bộ huyện lần thứ XII",
            "(6) Có 11-13 bác sĩ/1 vạn dân, 30-32 giường bệnh/1 vạn dân."],
}
SAMPLE_GONE = {
    "000": [], "001": ["|"], "003": ["|", "Số hiệu", "Cơ quan ban hành", "Người ký |"], "004": ["**"],
    "002": ["Đăng lúc", "Hôm nay", "Hôm qua", "Truy cập", "217563", "14:18:37", "CÔNG KHAI KQ"],
}
SAMPLE_LINES = {
    # whole lines: headings kept on their own line, wrapped headings repaired
    "001": ["I. MỤC TIÊU, CHỈ TIÊU", "1. Mục tiêu chung.", "2.2. Lĩnh vực đào tạo nghề, việc làm",
            "Quảng Ninh, ngày 26 tháng 4 năm 2021", "TM. ỦY BAN NHÂN DÂN", "Nơi nhận:"],
    "002": ["I. MỤC ĐÍCH, YÊU CẦU", "CHƯƠNG TRÌNH HÀNH ĐỘNG", "Nơi nhận:"],
    "003": ["ỦY BAN NHÂN DÂN", "1. Mục đích", "2. Yêu cầu"],
    "004": ["KẾ HOẠCH", "I. MỤC ĐÍCH, YÊU CẦU", "1.1. Về kinh tế"],
}
SAMPLE_WARNINGS = {
    "000": set(), "001": set(), "004": set(),
    "002": {"chrome_removed", "duplicate_text_removed"},
    "003": {"metadata_table", "duplicate_text_removed"},
}


@pytest.fixture(scope="module")
def normalized_samples() -> dict[str, NormalizedText]:
    return {key: normalize_text(sample(key)) for key in SAMPLE_ONCE}


@pytest.mark.parametrize("key", sorted(SAMPLE_ONCE))
def test_sample_key_sentences_once(normalized_samples, key):
    text = normalized_samples[key].text
    for sentence in SAMPLE_ONCE[key]:
        assert text.count(sentence) == 1, sentence
    for gone in SAMPLE_GONE[key]:
        assert gone not in text, gone
    lines = set(text.split("\n"))
    for line in SAMPLE_LINES.get(key, []):
        assert line in lines, line
    assert set(codes(normalized_samples[key])) == SAMPLE_WARNINGS[key]


@pytest.mark.parametrize("key", sorted(SAMPLE_ONCE))
def test_sample_gold_quotes_survive_once(normalized_samples, key):
    """Every quote of the gold annotation (made on the raw text) is in the normalized text once,
    up to white space: nothing the annotators used was dropped or left duplicated."""
    (gold_path,) = GOLD.glob(f"{key}_*.json")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    flat = " ".join(normalized_samples[key].text.split())
    quotes = [item["quote"] for part in ("citations", "targets", "assignments")
              for item in gold.get(part, []) if item.get("quote")]
    assert quotes
    for quote in quotes:
        assert flat.count(" ".join(quote.split())) == 1, quote


def test_sample_003_metadata(normalized_samples):
    metadata = normalized_samples["003"].metadata
    # The table writes the issuing place, not the body ("Cơ quan ban hành | Tỉnh Vĩnh Phúc |");
    # parse.py completes it with the header's "ỦY BAN NHÂN DÂN" into "Ủy ban nhân dân tỉnh Vĩnh Phúc".
    assert metadata == {"symbol": "01/CTr-UBND", "issued": "17/01/2025", "effective": "17/01/2025",
                        "doc_type": "Văn bản khác", "issuer": "Tỉnh Vĩnh Phúc", "signer": "Trần Duy Đông",
                        "field": "Thương mại,Tài chính nhà nước"}


def test_sample_002_keeps_one_copy(normalized_samples):
    result = normalized_samples["002"]
    (warning,) = [w for w in result.warnings if w.code == "duplicate_text_removed"]
    dropped = int(warning.message.split()[1])
    assert 20_000 < dropped < 30_000  # one full copy of ~24 000 characters
    assert len(result.text) < len(sample("002")) * 0.55


def test_sample_001_wrapped_lines_are_joined(normalized_samples):
    raw_lines, lines = len(lines_of(sample("001"))), len(lines_of(normalized_samples["001"].text))
    assert lines < raw_lines * 0.6  # 001 is wrapped at ~60 characters; most joins are repaired


# ---------------------------------------------------------------- the dev corpus

DEV_FILES = sorted(DEV_CORPUS.glob("*.md"))
DEV_FILES = [p for p in DEV_FILES if p.name != "README.md"]


@pytest.mark.parametrize("path", DEV_FILES, ids=[p.stem for p in DEV_FILES])
def test_dev_corpus_is_clean_and_stable(path):
    raw = path.read_text(encoding="utf-8")
    result = normalize_text(raw)
    assert "**" not in result.text and "|" not in result.text
    assert not any(line.startswith("#") for line in result.text.split("\n"))
    assert 0.4 * len(raw) < len(result.text) <= len(raw)
    assert normalize_text(result.text).text == result.text


DEV_EXPECTATIONS = {
    # file stem: (metadata, lines that must be in the text, strings that must be gone)
    "2edf5927c71bc4c1": ({"symbol": "2629/QĐ-TTg", "doc_type": "Quyết định", "issuer": "Thủ tướng Chính phủ",
                          "signer": "Nguyễn Chí Dũng", "issued": "01/12/2025"},
                         ["Số: 2629/QĐ-TTg", "Hà Nội, ngày 01 tháng 12 năm 2025", "QUYẾT ĐỊNH:", "I. QUAN ĐIỂM",
                          "Theo đề nghị của Bộ trưởng Bộ Khoa học và Công nghệ."],
                         ["THƯ VIỆN PHÁP LUẬT", "Đăng xuất", "Đang tải văn bản", "Văn bản liên quan", "Đã biết"]),
    "832399d0fd282e41": ({"symbol": "75/2025/NQ-HĐND", "doc_type": "Nghị quyết", "issuer": "Thành phố Hà Nội",
                          "signer": "Phùng Thị Hồng Hà", "issued": "27/11/2025"},
                         [], ["THƯ VIỆN PHÁP LUẬT", "Mã số thuế"]),
    "09daab284f92e2dd": ({}, ["Số: 141/KH-UBND", "Bắc Ninh, ngày 20 tháng 11 năm 2025", "I. MỤC ĐÍCH, YÊU CẦU",
                              "II. MỤC TIÊU CHỦ YẾU", "Đơn vị chủ trì tham mưu thực hiện: Sở Tư pháp."], ["*"]),
    "2f6f80b9918e52de": ({}, ["Thành phố Hồ Chí Minh, ngày 18 tháng 11 năm 2025", "KẾ HOẠCH",
                              "TRIỂN KHAI THI HÀNH LUẬT VIỆC LÀM TRÊN ĐỊA BÀN THÀNH PHỐ HỒ CHÍ MINH"], []),
    "192068354fd1ffe5": ({}, [], []),
}


@pytest.mark.parametrize("stem", sorted(DEV_EXPECTATIONS))
def test_dev_corpus_expectations(stem):
    metadata, lines, gone = DEV_EXPECTATIONS[stem]
    result = normalize_text((DEV_CORPUS / f"{stem}.md").read_text(encoding="utf-8"))
    assert result.metadata == metadata
    present = set(result.text.split("\n"))
    for line in lines:
        assert line in present, line
    for string in gone:
        assert string not in result.text, string


def test_dev_corpus_task_table_rows_keep_their_cells_together():
    text = norm((DEV_CORPUS / "192068354fd1ffe5.md").read_text(encoding="utf-8"))
    rows = [line for line in text.split("\n") if line.count(" ; ") >= 3]
    assert len(rows) >= 10
    assert any(row.endswith("Hiệp hội Doanh nghiệp ; Doanh nghiệp ; Thường xuyên") for row in rows)


# ---------------------------------------------------------------- properties

SNIPPETS = [
    "I. MỤC TIÊU", "1. Mục tiêu", "chung.", "a) Tăng cường", "đ) Phát triển", "- Tỷ lệ hộ nghèo", "+ Cây lúa",
    "(1) Phấn đấu", "Điều 1.", "Căn cứ Kết luận số 92-KL/TW ngày", "05/11/2020 của Bộ Chính trị;",
    "ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NINH", "CỘNG", "HÒA XÃ HỘI", "VỀ", "KẾ HOẠCH", "Nơi nhận:",
    "TM. ỦY BAN NHÂN", "DÂN", "Nguyễn Thị Hạnh", "|", "| |", "Số hiệu | 01/CTr-UBND |", "Người ký:", "**",
    "** **", "*", "#", "## Văn bản liên quan", "Hôm nay:", "1", "Đăng lúc: 18/09/2020 14:18:37", "Trang chủ",
    "Giới thiệu", "Liên hệ", "-------", "", "", "  ", "\t", "\u00a0", "\u200b", "QÐ", "(*)", "[^1]", "nông - lâm",
    "- ngư và", "tế - xã hội;", "Việc làm", "Năm 2025 đạt 95%.", "x", "X.", "(đã ký)", "\r", "\\*",
]
line_soup = st.lists(st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=12)), max_size=40).map(
    lambda parts: "\n".join(parts))
repeated_soup = st.tuples(line_soup, line_soup, st.integers(1, 3)).map(
    lambda t: t[0] + "\n" + "\n".join([t[1]] * t[2]))


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), line_soup, repeated_soup))
def test_never_raises_deterministic_idempotent(raw):
    first = normalize_text(raw)
    assert normalize_text(raw) == first
    assert normalize_text(first.text).text == first.text
    text = first.text
    assert "|" not in text and "\x00" not in text and "\r" not in text
    assert text == text.strip(" \n") and unicodedata.is_normalized("NFC", text)
    assert all(line == line.strip(" ") for line in text.split("\n"))


def _big_input(target_chars: int) -> str:
    """A 2 MB page: the five samples with their numbers varied, so lines repeat but the text does
    not, plus a long run of identical short lines (the worst case for line hashing)."""
    samples = [sample(key) for key in sorted(SAMPLE_ONCE)]
    parts, size, n = [], 0, 0
    while size < target_chars:
        chunk = samples[n % len(samples)].replace("2025", str(2025 + n))
        parts.append(chunk)
        size += len(chunk)
        n += 1
    return "\n".join(parts) + "\n" + "- Lưu: VT.\n" * 20_000


def test_two_megabytes_finish():
    raw = _big_input(2_000_000)
    assert len(raw.encode("utf-8")) > 2_000_000
    result = normalize_text(raw)
    assert 0 < len(result.text) < len(raw)
