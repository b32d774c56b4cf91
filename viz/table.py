"""The per-indicator comparison table of a cascade: parent value, child value, what changed.

Built from ``indicator_table``'s answer: each target set in the cascade, beside the target it
derives from (which may sit above the root, hence ``parents``: their values looked up by id),
and each implementing document that dropped an indicator its parent set. The status is the
derivation's comparison (stricter, looser, equal, other deadline, other unit), ``dropped``, or
``set`` when the target derives from nothing the graph holds.

Example:
    >>> row = {"status": "set", "depth": 1, "id": "t1", "value": 60.0, "unit": "triệu đồng/người",
    ...        "comparator": ">", "year": 2025, "document": {"id": "d", "level": "district"},
    ...        "derived_from": None, "evidence": {"quote": "… đạt trên 60 triệu đồng/người"}}
    >>> comparison_rows({"indicators": [{"indicator": "incomePerCapita", "name": "Thu nhập",
    ...                                  "rows": [row]}]}, {})[0]["rows"][0]["value"]
    '> 60 triệu đồng/người · 2025'
"""

from __future__ import annotations

from collections import Counter

from policykg.viz.network import figure
from policykg.viz.style import COMPARISON_COLOURS, COMPARISON_NAMES, COMPARISONS


def parent_targets(table: dict) -> list[str]:
    """Ids of the targets the table's rows derive from (to look their values up)."""
    return sorted({row["derived_from"]["target"] for ind in table["indicators"] for row in ind["rows"]
                   if row.get("derived_from")})


def _document(doc: dict) -> dict:
    return {k: doc.get(k) for k in ("id", "symbol", "level", "place", "document_type")}


def _status(status: str) -> dict:
    return {"status": status, "status_name": COMPARISON_NAMES.get(status, status),
            "colour": COMPARISON_COLOURS.get(status, COMPARISON_COLOURS["set"])}


def _set_row(row: dict, parents: dict[str, dict]) -> dict:
    derived = row.get("derived_from") or {}
    parent = parents.get(derived.get("target") or "")
    return {"document": _document(row["document"]), "depth": row["depth"], "target": row["id"],
            "value": figure(row), "parent_target": derived.get("target"),
            "parent_value": figure(parent) if parent else None, "ratio": derived.get("ratio"),
            "quote": (row.get("evidence") or {}).get("quote"),
            **_status(derived.get("comparison") or "set")}


def _dropped_row(row: dict, by_document: dict[str, dict]) -> dict:
    parent = by_document.get(row["parent"])
    return {"document": _document(row["document"]), "depth": row["depth"], "target": None,
            "value": None, "parent_target": parent["id"] if parent else None,
            "parent_value": figure(parent) if parent else None, "parent_document": row["parent"],
            "ratio": None, "quote": None, **_status("dropped")}


def comparison_rows(table: dict, parents: dict[str, dict]) -> list[dict]:
    """One block per indicator, its rows top down, each with parent and child value and status,
    and how many rows have each status.

    Args:
        table: ``indicator_table``'s answer.
        parents: value rows of the targets rows derive from, by id (``target_values``).
    """
    blocks = []
    for ind in table["indicators"]:
        # A dropped row quotes the parent document's target of this indicator, if the table has it.
        set_by = {r["document"]["id"]: r for r in ind["rows"] if r["status"] == "set"}
        known = {**parents, **{r["id"]: r for r in ind["rows"] if r["status"] == "set"}}
        rows = [_set_row(r, known) if r["status"] == "set" else _dropped_row(r, set_by)
                for r in ind["rows"]]
        counts = Counter(row["status"] for row in rows)
        blocks.append({"indicator": ind["indicator"], "name": ind.get("name") or ind["indicator"],
                       "counts": {k: counts[k] for k in COMPARISONS if counts[k]}, "rows": rows})
    return blocks
