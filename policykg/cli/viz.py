"""``policykg viz ID -o cascade.html``: a document's cascade as one self-contained HTML file.

The file is the explorer's page (the same template, script and style sheet as /explorer), with
vis-network, the font and every answer the page asks for inside it: it opens from a disk, an
e-mail or a USB stick with no server, and its Content-Security-Policy forbids any request.

Example:
    $ policykg viz vn/tinh-uy-vinh-phuc/2020/12-nq-tu -o 12-nq-tu.html
    12-nq-tu.html: 2 documents, 36 nodes, 0.9 MB
"""

from __future__ import annotations

from pathlib import Path

import typer

from policykg.cli import app
from policykg.cli.query import open_query_store
from policykg.viz.explorer import bundle
from policykg.viz.page import render_standalone, write_standalone

#: Bytes in a megabyte, as the size is reported.
MB = 1_000_000


@app.command("viz")
def viz_command(
    doc_id: str = typer.Argument(..., help="Document id, e.g. vn/tinh-uy-vinh-phuc/2020/12-nq-tu."),
    output: Path = typer.Option(..., "-o", "--output", help="HTML file to write."),
) -> None:
    """Write a document's cascade as one HTML file that needs no server and no network."""
    with open_query_store() as store:
        answers = bundle(store, doc_id)
    view = answers[f"/explorer/cascade/{doc_id}"]
    root = view["root"]
    title = " ".join(filter(None, [root.get("symbol"), root.get("title") or root.get("name")]))
    size = write_standalone(output, render_standalone(doc_id, answers, title or doc_id))
    stats = view["stats"]
    typer.echo(f"{output}: {stats['documents']} documents, {stats['nodes']} nodes, {size / MB:.1f} MB")
