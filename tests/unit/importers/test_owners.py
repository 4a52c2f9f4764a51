"""The owner column: a sheet names owners as people do (吴磊, Wu Lei, WU) and the record stores the
user key (wu). A name that is no user's, or two users', is left as written and counted; so is an
owner who has left. Nothing is refused for it."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from importers.owners import LEFT, MATCHED, UNKNOWN, match_owners
from importers.pipeline import dry_run
from studio.bundle.model import UserAssignment
from studio.bundle.sample import sample_bundle
from tests.helpers.workbooks import accounting_holds, write_xlsx

BUNDLE = sample_bundle()
CUSTOMER = BUNDLE.entity("customer")


def test_owners_named_as_people_write_them_become_user_keys(tmp_path: Path) -> None:
    rows = [
        ["客户名称", "手机", "负责人"],
        ["张三", "13800138000", "吴磊"],
        ["李四", "13800138001", "Wu Lei"],
        ["王五", "13800138002", "WU"],
        ["赵六", "13800138003", "wu"],
        ["钱七", "13800138004", "离职的人"],
        ["孙八", "13800138005", None],
        ["周九", "13800138006", " 周敏 "],
    ]
    plan = dry_run(write_xlsx(tmp_path / "owners.xlsx", rows), CUSTOMER, users=BUNDLE.users)
    report = plan.report("zh_CN")
    assert accounting_holds(report) and plan.rejected == 0  # nothing refused for an owner
    assert plan.values["owner"].to_list() == ["wu", "wu", "wu", "wu", "离职的人", None, "zhou"]
    assert report["cleaning"]["owner"][MATCHED] == 4
    assert report["checks"]["owner"] == {UNKNOWN: 1}
    # without the users (a caller that has none) the column is left as written
    alone = dry_run(write_xlsx(tmp_path / "owners.xlsx", rows), CUSTOMER)
    assert alone.values["owner"].to_list()[0] == "吴磊" and "owner" not in alone.checks


def test_a_leaver_and_a_name_two_users_share_are_said_not_guessed() -> None:
    users = (
        UserAssignment(user="zhao", display_name="赵婷 Zhao Ting", role="sales", disabled=True),
        UserAssignment(user="li1", display_name="李娜", role="sales"),
        UserAssignment(user="li2", display_name="李娜 Li Na", role="sales"),
    )
    values = pl.Series("owner", ["Zhao Ting", "李娜", "li1", "LI NA", None])
    out, changes, checks = match_owners(values, users)
    assert out.to_list() == ["zhao", "李娜", "li1", "LI NA", None]
    assert changes == {MATCHED: 1}
    assert checks == {LEFT: 1, UNKNOWN: 2}
