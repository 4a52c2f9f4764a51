"""The change flow: draft -> change request -> approvals -> push -> live (and rollback).

Most names below are loaded on first use (PEP 562): a module that needs one room of the flow
(``studio.changes.releases`` for ``studio check``) does not pay for the others (keys, the
keyring, cryptography) at start-up.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

# Eager: the function ``history`` shares its name with the module ``studio.changes.history``;
# importing the function here keeps ``changes.history`` the function whoever imports the module.
from studio.changes.history import ReleaseView, history, release_diff

if TYPE_CHECKING:
    from studio.changes.change_list import ChangeList, DamagedChange, read_change_list
    from studio.changes.draft_edited import DraftEdited, draft_edited_since, edited_since
    from studio.changes.flow import (
        ChangeRefused,
        approve,
        change_bundle,
        check_can_decide,
        get_change,
        list_changes,
        reject,
        release_document,
        rollback,
        submit,
    )
    from studio.changes.view import ApprovalView, ChangeView

_LAZY = {
    "ChangeList": "change_list",
    "DamagedChange": "change_list",
    "read_change_list": "change_list",
    "DraftEdited": "draft_edited",
    "draft_edited_since": "draft_edited",
    "edited_since": "draft_edited",
    "ChangeRefused": "flow",
    "approve": "flow",
    "change_bundle": "flow",
    "check_can_decide": "flow",
    "get_change": "flow",
    "list_changes": "flow",
    "reject": "flow",
    "release_document": "flow",
    "rollback": "flow",
    "submit": "flow",
    "ApprovalView": "view",
    "ChangeView": "view",
}

__all__ = [
    "ApprovalView",
    "ChangeList",
    "ChangeRefused",
    "ChangeView",
    "DamagedChange",
    "DraftEdited",
    "ReleaseView",
    "approve",
    "change_bundle",
    "check_can_decide",
    "draft_edited_since",
    "edited_since",
    "get_change",
    "history",
    "list_changes",
    "read_change_list",
    "reject",
    "release_diff",
    "release_document",
    "rollback",
    "submit",
]


def _load(room: str) -> None:
    # Plain import statements, not importlib: PyInstaller finds what the app bundle needs by
    # reading them.
    if room == "change_list":
        import studio.changes.change_list
    elif room == "draft_edited":
        import studio.changes.draft_edited
    elif room == "flow":
        import studio.changes.flow
    else:
        import studio.changes.view  # noqa: F401


def __getattr__(name: str) -> Any:
    room = _LAZY.get(name)
    if room is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    _load(room)
    value = getattr(sys.modules[f"{__name__}.{room}"], name)
    globals()[name] = value  # the next look-up is a plain attribute
    return value
