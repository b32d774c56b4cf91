"""GET /explorer: the web explorer, its static assets, and the JSON its network views need.

The page searches with GET /documents and reads a document's details from GET /documents/{id};
the endpoints here answer what no other resource does: a cascade shaped as a network (nodes and
edges with kind and level, communes folded by district when it is large), a document's
expansion, a district group's content, and the per-indicator comparison table.
"""

from __future__ import annotations

from fastapi import APIRouter, Query
from fastapi.responses import HTMLResponse, Response

from policykg.api.deps import StoreDep
from policykg.api.schemas_explorer import ComparisonTable, ExplorerDelta, ExplorerView
from policykg.errors import InputError
from policykg.viz import explorer
from policykg.viz.page import ASSETS, LIVE_CSP_HEADER, asset, render_live

#: Null fields are left out of the network answers: vis-network reads a null option (mass,
#: size) as a value and complains, where a missing one takes the default.
#: Browsers may keep an asset this long (seconds); a new release changes the page anyway.
ASSET_MAX_AGE = 3600
#: Longest document id a path may carry (ids run to ~120 characters).
MAX_ID_CHARS = 300

router = APIRouter(tags=["explorer"])


@router.get("/explorer", response_class=HTMLResponse, include_in_schema=False)
def explorer_page() -> HTMLResponse:
    """The explorer: search, a cascade as a network, details, filters and the comparison table."""
    return HTMLResponse(render_live(), headers={"Content-Security-Policy": LIVE_CSP_HEADER})


@router.get("/explorer/static/{name:path}", include_in_schema=False)
def explorer_asset(name: str) -> Response:
    """One of the explorer's own scripts, style sheets, fonts or licences (nothing else)."""
    return Response(asset(name), media_type=ASSETS[name],
                    headers={"Cache-Control": f"public, max-age={ASSET_MAX_AGE}"})


@router.get("/explorer/cascade/{doc_id:path}", response_model=ExplorerView,
            response_model_exclude_none=True)
def cascade_network(doc_id: str, store: StoreDep) -> dict:
    """A document's cascade as a network: documents, places, issuers, and targets when small."""
    return explorer.cascade_view(store, _checked(doc_id))


@router.get("/explorer/expand/{doc_id:path}", response_model=ExplorerDelta,
            response_model_exclude_none=True)
def expand_document(doc_id: str, store: StoreDep) -> dict:
    """The nodes a click on a document adds: its targets, their derivations, its lead agencies."""
    return explorer.expansion(store, _checked(doc_id))


@router.get("/explorer/group/{key:path}", response_model=ExplorerDelta,
            response_model_exclude_none=True)
def open_group(key: str, store: StoreDep,
               root: str = Query(..., min_length=3, max_length=MAX_ID_CHARS,
                                 examples=["vn/trung-uong-dang/2022/16-nq-tw"])) -> dict:
    """The commune documents a district's group node stands for, replacing that node."""
    return explorer.group(store, root, _checked(key))


@router.get("/explorer/table/{doc_id:path}", response_model=ComparisonTable,
            response_model_exclude_none=True)
def comparison_table(doc_id: str, store: StoreDep) -> dict:
    """Per indicator, each level's target beside its parent's: stricter, looser, equal or dropped."""
    return explorer.comparison(store, _checked(doc_id))


def _checked(value: str) -> str:
    """An id from a path, refused when it is longer than any id can be."""
    if len(value) > MAX_ID_CHARS:
        raise InputError(f"id is {len(value)} characters; ids have at most {MAX_ID_CHARS}")
    return value
