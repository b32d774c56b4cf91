"""Resolving a document's issuing unit (place_resolution.py) when its name repeats (sample 002's
thị trấn Vĩnh Lộc)."""

from __future__ import annotations

import doctest
import re
import unicodedata

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders import place_resolution, place_windows
from policykg.loaders.place_names import KIND_MENTIONS, spell_normalized, spell_words
from policykg.loaders.places import ANCHORS, all_units, find_units, resolve_issuer_place, spelling_key

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_002 = ROOT / "samples" / "002_d08887a8a251daf5.txt"
#: The date of sample 002 (29/5/2020), before the 2025 reform.
SAMPLE_002_DAY = date(2020, 5, 29)


def test_unique_issuer_is_confident():
    resolution = resolve_issuer_place("district", "huyện Sông Lô", on=date(2022, 6, 1))
    assert resolution.confident and "unique" in resolution.reason
    assert (resolution.district, resolution.province) == ("Sông Lô", "Vĩnh Phúc")


def test_sample_002_resolves_to_thanh_hoa_by_its_evidence():
    text = SAMPLE_002.read_text(encoding="utf-8")
    resolution = resolve_issuer_place("commune", "Vĩnh Lộc", kind="thị trấn", on=SAMPLE_002_DAY, text=text)
    assert resolution.confident
    assert (resolution.unit.id, resolution.district, resolution.province) == (
        "legacy:15349", "Vĩnh Lộc", "Thanh Hóa")
    assert {c.unit.province_name for c in resolution.candidates} == {"Thanh Hóa", "Tuyên Quang"}
    assert "Thành nhà Hồ" in resolution.reason and "Vĩnh Thành" in resolution.reason
    assert resolution.candidates[0].score > resolution.candidates[1].score == 0


UNSURE_CASES = [
    ("no-text", ""),
    ("no-evidence", "Ủy ban nhân dân thị trấn Vĩnh Lộc xây dựng kế hoạch thực hiện Nghị quyết."),
    ("tied-evidence", "Đoàn công tác của tỉnh Thanh Hóa và tỉnh Tuyên Quang làm việc tại thị trấn Vĩnh Lộc."),
    ("weak-evidence", "Học tập kinh nghiệm của huyện Hàm Yên."),  # another district of Tuyên Quang: +1
]


@pytest.mark.parametrize("text", [c[1] for c in UNSURE_CASES], ids=[c[0] for c in UNSURE_CASES])
def test_ambiguous_issuer_without_clear_evidence_is_not_confident(text):
    resolution = resolve_issuer_place("commune", "thị trấn Vĩnh Lộc", on=SAMPLE_002_DAY, text=text)
    assert not resolution.confident and resolution.unit is None
    assert len(resolution.candidates) == 2
    assert "Chiêm Hóa" in resolution.reason and "Vĩnh Lộc, Thanh Hóa" in resolution.reason


EVIDENCE_CASES = [
    ("district-named", "UBND thị trấn Vĩnh Lộc, huyện Chiêm Hóa", "Tuyên Quang"),
    ("province-named", "THỊ TRẤN VĨNH LỘC, TỈNH THANH HÓA", "Thanh Hóa"),
    ("sibling-commune", "phối hợp với xã Vĩnh Hùng và xã Vĩnh Tiến", "Thanh Hóa"),
]


@pytest.mark.parametrize(("text", "province"), [c[1:] for c in EVIDENCE_CASES], ids=[c[0] for c in EVIDENCE_CASES])
def test_named_units_around_a_candidate_are_evidence(text, province):
    resolution = resolve_issuer_place("commune", "thị trấn Vĩnh Lộc", on=SAMPLE_002_DAY, text=text)
    assert resolution.confident and resolution.province == province


FALSE_EVIDENCE_CASES = [
    ("lower-case-word", "thị trấn Vĩnh Lộc; xây dựng xã hội học tập, quan tâm đến huyện hàm yên"),
    ("longer-name", "thị trấn Vĩnh Lộc; tham quan xã Vĩnh Hùng Mạnh"),
    ("across-punctuation", "thị trấn Vĩnh Lộc; các huyện, Chiêm Hóa"),
]


@pytest.mark.parametrize("text", [c[1] for c in FALSE_EVIDENCE_CASES], ids=[c[0] for c in FALSE_EVIDENCE_CASES])
def test_words_that_only_look_like_places_are_not_evidence(text):
    resolution = resolve_issuer_place("commune", "thị trấn Vĩnh Lộc", on=SAMPLE_002_DAY, text=text)
    assert [c.score for c in resolution.candidates] == [0, 0]


def test_resolution_is_deterministic():
    text = SAMPLE_002.read_text(encoding="utf-8")
    first = resolve_issuer_place("commune", "thị trấn Vĩnh Lộc", text=text)
    assert resolve_issuer_place("commune", "thị trấn Vĩnh Lộc", text=text) == first


def test_every_anchor_places_a_text():
    placed = place_resolution._anchor_places()
    assert len(placed) == len(ANCHORS)
    assert all(ids for _anchor, ids, _weight in placed)


def test_docstring_examples_run():
    result = doctest.testmod(place_resolution, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


# --- mention search ---------------------------------------------------------------------------

#: The barrier as first written, its lookbehinds before the dot.
REFERENCE_BARRIER = re.compile(
    r"""
    [,;:!?()\[\]{}"“”‘’…|]+
    | (?<!\b\w)(?<!\b\w\w) \. (?=\s|$)
    """,
    re.X,
)


@given(st.lists(st.sampled_from(list("ab Đ1_.,\n|…é") + ["\u0301", "TP", "N.T"])).map("".join))
def test_barrier_splits_as_first_written(text):
    assert place_resolution._BARRIER.split(text) == REFERENCE_BARRIER.split(text)


def reference_named(unit, text) -> bool:
    """``_named`` searching the whole text for every mention."""
    for _prefix, _first_word, mention in place_resolution._mentions(unit):
        at = text.cased.find(mention)
        while at >= 0:
            after = text.cased[at + len(mention):at + len(mention) + 1]
            if not after.isupper() or mention.isupper():
                return True
            at = text.cased.find(mention, at + 1)
    return False


#: Units around thị trấn Vĩnh Lộc (Thanh Hóa): their district, province and sibling communes.
NEIGHBOURS = [unit for unit, _weight in place_resolution._neighbourhood(
    find_units("Vĩnh Lộc", kind="thị trấn", within="Thanh Hóa")[0])][:40]
MENTIONS = st.sampled_from(NEIGHBOURS).flatmap(lambda u: st.sampled_from([
    f"xã {u.name}", f"Xã {u.name.upper()}", f"{u.full_name} Anh", f"{u.full_name}, ", f"huyện {u.name}",
    f"HUYỆN {u.name.upper()} TỈNH", f"{u.kind}{u.name}"]))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(MENTIONS, st.sampled_from(["và", "các xã", ".", "Trung tâm", "x"])), max_size=12))
def test_mentions_found_at_kind_words_only(parts):
    text = place_resolution._Text.of(" ".join(parts))
    for unit in NEIGHBOURS:
        assert place_resolution._named(unit, text) == reference_named(unit, text)


@pytest.mark.parametrize("raw", [
    pytest.param("UBND thị trấn Vĩnh Lộc, huyện Vĩnh Lộc, tỉnh Thanh Hóa; xã Vĩnh Phúc và xã "
                 "Vĩnh Hưng", id="district-province-siblings"),
    pytest.param("HUYỆN VĨNH LỘC TỈNH THANH HÓA", id="upper-case"),
    pytest.param("xã Vĩnh Phúc Anh, các xã, phường. Trung tâm", id="no-whole-name"),
    pytest.param("Kế hoạch phát triển kinh tế - xã hội", id="none"),
])
def test_named_neighbours_are_those_named_in_order(raw):
    unit = find_units("Vĩnh Lộc", kind="thị trấn", within="Thanh Hóa")[0]
    text = place_resolution._Text.of(raw)
    expected = [(near, weight) for near, weight in place_resolution._neighbourhood(unit)
                if place_resolution._named(near, text)]
    assert place_resolution._named_neighbours(unit, text) == expected


@pytest.mark.parametrize("kind", sorted(KIND_MENTIONS))
def test_first_words_are_those_of_the_mentions(kind):
    units = [unit for unit in all_units() if unit.kind == kind][::97]
    assert units
    for unit in units:
        expected = {first for _prefix, first, _mention in place_resolution._mentions(unit)}
        assert place_resolution._first_words(unit) == expected


def test_folded_text_is_spelled_when_first_read():
    raw = "Thành nhà Hồ, đê sông Mã."
    text = place_resolution._Text.of(raw)
    assert text._folded is None
    parts = place_resolution._BARRIER.split(raw)
    reference = " " + " | ".join(spell_words(p, casefold=True) for p in parts) + " "
    # The same words and bars; an empty part (after the final dot) leaves one space, not two.
    assert text.folded == " " + " ".join(reference.split()) + " "
    assert f" {spelling_key('Thành nhà Hồ')} " in text.folded


def reference_spelling(text: str, *, casefold: bool) -> str:
    """``_Text``'s spelling as first written: the text split at its barriers, each part NFC
    (case-folded for ``folded``) and spelled, the parts joined by " | "."""
    parts = [unicodedata.normalize("NFC", part) for part in place_resolution._BARRIER.split(text)]
    return " " + " | ".join(spell_normalized(p.casefold() if casefold else p) for p in parts) + " "


#: Runs that spell differently from their parts or case-fold oddly: a sentence dot, "TP." and
#: "N.T", marks apart from their letters, "İ" (folds to i and a combining dot), U+0345 (not a
#: letter, folds to one), a Greek question mark (NFC makes it ";", which is no barrier then).
RUN_PIECES = ["xã Vĩnh Thành", "TP.", "N.T", ". ", ".", ",", "…", "|", " ", "\n", "\t", "Hoà", "HÒA",
              "a\u0301", "İ", "\u0345", "ᾳ", "\u037e", "ß", "Ⅳ", "_", "(sông Mã)", "\u2000", "\x85",
              "ab", "a"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(RUN_PIECES), max_size=20).map("".join))
def test_text_spelled_run_by_run_is_the_text_spelled_part_by_part(text):
    prepared = place_resolution._Text(text, whole=True)
    for spelled, casefold in ((prepared.cased, False), (prepared.folded, True)):
        reference = reference_spelling(text, casefold=casefold)
        # The same words and bars; an empty part leaves one space between bars, not two.
        assert spelled == " " + " ".join(reference.split()) + " "


def reference_places(cased: str, prefix: str) -> dict[str, list[int]]:
    """Where ``prefix`` stands in ``cased``, by the word after it: every occurrence, one find
    after another."""
    found: dict[str, list[int]] = {}
    at = cased.find(prefix)
    while at >= 0:
        end = cased.find(" ", at + len(prefix))
        found.setdefault(cased[at + len(prefix):end] if end >= 0 else "", []).append(at)
        at = cased.find(prefix, at + 1)
    return found


KIND_PIECES = ["thị xã", "Thị xã", "THỊ XÃ", "xã", "TP", "TP.", "thành phố", "phường", "huyện",
               "Vĩnh Lộc", "VĨNH", "đặc khu", "thị", "tỉnh", ",", "|", "tt", "Tx"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(KIND_PIECES), max_size=14).map(" ".join))
def test_kind_places_are_every_occurrence_of_each_kind_word(text):
    prepared = place_resolution._Text.of(text)
    for prefix in place_resolution._KIND_PREFIXES:
        found = reference_places(prepared.cased, prefix)
        for word, places in found.items():
            assert prepared.places(prefix, word) == places
        assert prepared._kind_places().get(prefix, {}) == found


def test_no_kind_word_is_another_followed_by_more_words():
    """What lets one alternative of _KIND_AND_NEXT stand for all at a place."""
    prefixes = place_resolution._KIND_PREFIXES
    assert not [(a, b) for a in prefixes for b in prefixes if a != b and b.startswith(a)]


@pytest.mark.parametrize("run", [
    pytest.param("Lộc,", id="word-and-comma"), pytest.param("TP.", id="abbreviation"),
    pytest.param("(sông", id="bracket"), pytest.param("…", id="punctuation-only"),
])
def test_run_spellings_are_the_spelling(run):
    table = place_resolution._RunSpellings(place_resolution._spell_run)
    assert table[run] == place_resolution._spell_run(run) and run in table


def test_run_spellings_are_emptied_when_full(monkeypatch):
    monkeypatch.setattr(place_resolution, "RUN_CACHE_SIZE", 2)
    table = place_resolution._RunSpellings(str.upper)
    assert [table[run] for run in ("a", "b", "c")] == ["A", "B", "C"]
    assert dict(table) == {"c": "C"}


@pytest.mark.parametrize(("words", "text", "found"), [
    pytest.param(["tp", "tx", "xã"], "tx", True, id="grouped-word"),
    pytest.param(["tp", "tx", "xã"], "xã", True, id="other-group"),
    pytest.param(["thị xã", "thị trấn"], "thị trấn", True, id="two-words"),
    pytest.param(["tp", "tx", "xã"], "tt", False, id="first-letter-only"),
])
def test_by_first_letter_is_the_alternation(words, text, found):
    pattern = re.compile(f"(?:{place_windows.plain_words_by_first_letter(words)})$", re.X)
    assert (pattern.match(text) is not None) is found
