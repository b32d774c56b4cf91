"""POST /query/cypher: a researcher's read-only Cypher, with a time limit and a row limit.

Writes and admin procedures are refused with 403 (by a check of the query's clauses, then by
the store's read-only path); a syntax error is 400, a query past its time limit 504.
"""

from __future__ import annotations

from fastapi import APIRouter

from policykg.api.deps import SettingsDep, StoreDep
from policykg.api.query_schemas import CypherAnswer, CypherRequest
from policykg.graph.queries.researcher import run_cypher

router = APIRouter(prefix="/query", tags=["query"])


@router.post("/cypher", response_model=CypherAnswer, responses={
    400: {"description": "the store rejected the query (syntax, unknown function)"},
    403: {"description": "the query writes, administers or calls a procedure off the read list"},
    413: {"description": "the request body is over POLICYKG_MAX_REQUEST_BYTES"},
    504: {"description": "the query ran past its time limit"},
})
def cypher(body: CypherRequest, store: StoreDep, settings: SettingsDep) -> dict:
    """Run a read-only Cypher query; rows are cut at the row limit and the answer says so."""
    timeout_ms = min(body.timeout_ms or settings.query_timeout_ms, settings.query_timeout_ms)
    max_rows = min(body.max_rows or settings.cypher_max_rows, settings.cypher_max_rows)
    return run_cypher(store, body.query, body.parameters, timeout_ms=timeout_ms,
                      max_rows=max_rows)
