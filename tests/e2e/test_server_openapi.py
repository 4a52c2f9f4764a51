"""The server's OpenAPI document, and a property-based client (Schemathesis) run against it."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.helpers.server import LiveServer, run_server


def test_openapi_documents_every_endpoint_without_a_token(live_server: LiveServer) -> None:
    spec = httpx.get(f"{live_server.base_url}/openapi.json").json()
    paths = spec["paths"]
    for path in (
        "/api/v1/releases",
        "/api/v1/releases/current",
        "/api/v1/releases/{version}",
        "/api/v1/approvers",
        "/api/v1/approvers/bootstrap",
        "/api/v1/records/{entity}/batch",
        "/api/v1/records/{entity}",
        "/api/v1/stats/{entity}",
        "/api/v1/health",
    ):
        assert path in paths, path
    assert "ReleaseDocument" in spec["components"]["schemas"]
    assert spec["components"]["securitySchemes"]["HTTPBearer"]["scheme"] == "bearer"


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_schemathesis_finds_no_server_error(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Generated requests (valid and invalid) against every operation: never a 5xx."""
    url = request.getfixturevalue("pg_url") if backend == "postgresql" else None
    with run_server(data_dir=tmp_path / "server", database_url=url) as server:
        started = time.monotonic()
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "schemathesis.cli",
                "run",
                f"{server.base_url}/openapi.json",
                "--checks",
                "not_a_server_error",
                "-H",
                f"Authorization: Bearer {server.token}",
                "--max-examples",
                "30",
                "--max-time",
                "20",
                "--workers",
                "1",
                "--seed",
                "7",
                "--no-color",
                "--generation-database",
                "none",
                "--phases",
                "examples,coverage,fuzzing",
            ],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            timeout=90,
        )
        elapsed = time.monotonic() - started
        log = (server.data_dir / "server.log").read_text(encoding="utf-8")
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "passed" in result.stdout
    assert elapsed < 60
    assert " 500 " not in log and "Traceback" not in log
