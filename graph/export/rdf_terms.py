"""The RDF view of the property graph: node IRIs, typed literals, and the triples of each element.

The mapping is the reverse of ``policykg.ontology.mapping`` (read its docstring first):

- a node is ``https://w3id.org/policykg/id/`` + its identifier, with what an IRI cannot hold
  percent-encoded (``…/id/vn/tinh-uy-vinh-phuc/2020/12-nq-tu``); an Indicator node is the
  vocabulary's own concept, ``pkg:indicator_<notation>``, so that ``pkg:measures`` points at
  what ``ontology/indicators.ttl`` describes;
- each label is an ``rdf:type`` (a Plan node is typed ``pkg:Plan`` and ``pkg:PolicyDocument``);
- each property is typed as the ontology's ``rdfs:range`` says: ISO dates -> ``xsd:date``,
  values and ratios -> ``xsd:decimal`` (written from the float's shortest repr, so 87.5 stays
  87.5), years and spans -> ``xsd:integer``, flags -> ``xsd:boolean``, text -> plain literals;
  a code-list property (level, document_type, dimension, comparison) -> the concept whose
  ``skos:notation`` it holds (``"district"`` -> ``pkg:level_district``). A value of another
  type than the range is written with its own type (an integer stays ``xsd:integer``), so the
  SHACL shapes report it instead of the export hiding it;
- a relationship is its object property; a qualified one (IMPLEMENTS, BASED_ON, CITES,
  DERIVED_FROM) is written twice, as the shortcut triple and reified: ``src
  pkg:qualifiedCitation <src>/citation/<relation>/<dst>``, a ``pkg:Citation`` with
  ``pkg:citedDocument``, ``pkg:citationRelation``, ``pkg:statedDate`` and one ``pkg:hasEvidence``
  per item of the evidence lists. Evidence IRIs follow the graph's own Evidence ids
  (``ev/<sha256 prefix>/<start>-<end>``, graph/rows.py), so the same span is one node
  whichever element quotes it. A derivation is ``<target>/derivation/<source>``.

Indicator nodes carry what the graph holds (name, unit, dimension, direction); the vocabulary's
labels and scheme membership are not copied: the export is a function of the graph alone (which
is what makes its round trips exact), and the vocabulary is published beside it. Validation
reads both, as ``ontology/shapes.ttl`` prescribes.

Example:
    >>> node_iri(Label.POLICY_DOCUMENT, "vn/tinh-uy-vinh-phuc/2020/12-nq-tu")
    'https://w3id.org/policykg/id/vn/tinh-uy-vinh-phuc/2020/12-nq-tu'
    >>> node_iri(Label.INDICATOR, "incomePerCapita")
    'https://w3id.org/policykg/ontology#indicator_incomePerCapita'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from urllib.parse import quote

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from policykg.graph.export.elements import ExportError, GraphEdge, GraphNode, Value
from policykg.graph.rows import EVIDENCE_HEX
from policykg.ontology import NAMESPACE, ONTOLOGY_TTL
from policykg.ontology.mapping import VALUE_SCHEME, load_turtle
from policykg.ontology.terms import LABEL_IRI, PROP_IRI, QUALIFIED, REL_IRI, Label, Prop, Rel

#: Namespace of node IRIs (prefix ``id:`` in Turtle and JSON-LD).
ID_BASE = "https://w3id.org/policykg/id/"
#: Indicator nodes are the vocabulary's concepts: pkg:indicator_<notation> (indicators.ttl).
INDICATOR_BASE = NAMESPACE + "indicator_"
#: Characters an identifier keeps in its IRI; anything else is percent-encoded as UTF-8.
IRI_SAFE = "/:@!$&'()*+,;=-._~"

RDF_TYPE = str(RDF.type)
XSD_STRING, XSD_DATE = str(XSD.string), str(XSD.date)
XSD_DECIMAL, XSD_INTEGER = str(XSD.decimal), str(XSD.integer)
XSD_BOOLEAN, XSD_DOUBLE = str(XSD.boolean), str(XSD.double)
EVIDENCE_IRI = LABEL_IRI[Label.EVIDENCE]
HAS_EVIDENCE = REL_IRI[Rel.HAS_EVIDENCE]
#: What each evidence list item becomes on its pkg:Evidence node.
EVIDENCE_PROPS = (Prop.SHA256, Prop.SPAN_START, Prop.SPAN_END, Prop.QUOTE)


@dataclass(frozen=True)
class Lit:
    """A literal: lexical form and datatype IRI (None for a plain string, i.e. xsd:string)."""

    lexical: str
    datatype: str | None = None


Obj = str | Lit
Triple = tuple[str, str, Obj]


@dataclass(frozen=True)
class PropTypes:
    """What the ontology says of each property key: its datatype, or its code list."""

    datatype: dict[str, str]
    concepts: dict[str, dict[str, str]]


@cache
def prop_types() -> PropTypes:
    """Ranges and code lists of every property key, read once from ``ontology/policykg.ttl``."""
    graph = load_turtle(ONTOLOGY_TTL)
    datatype, concepts = {}, {}
    for prop, iri in PROP_IRI.items():
        scheme = graph.value(URIRef(iri), VALUE_SCHEME)
        if scheme is not None:
            concepts[prop.value] = {str(graph.value(c, SKOS.notation)): str(c)
                                    for c in graph.subjects(SKOS.inScheme, scheme)}
        else:
            datatype[prop.value] = str(graph.value(URIRef(iri), RDFS.range) or XSD.string)
    return PropTypes(datatype, concepts)


def node_iri(label: Label, identifier: str) -> str:
    """The IRI of a node, from its keyed label and identifier."""
    if label == Label.INDICATOR:
        return INDICATOR_BASE + quote(identifier, safe=IRI_SAFE)
    return ID_BASE + quote(identifier, safe=IRI_SAFE)


def decimal_lexical(value: int | float) -> str:
    """xsd:decimal lexical form: the float's shortest repr, never an exponent.

    Example:
        >>> decimal_lexical(87.5), decimal_lexical(1e-07), decimal_lexical(60)
        ('87.5', '0.0000001', '60')
    """
    if isinstance(value, int):
        return str(value)
    return format(Decimal(repr(value)), "f")


def natural(value: Value) -> Lit:
    """A value as the literal of its own Python type (used when it is not of the range's type)."""
    if isinstance(value, bool):
        return Lit("true" if value else "false", XSD_BOOLEAN)
    if isinstance(value, int):
        return Lit(str(value), XSD_INTEGER)
    if isinstance(value, float):
        return Lit(repr(value), XSD_DOUBLE)
    return Lit(str(value))


def literal(key: str, value: Value) -> Obj:
    """The RDF object of one property value: a concept IRI or a literal of the range's type."""
    types = prop_types()
    if key in types.concepts:
        concept = types.concepts[key].get(value) if isinstance(value, str) else None
        return concept if concept else natural(value)
    datatype = types.datatype[key]
    is_number = isinstance(value, int | float) and not isinstance(value, bool)
    if datatype == XSD_DECIMAL and is_number:
        return Lit(decimal_lexical(value), XSD_DECIMAL)
    if datatype == XSD_INTEGER and isinstance(value, int) and not isinstance(value, bool):
        return Lit(str(value), XSD_INTEGER)
    if datatype == XSD_BOOLEAN and isinstance(value, bool):
        return natural(value)
    if datatype == XSD_DATE and isinstance(value, str):
        return Lit(value, XSD_DATE)
    if datatype == XSD_STRING and isinstance(value, str):
        return Lit(value)
    return natural(value)


def _prop_triples(subject: str, props: Mapping[str, Value]) -> list[Triple]:
    out: list[Triple] = []
    for key, value in props.items():
        for item in value if isinstance(value, list) else [value]:
            out.append((subject, PROP_IRI[Prop(key)], literal(key, item)))
    return out


def node_triples(node: GraphNode) -> list[Triple]:
    """Type, identifier and properties of one node."""
    subject = node_iri(node.key, node.identifier)
    out: list[Triple] = [(subject, RDF_TYPE, LABEL_IRI[label]) for label in node.labels]
    out.append((subject, PROP_IRI[Prop.IDENTIFIER], Lit(node.identifier)))
    return out + _prop_triples(subject, node.props)


def reified_iri(edge: GraphEdge) -> str:
    """Deterministic IRI of the Citation or TargetDerivation a qualified relationship stands for."""
    src, dst = quote(edge.src, safe=IRI_SAFE), quote(edge.dst, safe=IRI_SAFE)
    if edge.type == Rel.DERIVED_FROM:
        return f"{ID_BASE}{src}/derivation/{dst}"
    relation = REL_IRI[edge.type].removeprefix(NAMESPACE)
    return f"{ID_BASE}{src}/citation/{relation}/{dst}"


def evidence_iri(sha256: str, start: int, end: int) -> str:
    """The IRI the graph's own Evidence node of this span has (graph/rows.py)."""
    return node_iri(Label.EVIDENCE, f"ev/{sha256[:EVIDENCE_HEX]}/{start}-{end}")


def edge_triples(edge: GraphEdge) -> list[Triple]:
    """The object-property triple and, for a qualified relationship, its reified form."""
    src, dst = node_iri(edge.src_key, edge.src), node_iri(edge.dst_key, edge.dst)
    out: list[Triple] = [(src, REL_IRI[edge.type], dst)]
    qualified = QUALIFIED.get(edge.type)
    if qualified is None:
        return out
    node = reified_iri(edge)
    out += [(src, qualified.qualifier_iri, node), (node, RDF_TYPE, qualified.class_iri),
            (node, qualified.target_iri, dst)]
    if qualified.kind_iri:
        out.append((node, qualified.kind_iri, REL_IRI[edge.type]))
    out += _prop_triples(node, {k: v for k, v in edge.props.items() if k in qualified.props})
    if qualified.list_props:
        out += _evidence_triples(node, edge)
    return out


def _evidence_triples(node: str, edge: GraphEdge) -> list[Triple]:
    lists = {key: edge.props.get(key.value, []) for key in EVIDENCE_PROPS}
    out: list[Triple] = []
    for sha, start, end, text in zip(*lists.values(), strict=True):
        if not (isinstance(sha, str) and isinstance(start, int) and isinstance(end, int)):
            raise ExportError(f"relationship {edge.type} from {edge.src!r} to {edge.dst!r}: evidence "
                              f"item ({sha!r}, {start!r}, {end!r}) is not (sha256, start, end)")
        evidence = evidence_iri(sha, start, end)
        out.append((node, HAS_EVIDENCE, evidence))
        out.append((evidence, RDF_TYPE, EVIDENCE_IRI))
        out += _prop_triples(evidence, {Prop.SHA256.value: sha, Prop.SPAN_START.value: start,
                                        Prop.SPAN_END.value: end, Prop.QUOTE.value: text})
    return out
