"""Assignments: which agency leads, supports or is asked to carry out each task.

Vietnamese plans assign work in a handful of fixed shapes, all handled here:

* ``X chủ trì, phối hợp với Y, Z …``           -> X lead, Y and Z support;
* ``Giao X …`` / ``X có trách nhiệm …`` / ``Yêu cầu X …`` / ``X: Chủ trì …`` -> X lead;
* a list item or heading that names only agencies (``2.12. UBND các xã, thị trấn:``)
  followed by their tasks                        -> X lead, once, with the tasks below it;
* a sentence whose subject is an agency list and whose verb is a task verb
  (``Các phòng, ban ngành huyện … khẩn trương triển khai …``) -> each agency lead;
* ``Đề nghị X …``                               -> X requested (mass organisations are asked,
  not ordered);
* ``phối hợp (chặt chẽ) với Y`` anywhere         -> Y support;
* labelled forms ``Cơ quan chủ trì: X`` / ``Đơn vị phối hợp: Y``.

Decisions:

* Only task sections are read: kinds ``tasks`` and ``organization``, and ``other`` sections
  whose heading says "Tổ chức thực hiện", "Phân công", "Nhiệm vụ", "Giải pháp" or
  "Trách nhiệm". When a document has no such section at all (its headings were lost, as in
  the web copy of sample 003), everything but the preamble and the closing is read: missing
  every assignment of a document is worse than reading a few from a purpose paragraph.
* Agency lists are split at ``,``, ``;``, ``và`` and ``cùng`` only where the next piece starts
  a new agency (an agency-head word such as Sở, Phòng, UBND, Hội, or ``các`` + a body word).
  A bare collective word continues the list it belongs to (``các sở, ban, ngành``,
  ``UBND các xã, thị trấn``) and anything else continues the name
  (``Sở Văn hóa, Thể thao và Du lịch``). Known compound names are protected outright.
* The subject of a sentence ends at the first lower-case task verb (``thực hiện``,
  ``khẩn trương``, ``chủ trì``, …) or a colon. Verbs are matched case-sensitively so that
  title-cased names (``Sở Xây dựng``, ``Phát triển nông thôn``) are never cut.
* A conditional sentence ("nếu có vướng mắc, các đơn vị … phản ánh") states a reporting
  rule, not a task: no lead is read from it.
* A heading agency is recorded once, at its heading, not once per task under it; its
  ``task_text`` is the heading's predicate and the body under it.
* Agencies are returned exactly as written (``text[span]`` contains them verbatim), so a
  hard wrap inside a name stays in it; the normalized production text has none.

Example:
    >>> text = "III. TỔ CHỨC THỰC HIỆN\\n1. Sở Y tế chủ trì, phối hợp với Sở Tài chính thực hiện."
    >>> [(a.agency, a.role) for a in extract_assignments(text, [])]
    [('Sở Y tế', 'lead'), ('Sở Tài chính', 'support')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from policykg.loaders.record import Assignment
from policykg.loaders.sections import Section, section_at

#: Section kinds whose sentences assign tasks.
TASK_KINDS = frozenset({"tasks", "organization"})
#: Kinds never read, even when the document has no task section.
SKIPPED_KINDS = frozenset({"preamble", "closing"})
#: Longest agency list read as a subject (characters); longer means we lost the boundary.
MAX_SUBJECT_CHARS = 220
#: How far into a sentence an introductory phrase may run before its subject.
MAX_INTRO_CHARS = 320

# Agency-head words. Case-insensitive by default because plans write "hội phụ nữ",
# "đoàn thanh niên"; words that are also common nouns or verbs are kept case-sensitive
# ((?-i:…)) or fenced off with a negative lookahead ("Ban hành", "Hội nghị", "Phòng, chống").
_HEAD = r"""
    (?:
      Bộ\s+Chỉ\s+huy(?:\s+Quân\s+sự)? | Ban\s+Chỉ\s+huy | Ban\s+Chỉ\s+đạo | Ban\s+Quản\s+lý
    | [UỦ]y\s+ban | UBND | UBMTTQ | MTTQ | Mặt\s+trận | Văn\s+phòng | Trung\s+tâm
    | Công\s+an | (?:Tổng\s+|Chi\s+)?(?-i:Cục) | Sở | HĐND | Hội\s+đồng
    | Phòng(?!\s*,?\s*(?:chống|ngừa|cháy|tránh|bệnh|dịch|vệ|thủ|họp))
    | Ban(?!\s+(?:hành|đầu|đêm|ngày)) | Hội(?!\s+(?:nghị|nhập|thảo|thi|diễn|chợ|viên|tụ))
    | (?:Huyện|Tỉnh|Thành)\s+đoàn | Đoàn(?!\s+(?:kết|viên)) | Liên\s+đoàn | Liên\s+minh
    | Bảo\s+hiểm\s+xã\s+hội | BHXH | Kho\s+bạc | Ngân\s+hàng
    | (?-i:Đài|Viện|Quỹ|Đội|Bộ|Báo(?!\s+cáo))
    | (?-i:Trường)(?!\s+hợp) | Bệnh\s+viện | (?-i:Tòa|Toà)\s+án | (?-i:Thanh\s+tra)
    | Hạt\s+Kiểm\s+lâm | Chi\s+nhánh | Hiệp\s+hội | Tổ\s+công\s+tác | Thường\s+trực
    )
"""
# Body words that name a group of agencies; an agency only when written "các …".
_BODY = r"""
    (?: sở | ban | ngành | phòng | đoàn\s+thể | cơ\s+quan | đơn\s+vị | địa\s+phương | bộ\s+phận
      | công\s+chức | tổ\s+chức | hội | đoàn | trung\s+tâm | trường | xã | phường | thị\s+trấn
      | huyện | thị\s+xã | thành\s+phố | tỉnh | bộ | cấp\s+ủy | thôn | khu\s+phố )\b
"""
# Person titles standing for their body ("Thủ trưởng các sở", "Chủ tịch UBND các xã").
_TITLE = r"(?:Thủ\s+trưởng|Giám\s+đốc|Chủ\s+tịch|Lãnh\s+đạo|Người\s+đứng\s+đầu|Trưởng)"

_SUBJECT_START = re.compile(
    rf"""
    (?:{_TITLE}\s*,\s*)*          # "Giám đốc, " before the real title
    (?:{_TITLE}\s+)?              # a person title standing for the body
    (?: (?:các|những)\s+(?:{_HEAD}|{_BODY})   # "các sở", "các đơn vị", "các Hội"
      | {_HEAD} )                 # or a named agency: "Sở Y tế", "UBND huyện"
    """,
    re.X | re.I,
)

# Lower-case task verbs that end a subject. Case-sensitive on purpose: see the docstring.
# "tổ chức" is a verb except in "các tổ chức", "tổ chức chính trị - xã hội", "tổ chức, đơn vị".
_VERBS = r"""
    chủ\s+trì | phối\s+hợp | có\s+trách\s+nhiệm | chịu\s+trách\s+nhiệm | là\s+cơ\s+quan
  | là\s+đơn\s+vị | căn\s+cứ | trên\s+cơ\s+sở | thực\s+hiện
  | (?<!các\s)(?<!Các\s)tổ\s+chức
    (?! \s+(?:chính\s+trị|xã\s+hội|đoàn\s+thể|hội|quần\s+chúng|kinh\s+tế|liên\s+quan)
      | \s*,\s*(?:đơn\s+vị|cá\s+nhân|doanh\s+nghiệp) )
  | triển\s+khai | khẩn\s+trương | định\s+kỳ | báo\s+cáo | tham\s+mưu | xây\s+dựng | chỉ\s+đạo
  | hướng\s+dẫn | đăng\s+tải | phổ\s+biến | quán\s+triệt | nghiên\s+cứu | chủ\s+động
  | tăng\s+cường | nghiêm\s+túc | cụ\s+thể\s+h[óo]a | theo\s+dõi | tổng\s+hợp | rà\s+soát
  | đẩy\s+mạnh | đẩy\s+nhanh | tiếp\s+tục | kịp\s+thời | tập\s+trung | đề\s+xuất | bố\s+trí
  | kiểm\s+tra | giám\s+sát | đôn\s+đốc | ban\s+hành | thường\s+xuyên | quan\s+tâm | lồng\s+ghép
  | hỗ\s+trợ | vận\s+động | tuyên\s+truyền | đảm\s+bảo | bảo\s+đảm | nâng\s+cao | phát\s+huy
  | hoàn\s+thiện | hoàn\s+thành | cập\s+nhật | xem\s+xét | chuẩn\s+bị | giải\s+quyết
  | thẩm\s+định | cung\s+cấp | duy\s+trì | ưu\s+tiên | phấn\s+đấu | làm\s+tốt | tích\s+cực
  | tiến\s+hành | chấp\s+hành | huy\s+động | tạo\s+điều\s+kiện | đánh\s+giá | tiếp\s+nhận
  | giúp\s+đỡ | giúp | xử\s+lý | xác\s+định | cần | phải | sớm | trình | gửi | lập
"""
_BOUNDARY = re.compile(
    rf"""
    (?P<colon> \s*: )                         # "Sở Y tế: Chủ trì …"
  | (?P<paren> \s*\((?=chủ\s+trì|phối\s+hợp) )  # "Giao Sở Y tế (chủ trì) …"
  | ,?\s+ (?P<verb> (?:{_VERBS}) ) (?!\w)     # "… huyện khẩn trương …"
    """,
    re.X,
)
# Words that cannot sit inside an agency list; finding one means the "subject" is a clause.
_NOT_IN_SUBJECT = re.compile(
    r"""(?<!\w)(?: của | về | để | nhằm | cho | với | theo | là | được | đã | sẽ | đang | này
      | yêu\s+cầu | đề\s+nghị | giao | nếu | khi | bằng | đến | như | gồm | mình )(?!\w)
    | [.!?|]                   # a sentence end or a table cell: the list is over""",
    re.X | re.I,
)
# The patterns scanned over every sentence (_TRIGGER, _COORDINATE, _LABELLED, _CONDITIONAL)
# start with a case-sensitive class of their first letters, and test "not inside a word" (and
# "not after 'được'", …) as lookbehinds *after* that letter, widened by one character
# ("(?<!\w.)" says what "(?<!\w)" says before it; the letter is never a line end). The regex
# engine then skips to the next candidate letter by a fast scan, where a leading lookbehind or a
# case-insensitive first letter made it try every position. Case-insensitive parts are scoped
# "(?i:…)"; the first letters are listed in both cases, which is all that (?i) matches for them.

# Where an assigning trigger puts an agency list right after it.
_TRIGGER = re.compile(
    r"""
    [ĐđGgYy](?<!\w.)                                 # first letter of a trigger, not in a word
    (?: (?<=[Đđ]) (?P<requested> ề\s+nghị )          # "Đề nghị Ủy ban MTTQ …"
      | (?P<ordered> (?<=[Gg])(?<!được\s.)iao(?:\s+cho)?   # "Giao X" (not "được giao")
                   | (?<=[Yy])êu\s+cầu )               # "Yêu cầu X"
    )\s+
    """,
    re.X,
)
# "phối hợp (chặt chẽ) với Y": Y supports. "phối hợp các cơ quan" without "với" too.
# "sự phối hợp", "công tác phối hợp", "quy chế phối hợp" name coordination, they assign none.
_COORDINATE = re.compile(
    r"""[Pp](?i:(?<!\w.)(?<!sự\s.)(?<!tác\s.)(?<!chế\s.)    # "p" of "phối", not in a word
    hối\s+hợp (?:\s+chặt\s+chẽ)?       # "phối hợp chặt chẽ"
    (?:\s+(?:với|cùng))?\s+)            # "với" is often left out: "phối hợp Sở Tư pháp"
    """,
    re.X,
)
# Where a support list ends when no task verb does.
_SUPPORT_END = re.compile(r"\s*[;.:(]|\s+(?:để|nhằm|trong|tại|về|theo|đối\s+với)(?!\w)")
# "Cơ quan chủ trì: Sở Nội vụ." / "Đơn vị phối hợp: …"
_LABELLED = re.compile(
    r"""
    [CcĐđ](?i:(?<=[Cc])ơ\s+quan|(?<=[Đđ])ơn\s+vị)\s+           # "Cơ quan", "Đơn vị"
    (?i: (?P<lead> chủ\s+trì ) | (?P<support> phối\s+hợp ) )   # which role the label gives
    [^:\n]{0,40} :[\s*]*                                     # "thực hiện:", markdown stars
    """,
    re.X,
)
# A sentence opening with one of these has its subject after a comma.
_INTRO = re.compile(
    r"""(?: Trên\s+cơ\s+sở | Căn\s+cứ | Định\s+kỳ | H[àằ]ng\s+năm | Trong | Đồng\s+thời
          | Ngoài\s+ra | Sau\s+khi | Để | Theo | Từ )(?!\w)""",
    re.X | re.I,
)
_CONDITIONAL = re.compile(r"[Nn](?<!\w.)(?i:ếu)(?!\w)")  # "nếu", any case
# Heading title of an "other" section that still assigns tasks.
_TASK_TITLE = re.compile(
    r"""tổ\s+chức\s+thực\s+hiện | phân\s+công | nhiệm\s+vụ | giải\s+pháp | trách\s+nhiệm  # a task heading
      | ^(?:Giao|Đề\s+nghị|Yêu\s+cầu)\s           # or an item that is itself an assignment:
      | \bchủ\s+trì\b                             # "Giao Sở …", "Sở X chủ trì, phối hợp …"
    """,
    re.X | re.I,
)

# A list marker at the start of a line, and the rank of its level (smaller = higher).
_MARKER = re.compile(
    r"""
    [ \t*#_]*                                  # indentation and markdown emphasis
    (?: (?P<roman> [IVXL]+\. )                 # I.  II.
      | (?P<num> \d+(?:\.\d+)*\.? )            # 1.  2.1.  2.1
      | (?P<letter> [a-zđ][).] )               # a)  đ.
      | (?P<paren> \(\d+\)|\d+\) )             # (1)  1)
      | (?P<bullet> [-+•–] ) )
    [ \t*_]+ (?=[^\W\d_]|\(|") (?=\S)          # a list item starts with a word, not a wrap
    """,
    re.X,
)
_RANK = {"roman": 0, "num": 1, "letter": 5, "paren": 6, "bullet": 7}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\W\d_])")

# Separators inside an agency list.
_SEPARATOR = re.compile(r"\s*[,;]\s*|\s+(?:và|cùng)\s+")
# Collective words that continue the list before them ("các sở, ban, ngành", "các xã, thị trấn"),
# with their family: a place word never continues a list of departments.
_ORG_WORDS = r"sở|bộ|ban\s+ngành|ban|ngành|phòng|đoàn\s+thể|cơ\s+quan|đơn\s+vị|hội|đoàn|tổ\s+chức"
_PLACE_WORDS = r"xã|phường|đặc\s+khu|thị\s+trấn|thị\s+xã|thành\s+phố|huyện|tỉnh|quận|thôn|khu\s+phố"
_QUALIFIERS = r"""(?: \s+(?:có\s+)?liên\s+quan | \s+khác | \s+trực\s+thuộc | \s+thuộc\s+\w+
    | \s+trong\s+\w+ | \s+huyện | \s+tỉnh | \s+chức\s+năng | \s+chuyên\s+môn | \s+cấp\s+\w+
    | \s+chính\s+trị\s*-?\s*xã\s+hội )*"""
_BARE_ORG = re.compile(rf"(?:{_ORG_WORDS}){_QUALIFIERS}", re.X | re.I)
_BARE_PLACE = re.compile(rf"(?:{_PLACE_WORDS}){_QUALIFIERS}", re.X | re.I)
_FAMILY_WORD = re.compile(
    rf"(?<!\w)(?: (?P<org>{_ORG_WORDS}) | (?P<place>{_PLACE_WORDS}) )(?!\w)", re.X | re.I
)
# A list cannot open with a bare collective ("ban, ngành, UBND …" is the tail of "các sở, …").
_BARE_FIRST = re.compile(rf"(?:{_ORG_WORDS}|{_PLACE_WORDS})\s*(?:,|;|\s(?:và|cùng)\s)", re.I)
_BARE_TITLE = re.compile(rf"{_TITLE}", re.I)
# Body words that start a new agency even without "các" ("các địa phương, đơn vị").
_GENERIC_START = re.compile(
    r"(?: đơn\s+vị | địa\s+phương | bộ\s+phận | công\s+chức | cơ\s+quan )(?!\w)", re.X | re.I
)

#: Agency names with an internal "và" or comma that must never be split. Matched anywhere in
#: a list (case-insensitive, any whitespace), so "Phòng LĐTB&XH" style abbreviations need none.
KNOWN_COMPOUND_NAMES: tuple[str, ...] = (
    "Lao động - Thương binh và Xã hội",
    "Lao động – Thương binh và Xã hội",
    "Lao động Thương binh và Xã hội",
    "Kế hoạch và Đầu tư",
    "Giáo dục và Đào tạo",
    "Tài nguyên và Môi trường",
    "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp và Môi trường",
    "Khoa học và Công nghệ",
    "Thông tin và Truyền thông",
    "Văn hóa, Thể thao và Du lịch",
    "Văn hoá, Thể thao và Du lịch",
    "Văn hóa, Thông tin, Thể thao và Du lịch",
    "Văn hóa, Khoa học và Thông tin",
    "Văn hóa và Thông tin",
    "Văn hóa, Thông tin",
    "Văn hóa – Thông tin và Thể thao",
    "Văn hóa - Thông tin và Thể thao",
    "Văn hóa, Thể thao",
    "Kinh tế và Hạ tầng",
    "Dân tộc và Tôn giáo",
    "Tuyên giáo và Dân vận",
    "Tổ chức và Nội vụ",
    "Đoàn đại biểu Quốc hội và Hội đồng nhân dân",
    "Đoàn ĐBQH và HĐND",
    "HĐND và UBND",
    "Hội đồng nhân dân và Ủy ban nhân dân",
    "Hội đồng nhân dân - Ủy ban nhân dân",
    "Huyện ủy, HĐND, UBND",
    "Phát thanh và Truyền hình",
    "Phát thanh - Truyền hình",
)
_COMPOUND = re.compile(
    "|".join(r"\s+".join(map(re.escape, name.split())) for name in KNOWN_COMPOUND_NAMES), re.I
)

_TRIM = " \t\r\n,;:.*_-–"
_DANGLING_HEAD = re.compile(r"(?:và|cùng|với)\s+", re.I)
_DANGLING_TAIL = re.compile(r"\s+(?:và|cùng|với)$", re.I)


@dataclass(frozen=True)
class _Unit:
    """A list item or paragraph: ``[start, end)`` in the text, its marker's rank if any."""

    start: int
    body: int  # first character after the list marker
    end: int
    rank: int | None


def extract_assignments(text: str, sections: Sequence[Section]) -> list[Assignment]:
    """Every (agency, role) a task section assigns, in text order.

    Args:
        text: the document text (normalized in production).
        sections: its heading tree; task and organization sections are read.

    Returns:
        One Assignment per (agency, role, sentence); ``text[span]`` is the sentence (or list
        item) and contains the agency verbatim.

    Example:
        >>> text = ("IV. TỔ CHỨC THỰC HIỆN\\n"
        ...         "9. Đề nghị Ủy ban Mặt trận Tổ quốc và các tổ chức chính trị - xã hội "
        ...         "tăng cường công tác tuyên truyền.")
        >>> [(a.agency, a.role) for a in extract_assignments(text, [])]
        [('Ủy ban Mặt trận Tổ quốc', 'requested'), ('các tổ chức chính trị - xã hội', 'requested')]
    """
    found: dict[tuple[str, str, tuple[int, int]], tuple[int, Assignment]] = {}
    for start, end in _task_regions(text, sections):
        units = list(_units(text, start, end))
        for index, unit in enumerate(units):
            for position, assignment in _unit_assignments(text, units, index, sections):
                key = (assignment.agency, assignment.role, assignment.span)
                found.setdefault(key, (position, assignment))
    return [a for _, a in sorted(found.values(), key=lambda item: (item[1].span[0], item[0]))]


def split_agencies(phrase: str) -> list[str]:
    """Split a coordinated agency list into agencies, keeping compound names whole.

    Example:
        >>> split_agencies("Phòng Tài chính - Kế hoạch, Phòng Nội vụ và UBND các xã, thị trấn")
        ['Phòng Tài chính - Kế hoạch', 'Phòng Nội vụ', 'UBND các xã, thị trấn']
        >>> split_agencies("Sở Lao động - Thương binh và Xã hội")
        ['Sở Lao động - Thương binh và Xã hội']
    """
    return [phrase[s:e] for s, e in _split(phrase, 0, len(phrase))]


# --- where to read -------------------------------------------------------------------------


def _task_regions(text: str, sections: Sequence[Section]) -> list[tuple[int, int]]:
    """Merged ``[start, end)`` ranges of the sections that assign tasks."""
    chosen = [
        (s.start, s.end)
        for s in sections
        if s.kind in TASK_KINDS or (s.kind == "other" and _TASK_TITLE.search(s.title))
    ]
    if not chosen:
        # No task section found: read everything but the preamble and closing.
        skipped = sorted((s.start, s.end) for s in sections if s.kind in SKIPPED_KINDS)
        chosen, cursor = [], 0
        for start, end in skipped + [(len(text), len(text))]:
            if start > cursor:
                chosen.append((cursor, start))
            cursor = max(cursor, end)
    merged: list[tuple[int, int]] = []
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in chosen):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        elif end > start:
            merged.append((start, end))
    return merged


def _units(text: str, start: int, end: int) -> Iterator[_Unit]:
    """List items and paragraphs of ``text[start:end]``; hard-wrapped lines are joined.

    A line starts a new unit after a blank line, after a line ending in . : ; ! ?, or when it
    opens with a list marker followed by a word ("- ngư …" after "nông - lâm" is a wrap only
    if lower-case, which the marker pattern refuses).
    """
    current: list[int] | None = None  # [start, body, end, rank]
    ends_clause = True
    for line in re.finditer(r"[^\n]+", text[start:end]):
        line_start, line_end = start + line.start(), start + line.end()
        raw = line.group()
        if current is not None and "\n\n" in text[current[2] : line_start].replace("\r", ""):
            ends_clause = True  # a blank line separates paragraphs
        if not raw.strip():
            ends_clause = True
            continue
        marker = _MARKER.match(text, line_start, line_end)
        if current is None or ends_clause or marker:
            if current is not None:
                yield _Unit(*current)
            rank = _marker_rank(marker) if marker else None
            current = [line_start, marker.end() if marker else line_start, line_end, rank]
        else:
            current[2] = line_end
        ends_clause = raw.rstrip(" \t*_|").endswith((".", ":", ";", "!", "?"))
    if current is not None:
        yield _Unit(*current)


def _marker_rank(marker: re.Match[str]) -> int:
    kind = marker.lastgroup or "bullet"
    if kind == "num":  # "2.1." is one level below "2."
        return _RANK["num"] + marker.group("num").rstrip(".").count(".")
    return _RANK[kind]


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence ranges inside a unit: split after . ! ? before an upper-case letter."""
    spans, cursor = [], start
    for match in _SENTENCE_END.finditer(text, start, end):
        if text[match.end()].isupper():
            spans.append((cursor, match.start()))
            cursor = match.end()
    spans.append((cursor, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


# --- one unit ------------------------------------------------------------------------------


def _unit_assignments(
    text: str, units: list[_Unit], index: int, sections: Sequence[Section]
) -> Iterator[tuple[int, Assignment]]:
    """(agency offset, Assignment) for every assignment in ``units[index]``.

    The section path is looked up only for a unit that assigns something: ``section_at`` walks
    every section, and most units (a target, a purpose paragraph) assign nothing.
    """
    found = list(_unit_roles(text, units, index))
    if found:
        path = _path(sections, units[index].start)
        for s, e, role, span, task in found:
            yield s, _make(text, s, e, role, span, task, path)


def _unit_roles(
    text: str, units: list[_Unit], index: int
) -> Iterator[tuple[int, int, str, tuple[int, int], str]]:
    """(agency start, end, role, span, task text) for every assignment in ``units[index]``."""
    unit = units[index]
    heading = _heading_agencies(text, unit)
    if heading is not None:
        task = _body_text(text, units, index, fallback=text[unit.body : unit.end])
        for s, e in heading:
            yield s, e, "lead", (unit.start, unit.end), task
        return
    for n, (s_start, s_end) in enumerate(_sentences(text, unit.body, unit.end)):
        span = (unit.start if n == 0 else s_start, s_end)
        for s, e, role, pred in _sentence_roles(text, s_start, s_end):
            task = text[pred:s_end].strip(_TRIM) if pred < s_end else text[s_start:s_end]
            if role == "lead" and text[s_start:s_end].rstrip(" *_").endswith(":"):
                task = _body_text(text, units, index, fallback=task, head=pred)
            yield s, e, role, span, task or text[s_start:s_end].strip()


def _sentence_roles(text: str, start: int, end: int) -> Iterator[tuple[int, int, str, int]]:
    """(agency start, end, role, predicate start) for one sentence."""
    conditional = _CONDITIONAL.search(text, start, end)
    cut = conditional.start() if conditional else end  # no lead read after "nếu"
    covered: list[tuple[int, int]] = []
    for group in _subject_positions(text, start, cut):
        for pos, role in group:
            if any(a <= pos < b for a, b in covered):
                continue
            parsed = _subject(text, pos, end)
            if parsed is None:
                continue
            agencies, predicate = parsed
            covered.append((pos, predicate))
            for s, e in agencies:
                yield s, e, role, predicate
            break  # one subject per group: later commas of an intro are inside it
    for match in _LABELLED.finditer(text, start, end):
        stop = _SUPPORT_END.search(text, match.end(), end)
        list_end = stop.start() if stop else end
        role = "lead" if match.group("lead") else "support"
        if _SUBJECT_START.match(text, match.end(), list_end):
            for s, e in _split(text, match.end(), list_end):
                yield s, e, role, list_end
    for match in _COORDINATE.finditer(text, start, end):
        for s, e in _support_list(text, match.end(), end):
            yield s, e, "support", match.start()


def _subject_positions(text: str, start: int, end: int) -> Iterator[list[tuple[int, str]]]:
    """Groups of offsets where an agency list may open, with the role it would get.

    Each trigger and each ";" clause is its own group; the commas of an introductory phrase
    ("Trên cơ sở …, căn cứ …, Giám đốc, Thủ trưởng …") form one group, of which only the
    first offset that opens a subject counts.
    """
    for match in _TRIGGER.finditer(text, start, end):
        yield [(match.end(), "requested" if match.group("requested") else "lead")]
    opening = _skip_space(text, start, end)
    yield [(opening, "lead")]
    for match in re.finditer(r";", text[start:end]):
        yield [(_skip_space(text, start + match.end(), end), "lead")]
    if _INTRO.match(text, opening, end):
        limit = min(end, opening + MAX_INTRO_CHARS)
        commas = re.finditer(r",", text[opening:limit])
        yield [(_skip_space(text, opening + m.end(), end), "lead") for m in commas]


def _subject(text: str, pos: int, end: int) -> tuple[list[tuple[int, int]], int] | None:
    """The agency list opening at ``pos`` and where its predicate starts, if it is one.

    A subject is an agency list followed by a task verb or a colon: "UBND các xã, thị trấn
    tổ chức quán triệt …" gives ([UBND các xã, thị trấn], offset of "tổ chức").
    """
    head = _SUBJECT_START.match(text, pos, end)
    if head is None or _BARE_FIRST.match(text, pos, end):
        return None
    limit = min(end, pos + MAX_SUBJECT_CHARS)
    boundary = _BOUNDARY.search(text, head.end(), limit)
    if boundary is None or not text[boundary.end() : end].strip():
        return None  # a list with nothing after it is not assigned anything
    if _NOT_IN_SUBJECT.search(text, pos, boundary.start()):
        return None
    # A ";" inside the list is fine only when an agency follows it (000 III.2).
    for semi in re.finditer(";", text[pos : boundary.start()]):
        if not _SUBJECT_START.match(text, _skip_space(text, pos + semi.end(), end), end):
            return None
    predicate = boundary.start("verb") if boundary.group("verb") else boundary.end()
    return _split(text, pos, boundary.start()), predicate


def _support_list(text: str, pos: int, end: int) -> list[tuple[int, int]]:
    """The agencies after "phối hợp với": up to a task verb, a purpose word or punctuation."""
    if not _SUBJECT_START.match(text, pos, end):
        return []
    limit = min(end, pos + MAX_SUBJECT_CHARS)
    verb = _BOUNDARY.search(text, _SUBJECT_START.match(text, pos, end).end(), limit)
    stop = _SUPPORT_END.search(text, pos, limit)
    candidates = [m.start() for m in (verb, stop) if m is not None]
    list_end = min(candidates) if candidates else limit
    if list_end == limit and limit < end:
        return []  # ran past the length limit: not a list
    if _NOT_IN_SUBJECT.search(text, pos, list_end):
        return []
    return _split(text, pos, list_end)


def _heading_agencies(text: str, unit: _Unit) -> list[tuple[int, int]] | None:
    """Agencies of a unit that is nothing but an agency list ("2.12. UBND các xã, thị trấn:")."""
    if unit.rank is None:
        return None
    stripped = text[unit.body : unit.end].rstrip(" \t\r\n*_:")
    end = unit.body + len(stripped)
    if not _SUBJECT_START.match(text, unit.body, end) or end - unit.body > MAX_SUBJECT_CHARS:
        return None
    wrapped = "\n" in text[unit.body : end].strip()
    if wrapped and not text[unit.body : unit.end].rstrip().endswith(":"):
        return None  # a wrapped multi-line paragraph is a sentence, not a heading
    if _BOUNDARY.search(text, unit.body, end) or _NOT_IN_SUBJECT.search(text, unit.body, end):
        return None
    return _split(text, unit.body, end)


def _body_text(
    text: str, units: list[_Unit], index: int, fallback: str, head: int | None = None
) -> str:
    """The tasks under ``units[index]``, from ``head`` (default: the next unit) to its end.

    The body ends before the next unit whose marker ranks as high as the heading's ("2.3."
    after "2.2."); an unmarked heading owns only the marked items right after it.
    """
    rank, last = units[index].rank, index
    for later in range(index + 1, len(units)):
        other = units[later].rank
        if other is None if rank is None else (other is not None and other <= rank):
            break
        last = later
    if head is None:
        if last == index:
            return fallback.strip(_TRIM)
        head = units[index + 1].start
    return text[head : units[last].end].strip(_TRIM) or fallback.strip(_TRIM)


# --- agency lists --------------------------------------------------------------------------


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Agency ranges in the list ``text[start:end]``.

    A piece after a separator starts a new agency when it opens with an agency head or
    "các"/a body word; a bare collective of the previous agency's family continues it
    ("UBND các xã, thị trấn"); anything else continues the name ("Sở Văn hóa, Thể thao …").
    """
    paren = text.find("(", start, end)
    if paren > start:  # "Sở Nội vụ (Cơ quan thường trực …)": the parenthesis describes it
        end = paren
    protected = [(m.start(), m.end()) for m in _COMPOUND.finditer(text, start, end)]
    agencies: list[list[int]] = []
    cursor = start
    for sep in _SEPARATOR.finditer(text, start, end):
        if any(a <= sep.start() < b for a, b in protected):
            continue
        _add_piece(text, agencies, cursor, sep.start())
        cursor = sep.end()
    _add_piece(text, agencies, cursor, end)
    merged = _merge_bare_titles(text, agencies)
    return [span for span in (_trim(text, s, e) for s, e in merged) if span[1] > span[0]]


def _add_piece(text: str, agencies: list[list[int]], start: int, end: int) -> None:
    piece = text[start:end].strip(_TRIM)
    if not piece:
        return
    if not agencies:
        agencies.append([start, end])
        return
    previous = text[agencies[-1][0] : agencies[-1][1]]
    if _continues(piece, previous):
        agencies[-1][1] = end
    else:
        agencies.append([start, end])


def _continues(piece: str, previous: str) -> bool:
    """Whether ``piece`` (after a separator) belongs to the agency before it."""
    families = [m.lastgroup for m in _FAMILY_WORD.finditer(previous)]
    family = families[-1] if families else None
    if _BARE_ORG.fullmatch(piece):
        return family == "org"
    if _BARE_PLACE.fullmatch(piece):
        return family == "place"
    if _SUBJECT_START.match(piece) or _GENERIC_START.match(piece) or _BARE_TITLE.fullmatch(piece):
        return False
    return True


def _merge_bare_titles(text: str, agencies: list[list[int]]) -> list[tuple[int, int]]:
    """Join a bare title to the agency after it: "Giám đốc, Thủ trưởng các sở, ban, ngành"."""
    out: list[tuple[int, int]] = []
    pending: int | None = None
    for start, end in agencies:
        if _BARE_TITLE.fullmatch(text[start:end].strip(_TRIM)):
            pending = start if pending is None else pending
            continue
        out.append((pending if pending is not None else start, end))
        pending = None
    if pending is not None:
        out.append((pending, agencies[-1][1]))
    return out


# --- small helpers -------------------------------------------------------------------------


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``[start, end)`` past punctuation, markdown and a dangling "và"/"cùng"/"với"."""
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    head = _DANGLING_HEAD.match(text, start, end)  # "và UBND …" after a dropped piece
    if head:
        return _trim(text, head.end(), end)
    tail = _DANGLING_TAIL.search(text, start, end)  # "các bộ, ngành và" before a verb
    if tail:
        return _trim(text, start, tail.start())
    return start, end


def _skip_space(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos] in " \t\r\n-+*_•":
        pos += 1
    return pos


def _path(sections: Sequence[Section], offset: int) -> str | None:
    section = section_at(sections, offset)
    return section.path if section is not None and section.path else None


def _make(
    text: str, start: int, end: int, role: str, span: tuple[int, int], task: str, path: str | None
) -> Assignment:
    return Assignment(
        agency=text[start:end], role=role, section=path, task_text=task, span=(span[0], span[1])
    )
