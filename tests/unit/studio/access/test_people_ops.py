"""Teams and users as draft operations (issue 14): create, rename, members, disable, delete only
when nothing names them (and say what does), each one undo step."""

from __future__ import annotations

import pytest

from studio.access.people_ops import (
    AddTeam,
    AddUser,
    DeleteTeam,
    DeleteUser,
    RenameTeam,
    RenameUser,
    SetTeamMembers,
    SetUserDisabled,
)
from studio.bundle.access import access_of
from studio.bundle.sample import sample_bundle
from studio.errors import EditError
from studio.i18n import set_language


def test_a_team_is_created_renamed_staffed_and_deleted_each_undone_exactly() -> None:
    start = sample_bundle()
    b = start
    for op in (
        AddTeam("north", "华北销售组", "North sales"),
        RenameTeam("north", "华北大区", "North region"),
        SetTeamMembers("north", "zhou", ("wu", "zhao")),
    ):
        applied = op.apply(b)
        assert applied.inverse.apply(applied.bundle).bundle == b
        b = applied.bundle
    team = next(t for t in access_of(b).teams if t.key == "north")
    assert (team.label.en, team.leader, team.members) == ("North region", "zhou", ("wu", "zhao"))
    gone = DeleteTeam("north").apply(b).bundle
    assert [t.key for t in access_of(gone).teams] == [t.key for t in access_of(start).teams]
    with pytest.raises(EditError, match="There is already a team north"):
        AddTeam("north", "甲", "A").apply(b)
    with pytest.raises(EditError, match="There is no user nobody"):
        SetTeamMembers("north", None, ("nobody",)).apply(b)


def _routed_to(kind: str, target: str):  # type: ignore[no-untyped-def]
    from studio.bundle.model import Bundle

    data = sample_bundle().model_dump(mode="json", exclude_none=True)
    data["rules"] = {
        "lead": {
            "assignment": {
                "rules": [
                    {
                        "key": "east_china",
                        "when": {"all": [{"field": "province", "op": "eq", "value": "上海市"}]},
                        "assign": {"kind": kind, "target": target},
                    }
                ],
                "default": {"kind": "queue", "target": "unassigned"},
            }
        }
    }
    return Bundle.model_validate(data)


def test_a_team_or_user_a_routing_rule_assigns_to_is_not_deleted() -> None:
    with pytest.raises(EditError) as refused:
        DeleteTeam("east_sales").apply(_routed_to("team", "east_sales"))
    assert str(refused.value) == (
        "Team east_sales is still used by the routing rules lead/east_china: assign them "
        "elsewhere first."
    )
    bundle = AddUser("qian", "钱七 Qian Qi", "sales").apply(_routed_to("user", "qian")).bundle
    with pytest.raises(EditError) as refused:
        DeleteUser("qian").apply(bundle)
    assert "qian is assigned by the routing rules lead/east_china" in str(refused.value)


def test_users_are_renamed_disabled_and_deleted_only_when_unused() -> None:
    b = sample_bundle()
    b = RenameUser("zhao", "赵小明 Zhao Xiaoming").apply(b).bundle
    assert next(u for u in b.users if u.user == "zhao").display_name == "赵小明 Zhao Xiaoming"
    disabled = SetUserDisabled("zhao", True).apply(b)
    assert next(u for u in disabled.bundle.users if u.user == "zhao").disabled
    assert disabled.inverse.apply(disabled.bundle).bundle == b
    with pytest.raises(EditError, match="last active admin"):
        SetUserDisabled("admin", True).apply(b)

    # wu is in the east China team of the sample: the refusal names it.
    teams = [t.key for t in access_of(b).teams if "wu" in t.members or t.leader == "wu"]
    assert teams
    with pytest.raises(EditError) as refused:
        DeleteUser("wu").apply(b)
    assert f"is in team {teams[0]}" in str(refused.value) or "leads team" in str(refused.value)
    set_language("zh_CN")
    try:
        assert "无法删除 wu" in str(refused.value)
    finally:
        set_language(None)

    b = AddUser("qian", "钱七 Qian Qi", "service").apply(b).bundle
    gone = DeleteUser("qian").apply(b)
    assert "qian" not in {u.user for u in gone.bundle.users}
    assert gone.inverse.apply(gone.bundle).bundle == b
