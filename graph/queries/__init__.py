"""Lineage questions, one module per family; each answer carries its evidence.

========================  ====================================================================
module                    question
========================  ====================================================================
``cascade``               which documents carry out this one, down to the communes (or which
                          ones it carries out, up to the Politburo)?
``lineage``               which local targets derive from 12-NQ/TU? where does this target
                          come from?
``indicator_table``       how did one indicator change level by level, and where was it dropped?
``coverage``              which districts under Vĩnh Phúc issued a plan for it, and which did not?
``lag``                   how many days after the parent did each child follow?
========================  ====================================================================

Each module holds its Cypher as builders returning ``(query, params)`` (values bound, depth
bounds validated integers, labels and types from the ontology) and a function of the same name
that runs it on a store and shapes the rows. The API and the CLI call those functions.
"""

from __future__ import annotations

from policykg.errors import InputError, NotFound
from policykg.graph.cypher import KEY, _label
from policykg.graph.store import GraphStore
from policykg.ontology.terms import Label, Prop

#: Deepest cascade a query follows by default, and the most it ever follows.
DEFAULT_DEPTH = 6
MAX_DEPTH = 10
#: Levels a filter accepts.
LEVELS = ("central", "province", "district", "commune")

DOC = _label(Label.POLICY_DOCUMENT)


def check_depth(depth: int | None) -> int:
    """A depth bound for a variable-length pattern: an int in [1, MAX_DEPTH] (it enters query text)."""
    value = DEFAULT_DEPTH if depth is None else depth
    if not isinstance(value, int) or not 1 <= value <= MAX_DEPTH:
        raise InputError(f"max_depth {depth!r} is out of range; use 1 to {MAX_DEPTH}")
    return value


def check_level(level: str | None) -> str | None:
    """A level filter: one of LEVELS, or None."""
    if level is not None and level not in LEVELS:
        raise InputError(f"level {level!r} is unknown; use one of {', '.join(LEVELS)}")
    return level


def document_fields(var: str) -> str:
    """The RETURN items that describe a document, prefixed ``<var>_``."""
    props = (KEY, Prop.SYMBOL, Prop.TITLE, Prop.NAME, Prop.LEVEL, Prop.ISSUED, Prop.DOCUMENT_TYPE,
             Prop.SOURCE_SHA256)
    return ", ".join(f"{var}.{p} AS {var}_{p}" for p in props)


def document_from(row: dict, var: str) -> dict:
    """The document a row describes (see :func:`document_fields`), with 'loaded' for read ones."""
    doc = {p: row.get(f"{var}_{p}") for p in ("symbol", "title", "name", "level", "issued", "document_type")}
    doc["id"] = row[f"{var}_{KEY}"]
    doc["loaded"] = row.get(f"{var}_{Prop.SOURCE_SHA256}") is not None
    return doc


#: Close matches offered with a 404.
MAX_CANDIDATES = 5


class DocumentNotFound(NotFound):
    """No document has this id; ``candidates`` are ids ending the same way (another year, body)."""

    def __init__(self, message: str, candidates: list[str]) -> None:
        super().__init__(message)
        self.candidates = candidates


def require_document(store: GraphStore, doc_id: str) -> dict:
    """The document with this id, or DocumentNotFound with close matches."""
    rows = store.read(f"MATCH (d:{DOC} {{{KEY}: $id}}) RETURN {document_fields('d')}", {"id": doc_id})
    if not rows:
        tail = doc_id.rstrip("/").rsplit("/", 1)[-1]
        close = store.read(f"MATCH (d:{DOC}) WHERE d.{KEY} ENDS WITH $tail RETURN d.{KEY} AS id "
                           f"ORDER BY id LIMIT {MAX_CANDIDATES}", {"tail": "/" + tail}) if tail else []
        raise DocumentNotFound(f"no document with id {doc_id!r}; find ids with GET /resolve?symbol=…",
                               [r["id"] for r in close])
    return document_from(rows[0], "d")
