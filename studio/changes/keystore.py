"""The OS keyring: where private signing keys (encrypted) and server tokens live.

Headless machines without a Secret Service make ``keyring`` fall back to a plaintext file
(``keyrings.alt``) or to a backend that fails on use. Either would be a silent downgrade of where
secrets live, so we accept only the real OS stores and refuse anything else with a clear message.

Private keys are stored as PKCS#8 PEM encrypted with the person's passphrase (cryptography's
``BestAvailableEncryption``): even someone who can read the keyring cannot sign without it.
"""

from __future__ import annotations

import contextlib
import os
from typing import Any

import keyring
import keyring.errors
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    BestAvailableEncryption,
    Encoding,
    PrivateFormat,
    load_pem_private_key,
)

from studio.errors import StudioError

KEY_SERVICE = "CRM Config Studio signing key"
TOKEN_SERVICE = "CRM Config Studio server token"
WORKSPACE_SERVICE = "CRM Config Studio workspace password"
ENV_TOKEN = "STUDIO_SERVER_TOKEN"
MIN_PASSPHRASE = 8

#: Backends that keep secrets in the operating system's protected store.
_SECURE_BACKENDS = (
    "keyring.backends.SecretService",
    "keyring.backends.libsecret",
    "keyring.backends.macOS",
    "keyring.backends.Windows",
    "keyring.backends.kwallet",
)


class KeyringError(StudioError):
    """The OS keyring is missing, insecure or refused an operation."""


class PassphraseError(StudioError):
    """A passphrase is too short or does not open the key."""


def _is_secure(backend: Any) -> bool:
    inner = getattr(backend, "backends", None)
    if inner is not None:  # the chainer: every backend it may write to must be secure
        return bool(inner) and all(_is_secure(b) for b in inner)
    return type(backend).__module__.startswith(_SECURE_BACKENDS)


def backend_name() -> str:
    backend = keyring.get_keyring()
    return f"{type(backend).__module__}.{type(backend).__name__}"


def require_secure_keyring() -> None:
    """Refuse (``KeyringError``) unless the keyring is a real OS secret store."""
    if not _is_secure(keyring.get_keyring()):
        raise KeyringError(
            "No secure OS keyring is available (found {backend}). Private keys are only "
            "stored in the system keyring (GNOME Keyring/KWallet, macOS Keychain, Windows "
            "Credential Manager); start or unlock it and try again.",
            backend=backend_name(),
        )


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise PassphraseError("The passphrase must have at least {n} characters.", n=MIN_PASSPHRASE)


def _set(service: str, name: str, value: str) -> None:
    require_secure_keyring()
    try:
        keyring.set_password(service, name, value)
    except Exception as exc:  # backends raise their own types (D-Bus, locked collection...)
        raise KeyringError(
            "The OS keyring refused to store the secret: {reason}", reason=type(exc).__name__
        ) from None


def _get(service: str, name: str) -> str | None:
    require_secure_keyring()
    try:
        return keyring.get_password(service, name)
    except Exception as exc:  # backends raise their own types (D-Bus, locked collection...)
        raise KeyringError(
            "The OS keyring could not be read: {reason}", reason=type(exc).__name__
        ) from None


def store_private_key(key_id: str, key: Ed25519PrivateKey, passphrase: str) -> None:
    """Encrypt ``key`` under ``passphrase`` and put it in the keyring under ``key_id``."""
    check_passphrase(passphrase)
    pem = key.private_bytes(
        Encoding.PEM, PrivateFormat.PKCS8, BestAvailableEncryption(passphrase.encode("utf-8"))
    )
    _set(KEY_SERVICE, key_id, pem.decode("ascii"))


def load_private_key(key_id: str, passphrase: str, user: str) -> Ed25519PrivateKey:
    """The private key ``key_id``, decrypted with ``passphrase``.

    Raises ``KeyringError`` when this computer's keyring does not hold it and ``PassphraseError``
    when the passphrase does not open it (the message never contains the passphrase).
    """
    pem = _get(KEY_SERVICE, key_id)
    if pem is None:
        raise KeyringError(
            "The private key {key_id} of {user} is not in this computer's keyring. "
            "If it is lost, make a new one with 'studio keys rotate --user {user}'.",
            key_id=key_id,
            user=user,
        )
    try:
        key = load_pem_private_key(pem.encode("ascii"), password=passphrase.encode("utf-8"))
    except (ValueError, TypeError):
        raise PassphraseError("Wrong passphrase for the key of {user}.", user=user) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyringError("The keyring entry {key_id} is not an Ed25519 key.", key_id=key_id)
    return key


def delete_private_key(key_id: str) -> None:
    """Forget a private key (after rotation); missing entries are fine."""
    require_secure_keyring()
    with contextlib.suppress(keyring.errors.PasswordDeleteError):
        keyring.delete_password(KEY_SERVICE, key_id)


def has_private_key(key_id: str) -> bool:
    return _get(KEY_SERVICE, key_id) is not None


def store_server_token(server_url: str, token: str) -> None:
    """Keep the bearer token for ``server_url`` in the keyring (never in the workspace)."""
    _set(TOKEN_SERVICE, server_url.rstrip("/"), token)


def store_workspace_password(url: str, password: str) -> None:
    """Keep the database password of the team workspace ``url`` (given without a password)."""
    _set(WORKSPACE_SERVICE, url, password)


def workspace_password(url: str) -> str | None:
    """The keyring's database password for the team workspace ``url``, if it holds one."""
    return _get(WORKSPACE_SERVICE, url)


def server_token(server_url: str) -> str | None:
    """The bearer token: ``STUDIO_SERVER_TOKEN``, else the keyring's entry for ``server_url``."""
    env = os.environ.get(ENV_TOKEN)
    if env:
        return env
    return _get(TOKEN_SERVICE, server_url.rstrip("/"))
