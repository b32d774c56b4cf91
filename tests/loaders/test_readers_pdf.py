"""Reading PDF (readers_pdf.py): the text layer page by page; scans and passwords refused."""

from __future__ import annotations

import doctest



from policykg.loaders import readers_pdf
from policykg.loaders.read import SourceText, read_document
from tests.factories import ROOT, SAMPLES
from tests.loaders.doc_factories import (
    encrypt_pdf,
    make_pdf,
    sample_sentences,
    to_vni,
)

SENTENCES = sample_sentences()
VNI_SENTENCE = to_vni(
    "Kế hoạch thực hiện Nghị quyết số 12-NQ/TU của Ban Chấp hành Đảng bộ tỉnh về nâng cao "
    "thu nhập và phúc lợi của người dân Vĩnh Phúc đến năm 2025"
)
CORPUS = sorted(SAMPLES.glob("*.txt")) + sorted((ROOT / "tests/documents/dev_corpus").glob("*.md"))


def codes(source: SourceText) -> list[str]:
    return [w.code for w in source.warnings]


PDF = make_pdf([["KE HOACH so 91/KH-UBND", "Thuc hien Ket luan so 92-KL/TW"], ["Trang 2 (tiep)"]])


def test_pdf_text_layer_page_by_page():
    source = read_document(PDF, "91.pdf")
    assert source.text.split("\n") == [
        "KE HOACH so 91/KH-UBND", "Thuc hien Ket luan so 92-KL/TW", "Trang 2 (tiep)"]
    assert (source.format, source.encoding, source.warnings) == ("pdf", None, ())


def test_pdf_with_some_empty_pages_warns():
    text_page = ["KE HOACH so 91/KH-UBND ngay 26/4/2021", "Thuc hien Ket luan so 92-KL/TW"]
    source = read_document(make_pdf([text_page, []]), "a.pdf")
    assert codes(source) == ["pdf_pages_without_text"]


def test_pdf_locked_for_editing_only_is_read():
    assert read_document(encrypt_pdf(PDF, user_password=""), "a.pdf").text.startswith("KE HOACH")


def test_docstring_examples_run():
    result = doctest.testmod(readers_pdf, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
