"""The property graph as plain elements: what every export writes and every importer reads back.

A node is its keyed label (the one label it is MERGEd on: ``PolicyDocument``, ``AdminUnit``,
``Organization``, ``Target``, ``Task``, ``Evidence`` or ``Indicator``, see
``graph/load.py`` KEYED_LABELS), its identifier, the other labels it carries (``Plan``) and its
properties. A relationship is its type, the keyed label and identifier of both ends, and its
properties. Nothing else exists in a policykg graph, so an export that writes every element
of the store, and an importer that MERGEs them back, rebuild the same graph.

Every name is checked against the ontology (``policykg.ontology.terms``) as an element is made:
a label, type or property key the ontology does not define cannot be expressed in RDF, nor
safely interpolated into Cypher text, so the export stops with an ``ExportError`` naming the
element instead of dropping it silently.

Example (sample 000, the Sông Lô plan)::

    GraphNode(key=Label.POLICY_DOCUMENT, identifier="vn/ubnd-huyen-song-lo/undated/kh-287558f142e7",
              extra=(Label.PLAN,), props={"level": "district", "document_type": "KH", …})
    GraphEdge(type=Rel.IMPLEMENTS, src_key=Label.POLICY_DOCUMENT, src="vn/ubnd-huyen-song-lo/…",
              dst_key=Label.POLICY_DOCUMENT, dst="vn/tinh-uy-vinh-phuc/2020/12-nq-tu",
              props={"quote": ["Nghị quyết số 12-NQ/TU"], "sha256": ["2875…"], …})
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Union

from policykg.errors import ExportError  # re-exported: the export modules import it from here
from policykg.graph import cypher
from policykg.graph.load import GRAPH_SCHEMA, KEYED_LABELS
from policykg.graph.store import DEFAULT_BATCH_SIZE, GraphStore, WriteCounters
from policykg.ontology.terms import QUALIFIED, Label, Prop, Rel

Scalar = Union[str, int, float, bool]
Value = Union[Scalar, list[Scalar]]

KEY = cypher.KEY
_LABELS = {label.value: label for label in Label}
_RELS = {rel.value: rel for rel in Rel}
_PROPS = {prop.value: prop for prop in Prop}


@dataclass(frozen=True)
class GraphNode:
    """One node: keyed label, identifier, the other labels (sorted) and the other properties."""

    key: Label
    identifier: str
    extra: tuple[Label, ...]
    props: Mapping[str, Value]

    @property
    def labels(self) -> tuple[Label, ...]:
        """Every label of the node, the keyed one first."""
        return (self.key, *self.extra)


@dataclass(frozen=True)
class GraphEdge:
    """One relationship, its ends given by keyed label and identifier."""

    type: Rel
    src_key: Label
    src: str
    dst_key: Label
    dst: str
    props: Mapping[str, Value]


Element = Union[GraphNode, GraphEdge]


def key_label(labels: Iterable[str], where: str) -> Label:
    """The keyed label among a node's labels (the first in KEYED_LABELS order)."""
    names = set(labels)
    for label in KEYED_LABELS:
        if label.value in names:
            return label
    raise ExportError(f"{where} carries none of the labels nodes are keyed on "
                      f"({', '.join(KEYED_LABELS)}): labels {sorted(names)}")


def make_node(identifier: Any, labels: Iterable[str], props: Mapping[str, Any]) -> GraphNode:
    """A checked GraphNode from what the store returns (``identifier`` is taken out of props)."""
    where = f"node {identifier!r}"
    if not isinstance(identifier, str) or not identifier:
        raise ExportError(f"a node with labels {sorted(labels)} has no identifier")
    names = list(labels)
    key = key_label(names, where)
    unknown = [name for name in names if name not in _LABELS]
    if unknown:
        raise ExportError(f"{where} has labels {unknown} that the ontology does not define")
    extra = tuple(sorted((_LABELS[n] for n in set(names) if n != key.value), key=str))
    checked = check_props({k: v for k, v in props.items() if k != KEY}, where)
    lists = [k for k, v in checked.items() if isinstance(v, list)]
    if lists:
        # Nodes hold no lists in a policykg graph (only a citation's evidence is one), and the
        # tabular formats type each column by the ontology, which has no list-valued property.
        raise ExportError(f"{where}: properties {lists} are lists; only the evidence of a "
                          "citation relationship is a list in a policykg graph")
    return GraphNode(key, identifier, extra, checked)


def make_edge(rel: str, src: tuple[str, Any], dst: tuple[Iterable[str], Any],
              props: Mapping[str, Any]) -> GraphEdge:
    """A checked GraphEdge; ``src`` is (keyed label, identifier), ``dst`` (labels, identifier)."""
    where = f"relationship {rel} from {src[1]!r} to {dst[1]!r}"
    if rel not in _RELS:
        raise ExportError(f"{where}: the ontology defines no relationship type {rel!r}")
    if not isinstance(dst[1], str) or not dst[1]:
        raise ExportError(f"{where}: its target node has no identifier")
    edge = GraphEdge(_RELS[rel], Label(src[0]), src[1], key_label(dst[0], where), dst[1],
                     check_props(props, where))
    check_edge_props(edge, where)
    return edge


def check_props(props: Mapping[str, Any], where: str) -> dict[str, Value]:
    """Properties as plain values, sorted by key; every key a Prop, every value storable."""
    out: dict[str, Value] = {}
    for key in sorted(props):
        if key not in _PROPS:
            raise ExportError(f"{where} has property {key!r}, which the ontology does not define")
        value = props[key]
        items = value if isinstance(value, list) else [value]
        for item in items:
            finite = not isinstance(item, float) or math.isfinite(item)
            if not isinstance(item, str | int | float) or not finite:
                raise ExportError(f"{where}: property {key!r} holds {item!r}, which no export "
                                  "format can write (strings, integers, finite floats, booleans)")
        out[key] = list(value) if isinstance(value, list) else value
    return out


def list_keys(rel: Rel | None) -> frozenset[str]:
    """Property keys that hold lists: the evidence lists of a qualified relationship."""
    qualified = QUALIFIED.get(rel) if rel is not None else None
    return frozenset(qualified.list_props) if qualified else frozenset()


def edge_keys(rel: Rel) -> frozenset[str]:
    """Property keys a relationship may carry: only a qualified one has any (see mapping.py)."""
    qualified = QUALIFIED.get(rel)
    return frozenset((*qualified.props, *qualified.list_props)) if qualified else frozenset()


def check_edge_props(edge: GraphEdge, where: str) -> None:
    """Properties only where the ontology gives them a place in RDF; lists only where it inlines
    them, all present and of one length (item i of each is one Evidence)."""
    allowed, lists = edge_keys(edge.type), list_keys(edge.type)
    stray = sorted(set(edge.props) - allowed)
    if stray:
        raise ExportError(f"{where}: properties {stray} have no place in the ontology (a "
                          f"{edge.type} relationship may carry {sorted(allowed) or 'none'})")
    for key, value in edge.props.items():
        if isinstance(value, list) != (key in lists):
            raise ExportError(f"{where}: property {key!r} must {'' if key in lists else 'not '}"
                              f"be a list (see policykg.ontology.mapping, qualified relations)")
    present = lists & set(edge.props)
    if present and (present != lists or len({len(edge.props[k]) for k in lists}) > 1):
        raise ExportError(f"{where}: the evidence lists {sorted(lists)} must all be present with "
                          "one length")


# -- importing elements back (the round trips, and ``policykg`` importers) --------------------


def load_elements(store: GraphStore, elements: Iterable[Element], *,
                  batch_size: int = DEFAULT_BATCH_SIZE, chunk: int = 10 * DEFAULT_BATCH_SIZE) -> WriteCounters:
    """MERGE elements into a store with the loader's own queries (``graph/cypher.py``).

    Nodes must come before the relationships that need them, as every reader here yields them.
    Elements are written in chunks, so memory stays flat; the schema is created first.

    Example:
        >>> load_elements(store, read_graphml(Path("policykg.graphml")))   # doctest: +SKIP
    """
    store.ensure_schema(GRAPH_SCHEMA)
    total = WriteCounters()
    buffer: list[Element] = []
    for element in elements:
        buffer.append(element)
        if len(buffer) >= chunk:
            total += _write_chunk(store, buffer, batch_size)
            buffer = []
    return total + _write_chunk(store, buffer, batch_size)


def _write_chunk(store: GraphStore, elements: Sequence[Element], batch_size: int) -> WriteCounters:
    total = WriteCounters()
    for query, rows in grouped_rows(elements):
        total += store.write_batches(query, rows, batch_size=batch_size)
    return total


def grouped_rows(elements: Sequence[Element]) -> list[tuple[str, list[dict[str, Any]]]]:
    """UNWIND queries (with ``$rows``) and their rows, nodes first, one query per group."""
    nodes: dict[tuple[Label, tuple[Label, ...]], list[dict]] = defaultdict(list)
    edges: dict[tuple[Rel, Label, Label], list[dict]] = defaultdict(list)
    for e in elements:
        if isinstance(e, GraphNode):
            nodes[(e.key, e.extra)].append({"id": e.identifier, "props": dict(e.props)})
        else:
            edges[(e.type, e.src_key, e.dst_key)].append({"src": e.src, "dst": e.dst, "props": dict(e.props)})
    out = [(cypher.merge_nodes_query(label, extra_labels=extra), rows)
           for (label, extra), rows in nodes.items()]
    out += [(cypher.merge_edges_query(rel, src, dst), rows) for (rel, src, dst), rows in edges.items()]
    return out


def scalar_from_text(text: str, kind: str) -> Value:
    """A scalar read back from an export's text by the type name both file formats use
    (``long``, ``double``, ``boolean``, else ``string``): ``scalar_from_text("87.5", "double")``."""
    if kind == "long":
        return int(text)
    if kind == "double":
        return float(text)
    if kind == "boolean":
        return text == "true"
    return text
