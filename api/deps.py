"""Dependencies injected into handlers: the settings and the store, as ``Annotated`` aliases.

Handlers never build a store; the app factory does, once, and keeps it in ``app.state``.

Example:
    >>> @router.get("/documents/{doc_id}")                   # doctest: +SKIP
    ... def get_document(doc_id: str, store: StoreDep) -> Document: ...
"""

from __future__ import annotations

import hmac
from typing import Annotated

from fastapi import Depends, Request

from policykg.api.cache import AnswerCache
from policykg.errors import Forbidden, StoreUnavailable, Unauthorized
from policykg.graph.queries.search import IndexCache
from policykg.graph.sparql import SparqlView
from policykg.graph.store import GraphStore
from policykg.settings import Settings


# The getters are ``async`` although they wait on nothing: FastAPI runs a plain ``def``
# dependency in its thread pool, one hop per dependency and request (about a fifth of the time
# of a cached GET /lineage/{id}/targets, profiled under load), while an ``async def`` one is a
# plain call.


async def get_settings(request: Request) -> Settings:
    """The settings the app was built with."""
    return request.app.state.settings


async def get_store(request: Request) -> GraphStore:
    """The store the app was built with."""
    return request.app.state.store


async def get_search_index(request: Request) -> IndexCache:
    """The app's document search index (rebuilt when the graph changes)."""
    return request.app.state.search_index


async def get_answer_cache(request: Request) -> AnswerCache:
    """The app's answer cache (api/cache.py)."""
    return request.app.state.answer_cache


async def get_sparql_view(request: Request) -> SparqlView:
    """The app's SPARQL view (graph/sparql.py), opened with the store at startup."""
    view = getattr(request.app.state, "sparql_view", None)
    if view is None:
        raise StoreUnavailable("the SPARQL view opens when the app starts; run the app with its lifespan")
    return view


def require_token(request: Request) -> None:
    """Let a write through only with ``Authorization: Bearer <POLICYKG_API_TOKEN>``.

    Writes are off (403) while no token is set. The comparison takes the same time however
    much of the token is right (``hmac.compare_digest``), so timing does not leak it.
    """
    token = request.app.state.settings.api_token
    if token is None or not token.get_secret_value():
        raise Forbidden("write endpoints are off; set POLICYKG_API_TOKEN to turn them on")
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    expected = token.get_secret_value().encode()
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), expected):
        raise Unauthorized("a write needs the header 'Authorization: Bearer <POLICYKG_API_TOKEN>'")


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
SearchIndexDep = Annotated[IndexCache, Depends(get_search_index)]
AnswerCacheDep = Annotated[AnswerCache, Depends(get_answer_cache)]
SparqlViewDep = Annotated[SparqlView, Depends(get_sparql_view)]
