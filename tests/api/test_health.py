"""GET /health and the error contract of the API, on a real embedded store."""

from __future__ import annotations

import os
import signal
import time

import pytest
from fastapi.testclient import TestClient

from policykg.api.main import create_app
from policykg.graph.embedded import EmbeddedServer
from policykg.graph.falkordb_store import FalkorStore
from policykg.settings import Settings
from tests.factories import make_falkor_store


@pytest.fixture
def client(embedded_server):
    with make_falkor_store(embedded_server) as store:
        with TestClient(create_app(Settings(), store)) as c:
            yield c


def test_health_reports_the_store(client):
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["store"]["backend"] == "falkordb"
    assert body["store"]["server_version"] not in (None, "None")


def test_openapi_and_docs_are_served(client):
    assert client.get("/docs").status_code == 200
    spec = client.get("/openapi.json").json()
    assert spec["paths"]["/health"]["get"]["summary"]
    assert "description" in spec["paths"]["/health"]["get"]


def test_unknown_path_is_a_problem_document(client):
    response = client.get("/no-such-thing")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == 404


def test_store_down_is_503_problem_without_internals(store_home):
    server = EmbeddedServer(store_home)
    server.start()
    store = FalkorStore(server.socket, "g", query_timeout_ms=5000)
    with TestClient(create_app(Settings(home=store_home), store)) as c:
        healthy = c.get("/health")
        assert healthy.status_code == 200 and str(store_home) not in healthy.text
        assert healthy.json()["store"]["location"] == "$POLICYKG_SOCKET"
        os.kill(server.status().pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while server.status().running and time.monotonic() < deadline:
            time.sleep(0.05)
        response = c.get("/health")
    store.close()
    assert response.status_code == 503
    problem = response.json()
    assert problem["title"] == "Service Unavailable"
    assert "not answering" in problem["detail"]
    assert "Traceback" not in response.text and "File \"" not in response.text
    assert str(store_home) not in response.text and "$POLICYKG_SOCKET" in problem["detail"]
