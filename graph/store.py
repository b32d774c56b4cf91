"""One store interface, two backends (embedded FalkorDB, Neo4j 5), the same openCypher for both.

A backend implements four primitives: ``_read`` and ``_write`` (run one query, return rows as
plain Python values), ``_ensure_schema`` (the constraint and index DDL, which is where the
dialects differ) and ``close``. Everything else (batching, counters, value conversion, the
``(query, params)`` convention of graph/cypher.py) lives here once.

Rows are lists of dicts of plain values: a node or relationship comes back as the dict of its
properties, so callers never see a driver type. Dates are stored as ISO strings
('2020-03-12'), which both engines compare correctly and which the RDF export types as xsd:date.

Example:
    >>> from policykg.graph.cypher import count_nodes
    >>> store.read(*count_nodes())                           # doctest: +SKIP
    [{'n': 12}]
"""

from __future__ import annotations

import json

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, fields
from typing import Any, ClassVar

Row = dict[str, Any]
Params = Mapping[str, Any]

#: Rows per UNWIND batch when loading: big enough to amortize round trips, small enough that
#: one batch stays well under both engines' query-size limits.
DEFAULT_BATCH_SIZE = 1000


@dataclass(frozen=True)
class WriteCounters:
    """What a write changed, summed over batches (a second identical load reports zeros)."""

    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0
    labels_added: int = 0

    def __add__(self, other: WriteCounters) -> WriteCounters:
        return WriteCounters(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    @property
    def changed(self) -> bool:
        """True if anything was created, deleted or set."""
        return any(getattr(self, f.name) for f in fields(self))


@dataclass(frozen=True)
class WriteResult:
    """Rows returned by a write query and what it changed."""

    rows: list[Row]
    counters: WriteCounters


@dataclass(frozen=True)
class SchemaSpec:
    """Constraints and indexes the graph needs, as (label, property) pairs."""

    unique: tuple[tuple[str, str], ...] = ()
    indexes: tuple[tuple[str, str], ...] = ()


def batched(rows: Iterable[Any], size: int, max_bytes: int | None = None) -> Iterator[list[Any]]:
    """Split rows (maps, or plain values such as ids) into lists of at most ``size`` rows and, if
    given, about ``max_bytes`` of JSON.

    A single row larger than ``max_bytes`` still goes, alone: the budget shapes batches, it does
    not drop data.
    """
    if max_bytes is None and isinstance(rows, list) and size > 0:
        yield from (rows[i:i + size] for i in range(0, len(rows), size))
        return
    batch: list[Any] = []
    weight = 0
    for row in rows:
        cost = len(json.dumps(row, default=str).encode()) if max_bytes else 0
        if batch and (len(batch) >= size or (max_bytes and weight + cost > max_bytes)):
            yield batch
            batch, weight = [], 0
        batch.append(row)
        weight += cost
    if batch:
        yield batch


class GraphStore(ABC):
    """A graph store. Use as a context manager, or call ``close``."""

    #: Short backend name reported by /health and ``policykg store status``.
    backend: ClassVar[str]
    #: True when the server has FalkorDB's ``outdegree(node, type)``: "has no outgoing X" is
    #: then a lookup of the node's adjacency instead of an OPTIONAL MATCH per row (see
    #: ``graph/writes.py`` not_milestone). Portable Cypher is used where it is False.
    has_outdegree: ClassVar[bool] = False
    #: True when a load may write one chunk from a background thread while it reads the store
    #: and prepares the next (``graph/load_chunk.py`` ChunkWriter): the embedded FalkorDB. The
    #: Bolt tests run against FalkorDB's experimental Bolt endpoint, which is kept to one
    #: session at a time.
    writes_in_background: ClassVar[bool] = False

    def __init__(self, *, query_timeout_ms: int, max_batch_bytes: int | None = None) -> None:
        self.query_timeout_ms = query_timeout_ms
        # Some servers cap the size of one message (FalkorDB's experimental Bolt endpoint aborts
        # past ~4 KB); batches are then cut by size as well as by rows.
        self.max_batch_bytes = max_batch_bytes

    # -- primitives each backend implements ----------------------------------------------------

    @abstractmethod
    def _read(self, query: str, params: Params, timeout_ms: int) -> list[Row]:
        """Run a read-only query; a write must be refused by the engine (ReadOnlyViolation)."""

    @abstractmethod
    def _write(self, query: str, params: Params) -> WriteResult:
        """Run a query that may write."""

    @abstractmethod
    def _ensure_schema(self, spec: SchemaSpec) -> None:
        """Create missing constraints and indexes; idempotent."""

    @abstractmethod
    def describe(self) -> dict[str, Any]:
        """Backend name, location and server version, for /health and status."""

    @abstractmethod
    def close(self) -> None:
        """Release connections (and, for the embedded store, this process's lease)."""

    # -- the public interface ------------------------------------------------------------------

    def read(self, query: str, params: Params | None = None, *, timeout_ms: int | None = None) -> list[Row]:
        """Run a read-only query and return its rows."""
        return self._read(query, dict(params or {}), timeout_ms or self.query_timeout_ms)

    def write(self, query: str, params: Params | None = None) -> WriteResult:
        """Run one write query."""
        return self._write(query, dict(params or {}))

    def write_batches(
        self, query: str, rows: Iterable[Mapping[str, Any]], *, batch_size: int = DEFAULT_BATCH_SIZE
    ) -> WriteCounters:
        """Run an ``UNWIND $rows …`` query once per batch of rows; return the summed counters."""
        return self.run_prepared(self.prepare_batches(query, rows, batch_size=batch_size))

    def prepare_batches(
        self, query: str, rows: Iterable[Mapping[str, Any]], *, batch_size: int = DEFAULT_BATCH_SIZE
    ) -> list[Any]:
        """An ``UNWIND $rows …`` query cut into batches for ``run_prepared``: (query, params)
        pairs here; a backend may encode them for its wire already (FalkorDB: command text)."""
        return [(query, {"rows": batch})
                for batch in batched(rows, batch_size, self.max_batch_bytes)]

    def run_prepared(self, prepared: Iterable[Any]) -> WriteCounters:
        """Run prepared batches in order and sum their counters (from any one thread)."""
        total = WriteCounters()
        for query, params in prepared:
            total = total + self._write(query, params).counters
        return total

    @contextmanager
    def exclusive_load(self) -> Iterator[bool]:
        """Hold the store for one load; yields True when no other load, from any process, can
        write until the block ends (then a load may CREATE what it read as missing).

        Here, for a backend without such a lock (Neo4j), it yields False: loads then MERGE.
        """
        yield False

    def ensure_schema(self, spec: SchemaSpec) -> None:
        """Create the constraints and indexes of ``spec`` that do not exist yet."""
        self._ensure_schema(spec)

    def ping(self) -> None:
        """Raise StoreUnavailable unless the store answers a trivial query."""
        self.read("RETURN 1 AS ok")

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


#: Values a driver returns as they are: most of what a read returns, so they are let through
#: before any other check (settling a national cascade converts ~3 million of them).
PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})


def plain(value: Any, entity_props: Callable[[Any], dict[str, Any] | None]) -> Any:
    """Convert a driver value to plain Python; ``entity_props`` returns the property dict of a
    node or relationship of that driver, and None for anything else."""
    kind = type(value)
    if kind in PLAIN_TYPES:
        return value
    if kind is list:
        return [v if type(v) in PLAIN_TYPES else plain(v, entity_props) for v in value]
    props = entity_props(value)
    if props is not None:
        value = props
    if isinstance(value, Mapping):
        return {k: plain(v, entity_props) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v, entity_props) for v in value]
    return value
