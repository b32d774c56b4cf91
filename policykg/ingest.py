"""From files to Records to the graph: what ``policykg extract``, ``policykg load``, ``make run``
and the API's upload share.

Files are walked, read and extracted (in a process pool with ``workers`` > 1, output in input
order); a JSON Lines file of Records (``policykg extract --json`` output, or the synthetic
cascade) is read as Records without extracting again. A bad file or line gives one error line and
the batch goes on.

Example:
    >>> outcome = load_paths(store, [Path("samples")], workers=2)    # doctest: +SKIP
    >>> outcome.summary.documents, outcome.failures                   # doctest: +SKIP
    (5, [])
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from policykg.errors import DocumentError, PolicyKGError, RecordError

#: Files larger than this are refused before reading them whole (see loaders.read).
MAX_FILE_BYTES = 50 * 1024 * 1024
#: Documents handed to a worker at a time: amortizes process hand-off, keeps order cheap.
POOL_CHUNK = 4
#: Suffix of files that hold Records rather than documents.
RECORDS_SUFFIX = ".jsonl"

#: Names (without suffix, upper case) of the notes a folder of documents keeps about itself:
#: not documents, so a directory walk skips them (named one by one, they are read). Loading
#: ``samples/`` used to load its README as a sixth document with eleven citations.
FOLDER_NOTES = frozenset({"README", "LICENSE", "LICENCE", "NOTICE", "COPYING", "CHANGELOG"})
#: The collector's first-generation threshold in a batch process (CPython's default is 700):
#: extraction allocates millions of short-lived objects (matches, slices, small lists), nearly
#: none in reference cycles, and a young collection every 700 of them is 1-2 % of its time.
#: Measured with callgrind over 50 bench documents: 2,000-10,000 save alike, 20,000 and more
#: save less (each collection then walks a larger young generation).
BATCH_GC_THRESHOLD = 5000
#: (source, Record as UTF-8 JSON or None, one-line error or None)
Outcome = tuple[str, bytes | None, str | None]


def iter_documents(paths: list[Path]) -> Iterator[Path]:
    """Files named, and files under directories named (sorted; hidden files and a folder's own
    notes, such as ``samples/README.md``, skipped: see FOLDER_NOTES)."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if (child.is_file() and child.stem.upper() not in FOLDER_NOTES
                        and not any(p.startswith(".") for p in child.relative_to(path).parts)):
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


def extract_bytes(data: bytes, name: str) -> Outcome:
    """Extract one document's bytes; never raises (the error comes back as one line)."""
    from policykg.loaders.pipeline import extract_record
    from policykg.loaders.record import dump_record

    # pypdf logs repairs ("EOF marker not found") on stderr, where users read one line per error.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        return name, dump_record(extract_record(data, Path(name).name)), None
    except PolicyKGError as exc:
        message = exc.message if name in exc.message or Path(name).name in exc.message else f"{name}: {exc.message}"
        return name, None, message
    except Exception as exc:  # noqa: BLE001 - a bug must not end the batch or show a traceback
        return name, None, f"{name}: internal error ({type(exc).__name__}: {exc}); please report it"


def extract_one(path: Path) -> Outcome:
    """(path, Record as JSON or None, one-line error or None); never raises."""
    try:
        data = read_bytes(path)
    except PolicyKGError as exc:
        return str(path), None, exc.message
    return extract_bytes(data, str(path))


def prepare_batch_process() -> None:
    """Set up the collector of a process that runs a batch and exits (``policykg extract`` and
    ``load``, not the API server): the loaders are imported, everything alive is frozen out of
    collection (compiled patterns, models, word lists: never garbage), and young collections
    come less often (see BATCH_GC_THRESHOLD). Workers forked later inherit both, and leave
    the frozen pages shared with this process."""
    import policykg.loaders.pipeline  # noqa: F401
    import policykg.loaders.record  # noqa: F401

    gc.freeze()
    gc.set_threshold(BATCH_GC_THRESHOLD, *gc.get_threshold()[1:])


def run_extraction(paths: list[Path], workers: int) -> Iterator[Outcome]:
    """Extract every document, in input order, in ``workers`` processes (1: in this one)."""
    documents = list(iter_documents(paths))
    if workers <= 1:
        yield from map(extract_one, documents)
        return
    # Workers are forked from this process: what it has imported, they need not import again.
    import policykg.loaders.pipeline  # noqa: F401
    import policykg.loaders.record  # noqa: F401

    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(extract_one, documents, chunksize=POOL_CHUNK)


def iter_record_lines(path: Path) -> Iterator[Outcome]:
    """The Records of a JSON Lines file, one outcome per non-empty line."""
    try:
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if line.strip():
                    yield f"{path}:{number}", line, None
    except (OSError, UnicodeDecodeError) as exc:
        yield str(path), None, f"{path}: cannot be read as UTF-8 JSON Lines ({exc}); pass the documents instead"


def iter_records(paths: list[Path], workers: int = 1) -> Iterator[tuple[str, object | None, str | None]]:
    """(source, Record or None, error or None) for documents and Record files alike, in order."""
    from policykg.loaders.record import parse_record

    records = [p for p in iter_documents(paths) if p.suffix == RECORDS_SUFFIX]
    documents = [p for p in iter_documents(paths) if p.suffix != RECORDS_SUFFIX]
    for source, record_json, error in run_extraction(documents, workers):
        yield source, (parse_record(record_json, source) if record_json else None), error
    for path in records:
        for source, line, error in iter_record_lines(path):
            if error:
                yield source, None, error
                continue
            try:
                yield source, parse_record(line, source), None
            except RecordError as exc:
                yield source, None, exc.message


@dataclass
class LoadOutcome:
    """A load's summary and the files that could not be loaded, each with its one-line error."""

    summary: object
    failures: list[str] = field(default_factory=list)


def load_paths(store, paths: list[Path], *, workers: int = 1, batch_size: int | None = None,
               on_source: Callable[[str, bool], None] | None = None) -> LoadOutcome:
    """Extract (or read) every path's Records and load them; bad files are reported, not fatal."""
    from policykg.graph.load import load_records
    from policykg.graph.store import DEFAULT_BATCH_SIZE

    failures: list[str] = []

    def good_records():
        for source, record, error in iter_records(paths, workers):
            if on_source:
                on_source(source, error is None)
            if error:
                failures.append(error)
            else:
                yield record

    summary = load_records(store, good_records(), batch_size=batch_size or DEFAULT_BATCH_SIZE)
    return LoadOutcome(summary, failures)


#: Largest file the API's upload takes (the CLI's limit, MAX_FILE_BYTES, is for local files).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: Most files in one upload.
MAX_UPLOAD_FILES = 20


@dataclass
class UploadedFile:
    """What became of one uploaded file: its document id and warnings, or its one-line error."""

    filename: str
    loaded: bool
    id: str | None = None
    symbol: str | None = None
    warnings: list[str] = field(default_factory=list)
    error: str | None = None


def load_uploads(store, files: list[tuple[str, bytes]]) -> tuple[list[UploadedFile], object]:
    """Extract uploaded files and load the good ones in one load; a bad file is reported, not fatal.

    Args:
        store: an open store.
        files: (file name as uploaded, bytes), e.g. ``("KH 92 Cau Ngang.docx", b"PK…")``.

    Returns:
        One ``UploadedFile`` per file, in order, and the load's summary.
    """
    from policykg.graph.load import load_records
    from policykg.loaders.record import parse_record

    outcomes, records = [], []
    for name, data in files:
        _, record_json, error = extract_bytes(data, name)
        if error:
            outcomes.append(UploadedFile(name, loaded=False, error=error))
            continue
        record = parse_record(record_json, name)
        records.append(record)
        outcomes.append(UploadedFile(name, loaded=True, symbol=record.document.symbol,
                                     warnings=[w.message for w in record.warnings]))
    summary = load_records(store, records)
    ids = iter(summary.document_ids)
    for outcome in outcomes:
        if outcome.loaded:
            outcome.id = next(ids)
    return outcomes, summary
