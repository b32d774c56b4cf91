"""The explorer's endpoints on the five samples, through the real app and a real embedded store:
the page and its assets, the network views, expansions, groups and the comparison table."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from policykg.api.main import create_app
from policykg.settings import Settings
from policykg.viz.explorer import bundle
from policykg.viz.page import ASSETS

VP_12 = "vn/tinh-uy-vinh-phuc/2020/12-nq-tu"
SONG_LO_PLAN = "vn/ubnd-huyen-song-lo/undated/kh-287558f142e7"
TW_13 = "vn/trung-uong-dang/2022/13-nq-tw"


@pytest.fixture(scope="module")
def client(samples_store):
    with TestClient(create_app(Settings(), samples_store)) as c:
        yield c


def _nulls(value, where="") -> list[str]:
    """Paths of null values in vis-network's part of an answer (``info`` is the panel's own)."""
    if isinstance(value, dict):
        return [p for k, v in value.items() if k != "info" for p in _nulls(v, f"{where}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _nulls(v, f"{where}[{i}]")]
    return [where] if value is None else []


def test_the_page_is_served_with_a_strict_policy(client):
    page = client.get("/explorer")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    policy = page.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert 'src="/explorer/static/explorer.js"' in page.text


@pytest.mark.parametrize("name", sorted(ASSETS))
def test_every_asset_is_served_with_its_type(client, name):
    response = client.get(f"/explorer/static/{name}")
    assert response.status_code == 200 and response.content
    assert response.headers["content-type"].split(";")[0] == ASSETS[name].split(";")[0]
    assert "max-age" in response.headers["cache-control"]


@pytest.mark.parametrize("name", ["../main.py", "..%2F..%2Fpyproject.toml", "explorer.py", "fonts/"])
def test_nothing_else_is_served(client, name):
    response = client.get(f"/explorer/static/{name}")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


def test_the_vinh_phuc_cascade_as_a_network(client):
    view = client.get(f"/explorer/cascade/{VP_12}").json()
    nodes = {n["id"]: n for n in view["nodes"]}
    assert nodes[VP_12]["root"] and nodes[VP_12]["level"] == "province" and not nodes[VP_12]["loaded"]
    assert nodes[SONG_LO_PLAN]["level"] == "district" and "Sông Lô" in nodes[SONG_LO_PLAN]["label"]
    assert nodes[SONG_LO_PLAN]["color"]["background"] != nodes[VP_12]["color"]["background"]
    targets = [n for n in view["nodes"] if n["kind"] == "target" and n["owner"] == SONG_LO_PLAN]
    assert len(targets) == 22 and all(t["info"]["evidence"]["quote"] for t in targets)
    assert {"place", "agency"} <= {n["kind"] for n in view["nodes"]}
    implements = [e for e in view["edges"] if e["relation"] == "implements"]
    assert [(e["from"], e["to"]) for e in implements] == [(SONG_LO_PLAN, VP_12)]
    assert view["filters"]["levels"] == ["province", "district"] and view["filters"]["provinces"] == ["Vĩnh Phúc"]
    assert not view["collapsed"] and view["stats"]["documents"] == 2
    assert not _nulls(view["nodes"]) and not _nulls(view["edges"])


def test_expanding_a_document_adds_its_targets_and_lead_agencies(client):
    delta = client.get(f"/explorer/expand/{SONG_LO_PLAN}").json()
    kinds = [n["kind"] for n in delta["nodes"]]
    assert kinds.count("target") == 22 and 1 <= kinds.count("agency") <= 8
    income = next(n for n in delta["nodes"] if n["id"] == SONG_LO_PLAN + "/target/t1")
    assert income["info"]["evidence"]["quote"] == "Thu nhập bình quân đầu người của huyện đạt trên 60 triệu đồng/người"
    assert {e["relation"] for e in delta["edges"]} == {"sets_target", "lead_agency"}


def test_the_comparison_table_of_the_largest_sample_cascade(client):
    table = client.get(f"/explorer/table/{TW_13}").json()
    assert table["root"]["id"] == TW_13 and table["indicators"]
    for block in table["indicators"]:
        assert sum(block["counts"].values()) == len(block["rows"])
        for row in block["rows"]:
            assert row["status"] in ("set", "stricter", "looser", "equal", "dropped", "differentDeadline",
                                     "unitMismatch")
            assert (row["value"] is None) == (row["status"] == "dropped")


@pytest.mark.parametrize(("url", "status", "fragment"), [
    pytest.param("/explorer/cascade/vn/tinh-uy-vinh-phuc/2019/12-nq-tu", 404, "no document", id="unknown-root"),
    pytest.param("/explorer/expand/vn/nothing/here", 404, "no document", id="unknown-expand"),
    pytest.param(f"/explorer/group/group:vn/unit/legacy/1?root={VP_12}", 404, "not in the cascade", id="unknown-group"),
    pytest.param("/explorer/group/group:vn/unit/legacy/1", 422, "root", id="group-without-root"),
    pytest.param("/explorer/table/" + "x" * 400, 422, "at most", id="id-too-long"),
])
def test_bad_requests_are_problems(client, url, status, fragment):
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    assert fragment in response.json()["detail"]


def test_unknown_root_offers_close_matches(client):
    body = client.get("/explorer/cascade/vn/tinh-uy-vinh-phuc/2019/12-nq-tu").json()
    assert VP_12 in body["candidates"]


def test_the_standalone_bundle_holds_the_api_answers(client, samples_store):
    answers = bundle(samples_store, TW_13)
    live = client.get(f"/explorer/cascade/{TW_13}").json()
    stored = answers[f"/explorer/cascade/{TW_13}"]
    assert [(n["id"], n["label"], n["x"], n["y"]) for n in stored["nodes"]] == \
        [(n["id"], n["label"], n["x"], n["y"]) for n in live["nodes"]]
    for doc in [TW_13, *(n["id"] for n in live["nodes"] if n["kind"] == "document")]:
        assert answers[f"/documents/{doc}"]["id"] == doc
        assert f"/explorer/expand/{doc}" in answers
    def rows(table):
        return [(b["indicator"], r.get("target"), r["status"], r.get("value"), r.get("parent_value"))
                for b in table["indicators"] for r in b["rows"]]
    assert rows(answers[f"/explorer/table/{TW_13}"]) == rows(client.get(f"/explorer/table/{TW_13}").json())
