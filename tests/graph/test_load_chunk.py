"""Fast loading (graph/load_chunk.py, graph/falkordb_store.py): the graph is the one MERGE makes,
loads take turns, and every parameter FalkorDB reads back is the value sent."""

from __future__ import annotations

import gc
import threading
from contextlib import contextmanager

import pytest
from falkordb.helpers import stringify_param_value

from policykg.errors import QueryError
from policykg.graph import cypher, load
from policykg.graph.falkordb_store import FalkorStore, cypher_literal
from policykg.graph.load import load_records
from policykg.graph.load_chunk import FULL_COLLECTION_PACE, changed_rows, load_session
from tests.factories import TEST_QUERY_TIMEOUT_MS, make_falkor_store, sample_records


class MergingFalkorStore(FalkorStore):
    """FalkorDB written the way a store without a load lock is (Neo4j): all MERGE, in order."""

    writes_in_background = False

    @contextmanager
    def exclusive_load(self):
        yield False


def dump(store) -> tuple[list, list]:
    """Every node and relationship with its properties, lists in the order stored."""
    nodes = store.read("MATCH (n) RETURN n.identifier AS id, labels(n) AS labels, "
                       "properties(n) AS props")
    edges = store.read("MATCH (a)-[r]->(b) RETURN a.identifier AS src, type(r) AS type, "
                       "b.identifier AS dst, properties(r) AS props")
    return (sorted(repr((n["id"], sorted(n["labels"]), sorted(n["props"].items())))
                   for n in nodes),
            sorted(repr((e["src"], e["type"], e["dst"], sorted(e["props"].items())))
                   for e in edges))


def test_created_in_the_background_is_the_graph_merge_makes(embedded_server, monkeypatch):
    # One Record per chunk, sample 000 twice in a row: its second chunk is planned while the
    # first is still being written, so every node it names must count as existing already.
    monkeypatch.setattr(load, "CHUNK_RECORDS", 1)
    records = sample_records()
    records.insert(1, sample_records()[0])
    slow = MergingFalkorStore(embedded_server.socket, "merging",
                              query_timeout_ms=TEST_QUERY_TIMEOUT_MS)
    with make_falkor_store(embedded_server) as fast, slow:
        created = load_records(fast, records)
        merged = load_records(slow, records)
        assert created.counters == merged.counters and created.counters.nodes_created > 10_000
        assert dump(fast) == dump(slow)


VALUES = [
    pytest.param("Ủy ban nhân dân huyện Sông Lô", id="vietnamese"),
    pytest.param('Nghị quyết "về nâng cao thu nhập": 12-NQ/TU', id="quotes-and-colon"),
    pytest.param("Ia H' Drai", id="apostrophe"),
    pytest.param("C:\\u00e9 \\ \\\\", id="backslashes-before-u"),
    pytest.param("dòng 1\ndòng 2\tcột\r\b\f", id="escaped-controls"),
    pytest.param("a\x01b\x1f", id="other-controls"),
    pytest.param("😀 ngày 12/3/2020", id="astral"),
    pytest.param(['{"k": 1}', "{}"], id="braces-in-strings"),
    pytest.param([["vn/org/x", None, 81.3, 2025, True, False, 1e-05, -0.0]], id="list-rows"),
    pytest.param([{"src": "a", "props": {"quote": ["x"], "span_start": [3]}}], id="map-rows"),
    pytest.param([[], [[]], {}], id="empties"),
    pytest.param(2**62, id="big-int"),
    pytest.param(None, id="null"),
]


@pytest.mark.parametrize("value", VALUES)
def test_a_parameter_reads_back_as_sent(falkor_store, value):
    assert falkor_store.read("RETURN $v AS v", {"v": value}) == [{"v": value}]


@pytest.mark.parametrize(("value", "literal"), [
    pytest.param([["a", None, 1.5, True]], '[["a",null,1.5,true]]', id="json"),
    pytest.param(["x\\u00e9"], None, id="backslash-u-to-library"),
    pytest.param(["a\x01"], None, id="control-to-library"),
    pytest.param([{"a": 1}], None, id="map-to-library"),
    pytest.param(float("nan"), None, id="nan-to-library"),
])
def test_json_is_used_only_where_it_is_cypher(value, literal):
    expected = literal if literal is not None else stringify_param_value(value)
    assert cypher_literal(value) == expected


def test_loads_into_one_graph_take_turns(embedded_server):
    entered = threading.Event()
    first = make_falkor_store(embedded_server)
    second = make_falkor_store(embedded_server, first.graph_name)
    with first, second:
        def other_load():
            with second.exclusive_load() as exclusive:
                assert exclusive
                entered.set()

        with first.exclusive_load() as exclusive:
            assert exclusive
            waiter = threading.Thread(target=other_load)
            waiter.start()
            assert not entered.wait(0.3)  # the second load waits for the first
        assert entered.wait(10)
        waiter.join()


def test_a_load_slows_full_collections_and_restores_the_pace(falkor_store):
    before = gc.get_threshold()
    with load_session(falkor_store) as exclusive:
        assert exclusive and gc.get_threshold()[2] >= FULL_COLLECTION_PACE
    assert gc.get_threshold() == before


def test_a_refused_batch_is_raised_once_the_batches_after_it_ran(falkor_store):
    create = cypher.create_nodes_query("Target", ("identifier",))
    good = falkor_store.prepare_batches(create, [["t1"]])
    bad = falkor_store.prepare_batches("UNWIND $rows AS row RETURN row +", [["x"]])
    after = falkor_store.prepare_batches(create, [["t2"]])
    with pytest.raises(QueryError, match="FalkorDB rejected the query"):
        falkor_store.run_prepared(good + bad + after)
    assert falkor_store.read("MATCH (t:Target) RETURN count(t) AS n") == [{"n": 2}]


def test_property_names_come_from_the_ontology():
    with pytest.raises(ValueError, match="not a property of the ontology"):
        cypher.create_nodes_query("Target", ("identifier", "value}) DETACH DELETE (n"))


AGENCY = {"id": "vn/org/vinh-phuc/so-y-te", "props": {"name": "Sở Y tế tỉnh Vĩnh Phúc", "level": "province"}}


@pytest.mark.parametrize(("props", "written"), [
    pytest.param({"name": "Sở Y tế tỉnh Vĩnh Phúc", "level": "province"}, False, id="same-values"),
    pytest.param({"name": "Sở Y tế tỉnh Vĩnh Phúc"}, False, id="fewer-keys"),
    pytest.param({"name": "Sở Y tế tỉnh Vĩnh Phúc", "acronym": None}, False, id="null-where-none"),
    pytest.param({"name": "Sở Y tế Vĩnh Phúc"}, True, id="new-name"),
    pytest.param({"level": None}, True, id="null-removes-one"),
    pytest.param({"name": "Sở Y tế tỉnh Vĩnh Phúc", "acronym": "SYT"}, True, id="new-key"),
])
def test_only_rows_that_change_a_shared_node_are_written_again(falkor_store, props, written):
    falkor_store.write_batches(cypher.merge_nodes_query("Organization"), [AGENCY])
    row = {"id": AGENCY["id"], "props": props}
    absent = {"id": "vn/org/vinh-phuc/so-tai-chinh", "props": {"name": "Sở Tài chính tỉnh Vĩnh Phúc"}}
    kept = changed_rows(falkor_store, "Organization", [row, absent], batch_size=1)
    assert kept == ([row, absent] if written else [absent])
