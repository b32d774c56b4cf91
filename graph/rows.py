"""Rows: a Record turned into the nodes and relationships the graph MERGEs, by pure functions.

One Record gives its document node (all properties), a stub node per cited document (only what
the id implies: symbol, type, level; dates are settled after loading, from all citations, so
that load order never matters), the issuing body and the agencies as Organization nodes, one
Target per target and per step of a yearly path, one Task per task sentence, an Evidence node
per quoted span, and the relationships between them. Nothing here reads the store: the rows of
a Record depend on the Record and the packaged vocabularies only, so they can be built in a
process pool and written in any order.

Relationships between documents carry their evidence inline, as parallel lists (``quote``,
``sha256``, ``span_start``, ``span_end``; item i of each is one Evidence), because an edge
cannot point at an Evidence node (see ``policykg.ontology.mapping``).

Example (sample 000, the Sông Lô plan)::

    rows = build_rows(record)
    rows.nodes[DOCUMENT_KEY][0]["id"]   # 'vn/ubnd-huyen-song-lo/undated/kh-287558f142e7'
    rows.edges[(Rel.IMPLEMENTS, …)][0]  # {'src': …, 'dst': 'vn/tinh-uy-vinh-phuc/2020/12-nq-tu', …}
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from policykg.graph.agencies import resolve_agency
from policykg.graph.identity import (
    CENTRAL,
    Jurisdiction,
    body_slug,
    content_document_id,
    document_id,
    issuer_code,
    jurisdiction_for_code,
    named_document_id,
    resolve_jurisdiction,
    symbol_year,
    unit_id,
)
from policykg.graph.indicators import match_indicator
from policykg.loaders.places import Unit, find_units, strip_unit_prefix
from policykg.loaders.record import Citation, Record, Target
from policykg.loaders.symbols import doc_type_of
from policykg.ontology.terms import Label, Prop, Rel

Row = dict[str, Any]
#: Nodes are grouped by (label, extra labels): one MERGE query per group.
NodeKey = tuple[Label, tuple[Label, ...]]
#: Relationships are grouped by (type, source label, target label).
EdgeKey = tuple[Rel, Label, Label]

#: Label of a document by its type code; resolutions depend on who issues them.
TYPE_LABELS: dict[str, Label] = {
    "KL": Label.CONCLUSION, "CT": Label.DIRECTIVE, "KH": Label.PLAN, "CTr": Label.PROGRAMME,
    "QĐ": Label.DECISION, "NĐ": Label.DECREE, "TT": Label.CIRCULAR, "BC": Label.REPORT,
}
#: Issuer codes whose resolutions are Party resolutions.
PARTY_CODES = frozenset({"TW", "TU", "HU", "QU", "ĐU", "BCT", "BBT", "BCHTW"})
#: Relationship type of each citation relation.
RELATION_TYPES = {"implements": Rel.IMPLEMENTS, "based_on": Rel.BASED_ON, "mentions": Rel.CITES}
#: Relationship type of each assignment role.
ROLE_TYPES = {"lead": Rel.LEAD_AGENCY, "support": Rel.SUPPORT_AGENCY,
              "requested": Rel.REQUESTED_AGENCY}
#: Hex digits of the content hash in an Evidence id (with the span, unique in practice).
EVIDENCE_HEX = 16

EVIDENCE_KEY: NodeKey = (Label.EVIDENCE, ())
TARGET_KEY: NodeKey = (Label.TARGET, ())
TASK_KEY: NodeKey = (Label.TASK, ())
ORG_KEY: NodeKey = (Label.ORGANIZATION, ())


def document_label(doc_type: str | None, code: str | None) -> Label:
    """The most specific label of a document: 'NQ' by 'TU' is a PartyResolution."""
    if doc_type == "NQ":
        if code in PARTY_CODES:
            return Label.PARTY_RESOLUTION
        if code == "CP":
            return Label.GOVERNMENT_RESOLUTION
        if code == "HĐND":
            return Label.COUNCIL_RESOLUTION
        return Label.OTHER_DOCUMENT
    return TYPE_LABELS.get(doc_type or "", Label.OTHER_DOCUMENT)


def document_key(label: Label) -> NodeKey:
    """The node group of a document: MERGEd on PolicyDocument, then given its own label."""
    return (label, ())


@dataclass
class RecordRows:
    """Everything one Record writes; loaded documents and stubs are kept apart."""

    document_id: str
    documents: dict[NodeKey, list[Row]] = field(default_factory=lambda: defaultdict(list))
    stubs: dict[NodeKey, list[Row]] = field(default_factory=lambda: defaultdict(list))
    nodes: dict[NodeKey, list[Row]] = field(default_factory=lambda: defaultdict(list))
    # {"src", "dst"}, and "props" only when the relationship has properties:
    edges: dict[EdgeKey, list[Row]] = field(default_factory=lambda: defaultdict(list))
    cited: list[Row] = field(default_factory=list)  # document -> document, with evidence lists
    stub_titles: list[Row] = field(default_factory=list)  # what citations say a document is about
    unmatched_places: list[str] = field(default_factory=list)
    unmatched_indicators: int = 0
    matched_indicators: int = 0


def iso(day: date | None) -> str | None:
    """Dates are stored as ISO text ('2020-03-12'): both engines sort and compare it alike, and the
    RDF export types it xsd:date."""
    return day.isoformat() if day else None


def _node(rows: dict[NodeKey, list[Row]], key: NodeKey, node_id: str, props: dict[str, Any]) -> str:
    rows[key].append({"id": node_id, "props": {k: v for k, v in props.items() if v is not None}})
    return node_id


def _edge(rows: RecordRows, rel: Rel, src: tuple[Label, str], dst: tuple[Label, str],
          props: dict[str, Any] | None = None) -> None:
    # No "props" key when there are none (every relationship here): a map of strings only is
    # left alone by the garbage collector, and a load holds ~30,000 of them per chunk.
    row = {"src": src[1], "dst": dst[1]}
    if props:
        row["props"] = props
    rows.edges[(rel, src[0], dst[0])].append(row)


def _evidence(rows: RecordRows, record: Record, span: tuple[int, int]) -> str:
    sha = record.document.source_sha256
    node_id = f"ev/{sha[:EVIDENCE_HEX]}/{span[0]}-{span[1]}"
    return _node(rows.nodes, EVIDENCE_KEY, node_id, {
        Prop.SHA256: sha, Prop.SPAN_START: span[0], Prop.SPAN_END: span[1],
        Prop.QUOTE: record.quote(span)})


def build_rows(record: Record) -> RecordRows:
    """All rows of one Record: its document, stubs, organizations, targets, tasks, evidence."""
    meta = record.document
    jurisdiction = resolve_jurisdiction(meta.level, meta.province, meta.district, meta.commune,
                                        meta.issued)
    code = issuer_code(meta.symbol) or _code_from_issuer(meta.issuer)
    body = body_slug(code, jurisdiction) if code else _body_from_level(jurisdiction)
    year = meta.issued.year if meta.issued else symbol_year(meta.symbol)
    doc_id = (document_id(body, year, meta.symbol) if meta.symbol
              else content_document_id(body, year, meta.doc_type, meta.source_sha256))
    rows = RecordRows(doc_id)
    label = document_label(meta.doc_type, code)
    _node(rows.documents, document_key(label), doc_id, {
        Prop.SYMBOL: meta.symbol, Prop.DOCUMENT_TYPE: meta.doc_type, Prop.LEVEL: meta.level,
        Prop.ISSUED: iso(meta.issued), Prop.TITLE: meta.title, Prop.SIGNER: meta.signer,
        Prop.NAME: meta.title if not meta.symbol else None,
        Prop.SOURCE_SHA256: meta.source_sha256})
    doc = (Label.POLICY_DOCUMENT, doc_id)
    _add_body(rows, doc, body, code, jurisdiction, meta.issuer)
    if jurisdiction is None or (jurisdiction.unit is None and jurisdiction.level != "central"):
        place = " / ".join(x for x in (meta.commune, meta.district, meta.province) if x)
        rows.unmatched_places.append(f"{record.source or meta.id}: "
                                     f"{place or meta.issuer or 'no issuing body found'}")
    cited_ids = [_add_citation(rows, record, doc, c, jurisdiction) for c in record.citations]
    for link in record.citation_links:
        src, dst = cited_ids[link.source], cited_ids[link.target]
        rows.cited += _cited_rows(Rel.IMPLEMENTS, src, dst, record, [link.span], None)
    for target in record.targets:
        _add_target(rows, record, doc, target)
    _add_tasks(rows, record, doc, jurisdiction)
    return rows


def _code_from_issuer(issuer: str | None) -> str | None:
    """The issuer code a document without a symbol would carry, from its body's name."""
    if not issuer:
        return None
    folded = issuer.casefold()
    if "ủy ban nhân dân" in folded or "ubnd" in folded or "uỷ ban nhân dân" in folded:
        return "UBND"
    if "hội đồng nhân dân" in folded or "hđnd" in folded:
        return "HĐND"
    return None


def _body_from_level(jurisdiction: Jurisdiction | None) -> str:
    return jurisdiction.slug if jurisdiction else "khong-ro"


def _add_body(rows: RecordRows, doc: tuple[Label, str], body: str, code: str | None,
              jurisdiction: Jurisdiction | None, written: str | None) -> None:
    """The issuing body as an Organization, with ISSUED_BY and the place the document applies to."""
    org_id = f"vn/org/{body}"
    level = jurisdiction.level if jurisdiction else None
    _node(rows.nodes, ORG_KEY, org_id, {Prop.NAME: body_name(code, jurisdiction, written),
                                        Prop.LEVEL: level})
    _edge(rows, Rel.ISSUED_BY, doc, (Label.ORGANIZATION, org_id))
    if jurisdiction is not None and jurisdiction.unit is not None:
        unit = (Label.ADMIN_UNIT, unit_id(jurisdiction.unit))
        _edge(rows, Rel.APPLIES_TO, doc, unit)
        _edge(rows, Rel.HAS_JURISDICTION, (Label.ORGANIZATION, org_id), unit)


#: How each body code is named, before the unit: "Ủy ban nhân dân" + " huyện Sông Lô".
BODY_NAMES = {"UBND": "Ủy ban nhân dân", "HĐND": "Hội đồng nhân dân", "TU": "Tỉnh ủy",
              "HU": "Huyện ủy", "QU": "Quận ủy", "ĐU": "Đảng ủy", "TW": "Ban Chấp hành Trung ương Đảng",
              "CP": "Chính phủ", "TTg": "Thủ tướng Chính phủ", "QH": "Quốc hội"}


def body_name(code: str | None, jurisdiction: Jurisdiction | None, written: str | None) -> str:
    """A body's name built from its code and unit, so every citation names it the same way.

    Example:
        >>> body_name("UBND", resolve_jurisdiction("district", "Vĩnh Phúc", "Sông Lô", None), None)
        'Ủy ban nhân dân huyện Sông Lô'
    """
    unit = jurisdiction.unit if jurisdiction else None
    base = BODY_NAMES.get(code or "")
    if base is None:
        return (written or code or "?") if unit is None else f"{code} {unit.full_name}"
    if unit is None:
        return base
    if code in ("TU", "HU", "QU"):
        return f"{base} {unit.name}"
    return f"{base} {unit.full_name}"


def _stub_id(citation: Citation, context: Jurisdiction | None) -> tuple[str, str | None, Jurisdiction | None]:
    """The id of a cited document, its issuer code, and the jurisdiction it belongs to."""
    if citation.symbol is None:
        scope = (CENTRAL if citation.issuer_scope == "central" or context is None
                 else context.at(citation.issuer_scope or context.level))
        return named_document_id(scope.slug, citation.name or "?"), None, scope
    code = issuer_code(citation.symbol)
    scoped = context.at(citation.issuer_scope) if (context and citation.issuer_scope) else context
    jurisdiction = jurisdiction_for_code(code, scoped)
    year = citation.issued.year if citation.issued else symbol_year(citation.symbol)
    return document_id(body_slug(code, jurisdiction), year, citation.symbol), code, jurisdiction


def _add_citation(rows: RecordRows, record: Record, doc: tuple[Label, str], citation: Citation,
                  context: Jurisdiction | None) -> str:
    stub_id, code, jurisdiction = _stub_id(citation, context)
    # The label follows the symbol, not the citing words, so every citation labels a stub alike.
    doc_type = doc_type_of(citation.symbol) if citation.symbol else citation.doc_type
    label = document_label(doc_type, code)
    level = jurisdiction.level if jurisdiction else citation.issuer_scope
    _node(rows.stubs, document_key(label), stub_id, {
        Prop.SYMBOL: citation.symbol, Prop.DOCUMENT_TYPE: doc_type, Prop.LEVEL: level,
        Prop.NAME: citation.name})
    stub = (Label.POLICY_DOCUMENT, stub_id)
    if citation.symbol:
        body = body_slug(code, jurisdiction)
        _add_body(rows, stub, body, code, jurisdiction, citation.issuer)
    if citation.title:
        rows.stub_titles.append({"id": stub_id, "title": citation.title})
    rel = RELATION_TYPES[citation.relation]
    rows.cited += _cited_rows(rel, doc[1], stub_id, record, citation.spans, citation.issued)
    return stub_id


def _cited_rows(rel: Rel, src: str, dst: str, record: Record, spans: list[tuple[int, int]],
                stated) -> list[Row]:
    """One row per span: the union of evidence is made item by item, and rows stay small."""
    sha = record.document.source_sha256
    return [{"rel": rel, "src": src, "dst": dst, "stated_date": iso(stated),
             "quote": [record.quote(s)], "sha256": [sha], "span_start": [s[0]], "span_end": [s[1]]}
            for s in spans]


def _add_target(rows: RecordRows, record: Record, doc: tuple[Label, str], target: Target) -> None:
    target_id = f"{doc[1]}/target/{target.id}"
    props = {Prop.TEXT: target.text, Prop.INDICATOR_TEXT: target.indicator,
             Prop.VALUE: target.value, Prop.VALUE_MAX: target.value_max, Prop.UNIT: target.unit,
             Prop.COMPARATOR: target.comparator, Prop.YEAR: target.year,
             Prop.IN_TASKS: target.in_tasks, Prop.SECTION: target.section}
    _node(rows.nodes, TARGET_KEY, target_id, props)
    node = (Label.TARGET, target_id)
    _edge(rows, Rel.SETS_TARGET, doc, node)
    evidence = (Label.EVIDENCE, _evidence(rows, record, target.span))
    _edge(rows, Rel.HAS_EVIDENCE, node, evidence)
    match = match_indicator(target.indicator, target.text, target.unit)
    if match.notation:
        rows.matched_indicators += 1
        _edge(rows, Rel.MEASURES, node, (Label.INDICATOR, match.notation))
    else:
        rows.unmatched_indicators += 1
    for step in target.yearly:
        step_id = f"{target_id}/{step.year}"
        _node(rows.nodes, TARGET_KEY, step_id, {
            Prop.TEXT: target.text, Prop.INDICATOR_TEXT: target.indicator, Prop.VALUE: step.value,
            Prop.UNIT: target.unit, Prop.COMPARATOR: "=", Prop.YEAR: step.year,
            Prop.IN_TASKS: target.in_tasks, Prop.SECTION: target.section})
        _edge(rows, Rel.SETS_TARGET, doc, (Label.TARGET, step_id))
        _edge(rows, Rel.MILESTONE_OF, (Label.TARGET, step_id), node)
        _edge(rows, Rel.HAS_EVIDENCE, (Label.TARGET, step_id), evidence)
        if match.notation:
            _edge(rows, Rel.MEASURES, (Label.TARGET, step_id), (Label.INDICATOR, match.notation))


def agency_home(level: str | None, place: str | None, jurisdiction: Jurisdiction | None) -> Jurisdiction | None:
    """The jurisdiction an agency belongs to: the unit its name gives, else the document's at its level.

    "UBND huyện Sông Lô" in a Vĩnh Phúc provincial plan is the Sông Lô district's; "Sở Y tế" in a
    district plan is the province's; "UBND các xã" in a district plan stays with the district.

    Example:
        >>> agency_home("district", "huyện Sông Lô", resolve_jurisdiction("province", "Vĩnh Phúc", None, None)).slug
        'huyen-song-lo'
    """
    if jurisdiction is None:
        return None
    named = _named_unit(place, jurisdiction) if place else None
    if named is not None:
        return named
    return jurisdiction.at(level) if level else jurisdiction


def _named_unit(place: str, jurisdiction: Jurisdiction) -> Jurisdiction | None:
    """The unit a place phrase names, searched inside the document's province (None if unsure)."""
    province = jurisdiction.at("province").unit
    return None if province is None else _named_in_province(place, province)


#: Place phrases remembered per province, and slugs per jurisdiction: a national cascade names
#: ~80,000 agencies with a place ("UBND huyện Sông Lô") and ~290,000 agencies in all; the 545
#: documents of Thanh Hóa's cascade name 7 distinct (phrase, province) pairs and 543 homes.
NAMED_UNIT_CACHE = 8192


@lru_cache(maxsize=NAMED_UNIT_CACHE)
def _named_in_province(place: str, province: Unit) -> Jurisdiction | None:
    name, kind = strip_unit_prefix(place)
    if not name or kind is None:
        return None  # "huyện" alone names no unit
    # A province is looked for nationally ("Sở Y tế tỉnh Quảng Ninh" named by another province);
    # a smaller unit only inside the document's province, where its name is far less ambiguous.
    within = None if kind == "tỉnh" else province
    found = [u for u in find_units(name, kind=kind, within=within) if u.era == province.era]
    return Jurisdiction(found[0].level, found[0]) if len(found) == 1 else None


@lru_cache(maxsize=NAMED_UNIT_CACHE)
def _slug(jurisdiction: Jurisdiction) -> str:
    return jurisdiction.slug


def _add_tasks(rows: RecordRows, record: Record, doc: tuple[Label, str],
               jurisdiction: Jurisdiction | None) -> None:
    """One Task per assigning sentence; each agency linked by its role."""
    tasks: dict[tuple[int, int], str] = {}
    level = jurisdiction.level if jurisdiction else "province"
    for assignment in record.assignments:
        agency = resolve_agency(assignment.agency, document_level=level)
        if agency is None:
            continue
        task_id = tasks.get(assignment.span)
        if task_id is None:
            task_id = tasks[assignment.span] = f"{doc[1]}/task/{len(tasks) + 1}"
            _node(rows.nodes, TASK_KEY, task_id, {Prop.TEXT: assignment.task_text,
                                                  Prop.SECTION: assignment.section})
            _edge(rows, Rel.ASSIGNS, doc, (Label.TASK, task_id))
            _edge(rows, Rel.HAS_EVIDENCE, (Label.TASK, task_id),
                  (Label.EVIDENCE, _evidence(rows, record, assignment.span)))
        home = agency_home(agency.level, agency.place, jurisdiction)
        org_id = f"vn/org/{_slug(home) if home else 'khong-ro'}/{agency.key}"
        _node(rows.nodes, ORG_KEY, org_id, {Prop.NAME: agency.name, Prop.LEVEL: agency.level})
        _edge(rows, ROLE_TYPES[assignment.role], (Label.TASK, task_id), (Label.ORGANIZATION, org_id))
        if home is not None and home.unit is not None:
            _edge(rows, Rel.HAS_JURISDICTION, (Label.ORGANIZATION, org_id),
                  (Label.ADMIN_UNIT, unit_id(home.unit)))
