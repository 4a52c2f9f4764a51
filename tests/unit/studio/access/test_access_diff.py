"""The access diff approvers read: per role and user, gains and losses in plain language,
sensitive gains first; in the bundle diff, `change show`'s text and JSON."""

from __future__ import annotations

from studio.access.diff import access_diff, change_text, user_text
from studio.access.edits import set_cell, set_scopes
from studio.access.leaver import hand_over
from studio.bundle.diff import diff_bundles, render_text
from studio.bundle.sample import sample_bundle
from studio.i18n import set_language


def test_gains_and_losses_per_role_and_user_sensitive_first() -> None:
    live = sample_bundle()
    draft = set_scopes(live, "intern", "customer", {})  # interns lose customers
    draft = set_cell(draft, "intern", "contract", "contract_amount", "read")
    draft = set_scopes(draft, "sales", "customer", {"create": "all", "read": "team", "edit": "own"})
    lines = [change_text(c) for c in access_diff(live, draft)["changes"]]
    assert lines[0] == "Intern (1 user: zhao) will see Contract amount (Contract)"
    assert "Sales (1 user: wu) can no longer archive Customer" in lines
    assert "Intern (1 user: zhao) can no longer read Customer" in lines
    assert "Intern (1 user: zhao) will no longer see Customer name (Customer)" in lines
    data = access_diff(live, draft)
    assert data["changes"][0]["sensitive"] and data["sensitive_gains"] == 1


def test_scope_changes_and_users_who_leave() -> None:
    live = sample_bundle()
    draft = set_scopes(
        live, "sales", "customer", {"create": "all", "read": "all", "edit": "own", "archive": "own"}
    )
    draft = hand_over(draft, "wu", "zhou", handover_id="wu-1")
    data = access_diff(live, draft)
    texts = [change_text(c) for c in data["changes"]]
    assert "Sales (no users) will read Customer: team records -> all records" in texts
    assert [user_text(u) for u in data["users"]] == ["wu is disabled and loses all access"]


def test_the_bundle_diff_carries_it_and_says_it_in_chinese() -> None:
    live = sample_bundle()
    draft = set_cell(live, "intern", "contract", "contract_amount", "read")
    diff = diff_bundles(live, draft)
    assert not diff["empty"] and diff["summary"]["access_changed"] == 1
    set_language("zh_CN")
    try:
        assert "! 实习生（1 名用户：zhao） 将可以看到 合同金额 (合同)" in render_text(diff)
    finally:
        set_language(None)
    assert diff_bundles(live, live)["empty"]


def test_delete_on_a_protected_entity_is_an_alarm_and_a_masked_field_is_not() -> None:
    from studio.access.diff import alarming

    live = sample_bundle()
    draft = set_scopes(live, "sales", "customer", {"create": "all", "read": "all", "delete": "own"})
    draft = set_cell(draft, "intern", "contract", "contract_amount", "hidden")
    data = access_diff(live, draft)
    first = data["changes"][0]
    assert alarming(first) and first["action"] == "delete"
    assert change_text(first) == "Sales (1 user: wu) will be able to delete Customer (own records)"
    assert data["sensitive_gains"] == 1
    back = access_diff(draft, live)  # the intern gets the masked placeholder back: no alarm
    masked = [c for c in back["changes"] if c["field"] == "contract_amount"]
    assert masked and masked[0]["kind"] == "gain" and not alarming(masked[0])
    assert "! " not in render_text(diff_bundles(draft, live)).replace("  ! Sales", "")
