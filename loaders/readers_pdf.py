"""Reading PDF files: the text layer, page by page.

A PDF without a text layer (a scan) is refused with "run OCR first"; one locked for editing
only (an empty user password) is opened, a password-protected one refused. One unreadable page
does not lose the others: it is counted in a warning, as are pages without text.

Example:
    >>> read_pdf(b"%PDF-1.4 truncated", "kh.pdf", [])  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    policykg.errors.DocumentError: kh.pdf is a damaged PDF (...); re-save or re-export it
"""

from __future__ import annotations

import io

from policykg.loaders.reader_errors import describe_error, guard
from policykg.loaders.record import RecordWarning

from policykg.errors import DocumentError

#: A PDF averaging fewer non-blank characters per page than this has no usable text layer.
PDF_MIN_CHARS_PER_PAGE = 20


def read_pdf(data: bytes, name: str, warnings: list[RecordWarning]) -> str:
    """The text layer of a PDF, page by page; a PDF without one is refused.

    Raises:
        DocumentError: damaged, password-protected, without pages or without a text layer.
    """
    # Imported here: pypdf takes longer to import (~0.1 s) than a text document takes to
    # extract, and only PDFs need it.
    from pypdf import PdfReader

    reader = guard(name, "a damaged PDF", lambda: PdfReader(io.BytesIO(data), strict=False))
    _unlock_pdf(reader, name)
    pages = guard(name, "a damaged PDF", lambda: list(reader.pages))
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
    if not guard(name, "a damaged PDF", lambda: reader.is_encrypted):
        return
    try:
        opened = reader.decrypt("")  # many PDFs are locked for editing only: empty user password
    except Exception as exc:  # noqa: BLE001 - e.g. DependencyError: AES needs `cryptography`
        raise DocumentError(
            f"{name} is an encrypted PDF that cannot be opened ({describe_error(exc)}); "
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
