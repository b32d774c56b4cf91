"""``policykg cypher``: a read-only Cypher query from the shell, the function POST /query/cypher
calls; a table, or ``--json`` (the endpoint's answer).

Example:
    $ policykg cypher 'MATCH (d:PolicyDocument)-[:IMPLEMENTS]->(:PolicyDocument {symbol: $s})
    >   RETURN d.symbol AS symbol, d.title AS title' -p s=12-NQ/TU
    $ policykg cypher - --json < query.cypher
"""

from __future__ import annotations

import json
import sys

import typer
from rich.console import Console
from rich.table import Table

from policykg.cli import app
from policykg.cli.query import JSON_OPTION, short
from policykg.errors import InputError
from policykg.graph.connect import open_store
from policykg.graph.queries.researcher import run_cypher
from policykg.settings import load_settings


def parse_parameters(pairs: list[str]) -> dict[str, object]:
    """``name=value`` pairs as parameters: the value as JSON when it parses (5, true, [1, 2],
    "5"), as text otherwise (12-NQ/TU).

    Example:
        >>> parse_parameters(["s=12-NQ/TU", "year=2020", 'code="01"'])
        {'s': '12-NQ/TU', 'year': 2020, 'code': '01'}
    """
    found: dict[str, object] = {}
    for pair in pairs:
        name, sep, text = pair.partition("=")
        if not sep or not name:
            raise InputError(f"--param {pair!r}: write name=value, e.g. -p s=12-NQ/TU")
        try:
            found[name] = json.loads(text)
        except ValueError:
            found[name] = text
    return found


def _cell(value: object) -> str:
    if value is None:
        return ""
    return short(value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))


@app.command("cypher")
def cypher_command(
    query: str = typer.Argument(..., help="A read-only Cypher query, or - to read it from stdin."),
    param: list[str] = typer.Option([], "--param", "-p", help="name=value for $name (repeatable)."),
    timeout_ms: int = typer.Option(None, min=1, help="Time limit in ms (at most POLICYKG_QUERY_TIMEOUT_MS)."),
    max_rows: int = typer.Option(None, min=1, help="Rows at most (at most POLICYKG_CYPHER_MAX_ROWS)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Run a read-only Cypher query: writes and admin procedures are refused."""
    text = sys.stdin.read() if query == "-" else query
    settings = load_settings()
    timeout = min(timeout_ms or settings.query_timeout_ms, settings.query_timeout_ms)
    rows = min(max_rows or settings.cypher_max_rows, settings.cypher_max_rows)
    parameters = parse_parameters(param)
    with open_store(settings) as store:
        answer = run_cypher(store, text, parameters, timeout_ms=timeout, max_rows=rows)
    if as_json:
        typer.echo(json.dumps(answer, ensure_ascii=False, indent=2))
        return
    table = Table(*answer["columns"])
    for row in answer["rows"]:
        table.add_row(*(_cell(v) for v in row))
    Console().print(table)
    cut = f", cut at {answer['max_rows']:,}" if answer["truncated"] else ""
    typer.echo(f"{len(answer['rows']):,} rows{cut}, {answer['elapsed_ms']} ms")
