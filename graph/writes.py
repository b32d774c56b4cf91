"""Cypher of loading that the generic builders of ``graph/cypher.py`` do not cover.

* Citation relationships keep a union of evidence: several Records can say the same thing
  about two documents (the citing document's own text, and a third document's "A … thực hiện
  B"), so each write adds only the (sha256, span) items the relationship does not have yet.
  Written so, loading the same Records twice or in another order gives the same lists (as
  sets: the order of items may differ, which no query and no export depends on).
* A cited document's date is settled after loading, from every citation of it: the date most
  citations state (ties: the earliest). Its own header, once the document itself is loaded,
  always wins. This is what makes stubs independent of load order.
* Derivations are read, compared in Python (``graph/derive.py``) and written as a diff.

Values are bound as $parameters; labels and types come from the ontology terms.
"""

from __future__ import annotations

from policykg.graph.cypher import KEY, Query, _label, _rel
from policykg.ontology.terms import Label, Prop, Rel

DOC = _label(Label.POLICY_DOCUMENT)
TARGET = _label(Label.TARGET)
INDICATOR = _label(Label.INDICATOR)
#: Relationship types between documents, in the order a cascade prefers them.
CITATION_TYPES = (Rel.IMPLEMENTS, Rel.BASED_ON, Rel.CITES)
#: Evidence lists a citation relationship carries, item i of each being one quote.
EVIDENCE_LISTS = (Prop.QUOTE, Prop.SHA256, Prop.SPAN_START, Prop.SPAN_END)
#: Deepest cascade a derivation looks up through (central -> … -> commune is 5 hops; margin).
MAX_CASCADE_DEPTH = 8


def merge_cited_query(rel: Rel) -> str:
    """UNWIND-MERGE of document -> document relationships, adding only evidence not yet there.

    Rows: ``{"src", "dst", "stated_date", "quote": [...], "sha256": [...], "span_start": [...],
    "span_end": [...]}``.
    """
    fresh = ("[i IN range(0, size(row.sha256) - 1) WHERE NOT any(j IN range(0, size(old) - 1) "
             "WHERE old[j] = row.sha256[i] AND olds[j] = row.span_start[i])]")
    sets = ", ".join(f"r.{p} = coalesce(r.{p}, []) + [i IN fresh | row.{p}[i]]"
                     for p in EVIDENCE_LISTS)
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{DOC} {{{KEY}: row.src}}) MATCH (b:{DOC} {{{KEY}: row.dst}}) "
        f"MERGE (a)-[r:{_rel(rel)}]->(b) "
        f"WITH r, row, coalesce(r.{Prop.SHA256}, []) AS old, coalesce(r.{Prop.SPAN_START}, []) AS olds "
        f"WITH r, row, {fresh} AS fresh "
        f"SET {sets}, r.{Prop.STATED_DATE} = coalesce(row.stated_date, r.{Prop.STATED_DATE})"
    )


def update_document_queries(label: Label) -> list[str]:
    """The writes of loaded documents that exist already (as stubs, or loaded before): set every
    property, take their own label, drop the generic one a stub may have had.

    Keyed on PolicyDocument, so a stub and its document meet.
    """
    update = f"UNWIND $rows AS row MATCH (n:{DOC} {{{KEY}: row.id}}) SET n += row.props"
    relabel = (f"UNWIND $rows AS row MATCH (n:{DOC} {{{KEY}: row.id}}) WHERE NOT n:{_label(label)} "
               f"SET n:{_label(label)}")
    if label != Label.OTHER_DOCUMENT:
        relabel += f" REMOVE n:{_label(Label.OTHER_DOCUMENT)}"
    return [update, relabel]


def create_document_query(label: Label) -> str:
    """Create documents (loaded or stubs) that do not exist yet, with both labels at once.

    FalkorDB 4.16 takes ~0.5 ms per node to add a label to a node after it exists (0.85 s for
    1,000 new documents in a 20,000-document graph, against 0.045 s this way), and MERGE cannot
    name the specific label without missing a stub that has another. The query checks for the
    node itself, so two loads citing one document at the same moment still make one node.
    """
    return (f"UNWIND $rows AS row OPTIONAL MATCH (e:{DOC} {{{KEY}: row.id}}) WITH row, e WHERE e IS NULL "
            f"CREATE (n:{DOC}:{_label(label)}) SET n = row.props, n.{KEY} = row.id")


def stub_titles_query() -> str:
    """Title words of cited, unloaded documents; rows ``{"id", "title"}``.

    Several citing documents may word a title differently: the longest wording wins (ties: the
    first in code-point order), a choice that does not depend on which was loaded first. A
    loaded document keeps the title of its own header.
    """
    return (
        f"UNWIND $rows AS row MATCH (n:{DOC} {{{KEY}: row.id}}) WHERE n.{Prop.SOURCE_SHA256} IS NULL "
        f"SET n.{Prop.TITLE} = CASE WHEN n.{Prop.TITLE} IS NULL OR size(row.title) > size(n.{Prop.TITLE}) "
        f"OR (size(row.title) = size(n.{Prop.TITLE}) AND row.title < n.{Prop.TITLE}) "
        f"THEN row.title ELSE n.{Prop.TITLE} END"
    )


#: Marker of the year component of an undated id (see graph/identity.py).
UNDATED_PART = "/undated/"


def undated_stubs_query() -> Query:
    """Cited documents known only without a date, that a dated sibling may now explain."""
    return (f"MATCH (u:{DOC}) WHERE u.{KEY} CONTAINS $part AND u.{Prop.SYMBOL} IS NOT NULL "
            f"AND u.{Prop.SOURCE_SHA256} IS NULL RETURN u.{KEY} AS id, u.{Prop.SYMBOL} AS symbol",
            {"part": UNDATED_PART})


def dated_siblings_query(symbol: str, prefix: str) -> Query:
    """Dated documents of the same body and symbol as an undated stub."""
    return (f"MATCH (d:{DOC} {{{Prop.SYMBOL}: $symbol}}) WHERE d.{KEY} STARTS WITH $prefix "
            f"AND NOT d.{KEY} CONTAINS $part RETURN d.{KEY} AS id",
            {"symbol": symbol, "prefix": prefix, "part": UNDATED_PART})


def move_citations_query(rel: Rel, incoming: bool) -> str:
    """Move one type of citation relationship from an undated stub to its dated document.

    Params ``$stub`` and ``$doc``; evidence items the target relationship has are not repeated.
    """
    fresh = ("[i IN range(0, size(r.sha256) - 1) WHERE NOT any(j IN range(0, size(old) - 1) "
             "WHERE old[j] = r.sha256[i] AND olds[j] = r.span_start[i])]")
    sets = ", ".join(f"r2.{p} = coalesce(r2.{p}, []) + [i IN fresh | r.{p}[i]]" for p in EVIDENCE_LISTS)
    pattern = (f"(x:{DOC})-[r:{_rel(rel)}]->(u:{DOC} {{{KEY}: $stub}})" if incoming
               else f"(u:{DOC} {{{KEY}: $stub}})-[r:{_rel(rel)}]->(x:{DOC})")
    merge = f"(x)-[r2:{_rel(rel)}]->(d)" if incoming else f"(d)-[r2:{_rel(rel)}]->(x)"
    return (
        f"MATCH {pattern} MATCH (d:{DOC} {{{KEY}: $doc}}) MERGE {merge} "
        f"WITH r, r2, coalesce(r2.{Prop.SHA256}, []) AS old, coalesce(r2.{Prop.SPAN_START}, []) AS olds "
        f"WITH r, r2, {fresh} AS fresh "
        f"SET {sets}, r2.{Prop.STATED_DATE} = coalesce(r2.{Prop.STATED_DATE}, r.{Prop.STATED_DATE}) "
        f"DELETE r"
    )


def delete_document_query() -> str:
    """Remove a stub once its citations have moved (its body and place links go with it)."""
    return f"MATCH (u:{DOC} {{{KEY}: $stub}}) DETACH DELETE u"


def stub_dates_query(ids: list[str]) -> Query:
    """Dates stated by the citations of the given documents that have not been loaded themselves."""
    types = "|".join(_rel(r) for r in CITATION_TYPES)
    return (
        f"UNWIND $ids AS id MATCH (d:{DOC} {{{KEY}: id}}) WHERE d.{Prop.SOURCE_SHA256} IS NULL "
        f"OPTIONAL MATCH (d)<-[r:{types}]-() "
        f"RETURN id, d.{Prop.ISSUED} AS issued, collect(r.{Prop.STATED_DATE}) AS stated",
        {"ids": ids},
    )


def set_issued_query() -> str:
    """Set (or clear) the settled date of stubs; rows ``{"id", "issued"}``."""
    return f"UNWIND $rows AS row MATCH (d:{DOC} {{{KEY}: row.id}}) SET d.{Prop.ISSUED} = row.issued"


def descendants_query(ids: list[str]) -> Query:
    """The documents below the given ones in their cascades (implements or based on), and themselves."""
    types = f"{_rel(Rel.IMPLEMENTS)}|{_rel(Rel.BASED_ON)}"
    return (
        f"UNWIND $ids AS id MATCH (d:{DOC} {{{KEY}: id}}) "
        f"OPTIONAL MATCH (d)<-[:{types}*1..{MAX_CASCADE_DEPTH}]-(x:{DOC}) "
        f"WITH id, collect(DISTINCT x.{KEY}) AS below RETURN id, below",
        {"ids": ids},
    )


def not_milestone(t: str, keep: str, *, outdegree: bool = False) -> str:
    """Keep only targets that are not a step of a yearly path.

    FalkorDB evaluates the pattern predicate ``NOT (t)-[:MILESTONE_OF]->()`` by scanning every
    such relationship (1 s for 20 documents of one province). The portable form is OPTIONAL
    MATCH … IS NULL (4 ms there); with ``outdegree`` (a FalkorDB server, GraphStore.has_outdegree)
    it is ``outdegree(t, 'MILESTONE_OF') = 0``, which reads the node's adjacency: over the
    10,449 targets below Thanh Hóa's plan, 0.4 ms against 11 ms, which was a third of the
    headline query.
    """
    if outdegree:
        return f"WITH {keep}, {t} WHERE outdegree({t}, '{Rel.MILESTONE_OF.value}') = 0 "
    return (f"OPTIONAL MATCH ({t})-[milestone:{_rel(Rel.MILESTONE_OF)}]->() "
            f"WITH {keep}, {t}, milestone WHERE milestone IS NULL ")


def ancestors_query(ids: list[str], rels: tuple[Rel, ...]) -> Query:
    """Each document's ancestors through the given relationship types, at their shortest depth."""
    types = "|".join(_rel(r) for r in rels)
    return (
        f"UNWIND $ids AS id MATCH p = (c:{DOC} {{{KEY}: id}})-[:{types}*1..{MAX_CASCADE_DEPTH}]->(a:{DOC}) "
        f"WHERE a <> c RETURN id, a.{KEY} AS ancestor, min(length(p)) AS depth",
        {"ids": ids},
    )


def indicator_targets_query(ids: list[str], *, outdegree: bool = False) -> Query:
    """Targets that measure an indicator, of the given documents; milestones left out.

    Each target comes once, however many children compare with it: the comparison is made in
    Python, which keeps the answer small (an ancestor's targets are not repeated per child).
    """
    return (
        f"UNWIND $ids AS id MATCH (d:{DOC} {{{KEY}: id}})-[:{_rel(Rel.SETS_TARGET)}]->(t:{TARGET})"
        f"-[:{_rel(Rel.MEASURES)}]->(i:{INDICATOR}) "
        f"{not_milestone('t', 'id, i', outdegree=outdegree)}"
        f"RETURN id, t.{KEY} AS target, t.{Prop.VALUE} AS value, t.{Prop.VALUE_MAX} AS value_max, "
        f"t.{Prop.UNIT} AS unit, t.{Prop.YEAR} AS year, i.{KEY} AS indicator, "
        f"i.{Prop.HIGHER_IS_BETTER} AS higher_is_better",
        {"ids": ids},
    )


def existing_derivations_query(ids: list[str]) -> Query:
    """DERIVED_FROM relationships that start at targets of the given documents."""
    return (
        f"UNWIND $ids AS id MATCH (:{DOC} {{{KEY}: id}})-[:{_rel(Rel.SETS_TARGET)}]->(t:{TARGET})"
        f"-[r:{_rel(Rel.DERIVED_FROM)}]->(s:{TARGET}) "
        f"RETURN t.{KEY} AS target, s.{KEY} AS source, r.{Prop.COMPARISON} AS comparison, "
        f"r.{Prop.RATIO} AS ratio",
        {"ids": ids},
    )


def delete_derivations_query() -> str:
    """Remove stale derivations; rows ``[target id, source id]``."""
    return (f"UNWIND $rows AS row MATCH (t:{TARGET} {{{KEY}: row[0]}})"
            f"-[r:{_rel(Rel.DERIVED_FROM)}]->(s:{TARGET} {{{KEY}: row[1]}}) DELETE r")


def write_derivations_query(*, create: bool = False) -> str:
    """Create or update derivations; rows ``[target id, source id, comparison, ratio or null]``.

    With ``create``, for derivations known not to exist (CREATE skips MERGE's look for one).
    Rows are lists (one per target of a cascade, so many): FalkorDB parses them faster than
    maps, and the client writes them as JSON (``graph/falkordb_store.py``). Every property is
    set at once, so a derivation keeps no ratio from before.
    """
    write = "CREATE" if create else "MERGE"
    return (f"UNWIND $rows AS row MATCH (t:{TARGET} {{{KEY}: row[0]}}) "
            f"MATCH (s:{TARGET} {{{KEY}: row[1]}}) "
            f"{write} (t)-[r:{_rel(Rel.DERIVED_FROM)}]->(s) "
            f"SET r = {{{Prop.COMPARISON}: row[2], {Prop.RATIO}: row[3]}}")


def count_label_query(label: Label) -> Query:
    """How many nodes carry a label (to skip reference data already written)."""
    return f"MATCH (n:{_label(label)}) RETURN count(n) AS n", {}
