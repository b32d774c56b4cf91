"""The policykg command as a user runs it: real subprocesses, real servers, exit codes, one-line
errors and no process left behind."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.factories import ROOT, free_tcp_port


def policykg(*args: str, home: Path, timeout: float = 60, **env: str) -> subprocess.CompletedProcess:
    """Run the CLI as a user would, with POLICYKG_HOME pointing at ``home``."""
    environ = {**os.environ, "POLICYKG_HOME": str(home), **env}
    return subprocess.run([sys.executable, "-m", "policykg.cli", *args], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT, env=environ)


def redis_pids_for(home: Path) -> list[int]:
    """redis-server processes whose socket lives under ``home``."""
    pids = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes()
            state = next(ln for ln in (proc / "status").read_text().splitlines() if ln.startswith("State:"))
        except (OSError, StopIteration):
            continue
        if b"redis-server" in cmdline and str(home).encode() in cmdline and "Z" not in state:
            pids.append(int(proc.name))
    return pids


def test_store_start_status_stop(store_home):
    started = policykg("store", "start", home=store_home)
    assert started.returncode == 0, started.stderr
    assert "started" in started.stdout
    assert len(redis_pids_for(store_home)) == 1
    assert "already running" in policykg("store", "start", home=store_home).stdout
    status = policykg("store", "status", home=store_home)
    assert status.returncode == 0 and "running (pid" in status.stdout
    stopped = policykg("store", "stop", home=store_home)
    assert stopped.returncode == 0 and "stopped" in stopped.stdout
    assert redis_pids_for(store_home) == []
    assert policykg("store", "status", home=store_home).returncode == 3


@pytest.mark.parametrize(
    ("args", "env", "code", "fragment"),
    [
        (("store", "start"), {"POLICYKG_HOME": "/proc/policykg"}, 2, "POLICYKG_HOME /proc/policykg is not a writable directory"),
        (("store", "start"), {"POLICYKG_STORE": "mysql://x"}, 2, "POLICYKG_STORE"),
        (("store", "start"), {"POLICYKG_SOCKET": "/tmp/" + "s" * 120}, 2, "over the 107-byte limit"),
        (("serve",), {"POLICYKG_STORE": f"bolt://127.0.0.1:{free_tcp_port()}"}, 1, "cannot reach Neo4j"),
        (("no-such-command",), {}, 2, "No such command"),
    ],
    ids=["unwritable-home", "unknown-store", "socket-too-long", "neo4j-unreachable", "unknown-command"],
)
def test_errors_are_one_line_without_traceback(store_home, args, env, code, fragment):
    result = policykg(*args, home=store_home, **env)
    assert result.returncode == code
    assert fragment in result.stderr
    assert "Traceback" not in result.stderr
    assert redis_pids_for(store_home) == []


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read()
    except OSError:
        return 0, b""


def test_serve_answers_health_and_docs_then_stops_cleanly_on_ctrl_c(store_home):
    port = free_tcp_port()
    env = {**os.environ, "POLICYKG_HOME": str(store_home), "POLICYKG_API_PORT": str(port)}
    # As `make run` starts it: the bundled samples loaded first.
    samples = [arg for path in sorted((ROOT / "samples").glob("*.txt")) for arg in ("--load", str(path))]
    server = subprocess.Popen([sys.executable, "-m", "policykg.cli", "serve", *samples], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while (status := _get(f"http://127.0.0.1:{port}/health"))[0] != 200:
            assert server.poll() is None, server.stderr.read()
            assert time.monotonic() < deadline, "serve did not answer /health in time"
            time.sleep(0.2)
        assert b'"backend":"falkordb"' in status[1]
        assert _get(f"http://127.0.0.1:{port}/docs")[0] == 200
        # A streamed export and a search (which runs in the thread pool) before Ctrl-C: uvicorn's
        # own signal handling once printed a traceback on this path.
        assert _get(f"http://127.0.0.1:{port}/export?format=ntriples")[0] == 200
        assert b"12-NQ/TU" in _get(f"http://127.0.0.1:{port}/documents?q=12-NQ/TU")[1]
        assert len(redis_pids_for(store_home)) == 1
    finally:
        # Twice, as an impatient user does: the second asks for an immediate stop.
        server.send_signal(signal.SIGINT)
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=60)
    assert server.returncode == 0, err
    assert "loaded 5 documents" in out
    assert f"http://127.0.0.1:{port}" in out
    assert "Traceback" not in err
    assert redis_pids_for(store_home) == []


def test_serve_refuses_a_port_in_use(store_home):
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = policykg("serve", home=store_home, POLICYKG_API_PORT=str(port))
    assert result.returncode == 2
    assert f"127.0.0.1:{port} is in use" in result.stderr
    assert redis_pids_for(store_home) == []


def test_load_reports_a_bad_file_loads_the_rest_and_a_second_load_adds_nothing(store_home, tmp_path):
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"\x00\x01 not a pdf")
    samples = [str(p) for p in sorted((ROOT / "samples").glob("*.txt"))]
    first = policykg("load", samples[0], str(junk), *samples[1:], home=store_home, timeout=300)
    assert first.returncode == 1
    [error] = first.stderr.strip().splitlines()
    assert error.startswith("error: ") and "junk.pdf" in error and "Traceback" not in first.stderr
    assert "loaded 5 documents" in first.stdout and "derivations" in first.stdout
    again = policykg("load", *samples, home=store_home, timeout=300)
    assert again.returncode == 0, again.stderr
    assert "graph: 0 new nodes, 0 new relationships" in again.stdout
    # The headline question from the shell, as the README asks it.
    [found] = json.loads(policykg("resolve", "12-NQ/TU", "--province", "Vĩnh Phúc", "--json", home=store_home).stdout)
    answer = policykg("targets", found["id"], "--json", home=store_home)
    assert answer.returncode == 0, answer.stderr
    income = [t for t in json.loads(answer.stdout) if t["value"] == 60 and t["document"]["place"] == "Sông Lô"]
    assert len(income) == 1 and "60 triệu đồng/người" in income[0]["evidence"]["quote"]
    missing = policykg("targets", "vn/nowhere/1", home=store_home)
    assert missing.returncode == 1 and missing.stderr.startswith("error: no document")


def test_load_reads_records_files(store_home, tmp_path):
    records = subprocess.run([sys.executable, "-m", "policykg.cli", "extract", "--json",
                              str(ROOT / "samples" / "001_13b6eeb6396df31a.txt")],
                             capture_output=True, text=True, cwd=ROOT, timeout=120, check=True).stdout
    path = tmp_path / "records.jsonl"
    path.write_text(records + '{"schema_version": "1", "text": 5}\n', encoding="utf-8")
    loaded = policykg("load", str(path), home=store_home, timeout=300)
    assert loaded.returncode == 1
    assert "loaded 1 documents" in loaded.stdout
    assert f"{path}:2: field" in loaded.stderr
