"""The ontology itself: it parses, every term is documented, the required terms and axioms exist."""

from __future__ import annotations

import typing

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS

from policykg.loaders import record
from policykg.ontology import NAMESPACE, ONTOLOGY_TTL, SHAPES_TTL
from policykg.ontology.mapping import load_ontology, load_shapes

PKG = Namespace(NAMESPACE)
ELI = Namespace("http://data.europa.eu/eli/ontology#")
PROV = Namespace("http://www.w3.org/ns/prov#")
ORG = Namespace("http://www.w3.org/ns/org#")
VANN = Namespace("http://purl.org/vocab/vann/")
LANGUAGES = ("en", "vi")
TERM_TYPES = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)

# Parsed once at collection so that the per-term tests get one id per term.
_ONTOLOGY = load_ontology()
_TERMS = sorted(
    s
    for t in TERM_TYPES
    for s in _ONTOLOGY.subjects(RDF.type, t)
    if isinstance(s, URIRef) and s.startswith(NAMESPACE)
)


def _local(iri: URIRef) -> str:
    return str(iri).removeprefix(NAMESPACE)


def _languages(graph: Graph, subject: URIRef, predicate: URIRef) -> set[str | None]:
    return {o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal)}


@pytest.mark.parametrize("resource", [ONTOLOGY_TTL, SHAPES_TTL], ids=["policykg.ttl", "shapes.ttl"])
def test_turtle_parses(resource) -> None:
    graph = Graph().parse(data=resource.read_text(encoding="utf-8"), format="turtle")
    assert len(graph) > 100


def test_ontology_declares_its_namespace(ontology_graph: Graph) -> None:
    ontology = URIRef(NAMESPACE.rstrip("#"))
    assert (ontology, RDF.type, OWL.Ontology) in ontology_graph
    assert str(ontology_graph.value(ontology, VANN.preferredNamespaceUri)) == NAMESPACE
    assert str(ontology_graph.value(ontology, VANN.preferredNamespacePrefix)) == "pkg"


@pytest.mark.parametrize("term", _TERMS, ids=[_local(t) for t in _TERMS])
def test_term_has_labels_in_english_and_vietnamese_and_a_comment(term: URIRef) -> None:
    assert set(LANGUAGES) <= _languages(_ONTOLOGY, term, RDFS.label), "rdfs:label @en and @vi"
    assert _languages(_ONTOLOGY, term, RDFS.comment) >= {"en"}, "an English rdfs:comment"


REQUIRED_CLASSES = [
    "PolicyDocument", "PartyResolution", "Conclusion", "Directive", "Programme", "Plan",
    "GovernmentResolution", "Decision", "CouncilResolution", "Decree", "Circular", "Report",
    "OtherDocument", "Target", "Indicator", "Task", "Organization", "AdminUnit", "Evidence",
    "Citation", "TargetDerivation",
]
REQUIRED_OBJECT_PROPERTIES = [
    "implements", "basedOn", "cites", "issuedBy", "appliesTo", "setsTarget", "measures",
    "derivedFrom", "assigns", "leadAgency", "supportAgency", "partOf", "succeededBy",
    "hasEvidence", "level", "documentType", "qualifiedCitation", "citedDocument",
    "citationRelation", "comparison", "hasJurisdiction",
]
REQUIRED_DATATYPE_PROPERTIES = [
    "symbol", "issued", "title", "signer", "sha256", "spanStart", "spanEnd", "quote", "value",
    "valueMax", "unit", "comparator", "year", "inTasks", "code", "validFrom", "validUntil", "name",
    "ratio", "sourceSha256", "text",
]
REQUIRED = (
    [(n, OWL.Class) for n in REQUIRED_CLASSES]
    + [(n, OWL.ObjectProperty) for n in REQUIRED_OBJECT_PROPERTIES]
    + [(n, OWL.DatatypeProperty) for n in REQUIRED_DATATYPE_PROPERTIES]
)


@pytest.mark.parametrize(("name", "rdf_type"), REQUIRED, ids=[n for n, _ in REQUIRED])
def test_required_term_is_declared(ontology_graph: Graph, name: str, rdf_type: URIRef) -> None:
    assert (PKG[name], RDF.type, rdf_type) in ontology_graph


SUB_PROPERTIES = [
    ("implements", ELI.applies),
    ("implements", PKG.cites),
    ("implements", ELI.cites),
    ("basedOn", ELI.based_on),
    ("basedOn", PKG.cites),
    ("cites", ELI.cites),
    ("derivedFrom", PROV.wasDerivedFrom),
    ("issuedBy", ELI.passed_by),
    ("documentType", ELI.type_document),
    ("subOrganizationOf", ORG.subOrganizationOf),
    ("qualifiedDerivation", PROV.qualifiedDerivation),
    ("qualifiedCitation", PROV.qualifiedInfluence),
]


@pytest.mark.parametrize(("sub", "sup"), SUB_PROPERTIES,
                         ids=[f"{s}<{_local(o) if o.startswith(NAMESPACE) else o.n3()}"
                              for s, o in SUB_PROPERTIES])
def test_sub_property_axiom(ontology_graph: Graph, sub: str, sup: URIRef) -> None:
    assert sup in set(ontology_graph.transitive_objects(PKG[sub], RDFS.subPropertyOf))


SUB_CLASSES = [
    ("PolicyDocument", ELI.LegalResource),
    ("Plan", PKG.PolicyDocument),
    ("Plan", ELI.LegalResource),
    ("PartyResolution", PKG.PolicyDocument),
    ("Indicator", SKOS.Concept),
    ("Organization", ORG.Organization),
    ("TargetDerivation", PROV.Derivation),
    ("Citation", PROV.Influence),
]


@pytest.mark.parametrize(("sub", "sup"), SUB_CLASSES,
                         ids=[f"{s}<{o.split('#')[-1]}" for s, o in SUB_CLASSES])
def test_sub_class_axiom(ontology_graph: Graph, sub: str, sup: URIRef) -> None:
    assert sup in set(ontology_graph.transitive_objects(PKG[sub], RDFS.subClassOf))


def test_deprecated_eli_implements_is_not_used(ontology_graph: Graph) -> None:
    assert not list(ontology_graph.triples((None, None, ELI.implements)))
    assert not list(ontology_graph.triples((None, ELI.implements, None)))


@pytest.mark.parametrize("prop", sorted(_ONTOLOGY.subjects(RDF.type, OWL.ObjectProperty)),
                         ids=_local)
def test_object_property_has_domain_and_range(ontology_graph: Graph, prop: URIRef) -> None:
    assert ontology_graph.value(prop, RDFS.domain) is not None
    assert ontology_graph.value(prop, RDFS.range) is not None


@pytest.mark.parametrize("prop", sorted(_ONTOLOGY.subjects(RDF.type, OWL.DatatypeProperty)),
                         ids=_local)
def test_datatype_property_has_an_xsd_range(ontology_graph: Graph, prop: URIRef) -> None:
    assert str(ontology_graph.value(prop, RDFS.range)).startswith(
        "http://www.w3.org/2001/XMLSchema#")


SCHEMES = [
    ("LevelScheme", {"central", "province", "district", "commune"}),
    ("DocumentTypeScheme",
     {"NQ", "KL", "CT", "KH", "CTr", "QĐ", "NĐ", "TT", "CĐ", "TTr", "BC", "HD", "TB",
      "ĐA", "TTLT", "QC"}),
    ("ComparisonScheme", {"stricter", "looser", "equal", "differentDeadline", "unitMismatch"}),
]


@pytest.mark.parametrize(("scheme", "notations"), SCHEMES, ids=[s for s, _ in SCHEMES])
def test_concept_scheme_has_exactly_these_notations(
    ontology_graph: Graph, scheme: str, notations: set[str]
) -> None:
    concepts = set(ontology_graph.subjects(SKOS.inScheme, PKG[scheme]))
    assert {str(ontology_graph.value(c, SKOS.notation)) for c in concepts} == notations
    for concept in concepts:
        assert set(LANGUAGES) <= _languages(ontology_graph, concept, SKOS.prefLabel), concept
        assert (concept, SKOS.topConceptOf, PKG[scheme]) in ontology_graph


def test_document_type_labels_are_vietnamese(ontology_graph: Graph) -> None:
    label = ontology_graph.value(PKG.doctype_QD, SKOS.prefLabel)
    vietnamese = {str(o) for o in ontology_graph.objects(PKG.doctype_QD, SKOS.prefLabel)
                  if o.language == "vi"}
    assert label is not None and vietnamese == {"Quyết định"}


INDICATORS = [
    ("indicator_incomePerCapita", "Thu nhập bình quân đầu người", "triệu đồng/người", True),
    ("indicator_povertyRate", "Tỷ lệ hộ nghèo", "%", False),
    ("indicator_doctorsPer10kPeople", "Số bác sĩ trên một vạn dân", "bác sỹ/vạn dân", True),
]


@pytest.mark.parametrize(("name", "pref_vi", "unit", "higher"), INDICATORS,
                         ids=[i[0] for i in INDICATORS])
def test_example_indicator(
    ontology_graph: Graph, name: str, pref_vi: str, unit: str, higher: bool
) -> None:
    g, indicator = ontology_graph, PKG[name]
    assert (indicator, RDF.type, PKG.Indicator) in g
    assert (indicator, SKOS.inScheme, PKG.IndicatorScheme) in g
    assert Literal(pref_vi, lang="vi") in set(g.objects(indicator, SKOS.prefLabel))
    assert "en" in _languages(g, indicator, SKOS.prefLabel)
    assert "vi-x-nodiac" in _languages(g, indicator, SKOS.altLabel)
    assert str(g.value(indicator, PKG.unit)) == unit
    assert (g.value(indicator, PKG.dimension), SKOS.inScheme, PKG.DimensionScheme) in g
    assert g.value(indicator, PKG.higherIsBetter).toPython() is higher


def test_no_diacritics_labels_have_none() -> None:
    for label in _ONTOLOGY.objects(None, SKOS.altLabel):
        if label.language == "vi-x-nodiac":
            assert str(label).isascii(), label


# The Record (loaders/record.py) is the contract the graph is built from: its closed value sets
# must be exactly what the ontology and the shapes accept.
def test_level_notations_are_the_record_levels(ontology_graph: Graph) -> None:
    notations = {str(ontology_graph.value(c, SKOS.notation))
                 for c in ontology_graph.subjects(SKOS.inScheme, PKG.LevelScheme)}
    assert notations == set(typing.get_args(record.Level))


def test_comparators_in_shapes_are_the_record_comparators() -> None:
    shapes = load_shapes()
    lists = [shapes.value(s, SH["in"]) for s in shapes.subjects(SH.path, PKG.comparator)]
    (allowed,) = [items for items in lists if items is not None]
    values = {str(v) for v in shapes.items(allowed)}
    assert values == set(typing.get_args(record.Comparator))
