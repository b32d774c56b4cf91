"""GET /export?format=…: the whole graph as RDF, a Cypher script, neo4j-admin CSV or GraphML.

The body streams page by page as the store is read (``graph/export``), so memory stays flat
whatever the size of the graph. What could make an export fail is checked before the first
byte is sent (``check_exportable``): once a stream has begun, an error can only cut it short.
"""

from __future__ import annotations

from enum import StrEnum

from fastapi import APIRouter, Query
from fastapi.responses import StreamingResponse

from policykg.api.deps import StoreDep
from policykg.graph.export import FORMATS, export_bytes, get_format
from policykg.graph.export.read import check_exportable

router = APIRouter(tags=["exports"])

#: The registry's formats as an enum, so the OpenAPI schema lists them and a wrong one is a 422.
ExportFormatName = StrEnum("ExportFormatName", {name: name for name in FORMATS})


@router.get("/export", response_class=StreamingResponse,
            responses={200: {"content": {f.media_type: {} for f in FORMATS.values()},
                             "description": "The export, streamed."}})
def export(store: StoreDep,
           format: ExportFormatName = Query(..., description="turtle, ntriples, jsonld, cypher, csv (zip) or graphml")
           ) -> StreamingResponse:
    """The whole graph in one export format, streamed as it is read."""
    fmt = get_format(format.value)
    check_exportable(store)
    return StreamingResponse(
        export_bytes(store, fmt.name), media_type=fmt.media_type,
        headers={"Content-Disposition": f'attachment; filename="policykg{fmt.extension}"'})
