"""Reading text bytes: the character encoding, legacy font text, and one form for line ends.

Decisions:

* **Text encodings, in a fixed order:** BOM (UTF-8/16/32), UTF-16 without BOM recognised by its
  NUL bytes, a charset the page declares, strict UTF-8, then the single-byte encodings scored
  against each other: Windows-1258 versus TCVN3 (which decoding gives more Vietnamese
  syllables), VNI by its vowel-and-mark byte pairs (see ``legacy_fonts``). Windows-1258 writes
  tones as combining marks, hence NFC.
* **Legacy font text inside Unicode is repaired too.** Word files, web pages and PDF text layers
  typed in .VnTime fonts come out as Latin-1 stand-ins ("NghÞ quyÕt"); every format's text goes
  through the same TCVN3 check (``repair_legacy``). VNI is refused with a message saying how
  to fix it.
* **Clean texts pass untouched.** The character checks (controls that mark binary data, line
  ends, invisible characters) look for characters that are all non-printable: a text that is
  printable apart from its line ends and tabs, the usual case, skips the per-class scans.

Example:
    >>> decode_text("Kế hoạch số 91/KH-UBND\\r\\n".encode("utf-16-le"), "kh.txt", [])  # by its NULs
    ('Kế hoạch số 91/KH-UBND\\r\\n', 'utf-16-le', False)
    >>> finish_text("Kế\\u00ad hoạch\\r\\nsố 91")
    'Kế hoạch\\nsố 91'
"""

from __future__ import annotations

import re
import unicodedata

from policykg.loaders.legacy_fonts import count_syllables, detect_legacy, tcvn3_to_unicode
from policykg.loaders.record import RecordWarning

from policykg.errors import DocumentError

#: How far into the bytes the sniffers look (magic numbers, charset declarations, NUL patterns).
SNIFF_BYTES = 4096

#: Without a BOM, text is UTF-16 when at least this share of its 2-byte units has a NUL half.
UTF16_MIN_NUL_SHARE = 0.25

#: Windows-1258 text may hold at most this share of bytes that code page leaves undefined.
UNDECODABLE_MAX_SHARE = 0.01

#: Decoded text with more than this share of control characters is binary data, not a document.
BINARY_MAX_CONTROL_SHARE = 0.05

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

# Control characters that are not line structure (\t \n \r \v \f are handled on their own).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")

# C0 controls only: what marks binary data (C1 bytes are punctuation in Windows code pages).
_C0_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

# Line breaks of every kind -> "\n" (CR LF first so it becomes one break, not two).
_LINE_BREAK = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")

#: White space a text keeps: tabs and line ends are layout, not controls.
_TEXT_LAYOUT = "\n\t"
#: … and what binary detection also lets pass: the other line ends, no sign of binary data.
_BINARY_LAYOUT = "\n\t\r\x0b\x0c"

# Invisible characters that split words without showing: soft hyphen, zero-width space, BOM.
_INVISIBLE = re.compile(r"[\u00ad\u200b\ufeff]")


def decode_text(data: bytes, name: str, warnings: list[RecordWarning]) -> tuple[str, str, bool]:
    """Decode text bytes: BOM, UTF-16 by NULs, declared HTML charset, UTF-8, then single-byte.

    Returns:
        The text; the encoding it was read in ("utf-8", "utf-16-le", "cp1258", "tcvn3" …), a
        guessed single-byte encoding adding a warning; and whether the text is printable but for
        its tabs and line feeds (``printable_text``), which ``finish_text`` need not check again.
    """
    encoding = _bom_or_utf16(data) or _declared_charset(data)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            encoding = None  # a wrong declaration: fall through to detection
        else:
            return text, encoding, _checked_printable(text, name)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return (*_decode_single_byte(data, name, warnings), False)
    return text, "utf-8", _checked_printable(text, name)


def printable_text(text: str) -> bool:
    """Whether every character of ``text`` but its tabs and line feeds is printable: then it holds
    no control, invisible character or other line end (``finish_text`` has nothing to do).

    Example:
        >>> printable_text("Kế hoạch\\n\\tsố 91"), printable_text("Kế\\u00ad hoạch\\r\\n")
        (True, False)
    """
    return _printable_apart_from(text, _TEXT_LAYOUT)


def _checked_printable(text: str, name: str) -> bool:
    """``printable_text(text)``, refusing binary data (``check_not_binary``) when it is not: a
    text printable but for tabs and line feeds holds no control character at all."""
    if printable_text(text):
        return True
    check_not_binary(text, name)
    return False


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
    check_not_binary(as_latin1, name)
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


def _printable_apart_from(text: str, layout: str) -> bool:
    """Whether every character of ``text`` but the ``layout`` ones is printable.

    One C-speed pass (plus a copy per layout character present) instead of a character-class
    scan per pattern: the controls, line ends and invisible characters the patterns of this
    module look for are all non-printable, so a text that passes holds none of them.
    """
    for char in layout:
        if char in text:
            text = text.replace(char, " ")
    return text.isprintable()


def check_not_binary(text: str, name: str) -> None:
    """Refuse decoded text that is binary data: a NUL, or many C0 controls, in its first part.

    Example: a PNG renamed ``ke_hoach.txt`` decodes as Latin-1 full of controls and is refused.
    """
    sample = text[:SNIFF_BYTES * 16]
    if _printable_apart_from(sample, _BINARY_LAYOUT):
        return  # no C0 control at all, NUL included
    controls = len(_C0_CONTROL.findall(sample))
    if "\x00" in sample or controls > BINARY_MAX_CONTROL_SHARE * len(sample):
        raise DocumentError(
            f"{name} looks like binary data, not a text document; check the file type"
        )


def repair_legacy(text: str, name: str, warnings: list[RecordWarning]) -> str:
    """Convert TCVN3 stand-ins inside Unicode text; refuse VNI.

    Example: a .docx typed in .VnTime reads "KÕ ho¹ch thùc hiÖn"; it becomes "Kế hoạch thực
    hiện", with a ``legacy_encoding_converted`` warning.
    """
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


def finish_text(text: str, *, nfc: bool = False, printable: bool | None = None) -> str:
    """Line ends to \\n, invisible and control characters out, NFC.

    Args:
        text: the decoded text.
        nfc: whether ``text`` is NFC already (the reader normalized it before the legacy-font
            check, which left it as it was): then it is normalized again only if characters were
            taken out, which may bring a mark next to a letter it composes with.
        printable: whether ``printable_text(text)`` holds, if known (``decode_text`` says so);
            None to have it checked.
    """
    if not (printable_text(text) if printable is None else printable):
        text = _LINE_BREAK.sub("\n", text)
        text = _INVISIBLE.sub("", text)
        text = _CONTROL.sub("", text)
    elif nfc:
        return text
    return unicodedata.normalize("NFC", text)
