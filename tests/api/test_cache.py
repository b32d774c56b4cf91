"""The API's answer cache (api/cache.py) through the real app on a real embedded FalkorDB.

A tiny cascade: Vĩnh Phúc's plan 7/KH-UBND, carried out by Sông Lô's 3/KH-UBND (one target);
a second load adds Lập Thạch's 5/KH-UBND (another target). What is asserted: a load made by
the API's own process is seen at once; a write by another connection is seen once the counts
are read again (the check interval, driven by a clock the test controls) and a change of a
value alone once the entry is too old; the LRU bounds hold; concurrent misses share one
computation; and answers are byte for byte the same with the cache on and off.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from policykg.api.cache import AnswerCache, AnswerCacheMiddleware
from policykg.api.main import create_app
from policykg.api.schemas import Page, TargetOut
from policykg.graph.embedded import EmbeddedServer
from policykg.graph.falkordb_store import FalkorStore
from policykg.graph.load import load_records
from policykg.graph.queries.lineage import count_derived_targets, derived_targets
from policykg.settings import Settings
from tests.factories import make_falkor_store, make_record

ROOT = "vn/ubnd-tinh-vinh-phuc/2021/7-kh-ubnd"
URL = f"/lineage/{ROOT}/targets"
SONG_LO = "vn/ubnd-huyen-song-lo/2021/3-kh-ubnd"
#: A check interval no test waits for: only the fake clock moves past it.
LONG_S = 3600.0


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _plan(number: int, district: str | None, value: float, cites: bool = True):
    where = f"huyện {district}" if district else "tỉnh Vĩnh Phúc"
    clause = f"Thu nhập bình quân đầu người đạt {value:g} triệu đồng/người"
    text = (f"Số {number}/KH-UBND. Kế hoạch của UBND {where}. "
            + ("Thực hiện Kế hoạch số 7/KH-UBND. " if cites else "") + clause + ".")
    return make_record(text, symbol=f"{number}/KH-UBND", doc_type="KH", province="Vĩnh Phúc",
                       level="district" if district else "province", district=district,
                       issued="2021-03-01" if district else "2021-01-05",
                       citations=(("7/KH-UBND", "implements", "2021-01-05", "province"),) if cites else (),
                       targets=((clause, value, "triệu đồng/người", 2025),))


FIRST_LOAD = lambda: [_plan(7, None, 80, cites=False), _plan(3, "Sông Lô", 70)]  # noqa: E731
SECOND_LOAD = lambda: [_plan(5, "Lập Thạch", 75)]  # noqa: E731


@pytest.fixture(scope="module")
def shared(embedded_server):
    """The first load, once, for tests that only read (the reference data alone takes ~2 s)."""
    with make_falkor_store(embedded_server) as made:
        load_records(made, FIRST_LOAD())
        yield made


@pytest.fixture
def store(embedded_server):
    """The first load on a graph of the test's own, which it may change."""
    with make_falkor_store(embedded_server) as made:
        load_records(made, FIRST_LOAD())
        yield made


def _client(store, clock: Clock | None = None, **cache) -> TestClient:
    """The real app on ``store``, its answer cache built with ``cache`` (and the test's clock)."""
    app = create_app(Settings(), store)
    options = {"max_entries": 1024, "max_bytes": 2**20, "check_s": LONG_S, "max_age_s": LONG_S, **cache}
    app.state.answer_cache = AnswerCache(**options, clock=clock or Clock())
    return TestClient(app)


def _total(client: TestClient, url: str = URL) -> int:
    response = client.get(url)
    assert response.status_code == 200, response.text
    return response.json()["total"]


def test_a_hit_serves_the_stored_answer(shared):
    with _client(shared) as client:
        first, second = client.get(URL), client.get(URL)
        cache = client.app.state.answer_cache
    assert first.content == second.content and first.json()["total"] == 1
    assert (cache.stats.misses, cache.stats.hits, len(cache)) == (1, 1, 1)


def test_a_load_by_the_api_process_is_seen_at_once(store):
    with _client(store) as client:  # counts re-read only after an hour: the write counter decides
        assert _total(client) == 1
        load_records(store, SECOND_LOAD())
        assert _total(client) == 2


def test_another_connections_write_is_seen_after_the_check_interval(store, embedded_server):
    clock = Clock()
    with _client(store, clock, check_s=5.0) as client, \
            make_falkor_store(embedded_server, graph=store.graph_name) as other:
        assert _total(client) == 1
        # Another process's load, as the server sees it: new nodes, no bump of its counter.
        other.write("MATCH (d:PolicyDocument {identifier: $id}) "
                    "CREATE (d)-[:SETS_TARGET]->(:Target {identifier: $t, value: 1.0})",
                    {"id": SONG_LO, "t": f"{SONG_LO}/target/external"})
        clock.now += 4.9
        assert _total(client) == 1  # within the documented bound: not yet seen
        clock.now += 0.2
        assert _total(client) == 2


def test_check_interval_zero_sees_an_external_write_on_the_next_request(store, embedded_server):
    with _client(store, check_s=0.0) as client, \
            make_falkor_store(embedded_server, graph=store.graph_name) as other:
        assert _total(client) == 1
        other.write("MATCH (d:PolicyDocument {identifier: $id}) "
                    "CREATE (d)-[:SETS_TARGET]->(:Target {identifier: $t})",
                    {"id": SONG_LO, "t": f"{SONG_LO}/target/external"})
        assert _total(client) == 2


def test_a_changed_value_alone_is_seen_once_the_entry_is_too_old(store, embedded_server):
    clock = Clock()
    value = lambda c: c.get(URL).json()["items"][0]["value"]  # noqa: E731
    with _client(store, clock, check_s=0.0, max_age_s=30.0) as client, \
            make_falkor_store(embedded_server, graph=store.graph_name) as other:
        assert value(client) == 70
        other.write("MATCH (:PolicyDocument {identifier: $id})-[:SETS_TARGET]->(t:Target) SET t.value = 71.0",
                    {"id": SONG_LO})
        assert value(client) == 70  # same counts: only the age limit catches it
        clock.now += 30.1
        assert value(client) == 71


def test_a_store_gone_is_a_503_not_a_kept_answer(store_home):
    server = EmbeddedServer(store_home)
    server.start()
    store = FalkorStore(server.socket, "g", query_timeout_ms=5000)
    load_records(store, FIRST_LOAD())
    clock = Clock()
    with _client(store, clock, check_s=5.0) as client:
        assert client.get(URL).status_code == 200
        os.kill(server.status().pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while server.status().running and time.monotonic() < deadline:
            time.sleep(0.05)
        clock.now += 5.1  # the counts are due: the middleware's check fails, the handler's too
        gone = client.get(URL)
    store.close()
    assert gone.status_code == 503 and gone.headers["content-type"] == "application/problem+json"
    assert "not answering" in gone.json()["detail"]


@pytest.mark.parametrize(("max_entries", "max_bytes", "kept"), [
    pytest.param(3, 2**20, 3, id="entries"),
    pytest.param(1024, 1, 0, id="answer-larger-than-the-budget"),
])
def test_lru_bounds_hold(shared, max_entries, max_bytes, kept):
    with _client(shared, max_entries=max_entries, max_bytes=max_bytes) as client:
        for offset in range(6):
            client.get(URL, params={"offset": offset})
        cache = client.app.state.answer_cache
        assert len(cache) == kept and cache.size_bytes <= max_bytes
        if kept:
            misses = cache.stats.misses
            client.get(URL, params={"offset": 5})  # most recent: kept
            client.get(URL, params={"offset": 0})  # least recent: evicted, kept again
            assert cache.stats.misses == misses + 1 and cache.stats.evictions == 3 + 1


def test_the_byte_budget_evicts_the_least_recently_used(shared):
    with _client(shared) as client:
        size = len(client.get(URL, params={"limit": 10}).content)
    with _client(shared, max_bytes=2 * size + size // 2) as client:
        # Three keys, answers of one length (limits of two digits): room for two.
        pages = [client.get(URL, params={"limit": limit}) for limit in (10, 20, 30)]
        cache = client.app.state.answer_cache
        assert all(len(p.content) == size for p in pages)
        assert len(cache) == 2 and cache.size_bytes == 2 * size and cache.stats.evictions == 1


def test_the_middleware_answers_a_kept_page_without_routing(shared):
    app = create_app(Settings(), shared)
    with TestClient(app) as client:
        kept = client.get(URL, params={"offset": 0})

    async def unreachable(scope, receive, send):
        raise AssertionError(f"routed {scope['path']}?{scope['query_string'].decode()}")

    async def ask(query: bytes) -> list[dict]:
        sent: list[dict] = []

        async def send(message: dict) -> None:
            sent.append(message)

        scope = {"type": "http", "method": "GET", "path": URL, "query_string": query, "app": app}
        await AnswerCacheMiddleware(unreachable)(scope, None, send)
        return sent

    start, body = asyncio.run(ask(b"offset=0"))
    assert start["status"] == 200 and body["body"] == kept.content
    assert (b"content-type", b"application/json") in start["headers"]
    with pytest.raises(AssertionError, match="routed"):  # never asked: left to the app
        asyncio.run(ask(b"offset=1"))


def test_concurrent_misses_share_one_computation(shared):
    app = create_app(Settings(), shared)

    async def burst() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await asyncio.gather(*(client.get(URL) for _ in range(16)))

    responses = asyncio.run(burst())
    assert {r.status_code for r in responses} == {200} and len({r.content for r in responses}) == 1
    assert app.state.answer_cache.stats.misses == 1


REQUESTS = [
    pytest.param(URL, {}, id="first-page"),
    pytest.param(URL, {"limit": 1, "offset": 1}, id="second-page"),
    pytest.param(URL, {"indicator": "incomePerCapita"}, id="indicator"),
    pytest.param(URL, {"level": "district"}, id="level"),
    pytest.param(URL, {"level": "commune"}, id="empty"),
    pytest.param(f"/lineage/{SONG_LO}/targets", {}, id="leaf"),
    pytest.param("/lineage/vn/ubnd-tinh-vinh-phuc/2019/7-kh-ubnd/targets", {}, id="unknown-404"),
    pytest.param(URL, {"limit": 0}, id="bad-limit-422"),
]


@pytest.mark.parametrize(("url", "params"), REQUESTS)
def test_answers_are_the_same_with_and_without_the_cache(shared, url, params):
    with _client(shared, max_entries=0) as off, _client(shared) as on:
        plain = off.get(url, params=params)
        cold, warm = on.get(url, params=params), on.get(url, params=params)
    for response in (cold, warm):  # the warm one is served by the middleware, before routing
        assert (response.status_code, dict(response.headers), response.content) == \
               (plain.status_code, dict(plain.headers), plain.content)
    assert on.app.state.answer_cache.stats.hits == (plain.status_code == 200)
    if plain.status_code != 200:
        assert len(on.app.state.answer_cache) == 0  # errors are not kept
        return
    # And the page is what the graph query gives, through the response model.
    level, indicator = params.get("level"), params.get("indicator")
    doc_id = url.removeprefix("/lineage/").removesuffix("/targets")
    limit, offset = params.get("limit", 100), params.get("offset", 0)
    expected = Page[TargetOut](total=count_derived_targets(shared, doc_id, indicator=indicator, level=level),
                               limit=limit, offset=offset,
                               items=derived_targets(shared, doc_id, indicator=indicator, level=level,
                                                     limit=limit, offset=offset))
    assert json.loads(plain.content) == json.loads(expected.model_dump_json())


@pytest.mark.parametrize(("variable", "value"), [
    pytest.param("POLICYKG_API_CACHE_ENTRIES", "-1", id="entries"),
    pytest.param("POLICYKG_API_CACHE_CHECK_S", "soon", id="check"),
    pytest.param("POLICYKG_API_CACHE_MAX_AGE_S", "0", id="max-age"),
])
def test_bad_cache_settings_are_one_line(monkeypatch, variable, value):
    from policykg.errors import SettingsError
    from policykg.settings import load_settings

    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError, match=variable):
        load_settings()


def test_settings_turn_the_cache_off(monkeypatch, shared):
    monkeypatch.setenv("POLICYKG_API_CACHE_ENTRIES", "0")
    from policykg.settings import load_settings

    app = create_app(load_settings(), shared)
    with TestClient(app) as client:
        client.get(URL), client.get(URL)
    cache = app.state.answer_cache
    assert not cache.enabled and len(cache) == 0 and cache.stats.hits == 0
