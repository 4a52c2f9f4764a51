"""`studio check`, `studio access` and `studio leaver` on issue 14's cases, as a person runs them."""

from __future__ import annotations

import json
from pathlib import Path

from studio.access.edits import set_cell, set_scopes
from studio.bundle.sample import sample_bundle
from tests.e2e.test_cli import studio


def _workspace(tmp_path: Path) -> str:
    ws = str(tmp_path / "w.db")
    assert studio("init", "--sample", "--workspace", ws).returncode == 0
    return ws


def test_check_fails_on_sales_deleting_customers_and_interns_reading_amounts(
    tmp_path: Path,
) -> None:
    ws = _workspace(tmp_path)
    assert studio("check", "--workspace", ws).returncode == 0
    bad = set_scopes(sample_bundle(), "sales", "customer", {"read": "all", "delete": "all"})
    bad = set_cell(bad, "intern", "contract", "contract_amount", "read")
    path = tmp_path / "bad.json"
    path.write_bytes(bad.canonical_json())
    assert studio("config", "import", "--workspace", ws, str(path)).returncode == 0
    result = studio("check", "--workspace", ws, "--format", "json")
    assert result.returncode == 1
    codes = {(f["code"], f["role"]) for f in json.loads(result.stdout)["findings"]}
    assert ("protected_delete", "sales") in codes
    assert ("sensitive_field_exposed", "intern") in codes


def test_access_says_field_by_field_with_reasons(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    result = studio(
        "access", "--workspace", ws, "--user", "zhao", "--entity", "contract", "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    amount = next(f for f in data["fields"] if f["field"] == "contract_amount")
    assert amount["access"] == "masked" and "intern" in amount["reason"]
    assert next(a for a in data["actions"] if a["action"] == "delete")["scope"] is None
    text = studio(
        "access",
        "--workspace",
        ws,
        "--user",
        "wu",
        "--entity",
        "customer",
        env={"STUDIO_LANG": "zh_CN"},
    )
    assert text.returncode == 0 and "本人的" in text.stdout  # sales edit their own customers
    unknown = studio("access", "--workspace", ws, "--user", "nobody", "--entity", "customer")
    assert unknown.returncode == 1 and "nobody" in unknown.stderr


def test_leaver_submits_one_change_and_refuses_the_impossible(tmp_path: Path) -> None:
    ws = _workspace(tmp_path)
    env = {"STUDIO_USER": "lin"}
    themselves = studio(
        "leaver", "--workspace", ws, "--user", "wu", "--to", "wu", "--title", "x", env=env
    )
    assert themselves.returncode == 1 and "themselves" in themselves.stderr
    last_admin = studio(
        "leaver", "--workspace", ws, "--user", "admin", "--to", "lin", "--title", "x", env=env
    )
    assert last_admin.returncode == 1 and "last active admin" in last_admin.stderr
    done = studio(
        "leaver", "--workspace", ws, "--user", "wu", "--to", "zhou", "--title", "Wu leaves", env=env
    )
    assert done.returncode == 0, done.stderr
    change_id = done.stdout.strip().splitlines()[-1]
    shown = studio("change", "show", change_id, "--workspace", ws, "--format", "json", env=env)
    data = json.loads(shown.stdout)
    # Nothing is live yet: the change adds the whole configuration, wu in it disabled.
    wu = next(u for u in data["diff"]["users"]["added"] if u["user"] == "wu")
    assert wu["disabled"] is True
    assert data["diff"]["access"] is None
    to_leaver = studio(
        "leaver", "--workspace", ws, "--user", "zhao", "--to", "wu", "--title", "x", env=env
    )
    assert to_leaver.returncode == 1 and "disabled" in to_leaver.stderr
    again = studio(
        "leaver", "--workspace", ws, "--user", "wu", "--to", "zhou", "--title", "x", env=env
    )
    assert again.returncode == 1 and "already disabled" in again.stderr
