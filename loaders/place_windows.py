"""The stretches of a text where a place can be named, for mention search.

Resolving an ambiguous issuer looks for mentions of units ("xã Vĩnh Thành") and anchors
("Thành nhà Hồ") in the text spelled word by word (``place_resolution._Text``). Every mention
starts with a kind word ("xã", "thị xã", "TP") and every anchor with its own first word, so only
the runs of text (between white space) from such a word to a few words after it matter. On a
plain text (``folds_as_spelled``: ASCII and precomposed Vietnamese letters, no loose marks)
those words can be found as they are written, without spelling the text: a word spells like
"huyện" only if it is written "huyện", "huỵên" or "hụyên" (the marks on other letters), in
one of the cases the search allows (kind words in three, anchors in any). Spelling a sixth of the runs instead of all of them was most of the cost
of resolving a place.

The runs kept hold every first word's run and at least ``WINDOW_WORDS`` runs with a letter or
digit after it (each one spelled word at least), so every mention and anchor that starts there
is read whole, with the word after it. Stretches are joined as they come: no kind word or anchor
word lies within ``WINDOW_WORDS`` words of a stretch's end, so none reads across a join.

Example:
    >>> plain_spellings("huyện")
    ['huyện', 'huỵên', 'hụyên']
    >>> runs_near("Báo cáo của UBND xã Vĩnh Thành về năm 2020 và các việc khác nữa ở đây", ("xã",))
    ['xã', 'Vĩnh', 'Thành', 'về', 'năm', '2020', 'và', 'các', 'việc', 'khác']
"""

from __future__ import annotations

import re
import string
import unicodedata
from functools import cache
from itertools import product

from policykg.loaders.caseless import by_first_letter
from policykg.loaders.place_names import VIETNAMESE_LETTERS, spell_word

#: The most words a mention of a unit or an anchor has, kind words included ("thị trấn Nông
#: trường Việt Trung": 6); a test checks it against every unit and anchor.
MENTION_MAX_WORDS = 8
#: Runs with a word kept after a first word's run: a whole mention, and the word after it.
WINDOW_WORDS = MENTION_MAX_WORDS + 1

#: Each plain lower-case letter or digit by its spelling (letter, then its sorted marks).
_PLAIN_LETTERS: dict[str, str] = {
    spell_word(ch): ch
    for ch in VIETNAMESE_LETTERS + string.ascii_letters + string.digits if ch == ch.casefold()
}


def plain_spellings(word: str) -> list[str]:
    """Every plain lower-case word that spells like ``word`` (a lower-case word): its marks put
    on each letter that takes them, as a plain letter.

    Examples:
        >>> plain_spellings("phường"), plain_spellings("786")
        (['phường', 'phừơng'], ['786'])
    """
    spelled = spell_word(word)
    letters = [ch for ch in unicodedata.normalize("NFD", word) if not unicodedata.combining(ch)]
    marks = spelled[len(letters):]
    found: list[str] = []
    for owners in product(range(len(letters)), repeat=len(marks)):
        keys = [letter + "".join(sorted(m for m, i in zip(marks, owners) if i == at))
                for at, letter in enumerate(letters)]
        if all(key in _PLAIN_LETTERS for key in keys):
            form = "".join(_PLAIN_LETTERS[key] for key in keys)
            if spell_word(form) == spelled and form not in found:
                found.append(form)
    return sorted(found)


def plain_words_by_first_letter(words: list[str]) -> str:
    """Plain ``words`` (each opening with a letter) as one regex alternation for re.X, longest
    first and grouped by first letter (``caseless.by_first_letter``): "t(?:inh|p|x)|x(?:ã)".
    At a place where none can start, the regex engine compares one letter per group, not every
    word."""
    return by_first_letter([re.escape(word).replace("\\ ", "[ ]")
                            for word in sorted(words, key=len, reverse=True)])


def words_trie(words: list[str]) -> str:
    """Plain ``words`` as one regex alternation for re.X, written as a trie: the words sharing a
    first letter share one branch for it, and so on letter by letter, a word's end coming after
    the longer words through it ("t(?:h(?:ị|ành)|p|)").

    It matches what the alternation of the words, longest first, matches: two words that match
    at one place are a word and its prefix, tried longer first in both. Where a letter starts
    words but the next letters part ("th" in "thực" against "thị" and "thành" in every case),
    the regex engine compares one letter per branch and level instead of entering each word.

    Example:
        >>> words_trie(["thị", "thành", "tp", "t"])
        't(?:h(?:ị|ành)|p|)'
    """
    rests: dict[str, list[str]] = {}
    for word in words:
        rests.setdefault(word[:1], []).append(word[1:])
    ends = rests.pop("", None) is not None
    branches = [(re.escape(first) if first != " " else "[ ]") + words_trie(rest)
                for first, rest in rests.items()]
    if ends and branches:
        branches.append("")  # the word ending here, after the longer ones through it
    if len(branches) > 1:
        return "(?:" + "|".join(branches) + ")"
    return branches[0] if branches else ""


def case_forms(word: str, *, any_case: bool) -> list[str]:
    """``word`` (lower-case) as a text may write it: lower, Capitalized and UPPER, or in any mix
    of cases when ``any_case``.

    Example:
        >>> case_forms("xã", any_case=False), case_forms("tp", any_case=True)
        (['xã', 'Xã', 'XÃ'], ['tp', 'tP', 'Tp', 'TP'])
    """
    if not any_case:
        return list(dict.fromkeys((word, word.capitalize(), word.upper())))
    return ["".join(chars) for chars in product(*(dict.fromkeys((c, c.upper())) for c in word))]


@cache
def first_words_pattern(cased: tuple[str, ...], any_case: tuple[str, ...]) -> re.Pattern[str]:
    """A regex finding, in a plain text, every word that spells like one of ``cased`` (lower-case
    words) in lower case, Capitalized or UPPER, or like one of ``any_case`` in any case; cached per
    set of words, which come from bundled data. Cases are spelled out rather than ignored
    (re.I): the regex engine then still skips quickly to the letters a word can start with.
    The forms make a trie (``words_trie``): most places with such a letter start no form."""
    forms = [form for words, mixed in ((cased, False), (any_case, True)) for word in words
             for spelling in plain_spellings(word) for form in case_forms(spelling, any_case=mixed)]
    return re.compile(
        r"""
        (?:%s)              # a first word, as a plain text can write it
        (?![^\W_])          # and the whole word: no letter or digit follows
        """ % words_trie(list(dict.fromkeys(forms))),
        re.X,
    )


# From the end of a first word: the rest of its run, then WINDOW_WORDS runs holding a letter or
# digit, each maybe after runs without one ("-", "…"), which may spell to no word at all. A run
# ends at white space, so what lies between the end of one run and the first letter or digit of
# the next one holding one is white space and runs without one: characters that are no letter
# or digit, taken whole (possessive). Written out WINDOW_WORDS times rather than repeated as a
# group, which the regex engine enters and leaves at a cost for each run.
_WINDOW_RUN = r"""
    [\W_]*+         # white space, and runs without a letter or digit
    [^\W_] \S*+     # a run with one: its first letter or digit, then the rest of the run
"""
_WINDOW_END = re.compile(
    r"""
    \S*+            # the rest of the first word's run
    """ + _WINDOW_RUN * WINDOW_WORDS,
    re.X,
)


def runs_near(text: str, cased: tuple[str, ...], any_case: tuple[str, ...] = ()) -> list[str]:
    """The runs of ``text`` (split at white space, in order) from each run holding a first word
    (see ``first_words_pattern``) to WINDOW_WORDS runs with a word after it (or the end).

    ``text`` must be plain (``folds_as_spelled``): then each word is written as one of its
    ``plain_spellings``, in some case.
    """
    pattern = first_words_pattern(cased, any_case)
    runs: list[str] = []
    end = 0  # where the runs kept so far end: at white space or the end of the text
    for match in pattern.finditer(text):
        if match.start() >= end:  # a new stretch, from the space before the word's run
            start = max(end, text.rfind(" ", end, match.start()) + 1)
        else:
            start = end
        window = _WINDOW_END.match(text, match.end())
        stop = window.end() if window else len(text)
        if stop > end:
            runs += text[start:stop].split()
            end = stop
    return runs
