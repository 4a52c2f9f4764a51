"""The real import into a real ``studio serve``: batches, a crash between two batches and a
resume (no duplicate, nothing missing), a merge into an existing record that keeps its history,
and a revert that removes what the import created and restores what it changed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from importers.pipeline import dry_run
from studio.audit.log import verify
from studio.importing.run import imports, revert_import, run_import
from studio.importing.server import ServerLink
from studio.progress import Cancelled
from studio.workspace.bootstrap import init_workspace
from studio.workspace.connection import Workspace
from tests.helpers.server import LiveServer, run_server
from tests.helpers.workbooks import write_xlsx

from .test_cli import studio

HEADER = ["客户名称", "手机", "邮箱", "公司"]
ROWS = [
    ["张三", "+86 138-0013-8000", "ZhangSan@QQ.com", None],
    ["Zhang San", "13800138000", "zhangsan@qq.com", "杭州示例科技有限公司"],
    ["李四", "13912345678", "lisi@163.com", None],
    ["王五", "13700001111", "wangwu@163.com", None],
    ["赵六", "13600001111", "zhaoliu@163.com", None],
    ["孙七", "13500001111", "sunqi@163.com", None],
    ["周八", "13400001111", "zhouba@163.com", None],
]


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = init_workspace(tmp_path / "w.db", sample=True)
    yield workspace
    workspace.close()


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    with run_server(data_dir=tmp_path / "server", approvers=None) as live:
        yield live


def _records(server: LiveServer) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    cursor = None
    with server.client() as c:
        while True:
            params: dict[str, Any] = {"limit": 1000}
            if cursor:
                params["cursor"] = cursor
            page = c.get("/api/v1/records/customer", params=params).json()
            found += page["records"]
            cursor = page["next_cursor"]
            if not cursor:
                return found


class _CrashAfter:
    """Progress that "crashes" (cancels) once ``n`` batches were sent."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.calls = 0

    @property
    def cancelled(self) -> bool:
        return self.calls > self.n

    def update(self, fraction: float | None, text: str = "") -> None:
        self.calls += 1


def test_a_crash_between_batches_then_a_resume_writes_each_record_once(
    ws: Workspace, server: LiveServer, tmp_path: Path
) -> None:
    customer = ws_entity(ws)
    path = write_xlsx(tmp_path / "in.xlsx", [HEADER, *ROWS])
    link = ServerLink(server.base_url, server.token)
    plan = dry_run(path, customer)
    with pytest.raises(Cancelled):
        run_import(ws, plan, link, user="lin", progress=_CrashAfter(1), batch_size=2)
    assert 0 < len(_records(server)) < 6
    outcome = run_import(ws, dry_run(path, customer), link, user="lin", batch_size=2)
    assert outcome.resumed
    records = _records(server)
    assert len(records) == 6  # 7 rows, two of them one person
    assert len({r["import_key"] for r in records}) == 6
    zhang = next(r for r in records if r.get("mobile") == "13800138000")
    assert zhang["company"] == "杭州示例科技有限公司"  # the duplicate filled what the first lacked
    assert [h["row"] for h in zhang["_history"]] == [2, 3]
    with ws.session() as s:
        assert verify(s).intact
    assert imports(ws)[0]["id"] == outcome.import_id


def test_a_merge_into_an_existing_record_is_reverted_to_its_snapshot(
    ws: Workspace, server: LiveServer, tmp_path: Path
) -> None:
    existing = {"mobile": "13800138000", "name": "张三", "notes": "老客户"}
    with server.client() as c:
        answer = c.post(
            "/api/v1/records/customer/batch", json={"key_field": "mobile", "records": [existing]}
        )
        assert answer.status_code == 200, answer.text
    path = write_xlsx(tmp_path / "in.xlsx", [HEADER, *ROWS])
    link = ServerLink(server.base_url, server.token)
    plan = dry_run(path, ws_entity(ws))
    outcome = run_import(ws, plan, link, user="lin")
    report = plan.report("en")
    assert report["merged_into_existing"] == [
        {"rows": [2, 3], "key": "13800138000", "score": report["merged_into_existing"][0]["score"]}
    ]
    assert report["rows_read"] == report["imported"] + report["merged"] + report["rejected"]
    assert (report["imported"], report["merged"]) == (5, 2)
    records = _records(server)
    assert len(records) == 6
    merged = next(r for r in records if r.get("mobile") == "13800138000")
    assert merged["notes"] == "老客户" and merged["email"] == "zhangsan@qq.com"
    assert [h["row"] for h in merged["_history"]] == [2, 3]

    undone = revert_import(ws, outcome.import_id, link, user="lin")
    assert (undone.removed, undone.restored) == (5, 1)
    assert _records(server) == [existing]


def test_the_cli_imports_and_reverts(ws: Workspace, server: LiveServer, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "in.xlsx", [HEADER, *ROWS])
    target = ws.target
    report = tmp_path / "r.json"
    env = {"STUDIO_SERVER_URL": server.base_url, "STUDIO_SERVER_TOKEN": server.token}
    result = studio(
        "import",
        str(path),
        "--entity",
        "customer",
        "--report",
        str(report),
        "-w",
        target,
        "--user",
        "lin",
        env=env,
    )
    assert result.returncode == 0, result.stderr
    import json

    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["dry_run"] is False and data["imported"] == 6
    assert len(_records(server)) == 6
    result = studio("import", "revert", data["import_id"], "-w", target, "--user", "lin", env=env)
    assert result.returncode == 0, result.stderr
    assert _records(server) == []
    again = studio("import", "revert", data["import_id"], "-w", target, "--user", "lin", env=env)
    assert again.returncode == 1 and "already" in again.stderr


def ws_entity(ws: Workspace):  # type: ignore[no-untyped-def]
    from studio.importing.target import import_target

    return import_target(ws, "customer").entity


def test_the_cli_exports_records_and_writes_a_template(
    ws: Workspace, server: LiveServer, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    env = {
        "STUDIO_SERVER_URL": server.base_url,
        "STUDIO_SERVER_TOKEN": server.token,
        "STUDIO_LANG": "zh_CN",
    }
    path = write_xlsx(tmp_path / "in.xlsx", [HEADER, *ROWS])
    done = studio(
        "import", str(path), "--entity", "customer", "-w", ws.target, "--user", "lin", env=env
    )
    assert done.returncode == 0, done.stderr
    out = tmp_path / "export.xlsx"
    done = studio("export", "--entity", "customer", "--out", str(out), "-w", ws.target, env=env)
    assert done.returncode == 0, done.stderr
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    assert rows[0][0] == "客户名称" and len(rows) == 7
    template = tmp_path / "template.xlsx"
    done = studio(
        "template", "--entity", "customer", "--out", str(template), "-w", ws.target, env=env
    )
    assert done.returncode == 0, done.stderr
    assert load_workbook(template).worksheets[0]["A1"].value == "客户名称 *"
    # the export imports back as the same six people: each merges into its own record
    again = studio(
        "import",
        str(out),
        "--entity",
        "customer",
        "--dry-run",
        "--report",
        str(tmp_path / "r.json"),
        "-w",
        ws.target,
        env=env,
    )
    assert again.returncode == 0, again.stderr
    import json

    report = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert report["rows_read"] == 6 and len(report["merged_into_existing"]) == 6


def test_lookup_and_delete_refuse_text_no_database_can_hold(server: LiveServer) -> None:
    with server.client() as c:
        for path, body in (
            ("/api/v1/records/customer/lookup", {"field": "mobile", "values": ["138\u0000"]}),
            ("/api/v1/records/customer/delete", {"keys": ["a\u0000b"]}),
            ("/api/v1/records/customer/delete", {"keys": ["tab\there"]}),
        ):
            answer = c.post(path, json=body)
            assert answer.status_code == 422, (path, answer.text)
            assert answer.json()["error"]["code"]


def test_the_server_refuses_nothing_the_dry_run_passed(tmp_path: Path) -> None:
    """The live automation rules: the dry run rejects what their validations refuse, so the real
    import's batches all pass the server, which applies the same rules."""
    from studio.bundle.rules import EntityRules
    from studio.bundle.sample import sample_bundle
    from tests.helpers.server import release_document

    rules = EntityRules.model_validate(
        {
            "validations": [
                {
                    "key": "big_budget_needs_company",
                    "when": {"all": [{"field": "budget", "op": "gt", "value": 100000}]},
                    "require": {"all": [{"field": "company", "op": "not_empty"}]},
                    "message": {
                        "zh_CN": "预算超过十万须填写企业全称",
                        "en": "Budgets over 100k need a company",
                    },
                }
            ]
        }
    )
    bundle = sample_bundle().model_copy(update={"rules": {"customer": rules}})
    rows = [
        ["客户名称", "手机", "企业全称", "预算"],
        ["张三", "13800138000", None, "50万"],
        ["李四", "13912345678", "示例有限公司", "50万"],
        ["王五", "13700001111", None, "5000"],
    ]
    path = write_xlsx(tmp_path / "in.xlsx", rows)
    with run_server(data_dir=tmp_path / "server") as live:
        with live.client() as c:
            doc = release_document(bundle, 1)
            answer = c.post(
                "/api/v1/releases", json=doc, headers={"Idempotency-Key": doc["bundle_sha256"]}
            )
            assert answer.status_code == 201, answer.text
        workspace = init_workspace(tmp_path / "w.db", sample=True)
        try:
            # a check without the rules would have passed a row the server then refuses
            from importers.errors import ImportRefused

            blind = dry_run(path, bundle.entity("customer"))  # type: ignore[arg-type]
            assert blind.rejected == 0
            with pytest.raises(ImportRefused, match="HTTP 422"):
                run_import(workspace, blind, ServerLink(live.base_url, live.token), user="lin")
            assert _records(live) == []
            plan = dry_run(path, bundle.entity("customer"), rules=rules)  # type: ignore[arg-type]
            assert [r.row for r in plan.rejections] == [2]
            outcome = run_import(workspace, plan, ServerLink(live.base_url, live.token), user="lin")
            assert outcome.created == 2
        finally:
            workspace.close()
        found = sorted(r["name"] for r in _records(live))
        assert found == ["李四", "王五"]


def test_the_cli_reports_data_health_of_the_servers_records(
    ws: Workspace, server: LiveServer, tmp_path: Path
) -> None:
    """``studio health``: the server's records through the import pipeline, nothing written; the
    duplicate rate by mobile against the 8 % line, the kinds of dirty data by owner; as text, as
    JSON and as a workbook."""
    import json

    from openpyxl import load_workbook

    records = [
        {"import_key": "a", "name": "张三", "mobile": "13800138000", "owner": "wu"},
        {"import_key": "b", "name": "Zhang San", "mobile": "13800138000", "owner": "wu"},
        {
            "import_key": "c",
            "name": "李四",
            "mobile": "13912345678",
            "email": "x@@y",
            "owner": "wu",
        },
        {"import_key": "d", "name": "王五", "mobile": "13700001111", "owner": "zhao"},
    ]
    with server.client() as c:
        done = c.post(
            "/api/v1/records/customer/batch", json={"key_field": "import_key", "records": records}
        )
    assert done.status_code == 200, done.text
    env = {"STUDIO_SERVER_URL": server.base_url, "STUDIO_SERVER_TOKEN": server.token}
    out = tmp_path / "health.xlsx"
    args = ["health", "--entity", "customer", "-w", ws.target]
    result = studio(*args, "--format", "json", "--out", str(out), env=env)
    assert result.returncode == 1, result.stderr  # 1 of 4 mobiles repeated: 25 % > 8 %
    data = json.loads(result.stdout)
    assert (data["records"], data["with_mobile"], data["duplicate_records"]) == (4, 4, 1)
    assert data["over_line"] is True and data["duplicate_line"] == 0.08
    assert [(k["field"], k["code"], k["count"]) for k in data["kinds"]] == [
        ("email", "not_email", 1)
    ]
    assert data["kinds"][0]["owners"] == [{"owner": "wu", "count": 1}]
    assert load_workbook(out).active["B3"].value == 0.25
    text = studio(*args, env={**env, "STUDIO_LANG": "zh_CN"})
    assert text.returncode == 1 and "25.0%" in text.stdout and "不是有效的电子邮箱" in text.stdout
    assert len(_records(server)) == 4  # nothing written


def test_the_import_keeps_a_not_the_same_decision_of_the_check(
    ws: Workspace, server: LiveServer, tmp_path: Path
) -> None:
    """The check asked about a person the server holds, the admin said "not the same", and the
    import then asked the server again without that decision: the pair came back."""
    from importers.pipeline import roles
    from importers.records import plan_records
    from studio.importing.decisions import remember_not_same
    from studio.importing.existing import fingerprints, link_existing

    relative = {"mobile": "13912345678", "name": "李小四", "email": "xiaosi@163.com"}
    with server.client() as c:
        answer = c.post(
            "/api/v1/records/customer/batch", json={"key_field": "mobile", "records": [relative]}
        )
        assert answer.status_code == 200, answer.text
    path = write_xlsx(tmp_path / "in.xlsx", [HEADER, *ROWS])
    link = ServerLink(server.base_url, server.token)
    plan = dry_run(path, ws_entity(ws))
    link_existing(plan, link)
    [(row, key, _score)] = plan.existing_review  # 李四 and 李小四 share a mobile
    assert row == 4 and key == "13912345678"
    role = roles(plan.entity, plan.mapping.by_field())
    drafted = plan_records(plan, "x", None)
    [mine] = [
        fp
        for r, fp in zip(drafted, fingerprints(drafted, role), strict=True)
        if r["_import"]["rows"][0] == 4
    ]
    [theirs] = fingerprints([relative], role)
    remember_not_same(ws, "customer", mine, theirs)

    run_import(ws, plan, link, user="lin")
    assert plan.existing_review == []  # decided: not asked again, not merged
    records = _records(server)
    assert sum(1 for r in records if r.get("mobile") == "13912345678") == 2
