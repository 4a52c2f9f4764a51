"""An import keeps each record's own owner and creation time from the workbook, records the
import as the importer's (the record's ``_import.by``, the audit log's actor), and a merged
record keeps every source row in its history (issue 16: "the records keep their own owner and
creator columns, the import is recorded as the importer's; recorded in the audit log")."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from importers.pipeline import dry_run
from schema.models import AuditRow
from studio.importing.run import run_import
from studio.importing.server import ServerLink
from studio.importing.target import import_target
from studio.workspace.bootstrap import init_workspace
from studio.workspace.connection import Workspace
from tests.helpers.server import LiveServer, run_server
from tests.helpers.workbooks import write_xlsx

ROWS = [
    ["客户名称", "手机", "负责人", "创建时间", "备注"],
    ["张三", "13800138000", "wu", "2023-01-05 09:30:00", "老客户"],
    ["Zhang San", "+86 138 0013 8000", "wu", "2023-06-01 10:00:00", "展会又遇到"],
    ["李四", "13912345678", "zhao", "2022-11-11 11:11:11", None],
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


def test_owner_and_creation_time_stay_the_records_own_and_the_import_is_the_importers(
    ws: Workspace, server: LiveServer, tmp_path: Path
) -> None:
    entity = import_target(ws, "customer").entity
    plan = dry_run(write_xlsx(tmp_path / "in.xlsx", ROWS), entity)
    assert plan.rejected == 0 and plan.groups == [[2, 3]]
    outcome = run_import(ws, plan, ServerLink(server.base_url, server.token), user="lin")
    with server.client() as c:
        records = c.get("/api/v1/records/customer").json()["records"]
    by_name = {r["name"]: r for r in records}
    zhang, li = by_name["张三"], by_name["李四"]
    assert (zhang["owner"], zhang["created_at"]) == ("wu", "2023-01-05 09:30:00")
    assert (li["owner"], li["created_at"]) == ("zhao", "2022-11-11 11:11:11")
    assert zhang["_import"]["by"] == "lin" and li["_import"]["by"] == "lin"
    # the merged record keeps both rows as written, the second row's note included
    assert [h["row"] for h in zhang["_history"]] == [2, 3]
    assert zhang["_history"][1]["values"]["notes"] == "展会又遇到"
    assert zhang["_history"][1]["values"]["created_at"] == "2023-06-01 10:00:00"
    with ws.session() as s:
        entry = s.scalars(select(AuditRow).where(AuditRow.action == "import")).one()
    assert entry.actor == "lin" and entry.subject == f"customer:{outcome.import_id}"
    assert (entry.details["rows_read"], entry.details["merged"]) == (3, 1)
