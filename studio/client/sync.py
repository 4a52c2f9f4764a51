"""Bringing the workspace's releases up to the server's (another studio pushed, or a push whose
confirmation this workspace never recorded).

Every document fetched is checked before it is kept: its bundle must parse and hash to the
``bundle_sha256`` it names, so a server (or a proxy) cannot slip a different configuration in
under a known hash. Signatures are the server's to verify; the studio re-checks them when it
shows a change.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import select

from schema.models import ChangeRequestRow, ReleaseRow
from studio.audit import log as audit
from studio.bundle.canonical_json import text_with_sha256
from studio.bundle.model import Bundle
from studio.changes import keystore
from studio.changes.keys import revoke_unregistered
from studio.changes.view import PUSHED
from studio.client.http import (
    RELEASES,
    AuthError,
    PushError,
    RetryPolicy,
    auth_failure,
    fetch_release,
    is_auth_failure,
    send_with_retries,
    server_client,
)
from studio.client.server_url import resolve_server_url
from studio.workspace.connection import Workspace


@dataclass(frozen=True)
class SyncResult:
    server_version: int | None
    added: tuple[int, ...]


def sync_releases(
    ws: Workspace,
    *,
    server_url: str | None = None,
    token: str | None = None,
    actor: str = "system",
    retry: RetryPolicy | None = None,
) -> SyncResult:
    """Record every release the server has and this workspace lacks, and replace every copy the
    workspace holds that is not the server's (rewritten in the database); returns what was
    recorded."""
    retry = retry or RetryPolicy()
    url = resolve_server_url(ws, server_url)
    token = token or keystore.server_token(url)
    if not token:
        raise AuthError(
            "No token for {url}: set STUDIO_SERVER_TOKEN or store one with 'studio keys token --server {url}'.",
            url=url,
        )
    with server_client(url, token, retry) as client:
        response, _n = send_with_retries(client, "GET", RELEASES, retry, None)
    if is_auth_failure(response):
        raise auth_failure(response, url)
    if response.status_code != 200:
        raise PushError(
            "The server answered HTTP {status}: {message}", status=response.status_code, message="-"
        )
    listed = {
        int(r["version"]): str(r.get("bundle_sha256", ""))
        for r in response.json().get("releases", [])
    }
    versions = sorted(listed)
    with ws.session() as s:
        have = set(s.scalars(select(ReleaseRow.version)))
        # A copy rewritten in the workspace (its text no longer hashes to its sha256, or its
        # sha256 is not the server's) is replaced by the server's, re-verified (issue 20).
        damaged = {
            int(v)
            for v, sha, text in s.execute(
                select(ReleaseRow.version, ReleaseRow.bundle_sha256, ReleaseRow.bundle_json)
            )
            if int(v) in listed
            and (
                sha != listed[int(v)]
                or hashlib.sha256(str(text).encode("utf-8")).hexdigest() != sha
            )
        }
    added = []
    for version in (v for v in versions if v not in have or v in damaged):
        doc = fetch_release(url, token, version, retry=retry)
        if doc is None:
            continue
        try:
            bundle = Bundle.model_validate(doc["bundle"])
            text = text_with_sha256(str(doc["bundle_sha256"]), doc["bundle"], bundle)
        except (KeyError, TypeError, ValueError):  # ValidationError is a ValueError
            bundle, text = None, None
        if bundle is None or text is None:
            raise PushError(
                "The server's release {version} does not match its own sha256; nothing was "
                "recorded from it.",
                version=version,
            )
        with ws.session() as s:
            if version in damaged:
                old = s.get(ReleaseRow, version)
                if old is not None:
                    s.delete(old)
                    s.flush()
            s.add(
                ReleaseRow(
                    version=version,
                    change_id=str(doc.get("change_id", "")),
                    author=str(doc.get("author", "")),
                    bundle_json=text.decode("utf-8"),
                    bundle_sha256=str(doc["bundle_sha256"]),
                    document=doc,
                )
            )
            change = s.get(ChangeRequestRow, str(doc.get("change_id", "")))
            if change is not None and change.bundle_sha256 == doc["bundle_sha256"]:
                change.state = PUSHED
            if bundle.approvers is not None and version == versions[-1]:
                revoke_unregistered(s, bundle.approvers)
            details = {"version": version, "bundle_sha256": doc["bundle_sha256"]}
            if version in damaged:
                details["replaced_altered_copy"] = True
            audit.append(s, actor, "sync", url, details)
        added.append(version)
    return SyncResult(server_version=versions[-1] if versions else None, added=tuple(added))
