"""Headless Chromium and a live API for the explorer's browser tests and its benchmark.

Chromium is Debian's (/usr/bin/chromium), driven by Playwright's Python package; no browser is
ever downloaded. The flags keep Chromium from reaching the network on its own (component
updates, sync, field trials, QUIC probes), so any request that leaves 127.0.0.1 is the page's
and fails the test. The API runs in a thread of the test process, on a free port of 127.0.0.1,
over a real embedded store.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import uvicorn

from policykg.api.main import create_app
from policykg.graph.store import GraphStore
from policykg.settings import Settings
from tests.factories import ROOT, free_tcp_port

CHROMIUM = Path(os.environ.get("POLICYKG_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
                 "--no-default-browser-check", "--disable-features=Translate,OptimizationHints"]
ARTIFACTS = ROOT / "tests" / "artifacts" / "explorer"
#: How long the API may take to start listening.
SERVER_START_S = 20
LOCAL_HOSTS = {"127.0.0.1"}


def chromium_missing_reason() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if CHROMIUM.exists():
        return None
    return (f"{CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium) "
            "to run the explorer's browser tests")


@contextmanager
def serve(store: GraphStore) -> Iterator[str]:
    """The API over ``store`` on a free 127.0.0.1 port, in a thread; yields its base URL."""
    port = free_tcp_port()
    config = uvicorn.Config(create_app(Settings(), store), host="127.0.0.1", port=port,
                            log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="explorer-api", daemon=True)
    thread.start()
    deadline = time.monotonic() + SERVER_START_S
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the API did not start on 127.0.0.1:{port}")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def chromium() -> Iterator[object]:
    """Headless Chromium (a fresh temporary profile) through Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                             args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Watch:
    """What a page did wrong: console errors, uncaught exceptions, requests off 127.0.0.1."""

    errors: list[str] = field(default_factory=list)
    offsite: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def check(self) -> None:
        """Fail when anything went wrong."""
        assert not self.offsite, f"requests left 127.0.0.1: {self.offsite}"
        assert not self.errors, f"console errors: {self.errors}"


def _local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    return parts.scheme in ("http", "https", "ws") and parts.hostname in LOCAL_HOSTS


def watch(context, *, allow_file: str | None = None) -> Watch:
    """Record console errors and refuse (abort and record) any request that is not local.

    With ``allow_file`` (a file:// URL) that one file is the only request allowed at all.
    """
    seen = Watch()

    def route(r) -> None:
        url = r.request.url
        seen.requests.append(url)
        allowed = url == allow_file if allow_file else _local(url)
        if allowed:
            r.continue_()
        else:
            seen.offsite.append(url)
            r.abort()

    context.route("**/*", route)

    def on_page(page) -> None:
        page.on("console", lambda m: m.type == "error" and seen.errors.append(m.text))
        if os.environ.get("EXPLORER_DEBUG"):
            page.on("console", lambda m: print("console:", m.type, m.text[:300]))
        page.on("pageerror", lambda e: seen.errors.append(f"uncaught: {e}"))

    context.on("page", on_page)
    return seen


def shot(page, name: str, *, full_page: bool = True) -> Path:
    """Save a screenshot under tests/artifacts/explorer/: the whole page, or what the screen shows
    (a long comparison table makes a whole-page shot slow and a narrow one unreadable)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(target), full_page=full_page)
    return target


def wait_settled(page, settles: int = 0, timeout_ms: int = 30_000) -> None:
    """Wait until the network's layout has settled more than ``settles`` times and no fetch runs."""
    page.wait_for_function(
        "n => window.explorer && window.explorer.settledAt !== null && window.explorer.settles > n "
        "&& window.explorer.busy === 0", arg=settles, timeout=timeout_ms)


def wait_canvas_fits(page) -> None:
    """Wait until the network's canvas has followed its box (the panel narrows it)."""
    page.wait_for_function(
        "() => { const box = document.getElementById('network'); const c = box.querySelector('canvas');"
        " return c && Math.abs(c.clientWidth - box.clientWidth) <= 2"
        " && Math.abs(c.clientHeight - box.clientHeight) <= 2; }")


#: Zoom a person would use to pick one node out of a crowd of labels.
CLOSE_UP_SCALE = 2.0


def click_node(page, node_id: str) -> None:
    """Click a node of the network where it is drawn, as a person would: zoomed in on it first
    when another node's label covers it at the current scale."""
    wait_canvas_fits(page)  # a full-page screenshot resizes the viewport, and the canvas follows late
    # The canvas' place on screen is read in the same breath as the node's: the page may scroll.
    at = ("id => { const e = window.explorer; const p = e.domPosition(id);"
          " const r = document.querySelector('#network canvas').getBoundingClientRect();"
          " return p && {x: r.left + p.x, y: r.top + p.y, hit: e.network.getNodeAt(p)}; }")
    point = page.evaluate(at, node_id)
    assert point, f"node {node_id} is not drawn"
    if point["hit"] != node_id:
        page.evaluate("([id, s]) => window.explorer.network.focus(id, {scale: s, animation: false})",
                      [node_id, CLOSE_UP_SCALE])
        point = page.evaluate(at, node_id)
        assert point["hit"] == node_id, f"{point['hit']} covers {node_id} even zoomed in"
    # Pressing may scroll the page (focus moves); release where the node is then, as a person's
    # hand would follow it.
    page.mouse.move(point["x"], point["y"])
    page.mouse.down()
    point = page.evaluate(at, node_id)
    page.mouse.move(point["x"], point["y"])
    page.mouse.up()
