"""``studio rules replay`` headless: the same numbers as the review, from a CRM database of last
month's leads (a real SQLite file) or from a workbook the admin picks; a workbook whose columns
map nothing is refused with its columns, and a server that does not answer says the replay could
not run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import xlsxwriter

from schema.models import ReleaseRow
from studio.draft.store import replace_draft
from studio.workspace.connection import open_workspace
from tests.helpers.rules import make_leads, region_rules, with_rules, write_leads_db

KEYS = {
    "replayed",
    "changed_outcome",
    "to_default",
    "to_no_owner",
    "rejected_by_validation",
    "stranded",
    "by_outcome",
    "share_to_default_or_no_owner",
}


def studio(*args: str, workspace: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "STUDIO_WORKSPACE": str(workspace), "STUDIO_USER": "lin"}
    env.pop("STUDIO_SERVER_URL", None)
    return subprocess.run(
        [sys.executable, "-m", "studio", *args],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
    )


def prepare(path: Path) -> None:
    """Live: routing by province + city; draft: by province + district."""
    ws = open_workspace(str(path))
    try:
        live = with_rules(lead=region_rules("city"))
        with ws.session() as s:
            s.add(
                ReleaseRow(
                    version=1,
                    change_id=str(uuid.uuid4()),
                    author="lin",
                    bundle_json=live.canonical_json().decode("utf-8"),
                    bundle_sha256=live.sha256(),
                    document={},
                )
            )
        with ws.session() as s:
            replace_draft(s, with_rules(lead=region_rules("district")), user="lin")
    finally:
        ws.close()


def test_replay_from_a_crm_database_and_from_a_workbook(
    sample_workspace_path: Path, tmp_path: Path
) -> None:
    prepare(sample_workspace_path)
    leads = make_leads(2_000)
    db = write_leads_db(tmp_path / "crm.db", leads)
    r = studio(
        "rules",
        "replay",
        "--db",
        f"sqlite:///{db}",
        "--since",
        "3650d",
        "--format",
        "json",
        workspace=sample_workspace_path,
    )
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout)
    assert set(result) >= KEYS
    assert result["replayed"] == 2_000 and 0.84 <= result["share_to_default_or_no_owner"] <= 0.9

    book = tmp_path / "leads.xlsx"
    wb = xlsxwriter.Workbook(str(book))
    sheet = wb.add_worksheet("线索")
    header = ["姓名", "Province", "city", "区"]
    sheet.write_row(0, 0, header)
    for i, lead in enumerate(leads[:500], start=1):
        sheet.write_row(
            i, 0, [lead["name"], lead["province"], lead["city"], lead["district"] or ""]
        )
    wb.close()
    r = studio(
        "rules",
        "replay",
        "--sample",
        str(book),
        "--format",
        "json",
        workspace=sample_workspace_path,
    )
    assert r.returncode == 0, r.stderr
    from_book = json.loads(r.stdout)
    assert from_book["replayed"] == 500 and from_book["level"] == "block"

    text = studio("rules", "replay", "--sample", str(book), workspace=sample_workspace_path)
    assert (
        text.returncode == 0
        and "Replay:" in text.stdout
        and "queue unassigned: 0 -> " in text.stdout
    )


def test_a_workbook_whose_columns_map_nothing_is_refused(
    sample_workspace_path: Path, tmp_path: Path
) -> None:
    prepare(sample_workspace_path)
    book = tmp_path / "other.xlsx"
    wb = xlsxwriter.Workbook(str(book))
    sheet = wb.add_worksheet("Sheet1")
    sheet.write_row(0, 0, ["Kunde", "Ort"])
    sheet.write_row(1, 0, ["A", "B"])
    wb.close()
    r = studio("rules", "replay", "--sample", str(book), workspace=sample_workspace_path)
    assert r.returncode == 1
    assert "Kunde" in r.stderr and "province" in r.stderr and "Traceback" not in r.stderr


def test_an_unreachable_server_says_the_replay_could_not_run(sample_workspace_path: Path) -> None:
    prepare(sample_workspace_path)
    r = subprocess.run(
        [sys.executable, "-m", "studio", "rules", "replay", "--server", "http://127.0.0.1:9"],
        capture_output=True,
        text=True,
        timeout=180,
        env={
            **os.environ,
            "STUDIO_WORKSPACE": str(sample_workspace_path),
            "STUDIO_SERVER_TOKEN": "t" * 32,
        },
    )
    assert r.returncode == 1 and "could not run" in r.stderr
