"""Submit judges a newly required field by the server's records that lack it.

The customs-code outage again, on a first release onto a CRM that already holds data: nothing is
live, so without the server's counts the rules cannot know that customers exist. With a server
at hand, ``change submit`` is refused with the number of records that could no longer be saved.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from studio.client.stats import ServerStats, data_stats
from studio.workspace.connection import open_workspace
from tests.helpers.impact import load_customers, require_company
from tests.helpers.server import LiveServer


def studio(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studio", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **env},
    )


def _require_company(path: Path) -> None:
    ws = open_workspace(str(path))
    try:
        require_company(ws)
    finally:
        ws.close()


def test_submit_is_refused_with_the_count_of_records_that_lack_the_field(
    sample_workspace_path: Path, live_server: LiveServer
) -> None:
    _require_company(sample_workspace_path)
    load_customers(live_server)
    env = {
        "STUDIO_WORKSPACE": str(sample_workspace_path),
        "STUDIO_USER": "lin",
        "STUDIO_SERVER_TOKEN": live_server.token,
    }
    r = studio(
        "change", "submit", "--title", "Company required", "--server", live_server.base_url, env=env
    )
    assert r.returncode == 1
    assert "2 existing records" in r.stderr and "company" in r.stderr.lower()
    assert live_server.token not in r.stdout + r.stderr

    # The same draft without any server configured: nothing says records exist, as before.
    plain = studio(
        "change", "submit", "--title", "Company required", env={**env, "STUDIO_SERVER_TOKEN": ""}
    )
    assert plain.returncode == 0, plain.stderr


def test_the_rules_view_of_the_counts_fills_fields_no_record_holds() -> None:
    diff = {
        "entities": [
            {
                "key": "customer",
                "status": "added",
                "fields": {
                    "added": [{"key": "customs_code", "required": True}],
                    "changed": [],
                    "removed": [],
                },
            }
        ]
    }
    found = ServerStats(stats={"customer": {"record_count": 3, "fields": {"name": {"empty": 0}}}})
    stats = data_stats(diff, found)
    assert stats is not None
    assert stats.record_counts == {"customer": 3}
    assert stats.empty_counts == {("customer", "name"): 0, ("customer", "customs_code"): 3}
    assert data_stats(diff, ServerStats()) is None
