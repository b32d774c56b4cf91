"""The API's answer cache: serialized answers, served while the graph is unchanged.

"Which local targets derive from Vĩnh Phúc's programme?" costs 8-25 ms of graph work on a
national cascade (180 ms for the central resolution's 200,000 targets), and the same pages are
asked again and again. So ``GET /lineage/{id}/targets`` keeps the bytes of each answer, keyed
by its path and query string (``request_key``), together with the ``GraphState``
(``graph/state.py``: node and relationship counts, and this process's own writes) it was
computed under. ``AnswerCacheMiddleware`` serves a kept answer before FastAPI routes the
request: a dictionary lookup, no store round trip, no validation, no JSON encoding. An entry
is served only while the graph's state is still the one it was computed under.

How stale can an answer be? (``check_s`` is ``POLICYKG_API_CACHE_CHECK_S``, default
``CACHE_STATE_CHECK_S`` = 1 s; ``max_age_s`` is ``POLICYKG_API_CACHE_MAX_AGE_S``, default
``CACHE_MAX_AGE_S`` = 60 s; the defaults are named in ``policykg/settings.py``.)

* A load made by this process (``POST /documents``, ``policykg serve --load``) is seen **at
  once**: every request compares the process's write counter, which costs nothing.
* A load made by another process (``policykg load`` beside the server, an upload answered by
  another uvicorn worker) adds nodes or relationships; the counts are read at most every
  ``check_s`` seconds, so it is seen **within check_s**.
* A change by another process that leaves both counts as they were (property values only, such
  as a document re-loaded with the same targets and a corrected value) is seen when the entry
  expires, **within max_age_s**.

The state is read *before* an answer is computed, so an answer computed while a load lands is
filed under the older state and dropped at the next check; it can never be served as the
answer of a newer graph. Errors (404, 422) are not cached. Concurrent misses of one key share
one computation, so a burst of 32 clients on a cold page runs the query once.

The cache is bounded twice, least recently used out first: ``max_entries``
(``POLICYKG_API_CACHE_ENTRIES``, default ``CACHE_ENTRIES``; 0 turns the cache off) and
``max_bytes`` (``POLICYKG_API_CACHE_MB``). Each uvicorn worker has its own.

Example (in a handler; the next identical GET is answered by the middleware):
    >>> cache = AnswerCache(max_entries=1024, max_bytes=64 * MIB, check_s=1.0, max_age_s=60)
    >>> body = await cache.answer(                                        # doctest: +SKIP
    ...     ("/lineage/vn/tinh-uy-vinh-phuc/2020/12-nq-tu/targets", b"offset=100"), store,
    ...     lambda: render_targets(store, "vn/tinh-uy-vinh-phuc/2020/12-nq-tu", None, None,
    ...                            100, 100))
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass

from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Receive, Scope, Send

from policykg.errors import PolicyKGError
from policykg.graph.state import GraphState, graph_state, local_writes
from policykg.graph.store import GraphStore
from policykg.settings import Settings

#: Bytes in a mebibyte (``POLICYKG_API_CACHE_MB``).
MIB = 2**20
#: The media type of every cached answer (the handlers answer JSON).
JSON = b"application/json"


@dataclass(frozen=True)
class Entry:
    """One cached answer and what it was computed from."""

    state: GraphState
    body: bytes
    stored_at: float


@dataclass
class CacheStats:
    """Counters for tests and the benchmark: hits, misses (computed answers) and evictions."""

    hits: int = 0
    misses: int = 0
    evictions: int = 0


class AnswerCache:
    """Serialized answers keyed by (endpoint, params), valid for one graph state; LRU-bounded.

    Args:
        max_entries: most answers kept; 0 turns the cache off (every request is computed).
        max_bytes: most bytes of answers kept; a larger answer is served but not kept.
        check_s: the node and relationship counts are read at most this often.
        max_age_s: an entry older than this is computed again whatever the counts say.
        clock: seconds, monotonic (tests pass their own).
    """

    def __init__(self, *, max_entries: int, max_bytes: int, check_s: float, max_age_s: float,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self.check_s, self.max_age_s = check_s, max_age_s
        self.stats = CacheStats()
        self._clock = clock
        self._entries: OrderedDict[Hashable, Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._state: GraphState | None = None
        self._checked_at = float("-inf")
        self._inflight: dict[tuple[Hashable, GraphState], asyncio.Task[bytes]] = {}

    @classmethod
    def from_settings(cls, settings: Settings) -> AnswerCache:
        """The cache the settings ask for (``POLICYKG_API_CACHE_*``)."""
        return cls(max_entries=settings.api_cache_entries, max_bytes=settings.api_cache_mb * MIB,
                   check_s=settings.api_cache_check_s, max_age_s=settings.api_cache_max_age_s)

    @property
    def enabled(self) -> bool:
        """False when the settings turned the cache off."""
        return self.max_entries > 0 and self.max_bytes > 0

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def size_bytes(self) -> int:
        """Bytes of answers held now."""
        return self._bytes

    async def cached(self, key: Hashable, store: GraphStore) -> bytes | None:
        """The kept answer of ``key`` if it is still valid, else None. A key never kept costs
        no store round trip, and a store that fails here lets the request through to its
        handler, which answers with the proper problem details."""
        if not self.enabled or key not in self._entries:
            return None
        try:
            state = await self._current_state(store)
        except PolicyKGError:
            return None
        return self._lookup(key, state)

    async def answer(self, key: Hashable, store: GraphStore, compute: Callable[[], bytes]) -> bytes:
        """The answer's bytes: from the cache when computed under the current graph state,
        otherwise ``compute()`` (run in a worker thread, shared by concurrent misses of ``key``)."""
        if not self.enabled:
            self.stats.misses += 1
            return await run_in_threadpool(compute)
        state = await self._current_state(store)
        body = self._lookup(key, state)
        if body is not None:
            return body
        task = self._inflight.get((key, state))
        if task is None:
            task = asyncio.ensure_future(run_in_threadpool(compute))
            self._inflight[(key, state)] = task
            task.add_done_callback(lambda done: self._settle(key, state, done))
        # shield: a client that goes away does not cancel the computation others wait for.
        return await asyncio.shield(task)

    async def _current_state(self, store: GraphStore) -> GraphState:
        """The graph state: counts at most ``check_s`` old, read at once after a local write."""
        local = local_writes()
        now = self._clock()
        known = self._state
        if known is None or known.local != local or now - self._checked_at >= self.check_s:
            self._checked_at = now  # concurrent requests keep the known state meanwhile
            try:
                self._state = known = await run_in_threadpool(graph_state, store)
            except BaseException:
                self._checked_at = float("-inf")  # the next request asks the store again
                raise
        return known

    def _lookup(self, key: Hashable, state: GraphState) -> bytes | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            if entry.state != state or self._clock() - entry.stored_at > self.max_age_s:
                self._drop(key)
                return None
            self._entries.move_to_end(key)
            self.stats.hits += 1
            return entry.body

    def _settle(self, key: Hashable, state: GraphState, done: asyncio.Task[bytes]) -> None:
        """Keep a computed answer (not an error) and forget the computation."""
        self._inflight.pop((key, state), None)
        if done.cancelled() or done.exception() is not None:  # exception() marks it retrieved
            return
        self.stats.misses += 1
        self.put(key, state, done.result())

    def put(self, key: Hashable, state: GraphState, body: bytes) -> None:
        """Keep ``body`` as the answer of ``key`` under ``state``; the least recently used go."""
        if len(body) > self.max_bytes:
            return
        with self._lock:
            if key in self._entries:
                self._drop(key)
            self._entries[key] = Entry(state, body, self._clock())
            self._bytes += len(body)
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                self._drop(next(iter(self._entries)))
                self.stats.evictions += 1

    def _drop(self, key: Hashable) -> None:
        self._bytes -= len(self._entries.pop(key).body)


def request_key(scope: Scope) -> tuple[str, bytes]:
    """The cache key of a GET: its path and raw query string. A handler's parameters are a
    function of them, so equal keys mean equal answers (two spellings of the same parameters,
    ``?offset=0`` and none, are two entries of the same answer)."""
    return scope["path"], scope["query_string"]


class AnswerCacheMiddleware:
    """Answers a GET from the cache before routing; everything else goes to the app.

    Measured on this 2-core machine (CPU time of the server process per cached answer of
    ~116 KB, uvloop and httptools): 205 us through FastAPI's routing, validation and
    dependencies; 58 us here, the security middleware included; 32 us for a bare uvicorn ASGI
    app sending the same bytes. Only answers a handler stored are served, so validation,
    dependencies and error handling stay the handler's: a key is in the cache only after its
    handler answered 200 for exactly this path and query. Installed inside the security
    middleware, so cached answers carry its headers too.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "GET":
            state = scope["app"].state
            body = await state.answer_cache.cached(request_key(scope), state.store)
            if body is not None:
                await send({"type": "http.response.start", "status": 200, "headers": [
                    (b"content-length", str(len(body)).encode()), (b"content-type", JSON)]})
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
