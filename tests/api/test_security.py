"""Security of the whole API: generated requests from the OpenAPI schema get no 5xx and leak no
internals; CORS is off unless configured; bodies over the limit get 413; write endpoints need
the token; the server binds 127.0.0.1 unless told otherwise.

The generated requests come from schemathesis (positive and negative cases for every operation)
sent through the ASGI app, no server process, on the samples. Hypothesis runs derandomized, so
CI sees the same requests on every run.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from pydantic import SecretStr

from policykg.api.deps import require_token
from policykg.api.main import create_app
from policykg.errors import SettingsError
from policykg.graph.embedded import EmbeddedServer
from policykg.graph.load import load_records
from policykg.settings import MAX_REQUEST_BYTES, Settings, load_settings
from tests.factories import ROOT, free_tcp_port, make_falkor_store, sample_records, short_tempdir

TOKEN = "security-test-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
#: Generated cases per operation, and for the export (see export_schema).
EXAMPLES = 30
EXPORT_EXAMPLES = 8
#: What must never appear in an answer: a stack trace.
TRACE_MARKERS = ("Traceback (most recent call last)", 'File "')


@pytest.fixture(scope="module")
def loaded(embedded_server):
    with make_falkor_store(embedded_server) as made:
        load_records(made, sample_records())
        yield made


@pytest.fixture(scope="module")
def api_app(loaded, embedded_server):
    """The app on the samples, writes on (the token is sent), so uploads get exercised too;
    its settings name the store's real home, as `policykg serve` does."""
    return create_app(Settings(home=embedded_server.home, api_token=SecretStr(TOKEN)), loaded)


@pytest.fixture(scope="module")
def internal_paths(embedded_server) -> tuple[str, ...]:
    """Paths of this machine a response must not reveal: the repository and the store's home."""
    return str(ROOT), str(embedded_server.home)


def assert_nothing_internal(case, response, internal_paths: tuple[str, ...]) -> None:
    """No 5xx, no stack trace, no path of the repository or the store in the body."""
    assert response.status_code < 500, (response.status_code, response.text[:500])
    text = response.content.decode("utf-8", errors="replace")  # a zip export is binary
    for marker in (*TRACE_MARKERS, *internal_paths):
        assert marker not in text, (marker, text[:500])


# Built from a store-less app: the schema needs no store; the requests go to `api_app`.
@schemathesis.serializer("application/sparql-query")
def _sparql_body(ctx, value) -> bytes:
    """A generated POST /sparql body, sent as the text it is (schemathesis has no serializer for
    this media type and would otherwise skip those cases)."""
    return value.encode("utf-8", "surrogatepass") if isinstance(value, str) else str(value).encode()


OPENAPI = create_app(Settings()).openapi()
schema = schemathesis.openapi.from_dict(OPENAPI)
schema.config.generation.update(unique_inputs=True)
# A valid export streams the whole graph (14,149 units; seconds per format), and schemathesis
# asks for each format several times: the formats are exported end to end by
# tests/api/test_export_api.py, so here the export gets only invalid requests, which must be 4xx.
export_schema = schemathesis.openapi.from_dict(OPENAPI)
export_schema.config.generation.update(modes=["negative"], unique_inputs=True)
export_schema.config.phases.update(phases=["examples", "fuzzing"])


@schema.exclude(path="/export").parametrize()
@settings(max_examples=EXAMPLES, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_generated_requests_get_no_server_error(case, api_app, internal_paths):
    assert_nothing_internal(case, case.call(app=api_app, headers=AUTH), internal_paths)


@export_schema.include(path="/export").parametrize()
@settings(max_examples=EXPORT_EXAMPLES, derandomize=True, database=None, deadline=None,
          suppress_health_check=list(HealthCheck))
def test_generated_invalid_exports_get_no_server_error(case, api_app, internal_paths):
    assert_nothing_internal(case, case.call(app=api_app, headers=AUTH), internal_paths)


def test_an_unexpected_error_is_a_500_without_internals(loaded, internal_paths):
    app = create_app(Settings(), loaded)

    @app.get("/boom")
    def boom() -> None:
        raise RuntimeError(f"failed at {ROOT}/api/secret.py line 3")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/boom")
    assert response.status_code == 500
    assert response.json()["detail"] == "internal error; the server log has the details"
    for marker in (*TRACE_MARKERS, *internal_paths, "RuntimeError"):
        assert marker not in response.text


# -- CORS --------------------------------------------------------------------------------------

ORIGIN = "http://localhost:5173"
PREFLIGHT = {"Origin": ORIGIN, "Access-Control-Request-Method": "POST",
             "Access-Control-Request-Headers": "content-type"}


@pytest.mark.parametrize(("origins", "origin", "allowed"), [
    pytest.param([], ORIGIN, False, id="off-by-default"),
    pytest.param([ORIGIN], ORIGIN, True, id="configured-origin"),
    pytest.param([ORIGIN], "http://evil.example", False, id="other-origin"),
])
def test_cors_only_for_configured_origins(loaded, origins, origin, allowed):
    with TestClient(create_app(Settings(cors_origins=origins), loaded)) as client:
        preflight = client.options("/query/cypher", headers={**PREFLIGHT, "Origin": origin})
        simple = client.get("/health", headers={"Origin": origin})
    for response in (preflight, simple):
        assert (response.headers.get("access-control-allow-origin") == origin) is allowed
        assert "access-control-allow-credentials" not in response.headers
    if allowed:
        assert "POST" in preflight.headers["access-control-allow-methods"]


@pytest.mark.parametrize(("value", "expected"), [
    pytest.param("http://localhost:5173", ["http://localhost:5173"], id="one"),
    pytest.param("https://a.example, http://b.example:8080/", ["https://a.example", "http://b.example:8080"],
                 id="comma-separated"),
    pytest.param('["https://a.example"]', ["https://a.example"], id="json"),
    pytest.param("", [], id="empty"),
])
def test_cors_origins_setting(monkeypatch, value, expected):
    monkeypatch.setenv("POLICYKG_CORS_ORIGINS", value)
    assert load_settings().cors_origins == expected


@pytest.mark.parametrize("value", ["https://a.example/path", "localhost:5173", "ftp://a.example"])
def test_cors_origins_setting_refuses_what_is_not_an_origin(monkeypatch, value):
    monkeypatch.setenv("POLICYKG_CORS_ORIGINS", value)
    with pytest.raises(SettingsError, match="POLICYKG_CORS_ORIGINS"):
        load_settings()


# -- body size, headers, token -------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(loaded) -> Iterator[TestClient]:
    with TestClient(create_app(Settings(), loaded)) as c:
        yield c


def _body(size: int) -> bytes:
    """A JSON body of exactly ``size`` bytes: a query padded with a comment."""
    head, tail = b'{"query": "RETURN 1 AS x //', b'"}'
    return head + b"x" * (size - len(head) - len(tail)) + tail


@pytest.mark.parametrize(("size", "chunked", "status"), [
    pytest.param(MAX_REQUEST_BYTES + 1, False, 413, id="declared-over"),
    pytest.param(MAX_REQUEST_BYTES + 1, True, 413, id="chunked-over"),
    pytest.param(20 * MAX_REQUEST_BYTES, True, 413, id="chunked-far-over"),
    pytest.param(1000, True, 200, id="chunked-small"),
])
def test_a_body_over_the_limit_is_413(client, size, chunked, status):
    body = _body(size)
    headers = {"content-type": "application/json"}
    # A generator makes httpx send the body chunked, without Content-Length.
    content = (body[i:i + 65536] for i in range(0, len(body), 65536)) if chunked else body
    response = client.post("/query/cypher", content=content, headers=headers)
    assert response.status_code == status, response.text[:300]
    if status == 413:
        assert response.headers["content-type"] == "application/problem+json"
        assert "POLICYKG_MAX_REQUEST_BYTES" in response.json()["detail"]


def test_a_body_at_the_limit_is_read(loaded):
    with TestClient(create_app(Settings(max_request_bytes=4096, query_timeout_ms=5000), loaded)) as c:
        at_limit = c.post("/query/cypher", content=_body(4096), headers={"content-type": "application/json"})
        over = c.post("/query/cypher", content=_body(4097), headers={"content-type": "application/json"})
    assert (at_limit.status_code, over.status_code) == (200, 413)


def test_uploads_keep_their_own_limit(loaded):
    """POST /documents is not cut at POLICYKG_MAX_REQUEST_BYTES: its 20 MB a file applies."""
    with TestClient(create_app(Settings(api_token=SecretStr(TOKEN), max_request_bytes=4096), loaded)) as c:
        response = c.post("/documents", headers=AUTH,
                          files=[("files", ("x.txt", b"x" * 10_000, "text/plain"))])
    assert response.status_code == 200, response.text[:300]


def test_security_headers_on_every_answer(client):
    for response in (client.get("/health"), client.get("/no-such-path"),
                     client.post("/query/cypher", json={"query": "CREATE (n)"})):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert response.headers["x-frame-options"] == "SAMEORIGIN"


def _write_routes(routes) -> list[tuple[str, str]]:
    """(method, path) of every route guarded by require_token, included routers searched
    (FastAPI keeps them as `original_router`; our routers carry their prefix themselves)."""
    found = []
    for route in routes:
        if hasattr(route, "original_router"):
            found += _write_routes(route.original_router.routes)
        elif require_token in [d.dependency for d in getattr(route, "dependencies", [])]:
            found += [(method, route.path) for method in route.methods]
    return found


@pytest.mark.parametrize(("token", "headers", "status"), [
    pytest.param(TOKEN, {}, 401, id="missing"),
    pytest.param(TOKEN, {"Authorization": "Bearer wrong"}, 401, id="wrong"),
    pytest.param(TOKEN, {"Authorization": f"Bearer {TOKEN[:-1]}"}, 401, id="prefix-of-the-token"),
    pytest.param(TOKEN, {"Authorization": f"Token {TOKEN}"}, 401, id="other-scheme"),
    pytest.param(None, AUTH, 403, id="writes-off-without-a-token-set"),
])
def test_write_endpoints_need_the_token(loaded, token, headers, status):
    settings_ = Settings(api_token=SecretStr(token) if token else None)
    app = create_app(settings_, loaded)
    routes = _write_routes(app.routes)
    assert ("POST", "/documents") in routes
    with TestClient(app) as c:
        for method, path in routes:
            response = c.request(method, path, headers=headers)
            assert response.status_code == status, (method, path, response.text)
            if status == 401:
                assert response.headers["www-authenticate"].startswith("Bearer")
            else:
                assert "POLICYKG_API_TOKEN" in response.json()["detail"]


# -- binding -----------------------------------------------------------------------------------


def _listening(port: int) -> set[str]:
    """Local addresses listening on ``port`` (IPv4), from /proc/net/tcp."""
    found = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
            found.add(".".join(str(int(address[i:i + 2], 16)) for i in (6, 4, 2, 0)))
    return found


def test_serve_binds_127_0_0_1_by_default():
    assert Settings().api_host == "127.0.0.1"
    home, port = short_tempdir(), free_tcp_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYKG_")}
    env.update(POLICYKG_HOME=str(home), POLICYKG_API_PORT=str(port))
    server = subprocess.Popen([sys.executable, "-m", "policykg.cli", "serve"], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        banner = server.stdout.readline()
        assert re.search(rf"serving http://127\.0\.0\.1:{port}\b", banner), banner
        addresses: set[str] = set()
        for _ in range(200):
            addresses = _listening(port)
            if addresses:
                break
            time.sleep(0.05)
        assert addresses == {"127.0.0.1"}
    finally:
        server.send_signal(signal.SIGINT)
        server.communicate(timeout=60)
        EmbeddedServer(home).stop(force=True)
