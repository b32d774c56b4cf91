"""Lineage of targets: every target derived from a document, and a target's chain to its root.

"Which local targets derive from Vĩnh Phúc's 12-NQ/TU?" is every target set by a document of
its cascade (IMPLEMENTS, any depth up to ``max_depth``), whether or not the resolution's own
targets are in the graph: 12-NQ/TU itself is known only from citations, yet Sông Lô's plan
carries it out and sets "thu nhập bình quân đầu người … trên 60 triệu đồng/người" by 2025.
Each target comes with the document that sets it, its place, the indicator it measures (when
the matcher was sure), the target it derives from with the comparison, and its evidence.

Example:
    >>> rows = derived_targets(store, "vn/tinh-uy-vinh-phuc/2020/12-nq-tu")      # doctest: +SKIP
    >>> rows[0]["document"]["id"], rows[0]["value"], rows[0]["evidence"]["quote"][:20]  # doctest: +SKIP
    ('vn/ubnd-huyen-song-lo/undated/kh-287558f142e7', 60.0, 'Thu nhập bình quân đ')
"""

from __future__ import annotations

from policykg.errors import NotFound
from policykg.graph.cypher import KEY, Query, _label, _rel
from policykg.graph.queries import (
    DOC,
    MAX_DEPTH,
    check_depth,
    check_level,
    document_fields,
    document_from,
    require_document,
)
from policykg.graph.store import GraphStore
from policykg.graph.writes import not_milestone
from policykg.ontology.terms import Label, Prop, Rel

TARGET = _label(Label.TARGET)
UNIT = _label(Label.ADMIN_UNIT)
INDICATOR = _label(Label.INDICATOR)
EVIDENCE = _label(Label.EVIDENCE)
TARGET_PROPS = (Prop.TEXT, Prop.INDICATOR_TEXT, Prop.VALUE, Prop.VALUE_MAX, Prop.UNIT,
                Prop.COMPARATOR, Prop.YEAR, Prop.IN_TASKS, Prop.SECTION)


def _target_tail(t: str, d: str, *, indicator_filter: bool = False, page: str = "") -> str:
    """OPTIONAL MATCHes and RETURN items shared by the target queries (indicator, source, evidence, place).

    With ``indicator_filter`` only targets of ``$indicator`` are kept. A
    ``page`` ("ORDER BY … SKIP … LIMIT …") is applied before the other OPTIONAL MATCHes, so a
    page of 100 targets out of thousands costs 100 lookups, not thousands.
    """
    props = ", ".join(f"{t}.{p} AS {p}" for p in TARGET_PROPS)
    # Filter and page before the OPTIONAL MATCHes: on a province's 3,500 targets, looking up
    # every indicator first and paging afterwards cost 25 ms of a 37 ms answer.
    where = (f"MATCH ({t})-[:{_rel(Rel.MEASURES)}]->(:{INDICATOR} {{{KEY}: $indicator}}) "
             if indicator_filter else "")
    paged = f"WITH {d}, {t} {page} " if page else ""
    return (
        f"{where}{paged}OPTIONAL MATCH ({t})-[:{_rel(Rel.MEASURES)}]->(i:{INDICATOR}) "
        f"OPTIONAL MATCH ({t})-[dr:{_rel(Rel.DERIVED_FROM)}]->(s:{TARGET}) "
        f"OPTIONAL MATCH ({t})-[:{_rel(Rel.HAS_EVIDENCE)}]->(e:{EVIDENCE}) "
        f"OPTIONAL MATCH ({d})-[:{_rel(Rel.APPLIES_TO)}]->(u:{UNIT}) "
        f"RETURN {t}.{KEY} AS id, {props}, {document_fields(d)}, "
        f"i.{KEY} AS indicator, i.{Prop.NAME} AS indicator_name, u.{Prop.NAME} AS place, "
        f"s.{KEY} AS source, dr.{Prop.COMPARISON} AS comparison, dr.{Prop.RATIO} AS ratio, "
        f"e.{Prop.QUOTE} AS quote, e.{Prop.SHA256} AS sha256, e.{Prop.SPAN_START} AS span_start, "
        f"e.{Prop.SPAN_END} AS span_end"
    )


def derived_targets_query(doc_id: str, depth: int | None, indicator: str | None,
                          level: str | None, limit: int | None = None, offset: int = 0, *,
                          outdegree: bool = False) -> Query:
    """Targets set by the documents below the root (milestones of yearly paths left out).

    With ``limit`` the answer is one page, in a stable order (document id, then target id).
    """
    page = f"ORDER BY d.{KEY}, t.{KEY}" + (" SKIP $offset LIMIT $limit" if limit is not None else "")
    return (
        # WITH pins the start: without it FalkorDB scans every document and walks towards the root.
        f"MATCH (root:{DOC} {{{KEY}: $id}}) WITH root "
        f"MATCH (root)<-[:{_rel(Rel.IMPLEMENTS)}*1..{check_depth(depth)}]-(d:{DOC}) "
        f"WHERE $level IS NULL OR d.{Prop.LEVEL} = $level "
        f"WITH DISTINCT d "
        f"MATCH (d)-[:{_rel(Rel.SETS_TARGET)}]->(t:{TARGET}) "
        f"{not_milestone('t', 'd', outdegree=outdegree)}"
        f"{_target_tail('t', 'd', indicator_filter=indicator is not None, page=page)}",
        {"id": doc_id, "indicator": indicator, "level": check_level(level), "limit": limit,
         "offset": offset},
    )


def shape_target(row: dict) -> dict:
    """A target row as the API and CLI give it: values, document, indicator, derivation, evidence."""
    out = {"id": row["id"], **{p.value: row.get(p.value) for p in TARGET_PROPS}}
    out["document"] = {**document_from(row, "d"), "place": row.get("place")}
    out["indicator"] = ({"id": row["indicator"], "name": row.get("indicator_name")}
                        if row.get("indicator") else None)
    out["derived_from"] = ({"target": row["source"], "comparison": row["comparison"],
                            "ratio": row["ratio"]} if row.get("source") else None)
    out["evidence"] = {"quote": row.get("quote"), "sha256": row.get("sha256"),
                       "span": [row.get("span_start"), row.get("span_end")]}
    return out


def derived_targets(store: GraphStore, doc_id: str, *, indicator: str | None = None,
                    level: str | None = None, max_depth: int | None = MAX_DEPTH,
                    limit: int | None = None, offset: int = 0) -> list[dict]:
    """Every target derived from a document, at any depth of its cascade, with evidence."""
    require_document(store, doc_id)
    query = derived_targets_query(doc_id, max_depth, indicator, level, limit, offset,
                                  outdegree=store.has_outdegree)
    # The page is cut in order inside the query; rows are re-sorted here rather than by a second
    # ORDER BY after the OPTIONAL MATCHes (which cost a third of the query).
    return sorted((shape_target(r) for r in store.read(*query)), key=lambda r: (r["document"]["id"], r["id"]))


def count_derived_targets_query(doc_id: str, depth: int | None, indicator: str | None,
                                level: str | None, *, outdegree: bool = False) -> Query:
    """How many targets :func:`derived_targets_query` would list (for pagination totals)."""
    indicator_match = (f"MATCH (t)-[:{_rel(Rel.MEASURES)}]->(:{INDICATOR} {{{KEY}: $indicator}}) "
                       if indicator is not None else "")
    return (
        f"MATCH (root:{DOC} {{{KEY}: $id}}) WITH root "
        f"MATCH (root)<-[:{_rel(Rel.IMPLEMENTS)}*1..{check_depth(depth)}]-(d:{DOC}) "
        f"WHERE $level IS NULL OR d.{Prop.LEVEL} = $level "
        f"WITH DISTINCT d MATCH (d)-[:{_rel(Rel.SETS_TARGET)}]->(t:{TARGET}) "
        f"{not_milestone('t', 'd', outdegree=outdegree)}{indicator_match}RETURN count(t) AS n",
        {"id": doc_id, "indicator": indicator, "level": check_level(level)},
    )


def count_derived_targets(store: GraphStore, doc_id: str, *, indicator: str | None = None,
                          level: str | None = None, max_depth: int | None = MAX_DEPTH) -> int:
    """The number of targets derived from a document (the total of a paged answer)."""
    [row] = store.read(*count_derived_targets_query(doc_id, max_depth, indicator, level,
                                                    outdegree=store.has_outdegree))
    return row["n"]


def target_query(target_id: str) -> Query:
    """One target with its document, indicator, derivation and evidence."""
    return (
        f"MATCH (d:{DOC})-[:{_rel(Rel.SETS_TARGET)}]->(t:{TARGET} {{{KEY}: $id}}) "
        f"{_target_tail('t', 'd')}",
        {"id": target_id},
    )


def target_chain(store: GraphStore, target_id: str) -> list[dict]:
    """The target and the targets it derives from, up to the root of its cascade, child first."""
    chain, seen = [], set()
    current: str | None = target_id
    while current and current not in seen and len(chain) <= MAX_DEPTH:
        seen.add(current)
        rows = store.read(*target_query(current))
        if not rows:
            if not chain:
                raise NotFound(f"no target with id {target_id!r}; targets are listed by "
                               "GET /documents/{id} and GET /lineage/{id}/targets")
            break
        chain.append(shape_target(rows[0]))
        current = rows[0].get("source")
    return chain
