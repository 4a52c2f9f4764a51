"""Ed25519 signatures over approval decisions (DESIGN.md's wire contract).

What a signature covers is the canonical JSON of ``{"change_id", "bundle_sha256", "version",
"decision"}``. Keys travel as base64 of their raw 32 bytes; ``key_id`` is the first 16 hex digits
of the public key's sha256, so anyone can check that a key id names a key.

An audit head (where a workspace's audit log stood after a push) is signed by the pusher over the
canonical JSON of ``{"audit_head": {"workspace", "seq", "hash", "version", "bundle_sha256"}}``:
a shape no decision has, so neither signature can pass for the other.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Literal

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)

from studio.bundle.canonical_json import canonical_json
from studio.contract.ed25519_strict import public_key_b64_problem, signature_is_strict

#: Why a base64 public key may not enter a registry (``None``: it may).
public_key_error = public_key_b64_problem

#: ``submit`` is the author's signature over their own change (DESIGN.md's wire contract).
Decision = Literal["approve", "reject", "submit"]


def signed_payload(change_id: str, bundle_sha256: str, version: int, decision: str) -> bytes:
    return canonical_json(
        {
            "change_id": change_id,
            "bundle_sha256": bundle_sha256,
            "version": version,
            "decision": decision,
        }
    )


def new_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def public_key_b64(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    pub = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return base64.b64encode(pub.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode("ascii")


def private_key_raw(key: Ed25519PrivateKey) -> bytes:
    return key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())


def private_key_from_raw(raw: bytes) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(raw)


def key_id(public_b64: str) -> str:
    return hashlib.sha256(base64.b64decode(public_b64)).hexdigest()[:16]


def key_id_matches(kid: str, public_b64: str) -> bool:
    """Whether ``kid`` names ``public_b64`` (a key replaced under an old id does not)."""
    try:
        return key_id(public_b64) == kid
    except (ValueError, binascii.Error, TypeError):
        return False


def sign(
    key: Ed25519PrivateKey, change_id: str, bundle_sha256: str, version: int, decision: str
) -> str:
    """The base64 signature of one decision."""
    sig = key.sign(signed_payload(change_id, bundle_sha256, version, decision))
    return base64.b64encode(sig).decode("ascii")


def verify(
    public_b64: str,
    signature_b64: str,
    change_id: str,
    bundle_sha256: str,
    version: int,
    decision: str,
) -> bool:
    """True only for a well-formed signature by that key over exactly that decision."""
    return _verify(
        public_b64, signature_b64, signed_payload(change_id, bundle_sha256, version, decision)
    )


def head_payload(
    workspace: str, seq: int, head_hash: str, version: int, bundle_sha256: str
) -> bytes:
    """What a pusher's signature over an audit head covers: the head, and the release (version
    and its bundle's sha256) whose push it follows, so it fits no other server or release."""
    return canonical_json(
        {
            "audit_head": {
                "workspace": workspace,
                "seq": seq,
                "hash": head_hash,
                "version": version,
                "bundle_sha256": bundle_sha256,
            }
        }
    )


def sign_head(
    key: Ed25519PrivateKey,
    workspace: str,
    seq: int,
    head_hash: str,
    version: int,
    bundle_sha256: str,
) -> str:
    """The base64 signature of one audit head."""
    sig = key.sign(head_payload(workspace, seq, head_hash, version, bundle_sha256))
    return base64.b64encode(sig).decode("ascii")


def verify_head(
    public_b64: str,
    signature_b64: str,
    workspace: str,
    seq: int,
    head_hash: str,
    version: int,
    bundle_sha256: str,
) -> bool:
    """True only for a well-formed signature by that key over exactly that head and release."""
    return _verify(
        public_b64, signature_b64, head_payload(workspace, seq, head_hash, version, bundle_sha256)
    )


def _verify(public_b64: str, signature_b64: str, payload: bytes) -> bool:
    """Strict, whatever the crypto library's default: a small-order or non-canonical key, a
    small-order or non-canonical ``R`` and an ``S`` not below the group order never verify.
    """
    try:
        if public_key_error(public_b64) is not None:
            return False
        pub = Ed25519PublicKey.from_public_bytes(base64.b64decode(public_b64, validate=True))
        sig = base64.b64decode(signature_b64, validate=True)
        if base64.b64encode(sig).decode("ascii") != signature_b64 or not signature_is_strict(sig):
            return False
        pub.verify(sig, payload)
    except (InvalidSignature, ValueError, binascii.Error, TypeError):
        return False
    return True
