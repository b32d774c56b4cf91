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
from uvicorn.supervisors import Multiprocess

from policykg.api.main import create_app
from policykg.cli import app
from policykg.cli.load import describe, run_load
from policykg.errors import SettingsError
from policykg.graph.connect import open_store
from policykg.settings import Settings, load_settings

#: The app factory each worker process imports when there are several.
APP_FACTORY = "policykg.api.main:create_app"
#: More server processes than this only add memory.
MAX_WORKERS = 16


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


#: Seconds open connections (a long export stream) get to finish once Ctrl-C is pressed.
GRACEFUL_SHUTDOWN_S = 5


class _Server(uvicorn.Server):
    """uvicorn's server, stopped the same way by one Ctrl-C or several.

    uvicorn raises a captured signal again after shutting down, and a second Ctrl-C makes it
    skip the app's lifespan shutdown; either way the lifespan task is left waiting and is
    cancelled when the loop closes, which prints a traceback (seen about once in five double
    Ctrl-Cs). Here every signal only asks for the graceful stop, which cannot hang: open
    connections are cut after GRACEFUL_SHUTDOWN_S. ``serve`` then returns normally.
    """

    def handle_exit(self, sig: int, frame: object) -> None:
        self.should_exit = True

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        originals = {sig: signal.signal(sig, self.handle_exit) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            yield
        finally:
            for sig, handler in originals.items():
                signal.signal(sig, handler)


def _run_workers(settings: Settings, workers: int) -> None:
    """Serve with several processes on one socket. Each worker builds the app from the
    environment and opens the store itself (its own lease); this process's lease keeps the
    embedded store up meanwhile. uvicorn's supervisor stops the workers on Ctrl-C."""
    config = uvicorn.Config(APP_FACTORY, factory=True, workers=workers, host=settings.api_host,
                            port=settings.api_port, log_level=settings.log_level)
    with contextlib.suppress(KeyboardInterrupt):
        Multiprocess(config, sockets=[config.bind_socket()]).run()


@app.command("serve")
def serve(
    host: str = typer.Option(None, help="Address to bind (default POLICYKG_API_HOST, 127.0.0.1)."),
    port: int = typer.Option(None, help="Port (default POLICYKG_API_PORT, 8000)."),
    load: list[Path] = typer.Option([], "--load", help="Documents to load before serving (repeatable)."),
    workers: int = typer.Option(1, min=1, max=MAX_WORKERS, help="Server processes, each with its own "
                                "store connection and answer cache."),
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
        if workers == 1:
            config = uvicorn.Config(create_app(settings, store), host=settings.api_host,
                                    port=settings.api_port, log_level=settings.log_level,
                                    timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S)
            _Server(config).run()
        else:
            _run_workers(settings, workers)
    finally:
        store.close()
    typer.echo("policykg stopped.")
