"""Normalizer step 6 (tables.py): tables flattened, a data row's cells kept together."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.loaders import tables
from policykg.loaders.breaks import BREAKS, HARD, NOT_TEXT, PIPE, SOFT, NormalizeStats
from policykg.loaders.normalize import NormalizedText, normalize_text


def norm(raw: str) -> str:
    return normalize_text(raw).text


def codes(result: NormalizedText) -> list[str]:
    return [w.code for w in result.warnings]


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
    ("first_row_after_caption_joined_f004",
     "*(Kèm theo Kế hoạch số 179/KH-UBND ngày 18 tháng 11 năm 2025)*\n\n|\n**STT**\n|\n**Nhiệm vụ, giải\npháp**\n|\n"
     "**Đơn vị thực hiện**\n|\n**Đơn vị phối hợp**\n|\n|\n**A**\n|\n**PHÁT TRIỂN NỀN MÓNG CHO\nKINH TẾ SỐ VÀ XÃ HỘI SỐ**\n|\n"
     "|\n1.1\n|\nRà soát, xây dựng\n|\nSở Tư pháp\n|\nCác sở, ban, ngành; UBND các phường, xã\n|",
     "(Kèm theo Kế hoạch số 179/KH-UBND ngày 18 tháng 11 năm 2025)\n\n\n"
     "STT ; Nhiệm vụ, giải pháp ; Đơn vị thực hiện ; Đơn vị phối hợp\n\n\nA\n\n\n"
     "PHÁT TRIỂN NỀN MÓNG CHO\nKINH TẾ SỐ VÀ XÃ HỘI SỐ\n\n\n"
     "1.1 ; Rà soát, xây dựng ; Sở Tư pháp ; Các sở, ban, ngành; UBND các phường, xã"),
    ("text_against_a_pipe_is_no_cell",
     "Các nhiệm vụ:\n|\nSTT\n|\nNhiệm vụ\n|\nChủ trì\n|",
     "Các nhiệm vụ:\n\n\nSTT\n\n\nNhiệm vụ\n\n\nChủ trì"),
    ("caption_against_header_after_signature_2edf",
     "Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.\n|\n*Nơi nhận:*\n"
     "- Như Điều 3;\n- Lưu: VT, KSTT (2).\n|\n**KT. THỦ TƯỚNG**\n**PHÓ THỦ TƯỚNG**\n**Nguyễn Chí Dũng**\n|\n"
     "**PHỤ LỤC I**\nDANH MỤC CÁC CHỈ TIÊU CỤ THỂ\n*(Kèm theo Quyết định số 2629/QĐ-TTg ngày 01 tháng 12 năm 2025 của "
     "Thủ tướng\nChính phủ)*\n|\n**TT**\n|\n**Chỉ tiêu**\n|\n**Đơn vị**\n|\n**Kết quả**\n|\n**Cơ quan chủ trì\n"
     "theo dõi, đánh giá**\n|\n|\n**I**\n|\n**Giai đoạn 2025-2027**\n|\n|\n|\n|\n|\n1\n|\nTỉ lệ dịch vụ công trực "
     "tuyến toàn trình trên tổng\nsố thủ tục hành chính có đủ điều kiện.\n|\n%\n|\n100%\n|\nVăn phòng Chính phủ\n|\n|",
     "Thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành Quyết định này./.\n\n\nNơi nhận:\n"
     "- Như Điều 3;\n- Lưu: VT, KSTT (2).\n\n\nKT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG\nNguyễn Chí Dũng\n\n\nPHỤ LỤC I\n"
     "DANH MỤC CÁC CHỈ TIÊU CỤ THỂ\n(Kèm theo Quyết định số 2629/QĐ-TTg ngày 01 tháng 12 năm 2025 của Thủ tướng "
     "Chính phủ)\n\n\nTT ; Chỉ tiêu ; Đơn vị ; Kết quả ; Cơ quan chủ trì theo dõi, đánh giá\n\n\nI\n\n\n"
     "Giai đoạn 2025-2027\n\n\n1 ; Tỉ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính có đủ "
     "điều kiện. ; % ; 100% ; Văn phòng Chính phủ"),
    ("last_row_caption_and_header_run_together_2edf",
     "|\n|\n6\n|\nTỉ lệ cán bộ chuyên trách về công nghệ thông tin,\nchuyển đổi số được đào tạo.\n|\n%\n|\n100%\n|\n"
     "Bộ Công an\n|\n|\n7\n|\nTỉ lệ các hệ thống thông tin được kiểm tra, đánh giá an ninh mạng\nđịnh kỳ.\n|\n%\n|\n"
     "100%\n|\nBộ Công an\n|\n**PHỤ LỤC II**\nDANH MỤC CÁC NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM\n*(Kèm theo Quyết định số "
     "2629/QĐ-TTg ngày 01 tháng* *12* *năm 2025\ncủa Thủ tướng Chính phủ)*\n|\n**TT**\n|\n**Nhiệm vụ, giải\npháp**\n|\n"
     "**Cơ quan chủ trì**\n|\n**Cơ quan phối hợp**\n|\n**Kết quả**\n|\n**Thời gian thực\nhiện**\n|\n|\n**I**\n|\n"
     "**Hoàn thiện thể chế**\n|\n|\n3\n|\nXây dựng Luật An ninh dữ liệu.\n|\nBộ Công an\n|\nBộ Khoa học và Công\n"
     "nghệ, Bộ Tài chính\n|\nTrình Quốc hội dự\nthảo Luật\n|\nTháng 12/2026\n|\n|",
     "6 ; Tỉ lệ cán bộ chuyên trách về công nghệ thông tin, chuyển đổi số được đào tạo. ; % ; 100% ; Bộ Công an\n\n\n"
     "7 ; Tỉ lệ các hệ thống thông tin được kiểm tra, đánh giá an ninh mạng định kỳ. ; % ; 100% ; Bộ Công an\n\n\n"
     "PHỤ LỤC II\nDANH MỤC CÁC NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM\n(Kèm theo Quyết định số 2629/QĐ-TTg ngày 01 tháng 12 "
     "năm 2025 của Thủ tướng Chính phủ)\n\n\nTT ; Nhiệm vụ, giải pháp ; Cơ quan chủ trì ; Cơ quan phối hợp ; Kết quả ; "
     "Thời gian thực hiện\n\n\nI\n\n\nHoàn thiện thể chế\n\n\n3 ; Xây dựng Luật An ninh dữ liệu. ; Bộ Công an ; "
     "Bộ Khoa học và Công nghệ, Bộ Tài chính ; Trình Quốc hội dự thảo Luật ; Tháng 12/2026"),
    ("wide_row_after_merged_cells_stays_one_row_9b7e",
     "|\n|\n10\n|\n*Phí, lệ phí*\n|\n*155.000*\n|\n*155.000*\n|\n*142.000*\n|\n*120.000*\n|\n*124.000*\n|\n"
     "*128.000*\n|\n|\n|\n*Phí sử dụng công trình kết\ncấu hạ tầng trong khu vực cửa khẩu*\n|\n*3.000*\n|\n*3.000*\n|\n"
     "|\n|\n|\n|\n|\n**11**\n|\n**Tiền sử dụng đất**\n|\n**690.000**\n|\n**690.000**\n|\n**560.000**\n|\n"
     "**550.000**\n|\n**700.000**\n|\n**1.000.000**\n|\n|\n|\n*- Thu do cơ quan, tổ chức,\nđơn vị thuộc TW quản lý*"
     "\n|\n|\n|\n|\n82.500\n|\n105.000\n|\n150.000\n|\n|",
     "10 ; Phí, lệ phí ; 155.000 ; 155.000 ; 142.000 ; 120.000 ; 124.000 ; 128.000\n\n\nPhí sử dụng công trình kết "
     "cấu hạ tầng trong khu vực cửa khẩu ; 3.000 ; 3.000\n\n\n11 ; Tiền sử dụng đất ; 690.000 ; 690.000 ; 560.000 ; "
     "550.000 ; 700.000 ; 1.000.000\n\n\n- Thu do cơ quan, tổ chức, đơn vị thuộc TW quản lý\n\n\n"
     "82.500 ; 105.000 ; 150.000"),
    ("inline_trailing_pipe_cells_003", "ỦY BAN NHÂN DÂN |\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM |\nSố: 01/CTr-UBND |",
     "ỦY BAN NHÂN DÂN\n\n\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\n\n\nSố: 01/CTr-UBND"),
]


@pytest.mark.parametrize("raw,expected", [c[1:] for c in TABLE_CASES], ids=[c[0] for c in TABLE_CASES])
def test_tables(raw, expected):
    assert norm(raw) == expected


# ---------------------------------------------------------------- the step on its own


def reference_row_ends(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines)
            if line == PIPE and (i + 1 == len(lines) or lines[i + 1] in NOT_TEXT)]


@given(st.lists(st.sampled_from([PIPE, PIPE, "a", "Sở Xây dựng", SOFT, HARD]), max_size=20))
def test_row_ends(lines):
    assert tables._row_ends(lines) == reference_row_ends(lines)


@given(st.lists(st.sampled_from([PIPE, "2", "Rà soát", "Sở Xây dựng", "Năm 2025", SOFT, HARD]), max_size=24))
def test_flattened_tables_hold_no_pipe_and_keep_every_cell(lines):
    out = tables.flatten_tables(lines, NormalizeStats())
    assert PIPE not in out
    kept = " ".join(line for line in out if line not in BREAKS)
    assert kept.replace(tables.CELL_JOINER, " ").split() == " ".join(l for l in lines if l not in NOT_TEXT).split()


OPENING_ROWS = [
    pytest.param(["PHỤ LỤC", HARD, PIPE, "STT", PIPE, "Nhiệm vụ", PIPE], 2, id="after-a-break"),
    pytest.param(["PHỤ LỤC", PIPE, "STT", PIPE, "Nhiệm vụ", PIPE], None, id="text-against-the-pipe"),
    pytest.param([HARD, "Sở Y tế", PIPE], None, id="no-opening-pipe"),
    pytest.param([PIPE, "a", PIPE], None, id="no-break"),
]


@pytest.mark.parametrize("segment,opening", OPENING_ROWS)
def test_opening_row(segment, opening):
    assert tables._opening_row(segment) == opening


TRAILING_ROWS = [
    pytest.param(["Kèm theo", PIPE, "TT", PIPE, "Chỉ tiêu", PIPE, "Đơn vị", PIPE], 3, 1, id="caption-then-header"),
    pytest.param(["Nơi nhận", PIPE, "KT. CHỦ TỊCH", PIPE, "PHỤ LỤC", PIPE, "TT", PIPE, "Chỉ tiêu", PIPE], 2, 5,
                 id="signature-cells-left-out"),
    pytest.param(["Kèm theo", HARD, "TT", PIPE, "Chỉ tiêu", PIPE], 2, None, id="a-break-inside"),
    pytest.param([PIPE, "TT", PIPE, "Chỉ tiêu", PIPE], 3, None, id="fewer-cells-than-rows"),
    pytest.param(["Kèm", "theo", PIPE, "Chỉ", "tiêu", PIPE, PIPE], 1, 2, id="cells-of-several-lines"),
]


@pytest.mark.parametrize("segment,width,opening", TRAILING_ROWS)
def test_trailing_row(segment, width, opening):
    assert tables._trailing_row(segment, width) == opening


def test_split_inline_pipes():
    assert tables.split_inline_pipes(["a | b | c", "ỦY BAN |", "x"]) == [
        PIPE, PIPE, "a", PIPE, "b", PIPE, "c", PIPE, PIPE, "ỦY BAN", PIPE, "x"]


def test_docstring_examples_run():
    result = doctest.testmod(tables)
    assert result.attempted > 0 and result.failed == 0
