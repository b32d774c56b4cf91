"""Normalizer step 1 (characters.py): one form for characters, line ends and spaces."""

from __future__ import annotations

import doctest
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.loaders import characters
from policykg.loaders.breaks import NormalizeStats
from policykg.loaders.normalize import NormalizedText, normalize_text


def norm(raw: str) -> str:
    return normalize_text(raw).text


def codes(result: NormalizedText) -> list[str]:
    return [w.code for w in result.warnings]


CHARACTER_CASES = [
    ("nbsp_and_tab", "Số:\u00a091/KH-UBND\tngày 26/4/2021", "Số: 91/KH-UBND ngày 26/4/2021"),
    ("zero_width_and_bom", "\ufeffKế\u200b hoạch\u00ad số 41-KH/TU", "Kế hoạch số 41-KH/TU"),
    ("crlf_and_trailing_spaces", "I. MỤC TIÊU   \r\n1. Mục tiêu chung.  \r\n", "I. MỤC TIÊU\n1. Mục tiêu chung."),
    ("nfd_to_nfc", unicodedata.normalize("NFD", "Tỷ lệ hộ nghèo"), "Tỷ lệ hộ nghèo"),
    ("runs_of_spaces", "Thu nhập   bình quân    đầu người", "Thu nhập bình quân đầu người"),
    ("eth_in_vietnamese", "Quyết định số 2013/QÐ-UBND của Ủy ban nhân dân tỉnh", "Quyết định số 2013/QĐ-UBND của Ủy ban nhân dân tỉnh"),
    ("eth_elsewhere_kept", "Ðórr and Ðakar", "Ðórr and Ðakar"),
]


@pytest.mark.parametrize("raw,expected", [c[1:] for c in CHARACTER_CASES], ids=[c[0] for c in CHARACTER_CASES])
def test_characters(raw, expected):
    assert norm(raw) == expected


def test_lookalike_warning():
    result = normalize_text("Quyết định số 2013/QÐ-UBND của Ủy ban nhân dân tỉnh Trà Vinh")
    assert "lookalike_letters" in codes(result)


# ---------------------------------------------------------------- the step on its own

CLEAN_CASES = [
    pytest.param("Số:\u00a091/KH-UBND\r\n", "Số: 91/KH-UBND\n", 0, id="nbsp-crlf"),
    pytest.param("Kế\u200b hoạch\u00ad\x0c số", "Kế hoạch\n số", 0, id="invisible-and-form-feed"),
    pytest.param("QÐ-UBND của Ủy ban nhân dân", "QĐ-UBND của Ủy ban nhân dân", 1, id="eth-in-vietnamese"),
    pytest.param("Ðakar", "Ðakar", 0, id="eth-alone"),
    pytest.param("\u2000x\u2001", " x ", 0, id="nfc-maps-quads-to-spaces"),
]


@pytest.mark.parametrize(("raw", "expected", "lookalikes"), CLEAN_CASES)
def test_clean_characters(raw, expected, lookalikes):
    stats = NormalizeStats()
    assert characters.clean_characters(raw, stats) == expected
    assert stats.lookalikes == lookalikes


TIDY_CASES = [
    pytest.param(" Thu nhập   bình quân \n đầu người ", ["Thu nhập bình quân", "đầu người"], id="edges-and-runs"),
    pytest.param("a\n\nb", ["a", "", "b"], id="blank-line-kept"),
    pytest.param("", [""], id="empty"),
    pytest.param("a \nb", ["a", "b"], id="space-ending-a-line"),
    pytest.param("a\n b", ["a", "b"], id="space-starting-a-line"),
    pytest.param("a \n b\nc", ["a", "b", "c"], id="both"),
]


@given(st.text(st.sampled_from(["a", "Đ", " ", "\n"])))
def test_tidy_spaces_strips_and_collapses_each_line(text):
    expected = [" ".join(word for word in line.split(" ") if word) for line in text.split("\n")]
    assert characters.tidy_spaces(text) == expected


@pytest.mark.parametrize(("text", "lines"), TIDY_CASES)
def test_tidy_spaces(text, lines):
    assert characters.tidy_spaces(text) == lines


def test_every_special_character_is_non_printable():
    """What lets ``_has_special`` answer with str.isprintable."""
    everything = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
    specials = set(characters._rare().special.findall(everything))
    assert len(specials) > 60
    assert all(not char.isprintable() and char != "\n" for char in specials)


SPECIAL_SOUP = st.text(st.sampled_from(list("Kế hoạch \n") + ["\t", "\u00a0", "\u200b", "\x85", "\u2028",
                                                                   "\u200e", "\ue000", "\x00", "\u3000"]))


@given(SPECIAL_SOUP)
def test_printable_probe_agrees_with_the_scan(text):
    assert characters._has_special(text) == (characters._rare().special.search(text) is not None)


@given(SPECIAL_SOUP)
def test_clean_text_is_a_fixed_point(text):
    once = characters.clean_characters(text, NormalizeStats())
    assert characters.clean_characters(once, NormalizeStats()) == once


def test_docstring_examples_run():
    result = doctest.testmod(characters)
    assert result.attempted > 0 and result.failed == 0


#: Texts as read_document gives them: NFC, "\n" line ends, printable but for tabs (or not).
READ_TEXTS = [
    pytest.param("Số:\t91/KH-UBND\nKế hoạch", id="printable-with-tab"),
    pytest.param("Kế hoạch số 91/KH-UBND\nQÐ-UBND của Ủy ban nhân dân", id="printable-with-eth"),
    pytest.param("Số:\u00a091/KH-UBND\u2003ngày", id="non-printable-spaces"),
    pytest.param("Kế\u200b hoạch\u2028số", id="invisible-and-line-separator"),
]


@pytest.mark.parametrize("text", READ_TEXTS)
def test_what_the_reader_established_changes_nothing(text):
    printable = text.replace("\n", " ").replace("\t", " ").isprintable()
    told, plain = NormalizeStats(), NormalizeStats()
    assert (characters.clean_pass(text, told, nfc=True, printable=printable)
            == characters.clean_pass(text, plain))
    assert told == plain
    assert normalize_text(text, nfc=True, printable=printable) == normalize_text(text)


@given(st.text(st.sampled_from(["a", "ế", "\t", "\n", " ", "\u00a0", "\u200b", "Ð", "ư"])))
def test_a_printable_nfc_text_told_so_cleans_alike(text):
    text = unicodedata.normalize("NFC", text)
    printable = text.replace("\n", " ").replace("\t", " ").isprintable()
    assert (characters.clean_pass(text, NormalizeStats(), nfc=True, printable=printable)
            == characters.clean_pass(text, NormalizeStats()))
