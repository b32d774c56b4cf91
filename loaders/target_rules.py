"""Numbers a document sets or reports rather than sets out to reach, and how to tell them apart.

A Vietnamese plan states a target with a verb of reaching ("đạt", "phấn đấu", "tăng lên",
"giảm xuống còn") in its objectives or tasks; regulations, budgets and reviews use the same
numbers and units for other things. Each rule below is one of Vietnamese administrative writing:

* **Past results** ("đã đạt", "đạt được", "so với cùng kỳ", "thực hiện được") report what was
  done, not what is to be done.
* **Estimates** of the running year's result ("ước đạt", "ước thực hiện cả năm", "ước vượt")
  report too, unless the clause strives for them first ("phấn đấu đón 11,1 triệu lượt khách …
  với tổng thu ước đạt khoảng 4,5 nghìn tỷ đồng"): a plan may estimate what its target brings.
  A strive after the estimate starts the plan ("Năm 2025 ước đạt 95%, phấn đấu năm 2026 đạt
  97%": 97 only). An estimate opening a sentence's lead-in ("Ước thực hiện năm 2025: GRDP tăng
  8%; thu ngân sách 27.535 tỷ đồng; …") covers the ";"-clauses after it (see
  estimate_lead_in), as a deadline lead-in does.
* **Forecasts** ("dự báo tốc độ tăng trưởng GRDP … khoảng 10 - 10,5%/năm") say what is
  expected to happen, not what the document sets out to do: the numbers after the verb "dự
  báo" are no targets ("công tác dự báo", "năng lực dự báo" name an activity, not a forecast).
  (A plan's "dự kiến đạt" is kept: it is the plan's own expected result.)
* **Worked formulas** ("A = (8.857.500 x 500.000)/ 1.300.081 = 43.719 người (làm tròn 44.000
  người)") show a computation a rule applies; a clause holding one states no target.
* **Budgets and resources** ("kinh phí", "tổng vốn", "phân bổ", "nhu cầu vốn", "nhu cầu sử dụng
  đất", a clause opening with its source of funds: "Ngân sách trung ương: … 75%-80%", "Vốn
  ngoài ngân sách … dự kiến 10%-15%") are spending, not results; "thu ngân sách" (revenue) is a
  result and stays a target.
* **Norms and entitlements** the document sets: the numbers after their words in a clause
  ("mức phụ cấp … bằng 2.340.000 đồng", "mức chi hỗ trợ", "tài sản có nguyên giá dưới 01 tỷ
  đồng", "xét tặng …", "thang điểm") are levels granted or thresholds of a regulation, not
  levels a plan sets out to reach. ("định mức" alone is not one: a plan's target may follow
  norms, "… mô hình thí điểm … phù hợp theo tiêu chuẩn, định mức"; a section of norms is known
  by its heading, see target_segments.)
* **Conditions** say when a rule applies: the numbers after "Trường hợp …" (opening a clause,
  or "trong / đối với trường hợp") and "nếu …" are thresholds. A clause that permits changing a
  target ("… thấp dưới 30% có thể điều chỉnh mục tiêu") states none: its numbers say when the
  change is allowed.
* **Points** ("tối đa 03 điểm", "đạt từ 95 điểm trở lên", "được 10 điểm") are an evaluation's
  scores: a clause that scores holds no target, unless it names an index ("Chỉ số PCI đạt 70
  điểm"). "50 điểm trường", "10 điểm du lịch" count places, not points.
* **Baselines**: in "giảm từ 23 … xuống 18", "tăng từ 60% lên 80%", the number after "từ" is
  the starting level and only the one after "xuống"/"lên" a target.
* **Per-period counts inside a share**: in "100% xã … mỗi quý có ít nhất 04 tin, bài", the count
  right after "mỗi <period> (có) (ít nhất)" says what each member of the share does in a period;
  it belongs to the share's indicator (alone, "Mỗi năm có ít nhất 150 sản phẩm …", it is one).

The clause-wide word rules are one case-insensitive scan (NO_TARGET_RE, with a fast twin on
lowered text); the value rules look only at the clause's values and the words right before them.

Example:
    >>> SETS_RE.search("Mức phụ cấp hàng tháng bằng 2.340.000 đồng") is not None
    True
    >>> is_estimate("GRDP bình quân đầu người ước đạt 80 triệu đồng", 0, 47)
    True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from policykg.loaders.caseless import Caseless, LoweredSpan

if TYPE_CHECKING:
    from policykg.loaders.target_values import Value

#: Characters before a value searched for a baseline's "từ" or a period's "mỗi quý có ít nhất".
RULE_WINDOW = 40

#: Lowercase words of a past result, each branch opening with a letter (CPython skips to them);
#: "\b" of "đã" as a lookbehind after its "đ".
_PAST_FAST = (r"đ(?:(?<!\wđ)ã\s+(?:đạt|có|giảm|tăng|hoàn\s+thành|thực\s+hiện)|ạt\s+được)"
              r"|cùng\s+kỳ|thực\s+hiện\s+được")
#: A past result or a situation review, not a target.
_PAST_PATTERN = (
    r"(?=[đcĐCt])(?:\bđã\s+(?:đạt|có|giảm|tăng|hoàn\s+thành|thực\s+hiện)|đạt\s+được|cùng\s+kỳ"
    r"|thực\s+hiện\s+được)"
)
PAST_RE = Caseless(_PAST_PATTERN, fast=f"(?:{_PAST_FAST})")

#: Where a clause starts: after a list mark, a bracket, a stop or a line break, and a space. The
#: sources of funds and "trường hợp" are read there only (see _BUDGET_WORDS, _SETS_WORDS).
_MARKS = r"[;:.)\-–+•*(\n]"
_START = rf"(?:(?<={_MARKS})|(?<={_MARKS}\s))"

#: Words of a budget, an allocation or a need for resources, and a source of funds opening a
#: clause (written for re.X). Spending and the means of a plan are not the results it aims at;
#: "thu ngân sách" (revenue) is a result, and inside a clause a source of funds may be what a
#: target is financed by ("100% xã được hỗ trợ từ ngân sách trung ương …"), so a source counts
#: only where it opens a clause and lists a share of the funding.
_BUDGET_WORDS = rf"""
    kinh\s+phí|tổng\s+vốn|tiết\s+kiệm\s+chi|quỹ\s+đất|tổng\s+mức\s+đầu\s+tư   # budgets, allocations
  | bố\s+trí\s+(?:vốn|nguồn|kinh|ngân\s+sách)|phân\s+bổ                       # allocating funds
  | nhu\s+cầu\s+(?:vốn|kinh\s+phí|sử\s+dụng\s+đất|đất)                        # needs for resources
  | {_START}(?:ngân\s+sách\s+(?:trung\s+ương|địa\s+phương)                    # a source of funds
              |vốn\s+ngoài\s+ngân\s+sách)                                      # opening a clause
"""
_BUDGET_PATTERN = rf"(?=[ktqbpnvKTQBPNV])(?:{_BUDGET_WORDS})"
BUDGET_RE = Caseless(_BUDGET_PATTERN, re.X, fast=f"(?:{_BUDGET_WORDS})")

#: Norms, entitlements, book values, awards and score scales the document sets, and the
#: conditions of a rule (written for re.X): the numbers after them in a clause are what they
#: set, a level granted or a threshold, not a level to reach. "trường hợp" is a condition
#: opening a clause or after "trong" / "đối với"; elsewhere it counts cases ("Tỷ lệ trường hợp
#: … được xử lý đạt 95%").
_SETS_WORDS = rf"""
    mức\s+(?:phụ\s+cấp|trợ\s+cấp|hỗ\s+trợ|chi|bồi\s+dưỡng|thù\s+lao|khoán
           |lương|thưởng)\b                                    # a level of pay or support
  | nguyên\s+giá|giá\s+trị\s+đánh\s+giá\s+lại                  # an asset's book or revalued value
  | xét\s+(?:tặng|khen)|thang\s+điểm                           # awards, score scales
  | n(?<!\wn)ếu\b                                              # "nếu": a condition
  | (?:trong|đối\s+với)\s+trường\s+hợp|{_START}trường\s+hợp    # "trường hợp": a condition
"""
SETS_RE = Caseless(rf"(?=[mngxtđMNGXTĐ])(?:{_SETS_WORDS})", re.X, fast=f"(?:{_SETS_WORDS})")

#: A permission to change a target ("… thấp dưới 30% có thể điều chỉnh mục tiêu"): the numbers
#: of a clause that allows a change say when it is allowed, not what is to be reached.
_PERMISSION_WORDS = r"có\s+thể\s+điều\s+chỉnh"
_PERMISSION_PATTERN = rf"(?=[cC])(?:{_PERMISSION_WORDS})"

#: A clause holding a past result, a budget or a permission states no target.
NO_TARGET_RE = Caseless(
    f"{_PAST_PATTERN}|{_BUDGET_PATTERN}|{_PERMISSION_PATTERN}", re.X,
    fast=f"(?:{_PAST_FAST}|{_BUDGET_WORDS}|{_PERMISSION_WORDS})",
)


def _opened(word: str) -> str:
    """_START checked behind a ``word`` just matched (the fast twin's branches).

    Checked after the word, not before it: CPython stops at every "n", "t" or "v" of a clause,
    and a literal that fails there costs less than the two look-behinds it would try first.
    """
    return rf"(?:(?<={_MARKS}{word})|(?<={_MARKS}\s{word}))"


#: RULE_WORDS_RE's fast twin: the words above grouped by their first letter, so that CPython tries
#: one branch, not all of them, at each letter it stops at (no named groups either, which would
#: halve its speed: which kind of word matched is asked of SETS_RE, at the few matches). The
#: look-behinds of a word's start ("\b" of "đã", _START) follow its letters, which mostly fail first.
_RULE_WORDS_FAST = rf"""(?:
    đ(?:ã(?<!\wđã)\s+(?:đạt|có|giảm|tăng|hoàn\s+thành|thực\s+hiện)|ạt\s+được|ối\s+với\s+trường\s+hợp)
  | c(?:ùng\s+kỳ|ó\s+thể\s+điều\s+chỉnh)
  | t(?:hực\s+hiện\s+được|ổng\s+(?:vốn|mức\s+đầu\s+tư)|iết\s+kiệm\s+chi|hang\s+điểm
      |rong\s+trường\s+hợp|rường{_opened("trường")}\s+hợp)
  | kinh\s+phí|quỹ\s+đất|bố\s+trí\s+(?:vốn|nguồn|kinh|ngân\s+sách)|phân\s+bổ
  | n(?:hu\s+cầu\s+(?:vốn|kinh\s+phí|sử\s+dụng\s+đất|đất)|guyên\s+giá|ếu(?<!\wnếu)\b
      |gân{_opened("ngân")}\s+sách\s+(?:trung\s+ương|địa\s+phương))
  | vốn{_opened("vốn")}\s+ngoài\s+ngân\s+sách
  | mức\s+(?:phụ\s+cấp|trợ\s+cấp|hỗ\s+trợ|chi|bồi\s+dưỡng|thù\s+lao|khoán|lương|thưởng)\b
  | giá\s+trị\s+đánh\s+giá\s+lại|xét\s+(?:tặng|khen))"""
#: NO_TARGET_RE and SETS_RE in one scan of a clause.
RULE_WORDS_RE = Caseless(f"{NO_TARGET_RE.pattern}|{SETS_RE.pattern}", re.X, fast=_RULE_WORDS_FAST)

#: An estimate of the running year's result ("ước đạt", "Ước thực hiện cả năm", typo "Uớc"),
#: found from its literal "ớc" (CPython skips to it), the rest of the word checked behind it.
ESTIMATE_RE = re.compile(
    r"""ớc(?<=[ưuƯU]ớc)(?<!\w[ưuƯU]ớc)                     # 'ước' as a word, not 'nước'
        \s+(?:đạt|thực\s+hiện|tính|cả\s+năm|vượt|tăng|giảm|khoảng)  # what is estimated""",
    re.X)
#: "Phấn đấu" and its frequent typos: a clause that strives states a target.
_STRIVE_RE = re.compile(r"ph[aâấ]n\s+đ[aấầ]u", re.I)
#: The end of a sentence's lead-in: the estimate of a lead-in before it covers the sentence.
LEAD_IN_END = ":"
#: The verb "dự báo" (forecast), not the activity a noun before it names ("công tác dự báo",
#: "năng lực dự báo, cảnh báo"): the numbers after it are expected, not aimed at.
FORECAST_RE = re.compile(
    r"""(?<!công\stác\s)(?<!năng\slực\s)(?<!hệ\sthống\s)(?<!chất\slượng\s)(?<!khả\snăng\s)
        (?<!\w)dự\s+báo\b                                       # the verb
        (?!\s*(?:,|và|cảnh\s+báo|thị\s+trường))                 # a noun in a list of activities""",
    re.X | re.I)
#: A literal part of every FORECAST_RE match on lowercase text ("báo"); "Dự báo" opens a clause.
FORECAST_KEYS = ("dự báo", "Dự báo", "DỰ BÁO")
#: A worked formula: an arithmetic operator between numbers, then "=" and a result ("(3.359 x
#: 2.000)/331.338 = 20 km2").
FORMULA_RE = re.compile(
    r"""\d\)?\s*[x×*/]\s*\(?\d[\d.,]*\)?   # a number, an operator, a number
        [^=;\n]{0,40}=\s*\d                      # … equals a result""",
    re.X)
#: A literal part of every FORMULA_RE match.
FORMULA_KEY = "="
#: A literal part of every ESTIMATE_RE match ("ớc"), to skip the scan of most clauses.
ESTIMATE_KEY = "ớc"

#: The unit head of a score.
POINTS_HEAD = "điểm"
#: Words that make a score a target: a named index ("Chỉ số PCI đạt 70 điểm").
INDEX_RE = re.compile(r"chỉ\s+số|xếp\s+hạng|\b(?:PCI|PAPI|PAR|SIPAS|DTI|ICT|GII)\b", re.I)

#: The word before a starting level: "giảm từ 23", "tăng tỷ lệ che phủ rừng từ 40%" (a change
#: from one level to another, as BASELINE_TO_RE then says; "từ 10 đến 11" is a range).
BASELINE_FROM_RE = re.compile(
    r"(?<!\w)(?:(?:giảm|tăng|hạ|nâng)\s+)?từ\s*$",   # the verb right before it ends the indicator
    re.I)
#: The words before the level reached after a starting level: "xuống 18", "lên còn 80%".
BASELINE_TO_RE = re.compile(r"(?:xuống|lên)\s*(?:còn|đến|tới|mức)?\s*$", re.I)
#: Literal parts of every BASELINE_FROM_RE match ("từ", within BASELINE_NEAR characters before
#: the value) and PER_PERIOD_RE match ("mỗi", "Mỗi"): most values are refused without a search.
BASELINE_KEY, PER_PERIOD_KEY = "ừ", "ỗi"
BASELINE_NEAR = 6
#: A count per period right before a value: "mỗi quý có ít nhất 04", "mỗi năm 02".
PER_PERIOD_RE = re.compile(
    r"mỗi\s+(?:năm|quý|tháng|tuần|kỳ|học\s+kỳ)\s+(?:có\s+)?(?:ít\s+nhất|tối\s+thiểu|từ)?\s*$",
    re.I)


def is_estimate(text: str, start: int, end: int) -> bool:
    """Does the clause ``text[start:end]`` report an estimated result without striving for it?

    Example:
        >>> clause = "phấn đấu đón 11,1 triệu lượt khách với tổng thu ước đạt 4,5 nghìn tỷ đồng"
        >>> is_estimate(clause, 0, len(clause))
        False
    """
    return estimate_end(text, start, end) == end


def estimate_end(text: str, start: int, end: int) -> int:
    """Where the estimate of the clause ``[start, end)`` stops covering its values: ``start``
    when there is none or the clause strives first, the first "phấn đấu" after the estimate,
    else ``end``.

    Example:
        >>> clause = "Năm 2025 ước đạt 95%, phấn đấu năm 2026 đạt 97%"
        >>> estimate_end(clause, 0, len(clause)) == clause.index("phấn")
        True
    """
    if text.find(ESTIMATE_KEY, start, end) == -1:
        return start  # most clauses: no "ớc" at all
    estimate = ESTIMATE_RE.search(text, start, end)
    if estimate is None:
        return start
    strive = _STRIVE_RE.search(text, start, end)
    if strive is None:
        return end
    if strive.start() < estimate.start():
        return start  # 'phấn đấu đón … với tổng thu ước đạt …': what the target brings
    return strive.start()


def estimate_lead_in(text: str, s_start: int, s_end: int) -> bool:
    """Does the sentence ``[s_start, s_end)`` open with an estimate's lead-in ("Ước thực hiện
    năm 2025: …"), so that all its clauses report estimates?

    Example:
        >>> estimate_lead_in("Ước thực hiện năm 2025: GRDP tăng 8%; thu 27.535 tỷ đồng", 0, 56)
        True
    """
    colon = text.find(LEAD_IN_END, s_start, s_end)
    if colon == -1 or text.find(";", s_start, colon) != -1:
        return False
    return estimate_end(text, s_start, colon) == colon


def find_forecast_cut(text: str, start: int, end: int) -> int:
    """Where the values of the clause ``[start, end)`` stop being targets for a forecast or a
    worked formula: ``start`` for a formula, the verb "dự báo", else ``end``.

    Example:
        >>> clause = "dự báo tốc độ tăng trưởng GRDP giai đoạn 2026 - 2030 khoảng 10 - 10,5%/năm"
        >>> find_forecast_cut(clause, 0, len(clause))
        0
    """
    if text.find(FORMULA_KEY, start, end) != -1 and FORMULA_RE.search(text, start, end):
        return start
    lower, sentence, upper = FORECAST_KEYS  # finds in a chain: no generator for every clause
    if (text.find(lower, start, end) != -1 or text.find(sentence, start, end) != -1
            or text.find(upper, start, end) != -1):
        forecast = FORECAST_RE.search(text, start, end)
        if forecast is not None:
            return forecast.start()
    return end


def screen_values(text: str, span: LoweredSpan, values: list[Value], start: int,
                  end: int) -> list[Value]:
    """The ``values`` of the clause ``[start, end)`` that the rules above leave as targets.

    Example:
        >>> from policykg.loaders.target_values import Value
        >>> text = "Thu ngân sách tăng 12% so với cùng kỳ"
        >>> screen_values(text, LoweredSpan(text, 0, 37), [Value(19, 22, 12.0, None, "%", "=")], 0, 37)
        []
    """
    cut = rule_cut(span, start, end)
    if cut == start:
        return []  # a past result, a budget or a permission
    cut = min(cut, find_forecast_cut(text, start, end))
    if cut == start:
        return []
    if text.find(ESTIMATE_KEY, start, end) != -1:
        estimated = estimate_end(text, start, end)
        values = [v for v in values if v.start >= estimated]  # 'ước đạt 95%, phấn đấu … 97%'
        if not values:
            return []
    if scores_points(text, values, start, end):
        return []
    if cut < end:  # a norm or a condition sets the values after it
        values = [v for v in values if v.start < cut]
    return drop_qualified(text, values, start) if len(values) > 1 else values


def rule_cut(span: LoweredSpan, start: int, end: int) -> int:
    """Where the values of the clause ``[start, end)`` stop being targets (RULE_WORDS_RE).

    ``start`` when the clause states none (a past result, a budget, a permission), the first
    norm or condition word when the values after it are set by it, else ``end``.

    Example:
        >>> text = "Mức phụ cấp hàng tháng bằng 2.340.000 đồng"
        >>> rule_cut(LoweredSpan(text, 0, 42), 0, 42), rule_cut(LoweredSpan(text, 0, 42), 12, 42)
        (0, 42)
    """
    if span.low is not None:
        offset, scanned, sets = span.base, span.low, SETS_RE.fast
        matches = RULE_WORDS_RE.fast.finditer(scanned, start - offset, end - offset)
    else:
        offset, scanned, sets = 0, span.text, SETS_RE.caseless
        matches = RULE_WORDS_RE.caseless.finditer(scanned, start, end)
    cut = end
    for m in matches:
        if sets.match(scanned, m.start(), m.end()) is None:
            return start  # a past result, a budget or a permission
        cut = min(cut, m.start() + offset)
    return cut


def scores_points(text: str, values: Sequence[Value], start: int, end: int) -> bool:
    """Does the clause score points ("được 10 điểm", "tối đa 03 điểm") without naming an index?

    Example:
        >>> from policykg.loaders.target_values import Value
        >>> points = Value(27, 35, 10.0, None, "điểm", "=", "điểm")
        >>> scores_points("Đến 500.000 người được 10 điểm", [points], 0, 30)
        True
    """
    for value in values:
        if value.unit_head == POINTS_HEAD and _is_score(value.unit):
            return INDEX_RE.search(text, start, end) is None
    return False


def _is_score(unit: str | None) -> bool:
    """Is a unit headed by "điểm" a score ("điểm", "điểm/trường"), not a place ("điểm trường")?"""
    return unit is not None and (unit == POINTS_HEAD or unit.startswith(POINTS_HEAD + "/"))


def drop_qualified(text: str, values: list[Value], start: int) -> list[Value]:
    """``values`` of a clause less starting levels and per-period counts inside a share.

    Example:
        >>> from policykg.loaders.target_values import Value
        >>> text = "giảm từ 23 ca sinh xuống 18 ca sinh"
        >>> values = [Value(8, 18, 23.0, None, "ca sinh", ">="), Value(25, 35, 18.0, None, "ca sinh", "=")]
        >>> [v.value for v in drop_qualified(text, values, 0)]
        [18.0]
    """
    if len(values) < 2:
        return values
    out = []
    last = len(values) - 1
    for i, value in enumerate(values):
        v_start = value.start
        near = v_start - BASELINE_NEAR
        if (i < last and text.find(BASELINE_KEY, near if near > start else start, v_start) != -1
                and _drop_baseline(text, value, values[i + 1], max(start, v_start - RULE_WINDOW))):
            continue  # 'giảm từ 23 … xuống 18': 23 is where it starts
        if i > 0 and values[i - 1].unit_head == "%":
            window = max(start, v_start - RULE_WINDOW)
            if (text.find(PER_PERIOD_KEY, window, v_start) != -1
                    and PER_PERIOD_RE.search(text, window, v_start)):
                continue  # '100% xã … mỗi quý có ít nhất 04 tin': what each member does
        out.append(value)
    return out


def _drop_baseline(text: str, value: Value, following: Value, window: int) -> bool:
    """Is ``value`` the starting level of ``following`` ('giảm từ 23 … xuống 18')? If so, the
    indicator of ``following`` is made to end before the verb."""
    baseline = BASELINE_FROM_RE.search(text, window, value.start)
    if baseline is None or BASELINE_TO_RE.search(text, value.end, following.start) is None:
        return False
    following.indicator_end = baseline.start()
    return True
