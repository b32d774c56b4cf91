"""Generic Cypher: batched idempotent writes, counts, and the schema DDL of each dialect.

Every builder returns ``(query, params)`` or, for batch writes whose rows vary, the query text to
pass to ``GraphStore.write_batches``. Values are always bound as ``$parameters``. Labels and
relationship types cannot be parameters in Cypher, so they are interpolated, but only after
checking that they are names the ontology defines (``policykg.ontology.terms``): nothing a user
types ever reaches query text.

Example:
    >>> merge_nodes_query("PolicyDocument")
    'UNWIND $rows AS row MERGE (n:`PolicyDocument` {identifier: row.id}) SET n += row.props'
"""

from __future__ import annotations

from typing import Any

from policykg.graph.store import SchemaSpec
from policykg.ontology.terms import Label, Prop, Rel

Query = tuple[str, dict[str, Any]]

_LABELS = frozenset(label.value for label in Label)
#: The property every node is MERGEd on (pkg:identifier): readable ids such as
#: 'vn/tinh-uy-vinh-phuc/2020/12-nq-tu' (see graph/identity.py).
KEY = Prop.IDENTIFIER.value
_RELS = frozenset(rel.value for rel in Rel)
_PROPS = frozenset(prop.value for prop in Prop)


def _label(name: str) -> str:
    if name not in _LABELS:
        raise ValueError(f"{name!r} is not a node label of the ontology")
    return f"`{name}`"


def _rel(name: str) -> str:
    if name not in _RELS:
        raise ValueError(f"{name!r} is not a relationship type of the ontology")
    return f"`{name}`"


def _prop(name: str) -> str:
    if name not in _PROPS:
        raise ValueError(f"{name!r} is not a property of the ontology")
    return f"`{name}`"


def merge_nodes_query(label: str, *, extra_labels: tuple[str, ...] = (),
                      on_create_only: bool = False) -> str:
    """UNWIND-MERGE of nodes keyed by ``identifier``; rows are ``{"id": …, "props": {…}}``.

    ``extra_labels`` are added with SET so that, e.g., a Plan is also a PolicyDocument and both
    label lookups find it. With ``on_create_only`` the properties are set only on a new node:
    a cited document's stub never overwrites what the document itself said.
    """
    setter = "ON CREATE SET n += row.props" if on_create_only else "SET n += row.props"
    text = f"UNWIND $rows AS row MERGE (n:{_label(label)} {{{KEY}: row.id}}) {setter}"
    if extra_labels:
        text += (" SET n:" if on_create_only else ", n:") + ":".join(_label(x) for x in extra_labels)
    return text


def merge_edges_query(rel: str, source: str, target: str) -> str:
    """UNWIND-MERGE of relationships between existing nodes keyed by ``id``.

    Rows are ``{"src": …, "dst": …, "props": {…}}``; one relationship of a type per pair.
    """
    return (
        f"UNWIND $rows AS row "
        f"MATCH (a:{_label(source)} {{{KEY}: row.src}}) "
        f"MATCH (b:{_label(target)} {{{KEY}: row.dst}}) "
        f"MERGE (a)-[r:{_rel(rel)}]->(b) SET r += row.props"
    )


def create_nodes_query(label: str, keys: tuple[str, ...], *,
                       extra_labels: tuple[str, ...] = ()) -> str:
    """UNWIND-CREATE of nodes known not to exist (``graph/load_chunk.py`` reads which do).

    Each row is a list of values, item i for property ``keys[i]``; a null is no property.
    Lists rather than maps because every byte of a row is parsed by FalkorDB and most of a
    load is new nodes: no key is repeated per row (~20 % of FalkorDB's time on them).
    """
    labels = ":".join(_label(x) for x in (label, *extra_labels))
    props = ", ".join(f"{_prop(key)}: row[{i}]" for i, key in enumerate(keys))
    return f"UNWIND $rows AS row CREATE (n:{labels} {{{props}}})"


def create_edges_query(rel: str, source: str, target: str, *, props: bool = False) -> str:
    """UNWIND-CREATE of relationships known not to exist, between existing nodes keyed by ``id``.

    Rows are ``[source id, target id]``, and the relationship's properties (a map) third when
    ``props``: most relationships carry none.
    """
    text = (f"UNWIND $rows AS row "
            f"MATCH (a:{_label(source)} {{{KEY}: row[0]}}) "
            f"MATCH (b:{_label(target)} {{{KEY}: row[1]}}) "
            f"CREATE (a)-[r:{_rel(rel)}]->(b)")
    return text + " SET r = row[2]" if props else text


def existing_ids_query(label: str, ids: list[str]) -> Query:
    """Which of the given identifiers a node of ``label`` has."""
    return f"UNWIND $ids AS id MATCH (n:{_label(label)} {{{KEY}: id}}) RETURN id", {"ids": ids}


def existing_properties_query(label: str, ids: list[str]) -> Query:
    """The properties of those of the given identifiers a node of ``label`` has."""
    return (f"UNWIND $ids AS id MATCH (n:{_label(label)} {{{KEY}: id}}) RETURN id, properties(n) AS props",
            {"ids": ids})


def node_properties(label: str, node_id: str) -> Query:
    """The properties of one node, by label and id."""
    return f"MATCH (n:{_label(label)} {{{KEY}: $id}}) RETURN properties(n) AS props", {"id": node_id}


def count_nodes(label: str | None = None) -> Query:
    """The number of nodes, of one label or of all."""
    pattern = f"(n:{_label(label)})" if label else "(n)"
    return f"MATCH {pattern} RETURN count(n) AS n", {}


def count_relationships(rel: str | None = None) -> Query:
    """The number of relationships, of one type or of all."""
    pattern = f"[r:{_rel(rel)}]" if rel else "[r]"
    return f"MATCH ()-{pattern}->() RETURN count(r) AS n", {}


def delete_all() -> Query:
    """Remove every node and relationship (the graph is derived: it can always be rebuilt)."""
    return "MATCH (n) DETACH DELETE n", {}


# -- schema DDL: the one place where the dialects differ ---------------------------------------


def _ddl_name(kind: str, label: str, key: str) -> str:
    return f"{kind}_{label}_{key}".lower()


def neo4j_schema_statements(spec: SchemaSpec) -> list[str]:
    """Neo4j 5 DDL: named, idempotent (IF NOT EXISTS) uniqueness constraints and range indexes."""
    statements = [
        f"CREATE CONSTRAINT {_ddl_name('uniq', label, key)} IF NOT EXISTS "
        f"FOR (n:{_label(label)}) REQUIRE n.`{key}` IS UNIQUE"
        for label, key in spec.unique
    ]
    statements += [
        f"CREATE INDEX {_ddl_name('idx', label, key)} IF NOT EXISTS "
        f"FOR (n:{_label(label)}) ON (n.`{key}`)"
        for label, key in spec.indexes
    ]
    return statements


def plain_index_statement(label: str, key: str) -> str:
    """openCypher index DDL without names or IF NOT EXISTS (FalkorDB, other Bolt servers)."""
    return f"CREATE INDEX FOR (n:{_label(label)}) ON (n.`{key}`)"


LIST_INDEXES = "CALL db.indexes() YIELD label, properties RETURN label, properties"
LIST_CONSTRAINTS = "CALL db.constraints() YIELD type, label, properties RETURN type, label, properties"
