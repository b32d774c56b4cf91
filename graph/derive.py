"""Target derivation: which higher-level target each target restates, and how it changed.

A target DERIVES_FROM the target of the same indicator in the nearest ancestor document of its
cascade: ancestors by IMPLEMENTS first, and by IMPLEMENTS or BASED_ON only when no implemented
ancestor sets that indicator. Among that ancestor's targets of the indicator, the one with the
same deadline year wins, then the nearest year, then the smallest id (a stable tie-break).

The comparison, from the point of view of a researcher reading down a cascade:

* ``unitMismatch`` — units differ ('%' against 'triệu đồng/người'): values are not compared;
* ``differentDeadline`` — years differ (2025 against 2030): the values are still in the ratio;
* otherwise ``stricter`` / ``looser`` / ``equal`` by the value and the indicator's direction
  (a higher income is stricter, a higher poverty rate looser). For ranges the bound that
  binds is compared: the lower one when higher is better, the upper one otherwise.

``ratio`` is child value / parent value, absent when the units differ or the parent is 0.

Example: Sông Lô's "Thu nhập bình quân đầu người … trên 60 triệu đồng/người" (2025) against a
provincial "trên 55 triệu đồng/người" (2025) is ``stricter`` with ratio 1.0909.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from policykg.ontology.terms import Comparison

#: Relative difference below which two values are equal (floats from "87,5").
EQUAL_TOLERANCE = 1e-9
#: Digits a ratio keeps: enough for a researcher, stable across float noise.
RATIO_DIGITS = 4


@dataclass(frozen=True)
class Derivation:
    """One DERIVED_FROM relationship: child target -> source target, with the comparison."""

    target: str
    source: str
    comparison: Comparison
    ratio: float | None


@lru_cache(maxsize=1024)  # a cascade writes a few dozen units, compared twice per derivation
def _norm_unit(unit: str | None) -> str:
    return " ".join((unit or "").casefold().replace("sỹ", "sĩ").replace(" /", "/").replace("/ ", "/").split())


def _binding(value: float | None, value_max: float | None, higher_is_better: bool) -> float | None:
    if value is None:
        return None
    return value if higher_is_better or value_max is None else value_max


def compare(child: dict[str, Any], parent: dict[str, Any], higher_is_better: bool | None) -> tuple[Comparison, float | None]:
    """Compare a child target with its source; keys value, value_max, unit, year.

    Example:
        >>> compare({"value": 60, "unit": "triệu đồng/người", "year": 2025},
        ...         {"value": 55, "unit": "triệu đồng/người", "year": 2025}, True)
        (<Comparison.STRICTER: 'stricter'>, 1.0909)
    """
    if _norm_unit(child.get("unit")) != _norm_unit(parent.get("unit")):
        return Comparison.UNIT_MISMATCH, None
    direction = True if higher_is_better is None else higher_is_better  # every indicator has one; be safe
    mine = _binding(child.get("value"), child.get("value_max"), direction)
    theirs = _binding(parent.get("value"), parent.get("value_max"), direction)
    ratio = round(mine / theirs, RATIO_DIGITS) if mine is not None and theirs else None
    if child.get("year") and parent.get("year") and child["year"] != parent["year"]:
        return Comparison.DIFFERENT_DEADLINE, ratio
    if mine is None or theirs is None or abs(mine - theirs) <= EQUAL_TOLERANCE * max(1.0, abs(theirs)):
        return Comparison.EQUAL, ratio
    better = mine > theirs if direction else mine < theirs
    return (Comparison.STRICTER if better else Comparison.LOOSER), ratio


def _year_distance(child: dict[str, Any], source: dict[str, Any]) -> int:
    if child["year"] is None or source["year"] is None:
        return 0 if child["year"] == source["year"] else 10_000
    return abs(child["year"] - source["year"])


def choose_derivations(children: dict[str, list[dict[str, Any]]], ancestors: dict[str, dict[str, int]],
                       targets: dict[str, list[dict[str, Any]]]) -> list[Derivation]:
    """One derivation per child target: the nearest ancestor's target of the same indicator.

    Args:
        children: document id -> its targets (rows of ``indicator_targets_query``).
        ancestors: document id -> {ancestor id: depth}.
        targets: document id -> targets, for every ancestor (and child) fetched.
    """
    out = []
    # An ancestor's targets by indicator, grouped once: a province's plan is an ancestor of
    # every commune below it, and scanning all its targets per child target was most of the
    # time of settling a national cascade (20 million comparisons).
    by_indicator: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for doc, own in sorted(children.items()):
        above = ancestors.get(doc, {})
        for ancestor in above:
            if ancestor not in by_indicator:
                grouped = by_indicator[ancestor] = {}
                for source in targets.get(ancestor, ()):
                    grouped.setdefault(source["indicator"], []).append(source)
        for child in own:
            best = None
            for ancestor, depth in above.items():
                for source in by_indicator[ancestor].get(child["indicator"], ()):
                    rank = (depth, _year_distance(child, source), source["target"])
                    if best is None or rank < best[0]:
                        best = (rank, source)
            if best is not None:
                comparison, ratio = compare(child, best[1], child["higher_is_better"])
                out.append(Derivation(child["target"], best[1]["target"], comparison, ratio))
    return sorted(out, key=lambda d: d.target)
