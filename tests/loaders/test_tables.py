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


def test_split_inline_pipes():
    assert tables.split_inline_pipes(["a | b | c", "ỦY BAN |", "x"]) == [
        PIPE, PIPE, "a", PIPE, "b", PIPE, "c", PIPE, PIPE, "ỦY BAN", PIPE, "x"]


def test_docstring_examples_run():
    result = doctest.testmod(tables)
    assert result.attempted > 0 and result.failed == 0
