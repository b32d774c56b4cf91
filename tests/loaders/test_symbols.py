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
