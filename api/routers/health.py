"""GET /health: is the service up and does the store answer."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from policykg import __version__
from policykg.api.deps import SettingsDep, StoreDep
from policykg.api.problems import redact

router = APIRouter(tags=["health"])


class StoreInfo(BaseModel):
    """Which store answers, and where."""

    backend: str
    location: str
    graph: str
    server_version: str | None = None
    schema_mode: str | None = None


class Health(BaseModel):
    """Health of the service."""

    status: str
    version: str
    store: StoreInfo


@router.get("/health", response_model=Health)
def health(store: StoreDep, settings: SettingsDep) -> Health:
    """Report the service version and the store it answers from; 503 when the store is down."""
    store.ping()
    info = store.describe()
    info["location"] = redact(str(info["location"]), settings)
    return Health(status="ok", version=__version__, store=StoreInfo(**info))
