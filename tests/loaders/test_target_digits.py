"""The fast digit pattern (target_digits.py) matches exactly the characters ``\\d`` matches."""

from __future__ import annotations

import re
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders.target_digits import DIGIT, _decimal_ranges
from policykg.loaders.target_values import NUMBER_SCAN_RE, VALUE_RE
from policykg.loaders.target_years import FOUR_DIGITS_RE

_DIGIT_RE = re.compile(DIGIT)


def test_digit_matches_every_code_point_backslash_d_matches() -> None:
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    assert [m.start() for m in _DIGIT_RE.finditer(every)] == [
        m.start() for m in re.finditer(r"\d", every)]


_BMP_LAST = 0xFFFF


def test_isdecimal_is_the_test_backslash_d_makes_over_the_bmp() -> None:
    bmp = "".join(map(chr, range(_BMP_LAST + 1)))
    assert [m.start() for m in re.finditer(r"\d", bmp)] == [
        code for code, char in enumerate(bmp) if char.isdecimal()]


def _runs_of_every_code_point(last: int) -> list[tuple[int, int]]:
    """The runs of decimal code points up to ``last``, testing each one."""
    runs: list[tuple[int, int]] = []
    for code in range(last + 1):
        if chr(code).isdecimal():
            if runs and runs[-1][1] == code - 1:
                runs[-1] = (runs[-1][0], code)
            else:
                runs.append((code, code))
    return runs


@pytest.mark.parametrize("last", [
    pytest.param(_BMP_LAST, id="bmp"),
    pytest.param(0x0669, id="ending-after-arabic-indic-nine"),
    pytest.param(0x0665, id="ending-inside-arabic-indic-digits"),
    pytest.param(0x39, id="ascii"),
    pytest.param(0x35, id="ending-inside-ascii-digits"),
    pytest.param(sys.maxunicode, id="every-code-point"),
])
def test_decimal_ranges_equal_a_test_of_every_code_point(last: int) -> None:
    assert _decimal_ranges(last) == _runs_of_every_code_point(last)


DIGITS = [
    pytest.param("đến năm 2025", ["2025"], id="ascii"),
    pytest.param("đến năm ２０２５", ["２０２５"], id="fullwidth"),
    pytest.param("năm ٢٠٢٥ và 𝟚𝟘𝟚𝟝", ["٢٠٢٥", "𝟚𝟘𝟚𝟝"], id="arabic-indic-and-beyond-the-bmp"),
    pytest.param("năm hai nghìn", [], id="words"),
]


@pytest.mark.parametrize(("text", "expected"), DIGITS)
def test_four_digits(text: str, expected: list[str]) -> None:
    assert FOUR_DIGITS_RE.findall(text) == expected


_TEXT = st.text(st.sampled_from("0123456789２٢𝟚 .,-/%:;aăđ\n"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_number_patterns_agree_with_backslash_d(text: str) -> None:
    for pattern in (VALUE_RE, NUMBER_SCAN_RE, FOUR_DIGITS_RE):
        plain = re.compile(pattern.pattern.replace(DIGIT, r"\d"), pattern.flags)
        assert [m.groupdict() | {"span": m.span()} for m in pattern.finditer(text)] == [
            m.groupdict() | {"span": m.span()} for m in plain.finditer(text)]
