"""Vietnamese number parsing: ``27.026`` is twenty-seven thousand and twenty-six, ``87,5`` is 87.5.

Vietnamese official texts write ``.`` for thousands and ``,`` for decimals. Documents copied from
English sources, spreadsheets or careless typing sometimes write ``2.5`` for two and a half. The
rule here is deterministic and reads each dot by the digits after it:

* a dot followed by **exactly three digits** (``27.026``, ``1.234.567``) separates thousands;
* a dot followed by one, two or four-plus digits (``2.5``, ``0.75``) is a decimal point, the
  English way (a thousands group always has three digits, so this reading is never ambiguous with
  a well-formed Vietnamese number);
* a comma followed by digits is a decimal comma (``87,5``, ``1.234,5``); so ``27,026`` is 27.026,
  the Vietnamese reading (the texts this project reads are Vietnamese first);
* a trailing comma with no digit (``4, ha``, a typo seen in the samples) is not part of the number.

Counts up to ten may be written as words (:data:`WORD_NUMBERS`, "ít nhất một cơ sở y tế"); the
target extractor reads them only after "ít nhất" and before a counted noun.

Example:
    >>> parse_number("1.234,5")
    1234.5
    >>> parse_number("27.026")
    27026.0
"""

from __future__ import annotations

import functools
import re

#: Numbers parsed are remembered (a plan repeats its years, percentages and list numbers).
PARSED_CACHE_SIZE = 4096

#: One number as written. Longest alternative first so that ``1.234,5`` is not cut at the dot.
NUMBER_PATTERN = r"""
    \d{1,3}(?:\.\d{3})+(?!\d)(?:,\d+)?   # thousands groups: 27.026 / 1.234.567 / 1.234,5
  | \d+\.\d+                             # English-style decimal: 2.5 (dot not before 3 digits)
  | \d+(?:,\d+)?                         # plain integer or decimal comma: 95 / 87,5
"""

#: NUMBER_PATTERN after its first digit: ``\d(?:NUMBER_REST_PATTERN)`` matches exactly what
#: NUMBER_PATTERN matches, and a regex that starts with the bare ``\d`` is scanned for much faster.
NUMBER_REST_PATTERN = r"""
    \d{0,2}(?:\.\d{3})+(?!\d)(?:,\d+)?   # thousands groups
  | \d*\.\d+                             # English-style decimal
  | \d*(?:,\d+)?                         # plain integer or decimal comma
"""

#: Small counts written as words ("Có ít nhất một cơ sở y tế"): the word, lowercased, and its value.
#: "năm" is five only before a counted noun; before digits it is the word "year".
WORD_NUMBERS = {"một": 1.0, "hai": 2.0, "ba": 3.0, "bốn": 4.0, "năm": 5.0, "sáu": 6.0, "bảy": 7.0,
                "tám": 8.0, "chín": 9.0, "mười": 10.0}

NUMBER_RE = re.compile(rf"(?:{NUMBER_PATTERN})", re.X)
_FULL_RE = re.compile(rf"\s*(?:{NUMBER_PATTERN})\s*", re.X)
_THOUSANDS_RE = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$")


@functools.lru_cache(maxsize=PARSED_CACHE_SIZE)
def parse_number(text: str) -> float | None:
    """Parse one number written the Vietnamese way; None when ``text`` is not a number.

    Args:
        text: the number as written, e.g. ``"27.026"``, ``"87,5"``, ``"1.234,5"``, ``"05"``.

    Returns:
        The value as a float (``"27.026"`` -> 27026.0, ``"14,5"`` -> 14.5), or None.

    Example:
        >>> parse_number("14,5")
        14.5
    """
    if not _FULL_RE.fullmatch(text):
        return None
    s = text.strip()
    if _THOUSANDS_RE.match(s):
        # Dots are thousands separators only when every group after a dot has three digits.
        s = s.replace(".", "")
    return float(s.replace(",", "."))
