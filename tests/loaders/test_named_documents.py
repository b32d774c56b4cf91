"""Named citations (named_documents.py): specific documents cited without a number."""

from __future__ import annotations

import doctest
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders import named_documents
from policykg.loaders.caseless import LoweredSpan
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
    ("quoted-object-of-a-decision", "1. x\nCăn cứ Quyết định số\n2232/QĐ-TTg ngày 28 tháng 12 năm "
     "2020 của Thủ tướng Chính phủ về phê duyệt\n“Chương trình phòng ngừa và ứng phó với bạo lực "
     "trên cơ sở giới giai đoạn 2021\n- 2025”;"),
    ("quoted-object-ban-hanh", "1. x\nCăn cứ Nghị quyết số\n28/NQ-CP ngày 03 tháng 3 năm 2021 của "
     "Chính phủ về ban hành “Chiến lược quốc\ngia về bình đẳng giới giai đoạn 2021 - 2030”;"),
    ("promulgated-by-the-document-itself", "1. x\nĐiều 1. Ban hành kèm theo Quyết định này Kế "
     "hoạch xuất khẩu sản phẩm hàng hóa tỉnh Sơn La giai đoạn 2026 - 2030."),
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


_PLAN_TEXT = st.lists(st.sampled_from([
    "Kế hoạch", "Chương trình", "KẾ HOẠCH", "hành động", "số", "41-KH/TU", "này", "của", "giáo dục",
    ",", "2025", "10 năm", "giai đoạn 2021-2025", "mục tiêu quốc gia", "MTQG", "(OCOP)", "về", "\n",
    "\n\n", ";", "phát triển kinh tế", "x"]), min_size=1, max_size=12).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_PLAN_TEXT)
def test_plans_refused_at_their_opening_read_no_title(text: str) -> None:
    """A plan or programme whose type words go on with "số", "này", a digit … reads no name,
    wherever its name would end: the shortcut before _name_end refuses only those."""
    for m in named_documents.find_heads(text):
        kind = " ".join(m["head"].split()).lower()
        if kind not in named_documents._PLAN_KINDS:
            continue
        if not named_documents._NOT_A_TITLE_OPENING.match(text, m.start()):
            continue
        end = named_documents._name_end(text, m.start(), m.end(), kind)
        if end is None:
            continue
        while end > m.end() and text[end - 1] in " \t\n,":
            end -= 1
        name = " ".join(text[m.start():end].split())
        assert named_documents._NOT_A_TITLE.match(name)


_HEAD_TEXT = st.lists(st.sampled_from([
    "Luật", "Luật sư", "Pháp lệnh", "Chiến lược", "Chương trình", "Đề án", "đề án", "“",
    "Quy hoạch", "Quy hoạch tỉnh", "Kế hoạch", "Nghị quyết", "Đại hội", "Hội nghị", "Đảng bộ",
    "xLuật", "Kế", "hoạch", "\n", ",", "x", "Chương", "trình"]), max_size=14).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_HEAD_TEXT)
def test_heads_found_per_letter_are_the_alternations(text: str) -> None:
    """find_heads (one pattern per first letter, merged in text order) finds what the alternation
    of the head patterns finds, head for head."""
    alternation = re.compile(rf"(?P<head>{'|'.join(named_documents.HEAD_PATTERNS)})(?=\s)")
    expected = [(m.span(), m["head"]) for m in alternation.finditer(text)]
    assert [(m.span(), m["head"]) for m in named_documents.find_heads(text)] == expected


@settings(max_examples=300, deadline=None)
@given(_HEAD_TEXT)
def test_heads_found_from_their_opening_are_the_patterns(text: str) -> None:
    """A head looked for by its opening letter is found where its pattern's scan finds it."""
    for rx, opening in named_documents._NAMED_HEADS:
        if opening:
            expected = [m.span() for m in rx.finditer(text)]
            assert [m.span() for m in named_documents._matches_at_opening(rx, text, opening)] == expected


OPENINGS = [
    pytest.param("Luật Luật sư Luật\n", 0, [(0, 4), (13, 17)], id="law-twice"),
    pytest.param("xLuật Kế hoạch ", 1, [], id="glued-to-a-word"),
    pytest.param("xLuật Kế hoạch ", 6, [(6, 14)], id="plan"),
    pytest.param("Quy hoạch tỉnh Quảng Ninh", 0, [(0, 14)], id="province-plan"),
    pytest.param("Pháp luật", 0, [], id="not-an-ordinance"),
]


@pytest.mark.parametrize(("text", "index", "spans"), OPENINGS)
def test_matches_at_opening(text: str, index: int, spans: list[tuple[int, int]]) -> None:
    heads = [head for head in named_documents._NAMED_HEADS if head[1]]
    rx, opening = next(head for head in heads if text[index:].startswith(head[1]))
    assert [m.span() for m in named_documents._matches_at_opening(rx, text, opening)] == spans


HEADS = [
    pytest.param("Căn cứ Luật Đầu tư công", ["Luật"], id="law"),
    pytest.param("Luật sư và Pháp lệnh Ưu đãi", ["Pháp lệnh"], id="not-a-lawyer"),
    pytest.param("xây dựng đề án “Phát triển …” và Đề án 06", ["đề án", "Đề án"],
                 id="quoted-lowercase"),
    pytest.param("Nghị quyết Đại hội Đảng bộ tỉnh; Nghị quyết số 12", ["Nghị quyết"],
                 id="congress-only"),
]


@pytest.mark.parametrize(("text", "heads"), HEADS)
def test_find_heads(text: str, heads: list[str]) -> None:
    assert [m["head"] for m in named_documents.find_heads(text)] == heads


DRAFTING_CASES = [
    pytest.param("Giao Sở Tư pháp xây dựng, ", True, id="comma-after"),
    pytest.param("chủ trì soạn thảo và trình ", True, id="and-submit"),
    pytest.param("nghiên cứu, lập,\n , ", True, id="commas-and-lines"),
    pytest.param("thực hiện theo ", False, id="not-drafting"),
    pytest.param("Xây dựng İ ", False, id="not-plain"),
    pytest.param("", False, id="empty"),
]


@pytest.mark.parametrize(("before", "expected"), DRAFTING_CASES)
def test_drafted_is_the_drafting_search(before, expected):
    words = LoweredSpan(before, 0, len(before))
    assert named_documents._drafted(words, len(before)) is expected
    assert (named_documents._DRAFTING.search_slice(words, 0, len(before)) is not None) is expected


@settings(max_examples=500)
@given(st.lists(st.sampled_from(["xây", "dựng", "lập", "trình", "và", ",", " ", "\n", "\u00a0", "tổ",
                                 "chức", "x", "İ", "hành", "ban"]), max_size=10).map("".join))
def test_drafted_refuses_only_what_the_search_refuses(before):
    words = LoweredSpan(before, 0, len(before))
    assert named_documents._drafted(words, len(before)) == (
        named_documents._DRAFTING.search_slice(words, 0, len(before)) is not None)
    assert named_documents._without_trailing_commas(before) == re.sub(r"[\s,]*$", "", before, count=1)


_KEY_TEXT = st.lists(st.sampled_from([
    "-", "–", " ", "\n", "\t", "0", "00", "01", "2021", "x", "kinh tế", "a0", "_0", ".", "\u00a0"]),
    max_size=12).map("".join)


@settings(max_examples=400, deadline=None)
@given(_KEY_TEXT)
def test_name_key_dashes_and_zeros_are_the_substitutions(key: str) -> None:
    """The dash join and the zeros pattern of document_name_key do what the plain substitutions
    they replace do."""
    if "-" in key or "–" in key:
        assert named_documents._join_dashes(key) == re.sub(r"\s*[-–]\s*", "-", key)
    assert named_documents._KEY_LEADING_ZEROS.sub("", key) == re.sub(r"\b0+(?=\d)", "", key)


JOINED_DASHES = [
    pytest.param("kinh tế – xã hội", "kinh tế-xã hội", id="spaced-en-dash"),
    pytest.param("2021 -2025", "2021-2025", id="space-before"),
    pytest.param(" a - - b ", " a--b ", id="two-dashes-outer-spaces-kept"),
]


@pytest.mark.parametrize(("key", "joined"), JOINED_DASHES)
def test_join_dashes(key: str, joined: str) -> None:
    assert named_documents._join_dashes(key) == joined
