"""Response models of the API: what a researcher gets back, evidence included.

They mirror the dictionaries the graph queries return (``policykg.graph.queries``), so the CLI's
``--json`` and the API answer alike.
"""

from __future__ import annotations

from typing import Generic, TypeVar

from pydantic import BaseModel, Field

T = TypeVar("T")


class Evidence(BaseModel):
    """Where a fact is written: the source file's sha256, the span and the quote."""

    quote: str | None = None
    sha256: str | None = None
    span: list[int | None] = Field(default_factory=list, description="[start, end) in the normalized text")


class DocumentSummary(BaseModel):
    """A document as lists show it; ``loaded`` is false for one known only from citations."""

    id: str
    symbol: str | None = None
    title: str | None = None
    name: str | None = None
    level: str | None = None
    issued: str | None = None
    document_type: str | None = None
    loaded: bool = False
    place: str | None = None
    province: str | None = None


class SearchHit(DocumentSummary):
    """A document a search found, with the body that issued it."""

    issuer: str | None = None


class IndicatorRef(BaseModel):
    """The indicator a target measures."""

    id: str
    name: str | None = None


class Derivation(BaseModel):
    """The higher-level target a target derives from, and how it changed."""

    target: str
    comparison: str | None = None
    ratio: float | None = None


class TargetOut(BaseModel):
    """A target with its document, indicator, derivation and evidence."""

    id: str
    text: str | None = None
    indicator_text: str | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    comparator: str | None = None
    year: int | None = None
    in_tasks: bool | None = None
    section: str | None = None
    document: DocumentSummary
    indicator: IndicatorRef | None = None
    derived_from: Derivation | None = None
    evidence: Evidence


class Page(BaseModel, Generic[T]):
    """One page of a longer answer."""

    total: int
    limit: int
    offset: int
    items: list[T]


class CitationOut(BaseModel):
    """A citation between two documents, with every place it is written."""

    document: DocumentSummary
    relation: str
    stated_date: str | None = None
    evidence: list[Evidence]


class AgencyRole(BaseModel):
    """An agency and its role in a task."""

    id: str
    name: str | None = None
    role: str


class TaskOut(BaseModel):
    """A task a document assigns."""

    id: str
    text: str | None = None
    section: str | None = None
    agencies: list[AgencyRole]
    evidence: Evidence


class DocumentOut(DocumentSummary):
    """A document with everything the graph knows about it."""

    cites: list[CitationOut] = Field(default_factory=list)
    cited_by: list[CitationOut] = Field(default_factory=list)
    targets: list[TargetOut] = Field(default_factory=list)
    tasks: list[TaskOut] = Field(default_factory=list)


class CascadeNode(DocumentSummary):
    """A document of a cascade, at its distance from the root."""

    depth: int
    unit: str | None = None


class CascadeEdge(BaseModel):
    """A relationship of a cascade and the sentence that states it."""

    source: str
    target: str
    relation: str
    evidence: Evidence | None = None


class Cascade(BaseModel):
    """The documents below (or above) a root, and the relationships among them."""

    root: DocumentSummary
    direction: str
    nodes: list[CascadeNode]
    edges: list[CascadeEdge]


class IndicatorOut(BaseModel):
    """A concept of the indicator vocabulary."""

    id: str
    name: str
    name_en: str
    unit: str
    dimension: str
    higher_is_better: bool
    alt_labels: list[str]


class TableRow(BaseModel):
    """One row of a per-indicator cascade table: a target set at a level, or one dropped."""

    status: str
    depth: int
    document: DocumentSummary
    id: str | None = None
    value: float | None = None
    value_max: float | None = None
    unit: str | None = None
    comparator: str | None = None
    year: int | None = None
    derived_from: Derivation | None = None
    evidence: Evidence | None = None
    parent: str | None = None


class IndicatorTable(BaseModel):
    """The rows of one indicator across a cascade."""

    indicator: str
    name: str | None = None
    rows: list[TableRow]


class IndicatorCascade(BaseModel):
    """Per-indicator tables of a document's cascade."""

    root: DocumentSummary
    indicators: list[IndicatorTable]


class UnitOut(BaseModel):
    """An administrative unit, with the documents it issued in the cascade (when covered)."""

    id: str
    name: str
    code: str | None = None
    documents: list[dict] = Field(default_factory=list)


class Coverage(BaseModel):
    """Which units under a document's jurisdiction followed it, and which did not."""

    root: DocumentSummary
    level: str
    jurisdiction: str | None = None
    covered: list[UnitOut]
    missing: list[UnitOut]
    share: float | None = None
    note: str


class LagPair(BaseModel):
    """A parent and a child of a cascade, and the days between their dates."""

    parent: DocumentSummary
    child: DocumentSummary
    days: int | None = None


class Lag(BaseModel):
    """Days from each parent's issue to each child's, and the median by level."""

    root: DocumentSummary
    pairs: list[LagPair]
    by_level: dict[str, dict[str, float]]


class UploadedFileOut(BaseModel):
    """What became of one uploaded file."""

    filename: str
    loaded: bool
    id: str | None = None
    symbol: str | None = None
    warnings: list[str] = Field(default_factory=list)
    error: str | None = None


class UploadOut(BaseModel):
    """The answer to an upload: one entry per file, and what the load added."""

    files: list[UploadedFileOut]
    documents: int
    new_nodes: int = Field(description="Nodes the graph gained (written minus folded away): 0 on a second upload.")
    new_relationships: int = Field(description="Relationships the graph gained (written minus removed).")
