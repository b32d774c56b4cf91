"""Numbered citations: the symbols ("số, ký hiệu") a text cites, with type, date and issuer.

Party symbols ``NUMBER-TYPE/ISSUER`` (``12-NQ/TU``), state symbols ``NUMBER/TYPE-ISSUER`` and
``NUMBER/YEAR/TYPE-ISSUER`` (``91/KH-UBND``, ``150/2020/NĐ-CP``), and the National Assembly form
``74/2022/QH15``; ``symbols.py`` holds the patterns, lenient about spacing, case and ``D``/``Đ``
(``12- NQ/TU``, ``76 /CTr - UBND``) but strict about the type code, which keeps dates
(``12/3/2020``) and ranges (``2021-2025``) out. Around each symbol this module reads the type
words before it ("Chương trình hành động số"), the date after it and the issuer as written
("… của Ban Chấp hành Đảng bộ tỉnh khóa XVI về …"). The document's own number in its header
("Số: 91/KH-UBND") is not a citation.

Example:
    >>> [(o.symbol, o.doc_type, str(o.issued), o.issuer) for o in find_symbols(
    ...     "Thực hiện Kế hoạch số 41-KH/TU ngày 22/3/2021 của Tỉnh ủy về giảm nghèo", None)]
    [('41-KH/TU', 'KH', '2021-03-22', 'Tỉnh ủy')]
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

from policykg.loaders.caseless import Caseless, forward_words, reverse_words
from policykg.loaders.citation_occurrence import (
    Occurrence,
    collapse_spaces,
    date_after,
    level_of_words,
)
from policykg.loaders.record import Level
from policykg.loaders.symbols import (
    FLOATING_ISSUERS,
    PARTY_SYMBOL_RE,
    STATE_SYMBOL_RE,
    TYPE_WORDS,
    doc_type_of,
    fold_code,
    issuer_code_of,
    issuer_fixed_level,
    normalize_symbol,
)

#: How far back the type words of a symbol may start ("Chương trình hành động số").
TYPE_LOOKBACK = 45

_ISSUER_OPEN = re.compile(r"[\s,]*của\s+", re.I)  # "… của <issuer>"
#: Words that end an issuer: the clause goes on to the document's subject or a new clause.
_ISSUER_STOP = {
    "về", "thực", "phê", "quy", "khóa", "khoá", "nhiệm", "tại", "trên", "đã", "và",
    "sau", "nhằm", "để", "theo", "gửi", "triển", "tiếp", "hướng", "đối", "trong", "là",
    "sửa", "khoảng", "với", "cho", "có", "được", "ngày", "số", "từ", "đến", "nay", "thì",
}
#: Word pairs that end an issuer ("ban hành" - while "Ban Chấp hành" is an issuer).
_ISSUER_STOP_PAIRS = {("ban", "hành"), ("chỉ", "đạo"), ("hướng", "dẫn")}
_ISSUER_PAIR_FIRSTS = {first for first, _ in _ISSUER_STOP_PAIRS}
#: Most words an issuer takes ("Ban Chấp hành Trung ương Đảng" is five).
ISSUER_MAX_WORDS = 10
#: The words after "của", as many as an issuer may take and the one after them (for the pair
#: test of _ends_issuer): each a run of characters but spaces and punctuation, spaces before it.
_ISSUER_RUN = re.compile(
    rf"""
    (?: \s* [^\s,.;:()“”"]+ ){{1,{ISSUER_MAX_WORDS + 1}}}    # the words, spaces before each
    """,
    re.X,
)

#: The type words before a symbol but "chương trình" (also glued) and "(bộ) luật" (their own
#: branches in the patterns below).
_TYPE_WORDS_BEFORE = ("nghị quyết", "kết luận", "chỉ thị", "kế hoạch", "quyết định", "nghị định",
                      "thông tư", "công điện", "tờ trình", "báo cáo", "hướng dẫn", "thông báo",
                      "công văn", "văn bản", "pháp lệnh")

# The two patterns below end at the symbol and are searched on the lowercased words before it
# (caseless.py: re.I there is lowercase equality), where a case-sensitive branch opens with its
# literal letter and the regex engine refuses most positions at once; and only when those
# words end with the last word of some match.
_TYPE_BEFORE = Caseless(
    rf"""
    (?P<type>{forward_words(_TYPE_WORDS_BEFORE)}|chương\s*trình|
       (?<!pháp\s)(?<!dân\s)(?:bộ\s+)?luật)   # "Luật số 97/2025/QH15" (no type code), not
                                               # "… pháp luật số": a law's name ends there
    (?:\s+hành\s+động)?                        # "Chương trình hành động số"
    (?:\s+liên\s+tịch)?
    \s*(?:số)?\s*$                             # optional "số" right before the symbol
    """,
    re.X,
    tail_words=("số", "quyết", "luận", "thị", "hoạch", "trình", "định", "tư", "điện", "cáo",
                "dẫn", "báo", "động", "tịch", "văn", "bản", "luật", "lệnh"),
)

# _TYPE_BEFORE read backwards, matched at the start of the reversed words: one position is
# tried instead of every one of the 45 (a third of the symbol step's time went to that search).
# Every match of _TYPE_BEFORE ends at the symbol and its type words are the only ones ending
# where "hành động", "liên tịch", "số" and spaces begin, so there is one match but for "bộ": the
# greedy "bộ" below gives its leftmost start, as the search does. With re.I, as _TYPE_BEFORE
# has: the few letters it reads compare caselessly at less cost than lowering all 45 (and
# testing first whether lowering keeps what re.I compares).
_TYPE_BEFORE_REVERSED = re.compile(
    rf"""
    \s*(?:ốs)?\s*                               # "số" and the spaces around it
    (?:hcịt\s+nêil\s+)?                         # "liên tịch"
    (?:gnộđ\s+hnàh\s+)?                         # "hành động"
    (?P<type>{reverse_words(_TYPE_WORDS_BEFORE)}|hnìrt\s*gnơưhc|   # "chương trình"
       tậul(?:\s+ộb)?(?!\spáhp)(?!\snâd))       # "(bộ) luật", not after "pháp", "dân"
    """,
    re.X | re.I,
)


def type_words_before(before: str) -> tuple[int, str] | None:
    """Where the type words that end ``before`` (the text before a symbol) start in it, and
    those words lowercased; None when it does not end with them (``_TYPE_BEFORE.search``).

    Example:
        >>> type_words_before("Thực hiện Chương trình hành động số ")
        (10, 'chương trình')
    """
    rm = _TYPE_BEFORE_REVERSED.match(before[::-1])
    return (len(before) - rm.end(), rm["type"][::-1].lower()) if rm else None


#: "thực hiện số 78/NQ-CP": the type word is lost.
_BARE_SO = Caseless(r"(?<![^\s(])số\s*$", tail_words=("số",))  # also "(Số 37/2019/NĐ-CP", a list

# The header line "Số: 91/KH-UBND" ("Số hiệu | 01/CTr-UBND", "Số: **92** /KH-UBND"); the colon
# or pipe is required, since a wrapped title line may start with "SỐ 41-KH/TU".
_OWN_HEADER = re.compile(r"(?:^|\n)[ \t|*]*Số(?:\s+hiệu)?\s*[:|][ \t*]*$", re.I)
#: How far back the header label of a symbol may start.
OWN_HEADER_LOOKBACK = 30

#: Where a symbol of either style may start: a number not glued to a word, then "-" or "/".
#: The symbol patterns are tried only there. ``symbol_starts`` finds the same places faster;
#: the pattern says what they are, and the tests hold the two to each other.
_SYMBOL_START = re.compile(
    r"""
    \d(?<![\w/.-]\d)\d{0,4}     # the number, as the symbol patterns read it
    [ \t]?[-/]                   # party "-", state "/"
    """,
    re.X,
)


#: The most digits the number of a symbol start has (``\d\d{0,4}`` above).
SYMBOL_NUMBER_MAX_DIGITS = 5
#: Characters that may not stand before the number: it would be glued to a word or another
#: number ("số12-", "1.2-", "2021/12-"); with ``str.isalnum`` this is the ``[\w/.-]`` above.
_GLUED = "_/.-"


def symbol_starts(text: str) -> list[int]:
    """Where ``_SYMBOL_START`` matches, in order, found from the separators instead (a date
    "22/3/2021" starts one too: the symbol patterns reject it).

    Every match ends at a "-" or "/", which substring search finds fast, and is the whole run
    of digits before it (a space or tab may stand between): the lookbehind makes the first digit
    the run's first. So each separator is checked backwards: one to five decimal digits
    (``str.isdecimal`` is ``\\d``), not glued to what stands before them. A separator ends at
    most one match and a match holds one separator, so the matches cannot overlap.

    Example:
        >>> symbol_starts("Kế hoạch số 41-KH/TU ngày 22/3/2021, Quyết định 76 /QĐ-UBND")
        [12, 26, 48]
    """
    party, state = _starts_by_separator(text)
    return sorted(party + state)


def _starts_by_separator(text: str) -> tuple[list[int], list[int]]:
    """``symbol_starts`` by the separator that ends them: "-" (party symbols), "/" (state)."""
    return _starts_before(text, "-"), _starts_before(text, "/")


def _starts_before(text: str, separator: str) -> list[int]:
    """The starts of ``_SYMBOL_START`` that end at a ``separator``.

    Most separators have no digit before them (list dashes "- ", "/" between words): the
    character before is tested first, and only a number is read backwards. A number that runs
    past the longest one stands glued to its own next digit and is refused as glued.
    """
    starts = []
    at = text.find(separator, 1)  # one at 0 has no number before it
    while at != -1:
        last = at - 1
        before = text[last]
        if not before.isdecimal():
            if before not in " \t" or not last or not text[last - 1].isdecimal():
                at = text.find(separator, at + 1)
                continue
            last -= 1  # the space or tab between number and separator
        digits = 1
        while (digits < SYMBOL_NUMBER_MAX_DIGITS and last - digits >= 0
               and text[last - digits].isdecimal()):
            digits += 1
        start = last - digits + 1
        if not start or not (text[start - 1].isalnum() or text[start - 1] in _GLUED):
            starts.append(start)
        at = text.find(separator, at + 1)
    return starts


def _matches_at(rx: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` for a pattern that can only match at one of ``starts`` (sorted) and
    never matches the empty string: the same leftmost, non-overlapping matches, no second scan."""
    end = 0
    for start in starts:
        if start >= end:
            m = rx.match(text, start)
            if m:
                yield m
                end = m.end()


def find_symbols(text: str, own: str | None) -> list[Occurrence]:
    """Occurrences of numbered documents (both symbol styles), own symbol excluded.

    Args:
        text: the normalized text.
        own: the document's own symbol, normalized; also its "Số: …" header line is skipped.

    Example: "Thực hiện Kế hoạch số 41-KH/TU ngày 22/3/2021 của Tỉnh ủy" gives one occurrence
    of 41-KH/TU, type KH, issued 2021-03-22, issuer "Tỉnh ủy", level fixed by TU: province.
    """
    found: list[Occurrence] = []
    # A party symbol's number is followed by "-", a state symbol's by "/": each pattern is tried
    # only where it can match, which yields the same matches as trying both at every start.
    party, state = _starts_by_separator(text)
    for rx, starts in ((PARTY_SYMBOL_RE, party), (STATE_SYMBOL_RE, state)):
        for m in _matches_at(rx, text, starts):
            read = read_symbol(m.group(0))
            if read is None or read[0] == own or _is_own_header(text, m.start()):
                continue  # the document's own number in its header is not a citation
            occurrence = _symbol_occurrence(text, m, *read)
            if occurrence is not None:
                found.append(occurrence)
    return found


class SymbolFacts(NamedTuple):
    """What a normalized symbol says by itself ("41-KH/TU": issuer code TU, which fixes the
    province level, type KH)."""

    code: str  # the issuer code, "" for none
    level: Level | None  # the level that code fixes, if it fixes one
    doc_type: str | None  # the type code the symbol carries
    known_body: bool  # the code names a body the tables know (see _is_known_body)


#: How many distinct symbols as written ``read_symbol`` remembers: a plan cites a few dozen,
#: a batch of a province's plans a few hundred in all.
SYMBOL_CACHE_SIZE = 4096


@functools.lru_cache(maxsize=SYMBOL_CACHE_SIZE)
def read_symbol(raw: str) -> tuple[str, SymbolFacts] | None:
    """A symbol as written, normalized, and its facts; None when it is no symbol.

    Both depend on the written symbol and the bundled code tables only, so they are read once
    per distinct spelling (cached): texts cite the same few documents again and again
    ("Nghị quyết số 12-NQ/TU" in the title, the preamble and the body).

    Example:
        >>> read_symbol("41- KH/TU")
        ('41-KH/TU', SymbolFacts(code='TU', level='province', doc_type='KH', known_body=True))
    """
    symbol = normalize_symbol(raw)
    return None if symbol is None else (symbol, symbol_facts(symbol))


def symbol_facts(symbol: str) -> SymbolFacts:
    """What a normalized symbol says by itself.

    Example:
        >>> symbol_facts("41-KH/TU")
        SymbolFacts(code='TU', level='province', doc_type='KH', known_body=True)
    """
    code = issuer_code_of(symbol) or ""
    return SymbolFacts(code=code, level=issuer_fixed_level(code), doc_type=doc_type_of(symbol),
                       known_body=_is_known_body(code))


def _is_own_header(text: str, start: int) -> bool:
    """Whether the symbol at ``start`` follows its header label ("Số: ", "Số hiệu | ")."""
    before = text[max(0, start - OWN_HEADER_LOOKBACK):start]
    return (":" in before or "|" in before) and _OWN_HEADER.search(before) is not None


def _symbol_occurrence(text: str, m: re.Match[str], symbol: str, facts: SymbolFacts
                       ) -> Occurrence | None:
    """Read the type words before a symbol and the date and issuer after it; None for an
    official letter's shape that nothing shows to be a document number (see ``_is_known_body``).

    Example: in "Kế hoạch số 41-KH/TU ngày 22/3/2021 của Tỉnh ủy", head is at "Kế hoạch",
    issued 2021-03-22, issuer "Tỉnh ủy".
    """
    start, end = m.span()
    before = text[max(0, start - TYPE_LOOKBACK):start]
    tm = type_words_before(before)
    head = start - (len(before) - tm[0]) if tm else start
    bare = _BARE_SO.search(before) if not tm else None
    if bare:
        head = start - len(bare.group(0).lstrip())
    # The cheap tests first: most symbols follow their type words, and then the shape of an
    # official letter (a group of the match, read from a dict of them all) does not matter.
    if not (tm or bare or facts.known_body) and m.groupdict().get("agency"):
        return None  # an official letter's shape, not shown to be one
    # The type words name the type only when the symbol carries no type code (most do).
    type_code = facts.doc_type or (TYPE_WORDS.get(collapse_spaces(tm[1])) if tm else None)
    issued, tail = date_after(text, end)
    issuer, tail = _issuer_after(text, tail)
    level = facts.level
    hint = level_of_words(issuer) if issuer else _level_before(text, head)
    return Occurrence(
        key=symbol, start=start, end=end, head=head, tail=tail, symbol=symbol,
        doc_type=type_code, issued=issued, issuer=issuer, scope_code=level,
        scope_hint=hint, floating=level is None,
    )


def _is_known_body(code: str) -> bool:
    """Whether an official letter's first code names a body the tables know ("BNV", "UBND",
    a Sở's "SYT"). An unknown code ("15/TP-HCM") is taken only after "Công văn (số)", "văn bản
    số" or "số": a letter's symbol is two codes of free letters, and only a known body or those
    words tell a document number from other things written that way."""
    return issuer_fixed_level(code) is not None or fold_code(code) in FLOATING_ISSUERS


def _issuer_after(text: str, pos: int) -> tuple[str | None, int]:
    """The issuer as written in "của <issuer>" right after the symbol (and date).

    The words after "của" are read by one match and split, not matched one by one: they stand
    between spaces only (the match stops at punctuation), so ``str.split`` gives them in order.

    Example: "… của Ban Chấp hành Đảng bộ tỉnh khóa XVI về …" -> "Ban Chấp hành Đảng bộ tỉnh".
    """
    m = _ISSUER_OPEN.match(text, pos, min(len(text), pos + 20))
    run = _ISSUER_RUN.match(text, m.end()) if m else None
    if run is None:
        return None, pos
    words = run.group().split()
    readable = min(len(words), ISSUER_MAX_WORDS)
    paragraph_end = run.group().find("\n\n")
    if paragraph_end != -1:  # a blank line ends the issuer: the words after it are not read
        readable = min(readable, len(run.group()[:paragraph_end].split()))
    count = 0
    while count < readable:
        nxt = words[count + 1] if count + 1 < len(words) else None  # for the pair test
        if _ends_issuer(words[count], nxt):
            break
        count += 1
    if not count:
        return None, pos
    return " ".join(words[:count]), m.end() + _end_of_words(run.group(), words[:count])


def _end_of_words(run: str, words: list[str]) -> int:
    """Where the first ``words`` of ``run`` (its space-separated words, in order) end."""
    cursor = 0
    for word in words:
        cursor = run.index(word, cursor) + len(word)  # only spaces stand before it
    return cursor


def _ends_issuer(word: str, nxt: str | None) -> bool:
    """True when ``word`` (followed by the word ``nxt``) starts the clause after the issuer."""
    low = word.lower()
    # A word of letters only has no digit (no character is both): most words are tested so.
    if low in _ISSUER_STOP or (not low.isalpha() and any(map(str.isdigit, low))):
        return True
    return (low in _ISSUER_PAIR_FIRSTS and nxt is not None
            and (low, nxt.lower()) in _ISSUER_STOP_PAIRS)


_ISSUER_BEFORE = re.compile(r"của\s+((?:Sở|Bộ|Ủy\s+ban|UBND|HĐND)[^;.]*?)\s+tại\s*$")


def _level_before(text: str, head: int) -> Level | None:
    """'theo đề nghị của Sở … tại Tờ trình số …': the issuer named just before the symbol."""
    before = text[max(0, head - 90):head]
    m = _ISSUER_BEFORE.search(before)
    return level_of_words(m[1]) if m else None
