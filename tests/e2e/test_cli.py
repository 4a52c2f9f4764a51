"""The CLI contracts of DESIGN.md, run as a person (or a script) would: a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema

from studio.bundle.json_schema import SCHEMA_PATH
from studio.bundle.sample import sample_bundle


def studio(
    *args: str, env: dict[str, str] | None = None, input: str | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "studio", *args],
        input=input,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, **(env or {})},
    )


def test_help_lists_the_commands() -> None:
    result = studio("--help")
    assert result.returncode == 0
    for command in ("init", "config"):
        assert command in result.stdout


def test_init_then_export_gives_a_bundle_valid_against_the_published_schema(tmp_path: Path) -> None:
    ws = tmp_path / "w.db"
    out = tmp_path / "out.json"
    assert studio("init", "--sample", "--workspace", str(ws)).returncode == 0
    result = studio("config", "export", "--workspace", str(ws), str(out))
    assert result.returncode == 0, result.stderr
    data = json.loads(out.read_text(encoding="utf-8"))
    jsonschema.validate(data, json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))
    assert out.read_bytes() == sample_bundle().canonical_json()
    assert sample_bundle().sha256() in result.stdout


def test_workspace_from_environment_and_chinese_messages(tmp_path: Path) -> None:
    ws = tmp_path / "团队.db"
    result = studio("init", "--sample", env={"STUDIO_WORKSPACE": str(ws), "STUDIO_LANG": "zh_CN"})
    assert result.returncode == 0
    assert "已在" in result.stdout and ws.exists()


def test_workspace_and_user_given_before_the_command_are_the_ones_used(tmp_path: Path) -> None:
    ws = tmp_path / "team.db"
    home = tmp_path / "home"
    env = {"HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "STUDIO_WORKSPACE": ""}
    result = studio("--workspace", str(ws), "init", "--sample", env=env)
    assert result.returncode == 0, result.stderr
    assert ws.exists() and str(ws) in result.stdout
    assert not (home / "data").exists()  # nothing was created on the default workspace
    out = tmp_path / "out.json"
    assert studio("-w", str(ws), "config", "export", str(out), env=env).returncode == 0
    assert out.read_bytes() == sample_bundle().canonical_json()
    # the option after the command still wins over the one before it
    other = tmp_path / "other.db"
    assert studio("-w", str(ws), "init", "-w", str(other), env=env).returncode == 0
    assert other.exists()


def test_init_refuses_to_overwrite_an_existing_workspace(tmp_path: Path) -> None:
    ws = tmp_path / "w.db"
    studio("init", "--sample", "--workspace", str(ws))
    before = ws.read_bytes()
    result = studio("init", "--workspace", str(ws))
    assert result.returncode == 1
    assert "already exists" in result.stderr
    assert ws.read_bytes() == before


def test_config_import_replaces_the_draft(tmp_path: Path) -> None:
    ws = tmp_path / "w.db"
    studio("init", "--sample", "--workspace", str(ws))
    bundle = json.loads(sample_bundle().canonical_json())
    bundle["entities"][0]["label"]["en"] = "Client"
    src = tmp_path / "edited.json"
    src.write_text(json.dumps(bundle, ensure_ascii=False), encoding="utf-8")
    assert studio("config", "import", "--workspace", str(ws), str(src)).returncode == 0
    out = tmp_path / "out.json"
    studio("config", "export", "--workspace", str(ws), str(out))
    assert json.loads(out.read_text(encoding="utf-8"))["entities"][0]["label"]["en"] == "Client"


def test_invalid_bundle_is_refused_and_draft_untouched(tmp_path: Path) -> None:
    ws = tmp_path / "w.db"
    studio("init", "--sample", "--workspace", str(ws))
    bundle = json.loads(sample_bundle().canonical_json())
    bundle["entities"][0]["fields"].append(dict(bundle["entities"][0]["fields"][0]))
    bad = tmp_path / "dupe.json"
    bad.write_text(json.dumps(bundle), encoding="utf-8")
    broken = tmp_path / "broken.json"
    broken.write_bytes(b'{"entities": [')
    for path, expected in ((bad, "duplicate field keys name"), (broken, "not a valid bundle")):
        result = studio("config", "import", "--workspace", str(ws), str(path))
        assert result.returncode == 1
        assert expected in result.stderr
        assert "Traceback" not in result.stderr
    out = tmp_path / "out.json"
    studio("config", "export", "--workspace", str(ws), str(out))
    assert out.read_bytes() == sample_bundle().canonical_json()


def test_bad_workspace_exits_1_without_traceback(tmp_path: Path) -> None:
    not_ws = tmp_path / "photo.db"
    not_ws.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 100)
    for target in (str(not_ws), "postgresql+psycopg://lin:pw@127.0.0.1:1/crm"):
        result = studio("config", "export", "--workspace", target, str(tmp_path / "o.json"))
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert result.stderr.strip()
    assert not (tmp_path / "o.json").exists()


def test_unexpected_errors_go_to_the_log_not_the_screen(tmp_path: Path) -> None:
    import sqlite3

    ws = tmp_path / "w.db"
    studio("init", "--sample", "--workspace", str(ws))
    with sqlite3.connect(ws) as conn:  # damage the workspace behind the studio's back
        conn.execute("ALTER TABLE draft DROP COLUMN policy")
    logs = tmp_path / "state"
    result = studio(
        "config",
        "export",
        "--workspace",
        str(ws),
        str(tmp_path / "o.json"),
        env={"XDG_STATE_HOME": str(logs)},
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "studio.log" in result.stderr
    log_text = next(logs.rglob("studio.log")).read_text(encoding="utf-8")
    assert "Traceback" in log_text and "policy" in log_text
