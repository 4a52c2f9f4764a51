"""HTTP to a CRM server that speaks the studio's wire contract: URL rules, retries, errors.

Plain HTTP is allowed only to loopback; TLS is verified. Timeouts, dropped connections and 5xx
answers are retried with exponential backoff and jitter (stamina); 4xx answers are final, and a
401 (or a 403 about the caller) is an ``AuthError`` the UI can turn into a "sign in again" prompt.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpx
import stamina

from studio.errors import StudioError
from studio.i18n import tr

RELEASES = "/api/v1/releases"

#: ``progress(stage, fraction)``: stage is a short message for people, fraction in [0, 1].
Progress = Callable[[str, float], None]


class PushError(StudioError):
    """A push did not reach a decision of the server, or the server refused it."""


class AuthError(PushError):
    """The server refused the token (401/403), or there is none."""


class PushRefused(PushError):
    """The server refused the release (4xx); ``code`` is the server's error code."""

    def __init__(self, message: str, code: str, status: int, /, **params: object) -> None:
        super().__init__(message, **params)
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
        raise PushError("Not a server URL: {url}", url=url)
    if parts.scheme == "http" and not is_loopback(host):
        raise PushError(
            "Refusing plain HTTP to {host}: use https:// (plain HTTP is allowed only to "
            "127.0.0.1, ::1 or localhost).",
            host=host,
        )
    if parts.username or parts.password:
        raise PushError("Put the server token in the keyring, not in the URL.")
    return url.strip().rstrip("/")


def server_client(server_url: str, token: str, retry: RetryPolicy) -> httpx.Client:
    host = urlsplit(server_url).hostname or ""
    return httpx.Client(
        base_url=server_url,
        headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
        timeout=retry.request_timeout,
        verify=True,
        # A proxy from the environment must not sit between us and a loopback server.
        trust_env=not is_loopback(host),
    )


def error_of(response: httpx.Response) -> tuple[str, str]:
    try:
        err = response.json().get("error", {})
        return str(err.get("code", "")), str(err.get("message", ""))
    except (ValueError, AttributeError):
        return "", response.text[:200]


def send_with_retries(
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
            "The server kept failing (HTTP {status}) after {n} attempts; nothing was "
            "marked live. Try the push again later.",
            status=exc.status,
            n=attempts,
        ) from None
    except httpx.TransportError as exc:
        raise ServerUnavailable(
            "The server at {url} did not answer after {n} attempts ({reason}); nothing was "
            "marked live. Try the push again later.",
            url=str(client.base_url),
            n=attempts,
            reason=type(exc).__name__,
        ) from None
    return response, attempts


def is_auth_failure(response: httpx.Response) -> bool:
    """401, or a 403 about the caller; a 403 about a signature is a refusal of the release."""
    if response.status_code == 401:
        return True
    return response.status_code == 403 and error_of(response)[0] in ("", "forbidden")


def auth_failure(response: httpx.Response, server_url: str) -> AuthError:
    _code, message = error_of(response)
    return AuthError(
        "The server at {url} refused the token (HTTP {status}: {message}). Set a valid "
        "token in STUDIO_SERVER_TOKEN or with 'studio keys token --server {url}'.",
        url=server_url,
        status=response.status_code,
        message=message or "-",
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
    with server_client(check_server_url(server_url), token, retry) as client:
        response, _n = send_with_retries(client, "GET", f"{RELEASES}/{version}", retry, None)
    if response.status_code == 404:
        return None
    if is_auth_failure(response):
        raise auth_failure(response, server_url)
    if response.status_code != 200:
        _code, message = error_of(response)
        raise PushError(
            "The server answered HTTP {status}: {message}",
            status=response.status_code,
            message=message,
        )
    data: dict[str, Any] = response.json()
    return data


def refusal_error(response: httpx.Response) -> PushRefused:
    code, message = error_of(response)
    return PushRefused(
        "The server refused the release (HTTP {status}, {code}): {message}",
        code,
        response.status_code,
        status=response.status_code,
        code=code or "-",
        message=message or "-",
    )
