"""Third-party parsers fail in their own ways; a reader reports one DocumentError instead.

zipfile, lxml and pypdf raise nearly anything on hostile bytes (a truncated ZIP, a PDF whose
cross-reference table points nowhere). ``guard`` runs one parsing step and turns any exception
into a ``DocumentError`` naming the file, what it seems to be and the fix, so no parser
exception leaks out of ``read_document``.

Example:
    >>> guard("kh.docx", "a damaged .docx (ZIP) file", lambda: 1 / 0)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    policykg.errors.DocumentError: kh.docx is a damaged .docx (ZIP) file (ZeroDivisionError: ...
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from policykg.errors import DocumentError

#: A DocumentError quotes at most this many characters of the parser's message.
REASON_MAX_CHARS = 120

_T = TypeVar("_T")


def guard(name: str, what: str, step: Callable[[], _T]) -> _T:
    """Run a third-party parsing step; any exception it raises becomes one DocumentError."""
    try:
        return step()
    except DocumentError:
        raise
    except Exception as exc:  # noqa: BLE001 - zipfile/lxml/pypdf raise anything on hostile bytes
        reason = describe_error(exc)
        raise DocumentError(f"{name} is {what} ({reason}); re-save or re-export it") from None


def describe_error(exc: BaseException) -> str:
    """The exception's class and message on one short line: "PdfStreamError: Stream has ended
    unexpectedly"."""
    detail = " ".join(str(exc).split())[:REASON_MAX_CHARS]
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
