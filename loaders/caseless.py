"""Case-insensitive patterns run on lowercased text, for the target extractor's word lists.

With ``re.I``, CPython tries every alternative of a word list at every position (it cannot
dispatch on a cased first character), which made these lists a large share of the extractor's
time. The same pattern without ``re.I`` on ``s.lower()`` matches the same spans when every
character of ``s`` is in :data:`CASE_PLAIN_RE`; other strings get the ``re.I`` pattern.

A :class:`LoweredSpan` lowers a stretch of the document (a paragraph) once, so that the many
searches inside it slice the lowered copy instead of lowering each short string again.

Example:
    >>> unit = Caseless(r"(?:trên|dưới)\\s*$")
    >>> span = LoweredSpan("Tỷ lệ hộ nghèo còn DƯỚI 1%", 0, 26)
    >>> unit.search_slice(span, 0, 24).group()
    'dưới '
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

#: Characters for which re.I matching is plain equality of ``str.lower()`` forms, one character to
#: one: Latin less "İ ı ſ", combining accents less U+0345, Vietnamese letters less "ẛ ẞ",
#: punctuation, currency, arrows and math signs (checked in tests/loaders/test_target_values.py).
CASE_PLAIN_RE = re.compile(
    r"[\x00-\u012f\u0132-\u017e\u0180-\u024f\u0300-\u0344\u0346-\u036f"
    r"\u1e00-\u1e9a\u1e9c\u1e9d\u1e9f-\u1eff\u2000-\u206f\u20a0-\u20cf\u2190-\u22ff]*"
)


class LoweredSpan:
    """``text[start:end]`` lowered once when lowering keeps every offset, else ``low`` is None.

    One character before ``start`` is kept, for the ``\\b`` a pattern may test there.
    """

    __slots__ = ("text", "base", "low")

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text = text
        self.base = max(0, start - 1)
        part = text[self.base:end]
        self.low = part.lower() if CASE_PLAIN_RE.fullmatch(part) else None

    def lower_slice(self, start: int, end: int) -> str | None:
        """``text[start:end].lower()`` when the span is plain (None otherwise)."""
        if self.low is None:
            return None
        return self.low[start - self.base:end - self.base]


class Caseless:
    """A case-insensitive pattern, run 3-4x faster on lowercased text when that is exact.

    The pattern's letters must be lowercase (an uppercase one only inside a class that also holds
    its lowercase). Groups come back lowercased. ``fast`` is an optional twin of the lowered
    pattern, equal on lowercase text, written so that CPython can skip to its first letters.
    ``reverse`` is, for a pattern anchored at the end (``…\\s*$``), the pattern of its matches
    read backwards: matched at the start of the reversed string, it tries one position instead
    of every one (see :func:`reverse_words`); with re.I it needs no lowered copy at all.
    ``tail_words``, for such a pattern, are the last words of all its matches: a string that
    ends with none of them is refused without a search.
    """

    def __init__(self, pattern: str, flags: int = 0, fast: str | None = None,
                 tail_words: tuple[str, ...] = (), reverse: str | None = None) -> None:
        self.pattern, self.flags, self.fast_pattern = pattern, flags, fast
        self.tail_words = tail_words
        self.reverse = re.compile(reverse, flags) if reverse is not None else None

    # Every form is compiled on first use: with a fast twin, most patterns never need the other
    # two (text that lowering would change is rare), some patterns are kept for tests only, and
    # compiling every form of every word list made up much of the extractors' start-up. (A
    # cached property is then a plain attribute of the instance: no cost in the hot loops.)
    @functools.cached_property
    def fast(self) -> re.Pattern[str]:
        """The fast twin on lowered text (the lowered pattern when there is none)."""
        if self.fast_pattern is None:
            return self.lowered
        return re.compile(self.fast_pattern, self.flags)

    @functools.cached_property
    def caseless(self) -> re.Pattern[str]:
        """The pattern with re.I, for text that lowering would change."""
        return re.compile(self.pattern, self.flags | re.I)

    @functools.cached_property
    def lowered(self) -> re.Pattern[str]:
        """The pattern without re.I, for lowered text."""
        return re.compile(self.pattern, self.flags)

    @functools.cached_property
    def reverse_caseless(self) -> re.Pattern[str]:
        """``reverse`` (there must be one) with re.I, compiled on first use, by :meth:`ends`."""
        reverse: re.Pattern[str] = self.reverse  # type: ignore[assignment]
        return re.compile(reverse.pattern, reverse.flags | re.I)

    def search(self, s: str, pos: int = 0) -> re.Match[str] | None:
        """``re.search`` with re.I on a short string (lowered whole, so offsets are kept)."""
        if CASE_PLAIN_RE.fullmatch(s):
            return self._search_lowered(s.lower(), pos)
        return self.caseless.search(s, pos)

    def _search_lowered(self, low: str, pos: int) -> re.Match[str] | None:
        """The lowered search, skipped when the pattern is tail-anchored and ``low`` cannot match.

        With ``tail_words``, every match ends the string but for whitespace, with one of those
        words: a string that does not has no match.
        """
        if self.tail_words and not low.rstrip().endswith(self.tail_words):
            return None
        return self.fast.search(low, pos)

    def found_in(self, text: str, start: int, end: int) -> bool:
        """Does the pattern occur in ``text[start:end]`` (a range of a long text)?"""
        part = text[max(0, start - 1):end]
        if CASE_PLAIN_RE.fullmatch(part):
            return self.fast.search(part.lower(), start - max(0, start - 1)) is not None
        return self.caseless.search(text, start, end) is not None

    def search_slice(self, span: LoweredSpan, start: int, end: int,
                     pos: int = 0) -> re.Match[str] | None:
        """``self.search(span.text[start:end], pos)``, slicing the span's lowered copy if any."""
        if span.low is None:
            return self.search(span.text[start:end], pos)
        return self._search_lowered(span.low[start - span.base:end - span.base], pos)

    def found_in_span(self, span: LoweredSpan, start: int, end: int) -> bool:
        """``self.found_in(span.text, start, end)`` for a range inside the span.

        The lowered copy is searched in place: the patterns look at most one character behind
        ``start`` (a ``\\b``), which the span keeps.
        """
        if span.low is None:
            return self.found_in(span.text, start, end)
        return self.fast.search(span.low, start - span.base, end - span.base) is not None

    def spans_in_span(self, span: LoweredSpan, start: int, end: int) -> list[tuple[int, int]]:
        """``[m.span() for m in self.caseless.finditer(span.text, start, end)]``, found in the
        span's lowered copy if any (the patterns look at most one character behind ``start``)."""
        if span.low is None:
            return [m.span() for m in self.caseless.finditer(span.text, start, end)]
        base = span.base
        return [(m.start() + base, m.end() + base)
                for m in self.fast.finditer(span.low, start - base, end - base)]

    def ends(self, text: str, start: int, end: int) -> bool:
        """Does ``self.search(text[start:end])`` find a match (of an end-anchored pattern with a
        ``reverse``)? Read backwards with re.I: characters compare one by one, either way."""
        return self.reverse_caseless.match(text[start:end][::-1]) is not None

    def ends_slice(self, span: LoweredSpan, start: int, end: int) -> bool:
        """Does ``self.search(span.text[start:end])`` find a match (of an end-anchored pattern)?"""
        if span.low is None or self.reverse is None:
            return self.search(span.text[start:end]) is not None
        return self.reverse.match(span.low[start - span.base:end - span.base][::-1]) is not None


def by_first_letter(words: Sequence[str]) -> str:
    """An alternation of ``words`` (regex fragments, each opening with a literal letter) grouped by
    that letter, keeping their order: where the regex engine tried every word it now tests a few
    letters, and a position matches the same word (only words of one letter can match there).

    Example:
        >>> print(by_first_letter(("tổ", "trình", "giao")))
        t(?:ổ|rình)|g(?:iao)
    """
    grouped: dict[str, list[str]] = {}
    for word in words:
        grouped.setdefault(word[0], []).append(word[1:])
    return "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in grouped.items())


def reverse_words(words: list[str]) -> str:
    """An alternation of ``words`` written backwards, a space standing for ``\\s+``.

    Example:
        >>> print(reverse_words(["lần thứ", "năm"]))
        (?:ứht\\s+nầl|măn)
    """
    return "(?:" + "|".join(re.escape(w[::-1]).replace(r"\ ", r"\s+") for w in words) + ")"


def forward_words(words: list[str]) -> str:
    """An alternation of ``words``, a space standing for ``\\s+`` (the twin of reverse_words)."""
    return "(?:" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words) + ")"
