"""The cascade as a vis-network graph: pure functions from query results to nodes and edges.

A view starts with every document of the cascade, the place each applies to and the body that
issued it; an *expanded* document adds its targets (each linked to the target it derives from)
and the agencies leading its tasks. Small cascades open with every document expanded. Above
``COLLAPSE_ABOVE`` nodes (vis-network slows down past ~1,000, and a person cannot read 300),
commune documents fold into one node per district, which the page opens on a click
(:func:`group_content`). Nodes and edges are pyvis ``Node``/``Edge`` objects (pyvis' own
``Network`` refuses an edge to a node it does not hold, and an expansion links to nodes the page
already shows); the page renders them with vis-network.

Example:
    >>> facts = Facts(root={"id": "vn/tinh-uy-vinh-phuc/2020/12-nq-tu", "symbol": "12-NQ/TU",
    ...                     "level": "province", "loaded": False}, documents=[], edges=[], context={})
    >>> [n["label"] for n in build_view(facts)["nodes"]]
    ['12-NQ/TU']
"""

from __future__ import annotations

import textwrap
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from pyvis.edge import Edge
from pyvis.node import Node

from policykg.viz.layout import place
from policykg.viz.style import (
    COMPARISON_EDGE_COLOURS,
    COMPARISON_NAMES,
    FONT_FAMILY,
    KIND_SHAPES,
    LEVELS,
    RELATION_COLOURS,
    RELATION_LABELS,
    level_colour,
    text_colour,
)

#: Visible nodes above which commune documents fold into one node per district.
COLLAPSE_ABOVE = 300
#: Cascades of at most this many documents (root included) open with every document expanded.
AUTO_EXPAND_DOCUMENTS = 6
#: Characters per line of a node label, and lines at most (a title runs to 300 characters).
LABEL_WIDTH = 24
LABEL_LINES = 3
#: Lead agencies an expanded document shows (those leading the most tasks); the panel lists all.
MAX_LEAD_AGENCIES = 8
#: Spring lengths (canvas pixels) of a document's attachments: targets and agencies sit on a wider
#: ring than its place and issuer, so 20 targets around one plan do not cover each other.
TARGET_EDGE_LENGTH = 170
AGENCY_EDGE_LENGTH = 230
#: How much darker than its fill a node's border is (so a light fill still stands out on white).
BORDER_DARKEN = 0.35
#: Physics iterations the first layout runs before the page turns physics off.
STABILIZATION_ITERATIONS = 200
#: vis-network's options: Barnes-Hut physics tuned to settle fast (the page turns physics off
#: once the layout is stable), smooth edges that need no extra physics nodes, labels in the
#: Vietnamese font, keyboard zoom and pan when the canvas has focus.
VIS_OPTIONS = {
    "autoResize": True,
    "layout": {"randomSeed": 7, "improvedLayout": False},
    # Labels below drawThreshold pixels are not drawn: zoomed out, a large cascade shows its
    # shapes; zooming in brings the words back.
    "nodes": {"font": {"face": FONT_FAMILY, "size": 13}, "borderWidth": 1,
              "scaling": {"label": {"enabled": True, "min": 13, "max": 13, "drawThreshold": 5}}},
    "edges": {
        "font": {"face": FONT_FAMILY, "size": 11, "align": "middle", "color": "#333333",
                 "strokeWidth": 3, "strokeColor": "#FFFFFF"},
        "scaling": {"label": {"enabled": True, "min": 11, "max": 11, "drawThreshold": 6}},
        "smooth": {"enabled": True, "type": "continuous", "roundness": 0.3},
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
        "width": 1,
    },
    "physics": {
        "enabled": True,
        "solver": "barnesHut",
        "barnesHut": {"gravitationalConstant": -9000, "centralGravity": 0.25, "springLength": 140,
                      "springConstant": 0.04, "damping": 0.35, "avoidOverlap": 0.4},
        # The nodes start laid out (viz/layout.py): a few hundred iterations relax them.
        "stabilization": {"enabled": True, "iterations": STABILIZATION_ITERATIONS,
                          "updateInterval": 50, "fit": True},
        "minVelocity": 1.5,
        "timestep": 0.5,
    },
    "interaction": {"hover": True, "tooltipDelay": 250, "navigationButtons": False,
                    "keyboard": {"enabled": True, "bindToWindow": False}, "multiselect": False},
}
COMPARATOR_SIGNS = {">": "> ", ">=": "≥ ", "<": "< ", "<=": "≤ ", "~": "≈ ", "=": "", "range": ""}


@dataclass
class Expansion:
    """What expanding a document adds: its targets (lineage rows) and its lead agencies."""

    targets: list[dict] = field(default_factory=list)
    agencies: list[dict] = field(default_factory=list)


@dataclass
class Facts:
    """Query results a view is built from.

    Attributes:
        root: the root document (``require_document``'s answer).
        documents: the cascade's documents below the root (``cascade``'s nodes, with depth).
        edges: relationships among the root and those documents (``cascade``'s edges).
        context: per document id, ``document_context``'s row (issuer, unit, district, province,
            indicators).
        expansions: per expanded document id, its targets and lead agencies.
    """

    root: dict
    documents: list[dict]
    edges: list[dict]
    context: dict[str, dict]
    expansions: dict[str, Expansion] = field(default_factory=dict)

    def all_documents(self) -> list[dict]:
        """The root (depth 0) and the documents below it."""
        return [{**self.root, "depth": 0}, *self.documents]


def auto_expanded(facts: Facts) -> list[str]:
    """The documents a view opens expanded: all of a small cascade, else the root alone."""
    docs = facts.all_documents()
    if len(docs) <= AUTO_EXPAND_DOCUMENTS:
        return [d["id"] for d in docs]
    return [facts.root["id"]]


def needs_collapse(visible_nodes: int) -> bool:
    """Whether a view of this many nodes folds its communes by district."""
    return visible_nodes > COLLAPSE_ABOVE


def wrap(text: str | None, width: int = LABEL_WIDTH, lines: int = LABEL_LINES) -> str:
    """A label cut into lines of ``width`` characters, at most ``lines`` of them."""
    return "\n".join(textwrap.wrap(text or "", width, max_lines=lines, placeholder=" …"))


def darken(colour: str, amount: float = BORDER_DARKEN) -> str:
    """``colour`` moved ``amount`` of the way to black."""
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c * (1 - amount)):02X}" for c in (r, g, b))


def _colour(fill: str) -> dict:
    border = darken(fill)
    return {"background": fill, "border": border,
            "highlight": {"background": fill, "border": "#000000"},
            "hover": {"background": fill, "border": "#000000"}}


def _node(node_id: str, kind: str, label: str, level: str | None, **extra) -> dict:
    fill = level_colour(level)
    inside = KIND_SHAPES[kind] in ("box", "database")  # these shapes draw the label on the fill
    font = {"face": FONT_FAMILY, "color": text_colour(fill) if inside else "#111111"}
    # A null option is a value to vis-network (a null mass is refused); a missing one is its default.
    present = {k: v for k, v in extra.items() if v is not None}
    return Node(node_id, KIND_SHAPES[kind], label, kind=kind, level=level, color=_colour(fill),
                font=font, **present).options


def _edge(source: str, target: str, relation: str, label: str | None = None,
          colour: str | None = None, **extra) -> dict:
    return Edge(source, target, directed=True, id=f"{relation}:{source}->{target}",
                relation=relation, label=label or RELATION_LABELS[relation],
                color={"color": colour or RELATION_COLOURS[relation], "highlight": "#000000"},
                **{k: v for k, v in extra.items() if v is not None}).options


def document_label(doc: dict, context: dict | None) -> str:
    """'12-NQ/TU' over its place; a document without a number shows its type."""
    head = doc.get("symbol") or f"{doc.get('document_type') or 'document'} (no number)"
    place = (context or {}).get("unit_name") or doc.get("place")
    return f"{head}\n{wrap(place, LABEL_WIDTH, 1)}" if place else head


def document_node(doc: dict, context: dict | None, *, root: bool = False) -> dict:
    """A document: a box in its level's colour; dashed when known only from citations."""
    ctx = context or {}
    title = "\n".join(filter(None, [doc.get("symbol"), wrap(doc.get("title") or doc.get("name"), 60, 4),
                                    doc.get("issued"), ctx.get("issuer_name"), doc["id"]]))
    extra = {"borderWidth": 3 if root else 1, "margin": 8, "mass": 2,
             "shapeProperties": {"borderDashes": [] if doc.get("loaded") else [6, 4]}}
    return _node(doc["id"], "document", document_label(doc, ctx), doc.get("level"), title=title,
                 province=ctx.get("province"), district=ctx.get("district"),
                 issuer=ctx.get("issuer_name"),
                 indicators=sorted(ctx.get("indicators", {})), loaded=bool(doc.get("loaded")),
                 root=root, **extra)


def place_node(ctx: dict) -> dict:
    """The unit a document applies to (shared by the documents of one unit)."""
    label = ctx.get("unit_alias") or ctx.get("unit_name") or ctx["unit"]
    return _node(ctx["unit"], "place", wrap(label), ctx.get("unit_level"), size=10,
                 title=f"{label}\n{ctx['unit']}", province=ctx.get("province"))


def agency_node(agency_id: str, name: str | None, level: str | None, province: str | None) -> dict:
    """A body: the issuer of a document, or an agency leading its tasks."""
    return _node(agency_id, "agency", wrap(name or agency_id), level, size=10,
                 title=f"{name or ''}\n{agency_id}".strip(), province=province)


def figure(target: dict) -> str:
    """A target's value as people read it: '> 60 triệu đồng/người · 2025', '85–90 % · 2030'."""
    value = target.get("value")
    if value is None:
        amount = ""
    elif target.get("comparator") == "range" and target.get("value_max") is not None:
        amount = f"{value:g}–{target['value_max']:g}"
    else:
        amount = COMPARATOR_SIGNS.get(target.get("comparator") or "=", "") + f"{value:g}"
    text = " ".join(filter(None, [amount, target.get("unit")]))
    return f"{text} · {target['year']}" if target.get("year") else text


def target_label(target: dict) -> str:
    """The figure, under the indicator's name when the matcher named one."""
    figure_text = figure(target)
    name = (target.get("indicator") or {}).get("name") or target.get("indicator_text")
    return f"{wrap(name, LABEL_WIDTH, 1)}\n{figure_text}" if name else figure_text


def target_node(target: dict, doc: dict, context: dict | None) -> dict:
    """A target: a dot in its document's level colour, ringed by how it changed from its parent."""
    derived = target.get("derived_from") or {}
    ring = COMPARISON_EDGE_COLOURS.get(derived.get("comparison") or "")
    node = _node(target["id"], "target", target_label(target), doc.get("level"), size=8,
                 title=wrap(target.get("text"), 60, 6), owner=doc["id"],
                 province=(context or {}).get("province"),
                 indicators=[target["indicator"]["id"]] if target.get("indicator") else [],
                 info={k: target.get(k) for k in ("text", "indicator", "indicator_text", "value",
                                                  "value_max", "unit", "comparator", "year",
                                                  "section", "derived_from", "evidence")})
    if ring:
        node["color"]["border"] = ring
        node["borderWidth"] = 3
    return node


def expansion_elements(doc: dict, context: dict | None, expansion: Expansion) -> tuple[list, list]:
    """The nodes and edges expanding ``doc`` adds: targets, their derivations, lead agencies."""
    nodes, edges = [], []
    province = (context or {}).get("province")
    for target in expansion.targets:
        nodes.append(target_node(target, doc, context))
        edges.append(_edge(doc["id"], target["id"], "sets_target", length=TARGET_EDGE_LENGTH))
        derived = target.get("derived_from") or {}
        if derived.get("target"):
            comparison = derived.get("comparison")
            label = f"derives from · {COMPARISON_NAMES.get(comparison, comparison)}" if comparison else None
            edges.append(_edge(target["id"], derived["target"], "derived_from", label,
                               COMPARISON_EDGE_COLOURS.get(comparison or ""), dashes=True))
    for agency in expansion.agencies[:MAX_LEAD_AGENCIES]:
        nodes.append(agency_node(agency["id"], agency.get("name"), agency.get("level"), province))
        edges.append(_edge(doc["id"], agency["id"], "lead_agency",
                           f"leads {agency['tasks']} task{'s' if agency['tasks'] != 1 else ''}",
                           length=AGENCY_EDGE_LENGTH))
    return nodes, edges


def attachment_elements(doc: dict, context: dict | None) -> tuple[list, list]:
    """The place a document applies to and the body that issued it, with their edges."""
    ctx = context or {}
    nodes, edges = [], []
    if ctx.get("unit"):
        nodes.append(place_node(ctx))
        edges.append(_edge(doc["id"], ctx["unit"], "applies_to"))
    if ctx.get("issuer"):
        nodes.append(agency_node(ctx["issuer"], ctx.get("issuer_name"), ctx.get("issuer_level"),
                                 ctx.get("province")))
        edges.append(_edge(doc["id"], ctx["issuer"], "issued_by"))
    return nodes, edges


def cascade_edge(edge: dict) -> dict:
    """A document-to-document relationship (child implements or is based on parent)."""
    relation = edge["relation"] if edge["relation"] in RELATION_LABELS else "implements"
    return _edge(edge["source"], edge["target"], relation, width=2,
                 quote=(edge.get("evidence") or {}).get("quote"))


class _Elements:
    """Nodes and edges by id, first one kept: a shared place or agency appears once."""

    def __init__(self) -> None:
        self.nodes: dict[str, dict] = {}
        self.edges: dict[str, dict] = {}

    def add(self, nodes: list[dict], edges: list[dict]) -> None:
        for node in nodes:
            self.nodes.setdefault(node["id"], node)
        for edge in edges:
            self.edges.setdefault(edge["id"], edge)


def group_key(doc: dict, context: dict | None) -> str | None:
    """The group a document folds into when communes collapse: its district's, or None."""
    if doc.get("level") != "commune" or doc.get("depth", 0) == 0:
        return None
    return "group:" + ((context or {}).get("district") or "unplaced")


def _documents_elements(facts: Facts, docs: list[dict], expanded: set[str]) -> _Elements:
    out = _Elements()
    for doc in docs:
        ctx = facts.context.get(doc["id"])
        out.add([document_node(doc, ctx, root=doc["id"] == facts.root["id"])], [])
        out.add(*attachment_elements(doc, ctx))
        if doc["id"] in expanded and doc["id"] in facts.expansions:
            out.add(*expansion_elements(doc, ctx, facts.expansions[doc["id"]]))
    return out


def group_nodes(facts: Facts, members: dict[str, list[dict]], edges: list[dict]) -> tuple[list, list]:
    """One node per district for its commune documents, linked to what they implement."""
    where = {d["id"]: key for key, docs in members.items() for d in docs}
    nodes, out_edges = [], []
    for key, docs in members.items():
        ctx = facts.context.get(docs[0]["id"]) or {}
        name = ctx.get("district_name") or "no district"
        nodes.append(_node(key, "group", f"{len(docs)} commune documents\n{wrap(name, LABEL_WIDTH, 1)}",
                           "commune", title=f"{len(docs)} commune documents of {name}: click to open",
                           province=ctx.get("province"), district=ctx.get("district"),
                           members=len(docs), margin=8, mass=3,
                           indicators=sorted({i for d in docs for i in
                                              (facts.context.get(d["id"]) or {}).get("indicators", {})})))
    counts = Counter((where[e["source"]], e["target"], e["relation"]) for e in edges
                     if e["source"] in where and e["target"] not in where)
    for (key, parent, relation), n in sorted(counts.items()):
        relation = relation if relation in RELATION_LABELS else "implements"
        out_edges.append(_edge(key, parent, relation, f"{RELATION_LABELS[relation]} ×{n}", width=2))
    return nodes, out_edges


def build_view(facts: Facts, expanded: list[str] | None = None) -> dict:
    """The first view of a cascade: all documents, or communes folded when it is too large.

    Args:
        facts: the cascade and what surrounds its documents.
        expanded: the documents shown expanded (default :func:`auto_expanded`); their
            expansions must be in ``facts.expansions``.
    """
    docs = facts.all_documents()
    chosen = set(auto_expanded(facts) if expanded is None else expanded)
    full = _documents_elements(facts, docs, chosen)
    groups: dict[str, list[dict]] = defaultdict(list)
    if needs_collapse(len(full.nodes)):
        for doc in docs:
            key = group_key(doc, facts.context.get(doc["id"]))
            if key:
                groups[key].append(doc)
    if groups:
        folded = {d["id"] for members in groups.values() for d in members}
        chosen -= folded
        view = _documents_elements(facts, [d for d in docs if d["id"] not in folded], chosen)
        view.add(*group_nodes(facts, groups, facts.edges))
        kept = [e for e in facts.edges if e["source"] not in folded and e["target"] not in folded]
    else:
        view, kept = full, facts.edges
    view.add([], [cascade_edge(e) for e in kept])
    depth = {d["id"]: d.get("depth", 0) for d in docs}
    depth.update({key: max(depth[d["id"]] for d in members) for key, members in groups.items()})
    place(list(view.nodes.values()), list(view.edges.values()), depth)
    return {"root": facts.root, "nodes": list(view.nodes.values()), "edges": list(view.edges.values()),
            "expanded": sorted(chosen), "collapsed": bool(groups),
            "groups": sorted(groups), "filters": filters(facts, docs),
            "stats": {"documents": len(docs), "nodes": len(view.nodes), "nodes_unfolded": len(full.nodes),
                      "folded_documents": sum(len(m) for m in groups.values())}}


def group_content(facts: Facts, key: str) -> dict:
    """What opening a district's group shows: its commune documents, their places and issuers."""
    members = [d for d in facts.all_documents() if group_key(d, facts.context.get(d["id"])) == key]
    inside = {d["id"] for d in members}
    elements = _documents_elements(facts, members, set())
    elements.add([], [cascade_edge(e) for e in facts.edges
                      if e["source"] in inside or e["target"] in inside])
    return {"remove": [key], "nodes": list(elements.nodes.values()),
            "edges": list(elements.edges.values())}


def expansion_view(doc: dict, context: dict | None, expansion: Expansion) -> dict:
    """The nodes and edges a click on a document adds to the page."""
    nodes, edges = expansion_elements(doc, context, expansion)
    return {"remove": [], "nodes": nodes, "edges": edges}


def filters(facts: Facts, docs: list[dict]) -> dict:
    """The choices the page's filters offer for this cascade: levels, provinces, indicators."""
    present = {d.get("level") for d in docs}
    provinces = sorted({c["province"] for c in facts.context.values() if c.get("province")})
    names: dict[str, str] = {}
    for ctx in facts.context.values():
        names.update({k: v or k for k, v in ctx.get("indicators", {}).items()})
    return {"levels": [lv for lv in LEVELS if lv in present], "provinces": provinces,
            "indicators": [{"id": k, "name": names[k]} for k in sorted(names, key=lambda k: names[k])]}
