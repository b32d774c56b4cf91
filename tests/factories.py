"""Factories shared by the tests: stores on real servers, short temporary paths, free ports."""

from __future__ import annotations

import functools
import itertools
import random
import socket
import tempfile
from pathlib import Path

from policykg.graph.embedded import MAX_BOLT_PORT, EmbeddedServer
from policykg.graph.falkordb_store import FalkorStore
from policykg.graph.neo4j_store import Neo4jStore

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
#: Time limit of a test query; generous, a CI machine may be busy.
TEST_QUERY_TIMEOUT_MS = 30_000

_graph_names = (f"t{n}" for n in itertools.count())


def short_tempdir(prefix: str = "pk-") -> Path:
    """A temporary directory with a short path: unix socket paths must stay under 107 bytes,
    which pytest's tmp_path (it embeds the test name) does not guarantee."""
    return Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))


def free_tcp_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_bolt_port() -> int:
    """A free port FalkorDB accepts for Bolt: it ignores ports above 32767, and the kernel's
    ephemeral range (what ``free_tcp_port`` draws from) starts above that."""
    for port in random.Random().sample(range(20_000, MAX_BOLT_PORT + 1), 200):
        with socket.socket() as s:
            try:
                s.bind(("", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port below 32768 for the Bolt test server")


def make_falkor_store(server: EmbeddedServer, graph: str | None = None) -> FalkorStore:
    """A FalkorStore on its own graph of a running embedded server."""
    return FalkorStore(server.socket, graph or next(_graph_names), query_timeout_ms=TEST_QUERY_TIMEOUT_MS)


#: Longest string the Bolt test store sends (see _bolt_safe).
BOLT_MAX_STRING = 500
#: Largest batch message the Bolt test server takes safely (it aborts past ~4 KB).
BOLT_BATCH_BYTES = 2500


def _bolt_safe(value):
    """Values FalkorDB's Bolt endpoint mangles, made safe: it splices string parameters into
    query text without escaping, so "Ia H' Drai" (a district of Kon Tum) is a syntax error and a
    backslash starts an escape; and it aborts on a message over ~4 KB, so long texts (a task
    paragraph) are cut to BOLT_MAX_STRING characters. A real Neo4j needs none of this."""
    if isinstance(value, str):
        return value.replace("'", "’").replace("\\", "/")[:BOLT_MAX_STRING]
    if isinstance(value, list):
        return [_bolt_safe(v) for v in value]
    if isinstance(value, dict):
        return {k: _bolt_safe(v) for k, v in value.items()}
    return value


class BoltTestStore(Neo4jStore):
    """The real Neo4j backend and driver, with parameters made safe for FalkorDB's Bolt endpoint."""

    def _write(self, query, params):
        return super()._write(query, _bolt_safe(dict(params)))

    def _read(self, query, params, timeout_ms):
        return super()._read(query, _bolt_safe(dict(params)), timeout_ms)


def make_bolt_store(server: EmbeddedServer, graph: str | None = None, **overrides) -> Neo4jStore:
    """The Neo4j backend, through the neo4j driver, on its own database of the Bolt server."""
    options = dict(
        user="falkordb",
        password="",
        database=graph or next(_graph_names),
        query_timeout_ms=TEST_QUERY_TIMEOUT_MS,
        connect_timeout_s=10.0,
        max_batch_bytes=BOLT_BATCH_BYTES,
    )
    options.update(overrides)
    return BoltTestStore(f"bolt://127.0.0.1:{server.bolt_port}", **options)


# -- Records -----------------------------------------------------------------------------------


@functools.cache
def _sample_record_json() -> tuple[str, ...]:
    from policykg.loaders.pipeline import extract_record

    return tuple(extract_record(p.read_bytes(), p.name).model_dump_json()
                 for p in sorted(SAMPLES.glob("*.txt")))


def sample_records() -> list:
    """The Records of the five bundled samples, as the real pipeline extracts them (fresh copies)."""
    from policykg.loaders.record import Record

    return [Record.model_validate_json(js) for js in _sample_record_json()]


def make_record(text: str, *, symbol: str | None = None, doc_type: str | None = None,
                issuer: str | None = None, level: str | None = None, province: str | None = None,
                district: str | None = None, commune: str | None = None, issued: str | None = None,
                citations: tuple[tuple[str, str, str | None, str | None], ...] = (),
                targets: tuple[tuple[str, float, str, int], ...] = ()):
    """A small valid Record whose spans quote ``text``.

    ``citations`` are (quoted symbol as it appears in text, relation, issued ISO or None, scope);
    ``targets`` are (clause as it appears in text, value, unit, year).
    """
    import hashlib
    from datetime import date

    from policykg.loaders.record import Citation, DocumentMeta, Record, Target

    def span(part: str) -> tuple[int, int]:
        start = text.index(part)
        return start, start + len(part)

    sha = hashlib.sha256(text.encode()).hexdigest()
    document = DocumentMeta(id=f"doc-{sha[:16]}", symbol=symbol, doc_type=doc_type, issuer=issuer,
                            level=level, province=province, district=district, commune=commune,
                            issued=date.fromisoformat(issued) if issued else None, source_sha256=sha)
    cites = [Citation(symbol=s, doc_type=s.split("-")[1].split("/")[0] if "-" in s.split("/")[0] else None,
                      relation=rel, issued=date.fromisoformat(day) if day else None,
                      issuer_scope=scope, spans=[span(s)]) for s, rel, day, scope in citations]
    goals = [Target(id=f"t{i + 1}", text=clause, indicator=clause.split(" đạt")[0], value=value,
                    unit=unit, year=year, span=span(clause)) for i, (clause, value, unit, year) in enumerate(targets)]
    return Record(source=f"{sha[:8]}.txt", text=text, document=document, citations=cites, targets=goals)


def make_task_table(rows: list[list[str]], *, flattened: bool = True, caption: str = "PHỤ LỤC") -> str:
    """A task table as a reader hands it to the normalizer, after a caption line.

    ``flattened``: as the legal portal's Markdown prints it (dev corpus), every cell on its own
    lines between lone "|" lines, a row's closing "|" right before the next row's opening one;
    otherwise one row per line, cells joined by " | " (HTML and DOCX readers). A row of one or two
    cells is a group row ("I", "Hoàn thiện thể chế"); an empty cell is printed as the portal does,
    nothing between its two pipes.
    """
    if not flattened:
        return "\n".join([caption, ""] + [" | ".join(row) for row in rows])
    lines = [caption, ""]
    for row in rows:
        for cell in row:
            lines += ["|", cell] if cell else ["|"]
        lines.append("|")
    return "\n".join(lines)
