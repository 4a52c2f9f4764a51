"""`studio check` as a person or a script runs it: the customs-code outage of issue 3, end to end."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from schema.models import ReleaseRow
from studio.bundle.sample import sample_bundle
from studio.workspace.connection import open_workspace

from .test_cli import studio

CUSTOMS_CODE: dict[str, Any] = {
    "key": "customs_code",
    "label": {"zh_CN": "海关编码", "en": "Customs code"},
    "type": "text",
    "required": True,
    "max_length": 10,
}


#: What issue 14's permission rules say about the sample itself (its generic `admin` account,
#: roles nobody holds): present in every check of it, beside what a test is about.
SAMPLE_FINDINGS = frozenset({"generic_admin_account", "role_unused"})


def of_interest(findings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [f for f in findings if f["code"] not in SAMPLE_FINDINGS]


def edit_draft(ws: Path, tmp_path: Path, field: dict[str, Any], forms: tuple[str, ...]) -> None:
    """What an admin does with a text editor: export, add a field to customer, import."""
    out = tmp_path / f"draft-{uuid.uuid4().hex[:6]}.json"
    assert studio("config", "export", "-w", str(ws), str(out)).returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    customer = next(e for e in data["entities"] if e["key"] == "customer")
    customer["fields"].append(field)
    for form in customer["forms"]:
        if form["key"] in forms:
            form["sections"][0]["placements"].append({"field": field["key"]})
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = studio("config", "import", "-w", str(ws), "--user", "lin", str(out))
    assert result.returncode == 0, result.stderr


def release_the_sample(ws: Path) -> None:
    """A live release, as the change flow records one once the server confirmed it."""
    bundle = sample_bundle()
    workspace = open_workspace(str(ws))
    try:
        with workspace.session() as s:
            s.add(
                ReleaseRow(
                    version=1,
                    change_id=str(uuid.uuid4()),
                    author="lin",
                    bundle_json=bundle.canonical_json().decode("utf-8"),
                    bundle_sha256=bundle.sha256(),
                    document={},
                )
            )
    finally:
        workspace.close()


def test_the_sample_passes(sample_workspace_path: Path) -> None:
    result = studio("check", "-w", str(sample_workspace_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout
    as_json = studio("check", "-w", str(sample_workspace_path), "--format", "json")
    assert as_json.returncode == 0
    document = json.loads(as_json.stdout)
    # Issue 14's permission rules speak about the sample on purpose: its demo user `admin` is
    # a generic account holding admin (a warning), and four roles nobody holds (notes).
    assert {(f["severity"], f["code"]) for f in document["findings"]} == {
        ("warning", "generic_admin_account"),
        ("info", "role_unused"),
    }
    assert document["summary"]["blocking"] is False


def test_customs_code_required_without_default_is_caught(
    sample_workspace_path: Path, tmp_path: Path
) -> None:
    ws = sample_workspace_path
    edit_draft(ws, tmp_path, CUSTOMS_CODE, forms=("create",))
    result = studio("check", "-w", str(ws))
    assert result.returncode == 1
    out = result.stdout
    assert "customer" in out and "customs_code" in out and "required_not_on_form" in out
    assert "Fix: Show Customs code (customs_code) on form Edit customer (edit)" in out
    assert "Fix: Show Customs code (customs_code) on form Customer (mobile) (mobile)" in out


def test_customs_code_after_a_release_needs_a_value_for_existing_customers(
    sample_workspace_path: Path, tmp_path: Path
) -> None:
    ws = sample_workspace_path
    release_the_sample(ws)
    edit_draft(ws, tmp_path, CUSTOMS_CODE, forms=("create", "edit", "mobile"))  # on every form
    result = studio("check", "-w", str(ws), "--format", "json")
    assert result.returncode == 1
    [finding] = of_interest(json.loads(result.stdout)["findings"])
    assert finding["code"] == "required_no_default_existing_records"
    assert (finding["entity"], finding["field"]) == ("customer", "customs_code")
    assert finding["fix"] == "Set a default value for Customs code (customs_code)"
    assert finding["fix_action"] == {
        "action": "set_default",
        "params": {"entity": "customer", "field": "customs_code"},
    }


def test_customs_code_with_a_default_passes(sample_workspace_path: Path, tmp_path: Path) -> None:
    ws = sample_workspace_path
    release_the_sample(ws)
    edit_draft(ws, tmp_path, {**CUSTOMS_CODE, "default": "0000000000"}, forms=("create",))
    result = studio("check", "-w", str(ws))
    assert result.returncode == 0, result.stdout
    assert "0 errors" in result.stdout


def test_a_default_that_does_not_fit_is_an_error(
    sample_workspace_path: Path, tmp_path: Path
) -> None:
    ws = sample_workspace_path
    edit_draft(ws, tmp_path, {**CUSTOMS_CODE, "default": "12345678901"}, forms=())
    result = studio("check", "-w", str(ws), "--format", "json")
    assert result.returncode == 1
    codes = {f["code"] for f in of_interest(json.loads(result.stdout)["findings"])}
    assert codes == {"default_invalid"}


def test_json_contract(sample_workspace_path: Path, tmp_path: Path) -> None:
    ws = sample_workspace_path
    edit_draft(ws, tmp_path, {**CUSTOMS_CODE, "validation": {"regex": "([0-9"}}, forms=())
    result = studio("check", "-w", str(ws), "--format", "json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert set(document) == {"findings", "summary"}
    assert document["findings"]
    for finding in document["findings"]:
        assert {"severity", "code", "entity", "field", "role", "message", "fix"} <= set(finding)
        assert finding["severity"] in ("error", "warning", "info")
        assert isinstance(finding["message"], str) and finding["message"]
    assert document["findings"][0]["severity"] == "error"  # errors first
    summary = document["summary"]
    assert summary["errors"] == sum(f["severity"] == "error" for f in document["findings"])
    assert summary["total"] == len(document["findings"]) and summary["blocking"] is True
    assert "validation_regex_invalid" in {f["code"] for f in document["findings"]}


def test_messages_in_chinese(sample_workspace_path: Path, tmp_path: Path) -> None:
    ws = sample_workspace_path
    edit_draft(ws, tmp_path, CUSTOMS_CODE, forms=("create",))
    result = studio("check", "-w", str(ws), env={"STUDIO_LANG": "zh_CN"})
    assert result.returncode == 1
    assert "必填字段 海关编码 (customs_code) 没有默认值" in result.stdout
    assert "修复：在表单 移动端客户 (mobile) 中显示 海关编码 (customs_code)" in result.stdout
    assert "错误" in result.stdout


def test_a_missing_workspace_is_one_clear_line(tmp_path: Path) -> None:
    result = studio("check", "-w", str(tmp_path / "nowhere.db"))
    assert result.returncode == 1
    assert "Workspace not found" in result.stderr and "Traceback" not in result.stderr


def test_47_searchable_long_text_fields_fail_the_check(
    sample_workspace_path: Path, tmp_path: Path
) -> None:
    """Issue 15's outage: sales added 47 searchable free-text fields to customer."""
    ws = sample_workspace_path
    out = tmp_path / "draft.json"
    assert studio("config", "export", "-w", str(ws), str(out)).returncode == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    customer = next(e for e in data["entities"] if e["key"] == "customer")
    for i in range(47):
        customer["fields"].append(
            {
                "key": f"device_param_{i:02d}",
                "label": {"zh_CN": f"设备参数{i}", "en": f"Device parameter {i}"},
                "type": "long_text",
                "searchable": True,
            }
        )
    out.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    assert studio("config", "import", "-w", str(ws), "--user", "lin", str(out)).returncode == 0
    result = studio("check", "-w", str(ws))
    assert result.returncode == 1, result.stdout
    assert "customer" in result.stdout and "searchable_over_limit" in result.stdout
    assert "Fix: Turn search off on" in result.stdout
    as_json = json.loads(studio("check", "-w", str(ws), "--format", "json").stdout)
    [red] = [f for f in as_json["findings"] if f["code"] == "searchable_over_limit"]
    assert red["entity"] == "customer" and red["severity"] == "error"
