"""The vocabulary of assignments: agency heads, task verbs, triggers, labels, conditions.

Vietnamese plans assign work with a few fixed words: "Giao X", "Đề nghị X", "Yêu cầu X",
"X chủ trì, phối hợp với Y", "Cơ quan chủ trì: X". An agency list opens with an agency head
("Sở", "Phòng", "UBND", "Ủy ban", "Hội", …) or "các" + a body word ("các sở, ban, ngành"), and
its subject ends at the first lowercase task verb ("thực hiện", "khẩn trương", …) or a colon.
These patterns are shared by :mod:`~policykg.loaders.assignment_roles` (who is assigned) and
:mod:`~policykg.loaders.agency_lists` (how a list splits into agencies).

Example:
    >>> SUBJECT_START_RE.match("Sở Y tế chủ trì, phối hợp với Sở Tài chính").group()
    'Sở'
    >>> BOUNDARY_RE.search("UBND các xã khẩn trương triển khai").group("verb")
    'khẩn trương'
"""

from __future__ import annotations

import re

from policykg.loaders.caseless import CASE_PLAIN_RE, LoweredSpan

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
TITLE = r"(?:Thủ\s+trưởng|Giám\s+đốc|Chủ\s+tịch|Lãnh\s+đạo|Người\s+đứng\s+đầu|Trưởng)"

SUBJECT_START_RE = re.compile(
    rf"""
    (?:{TITLE}\s*,\s*)*          # "Giám đốc, " before the real title
    (?:{TITLE}\s+)?              # a person title standing for the body
    (?: (?:các|những)\s+(?:{_HEAD}|{_BODY})   # "các sở", "các đơn vị", "các Hội"
      | {_HEAD} )                 # or a named agency: "Sở Y tế", "UBND huyện"
    """,
    re.X | re.I,
)

#: Every character a SUBJECT_START_RE match can open with (its first letters in both cases, and
#: the Kelvin sign and long s that re.I takes for "k" and "s"; checked in the tests).
SUBJECT_FIRST_CHARS = frozenset("BCGHKLMNPQSTUVĐỦbcghklmnpqstuvđủ\u212a\u017f")


#: The first two letters, lowercased, of every SUBJECT_START_RE match (checked in the tests).
SUBJECT_PREFIXES = frozenset({
    "ba", "bh", "bá", "bả", "bệ", "bộ", "ch", "cá", "cô", "cụ", "gi", "hi", "hu", "hđ", "hạ",
    "hộ", "kh", "li", "lã", "mt", "mặ", "ng", "nh", "ph", "qu", "sở", "th", "to", "tr", "tò",
    "tỉ", "tổ", "ub", "uy", "vi", "vă", "đo", "đà", "độ", "ủy",
})


def match_subject_start(text: str, pos: int, end: int, low: LoweredSpan | None = None,
                        precheck_only: bool = False) -> re.Match[str] | bool | None:
    """``SUBJECT_START_RE.match(text, pos, end)``, refused at once when its first letters are no
    agency's (the first two, lowercased, when ``low`` is a lowercase copy holding ``pos``).

    With ``precheck_only``, True stands for "may match" and the pattern is not run.

    Example:
        >>> match_subject_start("Xây dựng kế hoạch", 0, 17) is None
        True
    """
    if pos >= end or text[pos] not in SUBJECT_FIRST_CHARS:
        return None
    if low is not None and low.low is not None and end - pos >= 2:
        at = pos - low.base
        if low.low[at:at + 2] not in SUBJECT_PREFIXES:
            return None
    return True if precheck_only else SUBJECT_START_RE.match(text, pos, end)


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
BOUNDARY_RE = re.compile(
    rf"""
    (?P<colon> \s*: )                         # "Sở Y tế: Chủ trì …"
  | (?P<paren> \s*\((?=chủ\s+trì|phối\s+hợp) )  # "Giao Sở Y tế (chủ trì) …"
  | ,?\s+ (?P<verb> (?:{_VERBS}) ) (?!\w)     # "… huyện khẩn trương …"
    """,
    re.X,
)
# Words that cannot sit inside an agency list; finding one means the "subject" is a clause.
NOT_IN_SUBJECT_RE = re.compile(
    r"""(?<!\w)(?: của | về | để | nhằm | cho | với | theo | là | được | đã | sẽ | đang | này
      | yêu\s+cầu | đề\s+nghị | giao | nếu | khi | bằng | đến | như | gồm | mình )(?!\w)
    | [.!?|]                   # a sentence end or a table cell: the list is over""",
    re.X | re.I,
)
# The patterns scanned over every sentence (TRIGGER_RE, COORDINATE_RE, LABELLED_RE, CONDITIONAL_RE)
# start with a case-sensitive class of their first letters, and test "not inside a word" (and
# "not after 'được'", …) as lookbehinds *after* that letter, widened by one character
# ("(?<!\w.)" says what "(?<!\w)" says before it; the letter is never a line end). The regex
# engine then skips to the next candidate letter by a fast scan, where a leading lookbehind or a
# case-insensitive first letter made it try every position. Case-insensitive parts are scoped
# "(?i:…)"; the first letters are listed in both cases, which is all that (?i) matches for them.

# Where an assigning trigger puts an agency list right after it.
TRIGGER_RE = re.compile(
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
COORDINATE_RE = re.compile(
    r"""[Pp](?i:(?<!\w.)(?<!sự\s.)(?<!tác\s.)(?<!chế\s.)    # "p" of "phối", not in a word
    hối\s+hợp (?:\s+chặt\s+chẽ)?       # "phối hợp chặt chẽ"
    (?:\s+(?:với|cùng))?\s+)            # "với" is often left out: "phối hợp Sở Tư pháp"
    """,
    re.X,
)
# Where a support list ends when no task verb does.
SUPPORT_END_RE = re.compile(r"\s*[;.:(]|\s+(?:để|nhằm|trong|tại|về|theo|đối\s+với)(?!\w)")
# "Cơ quan chủ trì: Sở Nội vụ." / "Đơn vị phối hợp: …"
LABELLED_RE = re.compile(
    r"""
    [CcĐđ](?i:(?<=[Cc])ơ\s+quan|(?<=[Đđ])ơn\s+vị)\s+           # "Cơ quan", "Đơn vị"
    (?i: (?P<lead> chủ\s+trì ) | (?P<support> phối\s+hợp ) )   # which role the label gives
    [^:\n]{0,40} :[\s*]*                                     # "thực hiện:", markdown stars
    """,
    re.X,
)
# A sentence opening with one of these has its subject after a comma.
INTRO_RE = re.compile(
    r"""(?: Trên\s+cơ\s+sở | Căn\s+cứ | Định\s+kỳ | H[àằ]ng\s+năm | Trong | Đồng\s+thời
          | Ngoài\s+ra | Sau\s+khi | Để | Theo | Từ )(?!\w)""",
    re.X | re.I,
)
#: Every character an INTRO_RE match can open with (both cases; long s for "s").
INTRO_FIRST_CHARS = frozenset("CHNSTĐchnstđ\u017f")


def match_intro(text: str, pos: int, end: int) -> re.Match[str] | None:
    """``INTRO_RE.match(text, pos, end)``, refused at once on another first letter."""
    if pos >= end or text[pos] not in INTRO_FIRST_CHARS:
        return None
    return INTRO_RE.match(text, pos, end)


CONDITIONAL_RE = re.compile(r"[Nn](?<!\w.)(?i:ếu)(?!\w)")  # "nếu", any case

# Words of every match of the sentence patterns, lowercased, so a sentence (whose lowercase
# copy keeps its offsets) without them is not scanned: "nếu"; "phối" of "phối hợp"; ":" and
# "chủ"/"phối" of a labelled list; "đề" of "Đề nghị", "giao", "yêu" of "Yêu cầu".
CONDITIONAL_KEY = "nếu"
COORDINATE_KEY = "phối"
LABELLED_KEYS = ("chủ", "phối")
TRIGGER_KEYS = ("đề", "giao", "yêu")
# Heading title of an "other" section that still assigns tasks (see is_task_title).
TASK_TITLE_RE = re.compile(
    r"""tổ\s+chức\s+thực\s+hiện | phân\s+công | nhiệm\s+vụ | giải\s+pháp   # a task heading
      | trách\s+nhiệm
      | ^(?:Giao|Đề\s+nghị|Yêu\s+cầu)\s           # or an item that is itself an assignment:
      | \bchủ\s+trì\b                             # "Giao Sở …", "Sở X chủ trì, phối hợp …"
    """,
    re.X | re.I,
)
# TASK_TITLE_RE on a lowercased title (re.I there is equality of lowercase forms, see
# policykg.loaders.caseless), in two parts: the start of the title, and the words, each branch
# opening with its literal first letter so that CPython skips to those letters.
_TASK_TITLE_START_RE = re.compile(
    r"""
    (?: giao | đề\s+nghị | yêu\s+cầu )   # an item that is itself an assignment
    \s                                  # followed by its object
    """,
    re.X,
)
_TASK_TITLE_WORDS_RE = re.compile(
    r"""
    tổ\s+chức\s+thực\s+hiện | phân\s+công | nhiệm\s+vụ | giải\s+pháp   # a task heading
  | trách\s+nhiệm
  | c(?<!\wc)hủ\s+trì\b                 # "chủ trì" as a word ("\b" before c)
    """,
    re.X,
)
#: A word of every _TASK_TITLE_WORDS_RE match: a title without any has no match.
TASK_TITLE_KEYS = ("chức", "công", "nhiệm", "pháp", "trì")
#: The first letters of every _TASK_TITLE_START_RE match.
TASK_TITLE_OPENERS = ("gi", "đề", "yê")


def is_task_title(title: str) -> bool:
    """Does a heading title say its section assigns tasks (``TASK_TITLE_RE.search(title)``)?

    Example:
        >>> is_task_title("TỔ CHỨC THỰC HIỆN"), is_task_title("Mục tiêu cụ thể")
        (True, False)
    """
    if not CASE_PLAIN_RE.fullmatch(title):
        return TASK_TITLE_RE.search(title) is not None
    low = title.lower()
    if low.startswith(TASK_TITLE_OPENERS) and _TASK_TITLE_START_RE.match(low) is not None:
        return True
    for key in TASK_TITLE_KEYS:
        if key in low:
            return _TASK_TITLE_WORDS_RE.search(low) is not None
    return False
