"""``policykg schema``: the JSON Schema of the Record, the contract from loaders to graph."""

from __future__ import annotations

import typer

from policykg.cli import app
from policykg.loaders.record import render_record_schema


@app.command("schema")
def schema() -> None:
    """Print the JSON Schema of a Record (one per document, as `policykg extract` writes them)."""
    typer.echo(render_record_schema(), nl=False)
