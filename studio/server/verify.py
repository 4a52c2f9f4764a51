"""The server's own check of a push: a pure function of the document and the server's state.

The studio checks the same things before pushing, but the server trusts nothing it is sent:
holding the server's token, or write access to a workspace database, must not be enough to put
a configuration live. Everything is judged against the *current* state: the current version, the
current release's policy (so loosening the policy needs the approvals the old policy asks for),
and the current approver registry (so adding an approver needs the existing approvers).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from pydantic import ValidationError

from studio.bundle.canonical_json import canonical_json
from studio.bundle.model import Approver, Bundle, Policy
from studio.contract import signing
from studio.gc_pause import gc_paused
from studio.lint import DataStats, run_all
from studio.lint.findings import Severity
from studio.server.documents import ApprovalEntry, RejectionDocument, ReleaseDocument
from studio.server.refusals import Refusal
from studio.server.signers import check_signer


@dataclass(frozen=True)
class ServerState:
    """What a push is judged against."""

    #: ``None`` (or 0) before the first release.
    current_version: int | None
    current_bundle: Bundle | None
    #: The approver registry in force: key id -> approver.
    registry: Mapping[str, Approver] = field(default_factory=dict)
    stats: DataStats | None = None

    @property
    def version(self) -> int:
        return self.current_version or 0

    @property
    def policy(self) -> Policy:
        return self.current_bundle.policy if self.current_bundle is not None else Policy()


@dataclass(frozen=True)
class Verified:
    """A push that passed every check, parsed."""

    document: ReleaseDocument
    bundle: Bundle


def verify_release(
    document: Any, idempotency_key: str | None, state: ServerState
) -> Refusal | None:
    """``None`` when the server may apply ``document``; otherwise why not."""
    result = check_release(document, idempotency_key, state)
    return result if isinstance(result, Refusal) else None


def check_release(
    document: Any, idempotency_key: str | None, state: ServerState
) -> Verified | Refusal:
    """Like ``verify_release``, but hands back the parsed document and bundle on success."""
    with gc_paused():
        return _check_release(document, idempotency_key, state)


def _check_release(
    document: Any, idempotency_key: str | None, state: ServerState
) -> Verified | Refusal:
    # Strict: no coercion ("4" is not 4, "false" is not false), so that what is stored is what
    # was approved, for every reader (DESIGN.md: anyone can re-verify a release offline).
    try:
        doc = ReleaseDocument.model_validate(document, strict=True)
    except ValidationError as exc:
        return Refusal(422, "schema_invalid", "The release document is malformed: " + _errors(exc))
    try:
        text = canonical_json(doc.bundle)
    except (TypeError, ValueError):  # NaN or Infinity, or a value JSON has not
        return Refusal(422, "schema_invalid", "The bundle holds NaN or Infinity.")
    try:
        # JSON mode: arrays are tuples, strings are enum values, but a string is never a number.
        bundle = Bundle.model_validate_json(text, strict=True)
    except (ValidationError, ValueError) as exc:
        reason = _errors(exc) if isinstance(exc, ValidationError) else str(exc)
        if isinstance(exc, ValidationError) and any(
            err["loc"][:1] == ("approvers",) and err["loc"][-1:] == ("public_key",)
            for err in exc.errors()
        ):
            return Refusal(
                422, "invalid_approver_key", "The bundle's approvers hold a key: " + reason
            )
        return Refusal(422, "schema_invalid", "The bundle does not match its schema: " + reason)
    # The bundle as sent must hash to the claimed sha256: a strict reader re-verifying the stored
    # document offline hashes exactly that (not a model that a lax parser made of it).
    if not hmac.compare_digest(hashlib.sha256(text).hexdigest(), doc.bundle_sha256):
        return Refusal(
            422,
            "sha_mismatch",
            f"bundle_sha256 {doc.bundle_sha256} is not the sha256 of the bundle's canonical JSON "
            f"as sent ({hashlib.sha256(text).hexdigest()}).",
        )
    sha = doc.bundle_sha256
    if idempotency_key is None:
        return Refusal(
            400,
            "idempotency_key_missing",
            "The Idempotency-Key header (the bundle sha256) is missing.",
        )
    if idempotency_key != sha:
        return Refusal(
            422,
            "idempotency_key_mismatch",
            "The Idempotency-Key header must be the bundle's sha256.",
        )

    current = state.version
    if doc.version != current + 1 or (doc.parent_version or 0) != current:
        return Refusal(
            409,
            "version_conflict",
            f"The server is at version {current}: a push must have parent_version {current} and "
            f"version {current + 1} (got parent {doc.parent_version}, version {doc.version}).",
        )

    refusal = _check_approvals(doc, state)
    if refusal is not None:
        return refusal
    refusal = _check_new_registry(bundle, state)
    if refusal is not None:
        return refusal

    blocking = [
        f
        for f in run_all(bundle, state.stats, state.current_bundle)
        if f.severity == Severity.error
    ]
    if blocking:
        shown = "; ".join(f"{f.code}: {f.message}" for f in blocking[:5])
        more = f" (+{len(blocking) - 5} more)" if len(blocking) > 5 else ""
        return Refusal(
            422,
            "blocking_findings",
            f"The bundle has {len(blocking)} blocking finding(s): {shown}{more}",
        )
    return Verified(doc, bundle)


def _check_approvals(doc: ReleaseDocument, state: ServerState) -> Refusal | None:
    if not state.registry:
        return Refusal(
            409,
            "registry_empty",
            "The server has no approver registry yet: start it with --approvers FILE or call "
            "POST /api/v1/approvers/bootstrap first.",
        )
    refusal = _check_author(doc, state)
    if refusal is not None:
        return refusal
    users: set[str] = set()
    for approval in doc.approvals:
        refusal = check_signer(
            state.registry,
            key_id=approval.key_id,
            user=approval.user,
            role=approval.role,
            verifies=partial(_signed_approval, doc, approval),
            whose=f"approval by {approval.user}",
            unsigned=f"The signature of {approval.user} does not verify for change "
            f"{doc.change_id}, bundle {doc.bundle_sha256[:12]}…, version {doc.version}.",
        )
        if refusal is not None:
            return refusal
        if approval.user in users:
            return Refusal(
                422,
                "duplicate_approver",
                f"{approval.user} approved more than once: one person counts once.",
            )
        users.add(approval.user)
        if approval.user == doc.author:
            return Refusal(
                422, "author_approved", f"{approval.user} is the author and cannot approve."
            )
        if approval.decision != "approve":
            return Refusal(422, "rejected", f"{approval.user} rejected this change.")

    policy = state.policy
    missing = policy_shortfall(policy, [(a.user, a.role) for a in doc.approvals])
    if missing:
        return Refusal(
            422, "policy_not_met", "The current approval policy is not met: " + missing + "."
        )
    return None


def _signed_approval(doc: ReleaseDocument, approval: ApprovalEntry, public: str) -> bool:
    return signing.verify(
        public, approval.signature, doc.change_id, doc.bundle_sha256, doc.version, approval.decision
    )


def _check_author(doc: ReleaseDocument, state: ServerState) -> Refusal | None:
    """The author is who signed the submission with a registered key (so that renaming the
    ``author`` field cannot turn "the author approved their own change" into a valid release)."""
    signed = doc.author_signature
    return check_signer(
        state.registry,
        key_id=signed.key_id,
        user=doc.author,
        role=None,
        verifies=lambda public: signing.verify(
            public, signed.signature, doc.change_id, doc.bundle_sha256, doc.version, "submit"
        ),
        whose="the author's submission",
        unsigned=f"The author's signature does not verify for change {doc.change_id}, bundle "
        f"{doc.bundle_sha256[:12]}…, version {doc.version}.",
        mismatch_code="author_mismatch",
    )


def check_rejection(
    rejection: RejectionDocument, registry: Mapping[str, Approver]
) -> Refusal | None:
    """``None`` when ``rejection`` is signed by the registered key it names."""
    return check_signer(
        registry,
        key_id=rejection.key_id,
        user=rejection.user,
        role=rejection.role,
        verifies=lambda public: signing.verify(
            public,
            rejection.signature,
            rejection.change_id,
            rejection.bundle_sha256,
            rejection.version,
            "reject",
        ),
        whose=f"rejection by {rejection.user}",
        unsigned=f"The rejection by {rejection.user} does not verify.",
    )


def policy_shortfall(policy: Policy, approvals: list[tuple[str, str]]) -> str:
    """What ``approvals`` (user, role) lack to meet ``policy``, or ``""`` when met."""
    people = {user for user, _ in approvals}
    roles = {role for _, role in approvals}
    problems = []
    if len(people) < policy.min_approvals:
        problems.append(f"{policy.min_approvals} approvals needed, {len(people)} given")
    lacking = [r for r in policy.required_roles if r not in roles]
    if lacking:
        problems.append("no approval by " + ", ".join(lacking))
    return "; ".join(problems)


def _check_new_registry(bundle: Bundle, state: ServerState) -> Refusal | None:
    """The registry and policy a release leaves must be able to approve the next change."""
    if bundle.approvers is not None:
        for approver in bundle.approvers:
            if signing.key_id(approver.public_key) != approver.key_id:
                return Refusal(
                    422,
                    "invalid_approver_key",
                    f"Approver {approver.user}: key_id {approver.key_id} does not name its "
                    "public key.",
                )
    # Without this check one release could lock every future change out (an empty registry,
    # one that cannot reach the new policy's roles, or a min_approvals beyond its people),
    # whether the release replaces the registry or keeps the one in force.
    registry = bundle.approvers if bundle.approvers is not None else tuple(state.registry.values())
    shortfall = registry_shortfall(bundle.policy, [(a.user, a.role) for a in registry])
    if shortfall:
        return Refusal(
            422,
            "registry_cannot_approve",
            "The approver registry this release leaves could never approve a change under its "
            "policy: " + shortfall + ".",
        )
    return None


def registry_shortfall(policy: Policy, people: list[tuple[str, str]]) -> str:
    """Why no change could ever meet ``policy`` with approvers ``people`` (user, role), or ``""``.

    The author of a change signs it and may not approve it, so the policy must be met by the
    others for at least one possible author.
    """
    users = sorted({user for user, _ in people})
    if not users:
        return "the registry is empty"
    best = ""
    for author in users:
        others = [(u, r) for u, r in people if u != author]
        shortfall = policy_shortfall(policy, others)
        if not shortfall:
            return ""
        best = best or f"without an author, {shortfall}"
    return best


def _errors(exc: ValidationError, limit: int = 3) -> str:
    parts = []
    for err in exc.errors()[:limit]:
        loc = ".".join(str(p) for p in err["loc"])
        parts.append(f"{loc}: {err['msg']}" if loc else err["msg"])
    more = len(exc.errors()) - limit
    return "; ".join(parts) + (f" (+{more} more)" if more > 0 else "")
