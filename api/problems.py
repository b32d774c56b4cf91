"""Errors as RFC 9457 problem details (``application/problem+json``).

Every error the project raises maps to a status through ``PolicyKGError.http_status``; request
validation errors are 422; anything unexpected is a 500 that says nothing of the internals (no
stack trace, no path), while the server log keeps the details.

Example response (the store is down)::

    HTTP/1.1 503
    {"type": "about:blank", "title": "Service Unavailable", "status": 503,
     "detail": "the embedded store on … is not answering …", "instance": "/health"}
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from policykg.errors import PolicyKGError
from policykg.settings import Settings

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("policykg.api")


def redact(text: str, settings: Settings | None) -> str:
    """``text`` without this machine's paths: the store's home and socket become the names of
    the settings that hold them. Messages name them for a CLI user on the same machine; an HTTP
    client is told which setting, not where it points.

    Example: "the embedded store on /srv/pk/run/falkordb.sock is not answering" ->
    "the embedded store on $POLICYKG_SOCKET is not answering".
    """
    if settings is None:
        return text
    for path, name in ((settings.socket_path, "$POLICYKG_SOCKET"), (settings.home, "$POLICYKG_HOME")):
        for form in {str(path), str(path.resolve()), str(path.absolute())}:
            text = text.replace(form, name)
    return text


def problem(status: int, detail: str, instance: str, **extra: Any) -> JSONResponse:
    """A problem-details response."""
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        "instance": instance,
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


def _validation_detail(exc: RequestValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ()))
    return f"{where}: {first.get('msg', 'invalid')}"


def install_problem_handlers(app: FastAPI) -> None:
    """Answer every error of ``app`` with problem details."""

    @app.exception_handler(PolicyKGError)
    async def _known(request: Request, exc: PolicyKGError) -> JSONResponse:
        # An ambiguous symbol lists its candidates; a missing id may come with close matches.
        extra = {key: getattr(exc, key) for key in ("candidates",) if getattr(exc, key, None)}
        detail = redact(exc.message, getattr(request.app.state, "settings", None))
        response = problem(exc.http_status, detail, request.url.path, **extra)
        if exc.http_status == 401:  # RFC 9110: a 401 names the scheme it wants
            response.headers["WWW-Authenticate"] = 'Bearer realm="policykg"'
        return response

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return problem(422, _validation_detail(exc), request.url.path)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem(exc.status_code, str(exc.detail), request.url.path)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        return problem(500, "internal error; the server log has the details", request.url.path)
