"""Symbol normalization: the messy spellings of real documents, and properties of the normalizer."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.loaders.symbols import doc_type_of, issuer_code_of, normalize_symbol

CASES = [
    ("12-NQ/TU", "12-NQ/TU"), ("12- NQ/TU", "12-NQ/TU"), ("12 - NQ / TU", "12-NQ/TU"),
    ("34-Ctr/TU", "34-CTr/TU"), ("34-CTR/TU", "34-CTr/TU"), ("76 /CTr - UBND", "76/CTr-UBND"),
    ("26/2021/QĐTTg", "26/2021/QĐ-TTg"), ("26/2021/QĐ-TTg", "26/2021/QĐ-TTg"),
    ("45/NQ- HĐND", "45/NQ-HĐND"), ("01-NQ/ĐU", "01-NQ/ĐU"), ("01-NQ/ÐU", "01-NQ/ĐU"),
    ("150/2020/NĐ-CP", "150/2020/NĐ-CP"), ("150/2020/ND-CP", "150/2020/NĐ-CP"),
    ("786/NQ-UBTVQH14", "786/NQ-UBTVQH14"), ("1238/TTr-LĐTBXH", "1238/TTr-LĐTBXH"),
    ("05/CT-TTg", "05/CT-TTg"), ("05/CT-TTG", "05/CT-TTg"), ("2013/QĐ-UBND", "2013/QĐ-UBND"),
    ("**92** /KH-UBND", "92/KH-UBND"), ("92-KL/TW", "92-KL/TW"), ("13-NQ/TW", "13-NQ/TW"),
    ("82-KH/HU", "82-KH/HU"), ("06/2023/NQ-HĐND", "06/2023/NQ-HĐND"), ("1850/QĐ-TTg", "1850/QĐ-TTg"),
    ("ngày 12/3/2020", None), ("năm 2021/2022", None), ("10-11%", None), ("", None),
]


@pytest.mark.parametrize(("raw", "expected"), CASES, ids=[c[0] or "empty" for c in CASES])
def test_normalize_symbol(raw, expected):
    assert normalize_symbol(raw) == expected


@pytest.mark.parametrize(
    ("symbol", "doc_type", "issuer"),
    [("12-NQ/TU", "NQ", "TU"), ("91/KH-UBND", "KH", "UBND"), ("150/2020/NĐ-CP", "NĐ", "CP"),
     ("34-CTr/TU", "CTr", "TU"), ("74/2022/QH15", None, "QH15"), (None, None, None)],
    ids=["party", "state", "normative", "programme", "national-assembly", "none"],
)
def test_parts_of_a_symbol(symbol, doc_type, issuer):
    assert doc_type_of(symbol) == doc_type
    assert issuer_code_of(symbol) == issuer


@given(st.text())
def test_normalize_symbol_never_raises_and_is_idempotent(raw):
    symbol = normalize_symbol(raw)
    if symbol is not None:
        assert normalize_symbol(symbol) == symbol
        assert " " not in symbol


# --- normalize_symbol on the spellings citations meet -----------------------------------------

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
    ("27/NQ- TW", "27-NQ/TW"),  # a Central Committee resolution written the state way
    ("30-TB/TGV", "30-TB/TGV"),  # unknown issuer code kept
]


@pytest.mark.parametrize("raw, expected", NORMALIZE_CASES, ids=[c[0] for c in NORMALIZE_CASES])
def test_normalize_symbol_on_citation_spellings(raw, expected):
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


# --- official letters (công văn) and submissions of a Sở --------------------------------------

# Symbols as the dev corpus and everyday administrative text write them: a letter carries the
# issuing body's code, then the drafting unit's, and no type code.
LETTER_CASES = [
    pytest.param("9086/BNV-CTTN&BĐG", "9086/BNV-CTTN&BĐG", "CV", "BNV", id="ministry-letter-ampersand"),
    pytest.param("8935/BNV - CTTN&BĐG", "8935/BNV-CTTN&BĐG", "CV", "BNV", id="spaced-hyphen"),
    pytest.param("10902/VPCP-KGVX", "10902/VPCP-KGVX", "CV", "VPCP", id="government-office-letter"),
    pytest.param("2679/SCT-QLTM", "2679/SCT-QLTM", "CV", "SCT", id="department-letter"),
    pytest.param("507/UBND-KT", "507/UBND-KT", "CV", "UBND", id="peoples-committee-letter"),
    pytest.param("567/SYT-NVY", "567/SYT-NVY", "CV", "SYT", id="health-department-letter"),
    pytest.param("12/CV-UBND", "12/CV-UBND", "CV", "UBND", id="letter-with-type-code"),
    pytest.param("123-CV/TU", "123-CV/TU", "CV", "TU", id="party-letter"),
    pytest.param("3129/TTr-SNV", "3129/TTr-SNV", "TTr", "SNV", id="submission-of-a-department"),
    pytest.param("799/TTr-SDTTG", "799/TTr-SDTTG", "TTr", "SDTTG", id="submission-long-department"),
    pytest.param("22/BC-STP", "22/BC-STP", "BC", "STP", id="report-of-a-department"),
]


@pytest.mark.parametrize(("raw", "expected", "doc_type", "issuer"), LETTER_CASES)
def test_official_letters_and_department_papers(raw, expected, doc_type, issuer):
    symbol = normalize_symbol(raw)
    assert (symbol, doc_type_of(symbol), issuer_code_of(symbol)) == (expected, doc_type, issuer)


NOT_LETTERS = [
    pytest.param("12/GM-UBND", id="invitation-type-code"),
    pytest.param("150/2020/BNV-VP", id="letters-carry-no-year"),
    pytest.param("12/bnv-vp", id="lower-case-codes"),
    pytest.param("12/BNV", id="one-code-only"),
]


@pytest.mark.parametrize("raw", NOT_LETTERS)
def test_what_is_not_an_official_letter(raw):
    assert normalize_symbol(raw) is None


LETTER_PARTS = st.tuples(
    st.integers(0, 99999).map(str),
    st.sampled_from(["", " ", "\t", "**"]),
    st.text(alphabet="ABCDĐGHKLMNPQRSTUVXYabđ&-/ 0123", min_size=1, max_size=12),
).map(lambda parts: parts[0] + parts[1] + "/" + parts[2])


@given(LETTER_PARTS)
def test_normalize_symbol_on_letter_shapes_is_idempotent_and_never_raises(raw):
    symbol = normalize_symbol(raw)
    if symbol is not None:
        assert normalize_symbol(symbol) == symbol
        assert " " not in symbol
        assert doc_type_of(symbol) is not None or symbol.count("/") == 2
