"""Request and answer of POST /query/cypher (beside api/schemas.py, which holds the lineage
answers): a researcher's read-only Cypher and its rows."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from policykg.graph.queries.researcher import MAX_QUERY_CHARS

#: Bounds of the optional limits a request may ask for; the server's settings cap them further.
MAX_REQUEST_TIMEOUT_MS = 3_600_000
MAX_REQUEST_ROWS = 1_000_000
EXAMPLE_QUERY = ("MATCH (d:PolicyDocument)-[:IMPLEMENTS]->(p:PolicyDocument {symbol: $symbol}) "
                 "RETURN d.symbol AS symbol, d.title AS title")


class CypherRequest(BaseModel):
    """A read-only Cypher query, its parameters, and optional tighter limits."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={
        "examples": [{"query": EXAMPLE_QUERY, "parameters": {"symbol": "12-NQ/TU"}}]})

    query: str = Field(min_length=1, max_length=MAX_QUERY_CHARS,
                       description="openCypher that only reads; values belong in `parameters`.")
    parameters: dict[str, Any] = Field(
        default_factory=dict, description="Values for the query's $names (JSON values).")
    timeout_ms: int | None = Field(
        default=None, ge=1, le=MAX_REQUEST_TIMEOUT_MS,
        description="Time limit in ms; at most the server's POLICYKG_QUERY_TIMEOUT_MS.")
    max_rows: int | None = Field(
        default=None, ge=1, le=MAX_REQUEST_ROWS,
        description="Rows to answer at most; at most the server's POLICYKG_CYPHER_MAX_ROWS.")


class CypherAnswer(BaseModel):
    """Columns and rows (one list per row, in column order) of a Cypher query.

    Nodes and relationships are their property dicts, paths ``{nodes, relationships}``, dates
    ISO 8601 text. ``truncated`` says rows were cut at ``max_rows``.
    """

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool
    max_rows: int
    elapsed_ms: float = Field(description="Time the store took, in ms.")
