"""The explorer's page: one template, served live by the API or written as one standalone file.

Live, the page links its script, style sheet and fonts under ``/explorer/static`` and fetches
its JSON from the API. Standalone (``policykg viz ID -o cascade.html``), the same template gets
the assets inlined (fonts as ``data:`` URLs) and every answer the page would fetch embedded
(``explorer.bundle``), under a Content-Security-Policy that forbids any request at all. No
asset comes from a CDN: pyvis' own template pulls vis-network's CSS and Bootstrap from the
network even with ``cdn_resources='local'``, so the page is ours and vis-network is vendored in
``viz/static`` with its licence.

Example:
    >>> html = render_live()
    >>> '/explorer/static/explorer.js' in html and 'cdn' not in html.lower()
    True
"""

from __future__ import annotations

import base64
import json
import os
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from string import Template

from policykg.errors import ExportError, NotFound
from policykg.viz.network import COLLAPSE_ABOVE, VIS_OPTIONS
from policykg.viz.style import FONT_FAMILY, LEVEL_NAMES, legend

#: Files the app serves under /explorer/static, with their media types.
ASSETS = {
    "explorer.css": "text/css; charset=utf-8",
    "explorer.js": "text/javascript; charset=utf-8",
    "vis-network.min.js": "text/javascript; charset=utf-8",
    "fonts/DejaVuSansVN.woff": "font/woff",
    "fonts/DejaVuSansVN-Bold.woff": "font/woff",
    "fonts/LICENSE.txt": "text/plain; charset=utf-8",
    "LICENSE-vis-network.txt": "text/plain; charset=utf-8",
}
STATIC_PREFIX = "/explorer/static/"
#: The live page may load from its own origin only; vis-network sets inline styles on its elements.
LIVE_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            "font-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
            "form-action 'self'")
#: The header also says who may frame the page (a <meta> policy cannot).
LIVE_CSP_HEADER = LIVE_CSP + "; frame-ancestors 'none'"
#: The standalone file may load nothing: every byte it needs is inside it.
STANDALONE_CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                  "font-src data:; img-src data:; base-uri 'none'; form-action 'none'")
FONT_FILES = ("fonts/DejaVuSansVN.woff", "fonts/DejaVuSansVN-Bold.woff")


@lru_cache(maxsize=None)
def asset(name: str) -> bytes:
    """The bytes of a static asset, read from the installed package.

    Raises:
        NotFound: ``name`` is not one of ASSETS (nothing else under the package is served).
    """
    if name not in ASSETS:
        raise NotFound(f"no explorer asset {name!r}; the page uses only {', '.join(sorted(ASSETS))}")
    return files("policykg.viz").joinpath("static", *name.split("/")).read_bytes()


def _template() -> Template:
    return Template(files("policykg.viz").joinpath("templates", "explorer.html").read_text("utf-8"))


def _json_script(value: dict) -> str:
    """JSON safe inside <script>: '</' and '<!--' cannot end or comment the element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!--", "\\u003c!--")


def page_config(mode: str, root: str | None = None, bundle: dict | None = None) -> dict:
    """What the page's script reads first: mode, root, vis-network options, legend, data."""
    return {"mode": mode, "root": root, "options": VIS_OPTIONS, "legend": legend(),
            "levelNames": LEVEL_NAMES, "font": FONT_FAMILY, "collapseAbove": COLLAPSE_ABOVE,
            "bundle": bundle or {}}


def render_live() -> str:
    """The page the API serves at /explorer."""
    styles = (f'<link rel="preload" href="{STATIC_PREFIX}{FONT_FILES[0]}" as="font" type="font/woff" '
              f'crossorigin>\n<link rel="stylesheet" href="{STATIC_PREFIX}explorer.css">')
    scripts = (f'<script src="{STATIC_PREFIX}vis-network.min.js"></script>\n'
               f'<script src="{STATIC_PREFIX}explorer.js"></script>')
    return _template().substitute(csp=LIVE_CSP, title="policykg explorer", styles=styles,
                                  scripts=scripts, config=_json_script(page_config("live")))


def _inline_css() -> str:
    css = asset("explorer.css").decode("utf-8")
    for name in FONT_FILES:
        data = base64.b64encode(asset(name)).decode("ascii")
        css = css.replace(f'url("{name}")', f'url("data:font/woff;base64,{data}")')
    return css


def _inline_script(name: str) -> str:
    text = asset(name).decode("utf-8")
    if "</script" in text.lower():  # would end the element early; our files never contain it
        raise ValueError(f"{name} contains '</script' and cannot be inlined")
    return f"<script>\n{text}\n</script>"


def render_standalone(root: str, bundle: dict, title: str) -> str:
    """One HTML file showing a cascade with no server and no network: assets and data inside."""
    styles = f"<style>\n{_inline_css()}\n</style>"
    scripts = "\n".join(_inline_script(n) for n in ("vis-network.min.js", "explorer.js"))
    return _template().substitute(csp=STANDALONE_CSP, title=_escape(title), styles=styles,
                                  scripts=scripts,
                                  config=_json_script(page_config("standalone", root, bundle)))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def write_standalone(path: Path, html: str) -> int:
    """Write the page next to ``path`` and rename it into place; the bytes written.

    Raises:
        ExportError: the directory is missing or not writable.
    """
    data = html.encode("utf-8")
    partial = path.with_name(f".{path.name}.partial")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise ExportError(f"cannot write {path}: {exc.strerror or exc}; choose a writable file "
                          "with -o") from None
    return len(data)
