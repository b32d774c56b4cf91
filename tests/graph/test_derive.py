"""Comparing a target with the one it derives from, and choosing that one."""

from __future__ import annotations

import pytest

from policykg.graph.derive import choose_derivations, compare
from policykg.ontology.terms import Comparison

INCOME = {"value": 55, "unit": "triệu đồng/người", "year": 2025}
POVERTY = {"value": 2.0, "unit": "%", "year": 2025}


@pytest.mark.parametrize(("child", "parent", "higher", "comparison", "ratio"), [
    pytest.param({**INCOME, "value": 60}, INCOME, True, Comparison.STRICTER, 1.0909, id="higher-income-stricter"),
    pytest.param({**INCOME, "value": 50}, INCOME, True, Comparison.LOOSER, 0.9091, id="lower-income-looser"),
    pytest.param(INCOME, INCOME, True, Comparison.EQUAL, 1.0, id="equal"),
    pytest.param({**POVERTY, "value": 1.5}, POVERTY, False, Comparison.STRICTER, 0.75, id="lower-poverty-stricter"),
    pytest.param({**POVERTY, "value": 3}, POVERTY, False, Comparison.LOOSER, 1.5, id="higher-poverty-looser"),
    pytest.param({**INCOME, "year": 2030}, INCOME, True, Comparison.DIFFERENT_DEADLINE, 1.0, id="other-year"),
    pytest.param({**INCOME, "unit": "%"}, INCOME, True, Comparison.UNIT_MISMATCH, None, id="other-unit"),
    pytest.param({"value": 16.3, "unit": "bác sỹ/vạn dân", "year": 2025},
                 {"value": 16.3, "unit": "Bác sĩ / vạn dân", "year": 2025}, True, Comparison.EQUAL, 1.0,
                 id="unit-spelling-variants"),
    pytest.param({"value": 10, "value_max": 11, "unit": "%", "year": 2025},
                 {"value": 10, "unit": "%", "year": 2025}, True, Comparison.EQUAL, 1.0, id="range-lower-bound-binds"),
    pytest.param({"value": 0, "unit": "%", "year": 2025}, {"value": 0, "unit": "%", "year": 2025},
                 False, Comparison.EQUAL, None, id="zero-parent-no-ratio"),
])
def test_compare(child, parent, higher, comparison, ratio):
    assert compare(child, parent, higher) == (comparison, ratio)


def _target(target, year, value=1.0):
    return {"target": target, "value": value, "value_max": None, "unit": "%", "year": year,
            "indicator": "povertyRate", "higher_is_better": False}


def test_the_nearest_ancestor_wins_then_the_same_year():
    children = {"child": [_target("child#t", 2025)]}
    ancestors = {"child": {"grand": 2, "parent": 1}}
    targets = {"grand": [_target("grand#1", 2025)],
               "parent": [_target("parent#2030", 2030), _target("parent#2025", 2025)]}
    [chosen] = choose_derivations(children, ancestors, targets)
    assert chosen.source == "parent#2025"


def test_ties_break_by_id_whatever_the_row_order():
    children = {"child": [_target("child#t", 2025)]}
    ancestors = {"child": {"p": 1}}
    forward = choose_derivations(children, ancestors, {"p": [_target("b", 2025), _target("a", 2025)]})
    backward = choose_derivations(children, ancestors, {"p": [_target("a", 2025), _target("b", 2025)]})
    assert forward == backward and forward[0].source == "a"


def test_other_indicators_never_derive():
    children = {"child": [_target("child#t", 2025)]}
    other = {**_target("p#1", 2025), "indicator": "incomePerCapita"}
    assert choose_derivations(children, {"child": {"p": 1}}, {"p": [other]}) == []
