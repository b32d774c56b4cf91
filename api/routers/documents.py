"""GET /documents (search), GET /documents/{id}, GET /resolve and POST /documents (upload).

The upload parses its multipart body itself, after the token and the declared length are
checked, so a request without the token or over the limit is refused before a byte of it is
read or spooled to disk (FastAPI parses declared File parameters before any dependency runs).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException

from policykg.api.deps import SearchIndexDep, StoreDep, require_token
from policykg.api.schemas import DocumentOut, DocumentSummary, Page, SearchHit, UploadOut
from policykg.errors import InputError, PayloadTooLarge
from policykg.graph.queries import LEVELS
from policykg.graph.queries.documents import document, resolve
from policykg.graph.queries.search import MAX_LIMIT, MAX_QUERY_CHARS, search_documents
from policykg.ingest import MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, load_uploads

#: Multipart framing allowed beyond the files themselves (boundaries, part headers).
MULTIPART_OVERHEAD = 64 * 1024
#: The OpenAPI description of the body this handler parses itself.
UPLOAD_BODY = {"requestBody": {"required": True, "content": {"multipart/form-data": {"schema": {
    "type": "object", "required": ["files"],
    "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"},
                             "maxItems": MAX_UPLOAD_FILES}}}}}}}

router = APIRouter(tags=["documents"])


@router.get("/documents", response_model=Page[SearchHit])
def search(
    store: StoreDep,
    index: SearchIndexDep,
    q: str = Query("", max_length=MAX_QUERY_CHARS, examples=["nghi quyet 12 vinh phuc"]),
    level: str | None = Query(None, pattern="^(" + "|".join(LEVELS) + ")$"),
    province: str | None = Query(None, max_length=64, examples=["Vĩnh Phúc"]),
    doc_type: str | None = Query(None, max_length=8, examples=["NQ"]),
    year: int | None = Query(None, ge=1945, le=2100),
    limit: int = Query(20, ge=1, le=MAX_LIMIT),
    offset: int = Query(0, ge=0, le=1_000_000),
) -> dict:
    """Search documents by symbol, title, type, issuer and place, with or without diacritics."""
    return search_documents(store, q, level=level, province=province, doc_type=doc_type,
                            year=year, limit=limit, offset=offset, cache=index)


@router.get("/resolve", response_model=list[DocumentSummary])
def resolve_symbol(
    store: StoreDep,
    symbol: str = Query(..., min_length=1, max_length=64, examples=["12-NQ/TU"]),
    province: str | None = Query(None, max_length=64, examples=["Vĩnh Phúc"]),
    year: int | None = Query(None, ge=1945, le=2100),
) -> list[dict]:
    """Candidate document ids for a symbol as people write it ('12- NQ/TU'), by province and year."""
    return resolve(store, symbol, province=province, year=year)


@router.get("/documents/{doc_id:path}", response_model=DocumentOut)
def get_document(doc_id: str, store: StoreDep) -> dict:
    """A document: metadata, citations out and in, targets and tasks, each with its evidence."""
    return document(store, doc_id)


@router.post("/documents", response_model=UploadOut, dependencies=[Depends(require_token)],
             openapi_extra=UPLOAD_BODY, status_code=200,
             responses={401: {"description": "no token or a wrong one"},
                        403: {"description": "write endpoints are off"},
                        413: {"description": "a file or the request is over its limit"}})
async def upload(request: Request, store: StoreDep) -> dict:
    """Upload documents (multipart 'files'), extract and load them; a bad file does not stop the rest."""
    _check_length(request)
    files = await _read_files(request)
    outcomes, summary = await run_in_threadpool(load_uploads, store, files)
    return {"files": [vars(o) for o in outcomes], "documents": summary.documents,
            "new_nodes": summary.new_nodes, "new_relationships": summary.new_relationships}


def _check_length(request: Request) -> None:
    """413 before reading a body declared over the limit; 411 (as 422) when none is declared."""
    declared = request.headers.get("content-length")
    if declared is None or not declared.isdigit():
        raise InputError("an upload needs a Content-Length header; send the files as one multipart body")
    limit = MAX_UPLOAD_FILES * MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD
    if int(declared) > limit:
        raise PayloadTooLarge(f"the upload is {int(declared) / 2**20:.1f} MB; send at most "
                              f"{MAX_UPLOAD_FILES} files of {MAX_UPLOAD_BYTES // 2**20} MB each")


async def _read_files(request: Request) -> list[tuple[str, bytes]]:
    """The uploaded files as (name, bytes); 413 naming a file over the per-file limit."""
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise InputError("files: send the documents as multipart/form-data in a field named 'files'")
    try:
        form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=MAX_UPLOAD_FILES)
    except (MultiPartException, HTTPException, ValueError) as exc:  # the client's malformed body
        reason = exc.detail if isinstance(exc, HTTPException) else str(exc)
        raise InputError(f"files: the multipart body cannot be read ({reason}); "
                         f"send at most {MAX_UPLOAD_FILES} files in a field named 'files'") from None
    uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
    if not uploads:
        raise InputError("files: no file in the field 'files'; attach one or more documents")
    files = []
    try:
        for item in uploads:
            name = item.filename or "upload"
            if item.size is not None and item.size > MAX_UPLOAD_BYTES:
                raise PayloadTooLarge(f"{name}: {item.size / 2**20:.1f} MB is over the {MAX_UPLOAD_BYTES // 2**20} "
                                      "MB limit of one file; split the document")
            files.append((name, await item.read()))
    finally:
        await form.close()  # the spooled temporary files go now, not at garbage collection
    return files
