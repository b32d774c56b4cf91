"""Years of targets (target_years.py): the year windows find what a plain scan finds."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders.caseless import LoweredSpan
from policykg.loaders.target_segments import has_number, split_paragraphs
from policykg.loaders.target_years import (
    DEADLINE_RE,
    YEAR_LOWERED_RE,
    YEAR_MAX,
    YEAR_MIN,
    YEAR_RE,
    Horizon,
    YearWindows,
    blank_year_phrases,
    find_horizon,
    find_lead_in_years,
    find_year_phrases,
    is_past_result,
    pick_year,
    search_year,
)

_PIECES = st.sampled_from(["năm 2025", "Năm 2019", "NĂM 2030", "đến hết năm", "giai đoạn 2021-2025",
                           "thời kỳ 2021 - 2030", "so với năm 2020", "so với", "2025", "12345", " ",
                           ", ", ". ", ";", ":", "(", ")", "\n\n", "đạt 95%", "vào", "trở đi", "x"])
_TEXTS = st.lists(_PIECES, max_size=25).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_TEXTS, st.integers(0, 40), st.integers(0, 400))
def test_year_phrases_agree_with_a_plain_scan(text: str, start: int, length: int) -> None:
    start = min(start, len(text))
    end = min(len(text), start + length)
    plain = [(m.start(), m.end(), int(m.group("y1") or m.group("y2")))
             for m in YEAR_RE.finditer(text, start, end) if not m.group("base")]
    assert find_year_phrases(text, start, end) == [p for p in plain if YEAR_MIN <= p[2] <= YEAR_MAX]
    first = YEAR_RE.search(text, start, end)
    found = search_year(text, start, end)
    assert (found and found.span()) == (first and first.span())


_CASED = st.lists(st.sampled_from(["năm 2025", "Năm 2019", "NĂM 2030", "năm  năm 2024", "Đến Hết năm",
                                   "tới cuối năm", "trong năm", "Vào năm", "từ năm", "hết năm", "Cuối",
                                   "giai đoạn 2021-2025", "Thời kỳ 2021 – 2030", "nhiệm kỳ 2020—2025",
                                   "so với năm 2020", "So với cùng kỳ năm", "so với giai đoạn", "2025",
                                   "12345", " trở đi", ", ", ";", "\n", "đạt 95%", "x"]), max_size=20)


@settings(max_examples=500, deadline=None)
@given(_CASED.map(" ".join), st.integers(0, 20))
def test_lowered_twin_finds_the_phrases_of_year_re(text: str, start: int) -> None:
    start = min(start, len(text))
    low = LoweredSpan(text, start, len(text))
    assert low.low is not None
    expected = [(m.span(), bool(m.group("base")), int(m.group("y1") or m.group("y2")))
                for m in YEAR_RE.finditer(text, start)]
    found = [((m.start() + low.base, m.end() + low.base), m.group().startswith("so"),
              int(m.group(m.lastindex))) for m in YEAR_LOWERED_RE.finditer(low.low, start - low.base)]
    assert found == expected
    assert find_year_phrases(text, start, len(text), low) == find_year_phrases(text, start, len(text))


def test_year_phrases_of_a_text_lowering_would_shift_are_read_with_year_re() -> None:
    text = "İ đến năm 2025 đạt 95%"  # 'İ' lowers to two characters: no lowered copy
    span = LoweredSpan(text, 0, len(text))
    assert span.low is None
    assert find_year_phrases(text, 0, len(text), span) == [(2, 14, 2025)]


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_horizon_agrees_with_a_plain_scan(text: str) -> None:
    numbered = [(a, b) for a, b in split_paragraphs(text) if has_number(text, a, b)]
    years = [int(m.group(1) or m.group(2)) for m in DEADLINE_RE.finditer(text)]
    years = [y for y in years if YEAR_MIN <= y <= YEAR_MAX]
    assert find_horizon(text, YearWindows(text, numbered)) == (min(years) if years else None)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["\n", "\n\n"]) | _PIECES, max_size=40).map(" ".join),
       st.integers(1, 30), st.sampled_from([1944, 2019, 2025, 2030, 2200]))
def test_horizon_read_in_chunks_answers_as_the_whole_scan(text: str, chunk: int, year: int) -> None:
    nearest = find_horizon(text, YearWindows(text, [(0, len(text))]))
    horizon = Horizon(text, chunk)
    assert horizon.is_after(year) is (nearest is not None and nearest > year)
    assert horizon.is_after(YEAR_MIN - 1) is (nearest is not None)  # asked again: the scan goes on


def test_horizon_stops_at_a_deadline_not_later() -> None:
    text = "Kế hoạch đến năm 2025\n" + "Năm 2019 đạt 90%\n" * 50
    horizon = Horizon(text, chunk=10)
    assert horizon.is_after(2030) is False
    assert horizon.scanned < len(text)  # settled by the title, the rest not scanned
    assert horizon.is_after(2019) is True and horizon.scanned == len(text)


def test_lead_in_year_covers_the_sentence() -> None:
    text = "Phấn đấu đến hết năm 2025: tỷ lệ đạt 25%; tuổi thọ 75 tuổi"
    years = find_year_phrases(text, 0, len(text))
    assert years == [(9, 25, 2025)]
    carry = find_lead_in_years(text, 0, len(text), years)
    assert pick_year(text, 53, 55, 42, len(text), years, carry) == 2025


PAST = [
    pytest.param("Năm 2019 đạt 90% hộ", 2025, True, id="before-horizon"),
    pytest.param("Năm 2026 đạt 90% hộ", 2025, False, id="after-horizon"),
    pytest.param("Phấn đấu năm 2019 đạt 90% hộ", 2025, False, id="strive"),
    pytest.param("Năm 2019 đạt 90% hộ", None, False, id="no-horizon"),
]


@pytest.mark.parametrize(("text", "horizon", "expected"), PAST)
def test_is_past_result(text: str, horizon: int | None, expected: bool) -> None:
    value = text.index("90")
    assert is_past_result(text, value, 0, lambda year: horizon is not None and horizon > year) is expected


def test_horizon_is_asked_only_for_a_bare_year() -> None:
    def never(year: int) -> bool:
        raise AssertionError("the horizon is not needed")

    assert is_past_result("Tỷ lệ đạt 90%", 10, 0, never) is False


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["năm 2025", "Năm 2019", "NĂM 2030", "Đến Hết năm", "so với năm 2020",
                                 "giai đoạn 2021-2025", "Thời kỳ 2021 – 2030", " trở đi", "İ", "ſ",
                                 "tỷ lệ", "đạt 95%", ", ", " ", "x"]), max_size=12).map("".join))
def test_blank_year_phrases_replaces_what_year_re_finds(phrase: str) -> None:
    assert blank_year_phrases(phrase) == YEAR_RE.sub(" ", phrase)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["năm 2019", "Năm 2019", "NĂM 2018", "xnăm 2017", "năm 2020,", " đã", " đạt",
                                 " Đạt", " tăng", " là", " còn", " giảm", "x", "Phấn đấu", "đến năm 2025",
                                 " ", "\n"]), max_size=10).map("".join), st.sampled_from([2019, 2025, None]))
def test_past_results_found_on_the_lowered_copy_as_with_re_i(before: str, horizon: int | None) -> None:
    text = f"{before} 90%"
    v_start = len(before) + 1
    def after(year: int) -> bool:
        return horizon is not None and horizon > year
    span = LoweredSpan(text, 0, len(text))
    assert is_past_result(text, v_start, 0, after, span) is is_past_result(text, v_start, 0, after)
