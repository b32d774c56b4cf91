"""Read the whole graph in pages, nodes first, then relationships; memory holds one page.

Nodes are read per keyed label (``graph/load.py`` KEYED_LABELS), in identifier order, by keyset
pagination: each page asks for the identifiers after the last one seen (``WHERE n.identifier >
$after ORDER BY n.identifier LIMIT $limit``). Unlike SKIP, a keyset page is found through the
identifier index (each keyed label has a uniqueness constraint on it) and does not shift when
the graph changes between pages. Relationships are read per page of source nodes: every
relationship leaving those nodes, whatever its type, so each relationship is read exactly once
(from its source) and a page of them is bounded by the degree of a page of nodes.

The order is deterministic (keyed label, identifier; then type and target), so two exports of
one graph are byte-identical. An export is not a snapshot: run it when no load is writing.

Example:
    >>> for page in iter_nodes(store):                                   # doctest: +SKIP
    ...     print(page[0].identifier)                # 'vn/bo-chinh-tri/2020/...'
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from policykg.graph.cypher import Query, _label
from policykg.graph.export.elements import KEY, ExportError, GraphEdge, GraphNode, make_edge, make_node
from policykg.graph.load import KEYED_LABELS
from policykg.graph.store import GraphStore
from policykg.ontology.terms import Label

#: Nodes per page: a page of documents with their properties is a few megabytes at most, and
#: a page query on a million-node label sorts only what follows the last identifier seen.
PAGE_SIZE = 2000

Progress = Callable[[int], None]


def page_query(label: Label, after: str | None, limit: int, *, ids_only: bool = False) -> Query:
    """One page of nodes of a keyed label, after an identifier (None: the first page)."""
    where = f"WHERE n.{KEY} > $after " if after is not None else ""
    fields = (f"n.{KEY} AS id" if ids_only else
              f"n.{KEY} AS id, labels(n) AS labels, properties(n) AS props")
    return (f"MATCH (n:{_label(label)}) {where}WITH n ORDER BY n.{KEY} LIMIT $limit RETURN {fields}",
            {"after": after, "limit": limit})


def edges_query(label: Label, ids: list[str]) -> Query:
    """Every relationship leaving the given nodes of a keyed label, with the keyed label of each
    end (the first of KEYED_LABELS it carries), returned as one string rather than a label list:
    the answer is most of what an export reads, and each list item costs a reply element."""
    keyed = [k.value for k in KEYED_LABELS]
    return (f"UNWIND $ids AS id MATCH (a:{_label(label)} {{{KEY}: id}})-[r]->(b) "
            f"RETURN id AS src, head([k IN $keyed WHERE k IN labels(a)]) AS src_key, type(r) AS type, "
            f"head([k IN $keyed WHERE k IN labels(b)]) AS dst_key, b.{KEY} AS dst, "
            f"properties(r) AS props", {"ids": ids, "keyed": keyed})


def unkeyed_query() -> Query:
    """How many nodes carry no keyed label, or a keyed label without an identifier."""
    keyed = " OR ".join(f"n:{_label(label)}" for label in KEYED_LABELS)
    return f"MATCH (n) WHERE NOT ({keyed}) OR n.{KEY} IS NULL RETURN count(n) AS n", {}


def count_query() -> tuple[Query, Query]:
    """Node and relationship totals (for progress bars)."""
    return ("MATCH (n) RETURN count(n) AS n", {}), ("MATCH ()-[r]->() RETURN count(r) AS n", {})


def count_elements(store: GraphStore) -> int:
    """Nodes plus relationships: what a progress bar counts to."""
    nodes, rels = count_query()
    return store.read(*nodes)[0]["n"] + store.read(*rels)[0]["n"]


def check_exportable(store: GraphStore) -> None:
    """Refuse a graph with nodes no page would reach, rather than export it without them."""
    [row] = store.read(*unkeyed_query())
    if row["n"]:
        raise ExportError(f"{row['n']} nodes carry no keyed label ({', '.join(KEYED_LABELS)}) or no "
                          f"identifier; an export would leave them out")


def _id_pages(store: GraphStore, label: Label, page_size: int, *, ids_only: bool) -> Iterator[list[dict]]:
    after = None
    while True:
        rows = store.read(*page_query(label, after, page_size, ids_only=ids_only))
        if not rows:
            return
        yield rows
        if len(rows) < page_size:
            return
        after = rows[-1]["id"]


def iter_nodes(store: GraphStore, *, page_size: int = PAGE_SIZE,
               on_progress: Progress | None = None) -> Iterator[list[GraphNode]]:
    """Pages of nodes, per keyed label in KEYED_LABELS order, each in identifier order."""
    for label in KEYED_LABELS:
        for rows in _id_pages(store, label, page_size, ids_only=False):
            page = [make_node(r["id"], r["labels"], r["props"]) for r in rows]
            # A node with two keyed labels is written once, under the first of them.
            page = [node for node in page if node.key == label]
            if on_progress:
                on_progress(len(page))
            yield page


def iter_edges(store: GraphStore, *, page_size: int = PAGE_SIZE,
               on_progress: Progress | None = None) -> Iterator[list[GraphEdge]]:
    """Pages of relationships, grouped by source node in the order of ``iter_nodes``."""
    for label in KEYED_LABELS:
        for rows in _id_pages(store, label, page_size, ids_only=True):
            found = store.read(*edges_query(label, [r["id"] for r in rows]))
            page = [make_edge(r["type"], (label, r["src"]), ([r["dst_key"] or ""], r["dst"]), r["props"])
                    for r in found if r["src_key"] == label]
            page.sort(key=lambda e: (e.src, e.type, e.dst_key, e.dst))
            _refuse_parallel(page)
            if on_progress:
                on_progress(len(page))
            if page:
                yield page


def _refuse_parallel(page: list[GraphEdge]) -> None:
    """Two relationships of one type between the same nodes would be merged into one by the
    Cypher script and the importers: refuse rather than lose one."""
    def key(e: GraphEdge) -> tuple:
        return e.src, e.type, e.dst_key, e.dst

    for before, edge in zip(page, page[1:]):
        if key(before) == key(edge):
            raise ExportError(f"two {edge.type} relationships run from {edge.src!r} to {edge.dst!r}; "
                              "the graph keys relationships by (source, type, target)")


def iter_elements(store: GraphStore, *, page_size: int = PAGE_SIZE,
                  on_progress: Progress | None = None) -> Iterator[list[GraphNode] | list[GraphEdge]]:
    """Every page of nodes, then every page of relationships, after checking the graph."""
    check_exportable(store)
    yield from iter_nodes(store, page_size=page_size, on_progress=on_progress)
    yield from iter_edges(store, page_size=page_size, on_progress=on_progress)
