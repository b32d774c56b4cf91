"""Normalizer step 4: web-page chrome out (visitor counters, menus, share bars, footers).

A page saved from a district portal carries "Hôm nay: 1", "Đăng lúc: 18/09/2020 14:18:37
(GMT+7)", "Trang chủ > Văn bản", "Chia sẻ", a menu, a copyright footer (sample 002); the legal
portal of the dev corpus adds its notices ("THƯ VIỆN PHÁP LUẬT") and a boiler-plate block
before the document. Those lines become hard breaks.

Decisions:

* **Conservative.** A line is chrome only when it matches a known portal phrase as a whole
  (``CHROME_PHRASES``: "Đăng lúc", "Hôm nay:" + a counter, "Trang chủ", "Chia sẻ", …);
  ambiguous menu words ("Giới thiệu", "Liên hệ") only in a run of ``NAV_MIN_RUN`` menu lines;
  a counter label ("Hôm nay:") only with the number on the line after it. When in doubt the
  line stays: "Tính đến hôm nay: 95% hộ dân có nước sạch." is text.
* **Dispatch on the first letter.** Every phrase starts with a literal letter (or a digit), so a
  line is matched only against the phrases of its own first letter (``first_letter``, which
  folds case exactly as the regex engine does): a body line pays for a handful of alternatives,
  or none, instead of the sixty of one big alternation.
* **Each distinct line is classified once per document** (``LineKinds``): the second
  normalization pass meets the lines of the first again, and a page printed twice its lines twice.
* Separator rules ("-------", "* * *") are layout, not text: they become breaks too, without
  counting as chrome.

Example:
    >>> remove_chrome(["Hôm nay:", "1", "Đăng lúc: 18/09/2020 14:18:37 (GMT+7)", "UỶ BAN NHÂN DÂN"],
    ...               NormalizeStats(), new_line_kinds()) == [HARD, HARD, HARD, "UỶ BAN NHÂN DÂN"]
    True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from policykg.loaders.breaks import BREAKS, HARD, NOT_TEXT, NormalizeStats

#: Chrome lines are short: longer lines are not matched against the chrome phrases …
CHROME_MAX_CHARS = 200
#: … nor menu words and counter labels against these shorter bounds.
NAV_MAX_CHARS = 40
LABEL_MAX_CHARS = 40
#: Ambiguous menu words are chrome only in a run of at least this many menu lines.
NAV_MIN_RUN = 3
#: A portal's boiler-plate block (start marker … end marker) is dropped only if this short.
CHROME_BLOCK_MAX_LINES = 40

# ---------------------------------------------------------------- phrases

_DATE = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?"
_GMT = r"\s*(?:\(GMT\s*[+-]\s*\d+\))?"  # "(GMT+7)"
_VISITS = r"truy\s+cập(?:\s+hôm\s+nay)?\s*:?\s*[\d.,]*"  # "Truy cập hôm nay: 1.234"
_COUNT = r"\s*:?\s*[\d.,]*"  # an optional colon and counter
_ROW = r"\s*:\s*[\d.,]*"  # a colon and counter: "Hôm nay: 1"
_STAMP = rf"\s*:?\s*{_DATE}(?:\s*[-,|]?\s*{_TIME})?{_GMT}"  # ": 18/09/2020 14:18:37 (GMT+7)"
_CLOCK = rf"{_DATE}\s*[-,|]?\s*{_TIME}{_GMT}"  # "18/09/2020 14:18:37"
_ACTION = r"\s*:?"  # a page action, maybe with a colon: "Chia sẻ:"
_ANYTHING = r".*"  # a footer line goes on with names, addresses, years

#: Whole lines that are page furniture, never document text (case-insensitive, ``re.X``).
#: Each phrase starts with a literal lower-case letter, "©" or ``\d``: the phrases are filed by
#: that first character (see ``first_letter``).
CHROME_PHRASES: tuple[str, ...] = (
    # visitor counters: "Số lượt truy cập: 1.234", "Đang online: 12", "Thống kê truy cập"
    rf"số\s+(?:lượt\s+)?{_VISITS}", rf"lượt\s+{_VISITS}", _VISITS,
    rf"đang\s+(?:truy\s+cập|online){_COUNT}", rf"online{_COUNT}", rf"lượt\s+xem{_COUNT}",
    rf"thống\s+kê\s+truy\s+cập{_COUNT}",
    # counter rows: "Hôm nay: 1", "Tất cả: 217563"
    rf"hôm\s+nay{_ROW}", rf"hôm\s+qua{_ROW}", rf"tuần\s+này{_ROW}", rf"tuần\s+trước{_ROW}",
    rf"tháng\s+này{_ROW}", rf"tháng\s+trước{_ROW}", rf"năm\s+nay{_ROW}", rf"tất\s+cả{_ROW}",
    # posting stamps: "Đăng lúc: 18/09/2020 14:18:37 (GMT+7)", "Ngày 18/09/2020 14:18:37"
    rf"đăng\s+lúc{_STAMP}", rf"ngày\s+đăng{_STAMP}", rf"đăng\s+ngày{_STAMP}",
    rf"cập\s+nhật(?:\s+lúc)?{_STAMP}", rf"ngày\s+cập\s+nhật{_STAMP}",
    rf"thời\s+gian\s+đăng{_STAMP}",
    rf"ngày\s+{_CLOCK}", _CLOCK,
    # home link and breadcrumb: "Trang chủ > Văn bản > Kế hoạch"
    r"trang\s+chủ(?:\s*[>»›/|].*)?",
    # page actions: "Chia sẻ", "In bài", "Đăng nhập", "Facebook"
    *(rf"{action}{_ACTION}" for action in (
        r"chia\s+sẻ", r"in\s+bài", r"in\s+trang", r"bản\s+in", r"gửi\s+email", r"gửi\s+bài",
        r"lưu\s+bài", r"quay\s+lại", r"quay\s+về", r"về\s+đầu\s+trang", r"lên\s+đầu\s+trang",
        r"xem\s+thêm", r"đọc\s+thêm", r"tải\s+về", r"tải\s+xuống", r"tải\s+văn\s+bản",
        r"đăng\s+nhập", r"đăng\s+ký", r"đăng\s+xuất", r"tên\s+đăng\s+nhập", r"mật\s+khẩu",
        r"quên\s+mật\s+khẩu", r"ghi\s+nhớ(?:\s+đăng\s+nhập)?", r"tìm\s+kiếm(?:\s+nâng\s+cao)?",
        r"bình\s+luận", r"ý\s+kiến\s+bạn\s+đọc", r"gửi\s+ý\s+kiến", r"facebook", r"zalo",
        r"twitter", r"tweet", r"like", r"share", r"print", r"email", r"in",
    )),
    # lists of other pages: "Văn bản liên quan", "Các tin khác", "Tin cùng chuyên mục"
    r"văn\s+bản\s+liên\s+quan", r"tin\s+liên\s+quan", r"bài\s+viết\s+liên\s+quan",
    r"các\s+tin\s+khác",
    r"tin\s+cùng\s+chuyên\s+mục", r"liên\s+kết\s+website",
    r"công\s+khai\s+(?:kq|kết\s+quả)\s+giải\s+quyết\s+(?:tthc|thủ\s+tục\s+hành\s+chính)",
    # portal listing rows: "Hiệu lực: Đã biết"
    r"hiệu\s+lực\s*:\s*(?:đã\s+biết|đang\s+cập\s+nhật)",
    r"tình\s+trạng\s*:\s*(?:đã\s+biết|đang\s+cập\s+nhật)",
    # portal footers: "Bản quyền thuộc …", "© 2020 …", "Cơ quan chủ quản: …", "Giấy phép số …"
    *(rf"{footer}{_ANYTHING}" for footer in (
        r"bản\s+quyền\s+thuộc", r"copyright", r"©", r"cơ\s+quan\s+chủ\s+quản\s*:",
        r"chịu\s+trách\s+nhiệm(?:\s+chính|\s+nội\s+dung)?\s*:",
        r"giấy\s+phép\s+(?:số|xuất\s+bản|thiết\s+lập)",
        r"thiết\s+kế(?:\s+và\s+phát\s+triển)?\s+bởi", r"ghi\s+rõ\s+nguồn", r"powered\s+by",
    )),
    # the legal portal's loading notices
    rf"đang\s+tải\s+văn\s+bản{_ANYTHING}",
    rf"văn\s+bản\s+này\s+chưa\s+cập\s+nhật\s+nội\s+dung{_ANYTHING}",
    rf"click\s+vào\s+phần\s+bôi\s+vàng{_ANYTHING}",
)
#: Menu words: chrome only in a run of menu lines (alone they may be document text).
NAV_PHRASES: tuple[str, ...] = (
    r"giới\s+thiệu", r"tin\s+tức(?:\s*[-–]\s*sự\s+kiện)?", r"sự\s+kiện",
    r"văn\s+bản(?:\s+pháp\s+luật|\s+chỉ\s+đạo(?:\s+điều\s+hành)?|\s+mới)?",
    r"thủ\s+tục\s+hành\s+chính", r"dịch\s+vụ\s+công(?:\s+trực\s+tuyến)?", r"liên\s+hệ",
    r"hỏi\s+đáp", r"sơ\s+đồ\s+(?:cổng|site|trang)",
    r"lịch\s+công\s+tác", r"thông\s+báo", r"tuyên\s+truyền", r"công\s+khai\s+ngân\s+sách",
    r"tổ\s+chức\s+bộ\s+máy", r"cơ\s+cấu\s+tổ\s+chức", r"chức\s+năng\s+nhiệm\s+vụ",
    r"thư\s+viện\s+(?:ảnh|video)", r"hình\s+ảnh", r"video", r"podcast", r"rss", r"english",
    r"tiếng\s+việt", r"góp\s+ý", r"danh\s+bạ",
)
#: A counter or listing label alone on its line; the number or date on the next line goes with it.
LABEL_PHRASES: tuple[str, ...] = (
    "hôm nay", "hôm qua", "tuần này", "tuần trước", "tháng này", "tháng trước", "năm nay", "tất cả",
    "đang truy cập", "lượt truy cập", "lượt xem", "ban hành", "cập nhật",
)
_LABEL_END = r"\s*:?"
#: The legal portal's boiler-plate block before the document: start and end markers.
_BLOCK_START_PHRASE = "bản dịch này thuộc quyền sở hữu"
_BLOCK_END = re.compile(r"(?i)^(?:đang tải văn bản|click vào phần bôi vàng)")
#: Separator rules ("-------", "______", "* * *") are layout, not text.
_RULE = re.compile(r"^(?:[-_=~*.·•—–]\s*){3,}$")
_RULE_CHARS = "-_=~*.·•—–"
#: The legal portal's notices, chrome wherever they stand in a line. Searched on their own rather
#: than as ".*notice.*" phrases, which made every line pay a backtracking scan.
_PORTAL_NOTICE = re.compile(r"(?i)thư\s+viện\s+pháp\s+luật|thuvienphapluat")
#: Every notice holds one of these, lower-cased (see ``_may_name_portal``).
_PORTAL_NEEDLES = ("viện", "vien")
_NUMBER_OR_DATE = re.compile(rf"^(?:[\d.,]+|{_DATE})$")

# ---------------------------------------------------------------- dispatch

#: Letters the regex engine folds differently from str.lower(): dotless ı and the long s match
#: "i" and "s" case-insensitively, and "İ".lower() is two characters.
_FOLD_EXCEPTIONS = {"İ": "i", "ı": "i", "ſ": "s"}
#: The key of lines starting with a digit (``\d``: any Unicode decimal digit).
DIGIT = "0"


def first_letter(line: str) -> str:
    """The key a line is filed under: its first character as the case-insensitive regex engine
    compares it ("Đ" and "đ" are "đ", every decimal digit is "0"); "" for an empty line.

    Example:
        >>> first_letter("Đăng lúc: 18/09/2020"), first_letter("18/09/2020"), first_letter("İn")
        ('đ', '0', 'i')
    """
    first = line[:1]
    if first.isdecimal():
        return DIGIT
    return _FOLD_EXCEPTIONS.get(first) or first.lower()


def _phrase_letter(phrase: str) -> str:
    return DIGIT if phrase.startswith(r"\d") else phrase[0]


def _by_letter(phrases: Iterable[str], flags: int, end: str) -> dict[str, re.Pattern[str]]:
    """One anchored alternation per first letter: ``^(?:phrases of that letter)<end>``."""
    filed: dict[str, list[str]] = {}
    for phrase in phrases:
        filed.setdefault(_phrase_letter(phrase), []).append(phrase)
    return {letter: re.compile(rf"^(?:{'|'.join(group)}){end}", flags)
            for letter, group in filed.items()}


#: Bits of what a line is on its own (``line_kind``); the neighbour rules combine them.
KIND_CHROME = 1  # a chrome phrase or portal notice
KIND_LABEL = 2  # a counter or listing label, chrome with the number or date after it
KIND_BLOCK_START = 4  # the start marker of the portal's boiler-plate block
KIND_NAV = 8  # a menu word, chrome in a run of menu lines
KIND_RULE = 16  # a separator rule

#: (bit, longest line tested, bits that rule the test out, match) for each first letter.
_Test = tuple[int, float, int, Callable[[str], re.Match[str] | None]]


def _tests() -> dict[str, tuple[_Test, ...]]:
    kinds: list[tuple[int, float, int, dict[str, re.Pattern[str]]]] = [
        (KIND_CHROME, CHROME_MAX_CHARS, 0, _by_letter(CHROME_PHRASES, re.I | re.X, "$")),
        (KIND_LABEL, LABEL_MAX_CHARS, 0, _by_letter(LABEL_PHRASES, re.I, _LABEL_END + "$")),
        (KIND_BLOCK_START, LABEL_MAX_CHARS, KIND_LABEL,
         _by_letter([_BLOCK_START_PHRASE], re.I, "")),
        (KIND_NAV, NAV_MAX_CHARS, 0, _by_letter(NAV_PHRASES, re.I | re.X, "$")),
        (KIND_RULE, float("inf"), 0, dict.fromkeys(_RULE_CHARS, _RULE)),
    ]
    tests: dict[str, list[_Test]] = {}
    for bit, max_chars, unless, patterns in kinds:
        for letter, pattern in patterns.items():
            tests.setdefault(letter, []).append((bit, max_chars, unless, pattern.match))
    return {letter: tuple(found) for letter, found in tests.items()}


_TESTS = _tests()
#: The tests of a line by its first character, filled as characters are met (a few dozen).
_TESTS_BY_CHAR: dict[str, tuple[_Test, ...]] = {}


def _tests_of(first: str) -> tuple[_Test, ...]:
    tests = _TESTS_BY_CHAR.get(first)
    if tests is None:
        tests = _TESTS_BY_CHAR[first] = _TESTS.get(first_letter(first), ())
    return tests


def line_kind(line: str, *, notice: bool | None = None) -> int:
    """The chrome tests that read the line alone, as ``KIND_*`` bits.

    ``notice`` says whether the line may name the legal portal, when the caller knows (see
    ``_line_kinds``); by default the line is searched.

    Example:
        >>> line_kind("Hôm nay:") == KIND_CHROME | KIND_LABEL, line_kind("Tuần này") == KIND_LABEL
        (True, True)
        >>> line_kind("Chia sẻ") == KIND_CHROME, line_kind("Liên hệ") == KIND_NAV
        (True, True)
        >>> line_kind("-----") == KIND_RULE
        True
    """
    kind = 0
    size = len(line)
    for bit, max_chars, unless, match in _tests_of(line[:1]):
        if size <= max_chars and not kind & unless and match(line):
            kind |= bit
    if (not kind & KIND_CHROME and size <= CHROME_MAX_CHARS
            and (notice if notice is not None else line in _may_name_portal([line]))
            and _PORTAL_NOTICE.search(line)):
        kind |= KIND_CHROME
    return kind


#: The kinds of one normalize_text call's lines, by line text. The second pass meets the lines of
#: the first again (and a page printed twice its lines twice): a dict look-up instead of the
#: patterns. Breaks and pipes are nothing.
LineKinds = dict[str, int]


def new_line_kinds() -> LineKinds:
    """An empty cache for one document (markers pre-filed as nothing).

    Example: ``normalize_text`` makes one and hands it to every pass of ``remove_chrome``, so
    "Hôm nay:" is classified once however many passes meet it.
    """
    return dict.fromkeys(NOT_TEXT, 0)


def _may_name_portal(lines: list[str]) -> set[str]:
    """The lines that may name the legal portal: short ones holding "viện" or "vien", any case.

    Both notices hold one of the two, and the regex engine folds their letters to the same ones
    as str.lower(), except "i", which dotless ı and İ also match: a text holding either is
    searched line by line. Otherwise one lower-casing and two substring scans of the joined
    lines find the few candidates, instead of a case-insensitive search per line.
    """
    short = [line for line in lines if len(line) <= CHROME_MAX_CHARS]
    joined = "\n".join(short)
    if "ı" in joined or "İ" in joined:
        return set(lines)
    low = joined.lower()  # same length: only İ lower-cases to two characters
    found = {line for line in short if "\n" in line}  # not a line of a text: searched as it is
    for needle in _PORTAL_NEEDLES:
        for at in _find_all(low, needle):
            end = joined.find("\n", at)
            found.add(joined[joined.rfind("\n", 0, at) + 1:end if end >= 0 else len(joined)])
    return found


def _find_all(text: str, needle: str) -> list[int]:
    found = []
    at = text.find(needle)
    while at >= 0:
        found.append(at)
        at = text.find(needle, at + 1)
    return found


def _line_kinds(lines: list[str], cache: LineKinds) -> list[int] | None:
    """``line_kind`` of every line, each distinct line computed once per document; None when no
    line has a kind (most texts: then the lines need not be looked up one by one)."""
    distinct = set(lines)
    new = list(distinct.difference(cache))
    if new:
        portal = _may_name_portal(new)
        for line in new:
            cache[line] = line_kind(line, notice=line in portal)
    if not any(map(cache.__getitem__, distinct)):
        return None
    return list(map(cache.__getitem__, lines))


def has_line_kinds(lines: list[str], cache: LineKinds) -> bool:
    """Whether any line has a chrome kind; without one, ``remove_chrome`` returns the lines as
    they are. New lines are classified into ``cache`` as ``remove_chrome`` would.

    Example: ``has_line_kinds(["Kế hoạch số 91/KH-UBND", "Chia sẻ"], new_line_kinds())`` -> True.
    """
    return _line_kinds(lines, cache) is not None


# ---------------------------------------------------------------- neighbours


def _next_text(lines: list[str], start: int) -> int | None:
    for j in range(start, len(lines)):
        if lines[j] not in BREAKS:
            return j
    return None


def _chrome_lines(lines: list[str], kinds: list[int], marked: list[int]) -> set[int]:
    """Which lines are chrome: known phrases, counter label + value pairs, boiler-plate blocks,
    runs of menu words. ``marked`` lists the lines of a nonzero kind."""
    chrome = {i for i in marked if kinds[i] & KIND_CHROME}
    for i in marked:
        if kinds[i] & KIND_LABEL:
            j = _next_text(lines, i + 1)
            if j is not None and _NUMBER_OR_DATE.match(lines[j]):
                chrome.update((i, j))
        elif kinds[i] & KIND_BLOCK_START:
            for j in range(i, min(i + CHROME_BLOCK_MAX_LINES, len(lines))):
                if _BLOCK_END.match(lines[j]):
                    chrome.update(range(i, j + 1))
                    break
    menu = [i for i in marked if kinds[i] & KIND_NAV]
    if menu:  # without menu words a run only holds chrome
        _add_menu_runs(lines, sorted(chrome.union(menu)), chrome)
    return chrome


def _add_menu_runs(lines: list[str], candidates: list[int], chrome: set[int]) -> None:
    """Menu words count as chrome in a run of NAV_MIN_RUN menu-or-chrome lines (breaks allowed).

    ``candidates`` are the menu and chrome lines in order; two of them are in one run when only
    breaks stand between them.
    """
    run = candidates[:1]
    for i in candidates[1:] + [len(lines)]:  # a sentinel ends the last run
        if i < len(lines) and all(lines[k] in BREAKS for k in range(run[-1] + 1, i)):
            run.append(i)
            continue
        if len(run) >= NAV_MIN_RUN:
            chrome.update(run)
        run = [i]


def remove_chrome(lines: list[str], stats: NormalizeStats, cache: LineKinds) -> list[str]:
    """Replace chrome lines and separator rules by hard breaks.

    Example: ``["Hôm nay:", "1", "Đăng lúc: 18/09/2020 14:18:37 (GMT+7)", "UỶ BAN NHÂN DÂN"]``
    -> ``[HARD, HARD, HARD, "UỶ BAN NHÂN DÂN"]``.
    """
    kinds = _line_kinds(lines, cache)
    if kinds is None:
        return lines
    marked = [i for i, kind in enumerate(kinds) if kind]
    chrome = _chrome_lines(lines, kinds, marked)
    stats.count_chrome(lines[i] for i in sorted(chrome))
    out = list(lines)
    for i in chrome.union(i for i in marked if kinds[i] & KIND_RULE):
        out[i] = HARD
    return out
