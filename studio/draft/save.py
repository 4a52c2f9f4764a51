"""Reading the draft for a designer, and writing a designer's edit back as the whole draft.

The designers hold the draft's revision they read; ``save_draft`` refuses (``ConflictError``)
when someone else saved in between, so two editors of a shared workspace never overwrite each
other silently. Each save is one unit of work: the draft and its audit entry, or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from schema.models import ReleaseRow
from studio.audit import log as audit
from studio.bundle.model import Bundle, parse_bundle
from studio.draft.store import draft_revision, load_draft, replace_draft
from studio.errors import ConflictError
from studio.workspace.connection import Workspace


@dataclass(frozen=True)
class DraftState:
    """The draft as a designer sees it: the bundle, its revision, and what is live."""

    bundle: Bundle
    revision: int
    live: Bundle | None


def live_bundle(session: Session) -> Bundle | None:
    """The bundle of the newest release the server confirmed (``None`` before the first)."""
    row = session.scalars(select(ReleaseRow).order_by(ReleaseRow.version.desc()).limit(1)).first()
    return parse_bundle(row.bundle_json) if row is not None else None


def load_state(workspace: Workspace) -> DraftState:
    """The draft, its revision and the live bundle, read in one unit of work."""
    with workspace.session() as s:
        return DraftState(load_draft(s), draft_revision(s), live_bundle(s))


class DraftConflictError(ConflictError):
    """Someone else saved the draft after this designer read it; nothing was written."""


def save_draft(
    workspace: Workspace,
    bundle: Bundle,
    *,
    user: str,
    expected_revision: int,
    action: str = "edit",
) -> int:
    """Write ``bundle`` as the whole draft if it is still at ``expected_revision``.

    Returns the new revision. Raises ``DraftConflictError`` (nothing written) when the draft
    moved on; the audit log records the edit in the same transaction.
    """
    try:
        with workspace.session() as s:
            revision = replace_draft(s, bundle, user=user, expected_revision=expected_revision)
            audit.append(
                s, user, "edit", "draft", {"what": action[:200], "sha256": bundle.sha256()}
            )
            return revision
    except DraftConflictError:
        raise
    except ConflictError as exc:
        raise DraftConflictError(
            "Someone else changed the draft after you opened it ({detail}). Your edit was not "
            "saved and theirs was not overwritten. Reload the draft, then make your edit again.",
            detail=exc.message,
        ) from None
