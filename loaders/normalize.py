"""Normalize a decoded document into the one text every span of its Record points into.

The readers hand over Unicode as the source had it: a Word export with hard line wraps (sample
001), a web page with visitor counters and the whole document printed twice (002, 003), Markdown
scraped from a legal portal with bold markers split across lines and header tables flattened into
lone ``|`` lines (the dev corpus). ``normalize_text`` turns that into plain running text, one
paragraph or heading per line, and moves the portal's metadata table ("Số hiệu | 01/CTr-UBND")
into ``metadata``.

Decisions:

* **Deterministic and idempotent.** Spans are offsets into the output, so the output depends on
  the input only. The line rules are local heuristics, and joining two lines can make the joined
  line meet another rule; so the body pipeline is re-run on its own output until it stops
  changing (``MAX_PASSES``, in practice the second pass is a no-op). ``normalize_text(t).text``
  is a fixed point.
* **Two strengths of break.** One blank line is a *soft* break: a paragraph boundary that a wrap
  may still cross (sample 004 wraps "phát triển kinh" / blank / "tế - xã hội"). Two blank lines
  are a *hard* break, never crossed: table cells, removed chrome, removed duplicates, separator
  rules. The output keeps the distinction (one or two blank lines), so a second pass decides alike.
* **Conservative.** A line is chrome only when it matches a known portal phrase ("Đăng lúc",
  "Hôm nay:" + a counter, "Trang chủ", "Chia sẻ", …); ambiguous menu words ("Giới thiệu",
  "Liên hệ") only in a run of menu lines. When in doubt the line stays.
* **Headings are not merged.** A wrap is repaired only when the next line does not start a
  heading or list item (``HEADING_START``) and the previous line does not end a sentence; a
  short numbered heading is not continued by a capitalised line, and an upper-case title line
  only by a wrapped upper-case fragment. The one exception is a dash compound wrapped before its
  dash ("nông - lâm" / "- ngư và …"), recognised by the lower-case word after the dash. A missed
  join leaves a line break inside a sentence, which the extractors tolerate; a wrong join would
  hide a heading from the section parser.
* **Metadata values as written** ("17/01/2025", "Tỉnh Vĩnh Phúc"): parse.py reads and completes
  them; the table rows leave the body. Only the first pass reads metadata.
* **Tables.** A row of three or more cells (an appendix task table) becomes one line with the
  cells joined by `` ; ``, so a task keeps its lead agency and deadline; smaller rows (the
  two-column header of every administrative document) keep one cell per block, as printed.
* **Repeated text** is found with line hashes in one linear scan (runs of equal lines between an
  earlier and a later position); the longer copy is kept, the other dropped with a warning.
* Pure: text in, values out; no I/O.

Example:
    >>> n = normalize_text("Số hiệu | 01/CTr-UBND |\\nCăn cứ Kết luận số 92-KL/TW ngày\\n"
    ...                    "05/11/2020 của Bộ Chính trị;")
    >>> n.text
    'Căn cứ Kết luận số 92-KL/TW ngày 05/11/2020 của Bộ Chính trị;'
    >>> n.metadata
    {'symbol': '01/CTr-UBND'}
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from policykg.loaders.record import RecordWarning

# ---------------------------------------------------------------- thresholds

#: Upper bound of body passes run to reach a fixed point (the second one normally changes nothing).
MAX_PASSES = 4
#: Vietnamese-only letters a text needs before the Icelandic look-alikes Ð/ð are read as Đ/đ.
VIETNAMESE_MIN_MARKS = 3
#: A line is an upper-case title line when it has at least this many letters, all upper case
#: (two: "VỀ" is a title fragment).
UPPER_MIN_LETTERS = 2
#: An upper-case line at least this long was wrapped by width: the next upper-case line continues it
#: ("THỰC HIỆN KẾT LUẬN SỐ 92-KL/TW … CỦA BỘ CHÍNH TRỊ, KẾ HOẠCH" / "SỐ 41-KH/TU …").
UPPER_WRAP_MIN_CHARS = 45
#: An upper-case line of at most this many words is a wrapped fragment ("CỘNG" / "HÒA XÃ HỘI …",
#: "TM. ỦY BAN NHÂN" / "DÂN"): no type word or header line is a single syllable.
ORPHAN_MAX_WORDS = 1
#: A row of at least this many cells is a data row and becomes one line joined by ``CELL_JOINER``.
TABLE_ROW_MIN_CELLS = 3
#: A "cell" longer than this is body text between two unrelated pipes, not a table cell.
TABLE_CELL_MAX_CHARS = 1500
CELL_JOINER = " ; "
#: Metadata labels are short ("Cơ quan ban hành:"); longer cells are not looked up.
METADATA_LABEL_MAX_CHARS = 40
#: A metadata value spans at most this many lines between its pipes.
METADATA_VALUE_MAX_LINES = 3
#: Chrome lines are short: longer lines are not matched against the chrome phrases …
CHROME_MAX_CHARS = 200
#: … nor menu words and counter labels against these shorter bounds.
NAV_MAX_CHARS = 40
LABEL_MAX_CHARS = 40
#: Ambiguous menu words are chrome only in a run of at least this many menu lines.
NAV_MIN_RUN = 3
#: A portal's boiler-plate block (start marker … end marker) is dropped only if this short.
CHROME_BLOCK_MAX_LINES = 40
#: A "related documents" Markdown heading cuts the rest of the page only past this share of it.
TRAILER_MIN_POSITION = 0.5
#: A repeated block next to its other copy must hold at least this share of the text's characters
#: to count as the document printed twice (003's cut first copy is 10.6 %; 000's title repeated in
#: its preamble, one line, is far below) …
DUPLICATE_MIN_SHARE = 0.05
#: … or this share when other page text stands between the two copies …
DUPLICATE_MIN_SHARE_APART = 0.3
#: … and at least this many lines and characters.
DUPLICATE_MIN_LINES = 4
DUPLICATE_MIN_CHARS = 400
#: Lines after the dropped copy's shared part that are dropped with it (its cut-off tail).
DUPLICATE_TAIL_MAX_LINES = 3
#: Repeated blocks removed at most this many times (a page may print the text three times).
DUPLICATE_MAX_ROUNDS = 4

# ---------------------------------------------------------------- result


@dataclass(frozen=True)
class NormalizedText:
    """The normalized text, the metadata-table fields, and what the normalizer changed.

    Example (sample 003, abridged)::

        NormalizedText(text="ỦY BAN NHÂN DÂN\\n\\n\\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM …",
                       metadata={"symbol": "01/CTr-UBND", "issued": "17/01/2025",
                                 "issuer": "Tỉnh Vĩnh Phúc", "signer": "Trần Duy Đông", …},
                       warnings=(RecordWarning(code="metadata_table", …),
                                 RecordWarning(code="duplicate_text_removed", …)))
    """

    text: str
    metadata: dict[str, str] = field(default_factory=dict)
    warnings: tuple[RecordWarning, ...] = ()


@dataclass
class _Stats:
    """Counts of what the passes changed; turned into warnings once at the end."""

    lookalikes: int = 0
    chrome_lines: int = 0
    chrome_chars: int = 0
    metadata_fields: list[str] = field(default_factory=list)
    table_rows: int = 0
    duplicate_chars: int = 0
    duplicate_rounds: int = 0


# ---------------------------------------------------------------- 1. characters

#: Line ends other than "\n" and "\r" (which str.replace handles faster).
_RARE_LINE_ENDS = re.compile(r"[\u2028\u2029\x0b\x0c\x85]")
#: Space-like characters (NBSP, tabs, thin and ideographic spaces) become one ASCII space.
_SPACES = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
#: Invisible characters (zero-width, BOM, soft hyphen) and C0/C1 controls other than "\n".
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x09\x0e-\x1f\x7f-\x9f]")
#: Any character one of the three patterns above replaces: one scan tells whether any of the three
#: substitutions has work to do (a clean text, such as every second pass, skips all three).
_SPECIAL = re.compile(
    r"[\u2028\u2029\x0b\x0c\x85\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
    r"\u200b-\u200d\u2060\ufeff\u00ad\x00-\x09\x0e-\x1f\x7f-\x9f]"
)
#: Two spaces or more. Written with a two-space literal prefix (not "  +", whose prefix is one
#: space) so that the regex engine skips ahead with a fast substring search.
_RUNS_OF_SPACES = re.compile(r"  [ ]*")
#: Letters only Vietnamese uses: ă â đ ê ô ơ ư and the precomposed tone-marked block.
_VIETNAMESE_MARK = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")
_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})  # Ð ð (Icelandic eth) -> Đ đ


def _clean_characters(raw: str, stats: _Stats) -> str:
    """NFC, one kind of line end and space, no invisible characters, Đ for its look-alike.

    Example: ``"Số:\\u00a091/QÐ-UBND\\r\\n"`` -> ``"Số: 91/QĐ-UBND\\n"`` (in a Vietnamese text).
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    special = _SPECIAL.search(text) is not None
    if special:
        text = _RARE_LINE_ENDS.sub("\n", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
        special = _SPECIAL.search(text) is not None  # NFC maps U+2000/U+2001 to other spaces
    if special:
        text = _INVISIBLE.sub("", _SPACES.sub(" ", text))
    if ("\u00d0" in text or "\u00f0" in text) and len(_VIETNAMESE_MARK.findall(text)) >= VIETNAMESE_MIN_MARKS:
        stats.lookalikes += text.count("\u00d0") + text.count("\u00f0")
        text = text.translate(_LOOKALIKES)
    return text


def _tidy_spaces(text: str) -> list[str]:
    """One space between words, none at line edges; the lines."""
    if "  " in text:
        text = _RUNS_OF_SPACES.sub(" ", text)
    return text.replace(" \n", "\n").replace("\n ", "\n").strip(" ").split("\n")


# ---------------------------------------------------------------- break markers

#: A hard break: never crossed by a wrap repair. Control characters are gone after step 1, so the
#: marker cannot collide with text.
HARD = "\x00"
SOFT = ""
PIPE = "|"
_BREAKS = frozenset({SOFT, HARD})
_NOT_TEXT = frozenset({SOFT, HARD, PIPE})


def _read_breaks(lines: list[str]) -> list[str]:
    """Runs of two or more blank lines are hard breaks (the form the output writes them in)."""
    out: list[str] = []
    for line in lines:
        if line == SOFT and out and out[-1] in _BREAKS:
            out[-1] = HARD
        else:
            out.append(line)
    return out


# ---------------------------------------------------------------- 2. Markdown

# The patterns below run on the text framed by "\n" at both ends, so that every line starts
# after a literal "\n": a pattern starting with a literal is searched fast, "(?m)^" is not.

#: A line of markup only ("**", "** **", "#"): it carries no text and no layout, so it goes
#: with its line end (a bold marker split onto its own line must not become a paragraph break).
_MARKUP_ONLY_LINE = re.compile(r"\n[ ]*[*#][*# ]*(?=\n)")
#: … and between two blank lines it goes with one of them ("\n\n** **\n\n" is one blank line).
_MARKUP_ONLY_PARAGRAPH = re.compile(r"\n\n[ ]*[*#][*# ]*(?=\n\n)")
#: Markdown heading markers: "## Văn bản liên quan" -> "Văn bản liên quan".
_MD_HEADING = re.compile(r"\n[ ]*#{1,6}(?:[ ]+#{1,6})*(?:[ ]+|(?=\n))")
#: A run of stars, written as a literal star then more ("[*]+" or "\*+" have no literal prefix, so
#: the engine would try every position; a literal prefix is found by fast substring search).
_STARS = re.compile(r"\*[*]*")
_FOOTNOTE = re.compile(r"\[\^(\w{1,6})\]:?")  # "[^1]" and "[^1]:" -> "[1]" (the printed form)
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")
#: A Markdown heading that opens a portal's "related documents" trailer.
_TRAILER = re.compile(
    r"\n[ ]*#{1,6}[ ]+(?i:văn bản liên quan|tin liên quan|bài viết liên quan|các tin khác|tin khác"
    r"|tin cùng chuyên mục)[ ]*(?=\n)"
)


def _unstar(match: re.Match) -> str:
    """Drop a run of bold/italic stars, but keep the footnote marks "(*)", "(**)" and the star of
    a "* item" bullet at a line start."""
    text, start, end = match.string, match.start(), match.end()
    before, after = text[start - 1:start], text[end:end + 1]
    if before == "(" and after == ")":
        return match.group()
    if end - start == 1 and before == "\n" and after == " " and text[end + 1:end + 2] not in ("*", " ", "\n", ""):
        return match.group()
    return ""


def _strip_markdown(text: str, stats: _Stats) -> str:
    """Drop emphasis and heading markers, keep the text; cut a trailing "related documents" list.

    Example: ``"**I. MỤC ĐÍCH,\\nYÊU CẦU**\\n**\\n*Căn cứ Luật Dữ liệu;*"`` ->
    ``"I. MỤC ĐÍCH,\\nYÊU CẦU\\nCăn cứ Luật Dữ liệu;"``.
    """
    framed = f"\n{text}\n"
    if "#" in framed:
        for match in _TRAILER.finditer(framed):
            if match.start() >= TRAILER_MIN_POSITION * len(framed):
                _count_chrome(stats, framed[match.start():].split("\n"))
                framed = framed[:match.start()] + "\n"
                break
    if "*" in framed or "#" in framed:
        framed = _MARKUP_ONLY_LINE.sub("", _MARKUP_ONLY_PARAGRAPH.sub("", framed))
        framed = _MD_HEADING.sub("\n", framed)
        framed = _STARS.sub(_unstar, framed)
    if "[^" in framed:
        framed = _FOOTNOTE.sub(r"[\1]", framed)
    if "\\" in framed:
        framed = _ESCAPED.sub(r"\1", framed)
    return framed[1:-1]


# ---------------------------------------------------------------- 3. metadata tables

#: Metadata-table labels (lower case, no colon) and the canonical key each fills.
METADATA_KEYS: dict[str, str] = {
    "số hiệu": "symbol", "số ký hiệu": "symbol", "số, ký hiệu": "symbol", "ký hiệu": "symbol",
    "loại văn bản": "doc_type", "hình thức văn bản": "doc_type",
    "cơ quan ban hành": "issuer", "nơi ban hành": "issuer", "đơn vị ban hành": "issuer",
    "người ký": "signer", "chức danh": "signer_title", "chức vụ": "signer_title",
    "ngày ban hành": "issued", "ngày có hiệu lực": "effective", "ngày hiệu lực": "effective",
    "ngày hết hiệu lực": "expires", "tình trạng": "status", "tình trạng hiệu lực": "status",
    "trích yếu": "title", "trích yếu nội dung": "title", "tiêu đề": "title", "tên văn bản": "title",
    "lĩnh vực": "field", "lĩnh vực, ngành": "field", "ngày công báo": "gazette_date",
    "ngày đăng công báo": "gazette_date", "số công báo": "gazette_number", "nguồn thu thập": "source",
}
#: Values a portal prints instead of the field (hidden to visitors, or not yet known).
PLACEHOLDER_VALUES = frozenset({"", "đang cập nhật", "đã biết", "không có", "...", "…", "-", "--"})


def _metadata_key(cell: str) -> str | None:
    return METADATA_KEYS.get(" ".join(cell.rstrip(": ").split()).lower())


def _keep_value(metadata: dict[str, str], key: str, value: str, stats: _Stats) -> None:
    value = " ".join(value.split())
    if value.lower() not in PLACEHOLDER_VALUES and key not in metadata:
        metadata[key] = value
        stats.metadata_fields.append(key)


def _inline_metadata(line: str, metadata: dict[str, str], stats: _Stats) -> str:
    """Take ``label | value`` pairs out of a pipe row; return what is left of the row (or HARD).

    Example: ``"Số hiệu | 01/CTr-UBND | Loại văn bản | Văn bản khác |"`` -> ``HARD``, and
    metadata gains ``symbol`` and ``doc_type``.
    """
    cells = [cell.strip() for cell in line.split(PIPE)]
    left: list[str] = []
    i = 0
    while i < len(cells):
        key = _metadata_key(cells[i])
        if key and i + 1 < len(cells):
            _keep_value(metadata, key, cells[i + 1], stats)
            i += 2
        else:
            left.append(cells[i])
            i += 1
    if len(left) == len(cells):  # no label in the row: a body table row, left as it is
        return line
    if not any(left):
        return HARD
    return f" {PIPE} ".join(cell for cell in left if cell) + f" {PIPE}"


def _vertical_value(lines: list[str], start: int) -> int | None:
    """End (exclusive) of the value cell starting at ``start``, if a pipe closes it soon."""
    for end in range(start, min(start + METADATA_VALUE_MAX_LINES, len(lines)) + 1):
        if end == len(lines) or lines[end] == PIPE:
            return end if end > start else None
        if lines[end] in _BREAKS:
            return None
    return None


def _extract_metadata(lines: list[str], stats: _Stats) -> tuple[list[str], dict[str, str]]:
    """Move metadata-table fields out of the body, inline (``Số hiệu | 01/CTr-UBND |``) or
    flattened one cell per line (``Số hiệu:`` / ``|`` / ``2629/QĐ-TTg`` / ``|``)."""
    metadata: dict[str, str] = {}
    out = list(lines)
    for i, line in enumerate(lines):
        if PIPE in line and line != PIPE:
            out[i] = _inline_metadata(line, metadata, stats)
        elif (i + 2 < len(lines) and lines[i + 1] == PIPE and line not in _NOT_TEXT
              and len(line) <= METADATA_LABEL_MAX_CHARS and (key := _metadata_key(line))):
            end = _vertical_value(lines, i + 2)
            if end is not None:
                _keep_value(metadata, key, " ".join(lines[i + 2:end]), stats)
                out[i:end] = [HARD] * (end - i)
    return out, metadata


# ---------------------------------------------------------------- 4. web chrome

_DATE = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}"
_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?"
#: A whole line that is page furniture, never document text.
CHROME_LINE = re.compile(
    rf"""(?ix)^(?:
        (?:số\s+)?(?:lượt\s+)?truy\s+cập(?:\s+hôm\s+nay)?\s*:?\s*[\d.,]*      # visitor counter title
      | (?:đang\s+(?:truy\s+cập|online)|online|lượt\s+xem|thống\s+kê\s+truy\s+cập)\s*:?\s*[\d.,]*
      | (?:hôm\s+nay|hôm\s+qua|tuần\s+này|tuần\s+trước|tháng\s+này|tháng\s+trước|năm\s+nay|tất\s+cả)
            \s*:\s*[\d.,]*                                                    # counter rows "Hôm nay: 1"
      | (?:đăng\s+lúc|ngày\s+đăng|đăng\s+ngày|cập\s+nhật(?:\s+lúc)?|ngày\s+cập\s+nhật|thời\s+gian\s+đăng)
            \s*:?\s*{_DATE}(?:\s*[-,|]?\s*{_TIME})?\s*(?:\(GMT\s*[+-]\s*\d+\))?  # posting stamp
      | (?:ngày\s+)?{_DATE}\s*[-,|]?\s*{_TIME}\s*(?:\(GMT\s*[+-]\s*\d+\))?   # "Ngày 18/09/2020 14:18:37"
      | trang\s+chủ(?:\s*[>»›/|].*)?                                        # home link, breadcrumb
      | (?:chia\s+sẻ|in\s+bài|in\s+trang|bản\s+in|gửi\s+email|gửi\s+bài|lưu\s+bài|quay\s+lại|quay\s+về
          |(?:về|lên)\s+đầu\s+trang|xem\s+thêm|đọc\s+thêm|tải\s+về|tải\s+xuống|tải\s+văn\s+bản
          |đăng\s+nhập|đăng\s+ký|đăng\s+xuất|tên\s+đăng\s+nhập|mật\s+khẩu|quên\s+mật\s+khẩu
          |ghi\s+nhớ(?:\s+đăng\s+nhập)?|tìm\s+kiếm(?:\s+nâng\s+cao)?|bình\s+luận|ý\s+kiến\s+bạn\s+đọc
          |gửi\s+ý\s+kiến|facebook|zalo|twitter|tweet|like|share|print|email|in)\s*:?  # page actions
      | (?:văn\s+bản|tin|bài\s+viết)\s+liên\s+quan|các\s+tin\s+khác|tin\s+cùng\s+chuyên\s+mục
      | liên\s+kết\s+website|công\s+khai\s+(?:kq|kết\s+quả)\s+giải\s+quyết\s+(?:tthc|thủ\s+tục\s+hành\s+chính)
      | (?:hiệu\s+lực|tình\s+trạng)\s*:\s*(?:đã\s+biết|đang\s+cập\s+nhật)      # portal listing rows
      | (?:bản\s+quyền\s+thuộc|copyright|©|cơ\s+quan\s+chủ\s+quản\s*:|chịu\s+trách\s+nhiệm
          (?:\s+chính|\s+nội\s+dung)?\s*:|giấy\s+phép\s+(?:số|xuất\s+bản|thiết\s+lập)|thiết\s+kế
          (?:\s+và\s+phát\s+triển)?\s+bởi|ghi\s+rõ\s+nguồn|powered\s+by).*      # portal footer
      | đang\s+tải\s+văn\s+bản.*|văn\s+bản\s+này\s+chưa\s+cập\s+nhật\s+nội\s+dung.*
      | click\s+vào\s+phần\s+bôi\s+vàng.*
    )$"""
)
#: The legal portal's notices, chrome wherever they stand in a line. Searched on their own rather
#: than as ".*notice.*" alternatives of CHROME_LINE, which made every line pay a backtracking scan.
_PORTAL_NOTICE = re.compile(r"(?i)thư\s+viện\s+pháp\s+luật|thuvienphapluat")
#: Menu words that are chrome only in a run of menu lines (alone they may be document text).
NAV_ITEM = re.compile(
    r"""(?ix)^(?:giới\s+thiệu|tin\s+tức(?:\s*[-–]\s*sự\s+kiện)?|sự\s+kiện|văn\s+bản(?:\s+pháp\s+luật
        |\s+chỉ\s+đạo(?:\s+điều\s+hành)?|\s+mới)?|thủ\s+tục\s+hành\s+chính|dịch\s+vụ\s+công(?:\s+trực\s+tuyến)?
        |liên\s+hệ|hỏi\s+đáp|sơ\s+đồ\s+(?:cổng|site|trang)|lịch\s+công\s+tác|thông\s+báo|tuyên\s+truyền
        |công\s+khai\s+ngân\s+sách|tổ\s+chức\s+bộ\s+máy|cơ\s+cấu\s+tổ\s+chức|chức\s+năng\s+nhiệm\s+vụ
        |thư\s+viện\s+(?:ảnh|video)|hình\s+ảnh|video|podcast|rss|english|tiếng\s+việt|góp\s+ý|danh\s+bạ)$"""
)
#: A counter or listing label alone on its line; the number or date on the next line goes with it.
_LABEL_ONLY = re.compile(
    r"(?i)^(?:hôm nay|hôm qua|tuần này|tuần trước|tháng này|tháng trước|năm nay|tất cả|đang truy cập"
    r"|lượt truy cập|lượt xem|ban hành|cập nhật)\s*:?$"
)
_NUMBER_OR_DATE = re.compile(rf"^(?:[\d.,]+|{_DATE})$")
#: The legal portal's boiler-plate block before the document: start and end markers.
_BLOCK_START = re.compile(r"(?i)^bản dịch này thuộc quyền sở hữu")
_BLOCK_END = re.compile(r"(?i)^(?:đang tải văn bản|click vào phần bôi vàng)")
#: Separator rules ("-------", "______", "* * *") are layout, not text.
_RULE = re.compile(r"^(?:[-_=~*.·•—–]\s*){3,}$")


def _count_chrome(stats: _Stats, removed: Iterable[str]) -> None:
    for line in removed:
        if line and line not in (HARD, PIPE):
            stats.chrome_lines += 1
            stats.chrome_chars += len(line)


#: Bits of what a line is on its own (``_line_kind``); the neighbour rules combine them.
_KIND_CHROME = 1  # a chrome phrase or portal notice
_KIND_LABEL = 2  # a counter or listing label, chrome with the number or date after it
_KIND_BLOCK_START = 4  # the start marker of the portal's boiler-plate block
_KIND_NAV = 8  # a menu word, chrome in a run of menu lines
_KIND_RULE = 16  # a separator rule
#: The kinds of one normalize_text call's lines, by line text. The second pass meets the lines of
#: the first again (and a page printed twice its lines twice): a dict look-up instead of the
#: patterns, of which CHROME_LINE alone costs microseconds a line. Breaks and pipes are nothing.
LineKinds = dict[str, int]


def _new_line_kinds() -> LineKinds:
    return dict.fromkeys(_NOT_TEXT, 0)


def _line_kind(line: str) -> int:
    """The chrome tests that read the line alone, as ``_KIND_*`` bits."""
    kind = 0
    if len(line) <= CHROME_MAX_CHARS and (CHROME_LINE.match(line) or _PORTAL_NOTICE.search(line)):
        kind |= _KIND_CHROME
    if len(line) <= LABEL_MAX_CHARS:
        if _LABEL_ONLY.match(line):
            kind |= _KIND_LABEL
        elif _BLOCK_START.match(line):
            kind |= _KIND_BLOCK_START
    if len(line) <= NAV_MAX_CHARS and NAV_ITEM.match(line):
        kind |= _KIND_NAV
    if _RULE.match(line):
        kind |= _KIND_RULE
    return kind


def _line_kinds(lines: list[str], cache: LineKinds) -> list[int]:
    """``_line_kind`` of every line, each distinct line computed once per call."""
    kinds = []
    for line in lines:
        kind = cache.get(line)
        if kind is None:
            kind = cache[line] = _line_kind(line)
        kinds.append(kind)
    return kinds


def _chrome_flags(lines: list[str], kinds: list[int]) -> list[bool]:
    """Which lines are chrome: known phrases, counter label + value pairs, boiler-plate blocks."""
    flags = [kind & _KIND_CHROME != 0 for kind in kinds]
    for i in [i for i, kind in enumerate(kinds) if kind & (_KIND_LABEL | _KIND_BLOCK_START)]:
        if kinds[i] & _KIND_LABEL:
            j = _next_text(lines, i + 1)
            if j is not None and _NUMBER_OR_DATE.match(lines[j]):
                flags[i] = flags[j] = True
        else:
            for j in range(i, min(i + CHROME_BLOCK_MAX_LINES, len(lines))):
                if _BLOCK_END.match(lines[j]):
                    flags[i:j + 1] = [True] * (j + 1 - i)
                    break
    if any(kind & _KIND_NAV for kind in kinds):  # without menu words a run only holds chrome
        _flag_menu_runs(lines, kinds, flags)
    return flags


def _flag_menu_runs(lines: list[str], kinds: list[int], flags: list[bool]) -> None:
    """Menu words count as chrome in a run of NAV_MIN_RUN menu-or-chrome lines (breaks allowed)."""
    run: list[int] = []
    for i, line in enumerate(lines + [PIPE]):  # a sentinel ends the last run
        if line in _BREAKS:
            continue
        if i < len(lines) and (flags[i] or kinds[i] & _KIND_NAV):
            run.append(i)
            continue
        if len(run) >= NAV_MIN_RUN:
            for j in run:
                flags[j] = True
        run = []


def _next_text(lines: list[str], start: int) -> int | None:
    for j in range(start, len(lines)):
        if lines[j] not in _BREAKS:
            return j
    return None


def _remove_chrome(lines: list[str], stats: _Stats, cache: LineKinds) -> list[str]:
    """Replace chrome lines and separator rules by hard breaks.

    Example: ``["Hôm nay:", "1", "Đăng lúc: 18/09/2020 14:18:37 (GMT+7)", "UỶ BAN NHÂN DÂN"]``
    -> ``[HARD, HARD, HARD, "UỶ BAN NHÂN DÂN"]``.
    """
    kinds = _line_kinds(lines, cache)
    flags = _chrome_flags(lines, kinds)
    _count_chrome(stats, (line for line, flag in zip(lines, flags) if flag))
    return [HARD if flag or kind & _KIND_RULE else line
            for line, flag, kind in zip(lines, flags, kinds)]


# ---------------------------------------------------------------- 5. hard wraps

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
      | (?:Chương|CHƯƠNG|Phần|PHẦN|Mục|MỤC)\s+(?:[IVXLC]{1,6}|\d{1,3}|thứ\s)  # "Chương II", "Phần thứ"
      | (?:Phụ\s+lục|PHỤ\s+LỤC)\b                     # appendix
      | (?:Căn\s+cứ|Xét\s+đề\s+nghị|Theo\s+đề\s+nghị|Thực\s+hiện|Triển\s+khai\s+thực\s+hiện)\b  # preamble
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


def _is_upper_line(line: str) -> bool:
    """An upper-case title line: starts with a letter, has UPPER_MIN_LETTERS letters, none lower case.

    Example: "I. MỤC TIÊU, CHỈ" -> True; "UBND tỉnh Vĩnh Phúc" -> False.
    """
    if not line[:1].isalpha() or line.upper() != line:
        return False
    for count, _ in enumerate(_LETTER.finditer(line), start=1):
        if count >= UPPER_MIN_LETTERS:
            return True
    return False


def _is_closed(line: str) -> bool:
    """Whether the line ends a sentence or heading: ". ; : ! ? …" (possibly before closing quotes
    and brackets), or the whole line is a parenthesised note "(Chi tiết có biểu kèm theo)".

    The closing marks are stripped rather than searched with a regex: the two sets are disjoint,
    so the last character left is the sentence end if there is one, and no position is retried.
    """
    tail = line[-TAIL_CHARS:]
    return (tail.rstrip(CLOSING_MARKS)[-1:] in SENTENCE_ENDS
            or (tail[:1] == "(" and tail[-1:] == ")"))


class _Joined:
    """The line being built from wrapped pieces. Only what the join rules read is kept up to date
    (its first piece, its tail and its length), so each join costs O(1) and a paragraph of n pieces
    costs O(n), not O(n²) as re-reading the growing string would. The word count and upper-case
    test are computed only when a rule asks (most lines follow a closed one and need neither).

    One object serves all the paragraphs of a text in turn (``restart``): only the last paragraph
    can still be continued, and a text of thousands of lines then allocates no object per line.
    """

    __slots__ = ("first", "parts", "tail", "length", "_upper")

    def restart(self, line: str) -> None:
        self.first = line
        self.parts: list[str] | None = None  # created by the first join
        self.tail = line[-TAIL_CHARS:]
        self.length = len(line)
        self._upper: bool | None = None

    def add(self, line: str) -> None:
        if self.parts is None:
            self.parts = [self.first]
        self.parts.append(line)
        self.tail = f"{self.tail} {line}"[-TAIL_CHARS:]
        self.length += len(line) + 1
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

    def closed(self) -> bool:
        return _is_closed(self.tail) or (self.first[:1] == "(" and self.tail[-1:] == ")")

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


def _joins(prev: _Joined, cur: str) -> bool:
    """Whether ``cur`` continues ``prev`` across a line end (no break between them).

    Examples: "Căn cứ Kết luận số 92-KL/TW ngày" + "05/11/2020 của Bộ Chính trị …" -> True;
    "2.1. Lĩnh vực người có công" + "- 100% Người có công …" -> False (a list item);
    "1.4. Hoàn thiện hệ thống kết cấu hạ tầng" + "Năm 2025 là năm cuối …" -> False.
    """
    first = cur[0]
    if HEADING_START.match(cur):
        # "… nông - lâm" + "- ngư và hoạt động …": a dash compound wrapped before its dash.
        return (_DASH_CONTINUATION.match(cur) is not None and cur[2:3].islower()
                and not prev.closed() and _DASH_COMPOUND_TAIL.search(prev.tail) is not None)
    if prev.closed():
        # A clause ends at ";" or ":" but a lower-case line after it is the same paragraph.
        return first.islower() and prev.tail[-1:] in SOFT_CLOSERS
    if _is_upper_line(cur):
        return prev.upper() and _joins_upper(prev, cur)
    if first.islower() or first.isdigit():
        return True
    # A title line is followed by body text, a name or "(đã ký)"; a short numbered heading by its body.
    return not prev.upper() and (prev.length > HEADING_MAX_CHARS or not prev.numbered())


def _joins_across_soft(prev: _Joined, cur: str) -> bool:
    """Whether ``cur`` continues ``prev`` across one blank line: only a lower-case continuation
    of an unfinished sentence ("… phát triển kinh" / blank / "tế - xã hội của huyện …")."""
    return (cur[0].islower() and not prev.upper() and not prev.closed()
            and HEADING_START.match(cur) is None)


def _repair_wraps(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines; breaks, pipes and headings stay.

    Only the last paragraph can be continued: by the next line, or by the line after one soft
    break. ``out[at]`` holds its first piece until the next paragraph starts.

    Example: ``["I. MỤC TIÊU, CHỈ", "TIÊU", "1. Mục tiêu", "chung."]`` ->
    ``["I. MỤC TIÊU, CHỈ TIÊU", "1. Mục tiêu chung."]``.
    """
    out: list[str] = []
    par = _Joined()
    at = -1  # index in ``out`` of the paragraph ``par`` holds; -1 before the first
    for line in lines:
        if line in _NOT_TEXT:
            out.append(line)
            continue
        n = len(out)
        if at >= 0 and at == n - 1 and _joins(par, line):
            par.add(line)
        elif at >= 0 and at == n - 2 and out[-1] == SOFT and _joins_across_soft(par, line):
            out.pop()
            par.add(line)
        else:
            if at >= 0:
                out[at] = par.text()
            at = n
            out.append(line)
            par.restart(line)
    if at >= 0:
        out[at] = par.text()
    return out


# ---------------------------------------------------------------- 6. tables


def _split_inline_pipes(lines: list[str]) -> list[str]:
    """One cell per line. ``"a | b | c"`` (a whole row) -> |, |, a, |, b, |, c, |, |: framed by
    row ends; ``"ỦY BAN NHÂN DÂN |"`` -> the cell and its closing pipe (the row may go on)."""
    out: list[str] = []
    for line in lines:
        if PIPE not in line or line == PIPE:
            out.append(line)
            continue
        cells = [cell.strip() for cell in line.split(PIPE)]
        filled = [cell for cell in cells if cell]
        whole_row = len(filled) >= 2
        if whole_row:
            out.extend([PIPE, PIPE])
        for cell in filled:
            out.extend([cell, PIPE])
        if whole_row:
            out.append(PIPE)
    return out


def _row_ends(lines: list[str]) -> list[int]:
    """Pipes that end a table row: one followed by another pipe (the flattened row boundary), by a
    break, or by the end of the text (the last row of a table)."""
    ends = []
    for i, line in enumerate(lines):
        if line == PIPE and (i + 1 == len(lines) or lines[i + 1] in _NOT_TEXT):
            ends.append(i)
    return ends


def _row_cells(segment: list[str]) -> list[str] | None:
    """The cells of a row (each cell's lines joined by a space), or None if the segment is not a
    row: a break inside it, or a cell too long to be one (body text between unrelated pipes)."""
    cells: list[list[str]] = [[]]
    for line in segment:
        if line == PIPE:
            cells.append([])
        elif line in _BREAKS:
            return None
        else:
            cells[-1].append(line)
    joined = [" ".join(cell) for cell in cells if cell]
    if any(len(cell) > TABLE_CELL_MAX_CHARS for cell in joined):
        return None
    return joined


def _flatten_tables(lines: list[str], stats: _Stats) -> list[str]:
    """Drop the pipes. A row framed by row ends on both sides with at least TABLE_ROW_MIN_CELLS
    cells becomes one line, cells joined by ``" ; "``; every other cell stays a block of its own
    between hard breaks (the two-column header of a document, its signature block).

    Example: ``["|", "|", "2", "|", "Thực hiện đo lường", "|", "Bộ Khoa học và Công nghệ", "|",
    "Năm 2025-2030", "|"]`` -> ``[HARD, "2 ; Thực hiện đo lường ; Bộ Khoa học và Công nghệ ;
    Năm 2025-2030", HARD]``.
    """
    if PIPE not in lines:
        return lines
    out: list[str] = []
    start = 0
    left_closed = bool(lines) and lines[0] == PIPE
    for end in _row_ends(lines):
        segment = lines[start:end + 1]
        cells = _row_cells(segment) if left_closed else None
        if cells is not None and len(cells) >= TABLE_ROW_MIN_CELLS:
            stats.table_rows += 1
            out.extend([HARD, CELL_JOINER.join(cells), HARD])
        else:
            out.extend(HARD if line == PIPE else line for line in segment)
        start, left_closed = end + 1, True
    out.extend(HARD if line == PIPE else line for line in lines[start:])
    return out


# ---------------------------------------------------------------- 7. repeated text


def _repeated_block(keys: list[str], sizes: list[int]) -> tuple[int, int, int] | None:
    """The longest run of equal lines at an earlier and a later position: (i, j, length).

    One left-to-right scan: for each line, the earliest earlier line with the same text starts a
    candidate run, extended forward (not past the later copy's start) and backward; the scan then
    skips the run. Every line is compared a bounded number of times, so the cost is linear.
    """
    first: dict[str, int] = {}
    best: tuple[int, int, int] | None = None
    best_chars = 0
    floor = 0  # the backward extension never re-reads lines a previous run covered
    j = 0
    while j < len(keys):
        i = first.setdefault(keys[j], j)
        if i == j:
            j += 1
            continue
        ahead = 0
        while j + ahead < len(keys) and i + ahead < j and keys[i + ahead] == keys[j + ahead]:
            ahead += 1
        back = 0
        while (i - back > 0 and j - back - 1 >= max(floor, i + ahead)
               and keys[i - back - 1] == keys[j - back - 1]):
            back += 1
        chars = sum(sizes[j - back:j + ahead])
        if chars > best_chars:
            best, best_chars = (i - back, j - back, ahead + back), chars
        for k in range(j, j + ahead):
            first.setdefault(keys[k], k)
        j += ahead
        floor = j
    return best


def _is_repeat(sizes: list[int], i: int, j: int, length: int) -> bool:
    """Whether the block is the document printed again: big, and next to its other copy or
    very big (two copies with other page text between them)."""
    chars, total = sum(sizes[j:j + length]), sum(sizes)
    adjacent = j - (i + length) <= DUPLICATE_TAIL_MAX_LINES
    share = DUPLICATE_MIN_SHARE if adjacent else DUPLICATE_MIN_SHARE_APART
    return length >= DUPLICATE_MIN_LINES and chars >= max(DUPLICATE_MIN_CHARS, share * total)


def _remove_repeat(lines: list[str], stats: _Stats) -> list[str]:
    """Drop one copy of a document printed twice (or more) on the page; keep the fuller copy."""
    for _ in range(DUPLICATE_MAX_ROUNDS):
        where = [k for k, line in enumerate(lines) if line not in _BREAKS]
        keys = [lines[k] for k in where]
        sizes = [len(key) for key in keys]
        found = _repeated_block(keys, sizes)
        if found is None:
            return lines
        i, j, length = found
        gap, tail = j - (i + length), len(keys) - (j + length)
        if not _is_repeat(sizes, i, j, length):
            return lines
        if sum(sizes[i + length:j]) <= sum(sizes[j + length:]):  # the later copy goes on further
            drop = (i, i + length + (gap if gap <= DUPLICATE_TAIL_MAX_LINES else 0))
        else:
            drop = (j, j + length + (tail if tail <= DUPLICATE_TAIL_MAX_LINES else 0))
        stats.duplicate_chars += sum(sizes[drop[0]:drop[1]])
        stats.duplicate_rounds += 1
        first_line, last_line = where[drop[0]], where[drop[1] - 1]
        lines = lines[:first_line] + [HARD] + lines[last_line + 1:]
    return lines


# ---------------------------------------------------------------- assembly


def _assemble(lines: list[str]) -> str:
    """Write the lines: a soft break as one blank line, a hard break as two; no edge breaks."""
    parts: list[str] = []
    pending: str | None = None
    for line in lines:
        if line in _NOT_TEXT:
            if parts:
                pending = HARD if (pending is not None or line != SOFT) else SOFT
            continue
        if pending is not None:
            parts.append("\n\n\n" if pending == HARD else "\n\n")
        elif parts:
            parts.append("\n")
        parts.append(line)
        pending = None
    return "".join(parts)


def _body_pass(text: str, stats: _Stats, metadata: dict[str, str] | None, cache: LineKinds) -> str:
    """One pass over the body; ``metadata`` collects table fields (first pass only); ``cache``
    keeps line kinds from one pass to the next."""
    lines = _tidy_spaces(_strip_markdown(_clean_characters(text, stats), stats))
    if metadata is not None:
        lines, found = _extract_metadata(lines, stats)
        metadata.update(found)
    lines = _read_breaks(_remove_chrome(_split_inline_pipes(lines), stats, cache))
    lines = _flatten_tables(_repair_wraps(lines), stats)
    return _assemble(_remove_repeat(_read_breaks(lines), stats))


# ---------------------------------------------------------------- public


def normalize_text(raw: str) -> NormalizedText:
    """Normalize a decoded document: the text every span points into, metadata, warnings.

    Args:
        raw: the document as the reader decoded it (txt, Markdown, or HTML/DOCX with table rows
            as ``" | "``-joined lines).

    Returns:
        The normalized text (a fixed point: normalizing it again changes nothing), the fields of
        a metadata table under canonical keys (``symbol``, ``issued``, ``issuer``, ``doc_type``,
        ``signer``, ``effective``, ``title``, …; values as written), and warnings for what a
        reader should know was changed.

    Example:
        >>> n = normalize_text("Hôm nay:\\n1\\n1. Mục tiêu\\nchung.\\n"
        ...                    "Cơ quan ban hành | Tỉnh Vĩnh Phúc | Người ký | Trần Duy Đông")
        >>> n.text
        '1. Mục tiêu chung.'
        >>> n.metadata
        {'issuer': 'Tỉnh Vĩnh Phúc', 'signer': 'Trần Duy Đông'}
        >>> [w.code for w in n.warnings]
        ['chrome_removed', 'metadata_table']
    """
    stats = _Stats()
    metadata: dict[str, str] = {}
    cache = _new_line_kinds()
    text = _body_pass(raw, stats, metadata, cache)
    for _ in range(MAX_PASSES - 1):
        again = _body_pass(text, stats, None, cache)
        if again == text:
            break
        text = again
    return NormalizedText(text=text, metadata=metadata, warnings=tuple(_warnings(stats)))


def _warnings(stats: _Stats) -> list[RecordWarning]:
    """One warning per kind of change a reader should know about."""
    found: list[tuple[bool, str, Callable[[], str]]] = [
        (stats.lookalikes > 0, "lookalike_letters",
         lambda: f"replaced {stats.lookalikes} Icelandic Ð/ð by the Vietnamese Đ/đ"),
        (stats.chrome_lines > 0, "chrome_removed",
         lambda: f"removed {stats.chrome_lines} lines ({stats.chrome_chars} characters) of web-page chrome"),
        (bool(stats.metadata_fields), "metadata_table",
         lambda: "took " + ", ".join(stats.metadata_fields) + " from a metadata table, out of the body"),
        (stats.table_rows > 0, "table_flattened",
         lambda: f"wrote {stats.table_rows} table rows as lines with cells joined by '{CELL_JOINER.strip()}'"),
        (stats.duplicate_chars > 0, "duplicate_text_removed",
         lambda: f"removed {stats.duplicate_chars} characters of text repeated on the page "
                 f"({stats.duplicate_rounds} copy{'ies' if stats.duplicate_rounds > 1 else ''})"),
    ]
    return [RecordWarning(code=code, message=message()) for ok, code, message in found if ok]
