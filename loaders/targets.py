"""Quantitative targets (chỉ tiêu) from the objectives and task sections of a document.

The extractor is anchored on **values**, not on a grammar of the whole sentence: Vietnamese plans
state targets in many shapes ("Tỷ lệ hộ nghèo đến năm 2025 còn dưới 1%", "100% xã đạt chuẩn
nông thôn mới", "Thu nhập bình quân đầu người/năm đến năm 2025: 75 triệu đồng/ người/năm", "có 13
xã đạt chuẩn …"), but every target has a number with a unit (or the phrase "không còn …", which is
value 0). So the text is cut into paragraphs, sentences and clauses (";"), every number in a
clause is read with its unit, and a number becomes a target when

* its unit is a percentage / per mille, or a comparator or target verb ("đạt", "còn", "trên",
  "khoảng", ":", "có", "mới" …) stands right before it, or its unit is a measure (money, ha, tấn,
  km …) inside an objectives section, or it follows a target of the same clause as a sibling
  ("… 600 triệu USD vốn FDI và 3.000 tỷ đồng vốn DDI");
* and it is not a date, a year, a document or article number, a list marker, a qualifier of the
  indicator ("trẻ em dưới 5 tuổi", "học 2 buổi/ngày", "mức độ 3", "4G", "công nghiệp 4.0"), a
  budget or allocation ("kinh phí", "tổng vốn", "tiết kiệm chi", "quỹ đất"), a past result
  ("đã đạt", "so với cùng kỳ", "năm 2019 đạt 90%" before the horizon of the section), or a step
  of a yearly path.

Decisions:

* **Year.** In order: a year phrase right after the value ("… 4% vào năm 2025"); the nearest
  deadline phrase before it in the same clause ("Tỷ lệ hộ nghèo đến năm 2025 còn dưới 1%",
  "thời kỳ 2021-2030 đạt …"); a lead-in of the sentence that ends with ":" or "," ("Phấn đấu đến
  hết năm 2025: …; …", "Đến năm 2025, …; …"), which covers the rest of the sentence across ";";
  the section's year; else None. "so với năm 2020" / "so với giai đoạn 2016-2020" are baselines,
  never deadlines. "giai đoạn 2021-2025" gives 2025.
* **Comparator.** Read from the words just before the value and "trở lên"/"trở xuống" just
  after it. "cao hơn 25%" is a comparative (an increase by 25%), so "hơn" after cao/thấp/nhiều is
  "=". A bare "từ 12%/năm" is ">=".
* **Unit.** ``%``; ``%0`` for per mille (``%0``, ``‰``); ``%/năm`` (also written ``% năm``);
  ``% GRDP``; else a unit word from a small lexicon of counted nouns and measures, with an
  optional magnitude before it ("nghìn tỷ đồng", "triệu lượt khách") and a ``/…`` rate chain after
  it ("bác sỹ/vạn dân", "triệu đồng/người/năm", "tạ/ha/vụ"), as written, whitespace collapsed
  and spaces around "/" removed. An unknown noun after a triggered value is kept as a one-word
  unit. A value without a unit word has unit None ("đạt 2,7 vào năm 2025"). A bare rate
  "500/100.000" takes the unit of its sibling ("550/100.000 trẻ em").
* **Indicator.** The words between the clause start (or the previous target) and the value, less
  list markers, "Phấn đấu", year phrases and trailing comparator words; when nothing is left
  ("100% xã đạt chuẩn …") the words after the unit; when still nothing, the previous target's
  indicator ("… đạt 2,7 vào năm 2025 và 3,0 vào năm 2030").
* **Yearly paths.** "(cụ thể: năm 2020 đạt 94,5%; …)" and "trong đó: năm 2020, phấn đấu 2,0 ha
  …" are zones: nothing in them is a target; their steps are split into runs (a run restarts when
  the year goes back) and attached to the targets of the paragraph before the zone, run *i* to
  target *i* when the counts agree, else the single run to the last target, only when units agree.
* **Numbers** follow :mod:`policykg.loaders.numbers` (dot + three digits = thousands).

The function is pure and deterministic. Regexes are compiled once; none nests unbounded
quantifiers, so the cost is linear in the text.

Example:
    >>> [(t.value, t.unit, t.comparator, t.year) for t in extract_targets(
    ...     "Thu nhập bình quân đầu người đạt trên 60 triệu đồng/người vào năm 2025.", [])]
    [(60.0, 'triệu đồng/người', '>', 2025)]
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from policykg.loaders.numbers import NUMBER_PATTERN, NUMBER_REST_PATTERN, parse_number
from policykg.loaders.record import Target, YearValue
from policykg.loaders.sections import Section

# ---------------------------------------------------------------- thresholds (named heuristics)

#: Characters before a value searched for comparator, label and trigger words (the longest,
#: "không vượt quá có", fits; a short window keeps the tail searches cheap).
PREFIX_WINDOW = 28
#: Indicator tails are looked for in this many last characters only (keeps the search linear).
TAIL_WINDOW = 80
#: Characters after a value's unit in which a year phrase still belongs to that value.
TRAILING_YEAR_GAP = 14
#: At most this many words between two values of one clause for the second to count as a
#: sibling of the first ("600 triệu USD vốn FDI và 3.000 tỷ đồng vốn DDI").
SIBLING_MAX_WORDS = 8
#: An indicator shorter than this (after cleaning) is considered missing.
MIN_INDICATOR_CHARS = 3
#: Indicators are cut to this length at a word boundary.
MAX_INDICATOR_CHARS = 220
#: Words of a fallback unit (a noun not in the lexicon) after a triggered value.
FALLBACK_UNIT_WORDS = 1
#: Words after a "/" in a rate chain ("/1 vạn dân", "/người").
RATE_WORDS = 3
#: Plausible deadline years.
YEAR_MIN, YEAR_MAX = 1945, 2200
#: Rate denominators ("550/100.000 trẻ em"); any other "a/b" is a fraction or a date.
RATE_DENOMINATORS = {100.0, 1000.0, 10000.0, 100000.0, 1000000.0}
#: Characters after "không còn" read as the indicator at most.
ZERO_INDICATOR_MAX = 80

UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"

# ---------------------------------------------------------------- segmentation

#: A paragraph break: a blank line not followed by a lowercase continuation (hard wraps in raw
#: text), a newline after sentence punctuation, or a newline before a list marker or heading.
PARA_BREAK_RE = re.compile(
    rf"""
    \n[ \t]*\n\s*(?=[^\sa-zđà-ỹ])          # blank line, next paragraph starts non-lowercase
  | (?<=[.;:!?])[ \t]*\n\s*                  # line ends a sentence or a lead-in
  | \n\s*(?=(?:[-+•*]|\(\d+\)|\d{{1,2}}(?:\.\d{{1,2}})*\.\s|[a-zđ]\)\s|[IVX]+\.\s|[{UPPER}]{{2,}}\s))
                                             # next line opens a list item or a heading
    """,
    re.X,
)
#: A sentence end inside a paragraph: ". " followed by an uppercase letter or an opening quote.
SENTENCE_END_RE = re.compile(rf"""[.!?](?=\s+[{UPPER}“"])""", re.X)

# ---------------------------------------------------------------- values and units

#: One value candidate: a number, optionally a range "10-11", "10 - 11", "từ 10 đến 11".
VALUE_RE = re.compile(
    rf"""
    (?P<num>\d                          # the first digit first: CPython then skips to digits in C
        (?<![\w/.,]\d)(?<!\w-\d)         # not inside a word, a symbol or a bigger number
        (?:{NUMBER_REST_PATTERN}))
    (?:\s*%?\s*(?:-|–|đến)\s*          # range separator (a first '%' is tolerated: 10%-11%)
       (?P<num2>{NUMBER_PATTERN}))?
    """,
    re.X,
)

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
    "phòng học", "ha", "héc ta", "km", "m2 sàn", "m2", "m3", "m", "tấn", "tạ", "kg", "con",
    "doanh nghiệp", "hợp tác xã", "tổ hợp tác", "sao", "nhà văn hóa", "nhà văn hoá",
    "câu lạc bộ", "khu công nghiệp", "cụm công nghiệp", "sản phẩm", "dự án", "công trình",
    "cơ sở", "học sinh", "sinh viên", "cán bộ", "hội viên", "đảng viên", "căn hộ", "căn", "nhà",
    "MW", "kWh", "lít", "điểm", "chợ", "siêu thị", "làng nghề", "lớp",
]
_UNIT_ALT = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(UNIT_WORDS, key=len, reverse=True))
#: A lexicon unit with optional magnitude, then an optional acronym ("câu lạc bộ TDTT").
WORD_UNIT_RE = re.compile(
    rf"""
    \s*(?P<unit>
        (?:{MAGNITUDE}\s+)?(?:{_UNIT_ALT})(?!\w)       # lexicon unit, maybe with magnitude
      | {MAGNITUDE}(?!\w)                               # bare magnitude ("16-17 nghìn")
    )
    (?P<acr>\s+(?-i:[A-ZĐ]{{2,6}})(?!\w))?                    # trailing acronym: TDTT
    """,
    re.X | re.I,
)
#: Words that end a unit: prepositions, verbs, years and connectors.
STOP_WORDS = frozenset(
    "vào năm đến trở so trong tại của đạt và với theo được là có cho từ trên dưới khoảng "
    "hoặc mỗi hàng dài vốn thuộc ở như mới đã sẽ về lên xuống còn trước sau".split()
)
#: Units that describe the indicator, not a quantity to reach ("2 buổi/ngày", "6 tháng").
QUALIFIER_UNITS = frozenset("buổi tháng ngày giờ phút lần cv g".split())
#: Measures accepted inside objectives without a trigger word ("Cây lúa: diện tích 320ha").
MEASURE_HEADS = frozenset("đồng usd ha héc km m2 m3 tấn tạ kg mw kwh lít".split())
_WORD_RE = re.compile(r"\s*([^\W\d_]+)")
_RATE_STEP_RE = re.compile(rf"\s*/\s*(?:(?P<den>{NUMBER_PATTERN})\s*)?", re.X)

# ---------------------------------------------------------------- context words

#: Characters for which re.I matching is plain equality of ``str.lower()`` forms, one character to
#: one: Latin less "İ ı ſ", combining accents less U+0345, Vietnamese letters less "ẛ ẞ",
#: punctuation, currency, arrows and math signs (checked in tests/loaders/test_targets.py).
_CASE_PLAIN_RE = re.compile(
    r"[\x00-\u012f\u0132-\u017e\u0180-\u024f\u0300-\u0344\u0346-\u036f"
    r"\u1e00-\u1e9a\u1e9c\u1e9d\u1e9f-\u1eff\u2000-\u206f\u20a0-\u20cf\u2190-\u22ff]*"
)


class _Caseless:
    """A case-insensitive pattern, run 3-4x faster on lowercased text when that is exact.

    With re.I, CPython tries every alternative at every position (it cannot dispatch on a cased
    first character), which made these word lists a large share of the extractor's time. The same
    pattern without re.I on ``s.lower()`` matches the same spans when every character of ``s`` is
    in _CASE_PLAIN_RE; other strings get the re.I pattern. The pattern's letters must be lowercase
    (an uppercase one only inside a class that also holds its lowercase). Groups come back lowercased.
    """

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.caseless = re.compile(pattern, flags | re.I)
        self.lowered = re.compile(pattern, flags)

    def search(self, s: str, pos: int = 0) -> re.Match[str] | None:
        """``re.search`` with re.I on a short string (lowered whole, so offsets are kept)."""
        if _CASE_PLAIN_RE.fullmatch(s):
            return self.lowered.search(s.lower(), pos)
        return self.caseless.search(s, pos)

    def found_in(self, text: str, start: int, end: int) -> bool:
        """Does the pattern occur in ``text[start:end]`` (a range of a long text)?

        One character before ``start`` is kept, for the ``\\b`` the pattern may test there.
        """
        part = text[max(0, start - 1):end]
        if _CASE_PLAIN_RE.fullmatch(part):
            return self.lowered.search(part.lower(), start - max(0, start - 1)) is not None
        return self.caseless.search(text, start, end) is not None


#: Comparator words at the end of the text before a value (fillers such as "có", "bằng" allowed).
COMPARATOR_TAIL_RE = _Caseless(
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

#: Words right before a value that make a count a target ("đạt", "còn", "có 13 xã", ":").
TRIGGER_TAIL_RE = _Caseless(
    r"""
    (?:đạt(?:\s+[^\W\d_]+){0,2}|là|còn|xuống|lên|khoảng|xấp\s+xỉ|gần|trên|hơn|vượt|dưới|từ|nhất|thiểu|quá|tối\s+đa
      |bằng|có|cho|mới|đón|với|điểm|lập|được|tăng|giảm|mức|chiếm|duy\s+trì|tích|suất|lượng
      |[:>≥<≤=])
    \s*$
    """,
    re.X,
)

#: A number that is a label, not a quantity: dates, articles, levels, list positions.
LABEL_BEFORE_RE = _Caseless(
    r"""
    (?:\b(?:năm|ngày|tháng|quý|điều|khoản|chương|mục|phần|lần\s+thứ|khóa|khoá|mức\s+độ
         |cấp\s+độ|loại|số|thôn|khu|vùng|lớp|tổ|đội|phòng|đợt|giai\s+đoạn|thời\s+kỳ|nhiệm\s+kỳ
         |kỳ|hạng|nhóm|tuyến|quốc\s+lộ|tỉnh\s+lộ|đường|lô|công\s+nghiệp|tiêu\s+chí|cách\s+mạng
         |version|top)
       |[(\[])\s*$
    """,
    re.X,
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

#: A past result or a situation review, not a target.
PAST_RE = _Caseless(r"(?=[đcuĐCUt])(?:\bđã\s+(?:đạt|có|giảm|tăng|hoàn\s+thành|thực\s+hiện)|đạt\s+được|cùng\s+kỳ"
                     r"|ước\s+thực\s+hiện|thực\s+hiện\s+được)")
#: Budgets and allocations: spending, not targets.
BUDGET_RE = _Caseless(r"(?=[ktqbpKTQBP])(?:kinh\s+phí|tổng\s+vốn|tiết\s+kiệm\s+chi|quỹ\s+đất|tổng\s+mức\s+đầu\s+tư"
                       r"|bố\s+trí\s+(?:vốn|nguồn|kinh|ngân\s+sách)|phân\s+bổ)")

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
#: Leading noise of an indicator.
INDICATOR_HEAD_RE = re.compile(
    r"""
    (?:\(\d+\)|\s|[-+•*,:;.)(]|\d+(?:\.\d+)*\.(?=\s)|[a-zđ]\)(?=\s)
      |\b(?:trong\s+đó|cụ\s+thể|và|phấn\s+đấu|ph[aâ]n\s+đ[aấầ]u|đảm\s+bảo)\b)*
    """,
    re.X | re.I,
)
#: Trailing noise of an indicator: comparator and target verbs.
INDICATOR_TAIL_RE = _Caseless(
    r"""
    (?:\s|[,:(]|\b(?:đạt|là|còn|xuống|khoảng|xấp\s+xỉ|gần|trên|hơn|vượt|dưới|từ|ít\s+nhất
        |tối\s+thiểu|không\s+dưới|không\s+quá|tối\s+đa|bằng|có|ở\s+mức|mức|tỷ\s+lệ|phấn\s+đấu
        |ph[aâ]n\s+đ[aấầ]u|ổn\s+định|duy\s+trì)\b)*$
    """,
    re.X,
)
#: "không còn hộ nghèo": value 0.
ZERO_RE = re.compile(
    rf"""\b[Kk]hông\s+còn\s+
    (?!(?:phù\s+hợp|hiệu\s+lực|hiệu\s+quả|cần\s+thiết|khả\s+năng|là|được|nữa|bao\s+lâu|nhiều)\b)
    (?P<ind>[^,;.:()\n]{{2,{ZERO_INDICATOR_MAX}}})""",   # 'không còn phù hợp' is no target
    re.X,
)

#: A literal part of every ZERO_RE match (case-sensitive), to skip the scan of most clauses.
ZERO_KEY = "hông"

#: A yearly-path zone: "(cụ thể: …)" holding years, or "trong đó: năm 2020, …".
ZONE_OPEN_RE = re.compile(r"\(\s*cụ\s+thể\s*:|(?:cụ\s+thể|trong\s+đó)\s*:\s*(?=năm\s+\d{4})", re.I)
#: One step of a yearly path: "năm 2021 đạt 95%", "năm 2020, phấn đấu 2,0 ha".
STEP_RE = re.compile(
    rf"""
    năm\s+(?P<year>\d{{4}})\s*[,:]?\s*
    (?:(?:phấn\s+đấu|đạt)\s*)*
    (?P<num>{NUMBER_PATTERN})
    """,
    re.X | re.I,
)
#: A quoted title of another instrument: its numbers are its own ('đề án "… 01 triệu căn hộ …"').
QUOTED_TITLE_RE = re.compile(
    r"""(?:đề\s+án|chương\s+trình|kế\s+hoạch|nghị\s+quyết|quyết\s+định|chỉ\s+thị|chiến\s+lược
         |phong\s+trào|cuộc\s+vận\s+động|dự\s+án)\s*      # the instrument named
        [“"][^”"\n]{1,300}[”"]                                # its quoted title""",
    re.X | re.I,
)
_YEAR_WORD_RE = re.compile(r"năm\s+\d{4}", re.I)
#: A bare year right before a result verb: "năm 2019 đạt 90%" (checked against the horizon).
PAST_YEAR_RE = re.compile(r"\bnăm\s+(?P<y>\d{4})\s*,?\s*(?:đã\s+)?(?:đạt|là|còn|giảm|tăng)\b", re.I)
#: A digit, or "không còn" (value 0): a stretch without either holds no target. Two patterns, not
#: one alternation: each starts with a character class, which CPython scans for much faster.
_DIGIT_RE = re.compile(r"\d")
_KHONG_CON_RE = re.compile(r"[Kk]hông\s+còn")
#: Four digits in a row: every year phrase (YEAR_RE, DEADLINE_RE) holds one, so a stretch of text
#: without them cannot hold a year phrase ("\d\d\d\d" scans faster than "\d{4}" in CPython).
_FOUR_DIGITS_RE = re.compile(r"\d\d\d\d")
#: Characters no year phrase holds (see YEAR_RE, DEADLINE_RE): they bound the year windows.
YEAR_FREE = ".,;:()"
_YEAR_FREE_RE = re.compile(f"[{re.escape(YEAR_FREE)}]")
#: Opening quotes of QUOTED_TITLE_RE: a paragraph without one holds no quoted title.
OPEN_QUOTES = ("“", '"')
#: ZONE_OPEN_RE always holds a colon: a paragraph without one holds no yearly-path zone.
ZONE_COLON = ":"
_SPACES_RE = re.compile(r"\s+")
_SLASH_RE = re.compile(r"\s*/\s*")
#: "/năm" in a rate chain ("lao động/năm"), unless a year follows ("/năm 2025").
_PER_YEAR_RE = re.compile(r"năm(?!\s*\d)", re.I)
#: "Phấn đấu" and its frequent typos ("Phân đấu", "Phân đầu").
STRIVE_RE = re.compile(r"ph[aâấ]n\s+đ[aấầ]u", re.I)


# ---------------------------------------------------------------- data


@dataclass
class _Value:
    """A value found in a clause, before it becomes a Target."""

    start: int
    end: int  # end of the value, its unit and a trailing 'trở lên'
    value: float
    value_max: float | None
    unit: str | None
    comparator: str
    unit_head: str = ""
    zero_indicator: str | None = None


@dataclass
class _Draft:
    value: _Value
    indicator: str | None
    span: tuple[int, int]
    year: int | None
    section: Section | None
    yearly: list[YearValue] = field(default_factory=list)


# ---------------------------------------------------------------- public API


def extract_targets(text: str, sections: Sequence[Section]) -> list[Target]:
    """Every quantitative target of the objectives and task sections, in text order.

    Args:
        text: the normalized document text.
        sections: the heading tree (``parse.py``); empty means the whole text is objectives.

    Returns:
        Targets with ids ``t1``, ``t2``, … in text order; each ``text == source[span]``.

    Example:
        >>> ts = extract_targets("- Tỷ lệ hộ nghèo đến năm 2025 còn dưới 1%;", [])
        >>> (ts[0].indicator, ts[0].value, ts[0].unit, ts[0].comparator, ts[0].year)
        ('Tỷ lệ hộ nghèo', 1.0, '%', '<', 2025)
    """
    locator = _SectionLocator(sections)
    windows = _YearWindows(text)
    horizon = _horizon(text, windows)
    drafts: list[_Draft] = []
    for p_start, p_end in _paragraphs(text):
        if _has_number(text, p_start, p_end):
            drafts += _paragraph_targets(text, p_start, p_end, locator, horizon, windows)
    drafts.sort(key=lambda d: (d.span[0], d.value.start))
    return [_to_target(text, d, i + 1) for i, d in enumerate(drafts)]


# ---------------------------------------------------------------- sections


class _SectionLocator:
    """Innermost section of an offset in O(log n), precomputed with ``section_at``'s rule.

    ``section_at`` is linear per call, so calling it at every cut was quadratic in the number of
    sections (long plans have thousands); one sweep gives the same owners.
    """

    def __init__(self, sections: Sequence[Section]) -> None:
        self.empty = not sections
        cuts = sorted({0, *(s.start for s in sections), *(s.end for s in sections)})
        self.cuts = cuts
        self.owners = _owners_at(sections, cuts)

    def at(self, offset: int) -> Section | None:
        i = bisect.bisect_right(self.cuts, offset) - 1
        return self.owners[i] if i >= 0 else None

    def kind(self, offset: int) -> str | None:
        """Section kind at ``offset``: None = skip; 'objectives', 'tasks' or 'other'."""
        if self.empty:
            return "objectives"
        section = self.at(offset)
        if section is None:
            return None
        return None if section.kind in ("preamble", "closing", "organization") else section.kind


def _owners_at(sections: Sequence[Section], cuts: list[int]) -> list[Section | None]:
    """``section_at(sections, c)`` for every sorted cut ``c``, in one sweep.

    ``section_at`` keeps, among the sections containing the offset, the deepest one and, among
    equally deep ones, the last in list order: the maximum of (depth, index). A heap keyed on that
    pair holds the sections opened so far; those ended at or before the cut are dropped lazily
    (cuts only grow, so an ended section never contains a later cut).
    """
    order = sorted(range(len(sections)), key=lambda i: sections[i].start)
    active: list[tuple[int, int, int]] = []  # (-depth, -index, end)
    owners: list[Section | None] = []
    k = 0
    for cut in cuts:
        while k < len(order) and sections[order[k]].start <= cut:
            i = order[k]
            heapq.heappush(active, (-sections[i].depth, -i, sections[i].end))
            k += 1
        while active and active[0][2] <= cut:
            heapq.heappop(active)
        owners.append(sections[-active[0][1]] if active else None)
    return owners


def _horizon(text: str, windows: _YearWindows) -> int | None:
    """The nearest deadline of the document ("đến năm 2025"); a bare year before it is past.

    A plan's nearest deadline is not earlier than the plan itself, so "năm 2019 đạt 90%" in a
    plan whose nearest deadline is 2025 reports a result.
    """
    years = [int(m.group(1) or m.group(2))
             for w_start, w_end in windows.spans(0, len(text))
             for m in DEADLINE_RE.finditer(text, w_start, w_end)]
    years = [y for y in years if YEAR_MIN <= y <= YEAR_MAX]
    return min(years) if years else None


def _has_number(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` hold a digit or "không còn"?"""
    if _DIGIT_RE.search(text, start, end):
        return True
    return text.find(ZERO_KEY, start, end) != -1 and _KHONG_CON_RE.search(text, start, end) is not None


# ---------------------------------------------------------------- year windows


class _YearWindows:
    """The stretches of a text that can hold a year phrase, for the costly year regexes.

    A match of YEAR_RE or DEADLINE_RE holds four digits in a row and never a character of
    YEAR_FREE, so it lies inside one stretch between two such characters that holds four digits.
    Scanning only those stretches (about a tenth of a plan) finds exactly the matches of a scan of
    the whole range: no match crosses a stretch's ends, and the ends are characters (or range
    ends) that no part of the patterns, lookarounds included, can read differently.
    """

    def __init__(self, text: str) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        end = 0
        m = _FOUR_DIGITS_RE.search(text)
        while m is not None:
            start = max(end, *[text.rfind(c, end, m.start()) + 1 for c in YEAR_FREE])
            stop = _YEAR_FREE_RE.search(text, m.end())
            end = stop.start() if stop else len(text)
            self.starts.append(start)
            self.ends.append(end)
            m = _FOUR_DIGITS_RE.search(text, end)  # the next stretch's four digits

    def spans(self, start: int, end: int) -> list[tuple[int, int]]:
        """The stretches overlapping ``[start, end)``, cut to it, in text order."""
        out = []
        for i in range(bisect.bisect_right(self.ends, start), len(self.starts)):
            if self.starts[i] >= end:
                break
            out.append((max(start, self.starts[i]), min(end, self.ends[i])))
        return out


# ---------------------------------------------------------------- segmentation


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in PARA_BREAK_RE.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, s = [], start
    for m in SENTENCE_END_RE.finditer(text, start, end):
        out.append((s, m.end()))
        s = m.end()
    out.append((s, end))
    return out


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, s = [], start
    i = text.find(";", start, end)
    while i != -1:
        out.append((s, i))
        s = i + 1
        i = text.find(";", s, end)
    out.append((s, end))
    return out


# ---------------------------------------------------------------- paragraph


def _paragraph_targets(text: str, p_start: int, p_end: int, locator: _SectionLocator,
                       horizon: int | None, windows: _YearWindows) -> list[_Draft]:
    """Targets of one paragraph, with yearly-path zones attached to their owners."""
    zones = _zones(text, p_start, p_end)
    masks = zones + _quoted_titles(text, p_start, p_end)
    drafts: list[_Draft] = []
    owners_since_zone: list[_Draft] = []
    zone_iter = iter(zones)
    next_zone = next(zone_iter, None)
    for s_start, s_end in _sentences(text, p_start, p_end):
        years = _year_phrases(text, s_start, s_end, windows)
        carry = _carry_years(text, s_start, s_end, years)
        for c_start, c_end in _clauses(text, s_start, s_end):
            for draft in _clause_targets(text, c_start, c_end, years, carry, masks, locator, horizon):
                while next_zone is not None and next_zone[0] < draft.value.start:
                    _attach_yearly(text, next_zone, owners_since_zone)
                    owners_since_zone = []
                    next_zone = next(zone_iter, None)
                drafts.append(draft)
                owners_since_zone.append(draft)
    while next_zone is not None:
        _attach_yearly(text, next_zone, owners_since_zone)
        owners_since_zone = []
        next_zone = next(zone_iter, None)
    return drafts


def _quoted_titles(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of quoted titles of other instruments in a paragraph (QUOTED_TITLE_RE)."""
    if all(text.find(q, start, end) == -1 for q in OPEN_QUOTES):
        return []  # most paragraphs quote nothing: skip the case-insensitive scan
    return [m.span() for m in QUOTED_TITLE_RE.finditer(text, start, end)]


def _zones(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Yearly-path zones of a paragraph: '(cụ thể: …)' to its ')' or 'trong đó: năm …' to the end."""
    zones: list[tuple[int, int]] = []
    if text.find(ZONE_COLON, start, end) == -1:
        return zones  # no colon, no zone opener: skip the case-insensitive scan
    for m in ZONE_OPEN_RE.finditer(text, start, end):
        if zones and m.start() < zones[-1][1]:
            continue
        if m.group(0).startswith("("):
            close = _matching_paren(text, m.start(), end)
            if _YEAR_WORD_RE.search(text, m.end(), close):
                zones.append((m.start(), close))
        else:
            zones.append((m.start(), end))
    return zones


def _matching_paren(text: str, open_at: int, end: int) -> int:
    depth = 0
    for i in range(open_at, end):
        ch = text[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i + 1
    return end


def _attach_yearly(text: str, zone: tuple[int, int], owners: list[_Draft]) -> None:
    """Split the zone's steps into runs and attach them to the owners (see module doc)."""
    runs: list[list[tuple[int, float, str | None]]] = []
    for m in STEP_RE.finditer(text, zone[0], zone[1]):
        value = parse_number(m.group("num"))
        if value is None:
            continue
        unit = _read_unit(text, m.end())[0]
        year = int(m.group("year"))
        if not runs or year <= runs[-1][-1][0]:
            runs.append([])
        runs[-1].append((year, value, unit))
    if not owners or not runs:
        return
    pairs = zip(owners, runs) if len(runs) == len(owners) else [(owners[-1], runs[0])] if len(runs) == 1 else []
    for owner, run in pairs:
        if all(u is None or u == owner.value.unit for _, _, u in run):
            owner.yearly = [YearValue(year=y, value=v) for y, v, _ in run if YEAR_MIN <= y <= YEAR_MAX]


# ---------------------------------------------------------------- years


def _year_phrases(text: str, start: int, end: int,
                  windows: _YearWindows) -> list[tuple[int, int, int]]:
    """Deadline year phrases of a sentence: (start, end, year); baselines dropped."""
    out = []
    for w_start, w_end in windows.spans(start, end):
        for m in YEAR_RE.finditer(text, w_start, w_end):
            year = int(m.group("y1") or m.group("y2"))
            if not m.group("base") and YEAR_MIN <= year <= YEAR_MAX:
                out.append((m.start(), m.end(), year))
    return out


def _carry_years(text: str, start: int, end: int,
                 years: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    """Lead-ins that cover the rest of the sentence: 'Phấn đấu đến hết năm 2025:', 'Đến năm 2025,'.

    A year phrase followed by ':' always leads in; followed by ',' only at a clause start.
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


def _year_for(text: str, value: _Value, c_start: int, c_end: int,
              years: list[tuple[int, int, int]], carry: list[tuple[int, int]]) -> int | None:
    """Year of a value: trailing phrase, preceding phrase in the clause, sentence lead-in."""
    for y_start, y_end, year in years:
        if value.end <= y_start <= value.end + TRAILING_YEAR_GAP and y_end <= c_end:
            if not text[value.end:y_start].strip():
                return year
    before = [year for y_start, y_end, year in years if c_start <= y_start and y_end <= value.start]
    if before:
        return before[-1]
    leads = [year for pos, year in carry if pos <= value.start]
    return leads[-1] if leads else None


# ---------------------------------------------------------------- clause


def _clause_targets(text: str, c_start: int, c_end: int, years, carry, zones, locator,
                    horizon: int | None) -> list[_Draft]:
    """Targets of one clause (';'-delimited), in order."""
    if not _has_number(text, c_start, c_end):
        return []
    kind = locator.kind(c_start)
    if kind is None or BUDGET_RE.found_in(text, c_start, c_end) or PAST_RE.found_in(text, c_start, c_end):
        return []
    drafts: list[_Draft] = []
    for value in _clause_values(text, c_start, c_end, zones, kind):
        if locator.kind(value.start) is None:
            continue
        section = None if locator.empty else locator.at(value.start)
        year = _year_for(text, value, c_start, c_end, years, carry)
        if year is None and section is not None:
            year = section.year
        if _is_past(text, value, c_start, horizon):
            continue
        prev = drafts[-1] if drafts else None
        indicator, span = _indicator(text, value, c_start, c_end, prev)
        if prev is not None and value.unit_head == "/" and (prev.value.unit or "").startswith(value.unit or "~"):
            value.unit = prev.value.unit  # '550/100.000 trẻ em … và 500/100.000'
            value.unit_head = prev.value.unit_head
        drafts.append(_Draft(value, indicator, span, year, section))
    return drafts


def _clause_values(text: str, c_start: int, c_end: int, zones, kind: str) -> list[_Value]:
    """Values of a clause that read as targets (see module doc for the rules)."""
    out: list[_Value] = []
    for m in VALUE_RE.finditer(text, c_start, c_end):
        if any(z0 <= m.start() < z1 for z0, z1 in zones):
            continue
        value = _read_value(text, m, c_start, c_end)
        if value is None or not _accept(text, value, c_start, kind, out[-1] if out else None):
            continue
        out.append(value)
    zeros = ZERO_RE.finditer(text, c_start, c_end) if text.find(ZERO_KEY, c_start, c_end) != -1 else ()
    for m in zeros:
        if not any(z0 <= m.start() < z1 for z0, z1 in zones):
            ind = m.group("ind").strip()
            out.append(_Value(m.start(), m.start("ind") + len(ind), 0.0, None, None, "=",
                              unit_head="0", zero_indicator=ind))
    out.sort(key=lambda v: v.start)
    return out


def _read_value(text: str, m: re.Match, c_start: int, c_end: int) -> _Value | None:
    """Parse number, range, unit and comparator of one VALUE_RE match; None for labels."""
    before = text[max(c_start, m.start() - PREFIX_WINDOW):m.start()]
    if LABEL_BEFORE_RE.search(before) or LABEL_AFTER_RE.match(text, m.end(), c_end):
        return None
    value = parse_number(m.group("num"))
    value_max = parse_number(m.group("num2")) if m.group("num2") else None
    if value is None:
        return None
    unit, unit_head, end = _read_unit(text, m.end(), c_end)
    if unit_head == "?":  # a code glued to the number: 4G, COVID-19
        return None
    if unit_head == "/" and unit is not None and not _is_rate(unit):
        return None  # a fraction ('7/7 thôn', '10/10 khu phố') or a date
    comparator = _comparator(before)
    bound = BOUND_AFTER_RE.match(text, end, c_end)
    if bound:
        comparator = ">=" if "lên" in bound.group("w") else "<="
        end = bound.end()
    if value_max is not None:
        if value_max < value or (value.is_integer() and YEAR_MIN <= value <= YEAR_MAX and unit is None):
            return None  # "2021-2025" is a period; a decreasing pair is not a range
        comparator = "range"
    return _Value(m.start(), end, value, value_max, unit, comparator, unit_head)


def _is_rate(unit: str) -> bool:
    m = _RATE_STEP_RE.match(unit)
    den = parse_number(m.group("den")) if m and m.group("den") else None
    return den in RATE_DENOMINATORS


def _read_unit(text: str, pos: int, end: int | None = None) -> tuple[str | None, str, int]:
    """The unit after a number: (unit as normalized, head word lowercased, end offset).

    The head is '%' for percent units, '/' for a bare rate, '?' for a code glued to the number
    (4G) and '' when there is no unit.
    """
    end = len(text) if end is None else end
    m = PERCENT_RE.match(text, pos, end)
    if m:
        unit = "%0" if m.group("mille") else "%/năm" if m.group("rate") else (
            "% " + m.group("gdp").strip() if m.group("gdp") else "%")
        return unit, "%", m.end()
    m = WORD_UNIT_RE.match(text, pos, end)
    if m:
        words, stop = m.group("unit"), m.end("unit")
        if m.group("acr") and not re.search(r"đồng|usd", words, re.I):
            words, stop = words + m.group("acr"), m.end("acr")
        rate, stop = _rate_chain(text, stop, end)
        head = _SPACES_RE.sub(" ", words).split(" ")[-1].lower()
        return _clean_unit(words + rate), head, stop
    if pos < end and text[pos].isalpha():
        return None, "?", pos
    rate, stop = _rate_chain(text, pos, end)
    if rate:
        return _clean_unit(rate), "/", stop
    w = _WORD_RE.match(text, pos, end)
    if w and w.start(1) > pos and w.group(1).lower() not in STOP_WORDS and w.group(1).islower():
        return w.group(1), w.group(1).lower(), w.end()
    return None, "", pos


def _rate_chain(text: str, pos: int, end: int) -> tuple[str, int]:
    """'/vạn dân', '/ người/năm', '/100.000 trẻ em' after a unit; ('', pos) when none."""
    out = ""
    while True:
        m = _RATE_STEP_RE.match(text, pos, end)
        if not m:
            return out, pos
        words, p = [], m.end()
        for _ in range(RATE_WORDS):
            w = _WORD_RE.match(text, p, end)
            if not w or "\n\n" in text[p:w.start(1)] or (
                    w.group(1).lower() in STOP_WORDS and not _PER_YEAR_RE.match(text, w.start(1), end)):
                break
            words.append(w.group(1))
            p = w.end()
        if not words and not m.group("den"):
            return out, pos
        out += "/" + (m.group("den") + " " if m.group("den") else "") + " ".join(words)
        pos = p


def _clean_unit(unit: str) -> str:
    return _SLASH_RE.sub("/", _SPACES_RE.sub(" ", unit)).strip(" .,;:")


def _comparator(before: str) -> str:
    m = COMPARATOR_TAIL_RE.search(before)
    if not m:
        return "="
    word = _SPACES_RE.sub(" ", m.group("cmp").lower())
    return COMPARATOR_WORDS.get(word, "=")


def _accept(text: str, value: _Value, c_start: int, kind: str, prev: _Value | None) -> bool:
    """Is this value a target rather than a qualifier or a label? (see module doc)."""
    head = value.unit_head
    before = text[max(c_start, value.start - PREFIX_WINDOW):value.start]
    if head in QUALIFIER_UNITS:
        return False
    if head == "tuổi" and "tuổi thọ" not in text[c_start:value.start].lower():
        return False  # 'trẻ em dưới 5 tuổi' qualifies the indicator
    if head == "%":
        return True
    if value.unit is None and value.value.is_integer() and YEAR_MIN <= value.value <= YEAR_MAX:
        return False  # a bare year
    if TRIGGER_TAIL_RE.search(before):
        return value.unit is not None or _has_verb_before(before)
    if prev is not None and _is_sibling(text, prev, value):
        return True
    return kind == "objectives" and head in MEASURE_HEADS


def _has_verb_before(before: str) -> bool:
    """A unitless value needs 'đạt'/'là'/':' right before it ('đạt 2,7 vào năm 2025')."""
    return re.search(r"(?:đạt|là|:)\s*$", before, re.I) is not None


def _is_sibling(text: str, prev: _Value, value: _Value) -> bool:
    between = YEAR_RE.sub(" ", text[prev.end:value.start])
    if any(ch.isdigit() for ch in between):
        return False
    return len(between.split()) <= SIBLING_MAX_WORDS and (value.unit is None) == (prev.unit is None)


def _is_past(text: str, value: _Value, c_start: int, horizon: int | None) -> bool:
    """'năm 2019 đạt 90%': a bare year before a result verb, earlier than the horizon."""
    if horizon is None or STRIVE_RE.search(text, c_start, value.start):
        return False
    return any(int(m.group("y")) < horizon for m in PAST_YEAR_RE.finditer(text, c_start, value.start))


# ---------------------------------------------------------------- indicator


def _indicator(text: str, value: _Value, c_start: int, c_end: int,
               prev: _Draft | None) -> tuple[str | None, tuple[int, int]]:
    """Indicator phrase and the target's span (indicator through value and trailing year)."""
    if value.zero_indicator is not None:
        return value.zero_indicator, (value.start, value.end)
    seg_start = max(prev.value.end, prev.span[1]) if prev is not None else c_start
    head = INDICATOR_HEAD_RE.match(text, seg_start, value.start)
    i_start = head.end() if head else seg_start
    cut = pre_cut = text.rfind("trong đó", i_start, value.start)
    if pre_cut != -1:  # '…, trong đó 75% đạt khá giỏi': the indicator starts after 'trong đó'
        i_start = cut + len("trong đó")
    pre = text[i_start:value.start]
    tail = INDICATOR_TAIL_RE.search(pre, max(0, len(pre) - TAIL_WINDOW))
    core = pre[: tail.start()] if tail else pre
    indicator = _clean_indicator(core)
    span_start, span_end = (i_start if indicator else value.start), _span_end(text, value, c_end)
    if indicator is None:
        post_end = _post_end(text, value.end, c_end)
        indicator = _clean_indicator(text[value.end:post_end])
        if indicator is not None:
            span_end = max(span_end, post_end)
    if indicator is None and prev is not None:
        indicator = prev.indicator
    while span_end > span_start and text[span_end - 1].isspace():
        span_end -= 1
    return indicator, (span_start, span_end)


def _clean_indicator(raw: str) -> str | None:
    cleaned = YEAR_RE.sub(" ", raw)
    cleaned = _SPACES_RE.sub(" ", cleaned)
    cleaned = INDICATOR_HEAD_RE.sub("", cleaned, count=1)
    tail = INDICATOR_TAIL_RE.search(cleaned, max(0, len(cleaned) - TAIL_WINDOW))
    cleaned = (cleaned[: tail.start()] if tail else cleaned).strip(" ,:;.-–(")
    if len(cleaned) < MIN_INDICATOR_CHARS:
        return None
    if len(cleaned) > MAX_INDICATOR_CHARS:
        cleaned = cleaned[:MAX_INDICATOR_CHARS].rsplit(" ", 1)[0]
    return cleaned


def _post_end(text: str, pos: int, c_end: int) -> int:
    """End of the words after a value that name its indicator ('100% xã đạt chuẩn …')."""
    m = VALUE_RE.search(text, pos, c_end)
    y = YEAR_RE.search(text, pos, c_end)  # a year phrase ends the indicator: '3,0 vào năm 2030'
    stop = min(m.start() if m else c_end, y.start() if y else c_end)
    cut = re.search(r"[.(]\s|\s+(?:và|trong\s+đó)\s+(?=\S*\s*\d)", text[pos:stop])
    return pos + cut.start() if cut else stop


def _span_end(text: str, value: _Value, c_end: int) -> int:
    m = YEAR_RE.match(text, value.end, c_end)
    if m is None:
        m = _SPACES_RE.match(text, value.end, c_end)
        m = YEAR_RE.match(text, m.end(), c_end) if m else None
    if m is not None and m.start() - value.end <= TRAILING_YEAR_GAP and not m.group("base"):
        return m.end()
    return value.end


def _to_target(text: str, draft: _Draft, number: int) -> Target:
    start, end = draft.span
    v = draft.value
    return Target(
        id=f"t{number}",
        text=text[start:end],
        section=draft.section.path if draft.section is not None else None,
        indicator=draft.indicator,
        value=v.value,
        value_max=v.value_max,
        unit=v.unit,
        comparator=v.comparator,  # type: ignore[arg-type]
        year=draft.year,
        yearly=draft.yearly,
        in_tasks=draft.section is not None and draft.section.kind == "tasks",
        span=(start, end),
    )
