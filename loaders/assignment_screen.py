"""Which task units and sentences may assign anything: cheap screens before the role search.

Most units of a task section assign nothing ("- Tăng cường công tác tuyên truyền; thực hiện tốt
chế độ báo cáo."). :func:`~policykg.loaders.assignment_roles.find_sentence_roles` looks for an
agency list at a few places only (where a unit or sentence opens, after a ";", a trigger word,
"phối hợp", a label's colon, the commas of an introductory phrase), so a unit where none of those
places opens an agency list can be refused without reading its sentences. The screens read the
unit's lowercase copy first, and run the subject pattern itself only where an agency's first
letters stand: "Tổ chức …", "Tham mưu …" and "Các nhiệm vụ …" open with such letters and no
agency. A screen says False only when the role search surely finds nothing (the tests run both).

Example:
    >>> from policykg.loaders.caseless import LoweredSpan
    >>> text = "Giao Phòng Nội vụ chủ trì thực hiện."
    >>> may_assign(text, 0, len(text), LoweredSpan(text, 0, len(text)))
    True
"""

from __future__ import annotations

import re

from policykg.loaders.assignment_patterns import (
    COORDINATE_KEY,
    COORDINATE_RE,
    INTRO_RE,
    LABELLED_KEYS,
    LABELLED_RE,
    RESPONSIBILITY_RE,
    ROLE_LABEL_KEYS,
    ROLE_LABEL_RE,
    SUBJECT_OPENERS,
    SUBJECT_SHORT_OPENERS,
    match_intro,
    match_subject_start,
    trigger_matches,
)
from policykg.loaders.assignment_roles import (
    REQUEST_HEADING_RE,
    has_key,
    heading_end,
    may_trigger,
    skip_space,
)
from policykg.loaders.assignment_units import Unit
from policykg.loaders.caseless import LoweredSpan, by_first_letter

#: Sentence marks (assignment_units.split_sentences): a sentence starts after one, or the unit.
_MARKS = (".", "!", "?")
#: The first letters of an agency (SUBJECT_OPENERS), in a pattern for lowercase text, the longest
#: first; grouped by their first letter, so that the regex engine tests a few letters at a mark
#: instead of every opener (a third faster).
_OPENER = "(?:" + by_first_letter(tuple(sorted(SUBJECT_OPENERS | SUBJECT_SHORT_OPENERS, key=len,
                                               reverse=True))) + ")"
#: On lowercase text, after a mark where find_sentence_roles looks for a subject (a sentence mark
#: or ";"): the spaces and bullets skip_space passes, and the first letters of an agency. Every
#: such place of a unit is found by _scan_marks.
_CLAUSE_MARKS = (".", "!", "?", ";")
#: What may close a unit after its last word: marks, spaces, markdown marks.
_CLOSING = ".!?;:, \t\r\n*_"
_OPENER_AFTER_RE = re.compile(rf"[\s\-+*_•]*(?={_OPENER})")  # ends where the agency would open
#: The same after a comma, which hands over to a subject in a sentence opening with INTRO_RE only.
_COMMA_OPENER_RE = re.compile(rf",[\s\-+*_•]*{_OPENER}")
#: INTRO_RE at a later sentence's opening (after a sentence mark), on lowercase text (re.I there
#: is lowercase equality).
_INTRO_AFTER_RE = re.compile(rf"\s+{INTRO_RE.pattern.lower()}", INTRO_RE.flags & ~re.I)


def unit_may_assign(text: str, unit: Unit, low: LoweredSpan) -> bool:
    """Can the unit assign anything, as a heading or in a sentence? (False only when surely not.)

    Most units assign nothing. An assignment needs "phối hợp", a labelled list (":" and "chủ
    trì"), or an agency list opening where one is looked for: the unit's body (a heading), where
    a sentence opens, after a ";", after a trigger word, after a comma of a sentence that opens
    with an introductory phrase (see :func:`find_sentence_roles`). The lowercase copy ``low``
    tells at a glance whether one of those places opens with an agency's first letters ("Thực
    hiện …" and "Tăng cường …" do not); where it does, but for the commas, the subject pattern
    itself decides ("Tổ chức …", "Tham mưu …" open with an agency's letters and no agency),
    over a range giving the same match as the sentence's. Read over the whole unit, these places
    include every sentence's: a trigger cannot span a sentence mark, and what a sentence's
    ``cut`` at "nếu" leaves out only adds places.

    Example:
        >>> text = "- Tăng cường công tác tuyên truyền; thực hiện tốt chế độ báo cáo."
        >>> unit_may_assign(text, Unit(0, 2, len(text), 7), LoweredSpan(text, 0, len(text)))
        False
    """
    words = low.lower_slice(unit.body, unit.end)
    if words is None:
        return True
    end = unit.end
    if text[unit.body:unit.body + 1] in "Tt" and RESPONSIBILITY_RE.match(text, unit.body, end):
        return True  # "Trách nhiệm của Sở Nội vụ" (find_heading_agencies)
    if _opens_with_subject(text, unit, low):
        return True
    if text[unit.body - 1:unit.body] in _MARKS:
        return True  # the unit's body opens a later sentence
    subject, intro = _scan_marks(text, unit, words, low)
    if subject:
        return True  # later sentences and ";" clauses
    if (intro or match_intro(text, skip_space(text, unit.body, end), end)) and \
            _COMMA_OPENER_RE.search(words):
        return True  # the commas of an introductory phrase (rare: their test comes last)
    if may_trigger(words):
        for match in trigger_matches(text, unit.body, end, low):
            if match_subject_start(text, match.end(), end, low):
                return True
    return _subject_after_words(text, unit, words, low)


def _subject_after_words(text: str, unit: Unit, words: str, low: LoweredSpan) -> bool:
    """Whether an agency list opens right after "phối hợp (với)" (a supporter), a labelled
    list's colon ("Cơ quan chủ trì: Sở Nội vụ") or a role label's ("Cơ quan thực hiện: …"), found
    over the unit: none of these patterns can run past a sentence mark but the labels' colon,
    which the matches then end at, as they do in the sentence.

    Example: "- Tăng cường phối hợp giữa các ngành" has no agency after "phối hợp".
    """
    end = unit.end
    found: list[re.Match[str]] = []
    if COORDINATE_KEY in words:
        found += COORDINATE_RE.finditer(text, unit.body, end)
    if ":" in words:
        if has_key(words, LABELLED_KEYS):
            found += LABELLED_RE.finditer(text, unit.body, end)
        if has_key(words, ROLE_LABEL_KEYS):
            found += ROLE_LABEL_RE.finditer(text, unit.body, end)
    for match in found:
        if match_subject_start(text, match.end(), end, low):
            return True
    return False


def _opens_with_subject(text: str, unit: Unit, low: LoweredSpan) -> bool:
    """Whether an agency list opens the unit, as a heading (over the range find_heading_agencies
    reads, past "Đề nghị" as there) or as the first sentence's subject (over the unit: see
    may_assign). The two places are one in most units, whose first letters are then read once:
    "Tăng cường …" is neither.
    """
    opening = skip_space(text, unit.body, unit.end)
    letters = match_subject_start(text, opening, unit.end, low, precheck_only=True)
    if letters and match_subject_start(text, opening, unit.end, low):
        return True
    if unit.rank is None:
        return False  # no heading
    body = unit.body  # where find_heading_agencies reads the list: past "Đề nghị", if written
    if text[body:body + 1] == "Đ" and (asked := REQUEST_HEADING_RE.match(text, body, unit.end)):
        body = asked.end()
    elif opening == body and not letters:
        return False  # the heading opens with the letters refused above
    end = heading_end(text, body, unit.end)
    if body == opening and end == unit.end:
        return False  # the very match refused above
    return match_subject_start(text, body, end, low) is not None


def _scan_marks(text: str, unit: Unit, words: str, low: LoweredSpan) -> tuple[bool, bool]:
    """One pass over the unit's clause marks (``words``: its body, lowercased): whether an agency
    list opens after one, where a later sentence or a ";" clause starts, and whether an
    introductory phrase opens a later sentence (after ". ! ?"), whose commas may then hand over
    to a subject.

    Only places whose first letters are an agency's are tried with the subject pattern itself,
    over the unit: find_sentence_roles reads the sentence, which ends at a mark the pattern cannot
    pass, so the two ranges give the same match. Example: in "Tăng cường tuyên truyền. Các nhiệm
    vụ gồm: …" the letters "các" open no agency, in "…; Sở Y tế chủ trì …" they do. The intro
    is only asked about while no subject is found (then the answer is complete).
    """
    inner = _before_closing_marks(words)
    intro = False
    for mark in _CLAUSE_MARKS:
        at = words.find(mark, 0, inner)
        while at != -1:
            opener = _OPENER_AFTER_RE.match(words, at + 1)
            if opener and match_subject_start(text, unit.body + opener.end(), unit.end, low):
                return True, intro
            if not intro and mark in _MARKS and _INTRO_AFTER_RE.match(words, at + 1):
                intro = True
            at = words.find(mark, at + 1, inner)
    return False, intro


def _before_closing_marks(words: str) -> int:
    """Where the marks and spaces closing ``words`` start: a mark there has no letter after it,
    so nothing opens after it, and most units have no other ("- Tăng cường tuyên truyền.")."""
    return len(words.rstrip(_CLOSING))


def may_assign(text: str, start: int, end: int, low: LoweredSpan) -> bool:
    """Can the sentence ``text[start:end]`` assign anything? (False only when it surely cannot.)

    Nine sentences in ten assign nothing. An assignment needs a subject where the sentence opens,
    after a ";", after a trigger word or after the commas of an introductory phrase, or a
    labelled list (":"), or "phối hợp": without any of these, :func:`find_sentence_roles` finds
    nothing, which the lowercase copy ``low`` tells at a glance.

    Example:
        >>> text = "Tăng cường công tác tuyên truyền."
        >>> may_assign(text, 0, len(text), LoweredSpan(text, 0, len(text)))
        False
    """
    words = low.lower_slice(start, end)
    if words is None or ":" in words or ";" in words or COORDINATE_KEY in words:
        return True
    if may_trigger(words):
        return True
    # Without those words a subject can only open the sentence (find_sentence_roles reads it
    # with this very range), so the pattern itself decides, not just its first letters: "Tổ
    # chức …", "Tham mưu …" and "Các nhiệm vụ …" open with an agency's letters and no agency.
    opening = skip_space(text, start, end)
    if match_subject_start(text, opening, end, low):
        return True
    return match_intro(text, opening, end) is not None
