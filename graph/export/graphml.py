"""GraphML for Gephi (and networkx, yEd, Cytoscape), streamed; and a reader for the round trip.

One directed ``<graph>``; every property key is a ``<key>`` typed by the ontology's range
(``double``, ``long``, ``boolean``, otherwise ``string``), declared before the graph as the
format requires, so the keys are found first by one aggregate query per keyed label. A node's
id is ``<keyed label>:<identifier>`` (identifiers are unique per keyed label); it carries
``labels`` (``PolicyDocument:Plan``) and a ``label`` for display (symbol, else name, else
identifier), which Gephi shows on the node; an edge carries its type as ``label``, which Gephi
shows on the edge. Lists (a citation's evidence) have no GraphML type: they are JSON text in a
string key whose ``<desc>`` says so, which the reader turns back into lists.

Example:
    >>> with open("policykg.graphml", "w", encoding="utf-8") as out:    # doctest: +SKIP
    ...     out.writelines(graphml_chunks(store))
    >>> networkx.read_graphml("policykg.graphml").number_of_nodes()    # doctest: +SKIP
    15513
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import iterparse
from xml.sax.saxutils import escape, quoteattr

from policykg.graph.export.csv_import import column_keys
from policykg.graph.export.elements import (
    Element,
    ExportError,
    GraphEdge,
    GraphNode,
    list_keys,
    make_edge,
    make_node,
    scalar_from_text,
)
from policykg.graph.export.rdf_terms import XSD_BOOLEAN, XSD_DECIMAL, XSD_INTEGER, prop_types
from policykg.graph.export.read import PAGE_SIZE, Progress, iter_elements
from policykg.graph.store import GraphStore
from policykg.ontology.terms import Prop, Rel

NS = "http://graphml.graphdrawing.org/xmlns"
GRAPHML_TYPES = {XSD_DECIMAL: "double", XSD_INTEGER: "long", XSD_BOOLEAN: "boolean"}
#: Keys that are not properties: the label set, the display label (and an edge's type).
LABELS_KEY, DISPLAY_KEY = "labels", "label"
LIST_DESC = "JSON list"
#: Properties shown as a node's display label, the first present.
DISPLAY_PROPS = (Prop.SYMBOL, Prop.NAME, Prop.IDENTIFIER)
#: Keys that hold lists (the evidence of a qualified relationship), written as JSON text.
LIST_KEYS = frozenset().union(*(list_keys(rel) for rel in Rel))
#: Entities for what XML would otherwise normalize away: a carriage return in text.
_TEXT_ENTITIES = {"\r": "&#13;"}
# Characters XML 1.0 cannot hold even escaped: the C0 controls but tab, newline, return.
_XML_INVALID = {c: None for c in range(32) if c not in (9, 10, 13)}


def _key_type(key: str) -> str:
    types = prop_types()
    return "string" if key in types.concepts else GRAPHML_TYPES.get(types.datatype[key], "string")


def _node_id(label: str, identifier: str) -> str:
    return f"{label}:{identifier}"


def key_lines(store: GraphStore) -> list[str]:
    """The <key> declarations: every property key of nodes and of edges, plus the fixed ones."""
    found = column_keys(store)
    node_keys = sorted({k for name, keys in found.items() if name.startswith("nodes.") for k in keys})
    edge_keys = sorted({k for name, keys in found.items() if name.startswith("relationships.") for k in keys})
    lines = [f'  <key id="n_{LABELS_KEY}" for="node" attr.name="{LABELS_KEY}" attr.type="string"/>',
             f'  <key id="n_{DISPLAY_KEY}" for="node" attr.name="{DISPLAY_KEY}" attr.type="string"/>',
             '  <key id="n_identifier" for="node" attr.name="identifier" attr.type="string"/>',
             f'  <key id="e_{DISPLAY_KEY}" for="edge" attr.name="{DISPLAY_KEY}" attr.type="string"/>']
    lines += [f'  <key id="n_{k}" for="node" attr.name="{k}" attr.type="{_key_type(k)}"/>' for k in node_keys]
    for k in edge_keys:
        if k in LIST_KEYS:
            lines.append(f'  <key id="e_{k}" for="edge" attr.name="{k}" attr.type="string">'
                         f"<desc>{LIST_DESC}</desc></key>")
        else:
            lines.append(f'  <key id="e_{k}" for="edge" attr.name="{k}" attr.type="{_key_type(k)}"/>')
    return lines


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, list):
        return json.dumps(value, ensure_ascii=False)
    text = str(value)
    if text.translate(_XML_INVALID) != text:
        raise ExportError(f"{text[:40]!r} holds a control character XML cannot carry")
    return text


def _data(prefix: str, key: str, value: object) -> str:
    return f'<data key="{prefix}_{key}">{escape(_text(value), _TEXT_ENTITIES)}</data>'


def node_xml(node: GraphNode) -> str:
    """One <node> element."""
    display = next((node.props.get(p) for p in DISPLAY_PROPS if node.props.get(p) is not None),
                   node.identifier)
    parts = [_data("n", LABELS_KEY, ":".join(node.labels)), _data("n", DISPLAY_KEY, display),
             _data("n", "identifier", node.identifier)]
    parts += [_data("n", k, v) for k, v in node.props.items()]
    return f"  <node id={quoteattr(_node_id(node.key, node.identifier))}>{''.join(parts)}</node>\n"


def edge_xml(edge: GraphEdge) -> str:
    """One <edge> element."""
    parts = [_data("e", DISPLAY_KEY, edge.type)] + [_data("e", k, v) for k, v in edge.props.items()]
    return (f"  <edge source={quoteattr(_node_id(edge.src_key, edge.src))} "
            f"target={quoteattr(_node_id(edge.dst_key, edge.dst))}>{''.join(parts)}</edge>\n")


def graphml_chunks(store: GraphStore, *, page_size: int = PAGE_SIZE,
                   on_progress: Progress | None = None) -> Iterator[str]:
    """The graph as one GraphML document: keys, then nodes, then edges, page by page."""
    yield "\n".join(['<?xml version="1.0" encoding="UTF-8"?>', f'<graphml xmlns="{NS}">',
                     *key_lines(store), '  <graph id="policykg" edgedefault="directed">']) + "\n"
    for page in iter_elements(store, page_size=page_size, on_progress=on_progress):
        yield "".join(node_xml(e) if isinstance(e, GraphNode) else edge_xml(e) for e in page)
    yield "  </graph>\n</graphml>\n"


# -- reading it back ----------------------------------------------------------------------------


def _keys(path: Path) -> dict[str, tuple[str, str, bool]]:
    """key id -> (attribute name, type, is a JSON list)."""
    out = {}
    for _, element in iterparse(path, events=("end",)):
        if element.tag == f"{{{NS}}}key":
            desc = element.find(f"{{{NS}}}desc")
            out[element.get("id")] = (element.get("attr.name"), element.get("attr.type"),
                                      desc is not None and desc.text == LIST_DESC)
        elif element.tag == f"{{{NS}}}graph":
            break
    return out


def _value(text: str, kind: str, is_list: bool) -> object:
    if is_list:
        return json.loads(text)
    return scalar_from_text(text, kind)


def read_graphml(path: Path) -> Iterator[Element]:
    """The elements of a file written by ``graphml_chunks``, in file order (nodes first)."""
    keys = _keys(path)
    for _, element in iterparse(path, events=("end",)):
        if element.tag not in (f"{{{NS}}}node", f"{{{NS}}}edge"):
            continue
        data = {}
        for item in element.findall(f"{{{NS}}}data"):
            name, kind, is_list = keys[item.get("key")]
            data[name] = _value(item.text or "", kind, is_list)
        if element.tag == f"{{{NS}}}node":
            labels = str(data.pop(LABELS_KEY)).split(":")
            data.pop(DISPLAY_KEY, None)
            yield make_node(data.pop("identifier"), labels, data)
        else:
            rel = str(data.pop(DISPLAY_KEY))
            src_label, _, src = element.get("source").partition(":")
            dst_label, _, dst = element.get("target").partition(":")
            yield make_edge(rel, (src_label, src), ([dst_label], dst), data)
        element.clear()
