"""The Neo4j backend's connection faults and error conversion, through the real neo4j driver."""

from __future__ import annotations

import shutil
import subprocess
import time

import pytest
from neo4j import exceptions as nx

from policykg.errors import QueryError, ReadOnlyViolation, StoreConfigError, StoreError, StoreUnavailable
from policykg.graph.embedded import falkordb_binaries
from policykg.graph.neo4j_store import Neo4jStore, convert_driver_error
from tests.factories import free_bolt_port, free_tcp_port, make_bolt_store, short_tempdir

URI = "bolt://db.example:7687"


def test_unreachable_host_is_one_line_naming_the_uri():
    port = free_tcp_port()  # nothing listens there
    with pytest.raises(StoreUnavailable, match=f"cannot reach Neo4j at bolt://127.0.0.1:{port}.*POLICYKG_STORE"):
        Neo4jStore(f"bolt://127.0.0.1:{port}", user="neo4j", password="x", database="neo4j",
                   query_timeout_ms=1000, connect_timeout_s=2)


@pytest.fixture(scope="module")
def password_bolt_port():
    """A FalkorDB whose Bolt endpoint checks a password (redis requirepass)."""
    home = short_tempdir()
    port = free_bolt_port()
    server, module = falkordb_binaries()
    proc = subprocess.Popen([
        str(server), "--port", "0", "--unixsocket", str(home / "s.sock"), "--dir", str(home),
        "--appendonly", "no", "--save", "", "--requirepass", "s3cret",
        "--loadmodule", str(module), "BOLT_PORT", str(port),
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 10
    while not (home / "s.sock").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    yield port
    proc.terminate()
    proc.wait(timeout=10)
    shutil.rmtree(home, ignore_errors=True)


def test_wrong_password_is_one_line_naming_the_settings(password_bolt_port):
    with pytest.raises(StoreConfigError, match="POLICYKG_NEO4J_PASSWORD"):
        Neo4jStore(f"bolt://127.0.0.1:{password_bolt_port}", user="falkordb", password="wrong",
                   database="g", query_timeout_ms=1000, connect_timeout_s=5)


def test_right_password_connects(password_bolt_port):
    with Neo4jStore(f"bolt://127.0.0.1:{password_bolt_port}", user="falkordb", password="s3cret",
                    database="g", query_timeout_ms=1000, connect_timeout_s=5) as store:
        assert store.read("RETURN 1 AS ok") == [{"ok": 1}]


@pytest.mark.parametrize(
    ("driver_error", "expected", "fragment"),
    [
        (nx.AuthError("unauthorized"), StoreConfigError, "POLICYKG_NEO4J_PASSWORD"),
        (nx.ServiceUnavailable("gone"), StoreUnavailable, "cannot reach Neo4j at " + URI),
        (nx.ConfigurationError("bad scheme"), StoreConfigError, "POLICYKG_STORE"),
        (nx.ClientError._hydrate_neo4j(code="Neo.ClientError.Statement.SyntaxError", message="Invalid input"), QueryError, "Invalid input"),
        (nx.ClientError._hydrate_neo4j(code="Neo.ClientError.Statement.AccessMode", message="Writing in read access mode not allowed"), ReadOnlyViolation, "read-only"),
        (nx.DatabaseError._hydrate_neo4j(code="Neo.DatabaseError.General.UnknownError", message="boom"), StoreError, "boom"),
    ],
    ids=["auth", "unavailable", "configuration", "syntax", "write-in-read", "database"],
)
def test_driver_errors_become_one_line_project_errors(driver_error, expected, fragment):
    converted = convert_driver_error(driver_error, URI)
    assert type(converted) is expected
    assert fragment in converted.message
    assert "\n" not in converted.message


def test_schema_falls_back_to_portable_indexes_on_a_non_neo4j_server(bolt_server):
    from policykg.graph.store import SchemaSpec

    with make_bolt_store(bolt_server) as store:
        store.ensure_schema(SchemaSpec(unique=(("PolicyDocument", "id"),)))
        assert store.describe()["schema_mode"] == "portable"
        indexes = store.read("CALL db.indexes() YIELD label, properties RETURN label, properties")
        assert {"label": "PolicyDocument", "properties": ["id"]} in indexes
