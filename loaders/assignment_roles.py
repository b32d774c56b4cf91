"""Who is assigned in a sentence: leads, supporters and agencies requested.

* ``X chủ trì, phối hợp với Y, Z …``           -> X lead, Y and Z support;
* ``Giao X …`` / ``X có trách nhiệm …`` / ``Yêu cầu X …`` / ``X: Chủ trì …`` -> X lead;
* a list item or heading that names only agencies (``2.12. UBND các xã, thị trấn:``) -> X lead;
* ``Đề nghị X …``                               -> X requested;
* ``phối hợp (chặt chẽ) với Y`` anywhere         -> Y support;
* labelled forms ``Cơ quan chủ trì: X`` / ``Đơn vị phối hợp: Y``.

The subject of a sentence ends at the first lowercase task verb or a colon; a conditional
sentence ("nếu có vướng mắc, các đơn vị … phản ánh") states a reporting rule, so no lead is
read after its "nếu".

Example:
    >>> text = "Sở Y tế chủ trì, phối hợp với Sở Tài chính thực hiện."
    >>> [(text[s:e], role) for s, e, role, _ in find_sentence_roles(text, 0, len(text))]
    [('Sở Y tế', 'lead'), ('Sở Tài chính', 'support')]
"""

from __future__ import annotations

import re

from policykg.loaders.agency_lists import BARE_FIRST_RE, split_agency_list
from policykg.loaders.assignment_coordination import (
    coordinated_by_owner,
    directs_another,
    opens_with_coordination,
)
from policykg.loaders.assignment_patterns import (
    BOUNDARY_RE,
    CONDITIONAL_KEY,
    CONDITIONAL_RE,
    COORDINATE_KEY,
    COORDINATE_RE,
    EXECUTION_KEY,
    EXECUTION_RE,
    LABELLED_KEYS,
    LABELLED_RE,
    ORDER_KEYS,
    REQUEST_KEYS,
    RESPONSIBILITY_RE,
    ROLE_LABEL_FIRST,
    ROLE_LABEL_RE,
    SUPPORT_END_RE,
    match_intro,
    match_subject_start,
    not_in_subject,
    trigger_matches,
)
from policykg.loaders.assignment_units import Unit
from policykg.loaders.caseless import LoweredSpan

#: The role of a subject position after a role label (ROLE_LABEL_RE): a lead, whose list may
#: have no verb after it.
LABEL_LEAD = "label-lead"
#: How a wrapped unit ends when it is a sentence, not a heading ("1. Viện Văn hóa, Nghệ thuật,\n
#: Thể thao và Du lịch Việt Nam" is a heading wrapped at a comma; a colon ends a heading).
_WRAP_ENDS = (".", ";", "!", "?", ",")
#: "Đề nghị" opening a heading that names the bodies asked ("9. Đề nghị Ủy ban Mặt trận …").
REQUEST_HEADING_RE = re.compile(r"Đề\s+nghị\s+")
#: Roles whose agency owns a task, so that the bodies it works with ("phối hợp với") support it.
_OWNING_ROLES = ("lead", "requested")
#: What may close a heading's line after its agency list: spaces, markdown marks, a colon.
HEADING_TRAIL = " \t\r\n*_:"
#: Longest agency list read as a subject (characters); longer means we lost the boundary.
MAX_SUBJECT_CHARS = 220
#: How far into a sentence an introductory phrase may run before its subject.
MAX_INTRO_CHARS = 320



def may_trigger(words: str) -> bool:
    """Can the lowercase ``words`` hold a trigger ("Giao", "Yêu cầu", "Đề nghị")? Each match holds
    "giao" or "yêu", or both "đề" and "nghị": "đề" alone is "đề xuất", "vấn đề", "đề án".

    Example:
        >>> may_trigger("đề xuất giải pháp"), may_trigger("đề  nghị ủy ban mttq")
        (False, True)
    """
    if has_key(words, ORDER_KEYS):
        return True
    return REQUEST_KEYS[0] in words and REQUEST_KEYS[1] in words


def has_key(words: str, keys: tuple[str, ...]) -> bool:
    """Whether one of ``keys`` occurs in ``words`` (a loop: faster than any() on a generator)."""
    for key in keys:
        if key in words:
            return True
    return False


def _conditional_cut(text: str, start: int, end: int, words: str | None) -> int:
    """Where leads stop being read: at a conditional "nếu" (a reporting rule follows), else
    ``end``. ``words`` is the lowercase sentence, or None to search in any case."""
    if words is None or CONDITIONAL_KEY in words:
        conditional = CONDITIONAL_RE.search(text, start, end)
        if conditional:
            return conditional.start()
    return end


def find_sentence_roles(text: str, start: int, end: int, low: LoweredSpan | None = None,
                        owner: str | None = None) -> list[tuple[int, int, str, int]]:
    """(agency start, end, role, predicate start) for one sentence.

    ``low``, the lowercased stretch holding the sentence, lets the patterns that scan the whole
    sentence run only where their words occur (``*_KEY*`` in assignment_patterns). ``owner`` is
    the role of the agency heading the sentence stands under, if any: "phối hợp với Y" gives Y
    a support role only when the sentence's subject or that heading owns the task
    (:mod:`~policykg.loaders.assignment_coordination`).

    Example:
        >>> text = "Giao Phòng Nội vụ chủ trì, phối hợp với Phòng Tài chính."
        >>> [(text[s:e], role) for s, e, role, _ in find_sentence_roles(text, 0, len(text))]
        [('Phòng Nội vụ', 'lead'), ('Phòng Tài chính', 'support')]
    """
    words = low.lower_slice(start, end) if low is not None else None
    scan = words is None  # no lowercase copy: scan with every pattern
    if (scan or EXECUTION_KEY in words) and EXECUTION_RE.search(text, start, end):
        return []  # an execution clause, read over its paragraph by execution_roles
    cut = _conditional_cut(text, start, end, words)  # no lead read after "nếu"
    triggered = scan or may_trigger(words)
    out: list[tuple[int, int, str, int]] = []
    covered: list[tuple[int, int]] = []
    not_owned = start  # before it, "phối hợp với Y" is a labelled supporter's own task
    for group in _subject_positions(text, start, cut, triggered, low):
        for pos, role in group:
            if covered and _is_covered(pos, covered):
                continue
            parsed = _subject(text, pos, end, low)
            if parsed is None and role == LABEL_LEAD:
                parsed = _label_list(text, pos, end, low)
            if parsed is None:
                continue
            role = "lead" if role == LABEL_LEAD else role
            agencies, predicate = parsed
            covered.append((pos, predicate))
            if role == "lead" and _supports_by_label(text, pos, predicate, end):
                out += _label_support_roles(text, agencies, predicate, end)
                not_owned = max(not_owned, _clause_end(text, predicate, end))
            else:
                out += [(s, e, role, predicate) for s, e in agencies]
            break  # one subject per group: later commas of an intro are inside it
    if text.find(":", start, end) != -1 and (scan or has_key(words, LABELLED_KEYS)):
        for match in LABELLED_RE.finditer(text, start, end):
            stop = SUPPORT_END_RE.search(text, match.end(), end)
            list_end = stop.start() if stop else end
            role = "lead" if match.group("lead") else "support"
            if match_subject_start(text, match.end(), list_end, low):
                agencies = split_agency_list(text, match.end(), list_end)
                out += [(s, e, role, list_end) for s, e in agencies]
    if scan or COORDINATE_KEY in words:
        owners = [predicate for _, _, role, predicate in out if role in _OWNING_ROLES]
        for match in COORDINATE_RE.finditer(text, start, end):
            if match.start() < not_owned or not _owned(text, start, match.start(), owners, owner):
                continue
            supporters = _support_list(text, match.end(), end, low)
            out += [(s, e, "support", match.start()) for s, e in supporters]
    return out


def _owned(text: str, start: int, at: int, owners: list[int], owner: str | None) -> bool:
    """Whether the "phối hợp" at ``at`` is done by an agency that owns its task: a subject of the
    sentence (``owners``: where their predicates start) or the heading agency (role ``owner``)."""
    if directs_another(text, start, at):
        return False  # "Chỉ đạo các thôn phối hợp với …": the villages coordinate
    for predicate in owners:
        if predicate <= at:
            return True
    return owner in _OWNING_ROLES and coordinated_by_owner(text, start, at)


def _supports_by_label(text: str, pos: int, predicate: int, end: int) -> bool:
    """Whether a subject written as a label ("Sở Tài chính: Phối hợp với …", or a heading line
    then its task) is given "phối hợp" as its first task: it supports that work."""
    label = text.find(":", pos, predicate) != -1 or text.find("\n", pos, predicate) != -1
    return label and opens_with_coordination(text, predicate, end)


def _clause_end(text: str, pos: int, end: int) -> int:
    """The end of the ";" clause holding ``pos``."""
    semi = text.find(";", pos, end)
    return end if semi == -1 else semi


def _label_support_roles(text: str, agencies: list[tuple[int, int]], predicate: int,
                         end: int) -> list[tuple[int, int, str, int]]:
    """The roles of a labelled subject whose first task is "Phối hợp với …": support, and lead
    too when a later ";" clause gives it a task of its own ("…; tham mưu UBND tỉnh bố trí dự
    toán kinh phí hằng năm")."""
    out = [(s, e, "support", predicate) for s, e in agencies]
    clause = _clause_end(text, predicate, end)
    while clause < end:
        opening = skip_space(text, clause + 1, end)
        if opening < end and not opens_with_coordination(text, opening, end):
            return out + [(s, e, "lead", opening) for s, e in agencies]
        clause = _clause_end(text, clause + 1, end)
    return out


def execution_roles(text: str, start: int, verb: int) -> list[tuple[int, int]]:
    """The leads of an execution clause: every body from ``start`` to "chịu trách nhiệm thi
    hành" at ``verb``, the ";"-separated groups split as lists.

    Example:
        >>> text = "Chánh Văn phòng Bộ; cơ quan chuyên môn và Chủ tịch UBND xã, phường chịu"
        >>> [text[s:e] for s, e in execution_roles(text, 0, len(text) - 5)]
        ['Chánh Văn phòng Bộ', 'cơ quan chuyên môn', 'Chủ tịch UBND xã, phường']
    """
    out: list[tuple[int, int]] = []
    cursor = skip_space(text, start, verb)
    while cursor < verb:
        semi = text.find(";", cursor, verb)
        stop = verb if semi == -1 else semi
        out += split_agency_list(text, cursor, stop)
        cursor = skip_space(text, stop + 1, verb)
    return out


def _is_covered(pos: int, covered: list[tuple[int, int]]) -> bool:
    for a, b in covered:
        if a <= pos < b:
            return True
    return False


def _subject_positions(text: str, start: int, end: int, triggered: bool = True,
                       low: LoweredSpan | None = None) -> list[list[tuple[int, str]]]:
    """Groups of offsets where an agency list may open, with the role it would get.

    Each trigger and each ";" clause is its own group; the commas of an introductory phrase
    ("Trên cơ sở …, căn cứ …, Giám đốc, Thủ trưởng …") form one group, of which only the
    first offset that opens a subject counts. ``triggered`` False: the sentence holds no trigger.
    """
    groups = []
    if triggered:
        for match in trigger_matches(text, start, end, low):
            groups.append([(match.end(), "requested" if match.group("requested") else "lead")])
    opening = skip_space(text, start, end)
    groups.append([(opening, "lead")])
    if text[opening:opening + 1] in ROLE_LABEL_FIRST:
        label = ROLE_LABEL_RE.match(text, opening, end)
        if label is not None:  # "Cơ quan thực hiện: Sở Nội vụ chủ trì …"
            groups.append([(label.end(), LABEL_LEAD)])
    semi = text.find(";", start, end)
    while semi != -1:
        groups.append([(skip_space(text, semi + 1, end), "lead")])
        semi = text.find(";", semi + 1, end)
    commas = _intro_commas(text, opening, end)
    if commas:
        groups.append([(pos, "lead") for pos in commas])
    return groups


def _intro_commas(text: str, opening: int, end: int) -> list[int]:
    """After an introductory phrase ("Trên cơ sở …, căn cứ …, Giám đốc …") opening at
    ``opening``, where each of its commas may hand over to the subject; none without one."""
    if not match_intro(text, opening, end):
        return []
    limit = min(end, opening + MAX_INTRO_CHARS)
    found = []
    comma = text.find(",", opening, limit)
    while comma != -1:
        found.append(skip_space(text, comma + 1, end))
        comma = text.find(",", comma + 1, limit)
    return found


def _subject(text: str, pos: int, end: int,
             low: LoweredSpan | None = None) -> tuple[list[tuple[int, int]], int] | None:
    """The agency list opening at ``pos`` and where its predicate starts, if it is one.

    A subject is an agency list followed by a task verb or a colon: "UBND các xã, thị trấn
    tổ chức quán triệt …" gives ([UBND các xã, thị trấn], offset of "tổ chức").
    """
    head = match_subject_start(text, pos, end, low)
    if head is None or BARE_FIRST_RE.match(text, pos, end):
        return None
    limit = min(end, pos + MAX_SUBJECT_CHARS)
    boundary = BOUNDARY_RE.search(text, head.end(), limit)
    if boundary is None or not text[boundary.end() : end].strip():
        return None  # a list with nothing after it is not assigned anything
    if not_in_subject(text, pos, boundary.start(), low):
        return None
    # A ";" inside the list is fine only when an agency follows it (000 III.2).
    semi = text.find(";", pos, boundary.start())
    while semi != -1:
        if not match_subject_start(text, skip_space(text, semi + 1, end), end, low):
            return None
        semi = text.find(";", semi + 1, boundary.start())
    predicate = boundary.start("verb") if boundary.group("verb") else boundary.end()
    return split_agency_list(text, pos, boundary.start()), predicate


def _label_list(text: str, pos: int, end: int,
                low: LoweredSpan | None = None) -> tuple[list[tuple[int, int]], int] | None:
    """The agencies after a role label when no task verb follows them ("Cơ quan thực hiện: Sở
    Nội vụ, các sở, ban, ngành Thành phố trong phạm vi …"): up to a purpose word or punctuation.
    """
    agencies = _support_list(text, pos, end, low)
    return (agencies, agencies[-1][1]) if agencies else None


def _support_list(text: str, pos: int, end: int,
                  low: LoweredSpan | None = None) -> list[tuple[int, int]]:
    """The agencies after "phối hợp với": up to a task verb, a purpose word or punctuation."""
    head = match_subject_start(text, pos, end, low)
    if not head:
        return []
    limit = min(end, pos + MAX_SUBJECT_CHARS)
    verb = BOUNDARY_RE.search(text, head.end(), limit)
    stop = SUPPORT_END_RE.search(text, pos, limit)
    candidates = [m.start() for m in (verb, stop) if m is not None]
    list_end = min(candidates) if candidates else limit
    if list_end == limit and limit < end:
        return []  # ran past the length limit: not a list
    if not_in_subject(text, pos, list_end, low):
        return []
    return split_agency_list(text, pos, list_end)


def find_heading_agencies(text: str, unit: Unit,
                          low: LoweredSpan | None = None) -> list[tuple[int, int]] | None:
    """Agencies of a unit that is nothing but an agency list ("2.12. UBND các xã, thị trấn:"),
    possibly after "Trách nhiệm của" or "Đề nghị" (:func:`is_request_heading`: they are
    requested)."""
    if unit.rank is None:
        return None
    body = unit.body
    if text[body:body + 1] in "Tt" and (duty := RESPONSIBILITY_RE.match(text, body, unit.end)):
        body = duty.end()  # "2. Trách nhiệm của Sở Nội vụ"
    elif text[body:body + 1] == "Đ" and (asked := REQUEST_HEADING_RE.match(text, body, unit.end)):
        body = asked.end()  # "9. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"
    if not match_subject_start(text, body, unit.end, low, precheck_only=True):
        return None  # no agency opens it (the check below, on a range no longer, agrees)
    end = heading_end(text, body, unit.end)
    if not match_subject_start(text, body, end, low) or end - body > MAX_SUBJECT_CHARS:
        return None
    if text.find("\n", body, end) != -1 and \
            text[unit.body : unit.end].rstrip(" \t\r\n*_").endswith(_WRAP_ENDS):
        return None  # a wrapped paragraph ending like a sentence is one, not a heading
    if BOUNDARY_RE.search(text, body, end) or not_in_subject(text, body, end, low):
        return None
    return split_agency_list(text, body, end)


def heading_end(text: str, body: int, end: int) -> int:
    """Where a heading's agency list must end: before the marks that may close its line
    (HEADING_TRAIL), read back from ``end`` without copying the line.

    Example:
        >>> text = "2.12. UBND các xã, thị trấn:"
        >>> text[6:heading_end(text, 6, len(text))]
        'UBND các xã, thị trấn'
    """
    while end > body and text[end - 1] in HEADING_TRAIL:
        end -= 1
    return end


def is_request_heading(text: str, unit: Unit) -> bool:
    """Whether a heading unit asks rather than orders ("2.9. Đề nghị Liên đoàn Lao động tỉnh"):
    mass organisations, courts and procuracies are not under the plan's issuer, so their
    heading is a request, as a sentence opening with "Đề nghị" is.

    Example:
        >>> text = "2.9. Đề nghị Liên đoàn Lao động tỉnh"
        >>> is_request_heading(text, Unit(0, 5, len(text), 2))
        True
    """
    return REQUEST_HEADING_RE.match(text, unit.body, unit.end) is not None


def skip_space(text: str, pos: int, end: int) -> int:
    """Where a unit's or a sentence's words start, past spaces and list bullets ("- ", "• ")."""
    while pos < end and text[pos] in " \t\r\n-+*_•":
        pos += 1
    return pos
