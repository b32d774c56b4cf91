"""``policykg sparql``: a SPARQL 1.1 query from the shell, the function GET/POST /sparql call;
a table, ``--json`` (the endpoint's JSON answer) or ``--format`` (any format it writes).

The view is shared with the server: a view on disk built for the graph as it is now (by
``policykg serve`` or an earlier command) answers at once; otherwise this command builds it
first (seconds on the samples, minutes on a national cascade) and says so on stderr.

Example:
    $ policykg sparql 'SELECT ?plan ?title WHERE { ?plan pkg:implements <vn/tinh-uy-vinh-phuc/2020/12-nq-tu> ; pkg:title ?title }'
    $ policykg sparql - --format csv < targets.rq > targets.csv
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum

import pyoxigraph as ox
import typer
from rich.console import Console
from rich.table import Table

from policykg.cli import app
from policykg.cli.query import JSON_OPTION, open_query_store, short
from policykg.graph.export.rdf_terms import ID_BASE
from policykg.graph.sparql import PREFIXES, SparqlView
from policykg.graph.sparql_results import BY_NAME, SparqlAnswer
from policykg.graph.sparql_text import check_read_only
from policykg.settings import load_settings

#: --format choices: the endpoint's formats by name.
FormatName = StrEnum("FormatName", {name: name for name in BY_NAME})
#: What --json asks for: JSON results for SELECT and ASK, JSON-LD for a graph.
JSON_TYPES = ("application/sparql-results+json", "application/ld+json")
#: What the table is drawn from.
TABLE_TYPES = ("application/sparql-results+json", "application/n-triples")


def compact(iri: str) -> str:
    """An IRI as a table shows it: a node by its identifier, a known namespace by its prefix.

    Example:
        >>> compact("https://w3id.org/policykg/id/vn/tinh-uy-vinh-phuc/2020/12-nq-tu"), compact(
        ...     "https://w3id.org/policykg/ontology#Plan")
        ('vn/tinh-uy-vinh-phuc/2020/12-nq-tu', 'pkg:Plan')
    """
    if iri.startswith(ID_BASE):
        return iri[len(ID_BASE):]
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def _cell(term: dict | None) -> str:
    if term is None:
        return ""
    if term["type"] == "uri":
        return compact(term["value"])
    if term["type"] == "bnode":
        return f"_:{term['value']}"
    if term["type"] == "triple":
        inner = term["value"]
        return f"<< {_cell(inner['subject'])} {_cell(inner['predicate'])} {_cell(inner['object'])} >>"
    return short(term["value"])


def _term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.Literal):
        return short(term.value)
    return short(str(term))


def answer_table(answer: SparqlAnswer) -> Table:
    """The answer as a rich table: one column per variable, or subject, predicate, object."""
    if answer.kind == "graph":
        table = Table("subject", "predicate", "object")
        for triple in ox.parse(answer.body, format=ox.RdfFormat.N_TRIPLES):
            table.add_row(_term(triple.subject), _term(triple.predicate), _term(triple.object))
        return table
    data = json.loads(answer.body)
    if answer.kind == "boolean":
        table = Table("answer")
        table.add_row("yes" if data["boolean"] else "no")
        return table
    names = data["head"]["vars"]
    table = Table(*names)
    for binding in data["results"]["bindings"]:
        table.add_row(*(_cell(binding.get(name)) for name in names))
    return table


@app.command("sparql")
def sparql_command(
    query: str = typer.Argument(..., help="A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE), or - for stdin."),
    format_: FormatName = typer.Option(None, "--format", "-f",
                                       help="Print the answer as GET /sparql writes it in this format."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Answer a read-only SPARQL query over the RDF view of the graph (updates are refused)."""
    text = sys.stdin.read() if query == "-" else query
    check_read_only(text)  # a write is refused before the store is even opened
    settings = load_settings()
    if format_ is not None:
        accepted: tuple[str, ...] = (BY_NAME[format_.value].media_type,)
    else:
        accepted = JSON_TYPES if as_json else TABLE_TYPES
    console = Console(stderr=True)
    with open_query_store() as store:
        view = SparqlView.for_store(settings.home, store,
                                    on_build=lambda: console.print("building the SPARQL view of the graph "
                                                                   "(once per change of the graph)…"))
        try:
            answer = view.query(store, text, accepted=accepted, timeout_s=settings.query_timeout_ms / 1000,
                                row_limit=settings.sparql_row_limit, wait_s=None)
        finally:
            view.close()
    if format_ is None and not as_json:
        Console().print(answer_table(answer))
        cut = f", cut at the row limit ({settings.sparql_row_limit:,})" if answer.truncated else ""
        typer.echo(f"{answer.rows:,} {'triples' if answer.kind == 'graph' else 'rows'}{cut}")
        return
    sys.stdout.buffer.write(answer.body if answer.body.endswith(b"\n") else answer.body + b"\n")
    sys.stdout.flush()
    if answer.truncated:  # the formats have no place to say it
        console.print(f"the answer was cut at {answer.rows:,} rows; add LIMIT/OFFSET or raise "
                      "POLICYKG_SPARQL_ROW_LIMIT")
