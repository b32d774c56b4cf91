"""Whose "phối hợp với Y" it is: Y supports only an agency that owns the task.

"Phối hợp với Y" says that someone works with Y; Y is a supporter only of a task some agency
leads. The plan names that agency in one of three places, and where it names none (a
commune's own programme: "Phối hợp với các trung tâm đào tạo nghề để tổ chức đào tạo nghề …"),
the issuing body itself is the implicit lead and Y is not assigned anything:

* **the sentence's subject**: "Sở Y tế chủ trì, phối hợp với Sở Tài chính …", "Đài Truyền
  hình Việt Nam phối hợp với các bộ, ngành …" -> Y supports the subject's task;
* **the agency heading above it**: under "1. Sở Nội vụ", the item "- Phối hợp với sở, ban,
  ngành, đoàn thể Thành phố hướng dẫn …" has the heading's agency as its elided subject; the
  clause must open with "phối hợp" (after "chủ động", "tăng cường" …) or hold "chủ trì", so
  that the heading's agency is the one who coordinates;
* not when the one coordinating is the object of a directing verb: in "Chỉ đạo, hướng dẫn các
  cơ quan báo chí … phối hợp với các Sở, ngành …" or "Chỉ đạo các thôn phối hợp với Ủy ban
  MTTQ" the press and the villages coordinate, and nobody is assigned to support the lead.

And the reverse: an agency named as a heading or label whose task opens with "Phối hợp với Y"
("7. Sở Kế hoạch và Đầu tư, Sở Tài chính: Phối hợp với Sở, ngành liên quan … trong việc tham
mưu …", "4. Các tổ chức, cá nhân liên quan" / "Phối hợp với các cơ quan có thẩm quyền …")
supports that work, and Y, who leads it, is not recorded as a supporter.

Example:
    >>> text = "Chỉ đạo các thôn phối hợp với Ủy ban MTTQ tổ chức ra quân."
    >>> directs_another(text, 0, text.index("phối"))
    True
    >>> text = "- Chủ động phối hợp với Công an tỉnh triển khai các giải pháp."
    >>> opens_with_coordination(text, 0, len(text))
    True
"""

from __future__ import annotations

import re

# A clause that opens with "phối hợp", after the adverbs that may precede it.
_COORDINATION_OPENING_RE = re.compile(
    r"""
    [\s\-+*_•]*                                  # spaces, bullets, markdown marks
    (?i: (?: chủ\s+động | tăng\s+cường | tích\s+cực   # adverbs: "Chủ động phối hợp …"
           | thường\s+xuyên | tham\s+gia )[\s,]+ )*
    (?i: phối\s+hợp )(?!\w)                      # the coordination itself
    """,
    re.X,
)
# "chủ trì" before "phối hợp" in a clause: the clause's subject owns the task it coordinates.
_LEADS_RE = re.compile(r"(?i:chủ\s+trì)(?!\w)")
# A clause that opens with a directing verb: its object, not its subject, does what follows.
_DIRECTING_RE = re.compile(
    r"""
    [\s\-+*_•]*                                  # spaces, bullets, markdown marks
    (?i: chỉ\s+đạo | hướng\s+dẫn | đôn\s+đốc     # "Chỉ đạo các thôn …", "Hướng dẫn …"
       | yêu\s+cầu | vận\s+động )(?!\w)          # "Yêu cầu các doanh nghiệp …"
    """,
    re.X,
)
#: Where a clause starts: after these marks (a sentence's clauses, a label's colon).
_CLAUSE_MARKS = (";", ":")
#: The word whose clause is read ("phối hợp"), its length the end of an opening's match.
_COORDINATION = "phối hợp"


def clause_start(text: str, start: int, pos: int) -> int:
    """Where the clause holding ``pos`` starts: after the last ";" or ":" before it, else at the
    sentence's ``start``."""
    found = start
    for mark in _CLAUSE_MARKS:
        at = text.rfind(mark, start, pos)
        if at != -1 and at + 1 > found:
            found = at + 1
    return found


def opens_with_coordination(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` opens with "phối hợp" (after bullets and adverbs).

    Example:
        >>> opens_with_coordination("Tăng cường phối hợp với các sở, ngành", 0, 37)
        True
    """
    return _COORDINATION_OPENING_RE.match(text, start, end) is not None


def directs_another(text: str, start: int, pos: int) -> bool:
    """Whether the "phối hợp" at ``pos`` belongs to the object of a directing verb that opens
    its clause ("Chỉ đạo các thôn phối hợp với …"), not to the clause's subject. A comma right
    before "phối hợp" (or before "chủ động phối hợp") opens a new verb phrase of the subject,
    so the subject coordinates.

    Example:
        >>> text = "Chỉ đạo lực lượng các cấp, phối hợp với Công an tỉnh rà soát."
        >>> directs_another(text, 0, text.index("phối"))
        False
    """
    opening = clause_start(text, start, pos)
    if _DIRECTING_RE.match(text, opening, pos) is None:
        return False
    comma = text.rfind(",", opening, pos)
    return comma == -1 or not opens_with_coordination(text, comma + 1, pos + len(_COORDINATION))


def coordinated_by_owner(text: str, start: int, pos: int) -> bool:
    """Whether the elided subject of the clause holding ``pos`` ("phối hợp" there) is the agency
    that owns the unit (its heading's): the clause opens with "phối hợp", or its subject leads
    ("Chủ trì tham mưu … phối hợp với …"), or a comma hands over to a new verb phrase ("Trong
    phạm vi quản lý của mình, chủ động phối hợp với …").

    Example:
        >>> text = "Phối hợp với Sở Tài chính bố trí kinh phí."
        >>> coordinated_by_owner(text, 0, 0)
        True
    """
    opening = clause_start(text, start, pos)
    if opens_with_coordination(text, opening, pos + len(_COORDINATION)):
        return True
    if _LEADS_RE.search(text, opening, pos) is not None:
        return True
    comma = text.rfind(",", opening, pos)
    return (comma != -1 and opens_with_coordination(text, comma + 1, pos + len(_COORDINATION))
            and not directs_another(text, start, pos))
