"""``policykg store start|stop|status``: the embedded FalkorDB server."""

from __future__ import annotations

import typer

from policykg.cli import app
from policykg.graph.connect import embedded_server
from policykg.settings import load_settings

store_app = typer.Typer(help="Start, stop and inspect the embedded store.", no_args_is_help=True)
app.add_typer(store_app, name="store")


def _embedded():
    settings = load_settings()
    if not settings.is_embedded:
        typer.echo(f"POLICYKG_STORE is {settings.store}: nothing embedded to manage.", err=True)
        raise SystemExit(2)
    return embedded_server(settings)


@store_app.command("start")
def start() -> None:
    """Start the embedded store and keep it running until `policykg store stop`."""
    server = _embedded()
    started = server.start(pin=True)
    status = server.status()
    verb = "started" if started else "already running"
    typer.echo(f"embedded store {verb} (pid {status.pid}) on {status.socket}")


@store_app.command("stop")
def stop(force: bool = typer.Option(False, help="Stop even while other processes use it.")) -> None:
    """Stop the embedded store (its data stays in POLICYKG_HOME)."""
    server = _embedded()
    stopped = server.stop(force=force)
    typer.echo("embedded store stopped" if stopped else "embedded store was not running")


@store_app.command("status")
def status() -> None:
    """Say whether the embedded store runs, where, and who uses it; exit 3 when it does not run."""
    info = _embedded().status()
    if not info.running:
        typer.echo(f"embedded store: not running (data in {info.home})")
        raise SystemExit(3)
    clients = ", ".join(map(str, info.clients)) or "none"
    pinned = ", pinned by `store start`" if info.pinned else ""
    typer.echo(
        f"embedded store: running (pid {info.pid}) on {info.socket}{pinned}; clients: {clients}"
    )
