"""The app factory: assembles settings, store, routers and error handlers, nothing more.

``policykg serve`` opens the store first (so a bad setting is one clear line, not a failed
startup hook) and hands it to ``create_app``; ``uvicorn --factory policykg.api.main:create_app``
lets the app open and close the store itself.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from policykg import __version__
from policykg.api.cache import AnswerCache, AnswerCacheMiddleware
from policykg.api.problems import install_problem_handlers
from policykg.api.routers import (coverage, documents, explorer, exports, health, indicators, lineage, query,
                                  sparql, targets)
from policykg.api.security import install_security
from policykg.graph.connect import open_store
from policykg.graph.queries.search import IndexCache
from policykg.graph.sparql import SparqlView
from policykg.graph.store import GraphStore
from policykg.settings import Settings, load_settings

DESCRIPTION = (
    "Lineage of Vietnamese policy cascades: which local targets derive from a resolution, "
    "which plans implement it, each answer with the sentence that supports it."
)


def create_app(settings: Settings | None = None, store: GraphStore | None = None) -> FastAPI:
    """Build the FastAPI application.

    Args:
        settings: defaults to the environment's.
        store: an open store to serve; when None the app opens one at startup and closes it
            at shutdown.
    """
    settings = settings or load_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        owned = store is None
        app.state.store = store or open_store(settings)
        app.state.sparql_view = SparqlView.for_store(settings.home, app.state.store)
        try:
            yield
        finally:
            app.state.sparql_view.close()
            if owned:
                app.state.store.close()

    app = FastAPI(title="policykg", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.settings = settings
    app.state.store = store
    app.state.search_index = IndexCache()
    app.state.answer_cache = AnswerCache.from_settings(settings)
    install_problem_handlers(app)
    app.add_middleware(AnswerCacheMiddleware)  # first added, innermost: inside the security headers
    install_security(app, settings)
    for router in (health.router, documents.router, lineage.router, targets.router,
                   indicators.router, coverage.router, exports.router, query.router,
                   explorer.router, sparql.router):
        app.include_router(router)
    return app
