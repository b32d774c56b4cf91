"""The SPARQL views of one graph on disk: one directory per view, leases, and the sweep.

Layout of ``<store home>/sparql/<graph>-<hash>/`` (``view_root``)::

    <id>/view.nt.gz       the graph's N-Triples export, gzip level 1
    <id>/view.json        ViewInfo: the graph's counts when the export began, its size, cost
    <id>.part/            a view being written (renamed to <id>/ when complete)
    leases/<id>.lock      shared flock held by each process serving <id> and by its engine
    build.lock            exclusive flock of the process building: others wait, then adopt

A view is complete once its directory has lost the ``.part`` suffix, so no reader ever sees a
half-written one. ``sweep`` deletes a view (or a ``.part`` left by a crash) only when nobody
holds its lease and only when it is older than the view being kept, so a newer view another
process built survives. A reader takes the lease first, then checks the view is still there.

Example:
    >>> views = ViewDirectory(view_root(home, store))                     # doctest: +SKIP
    >>> [v.id for v in views.complete()]                                   # doctest: +SKIP
    ['1795292990110013202-18326-1']
"""

from __future__ import annotations

import fcntl
import gzip
import hashlib
import itertools
import json
import os
import re
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO

from policykg.graph.export.rdf import ntriples_chunks
from policykg.graph.store import GraphStore

VIEW_FILE = "view.json"
PART_SUFFIX = ".part"
LEASES = "leases"
#: Taken (exclusive flock) by the process building a view of the graph.
BUILD_LOCK = "build.lock"
#: gzip level of the triples: level 1 is ten times smaller than the text at ~100 MB/s.
GZIP_LEVEL = 1
#: Characters of a graph name kept in the directory's name.
_SLUG = re.compile(r"[^A-Za-z0-9_-]+")

_ids = itertools.count(1)


@dataclass(frozen=True)
class ViewInfo:
    """A complete view, as its ``view.json`` records it."""

    id: str
    nodes: int
    relationships: int
    #: Wall-clock time the graph's counts were read, before the export began.
    started_at: float
    #: Seconds the export took, and the triples it wrote.
    export_s: float
    triples: int


def view_root(home: Path, store: GraphStore) -> Path:
    """Where the views of this store's graph live: ``<home>/sparql/<graph>-<hash>``, where
    ``<home>`` is the embedded store's own directory (its socket is ``<home>/run/…``), so the
    views sit and go with its data; ``home`` ($POLICYKG_HOME) for Neo4j."""
    socket = getattr(store, "socket", None)
    if isinstance(socket, Path) and socket.parent.name == "run":
        home = socket.parent.parent
    described = store.describe()
    where = "\n".join(str(described.get(k)) for k in ("backend", "location", "graph"))
    name = _SLUG.sub("-", str(described.get("graph") or "graph"))[:40]
    return home / "sparql" / f"{name}-{hashlib.sha256(where.encode()).hexdigest()[:12]}"


def write_triples(store: GraphStore, path: Path, on_page: Callable[[int], None] | None = None) -> int:
    """Write the graph's N-Triples export to ``path`` (gzip), page by page; return its triples."""
    lines = 0
    with gzip.open(path, "wb", compresslevel=GZIP_LEVEL) as out:
        for chunk in ntriples_chunks(store, on_progress=on_page):
            data = chunk.encode()
            lines += data.count(b"\n")
            out.write(data)
    return lines


class ViewDirectory:
    """The views of one graph on disk (``view_root``)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def new_id(self) -> str:
        """A view id no other build, in this process or another, can take."""
        return f"{time.time_ns()}-{os.getpid()}-{next(_ids)}"

    def path(self, view_id: str, *, part: bool = False) -> Path:
        """The directory of a view (or of its build)."""
        return self.root / (view_id + (PART_SUFFIX if part else ""))

    def lease_path(self, view_id: str) -> Path:
        """The lease file of a view."""
        return self.root / LEASES / f"{view_id}.lock"

    def take_lease(self, view_id: str, *, create: bool = False) -> IO[bytes] | None:
        """A shared lock on a view's lease, or None (no lease, or the view is being deleted)."""
        if create:
            (self.root / LEASES).mkdir(parents=True, exist_ok=True)
        try:
            lease = open(self.lease_path(view_id), "ab" if create else "rb")  # noqa: SIM115
        except FileNotFoundError:
            return None
        try:
            fcntl.flock(lease, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            lease.close()
            return None
        return lease

    @contextmanager
    def build_lock(self) -> Iterator[None]:
        """Hold the graph's build lock: a process about to build waits for one building."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / BUILD_LOCK, "ab") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield

    def finish(self, info: ViewInfo) -> None:
        """Record a view's info and make it complete (rename ``<id>.part`` to ``<id>``)."""
        part = self.path(info.id, part=True)
        (part / VIEW_FILE).write_text(json.dumps(asdict(info)), encoding="utf-8")
        os.replace(part, self.path(info.id))

    def discard(self, view_id: str, lease: IO[bytes] | None) -> None:
        """Remove a build that failed, and its lease."""
        shutil.rmtree(self.path(view_id, part=True), ignore_errors=True)
        if lease is not None:
            lease.close()
            self.lease_path(view_id).unlink(missing_ok=True)

    def complete(self) -> list[ViewInfo]:
        """The complete views, newest first."""
        found = []
        if self.root.is_dir():
            for entry in self.root.iterdir():
                try:
                    found.append(ViewInfo(**json.loads((entry / VIEW_FILE).read_text(encoding="utf-8"))))
                except (OSError, ValueError, TypeError):
                    continue
        return sorted(found, key=lambda info: info.started_at, reverse=True)

    def exists(self, view_id: str) -> bool:
        """True while the view is complete on disk."""
        return (self.path(view_id) / VIEW_FILE).exists()

    def sweep(self, keep: ViewInfo) -> None:
        """Delete views older than ``keep``, unfinished builds and stray leases nobody holds."""
        if not self.root.is_dir():
            return
        newer = {info.id for info in self.complete() if info.started_at >= keep.started_at}
        entries = {e.name.removesuffix(PART_SUFFIX): e for e in self.root.iterdir()
                   if e.is_dir() and e.name != LEASES}
        leases = {p.stem for p in (self.root / LEASES).glob("*.lock")}
        for view_id in (set(entries) | leases) - newer - {keep.id}:
            try:
                lease = open(self.lease_path(view_id), "ab")  # noqa: SIM115
            except OSError:
                continue
            with lease:
                try:
                    fcntl.flock(lease, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    continue  # in use: its holder, or a later sweep, deletes it
                if view_id in entries:
                    shutil.rmtree(entries[view_id], ignore_errors=True)
                self.lease_path(view_id).unlink(missing_ok=True)
