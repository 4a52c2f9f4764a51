"""What the Changes pane shows, read in one go off the UI thread and handed to every tab."""

from __future__ import annotations

from dataclasses import dataclass

from studio.changes import ChangeView, keys
from studio.changes.change_list import DamagedChange, read_change_list
from studio.changes.history import ReleaseView, history
from studio.changes.review import DraftReview, review_draft
from studio.lint import DataStats
from studio.workspace.connection import Workspace


@dataclass(frozen=True)
class Snapshot:
    draft: DraftReview
    changes: list[ChangeView]
    history: list[ReleaseView]
    #: whether the current user has a signing key that is not revoked
    has_key: bool
    #: every change request, newest first: the ``changes`` and the ones that cannot be read
    entries: tuple[ChangeView | DamagedChange, ...] = ()


def read_snapshot(ws: Workspace, user: str, stats: DataStats | None = None) -> Snapshot:
    """Everything the pane shows; a core call, run off the UI thread. ``stats``: the server's
    record counts the designer's findings use too (``widgets.draft_checks``)."""
    has_key = any(k.user == user and k.revoked_at is None for k in keys.list_keys(ws))
    # A change whose stored text cannot be read is listed as damaged beside the others (as
    # ``studio change list`` does); finding it turns the workspace read-only, and the window's
    # banner gives the restore advice (``StudioContext.became_damaged``).
    listed = read_change_list(ws)
    return Snapshot(review_draft(ws, stats), listed.views, history(ws), has_key, listed.entries)
