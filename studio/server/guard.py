"""What anonymous or oversized traffic meets before any endpoint: an ASGI middleware.

FastAPI reads and parses a declared body before it resolves an endpoint's dependencies, so a
token checked by a dependency comes too late: a 200 MB body without a token was read into
memory first. This layer runs before routing and, in order:

1. answers the open paths (health, the OpenAPI document) as they are;
2. checks the bearer token, without reading a byte of the body (401);
3. refuses a body that is not JSON (415), which is also what a web page can send cross-origin
   without a preflight;
4. refuses a declared length over the path's cap (413) and counts the body while it streams in,
   stopping at the cap, so that no body larger than its cap is ever held.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from studio.server.refusals import RefusalError

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

MiB = 2**20
#: A bundle of 200 entities x 100 fields is ~5 MB; 64 MiB leaves room and bounds memory.
MAX_RELEASE_BYTES = 64 * MiB
#: 10,000 records of a few hundred bytes each, with room to spare.
MAX_RECORDS_BYTES = 16 * MiB
#: Registries, tokens, rejections: a few kilobytes each.
MAX_SMALL_BODY = 1 * MiB

OPEN_PATHS = frozenset({"/api/v1/health", "/openapi.json"})
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})


def body_limit(path: str) -> int:
    """The largest body a request to ``path`` may carry."""
    if path == "/api/v1/releases":
        return MAX_RELEASE_BYTES
    if path.startswith("/api/v1/records/"):
        return MAX_RECORDS_BYTES
    return MAX_SMALL_BODY


def too_large(limit: int) -> StarletteHTTPException:
    # An HTTPException (not our RefusalError): FastAPI's body parsing turns any other exception
    # raised while reading into a 400, but lets this one through to the 413 handler.
    size = f"{limit // MiB} MiB" if limit >= MiB else f"{limit} bytes"
    return StarletteHTTPException(413, f"The request body is larger than {size}.")


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value).decode("latin-1")
    return None


def is_json(content_type: str | None) -> bool:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


class Guard:
    """The middleware. ``authenticate(authorization_header)`` raises ``RefusalError`` or returns
    the caller, which is kept in ``scope["state"]["caller"]`` for the endpoints."""

    def __init__(self, app: ASGIApp, authenticate: Callable[[str | None], Any]) -> None:
        self.app = app
        self.authenticate = authenticate

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in OPEN_PATHS:
            await self.app(scope, receive, send)
            return
        try:
            caller = await run_in_threadpool(self.authenticate, _header(scope, b"authorization"))
        except RefusalError as exc:
            headers = {"WWW-Authenticate": "Bearer"} if exc.refusal.status == 401 else {}
            await _answer(send, exc.refusal.status, exc.refusal.body(), headers)
            return
        scope.setdefault("state", {})["caller"] = caller
        if scope["method"] not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        if not is_json(_header(scope, b"content-type")):
            body = {
                "error": {
                    "code": "unsupported_media_type",
                    "message": "The request body must be JSON (Content-Type: application/json).",
                }
            }
            await _answer(send, 415, body, {})
            return
        limit = body_limit(scope["path"])
        declared = _header(scope, b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            exc413 = too_large(limit)
            await _answer(send, 413, {"error": {"code": "too_large", "message": exc413.detail}}, {})
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise too_large(limit)
            return message

        await self.app(scope, counted, send)


async def _answer(send: Send, status: int, body: dict[str, Any], headers: dict[str, str]) -> None:
    payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
    raw_headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(payload)).encode()),
        # The body was not read: the connection cannot carry another request.
        (b"connection", b"close"),
        *((k.lower().encode(), v.encode()) for k, v in headers.items()),
    ]
    await send({"type": "http.response.start", "status": status, "headers": raw_headers})
    await send({"type": "http.response.body", "body": payload})
