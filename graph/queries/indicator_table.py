"""The per-indicator cascade table: one indicator, level by level, with what each level did.

For every indicator set anywhere in a document's cascade: each document's target (value, unit,
deadline, and the comparison with the target it derives from: stricter, looser, equal,
different deadline, unit mismatch) and, for each implementing document that sets no target of
an indicator its parent sets, a ``dropped`` row. This is the table a researcher reads to see
where a target got stricter on the way down and where it disappeared.

Example:
    >>> table = indicator_table(store, "vn/ubnd-tinh-vinh-phuc/2025/01-ctr-ubnd")   # doctest: +SKIP
    >>> table["indicators"][0]["rows"][0]["status"]                                   # doctest: +SKIP
    'set'
"""

from __future__ import annotations

from collections import defaultdict

from policykg.graph.cypher import KEY, Query, _rel
from policykg.graph.queries import DOC, require_document
from policykg.graph.queries.cascade import cascade_query, edges_among
from policykg.graph.queries.lineage import INDICATOR, TARGET, shape_target, _target_tail
from policykg.graph.store import GraphStore
from policykg.graph.writes import not_milestone
from policykg.ontology.terms import Rel


def targets_of_query(ids: list[str], indicator: str | None, *, outdegree: bool = False) -> Query:
    """Targets (with an indicator) of the given documents, milestones left out."""
    return (
        f"UNWIND $ids AS id MATCH (d:{DOC} {{{KEY}: id}})-[:{_rel(Rel.SETS_TARGET)}]->(t:{TARGET})"
        f"-[:{_rel(Rel.MEASURES)}]->(:{INDICATOR}) "
        f"{not_milestone('t', 'd', outdegree=outdegree)}"
        f"{_target_tail('t', 'd', indicator_filter=indicator is not None)}",
        {"ids": ids, "indicator": indicator},
    )


def indicator_table(store: GraphStore, doc_id: str, *, indicator: str | None = None,
                    max_depth: int | None = None) -> dict:
    """Rows per indicator across the cascade of a document: set targets and dropped ones."""
    root = require_document(store, doc_id)
    docs = {doc_id: {**root, "depth": 0}}
    for row in store.read(*cascade_query(doc_id, "down", max_depth, None)):
        docs[row[f"d_{KEY}"]] = {"id": row[f"d_{KEY}"], "level": row["d_level"], "depth": row["depth"],
                                 "symbol": row["d_symbol"], "place": row["place"]}
    targets = [shape_target(r) for r in store.read(*targets_of_query(sorted(docs), indicator,
                                                                           outdegree=store.has_outdegree))]
    by_indicator: dict[str, list[dict]] = defaultdict(list)
    names: dict[str, str | None] = {}
    present: dict[str, set[str]] = defaultdict(set)  # document -> indicators it sets
    for target in targets:
        key = target["indicator"]["id"]
        names[key] = target["indicator"]["name"]
        present[target["document"]["id"]].add(key)
        by_indicator[key].append({"status": "set", "depth": docs[target["document"]["id"]]["depth"],
                                  **target})
    for edge in edges_among(store, sorted(docs)):
        child, parent = edge["source"], edge["target"]
        for key in sorted(present[parent] - present[child]):
            by_indicator[key].append({"status": "dropped", "depth": docs[child]["depth"],
                                      "document": docs[child], "parent": parent})
    indicators = [{"indicator": key, "name": names.get(key),
                   "rows": sorted(rows, key=lambda r: (r["depth"], r["document"]["id"]))}
                  for key, rows in sorted(by_indicator.items())]
    return {"root": root, "indicators": indicators}
