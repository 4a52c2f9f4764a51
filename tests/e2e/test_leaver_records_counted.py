"""`disabled_user_holds_records` judged by the server's records (issue 14): a person disabled
without a hand-over while customers on the real `studio serve` still name them as owner makes
submit fail with the count; the permission health report says how many; once the records are
someone else's, nothing is said. Without a server the rule can only warn."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl

from tests.e2e.test_submit_with_server_counts import studio
from tests.helpers.impact import load_customers
from tests.helpers.leavers import CUSTOMERS, HELD, disable_wu_without_hand_over
from tests.helpers.server import LiveServer


def test_submit_counts_the_records_a_leaver_still_owns(
    sample_workspace_path: Path, live_server: LiveServer, tmp_path: Path
) -> None:
    disable_wu_without_hand_over(sample_workspace_path)
    load_customers(live_server, CUSTOMERS)
    env = {
        "STUDIO_WORKSPACE": str(sample_workspace_path),
        "STUDIO_USER": "lin",
        "STUDIO_SERVER_TOKEN": live_server.token,
        "STUDIO_SERVER_URL": live_server.base_url,
    }
    refused = studio("change", "submit", "--title", "wu left", env=env)
    assert refused.returncode == 1
    assert HELD in refused.stderr

    report = tmp_path / "health.xlsx"
    written = studio("access", "--report", str(report), env=env)
    assert written.returncode == 0, written.stderr
    summary = [
        r[0] for r in openpyxl.load_workbook(report).worksheets[0].iter_rows(values_only=True)
    ]
    assert "Leavers without a hand-over: wu (2 records still theirs)." in summary

    # Without a server the rule cannot know: a warning, and submit goes ahead... but first the
    # records are given to zhou on the server, and then nothing is said at all.
    load_customers(live_server, [{**c, "owner": "zhou"} for c in CUSTOMERS])
    check = studio("check", "--format", "json", env=env)
    assert "disabled_user_holds_records" in check.stdout  # `check` does not ask the server
    passed = studio("change", "submit", "--title", "wu left", env=env)
    assert passed.returncode == 0, passed.stderr
    # The reviewer's findings are judged with the server's counts too: none left to hand over.
    shown = studio("change", "show", passed.stdout.strip(), "--format", "json", env=env)
    assert shown.returncode == 0, shown.stderr
    codes = {f["code"] for f in json.loads(shown.stdout)["findings"]}
    assert "disabled_user_holds_records" not in codes and "role_unused" in codes
