"""``policykg serve``: the API (and, later, the explorer) on the configured store."""

from __future__ import annotations

import contextlib
import errno
import signal
import socket
from collections.abc import Iterator
from pathlib import Path

import typer
import uvicorn

from policykg.api.main import create_app
from policykg.cli import app
from policykg.cli.load import describe, run_load
from policykg.errors import SettingsError
from policykg.graph.connect import open_store
from policykg.settings import load_settings


def _check_port_free(host: str, port: int) -> None:
    """Fail with one line before starting anything if the address is taken."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            reason = "is in use" if exc.errno == errno.EADDRINUSE else f"cannot be bound ({exc.strerror})"
            raise SettingsError(
                f"{host}:{port} {reason}; set POLICYKG_API_PORT (or --port) to a free port"
            ) from None


class _Server(uvicorn.Server):
    """uvicorn's server without its re-raise of Ctrl-C after shutting down.

    uvicorn captures SIGINT/SIGTERM, shuts down, then raises the signal again so that the
    program sees it; raised inside the event loop, it can cancel the lifespan task while it
    waits and print a traceback (seen on a second Ctrl-C during shutdown). Here the signal
    only asks the server to stop (twice: at once), and ``serve`` returns normally.
    """

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        originals = {sig: signal.signal(sig, self.handle_exit) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in originals.items():
                signal.signal(sig, handler)


@app.command("serve")
def serve(
    host: str = typer.Option(None, help="Address to bind (default POLICYKG_API_HOST, 127.0.0.1)."),
    port: int = typer.Option(None, help="Port (default POLICYKG_API_PORT, 8000)."),
    load: list[Path] = typer.Option([], "--load", help="Documents to load before serving (repeatable)."),
) -> None:
    """Serve the API on http://127.0.0.1:8000 until Ctrl-C, then stop the store cleanly."""
    overrides = {k: v for k, v in {"api_host": host, "api_port": port}.items() if v is not None}
    settings = load_settings(**overrides)
    _check_port_free(settings.api_host, settings.api_port)
    store = open_store(settings)
    try:
        if load:
            outcome = run_load(store, load, workers=1)
            for error in outcome.failures:
                typer.echo(f"error: {error}", err=True)
            for line in describe(outcome):
                typer.echo(line)
        where = store.describe()["location"]
        url = f"http://{settings.api_host}:{settings.api_port}"
        typer.echo(f"policykg serving {url}  (API docs {url}/docs; store {store.backend} at {where})")
        typer.echo("Press Ctrl-C to stop.")
        config = uvicorn.Config(create_app(settings, store), host=settings.api_host,
                                port=settings.api_port, log_level=settings.log_level)
        _Server(config).run()
    finally:
        store.close()
    typer.echo("policykg stopped.")
