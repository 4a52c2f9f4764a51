"""The live baseline a change is reviewed against, and how far it can be trusted (issue 20).

Whoever can write to the workspace database can rewrite the workspace's copy of the live release:
every diff made against it then hides whatever the rewrite put in (a weakened policy, a role given
"delete"), and the diff shown to reviewers is honest about a lie. So the baseline is verified
before anything is derived from it:

- locally, its stored text must hash to its stored sha256 (``studio.changes.releases`` refuses a
  rewritten text everywhere), and the accepted release document kept with it must name the same
  version and sha256;
- against the server, when one can be asked (``studio.client.review``): the server's current
  release (``GET /api/v1/releases/current``) is re-verified here (its bundle hashes to the sha256
  it names, its approvals verify with keys this workspace knows, each key id naming its key) and
  must be the same version with the same sha256.

A ``Baseline`` with a ``problem`` is shown in red and nobody may approve against it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from schema.models import PublicKeyRow
from studio.bundle.canonical_json import text_with_sha256
from studio.bundle.model import Bundle
from studio.changes.releases import (
    UnreadableReleaseError,
    live_bundle,
    live_release,
    release_bundle,
)
from studio.contract import signing
from studio.i18n import Message


@dataclass(frozen=True)
class Baseline:
    """The live release a review is derived from."""

    #: ``None`` before the first release.
    version: int | None
    sha256: str | None
    #: ``None`` before the first release, or when the live release cannot be trusted.
    bundle: Bundle | None
    #: The server's current release was fetched, re-verified and found to be this one.
    server_checked: bool = False
    #: Why the baseline cannot be trusted (shown in red; nobody may approve against it).
    problem: Message | None = None
    #: Why the server was not asked (not an alarm: the text matched its sha256).
    note: Message | None = None

    @property
    def verified(self) -> bool:
        return self.problem is None


def known_keys(session: Session) -> dict[str, str]:
    """Every public key this workspace knows, by key id: its own (revoked ones too: old releases
    were signed with them), and the approver registries of the live release and the one before
    it (the current release was approved under the latter), read from verified releases only.
    A key stored under an id that does not name it is left out."""
    return {kid: public for kid, (_user, public) in known_signers(session).items()}


def known_signers(session: Session) -> dict[str, tuple[str, str]]:
    """``known_keys`` with the person each key belongs to: key id -> (user, public key)."""
    found = {
        k.key_id: (k.user_name, k.public_key)
        for k in session.scalars(select(PublicKeyRow))
        if signing.key_id_matches(k.key_id, k.public_key)
    }
    live = live_release(session)
    for version in (live.version, live.version - 1) if live is not None else ():
        try:
            bundle = release_bundle(session, version)
        except UnreadableReleaseError:
            continue  # a rewritten release vouches for no key
        for a in (bundle.approvers or ()) if bundle is not None else ():
            if signing.key_id_matches(a.key_id, a.public_key):
                found.setdefault(a.key_id, (a.user, a.public_key))
    return found


def local_baseline(session: Session) -> Baseline:
    """The workspace's live release, checked against its own sha256 and accepted document."""
    row = live_release(session)
    if row is None:
        return Baseline(None, None, None)
    try:
        bundle = live_bundle(session)
    except UnreadableReleaseError as exc:
        return Baseline(row.version, row.bundle_sha256, None, problem=exc.message)
    document = row.document if isinstance(row.document, dict) else {}
    # (Rows written by hand in tests and tools may hold no document: nothing to compare then.)
    if (
        document.get("bundle_sha256", row.bundle_sha256) != row.bundle_sha256
        or document.get("version", row.version) != row.version
    ):
        return Baseline(
            row.version,
            row.bundle_sha256,
            None,
            problem=Message(
                "The workspace's record of live release v{version} has been altered: its "
                "accepted document names another version or bundle. Nothing can be reviewed "
                "against it; bring the workspace in step with the server ('studio change sync') "
                "or restore a backup.",
                version=row.version,
            ),
        )
    return Baseline(row.version, row.bundle_sha256, bundle)


def server_document_problem(doc: Any, keys: Mapping[str, str]) -> Message | None:
    """Why the server's release document cannot be trusted (``None``: it verifies).

    Its bundle must hash to the sha256 it names, and every approval (and the author's signature)
    must verify with a key this workspace knows under that key id, over exactly that release.
    """
    if not isinstance(doc, dict):
        return Message("The server's current release is not a release document.")
    version, sha = doc.get("version"), doc.get("bundle_sha256")
    if not isinstance(version, int) or isinstance(version, bool) or not isinstance(sha, str):
        return Message("The server's current release is not a release document.")
    try:
        bundle = Bundle.model_validate(doc.get("bundle"))
        text = text_with_sha256(sha, doc.get("bundle"), bundle)
    except (TypeError, ValueError):  # ValidationError is a ValueError
        text = None
    if text is None:
        return Message(
            "The server's current release v{version} does not hash to its own sha256: it "
            "cannot be trusted as the baseline.",
            version=version,
        )
    change_id = doc.get("change_id")
    approvals = doc.get("approvals")
    if not isinstance(change_id, str) or not isinstance(approvals, list) or not approvals:
        return Message("The server's current release is not a release document.")
    for a in approvals:
        if not isinstance(a, dict):
            return Message("The server's current release is not a release document.")
        public = keys.get(str(a.get("key_id", "")))
        if public is None or not signing.verify(
            public, str(a.get("signature", "")), change_id, sha, version, str(a.get("decision"))
        ):
            return Message(
                "The approval by {user} of the server's current release v{version} does not "
                "verify with a key this workspace knows: the release cannot be re-verified.",
                user=str(a.get("user", "?")),
                version=version,
            )
    return None


def check_against_server(local: Baseline, doc: Any, keys: Mapping[str, str]) -> Baseline:
    """``local`` judged against the server's current release ``doc`` (``None``: the server has
    no release yet), re-verified here with ``keys`` (``known_keys``)."""
    if doc is None:
        if local.version is None:
            return replace(local, server_checked=True)
        return replace(
            local,
            server_checked=True,
            problem=local.problem
            or Message(
                "This workspace holds v{version} as the live release, but the server has no "
                "release at all: the workspace's releases cannot be trusted.",
                version=local.version,
            ),
        )
    problem = server_document_problem(doc, keys)
    if problem is not None:
        return replace(local, problem=local.problem or problem)
    version, sha = int(doc["version"]), str(doc["bundle_sha256"])
    here = local.version or 0
    if version > here:
        problem = Message(
            "Version v{server} is live on the server, but this workspace has seen only "
            "v{local}: bring it in step ('studio change sync') and review again.",
            server=version,
            local=here,
        )
    elif version < here:
        problem = Message(
            "This workspace holds v{local} as the live release, but the server's current "
            "release is v{server}: the workspace's releases cannot be trusted.",
            local=here,
            server=version,
        )
    elif sha != local.sha256:
        problem = Message(
            "The workspace's copy of live release v{version} is not the server's (sha256 "
            "{here} here, {there} on the server): it was altered, and a diff against it would "
            "hide what the change really does. Bring the workspace in step with the server "
            "('studio change sync') and review again.",
            version=version,
            here=(local.sha256 or "-")[:12],
            there=sha[:12],
        )
    return replace(local, server_checked=True, problem=local.problem or problem)
