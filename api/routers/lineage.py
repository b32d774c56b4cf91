"""GET /lineage/{id} and GET /lineage/{id}/targets: cascades and the targets derived from them.

The targets endpoint answers from the app's answer cache (api/cache.py) while the graph is
unchanged: a page is computed once (two graph queries, validation, JSON), kept as bytes under
its path and query string, and served again by the cache's middleware before routing, without
a store round trip. The handler is ``async``; a miss runs the queries in a worker thread.
"""

from __future__ import annotations

from typing import Literal

from fastapi import APIRouter, Query, Request, Response
from pydantic import TypeAdapter

from policykg.api.cache import request_key
from policykg.api.deps import AnswerCacheDep, StoreDep
from policykg.api.schemas import Cascade, Page, TargetOut
from policykg.graph.queries import MAX_DEPTH
from policykg.graph.queries.cascade import cascade
from policykg.graph.queries.lineage import count_derived_targets, derived_targets
from policykg.graph.store import GraphStore

router = APIRouter(tags=["lineage"])

Level = Literal["central", "province", "district", "commune"]
#: Default and largest page of targets.
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
#: Validates and serializes a page in one pass of pydantic-core (what FastAPI does with a
#: response_model), so the cache keeps exactly the bytes an uncached answer would send.
TARGETS_PAGE = TypeAdapter(Page[TargetOut])


def render_targets(store: GraphStore, doc_id: str, indicator: str | None, level: str | None,
                   limit: int, offset: int) -> bytes:
    """One page of :func:`lineage_targets` as JSON bytes (the cached form)."""
    total = count_derived_targets(store, doc_id, indicator=indicator, level=level)
    items = derived_targets(store, doc_id, indicator=indicator, level=level, limit=limit,
                            offset=offset)
    page = {"total": total, "limit": limit, "offset": offset, "items": items}
    return TARGETS_PAGE.dump_json(TARGETS_PAGE.validate_python(page))


@router.get("/lineage/{doc_id:path}/targets", response_model=Page[TargetOut])
async def lineage_targets(
    request: Request,
    doc_id: str,
    store: StoreDep,
    cache: AnswerCacheDep,
    indicator: str | None = Query(None, max_length=64, examples=["incomePerCapita"]),
    level: Level | None = None,
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0),
) -> Response:
    """Every target derived from a document, at any depth of its cascade, with its evidence."""
    def compute() -> bytes:
        return render_targets(store, doc_id, indicator, level, limit, offset)

    body = await cache.answer(request_key(request.scope), store, compute)
    return Response(body, media_type="application/json")


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
