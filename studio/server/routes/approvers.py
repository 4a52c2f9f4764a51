"""The approver registry: read the one in force, or set the first one (operator's token only,
and only on a server with no registry and no release)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from studio.server import releases, strict_json
from studio.server.refusals import refuse
from studio.server.routes.shared import (
    API,
    ERRORS,
    MAX_SMALL_BODY,
    Auth,
    json_body,
    read_body,
    unit_of_work,
)

router = APIRouter(prefix=API, tags=["approvers"])


@router.get("/approvers", responses=ERRORS)
def get_approvers(request: Request, _caller: Auth) -> dict[str, list[dict[str, str]]]:
    """The approver registry in force."""
    with unit_of_work(request, read=True) as session:
        return {"approvers": [a.model_dump() for a in releases.registry(session).values()]}


@router.post(
    "/approvers/bootstrap",
    status_code=201,
    responses=ERRORS,
    openapi_extra=json_body(
        {"type": "array", "items": {"$ref": "#/components/schemas/ApproverEntry"}}
    ),
)
async def bootstrap(request: Request, who: Auth) -> dict[str, list[dict[str, str]]]:
    """Set the first approver registry: only while the server has no registry and no
    release, and only with the operator's token (an issued token must not choose who
    approves). Of concurrent bootstraps exactly one wins; the others get 409."""
    if not who.operator:
        raise refuse(
            403, "forbidden", "Only the server operator's token can set the approver registry."
        )
    raw = await read_body(request, MAX_SMALL_BODY)
    approvers = releases.parse_registry(strict_json.loads(raw))

    def work() -> None:
        with unit_of_work(request) as session:
            releases.bootstrap_registry(session, approvers)

    await run_in_threadpool(work)
    return {"approvers": [a.model_dump() for a in approvers]}
