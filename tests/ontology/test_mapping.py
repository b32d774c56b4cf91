"""The naming rules of policykg.ontology.mapping and the mapping they give for the ontology."""

from __future__ import annotations

import dataclasses
import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import Graph, Literal, Namespace
from rdflib.namespace import OWL, RDF, RDFS

from policykg.ontology import NAMESPACE, mapping
from policykg.ontology.mapping import (
    OntologyError,
    build_mapping,
    camel_to_snake,
    camel_to_upper_snake,
    load_mapping,
)

PKG = Namespace(NAMESPACE)

CASES = [
    ("basedOn", "based_on", "BASED_ON"),
    ("derivedFrom", "derived_from", "DERIVED_FROM"),
    ("spanStart", "span_start", "SPAN_START"),
    ("sourceSha256", "source_sha256", "SOURCE_SHA256"),
    ("subOrganizationOf", "sub_organization_of", "SUB_ORGANIZATION_OF"),
    ("cites", "cites", "CITES"),
    ("PolicyDocument", "policy_document", "POLICY_DOCUMENT"),
    ("HTMLPage", "html_page", "HTML_PAGE"),
]


@pytest.mark.parametrize(("camel", "snake", "upper"), CASES, ids=[c[0] for c in CASES])
def test_case_rules(camel: str, snake: str, upper: str) -> None:
    assert camel_to_snake(camel) == snake
    assert camel_to_upper_snake(camel) == upper


@given(st.from_regex(r"[a-z][a-z0-9]{0,5}([A-Z][a-z0-9]{1,5}){0,4}", fullmatch=True))
def test_snake_case_only_inserts_underscores(name: str) -> None:
    snake = camel_to_snake(name)
    assert snake.replace("_", "") == name.lower()
    assert "__" not in snake and not snake.startswith("_") and not snake.endswith("_")


MAPPED = [
    ("label", "Plan", "Plan"),
    ("label", "PolicyDocument", "PolicyDocument"),
    ("label", "AdminUnit", "AdminUnit"),
    ("label", "Evidence", "Evidence"),
    ("rel", "BASED_ON", "basedOn"),
    ("rel", "IMPLEMENTS", "implements"),
    ("rel", "DERIVED_FROM", "derivedFrom"),
    ("rel", "HAS_EVIDENCE", "hasEvidence"),
    ("rel", "SUCCEEDED_BY", "succeededBy"),
    ("prop", "span_start", "spanStart"),
    ("prop", "source_sha256", "sourceSha256"),
    ("prop", "value_max", "valueMax"),
    ("prop", "level", "level"),
    ("prop", "document_type", "documentType"),
]


@pytest.mark.parametrize(("kind", "name", "local"), MAPPED, ids=[f"{k}:{n}" for k, n, _ in MAPPED])
def test_graph_name_maps_to_ontology_term(kind: str, name: str, local: str) -> None:
    term = getattr(load_mapping(), kind)(name)
    assert term.iri == NAMESPACE + local


NOT_RELATIONSHIPS = [
    ("qualifiedCitation", "RDF-only wiring of a Citation"),
    ("citedDocument", "RDF-only wiring of a Citation"),
    ("citationRelation", "RDF-only wiring of a Citation"),
    ("qualifiedDerivation", "RDF-only wiring of a TargetDerivation"),
    ("sourceTarget", "RDF-only wiring of a TargetDerivation"),
    ("level", "code list: a property"),
    ("documentType", "code list: a property"),
    ("comparison", "code list: a property"),
    ("dimension", "code list: a property"),
]


@pytest.mark.parametrize(("local", "why"), NOT_RELATIONSHIPS, ids=[n for n, _ in NOT_RELATIONSHIPS])
def test_object_property_that_is_not_a_relationship(local: str, why: str) -> None:
    assert NAMESPACE + local not in {r.iri for r in load_mapping().rels}, why


@pytest.mark.parametrize("name", ["Citation", "TargetDerivation"])
def test_qualified_class_is_not_a_label(name: str) -> None:
    with pytest.raises(KeyError):
        load_mapping().label(name)


SUPERS = [("Plan", ("PolicyDocument",)), ("CouncilResolution", ("PolicyDocument",)),
          ("PolicyDocument", ()), ("Target", ()), ("Indicator", ())]


@pytest.mark.parametrize(("label", "supers"), SUPERS, ids=[s[0] for s in SUPERS])
def test_super_labels(label: str, supers: tuple[str, ...]) -> None:
    assert load_mapping().label(label).supers == supers


EVIDENCE_LISTS = ("quote", "sha256", "span_end", "span_start")
EDGES = [
    ("CITES", "Citation", ("stated_date",), EVIDENCE_LISTS),
    ("IMPLEMENTS", "Citation", ("stated_date",), EVIDENCE_LISTS),
    ("BASED_ON", "Citation", ("stated_date",), EVIDENCE_LISTS),
    ("DERIVED_FROM", "TargetDerivation", ("comparison", "ratio"), ()),
]


@pytest.mark.parametrize(("rel", "cls", "props", "lists"), EDGES, ids=[e[0] for e in EDGES])
def test_qualified_class_is_drawn_as_relationship(
    rel: str, cls: str, props: tuple[str, ...], lists: tuple[str, ...]
) -> None:
    edge = next(q for q in load_mapping().qualified if rel in q.rels)
    assert (edge.class_name, edge.props, edge.list_props) == (cls, props, lists)


def test_citation_wiring() -> None:
    edge = next(q for q in load_mapping().qualified if q.class_name == "Citation")
    assert edge.qualifier_iri == NAMESPACE + "qualifiedCitation"
    assert edge.target_iri == NAMESPACE + "citedDocument"
    assert edge.kind_iri == NAMESPACE + "citationRelation"


def test_code_lists_are_named_after_their_schemes() -> None:
    code_lists = {c.enum: c for c in load_mapping().code_lists}
    assert set(code_lists) == {"Level", "DocumentType", "Comparison", "Dimension"}
    members = {c.member: c.notation for c in code_lists["DocumentType"].concepts}
    assert (members["QD"], members["CTR"], members["ND"]) == ("QĐ", "CTr", "NĐ")


def test_mapping_is_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        load_mapping().labels = ()  # type: ignore[misc]


def _tiny_ontology(*terms: tuple[str, object]) -> Graph:
    g = Graph()
    for local, rdf_type in terms:
        g.add((PKG[local], RDF.type, rdf_type))
        g.add((PKG[local], RDFS.label, Literal(local, lang="en")))
        g.add((PKG[local], RDFS.label, Literal(local, lang="vi")))
    return g


BAD_ONTOLOGIES = [
    ("snake-case-property", _tiny_ontology(("span_start", OWL.DatatypeProperty)), "local name"),
    ("lower-case-class", _tiny_ontology(("plan", OWL.Class)), "local name"),
    ("label-and-type-collide", _tiny_ontology(("ABC", OWL.Class), ("abc", OWL.ObjectProperty)),
     "both map to"),
    ("two-keys-collide", _tiny_ontology(("aBC", OWL.DatatypeProperty),
                                        ("aBc", OWL.DatatypeProperty)), "both map to"),
]


@pytest.mark.parametrize(("graph", "message"), [(g, m) for _, g, m in BAD_ONTOLOGIES],
                         ids=[i for i, _, _ in BAD_ONTOLOGIES])
def test_rule_breaking_ontology_is_refused(graph: Graph, message: str) -> None:
    with pytest.raises(OntologyError, match=message):
        build_mapping(graph)


def test_term_without_vietnamese_label_is_refused() -> None:
    g = Graph()
    g.add((PKG.Plan, RDF.type, OWL.Class))
    g.add((PKG.Plan, RDFS.label, Literal("plan", lang="en")))
    with pytest.raises(OntologyError, match="Vietnamese"):
        build_mapping(g)


def test_docstring_examples_run() -> None:
    result = doctest.testmod(mapping)
    assert result.attempted > 0 and result.failed == 0
