"""GET and POST /sparql: SPARQL 1.1 queries over the RDF view of the graph (graph/sparql.py).

The SPARQL 1.1 Protocol's query operation: ``GET /sparql?query=…``, ``POST /sparql`` with an
``application/sparql-query`` body, or a form-encoded ``query=``. Updates are refused with 403
(an ``update=`` form field, an ``application/sparql-update`` body, or update keywords in the
query); ``default-graph-uri`` and ``named-graph-uri`` are refused with 400: the dataset is the
view's (name graphs in the query with FROM and GRAPH).

The answer's format follows the Accept header: SPARQL results as JSON (the default), XML, CSV
or TSV for SELECT and ASK; Turtle (the default), N-Triples or JSON-LD for CONSTRUCT and
DESCRIBE; 406 when none of the accepted types fits. An answer cut at the row limit carries
``PolicyKG-Truncated: <rows kept>``.

Example:
    $ curl -s http://127.0.0.1:8000/sparql -H 'Accept: text/csv' \\
        --data-urlencode 'query=SELECT ?plan ?title WHERE { ?plan a pkg:Plan ; pkg:title ?title }'
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from policykg.api.deps import SettingsDep, SparqlViewDep, StoreDep
from policykg.errors import InputError, PayloadTooLarge, QueryError, ReadOnlyViolation, UnsupportedMediaType
from policykg.graph.sparql import SPARQL_MAX_QUERY_BYTES, SparqlView
from policykg.graph.sparql_results import FORMATS
from policykg.graph.store import GraphStore
from policykg.settings import Settings

#: Longest wait of a request for the view rebuilt after a load (a national cascade takes
#: minutes: past this the answer is 503 and the rebuild goes on).
SPARQL_BUILD_WAIT_S = 30.0
#: A form-encoded query is at most three times its text (every byte as %XX).
FORM_OVERHEAD = 3
#: Header of a cut answer: the rows (or triples) it holds.
TRUNCATED_HEADER = "PolicyKG-Truncated"
QUERY_MEDIA = "application/sparql-query"
FORM_MEDIA = "application/x-www-form-urlencoded"
UPDATE_MEDIA = "application/sparql-update"
#: Protocol parameters naming a dataset, which the endpoint does not take.
DATASET_PARAMS = ("default-graph-uri", "named-graph-uri")

# One media range of an Accept header and its parameters: "text/csv;q=0.5", "*/*".
_MEDIA_RANGE = re.compile(r"""
    \s* (?P<type> [^\s;,/]+ / [^\s;,/]+ ) \s*       # type/subtype (either may be *)
    (?P<params> (?: ; [^,;]* )* )                     # ;q=0.5 ;charset=utf-8 …
    """, re.X)
_Q_PARAM = re.compile(r";\s*q\s*=\s*(?P<q>[^;,\s]*)", re.I)  # an unreadable q drops the range

RESPONSES = {
    200: {"description": "The answer, in the negotiated format.",
          "content": {f.media_type: {} for f in FORMATS}},
    400: {"description": "a syntax error, SERVICE, a dataset parameter, a query over its memory"},
    403: {"description": "an update (INSERT, DELETE, LOAD, CLEAR, …): the endpoint is read-only"},
    406: {"description": "no accepted media type can carry the answer"},
    413: {"description": "the query is over its size limit"},
    415: {"description": "a body in another media type than sparql-query or a form"},
    503: {"description": "the view is being rebuilt after a load, or every worker is busy"},
    504: {"description": "the query ran past its time limit"},
}
POST_BODY = {"requestBody": {"required": True, "content": {
    QUERY_MEDIA: {"schema": {"type": "string"}},
    FORM_MEDIA: {"schema": {"type": "object", "required": ["query"],
                            "properties": {"query": {"type": "string"}}}}}}}

router = APIRouter(tags=["sparql"])


def parse_accept(header: str | None) -> list[str]:
    """Media ranges of an Accept header, best first: by q, then exact types before wildcards,
    then as written; ranges with q=0 are left out.

    Example:
        >>> parse_accept("text/*;q=0.5, text/csv, application/xml;q=0")
        ['text/csv', 'text/*']
    """
    ranked = []
    for position, part in enumerate((header or "").split(",")):
        match = _MEDIA_RANGE.fullmatch(part)
        if match is None:
            continue
        q_match = _Q_PARAM.search(match["params"])
        try:
            q = float(q_match["q"]) if q_match else 1.0
        except ValueError:
            q = 0.0
        if q > 0:
            media = match["type"].lower()
            ranked.append((-q, media.count("*"), position, media))
    return [media for *_, media in sorted(ranked)]


def _answer(view: SparqlView, store: GraphStore, settings: Settings, text: str,
            accept: str | None) -> Response:
    answer = view.query(store, text, accepted=parse_accept(accept),
                        timeout_s=settings.query_timeout_ms / 1000, row_limit=settings.sparql_row_limit,
                        wait_s=SPARQL_BUILD_WAIT_S)
    headers = {"Vary": "Accept"}
    if answer.truncated:
        headers[TRUNCATED_HEADER] = str(answer.rows)
    return Response(answer.body, media_type=answer.media_type, headers=headers)


def _refuse_protocol_params(params) -> None:
    """403 for an update sent as a parameter, 400 for a dataset the endpoint does not take."""
    if "update" in params:
        raise ReadOnlyViolation("the SPARQL endpoint is read-only: 'update' is not accepted; "
                                "send a query as 'query'")
    for name in DATASET_PARAMS:
        if name in params:
            raise QueryError(f"{name} is not supported: the dataset is the graph's view; name "
                             "graphs in the query (FROM, GRAPH)")


@router.get("/sparql", responses=RESPONSES, response_class=Response)
def sparql_get(request: Request, store: StoreDep, settings: SettingsDep, view: SparqlViewDep,
               query: str = Query(..., description="A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE).",
                                  examples=["SELECT ?plan ?title WHERE { ?plan a pkg:Plan ; pkg:title ?title }"]),
               ) -> Response:
    """Answer a SPARQL query given as ?query=, in the format the Accept header asks for."""
    _refuse_protocol_params(request.query_params)
    return _answer(view, store, settings, query, request.headers.get("accept"))


@router.post("/sparql", responses=RESPONSES, response_class=Response, openapi_extra=POST_BODY)
async def sparql_post(request: Request, store: StoreDep, settings: SettingsDep,
                      view: SparqlViewDep) -> Response:
    """Answer a SPARQL query sent as an application/sparql-query body or a form field 'query'."""
    _refuse_protocol_params(request.query_params)
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == UPDATE_MEDIA:
        raise ReadOnlyViolation("the SPARQL endpoint is read-only: it takes no "
                                "application/sparql-update; send a query")
    if media not in (QUERY_MEDIA, FORM_MEDIA):
        raise UnsupportedMediaType(f"a SPARQL query is sent as {QUERY_MEDIA} or {FORM_MEDIA}, "
                                   f"not {media or 'a body without Content-Type'}")
    body = await _read_body(request, SPARQL_MAX_QUERY_BYTES * (FORM_OVERHEAD if media == FORM_MEDIA else 1))
    text = _query_from_form(body) if media == FORM_MEDIA else _utf8(body, "the body")
    return await run_in_threadpool(_answer, view, store, settings, text, request.headers.get("accept"))


async def _read_body(request: Request, limit: int) -> bytes:
    """The body, refused with 413 once it passes ``limit`` (before reading when declared)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"the query is {int(declared):,} bytes; send at most {limit:,}")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"the query is over {limit:,} bytes; send a shorter one")
        chunks.append(chunk)
    return b"".join(chunks)


def _utf8(data: bytes, what: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{what} is not UTF-8; send the query as UTF-8 text") from None


def _query_from_form(body: bytes) -> str:
    """The one ``query`` field of a form-encoded body (``update`` and dataset fields refused)."""
    try:
        fields = parse_qs(_utf8(body, "the form"), keep_blank_values=True, strict_parsing=False,
                          max_num_fields=len(DATASET_PARAMS) * 8 + 2, errors="strict")
    except (ValueError, UnicodeDecodeError):
        raise InputError("the form cannot be read; send one field 'query' (URL-encoded UTF-8)") from None
    _refuse_protocol_params(fields)
    queries = fields.get("query", [])
    if len(queries) != 1:
        raise InputError(f"the form must hold exactly one field 'query', not {len(queries)}")
    return queries[0]
