"""What every route module uses: the bearer-token dependency, a unit of work on the server's
database, bodies read with a size limit, and the path and header types of the API."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any

from fastapi import Depends, Header, Request
from fastapi import Path as PathParam
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from studio.server import guard
from studio.server.auth import Caller, authenticate
from studio.server.documents import ErrorBody
from studio.server.storage import Release, reader

API = "/api/v1"
#: A bundle of 200 entities x 100 fields is ~5 MB; 64 MiB leaves room and bounds memory.
MAX_RELEASE_BYTES = guard.MAX_RELEASE_BYTES
#: Registries, tokens, rejections, audit heads: a few kilobytes each.
MAX_SMALL_BODY = guard.MAX_SMALL_BODY
EntityKey = Annotated[str, PathParam(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)]
IdempotencyKey = Annotated[str | None, Header(max_length=200)]
ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 404, 409, 422)
}

_bearer = HTTPBearer(auto_error=False, description="The server's bearer token.")


def _caller(
    request: Request,
    _creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Caller:
    """Every endpoint but health and the OpenAPI document needs a valid bearer token (checked by
    ``guard.Guard`` before the body is read; here for an app mounted without it)."""
    known = getattr(request.state, "caller", None)
    if isinstance(known, Caller):
        return known
    settings = request.app.state.settings
    with Session(reader(request.app.state.engine)) as session, session.begin():
        return authenticate(session, settings.token, request.headers.get("authorization"))


Auth = Annotated[Caller, Depends(_caller)]


@contextmanager
def unit_of_work(request: Request, read: bool = False) -> Iterator[Session]:
    """One transaction on the server's database: on its read-only engine when ``read``."""
    state = request.app.state
    bind = state.read_engine if read else state.engine
    with Session(bind, expire_on_commit=False) as session, session.begin():
        yield session


def json_body(schema: dict[str, Any]) -> dict[str, Any]:
    """``openapi_extra`` naming the JSON body of a route that reads its body by hand."""
    return {"requestBody": {"required": True, "content": {"application/json": {"schema": schema}}}}


async def read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 past ``limit`` bytes (before all of it is read)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise guard.too_large(limit)
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise guard.too_large(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def document_response(row: Release) -> Response:
    """A release document exactly as it was accepted."""
    return Response(row.document.encode("utf-8"), media_type="application/json")
