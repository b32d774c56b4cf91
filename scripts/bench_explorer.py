"""Explorer benchmark: how long a cascade takes to settle in headless Chromium.

Usage:
    .venv/bin/python scripts/bench_explorer.py [--runs 5]

Loads the five samples and one synthetic province (``generate_cascade(seed, province=…)``:
Quảng Ninh, 13 districts and ~165 communes below the Politburo's resolution) into a fresh
embedded store, serves the API on 127.0.0.1, and opens ``/explorer#doc=<id>`` in Debian's
headless Chromium (a fresh browser context each run, so nothing is cached). The settle time is
from navigation start to the moment the page turns physics off (vis-network's
``stabilizationIterationsDone`` or ``stabilized``, whichever comes first): fetching the page,
its assets and the view, drawing, and the layout. Also reported: the layout alone (from the
view's arrival to physics off) and the nodes drawn. Median of ``--runs`` runs, and the slowest.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from policykg.graph.embedded import EmbeddedServer  # noqa: E402
from policykg.graph.load import load_records  # noqa: E402
from policykg.graph.queries.cascade import cascade  # noqa: E402
from policykg.synthetic import generate_cascade  # noqa: E402
from policykg.viz.explorer import cascade_view  # noqa: E402
from tests.factories import make_falkor_store, sample_records, short_tempdir  # noqa: E402
from tests.viz.harness import chromium, chromium_missing_reason, serve, wait_settled  # noqa: E402

SEED = 7
PROVINCE = "Quảng Ninh"
#: The synthetic cascade's root: the Politburo resolution above the province's branch.
SYNTHETIC_ROOT_LEVEL = "central"
VIEWPORT = {"width": 1280, "height": 800}
#: The goal of issue 6: a cascade settles within this many milliseconds.
GOAL_MS = 2000


def largest_sample_cascade(store) -> str:
    """The sample document whose first view draws the most nodes."""
    ids = [r["id"] for r in store.read("MATCH (d:PolicyDocument) RETURN d.identifier AS id", {})]
    return max(ids, key=lambda i: (len(cascade_view(store, i)["nodes"]), i))


def largest_by_documents(store, level: str | None = None) -> str:
    """The document (of ``level``) with the most documents in its cascade."""
    rows = store.read("MATCH (d:PolicyDocument) WHERE $level IS NULL OR d.level = $level "
                      "RETURN d.identifier AS id", {"level": level})
    return max((r["id"] for r in rows), key=lambda i: (len(cascade(store, i)["nodes"]), i))


def measure(browser, url: str, doc_id: str) -> dict:
    """One run: a fresh context opens the cascade; times in ms from navigation start."""
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    page.goto(f"{url}/explorer#doc={doc_id}")
    wait_settled(page, timeout_ms=60_000)
    result = page.evaluate("({settled: window.explorer.settledAt, opened: window.explorer.openedAt,"
                           " nodes: window.explorer.visibleIds().length,"
                           " collapsed: window.explorer.view.collapsed})")
    context.close()
    return result


def report(name: str, runs: list[dict]) -> None:
    settled = [r["settled"] for r in runs]
    layout = [r["settled"] - r["opened"] for r in runs]
    print(f"{name}: {runs[0]['nodes']} nodes drawn{' (communes folded)' if runs[0]['collapsed'] else ''}; "
          f"settled {statistics.median(settled):.0f} ms after navigation start (median of {len(runs)}, "
          f"slowest {max(settled):.0f}); view fetch + layout {statistics.median(layout):.0f} ms; "
          f"goal {GOAL_MS} ms: {'met' if max(settled) <= GOAL_MS else 'MISSED'}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    missing = chromium_missing_reason()
    if missing:
        print(f"bench_explorer: {missing}", file=sys.stderr)
        return 2
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    home = short_tempdir()
    server = EmbeddedServer(home)
    try:
        with server.acquire(), make_falkor_store(server) as store:
            load_records(store, sample_records())
            by_nodes, by_documents = largest_sample_cascade(store), largest_by_documents(store)
            load_records(store, generate_cascade(SEED, province=PROVINCE))
            synthetic = largest_by_documents(store, SYNTHETIC_ROOT_LEVEL)
            cases = [(f"largest sample cascade by documents, {by_documents}", by_documents),
                     (f"largest sample view by nodes, {by_nodes}", by_nodes),
                     (f"synthetic {PROVINCE} under {synthetic}", synthetic)]
            with serve(store) as url, chromium() as browser:
                measure(browser, url, cases[0][1])  # warm-up: the first page compiles the scripts
                for name, doc_id in cases:
                    report(name, [measure(browser, url, doc_id) for _ in range(args.runs)])
    finally:
        server.stop(force=True)
        shutil.rmtree(home, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
