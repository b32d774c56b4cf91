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
  step of a yearly path, a past result ("năm 2019 đạt 90%" before the horizon of the section),
  or a number the document sets or reports rather than sets out to reach (target_rules: "đã
  đạt", "ước đạt", "kinh phí", "nhu cầu vốn", "mức phụ cấp … bằng 2.340.000 đồng", "trường hợp …",
  "đạt từ 95 điểm", the "23" of "giảm từ 23 xuống 18"), nor in a section whose heading says so
  (target_segments: "Định mức …", "Xếp loại …", "Tình hình thực hiện …").

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
  and spaces around "/" removed. An unknown noun after a triggered value is kept as a unit of
  two words ("tập thể", "thành viên"), or with its rate ("ca sinh/1.000 phụ nữ"). A value without
  a unit word has unit None ("đạt 2,7 vào năm 2025"). A bare rate "500/100.000" takes the unit
  of its sibling ("550/100.000 trẻ em").
* **Indicator.** The words between the clause start (or the previous target) and the value, less
  list markers, "Phấn đấu", year phrases and trailing comparator words; when nothing is left
  ("100% xã đạt chuẩn …") the words after the unit; when still nothing, the previous target's
  indicator ("… đạt 2,7 vào năm 2025 và 3,0 vào năm 2030").
* **Yearly paths.** "(cụ thể: năm 2020 đạt 94,5%; …)" and "trong đó: năm 2020, phấn đấu 2,0 ha
  …" are zones: nothing in them is a target; their steps are split into runs (a run restarts when
  the year goes back) and attached to the targets of the paragraph before the zone, run *i* to
  target *i* when the counts agree, else the single run to the last target, only when units agree.
* **Numbers** follow :mod:`policykg.loaders.numbers` (dot + three digits = thousands). A count
  written in words ("Có ít nhất một cơ sở y tế … vào năm 2025") is read only in a paragraph that
  also holds a digit (its deadline, a list number): most paragraphs hold none and are dropped
  after one scan, and looking for the words in them too cost 2 % of the extractor's time.
  "không còn" (0) is looked for in every paragraph.
* **Numbers set or reported, not targets**: the rules of :mod:`~policykg.loaders.target_rules`
  (past results, estimates, budgets and needs, norms and entitlements, conditions, points,
  baselines) and the rule headings of :mod:`~policykg.loaders.target_segments` (a section of
  norms, scores, awards, decentralised thresholds or a review of the situation is not read).

The steps live in their own modules: :mod:`~policykg.loaders.target_segments` (paragraphs,
clauses, sections read, masked zones), :mod:`~policykg.loaders.target_values` (which numbers are
values, comparators), :mod:`~policykg.loaders.target_rules` (numbers a document sets or reports),
:mod:`~policykg.loaders.target_units`, :mod:`~policykg.loaders.target_years` (years, horizon,
yearly paths) and :mod:`~policykg.loaders.target_indicators`; this module walks the paragraphs
and assembles the targets.

The function is pure and deterministic. Regexes are compiled once; none nests unbounded
quantifiers, so the cost is linear in the text.

Example:
    >>> [(t.value, t.unit, t.comparator, t.year) for t in extract_targets(
    ...     "Thu nhập bình quân đầu người đạt trên 60 triệu đồng/người vào năm 2025.", [])]
    [(60.0, 'triệu đồng/người', '>', 2025)]
"""


from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import TypeAdapter

from policykg.loaders.caseless import LoweredSpan
from policykg.loaders.record import Target, YearValue
from policykg.loaders.sections import Section
from policykg.loaders.target_indicators import find_indicator
from policykg.loaders.target_segments import (
    SKIPPED_KINDS,
    SectionLocator,
    find_quoted_titles,
    find_zones,
    has_word_value,
    has_zero,
    split_clauses,
    split_paragraphs,
    split_sentences,
)
from policykg.loaders.target_rules import estimate_lead_in, screen_values
from policykg.loaders.target_tables import TableTarget, find_table_targets
from policykg.loaders.target_values import (
    Value,
    drop_labels,
    find_values,
    scan_numbers,
)
from policykg.loaders.target_years import (
    FOUR_DIGITS_RE,
    Horizon,
    attach_yearly,
    find_lead_in_years,
    find_year_phrases,
    is_past_result,
    pick_year,
)


#: A section kind (None: not read) and the section (None: none) of a stretch of text.
_Place = tuple[str | None, Section | None]
#: Validates a document's targets in one call: twice as fast as one ``Target(...)`` each.
_TARGET_LIST = TypeAdapter(list[Target])
#: ``[start, end)`` of a stretch of text.
_Range = tuple[int, int]
#: A sentence's year phrases (start, end, year) and lead-in years (offset, year).
_SentenceYears = tuple[list[tuple[int, int, int]], list[tuple[int, int]]]


@dataclass(slots=True)
class _Draft:
    """A target before its id: value, indicator, span, year, section and yearly path."""

    value: Value
    indicator: str | None
    span: tuple[int, int]
    year: int | None
    section: Section | None
    yearly: list[YearValue] = field(default_factory=list)

    @property
    def unit(self) -> str | None:
        """The value's unit (a yearly path attaches only when its units agree)."""
        return self.value.unit


class _Document:
    """What every paragraph of one document needs: the text, the sections read, the horizon."""

    __slots__ = ("text", "locator", "horizon")

    def __init__(self, text: str, sections: Sequence[Section]) -> None:
        self.text = text
        self.locator = SectionLocator(sections)
        #: The document's nearest deadline, scanned for on first use (few values need it).
        self.horizon = Horizon(text)


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
    doc = _Document(text, sections)
    drafts: list[_Draft] = []
    for p_start, p_end in doc.locator.read_ranges(split_paragraphs(text)):
        drafts += _paragraph_targets(doc, p_start, p_end)
    table_drafts = _table_drafts(doc, find_table_targets(text))
    if table_drafts:
        # A row of an indicator table is read by its columns only, not again as a sentence.
        rows = sorted({row for row, _ in table_drafts})
        drafts = [d for d in drafts if not _in_rows(d.value.start, rows)]
        drafts += [draft for _, draft in table_drafts]
    drafts.sort(key=lambda d: (d.span[0], d.value.start))
    return _TARGET_LIST.validate_python([_target_fields(text, d, i + 1)
                                         for i, d in enumerate(drafts)])


def _table_drafts(doc: _Document, found: list[TableTarget]) -> list[tuple[_Range, _Draft]]:
    """Drafts of the targets of indicator tables (``target_tables``), with their rows; none
    from a table under a heading whose numbers are no targets (norms, a review of the past)."""
    drafts = []
    for target in found:
        start, end = target.span
        kind, section = doc.locator.fixed(start, start + 1) or (None, None)
        if kind is None and section is not None and section.kind not in SKIPPED_KINDS:
            continue  # a rule heading holds the table
        value = Value(start, end, target.value, target.value_max, target.unit, target.comparator)
        yearly = [YearValue(year=y, value=v) for y, v in target.yearly]
        drafts.append((target.row, _Draft(value, target.indicator, (start, end), target.year,
                                          None if doc.locator.empty else section, yearly)))
    return drafts


def _in_rows(offset: int, rows: list[_Range]) -> bool:
    i = bisect_left(rows, (offset + 1,)) - 1
    return i >= 0 and rows[i][0] <= offset < rows[i][1]


# ---------------------------------------------------------------- paragraph


def _paragraph_targets(doc: _Document, p_start: int, p_end: int) -> list[_Draft]:
    """Targets of one paragraph, with yearly-path zones attached to their owners."""
    text = doc.text
    numbers, any_number = scan_numbers(text, p_start, p_end)
    if any_number:
        wordy = has_word_value(text, p_start, p_end)
    elif has_zero(text, p_start, p_end):
        wordy = True  # "không còn" is the one value a paragraph without a digit is read for
    else:
        return []  # no digit: most paragraphs
    if not numbers and not wordy:
        return []  # list markers and dates only
    numbers = drop_labels(text, numbers, p_start)
    if not numbers and not wordy:
        return []  # labels only ("1. Mục tiêu", "năm 2025"): most paragraphs with a digit
    span = LoweredSpan(text, p_start, p_end)
    # Every year phrase, yearly path and past year holds four digits in a row: in a paragraph
    # without them (those of three targets in five) none is looked for, here or per target.
    yearless = FOUR_DIGITS_RE.search(text, p_start, p_end) is None
    zones = [] if yearless else find_zones(text, p_start, p_end, span)
    masks = zones + find_quoted_titles(text, p_start, p_end, span)
    fixed = doc.locator.fixed(p_start, p_end)  # one section for the whole paragraph, usually
    drafts: list[_Draft] = []
    years: _SentenceYears = [], []
    years_of = -1  # the start of the sentence ``years`` belongs to
    for (s_start, s_end), (c_start, c_end), own in _number_clauses(text, p_start, p_end,
                                                                   numbers, wordy):
        values = _clause_values(doc, span, (c_start, c_end), masks, fixed, own, wordy, p_end)
        if not values:
            continue
        if c_start != s_start and estimate_lead_in(text, s_start, c_start):
            continue  # 'Ước thực hiện năm 2025: …; thu ngân sách 27.535 tỷ đồng': estimates
        if years_of != s_start and not yearless:  # for the sentences that hold a value only
            phrases = find_year_phrases(text, s_start, s_end, span)
            years = phrases, find_lead_in_years(text, s_start, s_end, phrases)
            years_of = s_start
        drafts += _clause_targets(doc, span, values, (c_start, c_end), years, fixed, yearless)
    _attach_zones(text, zones, drafts)
    return drafts


def _attach_zones(text: str, zones: list[_Range], drafts: list[_Draft]) -> None:
    """Attach every yearly-path zone to the targets (in text order) after the previous zone and
    up to it (``attach_yearly``)."""
    i = 0
    for zone in zones:
        j = i
        while j < len(drafts) and drafts[j].value.start <= zone[0]:
            j += 1
        attach_yearly(text, zone, drafts[i:j])
        i = j


def _number_clauses(text: str, p_start: int, p_end: int, numbers: list[re.Match[str]],
                    wordy: bool) -> Iterator[tuple[_Range, _Range, list[re.Match[str]]]]:
    """(sentence, clause, the clause's numbers) for the clauses of a paragraph that hold one of
    ``numbers`` or, when ``wordy``, a value without a digit ("không còn", "ít nhất một"); the
    others can hold no value."""
    starts = [m.start() for m in numbers]
    i = 0
    for s_start, s_end in split_sentences(text, p_start, p_end):
        if bisect_left(starts, s_end, i) == i and not (
                wordy and has_word_value(text, s_start, s_end)):
            continue  # neither a number nor a value in words
        for c_start, c_end in split_clauses(text, s_start, s_end):
            j = bisect_left(starts, c_end, i)  # no number starts at a ";" between clauses
            if j > i or (wordy and has_word_value(text, c_start, c_end)):
                yield (s_start, s_end), (c_start, c_end), numbers[i:j]
            i = j


def _clause_values(doc: _Document, span: LoweredSpan, clause: _Range,
                   masks: list[tuple[int, int]], fixed: _Place | None,
                   numbers: list[re.Match[str]], wordy: bool, p_end: int) -> list[Value]:
    """Values of a clause (';'-delimited) in a section read, less those the rules of
    :mod:`~policykg.loaders.target_rules` say are no targets.

    ``fixed`` is the paragraph's (kind, section) when one section holds it all; ``numbers`` the
    clause's candidates (``find_numbers`` then ``drop_labels``); ``wordy`` whether the paragraph
    may hold a value without a digit; ``p_end`` the end of the paragraph ``numbers`` were
    scanned in.
    """
    c_start, c_end = clause
    kind = fixed[0] if fixed is not None else doc.locator.kind(c_start)
    if kind is None:
        return []
    # Values first: most clauses read hold none, and need no look at the rules' words.
    text = doc.text
    values = find_values(text, span, c_start, c_end, masks, kind, numbers, wordy, p_end)
    if not values:
        return []
    return screen_values(text, span, values, c_start, c_end)


def _clause_targets(doc: _Document, span: LoweredSpan, values: list[Value], clause: _Range,
                    years: _SentenceYears, fixed: _Place | None,
                    yearless: bool) -> list[_Draft]:
    """Targets of the values of one clause, in order; ``years`` are the sentence's year phrases,
    none looked for when the paragraph is ``yearless`` (holds no four digits in a row)."""
    text, locator = doc.text, doc.locator
    c_start, c_end = clause
    phrases, carry = years
    drafts: list[_Draft] = []
    for value in values:
        if fixed is not None:
            kind, section = fixed
        else:
            kind = locator.kind(value.start)
            section = None if locator.empty else locator.at(value.start)
        if kind is None:
            continue
        year = None if yearless else pick_year(text, value.start, value.end, c_start, c_end,
                                               phrases, carry)
        if year is None and section is not None:
            year = section.year
        if not yearless and is_past_result(text, value.start, c_start, doc.horizon.is_after,
                                           span):
            continue
        prev = drafts[-1] if drafts else None
        seg_start = max(prev.value.end, prev.span[1]) if prev is not None else c_start
        indicator, t_span = find_indicator(text, span, value, c_start, c_end, seg_start,
                                           prev.indicator if prev is not None else None,
                                           yearless)
        if prev is not None and value.unit_head == "/":
            if (prev.value.unit or "").startswith(value.unit or "~"):
                value.unit = prev.value.unit  # '550/100.000 trẻ em … và 500/100.000'
                value.unit_head = prev.value.unit_head
        drafts.append(_Draft(value, indicator, t_span, year, section))
    return drafts


def _target_fields(text: str, draft: _Draft, number: int) -> dict[str, Any]:
    """The fields of the Target of a draft, numbered ``t<number>``."""
    start, end = draft.span
    v = draft.value
    return {
        "id": f"t{number}",
        "text": text[start:end],
        "section": draft.section.path if draft.section is not None else None,
        "indicator": draft.indicator,
        "value": v.value,
        "value_max": v.value_max,
        "unit": v.unit,
        "comparator": v.comparator,
        "year": draft.year,
        "yearly": draft.yearly,
        "in_tasks": draft.section is not None and draft.section.kind == "tasks",
        "span": (start, end),
    }
