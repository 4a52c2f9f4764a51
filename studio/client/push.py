"""Pushing an approved change to the CRM server (DESIGN.md's wire contract).

The release document goes to ``POST /api/v1/releases`` with the bundle sha256 as
``Idempotency-Key``. Timeouts, dropped connections and 5xx answers are retried with exponential
backoff and jitter (stamina); 4xx answers are final. The local live version is written only once
the server has confirmed (201, or the first answer replayed for the same key), so a push that
crashed anywhere can simply be pushed again: the server never applies the same key twice.

``push`` blocks; the GUI runs it off the UI thread and passes ``progress``.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.orm import Session

from schema.models import AuditRow, ChangeRequestRow, ReleaseRow, WorkspaceMeta
from studio.audit import log as audit
from studio.audit.anchors import Head
from studio.bundle.model import Approver
from studio.changes import keystore
from studio.changes.flow import ChangeRefused, _find, release_header
from studio.changes.keys import revoke_unregistered, signing_key
from studio.changes.releases import release
from studio.changes.view import PUSHED, ChangeView, build_view, change_name
from studio.client.anchor import HeadSigner, send_head
from studio.client.http import (
    RELEASES,
    AuthError,
    Progress,
    PushError,
    PushRefused,
    RetryPolicy,
    ServerUnavailable,
    auth_failure,
    check_server_url,
    fetch_release,
    is_auth_failure,
    is_loopback,
    refusal_error,
    send_with_retries,
    server_client,
)
from studio.client.server_url import META_SERVER, resolve_server_url
from studio.i18n import Message, tr
from studio.workspace.connection import Workspace

__all__ = [
    "AuthError",
    "Progress",
    "PushError",
    "PushRefused",
    "PushResult",
    "RetryPolicy",
    "ServerUnavailable",
    "check_server_url",
    "fetch_release",
    "is_loopback",
    "push",
    "send_rejection",
]

REJECTIONS = "/api/v1/rejections"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PushResult:
    version: int
    change_id: str
    bundle_sha256: str
    server_url: str
    #: The server said it had applied this release already (an earlier, interrupted push).
    replayed: bool
    attempts: int
    document: dict[str, Any]
    #: The audit log's head left with the server after the push (``None``: it could not be;
    #: ``anchor_problem`` says why, and the next push anchors the log up to its own head).
    anchored: Head | None = None
    anchor_problem: str | None = None


def _accepted_document(response: httpx.Response, sent: dict[str, Any]) -> dict[str, Any]:
    """The release document the server accepted.

    The server keeps exactly the document it was sent; its 201 answer is a short receipt
    (version, sha256, time). A full document in the answer (a GET after a 409) is kept as is.
    """
    try:
        body = response.json()
    except ValueError:
        return sent
    if (
        isinstance(body, dict)
        and "bundle" in body
        and body.get("bundle_sha256") == sent["bundle_sha256"]
    ):
        return body
    return sent


def _check_receipt(response: httpx.Response, sent: dict[str, Any]) -> None:
    """A 2xx that names another version or bundle is not a confirmation of ours."""
    try:
        body = response.json()
    except ValueError:
        return
    if not isinstance(body, dict):
        return
    if (
        body.get("version", sent["version"]) != sent["version"]
        or body.get("bundle_sha256", sent["bundle_sha256"]) != sent["bundle_sha256"]
    ):
        raise PushError(
            "Unexpected answer from the server: HTTP {status}.", status=response.status_code
        )


def push(
    ws: Workspace,
    change_id: str,
    *,
    server_url: str | None = None,
    token: str | None = None,
    user: str | None = None,
    progress: Progress | None = None,
    retry: RetryPolicy | None = None,
    remember_server: bool = True,
    passphrase: str | Callable[[], str] | None = None,
) -> PushResult:
    """Push an approved change; returns once the server confirmed and the live version is set.

    ``remember_server``: store the URL in the workspace as the one to push to next. The studio's
    own local server passes ``False``: its loopback URL means nothing to the other studios of a
    shared workspace (on their machines that port is empty, or somebody else's).

    ``passphrase`` (or a function asked for it once the change passed its checks) opens the
    pusher's (``user``, else the author's) signing key, which signs the audit log's head left
    with the server after the push; it is opened before anything is sent, so a wrong passphrase
    pushes nothing. Without it the push goes ahead and the head is not anchored
    (``PushResult.anchor_problem`` says so; the next signed push anchors it).

    Refuses before any network traffic when the policy is not met (``ChangeRefused``).
    ``token`` defaults to ``STUDIO_SERVER_TOKEN`` or the keyring's token for the server.
    Raises ``AuthError`` (401/403), ``PushRefused`` (other 4xx; nothing applied) or
    ``ServerUnavailable`` (retries exhausted; safe to push again).
    """
    retry = retry or RetryPolicy()
    report = progress or (lambda _stage, _fraction: None)
    report(tr("Checking the approvals…"), 0.05)
    url = resolve_server_url(ws, server_url)
    with ws.session() as s:
        change = _find(s, change_id)
        view = build_view(s, change)
        if view.blockers:
            raise ChangeRefused(view.blockers[0])
        missing = _unlogged(s, change, view)
        if missing is not None:
            raise ChangeRefused(missing)
        document = release_header(s, change, view)
        bundle_json = change.bundle_json
        full_id = change.id
        pusher = user or str(document["author"])
    # Asked (and the key opened) outside any transaction: a person may take a while to type.
    secret = passphrase() if callable(passphrase) else passphrase
    signer: HeadSigner | None = None
    if secret is not None:
        with ws.session() as s:
            signer = HeadSigner(pusher, *signing_key(s, pusher, secret))
        del secret
    token = token or keystore.server_token(url)
    if not token:
        raise AuthError(
            "No token for {url}: set STUDIO_SERVER_TOKEN or store one with "
            "'studio keys token --server {url}'.",
            url=url,
        )
    # The stored canonical bundle text is spliced in as is: the bytes that were hashed are the
    # bytes sent, and a large bundle is not parsed and serialised again.
    head = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    body = (head[:-1] + ',"bundle":' + bundle_json + "}").encode("utf-8")
    report(tr("Sending version {version} to {url}…", version=document["version"], url=url), 0.2)
    with server_client(url, token, retry) as client:
        response, attempts = send_with_retries(
            client,
            "POST",
            RELEASES,
            retry,
            report,
            content=body,
            headers={
                "Idempotency-Key": str(document["bundle_sha256"]),
                "Content-Type": "application/json",
            },
        )
        status = response.status_code
        replayed = response.headers.get("Idempotent-Replayed") == "true"
        if is_auth_failure(response):
            raise auth_failure(response, url)
        if status == 409:
            # The release may already be applied (a push that crashed after the server committed
            # and an idempotency window the server has let go): ask what that version holds.
            check, _n = send_with_retries(
                client, "GET", f"{RELEASES}/{document['version']}", retry, None
            )
            if check.status_code == 200 and _same_release(check.json(), document):
                response, replayed = check, True
            else:
                raise refusal_error(response)
        elif status >= 400:
            raise refusal_error(response)
        elif status not in (200, 201):
            raise PushError("Unexpected answer from the server: HTTP {status}.", status=status)
    _check_receipt(response, document)
    accepted = _accepted_document(response, document)
    if "bundle" not in accepted:
        accepted = {**document, "bundle": json.loads(bundle_json)}
    report(tr("Server confirmed version {version}.", version=document["version"]), 0.9)
    _record(
        ws,
        full_id,
        accepted,
        bundle_json,
        url,
        pusher,
        attempts,
        replayed,
        remember_server,
    )
    # The log's head (with this push's own entry) goes to the server, which keeps it: from
    # now on, cutting or rewriting the log up to here shows in 'studio audit verify'.
    anchored: Head | None = None
    anchor_problem: str | None = None
    if signer is None:
        anchor_problem = tr(
            "The audit log's head was not left with the server: it is signed by the pusher, "
            "and no passphrase was given. The next signed push anchors it."
        )
    else:
        try:
            anchored = send_head(
                ws,
                url,
                token,
                signer,
                version=int(document["version"]),
                bundle_sha256=str(document["bundle_sha256"]),
            )
        except PushError as exc:
            anchor_problem = str(exc)
            log.info("the audit head was not anchored on %s: %s", url, exc)
    report(tr("Version {version} is live.", version=document["version"]), 1.0)
    return PushResult(
        version=int(document["version"]),
        change_id=full_id,
        bundle_sha256=str(document["bundle_sha256"]),
        server_url=url,
        replayed=replayed,
        attempts=attempts,
        document=accepted,
        anchored=anchored,
        anchor_problem=anchor_problem,
    )


def _unlogged(session: Session, change: ChangeRequestRow, view: ChangeView) -> Message | None:
    """Why the audit log does not back this push (``None``: it does).

    The log must hold the change's submission and every approval the push carries: removing
    them from the end of the log leaves no gap in the chain (issue 20: "push went ahead with it
    wiped"), but it does leave a push with no record of who decided it.
    """
    logged = {
        (str(actor), str(action))
        for actor, action in session.execute(
            select(AuditRow.actor, AuditRow.action).where(AuditRow.subject == change.id)
        )
    }
    if not any(action in ("submit", "rollback") for _actor, action in logged):
        return Message(
            "The audit log holds no record of the submission of change {id}: entries were "
            "removed from it. The change is not pushed; run 'studio audit verify'.",
            id=change_name(change),
        )
    for a in view.approvals:
        if a.valid and a.decision == "approve" and (a.user, "approve") not in logged:
            return Message(
                "The audit log holds no record of {user}'s approval of change {id}: entries "
                "were removed from it. The change is not pushed; run 'studio audit verify'.",
                user=a.user,
                id=change_name(change),
            )
    return None


def _same_release(doc: Any, sent: dict[str, Any]) -> bool:
    doc = doc.get("release", doc) if isinstance(doc, dict) else None
    return (
        isinstance(doc, dict)
        and doc.get("bundle_sha256") == sent["bundle_sha256"]
        and doc.get("change_id") == sent["change_id"]
    )


def _record(
    ws: Workspace,
    change_id: str,
    accepted: dict[str, Any],
    bundle_json: str,
    url: str,
    actor: str,
    attempts: int,
    replayed: bool,
    remember_server: bool = True,
) -> None:
    """Mark the confirmed version live locally (idempotent: a second record changes nothing)."""
    sent = accepted
    version = int(sent["version"])
    with ws.session() as s:
        existing = release(s, version)
        if existing is not None and existing.bundle_sha256 != sent["bundle_sha256"]:
            raise PushError(
                "This workspace already holds a different version {version}; "
                "the server's answer was not recorded.",
                version=version,
            )
        if existing is None:
            s.add(
                ReleaseRow(
                    version=version,
                    change_id=change_id,
                    author=str(sent["author"]),
                    bundle_json=bundle_json,
                    bundle_sha256=str(sent["bundle_sha256"]),
                    document=accepted,
                )
            )
        change = s.get(ChangeRequestRow, change_id)
        if change is not None:
            change.state = PUSHED
        registry = sent.get("bundle", {}).get("approvers")
        revoked = (
            revoke_unregistered(s, tuple(Approver.model_validate(a) for a in registry))
            if registry is not None
            else []
        )
        if remember_server:
            s.merge(WorkspaceMeta(key=META_SERVER, value=url))
        audit.append(
            s,
            actor,
            "push",
            change_id,
            {
                "version": version,
                "bundle_sha256": sent["bundle_sha256"],
                "server": url,
                "attempts": attempts,
                "replayed": replayed,
                "revoked_keys": revoked,
            },
        )


def send_rejection(
    ws: Workspace,
    change_id: str,
    user: str,
    *,
    server_url: str | None = None,
    token: str | None = None,
    retry: RetryPolicy | None = None,
) -> str | None:
    """Send ``user``'s signed rejection of ``change_id`` to the server, which then refuses any
    release of that change and sha256, even from a pusher who leaves the rejection out.

    Returns the server's URL, or ``None`` when no server is configured (the studio itself refuses
    to push a rejected change). Raises ``PushError`` when the server cannot be told.
    """
    try:
        url = resolve_server_url(ws, server_url)
    except PushError:
        if server_url:
            raise
        return None
    with ws.session() as s:
        change = _find(s, change_id)
        row = next(
            (a for a in change.approvals if a.user_name == user and a.decision == "reject"), None
        )
        if row is None:
            raise PushError(
                "{user} has not rejected change {id}.", user=user, id=change_name(change)
            )
        body = {
            "change_id": change.id,
            "bundle_sha256": change.bundle_sha256,
            "version": change.target_version,
            "user": row.user_name,
            "role": row.role,
            "decision": "reject",
            "key_id": row.key_id,
            "signature": row.signature,
        }
    token = token or keystore.server_token(url)
    if not token:
        raise AuthError(
            "No token for {url}: set STUDIO_SERVER_TOKEN or store one with "
            "'studio keys token --server {url}'.",
            url=url,
        )
    retry = retry or RetryPolicy()
    with server_client(url, token, retry) as client:
        response, _attempts = send_with_retries(client, "POST", REJECTIONS, retry, None, json=body)
    if is_auth_failure(response):
        raise auth_failure(response, url)
    if response.status_code >= 400:
        raise refusal_error(response)
    return url
