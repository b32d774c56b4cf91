"""``policykg load PATH... [--workers N]``: documents (or Records) into the graph.

Runs the loaders (a process pool with ``--workers``), writes batched idempotent MERGEs after the
constraints and indexes, shows a progress bar, and ends with a summary: documents, stubs,
citations, targets, derivations, and the places and indicators that did not match. A bad file
prints one error line and the rest loads; the exit code is 1 if any file failed.

Example:
    $ policykg load samples/*.txt
    loaded 5 documents: 110 cited documents, 151 citations, 250 targets, 48 derivations …
"""

from __future__ import annotations

import os
from pathlib import Path

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from policykg.cli import app
from policykg.graph.connect import open_store
from policykg.ingest import (
    RECORDS_SUFFIX,
    LoadOutcome,
    iter_documents,
    load_paths,
    prepare_batch_process,
)
from policykg.settings import load_settings

#: Unmatched places listed in the summary; the rest are counted.
SHOW_UNMATCHED = 10


def run_load(store, paths: list[Path], workers: int, *, quiet: bool = False) -> LoadOutcome:
    """Load with a progress bar on stderr (none when quiet); the same call the API makes."""
    files = list(iter_documents(paths))
    # A Records file holds many documents: count them only when every input is a document.
    total = None if any(p.suffix == RECORDS_SUFFIX for p in files) else len(files)
    workers = min(workers, os.cpu_count() or 1)
    if quiet:
        return load_paths(store, paths, workers=workers)
    columns = (TextColumn("loading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task("load", total=total)
        return load_paths(store, paths, workers=workers,
                          on_source=lambda source, ok: progress.advance(task))


def describe(outcome: LoadOutcome) -> list[str]:
    """The summary lines a person reads after a load."""
    s = outcome.summary
    lines = [
        f"loaded {s.documents} documents: {s.stubs} cited documents, {s.citations} citations, "
        f"{s.targets} targets ({s.matched_indicators} matched to an indicator, "
        f"{s.unmatched_indicators} unmatched), {s.tasks} tasks, {s.derivations} derivations",
        f"graph: {s.new_nodes} new nodes, {s.new_relationships} new relationships",
    ]
    if s.counters.nodes_deleted or s.counters.relationships_deleted:
        lines.append(f"  ({s.counters.nodes_created} nodes and {s.counters.relationships_created} "
                     f"relationships written, {s.counters.nodes_deleted} and "
                     f"{s.counters.relationships_deleted} removed: cited documents folded into the "
                     "documents they name, derivations replaced)")
    if s.unmatched_places:
        shown = ", ".join(sorted(set(s.unmatched_places))[:SHOW_UNMATCHED])
        lines.append(f"unmatched places ({len(s.unmatched_places)}): {shown}")
    if outcome.failures:
        lines.append(f"{len(outcome.failures)} file(s) failed (see the errors above)")
    return lines


@app.command("load")
def load(
    paths: list[Path] = typer.Argument(..., help="Documents, directories, or .jsonl files of Records."),
    workers: int = typer.Option(1, min=1, help="Worker processes for extraction (default 1)."),
) -> None:
    """Extract documents and load them into the graph (idempotent: loading twice changes nothing)."""
    settings = load_settings()
    store = open_store(settings)
    prepare_batch_process()
    try:
        outcome = run_load(store, paths, workers)
    finally:
        store.close()
    for error in outcome.failures:
        typer.echo(f"error: {error}", err=True)
    for line in describe(outcome):
        typer.echo(line)
    raise SystemExit(1 if outcome.failures else 0)
