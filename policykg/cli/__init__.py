"""The ``policykg`` command. Subcommands live one family per module; they call the same
functions as the API. ``main`` is the only place that turns errors into exit codes: a
``PolicyKGError`` prints ``error: <one line>`` on stderr and exits with its code; anything
unexpected prints one line too (set POLICYKG_DEBUG=1 for the traceback).

Example:
    $ policykg store status
    embedded store: running (pid 4562) on .policykg/run/falkordb.sock, clients: 4560
"""

from __future__ import annotations

import os

import typer

from policykg.errors import PolicyKGError

app = typer.Typer(
    name="policykg",
    help="A knowledge graph of Vietnamese policy cascades.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)

# Registration by import: each module adds its commands to `app`.
from policykg.cli import browse, export, extract, load, query, schema, serve, store  # noqa: E402,F401
from policykg.cli import cypher  # noqa: E402,F401
from policykg.cli import viz  # noqa: E402,F401
from policykg.cli import sparql  # noqa: E402,F401


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
