"""GET /documents/{id} and GET /resolve: a document with its evidence, and ids for a symbol."""

from __future__ import annotations

from fastapi import APIRouter, Query

from policykg.api.deps import StoreDep
from policykg.api.schemas import DocumentOut, DocumentSummary
from policykg.graph.queries.documents import document, resolve

router = APIRouter(tags=["documents"])


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
