"""GET /export: the stream is the CLI's export byte for byte; bad requests are problems, not 500s."""

from __future__ import annotations

import io
import zipfile

import pytest
from fastapi.testclient import TestClient

from policykg.api.main import create_app
from policykg.graph.export import FORMATS, export_bytes
from policykg.graph.load import load_records
from policykg.settings import Settings
from tests.factories import make_record


@pytest.fixture
def client_and_store(falkor_store):
    record = make_record("Kế hoạch số 91/KH-UBND thực hiện Nghị quyết số 12-NQ/TU.", symbol="91/KH-UBND",
                         doc_type="KH", issuer="UBND tỉnh Quảng Ninh", level="province",
                         province="Quảng Ninh", issued="2021-05-10",
                         citations=(("12-NQ/TU", "implements", None, "province"),))
    load_records(falkor_store, [record])
    with TestClient(create_app(Settings(), falkor_store)) as client:
        yield client, falkor_store


@pytest.mark.parametrize("name", ["ntriples", "csv"])
def test_the_stream_is_the_export(client_and_store, name):
    client, store = client_and_store
    response = client.get("/export", params={"format": name})
    assert response.status_code == 200
    fmt = FORMATS[name]
    assert response.headers["content-type"].startswith(fmt.media_type)
    assert f'filename="policykg{fmt.extension}"' in response.headers["content-disposition"]
    expected = b"".join(export_bytes(store, name))
    if name == "csv":
        got, want = zipfile.ZipFile(io.BytesIO(response.content)), zipfile.ZipFile(io.BytesIO(expected))
        assert {n: got.read(n) for n in got.namelist()} == {n: want.read(n) for n in want.namelist()}
    else:
        assert response.content == expected and b"91/KH-UBND" in response.content


@pytest.mark.parametrize(("params", "status", "fragment"), [
    pytest.param({"format": "xlsx"}, 422, "format", id="unknown-format"),
    pytest.param({}, 422, "format", id="no-format"),
])
def test_bad_requests_are_problems(client_and_store, params, status, fragment):
    response = client_and_store[0].get("/export", params=params)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert fragment in response.json()["detail"]


def test_a_graph_an_export_would_truncate_is_refused_before_streaming(client_and_store):
    client, store = client_and_store
    store.write("CREATE (:PolicyDocument {symbol: '1-NQ/TW'})")
    response = client.get("/export", params={"format": "turtle"})
    assert response.status_code == 409
    assert "no identifier" in response.json()["detail"]
