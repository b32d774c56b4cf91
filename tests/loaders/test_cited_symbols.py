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


@pytest.mark.parametrize(("text", "symbols"), [
    pytest.param("Nghị quyết số 12-NQ/TU và Quyết định 76 /QĐ-UBND", ["12-NQ/TU", "76/QĐ-UBND"], id="both-styles"),
    pytest.param("ngày 12/3/2020, giai đoạn 2021-2025", [], id="dates-and-ranges"),
    pytest.param("Số: 91/KH-UBND\nKẾ HOẠCH", [], id="own-header"),
    pytest.param("số12-NQ/TU", [], id="glued-to-a-word"),
])
def test_find_symbols(text, symbols):
    assert [o.symbol for o in cited_symbols.find_symbols(text, None)] == symbols
