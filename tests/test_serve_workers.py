"""`policykg serve --workers 2`: two server processes share one embedded store, each with its
own connection (a lease each) and answer cache, answer alike, and stop on Ctrl-C leaving no
redis-server behind. A real process, real sockets."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.factories import ROOT, free_tcp_port
from tests.test_cli import redis_pids_for

VP_12 = "vn/tinh-uy-vinh-phuc/2020/12-nq-tu"
#: Requests on fresh connections: enough that both workers take some.
REQUESTS = 24


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()
    except OSError:
        return 0, b""


def _lease_pids(home: Path) -> set[int]:
    return {int(p.name.split("-", 1)[0]) for p in (home / "run" / "leases").glob("*-*")}


def test_two_workers_share_the_store_and_answer_alike(store_home):
    port = free_tcp_port()
    env = {**os.environ, "POLICYKG_HOME": str(store_home), "POLICYKG_API_PORT": str(port),
           "POLICYKG_LOG_LEVEL": "warning"}
    sample = next((ROOT / "samples").glob("000_*.txt"))  # Sông Lô's plan, carrying out 12-NQ/TU
    server = subprocess.Popen([sys.executable, "-m", "policykg.cli", "serve", "--workers", "2",
                               "--load", str(sample)],
                              cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while _get(f"{base}/health")[0] != 200 or len(_lease_pids(store_home)) < 3:
            assert server.poll() is None, server.stderr.read()
            assert time.monotonic() < deadline, "serve --workers 2 did not come up in time"
            time.sleep(0.2)
        # The serving process and each worker hold a lease on the one store.
        assert server.pid in _lease_pids(store_home) and len(_lease_pids(store_home)) == 3
        answers = [_get(f"{base}/lineage/{VP_12}/targets") for _ in range(REQUESTS)]
        assert {status for status, _ in answers} == {200}
        assert len({body for _, body in answers}) == 1 and b"60" in answers[0][1]
        assert len(redis_pids_for(store_home)) == 1
    finally:
        server.send_signal(signal.SIGINT)
        out, err = server.communicate(timeout=60)
    assert server.returncode == 0, err
    assert "loaded 1 document" in out and "Traceback" not in err
    assert redis_pids_for(store_home) == []
