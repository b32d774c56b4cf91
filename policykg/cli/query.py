"""Lineage questions from the shell, the same functions the API calls; a table, or ``--json``.

Example:
    $ policykg resolve 12-NQ/TU --province "Vĩnh Phúc"
    $ policykg targets vn/tinh-uy-vinh-phuc/2020/12-nq-tu       # which local targets derive from it?
    $ policykg lineage vn/trung-uong-dang/2022/13-nq-tw --json
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.table import Table

from policykg.cli import app
from policykg.graph.connect import open_store
from policykg.graph.queries.cascade import cascade
from policykg.graph.queries.documents import document, resolve
from policykg.graph.queries.lineage import derived_targets
from policykg.settings import load_settings

#: Characters of a quote shown in a table cell; --json gives it whole.
QUOTE_CHARS = 90


#: The --json flag every query command takes.
JSON_OPTION = typer.Option(False, "--json", help="Print JSON.")


@contextmanager
def open_query_store():
    """The store the settings name, closed afterwards."""
    store = open_store(load_settings())
    try:
        yield store
    finally:
        store.close()


def emit(data, as_json: bool, table: Callable[[object], Table]) -> None:
    """Print ``data`` as JSON or as the table ``table`` makes of it."""
    if as_json:
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        Console().print(table(data))


def short(text: str | None) -> str:
    """A quote cut to QUOTE_CHARS for a table cell."""
    text = " ".join((text or "").split())
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS - 1] + "…"


@app.command("resolve")
def resolve_command(symbol: str, province: str = typer.Option(None, help="Province, e.g. 'Vĩnh Phúc'."),
                    year: int = typer.Option(None, help="Year of issue."),
                    as_json: bool = JSON_OPTION) -> None:
    """Candidate document ids for a symbol as people write it."""
    with open_query_store() as store:
        found = resolve(store, symbol, province=province, year=year)

    def table(rows):
        t = Table("id", "symbol", "issued", "place", "read", title=f"documents numbered {symbol}")
        for d in rows:
            t.add_row(d["id"], d["symbol"], d["issued"] or "", d["place"] or "", "yes" if d["loaded"] else "cited")
        return t

    emit(found, as_json, table)


@app.command("targets")
def targets_command(doc_id: str, indicator: str = typer.Option(None, help="Indicator id, e.g. incomePerCapita."),
                    level: str = typer.Option(None, help="central, province, district or commune."),
                    as_json: bool = JSON_OPTION) -> None:
    """Every target derived from a document, at any depth of its cascade, with its evidence."""
    with open_query_store() as store:
        rows = derived_targets(store, doc_id, indicator=indicator, level=level)

    def table(items):
        t = Table("document", "place", "indicator", "target", "year", "vs parent", "evidence",
                  title=f"{len(items)} targets derived from {doc_id}")
        for r in items:
            value = f"{r['comparator'] or ''} {r['value']:g} {r['unit'] or ''}" if r["value"] is not None else ""
            derived = r["derived_from"]["comparison"] if r["derived_from"] else ""
            t.add_row(r["document"]["symbol"] or r["document"]["id"], r["document"]["place"] or "",
                      (r["indicator"] or {}).get("id") or short(r["indicator_text"]), value,
                      str(r["year"] or ""), derived, short(r["evidence"]["quote"]))
        return t

    emit(rows, as_json, table)


@app.command("lineage")
def lineage_command(doc_id: str, up: bool = typer.Option(False, "--up", help="Go up instead of down."),
                    max_depth: int = typer.Option(6, min=1, max=10), level: str = typer.Option(None),
                    as_json: bool = JSON_OPTION) -> None:
    """The documents that carry out a document (or that it carries out, with --up)."""
    with open_query_store() as store:
        found = cascade(store, doc_id, direction="up" if up else "down", max_depth=max_depth, level=level)

    def table(data):
        t = Table("depth", "id", "symbol", "level", "issued", "place", title=f"cascade of {doc_id}")
        for n in data["nodes"]:
            t.add_row(str(n["depth"]), n["id"], n["symbol"] or "", n["level"] or "", n["issued"] or "",
                      n["place"] or "")
        return t

    emit(found, as_json, table)


@app.command("document")
def document_command(doc_id: str) -> None:
    """A document with its citations, targets and tasks, as JSON."""
    with open_query_store() as store:
        typer.echo(json.dumps(document(store, doc_id), ensure_ascii=False, indent=2))
