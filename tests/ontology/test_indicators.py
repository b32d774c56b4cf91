"""The indicator vocabulary (ontology/indicators.ttl) and its reader (ontology/indicators.py).

The vocabulary must be large enough to cover what Vietnamese plans measure, every Vietnamese label
must have its twin without diacritics, no two concepts may share a label once folded, and the
whole of it must conform to the SHACL shapes with the ontology.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata

import pyshacl
import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, SH, SKOS

from policykg.ontology import INDICATORS_TTL, NAMESPACE, ONTOLOGY_TTL
from policykg.ontology.indicators import (
    IndicatorConcept,
    IndicatorVocabularyError,
    indicator_by_notation,
    load_indicators,
    read_indicators,
)
from policykg.ontology.mapping import load_turtle
from policykg.ontology.terms import Dimension

PKG = Namespace(NAMESPACE)
MIN_CONCEPTS = 80
CAMEL_CASE = re.compile(r"[a-z][A-Za-z0-9]*")


def _strip(text: str) -> str:
    """Diacritics off, đ -> d, case kept: how a @vi-x-nodiac label is written."""
    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _key(text: str) -> str:
    """A label folded for comparison across concepts: no case, diacritics or punctuation."""
    return " ".join(re.findall(r"[a-z0-9]+", _strip(text).lower()))


CONCEPTS = load_indicators()
IDS = [c.notation for c in CONCEPTS]


def test_vocabulary_is_large_enough() -> None:
    assert len(CONCEPTS) >= MIN_CONCEPTS


@pytest.mark.parametrize("concept", CONCEPTS, ids=IDS)
def test_concept_is_complete(concept: IndicatorConcept) -> None:
    assert CAMEL_CASE.fullmatch(concept.notation), concept.notation
    assert concept.iri == f"{NAMESPACE}indicator_{concept.notation}"
    assert concept.pref_label_vi and concept.pref_label_en and concept.unit
    assert concept.alt_labels_vi, "plans word every indicator more than one way"
    assert isinstance(concept.dimension, Dimension)
    assert concept.definition.endswith(".")


@pytest.mark.parametrize("concept", CONCEPTS, ids=IDS)
def test_every_vietnamese_label_has_its_twin_without_diacritics(concept: IndicatorConcept) -> None:
    vietnamese = {_strip(t) for t in (concept.pref_label_vi, *concept.alt_labels_vi)}
    assert set(concept.alt_labels_nodiac) == vietnamese
    assert all(label.isascii() for label in concept.alt_labels_nodiac)


def test_no_two_concepts_share_a_folded_label() -> None:
    owner: dict[str, str] = {}
    clashes = []
    for concept in CONCEPTS:
        for _, _, text in concept.labels():
            key = _key(text)
            if owner.setdefault(key, concept.notation) != concept.notation:
                clashes.append((text, owner[key], concept.notation))
    assert not clashes


EXAMPLES = [
    pytest.param("incomePerCapita", "Thu nhập bình quân đầu người", "triệu đồng/người",
                 Dimension.MONEY_PER_PERSON, True, id="income-per-capita"),
    pytest.param("povertyRate", "Tỷ lệ hộ nghèo", "%", Dimension.PROPORTION, False, id="poverty"),
    pytest.param("doctorsPer10kPeople", "Số bác sĩ trên một vạn dân", "bác sỹ/vạn dân",
                 Dimension.COUNT_PER_POPULATION, True, id="doctors"),
    pytest.param("nearPovertyRate", "Tỷ lệ hộ cận nghèo", "%", Dimension.PROPORTION, False,
                 id="near-poverty"),
    pytest.param("infantMortalityRate", "Tỷ suất tử vong trẻ em dưới 1 tuổi", "%0",
                 Dimension.PROPORTION, False, id="infant-mortality"),
    pytest.param("under5StuntingRate", "Tỷ lệ suy dinh dưỡng thể thấp còi ở trẻ em dưới 5 tuổi",
                 "%", Dimension.PROPORTION, False, id="stunting"),
    pytest.param("grdpGrowth", "Tốc độ tăng trưởng kinh tế (GRDP)", "%/năm",
                 Dimension.GROWTH_RATE, True, id="grdp-growth"),
    pytest.param("budgetRevenue", "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng",
                 Dimension.MONEY, True, id="budget-revenue"),
    pytest.param("newRuralCommunesCount", "Số xã đạt chuẩn nông thôn mới", "xã", Dimension.COUNT,
                 True, id="new-rural-communes"),
]


@pytest.mark.parametrize(("notation", "pref_vi", "unit", "dimension", "higher"), EXAMPLES)
def test_concept_fields(notation: str, pref_vi: str, unit: str, dimension: Dimension,
                        higher: bool) -> None:
    concept = indicator_by_notation()[notation]
    assert (concept.pref_label_vi, concept.unit) == (pref_vi, unit)
    assert (concept.dimension, concept.higher_is_better) == (dimension, higher)


def test_reader_is_cached_and_concepts_are_frozen() -> None:
    assert load_indicators() is load_indicators()
    with pytest.raises(dataclasses.FrozenInstanceError):
        CONCEPTS[0].unit = "%"  # type: ignore[misc]


def test_labels_list_the_vietnamese_preferred_label_first() -> None:
    kinds = [(kind, lang) for kind, lang, _ in indicator_by_notation()["povertyRate"].labels()]
    assert kinds[0] == ("prefLabel", "vi")
    assert kinds[-1] == ("altLabel", "vi-x-nodiac")
    assert ("prefLabel", "en") in kinds


def _vocabulary() -> Graph:
    return load_turtle(INDICATORS_TTL)


def _without(predicate: URIRef, language: str | None = None):
    def mutate(graph: Graph) -> Graph:
        concept = PKG.indicator_forestCover
        for value in list(graph.objects(concept, predicate)):
            if language is None or (isinstance(value, Literal) and value.language == language):
                graph.remove((concept, predicate, value))
        return graph
    return mutate


def _second_notation(graph: Graph) -> Graph:
    graph.add((PKG.indicator_forestCover, SKOS.notation, Literal("forestCoverRate")))
    return graph


def _unknown_dimension(graph: Graph) -> Graph:
    graph.set((PKG.indicator_forestCover, PKG.dimension, PKG.dimension_area))
    return graph


def _shared_notation(graph: Graph) -> Graph:
    graph.set((PKG.indicator_forestCover, SKOS.notation, Literal("povertyRate")))
    return graph


BROKEN_VOCABULARIES = [
    pytest.param(_without(PKG.unit), "pkg:unit", id="no-unit"),
    pytest.param(_without(SKOS.prefLabel, "en"), "skos:prefLabel@en", id="no-english-label"),
    pytest.param(_without(PKG.higherIsBetter), "pkg:higherIsBetter", id="no-direction"),
    pytest.param(_second_notation, "skos:notation", id="two-notations"),
    pytest.param(_unknown_dimension, "pkg:dimension", id="dimension-outside-scheme"),
    pytest.param(_shared_notation, "share the notation", id="notation-shared"),
]


@pytest.mark.parametrize(("mutate", "message"), BROKEN_VOCABULARIES)
def test_reader_names_what_is_missing(mutate, message: str) -> None:
    with pytest.raises(IndicatorVocabularyError, match=re.escape(message)):
        read_indicators(mutate(_vocabulary()))


def test_reader_returns_every_indicator_of_the_file() -> None:
    graph = _vocabulary()
    assert len(read_indicators(graph)) == len(set(graph.subjects(RDF.type, PKG.Indicator)))


def test_ontology_graph_holds_the_vocabulary(ontology_graph: Graph) -> None:
    indicators = set(ontology_graph.subjects(RDF.type, PKG.Indicator))
    assert {URIRef(c.iri) for c in CONCEPTS} == indicators


def _shacl(data: Graph, shapes_graph: Graph, ontology_graph: Graph) -> tuple[bool, Graph, str]:
    conforms, report, text = pyshacl.validate(
        data, shacl_graph=shapes_graph, ont_graph=ontology_graph, inference="rdfs")
    return bool(conforms), report, text


def test_vocabulary_conforms_to_the_shapes(shapes_graph: Graph, ontology_graph: Graph) -> None:
    conforms, _, text = _shacl(_vocabulary(), shapes_graph, ontology_graph)
    assert conforms, text


def test_shapes_reject_an_indicator_without_english_label(shapes_graph: Graph) -> None:
    # The ontology graph already holds the vocabulary, so the broken copy is validated against
    # policykg.ttl alone.
    ontology = load_turtle(ONTOLOGY_TTL)
    data = _without(SKOS.prefLabel, "en")(_vocabulary())
    conforms, report, text = _shacl(data, shapes_graph, ontology)
    assert not conforms
    focus = {report.value(r, SH.focusNode) for r in report.subjects(RDF.type, SH.ValidationResult)}
    assert focus == {PKG.indicator_forestCover}, text
