"""The production backend: Neo4j 5 (self-hosted, cluster or Aura) through the official driver.

Selected by ``POLICYKG_STORE=bolt://… | neo4j://… | neo4j+s://…``. Decisions:

* **Managed transactions only** (``execute_read`` / ``execute_write``): reads run in READ
  transactions, which Neo4j routes to readers and refuses to write in. (Auto-commit
  ``session.run`` is never used: besides losing retries, FalkorDB's Bolt endpoint, which the test
  suite drives this class against, ignores the database name on it.)
* **Schema DDL** is Neo4j 5's named ``CREATE CONSTRAINT … IF NOT EXISTS``. A Bolt server that is
  not Neo4j (FalkorDB, which reports itself as ``Neo4j/5.13.0``) refuses it; the backend then
  falls back to plain ``CREATE INDEX`` for the missing indexes and says so in ``describe()``
  (``schema_mode: portable``). Uniqueness then rests on MERGE alone.
* **Errors** from the driver are converted here into the project's one-line errors naming the
  URI and the setting to fix.
"""

from __future__ import annotations

from typing import Any

import neo4j
from neo4j import GraphDatabase
from neo4j import exceptions as nx
from neo4j.graph import Node, Relationship

from policykg.errors import (
    QueryError,
    QueryTimeout,
    ReadOnlyViolation,
    StoreConfigError,
    StoreError,
    StoreUnavailable,
)
from policykg.graph.cypher import LIST_INDEXES, neo4j_schema_statements, plain_index_statement
from policykg.graph.store import GraphStore, Params, Row, SchemaSpec, WriteCounters, WriteResult, plain

#: Neo4j's status code for a write attempted in a read transaction.
_WRITE_IN_READ_CODES = ("Neo.ClientError.Statement.AccessMode", "Neo.ClientError.Security.Forbidden")
#: Neo4j's status codes for a transaction stopped by its time limit (ours, or the server's).
_TIMED_OUT_CODES = ("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration",
                    "Neo.ClientError.Transaction.TransactionTimedOut")
#: How long a managed transaction is retried on transient errors before giving up.
MAX_RETRY_TIME_S = 5.0


def _entity_props(value: Any) -> dict[str, Any] | None:
    return dict(value.items()) if isinstance(value, Node | Relationship) else None


def convert_driver_error(exc: Exception, uri: str) -> StoreError:
    """Turn a neo4j driver exception into the project's one-line error.

    Example:
        >>> convert_driver_error(nx.AuthError("bad"), "bolt://db:7687").message  # doctest: +ELLIPSIS
        'Neo4j at bolt://db:7687 refused the credentials; set POLICYKG_NEO4J_USER and ...'
    """
    if isinstance(exc, nx.AuthError):
        return StoreConfigError(
            f"Neo4j at {uri} refused the credentials; set POLICYKG_NEO4J_USER and "
            "POLICYKG_NEO4J_PASSWORD to a valid user and password"
        )
    if isinstance(exc, nx.ServiceUnavailable | nx.SessionExpired | OSError):
        return StoreUnavailable(
            f"cannot reach Neo4j at {uri} ({exc}); check POLICYKG_STORE and that the server runs"
        )
    if isinstance(exc, nx.ConfigurationError | ValueError):
        return StoreConfigError(f"POLICYKG_STORE {uri} is not a usable Neo4j URI: {exc}")
    code = getattr(exc, "code", None) or ""
    if code in _WRITE_IN_READ_CODES:
        return ReadOnlyViolation("this path is read-only and the query writes")
    if code in _TIMED_OUT_CODES:
        return QueryTimeout("the query ran past its time limit; narrow it or raise "
                            "POLICYKG_QUERY_TIMEOUT_MS")
    if isinstance(exc, nx.ClientError):
        return QueryError(f"Neo4j rejected the query: {getattr(exc, 'message', exc)}")
    return StoreError(f"Neo4j at {uri} failed: {getattr(exc, 'message', None) or exc}")


class Neo4jStore(GraphStore):
    """A Neo4j 5 database reached with the official driver.

    Args:
        uri: ``bolt://``, ``neo4j://`` or ``neo4j+s://`` URI.
        user, password: credentials.
        database: database name (``policykg``; Neo4j Community has only ``neo4j``).
        query_timeout_ms: time limit of every transaction.
        connect_timeout_s: time limit to open a connection.
    """

    backend = "neo4j"

    def __init__(
        self,
        uri: str,
        *,
        user: str,
        password: str,
        database: str,
        query_timeout_ms: int,
        connect_timeout_s: float,
        max_batch_bytes: int | None = None,
    ) -> None:
        super().__init__(query_timeout_ms=query_timeout_ms, max_batch_bytes=max_batch_bytes)
        self.uri, self.database = uri, database
        self.schema_mode = "neo4j"
        self._driver = None
        try:
            self._driver = GraphDatabase.driver(
                uri,
                auth=(user, password),
                connection_timeout=connect_timeout_s,
                # Bounds the handshake too: a server that accepts TCP but never answers fails
                # within the connect timeout instead of the driver's 60 s default.
                connection_acquisition_timeout=connect_timeout_s,
                max_transaction_retry_time=MAX_RETRY_TIME_S,
            )
            self._driver.verify_connectivity()
        except Exception as exc:  # noqa: BLE001 - every driver failure becomes one line
            self.close()
            raise self._connect_error(exc) from None

    def _connect_error(self, exc: Exception) -> StoreError:
        if isinstance(exc, nx.DatabaseError):
            # A server that accepts the socket but fails the session: with FalkorDB's Bolt
            # endpoint this is how a wrong password shows (Neo4j answers AuthError instead).
            return StoreConfigError(
                f"the Bolt server at {self.uri} refused the session ({exc.message}); check "
                "POLICYKG_NEO4J_USER, POLICYKG_NEO4J_PASSWORD and that it is a Neo4j 5 server"
            )
        return convert_driver_error(exc, self.uri)

    def _run(self, access: str, query: str, params: Params, timeout_ms: int | None):
        @neo4j.unit_of_work(timeout=timeout_ms / 1000 if timeout_ms else None)
        def work(tx):
            result = tx.run(query, params)
            records = [dict(r.items()) for r in result]
            return records, result.consume().counters

        try:
            with self._driver.session(database=self.database) as session:
                execute = session.execute_read if access == "r" else session.execute_write
                return execute(work)
        except Exception as exc:  # noqa: BLE001 - converted at the boundary
            raise convert_driver_error(exc, self.uri) from None

    def _read(self, query: str, params: Params, timeout_ms: int) -> list[Row]:
        records, _ = self._run("r", query, params, timeout_ms)
        return [plain(r, _entity_props) for r in records]

    def _write(self, query: str, params: Params) -> WriteResult:
        records, c = self._run("w", query, params, None)
        counters = WriteCounters(
            nodes_created=c.nodes_created,
            nodes_deleted=c.nodes_deleted,
            relationships_created=c.relationships_created,
            relationships_deleted=c.relationships_deleted,
            properties_set=c.properties_set,
            labels_added=c.labels_added,
        )
        return WriteResult(rows=[plain(r, _entity_props) for r in records], counters=counters)

    def _ensure_schema(self, spec: SchemaSpec) -> None:
        statements = neo4j_schema_statements(spec)
        try:
            for statement in statements:
                self._write(statement, {})
        except StoreError:
            if not self._falls_back_to_portable(spec):
                raise

    def _falls_back_to_portable(self, spec: SchemaSpec) -> bool:
        """Plain indexes for a Bolt server that refuses Neo4j 5 DDL; False if that fails too."""
        try:
            existing = {(r["label"], p) for r in self.read(LIST_INDEXES) for p in r["properties"]}
        except StoreError:
            return False
        for label, key in (*spec.unique, *spec.indexes):
            if (label, key) not in existing:
                self._write(plain_index_statement(label, key), {})
                existing.add((label, key))
        self.schema_mode = "portable"
        return True

    def describe(self) -> dict[str, Any]:
        """Backend, URI, database, server agent and schema mode."""
        try:
            info = self._driver.get_server_info()
        except Exception as exc:  # noqa: BLE001
            raise convert_driver_error(exc, self.uri) from None
        return {"backend": self.backend, "location": self.uri, "graph": self.database,
                "server_version": info.agent, "schema_mode": self.schema_mode}

    def close(self) -> None:
        """Close the driver's connection pool."""
        if self._driver is not None:
            self._driver.close()
            self._driver = None

