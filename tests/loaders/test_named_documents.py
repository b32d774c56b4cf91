"""Named citations (named_documents.py): specific documents cited without a number."""

from __future__ import annotations

import doctest

import pytest

from policykg.loaders import named_documents
from tests.loaders.test_citations import by_symbol, cite


NOT_CITED = [
    ("generic-plural", "1. x\ntriển khai các chương trình mục tiêu quốc gia về nước sạch"),
    ("to-be-drafted", "1. x\nXây dựng Đề án nâng cao chất lượng giáo dục nghề nghiệp trên địa "
                      "bàn tỉnh giai đoạn 2026 - 2030; Đề án nâng cao chất lượng dịch vụ việc làm"),
    ("to-be-drafted-coordinated", "1. x\n- Xây dựng và tổ chức triển khai Chương trình phát triển "
     "đô thị tỉnh Quảng Ninh giai đoạn 2020 -2030 và Chương trình phát triển nhà ở trên địa bàn "
     "tỉnh giai đoạn 2020 - 2025, định hướng đến năm 2030."),
    ("curriculum", "1. x\nTiếp tục triển khai có hiệu quả Chương trình giáo dục Mầm non, "
                   "Chương trình giáo dục phổ thông 2018 theo hướng"),
    ("self-reference", "1. x\nGiao Văn phòng theo dõi tình hình thực hiện Chương trình hành "
                       "động này, định kỳ"),
    ("legal-profession-and-pháp-luật", "1. x\nvi phạm pháp luật; Luật sư và Dân Luật Việt Nam"),
    ("object-of-a-decision", "1. x\nQuyết định số 522/QĐ-TTg ngày 14/5/2018 của Chính phủ phê "
     "duyệt Đề án \"Giáo dục hướng nghiệp giai đoạn 2018-2025\"; Quyết định"),
]


@pytest.mark.parametrize("text", [c[1] for c in NOT_CITED], ids=[c[0] for c in NOT_CITED])
def test_no_named_citation(text):
    assert [c.name for c in cite(text) if c.symbol is None] == []


def test_two_laws_in_one_list():
    text = "1. x\nkiểm tra việc thực hiện Luật BHXH, BHYT tại các đơn vị"
    found = by_symbol(cite(text))
    assert {"Luật BHXH", "Luật BHYT"} <= set(found)
    s, e = found["Luật BHYT"].spans[0]
    assert text[s:e] == "BHYT"


def test_name_spans_quote_the_name_across_a_hard_wrap():
    text = "1. x\n- 100% Người có công theo quy định của Pháp lệnh Ưu\nđãi Người có công với cách mạng;"
    [c] = cite(text)
    s, e = c.spans[0]
    assert text[s:e] == "Pháp lệnh Ưu\nđãi Người có công với cách mạng"
    assert c.name == "Pháp lệnh Ưu đãi Người có công với cách mạng"


def test_docstring_examples_run():
    result = doctest.testmod(named_documents)
    assert result.attempted > 0 and result.failed == 0
