"""Normalizer step 5 (line_wraps.py): hard wraps joined, headings kept on their own lines."""

from __future__ import annotations

import doctest
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.loaders import line_wraps
from policykg.loaders.breaks import HARD, PIPE, SOFT
from policykg.loaders.normalize import NormalizedText, normalize_text


def norm(raw: str) -> str:
    return normalize_text(raw).text


def codes(result: NormalizedText) -> list[str]:
    return [w.code for w in result.warnings]


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
    # f069c23c942c1ec6 writes "*2.3.\nCông an tỉnh*", 192068354fd1ffe5 "**III.\nNHIỆM VỤ …**"
    ("number_alone_opens_heading", "nghiện của địa phương.\n\n*2.3.\nCông an tỉnh*\n\na) Chủ trì,",
     "nghiện của địa phương.\n\n2.3. Công an tỉnh\n\na) Chủ trì,"),
    ("roman_alone_opens_heading", "**III.\nNHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU**",
     "III. NHIỆM VỤ VÀ GIẢI PHÁP CHỦ YẾU"),
    ("number_alone_then_item_kept", "**1.**\n- Rà soát, bổ sung quy hoạch;", "1.\n- Rà soát, bổ sung quy hoạch;"),
    # f1e0981425ec38be "tốc độ tăng bình quân 05" / "- 06%/năm", 31fb08f34535fce3 "giai đoạn 2021" / "- 2025”;"
    ("range_wrapped_before_dash", "Kim ngạch xuất khẩu tăng bình quân 05\n- 06%/năm. Thị trường",
     "Kim ngạch xuất khẩu tăng bình quân 05 - 06%/năm. Thị trường"),
    ("year_range_wrapped_before_dash", "ứng phó với bạo lực trên cơ sở giới giai đoạn 2021\n- 2025”;",
     "ứng phó với bạo lực trên cơ sở giới giai đoạn 2021 - 2025”;"),
    ("heading_year_range_wrapped", "4. Trong giai đoạn 2026\n- 2030 phấn đấu có ít nhất 10% đội ngũ",
     "4. Trong giai đoạn 2026 - 2030 phấn đấu có ít nhất 10% đội ngũ"),
    ("smaller_number_item_kept", "tỷ lệ che phủ rừng đạt 100\n- 99% các xã có Internet;",
     "tỷ lệ che phủ rừng đạt 100\n- 99% các xã có Internet;"),
    ("item_after_finished_line_kept", "các xã có Internet đến cấp thôn 2024;\n- 2025 hoàn thành",
     "các xã có Internet đến cấp thôn 2024;\n- 2025 hoàn thành"),
    ("number_alone_across_blank_line", "**1.**\n\n**Mục đích**\n\nTriển khai hiệu quả.",
     "1. Mục đích\n\nTriển khai hiệu quả."),
    ("number_alone_blank_then_item_kept", "1.\n\n- Rà soát, bổ sung quy hoạch;",
     "1.\n\n- Rà soát, bổ sung quy hoạch;"),
    # ad5aff6c13929815 "17. Chi cục" / "Hải quan khu vực V", 69db23c781b2e9aa, f1e0981425ec38be
    ("numbered_heading_wrapped_after_head_noun", "17. Chi cục\nHải quan khu vực V\na) Chủ trì",
     "17. Chi cục Hải quan khu vực V\na) Chủ trì"),
    ("item_wrapped_after_conjunction", "a) Phối hợp với Sở Giáo dục và\nĐào tạo kiểm tra việc thực hiện",
     "a) Phối hợp với Sở Giáo dục và Đào tạo kiểm tra việc thực hiện"),
    ("item_wrapped_after_comma", "a) Thị trường Trung Quốc,\nHồng Kông, Đài Loan",
     "a) Thị trường Trung Quốc, Hồng Kông, Đài Loan"),
    ("heading_then_body_after_full_phrase_kept", "a) Cung cấp dịch vụ số bao trùm, thông minh\nMột số chỉ tiêu",
     "a) Cung cấp dịch vụ số bao trùm, thông minh\nMột số chỉ tiêu"),
    ("parenthesised_note_closes", "(Chi tiết có biểu kèm theo)\nNăm 2025 là năm cuối",
     "(Chi tiết có biểu kèm theo)\nNăm 2025 là năm cuối"),
]


@pytest.mark.parametrize("raw,expected", [c[1:] for c in WRAP_CASES], ids=[c[0] for c in WRAP_CASES])
def test_hard_wraps(raw, expected):
    assert norm(raw) == expected


# ---------------------------------------------------------------- the step on its own

REPAIR_CASES = [
    pytest.param(["I. MỤC TIÊU, CHỈ", "TIÊU", "1. Mục tiêu", "chung."], ["I. MỤC TIÊU, CHỈ TIÊU", "1. Mục tiêu chung."],
                 id="title-and-heading"),
    pytest.param(["phát triển kinh", SOFT, "tế - xã hội."], ["phát triển kinh tế - xã hội."], id="across-soft"),
    pytest.param(["phát triển kinh", HARD, "tế - xã hội."], ["phát triển kinh", HARD, "tế - xã hội."],
                 id="never-across-hard"),
    pytest.param(["phát triển kinh", SOFT, SOFT, "tế"], ["phát triển kinh", SOFT, SOFT, "tế"], id="two-soft"),
    pytest.param([PIPE, "a", PIPE, "b"], [PIPE, "a", PIPE, "b"], id="cells-stay"),
    pytest.param([], [], id="empty"),
]


@pytest.mark.parametrize(("lines", "expected"), REPAIR_CASES)
def test_repair_wraps(lines, expected):
    assert line_wraps.repair_wraps(lines) == expected


def reference_is_upper_line(line: str) -> bool:
    """The definition, reading the whole line."""
    letters = len(re.findall(r"[^\W\d_]", line))
    return line[:1].isalpha() and line.upper() == line and letters >= line_wraps.UPPER_MIN_LETTERS


UPPERISH = st.text(st.sampled_from(list("ĐỦY BAN NHÂNdân12., ") + ["ß", "ǅ", "ª", "İ", "ﬁ"]), max_size=40)


@given(UPPERISH)
def test_upper_line_probe_agrees_with_the_definition(line):
    assert line_wraps._is_upper_line(line) == reference_is_upper_line(line)


def reference_joins(prev: line_wraps._Joined, cur: str) -> bool:
    """``_joins`` with its tests in their first order (heading, closed, upper, lower case)."""
    first = cur[0]
    if line_wraps.HEADING_START.match(cur):
        return not prev.closed and (
            (line_wraps._DASH_CONTINUATION.match(cur) is not None and cur[2:3].islower()
             and line_wraps._DASH_COMPOUND_TAIL.search(prev.tail) is not None)
            or line_wraps._continues_range(prev, cur))
    if prev.closed:
        return first.islower() and prev.tail[-1:] in line_wraps.SOFT_CLOSERS
    if line_wraps._is_upper_line(cur):
        return prev.upper() and line_wraps._joins_upper(prev, cur)
    if first.islower() or first.isdigit():
        return True
    return not prev.upper() and (prev.length > line_wraps.HEADING_MAX_CHARS or not prev.numbered()
                                 or line_wraps.OPEN_END.search(prev.tail) is not None)


PIECES = st.sampled_from(["I. MỤC TIÊU", "1. Mục tiêu", "chung.", "nông - lâm", "- ngư và", "a) Tăng",
                          "KẾ HOẠCH", "VỀ", "TM. ỦY BAN NHÂN", "DÂN", "tế - xã hội;", "Căn cứ Luật", "(1)",
                          "(Chi tiết có biểu kèm theo)", "năm 2025:", "đã ký)", "ǅ", "ª1", "x",
                          "giai đoạn 2021", "- 2025”;", "- 06%/năm", "đạt 100", "- 99% xã",
                          "17. Chi cục", "Hải quan", "a) Trung Quốc,", "e) châu Âu và"])


@given(st.lists(PIECES, min_size=1, max_size=4), PIECES)
def test_join_tests_in_any_order_agree(pieces, cur):
    prev = line_wraps._Joined()
    prev.restart(pieces[0])
    for piece in pieces[1:]:
        prev.add(piece)
    assert line_wraps._joins(prev, cur) == reference_joins(prev, cur)


def test_docstring_examples_run():
    result = doctest.testmod(line_wraps)
    assert result.attempted > 0 and result.failed == 0


# ---------------------------------------------------------------- deciding one line end again

CONTINUES_CASES = [
    pytest.param("Căn cứ Kết luận số 92-KL/TW ngày", "05/11/2020 của Bộ Chính trị;", False, True,
                 id="date-runs-on"),
    pytest.param("1. Mục tiêu chung.", "Nâng cao đời sống", False, False, id="after-a-sentence"),
    pytest.param("- Đến năm 2025 có 60% cơ sở trợ giúp xã hội công lập, phòng", "HIỆN vấn, hỗ trợ",
                 False, True, id="no-longer-an-upper-case-line"),
    pytest.param("- Đến năm 2025 có 60% cơ sở trợ giúp xã hội công lập, phòng", "HIỆN", False, False,
                 id="an-upper-case-line"),
    pytest.param("… phát triển kinh", "tế - xã hội của huyện", True, True, id="across-a-soft-break"),
    pytest.param("… phát triển kinh", "Tế - xã hội", True, False, id="capital-across-a-soft-break"),
    pytest.param("2.3.", "Công an tỉnh", False, True, id="heading-number-alone"),
]


@pytest.mark.parametrize(("first", "line", "soft", "joins"), CONTINUES_CASES)
def test_continues(first, line, soft, joins):
    assert line_wraps.continues(first, line, soft=soft) is joins


WRAP_LINES = st.sampled_from([
    "I. MỤC TIÊU, CHỈ", "TIÊU", "HIỆN", "vấn, hỗ trợ", "1.", "2.3.", "- 2025”;", "giai đoạn 2021",
    "phòng", "Công an tỉnh", "17. Chi cục", "a) Phối hợp với Sở", "Đào tạo;", "nông - lâm",
    "- ngư và", "DÂN", "(Chi tiết kèm theo)", "5.2", "Kiến nghị", "2025 ABC", "x",
])


@given(first=WRAP_LINES, line=WRAP_LINES, soft=st.booleans())
def test_continues_decides_as_repair_wraps(first, line, soft):
    lines = [first, SOFT, line] if soft else [first, line]
    assert line_wraps.continues(first, line, soft=soft) is (len(line_wraps.repair_wraps(lines)) == 1)


@pytest.mark.parametrize(("lines", "joined", "expected"), [
    pytest.param(["Đến năm 2025, phòng", "HIỆN vấn, hỗ trợ"], [1], True, id="joined-line-continues"),
    pytest.param(["Đến năm 2025, phòng", HARD, "HIỆN vấn, hỗ trợ"], [2], False, id="hard-break"),
    pytest.param(["1. Mục tiêu chung.", SOFT, "Nâng cao đời sống"], [0], False, id="sentence-ended"),
    pytest.param(["Đến năm 2025, phòng", SOFT, SOFT, "HIỆN vấn, hỗ trợ"], [3], False,
                 id="two-blank-lines"),
    pytest.param(["a) Phối hợp với Sở", "HIỆN vấn"], [], False, id="no-joined-line"),
    pytest.param(["HIỆN 2025 ABC", "TIÊU"], [0], True, id="joined-line-now-upper-case"),
])
def test_rejoins(lines, joined, expected):
    assert line_wraps.rejoins(lines, joined) is expected


@given(st.lists(st.one_of(WRAP_LINES, st.sampled_from([SOFT, SOFT, HARD])), max_size=25))
def test_rejoins_tells_whether_a_second_repair_joins(lines):
    joined: list[int] = []
    once = line_wraps.repair_wraps(lines, joined)
    assert all(" " in once[at] for at in joined)  # each made of two pieces or more
    again = line_wraps.repair_wraps(once)
    assert line_wraps.rejoins(once, joined) is (again != once)
