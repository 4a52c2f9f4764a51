"""Audit heads: where a workspace's audit log stood at each push, kept for good
(``studio.server.audit_heads``), and read back by ``studio audit verify``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from studio.server import audit_heads, strict_json
from studio.server.releases import Answer
from studio.server.routes.shared import (
    API,
    ERRORS,
    MAX_SMALL_BODY,
    Auth,
    read_body,
    unit_of_work,
)

router = APIRouter(prefix=API, tags=["audit"])


@router.post("/audit-heads", status_code=201, responses=ERRORS)
async def post_audit_head(request: Request, _caller: Auth) -> Response:
    """Keep a head of a workspace's audit log (``{"workspace", "seq", "hash"}``), sent after
    each push: 201, or 200 for the same head again; 409 ``audit_head_conflict`` when that
    sequence number was anchored with another hash (the log was rewritten)."""
    raw = await read_body(request, MAX_SMALL_BODY)
    document = strict_json.loads(raw, what="The audit head")

    def work() -> Answer:
        with unit_of_work(request) as session:
            return audit_heads.record_head(session, document)

    answer = await run_in_threadpool(work)
    return JSONResponse(answer.body, status_code=answer.status)


@router.get("/audit-heads", responses=ERRORS)
def get_audit_heads(
    request: Request,
    workspace: Annotated[str, Query(pattern=r"^[0-9a-f]{32}$")],
    _caller: Auth,
) -> dict[str, list[dict[str, Any]]]:
    """Every head kept for ``workspace``, lowest sequence number first, for ``studio audit
    verify`` to check the workspace's log against."""
    with unit_of_work(request, read=True) as session:
        return {"heads": audit_heads.list_heads(session, workspace)}
