"""Indicator tables read as targets (target_tables.py), alone and through extract_targets."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.loaders.normalize import normalize_text
from policykg.loaders.tables import CELL_JOINER
from policykg.loaders.target_tables import (
    _JOINER_RE,
    find_table_targets,
    read_indicator_header,
    split_year_columns,
)
from policykg.loaders.targets import extract_targets

EXCERPTS = Path(__file__).resolve().parents[1] / "documents" / "tables"

HEADERS = [
    # (header cells, (indicator, unit, value columns with their years))
    pytest.param(["TT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan chủ trì theo dõi, đánh giá"],
                 (1, 2, ((3, None),)), id="2edf-result-column-and-agency"),
    pytest.param(["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2025", "Năm 2030"],
                 (1, 2, ((3, 2025), (4, 2030))), id="two-deadline-columns"),
    pytest.param(["TT", "Chỉ tiêu", "ĐVT", "ƯTH Năm 2025", "GIAI ĐOẠN 2026 - 2030"],
                 (1, 2, ((4, 2030),)), id="f1e0-estimate-column-left-out"),
    pytest.param(["TT", "Tên chỉ tiêu", "Mục tiêu đến năm 2030"], (1, None, ((2, 2030),)),
                 id="target-column-with-its-year"),
    pytest.param(["STT", "Chỉ tiêu", "Thực hiện năm 2024", "Kế hoạch năm 2025"],
                 (1, None, ((3, 2025),)), id="result-reached-left-out"),
]


@pytest.mark.parametrize("cells,expected", HEADERS)
def test_indicator_headers_by_column_names(cells, expected):
    columns = read_indicator_header(cells)
    assert columns is not None
    assert (columns.indicator, columns.unit, columns.values) == expected
    assert columns.width == len(cells)


@pytest.mark.parametrize("cells", [
    pytest.param(["TT", "Nhiệm vụ, giải pháp", "Cơ quan chủ trì", "Cơ quan phối hợp", "Kết quả",
                  "Thời gian thực hiện"], id="2edf-task-table"),
    pytest.param(["TT", "Chỉ tiêu", "Chủ trì"], id="ad5aff6-indicators-without-values"),
    pytest.param(["TT", "Nội dung", "Đơn vị tính", "Định mức"], id="a6fb-norms"),
    pytest.param(["STT", "Nội dung", "Đơn vị tính", "Năm hiện hành 2025", "Năm 2026"],
                 id="9b7e-budget-without-indicator-column"),
    pytest.param(["1", "Tỉ lệ dịch vụ công trực tuyến toàn trình", "%", "100%"], id="a-data-row"),
])
def test_other_rows_are_no_indicator_header(cells):
    assert read_indicator_header(cells) is None


def test_a_second_header_row_of_years_splits_the_period_column():
    columns = read_indicator_header(["TT", "Chỉ tiêu", "ĐVT", "ƯTH Năm 2025", "GIAI ĐOẠN 2026 - 2030"])
    split = split_year_columns(columns, ["Năm 2026", "Năm 2027", "Năm 2028", "Năm 2029", "Năm 2030"])
    assert split is not None and split.width == 9
    assert split.values == ((4, 2026), (5, 2027), (6, 2028), (7, 2029), (8, 2030))
    assert split_year_columns(columns, ["I", "CÂY CÔNG NGHIỆP"]) is None


ROWS = [
    # (row line under "TT ; Chỉ tiêu ; Đơn vị tính ; Năm 2030", (value, value_max, unit, comparator))
    pytest.param("1 ; Tỉ lệ hộ nghèo ; % ; Dưới 1%", (1.0, None, "%", "<"), id="comparator-word"),
    pytest.param("2 ; Thu nhập bình quân đầu người ; triệu đồng/người ; Trên 60",
                 (60.0, None, "triệu đồng/người", ">"), id="unit-from-its-column"),
    pytest.param("3 ; Tốc độ tăng trưởng GRDP ; % ; 10-11", (10.0, 11.0, "%", "range"), id="range"),
    pytest.param("4 ; Tuổi thọ trung bình ; tuổi ; 75,5", (75.5, None, "tuổi", "="), id="decimal-comma"),
]


@pytest.mark.parametrize("row,expected", ROWS)
def test_row_values(row, expected):
    text = f"TT ; Chỉ tiêu ; Đơn vị tính ; Năm 2030\n\n\n{row}"
    (target,) = find_table_targets(text)
    assert (target.value, target.value_max, target.unit, target.comparator) == expected
    assert target.year == 2030
    assert text[target.span[0]:target.span[1]].startswith(target.indicator)


@pytest.mark.parametrize("cell", [
    pytest.param("Hoàn thành", id="words-only"),
    pytest.param("Theo lộ trình của Bộ Khoa học và Công nghệ đến năm 2030", id="a-sentence"),
    pytest.param("", id="empty"),
])
def test_cells_without_a_value_give_no_target(cell):
    text = f"TT ; Chỉ tiêu ; Đơn vị ; Kết quả ; Cơ quan\n\n\n1 ; Tỉ lệ số hóa ; % ; {cell} ; Bộ Công an"
    assert find_table_targets(text) == []


def test_body_text_ends_the_table():
    text = ("TT ; Chỉ tiêu ; Đơn vị ; Kết quả\n\n\n" + "Nội dung khác của kế hoạch. " * 20
            + "\n\n\n1 ; Tỉ lệ số hóa ; % ; 100%")
    assert find_table_targets(text) == []


def test_2edf_appendix_excerpt():
    """The indicator table after the signature block, its caption against the header's pipe,
    with group rows 'Giai đoạn 2025-2027' / 'Giai đoạn 2028-2030' giving the year."""
    raw = (EXCERPTS / "2edf5927c71bc4c1_appendix.md").read_text(encoding="utf-8")
    text = normalize_text(raw).text
    found = find_table_targets(text)
    assert [(t.value, t.unit, t.year) for t in found] == [
        (100.0, "%", 2027), (100.0, "%", 2027), (95.0, "%", 2027),
        (99.0, "%", 2030), (50.0, "%", 2030), (100.0, "%", 2030), (100.0, "%", 2030)]
    assert found[0].indicator == ("Tỉ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục "
                                  "hành chính có đủ điều kiện")
    for target in found:
        assert text[target.row[0]:target.row[1]].count("\n") == 0
        assert target.row[0] <= target.span[0] < target.span[1] <= target.row[1]


def test_yearly_columns_are_one_target_with_its_path_f1e0():
    text = ("TT ; Chỉ tiêu ; ĐVT ; ƯTH Năm 2025 ; GIAI ĐOẠN 2026 - 2030\n\n\n"
            "Năm 2026 ; Năm 2027 ; Năm 2028 ; Năm 2029 ; Năm 2030\n\n\nI\n\n\nCÂY CÔNG NGHIỆP\n\n\n"
            "1\n\n\nCà Phê\n\n\n- ; Diện tích ; Ha ; 26.120 ; 27.000 ; 27.500 ; 28.000 ; 29.000 ; 30.000")
    (target,) = find_table_targets(text)
    assert (target.indicator, target.value, target.unit, target.year) == ("Diện tích", 30000.0, "Ha", 2030)
    assert target.yearly == ((2026, 27000.0), (2027, 27500.0), (2028, 28000.0), (2029, 29000.0))


def test_rows_are_read_once_through_extract_targets():
    text = ("1. Mục tiêu cụ thể\n\n\nTT ; Chỉ tiêu ; Đơn vị ; Năm 2025\n\n\n"
            "1 ; Tỷ lệ hộ nghèo đạt dưới 1% ; % ; Dưới 1%")
    found = extract_targets(text, [])
    assert [(t.value, t.unit, t.comparator, t.year) for t in found] == [(1.0, "%", "<", 2025)]
    assert found[0].text.startswith("Tỷ lệ hộ nghèo")


@given(st.lists(st.tuples(st.integers(1, 999), st.sampled_from(["%", "ha", "km"])), min_size=1,
                max_size=6),
       st.integers(2025, 2035))
def test_every_row_gives_its_value_year_and_unit(rows, year):
    lines = [f"{i + 1} ; Chỉ tiêu số {i + 1} ; {unit} ; {value}" for i, (value, unit) in enumerate(rows)]
    text = f"TT ; Chỉ tiêu ; Đơn vị tính ; Năm {year}\n\n\n" + "\n\n\n".join(lines)
    found = find_table_targets(text)
    assert [(t.value, t.unit, t.year) for t in found] == [(float(v), u, year) for v, u in rows]
    assert all(text[t.span[0]:t.span[1]].startswith(t.indicator) for t in found)


@given(st.lists(st.sampled_from([" ", ";", " ; ", ";;", "  ", "x", "\n", "Chỉ tiêu"]), max_size=10).map("".join))
def test_cell_joiner_found_from_its_semicolon(text: str) -> None:
    assert (_JOINER_RE.search(text) is not None) is (CELL_JOINER in text)
