"""GET /documents: the search people type, on the five samples, through the real app and store;
and properties of the index on synthetic documents."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.api.main import create_app
from policykg.graph.load import load_records
from policykg.graph.queries.search import DocumentIndex, IndexCache, search_documents, words_of
from policykg.settings import Settings
from tests.factories import make_record

VP_12 = "vn/tinh-uy-vinh-phuc/2020/12-nq-tu"
SONG_LO = "vn/ubnd-huyen-song-lo/undated/kh-287558f142e7"
CAU_NGANG = "vn/ubnd-huyen-cau-ngang/2022/92-kh-ubnd"
QN_91 = "vn/ubnd-tinh-quang-ninh/2021/91-kh-ubnd"


@pytest.fixture(scope="module")
def client(samples_store):
    with TestClient(create_app(Settings(), samples_store)) as c:
        yield c


@pytest.mark.parametrize(("params", "first", "absent"), [
    pytest.param({"q": "nghi quyet 12 vinh phuc"}, VP_12, "vn/trung-uong-dang/2022/12-nq-tw", id="issue-example"),
    pytest.param({"q": "Nghị quyết 12 Vĩnh Phúc"}, VP_12, None, id="with-diacritics"),
    pytest.param({"q": "12-NQ/TU"}, VP_12, None, id="symbol"),
    pytest.param({"q": "12 nq tu"}, VP_12, None, id="symbol-spaced"),
    pytest.param({"q": "song lo"}, SONG_LO, None, id="place-before-prefix-match"),
    pytest.param({"q": "ke hoach cau ngang"}, CAU_NGANG, None, id="type-and-place"),
    pytest.param({"q": "KẾ HOẠCH CẦU NGANG"}, CAU_NGANG, None, id="upper-case"),
    pytest.param({"q": "quang ninh", "doc_type": "KH", "level": "province"}, QN_91, None, id="filters"),
    pytest.param({"q": "vinh ph"}, None, QN_91, id="last-word-is-a-prefix"),
    pytest.param({"q": "", "province": "Tra Vinh"}, None, VP_12, id="province-filter-alone"),
])
def test_search_finds_what_people_type(client, params, first, absent):
    response = client.get("/documents", params=params)
    assert response.status_code == 200
    page = response.json()
    ids = [d["id"] for d in page["items"]]
    assert page["total"] >= len(ids) > 0
    if first:
        assert ids[0] == first, ids
    if absent:
        assert absent not in ids


def test_numbers_match_whole_words(client):
    ids = {d["id"] for d in client.get("/documents", params={"q": "12", "limit": 200}).json()["items"]}
    assert VP_12 in ids
    assert not any("/120-" in i or "/1238-" in i for i in ids)


def test_every_word_must_match(client):
    assert client.get("/documents", params={"q": "vinh phuc quang ninh"}).json()["total"] == 0


def test_pages_and_totals(client):
    whole = client.get("/documents", params={"limit": 200}).json()
    page = client.get("/documents", params={"limit": 5, "offset": 10}).json()
    assert page["total"] == whole["total"] > 15
    assert [d["id"] for d in page["items"]] == [d["id"] for d in whole["items"][10:15]]
    assert whole["items"][0]["loaded"], "loaded documents come before ones known from citations"


def test_hits_carry_issuer_and_place(client):
    [hit, *_] = client.get("/documents", params={"q": "92/KH-UBND cau ngang"}).json()["items"]
    assert hit["id"] == CAU_NGANG and hit["place"] == "Cầu Ngang" and hit["province"] == "Trà Vinh"
    assert "Cầu Ngang" in (hit["issuer"] or "")


@pytest.mark.parametrize(("params", "fragment"), [
    pytest.param({"level": "village"}, "level", id="bad-level"),
    pytest.param({"limit": 0}, "limit", id="zero-limit"),
    pytest.param({"limit": 10_000}, "limit", id="huge-limit"),
    pytest.param({"year": "last"}, "year", id="bad-year"),
    pytest.param({"q": "x" * 300}, "q", id="long-query"),
])
def test_bad_parameters_are_422(client, params, fragment):
    response = client.get("/documents", params=params)
    assert response.status_code == 422
    assert fragment in response.json()["detail"]


def _plan(number: int) -> object:
    symbol = f"{number}/KH-UBND"
    return make_record(f"Kế hoạch số {symbol} thực hiện chương trình.", symbol=symbol,
                       doc_type="KH", issuer="UBND tỉnh Vĩnh Phúc", level="province",
                       province="Vĩnh Phúc", issued="2024-05-02")


def test_the_index_follows_a_load(falkor_store):
    cache = IndexCache()
    load_records(falkor_store, [_plan(777)])
    assert search_documents(falkor_store, "ke hoach 778", cache=cache)["total"] == 0
    load_records(falkor_store, [_plan(778)])
    after = search_documents(falkor_store, "ke hoach 778 vinh phuc", cache=cache)
    assert after["total"] == 1 and after["items"][0]["symbol"] == "778/KH-UBND"


# -- the index alone, on made-up documents ----------------------------------------------------

NAMES = st.sampled_from(["Vĩnh Phúc", "Sông Lô", "Đắk Lắk", "Hòa Bình", "Quảng Ninh", "Cầu Ngang"])


def _doc(i: int, place: str, number: int) -> dict:
    return {"id": f"d{i}", "symbol": f"{number}-NQ/TU", "title": f"Nghị quyết về {place}",
            "name": None, "level": "province", "issued": None, "document_type": "NQ",
            "loaded": True, "issuer": f"Tỉnh ủy {place}", "place": place, "province": place}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(NAMES, st.integers(1, 999)), min_size=1, max_size=20), st.data())
def test_any_document_is_found_by_its_own_words(docs, data):
    index = DocumentIndex()
    for i, (place, number) in enumerate(docs):
        index.add(_doc(i, place, number))
    index.vocabulary = sorted(index.postings)
    i = data.draw(st.integers(0, len(docs) - 1))
    place, number = docs[i]
    words = words_of(f"{number} {place}")
    found = set(index.matches(words[0], prefix=False))
    for word in words[1:]:
        found &= set(index.matches(word, prefix=False))
    assert i in found
    assert all(str(number) in index.docs[j]["symbol"].split("-")[0] for j in found)
