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

from policykg.loaders.caseless import CASE_PLAIN_RE, LoweredSpan, by_first_letter

# Agency-head words. Case-insensitive by default because plans write "hội phụ nữ",
# "đoàn thanh niên"; words that are also common nouns or verbs are kept case-sensitive
# ((?-i:…)) or fenced off with a negative lookahead ("Ban hành", "Hội nghị", "Phòng, chống").
# "Tổng cục" and "Chi cục" are written with a small "c" ("Chi cục Hải quan khu vực V") and mean
# nothing but an agency, so they are caseless; "Cục" alone keeps its capital.
_HEAD = r"""
    (?:
      Bộ\s+Chỉ\s+huy(?:\s+Quân\s+sự)? | Ban\s+Chỉ\s+huy | Ban\s+Chỉ\s+đạo | Ban\s+Quản\s+lý
    | [UỦ]y\s+ban | UBND | UBMTTQ | MTTQ | Mặt\s+trận | Văn\s+phòng | Trung\s+tâm
    | Công\s+an | (?:Tổng|Chi)\s+cục | (?-i:Cục) | Sở | HĐND | Hội\s+đồng
    | Phòng(?!\s*,?\s*(?:chống|ngừa|cháy|tránh|bệnh|dịch|vệ|thủ|họp))
    | Ban(?!\s+(?:hành|đầu|đêm|ngày)) | Hội(?!\s+(?:nghị|nhập|thảo|thi|diễn|chợ|viên|tụ))
    | (?:Huyện|Tỉnh|Thành)\s+đoàn | Đoàn(?!\s+(?:kết|viên)) | Liên\s+đoàn | Liên\s+minh
    | Bảo\s+hiểm\s+xã\s+hội | BHXH | Kho\s+bạc | Ngân\s+hàng
    | (?-i:Đài|Viện|Quỹ|Đội|Bộ|Vụ|Báo(?!\s+cáo))
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
TITLE = (r"(?:Thủ\s+trưởng|Giám\s+đốc|Chủ\s+tịch|Lãnh\s+đạo|Người\s+đứng\s+đầu|Trưởng"
         r"|Vụ\s+trưởng|Viện\s+trưởng|Cục\s+trưởng|Chánh\s+(?:Văn\s+phòng|Thanh\s+tra))")

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


#: The first three letters, lowercased, of every SUBJECT_START_RE match of three letters or more
#: before its first space; the others ("Sở", "Bộ Chỉ huy", "Tổ công tác", "Ủy ban") open with one
#: of SUBJECT_SHORT_OPENERS. Reading three letters, not two, refuses the common sentence openings
#: "Thực hiện", "Triển khai", "Chỉ đạo", "Phát triển", "Quản lý" without running the pattern
#: (both sets are checked against the pattern in the tests).
SUBJECT_OPENERS = frozenset({
    "ban", "bhx", "báo", "bảo", "bện", "chi", "chá", "chủ", "các", "côn", "cục", "giá", "hiệ", "huy",
    "hđn", "hạt", "hội", "kho", "liê", "lãn", "mtt", "mặt", "ngâ", "ngư", "nhữ", "phò", "quỹ",
    "tha", "thà", "thư", "thủ", "toà", "tru", "trư", "tòa", "tỉn", "tổn", "ubm", "ubn", "việ",
    "văn", "đoà", "đài", "đội",
})
SUBJECT_SHORT_OPENERS = frozenset({"bộ", "sở", "tổ", "uy", "vụ", "ủy"})
#: The first two letters of every match, lowercased (the words the tests check against re.I).
SUBJECT_PREFIXES = frozenset(opener[:2] for opener in SUBJECT_OPENERS | SUBJECT_SHORT_OPENERS)


def match_subject_start(text: str, pos: int, end: int, low: LoweredSpan | None = None,
                        precheck_only: bool = False) -> re.Match[str] | bool | None:
    """``SUBJECT_START_RE.match(text, pos, end)``, refused at once when its first letters are no
    agency's (the first three, lowercased, when ``low`` is a lowercase copy holding ``pos``).

    With ``precheck_only``, True stands for "may match" and the pattern is not run.

    Example:
        >>> match_subject_start("Xây dựng kế hoạch", 0, 17) is None
        True
    """
    if pos >= end or text[pos] not in SUBJECT_FIRST_CHARS:
        return None
    if low is not None and low.low is not None:
        # The letters read may run past ``end``: a match inside the range opens with them all,
        # or is two letters long ("Sở", "Bộ"), which the short openers cover.
        at = pos - low.base
        if (low.low[at:at + 3] not in SUBJECT_OPENERS
                and low.low[at:at + 2] not in SUBJECT_SHORT_OPENERS):
            return None
    return True if precheck_only else SUBJECT_START_RE.match(text, pos, end)


# Lower-case task verbs that end a subject. Case-sensitive on purpose: see the docstring.
# "tổ chức" is a verb except in "các tổ chức", "tổ chức chính trị - xã hội", "tổ chức, đơn vị"
# ("not after 'các '" is tested after its literal first letter, as "not after 'các t'").
_VERB_WORDS = (
    r"chủ\s+trì", r"phối\s+hợp", r"có\s+trách\s+nhiệm", r"chịu\s+trách\s+nhiệm", r"là\s+cơ\s+quan",
    r"là\s+đơn\s+vị", r"căn\s+cứ", r"trên\s+cơ\s+sở", r"thực\s+hiện",
    r"""t(?<!các\st)(?<!Các\st)ổ\s+chức
        (?! \s+(?:chính\s+trị|xã\s+hội|đoàn\s+thể|hội|quần\s+chúng|kinh\s+tế|liên\s+quan)
          | \s*,\s*(?:đơn\s+vị|cá\s+nhân|doanh\s+nghiệp) )""",
    r"triển\s+khai", r"khẩn\s+trương", r"định\s+kỳ", r"báo\s+cáo", r"tham\s+mưu", r"xây\s+dựng",
    r"chỉ\s+đạo", r"hướng\s+dẫn", r"đăng\s+tải", r"phổ\s+biến", r"quán\s+triệt", r"nghiên\s+cứu",
    r"chủ\s+động", r"tăng\s+cường", r"nghiêm\s+túc", r"cụ\s+thể\s+h[óo]a", r"theo\s+dõi",
    r"tổng\s+hợp", r"rà\s+soát", r"đẩy\s+mạnh", r"đẩy\s+nhanh", r"tiếp\s+tục", r"kịp\s+thời",
    r"tập\s+trung", r"đề\s+xuất", r"bố\s+trí", r"kiểm\s+tra", r"giám\s+sát", r"đôn\s+đốc",
    r"ban\s+hành", r"thường\s+xuyên", r"quan\s+tâm", r"lồng\s+ghép", r"hỗ\s+trợ", r"vận\s+động",
    r"tuyên\s+truyền", r"đảm\s+bảo", r"bảo\s+đảm", r"nâng\s+cao", r"phát\s+huy", r"hoàn\s+thiện",
    r"hoàn\s+thành", r"cập\s+nhật", r"xem\s+xét", r"chuẩn\s+bị", r"giải\s+quyết", r"thẩm\s+định",
    r"cung\s+cấp", r"duy\s+trì", r"ưu\s+tiên", r"phấn\s+đấu", r"làm\s+tốt", r"tích\s+cực",
    r"tiến\s+hành", r"chấp\s+hành", r"huy\s+động", r"tạo\s+điều\s+kiện", r"đánh\s+giá",
    r"tiếp\s+nhận", r"giúp\s+đỡ", r"giúp", r"xử\s+lý", r"xác\s+định", r"cần", r"phải", r"sớm",
    r"trình", r"gửi", r"lập",
)


_VERBS = by_first_letter(_VERB_WORDS)
# Every boundary opens with a space, ":", "(" or ",", read by the class first: a pattern opening
# with a class lets the regex engine skip to the next such character, while the four branches
# that each opened with "\s*" (which may match nothing) were all tried at every letter of the
# list (a third of the time of the searches). The lookbehind after that character tells which
# opening it was, so each branch matches at the same start and end as when it read the character
# itself.
BOUNDARY_RE = re.compile(
    rf"""
    [\s:(,]                                       # the first character of every branch
    (?:
        (?<=:) | (?<=\s) \s*:                     # "Sở Y tế: Chủ trì …"
      | (?: (?<=[ \t]) [ \t]*\n | (?<=\n) )        # a heading line, then its task:
        (?=(?:Chủ\s+trì|Phối\s+hợp)(?!\w))         # "Các cơ quan trực thuộc Bộ\nChủ trì, …"
      | (?: (?<=\() | (?<=\s) \s*\( )              # "Giao Sở Y tế (chủ trì) …"
        (?=chủ\s+trì|phối\s+hợp)
      | (?: (?<=,) \s+ | (?<=\s) \s* )              # ", " or spaces before a verb:
        (?P<verb> (?:{_VERBS}) ) (?!\w)             # "… huyện khẩn trương …"
    )
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
# "Cơ quan thực hiện: Sở Nội vụ chủ trì, phối hợp với …": a label naming no role hands the
# subject over to the words after its colon (the labels naming a role are LABELLED_RE's).
ROLE_LABEL_RE = re.compile(
    r"""
    (?: [Cc]ơ\s+quan | [Đđ]ơn\s+vị )\s+                  # "Cơ quan", "Đơn vị"
    (?i: thực\s+hiện | triển\s+khai | phụ\s+trách        # "… thực hiện", "… phụ trách"
       | chịu\s+trách\s+nhiệm )
    (?i:\s+chính)? \s*:[\s*]*                             # "… chính:", markdown stars
    """,
    re.X,
)
#: The first letters of a ROLE_LABEL_RE match.
ROLE_LABEL_FIRST = frozenset("CcĐđ")
#: Words of every ROLE_LABEL_RE match, lowercased.
ROLE_LABEL_KEYS = ("cơ quan", "đơn vị")
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
#: The trigger words, lowercased: a trigger holds one of ORDER_KEYS ("Giao", "Yêu cầu") or both
#: REQUEST_KEYS ("Đề nghị"); every match opens with one of TRIGGER_KEYS.
ORDER_KEYS = ("giao", "yêu")
REQUEST_KEYS = ("đề", "nghị")
TRIGGER_KEYS = (REQUEST_KEYS[0], *ORDER_KEYS)
#: NOT_IN_SUBJECT_RE for lowercase text: there every word opens with a literal letter, which the
#: regex engine tests at once (with re.I it tries the whole word at every word start).
_NOT_IN_SUBJECT_LOWER = re.compile(NOT_IN_SUBJECT_RE.pattern, re.X)


def trigger_matches(text: str, start: int, end: int,
                    low: LoweredSpan | None = None) -> list[re.Match[str]]:
    """``list(TRIGGER_RE.finditer(text, start, end))``, the pattern tried only where the lowercase
    copy ``low`` holds a trigger word: every match opens with one of TRIGGER_KEYS, lowercased,
    while the pattern's first letters include the "g" of every "ng".

    Example:
        >>> [m.group() for m in trigger_matches("Giao UBND các xã; đề nghị Mặt trận", 0, 34)]
        ['Giao ', 'đề nghị ']
    """
    if low is None or low.low is None:
        return list(TRIGGER_RE.finditer(text, start, end))
    words, base = low.low, low.base
    places = sorted(at + base for key in TRIGGER_KEYS
                    for at in _find_all(words, key, start - base, end - base))
    found: list[re.Match[str]] = []
    reach = start  # finditer's matches do not overlap: the next one starts past the last
    for pos in places:
        if pos >= reach:
            match = TRIGGER_RE.match(text, pos, end)
            if match:
                found.append(match)
                reach = match.end()
    return found


def _find_all(words: str, key: str, start: int, end: int) -> list[int]:
    found = []
    at = words.find(key, start, end)
    while at != -1:
        found.append(at)
        at = words.find(key, at + 1, end)
    return found


def not_in_subject(text: str, start: int, end: int, low: LoweredSpan | None = None) -> bool:
    """Whether ``NOT_IN_SUBJECT_RE`` occurs in ``text[start:end]`` (then it is no agency list),
    searched in the lowercase copy ``low`` when it holds the range (caseless.py).

    Example:
        >>> not_in_subject("UBND các xã của huyện", 0, 21), not_in_subject("UBND các xã", 0, 11)
        (True, False)
    """
    if low is None or low.low is None:
        return NOT_IN_SUBJECT_RE.search(text, start, end) is not None
    return _NOT_IN_SUBJECT_LOWER.search(low.low, start - low.base, end - low.base) is not None


# The execution clause closing a decision or resolution: "Chánh Văn phòng …, Thủ trưởng các cơ
# quan liên quan chịu trách nhiệm thi hành Quyết định này." Every body named before it is a lead.
EXECUTION_RE = re.compile(
    r"""
    chịu\s+trách\s+nhiệm\s+thi\s+hành\s+           # "chịu trách nhiệm thi hành"
    (?i: quyết\s+định | nghị\s+quyết | chỉ\s+thị    # the document itself …
       | quy\s+định | kế\s+hoạch )\s+này(?!\w)       # "… này"
    """,
    re.X,
)
#: A word of every EXECUTION_RE match, lowercased.
EXECUTION_KEY = "thi hành"
# "2. Trách nhiệm của Sở Nội vụ": a heading naming whose responsibilities follow; its agency
# list starts after these words.
RESPONSIBILITY_RE = re.compile(
    r"""
    [Tt]rách\s+nhiệm        # "Trách nhiệm"
    (?:\s+của)?\s+          # "của" is often left out: "Trách nhiệm các cơ quan, đơn vị …"
    """,
    re.X,
)
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
# policykg.loaders.caseless), in two parts: the start of the title, and the words.
_TASK_TITLE_START_RE = re.compile(
    r"""
    (?: giao | đề\s+nghị | yêu\s+cầu )   # an item that is itself an assignment
    \s                                  # followed by its object
    """,
    re.X,
)
#: The task words of TASK_TITLE_RE one by one, each with a word every match of it holds: a title is
#: searched only for the words whose key it holds ("công" and "pháp" are in many titles, the
#: others in few), and each pattern opens with its literal first letters, which CPython skips to,
#: where an alternation of them all tests its letters at every character (2x faster over titles).
_TASK_TITLE_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("chức", re.compile(r"tổ\s+chức\s+thực\s+hiện")),     # a task heading
    ("công", re.compile(r"phân\s+công")),
    ("nhiệm", re.compile(r"nhiệm\s+vụ")),
    ("pháp", re.compile(r"giải\s+pháp")),
    ("nhiệm", re.compile(r"trách\s+nhiệm")),
    ("trì", re.compile(r"c(?<!\wc)hủ\s+trì\b")),            # "chủ trì" as a word ("\b" before c)
)
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
    for key, words in _TASK_TITLE_WORDS:
        if key in low and words.search(low) is not None:
            return True
    return False
