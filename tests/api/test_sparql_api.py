"""GET and POST /sparql and ``policykg sparql`` on the samples loaded by ``policykg load``.

The SPARQL 1.1 Protocol's query operation (GET, POST sparql-query, POST form), content
negotiation (406 when nothing fits), problem details for every refusal (403 for a write
however it is sent, 400 for a bad query, 413, 415, 422, 504), the truncation header, and the
CLI's parity: ``policykg sparql --json`` prints the endpoint's answer, served by the view the
API built (another process adopts it instead of building its own).
"""

from __future__ import annotations

import doctest
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from policykg.api.main import create_app
from policykg.api.routers import sparql as sparql_router
from policykg.api.routers.sparql import parse_accept
from policykg.cli import sparql as sparql_cli
from policykg.graph.connect import open_store
from policykg.graph.embedded import EmbeddedServer
from policykg.graph.sparql import SPARQL_MAX_QUERY_BYTES, derived_targets_sparql
from policykg.settings import load_settings
from tests.factories import ROOT, short_tempdir
from tests.test_cli import policykg

VP_12 = "vn/tinh-uy-vinh-phuc/2020/12-nq-tu"
HEADLINE = derived_targets_sparql(VP_12)
#: Row limit of the module's app: above the headline's 22 rows, below the samples' targets.
ROW_LIMIT = 50
ALL_TARGETS = "SELECT ?t WHERE { ?t a pkg:Target } ORDER BY ?t"
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def home() -> Iterator[Path]:
    where = short_tempdir()
    loaded = policykg("load", *map(str, sorted((ROOT / "samples").glob("*.txt"))), home=where, timeout=300)
    assert loaded.returncode == 0, loaded.stderr
    yield where
    EmbeddedServer(where).stop(force=True)
    shutil.rmtree(where, ignore_errors=True)


@pytest.fixture(scope="module")
def store(home):
    made = open_store(load_settings(home=home))
    yield made
    made.close()


@pytest.fixture(scope="module")
def api(home, store) -> Iterator[TestClient]:
    with TestClient(create_app(load_settings(home=home, sparql_row_limit=ROW_LIMIT), store)) as client:
        yield client


def target_ids(body: bytes) -> set[str]:
    return {b["target"]["value"].rsplit("/id/", 1)[1] for b in json.loads(body)["results"]["bindings"]}


def assert_problem(response, status: int, fragment: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    detail = response.json()["detail"]
    assert fragment in detail and "\n" not in detail and "Traceback" not in response.text


def test_get_answers_the_headline_question_as_lineage_does(api):
    response = api.get("/sparql", params={"query": HEADLINE})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/sparql-results+json")
    assert response.headers["vary"] == "Accept"
    lineage = api.get(f"/lineage/{VP_12}/targets").json()
    assert target_ids(response.content) == {t["id"] for t in lineage["items"]}
    assert len(lineage["items"]) >= 20


def test_post_body_and_form_give_the_get_answer(api):
    expected = api.get("/sparql", params={"query": HEADLINE}).content
    body = api.post("/sparql", content=HEADLINE.encode(), headers={"Content-Type": "application/sparql-query"})
    form = api.post("/sparql", data={"query": HEADLINE})
    assert body.status_code == form.status_code == 200
    assert body.content == form.content == expected


@pytest.mark.parametrize(("query", "accept", "media_type"), [
    pytest.param(HEADLINE, None, "application/sparql-results+json", id="select-default"),
    pytest.param(HEADLINE, "application/sparql-results+xml", "application/sparql-results+xml", id="select-xml"),
    pytest.param(HEADLINE, "text/csv", "text/csv", id="select-csv"),
    pytest.param(HEADLINE, "text/tab-separated-values", "text/tab-separated-values", id="select-tsv"),
    pytest.param(HEADLINE, "text/html, text/*;q=0.8", "text/csv", id="select-text-wildcard"),
    pytest.param(f"ASK {{ <{VP_12}> ?p ?o }}", "application/sparql-results+xml", "application/sparql-results+xml",
                 id="ask-xml"),
    pytest.param(f"DESCRIBE <{VP_12}>", None, "text/turtle", id="describe-default"),
    pytest.param(f"CONSTRUCT WHERE {{ <{VP_12}> ?p ?o }}", "application/n-triples", "application/n-triples",
                 id="construct-ntriples"),
    pytest.param(f"DESCRIBE <{VP_12}>", "application/ld+json;q=0.9, */*;q=0.1", "application/ld+json",
                 id="describe-jsonld"),
])
def test_content_negotiation(api, query, accept, media_type):
    headers = {"Accept": accept} if accept else {}
    response = api.get("/sparql", params={"query": query}, headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == media_type
    assert len(response.content) > 20


@pytest.mark.parametrize(("method", "kwargs", "status", "fragment"), [
    pytest.param("get", {"params": {"query": "INSERT DATA { <vn/a> <vn/b> 'c' }"}}, 403, "read-only", id="get-insert"),
    pytest.param("get", {"params": {"query": "DELETE WHERE { ?s ?p ?o }"}}, 403, "read-only", id="get-delete"),
    pytest.param("get", {"params": {"query": "LOAD <http://example.org/x.ttl>"}}, 403, "read-only", id="get-load"),
    pytest.param("get", {"params": {"query": "CLEAR ALL"}}, 403, "read-only", id="get-clear"),
    pytest.param("get", {"params": {"query": "ASK {}", "update": "CLEAR ALL"}}, 403, "update", id="get-update-param"),
    pytest.param("post", {"content": b"DROP ALL", "headers": {"Content-Type": "application/sparql-update"}},
                 403, "sparql-update", id="post-update-body"),
    pytest.param("post", {"data": {"update": "CLEAR ALL"}}, 403, "update", id="post-update-form"),
    pytest.param("post", {"data": {"query": "INSERT DATA { <vn/a> <vn/b> 'c' }"}}, 403, "read-only",
                 id="post-insert-form"),
    pytest.param("post", {"content": b"DELETE DATA { <vn/a> <vn/b> 'c' }",
                          "headers": {"Content-Type": "application/sparql-query"}}, 403, "read-only",
                 id="post-delete-body"),
    pytest.param("get", {"params": {"query": "SELECT * WHERE {"}}, 400, "SPARQL syntax", id="syntax"),
    pytest.param("get", {"params": {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"}},
                 400, "SERVICE", id="service"),
    pytest.param("get", {"params": {"query": "ASK {}", "default-graph-uri": "http://g"}}, 400,
                 "default-graph-uri", id="dataset-param"),
    pytest.param("get", {"params": {"query": "DESCRIBE <vn/x>"}, "headers": {"Accept": "text/csv"}}, 406,
                 "text/turtle", id="not-acceptable"),
    pytest.param("get", {}, 422, "query", id="no-query"),
    pytest.param("post", {"content": b"ASK {}", "headers": {"Content-Type": "text/plain"}}, 415,
                 "application/sparql-query", id="wrong-media-type"),
    pytest.param("post", {"data": {"query": ["ASK {}", "ASK {}"]}}, 422, "exactly one", id="two-queries"),
    pytest.param("post", {"content": b"ASK { \xff }", "headers": {"Content-Type": "application/sparql-query"}},
                 422, "UTF-8", id="not-utf8"),
    pytest.param("post", {"content": b"#" * (SPARQL_MAX_QUERY_BYTES + 1),
                          "headers": {"Content-Type": "application/sparql-query"}}, 413, "bytes", id="too-long"),
])
def test_refusals_are_problem_details(api, method, kwargs, status, fragment):
    assert_problem(getattr(api, method)("/sparql", **kwargs), status, fragment)


def test_a_cut_answer_says_how_many_rows_it_holds(api):
    response = api.get("/sparql", params={"query": ALL_TARGETS})
    assert response.status_code == 200
    assert response.headers["policykg-truncated"] == str(ROW_LIMIT)
    assert len(response.json()["results"]["bindings"]) == ROW_LIMIT
    assert "policykg-truncated" not in api.get("/sparql", params={"query": HEADLINE}).headers


def test_a_query_past_its_time_limit_is_504(home, store, api):
    api.get("/sparql", params={"query": "ASK {}"})  # the module's view exists
    with TestClient(create_app(load_settings(home=home, query_timeout_ms=1000), store)) as quick:
        started = time.monotonic()
        response = quick.get("/sparql", params={"query": RUNAWAY})
        assert time.monotonic() - started < 1.0 + 5.0
        assert_problem(response, 504, "time limit of 1 s")
        assert quick.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}).status_code == 200


# -- the CLI -------------------------------------------------------------------------------------

def test_cli_json_is_the_endpoint_answer_and_reuses_its_view(home, api):
    expected = api.get("/sparql", params={"query": HEADLINE}).content
    run = policykg("sparql", HEADLINE, "--json", home=home)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().encode() == expected
    assert "building" not in run.stderr  # the API's view, adopted from disk


def test_cli_table_and_formats(home, api):
    table = policykg("sparql", f"SELECT ?title WHERE {{ ?plan pkg:implements <{VP_12}> ; pkg:title ?title }}",
                     home=home)
    assert table.returncode == 0, table.stderr
    assert "Thực hiện Nghị quyết số 12-NQ/TU" in table.stdout and "1 rows" in table.stdout
    csv = subprocess.run([sys.executable, "-m", "policykg.cli", "sparql", "-", "--format", "csv"],
                         input=HEADLINE, capture_output=True, text=True, timeout=60, cwd=ROOT,
                         env={**os.environ, "POLICYKG_HOME": str(home)})
    assert csv.returncode == 0, csv.stderr
    assert csv.stdout.splitlines()[0] == "target,document,value,unit,year,indicator"


@pytest.mark.parametrize(("query", "code", "fragment"), [
    pytest.param("INSERT DATA { <vn/a> <vn/b> 'c' }", 1, "read-only", id="write"),
    pytest.param("SELECT * WHERE {", 1, "SPARQL syntax", id="syntax"),
])
def test_cli_errors_are_one_line(home, api, query, code, fragment):
    run = policykg("sparql", query, home=home)
    assert run.returncode == code
    assert run.stderr.startswith("error: ") and fragment in run.stderr and run.stderr.count("\n") == 1


@pytest.mark.parametrize(("header", "expected"), [
    pytest.param(None, [], id="none"),
    pytest.param("", [], id="empty"),
    pytest.param("text/csv", ["text/csv"], id="one"),
    pytest.param("text/*;q=0.5, text/csv, application/xml;q=0", ["text/csv", "text/*"], id="q-and-zero"),
    pytest.param("*/*, application/sparql-results+xml", ["application/sparql-results+xml", "*/*"],
                 id="exact-before-wildcard"),
    pytest.param("TEXT/CSV; charset=utf-8", ["text/csv"], id="case-and-params"),
    pytest.param("garbage, text/turtle;q=abc, application/n-triples", ["application/n-triples"], id="junk-dropped"),
])
def test_parse_accept(header, expected):
    assert parse_accept(header) == expected


@pytest.mark.parametrize("module", [sparql_router, sparql_cli], ids=lambda m: m.__name__)
def test_docstring_examples(module):
    result = doctest.testmod(module)
    assert result.failed == 0 and result.attempted > 0
