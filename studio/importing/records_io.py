"""Reading every record of an entity from the server, a page at a time (``studio export``)."""

from __future__ import annotations

from typing import Any

from studio.client.http import RetryPolicy, error_of, is_auth_failure, send_with_retries
from studio.importing.server import ServerLink


def fetch_all(server: ServerLink, entity: str) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    cursor: str | None = None
    with server.client() as client:
        while True:
            params: dict[str, Any] = {"limit": 1000}
            if cursor:
                params["cursor"] = cursor
            response, _n = send_with_retries(
                client, "GET", f"/api/v1/records/{entity}", RetryPolicy(), None, params=params
            )
            if is_auth_failure(response):
                raise server.auth_error(response)
            if response.status_code != 200:
                raise server.refused(response, error_of(response))
            page = response.json()
            records += page["records"]
            cursor = page.get("next_cursor")
            if not cursor:
                return records
