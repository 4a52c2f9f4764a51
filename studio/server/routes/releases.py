"""Releases: push one (``POST /releases``), read them back exactly as accepted, and keep a
signed rejection (``POST /rejections``) so that no release of that change applies any more."""

from __future__ import annotations

import asyncio
import contextlib
from typing import Annotated, Any

from fastapi import APIRouter, Request
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from studio.server import releases, strict_json
from studio.server.documents import ReleaseApplied, ReleaseDocument
from studio.server.refusals import refuse
from studio.server.routes.shared import (
    API,
    ERRORS,
    MAX_RELEASE_BYTES,
    MAX_SMALL_BODY,
    Auth,
    IdempotencyKey,
    document_response,
    json_body,
    read_body,
    unit_of_work,
)
from studio.server.storage import Release

#: A push larger than this waits for one of ``LARGE_PUSHES_AT_ONCE`` slots before it is read.
LARGE_PUSH_BYTES = 2**20
LARGE_PUSHES_AT_ONCE = 2

router = APIRouter(prefix=API, tags=["releases"])


def large_push_slots() -> asyncio.Semaphore:
    """At most this many large pushes are parsed and verified at once (one per app): each holds
    its body and its parsed bundle (a 55 MB push costs several hundred MB while it is checked)."""
    return asyncio.Semaphore(LARGE_PUSHES_AT_ONCE)


@router.post(
    "/releases",
    status_code=201,
    response_model=ReleaseApplied,
    responses=ERRORS,
    openapi_extra=json_body({"$ref": "#/components/schemas/ReleaseDocument"}),
)
async def post_release(
    request: Request,
    _caller: Auth,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Apply a release: 201; the same document again gets the first answer, applies nothing.

    The body (a ReleaseDocument) is read here rather than by FastAPI: the server keeps the
    exact bytes, and parsing a multi-megabyte bundle once instead of twice halves the cost.
    """
    declared = request.headers.get("content-length", "")
    large = not declared.isdigit() or int(declared) > LARGE_PUSH_BYTES
    slots: asyncio.Semaphore = request.app.state.large_pushes
    async with slots if large else contextlib.nullcontext():
        raw = await read_body(request, MAX_RELEASE_BYTES)

        def check(body: bytes) -> releases.Checked:
            # Parse, validate, hash and verify in a read-only transaction: no write lock
            # is held while a large push is checked.
            with unit_of_work(request, read=True) as session:
                return releases.check_push(session, body, idempotency_key)

        checked = await run_in_threadpool(check, raw)
        del raw

    def apply() -> releases.Answer:
        with unit_of_work(request) as session:
            return releases.apply_push(session, checked)

    answer = await run_in_threadpool(apply)
    headers = {"Idempotent-Replayed": "true"} if answer.replayed else None
    return JSONResponse(answer.body, status_code=answer.status, headers=headers)


@router.get("/releases", responses=ERRORS)
def list_releases(request: Request, _caller: Auth) -> dict[str, list[dict[str, Any]]]:
    """Every release, oldest first: version, author, sha256, time, approvers."""
    with unit_of_work(request, read=True) as session:
        rows = session.scalars(select(Release).order_by(Release.version))
        return {"releases": [releases.release_summary(r) for r in rows]}


@router.get(
    "/releases/current",
    response_model=None,
    responses={200: {"model": ReleaseDocument}, **ERRORS},
)
def get_current(request: Request, _caller: Auth) -> Response:
    """The live release document, exactly as it was accepted."""
    with unit_of_work(request, read=True) as session:
        row = releases.current_release(session)
        if row is None:
            raise refuse(404, "no_release", "The server has no release yet.")
        return document_response(row)


@router.get(
    "/releases/{version}",
    response_model=None,
    responses={200: {"model": ReleaseDocument}, **ERRORS},
)
def get_release(
    request: Request,
    version: Annotated[int, PathParam(ge=1, le=2**31 - 1)],
    _caller: Auth,
) -> Response:
    """One release document, exactly as accepted, to re-verify offline."""
    with unit_of_work(request, read=True) as session:
        row = session.get(Release, version)
        if row is None:
            raise refuse(404, "not_found", f"There is no release {version}.")
        return document_response(row)


@router.post(
    "/rejections",
    status_code=201,
    responses=ERRORS,
    openapi_extra=json_body({"$ref": "#/components/schemas/RejectionDocument"}),
)
async def post_rejection(request: Request, _caller: Auth) -> Response:
    """Keep a signed rejection: no release of that change id and sha256 applies any more,
    even from a pusher who drops the rejection. 201, or 200 for the same one again."""
    raw = await read_body(request, MAX_SMALL_BODY)
    document = strict_json.loads(raw, what="The rejection")

    def work() -> releases.Answer:
        with unit_of_work(request) as session:
            return releases.record_rejection(session, document)

    answer = await run_in_threadpool(work)
    return JSONResponse(answer.body, status_code=answer.status)
