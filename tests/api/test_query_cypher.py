"""POST /query/cypher and `policykg cypher`: reads answered, every write form refused on both
backends, admin procedures refused, the row limit, the time limit, errors as problem details.

Two layers refuse a write: the clause check (graph/cypher_guard.py) and the store's read path.
Both are tested apart: the store alone on FalkorDB (GRAPH.RO_QUERY), the check alone on its
tokens, and the endpoint on both backends. FalkorDB's Bolt endpoint, our stand-in for Neo4j,
does not refuse writes in READ transactions (a test below pins that), so on that backend the
403 comes from the clause check; a real Neo4j refuses them in the transaction as well.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from neo4j import exceptions as nx
from typer.testing import CliRunner

from policykg.api.main import create_app
from policykg.cli import app as cli_app
from policykg.errors import InputError, QueryError, QueryTimeout, ReadOnlyViolation
from policykg.graph.cypher_guard import check_read_only, needs_limit
from policykg.graph.neo4j_store import convert_driver_error
from policykg.graph.queries.researcher import MAX_QUERY_CHARS, json_safe, run_cypher
from policykg.settings import Settings

VP_12 = "vn/tinh-uy-vinh-phuc/2020/12-nq-tu"
TW_13 = "vn/trung-uong-dang/2022/13-nq-tw"
#: Nine million rows of a cartesian product: FalkorDB needs ~0.5 s, far past a 20 ms limit.
SLOW_QUERY = "UNWIND range(1, 3000) AS a UNWIND range(1, 3000) AS b RETURN count(*) AS n"

#: Every write and administration form the issue names, and a few more.
WRITES = [
    pytest.param("CREATE (n:Probe {v: 1}) RETURN n", id="create"),
    pytest.param("MERGE (n:Probe {v: 1}) RETURN n", id="merge"),
    pytest.param("MATCH (n:Seed) DELETE n", id="delete"),
    pytest.param("MATCH (n:Seed) DETACH DELETE n", id="detach-delete"),
    pytest.param("MATCH (n:Seed) SET n.v = 2", id="set"),
    pytest.param("MATCH (n:Seed) REMOVE n.v", id="remove"),
    pytest.param("match (n:Seed) set n:Other", id="set-label-lower-case"),
    pytest.param("UNWIND [1] AS x FOREACH (i IN [1] | CREATE (:Probe))", id="foreach"),
    pytest.param("MATCH (n:Seed) CALL { WITH n SET n.v = 3 } RETURN n", id="write-in-subquery"),
    pytest.param("CREATE INDEX FOR (n:Seed) ON (n.v)", id="create-index"),
    pytest.param("DROP INDEX ON :Seed(v)", id="drop-index"),
    pytest.param("LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row", id="load-csv-file"),
    pytest.param("LOAD CSV WITH HEADERS FROM 'https://example.org/x.csv' AS r RETURN r", id="load-csv-url"),
    pytest.param("CALL dbms.procedures()", id="dbms-procedures"),
    pytest.param("CALL dbms.listConfig()", id="dbms-config"),
    pytest.param("CALL dbms.killQuery('1')", id="dbms-kill"),
    pytest.param("CALL db.idx.fulltext.createNodeIndex('Seed', 'v')", id="fulltext-create"),
    pytest.param("CALL db.idx.fulltext.drop('Seed')", id="fulltext-drop"),
    pytest.param("CALL db.indexes()", id="procedure-off-the-list"),
    pytest.param("CALL `dbms`.`procedures`()", id="procedure-in-backticks"),
    pytest.param("USE system SHOW USERS", id="use-show"),
    pytest.param("SHOW TRANSACTIONS", id="show-transactions"),
    pytest.param("MATCH (n:Seed) RETURN n /* comment */ ; CREATE (:Probe)", id="second-statement"),
]


def _graph_state(store) -> list:
    return store.read("MATCH (n) RETURN labels(n) AS labels, n.v AS v ORDER BY v")


@pytest.mark.parametrize("query", WRITES)
def test_every_write_is_refused_and_changes_nothing_on_both_backends(store, query):
    store.write("CREATE (:Seed {v: 1})")
    before = _graph_state(store)
    with TestClient(create_app(Settings(), store)) as client:
        response = client.post("/query/cypher", json={"query": query})
    assert response.status_code == 403, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"].startswith("query: ")
    assert _graph_state(store) == before


@pytest.mark.parametrize("query", [
    pytest.param("CREATE (n:Probe) RETURN n", id="create"),
    pytest.param("MERGE (n:Probe {v: 1})", id="merge"),
    pytest.param("MATCH (n:Seed) DELETE n", id="delete"),
    pytest.param("MATCH (n:Seed) SET n.v = 2", id="set"),
    pytest.param("MATCH (n:Seed) REMOVE n.v", id="remove"),
    pytest.param("CREATE INDEX FOR (n:Seed) ON (n.v)", id="create-index"),
    pytest.param("CALL db.idx.fulltext.createNodeIndex('Seed', 'v')", id="fulltext-create"),
])
def test_the_embedded_store_refuses_writes_without_the_clause_check(falkor_store, query):
    """Not a regex alone: FalkorDB's RO_QUERY refuses the write when the check is bypassed."""
    falkor_store.write("CREATE (:Seed {v: 1})")
    with pytest.raises(ReadOnlyViolation):
        falkor_store.read(query)
    assert _graph_state(falkor_store) == [{"labels": ["Seed"], "v": 1}]


def test_the_bolt_stand_in_writes_inside_read_transactions(bolt_server):
    """Pins why the clause check exists for the Neo4j path under test: FalkorDB's Bolt
    endpoint runs a CREATE in a READ transaction. When this fails, the stand-in enforces read
    transactions and the endpoint test above proves both layers on the Neo4j path too."""
    from tests.factories import make_bolt_store

    with make_bolt_store(bolt_server) as bolt:
        bolt.read("CREATE (:Probe {v: 9})")
        assert bolt.read("MATCH (n:Probe) RETURN n.v AS v") == [{"v": 9}]


@pytest.mark.parametrize(("code", "expected"), [
    pytest.param("Neo.ClientError.Statement.AccessMode", ReadOnlyViolation, id="write-in-read"),
    pytest.param("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", QueryTimeout,
                 id="our-timeout"),
    pytest.param("Neo.ClientError.Transaction.TransactionTimedOut", QueryTimeout, id="server-timeout"),
    pytest.param("Neo.ClientError.Statement.SyntaxError", QueryError, id="syntax"),
])
def test_neo4j_refusals_map_to_their_statuses(code, expected):
    error = convert_driver_error(nx.ClientError._hydrate_neo4j(code=code, message="m"), "bolt://db:7687")
    assert type(error) is expected


# -- the clause check on its own --------------------------------------------------------------


@pytest.mark.parametrize("query", [
    pytest.param("MATCH (d:PolicyDocument) WHERE d.title CONTAINS 'CREATE' RETURN d", id="keyword-in-string"),
    pytest.param('RETURN "it\\"s SET" AS s', id="escaped-quote"),
    pytest.param("MATCH (n) WHERE n.set = 1 AND n.delete IS NULL RETURN n", id="keyword-as-property"),
    pytest.param("MATCH (n:Create)-[:MERGE]->(m) RETURN m", id="keyword-as-label-and-type"),
    pytest.param("RETURN {set: 1, load: 2} AS m", id="keyword-as-map-key"),
    pytest.param("MATCH (`create`) RETURN `create`", id="keyword-in-backticks"),
    pytest.param("MATCH (n) RETURN n // DELETE everything", id="keyword-in-comment"),
    pytest.param("RETURN $set AS x", id="keyword-as-parameter"),
    pytest.param("CALL db.labels() YIELD label RETURN label", id="allowed-procedure"),
    pytest.param("CALL DB.RELATIONSHIPTYPES()", id="allowed-procedure-any-case"),
    pytest.param("CALL { MATCH (n) RETURN n } RETURN n", id="read-subquery"),
    pytest.param("MATCH (n) RETURN n;", id="trailing-semicolon"),
])
def test_reads_pass_the_clause_check(query):
    assert check_read_only(query)


@pytest.mark.parametrize(("query", "error", "fragment"), [
    pytest.param("RETURN 'unclosed", QueryError, "never closed", id="unclosed-string"),
    pytest.param("RETURN 1 /* unclosed", QueryError, "never closed", id="unclosed-comment"),
    pytest.param("MATCH (n) CR/**/EATE (m)", None, None, id="split-keyword-is-no-keyword"),
    pytest.param("RETURN 1; RETURN 2", QueryError, "one statement", id="two-statements"),
    pytest.param("MATCH (n) DeTaCh DeLeTe n", ReadOnlyViolation, "DETACH writes", id="mixed-case"),
])
def test_the_clause_check_edges(query, error, fragment):
    if error is None:
        check_read_only(query)
        return
    with pytest.raises(error, match=fragment):
        check_read_only(query)


@pytest.mark.parametrize(("query", "expected"), [
    pytest.param("MATCH (n) RETURN n", True, id="plain-return"),
    pytest.param("MATCH (n) RETURN n ORDER BY n.v SKIP 2", True, id="order-skip"),
    pytest.param("MATCH (n) RETURN n LIMIT 3", False, id="own-limit"),
    pytest.param("RETURN 1 AS x UNION RETURN 2 AS x", False, id="union"),
    pytest.param("CALL db.labels()", False, id="standalone-call"),
    pytest.param("CALL { MATCH (n) RETURN n LIMIT 1 } RETURN n", True, id="limit-only-inside"),
    pytest.param("MATCH (n) RETURN n.v AS limit", False, id="alias-named-limit"),
])
def test_a_limit_is_appended_only_where_it_is_valid(query, expected):
    assert needs_limit(check_read_only(query)) is expected


# -- reads on the samples ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(samples_store):
    with TestClient(create_app(Settings(cypher_max_rows=50, query_timeout_ms=5_000), samples_store)) as c:
        yield c


def test_a_read_is_answered_with_columns_and_rows(client):
    response = client.post("/query/cypher", json={
        "query": "MATCH (d:PolicyDocument)-[:IMPLEMENTS]->(p:PolicyDocument {identifier: $id}) "
                 "RETURN d.symbol AS symbol, d.level AS level ORDER BY symbol",
        "parameters": {"id": TW_13}})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["columns"] == ["symbol", "level"]
    assert answer["rows"] == [["2013/QĐ-UBND", "province"], ["34-CTr/TU", "province"]]
    assert answer["truncated"] is False
    assert answer["elapsed_ms"] >= 0 and answer["max_rows"] == 50


def test_nodes_relationships_and_paths_are_plain_json(client):
    response = client.post("/query/cypher", json={
        "query": "MATCH p = (d:PolicyDocument)-[r:IMPLEMENTS]->(:PolicyDocument {identifier: $id}) "
                 "WHERE d.issued IS NOT NULL RETURN d, r, p, date(d.issued) AS issued LIMIT 1",
        "parameters": {"id": TW_13}})
    assert response.status_code == 200, response.text
    [[node, rel, path, issued]] = response.json()["rows"]
    assert node["identifier"].startswith("vn/") and isinstance(rel["quote"], list)
    assert path["nodes"][1]["identifier"] == TW_13 and path["relationships"] == [rel]
    assert issued == node["issued"]


@pytest.mark.parametrize(("value", "expected"), [
    pytest.param(float("nan"), "NaN", id="nan"),
    pytest.param(float("-inf"), "-Infinity", id="minus-infinity"),
    pytest.param((1, 2.5), [1, 2.5], id="tuple"),
    pytest.param({"when": __import__("datetime").date(2020, 3, 12)}, {"when": "2020-03-12"}, id="date"),
])
def test_json_safe_values(value, expected):
    assert json_safe(value) == expected


@pytest.mark.parametrize(("body", "rows", "truncated"), [
    pytest.param({"query": "UNWIND range(1, 120) AS x RETURN x"}, 50, True, id="setting-cuts"),
    pytest.param({"query": "UNWIND range(1, 120) AS x RETURN x", "max_rows": 7}, 7, True, id="request-asks-fewer"),
    pytest.param({"query": "UNWIND range(1, 120) AS x RETURN x", "max_rows": 5000}, 50, True, id="request-capped"),
    pytest.param({"query": "UNWIND range(1, 50) AS x RETURN x"}, 50, False, id="exactly-the-limit"),
    pytest.param({"query": "CALL db.labels()", "max_rows": 2}, 2, True, id="cut-after-reading"),
    pytest.param({"query": "UNWIND range(1, 9) AS x RETURN x LIMIT 3"}, 3, False, id="own-limit"),
])
def test_the_row_limit(client, body, rows, truncated):
    answer = client.post("/query/cypher", json=body).json()
    assert (len(answer["rows"]), answer["truncated"]) == (rows, truncated)


def test_the_limit_stops_the_store_early(samples_store):
    """The appended LIMIT bounds what the store builds: 9 million rows answer like 11."""
    answer = run_cypher(samples_store, "UNWIND range(1, 3000) AS a UNWIND range(1, 3000) AS b RETURN a, b",
                        timeout_ms=300, max_rows=10)
    assert answer["truncated"] and answer["rows"][-1] == [1, 10]


@pytest.mark.parametrize(("body", "status", "fragment"), [
    pytest.param({"query": SLOW_QUERY, "timeout_ms": 20}, 504, "time limit of 20 ms", id="timeout"),
    pytest.param({"query": "MATCH (n) RETURN n LIMIT"}, 400, "FalkorDB rejected", id="syntax"),
    pytest.param({"query": "RETURN nosuchfunction(1) AS x"}, 400, "nosuchfunction", id="unknown-function"),
    pytest.param({"query": "RETURN 'open"}, 400, "never closed", id="unclosed-string"),
    pytest.param({"query": ""}, 422, "query", id="empty"),
    pytest.param({"query": "// nothing"}, 422, "no query", id="only-a-comment"),
    pytest.param({"query": "x" * (MAX_QUERY_CHARS + 1)}, 422, "query", id="too-long"),
    pytest.param({"query": "RETURN 1 AS x\u0000"}, 422, "NUL", id="nul"),
    pytest.param({"query": "RETURN $x AS x", "parameters": {"x": 2**64}}, 422, "64-bit", id="big-int"),
    pytest.param({"query": "RETURN $x AS x", "parameters": {"x y": 1}}, 422, "parameter name", id="bad-name"),
    pytest.param({"query": "RETURN $x AS x", "parameters": {"x": {"a`b": 1}}}, 422, "backtick", id="bad-key"),
    pytest.param({"query": "RETURN 1", "timeout_ms": 0}, 422, "timeout_ms", id="zero-timeout"),
    pytest.param({"query": "RETURN 1", "extra": 1}, 422, "extra", id="unknown-field"),
])
def test_errors_are_problem_details(client, body, status, fragment):
    response = client.post("/query/cypher", json=body)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert fragment in response.json()["detail"]


def test_a_timeout_is_capped_by_the_setting(samples_store):
    with TestClient(create_app(Settings(query_timeout_ms=20), samples_store)) as c:
        response = c.post("/query/cypher", json={"query": SLOW_QUERY, "timeout_ms": 60_000})
    assert response.status_code == 504 and "20 ms" in response.json()["detail"]


def test_parameters_are_values_not_query_text(client):
    sneaky = "x' }) CREATE (:Probe) //"
    answer = client.post("/query/cypher", json={"query": "RETURN $v AS v", "parameters": {"v": sneaky}}).json()
    assert answer["rows"] == [[sneaky]]


# -- the CLI -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cli_env(samples_store, embedded_server):
    return {"POLICYKG_HOME": str(embedded_server.home), "POLICYKG_GRAPH": samples_store.graph_name}


def test_cli_json_is_the_endpoint_answer(client, cli_env):
    query = "MATCH (d:PolicyDocument {identifier: $id}) RETURN d.symbol AS symbol, d.issued AS issued"
    result = CliRunner().invoke(cli_app, ["cypher", query, "-p", f"id={VP_12}", "--json"], env=cli_env)
    assert result.exit_code == 0, result.output
    from_cli = json.loads(result.output)
    from_api = client.post("/query/cypher", json={"query": query, "parameters": {"id": VP_12}}).json()
    for answer in (from_cli, from_api):
        answer.pop("elapsed_ms")
    assert from_cli == {**from_api, "max_rows": 1_000}


def test_cli_table_and_refusal(cli_env):
    runner = CliRunner()
    table = runner.invoke(cli_app, ["cypher", "UNWIND range(1, 5) AS x RETURN x", "--max-rows", "3"],
                          env=cli_env)
    assert table.exit_code == 0 and "3 rows, cut at 3" in table.output
    refused = runner.invoke(cli_app, ["cypher", "MATCH (n) DETACH DELETE n"], env=cli_env)
    assert refused.exit_code != 0 and isinstance(refused.exception, ReadOnlyViolation)


@pytest.mark.parametrize(("pairs", "expected"), [
    pytest.param(["s=12-NQ/TU"], {"s": "12-NQ/TU"}, id="text"),
    pytest.param(["n=5", "b=true", "l=[1, 2]"], {"n": 5, "b": True, "l": [1, 2]}, id="json"),
    pytest.param(['c="01"'], {"c": "01"}, id="quoted-number"),
    pytest.param(["q=a=b"], {"q": "a=b"}, id="equals-in-value"),
])
def test_cli_parameters(pairs, expected):
    from policykg.cli.cypher import parse_parameters

    assert parse_parameters(pairs) == expected


def test_cli_parameter_without_equals_is_an_input_error():
    from policykg.cli.cypher import parse_parameters

    with pytest.raises(InputError, match="name=value"):
        parse_parameters(["12-NQ/TU"])
