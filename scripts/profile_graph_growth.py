"""Where FalkorDB's time goes, per query template, as synthetic cascades are loaded one by one.

Loads cascades 0..N-1 of ``policykg.synthetic`` into a fresh embedded store, every batch sent
alone (no pipeline, no background thread) so that the server's CPU can be charged to the query
that spent it: the CPU of all the server's threads (``/proc/<pid>/task/*/schedstat``, ns) is
read before and after each query. Prints, per cascade, the templates that took most of it,
with their batches, rows, CPU and CPU per row, and the server CPU of the whole cascade.

Usage: python scripts/profile_graph_growth.py [--cascades 3] [--seed 7] [--top 14]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from policykg.graph.embedded import EmbeddedServer  # noqa: E402
from policykg.graph.falkordb_store import FalkorStore, _counters, cypher_literal  # noqa: E402
from policykg.graph.store import WriteCounters, batched  # noqa: E402
from policykg.graph.load import load_records  # noqa: E402
from policykg.synthetic import generate_cascade  # noqa: E402

#: Characters of a template shown in the table.
SHOWN = 150


class Template(str):
    """A prepared batch's text that remembers its template and row count."""

    template: str
    rows: int


def server_cpu_ns(pid: int) -> int:
    """CPU of every thread of the server so far, in ns (schedstat's first field)."""
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            total += int((task / "schedstat").read_text().split()[0])
        except OSError:
            pass  # a thread that ended meanwhile
    return total


class Meter:
    """Server CPU and wall time per template."""

    def __init__(self, pid: int, timeline: range = range(0)) -> None:
        self.pid = pid
        self.stats: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0.0, 0.0])
        self.calls, self.timeline = 0, timeline
        self.profile, self.every = "", 1

    def time(self, template: str, rows: int, call):
        before, start = server_cpu_ns(self.pid), time.perf_counter()
        result = call()
        entry = self.stats[template]
        entry[0] += 1
        entry[1] += rows
        entry[2] += (server_cpu_ns(self.pid) - before) / 1e9
        entry[3] += time.perf_counter() - start
        if self.calls in self.timeline:
            print(f"    #{self.calls} {(server_cpu_ns(self.pid) - before) / 1e6:8.2f} ms {rows:6d} rows  {template[:90]}")
        self.calls += 1
        return result


def instrument(store: FalkorStore, meter: Meter) -> None:
    """Run every batch alone and charge it to its template."""
    store.writes_in_background = False
    read, write = store._read, store._write

    def prepare_batches(query, rows, *, batch_size=1000):
        out = []
        for batch in batched(rows, batch_size, store.max_batch_bytes):
            marked = Template(f"CYPHER rows={cypher_literal(batch)} {query}")
            marked.template, marked.rows = query, len(batch)
            out.append(marked)
        return out

    def run_prepared(prepared):
        total = WriteCounters()
        for text in prepared:
            template = getattr(text, "template", text)
            if meter.profile and meter.profile in template and meter.calls % meter.every == 0:
                before = server_cpu_ns(meter.pid)
                lines = store._db.connection.execute_command("GRAPH.PROFILE", store.graph_name, str(text))
                print(f"    PROFILE {(server_cpu_ns(meter.pid) - before) / 1e6:.2f} ms CPU, "
                      f"{getattr(text, 'rows', 0)} rows: {template[:80]}")
                for line in lines:
                    print("      ", line.decode() if isinstance(line, bytes) else line)
                meter.calls += 1
                continue
            result = meter.time(template, getattr(text, "rows", 0),
                                lambda t=text: store._graph.query(t, None))
            total = total + _counters(result)
        return total

    store.prepare_batches = prepare_batches
    store.run_prepared = run_prepared
    store._read = lambda q, p, t: meter.time("R " + q, len(p.get("ids", ())), lambda: read(q, p, t))
    store._write = lambda q, p: meter.time("W " + q, len(p.get("rows", ())), lambda: write(q, p))


def report(meter: Meter, top: int) -> None:
    rows = sorted(meter.stats.items(), key=lambda kv: -kv[1][2])
    total = sum(v[2] for v in meter.stats.values())
    print(f"  server CPU in queries {total:.1f} s")
    for template, (batches, n, cpu, wall) in rows[:top]:
        per_row = f"{cpu / n * 1e6:7.1f} µs/row" if n else " " * 14
        print(f"  {cpu:7.2f} s {wall:7.2f} s wall {batches:6d} q {n:8d} rows {per_row}  {template[:SHOWN]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cascades", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--top", type=int, default=14)
    parser.add_argument("--module-args", nargs="*", default=[],
                        help="FalkorDB load-time settings NAME=VALUE (NODE_CREATION_BUFFER …)")
    parser.add_argument("--profile", default="", help="GRAPH.PROFILE batches whose template holds this")
    parser.add_argument("--every", type=int, default=100, help="… one query in this many")
    parser.add_argument("--config", nargs="*", default=[], help="FalkorDB settings NAME=VALUE")
    parser.add_argument("--timeline", type=int, nargs=2, default=(0, 0),
                        help="print the queries numbered FROM..TO of each cascade one by one")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="pkg-grow-", dir="/tmp"))
    try:
        server = EmbeddedServer(home, persistent=False)
        argv = server._argv
        server._argv = lambda: argv() + [part for a in args.module_args for part in a.split("=")]
        with server.acquire():
            pid = int(server.pidfile.read_text().strip())
            store = FalkorStore(server.socket, "grow", query_timeout_ms=600_000)
            for setting in args.config:
                name, value = setting.split("=")
                print(setting, store._db.connection.execute_command("GRAPH.CONFIG", "SET", name, value))
            for k in range(args.cascades):
                meter = Meter(pid, range(*args.timeline))
                meter.profile, meter.every = args.profile, args.every
                instrument(store, meter)
                cpu0, start = server_cpu_ns(pid), time.perf_counter()
                summary = load_records(store, generate_cascade(args.seed, cascade=k))
                elements = summary.counters.nodes_created + summary.counters.relationships_created
                seconds = time.perf_counter() - start
                print(f"cascade {k}: {elements:,} elements, {seconds:.1f} s wall, server CPU "
                      f"{(server_cpu_ns(pid) - cpu0) / 1e9:.1f} s")
                report(meter, args.top)
                sys.stdout.flush()
            store.close()
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
