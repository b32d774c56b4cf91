"""Normalizer step 4 (chrome.py): web-page chrome out, document text kept."""

from __future__ import annotations

import doctest
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policykg.loaders import chrome
from policykg.loaders.breaks import HARD, NormalizeStats
from policykg.loaders.normalize import NormalizedText, normalize_text


def norm(raw: str) -> str:
    return normalize_text(raw).text


def codes(result: NormalizedText) -> list[str]:
    return [w.code for w in result.warnings]


CHROME_CASES = [
    # (id, raw, expected)
    ("visitor_counter_002", "Truy cập\n\nHôm nay:\n1\nHôm qua:\n0\nTất cả:\n217563\n\nCăn cứ Nghị quyết số 01-NQ/ĐU",
     "Căn cứ Nghị quyết số 01-NQ/ĐU"),
    ("posting_stamp_002", "Nguyễn Văn Truy\n\nĐăng lúc: 18/09/2020 14:18:37 (GMT+7)\n\nUỶ BAN NHÂN DÂN",
     "Nguyễn Văn Truy\n\n\nUỶ BAN NHÂN DÂN"),
    ("date_time_line_002", "Ngày 18/09/2020 14:18:37\n\nUỶ BAN NHÂN DÂN", "UỶ BAN NHÂN DÂN"),
    ("breadcrumb_and_actions", "Trang chủ > Văn bản > Kế hoạch\nChia sẻ\nIn bài\nKẾ HOẠCH", "KẾ HOẠCH"),
    ("menu_run", "Giới thiệu\nTin tức - Sự kiện\nThủ tục hành chính\nLiên hệ\nKẾ HOẠCH", "KẾ HOẠCH"),
    ("login_box", "Đăng nhập\nTên đăng nhập\nMật khẩu\nQuên mật khẩu\nKẾ HOẠCH", "KẾ HOẠCH"),
    ("portal_footer", "thực hiện./.\nBản quyền thuộc Cổng thông tin điện tử tỉnh\nCơ quan chủ quản: UBND tỉnh",
     "thực hiện./."),
    ("portal_banner_002", "Nguyễn Văn Truy\n\nCÔNG KHAI KQ GIẢI QUYẾT TTHC", "Nguyễn Văn Truy"),
    ("legal_portal_block",
     "Bản dịch này thuộc quyền sở hữu của\nTHƯ VIỆN PHÁP LUẬT. Mọi hành vi sao chép\nX\n"
     "Click vào phần bôi vàng để xem chi tiết.\nĐang tải văn bản...\nSố: 2629/QĐ-TTg", "Số: 2629/QĐ-TTg"),
    # when in doubt keep: a lone menu word, a plain date, "hôm nay" inside a sentence
    ("lone_menu_word_kept", "THÔNG BÁO\nKết luận của Chủ tịch", "THÔNG BÁO\nKết luận của Chủ tịch"),
    ("plain_date_kept", "Ngày 17/01/2025", "Ngày 17/01/2025"),
    ("sentence_kept", "Tính đến hôm nay: 95% hộ dân có nước sạch.", "Tính đến hôm nay: 95% hộ dân có nước sạch."),
]


@pytest.mark.parametrize("raw,expected", [c[1:] for c in CHROME_CASES], ids=[c[0] for c in CHROME_CASES])
def test_chrome(raw, expected):
    assert norm(raw) == expected


def test_chrome_warning_counts_lines():
    result = normalize_text("Hôm nay:\n1\nChia sẻ\nKẾ HOẠCH")
    (warning,) = result.warnings
    assert warning.code == "chrome_removed" and "3 lines" in warning.message


# ---------------------------------------------------------------- dispatch on the first letter

#: The chrome tests as single patterns, as they stood before the phrases were filed by first
#: letter: ``line_kind`` must answer exactly as these do.
_DATE = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?"
REFERENCE_CHROME_LINE = re.compile(
    rf"""(?ix)^(?:
        (?:số\s+)?(?:lượt\s+)?truy\s+cập(?:\s+hôm\s+nay)?\s*:?\s*[\d.,]*
      | (?:đang\s+(?:truy\s+cập|online)|online|lượt\s+xem|thống\s+kê\s+truy\s+cập)\s*:?\s*[\d.,]*
      | (?:hôm\s+nay|hôm\s+qua|tuần\s+này|tuần\s+trước|tháng\s+này|tháng\s+trước|năm\s+nay|tất\s+cả)
            \s*:\s*[\d.,]*
      | (?:đăng\s+lúc|ngày\s+đăng|đăng\s+ngày|cập\s+nhật(?:\s+lúc)?|ngày\s+cập\s+nhật|thời\s+gian\s+đăng)
            \s*:?\s*{_DATE}(?:\s*[-,|]?\s*{_TIME})?\s*(?:\(GMT\s*[+-]\s*\d+\))?
      | (?:ngày\s+)?{_DATE}\s*[-,|]?\s*{_TIME}\s*(?:\(GMT\s*[+-]\s*\d+\))?
      | trang\s+chủ(?:\s*[>»›/|].*)?
      | (?:chia\s+sẻ|in\s+bài|in\s+trang|bản\s+in|gửi\s+email|gửi\s+bài|lưu\s+bài|quay\s+lại|quay\s+về
          |(?:về|lên)\s+đầu\s+trang|xem\s+thêm|đọc\s+thêm|tải\s+về|tải\s+xuống|tải\s+văn\s+bản
          |đăng\s+nhập|đăng\s+ký|đăng\s+xuất|tên\s+đăng\s+nhập|mật\s+khẩu|quên\s+mật\s+khẩu
          |ghi\s+nhớ(?:\s+đăng\s+nhập)?|tìm\s+kiếm(?:\s+nâng\s+cao)?|bình\s+luận|ý\s+kiến\s+bạn\s+đọc
          |gửi\s+ý\s+kiến|facebook|zalo|twitter|tweet|like|share|print|email|in)\s*:?
      | (?:văn\s+bản|tin|bài\s+viết)\s+liên\s+quan|các\s+tin\s+khác|tin\s+cùng\s+chuyên\s+mục
      | liên\s+kết\s+website|công\s+khai\s+(?:kq|kết\s+quả)\s+giải\s+quyết\s+(?:tthc|thủ\s+tục\s+hành\s+chính)
      | (?:hiệu\s+lực|tình\s+trạng)\s*:\s*(?:đã\s+biết|đang\s+cập\s+nhật)
      | (?:bản\s+quyền\s+thuộc|copyright|©|cơ\s+quan\s+chủ\s+quản\s*:|chịu\s+trách\s+nhiệm
          (?:\s+chính|\s+nội\s+dung)?\s*:|giấy\s+phép\s+(?:số|xuất\s+bản|thiết\s+lập)|thiết\s+kế
          (?:\s+và\s+phát\s+triển)?\s+bởi|ghi\s+rõ\s+nguồn|powered\s+by).*
      | đang\s+tải\s+văn\s+bản.*|văn\s+bản\s+này\s+chưa\s+cập\s+nhật\s+nội\s+dung.*
      | click\s+vào\s+phần\s+bôi\s+vàng.*
    )$"""
)
REFERENCE_NOTICE = re.compile(r"(?i)thư\s+viện\s+pháp\s+luật|thuvienphapluat")
REFERENCE_NAV = re.compile(
    r"""(?ix)^(?:giới\s+thiệu|tin\s+tức(?:\s*[-–]\s*sự\s+kiện)?|sự\s+kiện|văn\s+bản(?:\s+pháp\s+luật
        |\s+chỉ\s+đạo(?:\s+điều\s+hành)?|\s+mới)?|thủ\s+tục\s+hành\s+chính|dịch\s+vụ\s+công(?:\s+trực\s+tuyến)?
        |liên\s+hệ|hỏi\s+đáp|sơ\s+đồ\s+(?:cổng|site|trang)|lịch\s+công\s+tác|thông\s+báo|tuyên\s+truyền
        |công\s+khai\s+ngân\s+sách|tổ\s+chức\s+bộ\s+máy|cơ\s+cấu\s+tổ\s+chức|chức\s+năng\s+nhiệm\s+vụ
        |thư\s+viện\s+(?:ảnh|video)|hình\s+ảnh|video|podcast|rss|english|tiếng\s+việt|góp\s+ý|danh\s+bạ)$"""
)
REFERENCE_LABEL = re.compile(
    r"(?i)^(?:hôm nay|hôm qua|tuần này|tuần trước|tháng này|tháng trước|năm nay|tất cả|đang truy cập"
    r"|lượt truy cập|lượt xem|ban hành|cập nhật)\s*:?$"
)
REFERENCE_BLOCK_START = re.compile(r"(?i)^bản dịch này thuộc quyền sở hữu")
REFERENCE_RULE = re.compile(r"^(?:[-_=~*.·•—–]\s*){3,}$")


def reference_kind(line: str) -> int:
    kind = 0
    if len(line) <= chrome.CHROME_MAX_CHARS and (REFERENCE_CHROME_LINE.match(line) or REFERENCE_NOTICE.search(line)):
        kind |= chrome.KIND_CHROME
    if len(line) <= chrome.LABEL_MAX_CHARS:
        if REFERENCE_LABEL.match(line):
            kind |= chrome.KIND_LABEL
        elif REFERENCE_BLOCK_START.match(line):
            kind |= chrome.KIND_BLOCK_START
    if len(line) <= chrome.NAV_MAX_CHARS and REFERENCE_NAV.match(line):
        kind |= chrome.KIND_NAV
    if REFERENCE_RULE.match(line):
        kind |= chrome.KIND_RULE
    return kind


_PHRASE_WORDS = sorted({word for phrase in chrome.CHROME_PHRASES + chrome.NAV_PHRASES + chrome.LABEL_PHRASES
                        for word in re.findall(r"[^\W\d_]{2,}", phrase)}
                       | {"thư", "viện", "pháp", "luật", "thuvienphapluat", "bản", "dịch", "này", "thuộc",
                          "quyền", "sở", "hữu", "GMT", "PM"})
_CASED_WORDS = st.sampled_from(_PHRASE_WORDS).flatmap(
    lambda w: st.sampled_from([w, w.upper(), w.capitalize(), w.replace("i", "ı"), w.replace("s", "ſ")]))
_TAILS = st.sampled_from(["", ":", ": 12", " : 1.234,5", " 18/09/2020", " 18/09/2020 14:18:37 (GMT+7)",
                          " > Văn bản", ".*", " -", "  ", "x", "١٢", "—"])
CHROME_LIKE_LINES = st.one_of(
    st.tuples(st.lists(_CASED_WORDS, min_size=1, max_size=6), _TAILS).map(lambda t: " ".join(t[0]) + t[1]),
    st.tuples(st.sampled_from(["", "1", "12/", "İ", "K", "©", "-", "* ", "—"]), st.text(max_size=20)).map("".join),
    st.lists(st.sampled_from(["thư", "viện", "pháp", "luật", "\n", " ", "\t", "THƯ VIỆN"]), max_size=8).map("".join),
    st.text(st.sampled_from(list("-_=~*.·•—– \t")), max_size=8),
)


@settings(max_examples=800, deadline=None)
@given(CHROME_LIKE_LINES)
def test_line_kind_answers_as_the_single_patterns(line):
    assert chrome.line_kind(line) == reference_kind(line)


@pytest.mark.parametrize("line", [
    "Hôm nay: 1", "Đăng lúc: 18/09/2020 14:18:37 (GMT+7)", "18/09/2020 14:18", "Trang chủ > Văn bản",
    "THƯ VIỆN PHÁP LUẬT", "Bản quyền thuộc Sở Tư pháp", "© 2020 UBND tỉnh", "Liên hệ", "Tuần trước",
    "Bản dịch này thuộc quyền sở hữu của", "* * *", "Tính đến hôm nay: 95% hộ dân có nước sạch.",
])
def test_line_kind_on_real_lines(line):
    assert chrome.line_kind(line) == reference_kind(line)


def test_first_letter_folds_case_as_the_regex_engine_does():
    """A phrase starting with letter L matches a line only if the line's first character is L
    to the case-insensitive engine; ``first_letter`` must file every character so. Case
    mappings to and from the letters the phrases start with all lie in the Basic Multilingual
    Plane; decimal digits are checked over every code point."""
    plane = "".join(chr(code) for code in range(0x10000) if not 0xD800 <= code <= 0xDFFF)
    filed: dict[str, set[str]] = {}
    for char in plane:
        filed.setdefault(chrome.first_letter(char), set()).add(char)
    for letter in set(chrome._TESTS) - {chrome.DIGIT}:
        assert set(re.findall("(?i)" + re.escape(letter), plane)) == filed[letter], letter
    everything = plane + "".join(map(chr, range(0x10000, 0x110000)))
    digits = set(re.findall(r"\d", everything))
    assert digits == {char for char in everything if char.isdecimal()}
    assert all(chrome.first_letter(char) == chrome.DIGIT for char in digits)


def _first_items(parsed) -> list:
    """The parse-tree items a match of ``parsed`` can start with (optional items looked through)."""
    items = []
    for op, arg in parsed:
        name = str(op)
        if name == "SUBPATTERN":
            items += _first_items(arg[-1])
        elif name == "BRANCH":
            for branch in arg[1]:
                items += _first_items(branch)
        elif name in ("MAX_REPEAT", "MIN_REPEAT"):
            items += _first_items(arg[2])
            if arg[0] > 0:
                return items
            continue
        elif name == "AT":
            continue
        else:
            return items + [(name, arg)]
    return items


@pytest.mark.parametrize("phrase", chrome.CHROME_PHRASES + chrome.NAV_PHRASES + chrome.LABEL_PHRASES
                         + (chrome._BLOCK_START_PHRASE,))
def test_every_phrase_starts_with_the_letter_it_is_filed_under(phrase):
    import re._parser as sre_parse

    letter = chrome._phrase_letter(phrase)
    firsts = _first_items(sre_parse.parse(phrase, re.I | re.X))
    if letter == chrome.DIGIT:
        assert firsts == [("IN", [(sre_parse.CATEGORY, sre_parse.CATEGORY_DIGIT)])]
    else:
        assert firsts == [("LITERAL", ord(letter))]


@pytest.mark.parametrize("line", ["Thư viện pháp luật", "THƯ VIỆN PHÁP LUẬT", "Nguồn: thuvienphapluat.vn",
                                  "THUVIENPHAPLUAT", "thư  viện\tpháp luật", "thư\nviện pháp luật"])
def test_portal_notices_are_candidates(line):
    assert chrome._may_name_portal([line, "Kế hoạch"]) >= {line}
    assert chrome.line_kind(line) & chrome.KIND_CHROME


def test_portal_needles_fold_as_the_regex_engine_does():
    everything = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
    for letter in set("".join(chrome._PORTAL_NEEDLES)) - {"i"}:
        assert {c for c in re.findall("(?i)" + letter, everything)} == {c for c in everything if c.lower() == letter}
    assert set(re.findall("(?i)i", everything)) == {"i", "I", "ı", "İ"}  # the two _may_name_portal steps round


def test_remove_chrome_replaces_lines_by_hard_breaks():
    stats = NormalizeStats()
    lines = ["Hôm nay:", "1", "Đăng lúc: 18/09/2020 14:18:37 (GMT+7)", "-----", "UỶ BAN NHÂN DÂN"]
    assert chrome.remove_chrome(lines, stats, chrome.new_line_kinds()) == [HARD, HARD, HARD, HARD, "UỶ BAN NHÂN DÂN"]
    assert stats.chrome_lines == 3  # the rule is layout, not chrome


def test_docstring_examples_run():
    result = doctest.testmod(chrome)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize(("lines", "found"), [
    pytest.param(["Kế hoạch số 91/KH-UBND", "Chia sẻ"], True, id="page-action"),
    pytest.param(["Kế hoạch số 91/KH-UBND", "-------"], True, id="separator-rule"),
    pytest.param(["Liên hệ"], True, id="menu-word-alone"),
    pytest.param(["Kế hoạch số 91/KH-UBND", HARD, "Tính đến hôm nay: 95% hộ dân có nước sạch."], False,
                 id="body-text"),
])
def test_has_line_kinds(lines, found):
    cache = chrome.new_line_kinds()
    assert chrome.has_line_kinds(lines, cache) is found
    if not found:
        assert chrome.remove_chrome(lines, NormalizeStats(), cache) == lines
