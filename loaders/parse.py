"""Parse a normalized document: its header, signature block and heading tree.

The header of a Vietnamese administrative document is a two-column table flattened into lines:
the issuing body ("ỦY BAN NHÂN DÂN / TỈNH QUẢNG NINH") and "Số: 91/KH-UBND" on the left, the
national motto and the place-and-date line ("Quảng Ninh, ngày 26 tháng 4 năm 2021") on the right,
then the type line ("KẾ HOẠCH") and the title (trích yếu). The body is a heading tree (I., 1.,
1.1., a), (1), -, +); the closing is the signature block and "Nơi nhận".

Decisions:

* Every regex tolerates line breaks (``\\s+``) where flattening or hard wraps put them, and
  works on the normalized text itself, so every span is an offset into ``Record.text``.
* **Never invent.** A missing number or date stays None. An issuer not in the header is taken
  from the body ("UBND huyện Sông Lô xây dựng Kế hoạch …") as written, with a warning.
* Issuer names from an upper-case header are rendered in the usual mixed case ("Ủy ban nhân dân
  tỉnh Quảng Ninh"); "UỶ" and "ỦY" are the same word and render as "Ủy".
* Headings nest by marker type in the order a document first uses them (a stack), because
  documents differ: one puts "1." under "I.", another "a)" directly under "I.".
* A section's kind (objectives, tasks, organization) and deadline year come from its heading or
  the nearest ancestor that has one.
* **A decision carries what it promulgates after its signature.** "Điều 1. Ban hành kèm theo
  Quyết định này Kế hoạch …" is followed by "Nơi nhận", the signature and the signer, then the
  attached text under its own type line ("KẾ HOẠCH", "QUY ĐỊNH") or an appendix line ("PHỤ
  LỤC", "Phần I") with "(Kèm theo Quyết định số …)". That signature block is a closing of its
  own, and the attached text's headings start a new tree instead of nesting under "Điều 3" and
  the recipients list. An appendix line followed by headings ("Phụ lục 01" / "A. ĐỊNH MỨC …" /
  "I. …") is itself the first of them (an appendix heading, ``headings.py``). An appendix after the signature that closes the document (in its second
  half) stays in the closing, as before: it is supporting tables, not the content.
* The signer is the first personal name of the first signature block, which is the
  document's own even when an appendix or an attached text follows it.
* The title ends before the enacting authority's line that follows it after a blank line
  ("ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ", "BỘ TRƯỞNG BỘ …", "CHỦ TỊCH …"): a decision names
  who enacts it there, in upper case like the title. It also ends before a numbered heading
  ("I. MỤC TIÊU"), which starts the body of a plan that has no preamble.

Example:
    >>> doc = parse_document("ỦY BAN NHÂN DÂN\\nTỈNH QUẢNG NINH\\nSố: 91/KH-UBND\\n"
    ...                      "Quảng Ninh, ngày 26 tháng 4 năm 2021\\nKẾ HOẠCH\\nVỀ CHÍNH SÁCH XÃ HỘI\\n"
    ...                      "I. MỤC TIÊU\\n1. Đến năm 2025 tỷ lệ hộ nghèo dưới 1%\\n")
    >>> doc.header.issuer.name, doc.header.issuer.level, str(doc.header.issued)
    ('Ủy ban nhân dân tỉnh Quảng Ninh', 'province', '2021-04-26')
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date

from policykg.loaders.headings import build_sections, first_heading
from policykg.loaders.record import RecordWarning
from policykg.loaders.sections import Section
from policykg.loaders.symbols import TYPE_WORDS as SYMBOL_TYPE_WORDS
from policykg.loaders.symbols import doc_type_of, issuer_code_of, normalize_symbol
from policykg.loaders.units import (
    Issuer,
    issuer_from_body,
    issuer_from_header,
    issuer_from_metadata,
)

#: The header is looked for in this many first characters (flattened tables can be long).
HEADER_WINDOW = 4000
#: A signer is looked for in this many last characters.
CLOSING_WINDOW = 2500
#: The closing block starts no earlier than this share of the text.
CLOSING_MIN_SHARE = 0.5
#: A signer's name is looked for this far after its signature block's start ("Nơi nhận" lists
#: of twenty recipients come first).
SIGNATURE_BLOCK_MAX_CHARS = 2500
#: An attached text's header ("KẾ HOẠCH" … "(Kèm theo Quyết định số …)") ends this close to the
#: signer's name.
ATTACHMENT_HEADER_MAX_CHARS = 1000

_SYMBOL_LINE = re.compile(
    r"""Số\s*(?:hiệu)?\s*[:.]\s*         # "Số:" (also "Số hiệu:")
        \**(?P<raw>\d[\w./\-* ]{2,40}?) # the symbol, spaces and stray bold marks ("76 /CTr - UBND")
        \s*(?:\||\n|$)                  # ends at a cell border or the line end
    """,
    re.X,
)
#: The longest place a place-and-date line names: a letter and up to 60 more characters.
PLACE_MAX_CHARS = 61
_PLACE_DATE = re.compile(
    r"""(?P<place>[^\W\d_][^\n,|]{1,%d}?)\s*,\s*  # place ("Quảng Ninh", "Thị trấn Vĩnh Lộc")
        ngày\s+\**(?P<d>\d{1,2})\**\s*          # day (sometimes in bold)
        (?:tháng\s+(?P<m>\d{1,2})\s*năm\s+(?P<y>\d{4})  # "tháng 4 năm 2021"
          |[/.\-](?P<m2>\d{1,2})[/.\-](?P<y2>\d{4}))    # or "26/4/2021"
    """ % (PLACE_MAX_CHARS - 1),
    re.X,
)
#: The comma of a place-and-date line: one followed by "ngày" (white space between).
_DATE_COMMA = re.compile(r",(?=\s*ngày)")
#: Type words of the type line ("KẾ HOẠCH") and their codes, from the running-text table.
TYPE_WORDS = {word.upper(): code for word, code in SYMBOL_TYPE_WORDS.items() if code}
TYPE_WORDS["CHƯƠNG TRÌNH HÀNH ĐỘNG"] = "CTr"
_TYPE_LINE = re.compile(
    r"^[ \t]*(?P<word>" + "|".join(sorted(TYPE_WORDS, key=len, reverse=True)) + r")[ \t]*$",
    re.M,
)
#: A web page title line: "Chương trình hành động 01/CTr-UBND thực hiện Nghị quyết …".
_PAGE_TITLE = re.compile(
    r"""^(?P<word>Chương\ trình(?:\ hành\ động)?|Kế\ hoạch|Nghị\ quyết|Quyết\ định|Kết\ luận|Chỉ\ thị)
        \s+(?:số\s+)?(?P<raw>\d[\w./\-]{2,40})   # the symbol
        \s+(?P<title>[^\n]{10,})$                # the rest of the line is the title
    """,
    re.X | re.M,
)
#: What a legal-document site appends to a page title: "… do tỉnh Vĩnh Phúc ban hành".
_SITE_SUFFIX = re.compile(r"\s+do\s+[^\n]{2,80}?\s+ban\s+hành\s*$")
_SIGNATURE = re.compile(r"^[ \t]*(?:Nơi\s+nhận\s*:|TM\.|T/M|KT\.|Q\.|TL\.|TUQ\.)", re.M)
#: _SIGNATURE after the line end before it: a pattern that starts with a literal is searched
#: for that character at C speed, where "^" is tried at every position (eight times slower).
_SIGNATURE_AFTER_LINE_END = re.compile(r"\n" + _SIGNATURE.pattern[1:])
#: The first line of a text attached after a signature block.
_ATTACHMENT_HEAD = re.compile(
    r"""[ \t]*(?:
        (?P<text>KẾ\ HOẠCH|QUY\ ĐỊNH|QUY\ CHẾ|CHƯƠNG\ TRÌNH(?:\ HÀNH\ ĐỘNG)?|ĐỀ\ ÁN|HƯỚNG\ DẪN
          |ĐIỀU\ LỆ|PHƯƠNG\ ÁN)[ \t]*$                     # a promulgated text's type line
      | (?P<appendix>PHỤ\ LỤC|Phụ\ lục|PHẦN|Phần|MẪU\ BIỂU|Mẫu\ biểu)\b  # "PHỤ LỤC", "Phần I"
    )""",
    re.X | re.M,
)
#: The note under an attached text's title: "(Kèm theo Quyết định số …)", "(Ban hành kèm theo …)".
_ATTACHMENT_NOTE = re.compile(r"^[ \t]*\((?:Ban\s+hành\s+)?[Kk]èm\s+theo\b", re.M)
#: What may stand between a signer's name and an attached text: recipients when they come last.
_RECIPIENT_LINE = re.compile(r"[ \t]*(?:Nơi\s+nhận|[-+•]|Lưu\b)")
#: A numbered heading line ("I. MỤC TIÊU", "1. Mục đích"): never a title's continuation.
_NUMBERED_LINE = re.compile(r"(?:[IVX]{1,5}|\d{1,2}(?:\.\d{1,2})*)[.)]\s")
#: The enacting authority's line after a decision's title ("BỘ TRƯỞNG BỘ …", "ỦY BAN NHÂN DÂN …").
_AUTHORITY_LINE = re.compile(
    r"""(?:THỦ\s+TƯỚNG|BỘ\s+TRƯỞNG|CHỦ\s+TỊCH|[ỦU][YỶ]\s+BAN|HỘI\s+ĐỒNG|BAN\s+CHẤP\s+HÀNH
         |BAN\s+THƯỜNG\s+VỤ|CHÍNH\s+PHỦ|GIÁM\s+ĐỐC|CỤC\s+TRƯỞNG|TỔNG\s+CỤC\s+TRƯỞNG)\b""",
    re.X,
)
_PERSON = re.compile(
    r"""^[ \t]*(?P<name>(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]+[ \t]){1,4}[A-ZĐÀ-Ỹ][a-zđà-ỹ]+)[ \t]*$  # 2-5 capitalized words
    """,
    re.X | re.M,
)


@dataclass(frozen=True)
class Header:
    """What the document says about itself. Spans point into the normalized text."""

    symbol: str | None = None
    doc_type: str | None = None
    issuer: Issuer | None = None
    issued: date | None = None
    place: str | None = None  # the place of the place-and-date line
    title: str | None = None
    signer: str | None = None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class ParsedDocument:
    """A normalized text with its header, sections and where its body and closing start."""

    text: str
    header: Header
    sections: tuple[Section, ...]
    body_start: int
    closing_start: int
    warnings: tuple[RecordWarning, ...] = ()


def parse_document(text: str, metadata: Mapping[str, str] | None = None) -> ParsedDocument:
    """Parse header, closing and heading tree of a normalized text.

    Args:
        text: the normalized text (``normalize_text(...).text``).
        metadata: fields the normalizer took from a metadata table (symbol, issued, issuer, signer).
    """
    metadata = metadata or {}
    warnings: list[RecordWarning] = []
    closing = _closing_start(text)
    header, body_start = _parse_header(text, metadata, warnings)
    closing, inner = _closings(text, body_start, closing)
    signer = _signer(text, _signature_start(text, body_start, closing, inner))
    if signer[0] is None:
        signer = (metadata.get("signer"), None)
    if signer[0]:
        spans = dict(header.spans)
        if signer[1]:
            spans["signer"] = signer[1]
        header = _replace(header, signer=signer[0], spans=spans)
    sections = build_sections(text, body_start, closing, annual_year(header.title),
                              (inner,) if inner else ())
    return ParsedDocument(text, header, tuple(sections), body_start, closing, tuple(warnings))


_ANNUAL = re.compile(r"(?<!đến )(?<!hết )năm\s+(?P<y>(?:19|20)\d\d)", re.I)
_PERIOD_OR_DEADLINE = re.compile(r"giai\s+đoạn|nhiệm\s+kỳ|(?:đến|tới)\s+(?:hết\s+)?năm", re.I)


def annual_year(title: str | None) -> int | None:
    """The year of an annual plan's title ("… kế hoạch phát triển kinh tế - xã hội năm 2025"),
    which dates its targets when no heading does; None for periods and deadlines.

    Example:
        >>> annual_year("Kế hoạch phát triển kinh tế - xã hội năm 2025"), annual_year("giai đoạn 2021-2025")
        (2025, None)
    """
    if not title or _PERIOD_OR_DEADLINE.search(title):
        return None
    years = {int(m["y"]) for m in _ANNUAL.finditer(title)}
    return years.pop() if len(years) == 1 else None


def _replace(header: Header, **changes) -> Header:
    return Header(**{**header.__dict__, **changes})


def _parse_header(text: str, metadata: Mapping[str, str], warnings: list[RecordWarning]) -> tuple[Header, int]:
    window = text[:HEADER_WINDOW]
    spans: dict[str, tuple[int, int]] = {}
    symbol = _symbol(window, metadata, spans)
    issued, place = _date(window, metadata, spans)
    doc_type, title, body_start = _type_and_title(text, window, spans)
    doc_type = doc_type_of(symbol) or doc_type
    issuer = issuer_from_header(window) or issuer_from_metadata(metadata, window, issuer_code_of(symbol))
    if issuer is None:
        issuer = issuer_from_body(text)
        if issuer is not None:
            warnings.append(RecordWarning(code="issuer_inferred", message=(
                f"no issuing body in the header; '{issuer.name}' is taken from the body"), span=issuer.span))
    if issuer is not None and issuer.span:
        spans["issuer"] = issuer.span
    if symbol is None and issued is None:
        warnings.append(RecordWarning(code="header_missing", message=(
            "no 'Số:' line and no place-and-date line: number and date are unknown")))
    header = Header(symbol=symbol, doc_type=doc_type, issuer=issuer, issued=issued, place=place,
                    title=title, spans=spans)
    return header, body_start


def _symbol(window: str, metadata: Mapping[str, str], spans: dict) -> str | None:
    match = _SYMBOL_LINE.search(window)
    if match:
        symbol = normalize_symbol(match["raw"].strip(" *"))
        if symbol:
            spans["symbol"] = match.span("raw")
            return symbol
    return normalize_symbol(metadata["symbol"]) if metadata.get("symbol") else None


def _date(window: str, metadata: Mapping[str, str], spans: dict) -> tuple[date | None, str | None]:
    for match in _place_dates(window):
        day, month, year = int(match["d"]), int(match["m"] or match["m2"]), int(match["y"] or match["y2"])
        try:
            issued = date(year, month, day)
        except ValueError:
            continue
        spans["issued"] = (match.start("d"), match.end())
        return issued, " ".join(match["place"].split()).strip("*_ ")
    raw = metadata.get("issued")
    if raw:
        found = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", raw.strip())
        if found:
            try:
                return date(int(found[3]), int(found[2]), int(found[1])), None
            except ValueError:
                return None, None
    return None, None


def _place_dates(window: str) -> Iterator[re.Match[str]]:
    """The matches ``_PLACE_DATE.finditer(window)`` gives, tried only just before a comma that
    "ngày" follows instead of at every letter of the window (which cost ~1.5 ms a document).

    Neither the place nor the white space after it holds a comma, so a match's comma is the
    first one after its start, and is followed by "ngày": a match starts before the white
    space ahead of such a comma, at most PLACE_MAX_CHARS before it. Starts are tried left to
    right, and the search goes on from a match's end, as ``finditer`` does.
    """
    pos = 0
    while (comma := _DATE_COMMA.search(window, pos)) is not None:
        place_end = pos + len(window[pos:comma.start()].rstrip())  # \s and str.isspace agree
        for start in range(max(pos, place_end - PLACE_MAX_CHARS), place_end):
            match = _PLACE_DATE.match(window, start)
            if match:
                yield match
                pos = match.end()
                break
        else:
            pos = comma.end()  # the next place can start right after this comma ("ngày …")


def _type_and_title(text: str, window: str, spans: dict) -> tuple[str | None, str | None, int]:
    """The type line's code, the title after it, and where the body starts."""
    match = _TYPE_LINE.search(window)
    if match is None:
        page = _PAGE_TITLE.search(window)
        if page:
            spans["title"] = page.span("title")
            title = _SITE_SUFFIX.sub("", page["title"]).strip()
            return doc_type_of(normalize_symbol(page["raw"])), title, page.end() + 1
        return None, None, 0
    lines = _title_lines(text, match.end())
    if not lines:
        return TYPE_WORDS[match["word"]], None, match.end()
    start, end = lines[0][0], lines[-1][1]
    spans["title"] = (start, end)
    title = " ".join(text[s:e].strip() for s, e in lines)
    return TYPE_WORDS[match["word"]], " ".join(title.split()), end


def _title_lines(text: str, offset: int) -> list[tuple[int, int]]:
    """The title's lines: the first non-empty line after the type line, then further lines while
    the title is upper-case and they are too, or while they start lower-case (a wrap)."""
    lines: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text[offset : offset + 1500]):
        content = line.group().strip()
        if not content or set(content) <= set("-_*|= "):
            continue
        start, end = offset + line.start(), offset + line.end()
        if not lines:
            lines.append((start, end))
            continue
        upper_title = text[lines[0][0] : lines[0][1]].isupper()
        if "\n\n" in text[lines[-1][1]:start] and _AUTHORITY_LINE.match(content):
            break  # "ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ": who enacts the decision, not its title
        if _NUMBERED_LINE.match(content):
            break  # "I. MỤC TIÊU" starts the body of a plan without a preamble
        if (upper_title and content.isupper()) or content[0].islower():
            lines.append((start, end))
            continue
        break
    return lines


def _closing_start(text: str, start: int = 0) -> int:
    """Where the signature block or "Nơi nhận" starts: the first signature line in the second
    half (CLOSING_MIN_SHARE) of the text from ``start``, else the text's end.

    Searched from the floor on: no signature match can hide another that starts inside it, a
    line end within "Nơi nhận:" being followed by white space, "nhận" or ":" only.
    """
    found = _next_signature(text, start + int((len(text) - start) * CLOSING_MIN_SHARE))
    return len(text) if found is None else found


def _next_signature(text: str, start: int) -> int | None:
    """Where ``_SIGNATURE.search(text, start)`` matches, found by line ends; None if nowhere."""
    if _SIGNATURE.match(text, start):  # "^" matches at ``start`` only at a line start
        return start
    match = _SIGNATURE_AFTER_LINE_END.search(text, start)
    return None if match is None else match.start() + 1


def _closings(text: str, body_start: int, closing: int) -> tuple[int, tuple[int, int] | None]:
    """The closing's start and the inner closing, given the first signature block after the
    header and what follows it.

    A text attached there (a plan, a regulation, a decision's appendix with headings) makes the
    block an inner closing, from its start to the attached text's first heading, and the
    closing is searched again after it. Attached tables without a heading are closed with the
    block, as is an appendix after the closing (a plan's tables).
    """
    block = _next_signature(text, body_start)
    name = _first_name(text, block) if block is not None else None
    head = _attachment_head(text, name.end()) if name else None
    if head is None:
        return closing, None
    content = first_heading(text, head[0], len(text))
    if content is not None and content["appendix"]:
        # "PHỤ LỤC 01" heads the attached text when headings follow it ("A. ĐỊNH MỨC …",
        # "I. …"); an appendix of tables alone (its next heading another appendix, or none)
        # stays in the block, as attached tables without a heading do.
        body = content
        while body is not None and body["appendix"]:
            body = first_heading(text, body.end(), len(text))
        content = content if body is not None else None
    if content is None or (block >= closing and head[1] == "appendix"):
        return min(closing, block), None
    inner = (block, content.start("line"))
    return (closing if closing >= inner[1] else _closing_start(text, inner[1])), inner


def _attachment_head(text: str, start: int) -> tuple[int, str] | None:
    """Where the text attached after a signer's name starts, and whether it is a promulgated
    text ("text": "KẾ HOẠCH", "QUY ĐỊNH") or an appendix ("appendix": "PHỤ LỤC", or any header
    with a "(Kèm theo …)" note); None when something else follows the name."""
    limit = min(len(text), start + ATTACHMENT_HEADER_MAX_CHARS)
    line_start = text.find("\n", start) + 1
    while 0 < line_start < limit:
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        line = text[line_start:line_end]
        if line.strip() and not _RECIPIENT_LINE.match(line):
            head = _ATTACHMENT_HEAD.match(text, line_start, line_end)
            if head is not None:
                return line_start, "text" if head["text"] else "appendix"
            note = _ATTACHMENT_NOTE.search(text, line_start, limit)
            return (line_start, "appendix") if note else None
        line_start = line_end + 1
    return None


def _signature_start(text: str, body_start: int, closing: int,
                     inner: tuple[int, int] | None) -> int:
    """Where the document's own signature block starts: the inner closing's, else the closing's,
    else the first signature line after the header (an unrecognised appendix may follow it)."""
    if inner is not None:
        return inner[0]
    if closing < len(text):
        return closing
    block = _next_signature(text, body_start)
    return closing if block is None else block


def _first_name(text: str, start: int) -> re.Match[str] | None:
    """The first personal name (a line of 2-5 capitalized words) within SIGNATURE_BLOCK_MAX_CHARS
    after ``start``."""
    end = text.find("\n", start + SIGNATURE_BLOCK_MAX_CHARS)  # whole lines: "$" holds at the end
    for match in _PERSON.finditer(text, start, len(text) if end < 0 else end):
        if not _is_title_words(match["name"]):
            return match
    return None


def _signer(text: str, start: int) -> tuple[str | None, tuple[int, int] | None]:
    """The signer: the first personal name after the signature block's ``start``, else the last
    one of the text's last CLOSING_WINDOW characters."""
    found = _first_name(text, start)
    if found is None:
        for match in _PERSON.finditer(text, max(start, len(text) - CLOSING_WINDOW)):
            if not _is_title_words(match["name"]):
                found = match
    if found is None:
        return None, None
    return found["name"], found.span("name")


#: Capitalized words of signature titles written in title case ("Phó Chủ Tịch"). Upper-case
#: titles never match the name pattern; words that are also common names ("Văn") are left out.
_TITLE_WORDS = {"Chủ", "Tịch", "Phó", "Bí", "Thư", "Giám", "Đốc", "Trưởng", "Nơi", "Nhận", "Lưu"}


def _is_title_words(name: str) -> bool:
    return any(word in _TITLE_WORDS for word in name.split())
