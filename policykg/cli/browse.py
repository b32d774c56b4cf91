"""The rest of the query endpoints from the shell: search, a target's chain, indicators, coverage
and lag. Same functions as the API (GET /documents, /targets/{id}/chain, /indicators,
/indicators/{id}/cascade, /coverage/{id}, /lag/{id}); a rich table, or ``--json``.

Example:
    $ policykg search "nghi quyet 12 vinh phuc"
    $ policykg indicator incomePerCapita --root vn/tinh-uy-vinh-phuc/2020/12-nq-tu
    $ policykg coverage vn/trung-uong-dang/2022/13-nq-tw --level district
"""

from __future__ import annotations

import typer
from rich.table import Table

from policykg.cli import app
from policykg.cli.query import JSON_OPTION, emit, open_query_store, short
from policykg.graph.indicators import list_indicators, require_indicator
from policykg.graph.queries.coverage import coverage
from policykg.graph.queries.indicator_table import indicator_table
from policykg.graph.queries.lag import lag
from policykg.graph.queries.lineage import target_chain
from policykg.graph.queries.search import search_documents


def _value(row: dict) -> str:
    """'≥ 60 triệu đồng/người' from a target's comparator, value and unit."""
    if row.get("value") is None:
        return ""
    return f"{row.get('comparator') or ''} {row['value']:g} {row.get('unit') or ''}".strip()


@app.command("search")
def search_command(q: str = typer.Argument("", help="Words, with or without diacritics."),
                   level: str = typer.Option(None, help="central, province, district or commune."),
                   province: str = typer.Option(None, help="Province, e.g. 'Vĩnh Phúc'."),
                   doc_type: str = typer.Option(None, "--type", help="Type code: NQ, KH, QĐ …"),
                   year: int = typer.Option(None, help="Year of issue."),
                   limit: int = typer.Option(20, min=1, max=200), offset: int = typer.Option(0, min=0),
                   as_json: bool = JSON_OPTION) -> None:
    """Search documents by symbol, title, type, issuer and place (like GET /documents)."""
    with open_query_store() as store:
        page = search_documents(store, q, level=level, province=province, doc_type=doc_type,
                                year=year, limit=limit, offset=offset)

    def table(data):
        t = Table("id", "symbol", "issued", "issuer", "place", "read",
                  title=f"{data['total']} documents match {q!r}")
        for d in data["items"]:
            t.add_row(d["id"], d["symbol"] or "", d["issued"] or "", d["issuer"] or "",
                      d["place"] or "", "yes" if d["loaded"] else "cited")
        return t

    emit(page, as_json, table)


@app.command("chain")
def chain_command(target_id: str, as_json: bool = JSON_OPTION) -> None:
    """A target and each target it derives from, child first (like GET /targets/{id}/chain)."""
    with open_query_store() as store:
        rows = target_chain(store, target_id)

    def table(items):
        t = Table("document", "place", "target", "year", "vs parent", "evidence", title=f"chain of {target_id}")
        for r in items:
            t.add_row(r["document"]["symbol"] or r["document"]["id"], r["document"]["place"] or "",
                      _value(r), str(r["year"] or ""),
                      (r["derived_from"] or {}).get("comparison") or "", short(r["evidence"]["quote"]))
        return t

    emit(rows, as_json, table)


@app.command("indicators")
def indicators_command(as_json: bool = JSON_OPTION) -> None:
    """The indicator vocabulary (like GET /indicators)."""
    def table(items):
        t = Table("id", "name", "unit", "higher is better", title=f"{len(items)} indicators")
        for c in items:
            t.add_row(c["id"], c["name"], c["unit"], "yes" if c["higher_is_better"] else "no")
        return t

    emit(list_indicators(), as_json, table)


@app.command("indicator")
def indicator_command(indicator: str, root: str = typer.Option(..., help="Document id at the top."),
                      as_json: bool = JSON_OPTION) -> None:
    """One indicator down a document's cascade, level by level (like GET /indicators/{id}/cascade)."""
    with open_query_store() as store:
        found = indicator_table(store, root, indicator=require_indicator(indicator))

    def table(data):
        t = Table("depth", "document", "place", "target", "year", "status", title=f"{indicator} under {root}")
        for block in data["indicators"]:
            for r in block["rows"]:
                t.add_row(str(r["depth"]), r["document"]["symbol"] or r["document"]["id"],
                          r["document"]["place"] or "", _value(r), str(r["year"] or ""), r["status"])
        return t

    emit(found, as_json, table)


@app.command("coverage")
def coverage_command(doc_id: str, level: str = typer.Option(None, help="province, district or commune."),
                     as_json: bool = JSON_OPTION) -> None:
    """Which units under a document followed it and which did not (like GET /coverage/{id})."""
    with open_query_store() as store:
        found = coverage(store, doc_id, level=level)

    def table(data):
        share = f"{data['share']:.0%}" if data["share"] is not None else "n/a"
        t = Table("unit", "followed by", title=f"{data['level']} coverage of {doc_id}: {share}")
        for u in data["covered"]:
            t.add_row(u["name"], ", ".join(d.get("symbol") or d["id"] for d in u["documents"]))
        for u in data["missing"]:
            t.add_row(u["name"], "—")
        return t

    emit(found, as_json, table)


@app.command("lag")
def lag_command(doc_id: str, as_json: bool = JSON_OPTION) -> None:
    """Days from each parent's issue to each child's down the cascade (like GET /lag/{id})."""
    with open_query_store() as store:
        found = lag(store, doc_id)

    def table(data):
        t = Table("parent", "child", "child level", "days", title=f"lag below {doc_id}")
        for p in data["pairs"]:
            t.add_row(p["parent"]["symbol"] or p["parent"]["id"], p["child"]["symbol"] or p["child"]["id"],
                      p["child"]["level"] or "", "" if p["days"] is None else str(p["days"]))
        return t

    emit(found, as_json, table)
