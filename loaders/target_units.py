"""The unit written after a target's number: percent, per mille, rates, counted nouns, measures.

``%``; ``%0`` for per mille (``%0``, ``‰``); ``%/năm`` (also written ``% năm``); ``% GRDP``;
else a unit word from a small lexicon of counted nouns and measures, with an optional magnitude
before it ("nghìn tỷ đồng", "triệu lượt khách") and a ``/…`` rate chain after it ("bác sỹ/vạn
dân", "triệu đồng/người/năm", "tạ/ha/vụ"), as written, whitespace collapsed and spaces around
"/" removed. A bare rate "/100.000 trẻ em" is a unit on its own.

An unknown lowercase noun is a unit of at most two words, the usual length of a Vietnamese noun
("12 thành viên", "2 tập thể", not "thành", "tập"), its head its first word (Vietnamese noun
phrases are head-first: "tháng đầu năm" counts months). A counted thing is often a classifier
before a two-syllable noun ("05 bộ dữ liệu", "01 sàn giao dịch", "01 đơn vị tài sản"): when the
words after the head form one of the common two-syllable nouns of COMPOUND_NOUNS, the unit
takes that noun whole, since half of it ("bộ dữ", "sàn giao") is no word. When a "/" follows a few more words, the
words before it are the rate's numerator ("18 ca sinh/1.000 phụ nữ", "107 trẻ sơ sinh trai/100
trẻ sơ sinh gái"). A rate's denominator names the population the numerator is counted in: it may
be as long as the numerator ("trẻ sơ sinh trai/100 trẻ sơ sinh gái", not "… gái sinh ra sống"),
and a bare rate's runs up to BARE_RATE_WORDS words to the next verb, preposition or year ("4/100.000
trẻ sinh ra còn sống vào năm 2025": "còn sống", alive, is no verb "còn").

Example:
    >>> read_unit("75 triệu đồng/ người/năm.", 2)
    ('triệu đồng/người/năm', 'đồng', 24)
    >>> read_unit("14,5%0 vào năm 2025", 4)
    ('%0', '%', 6)
"""

from __future__ import annotations

import re

from policykg.loaders.numbers import NUMBER_PATTERN, parse_number

#: Words after a "/" in a rate chain ("/1 vạn dân", "/người"), at least.
RATE_WORDS = 3
#: Words of a bare rate's denominator at most ("/100.000 trẻ sinh ra còn sống").
BARE_RATE_WORDS = 5
#: Words of an unknown noun kept as a unit ("tập thể", "thành viên").
NOUN_WORDS = 2
#: Two-syllable nouns counted after a classifier ("bộ dữ liệu", "sàn giao dịch", "đơn vị tài
#: sản"), and "đơn vị", a two-syllable classifier itself: a unit is not cut inside one of them.
COMPOUND_NOUNS = frozenset({
    "dữ liệu", "giao dịch", "tài sản", "ứng dụng", "dịch vụ", "tiêu chí", "tiêu chuẩn",
    "tài liệu", "học liệu", "thông tin", "nền tảng", "hệ thống", "đơn vị",
})
#: Words before a "/" read as a rate's numerator at most ("trẻ sơ sinh trai/100 …").
NUMERATOR_WORDS = 4
#: Rate denominators ("550/100.000 trẻ em"); any other "a/b" is a fraction or a date.
RATE_DENOMINATORS = {100.0, 1000.0, 10000.0, 100000.0, 1000000.0}

#: Percent-like units right after the number.
PERCENT_RE = re.compile(
    r"""
    \s*(?:
        (?P<mille>%\s*0(?!\d)|‰)                 # per mille: 14,5%0 / ‰
      | %(?P<rate>\s*/\s*năm|\s+năm(?!\s*\d))    # growth rate: %/năm, '% năm'
      | %(?P<gdp>\s+GR?DP\b)                     # share of GRDP
      | (?P<pct>%)                               # plain percent
    )
    """,
    re.X,
)

#: Magnitude words before a unit: "nghìn tỷ đồng", "triệu lượt khách".
MAGNITUDE = r"(?:nghìn|ngàn|triệu|tỷ)(?:\s+(?:nghìn|ngàn|triệu|tỷ))?"
#: Counted nouns and measures that are units (longest first matters only within a prefix).
UNIT_WORDS = [
    "đồng", "USD", "lượt khách", "lượt người", "lượt", "khách", "lao động", "người", "hộ",
    "xã", "phường", "thị trấn", "thôn", "khu phố", "huyện", "bác sỹ", "bác sĩ",
    "dược sỹ đại học", "dược sĩ đại học", "dược sỹ", "dược sĩ", "điều dưỡng", "y sỹ", "y sĩ",
    "giường bệnh", "giường", "tuổi", "mô hình", "bệnh viện", "trạm y tế", "trường học", "trường",
    "phòng học", "ha", "héc ta", "km2", "km", "m2 sàn", "m2", "m3", "m", "tấn", "tạ", "kg", "con",
    "doanh nghiệp", "hợp tác xã", "tổ hợp tác", "sao", "nhà văn hóa", "nhà văn hoá",
    "câu lạc bộ", "khu công nghiệp", "cụm công nghiệp", "sản phẩm", "dự án", "công trình",
    "cơ sở", "học sinh", "sinh viên", "cán bộ", "hội viên", "đảng viên", "căn hộ", "căn", "nhà",
    "MW", "kWh", "lít", "chợ", "siêu thị", "làng nghề", "lớp", "cơ sở y tế",
    "cơ sở giáo dục",
]


def _alternation_by_letter(words: list[str]) -> str:
    """``words`` as one alternation, a space standing for any whitespace, grouped by their first
    letter in either case, each group keeping the words' order.

    Patterns holding it are matched with re.I, and with re.I CPython enters every branch of an
    alternation (it skips only branches opening with a plain literal): a branch per letter, not
    per word, cuts the tries. No two groups match the same first character, so the first word
    matched is the one the words' order gives.

    Example:
        >>> _alternation_by_letter(["lượt khách", "ha", "lượt", "MW", "m2"])
        '(?:lượt\\\\s+khách|lượt)|(?:ha)|(?:MW|m2)'
    """
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0].lower(), []).append(re.escape(word).replace(r"\ ", r"\s+"))
    return "|".join("(?:" + "|".join(group) + ")" for group in groups.values())


#: UNIT_WORDS as one alternation, longest first, a space standing for any whitespace.
UNIT_ALT = _alternation_by_letter(sorted(UNIT_WORDS, key=len, reverse=True))
#: A lexicon unit with optional magnitude, then an optional acronym ("câu lạc bộ TDTT").
WORD_UNIT_RE = re.compile(
    rf"""
    \s*(?P<unit>
        (?:{MAGNITUDE}\s+)?(?:{UNIT_ALT})(?!\w)       # lexicon unit, maybe with magnitude
      | {MAGNITUDE}(?!\w)                               # bare magnitude ("16-17 nghìn")
    )
    (?P<acr>\s+(?-i:[A-ZĐ]{{2,6}})(?!\w))?                    # trailing acronym: TDTT
    """,
    re.X | re.I,
)
#: Money units keep no acronym after them ("triệu đồng NSNN" is not a unit).
_MONEY_RE = re.compile(r"đồng|usd", re.I)
#: Words that end a unit: prepositions, verbs, years and connectors.
STOP_WORDS = frozenset(
    "vào năm đến trở so trong tại của đạt và với theo được là có cho từ trên dưới khoảng "
    "hoặc mỗi hàng dài vốn thuộc ở như mới đã sẽ về lên xuống còn trước sau".split()
)
_WORD_RE = re.compile(r"\s*([^\W\d_]+)")
#: "còn sống" (alive) in a rate's denominator: an adjective, not the stop word "còn".
_ALIVE_RE = re.compile(r"còn\s+sống\b", re.I)
#: A "/" right after a word (spaces allowed): the words before it are a rate's numerator.
_SLASH_AHEAD_RE = re.compile(r"\s*/")
#: One "/" step of a rate chain, with an optional numeric denominator ("/100.000").
_RATE_STEP_RE = re.compile(rf"\s*/\s*(?:(?P<den>{NUMBER_PATTERN})\s*)?", re.X)
#: "/năm" in a rate chain ("lao động/năm"), unless a year follows ("/năm 2025").
_PER_YEAR_RE = re.compile(r"năm(?!\s*\d)", re.I)
_SPACES_RE = re.compile(r"\s+")
_NON_SPACE_RE = re.compile(r"\S")
#: The signs a unit may open with, besides a letter: percent, per mille, a rate's "/".
UNIT_SIGNS = frozenset("%‰/")
_SLASH_RE = re.compile(r"\s*/\s*")


def read_unit(text: str, pos: int, end: int | None = None) -> tuple[str | None, str, int]:
    """The unit after a number: (unit as normalized, head word lowercased, end offset).

    The head is '%' for percent units, '/' for a bare rate, '?' for a code glued to the number
    (4G) and '' when there is no unit.

    Example:
        >>> read_unit("320ha.", 3)
        ('ha', 'ha', 5)
    """
    end = len(text) if end is None else end
    first = text[pos] if pos < end else ""
    if first.isspace():
        word = _NON_SPACE_RE.search(text, pos, end)
        first = word.group() if word else ""
    if first not in UNIT_SIGNS and not first.isalnum():
        return None, "", pos  # every unit opens with a letter, a percent sign or a "/"
    m = PERCENT_RE.match(text, pos, end)
    if m:
        unit = "%0" if m.group("mille") else "%/năm" if m.group("rate") else (
            "% " + m.group("gdp").strip() if m.group("gdp") else "%")
        return unit, "%", m.end()
    m = WORD_UNIT_RE.match(text, pos, end)
    if m:
        words, stop = m.group("unit"), m.end("unit")
        if m.group("acr") and not _MONEY_RE.search(words):
            words, stop = words + m.group("acr"), m.end("acr")
        parts = words.split()  # the group starts and ends with a letter
        rate, stop = _rate_chain(text, stop, end, max(RATE_WORDS, len(parts)))
        return clean_unit(words + rate), parts[-1].lower(), stop
    if pos < end and text[pos].isalpha():
        return None, "?", pos
    rate, stop = _rate_chain(text, pos, end, BARE_RATE_WORDS)
    if rate:
        return clean_unit(rate), "/", stop
    return _noun_unit(text, pos, end)


def _noun_unit(text: str, pos: int, end: int) -> tuple[str | None, str, int]:
    """An unknown noun after a number as a unit: two words, or a rate's numerator and its chain.

    Example:
        >>> _noun_unit(" ca sinh/1.000 phụ nữ xuống 18", 0, 30)
        ('ca sinh/1.000 phụ nữ', 'ca', 21)
    """
    words: list[str] = []
    stops: list[int] = []
    p = pos
    while len(words) < NUMERATOR_WORDS:
        w = _WORD_RE.match(text, p, end)
        if not w or (p == pos and w.start(1) == pos) or not w.group(1).islower():
            break  # a unit is a lowercase word apart from the number ('4G' is a code)
        if w.group(1) in STOP_WORDS or "\n\n" in text[p:w.start(1)]:
            break
        words.append(w.group(1))
        p = w.end()
        stops.append(p)
        if _SLASH_AHEAD_RE.match(text, p, end):
            rate, stop = _rate_chain(text, p, end, max(RATE_WORDS, len(words)))
            if rate:
                return clean_unit(" ".join(words) + rate), words[0], stop
    if not words:
        return None, "", pos
    kept = _noun_length(words)
    return clean_unit(" ".join(words[:kept])), words[0], stops[kept - 1]


def _noun_length(words: list[str]) -> int:
    """How many of an unknown noun's ``words`` are its unit: NOUN_WORDS, or more when the cut
    would fall inside a two-syllable noun of COMPOUND_NOUNS.

    Example:
        >>> _noun_length(["bộ", "dữ", "liệu", "mở"]), _noun_length(["đơn", "vị", "tài", "sản"])
        (3, 4)
    """
    def compound(i: int) -> bool:
        return " ".join(words[i:i + 2]).lower() in COMPOUND_NOUNS

    if len(words) > NOUN_WORDS and compound(NOUN_WORDS - 1):
        return NOUN_WORDS + 1  # 'bộ dữ liệu': a classifier and a noun
    if len(words) > NOUN_WORDS + 1 and compound(0) and compound(NOUN_WORDS):
        return NOUN_WORDS + 2  # 'đơn vị tài sản': a two-syllable classifier and a noun
    return min(len(words), NOUN_WORDS)


def _rate_chain(text: str, pos: int, end: int, most: int = RATE_WORDS) -> tuple[str, int]:
    """'/vạn dân', '/ người/năm', '/100.000 trẻ em' after a unit; ('', pos) when none.

    Each step after a "/" holds at most ``most`` words.
    """
    out = ""
    while True:
        m = _RATE_STEP_RE.match(text, pos, end)
        if not m:
            return out, pos
        words, p = [], m.end()
        for _ in range(most):
            w = _WORD_RE.match(text, p, end)
            if not w or "\n\n" in text[p:w.start(1)]:
                break
            word = w.group(1).lower()
            if (word in STOP_WORDS and not _PER_YEAR_RE.match(text, w.start(1), end)
                    and not _ALIVE_RE.match(text, w.start(1), end)):
                break
            words.append(w.group(1))
            p = w.end()
        if not words and not m.group("den"):
            return out, pos
        out += "/" + (m.group("den") + " " if m.group("den") else "") + " ".join(words)
        pos = p


def clean_unit(unit: str) -> str:
    """Collapse whitespace and drop spaces around "/": 'tạ/ ha/ vụ' -> 'tạ/ha/vụ'."""
    if "  " in unit or not unit.isprintable():  # else every whitespace is a single " "
        unit = _SPACES_RE.sub(" ", unit)
    if "/" in unit:
        unit = _SLASH_RE.sub("/", unit)
    return unit.strip(" .,;:")


def is_rate(unit: str) -> bool:
    """Is a bare '/…' unit a rate ('/100.000 trẻ em') rather than a fraction ('/7 thôn')?"""
    m = _RATE_STEP_RE.match(unit)
    den = parse_number(m.group("den")) if m and m.group("den") else None
    return den in RATE_DENOMINATORS
