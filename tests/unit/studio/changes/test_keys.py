"""Signing keys in the real OS keyring (gnome-keyring over D-Bus, as scripts/test runs it)."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail

from studio.changes import keys, keystore
from studio.changes.keystore import KeyringError, PassphraseError
from studio.contract import signing
from studio.draft.store import load_draft
from studio.workspace.bootstrap import init_workspace
from studio.workspace.connection import Workspace
from tests.helpers.change_flow import PASSPHRASE


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = init_workspace(tmp_path / "w.db", sample=True)
    yield workspace
    workspace.close()


def test_create_puts_the_encrypted_private_key_in_the_keyring_and_the_public_key_in_the_draft(
    ws: Workspace,
) -> None:
    info = keys.create_key(ws, "zhou", PASSPHRASE)
    assert info.role == "business_lead"
    stored = keyring.get_password(keystore.KEY_SERVICE, info.key_id)
    assert stored is not None and "ENCRYPTED PRIVATE KEY" in stored
    key = keystore.load_private_key(info.key_id, PASSPHRASE, "zhou")
    assert signing.public_key_b64(key) == info.public_key
    with ws.session() as s:
        approvers = load_draft(s).approvers
    assert approvers is not None
    assert [(a.user, a.role, a.key_id) for a in approvers] == [
        ("zhou", "business_lead", info.key_id)
    ]


def test_private_key_material_never_reaches_the_workspace_file(ws: Workspace) -> None:
    info = keys.create_key(ws, "lin", PASSPHRASE)
    key = keystore.load_private_key(info.key_id, PASSPHRASE, "lin")
    raw = signing.private_key_raw(key)
    ws.close()
    data = Path(ws.target).read_bytes()
    for needle in (
        raw,
        base64.b64encode(raw),
        raw.hex().encode(),
        b"PRIVATE KEY",
        PASSPHRASE.encode(),
    ):
        assert needle not in data
    assert base64.b64decode(info.public_key) in data or info.public_key.encode() in data


def test_wrong_passphrase_and_short_passphrase_are_refused_without_echoing_it(
    ws: Workspace,
) -> None:
    with pytest.raises(PassphraseError, match="at least 8"):
        keys.create_key(ws, "chen", "short")
    info = keys.create_key(ws, "chen", PASSPHRASE)
    with pytest.raises(PassphraseError) as exc:
        keystore.load_private_key(info.key_id, "guess-1234", "chen")
    assert "guess-1234" not in str(exc.value)
    with ws.session() as s, pytest.raises(PassphraseError):
        keys.signing_key(s, "chen", "guess-1234")


def test_a_second_create_is_refused_and_rotate_replaces_the_key_in_the_draft(ws: Workspace) -> None:
    first = keys.create_key(ws, "chen", PASSPHRASE)
    with pytest.raises(keys.KeyManagementError, match="rotate"):
        keys.create_key(ws, "chen", PASSPHRASE)
    second = keys.rotate_key(ws, "chen", "another passphrase")
    assert second.key_id != first.key_id
    with ws.session() as s:
        approvers = load_draft(s).approvers
        # Until a release with the new registry is live, the old key is what a server accepts.
        kid, _key = keys.signing_key(s, "chen", PASSPHRASE)
        assert kid == first.key_id
        assert approvers is not None and [a.key_id for a in approvers] == [second.key_id]
        assert keys.revoke_unregistered(s, approvers) == [first.key_id]
    with ws.session() as s:
        kid, _key = keys.signing_key(s, "chen", "another passphrase")
    assert kid == second.key_id
    listed = {k.key_id: k for k in keys.list_keys(ws)}
    assert listed[first.key_id].revoked_at is not None and listed[second.key_id].revoked_at is None


def test_unknown_user_gets_no_key(ws: Workspace) -> None:
    with pytest.raises(keys.KeyManagementError, match="Unknown user"):
        keys.create_key(ws, "nobody", PASSPHRASE)


class _PlaintextLike(KeyringBackend):
    """Stands in for keyrings.alt's plaintext file: a backend outside the OS secret stores."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.data.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.data[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.data.pop((service, username), None)


@pytest.mark.parametrize("backend", [fail.Keyring, _PlaintextLike], ids=["fail", "plaintext"])
def test_an_insecure_keyring_is_refused_not_used(ws: Workspace, backend: type) -> None:
    real = keyring.get_keyring()
    fake = backend()
    keyring.set_keyring(fake)
    try:
        with pytest.raises(KeyringError, match="No secure OS keyring"):
            keys.create_key(ws, "zhou", PASSPHRASE)
    finally:
        keyring.set_keyring(real)
    assert getattr(fake, "data", {}) == {}
    assert keys.list_keys(ws) == []


def test_server_token_comes_from_the_environment_or_the_keyring(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(keystore.ENV_TOKEN, raising=False)
    url = "https://crm.example.invalid"
    keystore.store_server_token(url + "/", "tok-from-keyring")
    assert keystore.server_token(url) == "tok-from-keyring"
    monkeypatch.setenv(keystore.ENV_TOKEN, "tok-from-env")
    assert keystore.server_token(url) == "tok-from-env"
