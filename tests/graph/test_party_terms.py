"""Party documents cited with dates in two years of one term are one node (graph/party_terms.py)."""

from __future__ import annotations

from datetime import date

import pytest

from policykg.graph.load import load_records
from policykg.graph.party_terms import _Node, choose_folds, party_level, term_of
from tests.graph.test_load_order import VP_12, _citer

VP = "vn/tinh-uy-vinh-phuc"


@pytest.mark.parametrize(("level", "day", "year", "term"), [
    pytest.param("province", date(2020, 3, 12), None, 2015, id="before-the-2020-congress-season"),
    pytest.param("province", date(2019, 3, 12), None, 2015, id="mid-term"),
    pytest.param("province", date(2020, 9, 1), None, None, id="in-the-congress-season"),
    pytest.param("province", date(2020, 12, 1), None, 2020, id="after-the-congress-season"),
    pytest.param("province", None, 2020, None, id="bare-congress-year"),
    pytest.param("province", None, 2022, 2020, id="bare-mid-term-year"),
    pytest.param("central", date(2022, 4, 2), None, 2021, id="13-nq-tw"),
    pytest.param("central", date(2021, 1, 20), None, None, id="13th-congress-month"),
    pytest.param("central", date(2016, 3, 1), None, 2016, id="after-the-12th-congress"),
    pytest.param("district", date(2025, 5, 1), None, 2020, id="districts-had-no-2025-congress"),
    pytest.param("commune", date(2025, 8, 1), None, None, id="new-communes-2025-season"),
    pytest.param("province", date(1990, 1, 1), None, None, id="before-the-table"),
])
def test_term_of(level, day, year, term):
    assert term_of(level, day, year) == term


@pytest.mark.parametrize(("symbol", "level"), [
    ("12-NQ/TU", "province"), ("13-NQ/TW", "central"), ("06-CTr/HU", "district"), ("15-NQ/ĐU", "commune"),
    ("92/KH-UBND", None), ("26/2021/QĐ-TTg", None), (None, None),
], ids=["tu", "tw", "hu", "du", "ubnd", "ttg", "none"])
def test_party_level(symbol, level):
    assert party_level(symbol) == level


def _node(year: int, *stated: str, loaded: bool = False) -> _Node:
    return _Node(f"{VP}/{year}/12-nq-tu", loaded, stated[0] if loaded else None, tuple(stated), None)


@pytest.mark.parametrize(("nodes", "folds"), [
    pytest.param([_node(2019, "2019-03-12"), _node(2020, "2020-03-12", "2020-03-12")],
                 {f"{VP}/2019/12-nq-tu": VP_12}, id="majority-year"),
    pytest.param([_node(2019, "2019-03-12"), _node(2020, "2020-03-12")],
                 {VP_12: f"{VP}/2019/12-nq-tu"}, id="tie-earliest"),
    pytest.param([_node(2018, "2018-01-01"), _node(2020, "2020-03-12", loaded=True)],
                 {f"{VP}/2018/12-nq-tu": VP_12}, id="loaded-document-wins"),
    pytest.param([_node(2018, "2018-01-01", loaded=True), _node(2020, "2020-03-12", loaded=True)],
                 {}, id="two-loaded-documents-conflict"),
    pytest.param([_node(2013, "2013-01-01"), _node(2018, "2018-01-01")], {}, id="two-terms"),
])
def test_choose_folds(nodes, folds):
    assert choose_folds("province", nodes) == folds


def test_fold_on_both_backends(store):
    load_records(store, [_citer("Vĩnh Phúc", "2019-03-12"), _citer("Vĩnh Phúc", "2020-03-12"),
                         _citer("Vĩnh Phúc", "2020-04-01")])
    rows = store.read("MATCH (d:PolicyDocument {symbol: '12-NQ/TU'})<-[r:IMPLEMENTS]-() "
                      "RETURN d.identifier AS id, d.issued AS issued, count(r) AS citers")
    assert rows == [{"id": VP_12, "issued": "2020-03-12", "citers": 3}]
