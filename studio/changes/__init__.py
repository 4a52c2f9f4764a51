"""The change flow: draft -> change request -> approvals -> push -> live (and rollback)."""

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
from studio.changes.history import ReleaseView, history, release_diff
from studio.changes.view import ApprovalView, ChangeView

__all__ = [
    "ApprovalView",
    "ChangeRefused",
    "ChangeView",
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
    "reject",
    "release_diff",
    "release_document",
    "rollback",
    "submit",
]
