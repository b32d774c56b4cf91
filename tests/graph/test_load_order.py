"""Loading is idempotent and independent of order; stubs become documents; conflicts are kept."""

from __future__ import annotations

import json
import zlib

import pytest

from policykg.graph.load import load_records, majority_date
from tests.factories import make_falkor_store, make_record, sample_records

VP_12 = "vn/tinh-uy-vinh-phuc/2020/12-nq-tu"


def dump(store) -> tuple[list, list]:
    """Every node and relationship, canonical: evidence lists compared as sets of items."""
    nodes = store.read("MATCH (n) RETURN n.identifier AS id, labels(n) AS labels, properties(n) AS props")
    edges = store.read("MATCH (a)-[r]->(b) RETURN a.identifier AS src, type(r) AS type, b.identifier AS dst, "
                       "properties(r) AS props")

    def canon(props: dict) -> str:
        lists = {k: v for k, v in props.items() if isinstance(v, list)}
        rest = {k: v for k, v in props.items() if not isinstance(v, list)}
        if lists:
            keys = sorted(lists)
            rest["items"] = sorted(zip(*(lists[k] for k in keys)))
        return json.dumps(rest, sort_keys=True, default=str, ensure_ascii=False)

    return (sorted((n["id"], sorted(n["labels"]), canon(n["props"])) for n in nodes),
            sorted((e["src"], e["type"], e["dst"], canon(e["props"])) for e in edges))


def resolution_12_nq_tu():
    """Vĩnh Phúc's 12-NQ/TU itself (a made-up text: the real one is not in the corpus)."""
    text = ("TỈNH ỦY VĨNH PHÚC\nSố 12-NQ/TU\nNGHỊ QUYẾT về nâng cao thu nhập và phúc lợi của người dân "
            "Vĩnh Phúc đến năm 2025.\nThu nhập bình quân đầu người đạt trên 55 triệu đồng/người")
    return make_record(text, symbol="12-NQ/TU", doc_type="NQ", issuer="Tỉnh ủy Vĩnh Phúc", level="province",
                       province="Vĩnh Phúc", issued="2020-03-12",
                       targets=(("Thu nhập bình quân đầu người đạt trên 55 triệu đồng/người", 55,
                                 "triệu đồng/người", 2025),))


def test_second_load_adds_nothing(falkor_store):
    load_records(falkor_store, sample_records())
    again = load_records(falkor_store, sample_records())
    assert again.counters.nodes_created == 0 and again.counters.relationships_created == 0
    assert again.counters.relationships_deleted == 0


def test_reverse_order_gives_the_same_graph(embedded_server):
    with make_falkor_store(embedded_server) as forward, make_falkor_store(embedded_server) as backward:
        load_records(forward, sample_records())
        for record in reversed(sample_records()):
            load_records(backward, [record])
        assert dump(forward) == dump(backward)


@pytest.mark.parametrize("resolution_first", [True, False], ids=["document-then-citer", "citer-then-document"])
def test_a_stub_becomes_its_document_whatever_the_order(embedded_server, resolution_first):
    song_lo = sample_records()[0]
    order = [resolution_12_nq_tu(), song_lo] if resolution_first else [song_lo, resolution_12_nq_tu()]
    with make_falkor_store(embedded_server) as store:
        for record in order:
            load_records(store, [record])
        rows = store.read("MATCH (d:PolicyDocument {symbol: '12-NQ/TU'}) RETURN d.identifier AS id, "
                          "d.source_sha256 AS sha, d.issued AS issued, labels(d) AS labels")
        assert [r["id"] for r in rows] == [VP_12] and rows[0]["sha"] and rows[0]["issued"] == "2020-03-12"
        [derived] = store.read("MATCH (t:Target)-[r:DERIVED_FROM]->(s:Target)<-[:SETS_TARGET]-(:PolicyDocument "
                               "{identifier: $id}) WHERE t.value = 60 RETURN r.comparison AS c, r.ratio AS ratio",
                               {"id": VP_12})
        assert (derived["c"], derived["ratio"]) == ("stricter", 1.0909)


def _citer(province: str, day: str | None, symbol: str = "12-NQ/TU"):
    """A provincial plan citing ``symbol`` with the date ``day`` (None: no date)."""
    text = f"Thực hiện Nghị quyết số {symbol} của Tỉnh ủy, UBND tỉnh {province} ban hành Kế hoạch."
    number = zlib.crc32(f"{province}{day}".encode()) % 900 + 100
    return make_record(text, symbol=f"{number}/KH-UBND", doc_type="KH", issuer=f"UBND tỉnh {province}",
                       level="province", province=province, issued="2020-06-01",
                       citations=((symbol, "implements", day, "province"),))


def test_a_folded_stub_is_no_new_node_on_a_second_load(falkor_store):
    # The undated citation becomes a stub, then is folded into the dated 12-NQ/TU: the first
    # load writes it and removes it again, the second load likewise, and neither is growth.
    records = [_citer("Vĩnh Phúc", "2020-03-12"), _citer("Vĩnh Phúc", None)]
    first = load_records(falkor_store, records)
    before = dump(falkor_store)
    again = load_records(falkor_store, records)
    assert first.counters.nodes_deleted > 0 and first.new_nodes > 0
    assert (again.new_nodes, again.new_relationships) == (0, 0)
    assert dump(falkor_store) == before


def test_conflicting_dates_are_kept_with_their_sources(falkor_store):
    # Two Vĩnh Phúc plans say 12/3/2020, one says 21/3/2020: the stub takes the majority, each
    # citation keeps the date it stated. (Across years of one term too: see the tests below.)
    records = [_citer("Vĩnh Phúc", "2020-03-12"), _citer("Vĩnh Phúc", "2020-03-21"), sample_records()[0]]
    load_records(falkor_store, records)
    stated = sorted(r["d"] for r in falkor_store.read(
        "MATCH ()-[r:IMPLEMENTS]->(d:PolicyDocument {symbol: '12-NQ/TU'}) RETURN r.stated_date AS d"))
    assert stated == ["2020-03-12", "2020-03-12", "2020-03-21"]
    [stub] = falkor_store.read("MATCH (d:PolicyDocument {symbol: '12-NQ/TU'}) RETURN d.issued AS issued, count(*) AS n")
    assert stub == {"issued": "2020-03-12", "n": 1}


def test_three_twelves_are_three_nodes(falkor_store):
    load_records(falkor_store, [*sample_records(), _citer("Quảng Ninh", "2021-02-01")])
    ids = sorted(r["id"] for r in falkor_store.read(
        "MATCH (d:PolicyDocument) WHERE d.symbol IN ['12-NQ/TU', '12-NQ/TW'] RETURN d.identifier AS id"))
    assert ids == ["vn/tinh-uy-quang-ninh/2021/12-nq-tu", VP_12, "vn/trung-uong-dang/2022/12-nq-tw"]


@pytest.mark.parametrize(("stated", "expected"), [
    pytest.param(["2020-03-12", "2019-03-12", "2020-03-12"], "2020-03-12", id="majority"),
    pytest.param(["2020-03-12", "2019-03-12"], "2019-03-12", id="tie-earliest"),
    pytest.param([None, None], None, id="none"),
    pytest.param(["2019-03-12", "2020-03-13", "2020-03-12"], "2020-03-12", id="year-first-then-earliest-day"),
])
def test_majority_date(stated, expected):
    assert majority_date(stated) == expected


@pytest.mark.parametrize("undated_first", [True, False], ids=["undated-then-dated", "dated-then-undated"])
def test_an_undated_citation_joins_the_one_dated_document(embedded_server, undated_first):
    undated = _citer("Vĩnh Phúc", None)
    dated = sample_records()[0]  # cites 12-NQ/TU ngày 12/3/2020
    with make_falkor_store(embedded_server) as store:
        for record in ([undated, dated] if undated_first else [dated, undated]):
            load_records(store, [record])
        rows = store.read("MATCH (c:PolicyDocument)-[:IMPLEMENTS]->(d:PolicyDocument {symbol: '12-NQ/TU'}) "
                          "RETURN d.identifier AS id, count(c) AS citers")
        assert rows == [{"id": VP_12, "citers": 2}]


def test_an_undated_citation_stays_apart_when_the_year_is_ambiguous(falkor_store):
    # 2013 is the 2010-2015 term: another 12-NQ/TU than 2020's, so the undated one could be either.
    records = [_citer("Vĩnh Phúc", None), _citer("Vĩnh Phúc", "2013-05-01"), sample_records()[0]]
    load_records(falkor_store, records)
    ids = sorted(r["id"] for r in falkor_store.read(
        "MATCH (d:PolicyDocument {symbol: '12-NQ/TU'}) RETURN d.identifier AS id"))
    assert ids == ["vn/tinh-uy-vinh-phuc/2013/12-nq-tu", VP_12, "vn/tinh-uy-vinh-phuc/undated/12-nq-tu"]


def _twelves(store, symbol: str = "12-NQ/TU") -> list[dict]:
    return store.read("MATCH (d:PolicyDocument {symbol: $symbol}) OPTIONAL MATCH (c)-[r:IMPLEMENTS]->(d) "
                      "RETURN d.identifier AS id, d.issued AS issued, collect(r.stated_date) AS stated "
                      "ORDER BY id", {"symbol": symbol})


@pytest.mark.parametrize("order", ["as-listed", "reversed", "one-by-one", "one-by-one-reversed"])
def test_a_party_document_cited_with_two_years_of_one_term_is_one_node(embedded_server, order):
    # 12/3/2019 and 12/3/2020 both fall in Vĩnh Phúc's 2015-2020 term, where 12-NQ/TU names one
    # resolution: the majority year keeps the id, every citation keeps the date it stated.
    records = [_citer("Vĩnh Phúc", "2019-03-12"), _citer("Vĩnh Phúc", "2020-03-12"),
               _citer("Vĩnh Phúc", "2020-03-13")]
    records = records[::-1] if "reversed" in order else records
    with make_falkor_store(embedded_server) as store:
        for batch in ([[r] for r in records] if "one-by-one" in order else [records]):
            load_records(store, batch)
        [node] = _twelves(store)
        assert node["id"] == VP_12 and node["issued"] == "2020-03-12"  # two of three say 2020
        assert sorted(node["stated"]) == ["2019-03-12", "2020-03-12", "2020-03-13"]


@pytest.mark.parametrize("document_first", [True, False], ids=["document-first", "citer-first"])
def test_a_citation_with_another_year_of_the_term_joins_the_loaded_document(embedded_server, document_first):
    citer = _citer("Vĩnh Phúc", "2019-03-12")
    order = [resolution_12_nq_tu(), citer] if document_first else [citer, resolution_12_nq_tu()]
    with make_falkor_store(embedded_server) as store:
        for record in order:
            load_records(store, [record])
        assert _twelves(store) == [{"id": VP_12, "issued": "2020-03-12", "stated": ["2019-03-12"]}]


@pytest.mark.parametrize(("first", "second", "symbol"), [
    pytest.param("2016-05-01", "2021-05-01", "12-NQ/TU", id="two-terms"),
    pytest.param("2019-05-01", "2020-09-01", "12-NQ/TU", id="congress-season-is-ambiguous"),
    pytest.param("2022-05-01", "2023-05-01", "92/KH-UBND", id="state-numbering-is-yearly"),
])
def test_two_years_that_may_be_two_documents_stay_two_nodes(falkor_store, first, second, symbol):
    load_records(falkor_store, [_citer("Vĩnh Phúc", first, symbol), _citer("Vĩnh Phúc", second, symbol)])
    assert [n["issued"] for n in _twelves(falkor_store, symbol)] == [first, second]


def test_a_parent_target_without_a_counterpart_is_reported_dropped(falkor_store):
    from policykg.graph.queries.indicator_table import indicator_table

    parent_text = ("Số 7/KH-UBND. Thu nhập bình quân đầu người đạt 80 triệu đồng/người. "
                   "Tỷ lệ hộ nghèo đạt 1,5%.")
    parent = make_record(parent_text, symbol="7/KH-UBND", doc_type="KH", level="province", province="Vĩnh Phúc",
                         issued="2021-01-05", targets=(
                             ("Thu nhập bình quân đầu người đạt 80 triệu đồng/người", 80, "triệu đồng/người", 2025),
                             ("Tỷ lệ hộ nghèo đạt 1,5%", 1.5, "%", 2025)))
    child_text = "Thực hiện Kế hoạch số 7/KH-UBND. Thu nhập bình quân đầu người đạt 70 triệu đồng/người."
    child = make_record(child_text, symbol="3/KH-UBND", doc_type="KH", level="district", province="Vĩnh Phúc",
                        district="Sông Lô", issued="2021-03-01",
                        citations=(("7/KH-UBND", "implements", "2021-01-05", "province"),),
                        targets=(("Thu nhập bình quân đầu người đạt 70 triệu đồng/người", 70, "triệu đồng/người", 2025),))
    load_records(falkor_store, [child, parent])
    table = {i["indicator"]: i["rows"] for i in indicator_table(falkor_store, "vn/ubnd-tinh-vinh-phuc/2021/7-kh-ubnd")["indicators"]}
    income = [r for r in table["incomePerCapita"] if r["document"]["id"] == "vn/ubnd-huyen-song-lo/2021/3-kh-ubnd"]
    assert income[0]["status"] == "set" and income[0]["derived_from"]["comparison"] == "looser"
    assert income[0]["derived_from"]["ratio"] == 0.875
    [dropped] = [r for r in table["povertyRate"] if r["status"] == "dropped"]
    assert dropped["document"]["id"] == "vn/ubnd-huyen-song-lo/2021/3-kh-ubnd"
