"""A person's signing key: created, rotated, looked up (``studio keys ...``, first-run dialog).

The private half goes to the OS keyring, encrypted with the person's passphrase; the public half
goes into the workspace (``public_keys``) and into the draft's ``approvers`` section. Registering
the key on the CRM server is therefore itself a change that needs the current policy's approvals:
holding the server token is not enough to make yourself an approver.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select
from sqlalchemy.orm import Session

from schema.models import PublicKeyRow, UserRow, utcnow
from studio.audit import log as audit
from studio.bundle.model import Approver
from studio.changes import keystore
from studio.changes.releases import live_bundle, live_policy
from studio.contract import signing
from studio.draft.store import get_draft
from studio.errors import StudioError
from studio.workspace.connection import Workspace


class KeyManagementError(StudioError):
    """A key operation the user asked for cannot be done (unknown user, key exists...)."""


@dataclass(frozen=True)
class KeyInfo:
    user: str
    role: str
    key_id: str
    public_key: str
    created_at: datetime | None = None
    revoked_at: datetime | None = None


def user_role(session: Session, user: str) -> str:
    """The role of an active workspace user; ``KeyManagementError`` for anyone else."""
    row = session.scalars(select(UserRow).where(UserRow.name == user)).first()
    if row is None or not row.active:
        raise KeyManagementError("Unknown user {user}.", user=user)
    return row.role.key


def active_key(session: Session, user: str) -> PublicKeyRow | None:
    """The user's current (not revoked) public key row, if any."""
    return session.scalars(
        select(PublicKeyRow)
        .where(PublicKeyRow.user_name == user, PublicKeyRow.revoked_at.is_(None))
        .order_by(PublicKeyRow.id.desc())
    ).first()


def active_key_ids(ws: Workspace, user: str) -> list[str]:
    """The user's unrevoked key ids, oldest first."""
    with ws.session() as s:
        return [r.key_id for r in _unrevoked(s, user)]


def list_keys(ws: Workspace) -> list[KeyInfo]:
    """Every key the workspace knows, revoked ones included (newest last)."""
    with ws.session() as s:
        roles = {u.name: u.role.key for u in s.scalars(select(UserRow))}
        return [
            KeyInfo(
                r.user_name,
                roles.get(r.user_name, ""),
                r.key_id,
                r.public_key,
                r.created_at,
                r.revoked_at,
            )
            for r in s.scalars(select(PublicKeyRow).order_by(PublicKeyRow.id))
        ]


def _draft_approvers(session: Session) -> list[Approver]:
    """The approvers section the draft will carry: its own, else the live registry."""
    draft = get_draft(session)
    if draft.approvers is not None:
        return [Approver.model_validate(a) for a in draft.approvers]
    live = live_bundle(session)
    return list(live.approvers or ()) if live is not None else []


def _set_draft_approvers(session: Session, approvers: list[Approver], user: str) -> None:
    draft = get_draft(session)
    draft.approvers = [a.model_dump(mode="json") for a in approvers]
    draft.updated_by = user
    draft.updated_at = utcnow()  # moves the draft revision: concurrent editors see a conflict


def _register(session: Session, user: str, role: str, key: Ed25519PrivateKey) -> KeyInfo:
    pub = signing.public_key_b64(key)
    kid = signing.key_id(pub)
    session.add(PublicKeyRow(key_id=kid, user_name=user, public_key=pub))
    approvers = [a for a in _draft_approvers(session) if a.user != user]
    approvers.append(Approver(user=user, role=role, key_id=kid, public_key=pub))
    _set_draft_approvers(session, approvers, user)
    session.flush()
    return KeyInfo(user, role, kid, pub)


def create_key(ws: Workspace, user: str, passphrase: str) -> KeyInfo:
    """Make ``user``'s first key pair; refuses when they already have an active key."""
    keystore.require_secure_keyring()
    keystore.check_passphrase(passphrase)
    with ws.session() as s:
        role = user_role(s, user)
        if active_key(s, user) is not None:
            raise KeyManagementError(
                "{user} already has a key; use 'studio keys rotate --user {user}' to replace it.",
                user=user,
            )
    return _new_key(ws, user, role, passphrase, action="key_create")


def rotate_key(ws: Workspace, user: str, passphrase: str) -> KeyInfo:
    """Make a new key for ``user`` (the old one is lost, leaked or due) under ``passphrase``.

    The new public key replaces the old one in the draft's approvers. The old key stays usable
    until a release carrying that approvers section is live, because until then it is the key
    the server accepts (revoking it only here would protect nothing and could leave the only
    business lead unable to approve the very change that registers their new key). The push that
    makes the new registry live revokes the old key in the workspace (``revoke_unregistered``).
    """
    keystore.require_secure_keyring()
    keystore.check_passphrase(passphrase)
    with ws.session() as s:
        role = user_role(s, user)
    return _new_key(ws, user, role, passphrase, action="key_rotate")


def _new_key(ws: Workspace, user: str, role: str, passphrase: str, action: str) -> KeyInfo:
    key = signing.new_private_key()
    kid = signing.key_id(signing.public_key_b64(key))
    # Keyring first: if the workspace write then fails, we remove the orphan secret again.
    keystore.store_private_key(kid, key, passphrase)
    try:
        with ws.session() as s:
            replaced = [k.key_id for k in _unrevoked(s, user)]
            info = _register(s, user, role, key)
            audit.append(s, user, action, user, {"key_id": kid, "role": role, "replaces": replaced})
    except BaseException:
        keystore.delete_private_key(kid)
        raise
    return info


def _unrevoked(session: Session, user: str) -> list[PublicKeyRow]:
    return list(
        session.scalars(
            select(PublicKeyRow)
            .where(PublicKeyRow.user_name == user, PublicKeyRow.revoked_at.is_(None))
            .order_by(PublicKeyRow.id)
        )
    )


def revoke_unregistered(session: Session, approvers: tuple[Approver, ...]) -> list[str]:
    """Revoke every workspace key that the now-live registry ``approvers`` no longer holds."""
    live_ids = {a.key_id for a in approvers}
    revoked = []
    for row in session.scalars(select(PublicKeyRow).where(PublicKeyRow.revoked_at.is_(None))):
        if row.key_id not in live_ids:
            row.revoked_at = utcnow()
            revoked.append(row.key_id)
    return revoked


def signing_key(session: Session, user: str, passphrase: str) -> tuple[str, Ed25519PrivateKey]:
    """``(key_id, private key)`` to sign with as ``user``, opened with ``passphrase``.

    Among the user's unrevoked keys: the one the live registry holds (what the server will
    check), else the oldest one this computer's keyring has (the one a freshly initialised server
    was most likely given), else the newest.
    """
    rows = _unrevoked(session, user)
    if not rows:
        raise KeyManagementError(
            "{user} has no signing key yet: run 'studio keys create --user {user}'.", user=user
        )
    _policy, registry = live_policy(session)
    registered = {a.key_id for a in registry or ()}
    candidates = [r for r in rows if r.key_id in registered] if registry is not None else []
    if not candidates:
        candidates = [r for r in rows if keystore.has_private_key(r.key_id)] or [rows[-1]]
    row = candidates[0]
    key = keystore.load_private_key(row.key_id, passphrase, user)
    if signing.public_key_b64(key) != row.public_key:
        raise KeyManagementError(
            "The keyring's key {key_id} does not match the workspace.", key_id=row.key_id
        )
    return row.key_id, key


def approvers_registry(ws: Workspace) -> list[dict[str, str]]:
    """The active keys as the server's ``--approvers`` file wants them (first initialisation)."""
    with ws.session() as s:
        roles = {u.name: u.role.key for u in s.scalars(select(UserRow))}
        rows = s.scalars(
            select(PublicKeyRow).where(PublicKeyRow.revoked_at.is_(None)).order_by(PublicKeyRow.id)
        )
        return [
            {
                "user": r.user_name,
                "role": roles.get(r.user_name, ""),
                "key_id": r.key_id,
                "public_key": r.public_key,
            }
            for r in rows
        ]


def has_signing_key(ws: Workspace, user: str) -> bool:
    """Whether ``user`` has a signing key that is not revoked (signing in asks for its
    passphrase)."""
    with ws.session() as s:
        return bool(_unrevoked(s, user))


def check_passphrase(ws: Workspace, user: str, passphrase: str) -> str:
    """Open ``user``'s signing key with ``passphrase`` to prove who signs in; the key id.

    Raises ``PassphraseError`` on a wrong passphrase (``KeyManagementError`` without a key).
    """
    with ws.session() as s:
        kid, _key = signing_key(s, user, passphrase)
    return kid
