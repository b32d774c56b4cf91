"""SPARQL on one national cascade: the view's build time and memory, and the headline latency.

What it measures (``sparql_figures``, which the API benchmark may call with its own store):

1. a cold build into a fresh directory: the export of the graph to gzip N-Triples (the
   store's reads are most of it), then the engine loading it into memory; the size on disk,
   the engine's resident memory, and this process's peak memory during the build;
2. a warm start: another SparqlView on the same directory adopts the view and only loads it
   (what ``policykg sparql`` or a restarted server pays when the graph has not changed);
3. the headline question ("which local targets derive from this provincial document?",
   ``derived_targets_sparql``) on random loaded provincial documents, one query at a time:
   the first page of 100, and the whole answer; median, p95, p99 in ms, through the engine
   (fork per query, pipes, answer written as SPARQL JSON), as GET /sparql runs it.

Usage:
    .venv/bin/python scripts/bench_sparql.py [--queries 100] [--seed 7]
        [--home H --graph G]   # an embedded store already loaded; default: scripts/bench_store.py's
        [--root DOC_ID]...     # e.g. vn/tinh-uy-vinh-phuc/2020/12-nq-tu on the samples
"""

from __future__ import annotations

import argparse
import platform
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from policykg.graph.embedded import EmbeddedServer  # noqa: E402
from policykg.graph.falkordb_store import FalkorStore  # noqa: E402
from policykg.graph.sparql import SparqlView, derived_targets_sparql  # noqa: E402
from policykg.graph.store import GraphStore  # noqa: E402

#: Rows per page of the headline question, as the API serves it.
PAGE = 100
#: Time limit of each timed query (generous: this measures, it does not police).
TIMEOUT_S = 120.0
MIB = 2**20


def _status_kib(pid: int | str, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def _reset_peak() -> None:
    """Start this process's peak-RSS figure afresh (Linux: clear_refs 5)."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass


def _percentiles(samples: list[float]) -> dict:
    qs = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50": statistics.median(samples), "p95": qs[94], "p99": qs[98], "n": len(samples)}


def _provincial_documents(store: GraphStore) -> list[str]:
    rows = store.read("MATCH (d:PolicyDocument) WHERE d.level = 'province' AND d.source_sha256 IS NOT NULL "
                      "RETURN d.identifier AS id ORDER BY id")
    return [r["id"] for r in rows]


def _du_mib(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / MIB


def sparql_figures(store: GraphStore, *, queries: int = 100, seed: int = 7,
                   roots: list[str] | None = None) -> dict:
    """Build time and memory of a fresh SPARQL view of ``store``'s graph, and the latency of
    the headline question on it (see the module docstring), asked of random ``roots``
    (default: the loaded provincial documents)."""
    root = Path(tempfile.mkdtemp(prefix="pk-sparql-bench-"))
    figures: dict = {}
    view = SparqlView(root)
    try:
        _reset_peak()
        start = time.monotonic()
        view.query(store, "ASK { ?s ?p ?o }", timeout_s=TIMEOUT_S, wait_s=None)
        status = view.status()
        engine_pid = status["engine"]["pid"]
        figures["build"] = {
            "seconds": time.monotonic() - start, "export_s": status["view"]["export_s"],
            "load_s": status["engine"]["load_s"], "triples": status["view"]["triples"],
            "disk_mib": _du_mib(view.root), "engine_rss_mib": _status_kib(engine_pid, "VmRSS") / 1024,
            "builder_peak_rss_mib": _status_kib("self", "VmHWM") / 1024}
        warm = SparqlView(root)
        try:
            start = time.monotonic()
            warm.query(store, "ASK { ?s ?p ?o }", timeout_s=TIMEOUT_S, wait_s=None)
            figures["warm_start_s"] = time.monotonic() - start
        finally:
            warm.close()
        rng = random.Random(seed)
        roots = roots or _provincial_documents(store)
        picks = [rng.choice(roots) for _ in range(queries)]
        for name, limit in (("headline_page", PAGE), ("headline_all", None)):
            samples = []
            for doc_id in picks:
                began = time.perf_counter()
                view.query(store, derived_targets_sparql(doc_id, limit=limit), timeout_s=TIMEOUT_S,
                           row_limit=1_000_000)
                samples.append((time.perf_counter() - began) * 1000)
            figures[name] = _percentiles(samples)
        figures["engine_rss_after_queries_mib"] = _status_kib(engine_pid, "VmRSS") / 1024
    finally:
        view.close()
        shutil.rmtree(root, ignore_errors=True)
    return figures


def report(figures: dict) -> None:
    """Print the figures as the README quotes them."""
    build = figures["build"]
    print(f"machine: {platform.machine()}, {len(__import__('os').sched_getaffinity(0))} cores, "
          f"Python {platform.python_version()}")
    print(f"view: {build['triples']:,} triples, {build['disk_mib']:.0f} MiB on disk (gzip N-Triples)")
    print(f"cold build: {build['seconds']:.1f} s (export {build['export_s']:.1f} s, engine load "
          f"{build['load_s']:.1f} s); builder peak RSS {build['builder_peak_rss_mib']:.0f} MiB")
    print(f"engine RSS: {build['engine_rss_mib']:.0f} MiB after load, "
          f"{figures['engine_rss_after_queries_mib']:.0f} MiB after the queries")
    print(f"warm start (view on disk, engine load only): {figures['warm_start_s']:.1f} s")
    for name in ("headline_page", "headline_all"):
        p = figures[name]
        print(f"{name:14s} p50 {p['p50']:7.1f}  p95 {p['p95']:7.1f}  p99 {p['p99']:7.1f} ms  (n={p['n']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--home", type=Path, help="an embedded store's home, already loaded")
    parser.add_argument("--graph", default="policykg", help="its graph name (with --home)")
    parser.add_argument("--root", action="append", help="ask about this document (repeatable); "
                        "default: random loaded provincial documents")
    args = parser.parse_args()
    if args.home is None:
        from bench_store import prepare

        cached = prepare(args.seed)
        home, graph = cached.home, cached.graph
    else:
        home, graph = args.home, args.graph
    server = EmbeddedServer(home)
    with server.acquire(), FalkorStore(server.socket, graph, query_timeout_ms=600_000) as store:
        report(sparql_figures(store, queries=args.queries, seed=args.seed, roots=args.root))


if __name__ == "__main__":
    main()
