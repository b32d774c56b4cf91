"""``policykg extract PATH... [--json] [--workers N] [--text]``: documents to Records.

Directories are walked. A bad file prints its one-line error on stderr and the batch goes on;
the exit code is 1 if any file failed. With ``--workers N`` a process pool extracts in parallel
and the output keeps the input order.

Example:
    $ policykg extract samples/ --json --workers 2 > records.jsonl
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import typer

from policykg.cli import app
from policykg.errors import DocumentError, PolicyKGError

#: Files larger than this are refused before reading them whole (see loaders.read).
MAX_FILE_BYTES = 50 * 1024 * 1024
#: Documents handed to a worker at a time: amortizes process hand-off, keeps order cheap.
POOL_CHUNK = 4


def iter_documents(paths: list[Path]) -> Iterator[Path]:
    """Files named, and files under directories named (sorted, hidden ones skipped)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(p.startswith(".") for p in child.relative_to(path).parts):
                    yield child
        else:
            yield path


def read_bytes(path: Path) -> bytes:
    """The file's bytes, with one-line errors for what can go wrong on disk."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DocumentError(f"{path}: {size / 2**20:.0f} MB is over the "
                                f"{MAX_FILE_BYTES // 2**20} MB limit; split the document")
        return path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file (moved or deleted?)") from None
    except IsADirectoryError:
        raise DocumentError(f"{path}: is a directory") from None
    except PermissionError:
        raise DocumentError(f"{path}: permission denied; check the file's permissions") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read ({exc.strerror})") from None


def extract_one(path: Path) -> tuple[str, str | None, str | None]:
    """(path, Record as JSON or None, one-line error or None); never raises."""
    from policykg.loaders.pipeline import extract_record

    # pypdf logs repairs ("EOF marker not found") on stderr, where users read one line per error.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        record = extract_record(read_bytes(path), path.name)
        return str(path), record.model_dump_json(), None
    except PolicyKGError as exc:
        message = exc.message if str(path) in exc.message or path.name in exc.message else f"{path}: {exc.message}"
        return str(path), None, message
    except Exception as exc:  # noqa: BLE001 - a bug must not end the batch or show a traceback
        return str(path), None, f"{path}: internal error ({type(exc).__name__}: {exc}); please report it"


def run_extraction(paths: list[Path], workers: int) -> Iterator[tuple[str, str | None, str | None]]:
    """Extract every document, in input order, in ``workers`` processes (1: in this one)."""
    documents = list(iter_documents(paths))
    if workers <= 1:
        yield from map(extract_one, documents)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(extract_one, documents, chunksize=POOL_CHUNK)


@app.command("extract")
def extract(
    paths: list[Path] = typer.Argument(..., help="Files or directories of documents."),
    as_json: bool = typer.Option(False, "--json", help="One Record per line (JSON Lines)."),
    workers: int = typer.Option(1, min=1, help="Worker processes (default 1)."),
    text: bool = typer.Option(False, "--text", help="Also print the normalized text."),
) -> None:
    """Read documents and print their Records: metadata, citations, targets, assignments."""
    import json

    failed = 0
    for path, record_json, error in run_extraction(paths, min(workers, os.cpu_count() or 1)):
        if error:
            failed += 1
            typer.echo(f"error: {error}", err=True)
            continue
        if as_json:
            typer.echo(record_json)
        else:
            _summary(path, json.loads(record_json))
        if text:
            typer.echo(json.loads(record_json)["text"])
    raise SystemExit(1 if failed else 0)


def _summary(path: str, record: dict) -> None:
    doc = record["document"]
    typer.echo(
        f"{path}: {doc.get('symbol') or '(no number)'} {doc.get('doc_type') or ''} "
        f"{doc.get('issuer') or '(issuer unknown)'} {doc.get('issued') or '(no date)'} — "
        f"{len(record['citations'])} citations, {len(record['targets'])} targets, "
        f"{len(record['assignments'])} assignments, {len(record['warnings'])} warnings"
    )
