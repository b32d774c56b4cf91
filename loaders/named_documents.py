"""Named citations: documents a text cites without a number.

Laws and ordinances, congress resolutions, Central Committee plenum resolutions, strategies,
national target programmes, đề án, the provincial master plan, and programmes or plans named
with their period. Recall is traded for precision: a name is only taken when it is a specific,
existing instrument - capitalized type word, and a proper title (a period "giai đoạn 2021-2025",
a quoted title, "mục tiêu quốc gia", an acronym). Generic plurals ("các chương trình"),
documents the text orders drafted ("Xây dựng Đề án …") and the object of a numbered document
("Quyết định số … phê duyệt Đề án …", which *is* that decision's content) are skipped.

Example:
    >>> [o.name for o in find_names("Căn cứ Luật Đầu tư công ngày 13 tháng 6 năm 2019; "
    ...                              "thực hiện Chiến lược phát triển kinh tế - xã hội 10 năm 2021-2030")]
    ['Luật Đầu tư công', 'Chiến lược phát triển kinh tế - xã hội 10 năm 2021-2030']
"""

from __future__ import annotations

import re

from policykg.loaders.amending_laws import read_amending_law
from policykg.loaders.caseless import Caseless, LoweredSpan
from policykg.loaders.citation_occurrence import (
    NAME_KEY_PREFIX,
    Occurrence,
    collapse_spaces,
    date_after,
    fullmatch_between,
)
from policykg.loaders.record import Level
from policykg.loaders.symbols import TYPE_WORDS

# "Not after a word character", tested after a head's first letter as "(?<!\w.)" (the letter is
# never a line end, so "." matches it): the pattern then starts with a literal letter, which the
# regex engine scans for quickly, instead of a lookbehind tried at every position of the text.
_NOT_IN_WORD = r"(?<!\w.)"
# The same after a head's first two letters: "đ", "Đ" and "N" open many words of running text
# ("được", "Đảng", "Nhà nước"), and the regex engine refuses those at their second letter by the
# fast scan for a literal pair, instead of trying the pattern after each (9 % of the named step);
# the other first letters are rare enough that the pair scan costs more than it saves.
_NOT_IN_WORD_AFTER_2 = r"(?<!\w..)"
#: The type words that open a named document: each a pattern opening with its literal first
#: letter(s) and, for the heads whose first letter is rare in running text, the literal text
#: every match of it opens with (see ``_matches_at_opening``).
HEADS = (
    (rf"L{_NOT_IN_WORD}uật(?!\s+sư)", "Luật"),                  # laws (not "Luật sư", the profession)
    (rf"P{_NOT_IN_WORD}háp\s+lệnh", "Pháp"),
    (rf"C{_NOT_IN_WORD}(?:hiến\s+lược|hương\s+trình)", None),
    (rf"Đề{_NOT_IN_WORD_AFTER_2}\s+án", None),
    (rf'đề{_NOT_IN_WORD_AFTER_2}\s+án(?=\s*["“])', None),       # lower case only before a quoted title
    (rf"Q{_NOT_IN_WORD}uy\s+hoạch\s+tỉnh", "Quy"),
    (rf"K{_NOT_IN_WORD}ế\s+hoạch", "Kế"),
    (rf"Ng{_NOT_IN_WORD_AFTER_2}hị\s+quyết(?=\s+(?:Đại\s+hội|Hội\s+nghị|Đảng\s+bộ))", None),   # congress / plenum
)
HEAD_PATTERNS = tuple(pattern for pattern, _ in HEADS)
# One pattern per first letter: a pattern opening with a single literal letter is found by a fast
# scan for it, while the alternation of all of them opens with a class of letters, which the regex
# engine tests at every character of the text (a quarter slower over the bench corpus). No head
# holds another's first letter where a head may start, so the matches of all the patterns, in text
# order, are those of the alternation (``find_heads``; the tests compare the two).
_NAMED_HEADS = tuple((re.compile(rf"(?P<head>{pattern})(?=\s)"), opening)
                     for pattern, opening in HEADS)


def find_heads(text: str) -> list[re.Match[str]]:
    """Where a named document may start: its type words, in text order.

    Example:
        >>> [m["head"] for m in find_heads("Căn cứ Luật Đầu tư công; Chương trình MTQG")]
        ['Luật', 'Chương trình']
    """
    found = [m for rx, opening in _NAMED_HEADS
             for m in (_matches_at_opening(rx, text, opening) if opening else rx.finditer(text))]
    return sorted(found, key=re.Match.start)


def _matches_at_opening(rx: re.Pattern[str], text: str, opening: str) -> list[re.Match[str]]:
    """``list(rx.finditer(text))`` for a pattern whose every match opens with ``opening``, found
    from the places of its first letter.

    ``str.find`` of one character runs through the text some 20 times faster than the regex
    engine's scan for a literal (a byte search instead of a test per character), but each place
    it stops at costs a few Python calls: it pays for letters that open fewer than about one word
    in a hundred ("L", "P", "Q", "K"; not "C", "N", "Đ", which open "Công", "Nhà nước", "Đảng").
    """
    found = []
    letter = opening[0]
    at = text.find(letter)
    while at >= 0:
        m = rx.match(text, at) if text.startswith(opening, at) else None
        if m:
            found.append(m)
        at = text.find(letter, m.end() if m else at + 1)
    return found


# Case-insensitive patterns are Caseless (caseless.py): searched on the lowercased words, where each
# branch opens with a literal letter that the regex engine tests at once; those anchored at the
# end ("…\s*$") only when the words end with the last word of some match.
_PERIOD = Caseless(
    r"""
    (?:giai\s+đoạn|thời\s+kỳ|đến\s+năm|10\s+năm)\s+(?:19|20)\d\d   # a period or horizon ...
    (?:\s*[-–]\s*(?:19|20)\d\d)?
    (?:,?\s+(?:tầm\s+nhìn|định\s+hướng)(?:\s+đến)?\s+năm\s+(?:19|20)\d\d)?   # ... + vision
    """,
    re.X,
)

_CONGRESS = re.compile(
    r"""
    Nghị\s+quyết\s+
    (?:Đại\s+hội\s+(?:đại\s+biểu\s+)?)?
    (?:
        (?:toàn\s+quốc\s+)?(?:lần\s+thứ\s+)?(?P<ord_c>[IVXLC]+)\s+của\s+Đảng    # Đại hội XIII của Đảng
      | Đảng\s+bộ\s+(?P<unit>tỉnh|thành\s+phố|huyện|thị\s+xã|quận|xã|phường|thị\s+trấn)
        (?P<place>(?:\s+[A-ZĐÂ][\wÀ-ỹ]*){0,3})                   # optional place name
        (?:\s+lần\s+thứ\s+(?P<ord>[IVXLC]+|nhất|[\wÀ-ỹ]+)
          |\s+(?P<ord_r>[IVXLC]+)\b
          |(?=\s+nhiệm\s+kỳ))
    )
    """,
    re.X,
)

_PLENUM = re.compile(r"Nghị\s+quyết\s+Hội\s+nghị\s+(?:lần\s+thứ\s+\w+\s+)?Trung\s+ương", re.X)

_NAME_STOP = re.compile(
    r"""
    [.;:()…|*\[] | \n[ \t]*\n | \s[-–]\s(?=[A-ZĐ])
  | ,(?!\s*(?:tầm\s+nhìn|định\s+hướng|chống|chữa|sử\s+dụng|kiểm\s+soát))  # "Luật Phòng, chống …"
  | \s(?:và|của|theo|tại|để|nhằm|trong|đã|được|do|bằng|cho|gắn|từ|trên|sau|đối|ngày|
         thông\s+qua|đồng\s+thời|bảo\s+đảm|đảm\s+bảo|như|tổ\s+chức|báo\s+cáo)\b
    """,
    re.X,
)

_DRAFTING = Caseless(  # (commas may follow its last word: no tail words)
    r"""
    (?:xây\s+dựng|soạn\s+thảo|hoàn\s+thiện|lập|trình)
    (?:[\s,]+(?:và|tổ\s+chức|triển\s+khai|thực\s+hiện|ban\s+hành))*
    [\s,]*$
    """,
    re.X,
)

# The subject of a numbered document ("Quyết định số 522/QĐ-TTg … phê duyệt Đề án …", "… của
# UBND tỉnh về Chương trình việc làm …", "… về phê duyệt “Chương trình …”") is that document,
# not a second citation.
_OBJECT_OF = Caseless(r"(?:\bvề|phê\s+duyệt|ban\s+hành)[\s\"“]*$",
                      tail_words=("về", "duyệt", "hành", '"', "“"))

#: How far before a name its "not a citation" words may start.
OBJECT_LOOKBACK = 15
GENERIC_LOOKBACK = 8
DRAFTING_LOOKBACK = 60
#: How far before a name "kèm theo Quyết định này" may start.
ATTACHED_LOOKBACK = 40
# The text a document promulgates ("Ban hành kèm theo Quyết định này Kế hoạch …") is that
# document itself, whose own number is not a citation either.
_ATTACHED = Caseless(
    r"kèm\s+theo\s+(?:quyết\s+định|nghị\s+quyết|chỉ\s+thị|thông\s+tư)\s+này[\s:]*$",
    tail_words=("này", ":"),
)
_GENERIC_BEFORE = Caseless(r"(?:\bcác|\bnhững|\bmọi)\s*$", tail_words=("các", "những", "mọi"))
_NOT_A_TITLE = re.compile(
    r"""^(?:Chương\s+trình|Kế\s+hoạch)(?:\s+hành\s+động)?\s*
        (?:này|của|giáo\s+dục|,|số|\d|$)""",
    re.X | re.I,
)
#: _NOT_A_TITLE but its "$", matched in the text where a programme or plan is named ("Kế hoạch
#: số 41-KH/TU", "Chương trình này"): every name read from there starts so, and is refused,
#: wherever the name would end (at the year of a period or the ")" of an acronym, both past these
#: words: "mục tiêu quốc gia" cannot follow them), so find_names refuses it before reading on.
_NOT_A_TITLE_OPENING = re.compile(
    r"""(?:Chương\s+trình|Kế\s+hoạch)(?:\s+hành\s+động)?\s*(?:này|của|giáo\s+dục|,|số|\d)""",
    re.X | re.I,
)
#: Kinds whose name needs a title after the type words (see _NOT_A_TITLE).
_PLAN_KINDS = frozenset({"chương trình", "kế hoạch"})


def find_names(text: str) -> list[Occurrence]:
    """Occurrences of specific documents cited by name without a number.

    A document the text orders drafted ("Xây dựng Đề án …") does not exist yet: it is
    skipped, with those coordinated with it ("… và Chương trình …") and its later mentions.
    """
    found: list[Occurrence] = []
    drafted: set[str] = set()
    covered = drafted_end = 0
    for m in find_heads(text):
        if m.start() < covered:
            continue
        kind = collapse_spaces(m["head"]).lower()
        if kind in _PLAN_KINDS and _NOT_A_TITLE_OPENING.match(text, m.start()):
            continue  # "Kế hoạch số …", "Chương trình này": refused at once (_named_occurrence)
        if _OBJECT_OF.search(text[max(0, m.start() - OBJECT_LOOKBACK):m.start()]):
            continue
        occ = _named_occurrence(text, m, kind)
        if occ is None:
            continue
        skip = _skip_named(text, m.start()) or (
            drafted_end and fullmatch_between(_DRAFTED_GAP, text, drafted_end, m.start()))
        covered = occ.end
        if skip or occ.key in drafted:
            if not _GENERIC_BEFORE.search(text[max(0, m.start() - GENERIC_LOOKBACK):m.start()]):
                drafted.add(occ.key)
                drafted_end = occ.end
            continue
        found.append(occ)
        second = _second_law(text, occ)
        if second:
            found.append(second)
            covered = second.end
    return found


#: What may stand between a drafted document and one coordinated with it ("…, và Chương trình").
_DRAFTED_GAP = re.compile(r"[\s,;]*(?:và\s*)?")
#: "pháp Luật", "Dân Luật"
_PHAP_DAN_BEFORE = Caseless(r"(?:pháp|dân)\s*$", tail_words=("pháp", "dân"))


def _skip_named(text: str, start: int) -> bool:
    """True for names that are generic, still to be drafted or the text the document itself
    promulgates ("kèm theo Quyết định này"), and for "pháp Luật", "Dân Luật"."""
    before = text[max(0, start - DRAFTING_LOOKBACK):start].split("\n\n")[-1]  # this paragraph's
    words = LoweredSpan(before, 0, len(before))  # lowered once for the four look-backs
    end = len(before)
    return bool(_GENERIC_BEFORE.search_slice(words, 0, end) or _drafted(words, end)
                or _PHAP_DAN_BEFORE.search_slice(words, 0, end)
                or _ATTACHED.search_slice(words, max(0, end - ATTACHED_LOOKBACK), end))


#: The last words of every _DRAFTING match, which only commas and spaces may follow.
_DRAFTING_TAIL_WORDS = ("dựng", "thảo", "thiện", "lập", "trình", "và", "chức", "khai", "hiện",
                        "hành")


def _without_trailing_commas(s: str) -> str:
    """``s`` less the spaces and commas that end it (what ``[\\s,]*$`` matches)."""
    stripped = s.rstrip().rstrip(",")
    while len(stripped) < len(s):
        s, stripped = stripped, stripped.rstrip().rstrip(",")
    return s


def _drafted(words: LoweredSpan, end: int) -> bool:
    """``_DRAFTING.search_slice(words, 0, end)``, refused without a search when the lowered
    words do not end with the last word of a match (most heads)."""
    if words.low is not None and not _without_trailing_commas(
            words.low[:end - words.base]).endswith(_DRAFTING_TAIL_WORDS):
        return False
    return _DRAFTING.search_slice(words, 0, end) is not None


_DIGIT = re.compile(r"\d")


def _named_occurrence(text: str, m: re.Match[str], kind: str) -> Occurrence | None:
    """Read one named document from its head word (``kind``: the head lowercased, one space
    between words), or None when it is not specific enough."""
    if kind == "nghị quyết":
        return _congress_or_plenum(text, m.start())
    if kind == "luật":
        amending = read_amending_law(text, m.start(), m.end())
        if amending:  # "Luật sửa đổi, bổ sung một số điều của …": its title is its name
            return _amending_occurrence(text, m.start(), *amending)
    end = _name_end(text, m.start(), m.end(), kind)
    if end is None:
        return None
    while end > m.end() and text[end - 1] in " \t\n,":  # the span quotes the name, no more
        end -= 1
    name = collapse_spaces(text[m.start():end])
    min_words = 4 if kind in {"chiến lược", "chương trình", "kế hoạch", "pháp lệnh"} else 2
    words = name.split()
    if len(words) < min_words and not _DIGIT.search(name):
        return None
    if kind in _PLAN_KINDS and _NOT_A_TITLE.match(name):
        return None
    head_words = len(kind.split())
    second = words[head_words].lower() if len(words) > head_words else ""
    if second in _NOT_TITLE_WORDS:
        return None  # "Chương trình tại địa phương …": not a title
    doc_type = TYPE_WORDS.get(kind.replace("quy hoạch tỉnh", "quy hoạch"))
    issued, tail = date_after(text, end)  # "Luật Dữ liệu ngày 30 tháng 11 năm 2024"
    scope = _named_scope(kind, name)
    occ = Occurrence(
        key=NAME_KEY_PREFIX + document_name_key(name), start=m.start(), end=end, head=m.start(),
        tail=tail, name=name, doc_type=doc_type, issued=issued, scope_hint=scope,
        floating=scope is None,
    )
    return occ


def _amending_occurrence(text: str, start: int, name: str, span_end: int, name_end: int
                         ) -> Occurrence:
    """An amending law (``amending_laws.py``): named by its whole title, its span its own words
    up to the first law the title names, its date after the title."""
    issued, tail = date_after(text, name_end)
    return Occurrence(
        key=NAME_KEY_PREFIX + document_name_key(name), start=start, end=span_end, head=start,
        tail=tail, name=name, issued=issued, scope_hint="central",
    )


#: a quoted title: “…” or "…", maybe after "về"
_QUOTE_OPEN = re.compile(r"\s*(?:về\s+)?[\"“]")
_QUOTE_CLOSE = re.compile(r"[\"”]")
#: where no title runs on: punctuation, a paragraph end, "(và) các"
_HARD_STOP = re.compile(r"[.;:()|]|\n[ \t]*\n|\s(?:và\s+các|các)\s")
#: another document or a new name before the period: the period is not this title's
#: How far after its type words a name may run.
NAME_MAX_CHARS = 260
#: Kinds whose name may end with its period ("… giai đoạn 2021-2025").
_PERIOD_KINDS = frozenset({"chiến lược", "đề án", "chương trình", "kế hoạch", "quy hoạch tỉnh"})
_OTHER_TITLE = re.compile(r"\b(?:Chương\s+trình|Kế\s+hoạch|Đề\s+án|Luật|Quy\s+hoạch)\b|,\s+[A-ZĐ]")
_TITLE_NUMBER = re.compile(r"\s+\d{1,3}\b")


def _name_end(text: str, head_start: int, head_end: int, kind: str) -> int | None:
    """Where a document's name ends, or None if it does not read as a specific title."""
    limit = min(len(text), head_end + NAME_MAX_CHARS)
    quoted = _QUOTE_OPEN.match(text, head_end, limit)
    if quoted:  # a quoted title runs to its closing quote
        close = _QUOTE_CLOSE.search(text, quoted.end(), limit)
        return close.end() if close else None
    hard = _HARD_STOP.search(text, head_end, limit)
    hard_end = hard.start() if hard else limit
    if kind in _PERIOD_KINDS:
        period = _PERIOD.search(text[head_end:hard_end])
        if period and not _OTHER_TITLE.search(text[head_end + 12:head_end + period.start()]):
            return head_end + period.end()
    stop = _NAME_STOP.search(text, head_end, limit)
    clause_end = stop.start() if stop else limit
    if kind in {"chương trình", "kế hoạch", "quy hoạch tỉnh"}:
        return _programme_end(text, head_end, clause_end)
    if kind in {"luật", "pháp lệnh"}:
        return _law_end(text, head_end, clause_end)
    number = _TITLE_NUMBER.match(text[head_end:head_end + 6])  # "Đề án 06"
    if number:
        return head_end + number.end()
    return _free_title_end(text, head_end, clause_end, hard_end)


_INNER_QUOTE = re.compile(r"[“\"][^”\"\n]{3,120}[”\"]")
_COMMA = re.compile(r"[,;]")


def _free_title_end(text: str, head_end: int, clause_end: int, hard_end: int) -> int:
    """A title without period or leading quote: to the first stop word, but through a quoted
    title inside it and through an enumeration "A, B và C".

    Example: "Đề án phát triển thị trường trong nước gắn với cuộc vận động “Người Việt Nam …”"
    and "Đề án đổi mới toàn diện nội dung, hình thức và phương pháp tuyên truyền BHXH".
    """
    inner = _INNER_QUOTE.search(text[head_end:hard_end])
    if inner and not _COMMA.search(text[head_end:head_end + inner.start()]):
        return head_end + inner.end()
    enumeration = _ENUMERATION.match(text, clause_end)
    if enumeration:
        stop = _NAME_STOP.search(text, enumeration.end(), hard_end)
        return stop.start() if stop else hard_end
    return clause_end


#: ", hình thức và phương pháp": the rest of an enumeration inside a title.
_ENUMERATION = re.compile(r",\s*[a-zđà-ỹ]+(?:\s+[a-zđà-ỹ]+)?\s+và\s+[a-zđà-ỹ]+")


_FIRST_WORD = re.compile(r"\s+(\S+)")
_LAW_YEAR = re.compile(r"\s+năm\s+(?:19|20)\d\d")


def _law_end(text: str, head_end: int, clause_end: int) -> int | None:
    """Laws are short names: stop at the words that begin what is said about the law.

    Example: "Luật Giáo dục năm 2019." -> "Luật Giáo dục năm 2019"; "Luật Dân quân tự vệ về
    tổ chức …" -> "Luật Dân quân tự vệ"; "Luật sửa đổi, bổ sung …" and "Luật hoặc …" -> None.
    """
    first = _FIRST_WORD.match(text[head_end:head_end + 30])
    if not first or first[1].lower() in _LAW_NOT_NAMES or not first[1][:1].isalpha():
        return None
    stop = _LAW_STOP.search(text, head_end, clause_end)
    end = stop.start() if stop else clause_end
    yr = _LAW_YEAR.match(text[end:end + 12])  # "Luật Giáo dục năm 2019"
    return end + yr.end() if yr else end


#: Words that cannot start a law's name ("Luật sửa đổi, bổ sung …" names the laws it amends).
_LAW_NOT_NAMES = {"sửa", "hoặc", "và", "này", "đó", "số", "về", "của", "các", "những", "trên",
                  "dưới", "là", "thì", "được", "đã", "có", "mới", "năm", "ngày"}
#: Words that cannot follow a document's type words in its name ("Chương trình tại địa phương").
_NOT_TITLE_WORDS = _LAW_NOT_NAMES | {"tại", "cho", "thuộc", "theo", "để", "nhằm"}
#: Words that cannot name a national target programme after "mục tiêu quốc gia".
_NOT_MTQG_WORDS = _LAW_NOT_NAMES | {"tổ", "báo", "tại", "cho"}
# Where a law's name ends: a date, a clause word, markdown or a footnote marker.
_LAW_STOP = re.compile(
    r"""\s(?:ngày|năm|số|về|thuộc|ước|quy\s+định|hướng\s+dẫn|có(?!\s+công)|là|phải|sẽ|cần|nên|đối|
            với(?!\s+cách\s+mạng)|[a-zđ]*\d)(?!\w)   # a number starts a new phrase
    """,
    re.X,
)


_MTQG = re.compile(r"\s*(?:mục\s+tiêu\s+quốc\s+gia|MTQG)\s+(\S+)", re.I)
_ACRONYM_NAME = re.compile(r"[^()\n]{3,80}?\([A-Z]{2,8}\)")


def _programme_end(text: str, head_end: int, clause_end: int) -> int | None:
    """Programmes and plans without a period: only national target programmes and acronyms."""
    body = text[head_end:clause_end]
    mtqg = _MTQG.match(body)
    if mtqg and mtqg[1].lower() not in _NOT_MTQG_WORDS:
        return clause_end
    acronym = _ACRONYM_NAME.match(text[head_end:head_end + 100])
    return head_end + acronym.end() if acronym else None


_SECOND_ACRONYM = re.compile(r",\s*(?P<acr>[A-ZĐ]{2,8})\b")


def _second_law(text: str, occ: Occurrence) -> Occurrence | None:
    """'Luật BHXH, BHYT' cites two laws: the second is quoted by its acronym alone."""
    m = _SECOND_ACRONYM.match(text[occ.end:occ.end + 12])
    if not m or not (occ.name or "").startswith("Luật") or len(occ.name.split()) != 2:
        return None
    start = occ.end + m.start("acr")
    name = "Luật " + m["acr"]
    end = start + len(m["acr"])
    return Occurrence(key=NAME_KEY_PREFIX + document_name_key(name), start=start, end=end,
                      head=start, tail=end, name=name, scope_hint="central")


def _congress_or_plenum(text: str, start: int) -> Occurrence | None:
    """'Nghị quyết Đại hội Đảng bộ tỉnh lần thứ XVII' and 'Nghị quyết Hội nghị Trung ương 5 …'."""
    cm = _CONGRESS.match(text, start)
    if cm:
        level: Level = "central" if cm["ord_c"] else _UNIT_LEVEL[collapse_spaces(cm["unit"]).lower()]
        ordinal = (cm["ord_c"] or cm["ord"] or cm["ord_r"] or "").lower()
        end = cm.end()
        name = collapse_spaces(text[start:end])
        return Occurrence(
            key=f"congress:{level}:{ordinal}", start=start, end=end, head=start, tail=end,
            name=name, doc_type="NQ", scope_hint=level,
        )
    if _PLENUM.match(text, start):
        end = _name_end(text, start, start + len("Nghị quyết"), "đề án")
        if end:
            name = collapse_spaces(text[start:end]).rstrip("”\"")
            end = start + len(text[start:end].rstrip("”\""))
            return Occurrence(
                key=NAME_KEY_PREFIX + document_name_key(name), start=start, end=end, head=start,
                tail=end, name=name, doc_type="NQ", scope_hint="central",
            )
    return None


_UNIT_LEVEL: dict[str, Level] = {
    "tỉnh": "province", "thành phố": "province", "huyện": "district", "thị xã": "district",
    "quận": "district", "xã": "commune", "phường": "commune", "thị trấn": "commune",
}


_NATIONAL = re.compile(r"quốc\s+gia", re.I)
_PROVINCE_WORD = re.compile(r"\btỉnh\b", re.I)


def _named_scope(kind: str, name: str) -> Level:
    """Laws, strategies and national programmes are central; a local plan names its province."""
    if kind in {"luật", "pháp lệnh", "chiến lược", "quy hoạch tỉnh"}:
        return "central"  # the provincial master plan is approved by the Prime Minister
    if _NATIONAL.search(name):
        return "central"
    if _PROVINCE_WORD.search(name):
        return "province"
    return None if kind == "kế hoạch" else "central"  # a plan without issuer: the context's


_KEY_QUOTES = re.compile(r"[\"“”]")
_KEY_ABOUT = re.compile(r"^(đề án|chương trình|chiến lược)\s+về\s+")  # "Đề án về X" = "Đề án X"
_KEY_ABOUT_KINDS = ("đề án", "chương trình", "chiến lược")
# "\b0+(?=\d)" with the word boundary tested after the first "0" (it is a word character, so the
# boundary is "no word character before it"): the pattern opens with a literal, which the regex
# engine skips to, instead of a boundary tested at every position (6x faster over the names).
_KEY_LEADING_ZEROS = re.compile(r"0(?<!\w0)0*(?=\d)")


def _join_dashes(key: str) -> str:
    r"""``re.sub(r"\s*[-–]\s*", "-", key)``: the spaces around each dash dropped, "–" as "-".

    Split at the dashes instead of a pattern without a literal to skip to, tried at every position
    (``str.strip`` drops what ``\s`` matches).

    Example: ``_join_dashes("kinh tế – xã hội 2021 -2025")`` -> ``"kinh tế-xã hội 2021-2025"``.
    """
    first, *middle, last = key.replace("–", "-").split("-")
    return "-".join([first.rstrip(), *(part.strip() for part in middle), last.lstrip()])


def document_name_key(name: str) -> str:
    """Dedup key of a name: case, quotes, spacing and 'MTQG' folded.

    Example: "Chương trình MTQG xây dựng nông thôn mới" and "Chương trình mục tiêu quốc gia
    xây dựng nông thôn mới" have one key; so have "Đề án về X" and "Đề án X".
    """
    key = name.lower().replace("mtqg", "mục tiêu quốc gia")
    # Each substitution only where its characters occur (most names have no quote, dash or 0).
    if '"' in key or "“" in key or "”" in key:
        key = _KEY_QUOTES.sub("", key)
    about = _KEY_ABOUT.match(key) if key.startswith(_KEY_ABOUT_KINDS) else None
    if about:  # (a match and a join: re.sub would parse its template on every call)
        key = f"{about[1]} {key[about.end():]}"
    if "-" in key or "–" in key:
        key = _join_dashes(key)
    if "0" in key:
        key = _KEY_LEADING_ZEROS.sub("", key)  # "01 triệu" = "1 triệu"
    return " ".join(key.split()).strip(" ,.")  # one space between words, as \s+ -> " " gives


# --------------------------------------------------------------------------------------------
# Relations
# --------------------------------------------------------------------------------------------
