"""Numbered citations (cited_symbols.py): symbols, the type words before them, date and issuer after."""

from __future__ import annotations

import doctest
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders import cited_symbols
from tests.loaders.test_citations import by_symbol, cite


DOC_TYPE_CASES = [
    ("type-from-symbol", "1. x\nthực hiện số 78/NQ-CP ngày 18/6/2022 của Chính phủ", "78/NQ-CP", "NQ"),
    ("type-from-words", "1. x\nNghị quyết số 74/2022/QH15 của Quốc hội", "74/2022/QH15", "NQ"),
    ("programme", "1. x\nChương trình hành động số 46-CTr/TU ngày 27/3/2023", "46-CTr/TU", "CTr"),
    ("telegram", "1. x\nCông điện số 140/CĐ-TTg ngày 27/12/2024", "140/CĐ-TTg", "CĐ"),
    ("law-has-no-code", "1. x\ntheo đúng Luật Hợp tác xã.", "Luật Hợp tác xã", None),
    ("de-an", "1. x\nTiếp tục quyết liệt triển khai thực hiện Đề án 06. Nâng cao", "Đề án 06", "ĐA"),
    ("official-letter", "1. x\nCăn cứ Công văn số 10902/VPCP-KGVX\nngày 08/11/2025 của Văn phòng "
     "Chính phủ", "10902/VPCP-KGVX", "CV"),
    ("submission-called-a-letter", "1. x\nTheo đề nghị của Giám đốc Sở Nội vụ tại Công văn số "
     "3129/TTr-SNV ngày 17 tháng 11 năm 2025", "3129/TTr-SNV", "TTr"),
    ("law-number", "1. x\nLuật số 97/2025/QH15 ngày 27 tháng 6 năm 2025 sửa đổi", "97/2025/QH15", None),
]


@pytest.mark.parametrize("text, key, doc_type", [c[1:] for c in DOC_TYPE_CASES],
                         ids=[c[0] for c in DOC_TYPE_CASES])
def test_doc_type(text, key, doc_type):
    assert by_symbol(cite(text))[key].doc_type == doc_type


def test_own_symbol_and_header_number_are_not_citations():
    text = "Số: 91/KH-UBND\nQuảng Ninh, ngày 26 tháng 4 năm 2021\nKẾ HOẠCH\nSố 76/CTr-UBND"
    assert cite(text, own_symbol="76 /CTr - UBND") == []


def test_docstring_examples_run():
    result = doctest.testmod(cited_symbols)
    assert result.attempted > 0 and result.failed == 0


# --- where symbols may start ------------------------------------------------------------------

STARTS_SOUP = st.lists(st.sampled_from(["1", "2", "0", "12345", "٣", "２", "-", "/", " ", "\t", "a", "Đ", "_",
                                        ".", ",", "\n", "²", "Ⅻ", "NQ", "TU"]), max_size=16).map("".join)


@settings(max_examples=1000)
@given(STARTS_SOUP)
def test_symbol_starts_are_where_the_pattern_matches(text):
    assert cited_symbols.symbol_starts(text) == [m.start() for m in cited_symbols._SYMBOL_START.finditer(text)]


def test_glued_characters_are_the_patterns_word_class():
    """``str.isalnum`` plus ``_GLUED`` is ``[\\w/.-]``, and ``str.isdecimal`` is ``\\d``."""
    everything = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
    glued = set(re.findall(r"[\w/.-]", everything))
    assert glued == {c for c in everything if c.isalnum() or c in cited_symbols._GLUED}
    assert set(re.findall(r"\d", everything)) == {c for c in everything if c.isdecimal()}


def test_no_character_is_both_a_letter_and_a_digit():
    """``_ends_issuer`` skips the digit test for words of letters only."""
    everything = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
    assert not [c for c in everything if c.isalpha() and c.isdigit()]


@pytest.mark.parametrize(("word", "nxt", "ends"), [
    pytest.param("Tỉnh", "ủy", False, id="letters"),
    pytest.param("khóa", "XVI", True, id="stop-word"),
    pytest.param("XVI", None, False, id="roman-numeral"),
    pytest.param("2021", None, True, id="year"),
    pytest.param("HĐND-15", None, True, id="code-with-digits"),
    pytest.param("²", None, True, id="superscript-digit"),
    pytest.param("Ban", "hành", True, id="pair"),
    pytest.param("Ban", "Chấp", False, id="not-a-pair"),
])
def test_ends_issuer(word, nxt, ends):
    assert cited_symbols._ends_issuer(word, nxt) is ends


@pytest.mark.parametrize(("text", "symbols"), [
    pytest.param("Nghị quyết số 12-NQ/TU và Quyết định 76 /QĐ-UBND", ["12-NQ/TU", "76/QĐ-UBND"], id="both-styles"),
    pytest.param("ngày 12/3/2020, giai đoạn 2021-2025", [], id="dates-and-ranges"),
    pytest.param("Số: 91/KH-UBND\nKẾ HOẠCH", [], id="own-header"),
    pytest.param("số12-NQ/TU", [], id="glued-to-a-word"),
    pytest.param("Theo đề nghị của Sở Công Thương tại Tờ trình số 298/TTr-SCT ngày 23/10/2025 và "
                 "Công văn số 2679/SCT-QLTM ngày 07/11/2025.", ["298/TTr-SCT", "2679/SCT-QLTM"],
                 id="submission-and-letter-of-a-department"),
    pytest.param("Báo cáo tiếp thu, giải trình số 507/UBND-KT ngày 26 tháng 11 năm 2025",
                 ["507/UBND-KT"], id="letter-of-a-known-body"),
    pytest.param("văn bản 1234/BHXH-CSXH của Bảo hiểm xã hội", ["1234/BHXH-CSXH"],
                 id="unknown-body-after-van-ban"),
    pytest.param("khu vực 12/TP-HCM", [], id="unknown-codes-without-document-words"),
])
def test_find_symbols(text, symbols):
    assert [o.symbol for o in cited_symbols.find_symbols(text, None)] == symbols


@pytest.mark.parametrize(("text", "head_word"), [
    pytest.param("Căn cứ Luật Thực hiện dân chủ ở cơ sở ngày 10 tháng 11 năm 2022; Luật số "
                 "97/2025/QH15 ngày 27 tháng 6 năm 2025", "Luật số", id="law-by-number"),
    pytest.param("Căn cứ Luật Ban\nhành văn bản quy phạm pháp luật số 64/2025/QH15", "số",
                 id="name-ending-in-phap-luat"),
])
def test_head_of_a_numbered_law(text, head_word):
    occurrence = cited_symbols.find_symbols(text, None)[-1]
    assert text[occurrence.head:].startswith(head_word)


SYMBOL_FACTS = [
    pytest.param("41-KH/TU", ("TU", "province", "KH", True), id="party-province"),
    pytest.param("150/2020/NĐ-CP", ("CP", "central", "NĐ", True), id="state-central"),
    pytest.param("91/KH-UBND", ("UBND", None, "KH", True), id="floating-issuer"),
    pytest.param("8935/BNV-CTTN&BĐG", ("BNV", "central", "CV", True), id="official-letter"),
    pytest.param("74/2022/QH15", ("QH15", "central", None, True), id="national-assembly"),
]


@pytest.mark.parametrize(("symbol", "expected"), SYMBOL_FACTS)
def test_symbol_facts(symbol: str, expected: tuple[str, str | None, str | None, bool]) -> None:
    """A symbol's facts are read from it alone, and ``read_symbol`` gives them once."""
    assert tuple(cited_symbols.symbol_facts(symbol)) == expected
    assert cited_symbols.read_symbol(symbol) == (symbol, cited_symbols.symbol_facts(symbol))
    assert cited_symbols.read_symbol(symbol) is cited_symbols.read_symbol(symbol)


# --- the type words before a symbol -----------------------------------------------------------

def _type_words_searched(before: str) -> tuple[int, str] | None:
    """What type_words_before reads backwards, read by the forward search."""
    tm = cited_symbols._TYPE_BEFORE.search(before)
    return (tm.start(), tm["type"].lower()) if tm else None


TYPE_WORDS_CASES = [
    pytest.param("Thực hiện Chương trình hành động số ", (10, "chương trình"), id="action-programme"),
    pytest.param("theo Nghị quyết liên tịch số", (5, "nghị quyết"), id="joint"),
    pytest.param("căn cứ Bộ luật Lao động, Bộ luật số ", (25, "bộ luật"), id="code-of-law"),
    pytest.param("theo quy định của pháp luật số ", None, id="not-phap-luat"),
    pytest.param("xx pháp bộ luật ", (11, "luật"), id="bo-after-phap"),
    pytest.param("Tờ trình\nsố ", (0, "tờ trình"), id="line-wrap"),
    pytest.param("Chươngtrình số", (0, "chươngtrình"), id="glued"),
    pytest.param("KẾ HOẠCH SỐ ", (0, "kế hoạch"), id="upper-case"),
    pytest.param("Quyết định İ số ", None, id="not-plain-no-match"),
    pytest.param("Công văn İ Công văn số ", (11, "công văn"), id="not-plain"),
    pytest.param("thực hiện số ", None, id="bare-so"),
]


@pytest.mark.parametrize(("before", "expected"), TYPE_WORDS_CASES)
def test_type_words_before(before, expected):
    assert cited_symbols.type_words_before(before) == expected == _type_words_searched(before)


TYPE_WORDS_SOUP = st.lists(st.sampled_from(["số", "Số", " ", "\n", "  ", "luật", "Bộ", "bộ", "pháp", "dân",
                                            "chương", "trình", "Kế hoạch", "hành", "động", "liên", "tịch",
                                            "Nghị quyết", "tờ", "văn", "bản", "x", "İ", "\u00a0"]),
                           max_size=12).map(" ".join)


@settings(max_examples=1000)
@given(TYPE_WORDS_SOUP)
def test_type_words_read_backwards_are_those_searched(before):
    assert cited_symbols.type_words_before(before) == _type_words_searched(before)


# --- the issuer after a symbol ------------------------------------------------------------------

_ISSUER_WORD = re.compile(r"\s*(?P<w>[^\s,.;:()“”\"]+)")


def _issuer_word_by_word(text: str, pos: int) -> tuple[str | None, int]:
    """The issuer read one word match at a time: what _issuer_after reads with one match."""
    m = cited_symbols._ISSUER_OPEN.match(text, pos, min(len(text), pos + 20))
    if not m:
        return None, pos
    end, words = m.end(), []
    w = _ISSUER_WORD.match(text, end)
    while w and len(words) < cited_symbols.ISSUER_MAX_WORDS and "\n\n" not in text[end:w.start("w")]:
        nxt = _ISSUER_WORD.match(text, w.end())
        if cited_symbols._ends_issuer(w["w"], nxt["w"] if nxt else None):
            break
        words.append(w["w"])
        end, w = w.end(), nxt
    return (" ".join(words) or None), (end if words else pos)


ISSUER_CASES = [
    pytest.param(" của Ban Chấp hành Đảng bộ tỉnh khóa XVI về", ("Ban Chấp hành Đảng bộ tỉnh", 31),
                 id="stop-word"),
    pytest.param(" của UBND tỉnh ban hành Kế hoạch", ("UBND tỉnh", 14), id="stop-pair"),
    pytest.param(" của Tỉnh ủy\n\nVề việc", ("Tỉnh ủy", 12), id="blank-line"),
    pytest.param(" của Ban Thường vụ\n\nTỉnh ủy", ("Ban Thường vụ", 18), id="blank-line-inside"),
    pytest.param(" của Chính phủ, Thủ tướng", ("Chính phủ", 14), id="comma"),
    pytest.param(" của a b c d e f g h i j k l", ("a b c d e f g h i j", 24), id="ten-words-at-most"),
    pytest.param(" của Sở Nội vụ năm 2024", ("Sở Nội vụ năm", 18), id="digits-stop"),
    pytest.param(" của, Tỉnh ủy", (None, 0), id="no-word"),
    pytest.param(" theo Tỉnh ủy", (None, 0), id="no-cua"),
]


@pytest.mark.parametrize(("text", "expected"), ISSUER_CASES)
def test_issuer_after(text, expected):
    assert cited_symbols._issuer_after(text, 0) == expected == _issuer_word_by_word(text, 0)


ISSUER_SOUP = st.lists(st.sampled_from(["của", " ", "  ", "\n", "\n\n", ",", ".", "Ban", "hành", "chỉ",
                                        "đạo", "về", "Tỉnh", "ủy", "2024", "“", "a", "\t", "\x1c", "\u00a0",
                                        "\u2003", "\r\n"]),
                       max_size=30).map("".join)


@settings(max_examples=1000)
@given(ISSUER_SOUP)
def test_issuer_after_reads_what_the_word_by_word_loop_reads(text):
    assert cited_symbols._issuer_after(text, 0) == _issuer_word_by_word(text, 0)


READ_SYMBOL = [
    pytest.param("41- KH/TU", "41-KH/TU", id="spaced"),
    pytest.param("26/2021/QĐTTg", "26/2021/QĐ-TTg", id="hyphen-lost"),
    pytest.param("12/GM-UBND", None, id="other-paper"),
]


@pytest.mark.parametrize(("raw", "expected"), READ_SYMBOL)
def test_read_symbol(raw: str, expected: str | None) -> None:
    """``read_symbol`` is ``normalize_symbol`` with the facts of what it gives."""
    read = cited_symbols.read_symbol(raw)
    assert (read and read[0]) == expected == cited_symbols.normalize_symbol(raw)
    if read:
        assert read[1] == cited_symbols.symbol_facts(expected)
