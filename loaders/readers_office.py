"""Reading Word .docx files: paragraphs and table rows of ``word/document.xml``, in order.

A .docx is a ZIP archive; its body is WordprocessingML. Paragraphs become lines (a manual line
break inside one too), table rows become lines of cells joined by `` | ``, and content controls,
smart tags, hyperlinks and tracked insertions are looked through; deleted text and field codes
are not text. The XML comes from an untrusted file: no DTDs, entities or network, and a size
limit against ZIP bombs.

Example:
    >>> import io, zipfile
    >>> body = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    ...         '<w:body><w:p><w:r><w:t>KẾ HOẠCH</w:t></w:r></w:p></w:body></w:document>')
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as archive:
    ...     archive.writestr("word/document.xml", body)
    >>> read_docx(buffer.getvalue(), "kh.docx")
    'KẾ HOẠCH'
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from typing import TYPE_CHECKING

from policykg.loaders.reader_errors import guard

from policykg.errors import DocumentError

if TYPE_CHECKING:  # for annotations only; the readers import lxml when they run
    from lxml import etree

#: Largest unpacked ``word/document.xml``: a guard against ZIP bombs (a 50 MB docx unpacks to less).
MAX_DOCX_XML_BYTES = 400 * 1024 * 1024

_MB = 1024 * 1024

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"

# Containers Word wraps around blocks or runs without adding text of their own.
_TRANSPARENT = frozenset(
    _W + t for t in "sdt sdtContent customXml smartTag hyperlink ins fldSimple r".split()
)


def read_docx(data: bytes, name: str) -> str:
    """Paragraphs and table rows of ``word/document.xml``, in document order.

    Raises:
        DocumentError: a damaged ZIP, a ZIP that is no .docx, damaged XML, no body, or XML over
            ``MAX_DOCX_XML_BYTES``.
    """
    xml = guard(name, "a damaged .docx (ZIP) file", lambda: _docx_xml(data, name))
    root = guard(name, "a .docx whose document.xml is damaged", lambda: _parse_xml(xml))
    body = root.find(_W + "body")
    if body is None:
        raise DocumentError(f"{name} is a .docx without a document body; re-save it in Word")
    lines: list[str] = []
    for block in _docx_blocks(body):
        if block.tag == _W + "p":
            lines.extend(_paragraph_text(block).split("\n"))
        else:
            lines.extend(_table_rows(block))
    return "\n".join(line for line in lines if line.strip(" |\t"))


def _parse_xml(xml: bytes) -> etree._Element:
    # lxml is imported by the first .docx only: a text document never needs it.
    from lxml import etree

    # A fresh parser per document (lxml parsers must not be shared across threads); no DTDs,
    # entities or network: document.xml comes from an untrusted file.
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )
    return etree.fromstring(xml, parser=parser)


def _docx_xml(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        try:
            info = archive.getinfo("word/document.xml")
        except KeyError:
            raise DocumentError(
                f"{name} is a ZIP archive but not a Word .docx (no word/document.xml); "
                "give the document itself"
            ) from None
        if info.file_size > MAX_DOCX_XML_BYTES:
            raise DocumentError(
                f"{name} unpacks to {info.file_size // _MB} MB of XML, over the "
                f"{MAX_DOCX_XML_BYTES // _MB} MB limit; split the document"
            )
        return archive.read(info)


def _docx_blocks(el: etree._Element) -> Iterator[etree._Element]:
    """Paragraphs and tables under ``el`` in order, looking through content controls."""
    for child in el:
        if child.tag in (_W + "p", _W + "tbl"):
            yield child
        elif child.tag in _TRANSPARENT:
            yield from _docx_blocks(child)


def _table_rows(table: etree._Element) -> Iterator[str]:
    for row in _docx_children(table, _W + "tr"):
        cells = [_cell_plain(cell) for cell in _docx_children(row, _W + "tc")]
        yield " | ".join(cells)


def _docx_children(el: etree._Element, tag: str) -> Iterator[etree._Element]:
    for child in el:
        if child.tag == tag:
            yield child
        elif child.tag in _TRANSPARENT:
            yield from _docx_children(child, tag)


def _cell_plain(cell: etree._Element) -> str:
    # A cell's paragraphs and nested tables become one line: the row stays one line.
    parts = []
    for block in _docx_blocks(cell):
        if block.tag == _W + "p":
            parts.append(_paragraph_text(block))
        else:
            parts.extend(_table_rows(block))
    return " ".join(" ".join(parts).split())


def _paragraph_text(el: etree._Element) -> str:
    out: list[str] = []
    _collect_runs(el, out)
    return "".join(out)


def _collect_runs(el: etree._Element, out: list[str]) -> None:
    for child in el:
        tag = child.tag
        if tag == _W + "t":
            out.append(child.text or "")
        elif tag == _W + "tab":
            out.append("\t")
        elif tag in (_W + "br", _W + "cr"):
            out.append("\n")
        elif tag == _W + "noBreakHyphen":
            out.append("-")
        elif tag != _MC_FALLBACK and tag not in (_W + "del", _W + "instrText"):
            _collect_runs(child, out)  # runs, hyperlinks, text boxes, mc:Choice …
