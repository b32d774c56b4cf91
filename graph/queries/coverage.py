"""Coverage: which units under a document's jurisdiction issued a document of its cascade.

For Vĩnh Phúc's 12-NQ/TU at district level: the districts of Vĩnh Phúc (as they were at the
resolution's date) that issued a document carrying it out (Sông Lô did) and those of which the
graph holds none. "None in the graph" is what it means: a researcher reads the missing list as
"not loaded or not issued", and the answer says so.

Example:
    >>> c = coverage(store, "vn/tinh-uy-vinh-phuc/2020/12-nq-tu", level="district")   # doctest: +SKIP
    >>> [u["name"] for u in c["covered"]], len(c["missing"])                           # doctest: +SKIP
    (['Sông Lô'], 8)
"""

from __future__ import annotations

from policykg.graph.cypher import KEY, Query, _label, _rel
from policykg.graph.identity import LEVEL_ORDER, era_on
from policykg.graph.queries import DOC, check_level, require_document
from policykg.graph.queries.cascade import cascade_query
from policykg.graph.store import GraphStore
from policykg.ontology.terms import Label, Prop, Rel

UNIT = _label(Label.ADMIN_UNIT)
#: Deepest PART_OF chain (commune -> district -> province).
MAX_UNIT_DEPTH = 3


def root_unit_query(doc_id: str) -> Query:
    """The unit a document applies to, if any."""
    return (f"MATCH (:{DOC} {{{KEY}: $id}})-[:{_rel(Rel.APPLIES_TO)}]->(u:{UNIT}) "
            f"RETURN u.{KEY} AS id, u.{Prop.LEVEL} AS level", {"id": doc_id})


def units_under_query(unit_id: str | None, level: str, era_prefix: str) -> Query:
    """Units of a level under a unit (or all of an era, for the centre)."""
    if unit_id is None:
        return (f"MATCH (x:{UNIT}) WHERE x.{Prop.LEVEL} = $level AND x.{KEY} STARTS WITH $prefix "
                f"RETURN x.{KEY} AS id, x.{Prop.NAME} AS name, x.{Prop.CODE} AS code ORDER BY code",
                {"level": level, "prefix": era_prefix})
    return (f"MATCH (top:{UNIT} {{{KEY}: $unit}}) WITH top "  # pins the start (see cascade.py)
            f"MATCH (x:{UNIT})-[:{_rel(Rel.PART_OF)}*1..{MAX_UNIT_DEPTH}]->(top) "
            f"WHERE x.{Prop.LEVEL} = $level "
            f"RETURN DISTINCT x.{KEY} AS id, x.{Prop.NAME} AS name, x.{Prop.CODE} AS code ORDER BY code",
            {"unit": unit_id, "level": level})


def coverage(store: GraphStore, doc_id: str, *, level: str | None = None) -> dict:
    """Units at ``level`` (default: the level below the document's) that did and did not follow."""
    root = require_document(store, doc_id)
    here = root["level"] or "central"
    level = check_level(level) or LEVEL_ORDER[min(LEVEL_ORDER.index(here) + 1, len(LEVEL_ORDER) - 1)]
    found = store.read(*root_unit_query(doc_id))
    unit_id = found[0]["id"] if found else None
    era = unit_id.split("/")[2] if unit_id else era_on(_day(root["issued"]))
    units = store.read(*units_under_query(unit_id, level, f"vn/unit/{era}/"))
    issued: dict[str, list[dict]] = {}
    for row in store.read(*cascade_query(doc_id, "down", None, level)):
        if row["unit"]:
            issued.setdefault(row["unit"], []).append({"id": row[f"d_{KEY}"], "symbol": row["d_symbol"]})
    covered = [{**u, "documents": issued[u["id"]]} for u in units if u["id"] in issued]
    missing = [u for u in units if u["id"] not in issued]
    share = len(covered) / len(units) if units else None
    return {"root": root, "level": level, "jurisdiction": unit_id, "covered": covered,
            "missing": missing, "share": share,
            "note": "missing means: no document of the cascade in the graph (not loaded, or not issued)"}


def _day(iso: str | None):
    from datetime import date
    return date.fromisoformat(iso) if iso else None
