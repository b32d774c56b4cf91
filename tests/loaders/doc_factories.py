"""Build small real documents in memory for the reader tests: .docx, .pdf, HTML, legacy encodings.

Every fixture is made here from code, so the tests need no binary files and say exactly what a
document holds.
"""

from __future__ import annotations

import io
import unicodedata
import zipfile
from xml.sax.saxutils import escape

from tests.factories import SAMPLES

SAMPLE_000 = SAMPLES / "000_e7affefbf6615e42.txt"

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def sample_sentences(count: int = 6) -> str:
    """The first ``count`` non-empty lines of sample 000 (a real Vĩnh Phúc district plan)."""
    lines = [line for line in SAMPLE_000.read_text(encoding="utf-8").splitlines() if line.strip()]
    return "\n".join(lines[:count])


def docx_paragraph(text: str) -> str:
    """A w:p with one run; "\\n" becomes w:br and "\\t" w:tab, as Word writes them."""
    runs = []
    for i, line in enumerate(text.split("\n")):
        if i:
            runs.append("<w:br/>")
        for j, part in enumerate(line.split("\t")):
            if j:
                runs.append("<w:tab/>")
            runs.append(f'<w:t xml:space="preserve">{escape(part)}</w:t>')
    return f"<w:p><w:r>{''.join(runs)}</w:r></w:p>"


def docx_table(rows: list[list[str]]) -> str:
    """A w:tbl, one w:tc per cell, each cell one paragraph."""
    body = "".join(
        "<w:tr>" + "".join(f"<w:tc>{docx_paragraph(c)}</w:tc>" for c in row) + "</w:tr>"
        for row in rows
    )
    return f"<w:tbl><w:tblPr/>{body}</w:tbl>"


def make_docx(*blocks: str, document_xml: str | None = None) -> bytes:
    """A minimal valid .docx whose body holds ``blocks`` (w:p / w:tbl XML) in order."""
    xml = document_xml or (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<w:document xmlns:w="{_W_NS}"><w:body>{"".join(blocks)}<w:sectPr/></w:body></w:document>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("word/document.xml", xml)
    return buffer.getvalue()


def make_zip(files: dict[str, str]) -> bytes:
    """A ZIP archive holding ``files`` (name -> text)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def make_pdf(pages: list[list[str]]) -> bytes:
    """A valid PDF, one page per item, each line drawn in Helvetica (ASCII only).

    A page given as ``[]`` has an empty content stream: no text layer, like a scan.
    """
    page_count = len(pages)
    font_id = 3 + 2 * page_count
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(page_count))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {page_count} >>",
    ]
    for i, lines in enumerate(pages):
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font_id} 0 R >> >> >>"
        )
        stream = _text_stream(lines)
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream}\nendstream")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    return _pdf_file(objects)


def _text_stream(lines: list[str]) -> str:
    if not lines:
        return ""
    shown = " T* ".join(f"({_pdf_string(line)}) Tj" for line in lines)
    return f"BT /F1 12 Tf 14 TL 72 770 Td {shown} ET"


def _pdf_string(text: str) -> str:
    assert text.isascii(), "Helvetica in a hand-made PDF draws ASCII only"
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _pdf_file(objects: list[str]) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def encrypt_pdf(data: bytes, user_password: str, owner_password: str = "owner") -> bytes:
    """The PDF ``data`` encrypted with RC4-128 (pypdf's pure-Python cipher, no extra package)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def to_cp1258(text: str) -> bytes:
    """Windows-1258 bytes of ``text``: letters with hats/horns precomposed, tones combining,
    which is how Windows writes Vietnamese in that code page."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    out = []
    for char in unicodedata.normalize("NFC", text):
        decomposed = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tones))
        out.append(base + "".join(c for c in decomposed if c in tones))
    return "".join(out).encode("cp1258")


def to_vni(text: str) -> str:
    """VNI-Windows spelling of a few Vietnamese words, as they show without the VNI font."""
    return " ".join(_VNI_WORDS[word] for word in text.split())


# Hand-spelled VNI (vowel byte + mark byte), checked letter by letter against the VNI chart.
_VNI_WORDS = {
    "Kế": "Keá", "hoạch": "hoaïch", "thực": "thöïc", "hiện": "hieän", "Nghị": "Nghò",
    "quyết": "quyeát", "số": "soá", "12-NQ/TU": "12-NQ/TU", "của": "cuûa", "Ban": "Ban",
    "Chấp": "Chaáp", "hành": "haønh", "Đảng": "Ñaûng", "bộ": "boä", "tỉnh": "tænh",
    "về": "veà", "nâng": "naâng", "cao": "cao", "thu": "thu", "nhập": "nhaäp", "và": "vaø",
    "phúc": "phuùc", "lợi": "lôïi", "người": "ngöôøi", "dân": "daân", "Vĩnh": "Vónh",
    "Phúc": "Phuùc", "đến": "ñeán", "năm": "naêm", "2025": "2025",
}
