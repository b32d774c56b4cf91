"""Dependencies injected into handlers: the settings and the store, as ``Annotated`` aliases.

Handlers never build a store; the app factory does, once, and keeps it in ``app.state``.

Example:
    >>> @router.get("/documents/{doc_id}")                   # doctest: +SKIP
    ... def get_document(doc_id: str, store: StoreDep) -> Document: ...
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from policykg.graph.queries.search import IndexCache
from policykg.graph.store import GraphStore
from policykg.settings import Settings


def get_settings(request: Request) -> Settings:
    """The settings the app was built with."""
    return request.app.state.settings


def get_store(request: Request) -> GraphStore:
    """The store the app was built with."""
    return request.app.state.store


def get_search_index(request: Request) -> IndexCache:
    """The app's document search index (rebuilt when the graph changes)."""
    return request.app.state.search_index


SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[GraphStore, Depends(get_store)]
SearchIndexDep = Annotated[IndexCache, Depends(get_search_index)]
