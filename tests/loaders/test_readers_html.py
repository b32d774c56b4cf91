"""Reading HTML (readers_html.py): blocks and table rows as lines, chrome dropped, the page kept."""

from __future__ import annotations

import doctest



from policykg.loaders import readers_html
from policykg.loaders.read import SourceText, read_document
from tests.factories import ROOT, SAMPLES
from tests.loaders.doc_factories import (
    sample_sentences,
    to_cp1258,
    to_vni,
)

SENTENCES = sample_sentences()
VNI_SENTENCE = to_vni(
    "Kế hoạch thực hiện Nghị quyết số 12-NQ/TU của Ban Chấp hành Đảng bộ tỉnh về nâng cao "
    "thu nhập và phúc lợi của người dân Vĩnh Phúc đến năm 2025"
)
CORPUS = sorted(SAMPLES.glob("*.txt")) + sorted((ROOT / "tests/documents/dev_corpus").glob("*.md"))


def codes(source: SourceText) -> list[str]:
    return [w.code for w in source.warnings]


PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Cổng thông tin</title>
<style>.x{color:red}</style><script>var menu = "Trang chủ";</script></head>
<body>
<header><a href="/">Trang chủ</a> <a href="/tin">Tin tức</a></header>
<nav class="navbar"><ul><li>Giới thiệu</li><li>Văn bản</li></ul></nav>
<div id="topmenu"><a>Liên hệ</a></div>
<div class="breadcrumb">Trang chủ &gt; Văn bản</div>
<div class="content">
  <h1>KẾ HOẠCH</h1>
  <p>Thực hiện Kết luận số 92-KL/TW<br>ngày 05/11/2020 của Bộ Chính trị</p>
  <table class="meta">
    <tr><td>Số hiệu</td><td>91/KH-UBND</td></tr>
    <tr><th>Cơ quan ban hành</th><td><b>UBND tỉnh</b> Quảng Ninh</td></tr>
  </table>
  <div>I. MỤC ĐÍCH, YÊU CẦU</div>
  <div class="share-box">Chia sẻ Facebook</div>
  <noscript>Bật JavaScript</noscript>
</div>
<aside>Văn bản liên quan</aside>
<form><input value="Tìm kiếm"> Tìm kiếm</form>
<footer>Lượt truy cập: 123456</footer>
</body></html>"""

PAGE_LINES = [
    "KẾ HOẠCH",
    "Thực hiện Kết luận số 92-KL/TW",
    "ngày 05/11/2020 của Bộ Chính trị",
    "Số hiệu | 91/KH-UBND",
    "Cơ quan ban hành | UBND tỉnh Quảng Ninh",
    "I. MỤC ĐÍCH, YÊU CẦU",
]


def test_html_keeps_blocks_and_table_rows_and_drops_chrome():
    source = read_document(PAGE.encode(), "91-kh-ubnd.html")
    assert source.text.split("\n") == PAGE_LINES
    assert (source.format, source.encoding, codes(source)) == ("html", "utf-8", [])


def test_html_article_header_is_content_not_chrome():
    page = ("<html><body><header>Cổng TTĐT</header><main><article><header><h1>KẾ HOẠCH</h1>"
            "</header><p>Thực hiện Kết luận số 92-KL/TW</p></article></main></body></html>")
    assert read_document(page.encode(), "a.html").text == "KẾ HOẠCH\nThực hiện Kết luận số 92-KL/TW"


def test_html_page_wrapped_in_a_form_is_kept():
    # ASP.NET portals wrap the whole page in <form id="aspnetForm">: it is the page, not chrome.
    body = "".join(f"<p>Đoạn {i}: Thực hiện Nghị quyết số 12-NQ/TU</p>" for i in range(5))
    menu = '<div class="menu">Menu</div>'
    page = f'<html><body><form id="aspnetForm">{menu}{body}</form></body></html>'
    lines = read_document(page.encode(), "p.htm").text.split("\n")
    assert lines == [f"Đoạn {i}: Thực hiện Nghị quyết số 12-NQ/TU" for i in range(5)]


def test_html_declared_windows_1258_charset():
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">'
    data = page.encode() + b"</head><body><p>" + to_cp1258(SENTENCES) + b"</p></body></html>"
    source = read_document(data, "p.html")
    assert source.encoding == "windows-1258"
    assert source.text == " ".join(SENTENCES.split())


def test_html_without_doctype_is_found_by_tag_density():
    rows = "".join(f"<tr><td>{i}</td><td>Xã {i}</td></tr>" for i in range(12))
    source = read_document(f"<table>{rows}</table>".encode(), "bang.txt")
    assert source.format == "html" and source.text.split("\n")[0] == "0 | Xã 0"
    assert codes(source) == ["extension_mismatch"]


def test_docstring_examples_run():
    result = doctest.testmod(readers_html, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
