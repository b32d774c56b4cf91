"""Match a target's indicator text to a concept of the indicator vocabulary, or say it is unsure.

A target reads "Số bác sỹ/vạn dân đạt 16,3 bác sỹ"; the graph needs the concept it measures
(``doctorsPer10kPeople``) to compare it with the province's target. The matcher is a small,
deterministic scoring of words, explainable in one line:

1. **Words.** Texts and labels are folded the same way: lower case, no diacritics (đ -> d), the
   i/y spelling variants merged (sỹ = sĩ, tỷ = tỉ), digits without separators or leading zeros
   ("10.000" -> 10000, "05" -> 5), "1 vạn dân" / "10.000 dân" -> "vạn dân", abbreviations
   expanded (BHYT, NTM, THCS, TDTT, ANTT, …), a few function words dropped ("của", "các", "và").
   A word is a syllable; it weighs ln(1 + N / df), df being the number of concepts whose labels
   use it, so "nghèo" counts more than "tỷ lệ". A label's adjacent word pair weighs, at
   ``PAIR_WEIGHT``, the same way by its own rarity.
2. **Label recall.** For every label: the weight of its words found in the text (or in the unit:
   "tỷ lệ bác sỹ" with unit "bác sỹ/vạn dân") plus that of its pairs found in order within
   ``SKIP_WINDOW`` words ("hộ cận nghèo" needs "cận" just before "nghèo", which "tiếp cận đa
   chiều" after "hộ nghèo" does not give), over the label's total. A concept takes its best label.
3. **Concept precision.** The share (by weight) of the text's vocabulary words that the concept's
   labels use at all; words no label uses ("của huyện", years) and words in parentheses (an
   explanation, not the name) are left out. The score is ``recall * (PRECISION_FLOOR + (1 -
   PRECISION_FLOOR) * precision)``, so an extra qualifier ("cận", "nông thôn") pulls the general
   concept below the specific one. A text restricted to a sub-population no label of the concept
   names (``QUALIFIERS``: "khu vực thành thị", "lao động nữ") keeps ``QUALIFIER_FACTOR`` of it.
4. **Unit dimension.** The unit says what kind of quantity the target is: a concept whose
   dimension the unit cannot express is excluded ('%' is never income per capita), one whose
   dimension it names exactly gets ``UNIT_AGREES_BONUS``.
5. **Decision.** The best concept wins when it scores at least ``MIN_SCORE`` and at least
   ``MIN_MARGIN`` above the runner-up; otherwise the target stays unmatched. A runner-up whose
   matched words are a strict subset of the winner's is the general form of the winner (clean
   water vs rural clean water) and does not count as a rival. Ties break on found weight, then
   notation (alphabetical); weights are integers, so the answer is the same in every process.
6. **Clause.** The indicator text is scored; the clause only when the indicator text is
   missing (a clause also holds its neighbours' words, so it never overrules a found text).

Speed: labels are found through an index of the words they cannot do without (a text lacking
all of them could not come within ``MIN_MARGIN`` of ``MIN_SCORE``), and answers are cached.

Example::

    >>> m = match_indicator("Số bác sỹ/vạn dân", "Số bác sỹ/vạn dân đạt 16,3 bác sỹ", "bác sỹ")
    >>> m.notation, m.matched_label
    ('doctorsPer10kPeople', 'Số bác sỹ/vạn dân')
    >>> match_indicator("Thu nhập bình quân đầu người", "…đạt 95%", "%").notation is None
    True
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from itertools import chain

from policykg.errors import NotFound
from policykg.ontology.indicators import IndicatorConcept, load_indicators
from policykg.ontology.terms import Dimension

__all__ = ["IndicatorMatch", "fold_words", "indicator_concepts", "match_indicator",
           "unit_dimension"]

#: A concept scoring below this is not trusted.
MIN_SCORE = 0.8
#: The winner must lead the best rival (not a more general form of it) by this much.
MIN_MARGIN = 0.06
#: Part of the score precision cannot take away: 0.5 means it costs half the score at most.
PRECISION_FLOOR = 0.5
#: Two label words in order at most this many words apart count as their pair.
SKIP_WINDOW = 3
#: Weight of a label's word pair (its own rarity, like a word's) relative to a word.
PAIR_WEIGHT = 0.5
#: Added when the unit's dimension is exactly the concept's.
UNIT_AGREES_BONUS = 0.05
#: Score kept when the text restricts itself to a sub-population no label of the concept names.
QUALIFIER_FACTOR = 0.7
#: Weights are idf times this, as integers (exact sums, so scores never depend on set order).
WEIGHT_SCALE = 1000
#: Matches remembered (the benchmark repeats indicator wordings); cleared with the process.
CACHE_SIZE = 1 << 16

Pair = tuple[str, str]

# ---------------------------------------------------------------------------- words

#: Dropped from texts and labels alike: function words that never name an indicator.
STOPWORDS = frozenset({
    "cua", "cac", "va", "nhung", "voi", "la", "cho", "bi",  # của các và những với là cho bị
    "of", "the", "and", "per", "in", "a", "an", "to", "for", "at", "on", "with",
})
#: Abbreviations plans use, spelled out in folded words.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "bhyt": ("bao", "hiem", "y", "te"),
    "bhxh": ("bao", "hiem", "xa", "hoi"),
    "bhtn": ("bao", "hiem", "that", "nghiep"),
    "ntm": ("nong", "thon", "moi"),
    "tdtt": ("the", "duc", "the", "thao"),
    "thcs": ("trung", "hoc", "co", "so"),
    "thpt": ("trung", "hoc", "pho", "thong"),
    "nsnn": ("ngan", "sach", "nha", "nuoc"),
    "antt": ("an", "ninh", "trat", "tu"),
    "kcn": ("khu", "cong", "nghiep"),
    "htx": ("hop", "tac", "xa"),
    "cntt": ("cong", "nghe", "thong", "tin"),
    "tthc": ("thu", "tuc", "hanh", "chinh"),
    "dvc": ("dich", "vu", "cong"),
}


def _fold_table() -> dict[int, str | None]:
    """str.translate table: precomposed Latin letters to their base letter, marks removed."""
    table: dict[int, str | None] = {cp: None for cp in range(0x300, 0x370)}  # combining marks
    for cp in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        decomposed = unicodedata.normalize("NFD", chr(cp))
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        if base != chr(cp):
            table[cp] = base.lower()
    table[ord("đ")] = table[ord("Đ")] = "d"
    return table


_FOLD = str.maketrans(_fold_table())
# Thousands and decimal separators inside a number: "10.000" -> "10000".
_DIGIT_SEPARATOR = re.compile(r"(?<=\d)[.,](?=\d)")
# A syllable spelled with a final y after consonants only (sỹ, tỷ, kỹ, lý): the i spelling is
# the same word. "quy", "thuy" (a vowel before y) are left alone.
_Y_AS_I = re.compile(r"[bcdghklmnpqrstvx]+y")
_WORD = re.compile(r"[a-z0-9]+")
# A parenthesis, closed or left open by a cut: "(dân số đô thị tại các khu vực …)".
_PARENTHESIS = re.compile(r"\([^()]*(?:\)|$)")
#: Words kept per folded token, computed once per distinct token ("05" -> ("5",), "bhyt" ->
#: ("bao", "hiem", "y", "te"), "cua" -> ()); tokens beyond this many are not remembered.
_TOKEN_CACHE_SIZE = 1 << 17
_TOKENS: dict[str, tuple[str, ...]] = {}


def fold_text(text: str) -> str:
    """Lower case without diacritics, đ -> d, separators removed inside numbers.

    Example:
        >>> fold_text("Số bác sỹ/1 vạn dân đạt 10.000")
        'so bac sy/1 van dan dat 10000'
    """
    return _DIGIT_SEPARATOR.sub("", text.lower().translate(_FOLD))


@lru_cache(maxsize=CACHE_SIZE)
def fold_words(text: str) -> tuple[str, ...]:
    """The words the matcher compares: folded, variants merged, abbreviations expanded.

    Example:
        >>> fold_words("Tỷ lệ bao phủ BHYT trên 01 vạn dân")
        ('ti', 'le', 'bao', 'phu', 'bao', 'hiem', 'y', 'te', 'tren', 'van', 'dan')
    """
    words: list[str] = []
    for token in _WORD.findall(fold_text(text)):
        kept = _TOKENS.get(token)
        if kept is None:
            kept = _token_words(token)
            if len(_TOKENS) < _TOKEN_CACHE_SIZE:
                _TOKENS[token] = kept
        words += kept
    if "van" in words or "10000" in words:
        words = _per_ten_thousand(words)
    return tuple(words)


def _token_words(token: str) -> tuple[str, ...]:
    """What one folded token becomes: nothing, itself, a variant, or an expansion."""
    if token.isdigit():
        return (token.lstrip("0") or "0",)
    if token in ABBREVIATIONS:
        return ABBREVIATIONS[token]
    if token in STOPWORDS:
        return ()
    return (token[:-1] + "i",) if _Y_AS_I.fullmatch(token) else (token,)


def _per_ten_thousand(words: list[str]) -> list[str]:
    """"1 vạn", "một vạn" -> "vạn"; "10.000 dân", "10.000 người", "vạn người" -> "vạn dân"."""
    out: list[str] = []
    for i, word in enumerate(words):
        after = words[i + 1] if i + 1 < len(words) else ""
        if word in ("1", "mot") and after == "van":
            continue
        if word == "10000" and after in ("dan", "nguoi"):
            word = "van"
        elif word == "nguoi" and out and out[-1] == "van":
            word = "dan"
        out.append(word)
    return out


#: Sub-populations and sub-areas a target can restrict an indicator to, by their folded words
#: (a tuple is two adjacent words). "Tỷ lệ giảm nghèo khu vực thành thị" is not the poverty
#: reduction of the whole unit.
QUALIFIERS: dict[str, tuple[str | tuple[str, str], ...]] = {
    "urban": (("do", "thi"), ("thanh", "thi")),
    "rural": (("nong", "thon"),),
    "female": ("nu",),
    "ethnic minority": (("dan", "toc"), ("thieu", "so")),
}
#: Qualifiers that together name the whole again (urban and rural areas).
COMPLEMENTS = (frozenset({"urban", "rural"}),)
_QUALIFIER_OF: dict[str | tuple[str, str], str] = {
    mark: name for name, marks in QUALIFIERS.items() for mark in marks}


# ---------------------------------------------------------------------------- units

#: ``unit_dimension`` of a unit that no indicator can be measured in (stars, points, yields).
OUTSIDE = "outside"
# Percent per year ("%/năm", "% năm") is a growth rate; any other percent a proportion.
_PERCENT_PER_YEAR = re.compile(r"%\s*/?\s*nam\b")
_MONEY = re.compile(r"""
    \b(?:usd|vnd|d)\b              # USD, VND, đ
  | (?<!lao\s)\bdong\b             # đồng, but not lao động (folded alike)
  | ^(?:nghin\s+|ngan\s+)?ty$      # a bare "tỷ" / "nghìn tỷ"
""", re.X)
_PER_PERSON = re.compile(r"""
    /\s*(?:0*1\s+|mot\s+)?        # "/", "/1 ", "/một "
    (?:dau\s+)?                    # "đầu người"
    (?:nguoi|lao\s+dong|khau)\b    # per inhabitant, worker or household member
""", re.X)
_PER_POPULATION = re.compile(r"""
    van\s+dan | /\s*(?:0*1\s+|mot\s+)?van\b   # "bác sỹ/vạn dân", "giường/1 vạn"
  | ^\s*/                                     # "/100.000 trẻ em"
  | /\s*\d+\s*[a-z]                           # "bé trai/100 bé gái", "ca/1000 dân"
  | /\s*(?:nguoi|dan)\b                       # "m2 sàn/người"
""", re.X)
_OUTSIDE_UNIT = re.compile(r"""
    ^(?:sao|diem|mw|kw|kwh|gw)\b   # stars, points, power: ratings and capacities
  | /\s*ha\b                     # "tạ/ha/vụ", "tấn/ha": crop yields
""", re.X)
# A unit with a letter and none of the shapes above names things counted ("xã", "lao động").
_LETTER = re.compile(r"[a-z]")
# Which concept dimensions a unit of a given dimension can express: a bare count ("16,3 bác
# sỹ") may follow "Số bác sỹ/vạn dân", a bare amount ("10.000 USD") "GRDP bình quân đầu
# người", and a plain percent a growth ("tăng 10-11%").
_ACCEPTS: dict[str, frozenset[str]] = {
    Dimension.PROPORTION: frozenset({Dimension.PROPORTION, Dimension.GROWTH_RATE}),
    Dimension.GROWTH_RATE: frozenset({Dimension.GROWTH_RATE}),
    Dimension.MONEY: frozenset({Dimension.MONEY, Dimension.MONEY_PER_PERSON}),
    Dimension.MONEY_PER_PERSON: frozenset({Dimension.MONEY_PER_PERSON}),
    Dimension.COUNT: frozenset({Dimension.COUNT, Dimension.COUNT_PER_POPULATION}),
    Dimension.COUNT_PER_POPULATION: frozenset({Dimension.COUNT_PER_POPULATION}),
    OUTSIDE: frozenset(),
}


@lru_cache(maxsize=4096)
def unit_dimension(unit: str | None) -> str | None:
    """The dimension a unit as written expresses; ``OUTSIDE`` for none, None when unknown.

    Example:
        >>> [unit_dimension(u) for u in ("%", "%/năm", "triệu đồng/người", "tỷ đồng")]
        ['proportion', 'growthRate', 'moneyPerPerson', 'money']
        >>> [unit_dimension(u) for u in ("bác sỹ/vạn dân", "lao động/năm", "sao", None)]
        ['countPerPopulation', 'count', 'outside', None]
    """
    folded = " ".join(fold_text(unit or "").replace("‰", "%0").split())
    if "%" in folded or "phan tram" in folded:
        per_year = _PERCENT_PER_YEAR.search(folded)
        dimension = Dimension.GROWTH_RATE if per_year else Dimension.PROPORTION
    elif _MONEY.search(folded):
        dimension = Dimension.MONEY_PER_PERSON if _PER_PERSON.search(folded) else Dimension.MONEY
    elif _PER_POPULATION.search(folded):
        dimension = Dimension.COUNT_PER_POPULATION
    elif _OUTSIDE_UNIT.search(folded):
        return OUTSIDE
    elif _LETTER.search(folded):
        dimension = Dimension.COUNT
    else:
        return None
    return dimension.value


def accepted_dimensions(dimension: str | None) -> frozenset[str] | None:
    """Concept dimensions a unit of ``dimension`` can express; None when anything goes."""
    return None if dimension is None else _ACCEPTS[dimension]


@dataclass(frozen=True)
class IndicatorMatch:
    """The concept a target measures, or why none was chosen.

    ``notation`` is None when unmatched; ``matched_label`` is the winning label as written in
    the vocabulary; ``reason`` is one line for a researcher ("altLabel 'Số bác sỹ/vạn dân'
    matched 4/4 words …").
    """

    notation: str | None
    score: float
    matched_label: str | None
    reason: str

    @property
    def matched(self) -> bool:
        """True when a concept was chosen."""
        return self.notation is not None


def indicator_concepts() -> tuple[IndicatorConcept, ...]:
    """Every concept of the vocabulary (sorted by notation), for the graph's Indicator nodes."""
    return load_indicators()


def list_indicators() -> list[dict]:
    """The vocabulary as GET /indicators and ``policykg indicators`` show it.

    Example: ``{"id": "incomePerCapita", "name": "Thu nhập bình quân đầu người", …}``.
    """
    return [{"id": c.notation, "name": c.pref_label_vi, "name_en": c.pref_label_en, "unit": c.unit,
             "dimension": str(c.dimension), "higher_is_better": c.higher_is_better,
             "alt_labels": list(c.alt_labels)} for c in indicator_concepts()]


def require_indicator(notation: str) -> str:
    """``notation`` if the vocabulary has it, else NotFound naming where the list is."""
    if notation not in {c.notation for c in indicator_concepts()}:
        raise NotFound(f"no indicator {notation!r}; GET /indicators (policykg indicators) lists them")
    return notation


def match_indicator(indicator_text: str | None, clause: str | None,
                    unit: str | None) -> IndicatorMatch:
    """The indicator a target measures, from its indicator text, its clause and its unit.

    Args:
        indicator_text: the indicator as the extractor found it ("Tỷ lệ giường bệnh/vạn dân"),
            or None.
        clause: the target's text ("Tỷ lệ giường bệnh/vạn dân đạt 25 giường"), scored only
            when the indicator text is missing.
        unit: the target's unit as written ("giường", "%", "triệu đồng/người"), or None.

    Returns:
        An :class:`IndicatorMatch`; never raises on any text.

    Example:
        >>> match_indicator("Tỷ lệ hộ cận nghèo", "", "%").notation
        'nearPovertyRate'
    """
    indicator_text = indicator_text or ""
    # The clause is read only when the indicator text is blank (match_uncached); leaving it out
    # of the key otherwise lets every target that words its indicator alike share one entry
    # (the 11,914 targets of a synthetic province: 5,751 distinct keys with the clause, 474 without).
    clause = (clause or "") if not indicator_text.strip() else ""
    return _match_cached(indicator_text, clause, unit or "")


@lru_cache(maxsize=CACHE_SIZE)
def _match_cached(indicator_text: str, clause: str, unit: str) -> IndicatorMatch:
    return match_uncached(indicator_text, clause, unit)


def match_uncached(indicator_text: str, clause: str, unit: str) -> IndicatorMatch:
    """:func:`match_indicator` without its cache (what the speed figures measure)."""
    dimension = unit_dimension(unit)
    if dimension == OUTSIDE:
        return IndicatorMatch(None, 0.0, None, f"unit {unit!r} fits no indicator dimension")
    # The clause stands in only for a missing indicator text: when the extractor found one, the
    # rest of the clause tends to hold the neighbouring targets' words, not this one's.
    from_clause = not indicator_text.strip()
    text = clause if from_clause else indicator_text
    if not text.strip():
        return IndicatorMatch(None, 0.0, None, "no indicator text and no clause")
    match = _index().decide(text, fold_words(unit), unit, dimension)
    if from_clause:  # not `text is clause`: an indicator text equal to its clause is no clause
        return IndicatorMatch(match.notation, match.score, match.matched_label,
                              f"from the clause: {match.reason}")
    return match


@dataclass(frozen=True, slots=True, eq=False)
class _Label:
    """Labels of one concept that fold to the same words: (kind, text), preferred first.

    Weights are integers (``WEIGHT_SCALE`` per unit of idf), so that sums are exact whatever
    order a set yields its words in: the same input gives the same scores in every process.
    ``need`` is the word weight a text must find for the label to come within ``MIN_MARGIN``
    of ``MIN_SCORE`` even with all its pairs.
    """

    concept: int
    variants: tuple[tuple[str, str], ...]
    words: tuple[tuple[str, int], ...]
    pairs: tuple[tuple[Pair, int], ...]
    total: int
    word_set: frozenset[str]
    pair_set: frozenset[Pair]
    need: float
    pair_total: int
    order: int

    def shown(self, text: str) -> tuple[str, str]:
        """(kind, text) to report: the variant written as in ``text`` if any, else the first."""
        lowered = text.casefold()
        return next((v for v in self.variants if v[1].casefold() in lowered), self.variants[0])


@dataclass(slots=True)
class _Candidate:
    concept: int
    label: _Label
    found: int
    matched: frozenset[str]
    score: float


class _Index:
    """Labels, word and pair weights, and the postings that find candidate labels; built once."""

    def __init__(self, concepts: tuple[IndicatorConcept, ...]) -> None:
        self.concepts = concepts
        self.dimensions = [c.dimension.value for c in concepts]
        # Per concept: folded words -> its labels with those words, in preference order.
        grouped: list[dict[tuple[str, ...], list[tuple[str, str]]]] = []
        for concept in concepts:
            groups: dict[tuple[str, ...], list[tuple[str, str]]] = {}
            for kind, _, text in concept.labels():
                groups.setdefault(fold_words(text), []).append((kind, text))
            groups.pop((), None)
            grouped.append(groups)
        self.vocab = [frozenset(w for words in groups for w in words) for groups in grouped]
        self.qualifiers = [frozenset(q for words in groups for q in _qualifiers(words))
                           for groups in grouped]
        self.weight = _idf(self.vocab, len(concepts))
        self.pair_weight = _idf([{p for words in groups for p in _adjacent(words)}
                                 for groups in grouped], len(concepts), PAIR_WEIGHT)
        self.postings: dict[str, list[_Label]] = {}
        self.label_count = 0
        for i, groups in enumerate(grouped):
            for words, variants in groups.items():
                label = self._label(i, tuple(variants), words)
                for key in _keys(label):
                    self.postings.setdefault(key, []).append(label)

    def _label(self, concept: int, variants: tuple[tuple[str, str], ...],
               words: tuple[str, ...]) -> _Label:
        unique = tuple((w, self.weight[w]) for w in dict.fromkeys(words))
        pairs = tuple((p, self.pair_weight[p]) for p in dict.fromkeys(_adjacent(words)))
        pair_total = sum(w for _, w in pairs)
        total = sum(w for _, w in unique) + pair_total
        need = (MIN_SCORE - MIN_MARGIN - UNIT_AGREES_BONUS) * total - pair_total
        self.label_count += 1
        return _Label(concept, variants, unique, pairs, total, frozenset(w for w, _ in unique),
                      frozenset(p for p, _ in pairs), need, pair_total, self.label_count)

    def decide(self, text: str, unit_words: tuple[str, ...], unit: str,
               dimension: str | None) -> IndicatorMatch:
        """Score every candidate concept for ``text`` and apply the decision rule."""
        view = _Text(text, unit_words, self.weight)
        candidates, rejected = self._candidates(view, dimension)
        if not candidates:
            why = "no label comes within reach of MIN_SCORE"
            if rejected is not None:
                why = _rejection(self.concepts[rejected.concept], rejected.label, unit, dimension)
            return IndicatorMatch(None, 0.0, None, why)
        candidates.sort(key=lambda c: (-c.score, -c.found, self.concepts[c.concept].notation))
        best = candidates[0]
        rival = next((c for c in candidates[1:] if not c.matched < best.matched), None)
        match = self._verdict(best, rival, view, unit, dimension)
        if rejected is not None and rejected.score > best.score:
            # Say so when the unit excluded the concept the words point to.
            excluded = self.concepts[rejected.concept]
            match = IndicatorMatch(match.notation, match.score, match.matched_label,
                                   f"{match.reason}; {excluded.notation} ({rejected.score:.2f}) "
                                   f"excluded: unit {unit!r} cannot measure "
                                   f"{excluded.dimension.value}")
        return match

    def _candidates(self, view: _Text, dimension: str | None,
                    ) -> tuple[list[_Candidate], _Candidate | None]:
        """Best label per concept the unit allows, and the best label the unit excluded.

        A concept's best label is the one with the highest (score, found weight), then the
        earliest in the vocabulary; labels are visited in the order of the text's words, so
        nothing depends on how a set happens to order its strings.
        """
        present, weight = view.present, self.weight.__getitem__
        accepted = accepted_dimensions(dimension)
        factors: dict[int, float] = {}
        best: dict[int, tuple[float, int, int, _Label, frozenset[str]]] = {}
        rejected: tuple[float, int, int, _Label, frozenset[str]] | None = None
        for label in _unique(self.postings.get(w, ()) for w in view.ordered):
            matched = label.word_set & present
            found = sum(map(weight, matched))
            if found < label.need:
                continue  # even with all its pairs it cannot come within MIN_MARGIN of winning
            i = label.concept
            if accepted is not None and self.dimensions[i] not in accepted:
                entry = self._entry(label, found, matched, view, 1.0, 0.0)
                if rejected is None or entry[:3] > rejected[:3]:
                    rejected = entry
                continue
            factor = factors.get(i)
            if factor is None:
                factor = factors[i] = self._factor(i, view)
            bonus = UNIT_AGREES_BONUS if dimension == self.dimensions[i] else 0.0
            kept = best.get(i)
            ceiling = (found + label.pair_total) / label.total * factor + bonus
            if kept is not None and ceiling < kept[0]:
                continue  # cannot beat the concept's best label even with all its pairs
            entry = self._entry(label, found, matched, view, factor, bonus)
            if kept is None or entry[:3] > kept[:3]:
                best[i] = entry
        out = [_Candidate(lab.concept, lab, found, matched, score)
               for score, found, _, lab, matched in best.values()]
        if rejected is None:
            return out, None
        recall, found, _, lab, matched = rejected
        return out, _Candidate(lab.concept, lab, found, matched, recall)

    def _entry(self, label: _Label, found: int, matched: frozenset[str], view: _Text,
               factor: float, bonus: float) -> tuple[float, int, int, _Label, frozenset[str]]:
        """(score, found weight, -order, label, matched words) once the pairs are counted."""
        found += sum(map(self.pair_weight.__getitem__, label.pair_set & view.pairs))
        return (found / label.total * factor + bonus, found, -label.order, label, matched)

    def _factor(self, concept: int, view: _Text) -> float:
        """What precision and unexplained qualifiers leave of a concept's recall."""
        own = sum(map(self.weight.__getitem__, view.known & self.vocab[concept]))
        precision = own / view.known_total if view.known_total else 1.0
        factor = PRECISION_FLOOR + (1 - PRECISION_FLOOR) * precision
        if view.qualifiers - self.qualifiers[concept]:
            factor *= QUALIFIER_FACTOR  # "khu vực thành thị" and no label of the concept says so
        return factor

    def _verdict(self, best: _Candidate, rival: _Candidate | None, view: _Text,
                 unit: str, dimension: str | None) -> IndicatorMatch:
        concept = self.concepts[best.concept]
        rival_score = rival.score if rival else 0.0
        rival_text = (f"runner-up {self.concepts[rival.concept].notation} {rival.score:.2f}"
                      if rival else "no rival")
        kind, label_text = best.label.shown(view.text)
        evidence = (f"{_explain(best, kind, label_text, view)}; "
                    f"{_unit_note(concept, unit, dimension)}; {rival_text}")
        missing = sorted(view.qualifiers - self.qualifiers[best.concept])
        if missing:
            evidence += f"; the text names {'/'.join(missing)}, the concept does not"
        score = round(min(1.0, best.score), 4)
        if best.score < MIN_SCORE:
            return IndicatorMatch(None, score, None,
                                  f"unsure: best {concept.notation} {best.score:.2f} < "
                                  f"MIN_SCORE {MIN_SCORE} ({evidence})")
        if best.score - rival_score < MIN_MARGIN:
            return IndicatorMatch(None, score, None,
                                  f"ambiguous: {concept.notation} leads by "
                                  f"{best.score - rival_score:.2f} < MIN_MARGIN {MIN_MARGIN} "
                                  f"({evidence})")
        return IndicatorMatch(concept.notation, score, label_text, evidence)


class _Text:
    """One text as the scoring sees it; what is costly is computed on first use only."""

    def __init__(self, text: str, unit_words: tuple[str, ...], weight: dict[str, float]) -> None:
        self.text = text
        self.words = fold_words(text)
        self.unit_words = unit_words
        self.ordered = self.words + unit_words
        self.present = frozenset(self.ordered)
        self._weight = weight

    @cached_property
    def pairs(self) -> set[Pair]:
        """Word pairs in order within SKIP_WINDOW, of the text and of the unit."""
        return _skip_pairs(self.words) | _skip_pairs(self.unit_words)

    @cached_property
    def known(self) -> frozenset[str]:
        """The vocabulary words naming the indicator: those outside parentheses.

        A parenthesis explains the indicator ("(không tính quốc lộ …)"); its words may
        confirm a label but do not count against a concept's precision.
        """
        named = fold_words(_PARENTHESIS.sub(" ", self.text)) if "(" in self.text else self.words
        return frozenset(w for w in named if w in self._weight)

    @cached_property
    def known_total(self) -> int:
        return sum(map(self._weight.__getitem__, self.known))

    @cached_property
    def qualifiers(self) -> frozenset[str]:
        return _qualifiers(self.words)


@cache
def _index() -> _Index:
    return _Index(load_indicators())


def _idf(sets: list[Iterable[str]], n: int, factor: float = 1.0) -> dict[str, int]:
    """factor * ln(1 + n / df) in WEIGHT_SCALE units, df = how many of the sets hold the item."""
    df: dict[str, int] = {}
    for items in sets:
        for item in items:
            df[item] = df.get(item, 0) + 1
    return {item: round(WEIGHT_SCALE * factor * math.log(1 + n / count))
            for item, count in df.items()}


def _keys(label: _Label) -> list[str]:
    """The fewest heaviest words of a label that it cannot do without.

    A text holding none of them misses their weight and that of their pairs: more than a label
    may miss and still come within ``MIN_MARGIN`` of ``MIN_SCORE``, so such a text need not
    look at the label at all. "tỷ lệ" alone therefore finds nothing.
    """
    budget = (1 - (MIN_SCORE - MIN_MARGIN - UNIT_AGREES_BONUS)) * label.total
    keys: set[str] = set()
    for word, _ in sorted(label.words, key=lambda item: (-item[1], item[0])):
        keys.add(word)
        lost = sum(w for k, w in label.words if k in keys)
        lost += sum(w for p, w in label.pairs if not keys.isdisjoint(p))
        if lost > budget:
            break
    return sorted(keys)


def _qualifiers(words: Sequence[str]) -> frozenset[str]:
    """Sub-populations a text restricts itself to ("khu vực thành thị" -> urban)."""
    found = {_QUALIFIER_OF[m] for m in (*words, *zip(words, words[1:])) if m in _QUALIFIER_OF}
    for group in COMPLEMENTS:
        if group <= found:  # "ở khu đô thị và khu vực nông thôn": the whole, not a part
            found -= group
    return frozenset(found)


def _adjacent(words: tuple[str, ...]) -> list[Pair]:
    return list(zip(words, words[1:]))


def _skip_pairs(words: Sequence[str]) -> set[Pair]:
    """Pairs of words in order at most SKIP_WINDOW apart."""
    return set().union(*(zip(words, words[gap:]) for gap in range(1, SKIP_WINDOW + 1)))


def _unique(postings: Iterable[Iterable[_Label]]) -> Iterable[_Label]:
    """Labels of all postings, each once, in a stable order (first seen)."""
    return dict.fromkeys(chain.from_iterable(postings))


def _explain(candidate: _Candidate, kind: str, text: str, view: _Text) -> str:
    label = candidate.label
    found_pairs = sum(p in view.pairs for p, _ in label.pairs)
    in_text = len(candidate.matched.intersection(view.words))
    from_unit = f" ({len(candidate.matched) - in_text} from the unit)" if len(
        candidate.matched) > in_text else ""
    return (f"{kind} '{text}' matched {len(candidate.matched)}/{len(label.words)} "
            f"words{from_unit} and {found_pairs}/{len(label.pairs)} word pairs, "
            f"score {candidate.score:.2f}")


def _unit_note(concept: IndicatorConcept, unit: str, dimension: str | None) -> str:
    if dimension is None:
        return "no unit dimension to check" if not unit.strip() else f"unit {unit!r} not classified"
    relation = "agrees" if dimension == concept.dimension else "is compatible"
    return f"unit dimension {dimension} {relation} with {concept.dimension.value}"


def _rejection(concept: IndicatorConcept, label: _Label, unit: str, dimension: str | None) -> str:
    return (f"unit {unit!r} ({dimension}) cannot measure {concept.dimension.value}: best label "
            f"'{label.variants[0][1]}' of {concept.notation} rejected")

