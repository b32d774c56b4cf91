"""Reading HTML: the visible body text of a page, one line per block, one per table row.

Decisions:

* **Content decides.** Decoded text is HTML when it starts like a page (``<!doctype html>``,
  ``<html>``, after blanks, comments or an XML declaration) or is dense with structural tags;
  Markdown with a few ``<br>`` stays Markdown.
* **Structure survives as lines:** blocks become lines, table rows become lines with cells
  joined by `` | `` (the normalizer turns metadata tables into metadata), in document order.
* **Chrome goes, the page stays.** Portal chrome (menus, breadcrumbs, footers, share bars) is
  dropped by tag, role and class/id, but never an element holding most of the page's text
  (ASP.NET wraps whole pages in a ``<form>``); an article's own header is its title, not chrome.

Example:
    >>> page = ("<html><body><nav>Trang chủ</nav><h1>KẾ HOẠCH</h1>"
    ...         "<table><tr><td>Số hiệu</td><td>91/KH-UBND</td></tr></table></body></html>")
    >>> html_to_text(page, "kh.html")
    'KẾ HOẠCH\\nSố hiệu | 91/KH-UBND'
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from policykg.loaders.reader_errors import describe_error
from policykg.loaders.readers_text import SNIFF_BYTES

from policykg.errors import DocumentError

if TYPE_CHECKING:  # for annotations only; the readers import lxml when they run
    from lxml import etree

#: Text is HTML without a ``<!doctype>``/``<html>`` start when it has this many HTML tags ...
HTML_MIN_TAGS = 20

#: ... at this density (tags per 1,000 characters): Markdown with a few ``<br>`` stays Markdown.
HTML_MIN_TAGS_PER_1000_CHARS = 5.0

#: A chrome-looking element (menu, form, footer) holding more than this share of the page's text
#: is the page itself, not chrome, and is kept.
CHROME_MAX_TEXT_SHARE = 0.5

# The start of an HTML page, after blanks, comments and an XML declaration.
_HTML_START = re.compile(
    r"""\A(?: \s | <!--.*?--> | <\?xml[^>]*> )*    # skippable prelude
        <(?: !doctype\s+html | html | head | body )\b   # the page's first real tag
    """,
    re.I | re.S | re.X,
)

# Structural HTML tags. Inline ones (<br>, <b>, <a>, <img>) are left out: scraped Markdown
# tables are full of <br>, and that does not make them web pages.
_HTML_TAG = re.compile(
    r"""</? (?: p | div | span | table | tbody | tr | td | th | li | ul | ol
              | h[1-6] | font | meta | link | script | style )
        \b [^<>]* >                                # attributes up to the closing bracket
    """,
    re.I | re.X,
)

_XML_DECLARATION = re.compile(r"\A\s*<\?xml[^>]*>", re.I)

# Characters XML (and so lxml) refuses in a document: C0 controls but tab and line ends.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def is_html(text: str) -> bool:
    """Whether decoded text is a web page: it starts like one, or is dense with structural tags.

    Example: ``"<!DOCTYPE html><html>…"`` is; Markdown with a few ``<br>`` in table cells is not.
    """
    head = text[:SNIFF_BYTES]
    if _HTML_START.match(head):
        return True
    sample = text[: SNIFF_BYTES * 16]
    tags = len(_HTML_TAG.findall(sample))
    return tags >= HTML_MIN_TAGS and tags * 1000 >= HTML_MIN_TAGS_PER_1000_CHARS * len(sample)


# Elements that never hold document text.
_DROP_ALWAYS = frozenset(
    "script style noscript template head title iframe object embed svg canvas select button "
    "input textarea".split()
)

# Page furniture: dropped unless it holds most of the page (see CHROME_MAX_TEXT_SHARE).
_CHROME_TAGS = frozenset("nav header footer aside form menu".split())

_CHROME_ROLES = frozenset("navigation banner contentinfo complementary search menu menubar".split())

# class/id names of portal chrome: "main-menu", "topmenu", "navbar", "breadcrumb", "share-box".
_CHROME_NAME = re.compile(
    r"""(?: ^ | [\s_-] | top | left | right | main | sub | mega | mobile | site )  # a word start
        (?: menu | nav | breadcrumb | footer | sidebar | banner | share | social | comment
          | cookie | advert )""",
    re.I | re.X,
)

# Elements that end a line before and after them.
_BLOCK_TAGS = frozenset(
    "p div section article main h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre table thead "
    "tbody tfoot caption center address figure figcaption hr body html fieldset legend".split()
)


def html_to_text(text: str, name: str) -> str:
    """The visible body text of a page: one line per block, one per table row.

    Raises:
        DocumentError: lxml cannot read the page, or it is nested too deeply.
    """
    # lxml is imported by the first page only: is_html sniffs every text without it.
    import lxml.html
    from lxml import etree

    try:
        page = _XML_ILLEGAL.sub("", _XML_DECLARATION.sub("", text, count=1))
        root = lxml.html.document_fromstring(page)
    except (etree.LxmlError, ValueError) as exc:
        raise DocumentError(
            f"{name} is not readable HTML ({describe_error(exc)}); re-save the page"
        ) from None
    body = root.find(".//body")
    body = root if body is None else body
    lines = _Lines(total=len("".join(body.itertext()).split()) or 1)
    try:
        lines.walk(body)
    except RecursionError:
        raise DocumentError(f"{name} is HTML nested too deeply to read; re-save the page") from None
    return "\n".join(lines.finish())


class _Lines:
    """Collects an HTML tree's text as lines: blocks break lines, rows become ``a | b``."""

    def __init__(self, total: int) -> None:
        self.total = total  # words in the page, for the chrome share guard
        self.lines: list[str] = []
        self.current: list[str] = []

    def walk(self, el: etree._Element) -> None:
        tag = el.tag.lower() if isinstance(el.tag, str) else None
        if tag is not None and not self._dropped(el, tag):
            if tag == "br":
                self.flush()
            elif tag == "tr":
                self.flush()
                self.lines.append(" | ".join(self._cell_text(c) for c in el if _is_cell(c)))
            else:
                self._walk_children(el, block=tag in _BLOCK_TAGS)
        self.add(el.tail)  # a dropped element's tail is still page text

    def _walk_children(self, el: etree._Element, block: bool) -> None:
        if block:
            self.flush()
        self.add(el.text)
        for child in el:
            self.walk(child)
        if block:
            self.flush()

    def _dropped(self, el: etree._Element, tag: str) -> bool:
        if tag in _DROP_ALWAYS:
            return True
        if not _looks_like_chrome(el, tag):
            return False
        words = len(" ".join(el.itertext()).split())
        return words <= CHROME_MAX_TEXT_SHARE * self.total

    def _cell_text(self, cell: etree._Element) -> str:
        # The cell's blocks join into one line, so the row stays one line.
        inner = _Lines(self.total)
        inner._walk_children(cell, block=False)
        return " ".join(" ".join(inner.finish()).split())

    def add(self, text: str | None) -> None:
        if text:
            self.current.append(text)

    def flush(self) -> None:
        line = " ".join("".join(self.current).split())
        if line:
            self.lines.append(line)
        self.current = []

    def finish(self) -> list[str]:
        self.flush()
        return [line for line in self.lines if line.strip(" |")]


def _looks_like_chrome(el: etree._Element, tag: str) -> bool:
    if tag in ("header", "footer") and next(el.iterancestors("article", "main"), None) is not None:
        return False  # an article's own header holds its title, not the portal's
    if tag in _CHROME_TAGS or el.get("role", "").lower() in _CHROME_ROLES:
        return True
    names = f"{el.get('class', '')} {el.get('id', '')}"
    return bool(_CHROME_NAME.search(names))


def _is_cell(el: etree._Element) -> bool:
    return isinstance(el.tag, str) and el.tag.lower() in ("td", "th")
