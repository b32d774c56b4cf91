"""Example RDF for the ontology tests, built in one place: the Sông Lô plan and 12-NQ/TU.

The example is sample 000 (``samples/000_e7affefbf6615e42.txt``): a plan of UBND huyện Sông Lô
(Vĩnh Phúc) that implements Resolution 12-NQ/TU of the Vĩnh Phúc provincial Party committee and
sets the target "Thu nhập bình quân đầu người của huyện đạt trên 60 triệu đồng/người". The
sha256 is the sample file's; spans are offsets into its text as read (the loader's normalizer is
not written yet, and the shapes check the form of a span, not which normalizer produced it).
Administrative units are those of the GSO lists in ``data/sources``: huyện Sông Lô (253) of
tỉnh Vĩnh Phúc (26) ceased on 2025-06-30 and is succeeded by xã Sông Lô (08848) of the new
tỉnh Phú Thọ (25).

``BROKEN_VARIANTS`` is the table of ways to break the example, each with the SHACL result it
must produce; ``pytest_generate_tests`` feeds it to any test that asks for ``broken_variant``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pyshacl
import pytest
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import SH, SKOS

from policykg.ontology import NAMESPACE
from policykg.ontology.mapping import load_ontology, load_shapes

PKG = Namespace(NAMESPACE)
EX = Namespace("https://w3id.org/policykg/id/")

SAMPLE_000 = "samples/000_e7affefbf6615e42.txt"
SAMPLE_000_SHA256 = "287558f142e744c27586e8d74a087614752d2934bd3a9947f25900f378706e38"
TARGET_QUOTE = "Thu nhập bình quân đầu người của huyện đạt trên 60 triệu đồng/người"
TARGET_SPAN = (3308, 3375)
CITATION_QUOTE = "Nghị quyết số 12-NQ/TU"
CITATION_SPAN = (22, 44)
TASK_QUOTE = (
    "Phòng Tài chính - Kế hoạch chủ trì, phối hợp với các cơ quan, đơn vị có liên quan thực hiện:"
)
TASK_SPAN = (19991, 20083)

# Units, organizations and documents of the example.
VINH_PHUC = EX["unit/26/1997-01-01"]
PHU_THO_2025 = EX["unit/25/2025-07-01"]
SONG_LO_DISTRICT = EX["unit/253"]
SONG_LO_COMMUNE = EX["unit/08848/2025-07-01"]
TINH_UY = EX["org/tinh-uy-vinh-phuc"]
UBND_SONG_LO = EX["org/ubnd-huyen-song-lo"]
PHONG_TCKH = EX["org/phong-tckh-huyen-song-lo"]
RESOLUTION = EX["doc/vinh-phuc/2020/nq/12-tu"]
PLAN = EX["doc/song-lo/kh-12-nq-tu"]
TARGET = EX["target/song-lo-income-2025"]
TASK = EX["task/song-lo-tckh"]
CITATION = EX["citation/song-lo-12-nq-tu"]


def _lit(value: object) -> Literal:
    # Data literals are plain typed literals, never language-tagged (see policykg.ttl, note 5).
    return Literal(value)


def add_units(g: Graph) -> None:
    """Tỉnh Vĩnh Phúc and huyện Sông Lô before the 2025 reform, and their successors."""
    # Vĩnh Phúc was re-established on 1 January 1997; Sông Lô's founding date is left unknown.
    units = [
        (VINH_PHUC, "Vĩnh Phúc", "Tỉnh Vĩnh Phúc", "26", "province", date(1997, 1, 1)),
        (PHU_THO_2025, "Phú Thọ", "Tỉnh Phú Thọ", "25", "province", date(2025, 7, 1)),
        (SONG_LO_DISTRICT, "Sông Lô", "Huyện Sông Lô", "253", "district", None),
        (SONG_LO_COMMUNE, "Sông Lô", "Xã Sông Lô", "08848", "commune", date(2025, 7, 1)),
    ]
    for unit, name, alias, code, level, valid_from in units:
        g.add((unit, RDF.type, PKG.AdminUnit))
        g.add((unit, PKG.name, _lit(name)))
        g.add((unit, PKG.alias, _lit(alias)))
        g.add((unit, PKG.code, _lit(code)))
        g.add((unit, PKG.level, PKG[f"level_{level}"]))
        if valid_from:
            g.add((unit, PKG.validFrom, _lit(valid_from)))
    last_day = _lit(date(2025, 6, 30))
    for ceased, successor in [(VINH_PHUC, PHU_THO_2025), (SONG_LO_DISTRICT, SONG_LO_COMMUNE)]:
        g.add((ceased, PKG.validUntil, last_day))
        g.add((ceased, PKG.succeededBy, successor))
    g.add((SONG_LO_DISTRICT, PKG.partOf, VINH_PHUC))
    g.add((SONG_LO_COMMUNE, PKG.partOf, PHU_THO_2025))


def add_organizations(g: Graph) -> None:
    """The issuers and the agency given the example task."""
    orgs = [
        (TINH_UY, "Ban Chấp hành Đảng bộ tỉnh Vĩnh Phúc", "Tỉnh ủy Vĩnh Phúc", "province",
         VINH_PHUC),
        (UBND_SONG_LO, "Ủy ban nhân dân huyện Sông Lô", "UBND huyện Sông Lô", "district",
         SONG_LO_DISTRICT),
        (PHONG_TCKH, "Phòng Tài chính - Kế hoạch huyện Sông Lô", "Phòng Tài chính - Kế hoạch",
         "district", SONG_LO_DISTRICT),
    ]
    for org, name, alias, level, unit in orgs:
        g.add((org, RDF.type, PKG.Organization))
        g.add((org, PKG.name, _lit(name)))
        g.add((org, PKG.alias, _lit(alias)))
        g.add((org, PKG.level, PKG[f"level_{level}"]))
        g.add((org, PKG.hasJurisdiction, unit))
    g.add((PHONG_TCKH, PKG.subOrganizationOf, UBND_SONG_LO))


def add_evidence(g: Graph, node: URIRef, quote: str, span: tuple[int, int]) -> None:
    """One Evidence node quoting sample 000."""
    g.add((node, RDF.type, PKG.Evidence))
    g.add((node, PKG.sha256, _lit(SAMPLE_000_SHA256)))
    g.add((node, PKG.spanStart, _lit(span[0])))
    g.add((node, PKG.spanEnd, _lit(span[1])))
    g.add((node, PKG.quote, _lit(quote)))


def add_documents(g: Graph) -> None:
    """12-NQ/TU (a stub: cited, not read) and the Sông Lô plan (read; it has no header)."""
    g.add((RESOLUTION, RDF.type, PKG.PartyResolution))
    g.add((RESOLUTION, PKG.symbol, _lit("12-NQ/TU")))
    g.add((RESOLUTION, PKG.documentType, PKG.doctype_NQ))
    g.add((RESOLUTION, PKG.level, PKG.level_province))
    g.add((RESOLUTION, PKG.issuedBy, TINH_UY))
    g.add((RESOLUTION, PKG.issued, _lit(date(2020, 3, 12))))
    g.add((RESOLUTION, PKG.appliesTo, VINH_PHUC))
    g.add((RESOLUTION, PKG.title, _lit(
        "Nghị quyết về nâng cao thu nhập và phúc lợi của người dân Vĩnh Phúc đến năm 2025, "
        "định hướng đến năm 2030")))

    # Sample 000 has no header, hence no symbol: the plan is known by its name.
    g.add((PLAN, RDF.type, PKG.Plan))
    plan_name = "Kế hoạch thực hiện Nghị quyết số 12-NQ/TU của UBND huyện Sông Lô"
    g.add((PLAN, PKG.name, _lit(plan_name)))
    g.add((PLAN, PKG.documentType, PKG.doctype_KH))
    g.add((PLAN, PKG.level, PKG.level_district))
    g.add((PLAN, PKG.issuedBy, UBND_SONG_LO))
    g.add((PLAN, PKG.appliesTo, SONG_LO_DISTRICT))
    g.add((PLAN, PKG.sourceSha256, _lit(SAMPLE_000_SHA256)))

    # The shortcut triple and its qualified form, as the RDF export writes both.
    g.add((PLAN, PKG.implements, RESOLUTION))
    g.add((PLAN, PKG.qualifiedCitation, CITATION))
    g.add((CITATION, RDF.type, PKG.Citation))
    g.add((CITATION, PKG.citedDocument, RESOLUTION))
    g.add((CITATION, PKG.citationRelation, PKG.implements))
    g.add((CITATION, PKG.statedDate, _lit(date(2020, 3, 12))))
    g.add((CITATION, PKG.hasEvidence, EX["ev-cites-12-nq-tu"]))
    add_evidence(g, EX["ev-cites-12-nq-tu"], CITATION_QUOTE, CITATION_SPAN)


def add_target_and_task(g: Graph) -> None:
    """The 2025 income target of the plan, and the task of Phòng Tài chính - Kế hoạch."""
    g.add((PLAN, PKG.setsTarget, TARGET))
    g.add((TARGET, RDF.type, PKG.Target))
    g.add((TARGET, PKG.text, _lit(TARGET_QUOTE)))
    g.add((TARGET, PKG.indicatorText, _lit("Thu nhập bình quân đầu người")))
    g.add((TARGET, PKG.measures, PKG.indicator_incomePerCapita))
    g.add((TARGET, PKG.value, Literal(Decimal("60"))))
    g.add((TARGET, PKG.comparator, _lit(">")))
    g.add((TARGET, PKG.unit, _lit("triệu đồng/người")))
    g.add((TARGET, PKG.year, _lit(2025)))
    g.add((TARGET, PKG.inTasks, _lit(False)))
    g.add((TARGET, PKG.section, _lit("I/5/5.2")))
    g.add((TARGET, PKG.hasEvidence, EX["ev-target-income-2025"]))
    add_evidence(g, EX["ev-target-income-2025"], TARGET_QUOTE, TARGET_SPAN)

    g.add((PLAN, PKG.assigns, TASK))
    g.add((TASK, RDF.type, PKG.Task))
    g.add((TASK, PKG.text, _lit(TASK_QUOTE)))
    g.add((TASK, PKG.section, _lit("II/2/2.7")))
    g.add((TASK, PKG.leadAgency, PHONG_TCKH))
    g.add((TASK, PKG.hasEvidence, EX["ev-task-tckh"]))
    add_evidence(g, EX["ev-task-tckh"], TASK_QUOTE, TASK_SPAN)


def example_graph() -> Graph:
    """A fresh copy of the example, safe to mutate."""
    g = Graph()
    g.bind("pkg", PKG)
    g.bind("ex", EX)
    add_units(g)
    add_organizations(g)
    add_documents(g)
    add_target_and_task(g)
    return g


# ILLUSTRATIVE, not data: 12-NQ/TU's own text is not in the corpus, so its income target (value,
# quote, source hash) is made up here only to exercise the TargetDerivation shape.
ILLUSTRATIVE_SOURCE_TARGET = EX["target/illustrative-vinh-phuc-income-2025"]
ILLUSTRATIVE_SHA256 = "0" * 64
ILLUSTRATIVE_QUOTE = "(minh họa) thu nhập bình quân đầu người đạt trên 55 triệu đồng/người"
DERIVATION = EX["derivation/song-lo-income-2025"]


def add_illustrative_derivation(g: Graph) -> None:
    """A made-up provincial target the Sông Lô target derives from, stricter (60 against 55)."""
    source, evidence = ILLUSTRATIVE_SOURCE_TARGET, EX["ev-illustrative"]
    g.add((RESOLUTION, PKG.setsTarget, source))
    g.add((source, RDF.type, PKG.Target))
    g.add((source, PKG.text, _lit(ILLUSTRATIVE_QUOTE)))
    g.add((source, PKG.value, Literal(Decimal("55"))))
    g.add((source, PKG.comparator, _lit(">")))
    g.add((source, PKG.year, _lit(2025)))
    g.add((source, PKG.hasEvidence, evidence))
    g.add((evidence, RDF.type, PKG.Evidence))
    g.add((evidence, PKG.sha256, _lit(ILLUSTRATIVE_SHA256)))
    g.add((evidence, PKG.spanStart, _lit(0)))
    g.add((evidence, PKG.spanEnd, _lit(len(ILLUSTRATIVE_QUOTE))))
    g.add((evidence, PKG.quote, _lit(ILLUSTRATIVE_QUOTE)))

    g.add((TARGET, PKG.derivedFrom, source))
    g.add((TARGET, PKG.qualifiedDerivation, DERIVATION))
    g.add((DERIVATION, RDF.type, PKG.TargetDerivation))
    g.add((DERIVATION, PKG.sourceTarget, source))
    g.add((DERIVATION, PKG.comparison, PKG.comparison_stricter))
    g.add((DERIVATION, PKG.ratio, Literal(Decimal("1.0909"))))


def example_with_derivation() -> Graph:
    """The example plus the illustrative derivation."""
    g = example_graph()
    add_illustrative_derivation(g)
    return g


def example_with_bare_stub() -> Graph:
    """The example with 12-NQ/TU known only by its symbol, as a citation leaves it."""
    g = example_graph()
    for prop in (PKG.issuedBy, PKG.level, PKG.issued, PKG.title, PKG.appliesTo):
        g.remove((RESOLUTION, prop, None))
    return g


def _add_indicator_without_unit(g: Graph) -> Graph:
    indicator = PKG.indicator_hospitalBedsPer10kPeople
    g.add((indicator, RDF.type, PKG.Indicator))
    g.add((indicator, SKOS.inScheme, PKG.IndicatorScheme))
    g.add((indicator, SKOS.notation, Literal("hospitalBedsPer10kPeople")))
    g.add((indicator, SKOS.prefLabel, Literal("Số giường bệnh trên một vạn dân", lang="vi")))
    g.add((indicator, SKOS.prefLabel, Literal("Hospital beds per 10,000 people", lang="en")))
    g.add((indicator, PKG.dimension, PKG.dimension_countPerPopulation))
    g.add((indicator, PKG.higherIsBetter, Literal(True)))
    return g


# ---------------------------------------------------------------------------------------------
# Broken variants: each must fail with the named (focus node, path, constraint component).
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Broken:
    """A way to break the example and the SHACL result that must report it."""

    id: str
    build: Callable[[], Graph]
    focus: URIRef
    path: URIRef | None
    component: URIRef


def _replace(g: Graph, s: URIRef, p: URIRef, value: object) -> Graph:
    g.set((s, p, value if isinstance(value, (URIRef, Literal, BNode)) else Literal(value)))
    return g


def _drop(g: Graph, s: URIRef, p: URIRef) -> Graph:
    g.remove((s, p, None))
    return g


def _variant(mutate: Callable[[Graph], Graph], base: Callable[[], Graph] = example_graph):
    return lambda: mutate(base())


EV_TARGET = EX["ev-target-income-2025"]

BROKEN_VARIANTS = [
    Broken("bad-sha256-uppercase", _variant(lambda g: _replace(
        g, EV_TARGET, PKG.sha256, SAMPLE_000_SHA256.upper())),
        EV_TARGET, PKG.sha256, SH.PatternConstraintComponent),
    Broken("bad-sha256-short", _variant(lambda g: _replace(
        g, EV_TARGET, PKG.sha256, SAMPLE_000_SHA256[:63])),
        EV_TARGET, PKG.sha256, SH.PatternConstraintComponent),
    Broken("span-start-after-end", _variant(lambda g: _replace(
        g, EV_TARGET, PKG.spanStart, TARGET_SPAN[1] + 1)),
        EV_TARGET, PKG.spanStart, SH.LessThanOrEqualsConstraintComponent),
    Broken("span-start-not-integer", _variant(lambda g: _replace(
        g, EV_TARGET, PKG.spanStart, Literal(str(TARGET_SPAN[0])))),
        EV_TARGET, PKG.spanStart, SH.DatatypeConstraintComponent),
    Broken("quote-not-the-span-width", _variant(lambda g: _replace(
        g, EV_TARGET, PKG.quote, TARGET_QUOTE[:-1])),
        EV_TARGET, None, SH.SPARQLConstraintComponent),
    Broken("target-without-evidence", _variant(lambda g: _drop(g, TARGET, PKG.hasEvidence)),
           TARGET, PKG.hasEvidence, SH.MinCountConstraintComponent),
    Broken("target-value-not-decimal", _variant(lambda g: _replace(
        g, TARGET, PKG.value, Literal("60"))),
        TARGET, PKG.value, SH.DatatypeConstraintComponent),
    Broken("target-measures-two-indicators", _variant(lambda g: g.add(
        (TARGET, PKG.measures, PKG.indicator_povertyRate))),
        TARGET, PKG.measures, SH.MaxCountConstraintComponent),
    Broken("target-range-without-value-max", _variant(lambda g: _replace(
        g, TARGET, PKG.comparator, "range")),
        TARGET, None, SH.OrConstraintComponent),
    Broken("target-unknown-comparator", _variant(lambda g: _replace(
        g, TARGET, PKG.comparator, "trên")),
        TARGET, PKG.comparator, SH.InConstraintComponent),
    Broken("citation-without-cited-document", _variant(lambda g: _drop(
        g, CITATION, PKG.citedDocument)),
        CITATION, PKG.citedDocument, SH.MinCountConstraintComponent),
    Broken("citation-without-evidence", _variant(lambda g: _drop(g, CITATION, PKG.hasEvidence)),
           CITATION, PKG.hasEvidence, SH.MinCountConstraintComponent),
    Broken("citation-relation-not-a-citation", _variant(lambda g: _replace(
        g, CITATION, PKG.citationRelation, PKG.partOf)),
        CITATION, PKG.citationRelation, SH.InConstraintComponent),
    Broken("document-without-symbol-or-name", _variant(lambda g: _drop(g, PLAN, PKG.name)),
           PLAN, None, SH.OrConstraintComponent),
    Broken("read-document-without-issuer", _variant(lambda g: _drop(g, PLAN, PKG.issuedBy)),
           PLAN, PKG.issuedBy, SH.MinCountConstraintComponent),
    Broken("document-level-outside-level-scheme", _variant(lambda g: _replace(
        g, PLAN, PKG.level, PKG.comparison_equal)),
        PLAN, PKG.level, SH.NodeConstraintComponent),
    Broken("admin-unit-without-level", _variant(lambda g: _drop(g, SONG_LO_DISTRICT, PKG.level)),
           SONG_LO_DISTRICT, PKG.level, SH.MinCountConstraintComponent),
    Broken("admin-unit-valid-until-before-valid-from", _variant(lambda g: _replace(
        g, VINH_PHUC, PKG.validUntil, date(1996, 12, 31))),
        VINH_PHUC, PKG.validFrom, SH.LessThanOrEqualsConstraintComponent),
    Broken("admin-unit-successor-without-valid-until", _variant(lambda g: _drop(
        g, SONG_LO_DISTRICT, PKG.validUntil)),
        SONG_LO_DISTRICT, None, SH.OrConstraintComponent),
    Broken("task-without-evidence", _variant(lambda g: _drop(g, TASK, PKG.hasEvidence)),
           TASK, PKG.hasEvidence, SH.MinCountConstraintComponent),
    Broken("indicator-without-unit", _variant(_add_indicator_without_unit),
           PKG.indicator_hospitalBedsPer10kPeople, PKG.unit, SH.MinCountConstraintComponent),
    Broken("derivation-without-source-target", _variant(
        lambda g: _drop(g, DERIVATION, PKG.sourceTarget), example_with_derivation),
        DERIVATION, PKG.sourceTarget, SH.MinCountConstraintComponent),
    Broken("derivation-comparison-outside-scheme", _variant(
        lambda g: _replace(g, DERIVATION, PKG.comparison, PKG.level_district),
        example_with_derivation),
        DERIVATION, PKG.comparison, SH.NodeConstraintComponent),
]


#: Graphs that must conform, by test id.
CONFORMING_EXAMPLES = [
    ("sample-000", example_graph),
    ("sample-000-with-illustrative-derivation", example_with_derivation),
    # A stub (no pkg:sourceSha256) needs no issuer or level: see shapes.ttl.
    ("cited-stub-without-issuer-or-level", example_with_bare_stub),
]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    # The tables above are the only copy of the cases; this hands them to the tests asking.
    if "broken_variant" in metafunc.fixturenames:
        metafunc.parametrize("broken_variant", BROKEN_VARIANTS, ids=[b.id for b in BROKEN_VARIANTS])
    if "conforming_example" in metafunc.fixturenames:
        metafunc.parametrize("conforming_example", [build for _, build in CONFORMING_EXAMPLES],
                             ids=[name for name, _ in CONFORMING_EXAMPLES])


@pytest.fixture(scope="session")
def ontology_graph() -> Graph:
    """The packaged ontology, parsed once; tests must not mutate it."""
    return load_ontology()


@pytest.fixture(scope="session")
def shapes_graph() -> Graph:
    """The packaged SHACL shapes, parsed once; tests must not mutate them."""
    return load_shapes()


@dataclass(frozen=True)
class Report:
    """What pyshacl said: conformance, (focus, path, component) of each result, the text."""

    conforms: bool
    results: frozenset[tuple[object, object, object]]
    text: str


@pytest.fixture(scope="session")
def validate(ontology_graph: Graph, shapes_graph: Graph) -> Callable[[Graph], Report]:
    """Validate a data graph as the export is meant to be: with the ontology, RDFS inference."""

    def run(data: Graph) -> Report:
        conforms, report, text = pyshacl.validate(
            data, shacl_graph=shapes_graph, ont_graph=ontology_graph, inference="rdfs"
        )
        results = frozenset(
            (
                report.value(r, SH.focusNode),
                report.value(r, SH.resultPath),
                report.value(r, SH.sourceConstraintComponent),
            )
            for r in report.subjects(RDF.type, SH.ValidationResult)
        )
        return Report(bool(conforms), results, text)

    return run


@pytest.fixture
def example() -> Graph:
    """A fresh copy of the sample-000 example graph."""
    return example_graph()


@pytest.fixture
def sample_000() -> tuple[str, str]:
    """(path from the repository root, sha256) of the sample the example quotes."""
    return SAMPLE_000, SAMPLE_000_SHA256
