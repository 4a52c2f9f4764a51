"""Has the draft been edited since the open change was submitted?

Submit freezes the draft: the change request keeps the canonical bundle text and its sha256, and
every approval signs that sha256. Edits made to the draft afterwards change neither, so they can
never slip into a change that was approved without them.

The choice made here: the open change **stays pushable once approved**, because it is exactly what
its reviewers saw and signed; the later edits are simply not part of it. What must not happen is
that people believe the edits are included. So whenever the draft's sha256 differs from the open
change's ``bundle_sha256``, the Changes pane and ``studio change list/show`` say so. Submitting
again freezes the edited draft into a new change with a new sha256; that supersedes the old one,
and the approvals given so far do not count for the new change (they signed the old sha256).

A rollback change is not compared: its bundle is an earlier release's, not the draft's.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from schema.models import ChangeRequestRow
from studio.changes.view import OPEN, PENDING_STATES, ChangeView, build_view
from studio.draft.store import load_draft
from studio.i18n import tr
from studio.workspace.connection import Workspace


@dataclass(frozen=True)
class DraftEdited:
    """The draft differs from the bundle of the open change ``change_id``."""

    change_id: str
    change_title: str
    #: The change's derived state (``open``, ``approved`` or ``outdated``).
    change_state: str
    change_sha256: str
    draft_sha256: str

    @property
    def message(self) -> str:
        """One line for people, in their language."""
        return edited_message(self.change_id)


def edited_message(change_id: str) -> str:
    return tr(
        "The draft has been edited since change {id} was submitted; these edits are not part "
        "of it. Submit again to include them — the approvals given so far will not count for "
        "the new change.",
        id=change_id[:8],
    )


def edited_since(draft_sha256: str, views: Iterable[ChangeView]) -> DraftEdited | None:
    """The open (not rollback) change whose bundle differs from the draft, or ``None``.

    ``views`` are ``ChangeView``s as ``list_changes`` gives them; at most one is pending, since a
    submit supersedes the open ones. Pure: the pane calls it on what it has already loaded.
    """
    for view in views:
        if view.state in PENDING_STATES and view.rollback_of is None:
            if view.bundle_sha256 == draft_sha256:
                return None
            return DraftEdited(
                change_id=view.id,
                change_title=view.title,
                change_state=view.state,
                change_sha256=view.bundle_sha256,
                draft_sha256=draft_sha256,
            )
    return None


def draft_edited_since(ws: Workspace) -> DraftEdited | None:
    """``edited_since`` read from the workspace in one unit of work (for the CLI).

    The draft is loaded and hashed only when an open change exists.
    """
    with ws.session() as s:
        rows = s.scalars(
            select(ChangeRequestRow).where(
                ChangeRequestRow.state == OPEN, ChangeRequestRow.rollback_of.is_(None)
            )
        ).all()
        views = [build_view(s, row) for row in rows]
        if not any(v.state in PENDING_STATES for v in views):
            return None
        return edited_since(load_draft(s).sha256(), views)
