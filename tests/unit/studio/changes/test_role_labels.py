"""Issue 19: a change's blockers name roles as people know them ("业务负责人"), not by key."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from studio import changes, i18n
from studio.bundle.model import Policy
from studio.contract.policy import Vote, evaluate
from studio.workspace.connection import Workspace, open_workspace


@pytest.fixture
def ws(sample_workspace_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(str(sample_workspace_path))
    yield workspace
    workspace.close()


@pytest.mark.parametrize(
    ("lang", "lead", "admin"),
    [("zh_CN", "业务负责人", "IT 管理员"), ("en", "Business lead", "IT admin")],
)
def test_missing_roles_are_named_by_their_labels(
    ws: Workspace, lang: str, lead: str, admin: str
) -> None:
    view = changes.submit(ws, "lin", "First")
    i18n.set_language(lang)
    try:
        (listed,) = changes.list_changes(ws)
        shown = changes.get_change(ws, view.id)
    finally:
        i18n.set_language(None)
    for v in (listed, shown):
        text = " ".join(v.blockers)
        assert lead in text and admin in text, text
        assert "business_lead" not in text and "it_admin" not in text
        # the keys stay where programs read them
        assert set(v.policy.missing_roles) == {"business_lead", "it_admin"}


def test_evaluate_keeps_keys_without_names() -> None:
    status = evaluate(Policy(), [Vote("chen", "it_admin", "approve")], "lin")
    assert "business_lead" in " ".join(status.reasons)
    named = evaluate(
        Policy(), [Vote("chen", "it_admin", "approve")], "lin", {"business_lead": "业务负责人"}
    )
    assert "业务负责人" in " ".join(named.reasons) and "business_lead" not in " ".join(
        named.reasons
    )
