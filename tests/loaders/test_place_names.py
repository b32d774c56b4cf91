"""Unit names (place_names.py): folded keys, spelling variants, kind prefixes."""

from __future__ import annotations

import doctest
import unicodedata

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from policykg.loaders import place_names
from policykg.loaders.places import (
    find_units,
    fold,
    name_key,
    strip_unit_prefix,
)

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_002 = ROOT / "samples" / "002_d08887a8a251daf5.txt"
BUILD_SCRIPT = ROOT / "scripts" / "build_gazetteer.py"
DATA_FILE = ROOT / "loaders" / "gazetteer.json"
#: Loading the data file must stay fast enough to do in every process that needs a place.
LOAD_BUDGET_SECONDS = 0.3
#: The date of sample 002 (29/5/2020), before the 2025 reform.
SAMPLE_002_DAY = date(2020, 5, 29)


FOLD_CASES = [
    ("accented", "Sông Lô", "song lo"),
    ("upper", "SÔNG LÔ", "song lo"),
    ("plain", "Song Lo", "song lo"),
    ("d-stroke", "Đắk Lắk", "dak lak"),
    ("old-tone-placement", "Hoà Bình", "hoa binh"),
    ("new-tone-placement", "Hòa Bình", "hoa binh"),
    ("hyphen-spaced", "Bà Rịa - Vũng Tàu", "ba ria vung tau"),
    ("hyphen-tight", "Bà Rịa-Vũng Tàu", "ba ria vung tau"),
    ("extra-spaces", "  Vĩnh\n Lộc ", "vinh loc"),
    ("decomposed-input", "Vi\u0303nh Lo\u0323\u0302c", "vinh loc"),
    ("digits", "Phường 12", "phuong 12"),
    ("empty", "", ""),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in FOLD_CASES], ids=[c[0] for c in FOLD_CASES])
def test_fold(text, expected):
    assert fold(text) == expected


PREFIX_CASES = [
    ("H-dot", "H. Sông Lô", ("Sông Lô", "huyện")),
    ("huyen", "huyện Sông Lô", ("Sông Lô", "huyện")),
    ("Huyen-capital", "Huyện Sông Lô", ("Sông Lô", "huyện")),
    ("HUYEN-upper", "HUYỆN SÔNG LÔ", ("SÔNG LÔ", "huyện")),
    ("huyen-ascii", "huyen Song Lo", ("Song Lo", "huyện")),
    ("TT-dot", "TT. Vĩnh Lộc", ("Vĩnh Lộc", "thị trấn")),
    ("TT-dot-tight", "TT.Vĩnh Lộc", ("Vĩnh Lộc", "thị trấn")),
    ("thi-tran", "thị trấn Vĩnh Lộc", ("Vĩnh Lộc", "thị trấn")),
    ("TP-space", "TP Vĩnh Yên", ("Vĩnh Yên", "thành phố")),
    ("TP-dot", "TP. Hồ Chí Minh", ("Hồ Chí Minh", "thành phố")),
    ("thanh-pho", "thành phố Vĩnh Yên", ("Vĩnh Yên", "thành phố")),
    ("tinh", "tỉnh Vĩnh Phúc", ("Vĩnh Phúc", "tỉnh")),
    ("thi-xa", "thị xã Phú Thọ", ("Phú Thọ", "thị xã")),
    ("quan-number", "Quận 1", ("1", "quận")),
    ("phuong", "phường Ba Đình", ("Ba Đình", "phường")),
    ("xa", "xã Vĩnh Thành", ("Vĩnh Thành", "xã")),
    ("dac-khu", "đặc khu Phú Quốc", ("Phú Quốc", "đặc khu")),
    ("no-prefix", "Sông Lô", ("Sông Lô", None)),
    ("name-like-quan", "Quan Sơn", ("Quan Sơn", None)),  # a district of Thanh Hóa, not quận Sơn
    ("name-like-xa", "Xà Phiên", ("Xà Phiên", None)),
    ("name-like-tinh", "Tịnh Biên", ("Tịnh Biên", None)),
    ("prefix-only", "huyện", ("huyện", None)),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in PREFIX_CASES], ids=[c[0] for c in PREFIX_CASES])
def test_strip_unit_prefix(text, expected):
    assert strip_unit_prefix(text) == expected


NAME_KEY_CASES = [
    ("roman-numeral", "Phường IV", "Phường 4"),
    ("roman-suffix", "Tam Xuân II", "Tam Xuân 2"),
    ("final-y-i", "Thuận Quý", "Thuận Quí"),
    ("state-farm", "NT Liên Sơn", "Nông trường Liên Sơn"),
    ("spacing", "EaBar", "Ea Bar"),
]


@pytest.mark.parametrize(("one", "other"), [c[1:] for c in NAME_KEY_CASES], ids=[c[0] for c in NAME_KEY_CASES])
def test_name_key_merges_spelling_variants(one, other):
    assert name_key(one) == name_key(other)


def test_name_key_keeps_syllables_that_look_roman():
    assert name_key("Bạch Long Vĩ") == "bachlongvi"


@given(st.text())
def test_fold_is_idempotent_and_total(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert folded == folded.strip() and "  " not in folded


@given(st.text())
def test_name_helpers_never_raise(text):
    name, kind = strip_unit_prefix(text)
    assert kind is None or kind in place_names.KINDS
    assert isinstance(name_key(text), str)
    assert isinstance(find_units(text), list)


def test_docstring_examples_run():
    result = doctest.testmod(place_names, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def reference_strip_marks(text: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


NAMES = st.text(st.sampled_from(list("Sông Lô ĐắkLắk Hoà Bình IV Quý-NT") + ["ϒ", "İ", "ß", "\u0301", "\u1dc0", "①"]))


@given(NAMES)
def test_marks_are_stripped_as_by_the_combining_class(text):
    assert place_names._strip_marks(text) == reference_strip_marks(text)


@given(NAMES)
def test_cached_name_key_equals_the_computed_one(text):
    assert place_names.name_key(text) == place_names.name_key.__wrapped__(text)


@given(NAMES)
def test_words_are_what_the_non_word_runs_leave(text):
    assert place_names._WORD.findall(text) == place_names._NON_WORD.sub(" ", text).split()


# --- plain texts: case folding and spelling commute -----------------------------------------

#: Every character a plain text may hold.
PLAIN_CHARACTERS = [chr(code) for low, high in place_names.PLAIN_RANGES
                    for code in range(low, high + 1)] + list(place_names.VIETNAMESE_LETTERS)
_LETTER_OR_DIGIT = place_names._WORD


def test_every_plain_character_folds_as_it_spells():
    """What folds_as_spelled promises of each character, so that it holds of whole texts."""
    for char in PLAIN_CHARACTERS:
        folded = char.casefold()
        assert len(folded) == 1, repr(char)
        assert bool(_LETTER_OR_DIGIT.fullmatch(char)) == bool(_LETTER_OR_DIGIT.fullmatch(folded))
        assert unicodedata.is_normalized("NFC", char) and not unicodedata.combining(char)
        assert place_names.spell_word(folded) == place_names.spell_word(char).casefold(), repr(char)


@pytest.mark.parametrize("text, plain", [
    pytest.param("UBND thị trấn Vĩnh Lộc, huyện Vĩnh Lộc", True, id="vietnamese"),
    pytest.param("“Kế hoạch” – 95% ≥ 90‰; • ① 10.000 ₫ → ┌─┐", True, id="punctuation-and-signs"),
    pytest.param("\t\n\r\x0c\xa0", True, id="white-space"),
    pytest.param("İstanbul", False, id="dotted-capital-i"),
    pytest.param("Straße", False, id="sharp-s"),
    pytest.param("Hoa\u0300", False, id="combining-mark"),
    pytest.param("\u2000", False, id="space-nfc-changes"),
    pytest.param("Ωμέγα", False, id="greek"),
    pytest.param("Ä", False, id="latin-not-vietnamese"),
])
def test_folds_as_spelled(text, plain):
    assert place_names.folds_as_spelled(text) is plain


@given(st.lists(st.sampled_from(["xã Vĩnh Thành", "TP.", "N.T", ". ", ",", "…", "|", "\n",
                                 "HÒA", "Hoà", "ĐẶC KHU", "(sông Mã)", "“", "–", "_", "a", "1"]))
       .map("".join))
def test_plain_text_spelling_folds_to_the_folded_spelling(text):
    assert place_names.folds_as_spelled(text)
    assert (place_names.spell_with_bars(text).casefold()
            == place_names.spell_with_bars(text.casefold()))
