"""A leaver without a hand-over whose customers the server still gives them (issue 14)."""

from __future__ import annotations

from pathlib import Path

from studio.draft.store import load_draft, replace_draft
from studio.workspace.connection import open_workspace

CUSTOMERS = [
    {"mobile": "13800000001", "name": "张三", "owner": "wu"},
    {"mobile": "13800000002", "name": "李四", "owner": "wu"},
    {"mobile": "13800000003", "name": "王五", "owner": "zhou"},
]
HELD = "wu is disabled and 2 records still name them as owner: hand them over to a colleague."


def disable_wu_without_hand_over(path: Path) -> None:
    ws = open_workspace(str(path))
    try:
        with ws.session() as s:
            bundle = load_draft(s)
            users = tuple(
                u.model_copy(update={"disabled": True}) if u.user == "wu" else u
                for u in bundle.users
            )
            replace_draft(s, bundle.model_copy(update={"users": users}), user="lin")
    finally:
        ws.close()
