"""The SHACL shapes accept the example graph and reject each broken variant for the right reason.

The example and the table of broken variants live in conftest.py; ``pytest_generate_tests``
there parametrizes ``conforming_example`` and ``broken_variant``.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import RDF

from policykg.ontology import NAMESPACE

PKG = Namespace(NAMESPACE)
REPOSITORY = Path(__file__).resolve().parents[2]


def test_example_conforms(conforming_example: Callable[[], Graph], validate) -> None:
    report = validate(conforming_example())
    assert report.conforms, report.text


def test_broken_variant_does_not_conform(broken_variant, validate) -> None:
    report = validate(broken_variant.build())
    assert not report.conforms
    expected = (broken_variant.focus, broken_variant.path, broken_variant.component)
    assert expected in report.results, report.text


def test_example_evidence_quotes_sample_000(example: Graph, sample_000: tuple[str, str]) -> None:
    relative_path, sha256 = sample_000
    data = (REPOSITORY / relative_path).read_bytes()
    assert hashlib.sha256(data).hexdigest() == sha256
    text = data.decode("utf-8")
    evidence = list(example.subjects(RDF.type, PKG.Evidence))
    assert evidence
    for node in evidence:
        start = example.value(node, PKG.spanStart).toPython()
        end = example.value(node, PKG.spanEnd).toPython()
        assert text[start:end] == str(example.value(node, PKG.quote)), node
