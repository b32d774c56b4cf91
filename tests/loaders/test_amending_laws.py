"""Amending laws cited by name (amending_laws.py): their title is their name, and the laws the
title names stay mentions of their own."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.loaders import amending_laws
from tests.loaders.test_citations import by_symbol, cite


def test_docstring_examples_run():
    result = doctest.testmod(amending_laws)
    assert result.attempted > 0 and result.failed == 0


# Preamble and body sentences of the dev corpus (Bộ VHTTDL 4385/QĐ-BVHTTDL, a Hà Nội resolution).
AMENDING_CASES = [
    pytest.param(
        "*Căn cứ Luật Quy hoạch ngày 24/11/2017; Luật sửa đổi, bổ sung một số điều của 37 luật có\n"
        "liên quan đến quy hoạch ngày 20/11/2018; Luật\nsửa đổi, bổ sung một số điều của Luật Quy "
        "hoạch, Luật Đầu tư, Luật Đầu tư theo\nphương thức đối tác công tư và Luật Đấu thầu ngày "
        "29/11/2024;*\n\nI. MỤC TIÊU",
        {"Luật sửa đổi, bổ sung một số điều của 37 luật có liên quan đến quy hoạch": "based_on",
         "Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch, Luật Đầu tư, Luật Đầu tư theo "
         "phương thức đối tác công tư và Luật Đấu thầu": "based_on",
         "Luật Quy hoạch": "based_on", "Luật Đầu tư": "mentions", "Luật Đấu thầu": "mentions"},
        id="preamble-amending-laws-and-the-laws-they-name"),
    pytest.param(
        "1. x\nkinh phí thực hiện các nhiệm vụ chi theo Luật phòng cháy và chữa cháy và Luật sửa đổi,"
        "\nbổ sung một số điều Luật Phòng cháy và chữa cháy; Nghị định số 105/2025/NĐ-CP",
        {"Luật sửa đổi, bổ sung một số điều Luật Phòng cháy và chữa cháy": "mentions"},
        id="body-amending-law-without-cua"),
]


@pytest.mark.parametrize(("text", "relations"), AMENDING_CASES)
def test_amending_laws_are_named_by_their_title(text, relations):
    found = by_symbol(cite(text))
    assert {name: found[name].relation for name in relations} == relations


def test_the_span_stops_before_the_first_law_the_title_names():
    text = "Căn cứ Luật sửa đổi, bổ sung Luật dân quân tự vệ ngày 1/1/2025;"
    (citation,) = [c for c in cite(text) if c.name and c.name.startswith("Luật sửa")]
    start, end = citation.spans[0]
    assert (text[start:end], citation.name) == (
        "Luật sửa đổi, bổ sung", "Luật sửa đổi, bổ sung Luật dân quân tự vệ")
    assert by_symbol(cite(text))["Luật dân quân tự vệ"].relation == "mentions"


@pytest.mark.parametrize("text", [
    pytest.param("Luật sửa đổi, bổ sung;", id="nothing-amended"),
    pytest.param("Luật Đầu tư công", id="not-an-amending-law"),
])
def test_what_is_not_an_amending_law(text):
    assert amending_laws.read_amending_law(text, 0, 4) is None


@given(st.text(alphabet="Luật sửa đổi,bổ sung một số điều của ;.()\n", max_size=80))
def test_read_amending_law_never_raises_and_spans_stay_inside(text):
    found = amending_laws.read_amending_law(text, 0, min(4, len(text)))
    if found is not None:
        name, span_end, name_end = found
        assert 4 <= span_end <= name_end <= len(text) and name
