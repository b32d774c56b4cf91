"""The policykg ontology: OWL/SKOS vocabulary, SHACL shapes, and the names the graph uses.

- ``policykg.ttl`` (``ONTOLOGY_TTL``) defines every term; ``indicators.ttl`` (``INDICATORS_TTL``)
  holds the indicator vocabulary (``pkg:indicator_incomePerCapita``, …), read by ``indicators``;
  ``shapes.ttl`` (``SHAPES_TTL``) says what an RDF export must look like.
- ``terms`` is generated from the ontology and holds the property-graph names: ``Label``,
  ``Rel``, ``Prop``, their IRIs and the code lists. Graph code imports it (standard library only)::

      from policykg.ontology import Label, Rel
      f"MATCH (p:{Label.PLAN})-[:{Rel.IMPLEMENTS}]->(r:{Label.PARTY_RESOLUTION})"

- ``mapping`` (needs rdflib) reads the ontology and regenerates ``terms``:
  ``python -m policykg.ontology.mapping --write``.

This package imports nothing from the rest of the project; everything else may import it.
"""

from __future__ import annotations

import importlib
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import TYPE_CHECKING, Any

#: Namespace of every policykg term (prefix ``pkg:``).
NAMESPACE = "https://w3id.org/policykg/ontology#"
#: The OWL ontology in Turtle.
ONTOLOGY_TTL: Traversable = files(__name__) / "policykg.ttl"
#: The indicator vocabulary (SKOS concepts of pkg:IndicatorScheme) in Turtle.
INDICATORS_TTL: Traversable = files(__name__) / "indicators.ttl"
#: The SHACL shapes in Turtle.
SHAPES_TTL: Traversable = files(__name__) / "shapes.ttl"

# Names re-exported from the generated ``terms`` module. They are loaded on first use rather
# than imported here, so that a stale or broken terms.py (a scheme renamed in the ontology) never
# stops ``python -m policykg.ontology.mapping --write`` from importing this package to fix it.
_TERMS_EXPORTS = frozenset({
    "CODE_LISTS",
    "CODE_LIST_SCHEME_IRI",
    "COMPARISON_IRI",
    "Comparison",
    "DIMENSION_IRI",
    "DOCUMENT_TYPE_IRI",
    "Dimension",
    "DocumentType",
    "LABEL_IRI",
    "LEVEL_IRI",
    "Label",
    "Level",
    "PROP_IRI",
    "Prop",
    "QUALIFIED",
    "QualifiedEdge",
    "REL_IRI",
    "Rel",
    "SUPER_LABELS",
})

if TYPE_CHECKING:
    from policykg.ontology.terms import (
        CODE_LIST_SCHEME_IRI,
        CODE_LISTS,
        COMPARISON_IRI,
        DIMENSION_IRI,
        DOCUMENT_TYPE_IRI,
        LABEL_IRI,
        LEVEL_IRI,
        PROP_IRI,
        QUALIFIED,
        REL_IRI,
        SUPER_LABELS,
        Comparison,
        Dimension,
        DocumentType,
        Label,
        Level,
        Prop,
        QualifiedEdge,
        Rel,
    )

__all__ = ["INDICATORS_TTL", "NAMESPACE", "ONTOLOGY_TTL", "SHAPES_TTL", *sorted(_TERMS_EXPORTS)]


def __getattr__(name: str) -> Any:
    if name in _TERMS_EXPORTS:
        return getattr(importlib.import_module("policykg.ontology.terms"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
