"""Round trips of the property-graph exports, the format registry, and the writers' edge cases.

Each property-graph format is exported from the test graph (``test_export_rdf.loaded_graph``,
pruned to the units documents reach), loaded into an empty graph of the same embedded FalkorDB
by the reader of that format (the Cypher script statement by statement), and the rebuilt graph
is compared with the original twice: as the set of N-Triples lines of its export, and element by
element with the type of every value (so 60.0 turning into 60 fails, which == would not see).
"""

from __future__ import annotations

import io
import json
import shutil
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from xml.etree import ElementTree

import networkx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.errors import InputError
from policykg.graph.cypher import delete_all, merge_nodes_query, neo4j_schema_statements
from policykg.graph.export import FORMATS, ExportError, export_bytes, export_to_path, get_format
from policykg.graph.export.csv_import import cell, parse_record, read_csv_directory
from policykg.graph.export.cypher_script import (
    SCRIPT_BATCH_ROWS,
    cypher_literal,
    inline_rows,
    run_script,
    split_script,
    statement_lines,
)
from policykg.graph.export.elements import GraphEdge, GraphNode, load_elements, make_edge, make_node
from policykg.graph.export.graphml import read_graphml
from policykg.graph.export.rdf import ntriples_chunks
from policykg.graph.export.read import check_exportable, iter_edges, iter_elements
from policykg.graph.load import GRAPH_SCHEMA
from policykg.graph.store import GraphStore
from policykg.ontology.terms import Label, Rel
from tests.factories import make_falkor_store, short_tempdir
from tests.graph.test_export_rdf import RDF_ROUND_TRIPS, loaded_graph

#: How each property-graph export is read back into an empty store.
GRAPH_ROUND_TRIPS: dict[str, Callable[[Path, GraphStore], object]] = {
    "cypher": lambda path, store: run_script(store, path.open(encoding="utf-8")),
    "csv": lambda path, store: load_elements(store, read_csv_directory(path)),
    "graphml": lambda path, store: load_elements(store, read_graphml(path)),
}


@pytest.fixture(scope="module")
def source(embedded_server) -> Iterator[GraphStore]:
    with loaded_graph(embedded_server, prune=True) as store:
        yield store


@pytest.fixture(scope="module")
def exported(source) -> Iterator[dict[str, Path]]:
    """Every format written once to a file (csv: a directory)."""
    directory = short_tempdir("pk-export-")
    paths = {name: export_to_path(source, name, directory / (name if fmt.directory else "graph" + fmt.extension))
             for name, fmt in FORMATS.items()}
    yield paths
    shutil.rmtree(directory, ignore_errors=True)


def nt_lines(store: GraphStore) -> set[str]:
    # Split on "\n" only: a literal may hold U+2028, which str.splitlines would cut at.
    return set("".join(ntriples_chunks(store)).split("\n")) - {""}


def typed(value):
    return [typed(v) for v in value] if isinstance(value, list) else (type(value).__name__, value)


def typed_elements(store: GraphStore) -> list[tuple]:
    out = []
    for page in iter_elements(store):
        for e in page:
            props = {k: typed(v) for k, v in e.props.items()}
            out.append((e.key, e.identifier, e.extra, props) if isinstance(e, GraphNode)
                       else (e.type, e.src_key, e.src, e.dst_key, e.dst, props))
    return out


@pytest.fixture(scope="module")
def original(source) -> tuple[set[str], list[tuple]]:
    return nt_lines(source), typed_elements(source)


def test_every_format_has_a_round_trip():
    assert set(FORMATS) == set(RDF_ROUND_TRIPS) | set(GRAPH_ROUND_TRIPS)
    assert not set(RDF_ROUND_TRIPS) & set(GRAPH_ROUND_TRIPS)
    assert {name for name, fmt in FORMATS.items() if fmt.rdf} == set(RDF_ROUND_TRIPS)
    assert all(fmt.streaming and fmt.media_type and fmt.extension for fmt in FORMATS.values())


def test_the_test_graph_has_every_kind_of_element(original):
    _, elements = original
    rels = {e[0] for e in elements if isinstance(e[0], Rel)}
    assert rels >= set(Rel) - {Rel.SUB_ORGANIZATION_OF}, "a relationship type is never exercised"
    assert {e[0] for e in elements if isinstance(e[0], Label)} == {
        Label.POLICY_DOCUMENT, Label.ADMIN_UNIT, Label.ORGANIZATION, Label.TARGET, Label.TASK,
        Label.EVIDENCE, Label.INDICATOR}


@pytest.mark.parametrize("name", list(GRAPH_ROUND_TRIPS))
def test_round_trip_rebuilds_exactly_the_graph(name, exported, original, falkor_store):
    GRAPH_ROUND_TRIPS[name](exported[name], falkor_store)
    lines, elements = original
    rebuilt = nt_lines(falkor_store)
    assert rebuilt == lines, (sorted(lines - rebuilt)[:3], sorted(rebuilt - lines)[:3])
    assert typed_elements(falkor_store) == elements


def test_cypher_script_is_idempotent(exported, original, falkor_store):
    first = run_script(falkor_store, exported["cypher"].open(encoding="utf-8"))
    again = run_script(falkor_store, exported["cypher"].open(encoding="utf-8"))
    assert first.nodes_created == len([e for e in original[1] if isinstance(e[0], Label)])
    assert (again.nodes_created, again.relationships_created) == (0, 0)
    assert nt_lines(falkor_store) == original[0]


def test_cypher_script_layout(exported):
    with exported["cypher"].open(encoding="utf-8") as script:
        statements = list(split_script(script))
    schema = [text for text, is_schema in statements if is_schema]
    data = [text for text, is_schema in statements if not is_schema]
    assert schema == neo4j_schema_statements(GRAPH_SCHEMA)
    assert data and all(s.startswith("UNWIND [{") and " MERGE " in s and "$" not in s for s in data)
    first_edge = next(i for i, s in enumerate(data) if "MERGE (a)-[r:" in s)
    assert all("MERGE (a)-[r:" in s for s in data[first_edge:]), "nodes must all come first"


def test_cypher_statements_are_batched():
    nodes = [make_node(f"vn/org/t{i}", ["Organization"], {"name": f"Tổ {i}"}) for i in range(450)]
    lines = list(statement_lines(nodes))
    assert len(lines) == 3 and all(line.count("{id: ") <= SCRIPT_BATCH_ROWS for line in lines)


@pytest.fixture(scope="module")
def scratch(embedded_server) -> Iterator[GraphStore]:
    with make_falkor_store(embedded_server) as store:
        yield store
        store.write(*delete_all())


# Strings built from the characters an escaper gets wrong, and any other code point but the two
# no store can hold (NUL, refused by FalkorDB's parser; lone surrogates, not UTF-8).
TRICKY = st.text(alphabet=st.one_of(
    st.sampled_from("'\"\\\n\r\t`;{}$/\u2028\x85\x0b"),
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")), max_size=60)


@settings(max_examples=150, deadline=None)
@given(identifier=TRICKY.filter(bool), text=TRICKY)
def test_script_strings_survive_the_store(scratch, identifier, text):
    statement = inline_rows(merge_nodes_query("Task"), [{"id": identifier, "props": {"text": text}}])
    try:
        scratch.write(statement.removesuffix(";"))
        found = scratch.read("MATCH (n:Task) RETURN n.identifier AS i, n.text AS t")
        assert found == [{"i": identifier, "t": text}]
    finally:
        scratch.write("MATCH (n) DELETE n")


#: Significant digits of a double in FalkorDB 4.16's replies (it formats them with %.15g).
REPLY_DIGITS = 15
#: Doubles FalkorDB's parser takes: it calls a subnormal literal (2.2e-313) a "Float overflow".
#: No value of the graph comes near either bound.
NORMAL_FLOATS = st.floats(min_value=-1e300, max_value=1e300, allow_subnormal=False)


def _is_normal(x: float) -> bool:
    """Zero or a normal double: rounding to REPLY_DIGITS can take the smallest normal doubles
    (2.2250738585072014e-308) below the bound, to a subnormal the parser refuses."""
    return x == 0 or abs(x) >= sys.float_info.min


@settings(max_examples=150, deadline=None)
@given(st.one_of(NORMAL_FLOATS.map(lambda x: float(f"{x:.{REPLY_DIGITS}g}")).filter(_is_normal),
                 st.integers(min_value=-(2**63), max_value=2**63 - 1), st.booleans(),
                 st.lists(st.integers(min_value=-(2**31), max_value=2**31), max_size=4)))
def test_script_numbers_survive_the_store(scratch, value):
    [row] = scratch.write(f"RETURN {cypher_literal(value)} AS v").rows
    assert typed(row["v"]) == typed(value)


def test_the_store_holds_a_script_double_exactly_but_answers_15_digits(scratch):
    """Why the property above rounds its floats: the literal is exact inside the store, the reply
    is not. An export writes what the store answers, so 0.1 + 0.2 comes out as 0.3 (the loader's
    values and ratios have far fewer digits)."""
    exact = 0.1 + 0.2
    [row] = scratch.write(f"RETURN {cypher_literal(exact)} AS v, {cypher_literal(exact)} = 0.3 AS same").rows
    assert row == {"v": 0.3, "same": False}


@pytest.mark.parametrize("value", [
    pytest.param(float("nan"), id="nan"), pytest.param(float("inf"), id="infinity"),
    pytest.param("a\x00b", id="nul"), pytest.param(object(), id="not-a-value"),
])
def test_cypher_literal_refuses_what_no_script_can_hold(value):
    with pytest.raises(ExportError):
        cypher_literal(value)


def test_csv_files_follow_neo4j_admin_conventions(exported, source):
    directory = exported["csv"]
    readme = (directory / "README.txt").read_text(encoding="utf-8")
    files = sorted(p.name for p in directory.glob("*.csv"))
    assert all(f"={name}" in readme for name in files)
    assert "--array-delimiter=U+001F" in readme and "--multiline-fields=true" in readme
    assert all(statement + ";" in readme for statement in neo4j_schema_statements(GRAPH_SCHEMA))
    header = (directory / "nodes.Target.csv").open(encoding="utf-8").readline().rstrip("\n").split(",")
    assert header[:2] == ["identifier:ID(Target)", ":LABEL"]
    assert {"year:long", "value:double", "in_tasks:boolean", "text"} <= set(header)
    header = (directory / "relationships.IMPLEMENTS.PolicyDocument-PolicyDocument.csv").open(
        encoding="utf-8").readline().rstrip("\n").split(",")
    assert header[:3] == [":START_ID(PolicyDocument)", ":END_ID(PolicyDocument)", ":TYPE"]
    assert {"quote:string[]", "sha256:string[]", "span_start:long[]", "span_end:long[]",
            "stated_date"} <= set(header)
    assert "nodes.PolicyDocument+Plan.csv" in files


@pytest.mark.parametrize(("line", "fields"), [
    pytest.param('a,"b""c",,""', ["a", 'b"c', None, ""], id="quote-missing-and-empty"),
    pytest.param('"x, y","line\nbreak"', ["x, y", "line\nbreak"], id="comma-and-newline"),
    pytest.param(",", [None, None], id="two-missing"),
    pytest.param('"Ia H\' Drai"', ["Ia H' Drai"], id="apostrophe"),
])
def test_csv_records_keep_missing_and_empty_apart(line, fields):
    assert parse_record(line, "test") == fields


@pytest.mark.parametrize(("value", "kind", "text"), [
    pytest.param("", "", '""', id="empty-string-is-quoted"),
    pytest.param(None, "long", "", id="missing-is-empty"),
    pytest.param(60, "double", "60.0", id="integer-in-a-double-column"),
    pytest.param(["a;b", "c|d"], "string[]", '"a;b\x1fc|d"', id="array"),
])
def test_csv_cells(value, kind, text):
    assert cell(value, kind, "test") == text


@pytest.mark.parametrize(("value", "kind"), [
    pytest.param(["a\x1fb"], "string[]", id="delimiter-inside-an-item"),
    pytest.param([], "long[]", id="empty-list"),
    pytest.param("60", "double", id="text-in-a-number-column"),
])
def test_csv_refuses_values_it_cannot_write_faithfully(value, kind):
    with pytest.raises(ExportError):
        cell(value, kind, "test")


def test_graphml_reads_with_networkx_and_etree(exported, source):
    [nodes] = source.read("MATCH (n) RETURN count(n) AS n")
    [rels] = source.read("MATCH ()-[r]->() RETURN count(r) AS n")
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ElementTree.parse(exported["graphml"]).getroot()
    assert len(root.findall(".//g:node", ns)) == nodes["n"] and len(root.findall(".//g:edge", ns)) == rels["n"]
    graph = networkx.read_graphml(exported["graphml"])
    assert (graph.number_of_nodes(), graph.number_of_edges()) == (nodes["n"], rels["n"])
    target = next(data for _, data in graph.nodes(data=True) if data["labels"] == "Target" and "year" in data)
    assert isinstance(target["year"], int) and isinstance(target["value"], float)
    assert isinstance(target["in_tasks"], bool)
    cites = next(data for *_, data in graph.edges(data=True) if data["label"] == "IMPLEMENTS")
    assert isinstance(json.loads(cites["quote"]), list)


def test_export_bytes_is_what_the_files_hold(exported, source):
    """The API's stream and the CLI's files are one export, byte for byte (exports are deterministic)."""
    for name, fmt in FORMATS.items():
        data = b"".join(export_bytes(source, name))
        if fmt.chunks is not None:
            assert data == exported[name].read_bytes(), name
        else:
            archive = zipfile.ZipFile(io.BytesIO(data))
            assert sorted(archive.namelist()) == sorted(p.name for p in exported[name].iterdir())
            assert all(archive.read(p.name) == p.read_bytes() for p in exported[name].iterdir())


def test_csv_to_a_zip_path_writes_the_archive(exported, source, tmp_path):
    archive = zipfile.ZipFile(export_to_path(source, "csv", tmp_path / "g.zip"))
    assert sorted(archive.namelist()) == sorted(p.name for p in exported["csv"].iterdir())


def test_progress_counts_every_element(source, tmp_path, original):
    seen = []
    export_to_path(source, "ntriples", tmp_path / "g.nt", on_progress=seen.append)
    assert sum(seen) == len(original[1]) and len(seen) > 1


@pytest.mark.parametrize(("build", "fragment"), [
    pytest.param(lambda: make_node("x", ["PolicyDocument", "Thing"], {}), "Thing", id="unknown-label"),
    pytest.param(lambda: make_node("x", ["Thing"], {}), "keyed", id="no-keyed-label"),
    pytest.param(lambda: make_node("x", ["Task"], {"colour": "red"}), "colour", id="unknown-key"),
    pytest.param(lambda: make_node("x", ["Task"], {"text": float("nan")}), "finite", id="nan"),
    pytest.param(lambda: make_node("x", ["Task"], {"text": ["a", "b"]}), "are lists", id="list-on-a-node"),
    pytest.param(lambda: make_edge("LIKES", ("Task", "a"), (["Task"], "b"), {}), "LIKES", id="unknown-type"),
    pytest.param(lambda: make_edge("PART_OF", ("AdminUnit", "a"), (["AdminUnit"], "b"), {"ratio": 1.0}),
                 "no place", id="property-on-an-unqualified-edge"),
    pytest.param(lambda: make_edge("CITES", ("PolicyDocument", "a"), (["PolicyDocument"], "b"),
                                   {"quote": ["q"], "sha256": ["s"], "span_start": [1], "span_end": []}),
                 "one length", id="uneven-evidence-lists"),
    pytest.param(lambda: make_edge("CITES", ("PolicyDocument", "a"), (["PolicyDocument"], "b"),
                                   {"stated_date": ["2020-03-12"]}), "not be a list", id="list-where-scalar"),
])
def test_what_the_ontology_cannot_express_is_refused(build, fragment):
    with pytest.raises(ExportError, match=fragment):
        build()


@pytest.mark.parametrize(("setup", "fragment"), [
    pytest.param("CREATE (:PolicyDocument {symbol: '12-NQ/TU'})", "no identifier", id="no-identifier"),
    pytest.param("CREATE (:Thing {identifier: 'x'})", "keyed label", id="unkeyed-node"),
])
def test_a_graph_an_export_would_truncate_is_refused(falkor_store, tmp_path, setup, fragment):
    falkor_store.write(setup)
    with pytest.raises(ExportError, match=fragment):
        check_exportable(falkor_store)
    with pytest.raises(ExportError):
        export_to_path(falkor_store, "turtle", tmp_path / "g.ttl")
    assert list(tmp_path.iterdir()) == [], "a failed export leaves no file behind"


def test_parallel_relationships_are_refused(falkor_store):
    falkor_store.write("CREATE (a:Task {identifier: 'a'}), (b:Organization {identifier: 'b'}), "
                       "(a)-[:LEAD_AGENCY]->(b), (a)-[:LEAD_AGENCY]->(b)")
    with pytest.raises(ExportError, match="two LEAD_AGENCY"):
        list(iter_edges(falkor_store))


def test_export_paths_are_checked(source, tmp_path):
    with pytest.raises(InputError, match="not a directory"):
        export_to_path(source, "turtle", tmp_path / "missing" / "g.ttl")
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    with pytest.raises(InputError, match="not an empty directory"):
        export_to_path(source, "csv", tmp_path / "full")
    with pytest.raises(InputError, match="is a directory"):
        export_to_path(source, "turtle", tmp_path / "full")
    with pytest.raises(InputError, match="choose one of"):
        get_format("rdfxml")


def test_evidence_edges_keep_their_order_through_csv(tmp_path, falkor_store):
    """Lists are kept in order (a set comparison of N-Triples would not notice a reversal)."""
    edge = GraphEdge(Rel.CITES, Label.POLICY_DOCUMENT, "a", Label.POLICY_DOCUMENT, "b",
                     {"quote": ["sau", "trước"], "sha256": ["f" * 64, "e" * 64], "span_start": [9, 1],
                      "span_end": [12, 6]})
    nodes = [GraphNode(Label.POLICY_DOCUMENT, x, (Label.PLAN,), {"name": x}) for x in "ab"]
    load_elements(falkor_store, [*nodes, edge])
    export_to_path(falkor_store, "csv", tmp_path / "csv")
    falkor_store.write(*delete_all())
    load_elements(falkor_store, read_csv_directory(tmp_path / "csv"))
    [got] = [e for page in iter_edges(falkor_store) for e in page]
    assert got == edge
