"""Normalizer step 1: one form for characters, line ends and spaces.

Readers hand over text as the source had it: Windows line ends, no-break spaces and tabs from
Word exports, zero-width spaces and soft hyphens from web pages, decomposed marks, and in a few
Trà Vinh documents the Icelandic Ð/ð typed for the Vietnamese Đ/đ ("Quyết định số 2013/QÐ-UBND").
Every later step and every span of the Record assume the one form this step gives: NFC, "\\n"
line ends, ASCII spaces, no invisible characters.

Example:
    >>> stats = NormalizeStats()
    >>> clean_characters("Số:\\u00a091/QÐ-UBND\\r\\nKế\\u200b hoạch của Ủy ban nhân dân tỉnh",
    ...                  stats)
    'Số: 91/QĐ-UBND\\nKế hoạch của Ủy ban nhân dân tỉnh'
    >>> tidy_spaces(" Thu nhập   bình quân \\n đầu người ")
    ['Thu nhập bình quân', 'đầu người']
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

from policykg.loaders.breaks import NormalizeStats

#: Vietnamese-only letters a text needs before the Icelandic look-alikes Ð/ð are read as Đ/đ.
VIETNAMESE_MIN_MARKS = 3

#: Line ends other than "\n" and "\r" (which str.replace handles faster).
_RARE_LINE_ENDS = r"[\u2028\u2029\x0b\x0c\x85]"
#: Space-like characters (NBSP, tabs, thin and ideographic spaces) become one ASCII space.
_SPACES = r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
#: Invisible characters (zero-width, BOM, soft hyphen) and C0/C1 controls other than "\n".
_INVISIBLE = r"[\u200b-\u200d\u2060\ufeff\u00ad\x00-\x09\x0e-\x1f\x7f-\x9f]"
#: Any character one of the three patterns above replaces: one scan tells whether any of the three
#: substitutions has work to do (a clean text, such as every second pass, skips all three).
_SPECIAL = (
    r"[\u2028\u2029\x0b\x0c\x85\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
    r"\u200b-\u200d\u2060\ufeff\u00ad\x00-\x09\x0e-\x1f\x7f-\x9f]"
)

#: Letters only Vietnamese uses: ă â đ ê ô ơ ư and the precomposed tone-marked block.
_VIETNAMESE_MARK = r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]"


class _RarePatterns(NamedTuple):
    """The five patterns above, compiled."""

    rare_line_ends: re.Pattern[str]
    spaces: re.Pattern[str]
    invisible: re.Pattern[str]
    special: re.Pattern[str]
    vietnamese_mark: re.Pattern[str]


@functools.cache
def _rare() -> _RarePatterns:
    """The patterns above, compiled on first use: only a text that is not printable
    (``_has_special``) or that holds Ð or ð is searched with them, and their classes of
    characters beyond Latin-1 are slow to compile (most texts need none of them)."""
    return _RarePatterns(re.compile(_RARE_LINE_ENDS), re.compile(_SPACES), re.compile(_INVISIBLE),
                         re.compile(_SPECIAL), re.compile(_VIETNAMESE_MARK))


#: Two spaces or more. Written with a two-space literal prefix (not "  +", whose prefix is one
#: space) so that the regex engine skips ahead with a fast substring search.
_RUNS_OF_SPACES = re.compile(r"  [ ]*")
#: A space ending or starting a line. Found by the regex engine, which skips from line end to
#: line end (the pattern starts with one), faster than ``" \n" in text`` and ``"\n " in text``,
#: which test every (frequent) space.
_LINE_EDGE_SPACE = re.compile(
    r"""\n (?: (?<=[ ]\n)    # a line end after a space
            | (?=[ ]) )       # or before one
    """,
    re.X,
)
_LOOKALIKES = str.maketrans({"\u00d0": "\u0110", "\u00f0": "\u0111"})  # Ð ð (Icelandic eth) -> Đ đ


def clean_characters(raw: str, stats: NormalizeStats) -> str:
    """NFC, one kind of line end and space, no invisible characters, Đ for its look-alike.

    Example: ``"Số:\\u00a091/QÐ-UBND\\r\\n"`` -> ``"Số: 91/QĐ-UBND\\n"`` (in a Vietnamese text).
    """
    return clean_pass(raw, stats)[0]


def clean_pass(raw: str, stats: NormalizeStats, *, again: bool = False, nfc: bool = False,
               printable: bool = False) -> tuple[str, bool]:
    """``clean_characters``, and whether its result is surely NFC: it is unless invisible
    characters were dropped, which can leave a letter next to a combining mark.

    ``again`` says that ``raw`` was cleaned before and since then only lost characters or gained
    ASCII ones (a later normalization pass reads the earlier one's output). It then holds no "\\r",
    no special character and no look-alike this step would replace (the Vietnamese letters that
    decide it can only have become fewer), so only NFC is checked, and not even that with ``nfc``.

    ``nfc`` and ``printable`` say what the reader established of a first pass's ``raw``
    (``read.SourceText``): NFC, which replacing line ends keeps (they compose with nothing), and
    printable but for tabs and line feeds, so that the only special character it may hold is a
    tab (every other one is non-printable).

    Example: ``clean_pass("Kế hoạch", NormalizeStats(), again=True, nfc=True)`` -> ``("Kế hoạch",
    True)``, without reading the text.
    """
    if again and nfc:
        return raw, True
    text = raw.replace("\r\n", "\n").replace("\r", "\n") if not again and "\r" in raw else raw
    special = not again and ("\t" in text if printable else _has_special(text))
    if special:
        text = _rare().rare_line_ends.sub("\n", text)
    composed = not nfc and not unicodedata.is_normalized("NFC", text)
    if composed:
        text = unicodedata.normalize("NFC", text)
        # NFC maps U+2000/U+2001 to other spaces
        special = _rare().special.search(text) is not None
    if special:
        patterns = _rare()
        text = patterns.invisible.sub("", patterns.spaces.sub(" ", text))
    if not again or composed:  # NFC may compose the letters that decide on the look-alikes
        text = _replace_lookalikes(text, stats)
    return text, not special


def _replace_lookalikes(text: str, stats: NormalizeStats) -> str:
    """Đ/đ for the Icelandic Ð/ð in a Vietnamese text (VIETNAMESE_MIN_MARKS of its letters)."""
    eth = "\u00d0" in text or "\u00f0" in text
    if eth and len(_rare().vietnamese_mark.findall(text)) >= VIETNAMESE_MIN_MARKS:
        stats.lookalikes += text.count("\u00d0") + text.count("\u00f0")
        text = text.translate(_LOOKALIKES)
    return text


def _has_special(text: str) -> bool:
    """``_rare().special.search(text)``, answered by ``str.isprintable`` when it can: every special
    character is non-printable, so a text printable but for its line ends holds none, and that
    check runs at C speed where a character-class scan does not."""
    printable = text.replace("\n", " ").isprintable()
    return not printable and _rare().special.search(text) is not None


def tidy_spaces(text: str) -> list[str]:
    """One space between words, none at line edges; the lines.

    Example: ``" Thu nhập   bình quân \\n đầu người "`` -> ``["Thu nhập bình quân", "đầu người"]``.
    """
    if "  " in text:
        text = _RUNS_OF_SPACES.sub(" ", text)
    if _LINE_EDGE_SPACE.search(text):  # one scan from line end to line end for both pairs
        if " \n" in text:
            text = text.replace(" \n", "\n")
        if "\n " in text:
            text = text.replace("\n ", "\n")
    return text.strip(" ").split("\n")
