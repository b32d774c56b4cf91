"""Citation extraction: symbols, named documents, relations, scopes, dates, dedup and spans.

Sentences are taken from the bundled samples (or the dev corpus) unless said otherwise.
``test_gold_precision_recall`` scores the extractor on the five samples against
``tests/gold`` (raw sample text, a preamble section cut at the first heading line) and prints
the table with ``pytest -s``.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.loaders.citations import CitationContext, extract_citations
from policykg.loaders.symbols import normalize_symbol
from policykg.loaders.record import Citation
from policykg.loaders.sections import Section

ROOT = Path(__file__).resolve().parents[2]
GOLD_DIR = ROOT / "tests" / "gold"
SAMPLES_DIR = ROOT / "samples"

#: Heading lines that end the preamble: "I. MỤC ĐÍCH", "1. Mục đích", "1.1.", "a)", "(1)".
HEADING_LINE = re.compile(
    r"^[ \t*]*(?:[IVXLC]{1,5}\.|\d{1,2}(?:\.\d{1,2})*\.|\d{1,2}\)|[a-zđ]\)|\(\d{1,2}\))[ \t]+\S",
    re.M,
)

DISTRICT = CitationContext(level="district", province="Vĩnh Phúc", district="Sông Lô")
PROVINCE = CitationContext(level="province", province="Vĩnh Phúc")


def preamble_sections(text: str) -> list[Section]:
    """The one section a test needs: the preamble, up to the first heading line."""
    m = HEADING_LINE.search(text)
    return [Section(path="", title="", start=0, end=m.start() if m else len(text), kind="preamble")]


def cite(text: str, context: CitationContext | None = None, **kw) -> list[Citation]:
    return extract_citations(text, preamble_sections(text), context=context, **kw)[0]


def by_symbol(citations: list[Citation]) -> dict[str | None, Citation]:
    return {c.symbol or c.name: c for c in citations}


# ------------------------------------------------------------------------------------------
# normalize_symbol
# ------------------------------------------------------------------------------------------

NORMALIZE_CASES = [
    ("12-NQ/TU", "12-NQ/TU"),
    ("12- NQ/TU", "12-NQ/TU"),
    ("12 -NQ/TU", "12-NQ/TU"),
    ("12 - NQ / TU", "12-NQ/TU"),
    ("34-Ctr/TU", "34-CTr/TU"),
    ("34-CTR/TU", "34-CTr/TU"),
    ("82-KH/HU", "82-KH/HU"),
    ("01-NQ/ĐU", "01-NQ/ĐU"),
    ("01-NQ/DU", "01-NQ/ĐU"),
    ("01-nq/đu", "01-NQ/ĐU"),
    ("92-KL/TW", "92-KL/TW"),
    ("05-CT/TW", "05-CT/TW"),
    ("76 /CTr - UBND", "76/CTr-UBND"),
    ("76/CTr-UBND", "76/CTr-UBND"),
    ("91/KH-UBND", "91/KH-UBND"),
    ("2013/QĐ-UBND", "2013/QĐ-UBND"),
    ("2013/QD-UBND", "2013/QĐ-UBND"),
    ("2013/Qđ-UBND", "2013/QĐ-UBND"),
    ("78/NQ-CP", "78/NQ-CP"),
    ("45/NQ- HĐND", "45/NQ-HĐND"),
    ("45/NQ - HĐND", "45/NQ-HĐND"),
    ("45/NQ-HDND", "45/NQ-HĐND"),
    ("05/CT-TTg", "05/CT-TTg"),
    ("05/CT-TTG", "05/CT-TTg"),
    ("150/2020/NĐ-CP", "150/2020/NĐ-CP"),
    ("150/2020/ND-CP", "150/2020/NĐ-CP"),
    ("06/2023/NQ-HĐND", "06/2023/NQ-HĐND"),
    ("26/2021/QĐTTg", "26/2021/QĐ-TTg"),
    ("26/2021/QĐ- TTg", "26/2021/QĐ-TTg"),
    ("786/NQ-UBTVQH14", "786/NQ-UBTVQH14"),
    ("1238/TTr-LĐTBXH", "1238/TTr-LĐTBXH"),
    ("1238/TTR-LDTBXH", "1238/TTr-LĐTBXH"),
    ("140/CĐ-TTg", "140/CĐ-TTg"),
    ("74/2022/QH15", "74/2022/QH15"),
    ("14-NQ/CP", "14/NQ-CP"),  # a Government resolution written the party way
    ("12/NQ-TU", "12-NQ/TU"),  # a party resolution written the state way
    ("30-TB/TGV", "30-TB/TGV"),  # unknown issuer code kept
]


@pytest.mark.parametrize("raw, expected", NORMALIZE_CASES, ids=[c[0] for c in NORMALIZE_CASES])
def test_normalize_symbol(raw, expected):
    assert normalize_symbol(raw) == expected


NOT_SYMBOLS = ["12/3/2020", "2021-2025", "10-11%", "26-4-2021", "bác sỹ/vạn dân", "", "NQ/TU",
               "12-XY/TU", "3/2021", "GRDP-giá"]


@pytest.mark.parametrize("raw", NOT_SYMBOLS, ids=[repr(r) for r in NOT_SYMBOLS])
def test_normalize_symbol_refuses_what_is_not_a_symbol(raw):
    assert normalize_symbol(raw) is None


@given(st.sampled_from([c[0] for c in NORMALIZE_CASES]) | st.text(max_size=30))
def test_normalize_symbol_is_idempotent(raw):
    once = normalize_symbol(raw)
    if once is not None:
        assert normalize_symbol(once) == once


# ------------------------------------------------------------------------------------------
# Relation, scope, date, issuer from real sentences
# ------------------------------------------------------------------------------------------

# (id, text, context, symbol-or-name, relation, scope, issued, issuer)
CASES = [
    ("title-implements-province-from-code",
     "KẾ HOẠCH\n\nThực hiện Nghị quyết số 12-NQ/TU ngày 12/3/2020 của Ban Chấp hành Đảng bộ "
     "tỉnh khóa XVI về nâng cao thu nhập\n\nI. MỤC ĐÍCH",
     DISTRICT, "12-NQ/TU", "implements", "province", date(2020, 3, 12),
     "Ban Chấp hành Đảng bộ tỉnh"),
    ("uppercase-title-coordinated",
     "KẾ HOẠCH\nTHỰC HIỆN KẾT LUẬN SỐ 92-KL/TW NGÀY 05/11/2020 CỦA BỘ CHÍNH TRỊ, KẾ HOẠCH\n"
     "SỐ 41-KH/TU NGÀY 22/3/2021 CỦA TỈNH ỦY VỀ CÁC CHÍNH SÁCH XÃ HỘI\nI. MỤC TIÊU",
     PROVINCE, "41-KH/TU", "implements", "province", date(2021, 3, 22), "TỈNH ỦY"),
    ("can-cu-based-on-district",
     "Căn cứ Kế hoạch số 82-KH/HU ngày 03/11/2022 của Ban Thường vụ Huyện ủy thực hiện "
     "Chương trình số 34-CTr/TU ngày 23/8/2022 của Ban Thường vụ Tỉnh ủy Trà Vinh.\n\nI. MỤC",
     DISTRICT, "82-KH/HU", "based_on", "district", date(2022, 11, 3), "Ban Thường vụ Huyện ủy"),
    ("nested-after-thuc-hien-is-mentions",
     "Căn cứ Kế hoạch số 82-KH/HU ngày 03/11/2022 của Ban Thường vụ Huyện ủy thực hiện "
     "Chương trình số 34-CTr/TU ngày 23/8/2022 của Ban Thường vụ Tỉnh ủy Trà Vinh.\n\nI. MỤC",
     DISTRICT, "34-CTr/TU", "mentions", "province", date(2022, 8, 23),
     "Ban Thường vụ Tỉnh ủy Trà Vinh"),
    ("ubnd-tinh-province-in-district-plan",
     "Triển khai thực hiện Quyết định số 2013/QĐ-UBND ngày 13/10/2022 của UBND tỉnh ban hành "
     "Kế hoạch hành động\n\nI. MỤC ĐÍCH",
     DISTRICT, "2013/QĐ-UBND", "implements", "province", date(2022, 10, 13), "UBND tỉnh"),
    ("de-thuc-hien-and-coordinated-hdnd",
     "Để thực hiện thắng lợi các nhiệm vụ đề ra tại Nghị quyết số 01/NQ-CP ngày 08/01/2025 "
     "của Chính phủ về nhiệm vụ (sau đây gọi tắt là Nghị quyết số 01/NQ-CP) và Nghị quyết số "
     "45/NQ- HĐND ngày 12/12/2024 của Hội đồng nhân dân tỉnh về kế hoạch, UBND tỉnh ban hành "
     "Chương trình hành động như sau:\n1. Mục đích",
     PROVINCE, "45/NQ-HĐND", "implements", "province", date(2024, 12, 12),
     "Hội đồng nhân dân tỉnh"),
    ("mid-sentence-thuc-hien-is-mentions",
     "Năm 2025 là năm tăng tốc, hướng tới thực hiện thắng lợi mục tiêu Chiến lược phát triển "
     "kinh tế - xã hội 10 năm 2021-2030. Để thực hiện Nghị quyết số 01/NQ-CP.\n1. Mục đích",
     PROVINCE, "Chiến lược phát triển kinh tế - xã hội 10 năm 2021-2030", "mentions", "central",
     None, None),
    ("body-citation-is-mentions",
     "I. MỤC ĐÍCH\n\nTriển khai thực hiện nghiêm túc Kết luận số 28-KL/TW, ngày 21 tháng 02 "
     "năm 2022 của Bộ Chính trị về tinh giản biên chế",
     DISTRICT, "28-KL/TW", "mentions", "central", date(2022, 2, 21), "Bộ Chính trị"),
    ("commune-party-committee",
     "Căn cứ Nghị quyết số 01-NQ/ĐU ngày 25 tháng 3 năm 2020 của Đảng bộ thị trấn Vĩnh Lộc.\n"
     "\nI. MỤC ĐÍCH",
     CitationContext(level="commune"), "01-NQ/ĐU", "based_on", "commune", date(2020, 3, 25),
     "Đảng bộ thị trấn Vĩnh Lộc"),
    ("tt-issuer-is-central",
     "I. NHIỆM VỤ\n\ntheo tinh thần Chỉ thị 05/CT-TTg ngày 09/02/2018 của Thủ tướng chính phủ;",
     CitationContext(level="commune"), "05/CT-TTg", "mentions", "central", date(2018, 2, 9),
     "Thủ tướng chính phủ"),
    ("dash-date",
     "I. NHIỆM VỤ\n\nthực hiện Nghị quyết số 13-NQ/TW ngày 26-4-2021 của Bộ Chính trị",
     DISTRICT, "13-NQ/TW", "mentions", "central", date(2021, 4, 26), "Bộ Chính trị"),
    ("footnote-glued-to-date",
     "I. NHIỆM VỤ\n\nNghị quyết số 06-NQ/TW ngày 53 24/01/2022 của Bộ Chính trị về quy hoạch",
     PROVINCE, "06-NQ/TW", "mentions", "central", date(2022, 1, 24), "Bộ Chính trị"),
    ("impossible-date-dropped",
     "I. NHIỆM VỤ\n\nNghị quyết số 06-NQ/TW ngày 31/02/2022 của Bộ Chính trị",
     PROVINCE, "06-NQ/TW", "mentions", "central", None, "Bộ Chính trị"),
    ("bare-ubnd-takes-context-level",
     "I. NHIỆM VỤ\n\nchỉ thị số 24/CT-UBND ngày 28/11/2023 về tăng cường công tác quản lý",
     PROVINCE, "24/CT-UBND", "mentions", "province", date(2023, 11, 28), None),
    ("so-tai-to-trinh-province",
     "Căn cứ Kết luận số 92-KL/TW ngày 05/11/2020 của Bộ Chính trị; theo đề nghị của Sở Lao "
     "động - Thương binh và Xã hội tại Tờ trình số 1238/TTr-LĐTBXH ngày 14/4/2021, Ủy ban "
     "nhân dân tỉnh ban hành Kế hoạch\nI. MỤC TIÊU",
     PROVINCE, "1238/TTr-LĐTBXH", "mentions", "province", date(2021, 4, 14), None),
    ("qh-resolution-without-type-code",
     "1. Nhiệm vụ\nNghị quyết số 74/2022/QH15 ngày 15/11/2022 của Quốc hội và Quyết định",
     PROVINCE, "74/2022/QH15", "mentions", "central", date(2022, 11, 15), "Quốc hội"),
    ("congress-resolution-named",
     "I. NHIỆM VỤ\n\nphát triển kinh tế - xã hội của huyện theo Nghị quyết Đại hội Đảng bộ "
     "huyện lần thứ XII nhằm khai thác",
     DISTRICT, "Nghị quyết Đại hội Đảng bộ huyện lần thứ XII", "mentions", "district", None, None),
    ("law-named",
     "I. NHIỆM VỤ\n\n(1) Tham mưu UBND huyện hướng dẫn thực hiện Luật Đầu tư công, nhằm tập trung",
     DISTRICT, "Luật Đầu tư công", "mentions", "central", None, None),
    ("law-with-date",
     "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;\n\nI. MỤC TIÊU",
     PROVINCE, "Luật Tổ chức chính quyền địa phương", "based_on", "central", date(2025, 6, 16),
     None),
    ("national-target-programme",
     "I. NHIỆM VỤ\n\ntriển khai có hiệu quả Chương trình mục tiêu quốc gia giảm nghèo bền vững:",
     CitationContext(level="commune"), "Chương trình mục tiêu quốc gia giảm nghèo bền vững",
     "mentions", "central", None, None),
    ("quoted-de-an-of-the-province",
     "I. NHIỆM VỤ\n\ntheo Đề án “nâng cao chất lượng vận tải hành khách công cộng bằng xe buýt "
     "trên địa bàn tỉnh giai đoạn 2021 - 2025”. Tập trung",
     PROVINCE, "Đề án “nâng cao chất lượng vận tải hành khách công cộng bằng xe buýt trên địa "
     "bàn tỉnh giai đoạn 2021 - 2025”", "mentions", "province", None, None),
]


@pytest.mark.parametrize(
    "text, context, key, relation, scope, issued, issuer",
    [c[1:] for c in CASES], ids=[c[0] for c in CASES],
)
def test_relation_scope_date_issuer(text, context, key, relation, scope, issued, issuer):
    c = by_symbol(cite(text, context))[key]
    assert (c.relation, c.issuer_scope, c.issued, c.issuer) == (relation, scope, issued, issuer)


DOC_TYPE_CASES = [
    ("type-from-symbol", "1. x\nthực hiện số 78/NQ-CP ngày 18/6/2022 của Chính phủ", "78/NQ-CP", "NQ"),
    ("type-from-words", "1. x\nNghị quyết số 74/2022/QH15 của Quốc hội", "74/2022/QH15", "NQ"),
    ("programme", "1. x\nChương trình hành động số 46-CTr/TU ngày 27/3/2023", "46-CTr/TU", "CTr"),
    ("telegram", "1. x\nCông điện số 140/CĐ-TTg ngày 27/12/2024", "140/CĐ-TTg", "CĐ"),
    ("law-has-no-code", "1. x\ntheo đúng Luật Hợp tác xã.", "Luật Hợp tác xã", None),
    ("de-an", "1. x\nTiếp tục quyết liệt triển khai thực hiện Đề án 06. Nâng cao", "Đề án 06", "ĐA"),
]


@pytest.mark.parametrize("text, key, doc_type", [c[1:] for c in DOC_TYPE_CASES],
                         ids=[c[0] for c in DOC_TYPE_CASES])
def test_doc_type(text, key, doc_type):
    assert by_symbol(cite(text))[key].doc_type == doc_type


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


def test_own_symbol_and_header_number_are_not_citations():
    text = "Số: 91/KH-UBND\nQuảng Ninh, ngày 26 tháng 4 năm 2021\nKẾ HOẠCH\nSố 76/CTr-UBND"
    assert cite(text, own_symbol="76 /CTr - UBND") == []


def test_congress_resolution_merges_with_numbered_resolution_of_the_same_party_body():
    text = ("CHƯƠNG TRÌNH HÀNH ĐỘNG\n\nThực hiện Nghị quyết Đại hội đại biểu Đảng bộ thị trấn "
            "Vĩnh Lộc lần thứ nhất, nhiệm kỳ 2020 – 2025\n\nCăn cứ Nghị quyết số 01-NQ/ĐU ngày "
            "25 tháng 3 năm 2020 của Đảng bộ thị trấn Vĩnh Lộc.\n\nI. MỤC ĐÍCH")
    [c] = cite(text, CitationContext(level="commune", commune="Vĩnh Lộc"))
    assert (c.symbol, c.relation, c.issuer_scope) == ("01-NQ/ĐU", "implements", "commune")
    assert len(c.spans) == 2


# ------------------------------------------------------------------------------------------
# Dedup, spans, date conflicts
# ------------------------------------------------------------------------------------------

SAMPLE_000_BITS = (
    "Thực hiện Nghị quyết số 12-NQ/TU ngày 12/3/2020 của Ban Chấp hành Đảng bộ tỉnh khóa XVI.\n\n"
    "I. MỤC ĐÍCH, YÊU CẦU:\n\n"
    "2. thực hiện thắng lợi mục tiêu Nghị quyết số 12-NQ/TU ngày 12/3/2019 của Tỉnh ủy;\n\n"
    "3. tuyên truyền về Nghị quyết số 12-NQ/TU ngày 12/3/2020 của Tỉnh ủy\n\n"
    "Trên đây là Kế hoạch thực hiện Nghị quyết số 12- NQ/TU ngày 12/3/2020 của Ban chấp hành"
)


def test_one_citation_per_document_with_every_span_quoting_the_symbol():
    citations, _ = extract_citations(SAMPLE_000_BITS, preamble_sections(SAMPLE_000_BITS))
    [c] = citations
    assert len(c.spans) == 4
    quotes = [SAMPLE_000_BITS[s:e] for s, e in c.spans]
    assert quotes == ["12-NQ/TU", "12-NQ/TU", "12-NQ/TU", "12- NQ/TU"]
    assert c.relation == "implements"  # strongest relation over all occurrences


def test_date_conflict_keeps_the_majority_and_warns():
    citations, warnings = extract_citations(SAMPLE_000_BITS, preamble_sections(SAMPLE_000_BITS))
    assert citations[0].issued == date(2020, 3, 12)
    [w] = warnings
    assert w.code == "citation_date_conflict"
    assert "2020-03-12" in w.message and "2019-03-12" in w.message
    assert SAMPLE_000_BITS[w.span[0]:w.span[1]] == "12-NQ/TU"


def test_same_date_written_two_ways_is_no_conflict():
    text = ("1. x\nNghị quyết số 13-NQ/TW, ngày 02/04/2022 của Bộ Chính trị; Nghị quyết số "
            "13-NQ/TW ngày 02/4/2022 của Bộ Chính trị")
    citations, warnings = extract_citations(text, [])
    assert citations[0].issued == date(2022, 4, 2) and warnings == []


def test_same_number_different_issuer_is_a_different_document():
    text = ("1. x\nNghị quyết số 12-NQ/TU ngày 12/3/2020 của Ban Chấp hành Đảng bộ tỉnh; "
            "Nghị quyết số 12-NQ/TW ngày 16/3/2022 của Bộ Chính trị")
    found = by_symbol(cite(text))
    assert found["12-NQ/TU"].issuer_scope == "province"
    assert found["12-NQ/TW"].issuer_scope == "central"


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


def test_sections_give_the_preamble():
    text = "KẾ HOẠCH\nThực hiện Nghị quyết số 12-NQ/TU\nI. MỤC ĐÍCH\nThực hiện Nghị quyết số 05-NQ/TU"
    cut = text.index("I.")
    sections = [Section("", "", 0, cut, "preamble"), Section("I", "MỤC ĐÍCH", cut, len(text), "objectives", depth=1)]
    found = by_symbol(extract_citations(text, sections)[0])
    assert found["12-NQ/TU"].relation == "implements"
    assert found["05-NQ/TU"].relation == "mentions"


# ------------------------------------------------------------------------------------------
# Properties
# ------------------------------------------------------------------------------------------

FRAGMENTS = st.sampled_from([
    "Thực hiện ", "Căn cứ ", "Nghị quyết số ", "12-NQ/TU", "12- NQ/TU", "76 /CTr - UBND",
    "26/2021/QĐTTg", " ngày 12/3/2020", " ngày 12 tháng 3 năm 2019", " của Bộ Chính trị",
    " của UBND tỉnh", "; ", ", ", " và ", ".\n", "\n\nI. MỤC ĐÍCH\n", "Luật Đầu tư công",
    "Chương trình mục tiêu quốc gia giảm nghèo bền vững", "Đề án “Phát triển nguồn nhân lực”",
    "Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII", "Xây dựng ", "các ", "Số: ", "(", ")",
    "Luật BHXH, BHYT", "giai đoạn 2021-2025",
])
TEXTS = st.lists(FRAGMENTS | st.text(max_size=12), max_size=25).map("".join)
NAME_HEADS = ("Luật", "Pháp lệnh", "Chiến lược", "Đề án", "đề án", "Quy hoạch", "Chương trình",
              "Kế hoạch", "Nghị quyết", "BH")


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_any_text_gives_valid_deterministic_citations_with_spans_that_quote_them(text):
    first = extract_citations(text, [])
    again = extract_citations(text, [])
    assert first == again
    for c in first[0]:
        for s, e in c.spans:
            assert 0 <= s < e <= len(text)
            quote = text[s:e]
            if normalize_symbol(quote) is not None:
                assert normalize_symbol(quote) == c.symbol
            else:
                assert quote.startswith(NAME_HEADS), quote


@settings(max_examples=200)
@given(st.text(max_size=200))
def test_arbitrary_text_never_raises(text):
    citations, warnings = extract_citations(text, [], context=DISTRICT)
    assert all(c.spans for c in citations)


# ------------------------------------------------------------------------------------------
# Gold: precision and recall on the five samples
# ------------------------------------------------------------------------------------------


def _name_key(name: str) -> str:
    key = name.lower().replace("mtqg", "mục tiêu quốc gia")
    return re.sub(r"\s+", " ", re.sub(r"[“”\"]", "", key)).strip(" ,.")


def _same_name(a: str, b: str) -> bool:
    """Names match exactly after folding case, quotes, spacing and "MTQG"."""
    return _name_key(a) == _name_key(b)


def score(gold: dict) -> tuple[int, int, int, list[str]]:
    """(true positives, predicted, gold, disagreements) on (symbol|name, relation, scope)."""
    text = (SAMPLES_DIR / gold["sample"]).read_text(encoding="utf-8")
    doc = gold["document"]
    ctx = CitationContext(level=doc["level"], province=doc["province"],
                          district=doc["district"], commune=doc["commune"])
    found, _ = extract_citations(text, preamble_sections(text), own_symbol=doc["symbol"], context=ctx)
    remaining = list(gold["citations"])
    tp, notes = 0, []
    for c in found:
        match = next((g for g in remaining if (c.symbol and g["symbol"] == c.symbol) or
                      (not c.symbol and not g["symbol"] and _same_name(c.name, g["name"]))), None)
        if match is None:
            notes.append(f"extra: {c.symbol or c.name} {c.relation} {c.issuer_scope}")
            continue
        remaining.remove(match)
        if (match["relation"], match["issuer_scope"]) == (c.relation, c.issuer_scope):
            tp += 1
        else:
            notes.append(f"differs: {c.symbol or c.name}: {c.relation} {c.issuer_scope}, "
                         f"gold {match['relation']} {match['issuer_scope']}")
    notes += [f"missed: {g['symbol'] or g['name']}" for g in remaining]
    return tp, len(found), len(gold["citations"]), notes


def test_gold_precision_recall():
    rows, totals = [], [0, 0, 0]
    for path in sorted(GOLD_DIR.glob("0*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        tp, predicted, expected, notes = score(gold)
        totals = [a + b for a, b in zip(totals, (tp, predicted, expected))]
        p, r = tp / max(predicted, 1), tp / max(expected, 1)
        rows.append((gold["sample"][:3], predicted, expected, tp, p, r, notes))
    print("\nsample  found  gold  tp     P     R")
    for sample, predicted, expected, tp, p, r, notes in rows:
        print(f"{sample:>6} {predicted:6d} {expected:5d} {tp:3d}  {p:.2f}  {r:.2f}")
        for note in notes:
            print(f"{'':8}{note}")
    tp, predicted, expected = totals
    print(f"{'all':>6} {predicted:6d} {expected:5d} {tp:3d}  {tp / predicted:.2f}  {tp / expected:.2f}")
    for sample, _, _, _, p, r, _ in rows:
        assert p >= 0.95 and r >= 0.95, sample
