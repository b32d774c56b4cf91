"""Graph exports: one registry of formats, the functions the CLI and the API both call.

=========  ==========================  =========  ==========================================
format     media type                  file       what it is for
=========  ==========================  =========  ==========================================
turtle     text/turtle                 .ttl       RDF, readable; loads into any triple store
ntriples   application/n-triples       .nt        RDF, one triple a line; diffable, greppable
jsonld     application/ld+json         .jsonld    RDF as JSON with ontology/context.jsonld
cypher     text/x-cypher               .cypher    rebuilds the graph in an empty Neo4j 5
csv        application/zip (API)       directory  ``neo4j-admin database import`` files
graphml    application/graphml+xml     .graphml   Gephi, networkx, yEd, Cytoscape
=========  ==========================  =========  ==========================================

Every format reads the store page by page (``read.py``) and writes as it reads, so memory
holds one page whatever the size of the graph. Each writer takes ``on_progress``, called with
the number of elements (nodes and relationships) read, so the CLI can show a progress bar
(``count_elements`` gives its total). ``export_to_path`` writes next to the target and renames
on success, so a failed export never leaves a half-written file under the name asked for.

Every format has a round trip in ``tests/graph/test_export_roundtrip.py``, and a test fails
when a format is added here without one.

Example:
    >>> export_to_path(store, "turtle", Path("policykg.ttl"))            # doctest: +SKIP
    >>> for chunk in export_bytes(store, "ntriples"):                     # doctest: +SKIP
    ...     response.write(chunk)
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from policykg.errors import InputError
from policykg.graph.export.csv_import import csv_zip_chunks, write_csv
from policykg.graph.export.cypher_script import cypher_chunks
from policykg.graph.export.elements import ExportError
from policykg.graph.export.graphml import graphml_chunks
from policykg.graph.export.jsonld import jsonld_chunks
from policykg.graph.export.rdf import ntriples_chunks, turtle_chunks
from policykg.graph.export.read import PAGE_SIZE, Progress, count_elements
from policykg.graph.store import GraphStore

__all__ = ["FORMATS", "ExportError", "ExportFormat", "count_elements", "export_bytes",
           "export_to_path", "get_format"]

#: Suffix of the file an export writes before renaming it to the name asked for.
PART_SUFFIX = ".part"
ENCODING = "utf-8"


@dataclass(frozen=True)
class ExportFormat:
    """One export format.

    ``chunks`` writes a single text document as chunks; ``directory`` writes a set of files
    (and ``archive`` streams them as one zip, which is what the API answers with).
    """

    name: str
    media_type: str
    extension: str
    description: str
    rdf: bool = False
    chunks: Callable[..., Iterator[str]] | None = None
    directory: Callable[..., list[Path]] | None = None
    archive: Callable[..., Iterator[bytes]] | None = None
    #: True when memory holds one page however large the graph (every format here).
    streaming: bool = True


FORMATS: dict[str, ExportFormat] = {f.name: f for f in (
    ExportFormat("turtle", "text/turtle", ".ttl", "RDF Turtle", rdf=True, chunks=turtle_chunks),
    ExportFormat("ntriples", "application/n-triples", ".nt", "RDF N-Triples", rdf=True,
                 chunks=ntriples_chunks),
    ExportFormat("jsonld", "application/ld+json", ".jsonld", "RDF JSON-LD", rdf=True,
                 chunks=jsonld_chunks),
    ExportFormat("cypher", "text/x-cypher", ".cypher", "Cypher script for an empty Neo4j 5",
                 chunks=cypher_chunks),
    ExportFormat("csv", "application/zip", ".zip", "neo4j-admin import CSV files",
                 directory=write_csv, archive=csv_zip_chunks),
    ExportFormat("graphml", "application/graphml+xml", ".graphml", "GraphML (Gephi, networkx)",
                 chunks=graphml_chunks),
)}


def get_format(name: str) -> ExportFormat:
    """The format called ``name``.

    Raises:
        InputError: no such format; the message lists the formats there are.
    """
    found = FORMATS.get(name)
    if found is None:
        raise InputError(f"unknown export format {name!r}; choose one of {', '.join(FORMATS)}")
    return found


def export_bytes(store: GraphStore, name: str, *, page_size: int = PAGE_SIZE,
                 on_progress: Progress | None = None) -> Iterator[bytes]:
    """The export as a stream of bytes (UTF-8 text, or a zip for csv): what GET /export sends."""
    fmt = get_format(name)
    if fmt.chunks is not None:
        for chunk in fmt.chunks(store, page_size=page_size, on_progress=on_progress):
            yield chunk.encode(ENCODING)
    else:
        assert fmt.archive is not None
        yield from fmt.archive(store, page_size=page_size, on_progress=on_progress)


def export_to_path(store: GraphStore, name: str, path: Path, *, page_size: int = PAGE_SIZE,
                   on_progress: Progress | None = None) -> Path:
    """Write an export to ``path`` (for csv: a directory, or a .zip file); return ``path``.

    Raises:
        InputError: the place to write is unusable (no parent directory, a non-empty directory).
        ExportError: the graph holds something the format cannot write faithfully.
    """
    fmt = get_format(name)
    path = Path(path)
    if not path.parent.is_dir():
        raise InputError(f"{path.parent} is not a directory; create it or choose another -o path")
    part = path.with_name(path.name + PART_SUFFIX)
    _remove(part)
    try:
        if fmt.directory is not None and path.suffix != fmt.extension:
            if path.exists() and (not path.is_dir() or any(path.iterdir())):
                raise InputError(f"{path} exists and is not an empty directory; csv writes a "
                                 f"directory of files (or name a {fmt.extension} file)")
            fmt.directory(store, part, page_size=page_size, on_progress=on_progress)
            _remove(path)
        else:
            if path.is_dir():
                raise InputError(f"{path} is a directory; name a {fmt.extension} file")
            with part.open("wb") as out:
                for chunk in export_bytes(store, name, page_size=page_size, on_progress=on_progress):
                    out.write(chunk)
        os.replace(part, path)
    finally:
        _remove(part)
    return path


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()
