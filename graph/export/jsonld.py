"""JSON-LD export with the published context ``ontology/context.jsonld``.

The context names every term as the property graph does, so a JSON-LD node reads like a node
of the graph: property keys (``span_start``, typed ``xsd:integer``), relationship types
(``IMPLEMENTS``, an ``@id`` link), labels as types (``Plan``), plus the few terms that exist
only in RDF (``qualifiedCitation``, ``citedDocument``, ``citationRelation``,
``qualifiedDerivation``, ``sourceTarget``); node IRIs are compact (``id:vn/…``). It is
derived from the ontology (``build_context``), written once to ``ontology/context.jsonld``
(``python -m policykg.graph.export.jsonld --write``) and published at CONTEXT_URL; a test fails
when the file is stale.

An export embeds the context object itself rather than its URL, so that reading an export never
needs the network. Objects are written per subject, page by page, inside one ``@graph`` array
(a subject may appear twice, once for its properties and once for its relationships; JSON-LD
merges objects with the same ``@id``). Decimals are strings with the term's ``xsd:decimal``
coercion: a JSON number would become an ``xsd:double``.

Example (sample 000's target, abridged)::

    {"@id": "id:vn/ubnd-huyen-song-lo/undated/kh-287558f142e7/target/t3", "@type": ["Target"],
     "value": "60.0", "unit": "triệu đồng/người", "year": 2025, "in_tasks": false, …}
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from policykg.graph.export.rdf import page_triples
from policykg.graph.export.rdf_terms import (
    ID_BASE,
    RDF_TYPE,
    XSD_BOOLEAN,
    XSD_INTEGER,
    Lit,
    Obj,
    Triple,
    prop_types,
)
from policykg.graph.export.read import PAGE_SIZE, Progress, iter_elements
from policykg.graph.store import GraphStore
from policykg.ontology import NAMESPACE
from policykg.ontology.terms import LABEL_IRI, PROP_IRI, QUALIFIED, REL_IRI

#: Where the context is published (w3id redirects it to the repository's file).
CONTEXT_URL = "https://w3id.org/policykg/context.jsonld"
CONTEXT_FILE = "context.jsonld"
PREFIXES = {
    "pkg": NAMESPACE,
    "id": ID_BASE,
    "eli": "http://data.europa.eu/eli/ontology#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "org": "http://www.w3.org/ns/org#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}


def _compact(iri: str) -> str:
    for prefix in ("pkg", "id", "xsd"):
        if iri.startswith(PREFIXES[prefix]):
            return f"{prefix}:{iri[len(PREFIXES[prefix]):]}"
    return iri


def build_context() -> dict[str, Any]:
    """The JSON-LD context of the ontology's property-graph names (deterministic)."""
    types = prop_types()
    terms: dict[str, Any] = dict(PREFIXES)
    for label, iri in sorted(LABEL_IRI.items()):
        terms[label.value] = _compact(iri)
    for qualified in sorted({q.class_iri for q in QUALIFIED.values()}):
        terms[qualified.removeprefix(NAMESPACE)] = _compact(qualified)
    for prop, iri in sorted(PROP_IRI.items()):
        if prop.value in types.concepts:
            terms[prop.value] = {"@id": _compact(iri), "@type": "@id"}
        elif types.datatype[prop.value] == PREFIXES["xsd"] + "string":
            terms[prop.value] = {"@id": _compact(iri)}
        else:
            terms[prop.value] = {"@id": _compact(iri), "@type": _compact(types.datatype[prop.value])}
    for rel, iri in sorted(REL_IRI.items()):
        terms[rel.value] = {"@id": _compact(iri), "@type": "@id"}
    plumbing = {q.qualifier_iri for q in QUALIFIED.values()} | {q.target_iri for q in QUALIFIED.values()}
    plumbing |= {q.kind_iri for q in QUALIFIED.values() if q.kind_iri}
    for iri in sorted(plumbing):
        terms[iri.removeprefix(NAMESPACE)] = {"@id": _compact(iri), "@type": "@id"}
    return {"@context": terms}


def context_path() -> Path:
    """The published context file in the ontology package."""
    return Path(str(files("policykg.ontology") / CONTEXT_FILE))


def render_context() -> str:
    """The text ``ontology/context.jsonld`` must hold."""
    return json.dumps(build_context(), ensure_ascii=False, indent=2) + "\n"


@cache
def published_context() -> dict[str, Any]:
    """The context object as published (read once)."""
    return json.loads(context_path().read_text(encoding="utf-8"))["@context"]


@cache
def _term_of() -> dict[str, tuple[str, str | None]]:
    """Predicate IRI -> (term, its @type coercion or None), from the published context."""
    out = {}
    for term, definition in published_context().items():
        if isinstance(definition, dict):
            iri = _expand(definition["@id"])
            out[iri] = (term, definition.get("@type"))
    return out


@cache
def _class_term() -> dict[str, str]:
    return {_expand(d): t for t, d in published_context().items() if isinstance(d, str) and t not in PREFIXES}


def _expand(value: str) -> str:
    prefix, _, rest = value.partition(":")
    return PREFIXES[prefix] + rest if prefix in PREFIXES else value


def _value(obj: Obj, coercion: str | None) -> Any:
    """One object as JSON-LD, as short as the term's coercion allows."""
    if not isinstance(obj, Lit):
        return _compact(obj) if coercion == "@id" else {"@id": _compact(obj)}
    expected = _expand(coercion) if coercion and coercion != "@id" else None
    if obj.datatype != expected or coercion == "@id":
        return {"@value": obj.lexical, **({"@type": _compact(obj.datatype)} if obj.datatype else {})}
    if expected == XSD_INTEGER and str(int(obj.lexical)) == obj.lexical:
        return int(obj.lexical)
    if expected == XSD_BOOLEAN:
        return obj.lexical == "true"
    return obj.lexical


def jsonld_objects(triples: Iterable[Triple]) -> Iterator[dict[str, Any]]:
    """One object per run of triples with the same subject."""
    current: dict[str, Any] | None = None
    for s, p, o in triples:
        if current is None or current["@id"] != _compact(s):
            if current is not None:
                yield current
            current = {"@id": _compact(s)}
        if p == RDF_TYPE:
            current.setdefault("@type", []).append(_class_term().get(o, _compact(o)))
            continue
        term, coercion = _term_of().get(p, (p, None))
        value = _value(o, coercion)
        if term in current:
            previous = current[term]
            current[term] = [*previous, value] if isinstance(previous, list) else [previous, value]
        else:
            current[term] = value
    if current is not None:
        yield current


def jsonld_chunks(store: GraphStore, *, page_size: int = PAGE_SIZE,
                  on_progress: Progress | None = None) -> Iterator[str]:
    """The graph as one JSON-LD document: the context, then the @graph array page by page."""
    yield '{"@context": ' + json.dumps(published_context(), ensure_ascii=False) + ',\n "@graph": [\n'
    first = True
    for page in iter_elements(store, page_size=page_size, on_progress=on_progress):
        parts = [json.dumps(o, ensure_ascii=False) for o in jsonld_objects(page_triples(page))]
        if parts:
            yield ("" if first else ",\n") + ",\n".join(parts)
            first = False
    yield "\n]}\n"


def main(argv: list[str] | None = None) -> int:
    """``python -m policykg.graph.export.jsonld [--write | --check]``: the published context."""
    args = sys.argv[1:] if argv is None else argv
    path, text = context_path(), render_context()
    if args == ["--write"]:
        path.write_text(text, encoding="utf-8")
        print(f"{path}: written")
        return 0
    if args == ["--check"]:
        current = path.exists() and path.read_text(encoding="utf-8") == text
        print(f"{path}: {'current' if current else 'stale; run with --write'}")
        return 0 if current else 1
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
