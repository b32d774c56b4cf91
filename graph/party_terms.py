"""One Party document cited with dates in two years is one node: fold by term.

Party committees number their documents afresh each term (nhiệm kỳ), from the congress that
opens it, so within one term a body and a symbol name exactly one document. Ids keep the year of
issue (``vn/tinh-uy-vinh-phuc/2020/12-nq-tu``, readable, and finer than the term), which splits a
document in two when citations disagree on the year: sample 001 cites "12-NQ/TU ngày 12/3/2019"
once and "ngày 12/3/2020" everywhere else. After every load, :func:`fold_party_terms` gathers
the nodes of one Party body and symbol whose dates fall in one term and folds them into one.

Decisions a newcomer asks about:

* **Which id survives.** The loaded document, when one is; otherwise the year of the date most
  citations state (ties: the earliest), the same rule that settles a stub's date
  (``graph/load.py`` majority_date), so the id and the date agree and the result depends only on
  the citations loaded, not on their order. Every citation keeps the date it stated and its
  evidence: the conflict stays visible (``stated_date`` on each relationship).
* **When a date cannot say which term.** Congresses open a term in a season of the congress year
  (provinces: August-October 2020; the Central Committee: January 2021), at dates we do not
  hold per body. A date inside the season, or a bare congress year, is ambiguous and its node is
  never folded: two documents are merged only when both dates are certainly in the same term.
* **State documents are not folded.** People's Committees and ministries number by calendar year,
  so ``92/KH-UBND`` of 2022 and of 2023 are two plans; the year in their id is their numbering.
* Two *loaded* documents claiming one body, symbol and term are a conflict in the sources; both
  stay, and nothing is folded into either.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from policykg.graph.cypher import KEY, Query
from policykg.graph.identity import majority_date
from policykg.graph.store import GraphStore, WriteCounters
from policykg.graph.writes import (CITATION_TYPES, DOC, UNDATED_PART, delete_document_query,
                                   move_citations_query, stub_titles_query, _rel)
from policykg.loaders.symbols import canonical_issuer, fold_code, issuer_code_of
from policykg.ontology.terms import Prop

#: Years whose congresses open a term, by the level of the committee. District committees
#: ended with the districts on 2025-07-01, so their last term opened in 2020.
CONGRESS_YEARS: dict[str, tuple[int, ...]] = {
    "central": (1996, 2001, 2006, 2011, 2016, 2021, 2026),
    "province": (1996, 2000, 2005, 2010, 2015, 2020, 2025),
    "district": (1996, 2000, 2005, 2010, 2015, 2020),
    "commune": (1996, 2000, 2005, 2010, 2015, 2020, 2025),
}
#: First and last month of the congress season of a congress year: a date inside it may belong
#: to either term. Wide on purpose (provincial congresses of 2020 ran from August to October,
#: district ones from April to July, commune ones from January to May; 2025's communes, new
#: after the merger, held theirs from July to September).
CONGRESS_SEASON: dict[str, tuple[int, int]] = {
    "central": (1, 2), "province": (7, 11), "district": (3, 8), "commune": (1, 9),
}
#: Party committee issuer codes and the level whose congresses open their terms.
PARTY_LEVELS = {"TW": "central", "TU": "province", "HU": "district", "QU": "district", "DU": "commune"}


def party_level(symbol: str | None) -> str | None:
    """The level of the Party committee a symbol's issuer code names, None for a state document.

    Example:
        >>> party_level("12-NQ/TU"), party_level("13-NQ/TW"), party_level("92/KH-UBND")
        ('province', 'central', None)
    """
    code = issuer_code_of(symbol) if symbol else None
    return PARTY_LEVELS.get(fold_code(canonical_issuer(code) or code)) if code else None


def term_of(level: str, day: date | None, year: int | None = None) -> int | None:
    """The year the term of a dated Party document opened, or None when the date cannot tell.

    Examples:
        >>> term_of("province", date(2020, 3, 12)), term_of("province", date(2019, 3, 12))
        (2015, 2015)
        >>> term_of("province", date(2020, 9, 1)) is None, term_of("province", None, 2020) is None
        (True, True)
    """
    year = day.year if day else year
    starts = CONGRESS_YEARS.get(level)
    if year is None or not starts or year < starts[0]:
        return None
    opened = max(s for s in starts if s <= year)
    if opened != year:
        return opened
    if day is None:
        return None  # a bare congress year: either term
    first, last = CONGRESS_SEASON[level]
    if day.month < first:
        previous = [s for s in starts if s < year]
        return previous[-1] if previous else None
    return None if day.month <= last else year


@dataclass(frozen=True)
class _Node:
    """A Party document node of a fold group and the dates its citations state."""

    id: str
    loaded: bool
    issued: str | None
    stated: tuple[str, ...]
    title: str | None


def _year_of(node_id: str) -> int | None:
    part = node_id.split("/")[-2]
    return int(part) if part.isdigit() else None


def _node_term(level: str, node: _Node) -> int | None:
    """The term of a node's own date: the header of a loaded one, else its citations' majority."""
    text = node.issued if node.loaded else majority_date(list(node.stated))
    day = date.fromisoformat(text) if text else None
    return term_of(level, day, _year_of(node.id))


def choose_folds(level: str, nodes: list[_Node]) -> dict[str, str]:
    """{folded id: surviving id} for the nodes of one body and symbol.

    Example: sample 001's 12-NQ/TU cited with "12/3/2019" once and "12/3/2020" by three plans:
    ``{'vn/tinh-uy-vinh-phuc/2019/12-nq-tu': 'vn/tinh-uy-vinh-phuc/2020/12-nq-tu'}``.
    """
    terms: dict[int, list[_Node]] = defaultdict(list)
    for node in nodes:
        term = _node_term(level, node)
        if term is not None:
            terms[term].append(node)
    folds: dict[str, str] = {}
    for group in terms.values():
        if len(group) < 2:
            continue
        loaded = [n for n in group if n.loaded]
        if len(loaded) > 1:
            continue  # two documents claim one number in one term: the sources conflict
        by_id = {n.id: n for n in group}
        if loaded:
            keep = loaded[0].id
        else:
            settled = majority_date([d for n in group for d in n.stated])
            year = int(settled[:4]) if settled else None
            same = [n.id for n in group if _year_of(n.id) == year]
            keep = same[0] if same else max(group, key=lambda n: (len(n.stated), n.id)).id
        folds.update({i: keep for i in by_id if i != keep})
    return folds


def symbols_query(ids: list[str]) -> Query:
    """The symbol of each given document (candidates for a fold)."""
    return (f"UNWIND $ids AS id MATCH (d:{DOC} {{{KEY}: id}}) WHERE d.{Prop.SYMBOL} IS NOT NULL "
            f"RETURN id, d.{Prop.SYMBOL} AS symbol", {"ids": ids})


def group_query(groups: list[dict]) -> Query:
    """Every dated node of each (body prefix, symbol), with what a fold decides on.

    Rows of ``$groups``: ``{"prefix": "vn/tinh-uy-vinh-phuc/", "symbol": "12-NQ/TU"}``.
    """
    types = "|".join(_rel(r) for r in CITATION_TYPES)
    return (
        f"UNWIND $groups AS g MATCH (d:{DOC} {{{Prop.SYMBOL}: g.symbol}}) "
        f"WHERE d.{KEY} STARTS WITH g.prefix AND NOT d.{KEY} CONTAINS $part "
        f"OPTIONAL MATCH (d)<-[r:{types}]-() "
        f"RETURN g.prefix AS prefix, g.symbol AS symbol, d.{KEY} AS id, "
        f"d.{Prop.SOURCE_SHA256} IS NOT NULL AS loaded, d.{Prop.ISSUED} AS issued, "
        f"d.{Prop.TITLE} AS title, collect(r.{Prop.STATED_DATE}) AS stated",
        {"groups": groups, "part": UNDATED_PART},
    )


def _groups(store: GraphStore, ids: list[str], step: int) -> dict[tuple[str, str], list[_Node]]:
    """The nodes of every Party body and symbol among ``ids`` that has more than one node."""
    wanted = {}
    for start in range(0, len(ids), step):
        for row in store.read(*symbols_query(ids[start:start + step])):
            if UNDATED_PART not in row["id"] and party_level(row["symbol"]):
                prefix = row["id"].rsplit("/", 2)[0] + "/"
                wanted[(prefix, row["symbol"])] = {"prefix": prefix, "symbol": row["symbol"]}
    groups = [wanted[key] for key in sorted(wanted)]
    found: dict[tuple[str, str], list[_Node]] = defaultdict(list)
    for start in range(0, len(groups), step):
        for row in store.read(*group_query(groups[start:start + step])):
            found[(row["prefix"], row["symbol"])].append(_Node(
                row["id"], row["loaded"], row["issued"], tuple(sorted(d for d in row["stated"] if d)),
                row["title"]))
    return {key: sorted(nodes, key=lambda n: n.id) for key, nodes in found.items() if len(nodes) > 1}


def fold_party_terms(store: GraphStore, ids: list[str], *, step: int) -> tuple[dict[str, str], WriteCounters]:
    """Fold the Party documents among ``ids`` that one term's numbering makes one document.

    Args:
        store: an open store.
        ids: documents written by this load (loaded and cited); only their groups are read.
        step: ids per query (a store that caps its messages takes fewer).

    Returns:
        {folded id: surviving id}, and the write counters.
    """
    total, folded = WriteCounters(), {}
    for (_, symbol), nodes in sorted(_groups(store, ids, step).items()):
        titles = {n.id: n.title for n in nodes}
        for gone, keep in sorted(choose_folds(party_level(symbol), nodes).items()):
            params = {"stub": gone, "doc": keep}
            for rel in CITATION_TYPES:
                for incoming in (True, False):
                    total += store.write(move_citations_query(rel, incoming), params).counters
            if titles[gone]:
                total += store.write(stub_titles_query(), {"rows": [{"id": keep, "title": titles[gone]}]}).counters
            total += store.write(delete_document_query(), params).counters
            folded[gone] = keep
    return folded, total
