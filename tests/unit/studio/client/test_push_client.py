"""What the push client refuses before touching the network."""

from __future__ import annotations

from pathlib import Path

import pytest

from studio import changes
from studio.client.push import PushError, check_server_url, is_loopback, push
from studio.client.server_url import resolve_server_url
from studio.workspace.bootstrap import init_workspace


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8765",
        "http://localhost:1/",
        "http://[::1]:8765",
        "https://crm.example.invalid",
    ],
)
def test_https_or_loopback_http_is_accepted(url: str) -> None:
    assert check_server_url(url) == url.rstrip("/")


@pytest.mark.parametrize(
    "url,message",
    [
        ("http://crm.example.invalid", "Refusing plain HTTP"),
        ("http://10.0.0.5:8765", "Refusing plain HTTP"),
        ("ftp://127.0.0.1", "Not a server URL"),
        ("https://user:pw@crm.example.invalid", "not in the URL"),
        ("crm.example.invalid", "Not a server URL"),
    ],
)
def test_plain_http_elsewhere_and_odd_urls_are_refused(url: str, message: str) -> None:
    with pytest.raises(PushError, match=message):
        check_server_url(url)


def test_loopback_detection() -> None:
    assert is_loopback("127.0.0.2") and is_loopback("::1") and is_loopback("LOCALHOST")
    assert not is_loopback("localhost.example.invalid") and not is_loopback("192.168.1.1")


def test_server_url_comes_from_option_env_or_workspace(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = init_workspace(tmp_path / "w.db", sample=True)
    try:
        with pytest.raises(PushError, match="No server configured"):
            resolve_server_url(ws)
        monkeypatch.setenv("STUDIO_SERVER_URL", "http://127.0.0.1:9")
        assert resolve_server_url(ws) == "http://127.0.0.1:9"
        assert (
            resolve_server_url(ws, "https://crm.example.invalid/") == "https://crm.example.invalid"
        )
    finally:
        ws.close()


def test_push_of_an_unapproved_change_is_refused_before_any_request(tmp_path: Path) -> None:
    ws = init_workspace(tmp_path / "w.db", sample=True)
    try:
        view = changes.submit(ws, "lin", "First")
        # Port 9 on loopback: nothing listens there, so a request would fail differently.
        with pytest.raises(changes.ChangeRefused, match="more approval"):
            push(ws, view.id, server_url="http://127.0.0.1:9", token="t" * 32)
    finally:
        ws.close()
