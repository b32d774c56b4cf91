"""A researcher's own Cypher (POST /query/cypher, ``policykg cypher``): read-only, bounded in
time and in rows, answered as JSON-safe columns and rows.

Read-only twice over: ``cypher_guard.check_read_only`` refuses write and administration clauses
and procedures outside a short read list, then the store runs the query on its read path
(FalkorDB ``GRAPH.RO_QUERY``, a Neo4j READ transaction), where the engine refuses any write.
The time limit is the store's own (FalkorDB's ``TIMEOUT``, Neo4j's transaction timeout), so a
stopped query stops on the server, not only in this process. The row limit is appended to the
query as ``LIMIT max_rows + 1`` when its last clause is a plain RETURN, so the store never builds
more rows than that; otherwise the rows are cut after reading.

Example:
    >>> answer = run_cypher(store, "MATCH (d:PolicyDocument {symbol: $s}) RETURN d.title AS title",
    ...                     {"s": "12-NQ/TU"}, timeout_ms=10_000, max_rows=1_000)  # doctest: +SKIP
    >>> answer["columns"], answer["rows"][0][0][:30], answer["truncated"]            # doctest: +SKIP
    (['title'], 'Nghị quyết về nâng cao thu nhậ', False)
"""

from __future__ import annotations

import datetime as dt
import math
import re
import time
from collections.abc import Mapping
from typing import Any

from dateutil.relativedelta import relativedelta
from falkordb.edge import Edge as FalkorEdge
from falkordb.node import Node as FalkorNode
from falkordb.path import Path as FalkorPath
from neo4j.graph import Node as Neo4jNode
from neo4j.graph import Path as Neo4jPath
from neo4j.graph import Relationship as Neo4jRelationship

from policykg.errors import InputError
from policykg.graph.cypher_guard import check_read_only, needs_limit
from policykg.graph.store import GraphStore

#: Longest query text accepted, in characters.
MAX_QUERY_CHARS = 20_000
#: Deepest nesting of lists and maps in a parameter value.
MAX_PARAMETER_DEPTH = 16
#: Cypher integers are signed 64-bit on both engines.
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
_PARAMETER_NAME = re.compile(r"""
    \A [A-Za-z_][A-Za-z0-9_]{0,63} \Z    # what $name accepts on both engines, without backticks
""", re.X)


def run_cypher(store: GraphStore, query: str, parameters: Mapping[str, Any] | None = None, *,
               timeout_ms: int, max_rows: int) -> dict[str, Any]:
    """Run a read-only query and answer its columns, rows (lists, in column order), whether
    rows were cut at ``max_rows`` and the time the store took.

    Raises:
        InputError: the query is empty, too long or not text; a parameter is not JSON-like (422).
        ReadOnlyViolation: the query writes or calls a refused procedure (403).
        QueryError: the store rejected it (400); QueryTimeout past ``timeout_ms`` (504).
    """
    _check_text(query, "query")
    if len(query) > MAX_QUERY_CHARS:
        raise InputError(f"query: {len(query)} characters is over the limit of {MAX_QUERY_CHARS}; "
                         "shorten it or pass values as parameters")
    params = dict(parameters or {})
    for name, value in params.items():
        _check_parameter(name, value)
    toks = check_read_only(query)
    if not toks:
        raise InputError("query: there is no query, only spaces or comments; write one, e.g. "
                         "MATCH (d:PolicyDocument) RETURN d.symbol LIMIT 5")
    text = query[:toks[-1].end]  # trailing ';' and comments off, so a LIMIT can follow
    if needs_limit(toks):
        text = f"{text}\nLIMIT {max_rows + 1}"
    started = time.perf_counter()
    rows = store.read(text, params, timeout_ms=timeout_ms)
    elapsed_ms = (time.perf_counter() - started) * 1000
    columns = list(rows[0]) if rows else []
    return {
        "columns": columns,
        "rows": [[json_safe(row.get(c)) for c in columns] for row in rows[:max_rows]],
        "truncated": len(rows) > max_rows,
        "max_rows": max_rows,
        "elapsed_ms": round(elapsed_ms, 1),
    }


def _check_text(value: object, where: str) -> None:
    """Text both drivers can send: no NUL (FalkorDB's parser stops there), valid UTF-8."""
    if not isinstance(value, str):
        raise InputError(f"{where}: expected text, got {type(value).__name__}")
    if "\x00" in value:
        raise InputError(f"{where}: contains a NUL character; remove it")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(f"{where}: is not valid Unicode (a lone surrogate); send UTF-8 text") from None


def _check_parameter(where: str, value: Any, depth: int = 0) -> None:
    """Refuse a parameter value neither engine takes as given: JSON values with 64-bit
    integers and finite numbers, map keys without backticks."""
    if depth == 0:
        if not isinstance(where, str) or not _PARAMETER_NAME.match(where):
            raise InputError(f"parameters: {where!r} is not a parameter name; use letters, digits "
                             "and '_' (e.g. symbol for $symbol)")
        where = f"parameters.{where}"
    if depth > MAX_PARAMETER_DEPTH:
        raise InputError(f"{where}: nested deeper than {MAX_PARAMETER_DEPTH} levels; flatten it")
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, int):
        if not INT64_MIN <= value <= INT64_MAX:
            raise InputError(f"{where}: {value} does not fit a 64-bit integer; pass it as text")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise InputError(f"{where}: {value} is not a finite number")
    elif isinstance(value, str):
        _check_text(value, where)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _check_parameter(f"{where}[{i}]", item, depth + 1)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_text(key, f"{where} key")
            if not key or "`" in key:
                raise InputError(f"{where}: map key {key!r} is empty or holds a backtick; rename it")
            _check_parameter(f"{where}.{key}", item, depth + 1)
    else:
        raise InputError(f"{where}: {type(value).__name__} is not a JSON value")


def json_safe(value: Any) -> Any:
    """A value from either driver as JSON: nodes and relationships as their property dicts,
    paths as ``{"nodes": [...], "relationships": [...]}``, temporal values as ISO 8601 text
    ('2020-03-12', 'P1Y2M'), and NaN / ±infinity, which JSON lacks, as 'NaN', 'Infinity',
    '-Infinity'.

    Example:
        >>> json_safe({"issued": dt.date(2020, 3, 12), "ratio": float("inf")})
        {'issued': '2020-03-12', 'ratio': 'Infinity'}
    """
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        if math.isfinite(value):
            return value
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    if isinstance(value, FalkorNode | FalkorEdge):
        return json_safe(dict(value.properties))
    if isinstance(value, Neo4jNode | Neo4jRelationship):
        return json_safe(dict(value.items()))
    if isinstance(value, FalkorPath):
        return {"nodes": json_safe(value.nodes()), "relationships": json_safe(value.edges())}
    if isinstance(value, Neo4jPath):
        return {"nodes": json_safe(list(value.nodes)), "relationships": json_safe(list(value.relationships))}
    if isinstance(value, Mapping):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, dt.date | dt.time):  # datetime is a date
        return value.isoformat()
    if isinstance(value, relativedelta):
        return _iso_duration(value)
    if hasattr(value, "iso_format"):  # neo4j.time Date, DateTime, Time, Duration
        return value.iso_format()
    return str(value)


def _iso_duration(delta: relativedelta) -> str:
    """FalkorDB's duration as ISO 8601: relativedelta(years=1, days=2, hours=3) -> 'P1Y2DT3H'."""
    seconds = delta.seconds + delta.microseconds / 1e6
    date_part = "".join(f"{n}{u}" for n, u in ((delta.years, "Y"), (delta.months, "M"),
                                                (delta.days, "D")) if n)
    time_part = "".join(f"{n}{u}" for n, u in ((delta.hours, "H"), (delta.minutes, "M"),
                                                (f"{seconds:g}", "S")) if n and n != "0")
    if not date_part and not time_part:
        return "PT0S"
    return "P" + date_part + (f"T{time_part}" if time_part else "")
