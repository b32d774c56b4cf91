"""GET /lineage/{id} and GET /lineage/{id}/targets: cascades and the targets derived from them."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query

from policykg.api.deps import StoreDep
from policykg.api.schemas import Cascade, Page, TargetOut
from policykg.graph.queries import MAX_DEPTH
from policykg.graph.queries.cascade import cascade
from policykg.graph.queries.lineage import count_derived_targets, derived_targets

router = APIRouter(tags=["lineage"])

Level = Literal["central", "province", "district", "commune"]
#: Default and largest page of targets.
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000


@router.get("/lineage/{doc_id:path}/targets", response_model=Page[TargetOut])
def lineage_targets(
    doc_id: str,
    store: StoreDep,
    indicator: str | None = Query(None, max_length=64, examples=["incomePerCapita"]),
    level: Level | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0),
) -> dict:
    """Every target derived from a document, at any depth of its cascade, with its evidence."""
    total = count_derived_targets(store, doc_id, indicator=indicator, level=level)
    items = derived_targets(store, doc_id, indicator=indicator, level=level, limit=limit, offset=offset)
    return {"total": total, "limit": limit, "offset": offset, "items": items}


@router.get("/lineage/{doc_id:path}", response_model=Cascade)
def lineage(
    doc_id: str,
    store: StoreDep,
    direction: Literal["down", "up"] = "down",
    max_depth: int = Query(6, ge=1, le=MAX_DEPTH),
    level: Level | None = None,
) -> dict:
    """The documents that carry out a document (down) or that it carries out (up), with evidence."""
    return cascade(store, doc_id, direction=direction, max_depth=max_depth, level=level)
