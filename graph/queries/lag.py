"""Lag: days from a parent's issue to each child's, down a document's cascade.

A researcher asks how fast a resolution travelled: Quảng Ninh's plan 91/KH-UBND (26/4/2021)
followed the Politburo's 92-KL/TW (5/11/2020) after 172 days. Pairs where either date is
unknown are listed with ``days`` null, not dropped.

Example:
    >>> lag(store, "vn/trung-uong-dang/2020/92-kl-tw")["pairs"][0]["days"]   # doctest: +SKIP
    172
"""

from __future__ import annotations

import statistics
from datetime import date

from policykg.graph.queries import require_document
from policykg.graph.queries.cascade import cascade_query, edges_among
from policykg.graph.store import GraphStore
from policykg.graph.cypher import KEY


def lag(store: GraphStore, doc_id: str, *, max_depth: int | None = None) -> dict:
    """Each implementing pair of the cascade with the days between their dates, and the median by level."""
    root = require_document(store, doc_id)
    docs = {doc_id: root}
    for row in store.read(*cascade_query(doc_id, "down", max_depth, None)):
        docs[row[f"d_{KEY}"]] = {"id": row[f"d_{KEY}"], "symbol": row["d_symbol"],
                                 "level": row["d_level"], "issued": row["d_issued"]}
    pairs = []
    for edge in edges_among(store, sorted(docs)):
        child, parent = docs[edge["source"]], docs[edge["target"]]
        days = None
        if child.get("issued") and parent.get("issued"):
            days = (date.fromisoformat(child["issued"]) - date.fromisoformat(parent["issued"])).days
        pairs.append({"parent": parent, "child": child, "days": days})
    pairs.sort(key=lambda p: (p["child"]["level"] or "", p["child"]["id"]))
    by_level: dict[str, list[int]] = {}
    for pair in pairs:
        if pair["days"] is not None:
            by_level.setdefault(pair["child"]["level"] or "unknown", []).append(pair["days"])
    summary = {level: {"pairs": len(days), "median_days": statistics.median(days), "max_days": max(days)}
               for level, days in sorted(by_level.items())}
    return {"root": root, "pairs": pairs, "by_level": summary}
