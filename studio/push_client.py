"""Pushing an approved change to the CRM server (DESIGN.md's wire contract).

The release document goes to ``POST /api/v1/releases`` with the bundle sha256 as
``Idempotency-Key``. Timeouts, dropped connections and 5xx answers are retried with exponential
backoff and jitter (stamina); 4xx answers are final. The local live version is written only once
the server has confirmed (201, or the first answer replayed for the same key), so a push that
crashed anywhere can simply be pushed again: the server never applies the same key twice.

``push`` blocks; the GUI runs it off the UI thread and passes ``progress``.
"""

from __future__ import annotations

import ipaddress
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
import stamina

from schema.models import ChangeRequestRow, ReleaseRow, WorkspaceMeta
from studio import audit, keystore
from studio.bundle import Approver
from studio.changes.flow import ChangeRefused, _find, release_header
from studio.changes.view import PUSHED, build_view
from studio.errors import StudioError
from studio.i18n import tr
from studio.keys import revoke_unregistered
from studio.releases import release
from studio.workspace import Workspace

ENV_SERVER = "STUDIO_SERVER_URL"
META_SERVER = "server_url"
RELEASES = "/api/v1/releases"

#: ``progress(stage, fraction)``: stage is a short message for people, fraction in [0, 1].
Progress = Callable[[str, float], None]


class PushError(StudioError):
    """A push did not reach a decision of the server, or the server refused it."""


class AuthError(PushError):
    """The server refused the token (401/403), or there is none."""


class PushRefused(PushError):
    """The server refused the release (4xx); ``code`` is the server's error code."""

    def __init__(self, message: str, code: str, status: int) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


class ServerUnavailable(PushError):
    """The server did not answer usefully after every retry."""


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try: per-request timeout, attempts, and backoff (seconds)."""

    attempts: int = 5
    request_timeout: float = 10.0
    total_timeout: float = 60.0
    wait_initial: float = 0.2
    wait_max: float = 3.0
    wait_jitter: float = 0.5


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


class _Transient(Exception):
    """A 5xx answer: worth another try."""

    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status


_LOOPBACK_NAMES = {"localhost"}


def is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_server_url(url: str) -> str:
    """``url`` without a trailing slash; refuses anything but HTTPS, or HTTP to loopback."""
    parts = urlsplit(url.strip())
    host = parts.hostname or ""
    if parts.scheme not in ("http", "https") or not host:
        raise PushError(tr("Not a server URL: {url}", url=url))
    if parts.scheme == "http" and not is_loopback(host):
        raise PushError(
            tr(
                "Refusing plain HTTP to {host}: use https:// (plain HTTP is allowed only to "
                "127.0.0.1, ::1 or localhost).",
                host=host,
            )
        )
    if parts.username or parts.password:
        raise PushError(tr("Put the server token in the keyring, not in the URL."))
    return url.strip().rstrip("/")


def resolve_server_url(ws: Workspace, explicit: str | None = None) -> str:
    """``--server``, else ``STUDIO_SERVER_URL``, else the URL this workspace last pushed to."""
    url = explicit or os.environ.get(ENV_SERVER)
    if not url:
        with ws.session() as s:
            meta = s.get(WorkspaceMeta, META_SERVER)
            url = meta.value if meta is not None else None
    if not url:
        raise PushError(tr("No server configured: pass --server URL or set STUDIO_SERVER_URL."))
    return check_server_url(url)


def _client(server_url: str, token: str, retry: RetryPolicy) -> httpx.Client:
    host = urlsplit(server_url).hostname or ""
    return httpx.Client(
        base_url=server_url,
        headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
        timeout=retry.request_timeout,
        verify=True,
        # A proxy from the environment must not sit between us and a loopback server.
        trust_env=not is_loopback(host),
    )


def _error_of(response: httpx.Response) -> tuple[str, str]:
    try:
        err = response.json().get("error", {})
        return str(err.get("code", "")), str(err.get("message", ""))
    except (ValueError, AttributeError):
        return "", response.text[:200]


def _send(
    client: httpx.Client,
    method: str,
    path: str,
    retry: RetryPolicy,
    progress: Progress | None,
    **kwargs: Any,
) -> tuple[httpx.Response, int]:
    """One request with retries on transient failures; ``(response, attempts)``."""
    attempts = 0
    try:
        for attempt in stamina.retry_context(
            on=(httpx.TransportError, _Transient),
            attempts=retry.attempts,
            timeout=retry.total_timeout,
            wait_initial=retry.wait_initial,
            wait_max=retry.wait_max,
            wait_jitter=retry.wait_jitter,
        ):
            with attempt:
                attempts = attempt.num
                if progress is not None and attempts > 1:
                    progress(tr("Retrying ({n}/{total})…", n=attempts, total=retry.attempts), 0.5)
                response = client.request(method, path, **kwargs)
                if response.status_code >= 500:
                    raise _Transient(response.status_code)
    except _Transient as exc:
        raise ServerUnavailable(
            tr(
                "The server kept failing (HTTP {status}) after {n} attempts; nothing was "
                "marked live. Try the push again later.",
                status=exc.status,
                n=attempts,
            )
        ) from None
    except httpx.TransportError as exc:
        raise ServerUnavailable(
            tr(
                "The server at {url} did not answer after {n} attempts ({reason}); nothing was "
                "marked live. Try the push again later.",
                url=str(client.base_url),
                n=attempts,
                reason=type(exc).__name__,
            )
        ) from None
    return response, attempts


def _is_auth_failure(response: httpx.Response) -> bool:
    """401, or a 403 about the caller; a 403 about a signature is a refusal of the release."""
    if response.status_code == 401:
        return True
    return response.status_code == 403 and _error_of(response)[0] in ("", "forbidden")


def _auth_failure(response: httpx.Response, server_url: str) -> AuthError:
    _code, message = _error_of(response)
    return AuthError(
        tr(
            "The server at {url} refused the token (HTTP {status}: {message}). Set a valid "
            "token in STUDIO_SERVER_TOKEN or with 'studio keys token --server {url}'.",
            url=server_url,
            status=response.status_code,
            message=message or "-",
        )
    )


def fetch_release(
    server_url: str,
    token: str,
    version: int | str = "current",
    *,
    retry: RetryPolicy | None = None,
) -> dict[str, Any] | None:
    """The release document the server accepted for ``version`` (``None`` if it has none)."""
    retry = retry or RetryPolicy()
    with _client(check_server_url(server_url), token, retry) as client:
        response, _n = _send(client, "GET", f"{RELEASES}/{version}", retry, None)
    if response.status_code == 404:
        return None
    if _is_auth_failure(response):
        raise _auth_failure(response, server_url)
    if response.status_code != 200:
        _code, message = _error_of(response)
        raise PushError(
            tr(
                "The server answered HTTP {status}: {message}",
                status=response.status_code,
                message=message,
            )
        )
    data: dict[str, Any] = response.json()
    return data


def fetch_entity_stats(
    server_url: str, token: str, entities: list[str], *, retry: RetryPolicy | None = None
) -> dict[str, dict[str, Any]]:
    """The server's per-field statistics of ``entities`` (for ``studio.impact.impact``)."""
    retry = retry or RetryPolicy()
    out: dict[str, dict[str, Any]] = {}
    with _client(check_server_url(server_url), token, retry) as client:
        for entity in entities:
            response, _n = _send(client, "GET", f"/api/v1/stats/{entity}", retry, None)
            if _is_auth_failure(response):
                raise _auth_failure(response, server_url)
            if response.status_code == 200:
                out[entity] = response.json()
    return out


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
            tr("Unexpected answer from the server: HTTP {status}.", status=response.status_code)
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
) -> PushResult:
    """Push an approved change; returns once the server confirmed and the live version is set.

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
        document = release_header(s, change, view)
        bundle_json = change.bundle_json
        full_id = change.id
    token = token or keystore.server_token(url)
    if not token:
        raise AuthError(
            tr(
                "No token for {url}: set STUDIO_SERVER_TOKEN or store one with "
                "'studio keys token --server {url}'.",
                url=url,
            )
        )
    # The stored canonical bundle text is spliced in as is: the bytes that were hashed are the
    # bytes sent, and a large bundle is not parsed and serialised again.
    head = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    body = (head[:-1] + ',"bundle":' + bundle_json + "}").encode("utf-8")
    report(tr("Sending version {version} to {url}…", version=document["version"], url=url), 0.2)
    with _client(url, token, retry) as client:
        response, attempts = _send(
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
        if _is_auth_failure(response):
            raise _auth_failure(response, url)
        if status == 409:
            # The release may already be applied (a push that crashed after the server committed
            # and an idempotency window the server has let go): ask what that version holds.
            check, _n = _send(client, "GET", f"{RELEASES}/{document['version']}", retry, None)
            if check.status_code == 200 and _same_release(check.json(), document):
                response, replayed = check, True
            else:
                raise _refused(response)
        elif status >= 400:
            raise _refused(response)
        elif status not in (200, 201):
            raise PushError(tr("Unexpected answer from the server: HTTP {status}.", status=status))
    _check_receipt(response, document)
    accepted = _accepted_document(response, document)
    if "bundle" not in accepted:
        accepted = {**document, "bundle": json.loads(bundle_json)}
    report(tr("Server confirmed version {version}.", version=document["version"]), 0.9)
    _record(
        ws, full_id, accepted, bundle_json, url, user or str(document["author"]), attempts, replayed
    )
    report(tr("Version {version} is live.", version=document["version"]), 1.0)
    return PushResult(
        version=int(document["version"]),
        change_id=full_id,
        bundle_sha256=str(document["bundle_sha256"]),
        server_url=url,
        replayed=replayed,
        attempts=attempts,
        document=accepted,
    )


def _same_release(doc: Any, sent: dict[str, Any]) -> bool:
    doc = doc.get("release", doc) if isinstance(doc, dict) else None
    return (
        isinstance(doc, dict)
        and doc.get("bundle_sha256") == sent["bundle_sha256"]
        and doc.get("change_id") == sent["change_id"]
    )


def _refused(response: httpx.Response) -> PushRefused:
    code, message = _error_of(response)
    return PushRefused(
        tr(
            "The server refused the release (HTTP {status}, {code}): {message}",
            status=response.status_code,
            code=code or "-",
            message=message or "-",
        ),
        code,
        response.status_code,
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
) -> None:
    """Mark the confirmed version live locally (idempotent: a second record changes nothing)."""
    sent = accepted
    version = int(sent["version"])
    with ws.session() as s:
        existing = release(s, version)
        if existing is not None and existing.bundle_sha256 != sent["bundle_sha256"]:
            raise PushError(
                tr(
                    "This workspace already holds a different version {version}; "
                    "the server's answer was not recorded.",
                    version=version,
                )
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
