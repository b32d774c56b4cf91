"""Reading .docx (readers_office.py): paragraphs and table rows in document order."""

from __future__ import annotations

import doctest



from policykg.loaders import readers_office
from policykg.loaders.read import SourceText, read_document
from tests.factories import ROOT, SAMPLES
from tests.loaders.doc_factories import (
    docx_paragraph,
    docx_table,
    make_docx,
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


def test_docx_paragraphs_and_tables_in_document_order():
    data = make_docx(
        docx_paragraph("ỦY BAN NHÂN DÂN\tTỈNH VĨNH PHÚC"),
        docx_table([["Số hiệu", "01/CTr-UBND"], ["Ngày ban hành", "17/01/2025"]]),
        docx_paragraph("CHƯƠNG TRÌNH\nThực hiện Nghị quyết số 01/NQ-CP"),
        docx_paragraph(""),
        docx_table([["Chỉ tiêu", "Năm 2025"], ["Thu nhập bình quân", "60 triệu đồng"]]),
    )
    source = read_document(data, "01-ctr.docx")
    assert source.text.split("\n") == [
        "ỦY BAN NHÂN DÂN\tTỈNH VĨNH PHÚC",
        "Số hiệu | 01/CTr-UBND",
        "Ngày ban hành | 17/01/2025",
        "CHƯƠNG TRÌNH",
        "Thực hiện Nghị quyết số 01/NQ-CP",
        "Chỉ tiêu | Năm 2025",
        "Thu nhập bình quân | 60 triệu đồng",
    ]
    assert (source.format, source.encoding, source.warnings) == ("docx", None, ())


def test_docx_skips_deleted_text_and_reads_content_controls():
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    xml = (
        f"<w:document {w}><w:body>"
        "<w:p><w:r><w:t>Kế hoạch số </w:t></w:r><w:del><w:r><w:delText>90</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>91</w:t></w:r></w:ins><w:r><w:t>/KH-UBND</w:t></w:r></w:p>"
        "<w:sdt><w:sdtContent><w:p><w:r><w:t>Quảng Ninh</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        "</w:body></w:document>"
    )
    source = read_document(make_docx(document_xml=xml), "kh.docx")
    assert source.text == "Kế hoạch số 91/KH-UBND\nQuảng Ninh"


def test_docstring_examples_run():
    result = doctest.testmod(readers_office, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
