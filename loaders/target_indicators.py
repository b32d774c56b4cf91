"""The indicator a target value measures, and the span of text that states the target.

The indicator is the words between the clause start (or the previous target) and the value, less
list markers, "Phấn đấu", year phrases and trailing comparator words; when nothing is left
("100% xã đạt chuẩn …") the words after the unit; when still nothing, the previous target's
indicator ("… đạt 2,7 vào năm 2025 và 3,0 vào năm 2030").

Example:
    >>> text = "- Tỷ lệ hộ nghèo đến năm 2025 còn dưới 1%;"
    >>> value = Value(39, 41, 1.0, None, "%", "<", "%")
    >>> find_indicator(text, LoweredSpan(text, 0, 42), value, 0, 41, 0, None)
    ('Tỷ lệ hộ nghèo', (2, 41))
"""

from __future__ import annotations

import re

from policykg.loaders.caseless import CASE_PLAIN_RE, Caseless, LoweredSpan, reverse_words
from policykg.loaders.target_values import VALUE_RE, Value
from policykg.loaders.target_years import (
    FOUR_DIGITS_RE,
    blank_year_phrases,
    find_span_end,
    search_year,
)

#: Indicator tails are looked for in this many last characters only (keeps the search linear).
TAIL_WINDOW = 80
#: An indicator shorter than this (after cleaning) is considered missing.
MIN_INDICATOR_CHARS = 3
#: Indicators are cut to this length at a word boundary.
MAX_INDICATOR_CHARS = 220
#: "…, trong đó 75% đạt khá giỏi": the indicator starts after these words.
SUBSET_WORDS = "trong đó"

#: Leading noise of an indicator: list markers, a target's label ("Chỉ tiêu 2:", which numbers
#: the target, the indicator following it), lead-in words.
INDICATOR_HEAD_RE = re.compile(
    r"""
    (?:\(\d+\)|\s|[-+•*,:;.)(]|\d+(?:\.\d+)*\.(?=\s)|[a-zđ]\)(?=\s)
      |\b(?:chỉ|mục)\s+tiêu\s+\d+\s*:                            # a target's label
      |\b(?:trong\s+đó|cụ\s+thể|và|phấn\s+đấu|ph[aâ]n\s+đ[aấầ]u|đảm\s+bảo)\b)*
    """,
    re.X | re.I,
)
#: INDICATOR_HEAD_RE for lowercased text (see caseless.py): without re.I, CPython skips the
#: branches whose first character differs instead of entering each.
INDICATOR_HEAD_LOWERED_RE = re.compile(INDICATOR_HEAD_RE.pattern, re.X)
#: Trailing noise of an indicator: comparator and target verbs.
INDICATOR_TAIL_RE = Caseless(
    r"""
    (?:\s|[,:(]|\b(?:đạt|là|còn|xuống|khoảng|xấp\s+xỉ|gần|trên|hơn|vượt|dưới|từ|ít\s+nhất
        |tối\s+thiểu|không\s+dưới|không\s+quá|tối\s+đa|bằng|có|ở\s+mức|mức|tỷ\s+lệ|phấn\s+đấu
        |ph[aâ]n\s+đ[aấầ]u|ổn\s+định|duy\s+trì)\b)*$
    """,
    re.X,
)
#: Every word of the words of INDICATOR_TAIL_RE ("tỷ" and "lệ" of "tỷ lệ"): a tail holds no other.
TAIL_WORD_PARTS = [
    "đạt", "là", "còn", "xuống", "khoảng", "xấp", "xỉ", "gần", "trên", "hơn", "vượt", "dưới", "từ",
    "ít", "nhất", "tối", "thiểu", "không", "quá", "đa", "bằng", "có", "ở", "mức", "tỷ", "lệ",
    "phấn", "đấu", "phan", "phân", "đau", "đầu", "ổn", "định", "duy", "trì",
]
#: On the reversed lowercase text: the first character or word no tail can hold (see _tail_start).
_TAIL_STOP_RE = re.compile(
    rf"""
    [^\w\s,:(]                                   # a character outside every tail
  | \b(?!{reverse_words(TAIL_WORD_PARTS)}\b)\w+   # a word that is part of no tail word
    """,
    re.X,
)
#: The words of INDICATOR_TAIL_RE one by one ("ph[aâ]n đ[aấầ]u" spelt out), longest first.
TAIL_WORDS = sorted(
    ["đạt", "là", "còn", "xuống", "khoảng", "xấp xỉ", "gần", "trên", "hơn", "vượt", "dưới", "từ",
     "ít nhất", "tối thiểu", "không dưới", "không quá", "tối đa", "bằng", "có", "ở mức", "mức",
     "tỷ lệ", "phấn đấu", "ổn định", "duy trì"]
    + [f"ph{a}n đ{b}u" for a in "aâ" for b in "aấầ"],
    key=len, reverse=True)
#: INDICATOR_TAIL_RE read backwards on the reversed lowercase text, matched at its start: the
#: tail is the longest run of its tokens at the end (the search's leftmost start), and with the
#: longer of two words ending alike tried first ("không dưới" before "dưới"), the greedy match
#: is that run.
_TAIL_REVERSED_RE = re.compile(rf"(?:\s|[,:(]|\b{reverse_words(TAIL_WORDS)}\b)*")
#: Where the words after a value stop naming its indicator: '. ', '( ', ' và 20%', ' trong đó 5…'.
_POST_CUT_RE = re.compile(
    r"""
    [.(]\s                                   # a sentence end or a parenthesis
  | \s+(?:và|trong\s+đó)\s+(?=\S*\s*\d)      # 'và'/'trong đó' before another number
    """,
    re.X,
)
_SPACES_RE = re.compile(r"\s+")


def find_indicator(text: str, span: LoweredSpan, value: Value, c_start: int, c_end: int,
                   seg_start: int, fallback: str | None,
                   yearless: bool = False) -> tuple[str | None, tuple[int, int]]:
    """Indicator phrase and the target's span (indicator through value and trailing year).

    Args:
        text: the document text.
        span: the paragraph's lowered copy.
        value: the value; a "không còn" value brings its own indicator.
        c_start: start of the clause.
        c_end: end of the clause.
        seg_start: where the indicator may start (the clause start, or the previous target's end).
        fallback: the previous target's indicator, for a value that names none.
        yearless: True when the clause holds no four digits in a row, so no year phrase (which
            is then not looked for).
    """
    if value.zero_indicator is not None:
        return value.zero_indicator, (value.start, value.end)
    if span.low is not None:  # the lowered twin; the pattern matches anywhere, maybe empty
        base = span.base
        i_start = INDICATOR_HEAD_LOWERED_RE.match(  # type: ignore[union-attr]
            span.low, seg_start - base, value.start - base).end() + base
    else:
        head = INDICATOR_HEAD_RE.match(text, seg_start, value.start)
        i_start = head.end() if head else seg_start
    cut = text.rfind(SUBSET_WORDS, i_start, value.start)
    if cut != -1:  # '…, trong đó 75% đạt khá giỏi': the indicator starts after 'trong đó'
        i_start = cut + len(SUBSET_WORDS)
    # A starting level dropped before the value ends the indicator: 'Tỷ suất sinh … | giảm từ 23'
    i_end = value.start if value.indicator_end is None else max(i_start, value.indicator_end)
    indicator = _indicator_before(text, span, i_start, i_end, yearless)
    span_start = i_start if indicator else value.start
    span_end = value.end if yearless else find_span_end(text, value.end, c_end)
    if indicator is None:
        post_end = _post_end(text, value.end, c_end, yearless)
        indicator = clean_indicator(text[value.end:post_end], yearless=yearless)
        if indicator is not None:
            span_end = max(span_end, post_end)
    if indicator is None:
        indicator = fallback
    while span_end > span_start and text[span_end - 1].isspace():
        span_end -= 1
    return indicator, (span_start, span_end)


def _indicator_before(text: str, span: LoweredSpan, i_start: int, v_start: int,
                      yearless: bool) -> str | None:
    """The cleaned indicator in ``text[i_start:v_start]``, less its tail of comparator words
    (``yearless``: see clean_indicator)."""
    pos = max(0, v_start - i_start - TAIL_WINDOW)
    low = span.lower_slice(i_start, v_start)
    if low is not None:
        core_end = i_start + _tail_start(low, pos)
    else:
        tail = INDICATOR_TAIL_RE.search(text[i_start:v_start], pos)
        core_end = i_start + tail.start() if tail else v_start
    return clean_indicator(text[i_start:core_end], untailed=low is not None and pos == 0,
                           yearless=yearless)


def clean_indicator(raw: str, untailed: bool = False, yearless: bool = False) -> str | None:
    """Drop year phrases, list markers and trailing comparator words; None when too short.

    ``untailed`` says that ``raw`` is plain (CASE_PLAIN_RE) and ends where INDICATOR_TAIL_RE's
    leftmost match in a longer string, searched from its start, began: a tail of ``raw`` itself
    would have extended that match further left, so when cleaning changes nothing else there
    is no tail to drop (the tail search is most of the cost). ``yearless`` says that ``raw``
    holds no four digits in a row, so no year phrase to drop.

    Example:
        >>> clean_indicator("- Phấn đấu đến năm 2025, tỷ lệ che phủ rừng đạt trên ")
        'tỷ lệ che phủ rừng'
    """
    # A year phrase holds four digits in a row: a text without them has none to drop.
    cleaned = raw if yearless or not FOUR_DIGITS_RE.search(raw) else blank_year_phrases(raw)
    if "  " in cleaned or not cleaned.isprintable():  # else every whitespace is a single " "
        cleaned = _SPACES_RE.sub(" ", cleaned)
    # INDICATOR_HEAD_RE matches at 0 (maybe empty): the first match is there.
    cleaned = cleaned[INDICATOR_HEAD_RE.match(cleaned).end():]
    if not (untailed and cleaned == raw):
        cleaned = _drop_tail(cleaned)
    cleaned = cleaned.strip(" ,:;.-–(")
    if len(cleaned) < MIN_INDICATOR_CHARS:
        return None
    if len(cleaned) > MAX_INDICATOR_CHARS:
        cleaned = cleaned[:MAX_INDICATOR_CHARS].rsplit(" ", 1)[0]
    return cleaned


def _drop_tail(phrase: str) -> str:
    """``phrase`` less INDICATOR_TAIL_RE's match in its last TAIL_WINDOW characters."""
    pos = max(0, len(phrase) - TAIL_WINDOW)
    if CASE_PLAIN_RE.fullmatch(phrase):
        return phrase[:_tail_start(phrase.lower(), pos)]
    tail = INDICATOR_TAIL_RE.search(phrase, pos)
    return phrase[: tail.start()] if tail else phrase


def _tail_start(low: str, pos: int) -> int:
    """Where INDICATOR_TAIL_RE's match in the lowercase ``low`` starts, searching from ``pos``.

    The search's leftmost match is the longest run of tail tokens at the end of ``low``: read
    backwards (_TAIL_REVERSED_RE), one match at the start of the reversed text, instead of a try
    from every position. Only a tail starting before ``pos`` (longer than TAIL_WINDOW, rare)
    takes the search: every match runs to the end of ``low`` and holds only spaces, ",:(" and
    whole tail words, so it starts after the last character, or word, that no tail word holds
    (found backwards), and the search starts there.
    """
    backwards = low[::-1]
    start = len(low) - _TAIL_REVERSED_RE.match(backwards).end()  # type: ignore[union-attr]
    if start >= pos:
        return start  # the leftmost start of all is the leftmost from ``pos``
    stop = _TAIL_STOP_RE.search(backwards)
    start = max(pos, len(low) - stop.start()) if stop else pos
    tail = INDICATOR_TAIL_RE.lowered.search(low, start)
    return tail.start() if tail else len(low)


def _post_end(text: str, pos: int, c_end: int, yearless: bool = False) -> int:
    """End of the words after a value that name its indicator ('100% xã đạt chuẩn …'); a
    ``yearless`` clause (no four digits in a row) is not searched for a year phrase."""
    m = VALUE_RE.search(text, pos, c_end)
    # a year phrase ends the indicator: '3,0 vào năm 2030'
    y = None if yearless else search_year(text, pos, c_end)
    stop = min(m.start() if m else c_end, y.start() if y else c_end)
    cut = _POST_CUT_RE.search(text[pos:stop])
    return pos + cut.start() if cut else stop
