"""Units after a target's number (target_units.py)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders import target_units as U
from policykg.loaders.target_units import (
    UNIT_ALT,
    UNIT_WORDS,
    WORD_UNIT_RE,
    clean_unit,
    is_rate,
    read_unit,
)

UNITS = [
    pytest.param("75 triệu đồng/ người/năm.", 2, ("triệu đồng/người/năm", "đồng", 24), id="money-rate-chain"),
    pytest.param("14,5%0 vào năm 2025", 4, ("%0", "%", 6), id="per-mille"),
    pytest.param("320ha.", 3, ("ha", "ha", 5), id="glued-measure"),
    pytest.param("4G, 5G", 1, (None, "?", 1), id="code-glued"),
    pytest.param("550/100.000 trẻ em", 3, ("/100.000 trẻ em", "/", 18), id="bare-rate"),
    pytest.param("13 xã đạt chuẩn", 2, ("xã", "xã", 5), id="counted-noun"),
    pytest.param("05, 06", 2, (None, "", 2), id="punctuation-after"),
    pytest.param("12 thành viên", 2, ("thành viên", "thành", 13), id="unknown-noun-two-words"),
    pytest.param("Xét tối đa 2 tập\nthể và 4 cá\nnhân", 12, ("tập thể", "tập", 20),
                 id="unknown-noun-across-a-line-wrap"),
    pytest.param("mỗi năm phát triển từ 05 bộ dữ liệu mở chất lượng cao", 24,
                 ("bộ dữ liệu", "bộ", 35), id="classifier-and-two-syllable-noun"),
    pytest.param("tối thiểu 01 sàn giao\ndịch thương mại điện tử", 12,
                 ("sàn giao dịch", "sàn", 26), id="classifier-noun-across-a-line-wrap"),
    pytest.param("dưới 500 triệu đồng/01 đơn vị tài sản) tại cơ quan", 22,
                 ("đơn vị tài sản", "đơn", 37), id="two-syllable-classifier-and-noun"),
    pytest.param("2 tập thể xuất sắc", 1, ("tập thể", "tập", 9), id="no-compound-two-words"),
    pytest.param("6 tháng đầu năm", 1, ("tháng đầu", "tháng", 11), id="unknown-noun-head-first"),
    pytest.param("2 buổi/ngày", 1, ("buổi/ngày", "buổi", 11), id="unknown-noun-rate"),
    pytest.param("còn 1,7 lần vào năm 2025", 7, ("lần", "lần", 11), id="unknown-noun-stops-at-vao"),
    pytest.param("04 tin, bài", 2, ("tin", "tin", 6), id="unknown-noun-stops-at-comma"),
    pytest.param("18 ca sinh/1.000 phụ nữ xuống 18", 2, ("ca sinh/1.000 phụ nữ", "ca", 23),
                 id="rate-numerator-two-words"),
    pytest.param("107 trẻ sơ sinh trai/100 trẻ sơ sinh gái sinh ra sống vào năm 2025", 3,
                 ("trẻ sơ sinh trai/100 trẻ sơ sinh gái", "trẻ", 40),
                 id="rate-denominator-as-long-as-numerator"),
    pytest.param("4/100.000 trẻ sinh ra còn sống vào năm 2025", 1,
                 ("/100.000 trẻ sinh ra còn sống", "/", 30), id="bare-rate-live-births"),
    pytest.param("14/100.000 trẻ em vào năm 2025", 2, ("/100.000 trẻ em", "/", 17),
                 id="bare-rate-stops-at-vao"),
    pytest.param("một cơ sở y tế cung cấp", 3, ("cơ sở y tế", "tế", 14), id="lexicon-longest-first"),
    pytest.param("2.000 km2 đến", 5, ("km2", "km2", 9), id="square-km-not-km"),
    pytest.param("50 điểm trường đạt chuẩn", 2, ("điểm trường", "điểm", 14), id="places-not-points"),
    pytest.param("12 Thành viên", 2, (None, "", 2), id="capitalized-is-no-unit"),
    # multi-word units read whole
    pytest.param("27.026 tỷ đồng vào năm 2025", 6, ("tỷ đồng", "đồng", 14), id="billion-dong"),
    pytest.param("2 nghìn tỷ đồng;", 1, ("nghìn tỷ đồng", "đồng", 15), id="thousand-billion-dong"),
    pytest.param("75 triệu đồng/ người/ năm trở lên", 2, ("triệu đồng/người/năm", "đồng", 25),
                 id="money-per-person-per-year-spaced"),
    pytest.param("12 bác sỹ/vạn dân;", 2, ("bác sỹ/vạn dân", "sỹ", 17), id="doctors-per-10k"),
    pytest.param("12 bác sĩ / 1 vạn dân", 2, ("bác sĩ/1 vạn dân", "sĩ", 21),
                 id="doctors-per-1-vạn-spaced"),
    pytest.param("30 giường bệnh/vạn dân vào năm 2025", 2, ("giường bệnh/vạn dân", "bệnh", 22),
                 id="hospital-beds-per-10k"),
    pytest.param("1.500km2 rừng", 5, ("km2", "km2", 8), id="square-km-glued"),
    pytest.param("320 ha lúa", 3, ("ha", "ha", 6), id="hectares-spaced"),
    pytest.param("50 nghìn ha rừng", 2, ("nghìn ha", "ha", 11), id="thousand-hectares"),
    pytest.param("10 tạ/ha/vụ", 2, ("tạ/ha/vụ", "tạ", 11), id="quintals-per-ha-per-crop"),
]


@pytest.mark.parametrize(("text", "pos", "expected"), UNITS)
def test_read_unit(text: str, pos: int, expected: tuple) -> None:
    assert read_unit(text, pos) == expected


def read_unit_by_definition(text: str, pos: int, end: int) -> tuple[str | None, str, int]:
    """read_unit without its quick refusal: every pattern tried in turn."""
    m = U.PERCENT_RE.match(text, pos, end)
    if m:
        unit = "%0" if m.group("mille") else "%/năm" if m.group("rate") else (
            "% " + m.group("gdp").strip() if m.group("gdp") else "%")
        return unit, "%", m.end()
    m = U.WORD_UNIT_RE.match(text, pos, end)
    if m:
        words, stop = m.group("unit"), m.end("unit")
        if m.group("acr") and not U._MONEY_RE.search(words):
            words, stop = words + m.group("acr"), m.end("acr")
        rate, stop = U._rate_chain(text, stop, end, max(U.RATE_WORDS, len(words.split())))
        return clean_unit(words + rate), U._SPACES_RE.sub(" ", words).split(" ")[-1].lower(), stop
    if pos < end and text[pos].isalpha():
        return None, "?", pos
    rate, stop = U._rate_chain(text, pos, end, U.BARE_RATE_WORDS)
    if rate:
        return clean_unit(rate), "/", stop
    return U._noun_unit(text, pos, end)


_AFTER = st.lists(st.sampled_from(["%", "‰", "/", " ", "\n", "năm", "tỷ", "đồng", "USD", "TDTT", "ha",
                                   "người", ",", ".", ")", "-", "²", "½", "_", "K", "ſ", "0", "100.000",
                                   "x", "Thành"]), max_size=8).map("".join)


@settings(max_examples=500, deadline=None)
@given(_AFTER)
def test_quick_refusal_agrees_with_every_pattern(after: str) -> None:
    text = "95" + after
    assert read_unit(text, 2) == read_unit_by_definition(text, 2, len(text))


def test_rates_and_fractions() -> None:
    assert is_rate("/100.000 trẻ em") and is_rate("/1.000")
    assert not is_rate("/7 thôn") and not is_rate("/vạn dân")
    assert clean_unit(" tạ/ ha/ vụ.") == "tạ/ha/vụ"


_FLAT_UNIT_RE = re.compile(
    WORD_UNIT_RE.pattern.replace(UNIT_ALT, "|".join(
        re.escape(w).replace(r"\ ", r"\s+") for w in sorted(UNIT_WORDS, key=len, reverse=True))),
    re.X | re.I)


def test_the_plain_list_is_another_pattern() -> None:
    """Else the property test below would compare WORD_UNIT_RE with itself."""
    assert UNIT_ALT in WORD_UNIT_RE.pattern and _FLAT_UNIT_RE.pattern != WORD_UNIT_RE.pattern


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(UNIT_WORDS + ["triệu", "Tỷ", "nghìn", "MW", "mw", "Km2", "HA", " ",
                                              "TDTT", "x", "/", "năm"]), max_size=6).map(" ".join))
def test_units_grouped_by_letter_match_as_the_plain_list(after: str) -> None:
    text = " " + after
    grouped, flat = WORD_UNIT_RE.match(text), _FLAT_UNIT_RE.match(text)
    assert (grouped and (grouped.span(), grouped.group("unit", "acr"))) == (
        flat and (flat.span(), flat.group("unit", "acr")))
