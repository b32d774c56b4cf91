"""Graph load throughput, memory and query latency at national scale: `make bench` runs it.

Generates seeded synthetic national cascades (policykg.synthetic: one central resolution -> a
Government programme -> 63 provincial programmes and plans -> ~700 district plans -> ~10,600
commune programmes, ~20 targets and ~30 assignments each), loads one cascade into a fresh
embedded store and times every query family, then loads nine more and times them again.
Reports load throughput in graph elements (nodes + relationships created) per second, the CPU
time the load took in this process and in the store's server (less sensitive than the wall
time to other work on the machine), the peak RSS of both, and p50/p95/p99 per query family.

Usage: python scripts/bench_graph.py [--cascades 10] [--queries 200] [--seed 7]
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from policykg.graph.embedded import EmbeddedServer  # noqa: E402
from policykg.graph.falkordb_store import FalkorStore  # noqa: E402
from policykg.graph.load import load_records  # noqa: E402
from policykg.graph.queries.cascade import cascade  # noqa: E402
from policykg.graph.queries.coverage import coverage  # noqa: E402
from policykg.graph.queries.indicator_table import indicator_table  # noqa: E402
from policykg.graph.queries.lag import lag  # noqa: E402
from policykg.graph.queries.lineage import derived_targets, target_chain  # noqa: E402
from policykg.synthetic import generate_cascade  # noqa: E402

#: Rows per page of the headline query, as the API serves it.
PAGE = 100


def _server_rss_mib(server: EmbeddedServer) -> float:
    pid = int(server.pidfile.read_text().strip())
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _server_cpu_s(server: EmbeddedServer) -> float:
    """User + system CPU seconds of the store's server so far (Linux /proc)."""
    pid = int(server.pidfile.read_text().strip())
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _percentiles(samples: list[float]) -> str:
    qs = statistics.quantiles(samples, n=100, method="inclusive")
    return f"p50 {statistics.median(samples):7.2f}  p95 {qs[94]:7.2f}  p99 {qs[98]:7.2f} ms"


def _roots(store: FalkorStore, level: str, n: int, rng: random.Random) -> list[str]:
    rows = store.read("MATCH (d:PolicyDocument) WHERE d.level = $level AND d.source_sha256 IS NOT NULL "
                      "RETURN d.identifier AS id ORDER BY id", {"level": level})
    ids = [r["id"] for r in rows]
    return [rng.choice(ids) for _ in range(n)] if ids else []


def time_queries(store: FalkorStore, n: int, rng: random.Random) -> None:
    """p50/p95/p99 of each query family on random roots of realistic levels."""
    provinces, districts = _roots(store, "province", n, rng), _roots(store, "district", n, rng)
    central = _roots(store, "central", 1, rng)
    targets = [t["id"] for t in derived_targets(store, districts[0], limit=PAGE)] if districts else []
    families = {
        "headline: targets derived from a provincial doc (page of 100)":
            [lambda r=r: derived_targets(store, r, limit=PAGE) for r in provinces],
        "targets derived from a district plan (all)": [lambda r=r: derived_targets(store, r) for r in districts],
        "cascade down from a provincial doc": [lambda r=r: cascade(store, r) for r in provinces],
        "cascade up from a district plan": [lambda r=r: cascade(store, r, direction="up") for r in districts],
        "indicator table of a district plan": [lambda r=r: indicator_table(store, r) for r in districts],
        "coverage of a provincial doc (districts)": [lambda r=r: coverage(store, r) for r in provinces],
        "lag below a provincial doc": [lambda r=r: lag(store, r) for r in provinces],
        "target chain to the root": [lambda t=t: target_chain(store, t) for t in (targets * n)[:n]],
        "coverage of the central resolution (provinces)": [lambda: coverage(store, central[0])] * min(n, 20),
    }
    for name, calls in families.items():
        if not calls:
            continue
        samples = []
        for call in calls:
            start = time.perf_counter()
            call()
            samples.append((time.perf_counter() - start) * 1000)
        print(f"  {name:62s} {_percentiles(samples)}  (n={len(samples)})")


def load(store: FalkorStore, server: EmbeddedServer, seed: int, cascades: range) -> str:
    """Load the cascades; one line: elements, seconds, elements/s, CPU of loader and server."""
    start, cpu, server_cpu = time.perf_counter(), time.process_time(), _server_cpu_s(server)
    elements = 0
    for k in cascades:
        summary = load_records(store, generate_cascade(seed, cascade=k))
        elements += summary.counters.nodes_created + summary.counters.relationships_created
    seconds = time.perf_counter() - start
    return (f"{elements:,} elements in {seconds:.1f} s = {elements / seconds:,.0f} elements/s "
            f"(CPU: loader {time.process_time() - cpu:.1f} s, store server "
            f"{_server_cpu_s(server) - server_cpu:.1f} s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cascades", type=int, default=10)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.system()} {platform.release()}")
    home = Path(tempfile.mkdtemp(prefix="pkb-", dir="/tmp"))
    rng = random.Random(args.seed)
    try:
        server = EmbeddedServer(home, persistent=False)
        with server.acquire():
            store = FalkorStore(server.socket, "bench", query_timeout_ms=600_000)
            print(f"one cascade: {load(store, server, args.seed, range(1))}")
            time_queries(store, args.queries, rng)
            if args.cascades > 1:
                more = load(store, server, args.seed, range(1, args.cascades))
                print(f"{args.cascades} cascades: +{more}")
                time_queries(store, args.queries, rng)
            print(f"peak RSS: loader process {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB, "
                  f"store server {_server_rss_mib(server):.0f} MiB")
            store.close()
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
