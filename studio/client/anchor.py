"""Leaving the audit log's head with the server, and reading the heads back (issue 20).

After each push the studio sends the log's head to ``POST /api/v1/audit-heads``, signed by the
pusher (``{"workspace", "seq", "hash", "version", "user", "key_id", "signature"}``, the
signature over the head and the release just pushed); the server verifies it against its
approver registry, keeps every head and refuses another hash for a sequence number it holds, or
a head older than its newest. ``studio audit verify`` reads them back (``GET
/api/v1/audit-heads``) and checks the log against them (``studio.audit.anchors``).

``workspace`` is the workspace's anchor id, made once and kept in the workspace (the studios of
a team workspace share it). Someone who changes it finds no heads on the server, and verify then
says the server vouches for nothing, rather than that the log is fine.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from schema.models import WorkspaceMeta
from studio.audit.anchors import (
    AnchorReport,
    Head,
    SignedHead,
    check_heads,
    head,
    log_hashes,
    unsigned_heads,
)
from studio.client.http import (
    RELEASES,
    PushError,
    RetryPolicy,
    auth_failure,
    error_of,
    is_auth_failure,
    refusal_error,
    send_with_retries,
    server_client,
)
from studio.contract import signing
from studio.workspace.connection import Workspace

AUDIT_HEADS = "/api/v1/audit-heads"
#: Workspace meta key: the id the server keeps this workspace's heads under.
META_ANCHOR_ID = "audit_anchor_id"
#: Anchoring follows a push that already succeeded: quick, or next time.
QUICK = RetryPolicy(attempts=1, request_timeout=5.0, total_timeout=10.0)


def anchor_id(session: Session, *, create: bool) -> str | None:
    meta = session.get(WorkspaceMeta, META_ANCHOR_ID)
    if meta is None:
        if not create:
            return None
        meta = WorkspaceMeta(key=META_ANCHOR_ID, value=uuid.uuid4().hex)
        session.add(meta)
        session.flush()
    return meta.value


@dataclass(frozen=True)
class HeadSigner:
    """Who signs the heads a push leaves: the pusher, with a key the server's registry holds."""

    user: str
    key_id: str
    key: Ed25519PrivateKey = field(repr=False)


def send_head(
    ws: Workspace,
    server_url: str,
    token: str,
    signer: HeadSigner,
    *,
    version: int,
    bundle_sha256: str,
    retry: RetryPolicy | None = None,
) -> Head | None:
    """Leave the log's current head with the server, signed by ``signer`` over the head and the
    release ``version`` (of ``bundle_sha256``) just pushed; the head sent (``None``: empty log).

    Raises ``PushError`` when the server cannot be told, ``PushRefused`` when it refuses the head
    (``audit_head_conflict``: another hash at that sequence number; ``audit_head_stale``: it
    holds a newer head; ``bad_signature`` / ``unknown_key``: not signed by a registered key).
    """
    with ws.session() as s:
        ident = anchor_id(s, create=True)
        current = head(s)
    if current is None or ident is None:
        return None
    retry = retry or QUICK
    body = {
        "workspace": ident,
        "seq": current.seq,
        "hash": current.hash,
        "version": version,
        "user": signer.user,
        "key_id": signer.key_id,
        "signature": signing.sign_head(
            signer.key, ident, current.seq, current.hash, version, bundle_sha256
        ),
    }
    with server_client(server_url, token, retry) as client:
        response, _n = send_with_retries(client, "POST", AUDIT_HEADS, retry, None, json=body)
    if is_auth_failure(response):
        raise auth_failure(response, server_url)
    if response.status_code >= 400:
        raise refusal_error(response)
    return current


def fetch_heads(
    ws: Workspace, server_url: str, token: str, *, retry: RetryPolicy | None = None
) -> list[SignedHead]:
    """Every head the server keeps of this workspace's log (none when it never pushed)."""
    with ws.session() as s:
        ident = anchor_id(s, create=False)
    if ident is None:
        return []
    retry = retry or QUICK
    with server_client(server_url, token, retry) as client:
        response, _n = send_with_retries(
            client, "GET", AUDIT_HEADS, retry, None, params={"workspace": ident}
        )
    if is_auth_failure(response):
        raise auth_failure(response, server_url)
    if response.status_code != 200:
        _code, message = error_of(response)
        raise PushError(
            "The server answered HTTP {status}: {message}",
            status=response.status_code,
            message=message or "-",
        )
    try:
        return [
            SignedHead(
                int(h["seq"]),
                str(h["hash"]),
                version=int(h["version"]),
                user=str(h["user"]),
                key_id=str(h["key_id"]),
                signature=str(h["signature"]),
            )
            for h in response.json()["heads"]
        ]
    except (ValueError, KeyError, TypeError):
        raise PushError(
            "Unexpected answer from the server: HTTP {status}.", status=response.status_code
        ) from None


def verify_against_server(
    ws: Workspace, server_url: str | None = None, token: str | None = None
) -> tuple[AnchorReport | None, str | None]:
    """The log against the heads the server keeps of it (``studio audit verify``, the Audit
    pane): ``(report, None)``, or ``(None, why)`` when no server can be asked. Raises
    ``StudioError`` only for an explicit ``server_url`` that cannot be asked."""
    from studio.changes import keystore
    from studio.client.server_url import configured_server
    from studio.errors import StudioError
    from studio.i18n import tr

    try:
        url = configured_server(ws, server_url)
        if url is None:
            return None, tr(
                "No server configured: truncation and a recomputed chain cannot be detected "
                "without the heads a server keeps (pass --server URL)."
            )
        token = token or keystore.server_token(url)
        if not token:
            return None, tr("No token for {url}: the server's heads were not read.", url=url)
        heads = fetch_heads(ws, url, token)
        shas = _release_shas(url, token) if heads else {}
    except StudioError as exc:
        if server_url:
            raise
        return None, tr("The server's heads could not be read: {reason}", reason=str(exc))
    from studio.changes.baseline import known_signers

    with ws.session() as s:
        ident = anchor_id(s, create=False) or ""
        bad = unsigned_heads(ident, heads, known_signers(s), shas.get)
        good = [h for h in heads if h not in bad]
        return check_heads(log_hashes(s), good, bad), None


def _release_shas(
    server_url: str, token: str, *, retry: RetryPolicy | None = None
) -> dict[int, str]:
    """Version -> bundle sha256 of every release the server lists: what the heads it keeps
    were signed over (a wrong sha256 here only makes a head fail its signature check)."""
    retry = retry or QUICK
    with server_client(server_url, token, retry) as client:
        response, _n = send_with_retries(client, "GET", RELEASES, retry, None)
    if is_auth_failure(response):
        raise auth_failure(response, server_url)
    if response.status_code != 200:
        _code, message = error_of(response)
        raise PushError(
            "The server answered HTTP {status}: {message}",
            status=response.status_code,
            message=message or "-",
        )
    try:
        return {int(r["version"]): str(r["bundle_sha256"]) for r in response.json()["releases"]}
    except (ValueError, KeyError, TypeError):
        raise PushError(
            "Unexpected answer from the server: HTTP {status}.", status=response.status_code
        ) from None
