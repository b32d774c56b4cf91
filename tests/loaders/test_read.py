"""The reader: bytes of any supported format -> NFC text, or one clear DocumentError.

Each format's reader is tested with its module (test_readers_text, test_legacy_fonts,
test_readers_html, test_readers_office, test_readers_pdf); here: bad input, extensions, the
bundled corpus and properties of ``read_document`` as a whole.

Fixtures are built in ``doc_factories`` (a .docx from zipfile, a PDF written by hand, legacy
encodings of real sentences from sample 000); nothing is mocked.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policykg.errors import DocumentError
from policykg.loaders import read
from policykg.loaders.legacy_fonts import (
    tcvn3_to_unicode,
    unicode_to_tcvn3,
)
from policykg.loaders.read import MAX_DOCUMENT_BYTES, SourceText, read_document
from policykg.loaders.readers_text import printable_text
from tests.factories import ROOT, SAMPLES
from tests.loaders.doc_factories import (
    docx_paragraph,
    encrypt_pdf,
    make_docx,
    make_pdf,
    make_zip,
    sample_sentences,
    to_vni,
)
from tests.loaders.test_readers_html import PAGE

SENTENCES = sample_sentences()
VNI_SENTENCE = to_vni(
    "Kế hoạch thực hiện Nghị quyết số 12-NQ/TU của Ban Chấp hành Đảng bộ tỉnh về nâng cao "
    "thu nhập và phúc lợi của người dân Vĩnh Phúc đến năm 2025"
)
PDF = make_pdf([["KE HOACH so 91/KH-UBND", "Thuc hien Ket luan so 92-KL/TW"], ["Trang 2 (tiep)"]])
CORPUS = sorted(SAMPLES.glob("*.txt")) + sorted((ROOT / "tests/documents/dev_corpus").glob("*.md"))


def codes(source: SourceText) -> list[str]:
    return [w.code for w in source.warnings]


# --- Bad input: one DocumentError naming the file, the reason and the fix ----------------------

DOC_MESSAGE = r"^x\.bin is a legacy Word \.doc file.*libreoffice --headless --convert-to docx"
BAD_INPUT = [
    pytest.param(b"", r"^x\.bin is empty", id="empty"),
    pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), DOC_MESSAGE, id="ole2-doc"),
    pytest.param(b"{\\rtf1\\ansi Ke hoach}", r"is an RTF file", id="rtf"),
    pytest.param(b"\x89PNG\r\n\x1a\n" + bytes(100), r"PNG image \(a scan\?\); run OCR", id="png"),
    pytest.param(bytes(range(256)) * 8, r"looks like binary data", id="binary-junk"),
    pytest.param(b"\x00\x01\x02\x03" * 50, r"looks like binary data", id="nul-bytes"),
    pytest.param(b"   \n\t\n  ", r"contains no text", id="blank"),
    pytest.param(make_docx(docx_paragraph("Kế hoạch"))[:120],
                 r"is a damaged \.docx \(ZIP\) file", id="truncated-docx"),
    pytest.param(make_zip({"xl/workbook.xml": "<workbook/>"}),
                 r"not a Word \.docx \(no word/document\.xml\)", id="xlsx-like-zip"),
    pytest.param(make_docx(document_xml="<w:document><w:body>"),
                 r"document\.xml is damaged", id="bad-docx-xml"),
    pytest.param(PDF[: len(PDF) // 3], r"is a damaged PDF \(PdfStreamError", id="truncated-pdf"),
    pytest.param(b"%PDF-1.4\n" + bytes(range(256)),
                 r"is a damaged PDF \(PdfStreamError", id="pdf-junk"),
    pytest.param(make_pdf([[], []]),
                 r"has no text layer \(a scanned PDF\?\); run OCR first", id="scanned-pdf"),
    pytest.param(encrypt_pdf(PDF, user_password="secret"),
                 r"password-protected PDF", id="encrypted-pdf"),
    pytest.param(bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 40,
                 r"not text in a known encoding \(tried UTF-8, UTF-16", id="undecodable"),
]


@pytest.mark.parametrize(("data", "message"), BAD_INPUT)
def test_bad_input_raises_one_line_document_error(data, message):
    with pytest.raises(DocumentError, match=message) as caught:
        read_document(data, "x.bin")
    assert "\n" not in str(caught.value) and str(caught.value).startswith("x.bin ")


def test_size_limit_names_the_size(monkeypatch):
    monkeypatch.setattr(read, "MAX_DOCUMENT_BYTES", 1024 * 1024)
    with pytest.raises(DocumentError, match=r"^big\.txt is 2\.0 MB, over the 1 MB limit; split"):
        read_document(b"a" * (2 * 1024 * 1024), "big.txt")


def test_size_limit_at_the_real_limit_plus_one_byte():
    with pytest.raises(DocumentError, match=r"^big\.txt is over the 50 MB limit"):
        read_document(bytes(MAX_DOCUMENT_BYTES + 1), "big.txt")


# --- Wrong extensions warn, content decides -------------------------------------------------------

WRONG_EXTENSIONS = [
    pytest.param(SENTENCES.encode(), "ke_hoach.pdf", "txt", id="text-named-pdf"),
    pytest.param(make_docx(docx_paragraph("Kế hoạch")), "kh.doc", "docx", id="docx-named-doc"),
    pytest.param(PDF, "ke_hoach.docx", "pdf", id="pdf-named-docx"),
    pytest.param(PAGE.encode(), "ke_hoach.txt", "html", id="html-named-txt"),
]


@pytest.mark.parametrize(("data", "name", "fmt"), WRONG_EXTENSIONS)
def test_wrong_extension_is_a_warning_not_a_failure(data, name, fmt):
    source = read_document(data, name)
    assert source.format == fmt and codes(source) == ["extension_mismatch"]


# --- The bundled corpus ------------------------------------------------------------------------


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_every_bundled_document_reads_cleanly(path: Path):
    source = read_document(path.read_bytes(), path.name)
    assert source.format == path.suffix[1:] and source.encoding == "utf-8"
    assert source.warnings == ()
    assert source.text == unicodedata.normalize("NFC", source.text) and "\r" not in source.text


# --- Properties --------------------------------------------------------------------------------

NAMES = st.one_of(
    st.sampled_from(["a.txt", "a.md", "a.html", "a.htm", "a.docx", "a.pdf", "a.doc", "noext", ""]),
    st.text(max_size=40),
)
SEEDS = [SENTENCES.encode(), PAGE.encode(), PDF, make_docx(docx_paragraph(SENTENCES)),
         unicode_to_tcvn3(SENTENCES, abc=True).encode("latin-1"), VNI_SENTENCE.encode()]


def _outcome(data: bytes, name: str):
    try:
        return read_document(data, name)
    except DocumentError as exc:
        return ("error", str(exc))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=4096), name=NAMES)
def test_any_bytes_give_source_text_or_document_error_deterministically(data, name):
    first = _outcome(data, name)
    assert first == _outcome(data, name)
    if isinstance(first, SourceText):
        assert first.text == unicodedata.normalize("NFC", first.text) and "\r" not in first.text
        # What the normalizer is told it need not check again must hold.
        assert not first.printable or printable_text(first.text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(SEEDS), cut=st.integers(0, 10_000), flips=st.lists(
    st.tuples(st.integers(0, 10_000), st.integers(0, 255)), max_size=8), name=NAMES)
def test_mutated_documents_give_source_text_or_document_error(seed, cut, flips, name):
    data = bytearray(seed[: max(1, len(seed) - cut % len(seed))])
    for position, value in flips:
        data[position % len(data)] = value
    first = _outcome(bytes(data), name)
    assert first == _outcome(bytes(data), name)
    if isinstance(first, SourceText):
        assert not first.printable or printable_text(first.text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(sorted(set(SENTENCES))), max_size=300))
def test_unicode_vietnamese_round_trips_through_tcvn3(text):
    # Capitals set in .VnTimeH style are the one lossy case, so compare in the VN1 layout.
    text = unicodedata.normalize("NFC", text)
    restored = tcvn3_to_unicode(unicode_to_tcvn3(text))
    assert restored == text or restored.lower() == text.lower()


@pytest.mark.parametrize(("data", "printable"), [
    pytest.param("Kế hoạch số 91/KH-UBND\n\tngày 26/4/2021".encode(), True, id="utf8-with-tab"),
    pytest.param("Kế hoạch số 91/KH-UBND\r\nngày".encode(), False, id="crlf-replaced"),
    pytest.param("Số:\u00a091/KH-UBND".encode(), False, id="no-break-space"),
    pytest.param("Kế\u200b hoạch".encode(), False, id="zero-width-space-dropped"),
])
def test_source_text_says_whether_it_is_printable(data, printable):
    source = read_document(data, "kh.txt")
    assert source.printable is printable
    assert not printable or printable_text(source.text)
