"""SPARQL 1.1 queries over the RDF view of the graph, served by pyoxigraph; no updates.

The view is the graph's N-Triples export (``graph/export``: node IRIs
``https://w3id.org/policykg/id/<identifier>``, the ontology's classes and properties) in the
default graph, plus the ontology and the indicator vocabulary (``ontology/policykg.ttl``,
``indicators.ttl``) in the named graph ``<https://w3id.org/policykg/ontology>``, so a query can
read an indicator's Vietnamese labels. Queries resolve relative IRIs against the node
namespace (``<vn/tinh-uy-vinh-phuc/2020/12-nq-tu>`` is Vĩnh Phúc's Resolution 12-NQ/TU) and
know the prefixes ``pkg:``, ``rdf:``, ``rdfs:``, ``xsd:``, ``skos:`` and ``owl:`` undeclared.

Decisions, measured on this machine (2 cores, shared; the figures are in the README):

* **Where it lives.** On disk as the export's text (``sparql_views.py``: gzip N-Triples under
  the store's home, ``<home>/sparql/<graph>-<hash>/<id>/``), and in memory in one engine
  process per view (``sparql_engine.py``), whose forked workers evaluate the queries so that
  one past its time limit can be killed. In memory because pyoxigraph's RocksDB store answered the
  headline question 20-25 times slower (1.1 s against 40-60 ms on the national cascade); in
  another process so that the API process stays small (the national view is 3 GB) and a query
  cannot take it down; on disk so that the view outlives the process: reading the graph out
  of the store is most of a build (434 s of the national cascade's 490 s; loading the file
  into the engine 56 s), and ``policykg sparql`` or a restarted server reuses a view whose
  graph counts still match. Each API process (uvicorn worker) has its own engine; a lock file
  makes one of them build while the others wait and adopt its view.
* **Kept in step with every load.** A view remembers the ``GraphState`` (graph/state.py) it
  was built from; each query compares this process's write counter (free: a load made here is
  seen at once) and reads the node and relationship counts at most every
  ``SPARQL_STATE_CHECK_S`` (a load by another process is seen within it). A change of
  property values alone made by another process is missed until the counts change: that is
  the fingerprint's limit (graph/state.py), and rebuilding every minute to cover it would cost
  more than it is worth.
* **A rebuild never serves a half-built view.** It runs in a background thread into a fresh
  ``<id>.part`` directory, renamed when complete; a new engine loads it, and only then does it
  replace the old one (whose running queries finish first). A query that finds the view stale
  waits for the rebuild up to ``wait_s`` (the API: 30 s), then answers 503 while the rebuild
  goes on; a view known to be stale is never served. The graph's counts are read before the
  export starts, so a load landing during a rebuild leaves the view filed under the older
  counts and the next check rebuilds it.

What the time limit guarantees (``timeout_s``, ``POLICYKG_QUERY_TIMEOUT_MS``): a query's
evaluation, answer writing included, ends by its deadline: its child process is killed then
(and the kernel stops it a few CPU seconds later should the engine be gone), and the answer
is 504. Waiting for a view being built (``wait_s``) or for a free worker (``workers`` queries
run at once) comes on top and is bounded separately. Answers are cut at ``row_limit`` rows
and ``SPARQL_MAX_RESULT_MB`` (``SparqlAnswer.truncated``).

Example:
    >>> view = SparqlView.for_store(Path(".policykg"), store)                # doctest: +SKIP
    >>> view.query(store, derived_targets_sparql("vn/tinh-uy-vinh-phuc/2020/12-nq-tu"),  # doctest: +SKIP
    ...            timeout_s=10).body[:40]
    b'{"head":{"vars":["target","document","va'
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO

from policykg.errors import PayloadTooLarge, PolicyKGError, StoreUnavailable
from policykg.graph.export.rdf_terms import ID_BASE, node_iri
from policykg.graph.sparql_engine import TRIPLES_FILE, Engine
from policykg.graph.sparql_results import SparqlAnswer
from policykg.graph.sparql_text import check_read_only
from policykg.graph.sparql_views import ViewDirectory, ViewInfo, view_root, write_triples
from policykg.graph.state import GraphState, graph_state, local_writes
from policykg.graph.store import GraphStore
from policykg.ontology import NAMESPACE
from policykg.ontology.terms import Label
from policykg.settings import SPARQL_ROW_LIMIT

__all__ = ["PREFIXES", "SPARQL_MAX_QUERY_BYTES", "SparqlView", "derived_targets_sparql", "view_root"]

#: How often the graph's counts are read (a load by another process is seen within this).
SPARQL_STATE_CHECK_S = 1.0
#: Queries evaluated at once (one per core here); more wait for a turn.
SPARQL_WORKERS = 2
#: Memory a query may use beyond the view's (its joins, sorts and answer).
SPARQL_QUERY_MEMORY_MB = 1024
#: Largest answer written; past it the answer is cut between rows.
SPARQL_MAX_RESULT_MB = 32
#: Longest query text accepted (the API's body limit too).
SPARQL_MAX_QUERY_BYTES = 64 * 1024
#: Prefixes every query knows without declaring them (and Turtle answers use).
PREFIXES = {
    "pkg": NAMESPACE,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "owl": "http://www.w3.org/2002/07/owl#",
}

#: Views built by this process, and the write counter each was built under: another
#: SparqlView of this process may serve them while that counter has not moved.
_built_here: dict[str, int] = {}


def derived_targets_sparql(doc_id: str, limit: int | None = None) -> str:
    """The headline question in SPARQL: targets set by documents that implement ``doc_id`` at
    any depth (steps of a yearly path left out), as ``graph/queries/lineage.py`` answers it.

    Example:
        >>> print(derived_targets_sparql("vn/tinh-uy-vinh-phuc/2020/12-nq-tu").splitlines()[1])
          ?document pkg:implements+ <https://w3id.org/policykg/id/vn/tinh-uy-vinh-phuc/2020/12-nq-tu> .
    """
    page = f"\nLIMIT {int(limit)}" if limit is not None else ""
    return (
        "SELECT ?target ?document ?value ?unit ?year ?indicator WHERE {\n"
        f"  ?document pkg:implements+ <{node_iri(Label.POLICY_DOCUMENT, doc_id)}> .\n"
        "  ?document pkg:setsTarget ?target .\n"
        "  FILTER NOT EXISTS { ?target pkg:milestoneOf ?path }\n"
        "  OPTIONAL { ?target pkg:value ?value } OPTIONAL { ?target pkg:unit ?unit }\n"
        "  OPTIONAL { ?target pkg:year ?year } OPTIONAL { ?target pkg:measures ?indicator }\n"
        f"}}\nORDER BY ?document ?target{page}"
    )


@dataclass
class _Current:
    info: ViewInfo
    engine: Engine
    lease: IO[bytes]
    #: This process's write counter the view is valid under.
    local: int


@dataclass
class _Job:
    """A view being built, or an engine being started on a view already on disk."""

    building: bool
    started: float
    done: threading.Event
    error: PolicyKGError | None = None


class SparqlView:
    """The SPARQL view of one graph: the view in use, its engine, and its rebuilds.

    Args:
        root: directory of this graph's views (``view_root``).
        check_s: the graph's counts are read at most this often.
        workers: queries evaluated at once.
        memory_mb: memory one query may use beyond the view's.
        on_build: called when a query has to wait for a view to be built (the CLI says so).
    """

    def __init__(self, root: Path, *, check_s: float = SPARQL_STATE_CHECK_S, workers: int = SPARQL_WORKERS,
                 memory_mb: int = SPARQL_QUERY_MEMORY_MB, on_build: Callable[[], None] | None = None) -> None:
        self.views = ViewDirectory(root)
        self.check_s, self.workers, self.memory_mb, self.on_build = check_s, workers, memory_mb, on_build
        self._lock = threading.Lock()
        self._state: GraphState | None = None
        self._checked_at = float("-inf")
        self._local_seen: int | None = None
        #: Views whose counts were read before this (wall clock) may predate a write made here.
        self._fresh_after = 0.0
        self._current: _Current | None = None
        self._job: _Job | None = None
        self._closed = False
        self.builds = 0

    @classmethod
    def for_store(cls, home: Path, store: GraphStore, **options) -> SparqlView:
        """The view of ``store``'s graph (kept under the embedded store's home, else ``home``)."""
        return cls(view_root(home, store), **options)

    @property
    def root(self) -> Path:
        """The directory of this graph's views."""
        return self.views.root

    def query(self, store: GraphStore, text: str, *, accepted: Sequence[str] = (), timeout_s: float,
              row_limit: int = SPARQL_ROW_LIMIT, wait_s: float | None = None) -> SparqlAnswer:
        """Answer one SPARQL query, written in the first of ``accepted`` that fits.

        Args:
            accepted: media ranges, best first (``*/*`` and ``text/*`` allowed); none: the default.
            timeout_s: time limit of the evaluation.
            row_limit: most rows (or triples) in the answer.
            wait_s: longest wait for a view being built (None: as long as it takes; the CLI).

        Raises:
            ReadOnlyViolation: an update (403). QueryError: a syntax error, SERVICE, a query
            over its memory (400). QueryTimeout: past the time limit (504). NotAcceptable
            (406). PayloadTooLarge (413). StoreUnavailable: the view is being built (503).
        """
        size = len(text.encode())
        if size > SPARQL_MAX_QUERY_BYTES:
            raise PayloadTooLarge(f"the query is {size:,} bytes; send at most {SPARQL_MAX_QUERY_BYTES:,}")
        check_read_only(text)
        engine = self._engine(store, wait_s)
        request = {"text": text, "accepted": list(accepted), "row_limit": row_limit,
                   "max_bytes": SPARQL_MAX_RESULT_MB * 2**20, "timeout_s": timeout_s,
                   "base_iri": ID_BASE, "prefixes": PREFIXES}
        try:
            return engine.run(request, time.monotonic() + timeout_s)
        except StoreUnavailable:
            if not engine.retired:
                raise
            # It was replaced between being chosen and asked: the new engine answers.
            return self._engine(store, wait_s).run(request, time.monotonic() + timeout_s)

    def status(self) -> dict:
        """The view in use (None before the first query), its engine, and whether a job runs."""
        current, job = self._current, self._job
        return {"view": asdict(current.info) if current else None,
                "engine": current.engine.info if current else None,
                "building": job is not None and not job.done.is_set(), "builds": self.builds}

    def close(self) -> None:
        """End the engine and release the lease; a running build stops at its next page."""
        with self._lock:
            self._closed = True
            current, self._current = self._current, None
        if current is not None:
            current.engine.close()
            current.lease.close()

    # -- which view serves ---------------------------------------------------------------------

    def _engine(self, store: GraphStore, wait_s: float | None) -> Engine:
        deadline = None if wait_s is None else time.monotonic() + wait_s
        while True:
            state = self._graph_state(store)
            with self._lock:
                if self._closed:
                    raise StoreUnavailable("the SPARQL view is closed; the server is shutting down")
                current = self._current
                if current is not None and current.engine.alive and self._serves(current, state):
                    return current.engine
                job, started = self._job, False
                if job is None or job.done.is_set():
                    ready = current.info if current is not None and self._serves(current, state) else None
                    job, started = self._start_job(store, state, ready or self._adoptable(state)), True
            if started and job.building and self.on_build is not None:
                self.on_build()
            left = None if deadline is None else max(deadline - time.monotonic(), 0)
            if not job.done.wait(left):
                raise StoreUnavailable(f"the SPARQL view of the graph is being prepared after a change "
                                       f"({time.monotonic() - job.started:.0f} s so far); retry in a moment")
            if job.error is not None:
                raise job.error

    def _graph_state(self, store: GraphStore) -> GraphState:
        """The graph's state, its counts at most ``check_s`` old (at once after a local write)."""
        local, now = local_writes(), time.monotonic()
        known = self._state
        if known is None or known.local != local or now - self._checked_at >= self.check_s:
            self._checked_at = now
            known = self._state = graph_state(store)
        with self._lock:
            if known.local != self._local_seen:
                first = self._local_seen is None
                self._local_seen = known.local
                self._fresh_after = 0.0 if first and known.local == 0 else time.time()
        return known

    @staticmethod
    def _serves(current: _Current, state: GraphState) -> bool:
        info = current.info
        return (info.nodes, info.relationships, current.local) == (state.nodes, state.relationships, state.local)

    def _adoptable(self, state: GraphState) -> ViewInfo | None:
        """A complete view on disk for these counts, built by this process under the same write
        counter, or by another (or before a restart) after this process's last write."""
        for info in self.views.complete():
            fresh = (_built_here[info.id] == state.local if info.id in _built_here
                     else info.started_at >= self._fresh_after)
            if (info.nodes, info.relationships) == (state.nodes, state.relationships) and fresh:
                return info
        return None

    # -- building, loading and swapping --------------------------------------------------------

    def _start_job(self, store: GraphStore, state: GraphState, ready: ViewInfo | None) -> _Job:
        """Start an engine on ``ready``, or build a view first (holding ``_lock``)."""
        job = self._job = _Job(ready is None, time.monotonic(), threading.Event())
        # A daemon: a build cut short by the end of the process leaves a .part directory, which
        # the next sweep deletes.
        threading.Thread(target=self._run_job, args=(job, store, state, ready), name="sparql-view",
                         daemon=True).start()
        return job

    def _run_job(self, job: _Job, store: GraphStore, state: GraphState, ready: ViewInfo | None) -> None:
        lease = None
        try:
            if ready is None:
                with self.views.build_lock():  # one build per graph at a time, across processes
                    ready = self._adoptable(state)  # another process may have just built it
                    if ready is None:
                        ready, lease = self._build(store)
            if lease is None:
                lease = self.views.take_lease(ready.id)
                if lease is None or not self.views.exists(ready.id):
                    raise StoreUnavailable("the SPARQL view was replaced meanwhile; retry")
            engine = Engine(self.views.path(ready.id), self.views.lease_path(ready.id),
                            memory_mb=self.memory_mb, workers=self.workers)
            with self._lock:
                if self._closed:
                    engine.close()
                    raise StoreUnavailable("the SPARQL view is closed; the server is shutting down")
                old = self._current
                self._current = _Current(ready, engine, lease, _built_here.get(ready.id, state.local))
                lease = None
            if old is not None:  # it ends after its running queries; then its view can go
                old.engine.retire()
                old.lease.close()
            self.views.sweep(ready)
        except PolicyKGError as exc:
            job.error = exc
        except Exception as exc:  # noqa: BLE001 - the waiting request gets one line, not a traceback
            job.error = StoreUnavailable(f"the SPARQL view could not be prepared ({type(exc).__name__}: "
                                         f"{str(exc)[:200]}); it is tried again on the next query")
        finally:
            if lease is not None:
                lease.close()
            job.done.set()

    def _build(self, store: GraphStore) -> tuple[ViewInfo, IO[bytes]]:
        """Export the graph into a new view directory (its counts read before the export);
        return it with its lease held."""
        view_id, started_at, began = self.views.new_id(), time.time(), time.monotonic()
        lease = self.views.take_lease(view_id, create=True)
        try:
            state = graph_state(store)
            part = self.views.path(view_id, part=True)
            part.mkdir(parents=True)
            triples = write_triples(store, part / TRIPLES_FILE, on_page=self._check_open)
            info = ViewInfo(view_id, state.nodes, state.relationships, started_at,
                            round(time.monotonic() - began, 3), triples)
            self.views.finish(info)
        except BaseException:
            self.views.discard(view_id, lease)
            raise
        _built_here[view_id] = state.local
        with self._lock:
            self._state, self._checked_at = state, began
            self.builds += 1
        return info, lease

    def _check_open(self, *_pages) -> None:
        if self._closed:
            raise StoreUnavailable("the SPARQL view is closed; the server is shutting down")
