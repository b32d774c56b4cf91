"""Build the configured store. Only the CLI and the API's app factory call this.

Example:
    >>> with open_store(load_settings()) as store:          # doctest: +SKIP
    ...     store.read("MATCH (d:PolicyDocument {symbol: $s}) RETURN d.id AS id", {"s": "12-NQ/TU"})
"""

from __future__ import annotations

from policykg.graph.embedded import EmbeddedServer
from policykg.graph.falkordb_store import FalkorStore
from policykg.graph.neo4j_store import Neo4jStore
from policykg.graph.store import GraphStore
from policykg.settings import Settings


def embedded_server(settings: Settings) -> EmbeddedServer:
    """The embedded server of these settings' data directory."""
    return EmbeddedServer(settings.home, settings.socket_path)


def open_store(settings: Settings) -> GraphStore:
    """Connect to the configured store, starting the embedded one if needed.

    The embedded store is held by a lease for as long as the returned store is open; closing the
    store releases it, and the last holder stops an unpinned server.

    Raises:
        StoreConfigError: a setting prevents starting or connecting (one line, with the fix).
        StoreUnavailable: the store does not answer.
    """
    if not settings.is_embedded:
        return Neo4jStore(
            settings.store,
            user=settings.neo4j_user,
            password=settings.neo4j_password.get_secret_value(),
            database=settings.graph,
            query_timeout_ms=settings.query_timeout_ms,
            connect_timeout_s=settings.connect_timeout_s,
        )
    server = embedded_server(settings)
    lease = server.take_lease()
    try:
        return FalkorStore(
            server.socket,
            settings.graph,
            query_timeout_ms=settings.query_timeout_ms,
            on_close=lambda: server.release_lease(lease),
        )
    except BaseException:
        server.release_lease(lease)
        raise
