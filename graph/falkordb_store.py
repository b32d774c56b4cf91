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

Batches of a load go down one connection at once (a redis pipeline, ``run_prepared``): the
server runs them back to back instead of waiting for the client between two, and the caller
may run them from a background thread while it prepares the next chunk
(``writes_in_background``). Their text is built by ``prepare_batches`` in the caller's thread.

Parameters travel as text: a ``CYPHER name=value …`` prefix the server parses like the query.
The client library writes it value by value in Python; ``cypher_literal`` writes it with
``json.dumps`` instead, 5-10 times faster, since JSON strings, numbers, booleans, nulls and
arrays of them are Cypher literals. Maps are not (JSON quotes their keys), and ``\\uXXXX``
escapes are read verbatim by FalkorDB, so a value holding a map, a control character or a
backslash before a ``u`` is left to the library. That is why the rows a load sends most are
lists (``cypher.create_nodes_query``).
"""

from __future__ import annotations

import fcntl
import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import redis
from falkordb import FalkorDB, QueryResult
from falkordb.edge import Edge
from falkordb.helpers import stringify_param_value
from falkordb.node import Node

from policykg.errors import (
    QueryError,
    QueryTimeout,
    ReadOnlyViolation,
    StoreError,
    StoreUnavailable,
)
from policykg.graph.cypher import LIST_CONSTRAINTS, LIST_INDEXES, plain_index_statement
from policykg.graph.store import (
    DEFAULT_BATCH_SIZE,
    GraphStore,
    Params,
    Row,
    SchemaSpec,
    WriteCounters,
    WriteResult,
    batched,
    plain,
)

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
#: Ending of the lock file loads into one graph take turns on (beside the socket).
LOAD_LOCK_SUFFIX = ".load-lock"


def _entity_props(value: Any) -> dict[str, Any] | None:
    return dict(value.properties) if isinstance(value, Node | Edge) else None


def cypher_literal(value: Any) -> str:
    """A parameter value as the Cypher literal FalkorDB parses: JSON when it says it exactly.

    Example:
        >>> cypher_literal([["vn/org/ubnd-huyen-song-lo", "Ủy ban nhân dân huyện Sông Lô", None]])
        '[["vn/org/ubnd-huyen-song-lo","Ủy ban nhân dân huyện Sông Lô",null]]'
    """
    if not isinstance(value, dict):
        try:
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
        except (TypeError, ValueError):  # not JSON (a date, NaN): the library knows Cypher
            text = ""
        # JSON writes a '"' inside a string as '\\"', so '{"' opens a map with a quoted key,
        # which Cypher does not take (an empty map '{}' it does).
        if text and "\\u" not in text and '{"' not in text:
            return text
    return stringify_param_value(value)


def params_header(params: Params) -> str:
    """The ``CYPHER name=value …`` prefix of a query's parameters ('' for none), names quoted
    with backticks as the client library quotes them (and refused if they hold one)."""
    if not params:
        return ""
    for name in params:
        if "`" in name:
            raise ValueError(f"Cypher parameter name cannot contain a backtick: {name!r}")
    values = " ".join(f"`{name}`={cypher_literal(value)}" for name, value in params.items())
    return f"CYPHER {values} "


def _counters(result: QueryResult) -> WriteCounters:
    return WriteCounters(
        nodes_created=int(result.nodes_created),
        nodes_deleted=int(result.nodes_deleted),
        relationships_created=int(result.relationships_created),
        relationships_deleted=int(result.relationships_deleted),
        properties_set=int(result.properties_set),
        labels_added=int(result.labels_added),
    )


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
    writes_in_background = True

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
            return fn(params_header(params) + query, None, **kwargs)
        except redis.exceptions.ResponseError as exc:
            raise self._refusal(exc, kwargs.get("timeout")) from None
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError) as exc:
            raise self._unavailable(exc) from None

    @staticmethod
    def _refusal(exc: redis.exceptions.ResponseError, timeout_ms: int | None = None) -> StoreError:
        message = str(exc)
        if _RO_REFUSAL in message:
            return ReadOnlyViolation("this path is read-only and the query writes")
        if _TIMEOUT_REFUSAL in message:
            return QueryTimeout(f"the query ran past its time limit of {timeout_ms} ms; narrow it "
                                "or raise POLICYKG_QUERY_TIMEOUT_MS")
        return QueryError(f"FalkorDB rejected the query: {message}")

    def _rows(self, result) -> list[Row]:
        names = [column[1] if isinstance(column, list | tuple) else column for column in result.header]
        names = [n.decode() if isinstance(n, bytes) else str(n) for n in names]
        return [dict(zip(names, plain(row, _entity_props), strict=True)) for row in result.result_set]

    def _read(self, query: str, params: Params, timeout_ms: int) -> list[Row]:
        return self._rows(self._call(self._graph.ro_query, query, params, timeout=timeout_ms))

    def _write(self, query: str, params: Params) -> WriteResult:
        result = self._call(self._graph.query, query, params)
        return WriteResult(rows=self._rows(result), counters=_counters(result))

    @contextmanager
    def exclusive_load(self) -> Iterator[bool]:
        """An exclusive lock (``flock``) on a file beside the socket, one per graph: every
        process that loads into this graph of this server takes it, so loads take turns. Yields
        False, without a lock, when the file cannot be opened (the socket's directory is
        read-only)."""
        path = self.socket.with_name(f"{self.socket.name}.{self.graph_name}{LOAD_LOCK_SUFFIX}")
        try:
            handle = open(path, "a")  # noqa: SIM115 - held open for the whole block
        except OSError:
            yield False
            return
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def prepare_batches(self, query: str, rows, *,
                        batch_size: int = DEFAULT_BATCH_SIZE) -> list[str]:
        """Each batch as the text FalkorDB parses: its rows in a ``CYPHER rows=…`` prefix, as
        the client library would write them, then the query."""
        return [f"CYPHER rows={cypher_literal(batch)} {query}"
                for batch in batched(rows, batch_size, self.max_batch_bytes)]

    def run_prepared(self, prepared) -> WriteCounters:
        """Every batch down one connection at once, then every answer; the first refusal is
        raised once all have been read (a batch that fails does not stop those sent after it)."""
        pipe = self._db.connection.pipeline(transaction=False)
        for text in prepared:
            pipe.execute_command("GRAPH.QUERY", self.graph_name, text, "--compact")
        try:
            replies = pipe.execute(raise_on_error=False)
        except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError) as exc:
            raise self._unavailable(exc) from None
        total, refusal = WriteCounters(), None
        for reply in replies:
            try:
                if isinstance(reply, Exception):
                    raise reply
                total = total + _counters(QueryResult(self._graph, reply))
            except redis.exceptions.ResponseError as exc:
                refusal = refusal or self._refusal(exc)
            except (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError) as exc:
                raise self._unavailable(exc) from None
        if refusal is not None:
            raise refusal
        return total

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
