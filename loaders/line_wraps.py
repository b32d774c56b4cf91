"""Normalizer step 5: hard-wrapped lines joined back into paragraphs, headings kept apart.

Word exports and PDF text layers break lines by width (sample 001 wraps at ~60 characters):
"Căn cứ Kết luận số 92-KL/TW ngày" / "05/11/2020 của Bộ Chính trị;". The extractors read a
sentence at a time, so the wrap is repaired; but a heading joined to the line before it would be
hidden from the section parser, which costs far more than a wrap left in place.

Decisions:

* **Headings are not merged.** A wrap is repaired only when the next line does not start a
  heading or list item (``HEADING_START``) and the previous line does not end a sentence; a
  short numbered heading is not continued by a capitalised line, and an upper-case title line
  only by a wrapped upper-case fragment ("I. MỤC TIÊU, CHỈ" / "TIÊU"), or when it stops where no
  phrase can (``OPEN_END``): after a comma, a conjunction or preposition that needs what follows
  ("a) Phối hợp với Sở Giáo dục và" / "Đào tạo …", "e) Thị trường châu Âu và" / "Anh"), or the
  head noun of an agency that needs its name ("17. Chi cục" / "Hải quan khu vực V", "b) Chủ
  động phối hợp với Sở" / "Khoa học và Công nghệ …"). The one exception is a
  dash compound wrapped before its dash ("nông - lâm" / "- ngư và …"), recognised by the
  lower-case word after the dash; the other is a range wrapped before its dash ("… giai đoạn
  2021" / "- 2025”;", "… tăng bình quân 05" / "- 06%/năm"), recognised by a number after the
  dash larger than the one the unfinished line ends with (a list item "- 100% …" follows a
  finished line, or a smaller or no number). A missed join leaves a line break inside a
  sentence, which the extractors tolerate.
* **A heading number alone on its line opens the heading the next line names.** A bold heading
  broken after its number ("**2.3." / "Công an tỉnh**", "III." / "NHIỆM VỤ VÀ GIẢI PHÁP") ends
  with the number's dot, which reads as a closed sentence; but a number alone says nothing, so
  its text is on the next line, which is joined unless it starts a heading or list item itself
  (a real list item keeps its line: "1." / "- Rà soát …" is left as it is). A blank line
  between the number and its text changes nothing: the number is still unfinished ("1." /
  blank / "Mục đích"), so it is the one soft break a capitalised line may cross.
* **Two strengths of break.** A soft break (one blank line) may be crossed, by a lower-case
  continuation of an unfinished sentence only ("… phát triển kinh" / blank / "tế - xã hội");
  a hard break never.
* **Linear.** Only the last paragraph can be continued, and the join rules read its first piece,
  its last ``TAIL_CHARS`` characters and its length, kept up to date as pieces are added.

Example:
    >>> repair_wraps(["I. MỤC TIÊU, CHỈ", "TIÊU", "1. Mục tiêu", "chung."])
    ['I. MỤC TIÊU, CHỈ TIÊU', '1. Mục tiêu chung.']
"""

from __future__ import annotations

import re

from policykg.loaders.breaks import NOT_TEXT, SOFT
from policykg.loaders.numbers import parse_number

#: A line is an upper-case title line when it has at least this many letters, all upper case
#: (two: "VỀ" is a title fragment).
UPPER_MIN_LETTERS = 2
#: An upper-case line at least this long was wrapped by width: the next upper-case line continues it
#: ("THỰC HIỆN KẾT LUẬN SỐ 92-KL/TW … CỦA BỘ CHÍNH TRỊ, KẾ HOẠCH" / "SỐ 41-KH/TU …").
UPPER_WRAP_MIN_CHARS = 45
#: An upper-case line of at most this many words is a wrapped fragment ("CỘNG" / "HÒA XÃ HỘI …",
#: "TM. ỦY BAN NHÂN" / "DÂN"): no type word or header line is a single syllable.
ORPHAN_MAX_WORDS = 1
#: How much of a line's start _is_upper_line reads before the whole line: a lower-case letter
#: there settles it without upper-casing a long paragraph.
UPPER_PROBE_CHARS = 16

#: The start of a heading or list item: a line starting so is never joined to the one before.
HEADING_START = re.compile(
    r"""^(?:
        [IVXLC]{1,6}\.\s                              # roman section: "I. MỤC TIÊU", "IV. TỔ CHỨC"
      | \d{1,2}(?:\.\d{1,2})*\.(?:\s|(?=[^\W\d_]))    # arabic, nested: "1. ", "1.1. ", "2.3.1.Về"
      | \d{1,2}(?:\.\d{1,2})+\s+(?=[^\W\d_])          # nested without final dot: "5.2 Kiến nghị"
      | [a-zđ]\)                                      # letter item: "a)", "đ)"
      | [a-zđ]\.\s+(?=[^\W\d_a-zđ])                   # letter item with a dot: "a. Về phòng, chống"
      | \((?:\d{1,3}|[a-zđ]|[ivx]{1,4})\)             # parenthesised: "(1)", "(a)", "(iv)"
      | [-–—+•·*](?:\s|(?=[^\W\d_]))                  # bullets: "- ", "+ ", "• ", "-Tỷ lệ"
      | Điều\s+\d{1,3}[a-zđ]?\s*[.:]                  # article: "Điều 1."
      | (?:Chương|CHƯƠNG|Phần|PHẦN|Mục|MỤC)\s+(?:[IVXLC]{1,6}|\d{1,3}|thứ\s)  # "Chương II"
      | (?:Phụ\s+lục|PHỤ\s+LỤC)\b                     # appendix
      | (?:Căn\s+cứ|Xét\s+đề\s+nghị|Theo\s+đề\s+nghị|Thực\s+hiện
         |Triển\s+khai\s+thực\s+hiện)\b                # preamble: "Căn cứ", "Thực hiện"
      | (?:Nơi\s+nhận|Kính\s+gửi)\b                   # recipients
      | (?:TM|KT|TL|TUQ|Q)\.\s                        # signature block: "TM. ỦY BAN NHÂN DÂN"
      | Số\s*(?:,\s*ký\s+hiệu\s*)?:                   # header symbol line: "Số: 91/KH-UBND"
      | \[\d{1,3}\]                                   # footnote text: "[4] Theo Nghị quyết …"
    )""",
    re.X,
)
#: A numbered heading (not a bullet): a capitalised next line starts its body, not its continuation.
NUMBERED_HEADING = re.compile(
    r"""^(?:
        [IVXLC]{1,6}\.\s                 # "II. "
      | \d{1,2}(?:\.\d{1,2})*\.?\s       # "1. ", "1.1. ", "5.2 "
      | [a-zđ][.)]\s                     # "a) ", "b. "
      | \((?:\d{1,3}|[a-zđ])\)           # "(1)"
      | Điều\s+\d{1,3}                   # "Điều 5"
    )""",
    re.X,
)
#: A heading number alone on its line ("2.3.", "III."): the heading's text is on the next line.
NUMBER_ONLY = re.compile(
    r"""^(?:
        [IVXLC]{1,6}                  # roman: "III."
      | \d{1,2}(?:\.\d{1,2})*        # arabic, nested: "4.", "2.10."
    )\.$""",
    re.X,
)
#: Sentence or heading end, after closing quotes and brackets: ". ; : ! ? …" (and "," below).
SENTENCE_ENDS = frozenset(".;:!?…")
CLOSING_MARKS = "\"'”’»)]*"
#: Ends after which a lower-case line still continues the paragraph ("…/năm;" / "đưa lao động …").
SOFT_CLOSERS = frozenset(";:")
#: How much of a line's start and end the join rules read (markers, closing punctuation).
TAIL_CHARS = 24
#: Type lines are short; a longer joined line is not compared with DOC_TYPE_LINES.
DOC_TYPE_MAX_CHARS = 30
#: A numbered line longer than this is a paragraph item, not a heading: a capitalised line may
#: continue it ("8. Sở Thông tin và Truyền thông: Chỉ đạo, … về việc thực hiện" / "Kết luận số …").
HEADING_MAX_CHARS = 100
#: The end of a line that cannot end a phrase: a comma, a word that needs what follows
#: (conjunction, preposition, plural marker), or an agency's head noun without its name.
OPEN_END = re.compile(
    r"""(?: ,                                                 # a list goes on: "Trung Quốc,"
          | (?<!\S)(?: và|với|của|cho|tại|theo|thuộc|từ|đến|về|trong|để|các|những  # "… và"
                    |Sở|Bộ|Ban|Cục|cục|Hội|Viện|Phòng|Ủy\ ban|UBND|Trung\ tâm|Chủ\ tịch)  # "Chi cục"
        )$""",
    re.X,
)
#: Lines of the enacting authority and the national motto: never the continuation of a title.
AUTHORITY_LINE = re.compile(
    r"""^(?:THỦ\s+TƯỚNG|BỘ\s+TRƯỞNG|CHỦ\s+TỊCH|[ỦU][YỶ]\s+BAN|HỘI\s+ĐỒNG|BAN\s+CHẤP\s+HÀNH
        |BAN\s+THƯỜNG\s+VỤ|CHÍNH\s+PHỦ|QUỐC\s+HỘI|BỘ\s+CHÍNH\s+TRỊ|CỘNG\s+HO[ÀA]|ĐỘC\s+LẬP)\b""",
    re.X,
)
#: Type lines of the header ("KẾ HOẠCH", "QUYẾT ĐỊNH"): an upper-case fragment does not join them.
DOC_TYPE_LINES = frozenset({
    "KẾ HOẠCH", "QUYẾT ĐỊNH", "NGHỊ QUYẾT", "CHỈ THỊ", "CHƯƠNG TRÌNH", "CHƯƠNG TRÌNH HÀNH ĐỘNG",
    "THÔNG BÁO", "BÁO CÁO", "TỜ TRÌNH", "HƯỚNG DẪN", "KẾT LUẬN", "CÔNG ĐIỆN", "THÔNG TƯ",
    "NGHỊ ĐỊNH", "QUY ĐỊNH", "ĐỀ ÁN", "QUYẾT ĐỊNH:", "CÔNG VĂN",
})


_LETTER = re.compile(r"[^\W\d_]")
#: "nông - lâm" / "- ngư …": a bullet-looking line that continues a dash compound.
_DASH_COMPOUND_TAIL = re.compile(r"\s[-–]\s\S+$")
_DASH_CONTINUATION = re.compile(r"[-–]\s+[^\W\d_]")
#: "… giai đoạn 2021" / "- 2025”;": the number an unfinished line ends with, a range's start.
_RANGE_START = re.compile(
    r"""(?<![\d.,])        # a whole number, not the end of a longer one
        \d[\d.,]*(?<![.,]) # "2021", "05", "1.000", "30,2" (not a sentence's final dot)
        $""",
    re.X,
)
#: … and the dash line that goes on with the range's end.
_RANGE_END = re.compile(
    r"""[-–]\s*            # the range's dash, opening the line
        (\d[\d.,]*)(?<![.,])  # its larger number: "2025", "06" (before "%/năm")
    """,
    re.X,
)


def _is_upper_line(line: str) -> bool:
    """An upper-case title line: starts with a letter, has UPPER_MIN_LETTERS letters, none in
    lower case.

    Example: "I. MỤC TIÊU, CHỈ" -> True; "UBND tỉnh Vĩnh Phúc" -> False.
    """
    if not line[:1].isalpha():
        return False
    # upper() maps each character on its own, so one changed character anywhere is enough.
    head = line[:UPPER_PROBE_CHARS]
    if head.upper() != head or (len(line) > UPPER_PROBE_CHARS and line.upper() != line):
        return False
    for count, _ in enumerate(_LETTER.finditer(line), start=1):
        if count >= UPPER_MIN_LETTERS:
            return True
    return False


def _ends_closed(first: str, tail: str) -> bool:
    """Whether a line opening with ``first`` and ending with ``tail`` (its last TAIL_CHARS) ends a
    sentence or heading: ". ; : ! ? …" (possibly before closing quotes and brackets), or is a
    parenthesised note "(Chi tiết có biểu kèm theo)".

    The last character mostly settles it. Otherwise the closing marks are stripped rather than
    searched with a regex: the two sets are disjoint, so the last character left is the sentence
    end if there is one, and no position is retried.
    """
    last = tail[-1:]
    if last in SENTENCE_ENDS:
        return True
    if not last or last not in CLOSING_MARKS:
        return False
    return (tail.rstrip(CLOSING_MARKS)[-1:] in SENTENCE_ENDS
            or (last == ")" and (tail[:1] == "(" or first[:1] == "(")))


#: What stands between the last paragraph and the next line: nothing (a wrap may continue it),
#: one soft break (a lower-case continuation may), or anything else (nothing continues it).
_AFTER_PARAGRAPH, _AFTER_SOFT, _AFTER_OTHER = 0, 1, 2


class _Joined:
    """The line being built from wrapped pieces. Only what the join rules read is kept up to date
    (its first piece, its tail and its length), so each join
    costs O(1) and a paragraph of n pieces costs O(n), not O(n²) as re-reading the growing string
    would. The word count and upper-case test are computed only when a rule asks (most lines
    follow a closed one and need neither).

    One object serves all the paragraphs of a text in turn (``restart``): only the last paragraph
    can still be continued, and a text of thousands of lines then allocates no object per line.
    """

    __slots__ = ("first", "parts", "tail", "length", "closed", "number_only", "_upper")

    def __init__(self) -> None:
        self.parts: list[str] | None = None

    def restart(self, line: str) -> None:
        self.first = line
        self.parts: list[str] | None = None  # created by the first join
        self.tail = line[-TAIL_CHARS:]
        self.length = len(line)
        #: Whether the line is a heading number and nothing else: its text is still to come.
        self.number_only = len(line) <= TAIL_CHARS and NUMBER_ONLY.match(line) is not None
        #: Whether the line so far ends a sentence, or is a parenthesised note as a whole.
        self.closed = not self.number_only and _ends_closed(line, self.tail)
        self._upper: bool | None = None

    def add(self, line: str) -> None:
        if self.parts is None:
            self.parts = [self.first]
        self.parts.append(line)
        self.tail = f"{self.tail} {line}"[-TAIL_CHARS:]
        self.length += len(line) + 1
        self.number_only = False
        self.closed = _ends_closed(self.first, self.tail)
        self._upper = None

    def text(self) -> str:
        return " ".join(self.parts) if self.parts else self.first

    def words(self) -> int:
        return self.text().count(" ") + 1

    def upper(self) -> bool:
        """Whether every piece is an upper-case title line."""
        if self._upper is None:
            self._upper = all(map(_is_upper_line, self.parts or (self.first,)))
        return self._upper

    def numbered(self) -> bool:
        """Whether it starts with a NUMBERED_HEADING marker (read in its first TAIL_CHARS)."""
        return NUMBERED_HEADING.match(self.first, 0, TAIL_CHARS) is not None

    def is_doc_type(self) -> bool:
        return self.length <= DOC_TYPE_MAX_CHARS and self.text() in DOC_TYPE_LINES


def _joins_upper(prev: _Joined, cur: str) -> bool:
    """Whether upper-case ``cur`` continues upper-case ``prev`` (a title wrapped by width)."""
    if prev.words() <= ORPHAN_MAX_WORDS:
        return True
    if AUTHORITY_LINE.match(cur):
        return False  # "VIỆC PHÊ DUYỆT …" / "THỦ TƯỚNG CHÍNH PHỦ": the enacting authority's line
    return ((cur.count(" ") + 1 <= ORPHAN_MAX_WORDS and not prev.is_doc_type())
            or prev.tail.endswith(",")
            or prev.numbered()
            or prev.length >= UPPER_WRAP_MIN_CHARS)


def _continues_range(prev: _Joined, cur: str) -> bool:
    """Whether dash line ``cur`` ends the range that unfinished ``prev`` starts: "… giai đoạn
    2021" + "- 2025”;" and "… bình quân 05" + "- 06%/năm" -> True; "… đạt 100%" + "- 99% …" and
    "2.1. Lĩnh vực người có công" + "- 100% …" -> False (items)."""
    start, end = _RANGE_START.search(prev.tail), _RANGE_END.match(cur)
    if start is None or end is None:
        return False
    low, high = parse_number(start.group()), parse_number(end.group(1))
    return low is not None and high is not None and high > low


def _joins(prev: _Joined, cur: str) -> bool:
    """Whether ``cur`` continues ``prev`` across a line end (no break between them).

    Examples: "Căn cứ Kết luận số 92-KL/TW ngày" + "05/11/2020 của Bộ Chính trị …" -> True;
    "2.1. Lĩnh vực người có công" + "- 100% Người có công …" -> False (a list item);
    "2.3." + "Công an tỉnh" -> True (a heading broken after its number);
    "1.4. Hoàn thiện hệ thống kết cấu hạ tầng" + "Năm 2025 là năm cuối …" -> False.
    """
    first = cur[0]
    if prev.number_only:
        return HEADING_START.match(cur) is None  # "2.3." + "Công an tỉnh": the heading's text
    if prev.closed:
        # A clause ends at ";" or ":" but a lower-case line after it is the same paragraph, unless
        # it starts a heading or list item. Tested before HEADING_START: most lines follow a
        # closed sentence and start with a capital, and need no regex at all.
        return (first.islower() and prev.tail[-1:] in SOFT_CLOSERS
                and HEADING_START.match(cur) is None)
    if HEADING_START.match(cur):
        # "… nông - lâm" + "- ngư và hoạt động …": a dash compound wrapped before its dash;
        # "… giai đoạn 2021" + "- 2025”;": a range wrapped before its dash.
        return ((_DASH_CONTINUATION.match(cur) is not None and cur[2:3].islower()
                 and _DASH_COMPOUND_TAIL.search(prev.tail) is not None)
                or _continues_range(prev, cur))
    # A first letter that upper() changes rules an upper-case line out without reading it.
    if first.upper() == first and _is_upper_line(cur):
        return prev.upper() and _joins_upper(prev, cur)
    if first.islower() or first.isdigit():
        return True
    # A title line is followed by body text, a name or "(đã ký)"; a short numbered heading by
    # its body, unless it stops where no phrase can ("17. Chi cục" / "Hải quan khu vực V").
    return not prev.upper() and (prev.length > HEADING_MAX_CHARS or not prev.numbered()
                                 or OPEN_END.search(prev.tail) is not None)


def _joins_across_soft(prev: _Joined, cur: str) -> bool:
    """Whether ``cur`` continues ``prev`` across one blank line: a lower-case continuation of an
    unfinished sentence ("… phát triển kinh" / blank / "tế - xã hội của huyện …"), or the text
    of a heading number alone ("1." / blank / "Mục đích")."""
    if prev.number_only:
        return HEADING_START.match(cur) is None
    return (cur[0].islower() and not prev.upper() and not prev.closed
            and HEADING_START.match(cur) is None)


def repair_wraps(lines: list[str], joined: list[int] | None = None) -> list[str]:
    """Join hard-wrapped lines; breaks, pipes and headings stay.

    Only the last paragraph can be continued: by the next line, or by the line after one soft
    break. ``out[at]`` holds its first piece until the next paragraph starts. The indexes of the
    lines written from more than one piece are added to ``joined`` if given (see ``rejoins``).

    Example: ``["I. MỤC TIÊU, CHỈ", "TIÊU", "1. Mục tiêu", "chung."]`` ->
    ``["I. MỤC TIÊU, CHỈ TIÊU", "1. Mục tiêu chung."]``.
    """
    out: list[str] = []
    append = out.append
    par = _Joined()
    at = -1  # index in ``out`` of the paragraph ``par`` holds; -1 before the first
    after = _AFTER_OTHER  # what stands between the paragraph and the next line
    for line in lines:
        if line in NOT_TEXT:
            append(line)
            after = _AFTER_SOFT if after == _AFTER_PARAGRAPH and line == SOFT else _AFTER_OTHER
            continue
        # After a closed sentence only a lower-case line may join (most lines do not: no call).
        if (after == _AFTER_PARAGRAPH and (not par.closed or line[0].islower())
                and _joins(par, line)):
            par.add(line)
        elif after == _AFTER_SOFT and _joins_across_soft(par, line):
            out.pop()
            par.add(line)
        else:
            if par.parts:
                out[at] = " ".join(par.parts)
                if joined is not None:
                    joined.append(at)
            at = len(out)
            append(line)
            par.restart(line)
        after = _AFTER_PARAGRAPH
    if at >= 0 and par.parts:
        out[at] = " ".join(par.parts)
        if joined is not None:
            joined.append(at)
    return out


def continues(first: str, line: str, *, soft: bool = False) -> bool:
    """Whether ``repair_wraps`` joins ``line`` to a paragraph that is the line ``first`` alone,
    standing right after it or, with ``soft``, one soft break after it.

    Example: ``continues("Căn cứ Kết luận số 92-KL/TW ngày", "05/11/2020 của Bộ Chính trị;")``
    -> True; ``continues("1. Mục tiêu chung.", "Nâng cao …")`` -> False.
    """
    par = _Joined()
    par.restart(first)
    if soft:
        return _joins_across_soft(par, line)
    return (not par.closed or line[0].islower()) and _joins(par, line)


def rejoins(lines: list[str], joined: list[int]) -> bool:
    """Whether ``repair_wraps``, run again on what it returned (``lines``, written out and read
    back), would join anything; ``joined`` lists the lines it joined from pieces.

    Only the line ends next to a joined line need reading again. Between two lines each kept
    whole, the join rules read the same things as the first time: the paragraph before the line
    end was that one line then too, and the breaks between them are the same (none, one soft
    break, or else something that no line crosses). A joined line reads differently as a whole
    than its pieces did (its first piece decided whether it continued the line before it; as the
    paragraph before a line end it was read from its first piece), so the two line ends next to
    it are decided again, as a second pass would (each line a paragraph of its own, as long as
    nothing joins).

    Example: ``rejoins(["Đến năm 2025, phòng", "HIỆN vấn, hỗ trợ …"], [1])`` -> True (the
    joined "HIỆN" + "vấn, hỗ trợ …" is no upper-case line any more: it continues "phòng").
    """
    for at in joined:
        before, soft = _text_before(lines, at)
        if before is not None and continues(lines[before], lines[at], soft=soft):
            return True
        after, soft = _text_after(lines, at)
        if after is not None and continues(lines[at], lines[after], soft=soft):
            return True
    return False


def _text_before(lines: list[str], at: int) -> tuple[int | None, bool]:
    """The text line a join may continue before ``lines[at]`` (none or one soft break between
    them; else None), and whether a soft break stands between."""
    if at >= 1 and lines[at - 1] not in NOT_TEXT:
        return at - 1, False
    if at >= 2 and lines[at - 1] == SOFT and lines[at - 2] not in NOT_TEXT:
        return at - 2, True
    return None, False


def _text_after(lines: list[str], at: int) -> tuple[int | None, bool]:
    """``_text_before``'s counterpart after ``lines[at]``."""
    if at + 1 < len(lines) and lines[at + 1] not in NOT_TEXT:
        return at + 1, False
    if at + 2 < len(lines) and lines[at + 1] == SOFT and lines[at + 2] not in NOT_TEXT:
        return at + 2, True
    return None, False
