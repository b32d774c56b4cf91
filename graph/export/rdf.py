"""RDF exports, streamed: N-Triples and Turtle, written page by page from the store.

Both take the triples of ``rdf_terms`` page by page and write them as text chunks, so memory
holds one page whatever the size of the graph. The serializers are written here rather than
taken from rdflib because rdflib builds a whole Graph before writing it; what they write is
plain: one triple a line (N-Triples), or one subject block a node (Turtle, with ``@base`` so a
node reads as ``<vn/tinh-uy-vinh-phuc/2020/12-nq-tu>``). Every typed literal carries its
datatype explicitly (``"60.0"^^xsd:decimal``), never Turtle's bare-number shorthand, whose
type depends on how the number is spelled. Both parse with rdflib to the same triples (a test
checks it), and JSON-LD (``jsonld.py``) gives them too.

Example:
    >>> with open("policykg.nt", "w", encoding="utf-8") as out:      # doctest: +SKIP
    ...     for chunk in ntriples_chunks(store):
    ...         out.write(chunk)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from policykg.graph.export.elements import GraphNode
from policykg.graph.export.rdf_terms import (
    ID_BASE,
    RDF_TYPE,
    Lit,
    Obj,
    Triple,
    edge_triples,
    node_triples,
)
from policykg.graph.export.read import PAGE_SIZE, Progress, iter_elements
from policykg.graph.store import GraphStore
from policykg.ontology import NAMESPACE

XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#: Prefixes written at the top of a Turtle export.
TURTLE_PREFIXES = {"pkg": NAMESPACE, "xsd": XSD, "rdf": RDF_NS}

# Characters a quoted literal escapes in N-Triples and Turtle: the quote, the backslash, and
# the two line breaks (everything else is written as UTF-8).
_ESCAPES = str.maketrans({'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r"})
# A local name Turtle accepts unescaped after a prefix: ASCII letters, digits, underscore.
_PN_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# A node path that resolves against @base to itself.
_RELATIVE = re.compile(
    r"""(?!(?:.*/)?\.{1,2}(?:/|$))  # no segment is "." or ".." (resolution would drop it)
        [^:/]+                       # first segment: not empty, no colon (it would be a scheme)
        (?:/.*)?                     # the rest of the path
    """, re.X)


def _quoted(lexical: str) -> str:
    return '"' + lexical.translate(_ESCAPES) + '"'


def nt_term(term: Obj) -> str:
    """One N-Triples term."""
    if isinstance(term, Lit):
        return _quoted(term.lexical) + (f"^^<{term.datatype}>" if term.datatype else "")
    return f"<{term}>"


def nt_line(triple: Triple) -> str:
    """One N-Triples line, newline included.

    Example:
        >>> print(nt_line((ID_BASE + "x", NAMESPACE + "quote", Lit('Nghị quyết "12-NQ/TU"'))), end="")
        <https://w3id.org/policykg/id/x> <https://w3id.org/policykg/ontology#quote> "Nghị quyết \\"12-NQ/TU\\"" .
    """
    s, p, o = triple
    return f"<{s}> <{p}> {nt_term(o)} .\n"


def page_triples(page: list) -> Iterator[Triple]:
    """The triples of a page of elements, in order."""
    for element in page:
        yield from (node_triples(element) if isinstance(element, GraphNode) else edge_triples(element))


def ntriples_chunks(store: GraphStore, *, page_size: int = PAGE_SIZE,
                    on_progress: Progress | None = None) -> Iterator[str]:
    """The graph as N-Triples, one chunk of text per page of elements."""
    for page in iter_elements(store, page_size=page_size, on_progress=on_progress):
        yield "".join(nt_line(t) for t in page_triples(page))


def turtle_term(term: Obj) -> str:
    """One Turtle term: a prefixed name, a path relative to @base, or a full IRI."""
    if isinstance(term, Lit):
        if term.datatype is None:
            return _quoted(term.lexical)
        return _quoted(term.lexical) + "^^" + turtle_term(term.datatype)
    for prefix, namespace in TURTLE_PREFIXES.items():
        if term.startswith(namespace) and _PN_LOCAL.fullmatch(term[len(namespace):]):
            return f"{prefix}:{term[len(namespace):]}"
    if term.startswith(ID_BASE) and _RELATIVE.fullmatch(term[len(ID_BASE):]):
        return f"<{term[len(ID_BASE):]}>"
    return f"<{term}>"


def turtle_header() -> str:
    """@base and @prefix lines."""
    lines = [f"@base <{ID_BASE}> ."] + [f"@prefix {p}: <{ns}> ." for p, ns in TURTLE_PREFIXES.items()]
    return "\n".join(lines) + "\n\n"


def turtle_blocks(triples: Iterable[Triple]) -> str:
    """Triples as Turtle subject blocks; consecutive triples of one subject share a block."""
    out: list[str] = []
    subject = predicate = None
    for s, p, o in triples:
        obj = turtle_term(o)
        if s == subject and p == predicate:
            out.append(f", {obj}")
            continue
        if s == subject:
            out.append(f" ;\n    {_predicate(p)} {obj}")
        else:
            if subject is not None:
                out.append(" .\n\n")
            out.append(f"{turtle_term(s)} {_predicate(p)} {obj}")
        subject, predicate = s, p
    if subject is not None:
        out.append(" .\n\n")
    return "".join(out)


def _predicate(iri: str) -> str:
    return "a" if iri == RDF_TYPE else turtle_term(iri)


def turtle_chunks(store: GraphStore, *, page_size: int = PAGE_SIZE,
                  on_progress: Progress | None = None) -> Iterator[str]:
    """The graph as Turtle: the prefixes, then one chunk of subject blocks per page."""
    yield turtle_header()
    for page in iter_elements(store, page_size=page_size, on_progress=on_progress):
        yield turtle_blocks(page_triples(page))
