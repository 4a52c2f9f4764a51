"""The server itself: the health check (no token) and issuing tokens (the operator's token)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from studio.server.auth import issue_token
from studio.server.documents import TokenIssued, TokenRequest
from studio.server.refusals import refuse
from studio.server.routes.shared import API, ERRORS, Auth, unit_of_work

health_router = APIRouter(prefix=API, tags=["server"])
router = APIRouter(prefix=API, tags=["server"])


@health_router.get("/health")
def health() -> dict[str, str]:
    """Answers without a token: for load balancers and the test fixture."""
    return {"status": "ok"}


@router.post("/tokens", status_code=201, response_model=TokenIssued, responses=ERRORS)
def post_token(request: Request, request_body: TokenRequest, who: Auth) -> TokenIssued:
    """Issue a token (optionally expiring); only the operator's token may."""
    if not who.operator:
        raise refuse(403, "forbidden", "Only the server operator's token can issue tokens.")
    with unit_of_work(request) as session:
        token, expires_at = issue_token(session, request_body.label, request_body.expires_in)
    return TokenIssued(token=token, expires_at=expires_at.isoformat() if expires_at else None)
