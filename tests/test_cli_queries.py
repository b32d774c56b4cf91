"""CLI parity: every query endpoint has a ``policykg`` command whose ``--json`` is the endpoint's
answer, on the samples loaded by ``policykg load``; and the table form prints what it found."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from policykg.api.main import create_app
from policykg.graph.connect import open_store
from policykg.graph.embedded import EmbeddedServer
from policykg.settings import load_settings
from tests.factories import ROOT, short_tempdir
from tests.test_cli import policykg

VP_12 = "vn/tinh-uy-vinh-phuc/2020/12-nq-tu"
TW_13 = "vn/trung-uong-dang/2022/13-nq-tw"
CAU_NGANG = "vn/ubnd-huyen-cau-ngang/2022/92-kh-ubnd"


@pytest.fixture(scope="module")
def home() -> Iterator[Path]:
    """A store with the samples, loaded the way users load them."""
    where = short_tempdir()
    loaded = policykg("load", *map(str, sorted((ROOT / "samples").glob("*.txt"))), home=where, timeout=300)
    assert loaded.returncode == 0, loaded.stderr
    yield where
    EmbeddedServer(where).stop(force=True)
    shutil.rmtree(where, ignore_errors=True)


@pytest.fixture(scope="module")
def api(home) -> Iterator[TestClient]:
    store = open_store(load_settings(home=home))
    try:
        with TestClient(create_app(load_settings(home=home), store)) as client:
            yield client
    finally:
        store.close()


PARITY = [
    pytest.param(["search", "nghi quyet 12 vinh phuc"], "/documents", {"q": "nghi quyet 12 vinh phuc"}, id="search"),
    pytest.param(["search", "", "--province", "Trà Vinh", "--type", "KH"], "/documents",
                 {"province": "Trà Vinh", "doc_type": "KH"}, id="search-filters"),
    pytest.param(["resolve", "12-NQ/TU", "--province", "Vĩnh Phúc"], "/resolve",
                 {"symbol": "12-NQ/TU", "province": "Vĩnh Phúc"}, id="resolve"),
    pytest.param(["lineage", TW_13], f"/lineage/{TW_13}", {}, id="lineage"),
    pytest.param(["lineage", CAU_NGANG, "--up"], f"/lineage/{CAU_NGANG}", {"direction": "up"}, id="lineage-up"),
    pytest.param(["indicators"], "/indicators", {}, id="indicators"),
    pytest.param(["indicator", "incomePerCapita", "--root", VP_12], "/indicators/incomePerCapita/cascade",
                 {"root": VP_12}, id="indicator-cascade"),
    pytest.param(["coverage", TW_13, "--level", "district"], f"/coverage/{TW_13}", {"level": "district"}, id="coverage"),
    pytest.param(["lag", TW_13], f"/lag/{TW_13}", {}, id="lag"),
    pytest.param(["document", CAU_NGANG], f"/documents/{CAU_NGANG}", {}, id="document"),
]


@pytest.mark.parametrize(("args", "url", "params"), PARITY)
def test_cli_json_is_the_endpoint_answer(home, api, args, url, params):
    response = api.get(url, params=params)
    assert response.status_code == 200, response.text
    flags = [] if args[0] == "document" else ["--json"]
    run = policykg(*args, *flags, home=home)
    assert run.returncode == 0, run.stderr
    cli = json.loads(run.stdout)
    # The API validates through its response models; compare the fields both carry.
    assert _common(cli, response.json()) == response.json()
    assert response.json(), "parity on an empty answer proves nothing"


def test_targets_and_chain_match_the_api(home, api):
    page = api.get(f"/lineage/{VP_12}/targets").json()
    targets = json.loads(policykg("targets", VP_12, "--json", home=home).stdout)
    assert [t["id"] for t in targets] == [t["id"] for t in page["items"]]
    target = page["items"][0]["id"]
    chain = json.loads(policykg("chain", target, "--json", home=home).stdout)
    assert [t["id"] for t in chain] == [t["id"] for t in api.get(f"/targets/{target}/chain").json()]
    assert chain[0]["id"] == target and chain[0]["evidence"]["quote"]


@pytest.mark.parametrize(("args", "fragments"), [
    pytest.param(["search", "nghi quyet 12 vinh phuc"], ["12-NQ/TU", "documents match"], id="search"),
    pytest.param(["coverage", TW_13, "--level", "district"], ["Cầu Ngang", "coverage"], id="coverage"),
    pytest.param(["indicators"], ["incomePerCapita", "indicators"], id="indicators"),
])
def test_tables_show_what_was_found(home, args, fragments):
    run = policykg(*args, home=home, COLUMNS="200")
    assert run.returncode == 0, run.stderr
    for fragment in fragments:
        assert fragment in run.stdout


@pytest.mark.parametrize(("args", "fragment"), [
    pytest.param(["indicator", "happiness", "--root", VP_12], "no indicator 'happiness'", id="unknown-indicator"),
    pytest.param(["search", "x", "--level", "village"], "level 'village' is unknown", id="bad-level"),
    pytest.param(["chain", "vn/nowhere/target"], "no target", id="unknown-target"),
])
def test_bad_arguments_are_one_line(home, args, fragment):
    run = policykg(*args, home=home)
    assert run.returncode != 0 and "Traceback" not in run.stderr
    [line] = run.stderr.strip().splitlines()
    assert line.startswith("error: ") and fragment in line


def _common(cli, api):
    """``cli`` reduced to the keys ``api`` has, recursively: the API drops fields its models lack
    and fills the defaults of fields the function leaves out."""
    if isinstance(api, dict) and isinstance(cli, dict):
        return {k: _common(cli[k], v) if k in cli else v for k, v in api.items()}
    if isinstance(api, list) and isinstance(cli, list) and len(api) == len(cli):
        return [_common(c, a) for c, a in zip(cli, api)]
    return cli
