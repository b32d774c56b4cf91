"""Which numbers of a clause are target values, and their comparator.

A number becomes a value when its unit is a percentage or per mille, or a comparator or target
verb ("đạt", "còn", "trên", "khoảng", ":", "có", "mới" …) stands right before it, or its unit is
a measure (money, ha, tấn …) inside an objectives section, or it follows a value of the same
clause as a sibling ("600 triệu USD vốn FDI và 3.000 tỷ đồng vốn DDI"); and it is not a date,
a year, a document or article number, a list marker, or a qualifier of the indicator ("trẻ em
dưới 5 tuổi", "học 2 buổi/ngày", "mức độ 3", "4G"; "lần" is a frequency unless a verb of
reaching puts a ratio before it: "giảm … còn 1,7 lần"). "không còn hộ nghèo" is the value 0,
"ít nhất một cơ sở y tế" the value 1 (a count in words, before a counted noun).

The comparator is read from the words just before the value and "trở lên"/"trở xuống" just
after it. "cao hơn 25%" is a comparative (an increase by 25%), so "hơn" after cao/thấp/nhiều is
"="; a bare "từ 12%/năm" is ">=".

Example:
    >>> text = "Tỷ lệ hộ nghèo còn dưới 1%, giảm 0,5%/năm"
    >>> [(v.value, v.unit, v.comparator) for v in find_values(
    ...     text, LoweredSpan(text, 0, len(text)), 0, len(text), [], "objectives")]
    [(1.0, '%', '<'), (0.5, '%/năm', '=')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from policykg.loaders.caseless import Caseless, LoweredSpan, forward_words, reverse_words
from policykg.loaders.numbers import (
    NUMBER_PATTERN,
    NUMBER_REST_PATTERN,
    WORD_NUMBERS,
    parse_number,
)
from policykg.loaders.target_digits import DIGIT
from policykg.loaders.target_segments import (
    UPPER,
    WORD_COUNT_KEY,
    ZERO_KEY,
    find_ranks,
    find_word_counts,
)
from policykg.loaders.target_units import is_rate, read_unit
from policykg.loaders.target_years import YEAR_MAX, YEAR_MIN, YEAR_RE

#: Characters before a value searched for comparator, label and trigger words (the longest,
#: "không vượt quá có", fits; a short window keeps the tail searches cheap).
PREFIX_WINDOW = 28
#: At most this many words between two values of one clause for the second to count as a
#: sibling of the first ("600 triệu USD vốn FDI và 3.000 tỷ đồng vốn DDI").
SIBLING_MAX_WORDS = 8
#: Characters after "không còn" read as the indicator at most.
ZERO_INDICATOR_MAX = 80

#: One value candidate: a number, optionally a range "10-11", "10 - 11", "từ 10 đến 11".
VALUE_RE = re.compile(
    rf"""
    (?P<num>{DIGIT}                     # the first digit first: CPython then skips to digits in C
        (?<![\w/.,]\d)(?<!\w-\d)         # not inside a word, a symbol or a bigger number
        (?:{NUMBER_REST_PATTERN}))
    (?:\s*%?\s*(?:-|–|đến)\s*          # range separator (a first '%' is tolerated: 10%-11%)
       (?P<num2>{NUMBER_PATTERN}))?
    """,
    re.X,
)

#: Comparator words at the end of the text before a value (fillers such as "có", "bằng" allowed).
COMPARATOR_TAIL_RE = Caseless(
    r"""
    (?P<cmp>
        (?:cao|thấp|nhiều|ít|lớn|nhỏ|tăng)\s+hơn     # comparative, not a bound: 'cao hơn 25%'
      | không\s+vượt\s+quá|không\s+quá|tối\s+đa|trở\s+xuống
      | không\s+dưới|không\s+thấp\s+hơn|ít\s+nhất|tối\s+thiểu
      | xấp\s+xỉ|khoảng|gần
      | trên|hơn|vượt
      | dưới
      | từ
      | >=|≥|<=|≤|>|<
    )
    (?:\s+(?:có|bằng|đạt|là|mức))?\s*$
    """,
    re.X,
    # the last word of every branch above and of every filler, for the quick refusal
    tail_words=("hơn", "quá", "đa", "xuống", "dưới", "nhất", "thiểu", "xỉ", "khoảng", "gần", "trên",
                "vượt", "từ", "=", "≥", "≤", ">", "<", "có", "bằng", "đạt", "là", "mức"),
)
#: COMPARATOR_TAIL_RE read backwards, matched at the start of the reversed lowered text: one try
#: instead of a search from every offset of the window. The search finds the leftmost start,
#: that is the longest comparator at the end: where one ends another ("hơn", "thấp hơn",
#: "không thấp hơn"; "dưới", "không dưới"), the longer comes first here.
COMPARATOR_REVERSED_RE = re.compile(
    r"""
    \s*(?:(?:óc|gnằb|tạđ|àl|cứm)\s+)?             # a filler: có, bằng, đạt, là, mức
    (?P<cmp>
        nơh\s+pấht\s+gnôhk                          # không thấp hơn
      | nơh\s+(?:oac|pấht|uềihn|tí|nớl|ỏhn|gnăt)    # a comparative: cao hơn …
      | áuq\s+tợưv\s+gnôhk|áuq\s+gnôhk|ađ\s+iốt|gnốux\s+ởrt   # không (vượt) quá, tối đa …
      | iớưd\s+gnôhk|tấhn\s+tí|uểiht\s+iốt         # không dưới, ít nhất, tối thiểu
      | ỉx\s+pấx|gnảohk|nầg                          # xấp xỉ, khoảng, gần
      | nêrt|nơh|tợưv|iớưd|ừt                         # trên, hơn, vượt, dưới, từ
      | =>|≥|=<|≤|>|<                                 # signs
    )
    """,
    re.X,
)
COMPARATOR_WORDS = {
    "trên": ">", "hơn": ">", "vượt": ">", ">": ">",
    "từ": ">=", "không dưới": ">=", "không thấp hơn": ">=", "ít nhất": ">=",
    "tối thiểu": ">=", ">=": ">=", "≥": ">=",
    "dưới": "<", "<": "<",
    "không quá": "<=", "không vượt quá": "<=", "tối đa": "<=", "<=": "<=", "≤": "<=",
    "khoảng": "~", "xấp xỉ": "~", "gần": "~",
}
#: After the value: "từ 90% trở lên", "1% trở xuống".
BOUND_AFTER_RE = re.compile(r"\s*(?P<w>trở\s+lên|trở\s+xuống)", re.I)

#: Words right before a value that make a count a target ("đạt", "còn", "có 13 xã", ":"), after
#: "đạt" and up to two more words ("đạt chuẩn quốc gia 95%"), which are read separately.
TRIGGER_WORDS = [
    "là", "còn", "xuống", "lên", "khoảng", "xấp xỉ", "gần", "trên", "hơn", "vượt", "dưới", "từ",
    "nhất", "thiểu", "quá", "tối đa", "bằng", "có", "cho", "mới", "đón", "với", "điểm", "lập",
    "được", "tăng", "giảm", "mức", "chiếm", "duy trì", "tích", "suất", "lượng",
]
TRIGGER_TAIL_RE = Caseless(
    rf"""
    (?:đạt(?:\s+[^\W\d_]+){{0,2}}      # 'đạt' and up to two words: 'đạt chuẩn 95%'
      |{forward_words(TRIGGER_WORDS)}   # a comparator or target verb
      |[:>≥<≤=])                       # a colon or a sign
    \s*$
    """,
    re.X,
    # backwards; the words after "đạt" possessive: a run of letters is followed by a space or "đạt"
    reverse=rf"\s*(?:{reverse_words(TRIGGER_WORDS)}|[:>≥<≤=]|(?:[^\W\d_]++\s++){{0,2}}tạđ)",
)
#: A unitless value needs 'đạt'/'là'/':' right before it ('đạt 2,7 vào năm 2025').
_VERB_BEFORE_RE = re.compile(r"(?:đạt|là|:)\s*$", re.I)

#: A number that is a label, not a quantity: dates, articles, levels, list positions.
LABEL_WORDS = [
    "năm", "ngày", "tháng", "quý", "điều", "khoản", "chương", "mục", "phần", "lần thứ", "khóa",
    "khoá", "mức độ", "cấp độ", "loại", "số", "thôn", "khu", "vùng", "lớp", "tổ", "đội", "phòng",
    "đợt", "giai đoạn", "thời kỳ", "nhiệm kỳ", "kỳ", "hạng", "nhóm", "tuyến", "quốc lộ",
    "tỉnh lộ", "đường", "lô", "công nghiệp", "tiêu chí", "cách mạng", "version", "top",
]


def _reverse_word_groups(words: list[str]) -> str:
    """:func:`reverse_words`, the words grouped by their last letter (read backwards, the first).

    It is matched with re.I on every number of a paragraph (drop_labels), and with re.I CPython
    enters every branch of an alternation (it skips only branches opening with a plain literal):
    a branch per letter, not per word, halves the tries. Only whether it matches is asked.

    Example:
        >>> print(_reverse_word_groups(["năm", "nhóm", "lần thứ"]))
        (?:m(?:ăn|óhn)|ứ(?:ht\\s+nầl))
    """
    groups: dict[str, list[str]] = {}
    for word in words:
        backwards = word[::-1]
        groups.setdefault(backwards[0], []).append(backwards[1:])
    return "(?:" + "|".join(
        re.escape(first) + "(?:" + "|".join(re.escape(rest).replace(r"\ ", r"\s+") for rest in rests)
        + ")" for first, rests in groups.items()) + ")"


LABEL_BEFORE_RE = Caseless(
    rf"""
    (?:\b{forward_words(LABEL_WORDS)}   # a label word starting a word
      |[(\[])                          # or an opening bracket
    \s*$
    """,
    re.X,
    reverse=rf"\s*(?:{_reverse_word_groups(LABEL_WORDS)}(?!\w)|[(\[])",
)
#: After a number: a date, a symbol ("12-NQ/TU", "150/2020/NĐ-CP"), a list marker "1." / "a)".
LABEL_AFTER_RE = re.compile(
    rf"""
    \s*(?:[-/]\s*(?:\d{{1,4}}\s*[-/]|[{UPPER}]{{2}}|[A-Z]\w*\s*/)   # date / document symbol
      | \)                                                            # list marker (1)
      | \.\s*$|\.\s+[{UPPER}]                                         # '1. Heading'
    )
    """,
    re.X,
)

#: VALUE_RE, with an empty group ``label`` when LABEL_AFTER_RE matches right after the number (up
#: to the end of the range scanned): the scan for numbers refuses most labels too. The group is
#: optional and empty, so the matches and their other groups are VALUE_RE's.
NUMBER_SCAN_RE = re.compile(
    rf"{VALUE_RE.pattern}(?:(?={LABEL_AFTER_RE.pattern})(?P<label>))?", re.X)
#: "không còn hộ nghèo": value 0. Not after "không còn" a quality ("phù hợp", "hiệu lực"), a
#: degree ("nhiều", "nữa") or a room or means to act ("dư địa", "khả năng", "điều kiện", "cơ
#: hội", "thời gian"): "nguồn thu … không còn dư địa để tăng trưởng" says what is lacking, not
#: what is to be eliminated.
ZERO_RE = re.compile(
    rf"""\b[Kk]hông\s+còn\s+
    (?!(?:phù\s+hợp|hiệu\s+lực|hiệu\s+quả|cần\s+thiết|là|được|nữa|bao\s+lâu|nhiều   # a quality
         |khả\s+năng|dư\s+địa|điều\s+kiện|cơ\s+hội|thời\s+gian)\b)                # room to act
    (?P<ind>[^,;.:()\n]{{2,{ZERO_INDICATOR_MAX}}})""",
    re.X,
)
#: Units that describe the indicator, not a quantity to reach ("2 buổi/ngày", "6 tháng").
QUALIFIER_UNITS = frozenset("buổi tháng ngày giờ phút lần cv g".split())
#: "lần" is a frequency ("2 lần/năm") unless a verb of reaching puts a ratio before it: "giảm …
#: còn 1,7 lần", "tăng gấp 2 lần".
RATIO_HEAD = "lần"
_RATIO_BEFORE_RE = re.compile(r"(?:còn|gấp|xuống|lên|đạt|bằng)\s*$", re.I)

#: Measures accepted inside objectives without a trigger word ("Cây lúa: diện tích 320ha").
MEASURE_HEADS = frozenset("đồng usd ha héc km km2 m2 m3 tấn tạ kg mw kwh lít".split())
_SPACES_RE = re.compile(r"\s+")


@dataclass(slots=True)
class Value:
    """A value found in a clause, before it becomes a Target."""

    start: int
    end: int  # end of the value, its unit and a trailing 'trở lên'
    value: float
    value_max: float | None
    unit: str | None
    comparator: str
    unit_head: str = ""
    zero_indicator: str | None = None
    indicator_end: int | None = None  # where the indicator ends when not at the value


def find_numbers(text: str, start: int, end: int) -> list[re.Match[str]]:
    """VALUE_RE's matches in a paragraph ``text[start:end]``, less the labels LABEL_AFTER_RE finds.

    No match crosses a ";" or a sentence end, so one scan of the paragraph finds the matches of
    all its clauses; what makes a label here makes it one in its clause too: a list marker or
    a date after a number (LABEL_AFTER_RE) never holds a clause's cut, and a "." that ends the
    paragraph ends the clause. (The few labels only a clause's end makes are refused later.)

    Example:
        >>> [m.group() for m in find_numbers("1. Năm 2025 đạt 95%", 0, 19)]
        ['2025', '95']
    """
    return [m for m in NUMBER_SCAN_RE.finditer(text, start, end) if m.group("label") is None]


def scan_numbers(text: str, start: int, end: int) -> tuple[list[re.Match[str]], bool]:
    """:func:`find_numbers`, and whether the scan met a number at all (a label included).

    Example:
        >>> numbers, any_number = scan_numbers("Có ít nhất một cơ sở y tế vào năm 2025.", 0, 39)
        >>> numbers, any_number
        ([], True)
    """
    found = list(NUMBER_SCAN_RE.finditer(text, start, end))
    return [m for m in found if m.group("label") is None], bool(found)


def drop_labels(text: str, numbers: Sequence[re.Match[str]], start: int) -> list[re.Match[str]]:
    """``numbers`` of a paragraph starting at ``start``, less those its words make labels.

    The words that make a number a label (LABEL_BEFORE_RE: "năm 2025", "Điều 5") end at the
    number and hold no ";" or sentence end, so the paragraph's words before it make it one
    exactly when its clause's do. Most paragraphs with a digit hold labels only ("1. Mục
    tiêu", "năm 2025"), and are then left without a further look (nor a lowered copy).

    Example:
        >>> text = "1. Năm 2025 đạt 95%"
        >>> [m.group() for m in drop_labels(text, find_numbers(text, 0, 19), 0)]
        ['95']
    """
    if not numbers:
        return []
    # LABEL_BEFORE_RE.ends(text, a, n) matches its reverse on ``text[a:n][::-1]``: the paragraph
    # up to its last number is reversed once, and each window read in place (``[a, n)`` is
    # ``[last - n, last - a)`` there; the reverse pattern reads nothing beyond its range).
    last = numbers[-1].start()
    backwards = text[start:last][::-1]
    label = LABEL_BEFORE_RE.reverse_caseless
    out = []
    for m in numbers:
        n_start = m.start()
        w_start = last - n_start
        if label.match(backwards, w_start, w_start + min(PREFIX_WINDOW, n_start - start)) is None:
            out.append(m)
    return out


def find_values(text: str, span: LoweredSpan, c_start: int, c_end: int,
                masks: list[tuple[int, int]], kind: str,
                numbers: Sequence[re.Match[str]] | None = None, wordy: bool = True,
                scanned_to: int | None = None) -> list[Value]:
    """Values of the clause ``text[c_start:c_end]`` that read as targets, in text order.

    Numbers inside ``masks`` (yearly paths, quoted titles) are skipped; ``span`` is the
    paragraph's lowered copy; ``kind`` the section kind ('objectives' accepts bare measures);
    ``numbers``, when given, the clause's matches left by :func:`find_numbers` and
    :func:`drop_labels` (else all VALUE_RE's); ``wordy`` False when the paragraph holds no
    value without a digit (``has_word_value``), which are then not looked for;
    ``scanned_to`` the end of the range ``numbers`` were found in: a clause ending there has no
    label that only its end makes (:func:`find_numbers` looked for them with that end).
    """
    out: list[Value] = []
    unchecked = numbers is None
    for m in VALUE_RE.finditer(text, c_start, c_end) if numbers is None else numbers:
        if masks and any(z0 <= m.start() < z1 for z0, z1 in masks):
            continue
        if unchecked:
            value = read_value(text, span, m, c_start, c_end)
        elif c_end != scanned_to and LABEL_AFTER_RE.match(text, m.end(), c_end):
            continue  # one of the few labels only the clause's end makes (see find_numbers)
        else:
            value = parse_value(text, m, c_end)
        if value is None or not accepts(text, span, value, c_start, kind, out[-1] if out else None):
            continue
        if not value.comparator:  # read only now: most numbers read are no values
            before = max(c_start, value.start - PREFIX_WINDOW)
            value.comparator = read_comparator(span, before, value.start)
        out.append(value)
    words = _word_values(text, c_start, c_end, masks) if wordy else None
    if words:
        out = sorted(out + words, key=lambda v: v.start)
    return out


def _word_values(text: str, c_start: int, c_end: int, masks: list[tuple[int, int]]) -> list[Value]:
    """Values of a clause written without a digit: "không còn hộ nghèo" (0), "ít nhất một …"."""
    out: list[Value] = []
    if text.find(ZERO_KEY, c_start, c_end) != -1:
        for m in ZERO_RE.finditer(text, c_start, c_end):
            if not any(z0 <= m.start() < z1 for z0, z1 in masks):
                ind = m.group("ind").strip()
                out.append(Value(m.start(), m.start("ind") + len(ind), 0.0, None, None, "=",
                                 unit_head="0", zero_indicator=ind))
    for m in find_ranks(text, c_start, c_end):  # 'nhóm 4 nước dẫn đầu': a label word before it
        if not any(z0 <= m.start() < z1 for z0, z1 in masks):
            num = "top" if m.group("top") else "group"
            unit = m.group("unit")
            end = m.end("lead") if m.group("lead") is not None else m.end("unit")
            out.append(Value(m.start(num), end, float(m.group(num)), None, unit, "<=",
                             unit.lower()))
    if text.find(WORD_COUNT_KEY, c_start, c_end) != -1:
        for m in find_word_counts(text, c_start, c_end):
            if not any(z0 <= m.start() < z1 for z0, z1 in masks):
                unit, head, end = read_unit(text, m.end("num"), c_end)
                out.append(Value(m.start("num"), end, WORD_NUMBERS[m.group("num").lower()], None,
                                 unit, ">=", head))
    return out


def read_value(text: str, span: LoweredSpan, m: re.Match[str], c_start: int,
               c_end: int) -> Value | None:
    """Parse number, range, unit and comparator of one VALUE_RE match; None for labels.

    The comparator is left empty when it is to be read from the words before the value
    (:func:`read_comparator`), rather than from a range or a "trở lên" after it.
    """
    before_start = max(c_start, m.start() - PREFIX_WINDOW)
    if LABEL_AFTER_RE.match(text, m.end(), c_end):
        return None
    if LABEL_BEFORE_RE.ends_slice(span, before_start, m.start()):
        return None
    return parse_value(text, m, c_end)


def parse_value(text: str, m: re.Match[str], c_end: int) -> Value | None:
    """Number, range, unit and comparator of a VALUE_RE match that is no label (see read_value);
    None for a code, a fraction, a period or a decreasing pair."""
    num, num2 = m.group("num", "num2")
    value = parse_number(num)
    value_max = parse_number(num2) if num2 else None
    if value is None:
        return None
    unit, unit_head, end = read_unit(text, m.end(), c_end)
    if unit_head == "?":  # a code glued to the number: 4G, COVID-19
        return None
    if unit_head == "/" and unit is not None and not is_rate(unit):
        return None  # a fraction ('7/7 thôn', '10/10 khu phố') or a date
    comparator = ""
    bound = BOUND_AFTER_RE.match(text, end, c_end)
    if bound:
        comparator = ">=" if "lên" in bound.group("w") else "<="
        end = bound.end()
    if value_max is not None:
        period = value.is_integer() and YEAR_MIN <= value <= YEAR_MAX and unit is None
        if value_max < value or period:
            return None  # "2021-2025" is a period; a decreasing pair is not a range
        comparator = "range"
    return Value(m.start(), end, value, value_max, unit, comparator, unit_head)


def read_comparator(span: LoweredSpan, start: int, end: int) -> str:
    """Comparator of the words ``span.text[start:end]`` right before a value.

    Example:
        >>> read_comparator(LoweredSpan("đạt không dưới ", 0, 15), 0, 15)
        '>='
    """
    low = span.lower_slice(start, end)
    if low is not None:  # read backwards: COMPARATOR_REVERSED_RE
        m = COMPARATOR_REVERSED_RE.match(low[::-1])
        if not m:
            return "="
        word = m.group("cmp")[::-1]
    else:
        m = COMPARATOR_TAIL_RE.search_slice(span, start, end)
        if not m:
            return "="
        word = m.group("cmp").lower()
    if word in COMPARATOR_WORDS:  # written with single spaces, the usual case
        return COMPARATOR_WORDS[word]
    return COMPARATOR_WORDS.get(_SPACES_RE.sub(" ", word), "=")


def accepts(text: str, span: LoweredSpan, value: Value, c_start: int, kind: str,
            prev: Value | None) -> bool:
    """Is this value a target rather than a qualifier or a label? (see module doc)."""
    head = value.unit_head
    if head in QUALIFIER_UNITS and not (head == RATIO_HEAD and _RATIO_BEFORE_RE.search(
            text, max(c_start, value.start - PREFIX_WINDOW), value.start)):
        return False
    if head == "tuổi" and "tuổi thọ" not in text[c_start:value.start].lower():
        return False  # 'trẻ em dưới 5 tuổi' qualifies the indicator
    if head == "%":
        return True
    if value.unit is None and value.value.is_integer() and YEAR_MIN <= value.value <= YEAR_MAX:
        return False  # a bare year
    before_start = max(c_start, value.start - PREFIX_WINDOW)
    if TRIGGER_TAIL_RE.ends_slice(span, before_start, value.start):
        if value.unit is not None:
            return True
        return _VERB_BEFORE_RE.search(text[before_start:value.start]) is not None
    if prev is not None and _is_sibling(text, prev, value):
        return True
    return kind == "objectives" and head in MEASURE_HEADS


def _is_sibling(text: str, prev: Value, value: Value) -> bool:
    between = YEAR_RE.sub(" ", text[prev.end:value.start])
    if any(ch.isdigit() for ch in between):
        return False
    return len(between.split()) <= SIBLING_MAX_WORDS and (value.unit is None) == (prev.unit is None)
