"""What the explorer draws around the documents of a cascade: places, issuers, targets, agencies.

The cascade query (``cascade.py``) gives the documents and the relationships among them; a
network view also needs, per document, the unit it applies to with that unit's district and
province (to group communes by district and to filter by province), the body that issued it,
and which indicators it sets targets for. Expanding one document adds its targets (with the
target each derives from and its evidence) and the agencies its tasks put in the lead.

Example:
    >>> context = document_context(store, ["vn/ubnd-huyen-song-lo/undated/kh-287558f142e7"])  # doctest: +SKIP
    >>> context["vn/ubnd-huyen-song-lo/undated/kh-287558f142e7"]["province"]                 # doctest: +SKIP
    'Vĩnh Phúc'
"""

from __future__ import annotations

from policykg.graph.cypher import KEY, Query, _label, _rel
from policykg.graph.queries import DOC
from policykg.graph.queries.documents import own_targets_query
from policykg.graph.queries.lineage import shape_target
from policykg.graph.store import GraphStore
from policykg.graph.writes import not_milestone
from policykg.ontology.terms import Label, Prop, Rel

UNIT = _label(Label.ADMIN_UNIT)
ORG = _label(Label.ORGANIZATION)
TARGET = _label(Label.TARGET)
TASK = _label(Label.TASK)
INDICATOR = _label(Label.INDICATOR)


def context_query(ids: list[str]) -> Query:
    """Per document: its issuer, its unit, and the unit's district and province (when it has them).

    A commune is PART_OF a district, which is PART_OF a province; ``*0..2`` lets a district's
    or a province's own unit be its own district or province.
    """
    part_of = _rel(Rel.PART_OF)
    return (
        f"UNWIND $ids AS id MATCH (d:{DOC} {{{KEY}: id}}) "
        f"OPTIONAL MATCH (d)-[:{_rel(Rel.ISSUED_BY)}]->(o:{ORG}) "
        f"OPTIONAL MATCH (d)-[:{_rel(Rel.APPLIES_TO)}]->(u:{UNIT}) "
        f"OPTIONAL MATCH (u)-[:{part_of}*0..1]->(dist:{UNIT} {{{Prop.LEVEL}: 'district'}}) "
        f"OPTIONAL MATCH (u)-[:{part_of}*0..2]->(prov:{UNIT} {{{Prop.LEVEL}: 'province'}}) "
        f"RETURN id, o.{KEY} AS issuer, o.{Prop.NAME} AS issuer_name, o.{Prop.LEVEL} AS issuer_level, "
        f"u.{KEY} AS unit, u.{Prop.NAME} AS unit_name, u.{Prop.ALIAS} AS unit_alias, "
        f"u.{Prop.LEVEL} AS unit_level, dist.{KEY} AS district, dist.{Prop.NAME} AS district_name, "
        f"prov.{Prop.NAME} AS province",
        {"ids": ids},
    )


def indicators_set_query(ids: list[str], *, outdegree: bool = False) -> Query:
    """Per document, the indicators its targets measure (milestones of yearly paths left out)."""
    return (
        f"UNWIND $ids AS id MATCH (d:{DOC} {{{KEY}: id}})-[:{_rel(Rel.SETS_TARGET)}]->(t:{TARGET}) "
        f"{not_milestone('t', 'd, id', outdegree=outdegree)}"
        f"MATCH (t)-[:{_rel(Rel.MEASURES)}]->(i:{INDICATOR}) "
        f"RETURN id, i.{KEY} AS indicator, i.{Prop.NAME} AS name, count(t) AS targets",
        {"ids": ids},
    )


def lead_agencies_query(doc_id: str) -> Query:
    """The agencies a document puts in the lead of its tasks, with how many tasks each leads."""
    return (
        f"MATCH (d:{DOC} {{{KEY}: $id}}) WITH d "
        f"MATCH (d)-[:{_rel(Rel.ASSIGNS)}]->(t:{TASK})-[:{_rel(Rel.LEAD_AGENCY)}]->(o:{ORG}) "
        f"RETURN o.{KEY} AS id, o.{Prop.NAME} AS name, o.{Prop.LEVEL} AS level, count(t) AS tasks "
        f"ORDER BY tasks DESC, id",
        {"id": doc_id},
    )


def target_values_query(target_ids: list[str]) -> Query:
    """Value, range, unit, deadline and comparator of targets given by id."""
    return (
        f"UNWIND $ids AS id MATCH (t:{TARGET} {{{KEY}: id}}) "
        f"RETURN id, t.{Prop.VALUE} AS value, t.{Prop.VALUE_MAX} AS value_max, "
        f"t.{Prop.UNIT} AS unit, t.{Prop.YEAR} AS year, t.{Prop.COMPARATOR} AS comparator",
        {"ids": target_ids},
    )


def document_context(store: GraphStore, ids: list[str]) -> dict[str, dict]:
    """Issuer, place, district, province and indicators of each document, keyed by document id."""
    context: dict[str, dict] = {}
    for row in store.read(*context_query(ids)):
        # A unit PART_OF two districts cannot happen in the gazetteer; the first row wins.
        context.setdefault(row["id"], {**row, "indicators": {}})
    for row in store.read(*indicators_set_query(ids, outdegree=store.has_outdegree)):
        if row["id"] in context:
            context[row["id"]]["indicators"][row["indicator"]] = row["name"]
    return context


def document_targets(store: GraphStore, doc_id: str) -> list[dict]:
    """The targets a document sets, as the lineage answers give them (with evidence), by id."""
    own = store.read(*own_targets_query(doc_id, outdegree=store.has_outdegree))
    return sorted((shape_target(r) for r in own), key=lambda t: t["id"])


def lead_agencies(store: GraphStore, doc_id: str) -> list[dict]:
    """The agencies leading a document's tasks, most tasks first."""
    return store.read(*lead_agencies_query(doc_id))


def target_values(store: GraphStore, target_ids: list[str]) -> dict[str, dict]:
    """Value, unit and year of the given targets (the parents a comparison table quotes)."""
    return {r["id"]: r for r in store.read(*target_values_query(target_ids))}
