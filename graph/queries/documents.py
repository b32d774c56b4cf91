"""Documents: one document with everything about it, and ids for a symbol as people write it.

``resolve("12-NQ/TU", province="Vĩnh Phúc")`` finds ``vn/tinh-uy-vinh-phuc/2020/12-nq-tu``; the
same symbol without a province is ambiguous as soon as two provinces' resolutions are loaded,
and the answer lists the candidates rather than picking one. The symbol is normalized first
(``12- NQ/TU`` and ``12-nq/tu`` are ``12-NQ/TU``) and the province compares without diacritics.

Example:
    >>> [c["id"] for c in resolve(store, "12-NQ/TU", province="Vinh Phuc")]   # doctest: +SKIP
    ['vn/tinh-uy-vinh-phuc/2020/12-nq-tu']
"""

from __future__ import annotations

from policykg.errors import InputError, NotFound
from policykg.graph.cypher import KEY, Query, _label, _rel
from policykg.graph.queries import DOC, document_fields, document_from, require_document
from policykg.graph.queries.lineage import derived_targets_query, shape_target
from policykg.graph.store import GraphStore
from policykg.loaders.places import fold
from policykg.loaders.symbols import normalize_symbol
from policykg.ontology.terms import Label, Prop, Rel

UNIT = _label(Label.ADMIN_UNIT)
ORG = _label(Label.ORGANIZATION)
TASK = _label(Label.TASK)
EVIDENCE = _label(Label.EVIDENCE)
CITATION_TYPES = (Rel.IMPLEMENTS, Rel.BASED_ON, Rel.CITES)
#: Longest list of citations (out or in) a document answer carries.
MAX_CITATIONS = 500


def by_symbol_query(symbol: str) -> Query:
    """Documents with a symbol, with the province they belong to (through their unit)."""
    return (
        f"MATCH (d:{DOC} {{{Prop.SYMBOL}: $symbol}}) "
        f"OPTIONAL MATCH (d)-[:{_rel(Rel.APPLIES_TO)}]->(u:{UNIT}) "
        f"OPTIONAL MATCH (u)-[:{_rel(Rel.PART_OF)}*0..2]->(p:{UNIT} {{{Prop.LEVEL}: 'province'}}) "
        f"RETURN {document_fields('d')}, u.{Prop.NAME} AS place, p.{Prop.NAME} AS province "
        f"ORDER BY d.{KEY}",
        {"symbol": symbol},
    )


def resolve(store: GraphStore, symbol: str, *, province: str | None = None,
            year: int | None = None) -> list[dict]:
    """Candidate documents for a symbol as people write it, filtered by province and year."""
    normalized = normalize_symbol(symbol)
    if normalized is None:
        raise InputError(f"symbol {symbol!r} is not a document number and sign; write it like "
                         "12-NQ/TU, 91/KH-UBND or 150/2020/NĐ-CP")
    rows = store.read(*by_symbol_query(normalized))
    wanted = fold(province) if province else None
    out = []
    for row in rows:
        doc = {**document_from(row, "d"), "place": row["place"], "province": row["province"]}
        if wanted and fold(row["province"] or row["place"] or "") != wanted:
            continue
        if year and not (doc["issued"] or "").startswith(str(year)) and f"/{year}/" not in doc["id"]:
            continue
        out.append(doc)
    return out


def citations_query(doc_id: str, outgoing: bool) -> Query:
    """The documents a document cites (or that cite it), with relation, stated date and evidence."""
    types = "|".join(_rel(r) for r in CITATION_TYPES)
    arrow = f"(d)-[r:{types}]->(o:{DOC})" if outgoing else f"(d)<-[r:{types}]-(o:{DOC})"
    return (
        f"MATCH (d:{DOC} {{{KEY}: $id}}) WITH d MATCH {arrow} "
        f"RETURN {document_fields('o')}, type(r) AS relation, r.{Prop.STATED_DATE} AS stated_date, "
        f"r.{Prop.QUOTE} AS quote, r.{Prop.SHA256} AS sha256, r.{Prop.SPAN_START} AS span_start, "
        f"r.{Prop.SPAN_END} AS span_end ORDER BY o.{KEY} LIMIT {MAX_CITATIONS}",
        {"id": doc_id},
    )


def tasks_query(doc_id: str) -> Query:
    """The tasks a document assigns, each agency with its role, and the evidence."""
    roles = "|".join(_rel(r) for r in (Rel.LEAD_AGENCY, Rel.SUPPORT_AGENCY, Rel.REQUESTED_AGENCY))
    return (
        f"MATCH (d:{DOC} {{{KEY}: $id}}) WITH d "
        f"MATCH (d)-[:{_rel(Rel.ASSIGNS)}]->(t:{TASK}) "
        f"OPTIONAL MATCH (t)-[r:{roles}]->(o:{ORG}) "
        f"OPTIONAL MATCH (t)-[:{_rel(Rel.HAS_EVIDENCE)}]->(e:{EVIDENCE}) "
        f"RETURN t.{KEY} AS id, t.{Prop.TEXT} AS text, t.{Prop.SECTION} AS section, "
        f"collect(DISTINCT {{agency: o.{KEY}, name: o.{Prop.NAME}, role: type(r)}}) AS agencies, "
        f"e.{Prop.QUOTE} AS quote, e.{Prop.SHA256} AS sha256, e.{Prop.SPAN_START} AS span_start, "
        f"e.{Prop.SPAN_END} AS span_end ORDER BY id",
        {"id": doc_id},
    )


def own_targets_query(doc_id: str, *, outdegree: bool = False) -> Query:
    """The targets a document sets itself (the lineage query's shape, at depth 0)."""
    query, params = derived_targets_query(doc_id, 1, None, None, outdegree=outdegree)
    # Same RETURN, but starting from the document instead of walking down from it.
    start = query.index("WITH DISTINCT d")
    return f"MATCH (d:{DOC} {{{KEY}: $id}}) " + query[start:], params


ROLE_NAMES = {Rel.LEAD_AGENCY.value: "lead", Rel.SUPPORT_AGENCY.value: "support",
              Rel.REQUESTED_AGENCY.value: "requested"}


def document(store: GraphStore, doc_id: str) -> dict:
    """A document: metadata, citations out and in, targets, tasks, each with its evidence."""
    doc = require_document(store, doc_id)
    doc["cites"] = [_citation(r) for r in store.read(*citations_query(doc_id, True))]
    doc["cited_by"] = [_citation(r) for r in store.read(*citations_query(doc_id, False))]
    own = store.read(*own_targets_query(doc_id, outdegree=store.has_outdegree))
    doc["targets"] = sorted((shape_target(r) for r in own), key=lambda t: t["id"])
    doc["tasks"] = [_task(r) for r in store.read(*tasks_query(doc_id))]
    return doc


def _citation(row: dict) -> dict:
    evidence = [{"quote": q, "sha256": s, "span": [a, b]} for q, s, a, b in sorted(
        zip(row["quote"] or [], row["sha256"] or [], row["span_start"] or [], row["span_end"] or []),
        key=lambda item: (item[1], item[2]))]
    return {"document": document_from(row, "o"), "relation": row["relation"].lower(),
            "stated_date": row["stated_date"], "evidence": evidence}


def _task(row: dict) -> dict:
    agencies = [{"id": a["agency"], "name": a["name"], "role": ROLE_NAMES.get(a["role"], a["role"])}
                for a in row["agencies"] if a.get("agency")]
    return {"id": row["id"], "text": row["text"], "section": row["section"],
            "agencies": sorted(agencies, key=lambda a: (a["role"], a["id"])),
            "evidence": {"quote": row["quote"], "sha256": row["sha256"],
                         "span": [row["span_start"], row["span_end"]]}}


def require_unique(store: GraphStore, symbol: str, **filters) -> dict:
    """The one document a symbol names, or NotFound / an ambiguity error listing the candidates."""
    found = resolve(store, symbol, **filters)
    if not found:
        raise NotFound(f"no document {symbol!r} in the graph"
                       + (f" for {filters}" if any(filters.values()) else ""))
    if len(found) > 1:
        raise Ambiguous(f"{symbol!r} names {len(found)} documents; add province or year",
                        [c["id"] for c in found])
    return found[0]


class Ambiguous(InputError):
    """A symbol names several documents; the candidates go with the error."""

    http_status = 409

    def __init__(self, message: str, candidates: list[str]) -> None:
        super().__init__(message)
        self.candidates = candidates
