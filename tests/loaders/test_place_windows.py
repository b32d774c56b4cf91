"""The stretches of a text where a place can be named (place_windows.py): a text spelled only
there gives the same mentions and anchors as the whole text spelled."""

from __future__ import annotations

import doctest
import re
import string
from itertools import product
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders import place_resolution, place_windows
from policykg.loaders.gazetteer import all_units
from policykg.loaders.place_names import (
    KIND_MENTIONS,
    PLAIN_RANGES,
    VIETNAMESE_LETTERS,
    folds_as_spelled,
    spell_word,
    spell_words,
    spelling_key,
)
from policykg.loaders.places import ANCHORS, find_units
from policykg.loaders.place_windows import (
    MENTION_MAX_WORDS,
    WINDOW_WORDS,
    plain_spellings,
    runs_near,
)

ROOT = Path(__file__).resolve().parents[2]
#: Every plain lower-case letter and digit.
PLAIN_LOWER = [c for c in VIETNAMESE_LETTERS + string.ascii_letters + string.digits
               if c == c.casefold()]


def test_doctests():
    assert doctest.testmod(place_windows).failed == 0


@pytest.mark.parametrize(("word", "expected"), [
    pytest.param("xã", ["xã"], id="one-vowel"),
    pytest.param("huyện", ["huyện", "huỵên", "hụyên"], id="two-marks-three-vowels"),
    pytest.param("phường", ["phường", "phừơng"], id="horns"),
    pytest.param("hoà", ["hoà", "hòa"], id="tone-placement"),
    pytest.param("786", ["786"], id="digits"),
    pytest.param("đặc", ["đặc"], id="d-stroke"),
])
def test_plain_spellings(word, expected):
    assert plain_spellings(word) == expected


@pytest.mark.parametrize("word", ["xã", "hồ", "mã", "tp", "ụa"])
def test_plain_spellings_are_every_two_letter_word_that_spells_alike(word):
    everything = {a + b for a, b in product(PLAIN_LOWER, repeat=2)
                  if spell_word(a + b) == spell_word(word)}
    assert set(plain_spellings(word)) == everything


@pytest.mark.parametrize(("word", "any_case", "expected"), [
    pytest.param("xã", False, ["xã", "Xã", "XÃ"], id="three-cases"),
    pytest.param("thị", False, ["thị", "Thị", "THỊ"], id="three-cases-marked"),
    pytest.param("786", True, ["786"], id="digits-have-no-case"),
    pytest.param("mã", True, ["mã", "mÃ", "Mã", "MÃ"], id="any-case"),
])
def test_case_forms(word, any_case, expected):
    assert place_windows.case_forms(word, any_case=any_case) == expected


def test_a_plain_letter_folds_only_from_itself_and_its_capital():
    """What lets case_forms stand for every plain word whose case-folding spells alike."""
    plain = [chr(code) for low, high in PLAIN_RANGES for code in range(low, high + 1)]
    plain += list(VIETNAMESE_LETTERS)
    assert all(map(folds_as_spelled, plain))
    assert all(p.casefold() not in PLAIN_LOWER or p in (p.casefold(), p.casefold().upper())
               for p in plain)


def test_mentions_and_anchors_are_at_most_mention_max_words():
    kind_words = max(len(word.split()) for words in KIND_MENTIONS.values() for word in words)
    name_words = max(len(spell_words(u.name, casefold=False).split()) for u in all_units())
    anchor_words = max(len(spelling_key(anchor.phrase).split()) for anchor in ANCHORS)
    assert max(kind_words + name_words, anchor_words) <= MENTION_MAX_WORDS


FILLER = " ".join(f"từ{i}" for i in range(WINDOW_WORDS + 3))


@pytest.mark.parametrize(("text", "expected"), [
    pytest.param("không có gì", [], id="no-first-word"),
    pytest.param("ở xã Vĩnh", ["xã", "Vĩnh"], id="to-the-end"),
    pytest.param("UBND XÃ A " + FILLER, ["XÃ", "A", *FILLER.split()[:WINDOW_WORDS - 1]],
                 id="upper-case"),
    pytest.param("(xã, - – A " + FILLER, ["(xã,", "-", "–", "A", *FILLER.split()[:WINDOW_WORDS - 1]],
                 id="runs-without-words-do-not-count"),
    pytest.param("thị xã A", ["thị", "xã", "A"], id="two-first-words"),
    pytest.param("xãy ra", [], id="whole-word-only"),
    pytest.param("ở xÃ A", [], id="kind-words-in-three-cases-only"),
    pytest.param("ở vĨNH A", ["vĨNH", "A"], id="anchor-words-in-any-case"),
])
def test_runs_near(text, expected):
    assert runs_near(text, place_resolution._KIND_FIRST_WORDS,
                     place_resolution._ANCHOR_FIRST_WORDS) == expected


#: Units around thị trấn Vĩnh Lộc (Thanh Hóa): their district, province and sibling communes.
NEIGHBOURS = [unit for unit, _weight in place_resolution._neighbourhood(
    find_units("Vĩnh Lộc", kind="thị trấn", within="Thanh Hóa")[0])][:40]
PIECES = ["xã", "Xã", "XÃ", "thị xã", "thị", "TP", "TP.", "thành phố", "huyện", "HUYỆN", "tỉnh",
          "phừơng", "phường", "huỵên", "Vĩnh Lộc", "VĨNH LỘC", "Vĩnh Thành", "Thành nhà Hồ",
          "sông Mã", "786/NQ-UBTVQH14", "Thanh Hóa", "Trung tâm", "và", "-", "–", ",", ".", "…",
          "\n", "(", ")", "N.T", "là", "các", "Hoà", "İ", "a\u0301", "THÀNH NHÀ HỒ", "Sông MÃ",
          "vĨnh tHành", "Xã", "xÃ", "Tp", "tP", "ThỊ XÃ", "Thị Xã"]
TEXTS = st.lists(st.one_of(st.sampled_from(PIECES), st.sampled_from(NEIGHBOURS).map(
    lambda u: st.sampled_from([u.name, u.name.upper(), u.full_name])).flatmap(lambda s: s)),
    max_size=40).map(" ".join)


def assert_same_places(text: str) -> None:
    near, whole = place_resolution._Text(text), place_resolution._Text(text, whole=True)
    assert near.words_after_kinds == whole.words_after_kinds
    for unit in NEIGHBOURS:
        assert place_resolution._named(unit, near) == place_resolution._named(unit, whole), unit
    for anchor in ANCHORS:
        phrase = f" {spelling_key(anchor.phrase)} "
        assert (phrase in near.folded) == (phrase in whole.folded), anchor.phrase


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_text_near_first_words_names_the_same_places(text):
    assert_same_places(text)


@pytest.mark.parametrize("path", sorted((ROOT / "samples").glob("*.txt")), ids=lambda p: p.name[:3])
def test_samples_name_the_same_places(path):
    text = path.read_text(encoding="utf-8")
    assert folds_as_spelled(text)  # the shortcut is what is tested
    assert_same_places(text)


@pytest.mark.parametrize(("words", "expected"), [
    pytest.param(["xã"], "xã", id="one-word"),
    pytest.param(["tp", "tx", "xã"], "(?:t(?:p|x)|xã)", id="shared-first-letter"),
    pytest.param(["thị", "thành", "tp", "t"], "t(?:h(?:ị|ành)|p|)", id="word-ends-after-longer"),
    pytest.param(["thị xã", "thị trấn"], "thị[ ](?:xã|trấn)", id="space"),
])
def test_words_trie(words, expected):
    assert place_windows.words_trie(words) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text("tThịxã7 ", min_size=1, max_size=4), min_size=1, max_size=8, unique=True),
       st.text("tThịxã7 .", max_size=12))
def test_words_trie_matches_as_the_longest_first_alternation(words, text):
    longest_first = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    trie = re.compile(f"(?:{place_windows.words_trie(words)})", re.X)
    assert ([m.span() for m in trie.finditer(text)]
            == [m.span() for m in re.finditer(longest_first, text)])


def window_end_by_runs(text: str, pos: int) -> int | None:
    """Where _WINDOW_END ends, read run by run: the end of the WINDOW_WORDS-th run after the one
    at ``pos`` that holds a letter or digit, None if fewer follow."""
    found = 0
    for run in re.finditer(r"\S+", text):
        if run.start() <= pos:
            continue  # before pos, or the run pos stands in
        found += any(ch.isalnum() for ch in run.group())
        if found == WINDOW_WORDS:
            return run.end()
    return None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text("xã A1_-–… \n\t", max_size=4), max_size=30).map(" ".join),
       st.integers(0, 60))
def test_window_end_is_the_end_of_the_last_run_with_a_word(text, pos):
    pos = min(pos, len(text))
    match = place_windows._WINDOW_END.match(text, pos)
    assert (match.end() if match else None) == window_end_by_runs(text, pos)
