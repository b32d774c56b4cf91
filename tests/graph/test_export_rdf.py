"""RDF exports of a real graph: they parse, give one triple set, and conform to the SHACL shapes.

The graph is the five bundled samples plus the first documents of a synthetic Vĩnh Phúc
cascade (the samples alone have no target derivations: none of their parents is loaded),
loaded into the session's embedded FalkorDB. Two graphs per module, both only read: ``full``,
as ``load_records`` leaves it (with all 14,149 administrative units of the gazetteer), which
the SHACL test validates; and ``source``, the same without the units no document or agency
reaches, for the serialization round trips (which do not depend on how many units there are,
and which would spend most of their time on units otherwise).

SHACL: the full N-Triples export is validated (every node, every unit) with the ontology and
the indicator vocabulary as the ontology graph, as ``ontology/shapes.ttl`` prescribes. RDFS
inference is replaced by adding the one entailment the shapes read (``pkg:implements`` and
``pkg:basedOn`` are ``pkg:cites``; every class is written explicitly): pyshacl's RDFS pass takes
~70 s of CPU on this graph, the validation itself ~17 s. Turtle and JSON-LD give the same
triples as N-Triples (tested below), so they conform exactly when it does.
"""

from __future__ import annotations

import itertools
import shutil
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from policykg.graph.cypher import delete_all
from policykg.graph.export import FORMATS, export_to_path
from policykg.graph.export.jsonld import build_context, context_path, published_context, render_context
from policykg.graph.export.rdf import _RELATIVE, nt_line, turtle_term
from policykg.graph.export.rdf_terms import (
    ID_BASE,
    Lit,
    decimal_lexical,
    edge_triples,
    literal,
    node_iri,
    node_triples,
)
from policykg.graph.export.elements import GraphNode
from policykg.graph.export.read import iter_elements
from policykg.graph.load import load_records
from policykg.ontology import NAMESPACE
from policykg.ontology.indicators import load_indicators
from policykg.ontology.mapping import load_ontology, load_shapes
from policykg.ontology.terms import Label, Prop, Rel
from policykg.synthetic import generate_cascade
from tests.factories import make_falkor_store, sample_records, short_tempdir

PKG = NAMESPACE
XSD = "http://www.w3.org/2001/XMLSchema#"
#: The synthetic cascade whose first documents give the graph its derivations.
SYNTHETIC_SEED, SYNTHETIC_PROVINCE, SYNTHETIC_DOCUMENTS = 7, "Vĩnh Phúc", 5
#: rdflib's name of each RDF format: the round trip of an RDF export is "rdflib reads from it
#: exactly the triples of the graph". The registry test (test_export_roundtrip.py) reads this.
RDF_ROUND_TRIPS = {"ntriples": "nt", "turtle": "turtle", "jsonld": "json-ld"}


def export_records() -> list:
    """The Records every export test loads: the samples, then a short synthetic cascade."""
    synthetic = generate_cascade(SYNTHETIC_SEED, province=SYNTHETIC_PROVINCE)
    return sample_records() + list(itertools.islice(synthetic, SYNTHETIC_DOCUMENTS))


#: How far a kept unit's parents and successors are followed (district -> province -> its
#: 2025 successor; district -> commune successor -> its new province).
UNIT_CLOSURE_DEPTH = 4


def prune_units(store) -> int:
    """Delete the administrative units no document or organization reaches, directly or through
    PART_OF and SUCCEEDED_BY; return how many are kept."""
    rows = store.read(
        "MATCH ()-[:APPLIES_TO|HAS_JURISDICTION]->(u:AdminUnit) "
        f"MATCH (u)-[:PART_OF|SUCCEEDED_BY*0..{UNIT_CLOSURE_DEPTH}]->(k:AdminUnit) "
        "RETURN DISTINCT k.identifier AS id")
    keep = [r["id"] for r in rows]
    store.write("MATCH (u:AdminUnit) WHERE NOT u.identifier IN $keep DETACH DELETE u", {"keep": keep})
    return len(keep)


@contextmanager
def loaded_graph(server, *, prune: bool) -> Iterator:
    """A fresh graph holding the export test Records, emptied afterwards."""
    with make_falkor_store(server) as store:
        load_records(store, export_records())
        if prune:
            prune_units(store)
        yield store
        store.write(*delete_all())


@pytest.fixture(scope="module")
def full(embedded_server) -> Iterator:
    """The test graph as loaded, every unit of the gazetteer included (read only)."""
    with loaded_graph(embedded_server, prune=False) as store:
        yield store


@pytest.fixture(scope="module")
def source(embedded_server) -> Iterator:
    """The test graph without the units nothing reaches (read only)."""
    with loaded_graph(embedded_server, prune=True) as store:
        yield store


@pytest.fixture(scope="module")
def export_dir() -> Iterator[Path]:
    directory = short_tempdir("pk-export-")
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


def parse(path: Path, rdflib_format: str) -> Graph:
    with warnings.catch_warnings():
        # rdflib's JSON-LD parser uses its own deprecated ConjunctiveGraph internally.
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        return Graph().parse(path, format=rdflib_format)


@pytest.fixture(scope="module")
def parsed(source, export_dir) -> dict[str, Graph]:
    """Each RDF export of the graph, written to a file and parsed back by rdflib."""
    out = {}
    for name, rdflib_format in RDF_ROUND_TRIPS.items():
        path = export_to_path(source, name, export_dir / f"graph{FORMATS[name].extension}")
        out[name] = parse(path, rdflib_format)
    return out


def rdflib_term(term):
    if isinstance(term, Lit):
        return Literal(term.lexical, datatype=URIRef(term.datatype) if term.datatype else None)
    return URIRef(term)


@pytest.fixture(scope="module")
def expected(source) -> set:
    """The graph's triples built in Python from its elements, without any serializer."""
    out = set()
    for page in iter_elements(source):
        for element in page:
            triples = node_triples(element) if isinstance(element, GraphNode) else edge_triples(element)
            out.update(tuple(rdflib_term(t) for t in triple) for triple in triples)
    return out


@pytest.mark.parametrize("name", list(RDF_ROUND_TRIPS))
def test_rdf_export_parses_to_exactly_the_graph_triples(name, parsed, expected):
    got = set(parsed[name])
    assert got == expected, (sorted(got - expected)[:3], sorted(expected - got)[:3])


def test_the_graph_has_what_the_rdf_must_show(expected):
    """The round trips above would be vacuous on a graph without these."""
    predicates = {p for _, p, _ in expected}
    for local in ("qualifiedCitation", "citedDocument", "citationRelation", "hasEvidence",
                  "qualifiedDerivation", "sourceTarget", "comparison", "ratio", "statedDate",
                  "milestoneOf", "measures", "succeededBy", "valueMax"):
        assert URIRef(PKG + local) in predicates, local


def test_ntriples_export_conforms_to_the_shapes(full, export_dir):
    data = parse(export_to_path(full, "ntriples", export_dir / "full.nt"), "nt")
    # implements and basedOn are sub-properties of cites; the shapes run without inference.
    for sub in ("implements", "basedOn"):
        for s, o in list(data.subject_objects(URIRef(PKG + sub))):
            data.add((s, URIRef(PKG + "cites"), o))
    assert len(set(data.subjects(RDF.type, URIRef(PKG + "AdminUnit")))) > 14_000
    # Every type code the graph holds is in pkg:DocumentTypeScheme (ĐA, TTLT and QC were not,
    # and "74/2022/QH15" once gave the type "QH15": the shapes found both).
    [row] = full.read("MATCH (d:PolicyDocument) WHERE d.document_type IN $codes RETURN count(d) AS n",
                      {"codes": ["ĐA"]})
    assert row["n"] > 0, "the samples cite a đề án: the check below covers the new concepts"
    conforms, _, text = pyshacl.validate(data, shacl_graph=load_shapes(), ont_graph=load_ontology(),
                                         inference="none", inplace=True)
    assert conforms, text[:3000]


def test_context_file_is_current():
    assert context_path().read_text(encoding="utf-8") == render_context(), (
        "run: python -m policykg.graph.export.jsonld --write")


def test_context_has_a_term_for_every_key_type_and_label_the_graph_uses(full):
    terms = published_context()
    used = {r["k"] for r in full.read("MATCH (n) UNWIND keys(n) AS k RETURN DISTINCT k")}
    used |= {r["k"] for r in full.read("MATCH ()-[r]->() UNWIND keys(r) AS k RETURN DISTINCT k")}
    used |= {r["t"] for r in full.read("MATCH ()-[r]->() RETURN DISTINCT type(r) AS t")}
    used |= {x for r in full.read("MATCH (n) RETURN DISTINCT labels(n) AS l") for x in r["l"]}
    assert used and used <= set(terms)
    assert {*Prop, *Rel, *Label} <= set(terms) and build_context()["@context"] == terms


@pytest.mark.parametrize(("key", "value", "want"), [
    pytest.param("issued", "2020-03-12", Lit("2020-03-12", XSD + "date"), id="date"),
    pytest.param("value", 87.5, Lit("87.5", XSD + "decimal"), id="decimal-from-float"),
    pytest.param("value", 60.0, Lit("60.0", XSD + "decimal"), id="decimal-keeps-point"),
    pytest.param("ratio", 1e-07, Lit("0.0000001", XSD + "decimal"), id="decimal-no-exponent"),
    pytest.param("value", 60, Lit("60", XSD + "decimal"), id="decimal-from-int"),
    pytest.param("year", 2025, Lit("2025", XSD + "integer"), id="integer"),
    pytest.param("in_tasks", False, Lit("false", XSD + "boolean"), id="boolean"),
    pytest.param("title", "Kế hoạch 91/KH-UBND", Lit("Kế hoạch 91/KH-UBND"), id="plain-string"),
    pytest.param("level", "district", PKG + "level_district", id="code-list"),
    pytest.param("document_type", "QĐ", PKG + "doctype_QD", id="code-list-notation"),
    pytest.param("document_type", "ĐA", PKG + "doctype_DA", id="code-list-notation-with-d-stroke"),
    pytest.param("document_type", "XYZ", Lit("XYZ"), id="code-list-unknown-stays-literal"),
    pytest.param("year", "2025", Lit("2025"), id="wrong-type-keeps-its-own"),
    pytest.param("value", True, Lit("true", XSD + "boolean"), id="bool-is-not-a-number"),
])
def test_literal_types_follow_the_ontology(key, value, want):
    assert literal(key, value) == want


@pytest.mark.parametrize(("label", "identifier", "want"), [
    pytest.param(Label.POLICY_DOCUMENT, "vn/tinh-uy-vinh-phuc/2020/12-nq-tu",
                 ID_BASE + "vn/tinh-uy-vinh-phuc/2020/12-nq-tu", id="readable-path"),
    pytest.param(Label.EVIDENCE, "ev/287558f142e744c2/22-44", ID_BASE + "ev/287558f142e744c2/22-44",
                 id="evidence"),
    pytest.param(Label.ORGANIZATION, "vn/org/a b#c?d%e", ID_BASE + "vn/org/a%20b%23c%3Fd%25e",
                 id="reserved-characters"),
    pytest.param(Label.ORGANIZATION, "vn/org/sở-y-tế", ID_BASE + "vn/org/s%E1%BB%9F-y-t%E1%BA%BF",
                 id="non-ascii"),
    pytest.param(Label.INDICATOR, "incomePerCapita", PKG + "indicator_incomePerCapita",
                 id="indicator-is-the-vocabulary-concept"),
])
def test_node_iris(label, identifier, want):
    assert node_iri(label, identifier) == want


def test_indicator_iris_are_the_vocabulary_iris():
    concepts = load_indicators()
    assert concepts and all(node_iri(Label.INDICATOR, c.notation) == c.iri for c in concepts)


@pytest.mark.parametrize(("value", "want"), [
    pytest.param(87.5, "87.5", id="shortest-repr"),
    pytest.param(1e16, "10000000000000000", id="large"),
    pytest.param(0.1 + 0.2, "0.30000000000000004", id="binary-noise-kept-exactly"),
    pytest.param(-0.5, "-0.5", id="negative"),
])
def test_decimal_lexical(value, want):
    assert decimal_lexical(value) == want
    assert float(want) == value


@pytest.mark.parametrize(("path", "relative"), [
    pytest.param("vn/a/b", True, id="plain"),
    pytest.param("a:b/c", False, id="colon-in-first-segment-reads-as-a-scheme"),
    pytest.param("vn/../x", False, id="dot-dot-segment"),
    pytest.param("./x", False, id="dot-segment"),
    pytest.param("vn/..x/y", True, id="dots-inside-a-segment"),
    pytest.param("/x", False, id="absolute-path"),
])
def test_turtle_writes_relative_iris_only_when_they_resolve_to_themselves(path, relative):
    assert bool(_RELATIVE.fullmatch(path)) is relative
    written = turtle_term(ID_BASE + path)
    parsed = Graph().parse(data=f"@base <{ID_BASE}> . {written} <{PKG}p> <{PKG}o> .", format="turtle")
    assert {str(s) for s in parsed.subjects()} == {ID_BASE + path}


@pytest.mark.parametrize("text", [
    pytest.param('quote " and backslash \\', id="quote-backslash"),
    pytest.param("line\nbreak\r\nand tab\t", id="line-breaks"),
    pytest.param("Ia H' Drai \u2028 sep \x85 nel \x0c ff", id="unicode-line-separators"),
    pytest.param("😀 ngoài BMP", id="astral"),
])
def test_ntriples_and_turtle_literals_survive_rdflib(text):
    subject, predicate = ID_BASE + "x", PKG + "text"
    line = nt_line((subject, predicate, Lit(text)))
    turtle = f"<{subject}> {turtle_term(predicate)} {turtle_term(Lit(text))} ."
    for data, fmt in ((line, "nt"), (f"@prefix pkg: <{PKG}> . " + turtle, "turtle")):
        [(_, _, obj)] = list(Graph().parse(data=data, format=fmt))
        assert str(obj) == text


def test_qualified_citation_is_written_twice(source):
    edges = [e for page in iter_elements(source) for e in page
             if getattr(e, "type", None) == Rel.IMPLEMENTS and e.props.get("stated_date")]
    edge = edges[0]
    triples = edge_triples(edge)
    predicates = [p for _, p, _ in triples]
    assert (node_iri(edge.src_key, edge.src), PKG + "implements", node_iri(edge.dst_key, edge.dst)) in triples
    assert predicates.count(PKG + "hasEvidence") == len(edge.props["quote"])
    assert {PKG + "citationRelation", PKG + "statedDate", PKG + "citedDocument"} <= set(predicates)
    assert (next(o for _, p, o in triples if p == PKG + "citationRelation")) == PKG + "implements"
