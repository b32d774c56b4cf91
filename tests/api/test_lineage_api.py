"""The lineage endpoints on the five samples, through the real app and a real embedded store."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from policykg.api.main import create_app
from policykg.settings import Settings

VP_12 = "vn/tinh-uy-vinh-phuc/2020/12-nq-tu"


@pytest.fixture(scope="module")
def client(samples_store):
    with TestClient(create_app(Settings(), samples_store)) as c:
        yield c


def test_resolve_a_symbol_as_people_write_it(client):
    response = client.get("/resolve", params={"symbol": "12- NQ/TU", "province": "Vinh Phuc"})
    assert response.status_code == 200
    assert [d["id"] for d in response.json()] == [VP_12]


def test_the_headline_question(client):
    response = client.get(f"/lineage/{VP_12}/targets")
    assert response.status_code == 200
    page = response.json()
    income = [t for t in page["items"] if t["value"] == 60 and t["unit"] == "triệu đồng/người"]
    assert page["total"] == len(page["items"]) >= 20 and len(income) == 1
    assert income[0]["document"]["place"] == "Sông Lô" and "60 triệu" in income[0]["evidence"]["quote"]


def test_pages_carry_totals(client):
    whole = client.get(f"/lineage/{VP_12}/targets").json()
    page = client.get(f"/lineage/{VP_12}/targets", params={"limit": 5, "offset": 5}).json()
    assert (page["total"], page["limit"], page["offset"]) == (whole["total"], 5, 5)
    assert [t["id"] for t in page["items"]] == [t["id"] for t in whole["items"][5:10]]


def test_cascade_and_document(client):
    down = client.get("/lineage/vn/trung-uong-dang/2022/13-nq-tw").json()
    assert "vn/ubnd-huyen-cau-ngang/2022/92-kh-ubnd" in {n["id"] for n in down["nodes"]}
    up = client.get("/lineage/vn/ubnd-huyen-cau-ngang/2022/92-kh-ubnd", params={"direction": "up"}).json()
    assert {n["id"] for n in up["nodes"]} >= {"vn/trung-uong-dang/2022/13-nq-tw"}
    doc = client.get("/documents/vn/ubnd-huyen-cau-ngang/2022/92-kh-ubnd").json()
    assert doc["symbol"] == "92/KH-UBND" and doc["loaded"] and doc["targets"] and doc["tasks"]
    assert all(e["quote"] for c in doc["cites"] for e in c["evidence"])


@pytest.mark.parametrize(("url", "params", "status", "fragment"), [
    pytest.param("/lineage/vn/tinh-uy-vinh-phuc/2019/12-nq-tu/targets", {}, 404, "no document", id="unknown-id"),
    pytest.param(f"/lineage/{VP_12}/targets", {"level": "village"}, 422, "level", id="bad-level"),
    pytest.param(f"/lineage/{VP_12}/targets", {"limit": 0}, 422, "limit", id="bad-limit"),
    pytest.param(f"/lineage/{VP_12}", {"max_depth": 99}, 422, "max_depth", id="bad-depth"),
    pytest.param("/resolve", {"symbol": "hello"}, 422, "not a document number", id="not-a-symbol"),
])
def test_bad_requests_are_problems(client, url, params, status, fragment):
    response = client.get(url, params=params)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    assert fragment in response.json()["detail"]


def test_unknown_id_offers_close_matches(client):
    body = client.get("/documents/vn/tinh-uy-vinh-phuc/2019/12-nq-tu").json()
    assert body["status"] == 404 and VP_12 in body["candidates"]


def test_indicators_coverage_lag_and_chain(client):
    vocabulary = client.get("/indicators").json()
    assert len(vocabulary) >= 80 and {"incomePerCapita", "povertyRate"} <= {i["id"] for i in vocabulary}
    table = client.get("/indicators/incomePerCapita/cascade", params={"root": VP_12}).json()
    assert [i["indicator"] for i in table["indicators"]] == ["incomePerCapita"]
    covered = client.get(f"/coverage/{VP_12}", params={"level": "district"}).json()
    assert [u["name"] for u in covered["covered"]] == ["Sông Lô"] and covered["missing"]
    lag = client.get("/lag/vn/trung-uong-dang/2020/92-kl-tw").json()
    assert any(p["days"] == 172 for p in lag["pairs"])
    first = client.get(f"/lineage/{VP_12}/targets").json()["items"][0]
    assert client.get(f"/targets/{first['id']}/chain").json()[0]["id"] == first["id"]
    assert client.get("/indicators/nothing/cascade", params={"root": VP_12}).status_code == 404
