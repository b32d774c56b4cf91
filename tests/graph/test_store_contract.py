"""The store contract: the same tests, the same openCypher, on both backends.

``store`` is parametrized in conftest.py: the embedded FalkorDB over its unix socket, and the
Neo4j backend through the real neo4j driver against FalkorDB's Bolt port.
"""

from __future__ import annotations

import pytest

from policykg.errors import StoreError
from policykg.graph import cypher
from policykg.graph.store import SchemaSpec, WriteCounters

DOC = "PolicyDocument"
TARGET = "Target"

VINH_PHUC_12 = {
    "id": "vn/tinh-uy-vinh-phuc/2020/12-nq-tu",
    "props": {"symbol": "12-NQ/TU", "title": "Về nâng cao thu nhập và phúc lợi của người dân Vĩnh Phúc", "issued": "2020-03-12", "level": "province"},
}
SONG_LO_PLAN = {
    "id": "vn/ubnd-huyen-song-lo/2020/kh-thuc-hien-12-nq-tu",
    "props": {"symbol": None, "title": "Kế hoạch thực hiện Nghị quyết số 12-NQ/TU", "level": "district"},
}


def documents(n: int) -> list[dict]:
    """``n`` synthetic document rows with distinct ids."""
    return [{"id": f"vn/test/{i}", "props": {"symbol": f"{i}/KH-UBND", "n": i}} for i in range(n)]


def test_ping_and_describe(store):
    store.ping()
    info = store.describe()
    assert info["backend"] == store.backend
    assert info["location"] and info["graph"]


def test_merge_writes_and_reads_back_vietnamese_text(store):
    counters = store.write_batches(cypher.merge_nodes_query(DOC), [VINH_PHUC_12, SONG_LO_PLAN])
    assert counters.nodes_created == 2
    [row] = store.read(*cypher.node_properties(DOC, VINH_PHUC_12["id"]))
    assert row["props"]["title"] == "Về nâng cao thu nhập và phúc lợi của người dân Vĩnh Phúc"
    assert row["props"]["issued"] == "2020-03-12"


def test_null_properties_are_not_stored(store):
    store.write_batches(cypher.merge_nodes_query(DOC), [SONG_LO_PLAN])
    [row] = store.read(*cypher.node_properties(DOC, SONG_LO_PLAN["id"]))
    assert "symbol" not in row["props"]


def test_merge_is_idempotent(store):
    rows = documents(5)
    first = store.write_batches(cypher.merge_nodes_query(DOC), rows)
    second = store.write_batches(cypher.merge_nodes_query(DOC), rows)
    assert first.nodes_created == 5
    assert second.nodes_created == 0
    assert store.read(*cypher.count_nodes(DOC)) == [{"n": 5}]


# Batches stay small: FalkorDB's Bolt endpoint (the Neo4j backend's test server) aborts on a
# message over a few kilobytes. Real Neo4j takes the default batch of 1000 rows.
@pytest.mark.parametrize(
    ("rows", "batch_size"), [(0, 10), (1, 10), (10, 10), (25, 10), (250, 40)],
    ids=["empty", "one", "exact-batch", "partial-last-batch", "many-batches"],
)
def test_batches_sum_their_counters(store, rows, batch_size):
    counters = store.write_batches(cypher.merge_nodes_query(DOC), documents(rows), batch_size=batch_size)
    assert counters.nodes_created == rows
    assert store.read(*cypher.count_nodes()) == [{"n": rows}]


def test_edges_merge_once_between_existing_nodes(store):
    store.write_batches(cypher.merge_nodes_query(DOC), [VINH_PHUC_12, SONG_LO_PLAN])
    edge = {"src": SONG_LO_PLAN["id"], "dst": VINH_PHUC_12["id"], "props": {"span_start": 58, "span_end": 66}}
    query = cypher.merge_edges_query("IMPLEMENTS", DOC, DOC)
    assert store.write_batches(query, [edge]).relationships_created == 1
    assert store.write_batches(query, [edge]).relationships_created == 0
    assert store.read(*cypher.count_relationships("IMPLEMENTS")) == [{"n": 1}]


def test_edge_to_missing_node_creates_nothing(store):
    store.write_batches(cypher.merge_nodes_query(DOC), [SONG_LO_PLAN])
    edge = {"src": SONG_LO_PLAN["id"], "dst": "vn/nowhere/1", "props": {}}
    counters = store.write_batches(cypher.merge_edges_query("IMPLEMENTS", DOC, DOC), [edge])
    assert counters == WriteCounters()


@pytest.mark.parametrize(
    "value",
    [0, -7, 27026, 87.5, True, "", "Thị trấn Vĩnh Lộc", [2020, 2021], ["Sở Y tế", "Sở Tài chính"]],
    ids=["zero", "negative", "int", "float", "bool", "empty-string", "vietnamese", "int-list", "str-list"],
)
def test_property_values_round_trip(store, value):
    store.write_batches(cypher.merge_nodes_query(TARGET), [{"id": "t1", "props": {"value": value}}])
    [row] = store.read(*cypher.node_properties(TARGET, "t1"))
    assert row["props"]["value"] == value
    assert type(row["props"]["value"]) is type(value)


def test_nodes_come_back_as_plain_dicts(store):
    store.write_batches(cypher.merge_nodes_query(DOC), [VINH_PHUC_12])
    [row] = store.read("MATCH (n:PolicyDocument) RETURN n")
    assert isinstance(row["n"], dict)
    assert row["n"]["symbol"] == "12-NQ/TU"


def test_ensure_schema_is_idempotent_and_merge_keeps_one_node_per_id(store):
    spec = SchemaSpec(unique=((DOC, "id"),), indexes=((DOC, "symbol"),))
    store.ensure_schema(spec)
    store.ensure_schema(spec)
    store.write_batches(cypher.merge_nodes_query(DOC), [VINH_PHUC_12, VINH_PHUC_12])
    assert store.read(*cypher.count_nodes(DOC)) == [{"n": 1}]


def test_syntax_error_is_a_store_error_not_a_crash(store):
    # The embedded engine classifies it as QueryError (test_embedded.py); FalkorDB's Bolt
    # endpoint reports every error as a generic DatabaseError, so only StoreError is common.
    with pytest.raises(StoreError):
        store.read("MATCH (n RETURN n")


def test_delete_all_empties_the_graph(store):
    store.write_batches(cypher.merge_nodes_query(DOC), documents(3))
    store.write(*cypher.delete_all())
    assert store.read(*cypher.count_nodes()) == [{"n": 0}]
