"""The indicator vocabulary (``indicators.ttl``) as plain, frozen Python objects.

``indicators.ttl`` is the source of truth: one SKOS concept of ``pkg:IndicatorScheme`` per
socio-economic indicator Vietnamese plans set targets in ("Tỷ lệ hộ nghèo", "Số bác sĩ trên một
vạn dân", "Thu ngân sách nhà nước trên địa bàn", …). This module reads it once with rdflib and
hands out :class:`IndicatorConcept` objects, so that the graph (the matcher in
``policykg.graph.indicators`` and the Indicator nodes it writes) never touches RDF.

Example::

    >>> poverty = indicator_by_notation()["povertyRate"]
    >>> poverty.pref_label_vi, poverty.unit, poverty.dimension.value, poverty.higher_is_better
    ('Tỷ lệ hộ nghèo', '%', 'proportion', False)
    >>> poverty.iri
    'https://w3id.org/policykg/ontology#indicator_povertyRate'

Only the standard library, rdflib and this package are imported here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from policykg.ontology import INDICATORS_TTL, NAMESPACE
from policykg.ontology.terms import DIMENSION_IRI, Dimension

INDICATOR_CLASS = URIRef(NAMESPACE + "Indicator")
INDICATOR_SCHEME = URIRef(NAMESPACE + "IndicatorScheme")
UNIT = URIRef(NAMESPACE + "unit")
DIMENSION = URIRef(NAMESPACE + "dimension")
HIGHER_IS_BETTER = URIRef(NAMESPACE + "higherIsBetter")
#: Language tag of the labels spelled without diacritics ("Ty le ho ngheo").
NO_DIACRITICS_TAG = "vi-x-nodiac"

_DIMENSION_OF_IRI = {iri: dimension for dimension, iri in DIMENSION_IRI.items()}


class IndicatorVocabularyError(ValueError):
    """A concept of the vocabulary lacks a field the graph needs; the message names it."""


@dataclass(frozen=True)
class IndicatorConcept:
    """One indicator: its notation (the graph key), labels, canonical unit, dimension, direction.

    Alternative labels keep the order of the languages (Vietnamese wordings, English names, the
    spellings without diacritics); within a language they are sorted, so reading is stable.
    """

    notation: str
    iri: str
    pref_label_vi: str
    pref_label_en: str
    alt_labels_vi: tuple[str, ...]
    alt_labels_en: tuple[str, ...]
    alt_labels_nodiac: tuple[str, ...]
    definition: str
    unit: str
    dimension: Dimension
    higher_is_better: bool

    @property
    def alt_labels(self) -> tuple[str, ...]:
        """Every altLabel: Vietnamese, then English, then without diacritics."""
        return self.alt_labels_vi + self.alt_labels_en + self.alt_labels_nodiac

    def labels(self) -> tuple[tuple[str, str, str], ...]:
        """(kind, language, text) of every label, prefLabel @vi first, no-diacritics last.

        The order is the preference among labels that match equally well: a matcher reports
        the Vietnamese wording rather than its twin without diacritics.
        """
        return (
            ("prefLabel", "vi", self.pref_label_vi),
            *(("altLabel", "vi", text) for text in self.alt_labels_vi),
            ("prefLabel", "en", self.pref_label_en),
            *(("altLabel", "en", text) for text in self.alt_labels_en),
            *(("altLabel", NO_DIACRITICS_TAG, text) for text in self.alt_labels_nodiac),
        )


@cache
def load_indicators() -> tuple[IndicatorConcept, ...]:
    """The packaged vocabulary, sorted by notation; parsed once per process."""
    graph = Graph().parse(data=INDICATORS_TTL.read_text(encoding="utf-8"), format="turtle")
    return read_indicators(graph)


@cache
def indicator_by_notation() -> dict[str, IndicatorConcept]:
    """The packaged vocabulary keyed by notation ("povertyRate")."""
    return {concept.notation: concept for concept in load_indicators()}


def read_indicators(graph: Graph) -> tuple[IndicatorConcept, ...]:
    """Every ``pkg:Indicator`` of ``graph``, sorted by notation.

    Raises:
        IndicatorVocabularyError: a concept without notation, prefLabel @vi or @en, unit,
            a dimension of pkg:DimensionScheme or a boolean direction, or two with one notation.
    """
    concepts = [_concept(graph, s) for s in graph.subjects(RDF.type, INDICATOR_CLASS)
                if isinstance(s, URIRef)]
    concepts.sort(key=lambda c: c.notation)
    for first, second in zip(concepts, concepts[1:]):
        if first.notation == second.notation:
            raise IndicatorVocabularyError(
                f"{first.iri} and {second.iri} share the notation {first.notation!r}")
    return tuple(concepts)


def _concept(graph: Graph, iri: URIRef) -> IndicatorConcept:
    dimension = _DIMENSION_OF_IRI.get(str(graph.value(iri, DIMENSION)))
    if dimension is None:
        raise IndicatorVocabularyError(
            f"{iri}: pkg:dimension must be a concept of pkg:DimensionScheme")
    higher = graph.value(iri, HIGHER_IS_BETTER)
    if not isinstance(higher, Literal) or not isinstance(higher.toPython(), bool):
        raise IndicatorVocabularyError(f"{iri}: pkg:higherIsBetter must be a boolean")
    return IndicatorConcept(
        notation=_one(graph, iri, SKOS.notation, None),
        iri=str(iri),
        pref_label_vi=_one(graph, iri, SKOS.prefLabel, "vi"),
        pref_label_en=_one(graph, iri, SKOS.prefLabel, "en"),
        alt_labels_vi=_all(graph, iri, SKOS.altLabel, "vi"),
        alt_labels_en=_all(graph, iri, SKOS.altLabel, "en"),
        alt_labels_nodiac=_all(graph, iri, SKOS.altLabel, NO_DIACRITICS_TAG),
        definition=" ".join(_all(graph, iri, SKOS.definition, "en")),
        unit=_one(graph, iri, UNIT, None),
        dimension=dimension,
        higher_is_better=higher.toPython(),
    )


def _all(graph: Graph, iri: URIRef, predicate: URIRef, language: str | None) -> tuple[str, ...]:
    return tuple(sorted(str(o) for o in graph.objects(iri, predicate)
                        if isinstance(o, Literal) and o.language == language))


def _one(graph: Graph, iri: URIRef, predicate: URIRef, language: str | None) -> str:
    values = _all(graph, iri, predicate, language)
    if len(values) != 1:
        tag = f"@{language}" if language else ""
        name = predicate.n3(graph.namespace_manager)
        raise IndicatorVocabularyError(
            f"{iri}: needs exactly one {name}{tag}, has {len(values)}")
    return values[0]
