"""``policykg export --format FORMAT -o PATH``: the graph as RDF, a Cypher script, CSV or GraphML.

The same function as GET /export (``policykg.graph.export.export_to_path``), with a progress
bar on stderr counting nodes and relationships; the last line says what was written. For csv,
PATH is a directory of neo4j-admin import files (with a README.txt giving the command), or a
``.zip`` file of them.

Example:
    $ policykg export --format turtle -o policykg.ttl
    exported 44,352 nodes and relationships as turtle to policykg.ttl
    $ policykg export --format csv -o neo4j-import/
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from policykg.cli import app
from policykg.graph.connect import open_store
from policykg.graph.export import FORMATS, count_elements, export_to_path
from policykg.settings import load_settings

#: The registry's formats as a choice, so a wrong name is a usage error listing them (exit 2).
FormatName = StrEnum("FormatName", {name: name for name in FORMATS})


def run_export(store, name: str, path: Path, *, quiet: bool = False) -> int:
    """Export with a progress bar on stderr (none when quiet); return the elements written."""
    written = 0

    def advance(count: int) -> None:
        nonlocal written
        written += count
        if bar is not None:
            bar.advance(task, count)

    if quiet:
        bar = task = None
        export_to_path(store, name, path, on_progress=advance)
        return written
    columns = (TextColumn(f"exporting {name}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    console = Console(stderr=True)
    # Not on a terminal (a pipe, a log), a bar would leave a blank line before any error line.
    with Progress(*columns, transient=True, console=console, disable=not console.is_terminal) as bar:
        task = bar.add_task("export", total=count_elements(store))
        export_to_path(store, name, path, on_progress=advance)
    return written


@app.command("export")
def export(
    format_: FormatName = typer.Option(..., "--format", "-f", help="The export format."),
    output: Path = typer.Option(..., "--output", "-o",
                                help="File to write; for csv a directory (or a .zip file)."),
) -> None:
    """Export the whole graph (streamed page by page; memory stays flat)."""
    store = open_store(load_settings())
    try:
        written = run_export(store, format_.value, output)
    finally:
        store.close()
    typer.echo(f"exported {written:,} nodes and relationships as {format_.value} to {output}")
