"""Extraction quality on the five bundled samples against the hand-made gold (tests/gold).

The bars are issue 3's: document metadata all correct; citations P and R >= 0.95 (symbol +
relation + issuer scope); targets P and R >= 0.90 (value + unit + year); assignments R >= 0.85.
`make quality` prints the same tables.
"""

from __future__ import annotations

import pytest

from tests.quality import DOCUMENT_FIELDS, evaluate, extract_samples, render

#: (precision, recall) bars of issue 3.
BARS = {"citations": (0.95, 0.95), "targets": (0.90, 0.90), "assignments": (0.0, 0.85)}


@pytest.fixture(scope="module")
def result():
    outcome = evaluate(extract_samples())
    print("\n" + render(outcome))
    return outcome


@pytest.mark.parametrize("field", DOCUMENT_FIELDS)
def test_document_metadata_is_right_on_every_sample(result, field):
    wrong = [s for s, scores in result["samples"].items() if not scores["document"][field]]
    assert not wrong, f"{field} wrong on {wrong}"


@pytest.mark.parametrize("kind", sorted(BARS))
def test_extraction_meets_the_bars(result, kind):
    score = result["totals"][kind]
    precision, recall = BARS[kind]
    assert score.precision >= precision and score.recall >= recall, render(result)
