"""Citation relations (citation_relations.py): implements and based_on from the preamble's cues."""

from __future__ import annotations

import doctest

import pytest


from policykg.loaders import citation_relations
from policykg.loaders.cited_symbols import find_symbols
from policykg.loaders.citations import extract_citations
from policykg.loaders.sections import Section
from tests.loaders.test_citations import by_symbol


def test_sections_give_the_preamble():
    text = "KẾ HOẠCH\nThực hiện Nghị quyết số 12-NQ/TU\nI. MỤC ĐÍCH\nThực hiện Nghị quyết số 05-NQ/TU"
    cut = text.index("I.")
    sections = [Section("", "", 0, cut, "preamble"), Section("I", "MỤC ĐÍCH", cut, len(text), "objectives", depth=1)]
    found = by_symbol(extract_citations(text, sections)[0])
    assert found["12-NQ/TU"].relation == "implements"
    assert found["05-NQ/TU"].relation == "mentions"


def test_docstring_examples_run():
    result = doctest.testmod(citation_relations)
    assert result.attempted > 0 and result.failed == 0


RELATION_CASES = [
    pytest.param("Căn cứ Kế hoạch số 82-KH/HU của Huyện ủy thực hiện Chương trình số 34-CTr/TU",
                 [("82-KH/HU", "based_on"), ("34-CTr/TU", "mentions")], id="nested-stays-mentions"),
    pytest.param("Thực hiện Nghị quyết số 12-NQ/TU; Kế hoạch số 41-KH/TU của Tỉnh ủy",
                 [("12-NQ/TU", "implements"), ("41-KH/TU", "implements")], id="semicolon-coordinates"),
    pytest.param("Theo Nghị quyết số 12-NQ/TU", [("12-NQ/TU", "mentions")], id="no-cue"),
    pytest.param("Thực hiện tốt công tác. Nghị quyết số 12-NQ/TU", [("12-NQ/TU", "mentions")], id="sentence-ends"),
    # Sentences of the dev corpus (Hà Nội, Bộ VHTTDL, TP. Hồ Chí Minh, Đồng Nai, an unnamed province)
    pytest.param("Căn cứ Luật Ban\nhành văn bản quy phạm pháp luật số 64/2025/QH15 được sửa đổi, bổ sung "
                 "bởi Luật\nsố 87/2025/QH15;",
                 [("64/2025/QH15", "based_on"), ("87/2025/QH15", "based_on")], id="amended-by-a-law"),
    pytest.param("Căn cứ Nghị định số 72/2020/NĐ-CP\ncủa Chính phủ quy định chi tiết một số điều của Luật\n"
                 "Dân quân tự vệ về tổ chức xây dựng lực lượng và chế độ, chính sách đối với\ndân quân tự vệ "
                 "được sửa đổi, bổ sung bởi Nghị định số 16/2025/NĐ-CP và Nghị định số 220/2025/NĐ-CP;",
                 [("72/2020/NĐ-CP", "based_on"), ("16/2025/NĐ-CP", "based_on"),
                  ("220/2025/NĐ-CP", "based_on")], id="amended-after-a-description"),
    pytest.param("Căn cứ Các Nghị định của\nChính phủ quy định chi tiết thi hành một số điều của Luật Quy "
                 "hoạch (Số 37/2019/NĐ-CP ngày 07/5/2019, số 58/2023/NĐ-CP ngày 12/8/2023 sửa đổi, bổ sung "
                 "một\nsố điều của Nghị định số 37/2019/NĐ-CP và số\n22/2025/NĐ-CP ngày 11/02/2025 sửa đổi, "
                 "bổ\nsung một số điều của Nghị định số 37/2019/NĐ-CP\nđã được sửa đổi, bổ sung một số "
                 "điều theo Nghị định* *số 58/2023/NĐ-CP);*",
                 [("37/2019/NĐ-CP", "based_on"), ("58/2023/NĐ-CP", "based_on"),
                  ("37/2019/NĐ-CP", "mentions"), ("22/2025/NĐ-CP", "based_on"),
                  ("37/2019/NĐ-CP", "mentions"), ("58/2023/NĐ-CP", "mentions")],
                 id="plural-then-its-list"),  # (a repeat keeps mentions: the merge takes the strongest)
    pytest.param("Căn cứ Quyết định số 991/QĐ-TTg ngày 16/9/2024 của Thủ tướng Chính phủ\nphê duyệt Quy "
                 "hoạch mạng lưới cơ sở Văn hóa và Thể thao thời kỳ 2021-2030,\ntầm nhìn đến năm 2045; các "
                 "Quyết định của Bộ trưởng Bộ Văn hóa, Thể thao và Du\nlịch phê duyệt điều chỉnh Quy hoạch "
                 "mạng lưới cơ sở Văn hóa và Thể thao thời kỳ\n2021-2030, tầm nhìn đến năm 2045 (Số "
                 "1226/QĐ-BVHTTDL\nngày 29/4/2025 và số 2657/QĐ-BVHTTDL ngày 29/7/2025);",
                 [("991/QĐ-TTg", "based_on"), ("1226/QĐ-BVHTTDL", "based_on"),
                  ("2657/QĐ-BVHTTDL", "based_on")], id="plural-list-after-a-semicolon"),
    pytest.param("Thực hiện Thông tri số\n02-TT/TU ngày 03 tháng 10 năm 2025 của Thành ủy Thành phố Hồ Chí "
                 "Minh về lãnh đạo\ntiếp tục thực hiện hiệu quả “Tháng cùng phụ nữ hành động” và hướng dẫn "
                 "của Bộ Nội\nvụ tại Công văn số 8935/BNV-CTTN&BĐG ngày 03 tháng 10 năm 2025 về việc hướng",
                 [("02-TT/TU", "implements"), ("8935/BNV-CTTN&BĐG", "implements")],
                 id="guidance-named-by-its-author"),
]


@pytest.mark.parametrize(("text", "relations"), RELATION_CASES)
def test_assign_relations(text, relations):
    occurrences = find_symbols(text, None)
    citation_relations.assign_relations(text, occurrences, len(text))
    assert [(o.symbol, o.relation) for o in occurrences] == relations


def test_preamble_ends_at_the_first_heading_without_sections():
    text = "Thực hiện Nghị quyết số 12-NQ/TU\nI. MỤC ĐÍCH"
    assert citation_relations.preamble_end(text, []) == text.index("I.")


CITATION_CASES = [
    pytest.param("QUYẾT ĐỊNH\n\nVỀ VIỆC BAN HÀNH KẾ HOẠCH THỰC HIỆN QUY HOẠCH MẠNG LƯỚI CƠ SỞ\nVĂN HÓA "
                 "VÀ THỂ THAO THỜI KỲ 2021-2030, TẦM NHÌN ĐẾN NĂM 2045\n\n*Căn cứ Nghị định số "
                 "43/2025/NĐ-CP ngày 28/02/2025 của Chính phủ quy\nđịnh chức năng, nhiệm vụ, quyền hạn và "
                 "cơ cấu tổ chức của Bộ Văn hoá, Thể thao\nvà Du lịch;*\n\n*Căn cứ Quyết định số "
                 "991/QĐ-TTg ngày 16/9/2024 của Thủ tướng Chính phủ\nphê duyệt Quy hoạch mạng lưới cơ sở "
                 "Văn hóa và Thể thao thời kỳ 2021-* *2030,\ntầm nhìn đến năm 2045; các Quyết định của Bộ "
                 "trưởng Bộ Văn hóa, Thể thao và Du\nlịch phê duyệt điều chỉnh Quy hoạch mạng lưới cơ sở "
                 "Văn hóa và Thể thao thời kỳ\n2021-2030, tầm nhìn đến năm 2045 (Số 1226/QĐ-BVHTTDL\nngày "
                 "29/4/2025 và số 2657/QĐ-BVHTTDL ngày 29/7/2025);*",
                 {"43/2025/NĐ-CP": "based_on", "991/QĐ-TTg": "implements",
                  "1226/QĐ-BVHTTDL": "implements", "2657/QĐ-BVHTTDL": "implements"},
                 id="approval-of-what-the-title-carries-out"),
    pytest.param("KẾ HOẠCH\nTHỰC HIỆN CHƯƠNG TRÌNH CHUYỂN ĐỔI SỐ CỦA TỈNH\n\nCăn cứ Quyết định số "
                 "749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt Chương trình Chuyển đổi số "
                 "quốc gia đến năm 2025;",
                 {"749/QĐ-TTg": "based_on"}, id="approval-of-another-instrument"),  # (made up)
    pytest.param("Căn cứ Kế hoạch số 17/KH-UBND ngày 11/8/2025 của UBND tỉnh về thực hiện Nghị quyết số "
                 "71/NQ-CP ngày 01/4/2025 của Chính phủ và Kế hoạch số 07-KH/TU ngày 25/7/2025 của Ban "
                 "Thường vụ Tỉnh ủy;",
                 {"17/KH-UBND": "based_on", "71/NQ-CP": "mentions", "07-KH/TU": "mentions"},
                 id="what-the-cited-plan-implements-stays-nested"),
    pytest.param("Thực hiện Nghị quyết số\n163/2024/QH15 ngày 27/11/2024 của Quốc hội phê duyệt chủ trương "
                 "đầu tư Chương\ntrình mục tiêu quốc gia phòng, chống ma túy đến năm 2030 (Nghị quyết số\n"
                 "163/2024/QH15), Nghị quyết số 50/NQ-CP ngày 13/3/2025 của Chính phủ về ban hành\nKế hoạch "
                 "triển khai Nghị quyết số 163/2024/QH15 ngày 27/11/2024 của Quốc hội\nphê duyệt chủ trương "
                 "đầu tư Chương trình mục tiêu quốc gia phòng, chống ma túy\nđến năm 2030 (Nghị quyết số "
                 "50/NQ-CP) và Quyết định số 7619/QĐ-BCA ngày\n08/9/2025 của Bộ trưởng Bộ Công an;",
                 {"163/2024/QH15": "implements", "50/NQ-CP": "implements",
                  "7619/QĐ-BCA": "implements"}, id="recall-closes-a-description"),
    pytest.param("Căn cứ Luật Thực hiện dân chủ\nở cơ sở ngày 10 tháng 11 năm 2022; Luật số 97/2025/QH15 "
                 "ngày 27 tháng 6 năm\n2025 sửa đổi, bổ sung một số điều của Luật Mặt trận Tổ quốc Việt "
                 "Nam, Luật Công\nđoàn, Luật Thanh niên và Luật Thực hiện dân chủ ở cơ sở;*",
                 {"Luật Thực hiện dân chủ ở cơ sở": "based_on", "97/2025/QH15": "based_on",
                  "Luật Công đoàn": "mentions"}, id="laws-an-amending-act-names-stay-nested"),
]


@pytest.mark.parametrize(("text", "relations"), CITATION_CASES)
def test_relations_of_cited_documents(text, relations):
    found = by_symbol(extract_citations(text, [])[0])
    assert {key: found[key].relation for key in relations} == relations
