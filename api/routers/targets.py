"""GET /targets/{id}/chain: a target and the targets it derives from, up to the root."""

from __future__ import annotations

from fastapi import APIRouter

from policykg.api.deps import StoreDep
from policykg.api.schemas import TargetOut
from policykg.graph.queries.lineage import target_chain

router = APIRouter(tags=["targets"])


@router.get("/targets/{target_id:path}/chain", response_model=list[TargetOut])
def chain(target_id: str, store: StoreDep) -> list[dict]:
    """A target and each target it derives from, child first, with comparisons and evidence."""
    return target_chain(store, target_id)
