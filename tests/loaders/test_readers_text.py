"""Reading text bytes (readers_text.py): encodings, clean texts, line ends, invisible characters."""

from __future__ import annotations

import doctest

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.errors import DocumentError
from policykg.loaders import readers_text
from policykg.loaders.read import SourceText, read_document
from tests.factories import ROOT, SAMPLES
from tests.loaders.doc_factories import (
    sample_sentences,
    to_cp1258,
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


ENCODINGS = [
    pytest.param(SENTENCES.encode("utf-8"), "utf-8", [], id="utf-8"),
    pytest.param(b"\xef\xbb\xbf" + SENTENCES.encode("utf-8"), "utf-8-sig", [], id="utf-8-bom"),
    pytest.param(SENTENCES.encode("utf-16"), "utf-16-le", [], id="utf-16-bom"),
    pytest.param(SENTENCES.encode("utf-16-le"), "utf-16-le", [], id="utf-16-le-no-bom"),
    pytest.param(SENTENCES.encode("utf-16-be"), "utf-16-be", [], id="utf-16-be-no-bom"),
    pytest.param(SENTENCES.encode("utf-32"), "utf-32-le", [], id="utf-32-bom"),
    pytest.param(to_cp1258(SENTENCES), "cp1258", ["encoding_guessed"], id="windows-1258"),
    pytest.param(SENTENCES.replace("\n", "\r\n").encode("utf-8"), "utf-8", [], id="crlf"),
    pytest.param(unicodedata.normalize("NFD", SENTENCES).encode(), "utf-8", [], id="nfd-to-nfc"),
]


@pytest.mark.parametrize(("data", "encoding", "warnings"), ENCODINGS)
def test_text_encodings_decode_to_the_same_nfc_text(data, encoding, warnings):
    source = read_document(data, "ke_hoach.txt")
    assert source.text == SENTENCES
    assert (source.format, source.encoding, codes(source)) == ("txt", encoding, warnings)


def test_a_stray_undefined_byte_does_not_sink_a_windows_1258_file():
    source = read_document(to_cp1258(SENTENCES) + b"\x81", "kh.txt")
    assert source.text == SENTENCES + "\ufffd" and source.encoding == "cp1258"
    assert "1 undecodable bytes were replaced" in source.warnings[0].message


def test_markdown_with_many_br_tags_stays_markdown():
    rows = "".join(f"| Xã {i}<br>Huyện Sông Lô | <b>{i}</b> |\n" for i in range(40))
    text = f"# Kế hoạch\n\n| Đơn vị | Số |\n|---|---|\n{rows}"
    source = read_document(text.encode(), "kh.md")
    assert (source.format, source.text) == ("md", text)


def test_docstring_examples_run():
    result = doctest.testmod(readers_text, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
# --- Clean texts skip the character scans ---------------------------------------------------------

EVERYTHING = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)


def test_characters_the_finishing_removes_are_all_non_printable():
    from policykg.loaders import readers_text

    for pattern in (readers_text._LINE_BREAK, readers_text._INVISIBLE, readers_text._CONTROL):
        found = set(pattern.findall(EVERYTHING)) | {c for c in "\r\x0b\x0c" if pattern.match(c)}
        assert found and all(not c.isprintable() and c not in readers_text._TEXT_LAYOUT for c in found)
    controls = set(readers_text._C0_CONTROL.findall(EVERYTHING))
    assert all(not c.isprintable() and c not in readers_text._BINARY_LAYOUT for c in controls)


LAYOUT_SOUP = st.text(st.sampled_from(list("Kế hoạch \n\t") + ["\r", "\x0b", "\x85", "\u2028", "\u00ad",
                                                                 "\u200b", "\ufeff", "\x01", "\x9f", "\u200e"]))


@given(LAYOUT_SOUP)
def test_finishing_equals_the_three_substitutions(text):
    from policykg.loaders import readers_text

    expected = readers_text._CONTROL.sub("", readers_text._INVISIBLE.sub("", readers_text._LINE_BREAK.sub("\n", text)))
    assert readers_text.finish_text(text) == unicodedata.normalize("NFC", expected)
    # Told the text is NFC, it gives the same for an NFC text.
    nfc_text = unicodedata.normalize("NFC", text)
    assert (readers_text.finish_text(nfc_text, nfc=True)
            == readers_text.finish_text(nfc_text))


@given(LAYOUT_SOUP)
def test_binary_check_equals_counting_controls(text):
    from policykg.loaders import readers_text

    sample = text[:readers_text.SNIFF_BYTES * 16]
    binary = "\x00" in sample or len(readers_text._C0_CONTROL.findall(sample)) > (
        readers_text.BINARY_MAX_CONTROL_SHARE * len(sample))
    try:
        readers_text.check_not_binary(text, "x.txt")
    except DocumentError:
        assert binary
    else:
        assert not binary


@pytest.mark.parametrize(("data", "printable"), [
    pytest.param("Kế hoạch\n\tsố 91".encode(), True, id="utf8-tabs-and-line-feeds"),
    pytest.param("Kế hoạch\r\nsố 91".encode(), False, id="utf8-crlf"),
    pytest.param("Kế\u00adhoạch".encode(), False, id="utf8-soft-hyphen"),
    pytest.param("Kế hoạch số 91".encode("utf-16-le"), True, id="utf16-by-nuls"),
    pytest.param("Kế hoạch số 91".encode("utf-16"), False, id="utf16-bom-kept-till-finished"),
    pytest.param("Kê hoạch số 91".encode("cp1258", errors="replace"), False,
                 id="single-byte-not-checked"),
])
def test_decode_text_says_whether_the_text_is_printable(data, printable):
    from policykg.loaders import readers_text

    text, _encoding, found = readers_text.decode_text(data, "kh.txt", [])
    assert found is printable
    if found:
        assert readers_text.printable_text(text)
        assert readers_text.finish_text(text, printable=True) == readers_text.finish_text(text)
