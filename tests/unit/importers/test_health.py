"""The data-health report of existing records: the duplicate rate by mobile against the 8 % line
and the kinds of dirty data with their counts and owners."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from importers.health import data_health, write_health_workbook
from studio.bundle.sample import sample_bundle

CUSTOMER = sample_bundle().entity("customer")


def test_duplicates_by_mobile_and_dirty_data_by_owner(tmp_path: Path) -> None:
    records = [
        {"name": "张三", "mobile": "13800138000", "email": "a@qq.com", "owner": "wu"},
        {"name": "Zhang San", "mobile": "+86 138 0013 8000", "email": "bad@@x", "owner": "wu"},
        {"name": "李四", "mobile": "13912345678", "email": "lisi@@163.com", "owner": "wu"},
        {"name": "王五", "mobile": "13700001111", "email": "no-at-sign", "owner": "zhao"},
        {"name": "赵六", "mobile": "12345", "owner": "zhao"},
        {"name": "", "mobile": "13600001111", "owner": "lin"},
    ]
    health = data_health(CUSTOMER, records)
    assert (health.records, health.with_mobile, health.duplicate_records) == (6, 5, 1)
    assert health.duplicate_rate == 0.2 and health.over_line
    first = health.kinds[0]
    assert (first.field, first.code, first.count) == ("email", "not_email", 3)
    assert first.owners == (("wu", 2), ("zhao", 1))
    assert {(k.field, k.code) for k in health.kinds} == {
        ("email", "not_email"),
        ("mobile", "not_phone"),
        ("name", "required"),
    }
    target = tmp_path / "health.xlsx"
    write_health_workbook(CUSTOMER, health, target, "zh_CN")
    rows = list(load_workbook(target).active.iter_rows(values_only=True))
    assert rows[2][:2] == ("按手机号的重复率", 0.2)
    assert "不是有效的电子邮箱" in rows[5][0] and rows[5][1:] == (3, "wu 2, zhao 1")


def test_owners_who_are_no_user_or_have_left_are_dirty_data_by_name() -> None:
    """Records whose owner is nobody the CRM knows, or someone who has left, need a hand-over:
    with the configuration's users the report counts them, by the owner they name."""
    from importers.health import describe_kind
    from studio.bundle.model import UserAssignment

    users = (
        *sample_bundle().users,
        UserAssignment(user="sun", display_name="孙丽 Sun Li", role="sales", disabled=True),
    )
    records = [
        {"name": "张三", "mobile": "13800138000", "owner": "wu"},
        {"name": "李四", "mobile": "13800138001", "owner": "离职的人"},
        {"name": "王五", "mobile": "13800138002", "owner": "离职的人"},
        {"name": "赵六", "mobile": "13800138003", "owner": "sun"},
        {"name": "钱七", "mobile": "13800138004", "owner": "吴磊"},  # wu, by name
    ]
    health = data_health(CUSTOMER, records, users=users)
    kinds = {(k.field, k.code): k for k in health.kinds}
    assert kinds[("owner", "owner_unknown")].count == 2
    assert kinds[("owner", "owner_unknown")].owners == (("离职的人", 2),)
    assert kinds[("owner", "owner_left")].owners == (("sun", 1),)
    text = describe_kind(CUSTOMER, kinds[("owner", "owner_unknown")], "zh_CN")
    assert "离职的人" in text and "不是 CRM 的用户" in text
    assert data_health(CUSTOMER, records).kinds == ()  # without the users: nothing said
