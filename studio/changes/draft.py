"""Saving the draft from an editor that may share the workspace with other studios.

``replace_draft`` checks the revision the editor read; two studios that both passed that check at
the same moment are caught by the draft row's ``version_id_col`` on write. Both cases become the
same ``ConflictError`` here, so a caller never sees SQLAlchemy's internals nor overwrites silently.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm.exc import StaleDataError

from studio.audit import log as audit
from studio.bundle.model import Bundle
from studio.draft.store import draft_revision, load_draft, replace_draft
from studio.errors import ConflictError
from studio.workspace.connection import Workspace


def read_draft(ws: Workspace) -> tuple[Bundle, int]:
    """The draft and the revision to pass back to ``save_draft``."""
    with ws.session() as s:
        bundle = load_draft(s)
        return bundle, draft_revision(s)


def save_draft(ws: Workspace, bundle: Bundle, *, user: str, expected_revision: int) -> int:
    """Make ``bundle`` the draft if nobody saved since ``expected_revision``; the new revision.

    Raises ``ConflictError`` (nothing written) when someone else saved in between.
    """
    try:
        with ws.session() as s:
            revision = replace_draft(s, bundle, user=user, expected_revision=expected_revision)
            audit.append(
                s, user, "edit", "draft", {"revision": revision, "bundle_sha256": bundle.sha256()}
            )
            return revision
    except OperationalError as exc:
        # PostgreSQL's deadlock / serialization failures: the other save won the race.
        if getattr(exc.orig, "sqlstate", None) not in ("40P01", "40001"):
            raise
        raise ConflictError(
            "Someone else saved the draft at the same time; reload it and edit again."
        ) from None
    except (StaleDataError, IntegrityError):
        raise ConflictError(
            "Someone else saved the draft at the same time; reload it and edit again."
        ) from None
