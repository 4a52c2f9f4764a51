"""Releases and the approver registry: reading the state, applying a push in one transaction.

A push is verified *inside* the transaction that applies it, against the state read in that
transaction; the unique version key settles any race between two servers on one database.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from studio.bundle.canonical_json import canonical_json
from studio.bundle.model import Approver, Bundle
from studio.contract import signing
from studio.gc_pause import gc_paused
from studio.lint import DataStats
from studio.server import strict_json
from studio.server.documents import ApproverEntry, RejectionDocument
from studio.server.handovers import apply_handovers
from studio.server.refusals import Refusal, RefusalError, refuse
from studio.server.signers import parse_document
from studio.server.storage import (
    IdempotentResponse,
    RegisteredApprover,
    Release,
    ServerMeta,
    StoredRecord,
    StoredRejection,
    as_utc,
    serialise,
    utcnow,
)
from studio.server.verify import ServerState, Verified, check_rejection, check_release

RELEASES_SCOPE = "releases"
#: ``server_meta`` key of the digest of the first registry (``--approvers`` or bootstrap).
FIRST_REGISTRY = "first_registry_sha256"


@dataclass(frozen=True)
class Answer:
    """An HTTP answer to give (and to give again on a retry)."""

    status: int
    body: dict[str, Any]
    replayed: bool = False


def document_sha256(document: Any) -> str:
    return hashlib.sha256(canonical_json(document)).hexdigest()


def current_release(session: Session) -> Release | None:
    return session.scalars(select(Release).order_by(Release.version.desc()).limit(1)).first()


def registry(session: Session) -> dict[str, Approver]:
    rows = session.scalars(select(RegisteredApprover).order_by(RegisteredApprover.user))
    return {
        r.key_id: Approver(user=r.user, role=r.role, key_id=r.key_id, public_key=r.public_key)
        for r in rows
    }


# Releases never change once applied, so their parsed bundles can be kept: parsing a large
# bundle again for every push would cost as much as verifying the push itself.
_BUNDLES: OrderedDict[str, Bundle] = OrderedDict()
_BUNDLES_LOCK = threading.Lock()
_BUNDLES_KEPT = 4


def _remember(sha: str, bundle: Bundle) -> None:
    with _BUNDLES_LOCK:
        _BUNDLES[sha] = bundle
        _BUNDLES.move_to_end(sha)
        while len(_BUNDLES) > _BUNDLES_KEPT:
            _BUNDLES.popitem(last=False)


def release_bundle(row: Release) -> Bundle:
    """The bundle of an applied release (parsed once per process)."""
    with _BUNDLES_LOCK:
        cached = _BUNDLES.get(row.bundle_sha256)
    if cached is not None:
        return cached
    bundle = Bundle.model_validate(json.loads(row.document)["bundle"])
    _remember(row.bundle_sha256, bundle)
    return bundle


def load_state(session: Session) -> ServerState:
    cur = current_release(session)
    bundle = release_bundle(cur) if cur is not None else None
    counts = dict(
        session.execute(
            select(StoredRecord.entity, func.count()).group_by(StoredRecord.entity)
        ).all()
    )
    return ServerState(
        current_version=cur.version if cur is not None else None,
        current_bundle=bundle,
        registry=registry(session),
        stats=DataStats(record_counts={str(k): int(v) for k, v in counts.items()}),
    )


@dataclass(frozen=True)
class Checked:
    """A push parsed and verified against ``state``, or answered from a stored replay, before
    the write lock is taken."""

    raw_sha256: str
    text: str
    idempotency_key: str | None
    state: ServerState | None = None
    document: Any = None
    verified: Verified | None = None
    replay: Answer | None = None
    refusal: Refusal | None = None


def push(session: Session, raw_body: bytes, idempotency_key: str | None) -> Answer:
    """Apply a push, give back a stored first answer for a retry, or raise ``RefusalError``.

    The caller commits the session; nothing is written unless everything passed. (One session
    for both steps; the server itself runs ``check_push`` in a read-only transaction first and
    ``apply_push`` under the write lock, so that verifying a large push never blocks writers.)
    """
    return apply_push(session, check_push(session, raw_body, idempotency_key))


def check_push(session: Session, raw_body: bytes, idempotency_key: str | None) -> Checked:
    """Parse, validate, hash and verify a push against the state ``session`` reads: everything
    that is expensive, without any lock. Raises ``RefusalError`` for what no state can change."""
    # A replay answer is only for the very same bytes: a document that differs in anything (a
    # bundle under the same Idempotency-Key, a reordered list, another spelling) is judged anew.
    # Same bytes, same parse: a retry is answered without parsing megabytes again.
    doc_sha = hashlib.sha256(raw_body).hexdigest()
    if idempotency_key is not None:
        replay = _replay(session, idempotency_key, doc_sha)
        if replay is not None:
            return Checked(doc_sha, "", idempotency_key, replay=replay)
    with gc_paused():  # parsing a large body is as allocation-heavy as verifying it
        document = strict_json.loads(raw_body, what="The release document")
        text = raw_body.decode("utf-8")
        state = load_state(session)
        result = check_release(document, idempotency_key, state)
        if isinstance(result, Refusal):
            # Not final yet: the state may have moved between the reads (PostgreSQL reads each
            # statement afresh), e.g. our own retry applied this very document meanwhile.
            return Checked(doc_sha, text, idempotency_key, state, document, refusal=result)
        return Checked(doc_sha, text, idempotency_key, state, document, result)


def apply_push(session: Session, checked: Checked) -> Answer:
    """Under the write lock: answer a replay, re-verify if the state moved since ``check_push``
    (another push won, or the registry changed), then write."""
    serialise(session, RELEASES_SCOPE)
    with gc_paused():
        return _apply(session, checked)


def _apply(session: Session, checked: Checked) -> Answer:
    doc_sha, text, idempotency_key = checked.raw_sha256, checked.text, checked.idempotency_key
    if idempotency_key is not None:
        replay = _replay(session, idempotency_key, doc_sha)
        if replay is not None:
            return replay
    if checked.replay is not None:  # it was a replay, and is no longer one: judge it now
        raise refuse(
            409,
            "version_conflict",
            "The server moved on while this push was checked; ask for the current release.",
        )
    assert checked.state is not None
    cur = current_release(session)
    now_version = cur.version if cur is not None else 0
    moved = now_version != checked.state.version or registry(session) != dict(
        checked.state.registry
    )
    again: Verified | Refusal | None
    if moved:  # judged against a state that is gone: judge again, under the lock
        again = check_release(checked.document, idempotency_key, load_state(session))
    else:
        again = checked.refusal or checked.verified
    if isinstance(again, Refusal):
        raise RefusalError(again)
    assert again is not None
    result: Verified = again
    doc, bundle = result.document, result.bundle
    rejected_by = session.scalars(
        select(StoredRejection.user).where(
            StoredRejection.change_id == doc.change_id,
            StoredRejection.bundle_sha256 == doc.bundle_sha256,
        )
    ).all()
    if rejected_by:
        raise refuse(
            422,
            "rejected",
            f"{', '.join(sorted(rejected_by))} rejected this change (a signed rejection the "
            "server holds).",
        )

    if session.get(Release, doc.version) is not None:  # taken since this push was judged
        raise refuse(
            409,
            "version_conflict",
            f"Version {doc.version} was applied by another push in the meantime.",
        )
    try:
        applied_at = utcnow()
        session.add(
            Release(
                version=doc.version,
                change_id=doc.change_id,
                author=doc.author,
                bundle_sha256=doc.bundle_sha256,
                document_sha256=doc_sha,
                document=text,
                approvers=[a.user for a in doc.approvals],
                applied_at=applied_at,
            )
        )
        if bundle.approvers is not None:
            replace_registry(session, bundle.approvers)
        apply_handovers(session, bundle, doc.version)  # issue 14: a leaver's records, once
        answer = Answer(
            201,
            {
                "version": doc.version,
                "bundle_sha256": doc.bundle_sha256,
                "applied_at": applied_at.isoformat(),
            },
        )
        session.add(
            IdempotentResponse(
                scope=RELEASES_SCOPE,
                key=doc.bundle_sha256,
                request_sha256=doc_sha,
                status=answer.status,
                body=json.dumps(answer.body),
                version=doc.version,
            )
        )
        session.flush()
        _remember(doc.bundle_sha256, bundle)
    except IntegrityError:
        # Another push took this version between our read and our write (PostgreSQL, or a
        # second server on the same database).
        session.rollback()
        raise refuse(
            409,
            "version_conflict",
            f"Version {doc.version} was applied by another push in the meantime.",
        ) from None
    return answer


def _replay(session: Session, key: str, doc_sha: str) -> Answer | None:
    """The first answer for a retry, a refusal for a stale replay, or ``None`` to go on."""
    stored = session.scalars(
        select(IdempotentResponse).where(
            IdempotentResponse.scope == RELEASES_SCOPE, IdempotentResponse.key == key
        )
    ).all()
    if not stored:
        return None
    cur = current_release(session)
    current = cur.version if cur is not None else 0
    for row in stored:
        if row.request_sha256 == doc_sha:
            if row.version == current:
                return Answer(row.status, json.loads(row.body), replayed=True)
            raise refuse(
                409,
                "replayed_release",
                f"This release was already applied as version {row.version}; the server is now "
                f"at version {current}. An old release is not applied again (roll back with a "
                "new, approved change instead).",
            )
    if any(row.version == current for row in stored):
        raise refuse(
            409,
            "idempotency_key_reused",
            f"Idempotency-Key {key[:12]}… was already used by the current release (version "
            f"{current}) with a different document.",
        )
    # The same bundle as an older release, in a new document: a rollback. Verify it as usual.
    return None


def record_rejection(session: Session, raw: Any) -> Answer:
    """Keep a signed rejection (201; the same one again: 200), or raise ``RefusalError``."""
    rejection = parse_document(RejectionDocument, raw, "rejection")
    serialise(session, RELEASES_SCOPE)
    refusal = check_rejection(rejection, registry(session))
    if refusal is not None:
        raise RefusalError(refusal)
    body = {
        "change_id": rejection.change_id,
        "bundle_sha256": rejection.bundle_sha256,
        "user": rejection.user,
    }
    key = (rejection.change_id, rejection.bundle_sha256, rejection.user)
    if session.get(StoredRejection, key) is not None:
        return Answer(200, body, replayed=True)
    session.add(
        StoredRejection(
            change_id=rejection.change_id,
            bundle_sha256=rejection.bundle_sha256,
            user=rejection.user,
            version=rejection.version,
            role=rejection.role,
            key_id=rejection.key_id,
            signature=rejection.signature,
        )
    )
    session.flush()
    return Answer(201, body)


def replace_registry(session: Session, approvers: Sequence[Approver]) -> None:
    session.execute(delete(RegisteredApprover))
    for a in approvers:
        session.add(
            RegisteredApprover(key_id=a.key_id, user=a.user, role=a.role, public_key=a.public_key)
        )


def parse_registry(entries: Any) -> list[Approver]:
    """A registry list (parsed JSON) as approvers, or a refusal: ``invalid_approver_key`` for a
    key that may not be trusted, ``schema_invalid`` for anything else malformed."""
    if not isinstance(entries, list):
        raise refuse(422, "schema_invalid", "The approver registry must be a JSON list.")
    approvers = []
    for i, entry in enumerate(entries):
        try:
            approvers.append(
                Approver(**ApproverEntry.model_validate(entry, strict=True).model_dump())
            )
        except ValidationError as exc:
            bad_key = any(err["loc"][-1:] == ("public_key",) for err in exc.errors())
            code = "invalid_approver_key" if bad_key else "schema_invalid"
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise refuse(422, code, f"Approver {i}: {where}: {first['msg']}") from None
    return approvers


def bootstrap_registry(session: Session, approvers: Sequence[Approver]) -> None:
    """Set the first registry; refused once there is a registry or a release.

    Serialised with pushes (the same lock), so that of concurrent bootstraps exactly one wins
    and the first release never sees half a registry.
    """
    serialise(session, RELEASES_SCOPE)
    if current_release(session) is not None or registry(session):
        raise refuse(
            409,
            "registry_already_set",
            "The approver registry is already set; change it with an approved release.",
        )
    check_registry_entries(approvers)
    replace_registry(session, approvers)
    session.merge(ServerMeta(key=FIRST_REGISTRY, value=registry_digest(approvers)))


def registry_digest(approvers: Sequence[Approver]) -> str:
    """What names a registry whatever the order of its entries."""
    entries = sorted((a.model_dump() for a in approvers), key=lambda e: e["key_id"])
    return document_sha256(entries)


def first_registry_digest(session: Session) -> str | None:
    row = session.get(ServerMeta, FIRST_REGISTRY)
    return row.value if row is not None else None


def check_registry_entries(approvers: Sequence[Approver]) -> None:
    if not approvers:
        raise refuse(422, "schema_invalid", "The approver registry cannot be empty.")
    for a in approvers:
        if signing.key_id(a.public_key) != a.key_id:
            raise refuse(
                422,
                "invalid_approver_key",
                f"Approver {a.user}: key_id {a.key_id} does not name its public key.",
            )
    ids = [a.key_id for a in approvers]
    if len(ids) != len(set(ids)):
        raise refuse(422, "schema_invalid", "Approver key ids must be unique.")


def release_summary(row: Release) -> dict[str, Any]:
    return {
        "version": row.version,
        "change_id": row.change_id,
        "author": row.author,
        "bundle_sha256": row.bundle_sha256,
        "applied_at": as_utc(row.applied_at).isoformat(),
        "approvers": list(row.approvers),
    }
