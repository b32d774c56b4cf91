"""Factories shared by the tests: stores on real servers, short temporary paths, free ports."""

from __future__ import annotations

import itertools
import random
import socket
import tempfile
from pathlib import Path

from policykg.graph.embedded import MAX_BOLT_PORT, EmbeddedServer
from policykg.graph.falkordb_store import FalkorStore
from policykg.graph.neo4j_store import Neo4jStore

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
#: Time limit of a test query; generous, a CI machine may be busy.
TEST_QUERY_TIMEOUT_MS = 30_000

_graph_names = (f"t{n}" for n in itertools.count())


def short_tempdir(prefix: str = "pk-") -> Path:
    """A temporary directory with a short path: unix socket paths must stay under 107 bytes,
    which pytest's tmp_path (it embeds the test name) does not guarantee."""
    return Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp"))


def free_tcp_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def free_bolt_port() -> int:
    """A free port FalkorDB accepts for Bolt: it ignores ports above 32767, and the kernel's
    ephemeral range (what ``free_tcp_port`` draws from) starts above that."""
    for port in random.Random().sample(range(20_000, MAX_BOLT_PORT + 1), 200):
        with socket.socket() as s:
            try:
                s.bind(("", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port below 32768 for the Bolt test server")


def make_falkor_store(server: EmbeddedServer, graph: str | None = None) -> FalkorStore:
    """A FalkorStore on its own graph of a running embedded server."""
    return FalkorStore(server.socket, graph or next(_graph_names), query_timeout_ms=TEST_QUERY_TIMEOUT_MS)


def make_bolt_store(server: EmbeddedServer, graph: str | None = None, **overrides) -> Neo4jStore:
    """The Neo4j backend, through the neo4j driver, on its own database of the Bolt server."""
    options = dict(
        user="falkordb",
        password="",
        database=graph or next(_graph_names),
        query_timeout_ms=TEST_QUERY_TIMEOUT_MS,
        connect_timeout_s=10.0,
    )
    options.update(overrides)
    return Neo4jStore(f"bolt://127.0.0.1:{server.bolt_port}", **options)
