"""GET /indicators and GET /indicators/{id}/cascade: the vocabulary, and one indicator down a cascade."""

from __future__ import annotations

from fastapi import APIRouter, Query

from policykg.api.deps import StoreDep
from policykg.api.schemas import IndicatorCascade, IndicatorOut
from policykg.graph.indicators import list_indicators, require_indicator
from policykg.graph.queries.indicator_table import indicator_table

router = APIRouter(tags=["indicators"])


@router.get("/indicators", response_model=list[IndicatorOut])
def indicators() -> list[dict]:
    """The indicator vocabulary: Vietnamese and English labels, unit, dimension, direction."""
    return list_indicators()


@router.get("/indicators/{indicator}/cascade", response_model=IndicatorCascade)
def cascade_table(indicator: str, store: StoreDep,
                  root: str = Query(..., min_length=3, max_length=300,
                                    examples=["vn/tinh-uy-vinh-phuc/2020/12-nq-tu"])) -> dict:
    """One indicator across the cascade of a document: each level's target, comparison, or drop."""
    return indicator_table(store, root, indicator=require_indicator(indicator))
