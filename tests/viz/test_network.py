"""The explorer's pure parts: the network a cascade becomes (folding, colours, shapes, labels,
layout), the comparison table, the page and its assets. No store, no browser."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from policykg.viz import network as nw
from policykg.viz.layout import ROW_SPACING, place
from policykg.viz.page import ASSETS, asset, render_live, render_standalone
from policykg.viz.style import (
    KIND_SHAPES,
    LEVEL_COLOURS,
    LEVELS,
    MIN_CONTRAST,
    contrast,
    text_colour,
)
from policykg.viz.table import comparison_rows
from policykg.errors import NotFound
from tests.factories import ROOT

PROVINCE_DOC = {"id": "vn/tinh-uy-quang-ninh/2020/32-ctr-tu", "symbol": "32-CTr/TU", "level": "province",
                "loaded": True, "document_type": "CTr", "title": "Chương trình hành động"}


def _doc(i: int, level: str, depth: int) -> dict:
    return {"id": f"vn/doc/{level}/{i}", "symbol": f"{i}/KH-UBND", "level": level, "depth": depth,
            "loaded": True, "document_type": "KH"}


def _context(doc: dict, *, district: str | None, issuer: bool = True, unit: bool = True) -> dict:
    ctx = {"province": "Quảng Ninh", "district": district, "district_name": district and district[-4:],
           "indicators": {}}
    if unit:
        ctx.update(unit=f"vn/unit/{doc['id']}", unit_name=f"Xã {doc['id'][-3:]}", unit_level=doc["level"])
    if issuer:
        ctx.update(issuer=f"vn/org/{doc['id']}", issuer_name="Ủy ban nhân dân", issuer_level=doc["level"])
    return ctx


def province_facts(communes: int, bare: int = 0) -> nw.Facts:
    """A province document, two district plans, and ``communes`` commune programmes (each with
    a place and no issuer), ``bare`` of them with no place either. The first view draws
    3 + 2 x 3 + 2 x communes + 1 x bare nodes."""
    districts = [_doc(i, "district", 1) for i in range(2)]
    docs, edges = list(districts), [{"source": d["id"], "target": PROVINCE_DOC["id"], "relation": "implements"}
                                    for d in districts]
    context = {PROVINCE_DOC["id"]: _context(PROVINCE_DOC, district=None)}
    context.update({d["id"]: _context(d, district=f"vn/unit/d{d['id'][-1]}") for d in districts})
    for i in range(communes + bare):
        parent = districts[i % 2]
        doc = _doc(i, "commune", 2)
        docs.append(doc)
        edges.append({"source": doc["id"], "target": parent["id"], "relation": "implements"})
        context[doc["id"]] = _context(doc, district=f"vn/unit/d{parent['id'][-1]}", issuer=False,
                                      unit=i < communes)
    return nw.Facts(root=PROVINCE_DOC, documents=docs, edges=edges, context=context)


@pytest.mark.parametrize(("communes", "bare", "nodes", "folded"), [
    pytest.param(145, 0, 299, False, id="299-nodes-drawn-whole"),
    pytest.param(145, 1, 300, False, id="300-nodes-drawn-whole"),
    pytest.param(146, 0, 301, True, id="301-nodes-fold-communes"),
    pytest.param(400, 0, 809, True, id="809-nodes-fold-communes"),
])
def test_communes_fold_by_district_above_300_nodes(communes, bare, nodes, folded):
    view = nw.build_view(province_facts(communes, bare))
    assert view["stats"]["nodes_unfolded"] == nodes
    assert view["collapsed"] is folded
    kinds = [n["kind"] for n in view["nodes"]]
    if not folded:
        assert len(view["nodes"]) == nodes and "group" not in kinds
        return
    groups = [n for n in view["nodes"] if n["kind"] == "group"]
    assert sorted(g["id"] for g in groups) == view["groups"] == ["group:vn/unit/d0", "group:vn/unit/d1"]
    assert sum(g["members"] for g in groups) == communes + bare == view["stats"]["folded_documents"]
    assert not any(n["kind"] == "document" and n["level"] == "commune" for n in view["nodes"])
    assert len(view["nodes"]) == 3 + 6 + 2 <= nw.COLLAPSE_ABOVE
    group_edges = {(e["from"], e["to"]): e["label"] for e in view["edges"] if e["from"].startswith("group:")}
    assert group_edges == {("group:vn/unit/d0", "vn/doc/district/0"): f"implements ×{(communes + bare + 1) // 2}",
                           ("group:vn/unit/d1", "vn/doc/district/1"): f"implements ×{(communes + bare) // 2}"}


def test_opening_a_group_shows_its_communes_and_removes_it():
    facts = province_facts(146)
    content = nw.group_content(facts, "group:vn/unit/d1")
    docs = [n for n in content["nodes"] if n["kind"] == "document"]
    assert content["remove"] == ["group:vn/unit/d1"]
    assert len(docs) == 73 and all(d["district"] == "vn/unit/d1" for d in docs)
    assert {e["to"] for e in content["edges"] if e["relation"] == "implements"} == {"vn/doc/district/1"}
    assert sum(n["kind"] == "place" for n in content["nodes"]) == 73


@pytest.mark.parametrize("documents", [1, nw.AUTO_EXPAND_DOCUMENTS - 1, nw.AUTO_EXPAND_DOCUMENTS + 1])
def test_small_cascades_open_expanded(documents):
    facts = province_facts(documents - 3) if documents >= 3 else nw.Facts(PROVINCE_DOC, [], [], {})
    expanded = nw.auto_expanded(facts)
    total = len(facts.all_documents())
    assert expanded == ([d["id"] for d in facts.all_documents()] if total <= nw.AUTO_EXPAND_DOCUMENTS
                        else [PROVINCE_DOC["id"]])


@pytest.mark.parametrize("level", LEVELS)
def test_documents_are_coloured_by_level_with_readable_labels(level):
    node = nw.document_node({**_doc(1, level, 1)}, None)
    fill = node["color"]["background"]
    assert fill == LEVEL_COLOURS[level]
    assert node["font"]["color"] == text_colour(fill)
    assert contrast(fill, node["font"]["color"]) >= MIN_CONTRAST
    assert contrast(node["color"]["border"], "#FFFFFF") >= 3, "a node's outline must stand out on white"


def test_levels_have_distinct_colours_and_kinds_distinct_shapes():
    assert len(set(LEVEL_COLOURS.values())) == len(LEVELS)
    assert len(set(KIND_SHAPES.values())) == len(KIND_SHAPES)
    facts = province_facts(2)
    facts.expansions[PROVINCE_DOC["id"]] = nw.Expansion(
        targets=[{"id": "t1", "value": 60.0, "unit": "triệu đồng/người", "comparator": ">", "year": 2025}],
        agencies=[{"id": "vn/org/so-y-te", "name": "Sở Y tế", "level": "province", "tasks": 3}])
    view = nw.build_view(facts)
    shapes = {n["kind"]: n["shape"] for n in view["nodes"]}
    assert shapes == {k: KIND_SHAPES[k] for k in ("document", "place", "agency", "target")}
    relations = {e["relation"]: e["label"] for e in view["edges"]}
    assert relations == {"implements": "implements", "applies_to": "applies to", "issued_by": "issued by",
                         "sets_target": "sets target", "lead_agency": "leads 3 tasks"}


def test_a_stub_is_dashed_and_the_root_stands_out():
    stub = nw.document_node({**PROVINCE_DOC, "loaded": False}, None, root=True)
    read = nw.document_node(_doc(2, "district", 1), None)
    assert stub["shapeProperties"]["borderDashes"] and not read["shapeProperties"]["borderDashes"]
    assert stub["borderWidth"] > read["borderWidth"]
    assert None not in stub.values(), "a null option is a value to vis-network"


@pytest.mark.parametrize(("target", "text"), [
    pytest.param({"value": 60.0, "unit": "triệu đồng/người", "comparator": ">", "year": 2025},
                 "> 60 triệu đồng/người · 2025", id="above"),
    pytest.param({"value": 87.5, "unit": "%", "comparator": ">=", "year": None}, "≥ 87.5 %", id="at-least"),
    pytest.param({"value": 85.0, "value_max": 90.0, "unit": "%", "comparator": "range", "year": 2030},
                 "85–90 % · 2030", id="range"),
    pytest.param({"value": 27026.0, "unit": "người", "comparator": "=", "year": 2025}, "27026 người · 2025",
                 id="equal"),
    pytest.param({"value": None, "unit": None, "year": 2030}, " · 2030", id="no-value"),
])
def test_target_figures(target, text):
    assert nw.figure(target) == text


def test_a_derived_target_is_ringed_and_linked_by_its_comparison():
    target = {"id": "t2", "value": 65.0, "unit": "triệu đồng/người", "comparator": ">", "year": 2025,
              "indicator": {"id": "incomePerCapita", "name": "Thu nhập bình quân đầu người"},
              "derived_from": {"target": "t1", "comparison": "stricter", "ratio": 1.08},
              "evidence": {"quote": "Thu nhập bình quân đầu người đạt trên 65 triệu đồng", "sha256": "ab",
                           "span": [1, 9]}}
    nodes, edges = nw.expansion_elements(_doc(3, "district", 1), None, nw.Expansion(targets=[target]))
    assert nodes[0]["label"] == "Thu nhập bình quân đầu …\n> 65 triệu đồng/người · 2025"
    assert nodes[0]["color"]["border"] == nw.COMPARISON_EDGE_COLOURS["stricter"]
    assert nodes[0]["info"]["evidence"]["quote"].startswith("Thu nhập")
    derived = [e for e in edges if e["relation"] == "derived_from"]
    assert [(e["from"], e["to"], e["label"]) for e in derived] == [("t2", "t1", "derives from · stricter")]


def test_lead_agencies_are_capped():
    agencies = [{"id": f"vn/org/{i}", "name": f"Phòng {i}", "level": "district", "tasks": 9 - i} for i in range(12)]
    nodes, _ = nw.expansion_elements(_doc(3, "district", 1), None, nw.Expansion(agencies=agencies))
    assert [n["id"] for n in nodes] == [a["id"] for a in agencies[:nw.MAX_LEAD_AGENCIES]]


def test_layout_puts_the_cascade_top_down_and_attachments_round_their_document():
    view = nw.build_view(province_facts(4))
    by_id = {n["id"]: n for n in view["nodes"]}
    assert all("x" in n and "y" in n for n in view["nodes"])
    assert by_id[PROVINCE_DOC["id"]]["y"] == 0
    assert {by_id[f"vn/doc/district/{i}"]["y"] for i in range(2)} == {ROW_SPACING}
    assert {by_id[f"vn/doc/commune/{i}"]["y"] for i in range(4)} == {2 * ROW_SPACING}
    place_node, doc = by_id["vn/unit/vn/doc/commune/0"], by_id["vn/doc/commune/0"]
    assert abs(place_node["x"] - doc["x"]) + abs(place_node["y"] - doc["y"]) <= 2 * 90
    again = nw.build_view(province_facts(4))
    assert [(n["x"], n["y"]) for n in again["nodes"]] == [(n["x"], n["y"]) for n in view["nodes"]]


def test_layout_leaves_unlinked_nodes_alone():
    nodes = [{"id": "a", "kind": "agency"}]
    place(nodes, [], {})
    assert "x" not in nodes[0]


def test_comparison_rows_quote_parent_values_and_drops():
    parent = {"status": "set", "depth": 0, "id": "p/t1", "value": 60.0, "unit": "triệu đồng/người",
              "comparator": ">", "year": 2025, "document": {"id": "p", "level": "province"},
              "derived_from": None, "evidence": {"quote": "đạt trên 60 triệu"}}
    child = {**parent, "depth": 1, "id": "c/t1", "value": 65.0, "document": {"id": "c", "level": "district"},
             "derived_from": {"target": "p/t1", "comparison": "stricter", "ratio": 1.08}}
    outside = {**child, "id": "c/t2", "derived_from": {"target": "above/t9", "comparison": "looser", "ratio": 0.9}}
    dropped = {"status": "dropped", "depth": 1, "document": {"id": "d", "level": "district"}, "parent": "p"}
    table = {"indicators": [{"indicator": "incomePerCapita", "name": "Thu nhập",
                             "rows": [parent, child, outside, dropped]}]}
    [block] = comparison_rows(table, {"above/t9": {"value": 70.0, "unit": "triệu đồng/người",
                                                   "comparator": ">", "year": 2025}})
    rows = [(r["status"], r["parent_value"], r["value"]) for r in block["rows"]]
    assert rows == [("set", None, "> 60 triệu đồng/người · 2025"),
                    ("stricter", "> 60 triệu đồng/người · 2025", "> 65 triệu đồng/người · 2025"),
                    ("looser", "> 70 triệu đồng/người · 2025", "> 65 triệu đồng/người · 2025"),
                    ("dropped", "> 60 triệu đồng/người · 2025", None)]
    assert block["counts"] == {"stricter": 1, "looser": 1, "dropped": 1, "set": 1}
    assert len({r["colour"] for r in block["rows"]}) == 4


def _vietnamese_alphabet() -> set[str]:
    vowels = "aăâeêioôơuưy"
    marks = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
    letters = {unicodedata.normalize("NFC", v + m) for v in vowels + vowels.upper() for m in marks}
    return letters | set("đĐ₫–…·≥≤≈×") | {chr(c) for c in range(0x20, 0x7F)}


@pytest.mark.parametrize("name", ["fonts/DejaVuSansVN.woff", "fonts/DejaVuSansVN-Bold.woff"])
def test_the_font_has_every_vietnamese_letter(name):
    path = Path(__file__).resolve().parents[2] / "viz" / "static" / name
    cmap = TTFont(path).getBestCmap()
    missing = sorted(c for c in _vietnamese_alphabet() if ord(c) not in cmap)
    assert not missing, f"{name} lacks {missing}"


def test_the_live_page_links_only_its_own_assets():
    html = render_live()
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls and all(u.startswith("/explorer/static/") or u in ("#search-input", "data:,") for u in urls), urls
    assert "cdn" not in html.lower() and "bootstrap" not in html.lower()
    config = json.loads(re.search(r'id="explorer-config" type="application/json">(.*?)</script>', html, re.S)[1])
    assert config["mode"] == "live" and config["collapseAbove"] == nw.COLLAPSE_ABOVE


def test_the_standalone_page_carries_everything_and_escapes_its_data():
    tricky = {"/explorer/cascade/x": {"title": "</script><script>alert(1)</script> <!-- x"}}
    html = render_standalone("x", tricky, "Quyết định <b>1</b>")
    assert html.count("</script>") == 3, "config, vis-network and explorer.js end where they should"
    assert "<title>Quyết định &lt;b&gt;1&lt;/b&gt;</title>" in html
    assert "url(\"data:font/woff;base64," in html and 'url("fonts/' not in html
    assert "default-src 'none'" in html and "connect-src" not in html
    data = re.search(r'id="explorer-config" type="application/json">(.*?)</script>', html, re.S)[1]
    assert json.loads(data)["bundle"] == tricky


@pytest.mark.parametrize("name", ["../network.py", "static/explorer.js", "fonts", "", "explorer.js/.."])
def test_only_listed_assets_are_served(name):
    with pytest.raises(NotFound):
        asset(name)


def test_every_asset_is_there_and_vis_network_is_pyvis_copy():
    assert all(asset(name) for name in ASSETS)
    shipped = (ROOT / ".venv/lib/python3.11/site-packages/pyvis/lib/vis-9.1.2/vis-network.min.js")
    if shipped.exists():  # the vendored file is pyvis' own, less its source-map comment
        original = shipped.read_bytes().rstrip(b"\n")
        assert original.endswith(b"//# sourceMappingURL=vis-network.min.js.map")
        assert asset("vis-network.min.js").rstrip(b"\n") == original.rsplit(b"\n", 1)[0]
    assert b"MIT License" in asset("LICENSE-vis-network.txt")
    assert b"Bitstream" in asset("fonts/LICENSE.txt")
