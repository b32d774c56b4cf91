"""The five samples loaded into a real store, on both backends: issue 4's sample answers.

One load per backend per module (the Bolt endpoint writes in small messages, so a load takes a
few seconds); every test here only reads. The Neo4j backend runs through the real neo4j driver
against FalkorDB's Bolt port, with batches cut at factories.BOLT_BATCH_BYTES (that endpoint aborts on
larger messages; a real Neo4j has no such limit).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from policykg.graph.embedded import EmbeddedServer
from policykg.graph.load import load_records
from policykg.graph.queries.cascade import cascade
from policykg.graph.queries.coverage import coverage
from policykg.graph.queries.documents import document
from policykg.graph.queries.indicator_table import indicator_table
from policykg.graph.queries.lag import lag
from policykg.graph.queries.lineage import derived_targets, target_chain
from tests.factories import free_bolt_port, make_bolt_store, make_falkor_store, sample_records, short_tempdir


VP_12_NQ_TU = "vn/tinh-uy-vinh-phuc/2020/12-nq-tu"
TW_12_NQ_TW = "vn/trung-uong-dang/2022/12-nq-tw"
TW_13_NQ_TW = "vn/trung-uong-dang/2022/13-nq-tw"
TW_92_KL_TW = "vn/trung-uong-dang/2020/92-kl-tw"
TV_2013_QD = "vn/ubnd-tinh-tra-vinh/2022/2013-qd-ubnd"
CAU_NGANG_92 = "vn/ubnd-huyen-cau-ngang/2022/92-kh-ubnd"
QN_91 = "vn/ubnd-tinh-quang-ninh/2021/91-kh-ubnd"


@pytest.fixture(scope="module", params=["falkordb", "neo4j-bolt"])
def loaded(request) -> Iterator:
    """A store holding the five samples, and the load summary."""
    home = short_tempdir()
    if request.param == "falkordb":
        server = EmbeddedServer(home)
    else:
        server = EmbeddedServer(home, bolt_port=free_bolt_port(), persistent=False)
    with server.acquire():
        store = (make_falkor_store(server) if request.param == "falkordb"
                 else make_bolt_store(server))
        with store:
            summary = load_records(store, sample_records())
            yield store, summary
    shutil.rmtree(home, ignore_errors=True)


def test_summary_counts_the_samples(loaded):
    _, summary = loaded
    assert summary.documents == 5
    assert summary.stubs > 80 and summary.targets > 250 and summary.unmatched_places == []


def test_song_lo_income_target_derives_from_vinh_phuc_12_nq_tu(loaded):
    store, _ = loaded
    rows = derived_targets(store, VP_12_NQ_TU)
    income = [r for r in rows if r["document"]["place"] == "Sông Lô" and r["value"] == 60
              and r["unit"] == "triệu đồng/người" and r["comparator"] == ">" and r["year"] == 2025]
    assert len(income) == 1
    assert "trên 60 triệu đồng/người" in income[0]["evidence"]["quote"]
    assert len(income[0]["evidence"]["sha256"]) == 64


def test_no_quang_ninh_target_derives_from_12_nq_tu(loaded):
    store, _ = loaded
    rows = derived_targets(store, VP_12_NQ_TU)
    assert rows and not [r for r in rows if "quang-ninh" in r["document"]["id"] or r["document"]["place"] == "Quảng Ninh"]


def test_cascade_from_13_nq_tw_reaches_cau_ngang_through_2013(loaded):
    store, _ = loaded
    down = cascade(store, TW_13_NQ_TW)
    assert {TV_2013_QD, CAU_NGANG_92} <= {n["id"] for n in down["nodes"]}
    edges = {(e["source"], e["target"]) for e in down["edges"]}
    assert (CAU_NGANG_92, TV_2013_QD) in edges and (TV_2013_QD, TW_13_NQ_TW) in edges
    via = next(e for e in down["edges"] if (e["source"], e["target"]) == (TV_2013_QD, TW_13_NQ_TW))
    assert "2013/QĐ-UBND" in via["evidence"]["quote"] and "13-NQ/TW" in via["evidence"]["quote"]


def test_cascade_of_92_kl_tw_contains_quang_ninh_91(loaded):
    store, _ = loaded
    assert QN_91 in {n["id"] for n in cascade(store, TW_92_KL_TW)["nodes"]}


def test_12_nq_tw_is_not_12_nq_tu(loaded):
    store, _ = loaded
    central = {n["id"] for n in cascade(store, TW_12_NQ_TW)["nodes"]}
    provincial = {n["id"] for n in cascade(store, VP_12_NQ_TU)["nodes"]}
    assert TW_12_NQ_TW != VP_12_NQ_TU and provincial and not central & provincial
    assert derived_targets(store, TW_12_NQ_TW) == []


def test_cascade_up_from_cau_ngang(loaded):
    store, _ = loaded
    up = {n["id"]: n["depth"] for n in cascade(store, CAU_NGANG_92, direction="up")["nodes"]}
    assert up[TV_2013_QD] == 1 and up[TW_13_NQ_TW] == 2


def test_level_filter(loaded):
    store, _ = loaded
    assert {n["level"] for n in cascade(store, TW_92_KL_TW, level="province")["nodes"]} == {"province"}
    assert cascade(store, TW_92_KL_TW, level="commune")["nodes"] == []


def test_coverage_of_12_nq_tu_by_district(loaded):
    store, _ = loaded
    result = coverage(store, VP_12_NQ_TU, level="district")
    assert [u["name"] for u in result["covered"]] == ["Sông Lô"]
    assert len(result["missing"]) >= 8 and "Vĩnh Yên" in {u["name"] for u in result["missing"]}


def test_lag_of_92_kl_tw(loaded):
    store, _ = loaded
    pairs = {(p["child"]["id"], p["parent"]["id"]): p["days"] for p in lag(store, TW_92_KL_TW)["pairs"]}
    assert pairs[(QN_91, TW_92_KL_TW)] == 172  # 5/11/2020 -> 26/4/2021
    assert pairs[(QN_91, "vn/tinh-uy-quang-ninh/2021/41-kh-tu")] == 35  # 22/3/2021 -> 26/4/2021


def test_target_chain_starts_at_the_target(loaded):
    store, _ = loaded
    first = derived_targets(store, VP_12_NQ_TU)[0]
    assert target_chain(store, first["id"])[0]["id"] == first["id"]


def test_indicator_table_rows_are_set_targets_of_the_cascade(loaded):
    store, _ = loaded
    table = indicator_table(store, VP_12_NQ_TU)
    assert table["indicators"], "the Sông Lô plan's targets match indicators"
    assert all(row["status"] in ("set", "dropped") for i in table["indicators"] for row in i["rows"])


def test_places_and_successors(loaded):
    store, _ = loaded
    [row] = store.read(
        "MATCH (:PolicyDocument {identifier: $id})-[:APPLIES_TO]->(u:AdminUnit)-[:PART_OF]->(p:AdminUnit) "
        "MATCH (u)-[:SUCCEEDED_BY]->(:AdminUnit)-[:PART_OF]->(now:AdminUnit) "
        "RETURN u.name AS unit, p.name AS province, collect(DISTINCT now.name) AS now", {"id": CAU_NGANG_92})
    assert (row["unit"], row["province"], row["now"]) == ("Cầu Ngang", "Trà Vinh", ["Vĩnh Long"])


def test_pages_of_derived_targets_tile_the_whole_answer(loaded):
    store, _ = loaded
    everything = [r["id"] for r in derived_targets(store, VP_12_NQ_TU)]
    pages = [r["id"] for offset in (0, 7, 14) for r in derived_targets(store, VP_12_NQ_TU, limit=7, offset=offset)]
    assert pages == everything[:21] and len(everything) >= 21


def test_indicator_filter(loaded):
    store, _ = loaded
    income = derived_targets(store, VP_12_NQ_TU, indicator="incomePerCapita")
    assert income and {r["indicator"]["id"] for r in income} == {"incomePerCapita"}
    assert any(r["value"] == 60 for r in income)


def test_cited_documents_carry_what_the_citations_say(loaded):
    store, _ = loaded
    [stub] = store.read("MATCH (d:PolicyDocument {identifier: $id}) RETURN d.title AS title, d.issued AS issued, "
                        "d.source_sha256 AS sha", {"id": VP_12_NQ_TU})
    assert stub["sha"] is None and stub["issued"] == "2020-03-12"
    assert stub["title"].startswith("về nâng cao thu nhập và phúc lợi của người dân Vĩnh Phúc")


def test_milestones_of_yearly_paths_are_left_out_on_either_backend(loaded):
    """Each backend has its own form of the filter (outdegree on FalkorDB, OPTIONAL MATCH through
    Bolt); both must drop exactly the steps of yearly paths."""
    store, _ = loaded
    [row] = store.read("MATCH (s:Target)-[:MILESTONE_OF]->(:Target) RETURN count(s) AS n")
    assert row["n"] > 0, "the samples have yearly paths, so the filter is exercised"
    docs = [r["id"] for r in store.read("MATCH (d:PolicyDocument)-[:SETS_TARGET]->(:Target)-[:MILESTONE_OF]->() "
                                        "RETURN DISTINCT d.identifier AS id")]
    for doc_id in docs:
        listed = {t["id"] for t in document(store, doc_id)["targets"]}
        steps = {r["id"] for r in store.read(
            "MATCH (:PolicyDocument {identifier: $id})-[:SETS_TARGET]->(s:Target)-[:MILESTONE_OF]->() "
            "RETURN s.identifier AS id", {"id": doc_id})}
        [total] = store.read("MATCH (:PolicyDocument {identifier: $id})-[:SETS_TARGET]->(t:Target) "
                             "RETURN count(t) AS n", {"id": doc_id})
        assert steps and not listed & steps and len(listed) == total["n"] - len(steps)
