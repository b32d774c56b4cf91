"""Legacy Vietnamese font encodings (legacy_fonts.py): TCVN3 converted, VNI refused, Unicode untouched."""

from __future__ import annotations

import doctest
import re
from dataclasses import astuple

import shutil
import subprocess
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.errors import DocumentError
from policykg.loaders import legacy_fonts
from policykg.loaders.legacy_fonts import (
    TCVN3_INVERSE,
    TCVN3_TABLE,
    detect_legacy,
    is_syllable,
    tcvn3_to_unicode,
    unicode_to_tcvn3,
)
from policykg.loaders.read import SourceText, read_document
from tests.factories import ROOT, SAMPLES
from tests.loaders.doc_factories import (
    docx_paragraph,
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


def test_tcvn3_table_has_all_134_letters_one_to_one():
    letters = list(TCVN3_TABLE.values())
    assert len(letters) == len(set(letters)) == len(TCVN3_INVERSE) == 134
    small = {c for c in letters if c.islower()}
    assert len(small) == 67 and {c.upper() for c in small} == set(letters) - small


@pytest.mark.skipif(shutil.which("iconv") is None, reason="needs iconv as an independent oracle")
def test_tcvn3_table_matches_glibc_iconv():
    codes_ = sorted(TCVN3_TABLE)
    result = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=bytes(codes_),
                            capture_output=True, check=False)
    if result.returncode != 0:
        pytest.skip("this iconv has no TCVN5712-1")
    assert result.stdout.decode("utf-8") == "".join(TCVN3_TABLE[c] for c in codes_)


TCVN3_CASES = [
    pytest.param("NghÞ quyÕt", "Nghị quyết", id="nghi-quyet"),
    pytest.param("ñy ban nh©n d©n", "ủy ban nhân dân", id="uy-ban-lowercase-u-hook"),
    pytest.param("Uû ban nh©n d©n tØnh", "Uỷ ban nhân dân tỉnh", id="title-case-stays"),
    pytest.param("KÕ HO¹CH", "KẾ HOẠCH", id="vntimeh-capitals"),
    pytest.param("UBND TØNH VÜNH PHóC", "UBND TỈNH VĨNH PHÚC", id="capitals-beside-acronym"),
    pytest.param("Sè: 12-NQ/TU", "Số: 12-NQ/TU", id="symbol-not-upcased"),
    pytest.param("ng\xadêi d©n", "người dân", id="soft-hyphen-is-u-horn"),
    pytest.param("Ngh÷", "Nghữ", id="0xF7-is-u-horn-tilde"),  # so "Nghị" is "NghÞ", not "Ngh÷"
    pytest.param("Hà Nội\nNghÞ quyÕt", "Hà Nội\nNghị quyết", id="unicode-line-untouched"),
]


@pytest.mark.parametrize(("legacy", "unicode"), TCVN3_CASES)
def test_tcvn3_converts_to_unicode(legacy, unicode):
    assert tcvn3_to_unicode(legacy) == unicode


def test_tcvn3_round_trips_all_of_sample_000():
    text = unicodedata.normalize("NFC", (SAMPLES / "000_e7affefbf6615e42.txt").read_text("utf-8"))
    assert tcvn3_to_unicode(unicode_to_tcvn3(text)) == text


TCVN3_FILES = [
    pytest.param(unicode_to_tcvn3(SENTENCES).encode("utf-8"), "utf-8", id="stand-ins-in-utf-8"),
    pytest.param(unicode_to_tcvn3(SENTENCES, abc=True).encode("latin-1"), "tcvn3", id="raw-abc"),
    pytest.param(unicode_to_tcvn3(SENTENCES, abc=True).encode("utf-16"), "utf-16-le", id="utf-16"),
]


@pytest.mark.parametrize(("data", "encoding"), TCVN3_FILES)
def test_tcvn3_files_are_converted_with_a_warning(data, encoding):
    source = read_document(data, "nghi_quyet.txt")
    assert source.text == SENTENCES
    assert (source.encoding, codes(source)) == (encoding, ["legacy_encoding_converted"])


def test_tcvn3_in_a_docx_is_converted():
    data = make_docx(docx_paragraph(unicode_to_tcvn3(SENTENCES, abc=True)))  # XML holds no C0 bytes
    source = read_document(data, "kh.docx")
    assert source.text == SENTENCES and codes(source) == ["legacy_encoding_converted"]


@pytest.mark.parametrize("data", [
    pytest.param(VNI_SENTENCE.encode("utf-8"), id="stand-ins-in-utf-8"),
    pytest.param(VNI_SENTENCE.encode("cp1252"), id="raw-bytes"),
    pytest.param(make_docx(docx_paragraph(VNI_SENTENCE)), id="docx"),
])
def test_vni_is_refused_with_the_fix(data):
    with pytest.raises(DocumentError, match=r"^vni\.txt looks VNI-encoded.*re-save it as Unicode"):
        read_document(data, "vni.txt")


@pytest.mark.parametrize("text", [
    pytest.param("© 2024 Cổng thông tin điện tử tỉnh Vĩnh Phúc. Ghi rõ nguồn.", id="copyright"),
    pytest.param("Café, naïve, Ærø: façade élève über straße", id="western-latin-1"),
    pytest.param("Kế hoạch số 91/KH-UBND ngày 26/4/2021 của UBND tỉnh Quảng Ninh", id="unicode"),
])
def test_ordinary_text_is_not_taken_for_legacy(text):
    assert detect_legacy(text) is None
    assert read_document(text.encode(), "a.txt").text == text


@pytest.mark.parametrize(("word", "valid"), [
    ("Nghị", True), ("quyết", True), ("người", True), ("khuyến", True), ("gì", True),
    ("NghÞ", False), ("quyeát", False), ("hoạchh", False), ("ngưỡiê", False),
])
def test_syllable_shape(word, valid):
    assert is_syllable(word) is valid


def test_docstring_examples_run():
    result = doctest.testmod(legacy_fonts, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_a_printable_ascii_line_holds_no_legacy_candidate():
    """What lets score_legacy skip such lines: TCVN3 letters at ASCII positions are controls."""
    ascii_candidates = [chr(c) for c in range(128) if legacy_fonts._CANDIDATE.match(chr(c))]
    assert ascii_candidates and all(not c.isprintable() for c in ascii_candidates)


# Line breaks of every kind str.splitlines knows, Unicode-only letters, TCVN3 stand-ins, ASCII.
_SCORE_ALPHABET = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029 .,ăơưđạỹNghÞquyÕtcña¸µ¶·¹ÕÖ×ØöôõïAEae"


@settings(max_examples=400, deadline=None)
@given(st.lists(st.text(alphabet=_SCORE_ALPHABET, max_size=40), max_size=8))
def test_scores_are_the_sums_of_the_lines_scores(pieces):
    """score_legacy reads a text line by line, as str.splitlines cuts it ("\\r\\n" one break)."""
    text = "".join(pieces)
    lines = [astuple(legacy_fonts.score_legacy(line)) for line in text.splitlines()]
    assert astuple(legacy_fonts.score_legacy(text)) == tuple(map(sum, zip((0, 0, 0, 0), *lines)))


@pytest.mark.parametrize(("text", "candidates"), [
    pytest.param("NghÞ quyÕt cña Ban\r\nChÊp hµnh", 5, id="tcvn3-lines-crlf"),
    pytest.param("NghÞ quyÕt\u2028của Ban ChÊp hµnh", 2, id="unicode-line-after-a-line-separator"),
    pytest.param("Nghị quyết của Ban ChÊp hµnh", 0, id="one-unicode-letter-clears-its-line"),
])
def test_lines_holding_a_unicode_letter_are_not_scored(text, candidates):
    assert legacy_fonts.score_legacy(text).candidates == candidates


@pytest.mark.parametrize(("word", "evidence"), [
    pytest.param("NghÞ", (False, True, False), id="tcvn3-word"),
    pytest.param("nghèo", (True, False, False), id="unicode-syllable"),
    pytest.param("các", (True, True, False), id="a-syllable-both-ways"),
    pytest.param("quyeát", (False, False, True), id="vni-pair"),
    pytest.param("Nghi", None, id="ascii-no-candidate"),
])
def test_word_evidence(word, evidence):
    assert legacy_fonts._word_evidence(word) == evidence


@pytest.mark.parametrize(("text", "lines"), [
    pytest.param("abc\r\nKế hoạch\x85NghÞ\n\nthành\u2028Đội\x0cxyz é\n",
                 ["abc", "", "NghÞ", "", "thành", "xyz é", ""], id="separators-of-every-kind"),
    pytest.param("Kế hoạch\nNghÞ quyÕt\n\nthành\nĐội\n", ["NghÞ quyÕt", "", "thành", ""],
                 id="line-feeds-only"),
    pytest.param("NghÞ\u2029thành", ["NghÞ", "thành"], id="a-rare-separator-alone"),
    pytest.param("Kế hoạch", [], id="one-unicode-line"),
    pytest.param("", [""], id="empty"),
])
def test_lines_without_a_unicode_letter(text, lines):
    """The lines score_legacy reads: those str.splitlines gives without a Unicode-only letter,
    and empty ones (between CR and LF, after the last separator), which hold no word."""
    assert legacy_fonts.not_unicode_lines(text) == lines


_SEPARATOR_RE = re.compile(f"[{legacy_fonts._LINE_SEPARATORS}]")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_SCORE_ALPHABET, max_size=60))
def test_lines_without_a_unicode_letter_whatever_the_separators(text):
    """With "\\n" alone or with other separators (two patterns), the lines are those a split at
    every separator gives, less those holding a Unicode-only letter."""
    want = [line for line in _SEPARATOR_RE.split(text)
            if not legacy_fonts._rare().unicode_vietnamese.search(line)]
    assert legacy_fonts.not_unicode_lines(text) == want
