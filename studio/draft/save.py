"""Saving the draft from an editor that may share the workspace with other studios.

One ``save_draft`` for the designers, the CLI and the tests: it writes the rows that differ from
what the editor read (``base``, when it has it) under a compare-and-set of the revision the editor
read, so two editors of a shared workspace never overwrite each other silently. Every way a lost
race shows itself (the revision moved on, SQLAlchemy's ``StaleDataError``, PostgreSQL's deadlock
and serialization failures) becomes the one ``DraftConflictError``. Each save is one unit of work:
the draft and its audit entry, or nothing. The audit entry records what was written (rows per
table), not the bundle's sha256: hashing a large draft costs more than the save (submit and export
hash it, where the hash is needed).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError

from studio.audit import log as audit
from studio.bundle.model import Bundle
from studio.changes.releases import live_bundle
from studio.draft.list_writer import WriteCounts
from studio.draft.store import draft_revision, load_draft, write_draft
from studio.errors import ConflictError
from studio.i18n import Message
from studio.workspace.connection import Workspace

#: PostgreSQL's deadlock and serialization failures: the other save won the race.
_LOST_RACE = ("40P01", "40001")


@dataclass(frozen=True)
class DraftState:
    """The draft as a designer sees it: the bundle, its revision, and what is live."""

    bundle: Bundle
    revision: int
    live: Bundle | None


@dataclass(frozen=True)
class Saved:
    """A save that went through: the draft's new revision and the rows it wrote."""

    revision: int
    rows: WriteCounts


def load_state(workspace: Workspace) -> DraftState:
    """The draft, its revision and the live bundle, read in one unit of work.

    Raises ``UnreadableReleaseError`` when the live release cannot be read."""
    with workspace.session() as s:
        return DraftState(load_draft(s), draft_revision(s), live_bundle(s))


def read_draft(workspace: Workspace) -> tuple[Bundle, int]:
    """The draft and the revision to pass back to ``save_draft``."""
    with workspace.session() as s:
        return load_draft(s), draft_revision(s)


class DraftConflictError(ConflictError):
    """Someone else saved the draft after this editor read it; nothing was written."""


def save_draft(
    workspace: Workspace,
    bundle: Bundle,
    *,
    user: str,
    expected_revision: int,
    action: str = "edit",
    base: Bundle | None = None,
) -> int:
    """Make ``bundle`` the draft if it is still at ``expected_revision``; the new revision.

    ``base`` is the bundle the editor read at that revision (or last saved): only the rows that
    differ from it are written. Without it the stored draft is read and compared. Raises
    ``DraftConflictError`` (nothing written) when the draft moved on.
    """
    return save_changes(
        workspace, bundle, user=user, expected_revision=expected_revision, action=action, base=base
    ).revision


def save_changes(
    workspace: Workspace,
    bundle: Bundle,
    *,
    user: str,
    expected_revision: int,
    action: str = "edit",
    base: Bundle | None = None,
) -> Saved:
    """``save_draft``, telling also which rows were written."""
    try:
        with workspace.session() as s:
            revision, rows = write_draft(
                s, bundle, user=user, expected_revision=expected_revision, base=base
            )
            audit.append(
                s,
                user,
                "edit",
                "draft",
                {"what": action[:200], "revision": revision, "rows": rows.as_dict()},
            )
            return Saved(revision, rows)
    except DraftConflictError:
        raise
    except ConflictError as exc:
        raise _conflict(exc.message) from None
    except StaleDataError:
        raise _conflict(None) from None
    except OperationalError as exc:
        if getattr(exc.orig, "sqlstate", None) not in _LOST_RACE:
            raise
        raise _conflict(None) from None


def _conflict(detail: Message | None) -> DraftConflictError:
    if detail is None:
        return DraftConflictError(
            "Someone else changed the draft after you opened it. Your edit was not saved and "
            "theirs was not overwritten. Reload the draft, then make your edit again."
        )
    return DraftConflictError(
        "Someone else changed the draft after you opened it ({detail}). Your edit was not "
        "saved and theirs was not overwritten. Reload the draft, then make your edit again.",
        detail=detail,
    )
