"""Response models of the explorer's JSON: vis-network nodes and edges, and the comparison table.

A node carries vis-network's drawing options (shape, colour, font, label) and the explorer's own
fields (kind, level, province, owner, indicators) that the page filters on; a target's ``info``
is what its side panel shows, the evidence quote included.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from policykg.api.schemas import Derivation, DocumentSummary, Evidence, IndicatorRef


class _Strict(BaseModel):
    # A field the builder adds but the model lacks would vanish silently from the answer;
    # refusing it makes the test of the endpoint fail instead.
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class NodeColour(_Strict):
    """Fill and border, and the same when highlighted or hovered."""

    background: str
    border: str
    highlight: dict[str, str]
    hover: dict[str, str]


class TargetInfo(_Strict):
    """What a target's side panel shows."""

    text: str | None = None
    indicator: IndicatorRef | None = None
    indicator_text: str | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    comparator: str | None = None
    year: int | None = None
    section: str | None = None
    derived_from: Derivation | None = None
    evidence: Evidence | None = None


class VisNode(_Strict):
    """A node as vis-network draws it, with the fields the page filters on."""

    id: str
    label: str
    shape: str
    kind: str = Field(description="document, target, agency, place, or group (communes of a district)")
    level: str | None = None
    title: str | None = None
    color: NodeColour
    font: dict[str, str]
    province: str | None = None
    district: str | None = None
    issuer: str | None = Field(None, description="the body that issued a document")
    owner: str | None = Field(None, description="the document a target belongs to")
    indicators: list[str] = Field(default_factory=list)
    loaded: bool | None = None
    root: bool | None = None
    members: int | None = Field(None, description="how many documents a group stands for")
    borderWidth: int | None = None
    margin: int | None = None
    mass: float | None = None
    size: int | None = None
    shapeProperties: dict[str, list[int]] | None = None
    info: TargetInfo | None = None
    x: int | None = Field(None, description="starting position on the canvas (physics moves it)")
    y: int | None = None


class VisEdge(_Strict):
    """A relationship as vis-network draws it."""

    id: str
    source: str = Field(alias="from", serialization_alias="from")
    to: str
    relation: str
    label: str
    arrows: str
    color: dict[str, str]
    width: int | None = None
    length: int | None = None
    dashes: bool | None = None
    quote: str | None = None


class FilterChoice(_Strict):
    """An indicator the indicator filter offers."""

    id: str
    name: str


class Filters(_Strict):
    """What the filters offer for a cascade."""

    levels: list[str]
    provinces: list[str]
    indicators: list[FilterChoice]


class ViewStats(_Strict):
    """Sizes of a view: documents, nodes drawn, nodes before folding, documents folded."""

    documents: int
    nodes: int
    nodes_unfolded: int
    folded_documents: int


class ExplorerView(_Strict):
    """The first view of a cascade."""

    root: DocumentSummary
    nodes: list[VisNode]
    edges: list[VisEdge]
    expanded: list[str]
    collapsed: bool = Field(description="commune documents are folded into one node per district")
    groups: list[str]
    filters: Filters
    stats: ViewStats


class ExplorerDelta(_Strict):
    """Nodes and edges a click adds (and the group node it replaces)."""

    remove: list[str]
    nodes: list[VisNode]
    edges: list[VisEdge]


class ComparisonRow(_Strict):
    """One document's target of an indicator beside its parent's, or the drop of it."""

    document: dict[str, str | None]
    depth: int
    target: str | None = None
    value: str | None = None
    parent_target: str | None = None
    parent_value: str | None = None
    parent_document: str | None = None
    ratio: float | None = None
    quote: str | None = None
    status: str
    status_name: str
    colour: str


class ComparisonBlock(_Strict):
    """One indicator down the cascade."""

    indicator: str
    name: str
    counts: dict[str, int] = Field(description="rows per status: stricter, looser, equal, dropped…")
    rows: list[ComparisonRow]


class ComparisonTable(_Strict):
    """The per-indicator comparison table of a cascade."""

    root: DocumentSummary
    indicators: list[ComparisonBlock]
