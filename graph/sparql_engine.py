"""The SPARQL engine process: one in-memory copy of the view, queries in forked workers.

Why another process, and forked workers: pyoxigraph cannot stop a query. Its evaluation
releases the GIL and runs until done, which for ``SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b .
?c ?q ?d }`` on the samples is 90 s of a core (measured); a thread past its deadline could
only be abandoned, still burning that core. A process can be killed. So ``python -m
policykg.graph.sparql_engine VIEW_DIR LEASE MEMORY_MB WORKERS`` loads the view into memory
once and forks up to WORKERS workers, each answering one query at a time. A worker still
running at its query's deadline is killed (the answer is "time limit") and a fresh fork takes
its place on the next query; a worker is also replaced after ``WORKER_MAX_QUERIES`` queries,
which bounds what its heap keeps between them.

Why in memory and forked, measured on the national cascade (8.2 M triples): the headline
question's first page takes 40-60 ms in memory against 1,100 ms on pyoxigraph's RocksDB
store opened read-only (its ORDER BY decodes every IRI through RocksDB); a fork of the 3 GB
engine takes 150 ms with 4 KiB pages and 9 ms when glibc's malloc asks for transparent huge
pages (``GLIBC_TUNABLES=glibc.malloc.hugetlb=1``, set for the engine only: page tables 512
times smaller), so the engine is started with it. A fresh fork evaluates about twice slower
than its parent (every page its query allocates is faulted in: ~10,000 minor faults for the
headline), which is why workers are kept for many queries rather than forked per query. The
engine is single-threaded (the in-memory store has no background threads), which is what
makes forking it safe. Workers share its pages copy-on-write: the view is in memory once, in
the engine, not in the API process.

What a worker is allowed:

* no network: the engine installs a seccomp filter under which ``socket()`` fails with EPERM
  before it loads anything; its workers inherit it. A ``SERVICE`` that got past
  ``sparql_text`` fails at once ("Operation not permitted"); so does any other way to a
  socket. (On a machine other than x86_64 or aarch64 the filter's syscall numbers are not
  known here; it is not installed and ``sparql_text`` alone refuses SERVICE.)
* memory: ``RLIMIT_AS`` = its size at the fork + ``memory_mb``; a query that needs more fails
  its allocation and the worker dies ("needed more than N MiB");
* CPU: before each query ``RLIMIT_CPU`` is set to the CPU used so far + the time limit +
  ``CPU_GRACE_S``, so the kernel stops a runaway query even if the engine could not; no core
  file is written;
* the view cannot change: each worker has its own copy-on-write copy, and only
  ``Store.query`` (which parses no update) is ever called.

Messages are pickles framed by a 4-byte length: ``(id, request)`` on the engine's stdin,
``(id, pickle of ("ok", SparqlAnswer) | ("error", PolicyKGError))`` on its stdout (moved away
from fd 1 first, so a stray print cannot corrupt them): the engine relays a worker's answer
as the worker wrote it. The engine holds a shared ``flock`` on the view's lease for its life,
so no process deletes a view it serves.

Example:
    >>> engine = Engine(view_dir, lease, memory_mb=1024, workers=2)          # doctest: +SKIP
    >>> engine.run({"text": "ASK { ?s ?p ?o }", "accepted": [], "row_limit": 10,  # doctest: +SKIP
    ...             "max_bytes": 2**20, "timeout_s": 10.0, "base_iri": None, "prefixes": {}},
    ...            time.monotonic() + 10)
    SparqlAnswer(body=b'{"head":{},"boolean":true}', ...)
"""

from __future__ import annotations

import fcntl
import gzip
import itertools
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from policykg.errors import PolicyKGError, QueryError, QueryTimeout, StoreUnavailable
from policykg.graph.sparql_confine import block_sockets, limit_cpu, limit_memory
from policykg.graph.sparql_results import write_answer
from policykg.ontology import INDICATORS_TTL, ONTOLOGY_TTL

#: The view's triples in its directory (gzip level 1: a tenth of the size, ~5 s more to load
#: the national cascade).
TRIPLES_FILE = "view.nt.gz"
#: Named graph holding the ontology and the indicator vocabulary.
ONTOLOGY_GRAPH = "https://w3id.org/policykg/ontology"
#: The engine's environment: malloc asks for transparent huge pages (forks 16x faster).
ENGINE_ENV = {"GLIBC_TUNABLES": "glibc.malloc.hugetlb=1"}
#: Seconds the engine may take to load a view (the national cascade: about 60-80 s here).
ENGINE_START_S = 900.0
#: Seconds past a query's deadline before the API process gives up on the engine itself.
ENGINE_GRACE_S = 10.0
#: Queries a worker answers before a fresh fork replaces it (bounds what its heap keeps).
WORKER_MAX_QUERIES = 200
#: Longest message accepted; answers are cut well below this (``max_bytes``).
MAX_MESSAGE_BYTES = 256 * 2**20
_HEADER = struct.Struct(">I")


# -- messages ----------------------------------------------------------------------------------

def frame(message: Any) -> bytes:
    """One message as bytes: its length, then its pickle."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    return _HEADER.pack(len(data)) + data


def send(fd: int, message: Any) -> None:
    """Write one framed message."""
    view = memoryview(frame(message))
    while view:
        view = view[os.write(fd, view):]


def _read_exactly(fd: int, size: int) -> bytes | None:
    chunks, missing = [], size
    while missing:
        chunk = os.read(fd, min(missing, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        missing -= len(chunk)
    return b"".join(chunks)


def receive(fd: int) -> Any:
    """Read one framed message; EOFError when the other side is gone."""
    header = _read_exactly(fd, _HEADER.size)
    if header is None:
        raise EOFError
    (size,) = _HEADER.unpack(header)
    data = _read_exactly(fd, size) if size <= MAX_MESSAGE_BYTES else None
    if data is None:
        raise EOFError
    return pickle.loads(data)  # noqa: S301 - our own engine, over our own pipe


# -- the engine process ------------------------------------------------------------------------

def load_view(view_dir: Path) -> ox.Store:
    """The view in memory: the graph's triples, and the ontology in its named graph."""
    store = ox.Store()
    with gzip.open(view_dir / TRIPLES_FILE, "rb") as triples:
        store.bulk_load(triples, ox.RdfFormat.N_TRIPLES)
    for ttl in (ONTOLOGY_TTL, INDICATORS_TTL):
        store.bulk_load(ttl.read_bytes(), ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
    return store


def answer(store: ox.Store, request: dict) -> Any:
    """Evaluate one request (text, accepted media ranges, row_limit, max_bytes, timeout_s,
    base_iri, prefixes); the reply is ("ok", SparqlAnswer) or ("error", PolicyKGError)."""
    try:
        result = store.query(request["text"], base_iri=request["base_iri"], prefixes=request["prefixes"])
        return "ok", write_answer(result, request["accepted"], row_limit=request["row_limit"],
                                  max_bytes=request["max_bytes"], prefixes=request["prefixes"])
    except PolicyKGError as exc:
        return "error", exc
    except SyntaxError as exc:
        return "error", QueryError(f"SPARQL syntax: {_first_line(exc)}; see "
                                   "https://www.w3.org/TR/sparql11-query/")
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - evaluation errors of a user's query are the user's
        return "error", QueryError(f"the query failed: {_first_line(exc)}")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:300]


@dataclass
class _Task:
    request_id: int
    timeout_s: float
    deadline: float


@dataclass
class _Worker:
    """A forked child answering queries one at a time: requests on ``to_fd``, answers on ``from_fd``."""

    pid: int
    to_fd: int
    from_fd: int
    task: _Task | None = None
    buffer: bytearray = field(default_factory=bytearray)
    served: int = 0

    def complete(self) -> bool:
        """True once the buffer holds a whole framed answer."""
        return (len(self.buffer) >= _HEADER.size
                and len(self.buffer) == _HEADER.size + _HEADER.unpack_from(self.buffer)[0])


def _fork_worker(store: ox.Store, memory_mb: int, keep: int) -> _Worker:
    """Fork a worker: it reads requests on its stdin and writes answers on fd 3 until EOF."""
    request_read, request_write = os.pipe()
    answer_read, answer_write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the worker: nothing but queries, then _exit
        try:
            os.dup2(request_read, 0)
            os.dup2(keep, 1)  # the engine's reply pipe is not the worker's to touch
            os.dup2(answer_write, 3)
            os.closerange(4, 1 << 16)
            limit_memory(memory_mb)
            while True:
                try:
                    request = receive(0)
                except EOFError:
                    break
                limit_cpu(request["timeout_s"])
                send(3, answer(store, request))
        finally:
            os._exit(0)
    os.close(request_read)
    os.close(answer_write)
    return _Worker(pid, request_write, answer_read)


def _failure(status: int, memory_mb: int) -> bytes:
    """The pickled reply for a worker that died without a whole answer."""
    why = "CPU beyond its time limit" if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGXCPU \
        else f"more than {memory_mb} MiB of memory"
    return pickle.dumps(("error", QueryError(f"the SPARQL query needed {why} and was stopped; narrow it "
                                             "(LIMIT, more specific patterns)")))


def _timeout(task: _Task) -> bytes:
    return pickle.dumps(("error", QueryTimeout(
        f"the SPARQL query ran past its time limit of {task.timeout_s:g} s and was stopped; narrow "
        "it (LIMIT, more specific patterns) or raise POLICYKG_QUERY_TIMEOUT_MS")))


class _Workers:
    """The engine's workers: at most ``size``, forked on demand, replaced when killed."""

    def __init__(self, store: ox.Store, reply_fd: int, memory_mb: int, size: int) -> None:
        self.store, self.reply_fd, self.memory_mb, self.size = store, reply_fd, memory_mb, size
        self.keep = os.open(os.devnull, os.O_RDWR)
        self.idle: list[_Worker] = []
        self.busy: dict[int, _Worker] = {}  # by from_fd
        self.queue: deque[tuple[int, dict]] = deque()
        self.exiting: list[int] = []

    def submit(self, request_id: int, request: dict) -> None:
        """Queue a request; it starts as soon as a worker is free."""
        self.queue.append((request_id, request))
        self.dispatch()

    def dispatch(self) -> None:
        while self.queue and (self.idle or len(self.busy) < self.size):
            worker = self.idle.pop() if self.idle else _fork_worker(self.store, self.memory_mb, self.keep)
            request_id, request = self.queue.popleft()
            worker.task = _Task(request_id, request["timeout_s"], time.monotonic() + request["timeout_s"])
            self.busy[worker.from_fd] = worker
            send(worker.to_fd, request)

    def read(self, fd: int) -> None:
        """Take what a worker wrote; relay a whole answer, or a failure if the worker died."""
        worker = self.busy[fd]
        chunk = os.read(fd, 1 << 20)
        worker.buffer += chunk
        if chunk and worker.complete():
            send(self.reply_fd, (worker.task.request_id, bytes(worker.buffer[_HEADER.size:])))
            del self.busy[fd]
            worker.task, worker.served = None, worker.served + 1
            worker.buffer.clear()
            if worker.served < WORKER_MAX_QUERIES:
                self.idle.append(worker)
            else:
                self._let_go(worker)
        elif not chunk or len(worker.buffer) > MAX_MESSAGE_BYTES + _HEADER.size:
            self._end(worker, _failure(self._kill(worker), self.memory_mb))
        self.dispatch()

    def expire(self) -> None:
        """Kill the workers whose query is past its deadline."""
        now = time.monotonic()
        for worker in [w for w in self.busy.values() if w.task.deadline <= now]:
            self._kill(worker)
            self._end(worker, _timeout(worker.task))
        self.dispatch()

    def next_deadline(self) -> float | None:
        """Seconds until the nearest deadline (None: no query runs)."""
        if not self.busy:
            return 0.5 if self.exiting else None
        return max(min(w.task.deadline for w in self.busy.values()) - time.monotonic(), 0)

    def reap(self) -> None:
        """Reap workers that were let go, without waiting for them."""
        self.exiting = [pid for pid in self.exiting if os.waitpid(pid, os.WNOHANG)[0] == 0]

    def stop(self) -> None:
        """Kill every worker (the API process is gone)."""
        for worker in [*self.busy.values(), *self.idle]:
            self._kill(worker)

    def _kill(self, worker: _Worker) -> int:
        os.kill(worker.pid, signal.SIGKILL)
        return os.waitpid(worker.pid, 0)[1]

    def _end(self, worker: _Worker, payload: bytes) -> None:
        send(self.reply_fd, (worker.task.request_id, payload))
        del self.busy[worker.from_fd]
        os.close(worker.to_fd)
        os.close(worker.from_fd)

    def _let_go(self, worker: _Worker) -> None:
        """End an idle worker (its stdin closes); it is reaped later."""
        os.close(worker.to_fd)
        os.close(worker.from_fd)
        self.exiting.append(worker.pid)


def serve(store: ox.Store, reply_fd: int, memory_mb: int, size: int) -> None:
    """Answer requests from stdin with up to ``size`` forked workers, until stdin closes."""
    workers = _Workers(store, reply_fd, memory_mb, size)
    while True:
        for fd in select.select([0, *workers.busy], [], [], workers.next_deadline())[0]:
            if fd != 0:
                workers.read(fd)
                continue
            try:
                request_id, request = receive(0)
            except EOFError:  # the API process is gone or done: so are its queries
                workers.stop()
                return
            workers.submit(request_id, request)
        workers.expire()
        workers.reap()


def main(argv: list[str]) -> int:
    """Confine this process, load the view, serve queries until stdin closes."""
    view_dir, lease_path, memory_mb, workers = Path(argv[0]), Path(argv[1]), int(argv[2]), int(argv[3])
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C on `policykg serve` ends the engine too
    reply_fd = os.dup(1)
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    started = time.monotonic()
    try:
        block_sockets()
        lease = open(lease_path, "rb")  # noqa: SIM115 - held for the life of the process
        fcntl.flock(lease, fcntl.LOCK_SH)
        store = load_view(view_dir)
    except (OSError, ValueError, SyntaxError) as exc:
        send(reply_fd, ("error", StoreUnavailable(f"the SPARQL view cannot be loaded ({type(exc).__name__}); "
                                                  "it is rebuilt on the next query")))
        return 1
    send(reply_fd, ("ready", {"pid": os.getpid(), "load_s": round(time.monotonic() - started, 3)}))
    serve(store, reply_fd, memory_mb, workers)
    return 0


# -- the API side ------------------------------------------------------------------------------

@dataclass
class _Pending:
    done: threading.Event = field(default_factory=threading.Event)
    reply: Any = None


class Engine:
    """The engine process of one view, as the API process drives it; safe across threads.

    Args:
        view_dir: the view's directory (``TRIPLES_FILE`` inside).
        lease: its lease file, which the engine locks shared for its life.
        memory_mb: memory a query's child may use beyond the view's.
        workers: queries evaluated at once; more wait for a turn until their deadline.
    """

    def __init__(self, view_dir: Path, lease: Path, *, memory_mb: int, workers: int) -> None:
        self.memory_mb = memory_mb
        self._ids = itertools.count(1)
        self._pending: dict[int, _Pending] = {}
        self._lock = threading.Lock()
        self._turns = threading.BoundedSemaphore(workers)
        self._retired = False
        env = {**os.environ, **ENGINE_ENV}
        if os.environ.get("GLIBC_TUNABLES"):
            env["GLIBC_TUNABLES"] = f"{os.environ['GLIBC_TUNABLES']}:{ENGINE_ENV['GLIBC_TUNABLES']}"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "policykg.graph.sparql_engine", str(view_dir), str(lease), str(memory_mb),
             str(workers)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, bufsize=0, env=env)
        status, detail = self._first_message()
        if status != "ready":
            self.kill()
            raise detail
        self.info = detail
        threading.Thread(target=self._read_replies, name="sparql-engine-replies", daemon=True).start()

    def _first_message(self) -> Any:
        fd = self.process.stdout.fileno()
        if not select.select([fd], [], [], ENGINE_START_S)[0]:
            self.kill()
            raise StoreUnavailable(f"the SPARQL engine did not load the view within {ENGINE_START_S:.0f} s")
        try:
            return receive(fd)
        except EOFError:
            self.kill()
            raise StoreUnavailable("the SPARQL engine did not start; check that python -m "
                                   "policykg.graph.sparql_engine runs in this environment") from None

    @property
    def alive(self) -> bool:
        """False once the engine process has ended."""
        return self.process.poll() is None

    def run(self, request: dict, deadline: float) -> Any:
        """The answer of one request; raises its error, QueryTimeout, or StoreUnavailable."""
        if not self._turns.acquire(timeout=max(deadline - time.monotonic(), 0)):
            raise StoreUnavailable("every SPARQL worker is busy; retry in a moment")
        try:
            return self._ask(request, deadline)
        finally:
            self._turns.release()
            self._close_if_retired()

    def _ask(self, request: dict, deadline: float) -> Any:
        request_id, pending = next(self._ids), _Pending()
        with self._lock:
            if not self.alive:
                raise StoreUnavailable("the SPARQL engine stopped; it restarts on the next query")
            self._pending[request_id] = pending
            try:
                send(self.process.stdin.fileno(), (request_id, request))
            except OSError:
                self._pending.pop(request_id, None)
                raise StoreUnavailable("the SPARQL engine stopped; it restarts on the next query") from None
        if not pending.done.wait(max(deadline - time.monotonic(), 0) + ENGINE_GRACE_S):
            self.kill()  # it stopped answering even its own time limits
            raise QueryTimeout("the SPARQL engine did not answer within the time limit and was restarted")
        status, payload = pending.reply
        if status == "error":
            raise payload
        return payload

    def _read_replies(self) -> None:
        fd = self.process.stdout.fileno()
        while True:
            try:
                request_id, payload = receive(fd)
                reply = pickle.loads(payload)  # noqa: S301 - our engine's children, our pipe
            except (EOFError, OSError, ValueError, pickle.UnpicklingError):
                break
            with self._lock:
                pending = self._pending.pop(request_id, None)
            if pending is not None:
                pending.reply = reply
                pending.done.set()
        stopped = StoreUnavailable("the SPARQL engine stopped; it restarts on the next query")
        with self._lock:
            waiting, self._pending = list(self._pending.values()), {}
        for pending in waiting:
            pending.reply = ("error", stopped)
            pending.done.set()

    @property
    def retired(self) -> bool:
        """True once a newer view's engine has replaced this one."""
        return self._retired

    def retire(self) -> None:
        """End the engine once its running queries have answered."""
        self._retired = True
        self._close_if_retired()

    def _close_if_retired(self) -> None:
        with self._lock:
            idle = not self._pending
        if self._retired and idle:
            self.close()

    def close(self) -> None:
        """End the engine: its stdin closes, it kills its children and exits."""
        try:
            self.process.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=ENGINE_GRACE_S)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """Stop the engine now and reap it."""
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
