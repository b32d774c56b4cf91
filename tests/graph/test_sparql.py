"""The SPARQL view on the samples, through the real engine process, its forked workers and a
real embedded FalkorDB.

What is checked: the headline question answered in SPARQL equals graph/queries/lineage.py's
answer; the view follows a load made in this process at once, is never served stale (503
while it is rebuilt), and is built once when two views of the graph ask together (the other
adopts it from disk); every result format parses back to the same answer; updates are
refused (403) and malformed queries are 400, never 5xx; SERVICE cannot reach the network
even past the text check; a query past its time limit or its memory is stopped (its worker
killed, the engine kept); answers are cut at the row limit.
"""

from __future__ import annotations

import csv
import doctest
import io
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.graph import sparql, sparql_results, sparql_text
from policykg.errors import (NotAcceptable, PayloadTooLarge, PolicyKGError, QueryError, QueryTimeout,
                             ReadOnlyViolation, StoreUnavailable)
from policykg.graph.export.rdf_terms import ID_BASE
from policykg.graph.load import load_records
from policykg.graph.queries.lineage import derived_targets
from policykg.graph.sparql import (
    PREFIXES,
    SPARQL_MAX_QUERY_BYTES,
    SparqlView,
    derived_targets_sparql,
    view_root,
)
from policykg.graph.sparql_results import BY_NAME, choose_format
from policykg.graph.sparql_text import UPDATE_KEYWORDS, check_read_only, keywords
from tests.factories import make_falkor_store, sample_records

VP_12 = "vn/tinh-uy-vinh-phuc/2020/12-nq-tu"
TIMEOUT_S = 30.0
#: A query that runs for minutes on the samples (every pair of triples).
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
SOME_TARGETS = "SELECT ?t ?value WHERE { ?t a pkg:Target ; pkg:value ?value } ORDER BY ?t"


@pytest.fixture(scope="module")
def samples(embedded_server) -> Iterator:
    with make_falkor_store(embedded_server) as store:
        load_records(store, sample_records())
        yield store


@pytest.fixture(scope="module")
def view(samples) -> Iterator[SparqlView]:
    # An embedded store's views live in its own home (the session server's temporary one).
    made = SparqlView.for_store(Path("unused"), samples)
    yield made
    made.close()


def ask(view, store, text, **options):
    options.setdefault("timeout_s", TIMEOUT_S)
    return view.query(store, text, **options)


def bindings(answer) -> list[dict]:
    return json.loads(answer.body)["results"]["bindings"]


def node_id(iri: str) -> str:
    assert iri.startswith(ID_BASE)
    return iri[len(ID_BASE):]


def test_the_headline_question_equals_the_lineage_answer(view, samples):
    answer = ask(view, samples, derived_targets_sparql(VP_12))
    rows = bindings(answer)
    expected = {t["id"]: t for t in derived_targets(samples, VP_12)}
    assert len(expected) >= 20 and answer.media_type == "application/sparql-results+json"
    assert {node_id(r["target"]["value"]) for r in rows} == set(expected)
    for row in rows:
        target = expected[node_id(row["target"]["value"])]
        assert node_id(row["document"]["value"]) == target["document"]["id"]
        assert float(row["value"]["value"]) == target["value"]
        assert row.get("unit", {}).get("value") == target["unit"]


def test_relative_iris_and_default_prefixes(view, samples):
    answer = ask(view, samples, f"SELECT ?title WHERE {{ ?plan pkg:implements <{VP_12}> ; pkg:title ?title }}")
    [row] = bindings(answer)
    assert "12-NQ/TU" in row["title"]["value"]


def test_the_ontology_graph_gives_indicator_labels(view, samples):
    answer = ask(view, samples, "SELECT ?label WHERE { GRAPH <https://w3id.org/policykg/ontology> { "
                                "pkg:indicator_incomePerCapita skos:prefLabel ?label FILTER(lang(?label) = 'vi') } }")
    assert [r["label"]["value"] for r in bindings(answer)] == ["Thu nhập bình quân đầu người"]


def test_the_view_holds_exactly_the_export(view, samples):
    answer = ask(view, samples, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    status = view.status()
    ontology = ask(view, samples, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert int(bindings(answer)[0]["n"]["value"]) == status["view"]["triples"] > 100_000
    assert int(bindings(ontology)[0]["n"]["value"]) > 1000  # the ontology and the vocabulary


# -- result formats ------------------------------------------------------------------------------

def _solutions(parsed) -> list[tuple]:
    names = [v.value for v in parsed.variables]
    return [tuple(str(row[name]) if row[name] is not None else None for name in names) for row in parsed]


SELECT_MIXED = ("SELECT ?t ?value ?quote ?missing WHERE { ?t a pkg:Target ; pkg:value ?value ; "
                "pkg:hasEvidence/pkg:quote ?quote } ORDER BY ?t LIMIT 40")


@pytest.mark.parametrize("name", ["json", "xml", "tsv"])
def test_select_formats_parse_back_to_the_same_solutions(view, samples, name):
    fmt = BY_NAME[name]
    answer = ask(view, samples, SELECT_MIXED, accepted=[fmt.media_type])
    reference = ask(view, samples, SELECT_MIXED, accepted=["application/sparql-results+json"])
    assert answer.media_type == fmt.media_type and answer.rows == 40
    parsed = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.from_media_type(fmt.media_type))
    expected = ox.parse_query_results(reference.body, format=ox.QueryResultsFormat.JSON)
    assert _solutions(parsed) == _solutions(expected)


def test_csv_carries_plain_values_and_quotes_what_needs_it(view, samples):
    answer = ask(view, samples, SELECT_MIXED, accepted=["text/csv"])
    reference = bindings(ask(view, samples, SELECT_MIXED))
    rows = list(csv.reader(io.StringIO(answer.body.decode(), newline="")))
    assert rows[0] == ["t", "value", "quote", "missing"] and len(rows) == 41
    for row, binding in zip(rows[1:], reference, strict=True):
        assert row == [binding["t"]["value"], binding["value"]["value"], binding["quote"]["value"], ""]
    assert answer.body.count(b"\r\n") >= 41


@pytest.mark.parametrize("name", ["json", "xml", "csv", "tsv"])
def test_ask_in_every_format(view, samples, name):
    fmt = BY_NAME[name]
    answer = ask(view, samples, f"ASK {{ <{VP_12}> ?p ?o }}", accepted=[fmt.media_type])
    assert answer.kind == "boolean" and answer.media_type == fmt.media_type
    if name in ("json", "xml"):
        parsed = ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.from_media_type(fmt.media_type))
        assert bool(parsed) is True
    else:
        assert answer.body.strip() == b"true"


@pytest.mark.parametrize("name", ["turtle", "ntriples", "jsonld"])
def test_graph_formats_parse_back_to_the_same_triples(view, samples, name):
    query = f"DESCRIBE <{VP_12}>"
    answer = ask(view, samples, query, accepted=[BY_NAME[name].media_type])
    reference = ask(view, samples, query, accepted=["application/n-triples"])
    fmt = ox.RdfFormat.from_media_type(BY_NAME[name].media_type)
    triples = set(ox.parse(answer.body, format=fmt))
    assert triples == set(ox.parse(reference.body, format=ox.RdfFormat.N_TRIPLES))
    assert len(triples) == answer.rows >= 5


@pytest.mark.parametrize(("kind", "accepted", "expected"), [
    pytest.param("solutions", [], "application/sparql-results+json", id="default-solutions"),
    pytest.param("graph", [], "text/turtle", id="default-graph"),
    pytest.param("solutions", ["text/*"], "text/csv", id="text-wildcard"),
    pytest.param("solutions", ["application/json"], "application/sparql-results+json", id="plain-json"),
    pytest.param("graph", ["text/csv", "application/*"], "application/n-triples", id="first-that-fits"),
    pytest.param("boolean", ["*/*"], "application/sparql-results+json", id="anything"),
], )
def test_negotiation(kind, accepted, expected):
    assert choose_format(kind, accepted).media_type == expected


@pytest.mark.parametrize(("kind", "accepted"), [
    pytest.param("graph", ["text/csv"], id="csv-for-a-graph"),
    pytest.param("solutions", ["text/turtle", "image/*"], id="turtle-for-solutions"),
])
def test_nothing_acceptable_is_406(kind, accepted):
    with pytest.raises(NotAcceptable) as caught:
        choose_format(kind, accepted)
    assert caught.value.http_status == 406 and "accept one of" in caught.value.message


# -- limits --------------------------------------------------------------------------------------

def test_row_limit_cuts_between_rows_and_says_so(view, samples):
    cut = ask(view, samples, SOME_TARGETS, row_limit=7)
    assert (cut.rows, cut.truncated, len(bindings(cut))) == (7, True, 7)
    total = len(bindings(ask(view, samples, SOME_TARGETS)))
    exact = ask(view, samples, SOME_TARGETS, row_limit=total)
    assert (exact.rows, exact.truncated) == (total, False)
    triples = ask(view, samples, f"DESCRIBE <{VP_12}>", row_limit=3)
    assert (triples.rows, triples.truncated) == (3, True)


def test_a_runaway_query_is_stopped_at_its_time_limit(view, samples):
    started = time.monotonic()
    with pytest.raises(QueryTimeout) as caught:
        ask(view, samples, RUNAWAY, timeout_s=1.0)
    elapsed = time.monotonic() - started
    assert caught.value.http_status == 504 and "time limit of 1 s" in caught.value.message
    assert elapsed < 1.0 + 5.0  # the deadline, plus a busy machine's slack to kill and reap
    engine = view.status()["engine"]
    assert bindings(ask(view, samples, f"SELECT ?p WHERE {{ <{VP_12}> ?p ?o }} LIMIT 1"))
    assert view.status()["engine"] == engine  # only the query's child was killed


def test_a_query_over_its_memory_is_stopped(samples, view):
    ask(view, samples, "ASK { ?s ?p ?o }")  # the view exists on disk
    small = SparqlView(view.root, memory_mb=48)
    try:
        with pytest.raises(QueryError) as caught:
            small.query(samples, "SELECT ?a ?c WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f",
                        timeout_s=TIMEOUT_S)
        assert caught.value.http_status == 400 and "48 MiB" in caught.value.message
        assert small.builds == 0  # it served the view already on disk
    finally:
        small.close()


def test_a_query_over_the_size_limit_is_413(view, samples):
    with pytest.raises(PayloadTooLarge):
        ask(view, samples, "ASK {}" + " " * SPARQL_MAX_QUERY_BYTES)


# -- read-only, and never a 5xx ------------------------------------------------------------------

WRITES = [
    pytest.param("INSERT DATA { <vn/x> <vn/p> 'x' }", id="insert-data"),
    pytest.param("DELETE DATA { <vn/x> <vn/p> 'x' }", id="delete-data"),
    pytest.param("PREFIX ex: <http://example.org/>\ndelete where { ?s ex:p ?o }", id="delete-where-lowercase"),
    pytest.param("# a comment first\nDELETE { ?s ?p ?o } INSERT { ?s ?p 'y' } WHERE { ?s ?p ?o }", id="modify"),
    pytest.param("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", id="with"),
    pytest.param("LOAD <http://example.org/data.ttl>", id="load"),
    pytest.param("LOAD SILENT <file:///etc/passwd> INTO GRAPH <http://g>", id="load-file"),
    pytest.param("CLEAR ALL", id="clear"),
    pytest.param("CLEAR DEFAULT", id="clear-default"),
    pytest.param("DROP GRAPH <https://w3id.org/policykg/ontology>", id="drop"),
    pytest.param("CREATE GRAPH <http://g>", id="create"),
    pytest.param("ADD DEFAULT TO <http://g>", id="add"),
    pytest.param("MOVE DEFAULT TO <http://g>", id="move"),
    pytest.param("COPY DEFAULT TO <http://g>", id="copy"),
    pytest.param("SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { <a> <b> <c> }", id="query-then-update"),
]


@pytest.mark.parametrize("text", WRITES)
def test_writes_are_refused_with_403(view, samples, text):
    before = view.status()["view"]
    with pytest.raises(ReadOnlyViolation) as caught:
        ask(view, samples, text)
    assert caught.value.http_status == 403 and "read-only" in caught.value.message
    assert "\n" not in caught.value.message
    assert view.status()["view"] == before


LOOKALIKES = [
    pytest.param("SELECT ?insert WHERE { ?insert a pkg:Plan } LIMIT 1", id="variable"),
    pytest.param("PREFIX delete: <https://w3id.org/policykg/ontology#> SELECT ?s WHERE { ?s a delete:Plan } LIMIT 1",
                 id="prefix"),
    pytest.param("SELECT ?s WHERE { ?s pkg:title ?t FILTER(CONTAINS(?t, 'drop table; LOAD')) }", id="string"),
    pytest.param("SELECT ?s WHERE { ?s a <http://example.org/CLEAR#WITH> }", id="iri"),
    pytest.param("SELECT (\"\"\"multi\nline INSERT\"\"\"@vi AS ?x) WHERE {}", id="long-string"),
    pytest.param("SELECT ?s WHERE { ?s ?p ?o } LIMIT 1 # and then DELETE everything", id="comment"),
    pytest.param("SELECT ?s WHERE { ?s ?p _:copy } LIMIT 1", id="blank-node"),
]


@pytest.mark.parametrize("text", LOOKALIKES)
def test_update_words_inside_a_query_are_not_writes(view, samples, text):
    answer = ask(view, samples, text)
    assert answer.kind == "solutions"


MALFORMED = [
    pytest.param("", id="empty"),
    pytest.param("SELECT * WHERE {", id="unclosed"),
    pytest.param("SELECT ?x WHERE { ?x ?y }", id="short-pattern"),
    pytest.param("SELEKT ?x WHERE { ?x ?y ?z }", id="misspelt"),
    pytest.param("SELECT * WHERE { ?s un:known ?o }", id="unknown-prefix"),
    pytest.param("SELECT ?x WHERE { ?x ?y ?z } ORDER BY", id="dangling-order"),
    pytest.param("\\u0053ELECT * WHERE { ?s ?p ?o }", id="escaped-keyword"),
]


@pytest.mark.parametrize("text", MALFORMED)
def test_malformed_queries_are_400(view, samples, text):
    with pytest.raises(QueryError) as caught:
        ask(view, samples, text)
    assert caught.value.http_status == 400 and "\n" not in caught.value.message


@settings(max_examples=40, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(["SELECT", "ASK", "CONSTRUCT", "WHERE", "{", "}", "?s", "?p", "?o", "<vn/a>",
                                 "pkg:title", "'x'", "FILTER", "(", ")", ".", ";", "OPTIONAL", "UNION",
                                 "GRAPH", "LIMIT", "1", "*", "a", "DELETE", "INSERT", "DATA", "\"\"\"",
                                 "#", "@vi", "\\", "<<(", ">>", "\x00"]), max_size=14))
def test_no_query_text_is_a_server_error(view, samples, words):
    try:
        ask(view, samples, " ".join(words), timeout_s=10.0, row_limit=5)
    except PolicyKGError as exc:
        assert exc.http_status < 500, exc
        assert "\n" not in exc.message and "Traceback" not in exc.message


@settings(max_examples=60, derandomize=True)
@given(st.sampled_from(sorted(UPDATE_KEYWORDS)), st.sampled_from(["?{}", "pkg:{}", "'{}'", "<http://x/{}>",
                                                                   "_:{}", "# {}\n", '"{}"@vi']))
def test_the_lexer_reads_keywords_only_where_they_are_keywords(keyword, shape):
    hidden = shape.format(keyword.lower())
    assert keyword not in keywords(f"SELECT * WHERE {{ ?s ?p {hidden} }}")
    with pytest.raises(ReadOnlyViolation):
        check_read_only(f"PREFIX pkg: <{PREFIXES['pkg']}>\n{keyword.lower()} {hidden}")


# -- federated queries cannot reach the network --------------------------------------------------

@pytest.fixture
def listener() -> Iterator[tuple[int, list]]:
    """A TCP server on 127.0.0.1 that records every connection it gets."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    server.settimeout(0.2)
    accepted: list = []
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield server.getsockname()[1], accepted
    stop.set()
    thread.join()
    server.close()


def test_service_is_refused_before_and_inside_the_worker(view, samples, listener):
    port, accepted = listener
    text = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}"
    with pytest.raises(QueryError) as caught:
        ask(view, samples, text)
    assert "SERVICE" in caught.value.message
    # Past the text check, straight to the engine: socket() is refused by its seccomp filter.
    engine = view._engine(samples, None)
    request = {"text": text, "accepted": [], "row_limit": 5, "max_bytes": 2**20, "timeout_s": 10.0,
               "base_iri": ID_BASE, "prefixes": PREFIXES}
    with pytest.raises(QueryError) as inside:
        engine.run(request, time.monotonic() + 10)
    assert "not permitted" in inside.value.message
    time.sleep(0.3)
    assert accepted == []


# -- keeping in step -----------------------------------------------------------------------------

def test_the_view_follows_a_load_at_once_and_is_built_once(embedded_server):
    records = sample_records()
    count = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d pkg:sourceSha256 ?sha }"
    with make_falkor_store(embedded_server) as store:
        load_records(store, records[:2])
        view = SparqlView.for_store(Path("unused"), store)
        other = SparqlView(view.root)  # as another process would: same directory, own engine
        try:
            assert int(bindings(ask(view, store, count))[0]["n"]["value"]) == 2
            load_records(store, records[2:])  # bumps this process's write counter: seen at once
            with pytest.raises(StoreUnavailable) as waiting:  # never the stale view meanwhile
                ask(view, store, count, wait_s=0)
            assert waiting.value.http_status == 503 and "being prepared" in waiting.value.message
            answers: dict = {}
            threads = [threading.Thread(target=lambda v=v: answers.update({id(v): ask(v, store, count)}))
                       for v in (view, other)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert [int(bindings(a)[0]["n"]["value"]) for a in answers.values()] == [5, 5]
            assert view.builds + other.builds == 2  # the first view, then one for both
            assert other.status()["view"] == view.status()["view"]
            views = [p.name for p in view.root.iterdir() if p.is_dir() and p.name != "leases"]
            assert views == [view.status()["view"]["id"]]  # the first view was swept
        finally:
            other.close()
            view.close()


def test_views_live_beside_the_embedded_store(samples, embedded_server):
    assert view_root(Path("/elsewhere"), samples).parent == embedded_server.home / "sparql"


@pytest.mark.parametrize("module", [sparql, sparql_text, sparql_results], ids=lambda m: m.__name__)
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0
