"""Deadline years of targets, the document's horizon, past results, and yearly paths.

A target's year is, in order: a year phrase right after the value ("… 4% vào năm 2025"); the
nearest deadline phrase before it in the same clause ("Tỷ lệ hộ nghèo đến năm 2025 còn dưới 1%");
a lead-in of the sentence ending with ":" or "," ("Phấn đấu đến hết năm 2025: …; …"); the
section's year; else None. "so với năm 2020" is a baseline, never a deadline; "giai đoạn
2021-2025" gives 2025. The horizon is the nearest explicit deadline of the whole document: a bare
"năm 2019 đạt 90%" before it reports a result, not a target.

Example:
    >>> text = "Tỷ lệ hộ nghèo đến năm 2025 còn dưới 1%"
    >>> find_year_phrases(text, 0, len(text))
    [(15, 27, 2025)]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

from policykg.loaders.caseless import CASE_PLAIN_RE, LoweredSpan
from policykg.loaders.numbers import NUMBER_PATTERN, parse_number
from policykg.loaders.record import YearValue
from policykg.loaders.target_digits import DIGIT
from policykg.loaders.target_units import read_unit

#: Plausible deadline years.
YEAR_MIN, YEAR_MAX = 1945, 2200
#: Characters after a value's unit in which a year phrase still belongs to that value.
TRAILING_YEAR_GAP = 14
#: Characters searched backwards for the start of a year window before the whole gap is.
WINDOW_LOOKBACK = 64
#: Characters of a document scanned for deadlines at a time, while looking for its horizon (a
#: plan states its nearest deadline early; a chunk this size costs a few microseconds).
HORIZON_CHUNK = 4096

#: A year phrase. Baselines ("so với năm 2020") are captured so they can be ignored.
YEAR_RE = re.compile(
    r"""
    (?=[sgtnđvhcSGTNĐVHC])                                # cheap first-letter filter
    (?P<base>so\s+với\s+(?:cùng\s+kỳ\s+)?)?              # baseline marker
    (?:
        (?:giai\s+đoạn|thời\s+kỳ|nhiệm\s+kỳ)\s+\d{4}\s*[-–—]\s*(?P<y2>\d{4})   # period end
      | (?:(?:đến|tới|trong|vào|từ)\s+)?(?:hết\s+|cuối\s+)?
        năm\s+(?:năm\s+)?(?P<y1>\d{4})(?!\d)(?:\s+trở\s+đi)?                  # 'đến hết năm 2025'
    )
    """,
    re.X | re.I,
)
#: The year of a phrase, and what may follow it (YEAR_RE's y1 part).
_YEAR_TAIL = r"(\d{4})(?!\d)(?:\s+trở\s+đi)?"
#: YEAR_RE's two kinds of phrase (a period, a year), unnamed groups holding their years.
_YEAR_KINDS = rf"""(?:giai\s+đoạn|thời\s+kỳ|nhiệm\s+kỳ)\s+\d{{4}}\s*[-–—]\s*(\d{{4}})
    | (?:(?:đến|tới|trong|vào|từ)\s+)?(?:hết\s+|cuối\s+)?năm\s+(?:năm\s+)?{_YEAR_TAIL}"""
#: YEAR_RE on lowercased text (see caseless.py): the same matches, each branch opening with its
#: own letter, so that CPython skips to the letters a phrase can open with; YEAR_RE, with re.I and a
#: look-ahead first, is tried at every character of a year window, and cost three times as much.
#: The words that share a first letter ("tới", "trong", "từ", "thời kỳ"; "năm", "nhiệm kỳ") share
#: a branch, which CPython enters at that letter instead of trying each word's (a tenth faster);
#: every other branch opens with its literal word, else CPython could not skip to it.
#: Every branch holds one group, the year (``m.lastindex``); a baseline is the branch of "so".
YEAR_LOWERED_RE = re.compile(
    rf"""
    so\s+với\s+(?:cùng\s+kỳ\s+)?(?:{_YEAR_KINDS})                  # a baseline
  | giai\s+đoạn\s+\d{{4}}\s*[-–—]\s*(\d{{4}})                     # periods, deadlines
  | t(?:hời\s+kỳ\s+\d{{4}}\s*[-–—]\s*(\d{{4}})
       |(?:ới|rong|ừ)\s+(?:hết\s+|cuối\s+)?năm\s+(?:năm\s+)?{_YEAR_TAIL})
  | n(?:hiệm\s+kỳ\s+\d{{4}}\s*[-–—]\s*(\d{{4}})
       |ăm\s+(?:năm\s+)?{_YEAR_TAIL})                               # 'năm 2025'
  | đến\s+(?:hết\s+|cuối\s+)?năm\s+(?:năm\s+)?{_YEAR_TAIL}
  | vào\s+(?:hết\s+|cuối\s+)?năm\s+(?:năm\s+)?{_YEAR_TAIL}
  | hết\s+năm\s+(?:năm\s+)?{_YEAR_TAIL}                             # 'hết năm 2025'
  | cuối\s+năm\s+(?:năm\s+)?{_YEAR_TAIL}
    """,
    re.X,
)
#: The opening word of YEAR_LOWERED_RE's baseline branch.
BASELINE_OPENING = "so"
#: A year phrase after the spaces after a value (YEAR_RE opens with a letter, never a space).
YEAR_AFTER_RE = re.compile(rf"(?P<gap>\s*){YEAR_RE.pattern}", re.X | re.I)
#: An explicit deadline, for the document's horizon: "đến (hết) năm 2025", "giai đoạn 2021-2025".
DEADLINE_RE = re.compile(
    r"""(?:đến|tới)\s+(?:hết\s+|cuối\s+)?năm\s+(?:năm\s+)?(\d{4})          # đến năm 2025
      | (?<!với\s)(?:giai\s+đoạn|thời\s+kỳ)\s+\d{4}\s*[-–—]\s*(\d{4})      # giai đoạn 2021-2025""",
    re.X | re.I,
)
#: A sentence lead-in before a year phrase (list marker, "Phấn đấu", "trong đó:").
LEAD_NOISE_RE = re.compile(
    r"""
    \s*(?:(?:[-+•*]|\(\d+\)|\d+(?:\.\d+)*\.|[a-zđ]\))\s*)*                   # list markers
    (?:(?:trong\s+đó|cụ\s+thể)\s*:?\s*)?
    (?:(?:ph[aâ]n\s+đ[aấầ]u|phấn\s+đấu)\s*,?\s*)?                            # 'Phấn đấu' (typos)
    """,
    re.X | re.I,
)
#: A bare year right before a result verb: "năm 2019 đạt 90%" (checked against the horizon).
PAST_YEAR_RE = re.compile(r"\bnăm\s+(?P<y>\d{4})\s*,?\s*(?:đã\s+)?(?:đạt|là|còn|giảm|tăng)\b", re.I)
#: PAST_YEAR_RE for lowercased text (see caseless.py), opening with the literal "năm" (its "\b"
#: checked behind it) so that CPython skips to it, instead of trying every character with re.I.
PAST_YEAR_LOWERED_RE = re.compile(
    r"năm(?<!\wnăm)\s+(?P<y>\d{4})\s*,?\s*(?:đã\s+)?(?:đạt|là|còn|giảm|tăng)\b")
#: "Phấn đấu" and its frequent typos ("Phân đấu", "Phân đầu").
STRIVE_RE = re.compile(r"ph[aâấ]n\s+đ[aấầ]u", re.I)
#: One step of a yearly path: "năm 2021 đạt 95%", "năm 2020, phấn đấu 2,0 ha".
STEP_RE = re.compile(
    rf"""
    năm\s+(?P<year>\d{{4}})\s*[,:]?\s*
    (?:(?:phấn\s+đấu|đạt)\s*)*
    (?P<num>{NUMBER_PATTERN})
    """,
    re.X | re.I,
)
#: Four digits in a row: every year phrase (YEAR_RE, DEADLINE_RE) holds one, so a stretch of text
#: without them cannot hold a year phrase ("\d\d\d\d" scans faster than "\d{4}" in CPython, and
#: DIGIT first faster still: target_digits).
FOUR_DIGITS_RE = re.compile(DIGIT + r"\d\d\d")
#: Characters no year phrase holds (see YEAR_RE, DEADLINE_RE): they bound the year windows.
YEAR_FREE = ".,;:()"
_YEAR_FREE_RE = re.compile(f"[{re.escape(YEAR_FREE)}]")


class YearWindows:
    """The stretches of a text that can hold a year phrase, for the costly DEADLINE_RE.

    A match of YEAR_RE or DEADLINE_RE holds four digits in a row and never a character of
    YEAR_FREE, so it lies inside one stretch between two such characters that holds four digits.
    Scanning only those stretches (about a tenth of a plan) finds exactly the matches of a scan of
    the whole range: no match crosses a stretch's ends, and the ends are characters (or range
    ends) that no part of the patterns, lookarounds included, can read differently.

    Four digits in a row never span a paragraph break (breaks are whitespace), so only the
    paragraphs that hold a digit (``digit_ranges``, in text order) are scanned for them.
    """

    def __init__(self, text: str, digit_ranges: Sequence[tuple[int, int]]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        end = 0
        for r_start, r_end in digit_ranges:
            end = _add_windows(text, r_start, r_end, end, self.starts, self.ends)

    def spans(self, start: int, end: int) -> list[tuple[int, int]]:
        """The stretches overlapping ``[start, end)``, cut to it, in text order."""
        out = []
        for i in range(bisect.bisect_right(self.ends, start), len(self.starts)):
            if self.starts[i] >= end:
                break
            out.append((max(start, self.starts[i]), min(end, self.ends[i])))
        return out


def _add_windows(text: str, r_start: int, r_end: int, end: int, starts: list[int],
                 ends: list[int]) -> int:
    """Append to ``starts``/``ends`` the year windows whose four digits lie in ``[r_start,
    r_end)``, after the last window, which ended at ``end``; return where the last one ends.

    The ranges must come in text order and cut no run of digits: a window found in one range
    may run past its end, and the next range is scanned from there.
    """
    pos = max(end, r_start)
    m = FOUR_DIGITS_RE.search(text, pos, r_end) if pos < r_end else None
    while m is not None:
        start = _after_last_free(text, end, m.start())
        stop = _YEAR_FREE_RE.search(text, m.end())
        end = stop.start() if stop else len(text)
        starts.append(start)
        ends.append(end)
        m = FOUR_DIGITS_RE.search(text, end, r_end) if end < r_end else None
    return end


def _after_last_free(text: str, lo: int, hi: int) -> int:
    """One past the last YEAR_FREE character in ``text[lo:hi]``, or ``lo`` when there is none.

    The last WINDOW_LOOKBACK characters are searched first, backwards (one scan of their
    reversed copy), the rest only when they hold none.
    """
    near = max(lo, hi - WINDOW_LOOKBACK)
    free = _YEAR_FREE_RE.search(text[near:hi][::-1])
    if free is not None:
        return hi - free.start()
    best = max([text.rfind(c, lo, near) for c in YEAR_FREE]) if near > lo else -1
    return max(lo, best + 1)


def _deadline_years(text: str, start: int, end: int) -> list[int]:
    """Years of the DEADLINE_RE matches in ``text[start:end]``.

    Each is a match of the whole text too, the one :func:`find_horizon` sees at that offset: no
    match starts inside another (none holds a "đến", "tới", "giai" or "thời" but at its start),
    and the end of the range only cuts matches off, it never makes a shorter one succeed.
    """
    return [int(m.group(1) or m.group(2)) for m in DEADLINE_RE.finditer(text, start, end)]


def find_horizon(text: str, windows: YearWindows) -> int | None:
    """The nearest deadline of the document ("đến năm 2025"); a bare year before it is past.

    A plan's nearest deadline is not earlier than the plan itself, so "năm 2019 đạt 90%" in a
    plan whose nearest deadline is 2025 reports a result.

    Example:
        >>> text = "Giai đoạn 2021-2025, đến năm 2030 đạt 95%"
        >>> find_horizon(text, YearWindows(text, [(0, len(text))]))
        2025
    """
    years = [year for w_start, w_end in windows.spans(0, len(text))
             for year in _deadline_years(text, w_start, w_end)]
    years = [y for y in years if YEAR_MIN <= y <= YEAR_MAX]
    return min(years) if years else None


class Horizon:
    """The document's horizon (:func:`find_horizon`), scanned for only as far as a question needs.

    Whether the horizon is later than a year is settled as soon as a deadline not later than it
    is found: the horizon, the nearest deadline, can only be earlier still. Most documents state
    one in their title or first lines ("… đến năm 2025"), so a bare past year ("Năm 2020 đạt
    …") there is settled without a scan of the whole text for four digits. The text is read in
    chunks of HORIZON_CHUNK characters, cut at a newline, which no run of digits crosses.

    Example:
        >>> Horizon("Kế hoạch giai đoạn 2021-2025\\nNăm 2019 đạt 90%").is_after(2019)
        True
    """

    __slots__ = ("text", "chunk", "scanned", "window_end", "nearest")

    def __init__(self, text: str, chunk: int = HORIZON_CHUNK) -> None:
        self.text = text
        self.chunk = chunk
        self.scanned = 0  # the text before it has been scanned for deadlines
        self.window_end = 0  # where the last year window found ends
        self.nearest: int | None = None  # the nearest deadline found so far

    def is_after(self, year: int) -> bool:
        """Is the horizon later than ``year``? False when the document states no deadline."""
        text = self.text
        while self.scanned < len(text) and (self.nearest is None or self.nearest > year):
            cut = text.find("\n", self.scanned + self.chunk)
            stop = len(text) if cut == -1 else cut
            starts: list[int] = []
            ends: list[int] = []
            self.window_end = _add_windows(text, self.scanned, stop, self.window_end, starts, ends)
            years = [y for w_start, w_end in zip(starts, ends)
                     for y in _deadline_years(text, w_start, w_end) if YEAR_MIN <= y <= YEAR_MAX]
            if years:
                self.nearest = min(years) if self.nearest is None else min(self.nearest, *years)
            self.scanned = stop
        return self.nearest is not None and self.nearest > year


def find_year_phrases(text: str, start: int, end: int,
                      span: LoweredSpan | None = None) -> list[tuple[int, int, int]]:
    """Deadline year phrases of a sentence: (start, end, year); baselines dropped.

    ``span``, when given, is a lowered copy of a stretch holding the sentence, searched with
    YEAR_LOWERED_RE instead of the text with YEAR_RE when lowering kept every offset.

    Example:
        >>> find_year_phrases("Đạt 95% vào năm 2025, so với năm 2020", 0, 37)
        [(8, 20, 2025)]
    """
    if span is not None and span.low is not None:
        return _lowered_year_phrases(text, start, end, span.low, span.base)
    out = []
    for w_start, w_end in _year_windows(text, start, end):
        for m in YEAR_RE.finditer(text, w_start, w_end):
            year = int(m.group("y1") or m.group("y2"))
            if not m.group("base") and YEAR_MIN <= year <= YEAR_MAX:
                out.append((m.start(), m.end(), year))
    return out


def _lowered_year_phrases(text: str, start: int, end: int, low: str,
                          base: int) -> list[tuple[int, int, int]]:
    """find_year_phrases with YEAR_LOWERED_RE, on ``low``: ``text[base:…].lower()``.

    The whole range is scanned, not its year windows: nearly every sentence searched holds
    four digits in a row, and finding the windows cost more than the scan they spare (which
    finds the same matches, see :class:`YearWindows`).
    """
    out = []
    for m in YEAR_LOWERED_RE.finditer(low, start - base, end - base):
        year = int(m.group(m.lastindex))  # type: ignore[arg-type]
        if not m.group().startswith(BASELINE_OPENING) and YEAR_MIN <= year <= YEAR_MAX:
            out.append((m.start() + base, m.end() + base, year))
    return out


def blank_year_phrases(phrase: str) -> str:
    """``YEAR_RE.sub(" ", phrase)``: every year phrase (a baseline too) replaced by a space, found
    with YEAR_LOWERED_RE on the lowered phrase when lowering keeps every offset.

    Example:
        >>> blank_year_phrases("Tỷ lệ hộ nghèo Đến Năm 2025 còn dưới ")
        'Tỷ lệ hộ nghèo   còn dưới '
    """
    if not CASE_PLAIN_RE.fullmatch(phrase):
        return YEAR_RE.sub(" ", phrase)
    pieces, last = [], 0
    for m in YEAR_LOWERED_RE.finditer(phrase.lower()):
        pieces += (phrase[last:m.start()], " ")
        last = m.end()
    pieces.append(phrase[last:])
    return "".join(pieces)


def search_year(text: str, start: int, end: int) -> re.Match[str] | None:
    """``YEAR_RE.search(text, start, end)`` (a baseline included), scanning year windows only."""
    for w_start, w_end in _year_windows(text, start, end):
        m = YEAR_RE.search(text, w_start, w_end)
        if m is not None:
            return m
    return None


def _year_windows(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The year windows of :class:`YearWindows` cut to ``[start, end)``, found in that range.

    A window whose four digits lie outside the range holds none inside it either, so no year
    phrase: finding the four digits inside the range is enough.
    """
    lo = start
    m = FOUR_DIGITS_RE.search(text, start, end)
    while m is not None:
        w_start = _after_last_free(text, lo, m.start())
        stop = _YEAR_FREE_RE.search(text, m.end(), end)
        lo = stop.start() if stop else end
        yield w_start, lo
        m = FOUR_DIGITS_RE.search(text, lo, end)


def find_lead_in_years(text: str, start: int, end: int,
                       years: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """Lead-ins that cover the rest of the sentence: 'Phấn đấu đến hết năm 2025:', 'Đến năm 2025,'.

    A year phrase followed by ':' always leads in; followed by ',' only at a clause start.
    Returns (offset after the phrase, year) pairs.
    """
    out = []
    for y_start, y_end, year in years:
        after = text[y_end:y_end + 2].lstrip(" ")
        if after.startswith(":"):
            out.append((y_end, year))
        elif after.startswith(","):
            clause_start = max(text.rfind(";", start, y_start) + 1, start)
            lead = LEAD_NOISE_RE.match(text, clause_start, y_start)
            if lead and lead.end() == y_start:
                out.append((y_end, year))
    return out


def pick_year(text: str, v_start: int, v_end: int, c_start: int, c_end: int,
              years: list[tuple[int, int, int]], carry: list[tuple[int, int]]) -> int | None:
    """Year of the value ``text[v_start:v_end]``: trailing phrase, preceding phrase in the clause,
    sentence lead-in; None when none applies."""
    for y_start, y_end, year in years:
        if v_end <= y_start <= v_end + TRAILING_YEAR_GAP and y_end <= c_end:
            if not text[v_end:y_start].strip():
                return year
    before = [year for y_start, y_end, year in years if c_start <= y_start and y_end <= v_start]
    if before:
        return before[-1]
    leads = [year for pos, year in carry if pos <= v_start]
    return leads[-1] if leads else None


def is_past_result(text: str, v_start: int, c_start: int,
                   horizon_after: Callable[[int], bool], span: LoweredSpan | None = None) -> bool:
    """'năm 2019 đạt 90%': a bare year before a result verb, earlier than the horizon.

    ``horizon_after(year)`` says whether the document's horizon is later than ``year`` (False
    when it has none, :meth:`Horizon.is_after`); it is asked only when such a year is found.
    ``span``, when given, is a lowered copy of a stretch holding the clause, searched with
    PAST_YEAR_LOWERED_RE when lowering kept every offset.

    Example:
        >>> is_past_result("Năm 2019 đạt 90%", 12, 0, lambda year: 2025 > year)
        True
    """
    if FOUR_DIGITS_RE.search(text, c_start, v_start) is None:
        return False  # no year at all (the usual case): skip the case-insensitive scan
    if span is not None and span.low is not None:
        base = span.base
        found = PAST_YEAR_LOWERED_RE.finditer(span.low, c_start - base, v_start - base)
    else:
        found = PAST_YEAR_RE.finditer(text, c_start, v_start)
    years = [int(m.group("y")) for m in found]
    if not years or STRIVE_RE.search(text, c_start, v_start):
        return False
    # A deadline of the clause is one of the horizon's ("Đến năm 2025 đạt 95%"), so the horizon
    # is not after it: years from it on are no past, and the document need not be scanned.
    deadlines = [year for year in _deadline_years(text, c_start, v_start)
                 if YEAR_MIN <= year <= YEAR_MAX]
    if deadlines and min(years) >= min(deadlines):
        return False
    return horizon_after(min(years))  # some year is earlier than the horizon


def find_span_end(text: str, v_end: int, c_end: int) -> int:
    """End of a target's span: past a year phrase right after the value, else the value's end."""
    m = YEAR_AFTER_RE.match(text, v_end, c_end)
    if m is not None and m.end("gap") - v_end <= TRAILING_YEAR_GAP and not m.group("base"):
        return m.end()
    return v_end


class YearlyOwner(Protocol):
    """A target a yearly path can attach to: its unit, and the path set on it."""

    yearly: list[YearValue]

    @property
    def unit(self) -> str | None:
        """The target's unit; a step with another unit does not belong to it."""


def attach_yearly(text: str, zone: tuple[int, int], owners: Sequence[YearlyOwner]) -> None:
    """Split a zone's steps into runs and attach them to the owners.

    A run restarts when the year goes back; run *i* goes to owner *i* when the counts agree,
    else the single run to the last owner, and only when the units agree.
    """
    runs: list[list[tuple[int, float, str | None]]] = []
    for m in STEP_RE.finditer(text, zone[0], zone[1]):
        value = parse_number(m.group("num"))
        if value is None:
            continue
        unit = read_unit(text, m.end())[0]
        year = int(m.group("year"))
        if not runs or year <= runs[-1][-1][0]:
            runs.append([])
        runs[-1].append((year, value, unit))
    if not owners or not runs:
        return
    if len(runs) == len(owners):
        pairs = list(zip(owners, runs))
    else:
        pairs = [(owners[-1], runs[0])] if len(runs) == 1 else []
    for owner, run in pairs:
        if all(u is None or u == owner.unit for _, _, u in run):
            owner.yearly = [YearValue(year=y, value=v) for y, v, _ in run
                            if YEAR_MIN <= y <= YEAR_MAX]
