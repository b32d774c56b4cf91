"""Search documents the way people type: "nghi quyet 12 vinh phuc" finds Vĩnh Phúc's 12-NQ/TU.

The search is diacritic-, case- and punctuation-insensitive over a document's symbol, title,
type name (NQ is "nghị quyết"), issuing body and place. Every word of the query must match a
word of the document (all words, not any: a researcher adding "vinh phuc" wants fewer
answers, not more); numbers match whole ("12" does not find 120-NQ/TU), and the last word also
matches as a prefix so a search box can answer while someone types ("nghi quyet 12 vinh ph").

Why an index in the process rather than in the store: FalkorDB's full-text index and Neo4j's
have different procedures and analyzers, and neither folds Vietnamese marks (``đ`` stays
``đ``) the way ``loaders.places.fold`` does for every other name in the project. The index is
a few dictionaries built from one paged read of the documents (``DocumentIndex.build``), kept
by ``IndexCache`` together with the ``GraphState`` it was built from, and rebuilt when the graph
changes (``graph/state.py``): after a load the next search pays the build (about a second per
10,000 documents here), every other search is a few dictionary lookups.

Ranking: the sum over query words of the weight of the best field each matches (the symbol
weighs most, then the place and the issuer, then the title and type), documents that were
loaded before those known only from citations, then the newest first, then the id.

Example:
    >>> page = search_documents(store, "nghi quyet 12 vinh phuc")           # doctest: +SKIP
    >>> page["items"][0]["id"]
    'vn/tinh-uy-vinh-phuc/2020/12-nq-tu'
"""

from __future__ import annotations

import bisect
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field

from policykg.errors import InputError
from policykg.graph.cypher import KEY, Query, _label, _rel
from policykg.graph.queries import DOC, check_level, document_fields, document_from
from policykg.graph.state import GraphState, graph_state
from policykg.graph.store import GraphStore
from policykg.loaders.places import fold
from policykg.loaders.symbols import TYPE_WORDS, fold_code
from policykg.ontology.terms import Label, Prop, Rel

#: Documents read per page while building the index (keyset pages on the identifier index).
INDEX_PAGE = 5000
#: Longest query accepted, and most words used from it.
MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 12
#: Largest page of results.
MAX_LIMIT = 200
#: Weight of a query word by the best field it matches.
FIELD_WEIGHTS = {"symbol": 4, "place": 2, "issuer": 2, "title": 1, "type": 1}

#: Words of folded text: runs of letters and digits ("12-nq/tu" -> 12, nq, tu).
WORD_RE = re.compile(r"[0-9a-z]+")
#: Type names by code, folded ("NQ" -> "nghi quyet"), for "nghi quyet 12".
TYPE_NAMES = {fold_code(code): fold(words) for words, code in TYPE_WORDS.items() if code}

UNIT = _label(Label.ADMIN_UNIT)


def index_page_query(after: str | None) -> Query:
    """One page of documents with issuer, place and province, after an identifier."""
    where = f"WHERE d.{KEY} > $after " if after is not None else ""
    return (
        f"MATCH (d:{DOC}) {where}WITH d ORDER BY d.{KEY} LIMIT $limit "
        f"OPTIONAL MATCH (d)-[:{_rel(Rel.ISSUED_BY)}]->(o:{_label(Label.ORGANIZATION)}) "
        f"OPTIONAL MATCH (d)-[:{_rel(Rel.APPLIES_TO)}]->(u:{UNIT}) "
        f"OPTIONAL MATCH (u)-[:{_rel(Rel.PART_OF)}*0..2]->(p:{UNIT} {{{Prop.LEVEL}: 'province'}}) "
        f"RETURN {document_fields('d')}, head(collect(o.{Prop.NAME})) AS issuer, "
        f"head(collect(u.{Prop.NAME})) AS place, head(collect(p.{Prop.NAME})) AS province",
        {"after": after, "limit": INDEX_PAGE},
    )


def words_of(text: str | None) -> list[str]:
    """The folded words of a text: ``words_of("12-NQ/TU Vĩnh Phúc")`` -> 12, nq, tu, vinh, phuc."""
    return WORD_RE.findall(fold(text)) if text else []


@dataclass
class DocumentIndex:
    """Documents and, per folded word, the documents it appears in with its best field weight."""

    docs: list[dict] = field(default_factory=list)
    postings: dict[str, dict[int, int]] = field(default_factory=lambda: defaultdict(dict))
    vocabulary: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, store: GraphStore) -> DocumentIndex:
        """Read every document (page by page) and index its words."""
        index, after = cls(), None
        while True:
            rows = store.read(*index_page_query(after))
            for row in rows:
                index.add({**document_from(row, "d"), "issuer": row["issuer"],
                           "place": row["place"], "province": row["province"]})
            if len(rows) < INDEX_PAGE:
                break
            after = rows[-1][f"d_{KEY}"]
        index.vocabulary = sorted(index.postings)
        return index

    def add(self, doc: dict) -> None:
        """Index one document's fields."""
        at = len(self.docs)
        self.docs.append(doc)
        fields = {"symbol": doc["symbol"], "title": doc["title"] or doc["name"],
                  "issuer": doc["issuer"], "place": f"{doc['place'] or ''} {doc['province'] or ''}",
                  "type": TYPE_NAMES.get(fold_code(doc["document_type"] or ""))}
        for name, text in fields.items():
            weight = FIELD_WEIGHTS[name]
            for word in words_of(text):
                posting = self.postings[word]
                if posting.get(at, 0) < weight:
                    posting[at] = weight

    def matches(self, word: str, *, prefix: bool) -> dict[int, int]:
        """Documents a query word matches, with the weight of its best field.

        A whole-word match scores twice the field's weight and a prefix match one less, so
        "song lo" puts Sông Lô before the Mekong delta ("sông Cửu Long").
        """
        found = {doc: 2 * weight for doc, weight in self.postings.get(word, {}).items()}
        if prefix and not word.isdigit():
            start = bisect.bisect_left(self.vocabulary, word)
            for other in self.vocabulary[start:]:
                if not other.startswith(word):
                    break
                for doc, weight in self.postings[other].items():
                    if found.get(doc, 0) < 2 * weight - 1:
                        found[doc] = 2 * weight - 1
        return found


class IndexCache:
    """The index of one store, rebuilt when the graph's state changes; safe across threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._state: GraphState | None = None
        self._index: DocumentIndex | None = None

    def get(self, store: GraphStore) -> DocumentIndex:
        """The index for the graph as it is now."""
        state = graph_state(store)
        with self._lock:
            if self._index is None or state != self._state:
                self._index, self._state = DocumentIndex.build(store), state
            return self._index


def search_documents(store: GraphStore, q: str = "", *, level: str | None = None,
                     province: str | None = None, doc_type: str | None = None,
                     year: int | None = None, limit: int = 20, offset: int = 0,
                     cache: IndexCache | None = None) -> dict:
    """Documents matching every word of ``q`` and the filters, best first, one page.

    Args:
        q: words as people type them ("nghi quyet 12 vinh phuc"); empty lists every document.
        level: central, province, district or commune.
        province: the province a document belongs to, with or without marks ("Vinh Phuc").
        doc_type: the type code of its symbol (NQ, KH, QĐ or QD).
        year: the year it was issued.
        cache: an IndexCache kept between calls (the API's); None builds the index afresh.

    Returns:
        ``{"total", "limit", "offset", "items"}``; each item a document summary with its
        issuer, place and province.
    """
    words = _query_words(q)
    check_level(level)
    if not 1 <= limit <= MAX_LIMIT or offset < 0:
        raise InputError(f"limit must be 1 to {MAX_LIMIT} and offset at least 0")
    index = (cache or IndexCache()).get(store)
    scores = _score(index, words)
    keep = _filter(level, province, doc_type, year)
    hits = [(score, index.docs[at]) for at, score in scores.items() if keep(index.docs[at])]
    # Stable sorts, least significant key first: id, newest (undated last), loaded, score.
    hits.sort(key=lambda hit: hit[1]["id"])
    hits.sort(key=lambda hit: hit[1]["issued"] or "", reverse=True)
    hits.sort(key=lambda hit: (-hit[0], not hit[1]["loaded"]))
    return {"total": len(hits), "limit": limit, "offset": offset,
            "items": [doc for _, doc in hits[offset:offset + limit]]}


def _query_words(q: str) -> list[str]:
    if len(q) > MAX_QUERY_CHARS:
        raise InputError(f"q is {len(q)} characters long; search with at most {MAX_QUERY_CHARS}")
    return words_of(q)[:MAX_QUERY_WORDS]


def _score(index: DocumentIndex, words: list[str]) -> dict[int, int]:
    """Total weight per document matching every word (every document when there are none)."""
    if not words:
        return dict.fromkeys(range(len(index.docs)), 0)
    total: dict[int, int] | None = None
    for i, word in enumerate(words):
        found = index.matches(word, prefix=i == len(words) - 1)
        if total is None:
            total = found
        else:
            total = {doc: total[doc] + weight for doc, weight in found.items() if doc in total}
        if not total:
            return {}
    return total or {}


def _filter(level, province, doc_type, year):
    """A predicate over indexed documents for the filters given."""
    wanted_province = fold(province) if province else None
    wanted_type = fold_code(doc_type) if doc_type else None

    def keep(doc: dict) -> bool:
        if level and doc["level"] != level:
            return False
        if wanted_province and wanted_province not in (fold(doc["province"] or ""), fold(doc["place"] or "")):
            return False
        if wanted_type and fold_code(doc["document_type"] or "") != wanted_type:
            return False
        return not year or (doc["issued"] or "").startswith(str(year))
    return keep
