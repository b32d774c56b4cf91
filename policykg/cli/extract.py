"""``policykg extract PATH... [--json] [--workers N] [--text]``: documents to Records.

Directories are walked. A bad file prints its one-line error on stderr and the batch goes on;
the exit code is 1 if any file failed. With ``--workers N`` a process pool extracts in parallel
and the output keeps the input order.

Example:
    $ policykg extract samples/ --json --workers 2 > records.jsonl
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import typer

from policykg.cli import app
from policykg.ingest import prepare_batch_process, run_extraction


@app.command("extract")
def extract(
    paths: list[Path] = typer.Argument(..., help="Files or directories of documents."),
    as_json: bool = typer.Option(False, "--json", help="One Record per line (JSON Lines)."),
    workers: int = typer.Option(1, min=1, help="Worker processes (default 1)."),
    text: bool = typer.Option(False, "--text", help="Also print the normalized text."),
) -> None:
    """Read documents and print their Records: metadata, citations, targets, assignments."""
    import json

    prepare_batch_process()
    failed = 0
    for path, record_json, error in run_extraction(paths, min(workers, os.cpu_count() or 1)):
        if error:
            failed += 1
            typer.echo(f"error: {error}", err=True)
            continue
        if as_json:
            _write_line(record_json)
        else:
            _summary(path, json.loads(record_json))
        if text:
            typer.echo(json.loads(record_json)["text"])
    raise SystemExit(1 if failed else 0)


def _write_line(record_json: bytes) -> None:
    """One Record's JSON and a line end, straight to stdout's bytes: a Record is tens of kB of
    JSON, already UTF-8 (no terminal escapes to strip, control characters are escaped), which
    typer.echo would scan and a text stream would decode and encode again."""
    out = getattr(sys.stdout, "buffer", None)
    if out is None:  # a text-only stream, as some test runners install
        sys.stdout.write(record_json.decode() + "\n")
    else:
        sys.stdout.flush()  # whatever a text write left pending goes first
        out.write(record_json)
        out.write(b"\n")
    sys.stdout.flush()  # one line at a time, as with echo, so errors interleave in order


def _summary(path: str, record: dict) -> None:
    doc = record["document"]
    typer.echo(
        f"{path}: {doc.get('symbol') or '(no number)'} {doc.get('doc_type') or ''} "
        f"{doc.get('issuer') or '(issuer unknown)'} {doc.get('issued') or '(no date)'} — "
        f"{len(record['citations'])} citations, {len(record['targets'])} targets, "
        f"{len(record['assignments'])} assignments, {len(record['warnings'])} warnings"
    )
