"""Read a document's bytes into Unicode text: the first step of the loaders pipeline.

``read_document(data, name)`` takes the bytes of a file and the name it came under, and returns
a ``SourceText``: NFC text with ``\\n`` line ends, the format it was read as, the character
encoding (for text formats) and warnings. It opens no file: the CLI reads the bytes.

Decisions:

* **Content decides the format, the extension only warns.** Magic bytes first (``%PDF-``,
  ``PK\\x03\\x04`` holding ``word/document.xml``, OLE2, RTF, images), then text; decoded text is
  HTML when it starts like a page or is dense with HTML tags. A ``.pdf`` that holds plain text
  is read as text with an ``extension_mismatch`` warning.
* **One reader per format**, each in its module: ``readers_text.py`` (character encodings,
  legacy font text, line ends), ``readers_html.py``, ``readers_office.py`` (DOCX),
  ``readers_pdf.py``. Every format's text then goes through the same legacy-font repair and
  the same finishing (NFC, "\\n" line ends, no invisible or control characters).
* **One kind of error.** Bad input raises ``DocumentError`` with one line naming the file, the
  reason and the fix; parser exceptions (zipfile, lxml, pypdf) never leak. The third-party
  parsers are called inside narrow wrappers that turn *any* of their exceptions into a
  ``DocumentError``, because on hostile bytes they raise nearly anything (``reader_errors.py``).

Example:
    >>> st = read_document("Kế hoạch số 91/KH-UBND\\r\\n".encode("utf-16"), "kh.txt")
    >>> st.text, st.format, st.encoding
    ('Kế hoạch số 91/KH-UBND\\n', 'txt', 'utf-16-le')
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from policykg.loaders.readers_html import html_to_text, is_html
from policykg.loaders.readers_office import read_docx
from policykg.loaders.readers_pdf import read_pdf
from policykg.loaders.readers_text import decode_text, finish_text, printable_text, repair_legacy
from policykg.loaders.record import RecordWarning

from policykg.errors import DocumentError

#: Largest document read; the caller may read only this many bytes + 1 from disk.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024

#: ``%PDF-`` may follow some junk; Acrobat accepts it within the first kilobyte.
PDF_HEADER_WINDOW = 1024

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


@dataclass(frozen=True)
class SourceText:
    """The text of one document as read from its bytes, before normalization.

    Attributes:
        text: NFC Unicode, ``\\n`` line ends; tables as ``cell | cell`` lines.
        format: what the content is: ``txt``, ``md``, ``html``, ``docx`` or ``pdf``.
        encoding: the character encoding of a text or HTML file (``utf-8``, ``utf-16-le``,
            ``cp1258``, ``tcvn3`` …); None for docx and pdf.
        warnings: what the reader guessed or repaired.
        printable: whether every character but tabs and line feeds is known to be printable
            (``readers_text.printable_text``): then the text holds no space other than " " and
            tabs, and no invisible character, which the normalizer need not look for.

    Example:
        >>> SourceText("Nghị quyết số 12-NQ/TU", "txt", "utf-8", ()).text
        'Nghị quyết số 12-NQ/TU'
    """

    text: str
    format: str
    encoding: str | None
    warnings: tuple[RecordWarning, ...] = ()
    printable: bool = False


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
    # Whether the text is printable but for tabs and line feeds; None until a reader checked it
    # (decode_text does), so that no text is scanned twice for it.
    printable: bool | None = None
    if kind == "pdf":
        text, encoding = read_pdf(data, name, warnings), None
    elif kind == "docx":
        text, encoding = read_docx(data, name), None
    else:
        text, encoding, printable = decode_text(data, name, warnings)
        if is_html(text):
            kind, text, printable = "html", html_to_text(text, name), None
        else:
            kind = "md" if _extension(name) in ("md", "markdown") else "txt"
    nfc = False
    if encoding != "tcvn3":  # raw TCVN3 bytes were converted while decoding
        # NFC first, so decomposed Unicode is never mistaken for Latin-1 stand-ins.
        normalized = unicodedata.normalize("NFC", text)
        repaired = repair_legacy(normalized, name, warnings)
        nfc = repaired is normalized  # no legacy text: still NFC
        if repaired is not text:  # not the text decode_text checked
            printable = None
        text = repaired
    if printable is None:
        printable = printable_text(text)
    finished = finish_text(text, nfc=nfc, printable=printable)
    if not finished.strip():
        raise DocumentError(f"{name} contains no text; check that it is the right file")
    _warn_extension(name, kind, warnings)
    # A text finish_text left as it was is still printable, which the normalizer need not check.
    return SourceText(finished, kind, encoding, tuple(warnings), printable and finished is text)


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
        return "docx"  # read_docx says so if the archive is not a Word document
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
