"""One synthetic national cascade in an embedded store, loaded once and reused by benchmarks.

Loading a national cascade (2.4 M graph elements) takes 1-2 minutes; the API benchmark needs the
same graph every run. So the store lives in a directory of the bench work dir named after what
decides its content: the generator's seed and a hash of the sources of the generator and the
loader (``policykg/synthetic*.py``, ``graph/*.py``, ``loaders/gazetteer.json``). Change any of
them and the next run loads afresh into a new directory; the old one is removed.

A directory counts as ready only once a ``ready`` file is written, after the load and after the
append-only file was compacted into a snapshot (``BGREWRITEAOF``), so a later start reads one
snapshot in seconds instead of replaying 10,000 loads. A load cut short leaves no ``ready``
file, and the next run starts over.

Usage (the API benchmark calls ``prepare``; alone it just loads):
    .venv/bin/python scripts/bench_store.py [--seed 7] [--workdir /var/tmp/policykg-bench]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from policykg.graph.embedded import EmbeddedServer  # noqa: E402
from policykg.graph.falkordb_store import FalkorStore  # noqa: E402
from policykg.graph.load import load_records  # noqa: E402
from policykg.synthetic import generate_cascade  # noqa: E402

#: Where cached stores live unless --workdir or POLICYKG_BENCH_DIR says otherwise: outside the
#: repository (never committed) and kept across reboots.
DEFAULT_WORKDIR = Path(os.environ.get("POLICYKG_BENCH_DIR", "/var/tmp/policykg-bench"))
#: The graph's name inside the cached store.
GRAPH = "bench"
#: Sources whose change changes the loaded graph, relative to the repository root.
KEY_SOURCES = ("policykg/synthetic*.py", "graph/load.py", "graph/load_chunk.py", "graph/rows.py",
               "graph/writes.py", "graph/party_terms.py", "graph/derive.py", "graph/identity.py",
               "graph/indicators.py", "graph/agencies.py", "graph/reference.py", "graph/cypher.py",
               "loaders/places.py", "loaders/gazetteer.json", "ontology/*.ttl")
#: Characters of the source hash kept in the directory name (the socket path stays short).
KEY_CHARS = 12
#: A generous limit for the loader's reads (settling derivations at national scale).
LOAD_QUERY_TIMEOUT_MS = 600_000
#: How long compacting the append-only file of a national cascade may take.
REWRITE_TIMEOUT_S = 600.0
POLL_S = 0.5


@dataclass(frozen=True)
class CachedStore:
    """A ready store directory: serve it with POLICYKG_HOME=home, POLICYKG_GRAPH=graph."""

    home: Path
    graph: str
    elements: int
    load_seconds: float


def source_key(seed: int) -> str:
    """The directory name for this seed and these sources, e.g. 'cascade-s7-3fa9c1d20b7e'."""
    digest = hashlib.sha256()
    for pattern in KEY_SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return f"cascade-s{seed}-{digest.hexdigest()[:KEY_CHARS]}"


def _compact(store: FalkorStore) -> None:
    """Rewrite the append-only file as one snapshot, and wait until it is done."""
    connection = store._db.connection  # noqa: SLF001 - a bench script may use the client
    connection.bgrewriteaof()
    deadline = time.monotonic() + REWRITE_TIMEOUT_S
    while time.monotonic() < deadline:
        info = connection.info("persistence")
        if not info.get("aof_rewrite_in_progress") and not info.get("aof_rewrite_scheduled"):
            return
        time.sleep(POLL_S)
    raise RuntimeError(f"the append-only file was not rewritten within {REWRITE_TIMEOUT_S:.0f} s")


def prepare(seed: int, workdir: Path = DEFAULT_WORKDIR, *, log=print) -> CachedStore:
    """The cached store of cascade 0 of ``seed``: reused when ready, loaded (once) otherwise."""
    home = workdir / source_key(seed)
    ready = home / "ready"
    if ready.exists():
        facts = json.loads(ready.read_text())
        log(f"store: reusing {home} ({facts['elements']:,} elements, loaded in {facts['seconds']:.0f} s)")
        return CachedStore(home, GRAPH, facts["elements"], facts["seconds"])
    for stale in workdir.glob(f"cascade-s{seed}-*"):
        shutil.rmtree(stale, ignore_errors=True)  # another version of the sources, or cut short
    log(f"store: loading one national cascade (seed {seed}) into {home}; 1-2 minutes")
    server = EmbeddedServer(home)
    with server.acquire():
        store = FalkorStore(server.socket, GRAPH, query_timeout_ms=LOAD_QUERY_TIMEOUT_MS)
        try:
            start = time.perf_counter()
            summary = load_records(store, generate_cascade(seed, cascade=0))
            seconds = time.perf_counter() - start
            elements = summary.counters.nodes_created + summary.counters.relationships_created
            _compact(store)
        finally:
            store.close()
    ready.write_text(json.dumps({"elements": elements, "seconds": seconds, "seed": seed}))
    log(f"store: {elements:,} elements in {seconds:.0f} s")
    return CachedStore(home, GRAPH, elements, seconds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    args = parser.parse_args()
    cached = prepare(args.seed, args.workdir)
    print(f"POLICYKG_HOME={cached.home} POLICYKG_GRAPH={cached.graph}")


if __name__ == "__main__":
    main()
