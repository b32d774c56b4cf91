"""Citation merge: one Citation per cited document, with its scope, relation and date.

Decisions:

* **Dedup.** One Citation per normalized symbol, or per normalized name. A congress resolution
  named without number ("Nghị quyết Đại hội Đảng bộ thị trấn … lần thứ nhất") is the same
  document as a numbered resolution "của Đảng bộ thị trấn …" (a Đảng bộ as a whole speaks only
  through its congress), so the two merge; a short name merges into a longer name of the same
  document ("Đề án về bảo vệ môi trường").
* **Scope.** Fixed issuer codes decide (TW, CP, TTg, QH… central; TU province; HU district; ĐU
  commune); UBND, HĐND and department codes take the level from the issuer as written ("của
  UBND tỉnh"), else from the document's own level (:class:`CitationContext`): a plan that
  cites "Quyết định số 12/QĐ-UBND" without saying whose means its own People's Committee.
* **Dates** are taken only when they follow the symbol ("ngày 12/3/2020", "ngày 12 tháng 3
  năm 2020", "ngày 26-4-2021", a footnote marker glued in "ngày 53 24/01/2022"); impossible
  dates are dropped, never repaired. Several dates: the majority wins (ties: the first seen)
  and a ``citation_date_conflict`` warning names them all.

Example:
    >>> from policykg.loaders.cited_symbols import find_symbols
    >>> text = "Quyết định số 12/QĐ-UBND ngày 1/2/2021; Quyết định số 12/QĐ-UBND ngày 1/2/2021"
    >>> context = CitationContext(level="district")
    >>> citations, warnings = merge_occurrences(find_symbols(text, None), context)
    >>> [(c.symbol, c.issuer_scope, len(c.spans)) for c in citations], warnings
    ([('12/QĐ-UBND', 'district', 2)], [])
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from policykg.loaders.citation_occurrence import (
    NAME_KEY_PREFIX,
    RELATION_RANK,
    CitationContext,
    Occurrence,
    level_of_words,
)
from policykg.loaders.named_documents import document_name_key
from policykg.loaders.record import Citation, Level, RecordWarning


def merge_occurrences(occs: list[Occurrence], ctx: CitationContext
                      ) -> tuple[list[Citation], list[RecordWarning]]:
    """One Citation per document: spans unioned, strongest relation, majority date.

    Args:
        occs: every occurrence, symbols and names, in text order, relations assigned.
        ctx: the citing document's own level and places, for "UBND" without a level.

    Returns:
        The citations in order of their first span, and ``citation_date_conflict`` warnings.

    Example: "Nghị quyết số 12-NQ/TU ngày 12/3/2020" cited three times and once "ngày
    12/3/2019" gives one Citation with four spans, dated 2020-03-12, and one warning.
    """
    groups: dict[str, list[Occurrence]] = {}
    keys = _GroupKeys(occs)
    for occ in occs:
        key = keys.key_of(occ)
        group = groups.get(key)
        if group is None:
            group = groups[key] = []
            keys.opened(key)
        group.append(occ)
    citations: list[Citation] = []
    warnings: list[RecordWarning] = []
    for key, group in groups.items():
        issued, warning = _majority_date(key, group)
        if warning:
            warnings.append(warning)
        citations.append(_citation(group, issued, ctx))
    citations.sort(key=lambda c: c.spans[0])
    return citations, warnings


_PARTY_COMMITTEE = re.compile(r"Đảng\s+bộ\s")


class _GroupKeys:
    """The group each occurrence joins. Merge a congress resolution into a numbered one "của Đảng
    bộ <same unit>"; merge a name into a longer name of the same document ("Đề án về bảo vệ môi
    trường").

    What the rules compare with is read once: the numbered party resolutions with their level,
    the numbered documents a name was given to ("Luật Thủ đô số 39/2024/QH15") with the name's
    key, and the congress and name groups opened so far, in the order they were opened. Each
    occurrence then looks through those few, not through every occurrence and group.
    """

    def __init__(self, occs: list[Occurrence]) -> None:
        self.resolutions = [(level_of_words(o.issuer), o.key) for o in occs if o.symbol and o.issuer
                            and _PARTY_COMMITTEE.match(o.issuer) and o.doc_type == "NQ"]
        self.named = [(document_name_key(o.name), o.key) for o in occs if o.symbol and o.name]
        self.congress_groups: list[str] = []
        # (name, the starts of a longer name of it, key): the starts made once per group, not
        # once per occurrence compared with it
        self.name_groups: list[tuple[str, tuple[str, str], str]] = []

    def opened(self, key: str) -> None:
        if key.startswith("congress:"):
            self.congress_groups.append(key)
        elif key.startswith(NAME_KEY_PREFIX):
            name = key[len(NAME_KEY_PREFIX):]
            self.name_groups.append((name, _longer_name_starts(name), key))

    def key_of(self, occ: Occurrence) -> str:
        if occ.key.startswith("congress:"):
            level = occ.key.split(":")[1]
            for resolution_level, key in self.resolutions:
                if resolution_level == level:
                    return key
            for key in self.congress_groups:
                if key.startswith(f"congress:{level}:") and occ.key.endswith(":"):
                    return key
        if occ.key.startswith(NAME_KEY_PREFIX):
            mine = occ.key[len(NAME_KEY_PREFIX):]
            for name, key in self.named:  # "Luật Thủ đô" alone, after "Luật Thủ đô số 39/2024/QH15"
                if name == mine:
                    return key
            longer = _longer_name_starts(mine)
            for other, shorter, key in self.name_groups:
                if other.startswith(longer) or mine.startswith(shorter):
                    return key
        return occ.key


def _longer_name_starts(name: str) -> tuple[str, str]:
    """How a longer name of the same document starts: "đề án về bảo vệ môi trường" is one of
    "đề án về bảo vệ môi trường" followed by a word or a comma (key of a name in a group)."""
    return name + " ", name + ","


def _majority_date(key: str, group: list[Occurrence]) -> tuple[date | None, RecordWarning | None]:
    dates = [o.issued for o in group if o.issued]
    if not dates:
        return None, None
    if dates.count(dates[0]) == len(dates):
        return dates[0], None  # one date (the usual case): nothing to count
    counts = Counter(dates)
    best = max(counts, key=lambda d: (counts[d], -dates.index(d)))
    if len(counts) == 1:
        return best, None
    others = [o for o in group if o.issued and o.issued != best]
    listed = ", ".join(f"{d.isoformat()} ×{n}" for d, n in counts.most_common())
    return best, RecordWarning(
        code="citation_date_conflict",
        message=f"{group[0].symbol or group[0].name} is dated differently: {listed}; "
        f"kept {best.isoformat()}",
        span=(others[0].start, others[0].end),
    )


def _citation(group: list[Occurrence], issued: date | None, ctx: CitationContext) -> Citation:
    if len(group) == 1:
        return _cited_once(group[0], issued, ctx)
    return _merged_citation(group, issued, ctx)


def _merged_citation(group: list[Occurrence], issued: date | None, ctx: CitationContext
                     ) -> Citation:
    """One Citation for every occurrence of a document: the strongest relation, the first
    issuer, type and symbol given, the name that says most, every span."""
    relation = max((o.relation for o in group), key=RELATION_RANK.__getitem__)
    issuer = next((o.issuer for o in group if o.issuer), None)
    doc_type = next((o.doc_type for o in group if o.doc_type), None)
    symbol = next((o.symbol for o in group if o.symbol), None)
    named = [o for o in group if o.name]
    # The first form it is cited by, unless a later one says more ("… tầm nhìn đến năm 2050").
    name = max(named, key=_name_key_length).name if named else None
    spans = sorted({(o.start, o.end) for o in group})
    return Citation(
        symbol=symbol, doc_type=doc_type, issued=issued, issuer=issuer,
        issuer_scope=_scope(group, ctx), relation=relation, name=name, spans=spans,
    )


def _cited_once(occ: Occurrence, issued: date | None, ctx: CitationContext) -> Citation:
    """``_citation`` of a document cited once (most are): its occurrence's facts as they are,
    without the look-ups over a group (each a generator or a list built and read)."""
    return Citation(
        symbol=occ.symbol or None, doc_type=occ.doc_type or None, issued=issued,
        issuer=occ.issuer or None, issuer_scope=_scope([occ], ctx), relation=occ.relation,
        name=occ.name or None, spans=[(occ.start, occ.end)],
    )


def _name_key_length(occ: Occurrence) -> int:
    """Length of the dedup key of ``occ.name``, which a named occurrence carries already."""
    if occ.key.startswith(NAME_KEY_PREFIX):
        return len(occ.key) - len(NAME_KEY_PREFIX)  # its key is the prefix + document_name_key
    return len(document_name_key(occ.name or ""))


def _scope(group: list[Occurrence], ctx: CitationContext) -> Level | None:
    """Fixed issuer code first, then the issuer as written, then the document's own level."""
    for occ in group:
        if occ.scope_code:
            return occ.scope_code
    for occ in group:
        if occ.issuer:
            level = level_of_words(occ.issuer, ctx)
            if level:
                return level
    for occ in group:
        if occ.scope_hint:
            return occ.scope_hint
    return ctx.level if group[0].floating else None
