"""Read a document's bytes into Unicode text: the first step of the loaders pipeline.

``read_document(data, name)`` takes the bytes of a file and the name it came under, and returns
a ``SourceText``: NFC text with ``\\n`` line ends, the format it was read as, the character
encoding (for text formats) and warnings. It opens no file: the CLI reads the bytes.

Decisions:

* **Content decides the format, the extension only warns.** Magic bytes first (``%PDF-``,
  ``PK\\x03\\x04`` holding ``word/document.xml``, OLE2, RTF, images), then text; decoded text is
  HTML when it starts like a page or is dense with HTML tags. A ``.pdf`` that holds plain text
  is read as text with an ``extension_mismatch`` warning.
* **Text encodings, in a fixed order:** BOM (UTF-8/16/32), UTF-16 without BOM recognised by its
  NUL bytes, strict UTF-8, then the single-byte encodings scored against each other: Windows-1258
  versus TCVN3 (which decoding gives more Vietnamese syllables), VNI by its vowel-and-mark byte
  pairs (see ``legacy_fonts``). Windows-1258 writes tones as combining marks, hence NFC.
* **Legacy font text inside Unicode is repaired too.** Word files, web pages and PDF text layers
  typed in .VnTime fonts come out as Latin-1 stand-ins ("NghÞ quyÕt"); every format's text goes
  through the same TCVN3 check. VNI is refused with a message saying how to fix it.
* **Structure survives as lines:** HTML and DOCX blocks become lines, table rows become lines with
  cells joined by `` | `` (the normalizer turns metadata tables into metadata), in document order.
  Portal chrome (menus, breadcrumbs, footers, share bars) is dropped by tag and by class/id, but
  never an element holding most of the page's text (ASP.NET wraps whole pages in a ``<form>``).
* **One kind of error.** Bad input raises ``DocumentError`` with one line naming the file, the
  reason and the fix; parser exceptions (zipfile, lxml, pypdf) never leak. The third-party
  parsers are called inside narrow wrappers that turn *any* of their exceptions into a
  ``DocumentError``, because on hostile bytes they raise nearly anything.

Example:
    >>> st = read_document("Kế hoạch số 91/KH-UBND\\r\\n".encode("utf-16"), "kh.txt")
    >>> st.text, st.format, st.encoding
    ('Kế hoạch số 91/KH-UBND\\n', 'txt', 'utf-16-le')
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeVar

import lxml.html
from lxml import etree
from pypdf import PdfReader

from policykg.errors import DocumentError
from policykg.loaders.legacy_fonts import (
    count_syllables,
    detect_legacy,
    tcvn3_to_unicode,
)
from policykg.loaders.record import RecordWarning

# --- Limits and thresholds ----------------------------------------------------------------------
#: Largest document read; the caller may read only this many bytes + 1 from disk.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024
#: Largest unpacked ``word/document.xml``: a guard against ZIP bombs (a 50 MB docx unpacks to less).
MAX_DOCX_XML_BYTES = 400 * 1024 * 1024
#: How far into the bytes the sniffers look (magic numbers, charset declarations, NUL patterns).
SNIFF_BYTES = 4096
#: ``%PDF-`` may follow some junk; Acrobat accepts it within the first kilobyte.
PDF_HEADER_WINDOW = 1024
#: Without a BOM, text is UTF-16 when at least this share of its 2-byte units has a NUL half.
UTF16_MIN_NUL_SHARE = 0.25
#: Windows-1258 text may hold at most this share of bytes that code page leaves undefined.
UNDECODABLE_MAX_SHARE = 0.01
#: Decoded text with more than this share of control characters is binary data, not a document.
BINARY_MAX_CONTROL_SHARE = 0.05
#: Text is HTML without a ``<!doctype>``/``<html>`` start when it has this many HTML tags ...
HTML_MIN_TAGS = 20
#: ... at this density (tags per 1,000 characters): Markdown with a few ``<br>`` stays Markdown.
HTML_MIN_TAGS_PER_1000_CHARS = 5.0
#: A chrome-looking element (menu, form, footer) holding more than this share of the page's text
#: is the page itself, not chrome, and is kept.
CHROME_MAX_TEXT_SHARE = 0.5
#: A PDF averaging fewer non-blank characters per page than this has no usable text layer.
PDF_MIN_CHARS_PER_PAGE = 20

_MB = 1024 * 1024

#: Extension -> the format a file of that name should hold (only for the mismatch warning).
EXTENSION_FORMATS = {
    "txt": "txt", "text": "txt", "md": "md", "markdown": "md", "html": "html", "htm": "html",
    "xhtml": "html", "docx": "docx", "pdf": "pdf", "doc": "doc",
}

# Magic numbers of files people mistake for documents: say what they are and what to do.
_FOREIGN_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     "is a legacy Word .doc file (OLE2); convert it to .docx "
     "(e.g. `libreoffice --headless --convert-to docx`)"),
    (b"{\\rtf", "is an RTF file; save it as .docx or .txt"),
    (b"\x89PNG\r\n\x1a\n", "is a PNG image (a scan?); run OCR first"),
    (b"\xff\xd8\xff", "is a JPEG image (a scan?); run OCR first"),
    (b"GIF8", "is a GIF image; run OCR first"),
    (b"II*\x00", "is a TIFF image (a scan?); run OCR first"),
    (b"MM\x00*", "is a TIFF image (a scan?); run OCR first"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 before UTF-16: FF FE 00 00 also starts with the UTF-16 LE BOM.
    (b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"),
)

# A charset declared in a page's <meta> (either HTML5 or http-equiv form), read from the bytes.
_META_CHARSET = re.compile(
    rb"""<meta [^>]*? charset \s*=\s* ["']? \s*   # <meta charset=  or  content="...; charset=
         ([A-Za-z0-9._:-]+)                        # the charset name
    """,
    re.I | re.X,
)

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

# Control characters that are not line structure (\t \n \r \v \f are handled on their own).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")

# C0 controls only: what marks binary data (C1 bytes are punctuation in Windows code pages).
_C0_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

# Characters XML (and so lxml) refuses in a document: C0 controls but tab and line ends.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Line breaks of every kind -> "\n" (CR LF first so it becomes one break, not two).
_LINE_BREAK = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")

# Invisible characters that split words without showing: soft hyphen, zero-width space, BOM.
_INVISIBLE = re.compile(r"[\u00ad\u200b\ufeff]")


@dataclass(frozen=True)
class SourceText:
    """The text of one document as read from its bytes, before normalization.

    Attributes:
        text: NFC Unicode, ``\\n`` line ends; tables as ``cell | cell`` lines.
        format: what the content is: ``txt``, ``md``, ``html``, ``docx`` or ``pdf``.
        encoding: the character encoding of a text or HTML file (``utf-8``, ``utf-16-le``,
            ``cp1258``, ``tcvn3`` …); None for docx and pdf.
        warnings: what the reader guessed or repaired.

    Example:
        >>> SourceText("Nghị quyết số 12-NQ/TU", "txt", "utf-8", ()).text
        'Nghị quyết số 12-NQ/TU'
    """

    text: str
    format: str
    encoding: str | None
    warnings: tuple[RecordWarning, ...] = ()


def read_document(data: bytes, name: str) -> SourceText:
    """Read a document's bytes into NFC text, whatever its format and encoding.

    Args:
        data: the file's bytes (at most ``MAX_DOCUMENT_BYTES``; pass one byte more to be told).
        name: the file's name or path, used for the extension check and in messages.

    Returns:
        A ``SourceText``; e.g. a UTF-16 ``kh.txt`` holding "Kế hoạch số 91/KH-UBND" gives
        ``SourceText("Kế hoạch số 91/KH-UBND", "txt", "utf-16-le", ())``.

    Raises:
        DocumentError: empty, too large, binary, a legacy .doc, a scanned or encrypted PDF,
            a damaged ZIP/PDF, VNI-encoded text, or no text at all.
    """
    _check_size(data, name)
    kind = _sniff(data, name)
    warnings: list[RecordWarning] = []
    if kind == "pdf":
        text, encoding = _read_pdf(data, name, warnings), None
    elif kind == "docx":
        text, encoding = _read_docx(data, name), None
    else:
        text, encoding = _decode_text(data, name, warnings)
        if _is_html(text):
            kind, text = "html", _html_to_text(text, name)
        else:
            kind = "md" if _extension(name) in ("md", "markdown") else "txt"
    if encoding != "tcvn3":  # raw TCVN3 bytes were converted while decoding
        # NFC first, so decomposed Unicode is never mistaken for Latin-1 stand-ins.
        text = _repair_legacy(unicodedata.normalize("NFC", text), name, warnings)
    text = _finish(text)
    if not text.strip():
        raise DocumentError(f"{name} contains no text; check that it is the right file")
    _warn_extension(name, kind, warnings)
    return SourceText(text, kind, encoding, tuple(warnings))


# --- Sniffing -------------------------------------------------------------------------------------


def _check_size(data: bytes, name: str) -> None:
    if not data:
        raise DocumentError(f"{name} is empty; check that the file was saved completely")
    if len(data) > MAX_DOCUMENT_BYTES:
        limit = f"the {MAX_DOCUMENT_BYTES / _MB:g} MB limit"
        # A caller that read only MAX_DOCUMENT_BYTES + 1 bytes cannot know the real size.
        size = "over" if len(data) == MAX_DOCUMENT_BYTES + 1 else f"{len(data) / _MB:.1f} MB, over"
        raise DocumentError(f"{name} is {size} {limit}; split it into smaller documents")


def _sniff(data: bytes, name: str) -> str:
    """'pdf', 'docx' or 'text' from the magic bytes; foreign formats raise DocumentError."""
    if b"%PDF-" in data[:PDF_HEADER_WINDOW]:
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"  # _read_docx says so if the archive is not a Word document
    for magic, reason in _FOREIGN_MAGIC:
        if data.startswith(magic):
            raise DocumentError(f"{name} {reason}")
    return "text"


def _extension(name: str) -> str:
    base = re.split(r"[/\\]", name)[-1]
    return base.rsplit(".", 1)[1].lower() if "." in base else ""


def _warn_extension(name: str, kind: str, warnings: list[RecordWarning]) -> None:
    ext = _extension(name)
    expected = EXTENSION_FORMATS.get(ext)
    if expected is None or expected == kind or {expected, kind} == {"txt", "md"}:
        return
    warnings.append(RecordWarning(
        code="extension_mismatch",
        message=f"{name} has a .{ext} extension but holds {kind} content; it was read as {kind}",
    ))


# --- Text encodings -------------------------------------------------------------------------------


def _decode_text(data: bytes, name: str, warnings: list[RecordWarning]) -> tuple[str, str]:
    """Decode text bytes: BOM, UTF-16 by NULs, declared HTML charset, UTF-8, then single-byte."""
    encoding = _bom_or_utf16(data) or _declared_charset(data)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            encoding = None  # a wrong declaration: fall through to detection
        else:
            _check_not_binary(text, name)
            return text, encoding
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_single_byte(data, name, warnings)
    _check_not_binary(text, name)
    return text, "utf-8"


def _bom_or_utf16(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    sample = data[: SNIFF_BYTES - SNIFF_BYTES % 2]
    units = len(sample) // 2
    if units == 0:
        return None
    # ASCII letters, digits and spaces in UTF-16 have a NUL high byte: LE puts it second.
    nul_high_le, nul_high_be = sample[1::2].count(0), sample[0::2].count(0)
    if nul_high_le >= UTF16_MIN_NUL_SHARE * units and nul_high_le > 2 * nul_high_be:
        return "utf-16-le"
    if nul_high_be >= UTF16_MIN_NUL_SHARE * units and nul_high_be > 2 * nul_high_le:
        return "utf-16-be"
    return None


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:SNIFF_BYTES])
    if match is None:
        return None
    charset = match.group(1).decode("ascii").lower()
    # Pages that declare Latin-1 often hold TCVN3 or cp1258 bytes: let detection score them.
    return None if charset in ("iso-8859-1", "latin-1", "latin1", "windows-1252") else charset


def _decode_single_byte(data: bytes, name: str, warnings: list[RecordWarning]) -> tuple[str, str]:
    """Not UTF-8: Windows-1258 or TCVN3, whichever gives more Vietnamese; VNI is refused."""
    as_latin1 = data.decode("latin-1")
    _check_not_binary(as_latin1, name)
    # Five byte values are undefined in Windows-1258; a stray one should not sink a document.
    cp1258 = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    undecodable = cp1258.count("\ufffd")
    verdict = detect_legacy(as_latin1, baseline_valid=count_syllables(cp1258))
    if verdict == "vni":
        raise _vni_error(name)
    if verdict == "tcvn3":
        warnings.append(_converted_warning(name))
        return tcvn3_to_unicode(as_latin1.translate(_CP1252_PUNCTUATION)), "tcvn3"
    if undecodable > UNDECODABLE_MAX_SHARE * len(data):
        raise DocumentError(
            f"{name} is not text in a known encoding (tried UTF-8, UTF-16, Windows-1258, "
            "TCVN3, VNI); re-save it as UTF-8"
        )
    replaced = f"; {undecodable} undecodable bytes were replaced by U+FFFD" if undecodable else ""
    warnings.append(RecordWarning(
        code="encoding_guessed",
        message=f"{name} is not UTF-8; it was decoded as Windows-1258 (Vietnamese){replaced}",
    ))
    return cp1258, "cp1258"


def _cp1252_punctuation() -> dict[int, str]:
    # ABC fonts draw Windows punctuation (“ ” – …) at 0x80-0x9F; bytes Windows leaves
    # undefined stay as C1 characters, which the TCVN3 table reads as VN1 capitals.
    table = {}
    for byte in range(0x80, 0xA0):
        try:
            table[byte] = bytes([byte]).decode("cp1252")
        except UnicodeDecodeError:
            continue
    return table


_CP1252_PUNCTUATION = _cp1252_punctuation()


def _check_not_binary(text: str, name: str) -> None:
    sample = text[:SNIFF_BYTES * 16]
    controls = len(_C0_CONTROL.findall(sample))
    if "\x00" in sample or controls > BINARY_MAX_CONTROL_SHARE * len(sample):
        raise DocumentError(
            f"{name} looks like binary data, not a text document; check the file type"
        )


def _repair_legacy(text: str, name: str, warnings: list[RecordWarning]) -> str:
    """Convert TCVN3 stand-ins inside Unicode text; refuse VNI."""
    verdict = detect_legacy(text)
    if verdict == "vni":
        raise _vni_error(name)
    if verdict == "tcvn3":
        warnings.append(_converted_warning(name))
        return tcvn3_to_unicode(text)
    return text


def _vni_error(name: str) -> DocumentError:
    return DocumentError(
        f"{name} looks VNI-encoded (a legacy Vietnamese font encoding); re-save it as Unicode "
        "(e.g. with Unikey's converter)"
    )


def _converted_warning(name: str) -> RecordWarning:
    return RecordWarning(
        code="legacy_encoding_converted",
        message=f"{name} was typed in the TCVN3 (ABC) font encoding; it was converted to Unicode",
    )


def _finish(text: str) -> str:
    """Line ends to \\n, invisible and control characters out, NFC."""
    text = _LINE_BREAK.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _CONTROL.sub("", text)
    return unicodedata.normalize("NFC", text)


# --- HTML -----------------------------------------------------------------------------------------


def _is_html(text: str) -> bool:
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


def _html_to_text(text: str, name: str) -> str:
    """The visible body text of a page: one line per block, one per table row."""
    try:
        page = _XML_ILLEGAL.sub("", _XML_DECLARATION.sub("", text, count=1))
        root = lxml.html.document_fromstring(page)
    except (etree.LxmlError, ValueError) as exc:
        raise DocumentError(
            f"{name} is not readable HTML ({_reason(exc)}); re-save the page"
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


# --- DOCX -----------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Containers Word wraps around blocks or runs without adding text of their own.
_TRANSPARENT = frozenset(
    _W + t for t in "sdt sdtContent customXml smartTag hyperlink ins fldSimple r".split()
)


def _read_docx(data: bytes, name: str) -> str:
    """Paragraphs and table rows of ``word/document.xml``, in document order."""
    xml = _guard(name, "a damaged .docx (ZIP) file", lambda: _docx_xml(data, name))
    root = _guard(name, "a .docx whose document.xml is damaged",
                  lambda: etree.fromstring(xml, parser=_xml_parser()))
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


def _xml_parser() -> etree.XMLParser:
    # A fresh parser per document (lxml parsers must not be shared across threads); no DTDs,
    # entities or network: document.xml comes from an untrusted file.
    return etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True
    )


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


# --- PDF ------------------------------------------------------------------------------------------


def _read_pdf(data: bytes, name: str, warnings: list[RecordWarning]) -> str:
    """The text layer of a PDF, page by page; a PDF without one is refused."""
    reader = _guard(name, "a damaged PDF", lambda: PdfReader(io.BytesIO(data), strict=False))
    _unlock_pdf(reader, name)
    pages = _guard(name, "a damaged PDF", lambda: list(reader.pages))
    if not pages:
        raise DocumentError(f"{name} is a PDF without pages; re-export it")
    texts, failed = [], 0
    for page in pages:
        try:
            texts.append(page.extract_text() or "")
        except Exception:  # noqa: BLE001 - one bad page must not lose the others
            texts.append("")
            failed += 1
    _check_text_layer(name, texts, failed, warnings)
    return "\n".join(texts)


def _unlock_pdf(reader, name: str) -> None:
    if not _guard(name, "a damaged PDF", lambda: reader.is_encrypted):
        return
    try:
        opened = reader.decrypt("")  # many PDFs are locked for editing only: empty user password
    except Exception as exc:  # noqa: BLE001 - e.g. DependencyError: AES needs `cryptography`
        raise DocumentError(
            f"{name} is an encrypted PDF that cannot be opened ({_reason(exc)}); "
            "remove the protection (print it to a new PDF) and try again"
        ) from None
    if not opened:
        raise DocumentError(
            f"{name} is a password-protected PDF; remove the password and try again"
        )


def _check_text_layer(
    name: str, texts: list[str], failed: int, warnings: list[RecordWarning]
) -> None:
    chars = sum(len("".join(t.split())) for t in texts)
    if failed == len(texts):
        raise DocumentError(f"{name} is a PDF whose pages cannot be read; re-export it")
    if chars < PDF_MIN_CHARS_PER_PAGE * len(texts):
        raise DocumentError(f"{name} has no text layer (a scanned PDF?); run OCR first")
    empty = sum(1 for t in texts if not t.strip())
    if failed:
        warnings.append(RecordWarning(
            code="pdf_page_unreadable",
            message=f"{name}: {failed} of {len(texts)} pages could not be read",
        ))
    if empty > failed:
        warnings.append(RecordWarning(
            code="pdf_pages_without_text",
            message=f"{name}: {empty} of {len(texts)} pages have no text (scanned pages?)",
        ))


# --- Shared --------------------------------------------------------------------------------------

_T = TypeVar("_T")


def _guard(name: str, what: str, step: Callable[[], _T]) -> _T:
    """Run a third-party parsing step; any exception it raises becomes one DocumentError."""
    try:
        return step()
    except DocumentError:
        raise
    except Exception as exc:  # noqa: BLE001 - zipfile/lxml/pypdf raise anything on hostile bytes
        raise DocumentError(f"{name} is {what} ({_reason(exc)}); re-save or re-export it") from None


def _reason(exc: BaseException) -> str:
    detail = " ".join(str(exc).split())[:120]
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
