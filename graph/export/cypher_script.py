"""A Cypher script that rebuilds the graph in an empty Neo4j 5 (or FalkorDB), statement by statement.

Layout, one statement a line, each ending with ``;`` (``cypher-shell -f policykg.cypher`` runs
it as is):

1. the schema, in Neo4j 5 DDL (``CREATE CONSTRAINT … IF NOT EXISTS``, the same text
   ``graph/cypher.py`` gives the Neo4j backend), so every MERGE below finds its node through a
   uniqueness index; a comment gives the FalkorDB equivalent, which has no such DDL;
2. the nodes, then the relationships, as batched ``UNWIND [ … ] AS row MERGE …`` statements:
   exactly the loader's queries (``merge_nodes_query``, ``merge_edges_query``) with the
   ``$rows`` parameter replaced by a literal list, so running the script twice changes nothing.

A script file cannot carry parameters, so values are written as Cypher literals: strings in
single quotes with only ``\\``, ``'``, newline, carriage return and tab escaped. Other
characters, including non-BMP ones, are written as themselves: FalkorDB 4.16 does not read
``\\uXXXX`` escapes (it keeps them verbatim), and both engines read raw UTF-8. Labels, types and
keys come only from the ontology (checked by ``elements``). A NUL character cannot be
written: neither engine's parser takes it, and FalkorDB cannot store it at all.

Example (one statement, abridged)::

    UNWIND [{id: 'vn/tinh-uy-vinh-phuc/2020/12-nq-tu', props: {symbol: '12-NQ/TU', …}}] AS row
    MERGE (n:`PolicyDocument` {identifier: row.id}) SET n += row.props, n:`PartyResolution`;
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence

from policykg.graph.cypher import neo4j_schema_statements, plain_index_statement
from policykg.graph.export.elements import Element, ExportError, grouped_rows
from policykg.graph.export.read import PAGE_SIZE, Progress, iter_elements
from policykg.graph.load import GRAPH_SCHEMA
from policykg.graph.store import GraphStore, WriteCounters, batched

#: Rows per UNWIND statement: a statement is parsed and planned afresh (it has no parameters),
#: so a few hundred rows keep each one quick to compile; the byte budget keeps a statement
#: with long quotes (task paragraphs) well under any server's message limit.
SCRIPT_BATCH_ROWS = 200
SCRIPT_BATCH_BYTES = 256_000
UNWIND_PARAM = "UNWIND $rows AS row "
#: The line that opens the data section; everything above it is schema.
DATA_MARKER = "// -- data: nodes, then relationships --"

_STRING_ESCAPES = str.maketrans({"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"})
# A map key written bare: a Cypher identifier (letters, digits, underscore, not first a digit).
_BARE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def cypher_literal(value: object) -> str:
    """A value as a Cypher literal.

    Example:
        >>> cypher_literal({"quote": ["Ia H' Drai\\n"], "span_start": [58], "ok": True})
        "{quote: ['Ia H\\\\' Drai\\\\n'], span_start: [58], ok: true}"
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ExportError(f"{value!r} has no Cypher literal")
        return repr(value)
    if isinstance(value, str):
        if "\x00" in value:
            raise ExportError(f"a NUL character cannot be written in Cypher text: {value[:40]!r}")
        return "'" + value.translate(_STRING_ESCAPES) + "'"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{_key(k)}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    raise ExportError(f"{value!r} ({type(value).__name__}) has no Cypher literal")


def _key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else "`" + key.replace("`", "``") + "`"


def inline_rows(query: str, rows: Sequence[Mapping[str, object]]) -> str:
    """A loader query with its ``$rows`` parameter replaced by the rows as a literal list."""
    if not query.startswith(UNWIND_PARAM) or query.count("$") != 1:
        raise ValueError(f"not a single-parameter UNWIND query: {query[:60]}")
    return f"UNWIND {cypher_literal(list(rows))} AS row " + query[len(UNWIND_PARAM):] + ";"


def schema_lines() -> list[str]:
    """The schema section: Neo4j 5 DDL, then how to do the same on FalkorDB."""
    lines = ["// Schema (Neo4j 5): uniqueness constraints on every MERGE key, then indexes."]
    lines += [statement + ";" for statement in neo4j_schema_statements(GRAPH_SCHEMA)]
    lines.append("// FalkorDB has no IF NOT EXISTS DDL: run these instead, once, on an empty graph")
    lines += [f"//   {plain_index_statement(label, key)}" for label, key in
              (*GRAPH_SCHEMA.unique, *GRAPH_SCHEMA.indexes)]
    lines += [f"//   GRAPH.CONSTRAINT CREATE <graph> UNIQUE NODE {label} PROPERTIES 1 {key}"
              for label, key in GRAPH_SCHEMA.unique]
    lines.append("//   (or open the graph with policykg, whose store creates them)")
    return lines


def header_lines() -> list[str]:
    """What the script is and how to run it."""
    return [
        "// policykg graph export: a Cypher script that rebuilds the graph in an empty database.",
        "// Neo4j 5: cypher-shell -d <database> -f policykg.cypher",
        "// Idempotent: every statement MERGEs on identifier, so running it twice changes nothing.",
    ]


def statement_lines(elements: Iterable[Element]) -> Iterator[str]:
    """The MERGE statements of a page of elements (nodes before relationships)."""
    for query, rows in grouped_rows(list(elements)):
        for batch in batched(rows, SCRIPT_BATCH_ROWS, SCRIPT_BATCH_BYTES):
            yield inline_rows(query, batch)


def cypher_chunks(store: GraphStore, *, page_size: int = PAGE_SIZE,
                  on_progress: Progress | None = None) -> Iterator[str]:
    """The whole script, one chunk of lines per page of elements."""
    yield "\n".join([*header_lines(), *schema_lines(), DATA_MARKER]) + "\n"
    for page in iter_elements(store, page_size=page_size, on_progress=on_progress):
        text = "\n".join(statement_lines(page))
        if text:
            yield text + "\n"


def split_script(lines: Iterable[str]) -> Iterator[tuple[str, bool]]:
    """Statements of a script, without their ``;``, each with True when it is schema DDL.

    Comments (``//`` lines) and blank lines are skipped; a statement is one line.
    """
    schema = True
    for raw in lines:
        line = raw.rstrip("\n")
        if line == DATA_MARKER:
            schema = False
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        if not line.endswith(";"):
            raise ExportError(f"not a policykg script line (each statement ends with ';'): {line[:60]}")
        yield line[:-1], schema


def run_script(store: GraphStore, lines: Iterable[str]) -> WriteCounters:
    """Run a script's data statements into a store, after creating the schema the store's way.

    The Neo4j 5 DDL lines are for Neo4j; the store creates the same constraints in its own
    dialect (``ensure_schema``), which is what a FalkorDB user does too. Read the script with
    ``open(path, encoding="utf-8")`` and pass the file: it is split on newlines only (never with
    ``str.splitlines``, which also breaks at U+2028 and other characters a quote may hold).

    Returns:
        What the statements changed (nothing, on a graph that already holds the export).
    """
    store.ensure_schema(GRAPH_SCHEMA)
    total = WriteCounters()
    for statement, is_schema in split_script(lines):
        if not is_schema:
            total += store.write(statement).counters
    return total
