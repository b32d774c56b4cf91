"""GET /documents (search), GET /documents/{id} and GET /resolve: find documents, read one."""

from __future__ import annotations

from fastapi import APIRouter, Query

from policykg.api.deps import SearchIndexDep, StoreDep
from policykg.api.schemas import DocumentOut, DocumentSummary, Page, SearchHit
from policykg.graph.queries import LEVELS
from policykg.graph.queries.documents import document, resolve
from policykg.graph.queries.search import MAX_LIMIT, MAX_QUERY_CHARS, search_documents

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
