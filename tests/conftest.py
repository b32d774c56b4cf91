"""Shared fixtures. Every store here is real: an embedded FalkorDB started by the test session,
and the Neo4j backend driven through the real neo4j driver against FalkorDB's Bolt port on
127.0.0.1. Nothing is mocked.

One server per session, one graph per test: starting redis-server takes ~70 ms, but a graph name
per test keeps tests independent at no cost.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from policykg.graph.embedded import EmbeddedServer
from policykg.graph.falkordb_store import FalkorStore
from policykg.graph.store import GraphStore
from tests.factories import free_bolt_port, make_bolt_store, make_falkor_store, short_tempdir

@pytest.fixture
def store_home() -> Iterator[Path]:
    """A fresh, short data directory; any server left in it is stopped afterwards."""
    home = short_tempdir()
    yield home
    EmbeddedServer(home).stop(force=True)
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def embedded_server() -> Iterator[EmbeddedServer]:
    """One embedded FalkorDB for the session (persistent, unix socket only)."""
    home = short_tempdir()
    server = EmbeddedServer(home)
    with server.acquire():
        yield server
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def bolt_server() -> Iterator[EmbeddedServer]:
    """A FalkorDB with its experimental Bolt endpoint on a free port, fresh for each test:
    after any query error that endpoint stops answering new handshakes, so a server shared
    between tests would let one test's deliberate error break the next. It starts in ~0.1 s."""
    home = short_tempdir()
    server = EmbeddedServer(home, bolt_port=free_bolt_port(), persistent=False)
    with server.acquire():
        yield server
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(params=["falkordb", "neo4j-bolt"])
def store(request) -> Iterator[GraphStore]:
    """Each backend in turn, on a fresh graph: the contract suite runs against both."""
    if request.param == "falkordb":
        made: GraphStore = make_falkor_store(request.getfixturevalue("embedded_server"))
    else:
        made = make_bolt_store(request.getfixturevalue("bolt_server"))
    with made:
        yield made


@pytest.fixture(scope="session")
def samples_store(embedded_server) -> Iterator[FalkorStore]:
    """The five samples loaded once, in a graph of their own, for the modules that only read it
    (a test that writes takes ``falkor_store`` instead)."""
    from policykg.graph.load import load_records
    from tests.factories import sample_records

    with make_falkor_store(embedded_server) as made:
        load_records(made, sample_records())
        yield made


@pytest.fixture
def falkor_store(embedded_server) -> Iterator[FalkorStore]:
    """The embedded backend alone, on a fresh graph."""
    with make_falkor_store(embedded_server) as made:
        yield made
