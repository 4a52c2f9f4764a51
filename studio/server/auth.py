"""Bearer tokens: the operator's token (from the environment) and tokens the server issues.

Only sha256 digests of issued tokens are stored. Every comparison is constant-time
(``hmac.compare_digest``) and walks every candidate, so timing does not tell how close a guess
was; a token never appears in a log line or an error message.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.server.refusals import refuse
from studio.server.storage import ApiToken, as_utc, utcnow


@dataclass(frozen=True)
class Caller:
    """Who is calling: the operator (the token the server was started with) or an issued token."""

    operator: bool
    label: str


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def authenticate(session: Session, operator_token: str, authorization: str | None) -> Caller:
    """The caller behind an ``Authorization: Bearer`` header, or a 401 refusal."""
    scheme, _, presented = (authorization or "").partition(" ")
    presented = presented.strip()
    if scheme.lower() != "bearer" or not presented:
        raise refuse(401, "unauthorized", "A bearer token is required (Authorization: Bearer …).")
    presented_digest = digest(presented)
    if hmac.compare_digest(presented_digest, digest(operator_token)):
        return Caller(operator=True, label="operator")
    match: ApiToken | None = None
    for row in session.scalars(select(ApiToken)):
        if hmac.compare_digest(presented_digest, row.token_sha256):
            match = row
    if match is None:
        raise refuse(401, "unauthorized", "The bearer token is not valid for this server.")
    if match.expires_at is not None and as_utc(match.expires_at) <= utcnow():
        raise refuse(401, "token_expired", "The bearer token has expired; ask for a new one.")
    return Caller(operator=False, label=match.label)


def issue_token(
    session: Session, label: str, expires_in: int | None
) -> tuple[str, datetime | None]:
    """A new random token (returned once, stored as a digest) and its expiry."""
    token = secrets.token_urlsafe(32)
    expires_at = utcnow() + timedelta(seconds=expires_in) if expires_in else None
    session.add(ApiToken(token_sha256=digest(token), label=label, expires_at=expires_at))
    session.flush()
    return token, expires_at
