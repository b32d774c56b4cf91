"""The embedded store's lifecycle and faults, on real redis-server processes."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import redis

from policykg.errors import QueryError, ReadOnlyViolation, StoreConfigError, StoreError, StoreUnavailable
from policykg.graph import cypher
from policykg.graph.embedded import NODE_CREATION_BUFFER, UNIX_PATH_MAX, EmbeddedServer
from policykg.graph.falkordb_store import FalkorStore
from policykg.graph.store import SchemaSpec

from tests.factories import ROOT, make_falkor_store

ROW = {"id": "vn/tinh-uy-vinh-phuc/2020/12-nq-tu", "props": {"symbol": "12-NQ/TU"}}


def listening_tcp_ports(pid: int) -> set[int]:
    """TCP ports in LISTEN state owned by ``pid``, read from /proc (no external tool)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        target = os.readlink(fd)
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            parts = line.split()
            local, state, inode = parts[1], parts[3], parts[9]
            if state == "0A" and inode in inodes:  # 0A = LISTEN
                ports.add(int(local.rsplit(":", 1)[1], 16))
    return ports


def test_no_tcp_port_is_opened(embedded_server, bolt_server):
    assert listening_tcp_ports(embedded_server.status().pid) == set()
    # The control: the same probe does see the Bolt server's TCP listener.
    assert bolt_server.bolt_port in listening_tcp_ports(bolt_server.status().pid)


def test_the_server_makes_room_for_a_national_cascade_of_nodes(embedded_server):
    # Below this, loading cascade after cascade resizes every matrix ever more often.
    client = redis.Redis(unix_socket_path=str(embedded_server.socket))
    try:
        assert client.execute_command("GRAPH.CONFIG", "GET", "NODE_CREATION_BUFFER") == [
            b"NODE_CREATION_BUFFER", NODE_CREATION_BUFFER]
    finally:
        client.close()


def test_socket_is_private(embedded_server):
    assert embedded_server.socket.stat().st_mode & 0o777 == 0o700


def test_data_persists_across_stop_and_start(store_home):
    server = EmbeddedServer(store_home)
    server.start()
    with make_falkor_store(server, "persist") as store:
        store.write_batches(cypher.merge_nodes_query("PolicyDocument"), [ROW])
    assert server.stop() is True
    assert not server.status().running
    server.start()
    with make_falkor_store(server, "persist") as store:
        [row] = store.read(*cypher.node_properties("PolicyDocument", ROW["id"]))
    assert row["props"]["symbol"] == "12-NQ/TU"
    assert (store_home / "data" / "appendonlydir").is_dir()


def test_start_is_idempotent(store_home):
    server = EmbeddedServer(store_home)
    assert server.start() is True
    pid = server.status().pid
    assert server.start() is False
    assert server.status().pid == pid


def test_last_lease_stops_an_unpinned_server(store_home):
    server = EmbeddedServer(store_home)
    with server.acquire():
        with server.acquire():
            pid = server.status().pid
        assert server.status().running
    assert not server.status().running
    assert not _alive(pid)


def test_pinned_server_outlives_its_leases(store_home):
    server = EmbeddedServer(store_home)
    server.start(pin=True)
    with server.acquire():
        pass
    assert server.status().running


def test_stop_refuses_while_another_process_holds_a_lease(store_home):
    server = EmbeddedServer(store_home)
    server.start()
    (server.leases_dir / f"{os.getppid()}-0").touch()  # a live process other than ours
    with pytest.raises(StoreError, match="in use by process"):
        server.stop()
    assert server.stop(force=True) is True


SHARED_WRITER = textwrap.dedent(
    """
    import os, sys
    from pathlib import Path
    from policykg.graph import cypher
    from policykg.graph.embedded import EmbeddedServer
    from policykg.graph.falkordb_store import FalkorStore
    server = EmbeddedServer(Path(sys.argv[1]))
    with server.acquire() as sock:
        with FalkorStore(sock, "shared", query_timeout_ms=10000) as store:
            store.write_batches(cypher.merge_nodes_query("PolicyDocument"),
                                [{"id": "from-child", "props": {"pid": os.getpid()}}])
        print(server.status().pid)
    """
)


def test_two_processes_share_one_data_directory(store_home):
    server = EmbeddedServer(store_home)
    with server.acquire():
        pid = server.status().pid
        child = subprocess.run(
            [sys.executable, "-c", SHARED_WRITER, str(store_home)],
            capture_output=True, text=True, timeout=60, cwd=ROOT,
        )
        assert child.returncode == 0, child.stderr
        assert int(child.stdout.strip()) == pid  # the child reused our server
        assert server.status().running  # and did not stop it on leaving: we still hold it
        with make_falkor_store(server, "shared") as store:
            assert store.read(*cypher.count_nodes("PolicyDocument")) == [{"n": 1}]


def test_stale_pid_and_socket_files_are_cleaned(store_home):
    server = EmbeddedServer(store_home)
    server.start()
    server.stop()
    server.run_dir.mkdir(parents=True, exist_ok=True)
    server.pidfile.write_text("999999\n")  # no such process
    leftover = socket.socket(socket.AF_UNIX)
    leftover.bind(str(server.socket))  # a socket file nobody listens on
    leftover.close()
    assert server.start() is True
    assert server.status().running


def test_socket_taken_by_another_process_is_refused(store_home):
    server = EmbeddedServer(store_home)
    server.run_dir.mkdir(parents=True)
    squatter = socket.socket(socket.AF_UNIX)
    squatter.bind(str(server.socket))
    squatter.listen()
    try:
        with pytest.raises(StoreConfigError, match="served by another process"):
            server.start()
    finally:
        squatter.close()
    assert not server.pidfile.exists()


def test_socket_path_over_the_limit_is_refused(store_home):
    long_home = store_home / ("x" * (UNIX_PATH_MAX - len(str(store_home))))
    with pytest.raises(StoreConfigError, match=f"over the {UNIX_PATH_MAX}-byte limit.*POLICYKG_HOME"):
        EmbeddedServer(long_home).start()


@pytest.mark.parametrize(
    "make_home",
    [lambda tmp: _file(tmp / "plain-file") / "home", lambda tmp: Path("/proc/policykg-home")],
    ids=["parent-is-a-file", "read-only-filesystem"],
)
def test_unwritable_home_is_refused(store_home, make_home):
    home = make_home(store_home)
    with pytest.raises(StoreConfigError, match=f"POLICYKG_HOME {home} is not a writable directory"):
        EmbeddedServer(home).start()


def test_server_killed_under_the_app_gives_store_unavailable(store_home):
    server = EmbeddedServer(store_home)
    server.start()
    store = FalkorStore(server.socket, "killed", query_timeout_ms=5000)
    store.ping()
    os.kill(server.status().pid, signal.SIGKILL)
    _wait_until(lambda: not server.status().running)
    with pytest.raises(StoreUnavailable, match="not answering.*policykg store start"):
        store.ping()
    store.close()


def test_read_path_refuses_writes(falkor_store):
    with pytest.raises(ReadOnlyViolation):
        falkor_store.read("CREATE (:PolicyDocument {id: 'x'})")
    assert falkor_store.read(*cypher.count_nodes()) == [{"n": 0}]


def test_syntax_error_is_a_query_error(falkor_store):
    with pytest.raises(QueryError, match="FalkorDB rejected the query"):
        falkor_store.read("MATCH (n RETURN n")


def test_uniqueness_is_enforced_by_the_engine(falkor_store):
    falkor_store.ensure_schema(SchemaSpec(unique=(("PolicyDocument", "id"),)))
    falkor_store.write("CREATE (:PolicyDocument {id: $id})", {"id": "a"})
    with pytest.raises(QueryError, match="constraint"):
        falkor_store.write("CREATE (:PolicyDocument {id: $id})", {"id": "a"})


def _file(path: Path) -> Path:
    path.write_text("not a directory")
    return path


def _alive(pid: int) -> bool:
    from policykg.graph.embedded import _pid_alive

    return _pid_alive(pid)


def _wait_until(predicate, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "condition not reached in time"
        time.sleep(0.05)


@pytest.mark.parametrize("port", [0, 32768, 65535], ids=["zero", "just-over", "max-tcp"])
def test_bolt_port_outside_falkordb_range_is_refused(store_home, port):
    with pytest.raises(StoreConfigError, match="FalkorDB accepts 1-32767"):
        EmbeddedServer(store_home, bolt_port=port)
