"""How the reference server answers what it refuses: every refusal, including FastAPI's own
validation errors and unknown routes, is ``{"error": {"code", "message"}}`` with a 4xx; a 5xx is
always a bug (logged, answered without details)."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import ClientDisconnect

from studio.server.refusals import Refusal, RefusalError

log = logging.getLogger("studio.server")

_STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RefusalError)
    async def _refusal(_request: Request, exc: RefusalError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.refusal.status == 401 else None
        return JSONResponse(exc.refusal.body(), status_code=exc.refusal.status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> JSONResponse:
        # Only where and what: pydantic's "input" may echo a header value, such as a token.
        parts = []
        for err in exc.errors()[:3]:
            loc = ".".join(str(p) for p in err.get("loc", ()))
            parts.append(f"{loc}: {err.get('msg', 'invalid')}")
        refusal = Refusal(422, "invalid_request", "The request is invalid: " + "; ".join(parts))
        return JSONResponse(refusal.body(), status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        status = exc.status_code if 400 <= exc.status_code < 600 else 400
        code = _STATUS_CODES.get(status, "bad_request" if status < 500 else "internal_error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        return JSONResponse(
            {"error": {"code": code, "message": message}},
            status_code=status,
            headers=getattr(exc, "headers", None),
        )

    @app.exception_handler(ClientDisconnect)
    async def _gone(_request: Request, _exc: ClientDisconnect) -> JSONResponse:
        # The client went away (or was cut off by a time limit) while sending: nobody reads this.
        refusal = Refusal(400, "bad_request", "The client disconnected before the body ended.")
        return JSONResponse(refusal.body(), status_code=400)

    @app.exception_handler(UnicodeError)
    async def _not_unicode(_request: Request, _exc: UnicodeError) -> JSONResponse:
        # A lone surrogate (valid JSON escape, not Unicode) that reached a database driver.
        refusal = Refusal(
            422, "invalid_request", "The request holds text that is not valid Unicode."
        )
        return JSONResponse(refusal.body(), status_code=422)

    @app.exception_handler(Exception)
    async def _bug(_request: Request, exc: Exception) -> JSONResponse:
        log.exception("internal error", exc_info=exc)
        return JSONResponse(
            {"error": {"code": "internal_error", "message": "The server hit an internal error."}},
            status_code=500,
        )
