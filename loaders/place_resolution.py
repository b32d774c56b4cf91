"""Resolving a document's issuing unit: which of the units of that name the text means.

Place names repeat (there are two thị trấn Vĩnh Lộc). :func:`resolve_issuer_place` never forces
a choice: it scores the evidence the text gives for each candidate (named units around it, and
a few curated anchors such as landmarks and former communes that the gazetteer cannot know),
picks a unit only when one candidate clearly leads, and otherwise returns the candidates and
says why it is unsure.

Mentions in a text are matched with diacritics, a capitalized name and a kind word
("xã Vĩnh Thành"); folded matching would find phường An Đôn in "phương án đơn giản". A text is
prepared once (``_Text``), and the places each kind word stands at are found once and kept, so
the mentions of the hundreds of units around the candidates are checked there only.

Example:
    >>> r = resolve_issuer_place("commune", "thị trấn Vĩnh Lộc", on=date(2020, 5, 29),
    ...                          text="… khu di tích Thành nhà Hồ, đê sông Mã …")
    >>> r.confident, r.province, r.district
    (True, 'Thanh Hóa', 'Vĩnh Lộc')
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cache

from policykg.loaders.gazetteer import Unit, ancestors, children, find_units, successors
from policykg.loaders.place_windows import plain_words_by_first_letter, runs_near
from policykg.loaders.place_names import (
    KIND_MENTIONS,
    folds_as_spelled,
    PART_BAR,
    Level,
    spell_with_bars,
    spell_words,
    spelling_key,
    strip_unit_prefix,
)

# Evidence weights for resolve_issuer_place. A unit counts once however often it is named
# (sample 002 repeats its whole text), and only with its kind word ("xã Vĩnh Thành", not a bare
# "Vĩnh Thành", which is as often a school or a person). Mentions compare with diacritics and
# a capitalized name: folded, "phương án đơn giản" would name phường An Đôn, "quan tâm" a quận.
#: The candidate's own district or province is named ("huyện Vĩnh Lộc", "tỉnh Thanh Hóa").
EVIDENCE_ANCESTOR = 3
#: A unit next to the candidate is named: a sibling commune of the same district, or a child.
EVIDENCE_NEIGHBOUR = 2
#: Another district of the candidate's province is named.
EVIDENCE_SAME_PROVINCE = 1
#: A curated anchor (landmark, former commune) lying in the candidate's district.
EVIDENCE_ANCHOR_LOCAL = 2
#: A curated anchor lying in the candidate's province (a river, a provincial resolution).
EVIDENCE_ANCHOR_PROVINCE = 1
#: The last day of the legacy units; the reform took effect the next day.
LAST_LEGACY_DAY = date(2025, 6, 30)
#: The leading candidate needs at least this score ...
MIN_WINNING_SCORE = 2
#: ... and at least this lead over the runner-up; otherwise the resolution is not confident.
MIN_WINNING_MARGIN = 2


@dataclass(frozen=True)
class Anchor:
    """A phrase that places a text without being a current or legacy unit name.

    The gazetteer is a 2025 snapshot; older texts name communes merged away since, and
    landmarks and rivers. Each anchor points to a legacy province and optionally a district.
    Add one only with a source that places it; keep the list short and checked by tests.
    """

    phrase: str  # as written in texts; compared by spelling_key (marks kept, case ignored)
    what: str  # what it is and why it places a text, shown in the reason
    province: str  # legacy province name
    district: str | None = None  # legacy district name, when the anchor is that local


#: Curated anchors; so far only for the one ambiguity of the bundled samples (sample 002).
#: Sources: Resolution 786/NQ-UBTVQH14 (16/10/2019) merged xã Vĩnh Thành into
#: thị trấn Vĩnh Lộc (huyện Vĩnh Lộc, Thanh Hóa); the Citadel of the Hồ Dynasty (Thành nhà Hồ,
#: UNESCO 2011) lies in huyện Vĩnh Lộc; the Mã river crosses Sơn La and Thanh Hóa.
ANCHORS: tuple[Anchor, ...] = (
    Anchor("Vĩnh Thành", "former xã Vĩnh Thành, merged into thị trấn Vĩnh Lộc in 2019",
           "Thanh Hóa", "Vĩnh Lộc"),
    Anchor("Thành nhà Hồ", "the Hồ Dynasty citadel, in huyện Vĩnh Lộc", "Thanh Hóa", "Vĩnh Lộc"),
    Anchor("786/NQ-UBTVQH14", "the 2019 resolution on Thanh Hóa's district and commune units",
           "Thanh Hóa"),
    Anchor("sông Mã", "the Mã river, which crosses Sơn La and Thanh Hóa", "Thanh Hóa"),
    Anchor("sông Mã", "the Mã river, which crosses Sơn La and Thanh Hóa", "Sơn La"),
)


@dataclass(frozen=True)
class Candidate:
    """A unit the issuer's name could denote, with the evidence the text gives for it."""

    unit: Unit
    score: int = 0
    evidence: tuple[str, ...] = ()  # human-readable, e.g. "names huyện Vĩnh Lộc (+3)"


@dataclass(frozen=True)
class PlaceResolution:
    """The issuing unit of a document, or the candidates and why none was chosen.

    ``unit`` is None when nothing matched or when the evidence does not single one out;
    ``candidates`` always lists every match, best first.
    """

    unit: Unit | None
    district: str | None
    province: str | None
    candidates: tuple[Candidate, ...]
    reason: str
    confident: bool


#: Punctuation a mention cannot span: "các xã, phường. Trung tâm …" names no "phường Trung Tâm".
#: A dot counts only where it ends a sentence, not after "TP." or "TT." or inside "N.T". The dot
#: comes before its lookbehinds (which then include it), so the engine scans for the few
#: punctuation marks instead of trying the lookbehinds at every position.
_BARRIER = re.compile(
    r"""
    [,;:!?()\[\]{}"“”‘’…|]+                   # clause punctuation
    | \. (?<!\b\w\.)(?<!\b\w\w\.) (?=\s|$)      # a full stop, not after a one- or two-letter word
    """,
    re.X,
)


#: Distinct runs of text (between white space) whose spelling is kept (_RunSpellings): a few
#: thousand a document.
RUN_CACHE_SIZE = 65536


def _barred(run: str) -> str:
    """A run of non-space characters split at its barriers, each part NFC, joined by bars
    ("Lộc," -> "Lộc|"); NFC after the split, since a text need not be NFC and NFC makes a
    Greek question mark a ";", which must not become a barrier."""
    return PART_BAR.join(unicodedata.normalize("NFC", part) for part in _BARRIER.split(run))


def _spell_run(run: str) -> str:
    """A run of non-space characters as ``_Text.cased`` spells it: its words spelled, a bar for
    each stretch of punctuation (_BARRIER) in it; "" if neither.

    A text is read a run at a time and each run spelled once: runs repeat ("của", "và",
    "Lộc,") far more than they vary. White space parts words and punctuation alike, and no
    barrier spans it or needs more than its run to be found (a dot's lookbehinds stop at a
    word's start, its lookahead at white space), so the runs give the words of the whole text.
    """
    return spell_with_bars(_barred(run))


def _spell_folded_run(run: str) -> str:
    """``_spell_run`` of the case-folded run: case folding keeps white space white space and
    makes none, so the runs of the case-folded text are the case-folded runs."""
    return spell_with_bars(_barred(run).casefold())


class _RunSpellings(dict):
    """Runs of text -> their spelling by ``spell``, filled as runs are met and emptied when
    RUN_CACHE_SIZE runs are kept. A text's runs are looked up by ``map(table.__getitem__, runs)``:
    a dict look-up at C speed per run, where an lru_cache wrapper costs several times more, and
    a document has some ten thousand runs."""

    def __init__(self, spell: Callable[[str], str]) -> None:
        super().__init__()
        self._spell = spell

    def __missing__(self, run: str) -> str:
        if len(self) >= RUN_CACHE_SIZE:
            self.clear()
        spelled = self[run] = self._spell(run)
        return spelled


_SPELLED_RUNS = _RunSpellings(_spell_run)
_SPELLED_FOLDED_RUNS = _RunSpellings(_spell_folded_run)


class _Text:
    """A text prepared for mention search: its words spelled (``spell_word``) one space apart,
    with a "|" where punctuation was (see _BARRIER), space-padded; for a plain text, only the
    stretches where a kind word or an anchor's first word stands (``place_windows.runs_near``),
    which give the same mentions and anchors.

    ``cased`` keeps case: unit mentions need a capitalized name ("xã Trung Tâm", not "trung
    tâm"). ``folded`` is casefolded, for anchors, which are distinctive enough in any case; it is
    spelled only when an anchor is looked for.
    """

    def __init__(self, text: str, *, whole: bool = False) -> None:
        self._text = text
        self._plain = folds_as_spelled(text)
        # A plain text is spelled only near its kind words and anchors (place_windows); the
        # rest names no place. ``whole`` spells every run, as tests compare.
        near = self._plain and not whole
        self._runs = (runs_near(text, _KIND_FIRST_WORDS, _ANCHOR_FIRST_WORDS) if near
                      else text.split())
        self.cased = " " + " ".join(filter(None, map(_SPELLED_RUNS.__getitem__, self._runs))) + " "
        self._folded: str | None = None
        # kind word (" xã ") -> the word after it -> where the two stand in cased
        self._places: dict[str, dict[str, list[int]]] | None = None
        self._words_after_kinds: frozenset[str] | None = None

    @classmethod
    def of(cls, text: str) -> _Text:
        return cls(text)

    @property
    def folded(self) -> str:
        if self._folded is None:
            if self._plain:  # nearly every text: its spelling, case-folded
                self._folded = self.cased.casefold()
            else:
                spelled = filter(None, map(_SPELLED_FOLDED_RUNS.__getitem__, self._runs))
                self._folded = " " + " ".join(spelled) + " "
        return self._folded

    def places(self, prefix: str, word: str) -> list[int]:
        """Every place ``prefix`` (a kind word, " xã ") starts at in ``cased`` followed by
        ``word`` (and a space or the end), overlapping ones included."""
        return self._kind_places().get(prefix, {}).get(word, [])

    @property
    def words_after_kinds(self) -> frozenset[str]:
        """Every word that follows a kind word in ``cased``: a unit whose name starts with none
        of them is not named."""
        if self._words_after_kinds is None:
            self._words_after_kinds = frozenset(
                word for found in self._kind_places().values() for word in found)
        return self._words_after_kinds

    def _kind_places(self) -> dict[str, dict[str, list[int]]]:
        """The places of the kind words in ``cased``, grouped by kind word and by the word after
        them: a name is then checked only where its first word stands. One pass over the text,
        not one per kind word."""
        if self._places is None:
            self._places = {}
            for match in _KIND_AND_NEXT.finditer(self.cased):
                found = self._places.setdefault(f" {match['kind']} ", {})
                found.setdefault(match["word"], []).append(match.start())
        return self._places


def _kind_prefix(kind_word: str) -> str:
    """A kind word as a mention in ``_Text.cased`` starts: " xã " (spelled, spaces around)."""
    return f" {spell_words(kind_word, casefold=False)} "


#: Every kind word a mention can start with, lower, Capitalized or UPPER, as _mentions writes it.
_KIND_PREFIXES: tuple[str, ...] = tuple(dict.fromkeys(
    _kind_prefix(case) for words in KIND_MENTIONS.values() for word in words
    for case in (word, word.capitalize(), word.upper())))
#: The first word of every kind word, lower case and spelled: a mention starts with one, in
#: lower case, Capitalized or UPPER, so a plain text is spelled only near them (see _Text).
_KIND_FIRST_WORDS: tuple[str, ...] = tuple(dict.fromkeys(
    spell_words(word.split()[0], casefold=True) for words in KIND_MENTIONS.values()
    for word in words))
#: The first word of every anchor, as spelling_key gives it: anchors are found in any case.
_ANCHOR_FIRST_WORDS: tuple[str, ...] = tuple(dict.fromkeys(
    spelling_key(anchor.phrase).split(" ")[0] for anchor in ANCHORS))


# A kind word in ``_Text.cased`` and the word after it. Only the space before it is consumed:
# a kind word may end with another (" thị xã" holds " xã") or follow one (" xã xã …"). No kind
# word is another followed by more words, so at a space at most one alternative matches. The
# alternatives are grouped by first letter: a space before another word costs a few comparisons.
_KIND_AND_NEXT = re.compile(
    r""" [ ]                                # a space before …
         (?=(?P<kind>%s)                    # … a kind word: "thị xã", "TP", "huyện" …
            [ ](?P<word>[^ ]*))             # the word after it ("" at the padded end)
    """ % plain_words_by_first_letter([prefix.strip() for prefix in _KIND_PREFIXES]),
    re.X,
)


@cache
def _mentions(unit: Unit) -> tuple[tuple[str, str, str], ...]:
    """How a text names the unit: kind word (lower, Capitalized or UPPER) then name (as is or
    UPPER); each mention with its kind-word part, which it starts with, and the name's first
    word, which follows that part."""
    found: dict[str, tuple[str, str]] = {}
    for word in KIND_MENTIONS[unit.kind]:
        for kind_word in (word, word.capitalize(), word.upper()):
            prefix = _kind_prefix(kind_word)
            for name in (unit.name, unit.name.upper()):
                spelled = spell_words(name, casefold=False)
                found.setdefault(f"{prefix}{spelled} ", (prefix, spelled.split(" ")[0]))
    return tuple((prefix, first, mention) for mention, (prefix, first) in found.items())


@cache
def _first_words(unit: Unit) -> frozenset[str]:
    """The first words of the unit's name in its mentions (as written and UPPER): those of
    ``_mentions``, which every kind has, spelled without them (a unit's mentions are spelled only
    when one of these words follows a kind word in a text; most neighbours' never are)."""
    return frozenset(spell_words(name, casefold=False).split(" ")[0]
                     for name in (unit.name, unit.name.upper()))


def _named(unit: Unit, text: _Text) -> bool:
    """Whether ``text`` names ``unit``, as a whole name: "xã Đông" is not in "xã Đông Anh".

    A mention starts with its kind word, so it can only stand where the kind word does: those
    few places are checked rather than the whole text searched for every mention. Most of the
    hundreds of units around the candidates are not named at all, and their names start with
    no word that follows a kind word in the text: one set look-up rules them out.
    """
    if text.words_after_kinds.isdisjoint(_first_words(unit)):
        return False
    cased = text.cased
    for prefix, first_word, mention in _mentions(unit):
        for at in text.places(prefix, first_word):
            if cased.startswith(mention, at):
                after = cased[at + len(mention):at + len(mention) + 1]
                # A capitalized word after it continues the name, except in an all-caps header.
                if not after.isupper() or mention.isupper():
                    return True
    return False


@cache
def _neighbourhood(unit: Unit) -> tuple[tuple[Unit, int], ...]:
    """Units whose mention in a text points to ``unit``, with their weight, nearest first
    (cached: the gazetteer does not change, and the same names come up document after document)."""
    above = ancestors(unit)
    near = [(a, EVIDENCE_ANCESTOR) for a in above]
    near += [(c, EVIDENCE_NEIGHBOUR) for c in children(unit)]
    if above:
        # Siblings in a district are neighbours; siblings in a whole province are only its own.
        weight = EVIDENCE_NEIGHBOUR if above[0].level == "district" else EVIDENCE_SAME_PROVINCE
        near += [(s, weight) for s in children(above[0]) if s.id != unit.id]
    if len(above) == 2:  # a legacy commune: the other districts of its province
        near += [(d, EVIDENCE_SAME_PROVINCE) for d in children(above[1]) if d.id != above[0].id]
    return tuple(near)


@cache
def _neighbours_by_first_word(unit: Unit) -> dict[str, tuple[int, ...]]:
    """Each first word of a neighbour's name in its mentions (``_first_words``), with the
    positions in ``_neighbourhood(unit)`` of the neighbours whose names start with it (cached:
    the gazetteer does not change)."""
    index: dict[str, list[int]] = {}
    for at, (near, _weight) in enumerate(_neighbourhood(unit)):
        for word in _first_words(near):
            index.setdefault(word, []).append(at)
    return {word: tuple(ats) for word, ats in index.items()}


def _named_neighbours(unit: Unit, text: _Text) -> list[tuple[Unit, int]]:
    """The neighbours of ``unit`` (``_neighbourhood``) that ``text`` names, in their order.

    A text names only neighbours whose name starts with a word that follows a kind word in it
    (``_named``): those few are looked up by that word, rather than each of the hundreds of
    neighbours being asked in turn.
    """
    index = _neighbours_by_first_word(unit)
    near = _neighbourhood(unit)
    maybe = {at for word in index.keys() & text.words_after_kinds for at in index[word]}
    return [near[at] for at in sorted(maybe) if _named(near[at][0], text)]


@cache
def _anchor_places() -> tuple[tuple[Anchor, frozenset[str], int], ...]:
    """Each anchor with the ids of the units it places a text in, and its weight.

    An anchor names a legacy unit; its current successors count too, so an anchor also helps
    with a text dated after the reform.
    """
    placed = []
    for anchor in ANCHORS:
        province = find_units(anchor.province, level="province", on=LAST_LEGACY_DAY)[0]
        place, weight = province, EVIDENCE_ANCHOR_PROVINCE
        if anchor.district is not None:
            place = find_units(anchor.district, level="district", within=province)[0]
            weight = EVIDENCE_ANCHOR_LOCAL
        ids = frozenset({place.id} | {u.id for u in successors(place)})
        placed.append((anchor, ids, weight))
    return tuple(placed)


def _describe(unit: Unit) -> str:
    """ "thị trấn Vĩnh Lộc (huyện Vĩnh Lộc, Thanh Hóa; legacy:15349)"."""
    above = ", ".join(a.full_name if a.level == "district" else a.name for a in ancestors(unit))
    return f"{unit.full_name} ({above + '; ' if above else ''}{unit.id})"


def _score(unit: Unit, text: _Text) -> Candidate:
    """The evidence ``text`` gives for ``unit``: named neighbours, then anchors."""
    evidence: list[str] = []
    score = 0
    for near, weight in _named_neighbours(unit, text):
        score += weight
        where = f", {near.province_name}" if near.province_name else ""
        evidence.append(f"names {near.full_name}{where} (+{weight})")
    lineage = {unit.id} | {a.id for a in ancestors(unit)}
    for anchor, ids, weight in _anchor_places():
        if lineage & ids and f" {spelling_key(anchor.phrase)} " in text.folded:
            score += weight
            evidence.append(f"mentions {anchor.phrase}, {anchor.what} (+{weight})")
    return Candidate(unit, score, tuple(evidence))


def _resolution(chosen: Candidate | None, ranked: list[Candidate], reason: str) -> PlaceResolution:
    unit = chosen.unit if chosen else None
    district = (unit.district_name or (unit.name if unit.level == "district" else "")) if unit else ""
    province = (unit.province_name or unit.name) if unit else ""
    return PlaceResolution(unit, district or None, province or None, tuple(ranked), reason,
                           confident=chosen is not None)


def _decide(ranked: list[Candidate], label: str) -> PlaceResolution:
    """Pick the leading candidate only when it clearly leads (see MIN_WINNING_*)."""
    best, runner_up = ranked[0], ranked[1]
    head = f"{len(ranked)} units named {label}: " + ", ".join(_describe(c.unit) for c in ranked)
    if best.score >= MIN_WINNING_SCORE and best.score - runner_up.score >= MIN_WINNING_MARGIN:
        reason = (f"{head}; the text points to {_describe(best.unit)}: "
                  + "; ".join(best.evidence) + f" (runner-up scored {runner_up.score})")
        return _resolution(best, ranked, reason)
    if best.score == 0:
        return _resolution(None, ranked, f"{head}; no evidence in the text tells them apart")
    scores = ", ".join(f"{c.unit.id} {c.score}" for c in ranked)
    return _resolution(None, ranked, f"{head}; the evidence does not single one out ({scores})")


def resolve_issuer_place(level: Level, name: str, *, on: date | None = None, text: str = "",
                         kind: str | None = None) -> PlaceResolution:
    """Resolve the unit that issued a document, keeping the candidates and the reason.

    Args:
        level: the issuer's level ("district" for UBND huyện, "commune" for UBND xã/thị trấn).
        name: its name, with or without kind word: "Sông Lô", "thị trấn Vĩnh Lộc".
        on: the document's date, to choose the era (and skip units not valid then).
        text: the document's text, searched for evidence when the name is ambiguous.
        kind: the kind when known and not in ``name`` ("thị trấn").

    Examples:
        >>> resolve_issuer_place("district", "Sông Lô").province
        'Vĩnh Phúc'
        >>> r = resolve_issuer_place("commune", "thị trấn Vĩnh Lộc", on=date(2020, 5, 29),
        ...                          text="… khu di tích Thành nhà Hồ, đê sông Mã …")
        >>> r.confident, r.province, r.district
        (True, 'Thanh Hóa', 'Vĩnh Lộc')

    Only an ambiguous name reads ``text``, so only then does the answer depend on it. Nothing
    keyed on (level, name, date) is cached: without the text the look-up takes microseconds,
    and with it the answer is the document's own. What recurs from document to document is
    cached instead: each candidate's neighbourhood and mentions, and the spelling of a run of
    text ("Lộc,").
    """
    bare, prefixed_kind = strip_unit_prefix(name)
    wanted = kind or prefixed_kind
    found = find_units(bare, level=level, kind=wanted, on=on)
    if not found and bare != name:  # "Quan Son" typed without diacritics is a name, not "quận Son"
        found = find_units(name, level=level, kind=kind, on=on)
    label = f"{wanted + ' ' if wanted else ''}{bare} at {level} level"
    if not found:
        return _resolution(None, [], f"no unit named {label}" + (f" valid on {on}" if on else ""))
    if len(found) == 1:
        return _resolution(Candidate(found[0]), [Candidate(found[0])], f"unique match for {label}")
    prepared = _Text.of(text)
    ranked = sorted((_score(u, prepared) for u in found), key=lambda c: (-c.score, c.unit.id))
    return _decide(ranked, label)
