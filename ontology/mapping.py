"""Derive the property-graph names from the ontology, and write them to ``ontology/terms.py``.

``ontology/policykg.ttl`` is the one place where a name is defined. This module reads it with
rdflib and applies fixed rules, so the Cypher schema, the graph code and the RDF export all use
the same names without writing them twice:

========================================  ===================================================
ontology term                             property graph
========================================  ===================================================
class ``pkg:Plan``                        node label ``Plan`` (local name as is), plus the
                                          labels of its ancestors (``PolicyDocument``)
object property ``pkg:basedOn``           relationship type ``BASED_ON`` (UPPER_SNAKE)
datatype property ``pkg:spanStart``       property key ``span_start`` (snake_case)
code-list property ``pkg:level``          property key ``level`` holding the concept's
(annotated ``pkg:valueScheme``)           ``skos:notation`` ("district"), not a relationship
qualified class ``pkg:Citation``          not a node: a relationship (see below)
(annotated ``prov:unqualifiedForm``)
========================================  ===================================================

Qualified relations. In RDF an edge that needs evidence or attributes is reified with the PROV
pattern: ``plan pkg:qualifiedCitation c . c pkg:citedDocument res ; pkg:citationRelation
pkg:implements ; pkg:hasEvidence e .`` A property graph has attributes on edges, so a qualified
class is drawn as a relationship instead of a node:

- its type is the class's ``prov:unqualifiedForm`` (``CITES``) or one of that property's
  sub-properties (``IMPLEMENTS``, ``BASED_ON``), chosen in RDF by the class's "kind" property
  (the one whose range is ``rdf:Property``: ``pkg:citationRelation``);
- it runs from the subject of the qualifier property (the one whose range is the class:
  ``pkg:qualifiedCitation``) to the object of its target property (the sub-property of
  ``prov:entity``: ``pkg:citedDocument``);
- the datatype and code-list properties whose domain includes the class become scalar edge
  properties (``stated_date``; ``comparison``, ``ratio``);
- an object property from the class to a node class (``pkg:hasEvidence`` -> ``Evidence``)
  cannot be an edge from an edge, so that class's datatype properties are inlined as parallel
  lists (``span_start: [58, 1204]``, ``span_end: [66, 1212]``, …; item i of each list is one
  Evidence). The qualifier, target and kind properties exist only in RDF.

Example::

    >>> m = load_mapping()
    >>> m.label("Plan").supers
    ('PolicyDocument',)
    >>> m.rel("BASED_ON").iri
    'https://w3id.org/policykg/ontology#basedOn'
    >>> m.prop("span_start").iri
    'https://w3id.org/policykg/ontology#spanStart'

Command line::

    python -m policykg.ontology.mapping --write   # regenerate ontology/terms.py
    python -m policykg.ontology.mapping --check   # exit 1 when terms.py is stale

Only the standard library and rdflib are imported here: ``policykg.ontology`` depends on no
other project package, and ``terms.py`` (what graph code imports) not even on rdflib.
"""

from __future__ import annotations

import argparse
import json
import keyword
import re
import sys
import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TypeVar

from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from policykg.ontology import INDICATORS_TTL, NAMESPACE, ONTOLOGY_TTL, SHAPES_TTL

#: The generated module; written next to this file (the package is installed editable).
TERMS_PATH = Path(__file__).with_name("terms.py")
REGENERATE_COMMAND = "python -m policykg.ontology.mapping --write"
#: Longest line written to terms.py, as in the project's ruff settings.
LINE_LENGTH = 100

PROV_UNQUALIFIED_FORM = URIRef("http://www.w3.org/ns/prov#unqualifiedForm")
PROV_ENTITY = URIRef("http://www.w3.org/ns/prov#entity")
VALUE_SCHEME = URIRef(NAMESPACE + "valueScheme")
SCHEME_SUFFIX = "Scheme"

# Class names are PascalCase, property names camelCase, both ASCII: the case rules below assume
# it, and a name outside them would map to a key nobody can guess.
_CLASS_NAME = re.compile(r"[A-Z][A-Za-z0-9]*")
_PROPERTY_NAME = re.compile(r"[a-z][A-Za-z0-9]*")
# A word boundary is a lower-case letter or digit followed by an upper-case one, or an upper-case
# letter followed by an upper-case one and a lower-case one ("HTMLPage" -> "HTML_Page").
_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


class OntologyError(ValueError):
    """The ontology breaks a rule the mapping relies on; the message names the term and the fix."""


def camel_to_snake(name: str) -> str:
    """Property key of a datatype property: ``spanStart`` -> ``span_start``.

    Example:
        >>> camel_to_snake("sourceSha256")
        'source_sha256'
    """
    return "_".join(_BOUNDARY.split(name)).lower()


def camel_to_upper_snake(name: str) -> str:
    """Relationship type of an object property: ``basedOn`` -> ``BASED_ON``.

    Example:
        >>> camel_to_upper_snake("derivedFrom")
        'DERIVED_FROM'
    """
    return camel_to_snake(name).upper()


@dataclass(frozen=True)
class Term:
    """One ontology term and the name it has in the property graph."""

    name: str
    iri: str
    label_en: str
    label_vi: str


@dataclass(frozen=True)
class LabelTerm(Term):
    """A node label; ``supers`` are the labels of its ancestor classes, nearest first."""

    supers: tuple[str, ...]


@dataclass(frozen=True)
class PropTerm(Term):
    """A property key; ``scheme`` is the concept scheme IRI when it holds a code-list notation."""

    scheme: str | None = None


@dataclass(frozen=True)
class Concept:
    """A concept of a code list: ``DocumentType.QD == "QĐ"`` for ``pkg:doctype_QD``."""

    member: str
    notation: str
    iri: str
    label_en: str
    label_vi: str


@dataclass(frozen=True)
class CodeList:
    """A closed SKOS scheme, rendered as a ``StrEnum`` (``LevelScheme`` -> ``Level``)."""

    enum: str
    scheme_iri: str
    concepts: tuple[Concept, ...]


@dataclass(frozen=True)
class QualifiedEdge:
    """A qualified-relation class drawn as relationships; see the module docstring."""

    class_name: str
    class_iri: str
    rels: tuple[str, ...]
    qualifier_iri: str
    target_iri: str
    kind_iri: str | None
    props: tuple[str, ...]
    list_props: tuple[str, ...]


@dataclass(frozen=True)
class Mapping:
    """Every property-graph name derived from the ontology, each with its IRI."""

    namespace: str
    labels: tuple[LabelTerm, ...]
    rels: tuple[Term, ...]
    props: tuple[PropTerm, ...]
    code_lists: tuple[CodeList, ...]
    qualified: tuple[QualifiedEdge, ...]

    def label(self, name: str) -> LabelTerm:
        """The node label called ``name``; KeyError when there is none."""
        return _find(self.labels, name)

    def rel(self, name: str) -> Term:
        """The relationship type called ``name``; KeyError when there is none."""
        return _find(self.rels, name)

    def prop(self, name: str) -> PropTerm:
        """The property key called ``name``; KeyError when there is none."""
        return _find(self.props, name)


_T = TypeVar("_T", bound=Term)


def _find(terms: Iterable[_T], name: str) -> _T:
    for term in terms:
        if term.name == name:
            return term
    raise KeyError(name)


def load_ontology(source: str | Path | None = None) -> Graph:
    """Parse the ontology: the packaged ``policykg.ttl`` with the indicator vocabulary
    (``indicators.ttl``), or only the file ``source`` names (an edited ``policykg.ttl``)."""
    if source is not None:
        return load_turtle(Path(source))
    graph = load_turtle(ONTOLOGY_TTL)
    # The indicators are data of the vocabulary, not terms: no name in terms.py comes from them,
    # but SHACL validation and the RDF export need them beside the classes they instantiate.
    return graph.parse(data=INDICATORS_TTL.read_text(encoding="utf-8"), format="turtle")


def load_shapes() -> Graph:
    """Parse the packaged SHACL shapes (``shapes.ttl``)."""
    return load_turtle(SHAPES_TTL)


def load_turtle(source: Traversable | Path) -> Graph:
    """Parse a Turtle file; read as text so that it also works from a zipped install."""
    return Graph().parse(data=source.read_text(encoding="utf-8"), format="turtle")


@cache
def load_mapping() -> Mapping:
    """The mapping of the packaged ontology, built once per process."""
    return build_mapping(load_ontology())


def build_mapping(graph: Graph) -> Mapping:
    """Apply the naming rules to an ontology graph.

    Raises:
        OntologyError: a local name outside the case rules, two terms with one graph name, or a
            qualified class whose qualifier or target property cannot be found.
    """
    reader = _Reader(graph)
    qualified_iris = reader.qualified_classes()
    label_iris = [c for c in reader.local(OWL.Class) if c not in qualified_iris]
    code_list_props = [p for p in reader.local(OWL.ObjectProperty) if reader.scheme_of(p)]
    plumbing = reader.plumbing(qualified_iris)
    rel_iris = [
        p
        for p in reader.local(OWL.ObjectProperty)
        if p not in plumbing and p not in code_list_props
    ]
    labels = tuple(reader.label_term(c, label_iris) for c in label_iris)
    rels = tuple(reader.term(p, camel_to_upper_snake, _PROPERTY_NAME) for p in rel_iris)
    props = tuple(
        reader.prop_term(p) for p in [*reader.local(OWL.DatatypeProperty), *code_list_props]
    )
    mapping = Mapping(
        namespace=NAMESPACE,
        labels=_sorted(labels),
        rels=_sorted(rels),
        props=_sorted(props),
        code_lists=tuple(reader.code_list(s) for s in reader.code_list_schemes(code_list_props)),
        qualified=tuple(reader.qualified_edge(q, label_iris) for q in sorted(qualified_iris)),
    )
    _check_unique(mapping)
    return mapping


def _sorted(terms: Iterable[_T]) -> tuple[_T, ...]:
    return tuple(sorted(terms, key=lambda t: t.name))


def _check_unique(mapping: Mapping) -> None:
    # Labels, types and keys live in separate namespaces in Cypher, but one name per term across
    # all three keeps the RDF export's reverse lookup unambiguous.
    seen: dict[str, str] = {}
    for term in (*mapping.labels, *mapping.rels, *mapping.props):
        if term.name in seen:
            raise OntologyError(
                f"{term.iri} and {seen[term.name]} both map to {term.name!r}; rename one in "
                "ontology/policykg.ttl"
            )
        seen[term.name] = term.iri


class _Reader:
    """Questions the rules ask of the ontology graph, one method each."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph

    def local(self, rdf_type: URIRef) -> list[URIRef]:
        """IRIs of this namespace declared with ``rdf_type``, sorted."""
        return sorted(
            s
            for s in self.graph.subjects(RDF.type, rdf_type)
            if isinstance(s, URIRef) and s.startswith(NAMESPACE)
        )

    def qualified_classes(self) -> set[URIRef]:
        return {c for c in self.local(OWL.Class) if (c, PROV_UNQUALIFIED_FORM, None) in self.graph}

    def scheme_of(self, prop: URIRef) -> URIRef | None:
        scheme = self.graph.value(prop, VALUE_SCHEME)
        return scheme if isinstance(scheme, URIRef) else None

    def domain(self, prop: URIRef) -> set[URIRef]:
        """Classes in the domain of ``prop``, an ``owl:unionOf`` list read as its members."""
        out: set[URIRef] = set()
        for domain in self.graph.objects(prop, RDFS.domain):
            union = self.graph.value(domain, OWL.unionOf)
            members = Collection(self.graph, union) if union is not None else [domain]
            out.update(m for m in members if isinstance(m, URIRef))
        return out

    def range(self, prop: URIRef) -> URIRef | None:
        value = self.graph.value(prop, RDFS.range)
        return value if isinstance(value, URIRef) else None

    def plumbing(self, qualified: set[URIRef]) -> set[URIRef]:
        """Object properties that only wire a qualified class in RDF (qualifier, target, kind)."""
        out = set()
        for prop in self.local(OWL.ObjectProperty):
            domain = self.domain(prop)
            only_qualified = len(domain) == 1 and domain <= qualified
            if not self.scheme_of(prop) and (self.range(prop) in qualified or only_qualified):
                out.add(prop)
        return out

    def labels_of(self, iri: URIRef, predicate: URIRef = RDFS.label) -> tuple[str, str]:
        """English and Vietnamese label of a term (rdfs:label, or skos:prefLabel of a concept)."""
        found = {lit.language: str(lit) for lit in self.graph.objects(iri, predicate)
                 if isinstance(lit, Literal)}
        if "en" not in found or "vi" not in found:
            raise OntologyError(f"{iri} needs a {predicate} in English (@en) and Vietnamese (@vi)")
        return found["en"], found["vi"]

    def term(self, iri: URIRef, rule: Callable[[str], str], pattern: re.Pattern[str]) -> Term:
        local = _local_name(iri, pattern)
        return Term(rule(local), str(iri), *self.labels_of(iri))

    def prop_term(self, iri: URIRef) -> PropTerm:
        base = self.term(iri, camel_to_snake, _PROPERTY_NAME)
        scheme = self.scheme_of(iri)
        return PropTerm(**vars(base), scheme=str(scheme) if scheme else None)

    def label_term(self, iri: URIRef, label_iris: Sequence[URIRef]) -> LabelTerm:
        base = self.term(iri, str, _CLASS_NAME)
        return LabelTerm(**vars(base), supers=self.ancestors(iri, label_iris))

    def ancestors(self, iri: URIRef, label_iris: Sequence[URIRef]) -> tuple[str, ...]:
        """Ancestor labels by distance then name: external classes (eli:LegalResource) skipped."""
        distance: dict[URIRef, int] = {}
        frontier, step = [iri], 0
        while frontier:
            step += 1
            parents = {p for c in frontier for p in self.graph.objects(c, RDFS.subClassOf)
                       if isinstance(p, URIRef) and p not in distance and p != iri}
            distance.update((p, step) for p in parents)
            frontier = sorted(parents)
        ordered = sorted((d, _local_name(p, _CLASS_NAME)) for p, d in distance.items()
                         if p in label_iris)
        return tuple(name for _, name in ordered)

    def code_list_schemes(self, props: Iterable[URIRef]) -> list[URIRef]:
        return sorted({s for p in props if (s := self.scheme_of(p)) is not None})

    def code_list(self, scheme: URIRef) -> CodeList:
        local = _local_name(scheme, _CLASS_NAME)
        if not local.endswith(SCHEME_SUFFIX):
            raise OntologyError(f"{scheme}: a concept scheme's name must end in {SCHEME_SUFFIX!r}")
        concepts = []
        for concept in sorted(self.graph.subjects(SKOS.inScheme, scheme)):
            notation = self.graph.value(concept, SKOS.notation)
            if notation is None:
                raise OntologyError(f"{concept} needs a skos:notation")
            labels = self.labels_of(concept, SKOS.prefLabel)
            concepts.append(Concept(_member_name(concept), str(notation), str(concept), *labels))
        return CodeList(local.removesuffix(SCHEME_SUFFIX), str(scheme), tuple(concepts))

    def qualified_edge(self, cls: URIRef, label_iris: Sequence[URIRef]) -> QualifiedEdge:
        unqualified = self.graph.value(cls, PROV_UNQUALIFIED_FORM)
        rels = [unqualified, *self.graph.transitive_subjects(RDFS.subPropertyOf, unqualified)]
        owned = [p for p in self.local(OWL.ObjectProperty) if cls in self.domain(p)]
        qualifier = self._one(cls, "qualifier", [
            p for p in self.local(OWL.ObjectProperty) if self.range(p) == cls])
        target = self._one(cls, "target", [
            p for p in owned if (p, RDFS.subPropertyOf, PROV_ENTITY) in self.graph])
        kind = next((p for p in owned if self.range(p) == RDF.Property), None)
        # What is left (hasEvidence) points to node classes whose keys are inlined as lists.
        via = [p for p in owned if p not in (target, kind) and not self.scheme_of(p)]
        return QualifiedEdge(
            class_name=_local_name(cls, _CLASS_NAME),
            class_iri=str(cls),
            rels=tuple(sorted({camel_to_upper_snake(_local_name(r, _PROPERTY_NAME))
                               for r in rels if isinstance(r, URIRef)})),
            qualifier_iri=str(qualifier),
            target_iri=str(target),
            kind_iri=str(kind) if kind else None,
            props=self._edge_props(cls),
            list_props=self._edge_list_props(via, label_iris),
        )

    def _one(self, cls: URIRef, role: str, candidates: list[URIRef]) -> URIRef:
        if len(candidates) != 1:
            raise OntologyError(
                f"{cls} needs exactly one {role} property, found {len(candidates)}: "
                f"{[str(c) for c in candidates]}"
            )
        return candidates[0]

    def _edge_props(self, cls: URIRef) -> tuple[str, ...]:
        scalar = [p for p in self.local(OWL.DatatypeProperty) if cls in self.domain(p)]
        scalar += [p for p in self.local(OWL.ObjectProperty)
                   if self.scheme_of(p) and cls in self.domain(p)]
        return tuple(sorted(camel_to_snake(_local_name(p, _PROPERTY_NAME)) for p in scalar))

    def _edge_list_props(self, via: list[URIRef], label_iris: Sequence[URIRef]) -> tuple[str, ...]:
        nodes = {r for p in via if (r := self.range(p)) in label_iris}
        inlined = [p for p in self.local(OWL.DatatypeProperty) if self.domain(p) & nodes]
        return tuple(sorted(camel_to_snake(_local_name(p, _PROPERTY_NAME)) for p in inlined))


def _local_name(iri: URIRef, pattern: re.Pattern[str]) -> str:
    local = str(iri).removeprefix(NAMESPACE)
    if not pattern.fullmatch(local):
        raise OntologyError(
            f"{iri}: local name {local!r} must match {pattern.pattern} (ASCII camelCase) so that "
            "the property-graph name can be derived from it"
        )
    return local


def _member_name(concept: URIRef) -> str:
    """Enum member of a concept: ``pkg:comparison_differentDeadline`` -> ``DIFFERENT_DEADLINE``."""
    local = str(concept).removeprefix(NAMESPACE)
    _, _, code = local.partition("_")
    # Codes in capitals are acronyms (CTr, TTr): split them and CTr would read C_TR.
    member = camel_to_upper_snake(code) if code[:1].islower() else code.upper()
    if not member.isidentifier() or keyword.iskeyword(member) or not member.isascii():
        raise OntologyError(f"{concept}: name concepts scheme_code with an ASCII code")
    return member


# --------------------------------------------------------------------------------------------
# Rendering ontology/terms.py
# --------------------------------------------------------------------------------------------

_TERMS_HEADER = f'''\
# GENERATED from ontology/policykg.ttl by `{REGENERATE_COMMAND}`.
# Do not edit: change the ontology, regenerate, commit both; tests/ontology fail when it is stale.
"""Property-graph names of the policykg ontology, generated from ``ontology/policykg.ttl``.

Node labels, relationship types and property keys, each with its IRI; the ancestor labels of each
label; the code lists (SKOS notations) and how qualified relations are drawn as relationships.
Standard library only, because graph code imports it on hot paths. The naming rules are
documented in ``policykg.ontology.mapping``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

#: Namespace of every policykg term.
NAMESPACE = "{NAMESPACE}"
'''

_QUALIFIED_EDGE_CLASS = '''\
class QualifiedEdge(NamedTuple):
    """How a relationship drawn from a qualified-relation class is written back to RDF.

    The relationship runs from the subject of ``qualifier_iri`` to the object of ``target_iri``;
    ``kind_iri`` (when set) names the relationship type as a property IRI; ``props`` are scalar
    edge properties and ``list_props`` parallel lists, item i of each being one Evidence.
    """

    class_iri: str
    qualifier_iri: str
    target_iri: str
    kind_iri: str | None
    props: tuple[Prop, ...]
    list_props: tuple[Prop, ...]
'''


def _py(text: str) -> str:
    """A double-quoted Python literal (JSON string syntax is valid Python for these texts)."""
    return json.dumps(text, ensure_ascii=False)


def _comment(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, LINE_LENGTH, initial_indent=f"{indent}#: ",
                         subsequent_indent=f"{indent}#: ")


def _enum_block(name: str, doc: str, members: Iterable[tuple[str, str, str]]) -> str:
    """A StrEnum; ``members`` are (member, value, comment)."""
    lines = [f"class {name}(StrEnum):", f'    """{doc}"""', ""]
    for member, value, comment in members:
        lines += [*_comment(comment, "    "), f"    {member} = {_py(value)}"]
    return "\n".join(lines)


def _dict_block(name: str, annotation: str, items: Iterable[tuple[str, str]], doc: str) -> str:
    """A module-level dict literal; ``items`` are (key source, value source)."""
    lines = [*_comment(doc), f"{name}: {annotation} = {{"]
    for key, value in items:
        line = f"    {key}: {value},"
        # Too long for one line: wrap the value in parentheses, as a formatter would.
        if len(line) > LINE_LENGTH:
            line = f"    {key}: (\n        {value}\n    ),"
        lines.append(line)
    return "\n".join([*lines, "}"])


def _tuple(items: Sequence[str], lead: str = "") -> str:
    """A tuple literal following ``lead`` on its line; one item a line when it would not fit."""
    if len(items) == 1:
        return f"({items[0]},)"
    flat = f"({', '.join(items)})"
    if len(lead) + len(flat) + 1 <= LINE_LENGTH:
        return flat
    indent = " " * (len(lead) - len(lead.lstrip()))
    inner = "".join(f"\n{indent}    {item}," for item in items)
    return f"({inner}\n{indent})"


def _label_member(name: str) -> str:
    return f"Label.{camel_to_upper_snake(name)}"


def _prop_member(key: str) -> str:
    return f"Prop.{key.upper()}"


def _label_comment(term: Term) -> str:
    return f"{term.label_en} ({term.label_vi})"


def _name_blocks(mapping: Mapping) -> list[str]:
    labels, rels, props = mapping.labels, mapping.rels, mapping.props
    return [
        _enum_block("Label", "Node labels: one per ontology class except qualified relations.",
                    ((camel_to_upper_snake(t.name), t.name, _label_comment(t)) for t in labels)),
        _enum_block("Rel", "Relationship types: one per object property drawn as an edge.",
                    ((t.name, t.name, _label_comment(t)) for t in rels)),
        _enum_block("Prop", "Property keys: datatype properties and code-list properties.",
                    ((t.name.upper(), t.name, _label_comment(t)) for t in props)),
        _dict_block("LABEL_IRI", "dict[Label, str]",
                    ((_label_member(t.name), _py(t.iri)) for t in labels),
                    "IRI of the class behind each label."),
        _dict_block("REL_IRI", "dict[Rel, str]", ((f"Rel.{t.name}", _py(t.iri)) for t in rels),
                    "IRI of the object property behind each relationship type."),
        _dict_block("PROP_IRI", "dict[Prop, str]",
                    ((_prop_member(t.name), _py(t.iri)) for t in props),
                    "IRI of the property behind each property key."),
        _dict_block("SUPER_LABELS", "dict[Label, tuple[Label, ...]]",
                    ((_label_member(t.name), _tuple([_label_member(n) for n in t.supers]))
                     for t in labels),
                    "Labels a node carries besides its own, nearest ancestor first: a Plan node "
                    "is also a PolicyDocument."),
    ]


def _code_list_blocks(mapping: Mapping) -> list[str]:
    blocks = []
    for code_list in mapping.code_lists:
        enum, concepts = code_list.enum, code_list.concepts
        blocks.append(_enum_block(
            enum, f"Concepts of {_curie(code_list.scheme_iri)}; each value is the skos:notation.",
            ((c.member, c.notation, f"{c.label_en} ({c.label_vi})") for c in concepts)))
        blocks.append(_dict_block(
            f"{camel_to_upper_snake(enum)}_IRI", f"dict[{enum}, str]",
            ((f"{enum}.{c.member}", _py(c.iri)) for c in concepts),
            f"IRI of each {enum} concept."))
    enum_of = {c.scheme_iri: c.enum for c in mapping.code_lists}
    coded = [(p.name, p.scheme) for p in mapping.props if p.scheme]
    blocks.append(_dict_block(
        "CODE_LISTS", "dict[Prop, type[StrEnum]]",
        ((_prop_member(key), enum_of[scheme]) for key, scheme in coded),
        "Code-list properties: the enum of their values (a node stores the notation)."))
    blocks.append(_dict_block(
        "CODE_LIST_SCHEME_IRI", "dict[Prop, str]",
        ((_prop_member(key), _py(scheme)) for key, scheme in coded),
        "Concept scheme of each code-list property."))
    return blocks


def _qualified_blocks(mapping: Mapping) -> list[str]:
    blocks = [_QUALIFIED_EDGE_CLASS]
    items = []
    for edge in mapping.qualified:
        const = f"_{camel_to_upper_snake(edge.class_name)}_EDGE"
        kind = _py(edge.kind_iri) if edge.kind_iri else "None"
        props = [_prop_member(k) for k in edge.props]
        list_props = [_prop_member(k) for k in edge.list_props]
        blocks.append("\n".join([
            f"{const} = QualifiedEdge(",
            f"    class_iri={_py(edge.class_iri)},",
            f"    qualifier_iri={_py(edge.qualifier_iri)},",
            f"    target_iri={_py(edge.target_iri)},",
            f"    kind_iri={kind},",
            f"    props={_tuple(props, '    props=')},",
            f"    list_props={_tuple(list_props, '    list_props=')},",
            ")",
        ]))
        items += [(f"Rel.{rel}", const) for rel in edge.rels]
    blocks.append(_dict_block(
        "QUALIFIED", "dict[Rel, QualifiedEdge]", sorted(items),
        "Relationship types drawn from a qualified-relation class (pkg:Citation, "
        "pkg:TargetDerivation): how to write each back to RDF."))
    return blocks


def _curie(iri: str) -> str:
    return "pkg:" + iri.removeprefix(NAMESPACE) if iri.startswith(NAMESPACE) else iri


def render_terms(mapping: Mapping) -> str:
    """The full text of ``terms.py`` for ``mapping``; deterministic, ends with one newline."""
    blocks = [_TERMS_HEADER, *_name_blocks(mapping), *_code_list_blocks(mapping),
              *_qualified_blocks(mapping)]
    # Two blank lines between top-level blocks, as a formatter would leave them.
    return "\n\n\n".join(block.strip("\n") for block in blocks) + "\n"


def rendered_terms(ontology: str | Path | None = None) -> str:
    """What ``terms.py`` must hold for the ontology (the packaged one unless a file is named)."""
    return render_terms(build_mapping(load_ontology(ontology)))


def write_terms(path: Path = TERMS_PATH, ontology: str | Path | None = None) -> bool:
    """Regenerate ``terms.py``; True when its text changed."""
    text = rendered_terms(ontology)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8")
    return True


def terms_are_current(path: Path = TERMS_PATH, ontology: str | Path | None = None) -> bool:
    """True when ``path`` holds exactly what the ontology renders to."""
    return path.exists() and path.read_text(encoding="utf-8") == rendered_terms(ontology)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m policykg.ontology.mapping [--write | --check]``; without a flag, print."""
    parser = argparse.ArgumentParser(
        prog="python -m policykg.ontology.mapping",
        description="Derive property-graph names from ontology/policykg.ttl into terms.py.",
    )
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help="regenerate terms.py")
    action.add_argument("--check", action="store_true", help="exit 1 when terms.py is stale")
    parser.add_argument("--ontology", type=Path, help="Turtle file (default: the packaged one)")
    parser.add_argument("--terms", type=Path, default=TERMS_PATH, help="terms.py to write/check")
    args = parser.parse_args(argv)
    try:
        if args.write:
            changed = write_terms(args.terms, args.ontology)
            print(f"{args.terms}: {'written' if changed else 'already current'}")
        elif args.check:
            if not terms_are_current(args.terms, args.ontology):
                print(f"error: {args.terms} is stale; run {REGENERATE_COMMAND}", file=sys.stderr)
                return 1
            print(f"{args.terms}: current")
        else:
            sys.stdout.write(rendered_terms(args.ontology))
    except (OntologyError, SyntaxError, OSError) as exc:
        # rdflib reports Turtle syntax errors as SyntaxError (BadSyntax).
        print(f"error: {' '.join(str(exc).split())}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
