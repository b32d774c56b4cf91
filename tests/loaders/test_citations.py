"""Citation extraction as a whole: relation, scope, date and issuer from real sentences,
properties, and the gold scores. Each step is tested with its module too (test_cited_symbols,
test_named_documents, test_citation_relations, test_citation_merge, test_citation_occurrence).

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
    ("official-letter-of-a-ministry-is-central",
     "Căn cứ Công văn số\n9086/BNV-CTTN&BĐG ngày 08 tháng 10 năm 2025 của Bộ trưởng Bộ Nội vụ;\n"
     "\nI. MỤC TIÊU",
     PROVINCE, "9086/BNV-CTTN&BĐG", "based_on", "central", date(2025, 10, 8),
     "Bộ trưởng Bộ Nội vụ"),
    ("submission-of-a-department-is-state-and-provincial",
     "Căn cứ Chỉ thị số 33/CT-TTg ngày 26 tháng 11 năm 2021 của Thủ tướng Chính phủ; Theo đề "
     "nghị của Giám đốc Sở Nội vụ tại Công văn số 3129/TTr-SNV ngày 17 tháng 11 năm 2025.\n"
     "\nI. MỤC TIÊU",
     PROVINCE, "3129/TTr-SNV", "mentions", "province", date(2025, 11, 17), None),
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


# ------------------------------------------------------------------------------------------
# Symbols over names
# ------------------------------------------------------------------------------------------


def reference_drop_overlaps(text, symbols, names):
    """``_drop_overlaps`` comparing every name with every kept occurrence, as first written."""
    from policykg.loaders.citation_occurrence import fullmatch_between
    from policykg.loaders.citations import _NUMBER_GAP

    symbols.sort(key=lambda o: (o.start, -o.end))
    kept = []
    for occ in symbols:
        if not kept or occ.start >= kept[-1].end:
            kept.append(occ)
    for name in names:
        if any(s.start < name.end and name.start < s.end for s in kept):
            continue
        numbered = next((s for s in kept if s.head >= name.end and
                         fullmatch_between(_NUMBER_GAP, text, name.end, s.start)), None)
        if numbered:
            numbered.name = numbered.name or name.name
            numbered.doc_type = numbered.doc_type or name.doc_type
            continue
        kept.append(name)
    kept.sort(key=lambda o: (o.start, -o.end))
    return kept


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_symbols_win_over_names_as_first_written(text):
    from policykg.loaders.cited_symbols import find_symbols
    from policykg.loaders.citations import _drop_overlaps
    from policykg.loaders.named_documents import find_names

    fast = _drop_overlaps(text, find_symbols(text, None), find_names(text))
    slow = reference_drop_overlaps(text, find_symbols(text, None), find_names(text))
    assert [(o.key, o.start, o.end, o.name, o.doc_type) for o in fast] == \
        [(o.key, o.start, o.end, o.name, o.doc_type) for o in slow]
