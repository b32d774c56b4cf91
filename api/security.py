"""What every request goes through: a body size limit, security headers, and CORS only if asked.

* **Body size**: a body over ``POLICYKG_MAX_REQUEST_BYTES`` (1 MiB) is refused with 413 problem
  details, before a byte is read when Content-Length declares it, as soon as the limit is
  passed when the body comes chunked. POST /documents is left to its own limit (20 MB a file;
  see api/routers/documents.py), which it checks before reading.
* **CORS** is off unless ``POLICYKG_CORS_ORIGINS`` lists origins: without it a browser page from
  another origin cannot read an answer. Allowed origins may GET and POST with a bearer token;
  no cookies are involved (credentials are not allowed).
* **Headers** on every answer: no MIME sniffing, no referrer, no framing by other origins.

The bearer token of write endpoints is checked by ``require_token`` (api/deps.py), the bind
address defaults to 127.0.0.1 (``POLICYKG_API_HOST``), and every query has the store's time
limit (``POLICYKG_QUERY_TIMEOUT_MS``).

Example:
    ``POLICYKG_CORS_ORIGINS=http://localhost:5173 policykg serve`` lets an explorer served by a
    development server on port 5173 call the API from the browser.
"""

from __future__ import annotations

from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.middleware.cors import CORSMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from policykg.api.problems import problem
from policykg.settings import Settings

#: Routes that limit their own body (method, path): uploads, up to 20 MB a file.
OWN_BODY_LIMIT = frozenset({("POST", "/documents")})
#: Headers added to every response.
SECURITY_HEADERS = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"SAMEORIGIN"),
)
#: What a cross-origin caller may send, when CORS is on.
CORS_METHODS = ("GET", "POST")
CORS_HEADERS = ("Authorization", "Content-Type")
#: How long a browser may cache a preflight answer, in seconds.
CORS_MAX_AGE_S = 600


def install_security(app: FastAPI, settings: Settings) -> None:
    """Add the body limit, the security headers and (if origins are set) CORS to ``app``."""
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_request_bytes)
    app.add_middleware(SecurityHeaders)
    if settings.cors_origins:  # added last, so outermost: preflights and 413s get CORS headers too
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins,
                           allow_methods=CORS_METHODS, allow_headers=CORS_HEADERS,
                           allow_credentials=False, max_age=CORS_MAX_AGE_S)


def _too_large(size: str, limit: int) -> str:
    return (f"the request body is {size}, over the limit of {limit:,} bytes; send less, or raise "
            "POLICYKG_MAX_REQUEST_BYTES on the server")


class BodySizeLimit:
    """ASGI middleware refusing request bodies over ``max_bytes`` with 413 problem details."""

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (scope["method"], scope["path"]) in OWN_BODY_LIMIT:
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            response = problem(413, _too_large(f"{int(declared):,} bytes", self.max_bytes),
                               scope["path"])
            await response(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    # An HTTPException passes through FastAPI's body parsing untouched and ends
                    # in the app's problem handler.
                    raise HTTPException(413, _too_large("longer", self.max_bytes))
            return message

        await self.app(scope, counted, send)


class SecurityHeaders:
    """ASGI middleware adding SECURITY_HEADERS to every response that lacks them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []),
                                      *((k, v) for k, v in SECURITY_HEADERS if k not in present)]
            await send(message)

        await self.app(scope, receive, with_headers)
