"""Task tables (assignment_tables.py, assignment_cells.py): a row's "chủ trì" column its lead, "phối hợp" its support.

Cases are real: header rows and cells of the dev corpus's appendix tables (f004d93b21e7fc5f, a
Đồng Nai plan; 192068354fd1ffe5, a Đồng Tháp plan; ad5aff6c13929815, a Bắc Ninh plan), and
excerpts of those appendices copied byte for byte to tests/documents/tables/, read through the
normalizer as in production. Property tests build random tables in both reader formats.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.loaders.assignment_cells import cell_agencies
from policykg.loaders.assignment_tables import Columns, find_task_rows, read_header, split_cells
from policykg.loaders.assignments import extract_assignments
from policykg.loaders.normalize import normalize_text
from policykg.loaders.parse import parse_document
from policykg.loaders.pipeline import extract_record
from tests.factories import ROOT, make_task_table
from tests.loaders.doc_factories import docx_paragraph, docx_table, make_docx

EXCERPTS = ROOT / "tests" / "documents" / "tables"
DEV_CORPUS = ROOT / "tests" / "documents" / "dev_corpus"


def assignments_of(raw: str) -> tuple[str, list]:
    """The normalized text of ``raw`` and its assignments, as the pipeline reads them."""
    text = normalize_text(raw).text
    return text, extract_assignments(text, parse_document(text).sections)


def cells_of(line: str) -> list[str]:
    return [line[s:e] for s, e in split_cells(line, 0, len(line))]


# --- headers ----------------------------------------------------------------------------------

HEADERS = [
    pytest.param(["STT", "Nhiệm vụ, giải pháp", "Đơn vị thực hiện", "Đơn vị phối hợp",
                  "Thời gian thực hiện", "Sản phẩm đầu ra"],
                 Columns(6, task=1, lead=2, support=3, numbered=True), id="f004-don-vi-thuc-hien"),
    pytest.param(["Nội dung", "Đơn vị thực hiện", "Đơn vị phối hợp", "Thời gian thực hiện",
                  "Sản phẩm đầu ra"],
                 Columns(5, task=0, lead=1, support=2), id="f004-repeated-header-noi-dung"),
    pytest.param(["STT", "NHIỆM VỤ VÀ GIẢI PHÁP", "CHỦ TRÌ", "PHỐI HỢP", "THỜI GIAN"],
                 Columns(5, task=1, lead=2, support=3, numbered=True), id="192068-upper-case"),
    pytest.param(["TT", "Chỉ tiêu", "Chủ trì"],
                 Columns(3, task=1, lead=2, numbered=True), id="ad5aff6-indicator-lead-only"),
    pytest.param(["TT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
                 Columns(5, task=1, lead=2, support=3, numbered=True), id="co-quan-chu-tri"),
    pytest.param(["Số TT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp"],
                 Columns(4, task=1, lead=2, support=3, numbered=True), id="don-vi-chu-tri"),
    pytest.param(["STT", "Tên nhiệm vụ", "Cơ quan thực hiện", "Sản phẩm"],
                 Columns(4, task=1, lead=2, numbered=True), id="co-quan-thuc-hien"),
    pytest.param(["STT", "Chỉ tiêu", "Cơ quan chủ trì theo dõi, đánh giá"],
                 Columns(3, task=1, lead=2, numbered=True), id="chu-tri-theo-doi"),
    pytest.param(["TT", "Nhiệm vụ", "Cơ quan chủ trì, phối hợp", "Thời gian"],
                 Columns(4, task=1, lead=None, mixed=2, numbered=True), id="one-column-both-roles"),
]

NOT_HEADERS = [
    pytest.param(["TT", "Tên thủ tục hành chính", "Đơn vị thực hiện"], id="4c6ac60-procedures"),
    pytest.param(["TT", "Chỉ tiêu", "ĐVT", "ƯTH Năm 2025", "GIAI ĐOẠN 2026 - 2030"],
                 id="f1e0-indicators-without-agency"),
    pytest.param(["STT", "Nội dung", "Thời gian thực hiện", "Kết quả thực hiện"],
                 id="thoi-gian-thuc-hien-is-no-lead"),
    pytest.param(["STT", "Nhiệm vụ", "Đơn vị phối hợp"], id="support-without-lead"),
    pytest.param(["1.1", "Rà soát quy định", "Sở Tư pháp", "Các sở, ban, ngành"], id="a-data-row"),
]


@pytest.mark.parametrize("cells,columns", HEADERS)
def test_headers_are_read_by_column_names(cells, columns):
    assert read_header(cells) == columns


@pytest.mark.parametrize("cells", NOT_HEADERS)
def test_other_rows_are_no_task_header(cells):
    assert read_header(cells) is None


# --- cells ------------------------------------------------------------------------------------

CELLS = [
    pytest.param("Sở Tư pháp", ["Sở Tư pháp"], id="f004-one-agency"),
    pytest.param("Các sở, ban, ngành; UBND các phường, xã",
                 ["Các sở, ban, ngành", "UBND các phường, xã"], id="f004-collectives"),
    pytest.param("Các sở, ban, ngành; UBND các phường, xã; Các doanh nghiệp cung cấp dịch vụ bưu chính",
                 ["Các sở, ban, ngành", "UBND các phường, xã",
                  "Các doanh nghiệp cung cấp dịch vụ bưu chính"], id="f004-name-holding-a-verb"),
    pytest.param("Thuế Đồng Nai", ["Thuế Đồng Nai"], id="f004-no-agency-head-word"),
    pytest.param("Sở Khoa học và Công nghệ, các sở, ban, ngành; UBND các phường xã",
                 ["Sở Khoa học và Công nghệ", "các sở, ban, ngành", "UBND các phường xã"],
                 id="f004-comma-then-semicolon"),
    pytest.param("Viện, Trường; Doanh nghiệp, Sở, ban, ngành có liên quan",
                 ["Viện", "Trường", "Doanh nghiệp", "Sở, ban, ngành có liên quan"], id="192068"),
    pytest.param("Sở KH&CN chủ trì hướng dẫn, tổng hợp; Các sở, ngành, UBND cấp xã thực hiện công "
                 "bố dữ liệu mở hằng năm theo lĩnh vực quản lý.",
                 ["Sở KH&CN", "Các sở, ngành", "UBND cấp xã"], id="ad5aff6-sentences"),
    pytest.param("Sở Giáo dục và Đào tạo; Sở Nội vụ; Sở Khoa học và Công nghệ thúc đẩy, theo dõi, "
                 "báo cáo chỉ tiêu",
                 ["Sở Giáo dục và Đào tạo", "Sở Nội vụ", "Sở Khoa học và Công nghệ"],
                 id="ad5aff6-reporting-verbs"),
    pytest.param("UBND TP. Hồ Chí Minh", ["UBND TP. Hồ Chí Minh"], id="abbreviation-dot-kept"),
    pytest.param("- Sở Y tế\n- Sở Tài chính", ["Sở Y tế", "Sở Tài chính"], id="bulleted-lines"),
    pytest.param("Các bộ, ngành, địa phương", ["Các bộ, ngành", "địa phương"],
                 id="2edf-localities-share-the-collective"),
    pytest.param("Bộ Công an, Bộ Tài chính, Bộ Nội vụ và các bộ, ngành, địa phương khác có liên quan",
                 ["Bộ Công an", "Bộ Tài chính", "Bộ Nội vụ", "các bộ, ngành",
                  "địa phương khác có liên quan"], id="2edf-qualifier-stays-with-the-last-item"),
    pytest.param("Bộ Công an, Bộ Khoa học và Công nghệ với các tiêu chuẩn, quy chuẩn, hướng dẫn kỹ "
                 "thuật áp dụng chung toàn quốc; các bộ, ngành với các tiêu chuẩn, quy chuẩn, hướng "
                 "dẫn kỹ thuật nội ngành",
                 ["Bộ Công an", "Bộ Khoa học và Công nghệ", "các bộ, ngành"],
                 id="2edf-share-after-với-is-no-name"),
    pytest.param("2026 - 2030", [], id="a-date-is-no-agency"),
    pytest.param("x", [], id="a-tick-is-no-agency"),
]


@pytest.mark.parametrize("cell,agencies", CELLS)
def test_cell_agencies_as_written(cell, agencies):
    assert [cell[s:e] for s, e in cell_agencies(cell, 0, len(cell))] == agencies


STRICT_CELLS = [
    pytest.param("Sở Tài chính", ["Sở Tài chính"], id="agency-word"),
    pytest.param("Thường xuyên", [], id="capitalised-deadline"),
    pytest.param("Năm 2025", [], id="year"),
]


@pytest.mark.parametrize("cell,agencies", STRICT_CELLS)
def test_strict_cells_need_an_agency_word(cell, agencies):
    assert [cell[s:e] for s, e in cell_agencies(cell, 0, len(cell), strict=True)] == agencies


# --- real appendices, through the normalizer --------------------------------------------------

EXCERPT_ROWS = [
    # (excerpt, task opening, section, leads, supports)
    pytest.param("f004d93b21e7fc5f_appendix.md", "Rà soát, xây dựng, sửa đổi", "PHỤ LỤC/A/I",
                 ["Sở Tư pháp"], ["Các sở, ban, ngành", "UBND các phường, xã"], id="f004-1.1"),
    pytest.param("f004d93b21e7fc5f_appendix.md", "Triển khai hạ tầng số", "PHỤ LỤC/A/II",
                 ["Sở Khoa học và Công nghệ"],
                 ["Các sở, ban, ngành", "UBND các phường, xã",
                  "Các doanh nghiệp cung cấp dịch vụ bưu chính"], id="f004-2.1"),
    pytest.param("f004d93b21e7fc5f_appendix.md", "Triển khai Nền tảng hóa đơn", "PHỤ LỤC/A/II",
                 ["Thuế Đồng Nai"], ["Các sở, ban, ngành", "UBND các phường xã"], id="f004-9.5"),
    pytest.param("f004d93b21e7fc5f_appendix.md", "Xây dựng và tổ chức triển khai Kế hoạch",
                 "PHỤ LỤC/B/I", ["Sở Nông nghiệp và Môi trường"],
                 ["Các sở, ban, ngành", "UBND các phường xã"], id="f004-header-repeated-under-B-I"),
    pytest.param("192068354fd1ffe5_appendix.md", "Đề xuất giải pháp", "PHỤ LỤC/I", ["Sở Tài chính"],
                 ["Sở Công Thương", "Ban Quản lý khu Kinh tế tỉnh Đồng Tháp"], id="192068-2"),
    pytest.param("ad5aff6c13929815_appendix.md", "Phấn đấu mỗi năm", "PHỤ LỤC/I",
                 ["Sở KH&CN", "Các sở, ngành", "UBND cấp xã"], [], id="ad5aff6-2"),
    pytest.param("ad5aff6c13929815_appendix.md", "Tỷ lệ người sử dụng", "PHỤ LỤC/II",
                 ["Sở Khoa học và Công nghệ"], [], id="ad5aff6-group-II"),
]


@pytest.mark.parametrize("name,task,section,leads,supports", EXCERPT_ROWS)
def test_real_appendix_rows(name, task, section, leads, supports):
    text, found = assignments_of((EXCERPTS / name).read_text(encoding="utf-8"))
    row = [a for a in found if a.task_text.startswith(task)]
    assert [a.agency for a in row if a.role == "lead"] == leads
    assert [a.agency for a in row if a.role == "support"] == supports
    assert {a.section for a in row} == {section}
    for a in row:
        quoted = text[a.span[0]:a.span[1]]
        assert a.agency in quoted and a.task_text in quoted and "\n" not in quoted


def test_group_rows_are_no_tasks():
    text, found = assignments_of((EXCERPTS / "f004d93b21e7fc5f_appendix.md").read_text(encoding="utf-8"))
    assert "PHÁT TRIỂN NỀN MÓNG CHO\nKINH TẾ SỐ VÀ XÃ HỘI SỐ" in text  # kept readable, as printed
    assert not any(a.task_text.startswith(("Hoàn thiện thể chế", "PHÁT TRIỂN", "Nhiệm vụ"))
                   for a in found)


@pytest.mark.parametrize("stem", ["f004d93b21e7fc5f", "192068354fd1ffe5", "ad5aff6c13929815",
                                  "2edf5927c71bc4c1"])
def test_every_numbered_row_of_a_dev_appendix_has_its_lead(stem):
    text = normalize_text((DEV_CORPUS / f"{stem}.md").read_text(encoding="utf-8")).text
    appendix = re.search(r"\nPHỤ LỤC(?: [IVX]+)?\n", text).start()
    numbered = {m.span() for m in re.finditer(r"^\d+(?:\.\d+)* ; .*$", text, re.M)
                if m.start() > appendix}
    rows = find_task_rows(text)
    assert len(numbered) > 10
    assert {row.span for row in rows} == numbered
    assert all(row.leads for row in rows)


def test_rows_in_a_task_section_are_read_once_by_their_columns():
    raw = ("III. TỔ CHỨC THỰC HIỆN\n"
           + make_task_table([["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp"],
                              ["1", "Sở Y tế chủ trì xây dựng kế hoạch", "Sở Y tế", "Sở Tài chính"]],
                             caption="Các nhiệm vụ cụ thể:"))
    _, found = assignments_of(raw)
    assert [(a.agency, a.role, a.section) for a in found] == [
        ("Sở Y tế", "lead", "III"), ("Sở Tài chính", "support", "III")]


# --- the other reader format, and rows that do not fit ---------------------------------------

def test_inline_rows_of_html_and_docx_readers():
    raw = make_task_table([["TT", "Nội dung công việc", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian"],
                           ["I", "Hoàn thiện thể chế"],
                           ["1", "Rà soát văn bản", "Sở Tư pháp", "Sở Nội vụ", "Năm 2026"],
                           ["2", "Cập nhật cơ sở dữ liệu", "Sở Nội vụ", "", "Năm 2027"]],
                          flattened=False, caption="PHỤ LỤC 02")
    _, found = assignments_of(raw)
    assert [(a.agency, a.role, a.section) for a in found] == [
        ("Sở Tư pháp", "lead", "PHỤ LỤC 02/I"), ("Sở Nội vụ", "support", "PHỤ LỤC 02/I"),
        ("Sở Nội vụ", "lead", "PHỤ LỤC 02/I")]  # row 2: no support, not its deadline


@pytest.mark.parametrize("flattened", [True, False], ids=["portal-markdown", "inline-rows"])
def test_two_row_header_splits_the_role_column(flattened):
    raw = make_task_table([["STT", "Nhiệm vụ", "Cơ quan thực hiện", "Thời gian"], ["Chủ trì", "Phối hợp"],
                           ["I", "Hoàn thiện thể chế"],
                           ["1", "Rà soát văn bản", "Sở Tư pháp", "Sở Nội vụ; Công an tỉnh", "2026"]],
                          flattened=flattened)
    _, found = assignments_of(raw)
    assert [(a.agency, a.role, a.section) for a in found] == [
        ("Sở Tư pháp", "lead", "PHỤ LỤC/I"), ("Sở Nội vụ", "support", "PHỤ LỤC/I"),
        ("Công an tỉnh", "support", "PHỤ LỤC/I")]


def test_docx_table_end_to_end():
    data = make_docx(docx_paragraph("PHỤ LỤC"), docx_paragraph("DANH MỤC NHIỆM VỤ"),
                     docx_table([["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
                                 ["I", "Hoàn thiện thể chế", "", "", ""],
                                 ["1", "Rà soát văn bản", "Sở Tư pháp", "Sở Nội vụ; Công an tỉnh", "2026"]]))
    record = extract_record(data, "phu-luc.docx")
    assert [(a.agency, a.role, a.section, a.task_text) for a in record.assignments] == [
        ("Sở Tư pháp", "lead", "PHỤ LỤC/I", "Rà soát văn bản"),
        ("Sở Nội vụ", "support", "PHỤ LỤC/I", "Rà soát văn bản"),
        ("Công an tỉnh", "support", "PHỤ LỤC/I", "Rà soát văn bản")]
    assert all(a.agency in record.quote(a.span) for a in record.assignments)


def test_a_row_of_another_table_ends_the_task_table():
    raw = make_task_table([["STT", "Nhiệm vụ", "Chủ trì"], ["1", "Rà soát", "Sở Tư pháp"],
                           ["TT", "Chỉ tiêu", "Đơn vị tính"], ["1", "Tỷ lệ hộ nghèo", "Phần trăm"]])
    _, found = assignments_of(raw)
    assert [(a.agency, a.role) for a in found] == [("Sở Tư pháp", "lead")]


def test_body_text_ends_the_task_table():
    raw = make_task_table([["STT", "Nhiệm vụ", "Chủ trì"], ["1", "Rà soát", "Sở Tư pháp"]])
    raw += "\n\n" + "Các cơ quan, đơn vị báo cáo kết quả thực hiện về Sở Nội vụ trước ngày 15 " * 5
    raw += "\n\n" + make_task_table([["1", "Theo dõi", "Sở Nội vụ"]], caption="")
    _, found = assignments_of(raw)
    # The caption "PHỤ LỤC" is a heading, so the sentence between the tables is read as one
    # ("Các cơ quan, đơn vị" lead); the row after it is no longer the table's.
    rows = [(a.agency, a.role) for a in found if a.task_text in ("Rà soát", "Theo dõi")]
    assert rows == [("Sở Tư pháp", "lead")]


# --- properties -------------------------------------------------------------------------------

AGENCIES = ["Sở Tư pháp", "Sở Khoa học và Công nghệ", "UBND các phường, xã", "Các sở, ban, ngành",
            "Công an tỉnh", "Sở Văn hóa, Thể thao và Du lịch", "Bảo hiểm xã hội tỉnh"]
LEAD_NAMES = ["Cơ quan chủ trì", "Đơn vị chủ trì", "Đơn vị thực hiện", "Cơ quan thực hiện", "Chủ trì",
              "CHỦ TRÌ"]
SUPPORT_NAMES = ["Cơ quan phối hợp", "Đơn vị phối hợp", "Phối hợp", "PHỐI HỢP"]
TASK_NAMES = ["Nhiệm vụ", "Nhiệm vụ, giải pháp", "Nội dung", "Chỉ tiêu", "NHIỆM VỤ VÀ GIẢI PHÁP"]
TASKS = ["Rà soát, sửa đổi quy định", "Triển khai Nền tảng hóa đơn điện tử",
         "Tỷ lệ hồ sơ trực tuyến đạt 80%", "Xây dựng kế hoạch; tổ chức tập huấn"]

agency_cell = st.lists(st.sampled_from(AGENCIES), min_size=1, max_size=3, unique=True)


@st.composite
def task_tables(draw):
    """A task table (header, group rows, data rows) and the agencies each data row names."""
    header = ["STT", draw(st.sampled_from(TASK_NAMES)), draw(st.sampled_from(LEAD_NAMES)),
              draw(st.sampled_from(SUPPORT_NAMES)), "Thời gian thực hiện"]
    rows, expected = [header], []
    for n in range(draw(st.integers(1, 6))):
        if draw(st.booleans()):
            rows.append([draw(st.sampled_from(["A", "I", "II", "1"])), "Hoàn thiện thể chế"])
        leads, supports = draw(agency_cell), draw(agency_cell)
        rows.append([str(n + 1), draw(st.sampled_from(TASKS)), "; ".join(leads), "; ".join(supports),
                     "2026 - 2030"])
        expected.append((leads, supports))
    return rows, expected


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(task_tables(), st.booleans())
def test_random_task_tables_give_every_row_its_lead_and_support(table, flattened):
    rows, expected = table
    text, found = assignments_of(make_task_table(rows, flattened=flattened))
    by_row: dict[tuple[int, int], tuple[list[str], list[str]]] = {}
    for a in found:
        assert a.agency in text[a.span[0]:a.span[1]] and a.task_text in text[a.span[0]:a.span[1]]
        by_row.setdefault(a.span, ([], []))[a.role == "support"].append(a.agency)
    assert list(by_row.values()) == expected


junk_cell = st.one_of(st.sampled_from(AGENCIES + TASKS + LEAD_NAMES + ["", "I", "2026", "-", " ; "]),
                      st.text(max_size=15))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(junk_cell, min_size=1, max_size=6), max_size=8), st.booleans())
def test_random_tables_never_raise_and_spans_quote_their_agencies(rows, flattened):
    rows = [["STT", "Nhiệm vụ", "Chủ trì", "Phối hợp"]] + rows
    text, found = assignments_of(make_task_table(rows, flattened=flattened))
    for a in found:
        assert a.agency and a.agency in text[a.span[0]:a.span[1]]
    for row in find_task_rows(text):
        line = text[row.span[0]:row.span[1]]
        assert "\n" not in line
        assert all(row.span[0] <= s < e <= row.span[1] for s, e in row.leads + row.supports)
