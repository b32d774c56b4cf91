"""POST /documents: the token, the limits, and a batch that goes on past a bad file."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from policykg.api.main import create_app
from policykg.ingest import MAX_UPLOAD_BYTES
from policykg.settings import Settings
from tests.factories import ROOT

TOKEN = "s3cret-token-for-tests"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


@pytest.fixture
def client(falkor_store):
    with TestClient(create_app(Settings(api_token=SecretStr(TOKEN)), falkor_store)) as c:
        yield c


def _files(*named: tuple[str, bytes]) -> list:
    return [("files", (name, data, "application/octet-stream")) for name, data in named]


def test_upload_loads_good_files_and_reports_the_bad_one(client):
    good = [(p.name, p.read_bytes()) for p in SAMPLES[:2]]
    junk = ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    response = client.post("/documents", files=_files(good[0], junk, good[1]), headers=AUTH)
    assert response.status_code == 200, response.text
    body = response.json()
    assert [f["filename"] for f in body["files"]] == [good[0][0], "old.doc", good[1][0]]
    assert [f["loaded"] for f in body["files"]] == [True, False, True]
    bad = body["files"][1]
    assert bad["id"] is None and "old.doc" in bad["error"] and ".docx" in bad["error"]
    assert body["documents"] == 2 and body["new_nodes"] > 0
    for f in (body["files"][0], body["files"][2]):
        assert client.get(f"/documents/{f['id']}").json()["loaded"]
    again = client.post("/documents", files=_files(good[0]), headers=AUTH).json()
    assert again["files"][0]["id"] == body["files"][0]["id"] and again["new_nodes"] == 0


def test_uploaded_documents_are_searchable_at_once(client):
    assert client.get("/documents", params={"q": "92 ke hoach cau ngang"}).json()["total"] == 0
    sample = next(p for p in SAMPLES if "Cầu Ngang" in p.read_text(encoding="utf-8"))
    client.post("/documents", files=_files((sample.name, sample.read_bytes())), headers=AUTH)
    [hit, *_] = client.get("/documents", params={"q": "92 ke hoach cau ngang"}).json()["items"]
    assert hit["symbol"] == "92/KH-UBND"


@pytest.mark.parametrize(("headers", "status", "fragment"), [
    pytest.param({}, 401, "Authorization: Bearer", id="no-token"),
    pytest.param({"Authorization": "Bearer wrong"}, 401, "Authorization: Bearer", id="wrong-token"),
    pytest.param({"Authorization": f"Bearer {TOKEN}x"}, 401, "Authorization: Bearer", id="token-plus-one"),
    pytest.param({"Authorization": f"Basic {TOKEN}"}, 401, "Authorization: Bearer", id="wrong-scheme"),
])
def test_a_missing_or_wrong_token_is_401(client, headers, status, fragment):
    response = client.post("/documents", files=_files(("a.txt", b"x")), headers=headers)
    assert response.status_code == status
    assert fragment in response.json()["detail"]
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert client.get("/documents").json()["total"] == 0


def test_writes_are_off_without_a_configured_token(falkor_store):
    with TestClient(create_app(Settings(), falkor_store)) as c:
        response = c.post("/documents", files=_files(("a.txt", b"x")), headers=AUTH)
    assert response.status_code == 403 and "POLICYKG_API_TOKEN" in response.json()["detail"]


def test_a_file_over_the_limit_is_413_and_nothing_is_loaded(client):
    big = b"Ke hoach " * (MAX_UPLOAD_BYTES // 9 + 1)
    small = (SAMPLES[0].name, SAMPLES[0].read_bytes())
    response = client.post("/documents", files=_files(small, ("big.txt", big)), headers=AUTH)
    assert response.status_code == 413
    assert "big.txt" in response.json()["detail"] and "20 MB" in response.json()["detail"]
    assert client.get("/documents").json()["total"] == 0


def test_a_body_declared_over_the_limit_is_413_before_it_is_read(client):
    headers = {**AUTH, "Content-Type": "multipart/form-data; boundary=x", "Content-Length": str(2**31)}
    response = client.post("/documents", content=b"--x--\r\n", headers=headers)
    assert response.status_code == 413 and "at most" in response.json()["detail"]


@pytest.mark.parametrize(("kwargs", "fragment"), [
    pytest.param({"json": {"files": []}}, "multipart", id="json-body"),
    pytest.param({"files": [("other", ("a.txt", b"x", "text/plain"))]}, "no file", id="wrong-field"),
    pytest.param({"content": b"--x\r\nnot multipart", "headers": {"Content-Type": "multipart/form-data; boundary=x"}},
                 "files", id="malformed"),
])
def test_malformed_uploads_are_422(client, kwargs, fragment):
    headers = {**AUTH, **kwargs.pop("headers", {})}
    response = client.post("/documents", headers=headers, **kwargs)
    assert response.status_code == 422, response.text
    assert fragment in response.json()["detail"]
