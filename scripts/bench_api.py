"""API throughput and latency on one national cascade: `make bench` runs it.

Issue 6's goal: with one synthetic national cascade loaded, GET /lineage/{id}/targets sustains
>= 800 requests/s with p99 <= 50 ms at 32 concurrent connections on this 2-core machine.

What it does, in order:

1. Opens the cached store of one national cascade (``scripts/bench_store.py``: loaded once,
   ~3 minutes, then reused while the generator and loader sources are unchanged) and holds a
   lease on it, so the store stays up between the server runs below.
2. Picks a realistic mix of pages: every page of 100 of the headline document (Vĩnh Phúc's
   provincial party programme, ~2,400 targets: offsets 0, 100, …) and the first page of a few
   other provincial and district documents.
3. For each configuration (answer cache on or off, 1 or 2 uvicorn workers) starts
   ``policykg serve`` as a real process, asks every page once (so with the cache on, the
   figure is "cache warm after the first request per page"), then drives it for ``--seconds``
   with wrk at ``--connections`` connections, cycling through the pages. Without wrk (Debian
   package ``wrk``) it says so and falls back to an async httpx client in a separate process.
4. Times the headline question through POST /query/cypher and GET /sparql, one request at a
   time, when the server has those endpoints (see ``ALTERNATIVES``).

Reports requests/s, p50/p95/p99/max latency, non-2xx answers and socket errors per
configuration, and whether the goal is met.

Usage: python scripts/bench_api.py [--seconds 20] [--connections 32] [--seed 7]
                                   [--configs cached-1,cached-2,uncached-1,uncached-2]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_store import DEFAULT_WORKDIR, prepare  # noqa: E402

from policykg.graph.embedded import EmbeddedServer  # noqa: E402
from policykg.graph.falkordb_store import FalkorStore  # noqa: E402
from policykg.graph.queries.lineage import count_derived_targets, derived_targets_query  # noqa: E402

#: Issue 6's goal for GET /lineage/{id}/targets.
GOAL_RPS = 800
GOAL_P99_MS = 50.0
#: The headline document: Vĩnh Phúc's provincial party programme of the synthetic cascade,
#: the counterpart of the README's question about 12-NQ/TU.
HEADLINE_PREFIX = "vn/tinh-uy-vinh-phuc/"
#: Rows per page, as the API serves them by default.
PAGE = 100
#: Other documents in the mix: provincial ones and district plans, drawn with the seed.
OTHER_PROVINCES = 4
OTHER_DISTRICTS = 4
#: How long the server may take to answer /health (it opens the store first).
START_TIMEOUT_S = 120.0
STOP_TIMEOUT_S = 30.0
#: Requests per alternative endpoint (one at a time).
ALTERNATIVE_REQUESTS = 50
#: The paced run aims this much above the goal's rate (each answer's own time slows a
#: connection's next request a little).
RATE_MARGIN = 1.1
#: How long the first SPARQL request may wait while the server builds its RDF view.
SPARQL_BUILD_TIMEOUT_S = 1800.0
#: Configurations: name -> (uvicorn workers, answer cache on).
CONFIGS = {"cached-1": (1, True), "cached-2": (2, True), "uncached-1": (1, False), "uncached-2": (2, False)}

#: wrk's Lua: cycle through the pages; print one JSON line of the figures at the end.
WRK_SCRIPT = """
local paths = {%s}
local pause = %s
local i = 0
if pause > 0 then
  delay = function() return pause end
end
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format(
    "JSON {\\"requests\\": %%d, \\"seconds\\": %%.3f, \\"non2xx\\": %%d, \\"errors\\": %%d, " ..
    "\\"p50\\": %%.3f, \\"p95\\": %%.3f, \\"p99\\": %%.3f, \\"max\\": %%.3f}\\n",
    summary.requests, summary.duration / 1e6, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000))
end
"""


@dataclass
class Figures:
    """What one load run measured."""

    requests: int
    seconds: float
    non2xx: int
    errors: int
    p50: float
    p95: float
    p99: float
    max: float

    @property
    def rps(self) -> float:
        return self.requests / self.seconds

    def line(self) -> str:
        return (f"{self.rps:8,.0f} req/s  p50 {self.p50:7.1f}  p95 {self.p95:7.1f}  p99 {self.p99:7.1f}  "
                f"max {self.max:7.1f} ms  ({self.requests:,} requests, {self.non2xx} non-2xx, "
                f"{self.errors} socket errors)")

    def meets_goal(self) -> bool:
        return self.rps >= GOAL_RPS and self.p99 <= GOAL_P99_MS and not self.non2xx and not self.errors


# -- the pages ---------------------------------------------------------------------------------

def pick_pages(store: FalkorStore, seed: int) -> tuple[str, list[str]]:
    """The headline id and the URL paths of the mix (every page of the headline, first pages of others)."""
    def loaded(level: str) -> list[str]:
        rows = store.read("MATCH (d:PolicyDocument) WHERE d.level = $level AND d.source_sha256 IS NOT NULL "
                          "RETURN d.identifier AS id ORDER BY id", {"level": level})
        return [r["id"] for r in rows]

    provinces, districts = loaded("province"), loaded("district")
    headline = next(i for i in provinces if i.startswith(HEADLINE_PREFIX))
    total = count_derived_targets(store, headline)
    rng = random.Random(seed)
    others = rng.sample([p for p in provinces if p != headline], OTHER_PROVINCES)
    others += rng.sample(districts, OTHER_DISTRICTS)
    quote = urllib.parse.quote
    paths = [f"/lineage/{quote(headline)}/targets?offset={o}" for o in range(0, total, PAGE)]
    paths += [f"/lineage/{quote(d)}/targets" for d in others]
    return headline, paths


# -- the server --------------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str, timeout: float = 30.0) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def start_server(env: dict[str, str], port: int, workers: int, log: Path) -> subprocess.Popen:
    """``policykg serve`` as a real process; returns once /health answers."""
    command = [str(ROOT / ".venv" / "bin" / "policykg"), "serve", "--port", str(port), "--workers", str(workers)]
    if not Path(command[0]).exists():
        command[0:1] = [sys.executable, "-m", "policykg.cli"]
    process = subprocess.Popen(command, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
                               start_new_session=True)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"policykg serve exited with {process.returncode}; see {log}")
        try:
            if get(f"http://127.0.0.1:{port}/health", timeout=2)[0] == 200:
                return process
        except OSError:
            pass
        time.sleep(0.2)
    stop_server(process)
    raise SystemExit(f"policykg serve did not answer /health within {START_TIMEOUT_S:.0f} s; see {log}")


def stop_server(process: subprocess.Popen) -> None:
    """Ctrl-C, as a user stops it; then the whole session if it lingers."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


# -- load generators ---------------------------------------------------------------------------

def pause_ms(connections: int, rate: float | None) -> int:
    """wrk's pause between a connection's answer and its next request for about ``rate``
    requests/s in all (aimed RATE_MARGIN above, since each answer's own time adds to it)."""
    return 0 if not rate else max(1, round(1000 * connections / (rate * RATE_MARGIN)))


def run_wrk(base: str, paths: list[str], connections: int, seconds: int, workdir: Path,
            rate: float | None = None) -> Figures:
    script = workdir / "mix.lua"
    script.write_text(WRK_SCRIPT % (", ".join(json.dumps(p) for p in paths), pause_ms(connections, rate)))
    done = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
                           "-s", str(script), base], capture_output=True, text=True, check=True)
    line = next(ln for ln in done.stdout.splitlines() if ln.startswith("JSON "))
    return Figures(**json.loads(line[5:]))


def run_httpx(base: str, paths: list[str], connections: int, seconds: int,
              rate: float | None = None) -> Figures:
    """The fallback: an async httpx client, in a separate process, ``connections`` at a time."""
    done = subprocess.run([sys.executable, str(Path(__file__).with_name("bench_api_client.py")), base,
                           str(connections), str(seconds), json.dumps(paths),
                           str(pause_ms(connections, rate) / 1000)],
                          capture_output=True, text=True, check=True)
    return Figures(**json.loads(done.stdout.strip().splitlines()[-1]))


# -- the alternatives: the headline question through other endpoints ---------------------------

def percentiles(samples: list[float]) -> str:
    qs = statistics.quantiles(samples, n=100, method="inclusive")
    return f"p50 {statistics.median(samples):7.1f}  p95 {qs[94]:7.1f}  p99 {qs[98]:7.1f} ms"


def _send(request: urllib.request.Request, timeout: float) -> tuple[int, bytes, float]:
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as exc:
        status, body = exc.code, exc.read()
    return status, body, (time.perf_counter() - start) * 1000


def time_alternatives(base: str, headline: str) -> None:
    """Latency of the headline question (its first page of 100) through POST /query/cypher and
    GET /sparql, one request at a time, when the server has them (its OpenAPI lists the path).

    The first SPARQL request may find no RDF view of the graph yet: the server builds it (the
    national cascade's 8 M triples take minutes) and answers 503 meanwhile; that wait is
    reported on its own, and the view, kept under the store's directory, is reused next time.
    """
    status, body = get(f"{base}/openapi.json")
    paths = json.loads(body).get("paths", {}) if status == 200 else {}
    for name, (path, make) in ALTERNATIVES.items():
        if path not in paths or make(base, headline) is None:
            print(f"  {name:34s} not measured: the server has no {path}, or no query text for it")
            continue
        start, status = time.monotonic(), 503
        while status == 503 and time.monotonic() - start < SPARQL_BUILD_TIMEOUT_S:
            status, body, first = _send(make(base, headline), SPARQL_BUILD_TIMEOUT_S)
        if status != 200:
            print(f"  {name:34s} failed: {status} {body[:200]!r}")
            continue
        waited = time.monotonic() - start
        samples = [_send(make(base, headline), 60)[2] for _ in range(ALTERNATIVE_REQUESTS)]
        note = f"; the first answer took {waited:.1f} s" if waited > 1 else ""
        print(f"  {name:34s} {percentiles(samples)}  (n={len(samples)}, one at a time{note})")


def _cypher_request(base: str, headline: str) -> urllib.request.Request:
    # The endpoint's own query text and parameters: the same question, the same page of 100.
    query, params = derived_targets_query(headline, None, None, None, PAGE, 0)
    body = json.dumps({"query": query, "parameters": dict(params)}).encode()
    return urllib.request.Request(f"{base}/query/cypher", data=body, method="POST",
                                  headers={"Content-Type": "application/json"})


def _sparql_request(base: str, headline: str) -> urllib.request.Request | None:
    # HOOK: graph/sparql.py's own text of the headline question, when that module has it.
    try:
        from policykg.graph.sparql import derived_targets_sparql
    except ImportError:
        return None
    query = derived_targets_sparql(headline, limit=PAGE)
    return urllib.request.Request(f"{base}/sparql?{urllib.parse.urlencode({'query': query})}",
                                  headers={"Accept": "application/sparql-results+json"})


ALTERNATIVES = {
    "headline via POST /query/cypher": ("/query/cypher", _cypher_request),
    "headline via GET /sparql": ("/sparql", _sparql_request),
}


# -- main --------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workdir", type=Path, default=DEFAULT_WORKDIR)
    parser.add_argument("--configs", default=",".join(CONFIGS))
    args = parser.parse_args()
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.system()} {platform.release()}")
    wrk = shutil.which("wrk")
    print("load generator: " + (f"wrk ({wrk})" if wrk else
          "WRK IS MISSING (apt-get install wrk); falling back to an async httpx client in a "
          "separate process, whose own CPU use lowers the figures"))
    cached = prepare(args.seed, args.workdir)
    server = EmbeddedServer(cached.home)
    with server.acquire():  # keeps the store up between the server runs
        store = FalkorStore(server.socket, cached.graph, query_timeout_ms=60_000)
        headline, paths = pick_pages(store, args.seed)
        store.close()
        print(f"goal: GET /lineage/{{id}}/targets >= {GOAL_RPS} req/s with p99 <= {GOAL_P99_MS:.0f} ms "
              f"at {args.connections} connections; each configuration is driven as fast as it "
              f"answers, and (cache on) paced at about the goal's rate")
        print(f"mix: {len(paths)} pages — every page of {PAGE} of {headline}, first pages of "
              f"{OTHER_PROVINCES} provincial and {OTHER_DISTRICTS} district documents")
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        for name in args.configs.split(","):
            workers, cache_on = CONFIGS[name]
            env = {**os.environ, "POLICYKG_HOME": str(cached.home), "POLICYKG_GRAPH": cached.graph,
                   "POLICYKG_STORE": "embedded", "POLICYKG_LOG_LEVEL": "warning",
                   "POLICYKG_API_CACHE_ENTRIES": "1024" if cache_on else "0"}
            env.pop("POLICYKG_SOCKET", None)
            process = start_server(env, port, workers, args.workdir / f"serve-{name}.log")
            try:
                bad = [p for p in paths if get(base + p)[0] != 200]  # warms the cache: one request a page
                if bad:
                    raise SystemExit(f"{len(bad)} pages did not answer 200, e.g. {bad[0]}")
                for rate in (None, GOAL_RPS) if cache_on else (None,):
                    figures = (run_wrk(base, paths, args.connections, args.seconds, args.workdir, rate)
                               if wrk else run_httpx(base, paths, args.connections, args.seconds, rate))
                    how = f"paced at ~{GOAL_RPS}/s" if rate else "as fast as it answers"
                    verdict = "meets" if figures.meets_goal() else "misses"
                    print(f"{name:10s} {how:22s} {figures.line()} -> {verdict} the goal")
                if name == args.configs.split(",")[0]:
                    time_alternatives(base, headline)
            finally:
                stop_server(process)


if __name__ == "__main__":
    main()
