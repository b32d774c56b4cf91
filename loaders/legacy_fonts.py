"""Legacy Vietnamese font encodings: find TCVN3 (ABC) and VNI text, and turn TCVN3 into Unicode.

Before Unicode, Vietnamese offices typed in 8-bit "font encodings": the letters live at code
points that Windows shows as Latin-1 symbols when the special font (.VnTime, VNI-Times) is
missing. Such text reaches us two ways: as raw single-byte files, or — far more often — as
Unicode text (a .docx, a web page, a PDF text layer) whose characters are those Latin-1
stand-ins: "NghÞ quyÕt" is "Nghị quyết", "ñy ban nh©n d©n" is "ủy ban nhân dân".

Decisions:

* **The table is TCVN 5712:1993 VN1, all 134 letters.** ABC (VN3) text uses its upper half
  (0xA1-0xFF); VN1 adds capitals with tones at C0/C1 positions. The table was checked against
  glibc's independent ``TCVN5712-1`` converter (see the tests). The five combining tone marks
  VN1 puts at 0xB0-0xB4 are left out on purpose: ABC text uses those bytes as ``° ± ² ³ ´``.
  Windows punctuation at 0x80-0x9F (“ ” – …) is kept: ABC fonts draw punctuation there, and a
  Unicode text only holds U+0080-U+009F when something decoded C1 bytes as Latin-1.
* **Capitals.** ABC draws capitals with tones using a second font (.VnTimeH) over the *lowercase*
  code points, so "KÕ HO¹CH" is "KẾ HOẠCH" on paper. A converted word whose ASCII letters are all
  capitals (at least ``UPPER_WORD_MIN_ASCII`` of them) is upper-cased, and so is a one-capital
  word next to such a word; "Uû ban" stays "Uỷ ban".
* **Detection is scored, not guessed from one character.** Vietnamese syllables have a strict
  shape (onset, vowel nucleus, coda, at most one tone), so the reader counts the words that are
  valid syllables before and after conversion: TCVN3 text turns from garbage into syllables,
  Unicode text does not gain. VNI spells tones and hats as a second byte after the vowel
  ("quyeát", "Vieät"), which Unicode and TCVN3 never do; those pairs are counted.
* **Unicode lines are never touched.** A line holding a letter only Unicode has (ă, đ, ơ, ư, ạ …)
  is already Unicode, so a mixed document (a Unicode page quoting a TCVN3 table) only has its
  legacy lines converted.
* VNI is detected, not converted: the reader refuses it with a clear message.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Literal, NamedTuple

LegacyEncoding = Literal["tcvn3", "vni"]

# --- The TCVN 5712:1993 (VN1) table: byte -> letter. 67 lowercase + 67 capital letters. ---------
# Rows follow the byte order of the standard, so a reader can check them against its chart.
_TCVN3_ROWS: tuple[tuple[int, str], ...] = (
    # C0 positions VN1 lends to capitals that did not fit in the upper half.
    (0x01, "ÚỤ"), (0x04, "ỪỬỮ"), (0x11, "ỨỰỲỶỸÝỴ"),
    # C1: capitals with tones.
    (0x80, "ÀẢÃÁẠẶẬÈẺẼÉẸỆÌỈĨ"),
    (0x90, "ÍỊÒỎÕÓỌỘỜỞỠỚỢÙỦŨ"),
    # 0xA1-0xAE: the letters with hats, horns and the bar, capital then small (the ABC core).
    (0xA1, "ĂÂÊÔƠƯĐăâêôơưđ"), (0xAF, "Ằ"),
    # 0xB5 onwards: small letters with tones, with VN1 capitals in the gaps ABC leaves empty.
    (0xB5, "àảãáạẲằẳẵắẴẮẦẨẪẤỀặầẩẫấậèỂẻẽéẹềểễếệìỉỄẾỒĩíịòỔỏõóọồổỗốộờởỡớợùỖủũúụừửữứựỳỷỹýỵỐ"),
)


def _expand(rows: tuple[tuple[int, str], ...]) -> dict[int, str]:
    table: dict[int, str] = {}
    for start, letters in rows:
        for offset, letter in enumerate(letters):
            table[start + offset] = letter
    return table


#: Byte value -> Unicode letter, the 134 letters of TCVN 5712:1993 VN1 (a superset of ABC/VN3).
TCVN3_TABLE: dict[int, str] = _expand(_TCVN3_ROWS)

#: Unicode letter -> byte, to write test fixtures (and to check the table is one-to-one).
TCVN3_INVERSE: dict[str, int] = {letter: byte for byte, letter in TCVN3_TABLE.items()}

# For str.translate: a byte read as Latin-1 (how a missing .VnTime font shows it) has the byte's
# value as its code point, so the byte table is also the character table.
_TCVN3_CHAR_MAP: dict[int, str] = TCVN3_TABLE
_TO_TCVN3_CHARS: dict[int, str] = {ord(letter): chr(byte) for letter, byte in TCVN3_INVERSE.items()}
_LEGACY_CHARS = "".join(re.escape(chr(byte)) for byte in sorted(TCVN3_TABLE))

# --- Thresholds (named so a reviewer can argue with them) -------------------------------------
#: Detection reads only this many characters: enough words to decide, linear time on 50 MB.
LEGACY_SAMPLE_CHARS = 200_000
#: At least this many words must speak for a legacy encoding before anything is converted.
LEGACY_MIN_WORDS = 5
#: ... and they must be at least this share of the words holding Latin-1 letters or symbols,
#: so one "©" or "Ø" in a Unicode page never triggers a conversion.
LEGACY_MIN_SHARE = 0.3
#: Distinct words whose evidence (``_word_evidence``) is kept.
WORD_CACHE_SIZE = 16384
#: A converted word with at least this many ASCII letters, all capitals, was set in .VnTimeH.
UPPER_WORD_MIN_ASCII = 2

# --- Regexes -------------------------------------------------------------------------------------
# A word as legacy text sees it: letters plus the symbols TCVN3 uses as letters.
_WORD = re.compile(rf"[\w{_LEGACY_CHARS}]+")

# A word holding at least one ASCII capital (only those can be set in .VnTimeH capitals).
_WORD_WITH_CAPITAL = rf"[\w{_LEGACY_CHARS}]*[A-Z][\w{_LEGACY_CHARS}]*"

# A word worth judging: it holds a character outside ASCII that is Latin-1 or a TCVN3 position.
_CANDIDATE = re.compile(rf"[\u0080-\u00ff{_LEGACY_CHARS}]")

#: Letters only Unicode has (never a Latin-1 stand-in), as a regex class body: a line holding one
#: is already Unicode.
_UNICODE_ONLY = (r"\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169"  # Ă ă Đ đ Ĩ ĩ Ũ ũ
                 r"\u01a0\u01a1\u01af\u01b0"                            # Ơ ơ Ư ư
                 r"\u1ea0-\u1ef9")                                        # ạ … ỹ: the extended block
_UNICODE_VIETNAMESE = rf"[{_UNICODE_ONLY}]"

#: What str.splitlines splits lines at (CR LF counts as one break there, as two here: the empty
#: line between them holds no word).
_LINE_SEPARATOR_CHARS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
#: _LINE_SEPARATOR_CHARS as a regex class body.
_LINE_SEPARATORS = "".join(f"\\u{ord(char):04x}" for char in _LINE_SEPARATOR_CHARS)

# A line that holds no Unicode-only letter, with the separator before it (``{separator}``: a
# class of every separator, or "\n" alone). The possessive scan stops at the first such letter or
# separator and never backtracks; a scan stopped by a letter fails, and the search moves on to
# the next separator.
_NOT_UNICODE_LINE_TEMPLATE = rf"""
    {{separator}}                                        # the end of the line before
    (?P<line>[^{_LINE_SEPARATORS}{_UNICODE_ONLY}]*+)    # the line, up to a separator or letter
    (?=[{_LINE_SEPARATORS}]|\Z)                         # … which is its end: no letter in it
    """
#: The separators other than "\n": most documents hold none, and there _NOT_UNICODE_LINE_LF finds
#: the same lines three times faster, its literal "\n" being found by a quick scan where the
#: class is tested at every character (each one is looked for by ``in``, which is quicker still).
_RARE_SEPARATORS = tuple(_LINE_SEPARATOR_CHARS.replace("\n", ""))
_NOT_UNICODE_LINE_LF = re.compile(_NOT_UNICODE_LINE_TEMPLATE.format(separator=r"\n"), re.X)


class _RarePatterns(NamedTuple):
    """The patterns of a legacy text's conversion, and of a text with rare line separators."""

    word_with_capital: re.Pattern[str]
    ascii_capital: re.Pattern[str]
    unicode_vietnamese: re.Pattern[str]
    not_unicode_line: re.Pattern[str]  # a line after any separator (``_NOT_UNICODE_LINE_LF``'s)


@cache
def _rare() -> _RarePatterns:
    """Those patterns, compiled on first use: only a document in a legacy encoding is converted,
    and few hold a separator other than "\\n"; their classes of letters beyond Latin-1 are slow
    to compile, which every ``policykg extract`` paid at start-up."""
    any_separator = _NOT_UNICODE_LINE_TEMPLATE.format(separator=f"[{_LINE_SEPARATORS}]")
    return _RarePatterns(re.compile(_WORD_WITH_CAPITAL), re.compile(r"[A-Z]"),
                         re.compile(_UNICODE_VIETNAMESE, re.X), re.compile(any_separator, re.X))


# VNI writes the hat, breve or tone as a byte after the vowel. None of these pairs occurs in
# Unicode or TCVN3 Vietnamese ("uû" is left out: TCVN3 writes "Uỷ" as "Uû").
_VNI_PAIR = re.compile(
    r"""
      [ae][âáàåãäêéèúüë]        # hat or breve (+ tone) after a/e: "eá" ế, "aê" ă
    | [AE][ÂÁÀÅÃÄÊÉÈÚÜË]        # the same in capitals (VNI's marks have a capital byte too)
    | [öÖ][ôÔ]                  # ươ: VNI's ư and ơ are the single bytes ö and ô
    | [aeiouyôö][øùõï]          # tone byte after a vowel: ø grave, ù acute, õ tilde, ï dot
    | [AEIOUYÔÖ][ØÙÕÏ]          # capitals only after capitals: TCVN3 "tiÕp" is "tiếp"
    | [aeioy][û] | [AEIOY][Û]   # hook above after a vowel other than u (TCVN3 "Uû" is "Uỷ")
    """,
    re.X,
)

_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")  # grave, acute, tilde, hook, dot below

# The shape of a Vietnamese syllable, tones removed, lower case.
_SYLLABLE = re.compile(
    r"""
    (?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?   # onset (longest first)
    (?:iêu|yêu|oai|oay|oeo|uây|uôi|uya|uyê|uyu|ươi|ươu           # nucleus: three vowels
      |ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi        # two vowels
      |ua|uâ|uê|ui|uô|uơ|uy|ưa|ưi|ươ|ưu|yê
      |[aăâeêioôơuưy])                                          # one vowel
    (?:ng|nh|ch|[cmnpt])?                                       # coda
    """,
    re.X,
)


@dataclass(frozen=True)
class LegacyScores:
    """How strongly a text looks like each legacy encoding, from its first characters.

    Attributes:
        candidates: words holding Latin-1 letters/symbols and no Unicode-only Vietnamese letter.
        as_is: candidates that already are valid syllables ("các", "và").
        tcvn3: candidates that are valid syllables once read as TCVN3 ("c¸c" -> "các").
        vni: candidates with a VNI vowel-and-mark pair ("quyeát").
    """

    candidates: int
    as_is: int
    tcvn3: int
    vni: int


def is_syllable(word: str) -> bool:
    """True when ``word`` has the shape of one Vietnamese syllable (at most one tone mark).

    Example:
        >>> is_syllable("Nghị"), is_syllable("quyết"), is_syllable("NghÞ")
        (True, True, False)
    """
    decomposed = unicodedata.normalize("NFD", word.lower())
    bare = "".join(c for c in decomposed if c not in _TONE_MARKS)
    if len(decomposed) - len(bare) > 1:
        return False
    return _SYLLABLE.fullmatch(unicodedata.normalize("NFC", bare)) is not None


def score_legacy(text: str) -> LegacyScores:
    """Count the evidence for TCVN3 and VNI in the first ``LEGACY_SAMPLE_CHARS`` of ``text``.

    Example:
        >>> score_legacy("NghÞ quyÕt cña Ban ChÊp hµnh")
        LegacyScores(candidates=5, as_is=1, tcvn3=5, vni=0)
    """
    candidates = as_is = tcvn3 = vni = 0
    # The lines without a Unicode-only letter, found by one pass of the regex engine: in a
    # Unicode document most lines hold one, and are skipped without being split off.
    for line in not_unicode_lines(text[:LEGACY_SAMPLE_CHARS]):
        # A printable ASCII line holds no candidate: the few TCVN3 letters at ASCII positions
        # are control characters.
        if line.isascii() and line.isprintable():
            continue
        for word in _WORD.findall(line):
            evidence = _word_evidence(word)
            if evidence is not None:
                candidates += 1
                as_is += evidence[0]
                tcvn3 += evidence[1]
                vni += evidence[2]
    return LegacyScores(candidates, as_is, tcvn3, vni)


def not_unicode_lines(text: str) -> list[str]:
    """The lines of ``text`` (as ``str.splitlines`` cuts them, with an empty line between a CR
    and its LF) that hold no Unicode-only Vietnamese letter, in order.

    Example:
        >>> not_unicode_lines("Kế hoạch\\nNghÞ quyÕt\\n\\n2021")
        ['NghÞ quyÕt', '', '2021']
    """
    sample = "\n" + text  # a separator first, so that the first line is found like the others
    pattern = _NOT_UNICODE_LINE_LF
    for separator in _RARE_SEPARATORS:
        if separator in sample:
            pattern = _rare().not_unicode_line
            break
    return [match["line"] for match in pattern.finditer(sample)]


@lru_cache(maxsize=WORD_CACHE_SIZE)
def _word_evidence(word: str) -> tuple[bool, bool, bool] | None:
    """What one word says, if it is a candidate: whether it is a syllable as it is, whether it
    is one read as TCVN3, whether it holds a VNI pair. Cached: a text repeats its words, and
    the Unicode words that reach here ("các", "khác") are a few hundred syllables."""
    if not _CANDIDATE.search(word):
        return None
    return (is_syllable(word), is_syllable(word.translate(_TCVN3_CHAR_MAP)),
            _VNI_PAIR.search(word) is not None)


def detect_legacy(text: str, *, baseline_valid: int | None = None) -> LegacyEncoding | None:
    """Which legacy encoding ``text`` is in, or None for ordinary text.

    Args:
        text: the document as characters; legacy bytes appear as their Latin-1 characters.
        baseline_valid: valid syllables of the ordinary decoding to beat (for raw bytes, the
            Windows-1258 decoding); defaults to the text as it is.

    Example:
        >>> detect_legacy("KÕ ho¹ch thùc hiÖn NghÞ quyÕt sè 12-NQ/TU cña TØnh ñy")
        'tcvn3'
        >>> detect_legacy("Kế hoạch thực hiện Nghị quyết số 12-NQ/TU") is None
        True
    """
    scores = score_legacy(text)
    floor = max(LEGACY_MIN_WORDS, LEGACY_MIN_SHARE * scores.candidates)
    gain = scores.tcvn3 - (scores.as_is if baseline_valid is None else baseline_valid)
    if gain >= floor and gain > scores.vni:
        return "tcvn3"
    if scores.vni >= floor and scores.vni >= gain:
        return "vni"
    return None


def count_syllables(text: str) -> int:
    """Valid syllables among the non-ASCII words of the sample (the score of a decoding)."""
    sample = text[:LEGACY_SAMPLE_CHARS]
    return sum(is_syllable(w) for w in _WORD.findall(sample) if not w.isascii())


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3 (ABC/VN1) text, seen as Latin-1 characters, to Unicode; NFC is the caller's.

    Lines that already hold Unicode-only Vietnamese letters are kept as they are.

    Example:
        >>> tcvn3_to_unicode("KÕ ho¹ch thùc hiÖn NghÞ quyÕt cña Uû ban nh©n d©n")
        'Kế hoạch thực hiện Nghị quyết của Uỷ ban nhân dân'
        >>> tcvn3_to_unicode("UBND TØNH VÜNH PHóC")
        'UBND TỈNH VĨNH PHÚC'
    """
    lines = text.split("\n")
    unicode_vietnamese = _rare().unicode_vietnamese
    return "\n".join(
        line if unicode_vietnamese.search(line) else _convert_line(line) for line in lines
    )


def _convert_line(line: str) -> str:
    # Every table entry is one character, so offsets in ``line`` hold in ``converted`` too.
    converted = line.translate(_TCVN3_CHAR_MAP)
    if not _rare().ascii_capital.search(line):
        return converted  # the common case: no capitals, nothing set in .VnTimeH
    words = list(_rare().word_with_capital.finditer(line))
    legacy = [bool(_CANDIDATE.search(m.group())) for m in words]
    capital = [_is_capital_word(m.group()) for m in words]
    shouted = [m for i, m in enumerate(words) if legacy[i] and _shout(line, i, words, capital)]
    if not shouted:
        return converted
    pieces, last = [], 0
    for match in shouted:
        pieces += [converted[last : match.start()], converted[match.start() : match.end()].upper()]
        last = match.end()
    return "".join(pieces) + converted[last:]


def _is_capital_word(word: str) -> bool:
    # Set in .VnTimeH: its ASCII letters are capitals and there are enough of them to tell.
    letters = [c for c in word if c.isascii() and c.isalpha()]
    return len(letters) >= UPPER_WORD_MIN_ASCII and all(c.isupper() for c in letters)


def _shout(line: str, i: int, words: list[re.Match[str]], capital: list[bool]) -> bool:
    if capital[i]:
        return True
    letters = [c for c in words[i].group() if c.isascii() and c.isalpha()]
    if len(letters) != 1:
        return False
    # "KÕ HO¹CH": a one-capital legacy word right beside a capital legacy word is in .VnTimeH.
    for j in (i - 1, i + 1):
        if 0 <= j < len(words) and capital[j] and _CANDIDATE.search(words[j].group()):
            first, second = sorted((words[i], words[j]), key=lambda m: m.start())
            if _WORD.search(line, first.end(), second.start()) is None:  # no word between
                return True
    return False


def unicode_to_tcvn3(text: str, *, abc: bool = False) -> str:
    """Write Unicode Vietnamese as TCVN3 characters (the inverse table); for fixtures and tests.

    Args:
        text: Unicode text.
        abc: write as an ABC (VN3) typist did: capitals with tones get the code of their small
            letter (the .VnTimeH font draws it as a capital), so no C0/C1 byte is used.

    Example:
        >>> unicode_to_tcvn3("Nghị quyết"), unicode_to_tcvn3("KẾ HOẠCH", abc=True)
        ('NghÞ quyÕt', 'KÕ HO¹CH')
    """
    text = unicodedata.normalize("NFC", text)
    if abc:
        text = "".join(c.lower() if _needs_small_code(c) else c for c in text)
    return text.translate(_TO_TCVN3_CHARS)


def _needs_small_code(char: str) -> bool:
    code = TCVN3_INVERSE.get(char)
    return code is not None and not ABC_CAPITALS_FIRST <= code <= ABC_CAPITALS_LAST


#: ABC (VN3) has codes for only seven capitals, Ă Â Ê Ô Ơ Ư Đ, at 0xA1-0xA7.
ABC_CAPITALS_FIRST, ABC_CAPITALS_LAST = 0xA1, 0xA7
