"""The ``policykg`` command. Subcommands live one family per module, imported when one of its
commands is used (COMMAND_MODULES); they call the same functions as the API. ``main`` is the
only place that turns errors into exit codes: a ``PolicyKGError`` prints ``error: <one
line>`` on stderr and exits with its code; anything unexpected prints one line too (set
POLICYKG_DEBUG=1 for the traceback).

Example:
    $ policykg store status
    embedded store: running (pid 4562) on .policykg/run/falkordb.sock, clients: 4560
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING

import typer
from typer.core import TyperGroup
from typer.main import get_command

from policykg.errors import PolicyKGError

if TYPE_CHECKING:
    from typer._click import Command

#: Every command and the module of this package that registers it on ``app``, in the order
#: ``policykg --help`` lists them. A module is imported when one of its commands is first looked
#: up: ``policykg extract`` then starts without the graph, the API, rich and uvicorn (~1.5 s).
#: A new command module goes here (a test checks that every registered command is listed).
COMMAND_MODULES: dict[str, str] = {
    "resolve": "query", "targets": "query", "lineage": "query", "document": "query",
    "search": "browse", "chain": "browse", "indicators": "browse", "indicator": "browse",
    "coverage": "browse", "lag": "browse", "export": "export", "extract": "extract",
    "load": "load", "schema": "schema", "serve": "serve", "cypher": "cypher", "viz": "viz",
    "sparql": "sparql", "store": "store",
}


class LazyCommands(TyperGroup):
    """The ``policykg`` group, whose commands are imported and built on first use."""

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Command | None:
        """The command, its module imported first; an unknown name imports every module, so
        that the usage error suggests the nearest commands ("Did you mean 'extract'?")."""
        if cmd_name not in self.commands:
            module = COMMAND_MODULES.get(cmd_name)
            self._load([module] if module else COMMAND_MODULES.values())
        return self.commands.get(cmd_name)

    def list_commands(self, ctx: typer.Context) -> list[str]:
        """Every command, in the order of COMMAND_MODULES (unlisted ones last)."""
        self._load(COMMAND_MODULES.values())
        order = {name: rank for rank, name in enumerate(COMMAND_MODULES)}
        return sorted(self.commands, key=lambda name: order.get(name, len(order)))

    def _load(self, modules: Iterable[str]) -> None:
        """Import the modules (each registers its commands on ``app``), then build their
        commands the way Typer builds the whole app."""
        for module in dict.fromkeys(modules):
            importlib.import_module(f"{__name__}.{module}")
        self.commands.update(get_command(app).commands)


app = typer.Typer(
    name="policykg",
    cls=LazyCommands,
    help="A knowledge graph of Vietnamese policy cascades.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _group() -> None:
    """A knowledge graph of Vietnamese policy cascades."""
    # A callback keeps ``app`` a group while it has one command or none registered (Typer
    # makes a lone command the whole program), as it has before LazyCommands loads any.


def fail(message: str, code: int = 1) -> None:
    """Print one error line on stderr and exit."""
    typer.echo(f"error: {message}", err=True)
    raise SystemExit(code)


def main() -> None:
    """Console-script entry point.

    Typer's standalone mode handles usage errors (exit 2 with the usage line); project errors
    propagate out of it and become one line here.
    """
    try:
        app()
    except PolicyKGError as exc:
        fail(exc.message, exc.exit_code)
    except KeyboardInterrupt:
        raise SystemExit(130) from None
    except Exception as exc:  # noqa: BLE001 - the user sees one line, not a traceback
        if os.environ.get("POLICYKG_DEBUG"):
            raise
        fail(f"unexpected {type(exc).__name__}: {exc} (set POLICYKG_DEBUG=1 for details)", 1)
