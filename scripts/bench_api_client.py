"""The API benchmark's load generator when wrk is missing: an async httpx client, one process.

``connections`` tasks each send a request, wait for the whole answer, pause ``PAUSE_S`` (0:
none), and send the next (a closed loop, as wrk does), cycling through the paths for
``seconds``. Prints one JSON line of
figures, the same fields as bench_api.py's wrk script.

Usage: python scripts/bench_api_client.py BASE_URL CONNECTIONS SECONDS PATHS_JSON PAUSE_S
"""

from __future__ import annotations

import asyncio
import itertools
import json
import statistics
import sys
import time

import httpx


async def drive(base: str, connections: int, seconds: float, paths: list[str], pause: float) -> dict:
    latencies: list[float] = []
    non2xx = errors = 0
    cycle = itertools.cycle(paths)
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=10.0) as client:
        start = time.perf_counter()
        deadline = start + seconds

        async def worker() -> None:
            nonlocal non2xx, errors
            while time.perf_counter() < deadline:
                sent = time.perf_counter()
                try:
                    response = await client.get(next(cycle))
                except httpx.HTTPError:
                    errors += 1
                    continue
                latencies.append((time.perf_counter() - sent) * 1000)
                non2xx += not 200 <= response.status_code < 300
                if pause:
                    await asyncio.sleep(pause)

        await asyncio.gather(*(worker() for _ in range(connections)))
        elapsed = time.perf_counter() - start
    qs = statistics.quantiles(latencies, n=100, method="inclusive")
    return {"requests": len(latencies), "seconds": elapsed, "non2xx": non2xx, "errors": errors,
            "p50": statistics.median(latencies), "p95": qs[94], "p99": qs[98], "max": max(latencies)}


def main() -> None:
    base, connections, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    paths, pause = json.loads(sys.argv[4]), float(sys.argv[5])
    print(json.dumps(asyncio.run(drive(base, connections, seconds, paths, pause))))


if __name__ == "__main__":
    main()
