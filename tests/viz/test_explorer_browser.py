"""The explorer in a real browser: Debian's headless Chromium, driven by Playwright, against the
API serving the five samples from a real embedded store.

Every test fails on a console error and on any request that leaves 127.0.0.1, and saves
screenshots under tests/artifacts/explorer/. Without /usr/bin/chromium the tests skip with a
message, except under CI=true, where they fail.
"""

from __future__ import annotations

import os
import re
import shutil

import pytest

from policykg.graph.load import load_records
from policykg.synthetic import generate_cascade
from tests.factories import make_falkor_store, sample_records, short_tempdir
from tests.test_cli import policykg
from tests.viz.harness import (
    chromium,
    chromium_missing_reason,
    click_node,
    serve,
    shot,
    wait_canvas_fits,
    wait_settled,
    watch,
)

VP_12 = "vn/tinh-uy-vinh-phuc/2020/12-nq-tu"
SONG_LO_PLAN = "vn/ubnd-huyen-song-lo/undated/kh-287558f142e7"
INCOME_TARGET = SONG_LO_PLAN + "/target/t1"
DESKTOP = {"width": 1280, "height": 800}
#: The synthetic province of the benchmark: 13 districts, ~165 communes.
PROVINCE, SEED = "Quảng Ninh", 7
NARROW = {"width": 390, "height": 844}


def _need_chromium() -> None:
    reason = chromium_missing_reason()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {reason}; .ci/run installs it")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def samples(embedded_server):
    """The five samples in a graph of the session's embedded store."""
    _need_chromium()
    with make_falkor_store(embedded_server) as store:
        load_records(store, sample_records())
        yield store


@pytest.fixture(scope="module")
def base_url(samples):
    with serve(samples) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    _need_chromium()
    with chromium() as launched:
        yield launched


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN")
    seen = watch(context)
    page = context.new_page()
    yield page, seen
    context.close()
    seen.check()


def test_search_open_vinh_phuc_and_read_a_targets_evidence(base_url, desktop):
    page, seen = desktop
    page.goto(base_url + "/explorer")
    page.get_by_label("Search documents").fill("12-NQ/TU")
    page.keyboard.press("Enter")
    result = page.locator(f'.result[data-id="{VP_12}"]')
    result.wait_for()
    assert "Vĩnh Phúc" in result.inner_text()
    shot(page, "01-search-results")

    result.click()
    wait_settled(page)
    labels = page.evaluate("window.explorer.nodesOf('document').map(n => n.label)")
    assert any("Sông Lô" in label for label in labels), labels
    targets = page.evaluate(f"window.explorer.nodesOf('target').filter(n => n.owner === '{SONG_LO_PLAN}').length")
    assert targets >= 20
    levels = page.evaluate("Object.fromEntries(window.explorer.nodesOf('document').map(n => [n.level, n.color.background]))")
    assert levels["province"] != levels["district"]
    assert page.locator("#comparison table").is_visible()
    shot(page, "02-vinh-phuc-cascade")

    click_node(page, SONG_LO_PLAN)
    page.locator("#panel li.target blockquote.evidence").first.wait_for()
    panel = page.locator("#panel").inner_text()
    assert "Thực hiện Nghị quyết số 12-NQ/TU" in panel and "12-NQ/TU" in panel
    assert page.locator("#panel li.target").count() >= 20
    wait_canvas_fits(page)
    shot(page, "03-song-lo-plan-panel")

    click_node(page, INCOME_TARGET)
    quote = page.locator('#panel[data-kind="target"] blockquote.evidence')
    quote.wait_for()
    assert quote.inner_text() == "Thu nhập bình quân đầu người của huyện đạt trên 60 triệu đồng/người"
    assert "> 60 triệu đồng/người · 2025" in page.locator("#panel").inner_text()
    shot(page, "04-target-evidence")

    before = set(page.evaluate("window.explorer.visibleIds()"))
    page.locator('#level-filter input[value="district"]').uncheck()
    after = set(page.evaluate("window.explorer.visibleIds()"))
    assert SONG_LO_PLAN in before and SONG_LO_PLAN not in after and INCOME_TARGET not in after
    assert VP_12 in after
    assert page.locator("#comparison tbody tr").count() == 0
    shot(page, "05-district-level-hidden")
    page.locator('#level-filter input[value="district"]').check()
    assert SONG_LO_PLAN in page.evaluate("window.explorer.visibleIds()")


def test_fonts_and_assets_come_from_the_app(base_url, desktop):
    page, seen = desktop
    page.goto(f"{base_url}/explorer#doc={VP_12}")
    wait_settled(page)
    assert page.evaluate("document.fonts.check('13px \"DejaVu Sans VN\"', 'ặơư')")
    family = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert family.startswith('"DejaVu Sans VN"')
    loaded = [u for u in seen.requests if "/explorer/static/" in u]
    assert {u.rsplit("/", 1)[-1] for u in loaded} >= {"explorer.js", "explorer.css", "vis-network.min.js",
                                                      "DejaVuSansVN.woff"}
    assert all(u.startswith(base_url) for u in seen.requests)


def test_keyboard_reaches_search_results_and_panel_on_a_narrow_screen(base_url, browser):
    context = browser.new_context(viewport=NARROW, locale="vi-VN")
    seen = watch(context)
    page = context.new_page()
    page.goto(base_url + "/explorer")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")
    page.keyboard.type("nghi quyet 12 vinh phuc")
    page.keyboard.press("Enter")
    page.locator(f'.result[data-id="{VP_12}"]').wait_for()
    for _ in range(30):  # tab on to the result, whatever lies between
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.id") == VP_12:
            break
    page.keyboard.press("Enter")
    wait_settled(page)
    page.locator("#node-list summary").focus()
    page.keyboard.press("Enter")
    page.locator("#node-list").get_by_role("button", name=re.compile("Sông Lô")).focus()
    page.keyboard.press("Enter")
    page.locator("#panel li.target").first.wait_for()
    assert page.evaluate("document.activeElement.id") == "panel-title"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= NARROW["width"], f"the page scrolls sideways: {width}px"
    shot(page, "06-narrow-keyboard", full_page=False)
    page.keyboard.press("Escape")
    assert page.locator("#panel").is_hidden()
    context.close()
    seen.check()


def test_standalone_file_opens_with_no_request_at_all(samples, embedded_server, browser):
    where = short_tempdir()
    try:
        target = where / "cascade.html"
        made = policykg("viz", VP_12, "-o", str(target), home=embedded_server.home,
                        POLICYKG_GRAPH=samples.graph_name)
        assert made.returncode == 0, made.stderr
        assert re.fullmatch(r".*cascade\.html: 2 documents, \d+ nodes, [\d.]+ MB\n", made.stdout)
        html = target.read_text("utf-8")
        assert "http://" not in html.replace("http://www.w3.org/2000/svg", "").split("<script>")[0]
        context = browser.new_context(viewport=DESKTOP)
        seen = watch(context, allow_file=target.as_uri())
        page = context.new_page()
        page.goto(target.as_uri())
        wait_settled(page)
        assert page.locator("#search").is_hidden()
        labels = page.evaluate("window.explorer.nodesOf('document').map(n => n.label)")
        assert any("Sông Lô" in label for label in labels)
        click_node(page, SONG_LO_PLAN)
        page.locator("#panel li.target blockquote.evidence").first.wait_for()
        click_node(page, INCOME_TARGET)
        quote = page.locator('#panel[data-kind="target"] blockquote.evidence')
        quote.wait_for()
        assert "60 triệu đồng/người" in quote.inner_text()
        assert page.evaluate("document.fonts.check('13px \"DejaVu Sans VN\"', 'ặơư')")
        shot(page, "07-standalone-file")
        context.close()
        assert seen.requests == [target.as_uri()], seen.requests
        seen.check()
    finally:
        shutil.rmtree(where, ignore_errors=True)


@pytest.fixture(scope="module")
def province(embedded_server):
    """One synthetic province below its Politburo resolution, served: (base URL, root id)."""
    _need_chromium()
    with make_falkor_store(embedded_server) as store:
        load_records(store, generate_cascade(SEED, province=PROVINCE))
        [root] = store.read("MATCH (d:PolicyDocument {symbol: '16-NQ/TW', level: 'central'}) "
                            "RETURN d.identifier AS id", {})
        with serve(store) as url:
            yield url, root["id"]


def test_a_large_cascade_folds_its_communes_until_a_district_is_opened(province, desktop):
    url, root = province
    page, seen = desktop
    page.goto(f"{url}/explorer#doc={root}")
    wait_settled(page)
    view = page.evaluate("window.explorer.view.stats")
    groups = page.evaluate("window.explorer.nodesOf('group').map(g => ({id: g.id, members: g.members,"
                           " district: g.district}))")
    assert view["nodes_unfolded"] > 300 >= view["nodes"] == len(page.evaluate("window.explorer.visibleIds()"))
    assert len(groups) == 13 and sum(g["members"] for g in groups) == view["folded_documents"] > 150
    assert not page.evaluate("window.explorer.nodesOf('document').filter(n => n.level === 'commune').length")
    assert page.evaluate("window.explorer.network.physics.physicsEnabled") is False
    shot(page, "08-province-folded", full_page=False)

    opened = max(groups, key=lambda g: g["members"])
    settles = page.evaluate("window.explorer.settles")
    click_node(page, opened["id"])
    wait_settled(page, settles)
    communes = page.evaluate("d => window.explorer.nodesOf('document').filter(n => n.level === 'commune'"
                             " && n.district === d).length", opened["district"])
    assert communes == opened["members"]
    assert len(page.evaluate("window.explorer.nodesOf('group')")) == 12
    assert page.evaluate("window.explorer.network.physics.physicsEnabled") is False
    shot(page, "09-province-one-district-opened", full_page=False)
