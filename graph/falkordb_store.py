"""The embedded backend: FalkorDB over its unix socket, through the ``falkordb`` client.

Reads go through ``GRAPH.RO_QUERY``, so the engine itself refuses a write on a read path.
Uniqueness is a FalkorDB constraint (``GRAPH.CONSTRAINT CREATE … UNIQUE``), which needs an index
on the same property first; both are created only when missing, so ``ensure_schema`` is
idempotent.

Constraints and the append-only file: FalkorDB 4.16 builds a constraint in the background and
then writes its CREATE command to the AOF a second time; replaying the file on the next start
meets "Constraint already exists" and, with several constraints, the server hangs while loading
(seen here with the seven constraints of the graph schema). So once new constraints are built,
the store asks for an AOF rewrite (``BGREWRITEAOF``): the file then starts from a snapshot that
already holds them, and no CREATE is replayed.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import redis
from falkordb import FalkorDB
from falkordb.edge import Edge
from falkordb.node import Node

from policykg.errors import QueryError, QueryTimeout, ReadOnlyViolation, StoreUnavailable
from policykg.graph.cypher import LIST_CONSTRAINTS, LIST_INDEXES, plain_index_statement
from policykg.graph.store import GraphStore, Params, Row, SchemaSpec, WriteCounters, WriteResult, plain

#: FalkorDB's answer when RO_QUERY meets a write clause.
_RO_REFUSAL = "is to be executed only on read-only queries"
#: Constraints with their build status.
LIST_CONSTRAINT_STATUS = "CALL db.constraints() YIELD status RETURN status"
#: How long building constraints and rewriting the AOF may take, and how often to look.
CONSTRAINT_BUILD_TIMEOUT_S = 60.0
AOF_REWRITE_TIMEOUT_S = 120.0
POLL_S = 0.05
#: FalkorDB's answer when a query runs past its time limit.
_TIMEOUT_REFUSAL = "Query timed out"


def _entity_props(value: Any) -> dict[str, Any] | None:
    return dict(value.properties) if isinstance(value, Node | Edge) else None


class FalkorStore(GraphStore):
    """A graph in a FalkorDB server reached over a unix socket.

    Args:
        socket: the server's unix socket.
        graph: the graph's name (one FalkorDB server can hold several).
        query_timeout_ms: time limit of a read query.
        on_close: called by ``close`` (the embedded server's lease release).
    """

    backend = "falkordb"
    has_outdegree = True

    def __init__(self, socket: Path, graph: str, *, query_timeout_ms: int, on_close=None) -> None:
        super().__init__(query_timeout_ms=query_timeout_ms)
        self.socket = Path(socket)
        self.graph_name = graph
        self._on_close = on_close
        try:
            self._db = FalkorDB(unix_socket_path=str(self.socket))
            self._graph = self._db.select_graph(graph)
        except (redis.exceptions.RedisError, OSError) as exc:
            raise self._unavailable(exc) from None
        # RO_QUERY on a graph that does not exist yet is an error, not an empty answer; a
        # GRAPH.QUERY creates the (empty) graph, so reads on a fresh store just find nothing.
        self._call(self._graph.query, "RETURN 1", {})

    def _unavailable(self, exc: Exception) -> StoreUnavailable:
        return StoreUnavailable(
            f"the embedded store on {self.socket} is not answering ({type(exc).__name__}: {exc}); "
            "start it with `policykg store start` or restart `make run`"
        )

    def _call(self, fn, query: str, params: Params, **kwargs):
        try:
            return fn(query, dict(params), **kwargs)
        except redis.exceptions.ResponseError as exc:
            message = str(exc)
            if _RO_REFUSAL in message:
                raise ReadOnlyViolation("this path is read-only and the query writes") from None
            if _TIMEOUT_REFUSAL in message:
                raise QueryTimeout(
                    f"the query ran past its time limit of {kwargs.get('timeout')} ms; narrow it "
                    "or raise POLICYKG_QUERY_TIMEOUT_MS"
                ) from None
            raise QueryError(f"FalkorDB rejected the query: {message}") from None
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError) as exc:
            raise self._unavailable(exc) from None

    def _rows(self, result) -> list[Row]:
        names = [column[1] if isinstance(column, list | tuple) else column for column in result.header]
        names = [n.decode() if isinstance(n, bytes) else str(n) for n in names]
        return [dict(zip(names, plain(row, _entity_props), strict=True)) for row in result.result_set]

    def _read(self, query: str, params: Params, timeout_ms: int) -> list[Row]:
        return self._rows(self._call(self._graph.ro_query, query, params, timeout=timeout_ms))

    def _write(self, query: str, params: Params) -> WriteResult:
        result = self._call(self._graph.query, query, params)
        counters = WriteCounters(
            nodes_created=int(result.nodes_created),
            nodes_deleted=int(result.nodes_deleted),
            relationships_created=int(result.relationships_created),
            relationships_deleted=int(result.relationships_deleted),
            properties_set=int(result.properties_set),
            labels_added=int(result.labels_added),
        )
        return WriteResult(rows=self._rows(result), counters=counters)

    def _ensure_schema(self, spec: SchemaSpec) -> None:
        indexed = {(r["label"], p) for r in self.read(LIST_INDEXES) for p in r["properties"]}
        constrained = {
            (r["label"], p) for r in self.read(LIST_CONSTRAINTS) if r["type"] == "UNIQUE"
            for p in r["properties"]
        }
        for label, key in (*spec.unique, *spec.indexes):
            if (label, key) not in indexed:
                self._write(plain_index_statement(label, key), {})
                indexed.add((label, key))
        created = False
        for label, key in spec.unique:
            if (label, key) not in constrained:
                self._constraint(label, key)
                created = True
        if created:
            self._wait_for_constraints()
            self._rewrite_append_only_file()

    def _wait_for_constraints(self) -> None:
        """Until every constraint is built (FalkorDB builds them in the background)."""
        deadline = time.monotonic() + CONSTRAINT_BUILD_TIMEOUT_S
        while any(r["status"] != "OPERATIONAL" for r in self.read(LIST_CONSTRAINT_STATUS)):
            if time.monotonic() > deadline:
                raise QueryError(f"FalkorDB did not finish building constraints within "
                                 f"{CONSTRAINT_BUILD_TIMEOUT_S:.0f} s; see the server log")
            time.sleep(POLL_S)

    def _rewrite_append_only_file(self) -> None:
        """Compact the AOF into a snapshot (see the module docstring); no-op without AOF."""
        connection = self._db.connection
        try:
            if connection.config_get("appendonly").get("appendonly") != "yes":
                return
            connection.bgrewriteaof()
            deadline = time.monotonic() + AOF_REWRITE_TIMEOUT_S
            while time.monotonic() < deadline:
                info = connection.info("persistence")
                if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
                    return
                time.sleep(POLL_S)
        except redis.exceptions.ResponseError as exc:
            if "already in progress" not in str(exc):
                raise QueryError(f"FalkorDB refused to rewrite its append-only file: {exc}") from None
        except (redis.exceptions.ConnectionError, OSError) as exc:
            raise self._unavailable(exc) from None

    def _constraint(self, label: str, key: str) -> None:
        # Not Cypher: FalkorDB manages constraints with a command of its own.
        try:
            self._db.connection.execute_command(
                "GRAPH.CONSTRAINT", "CREATE", self.graph_name, "UNIQUE", "NODE", label,
                "PROPERTIES", 1, key,
            )
        except redis.exceptions.ResponseError as exc:
            if "already exists" not in str(exc):
                raise QueryError(f"FalkorDB refused a constraint on {label}.{key}: {exc}") from None

    def describe(self) -> dict[str, Any]:
        """Backend, socket, graph name and FalkorDB module version."""
        try:
            modules = self._db.connection.execute_command("MODULE", "LIST")
        except (redis.exceptions.RedisError, OSError) as exc:
            raise self._unavailable(exc) from None
        version = next(
            (m[3] for m in modules if m[1] in (b"graph", "graph")), None
        )
        return {"backend": self.backend, "location": str(self.socket), "graph": self.graph_name,
                "server_version": str(version)}

    def close(self) -> None:
        """Close the connection pool and release the embedded server's lease."""
        try:
            self._db.connection.close()
        finally:
            if self._on_close is not None:
                callback, self._on_close = self._on_close, None
                callback()
