"""GET /coverage/{id} and GET /lag/{id}: who followed a document, and how fast."""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter

from policykg.api.deps import StoreDep
from policykg.api.schemas import Coverage, Lag
from policykg.graph.queries.coverage import coverage
from policykg.graph.queries.lag import lag

router = APIRouter(tags=["coverage"])


@router.get("/coverage/{doc_id:path}", response_model=Coverage)
def get_coverage(doc_id: str, store: StoreDep,
                 level: Literal["province", "district", "commune"] | None = None) -> dict:
    """Units under a document's jurisdiction that issued a document of its cascade, and those that did not."""
    return coverage(store, doc_id, level=level)


@router.get("/lag/{doc_id:path}", response_model=Lag)
def get_lag(doc_id: str, store: StoreDep) -> dict:
    """Days from each parent's issue to each child's down the cascade, with medians by level."""
    return lag(store, doc_id)
