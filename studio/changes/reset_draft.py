"""Reset the draft to the live version: start editing from what is live.

After a rollback goes live, the draft still holds the configuration that was rolled back (the
rollback's bundle never passes through the draft): the next submit would bring it back. Resetting
makes the live bundle the draft again, through the one save path (a compare-and-set of the
revision the editor holds, an ``edit`` audit entry), so someone else's newer edit is never
overwritten. The draft's approvers section is kept: it holds keys waiting to be registered by the
next change, which are not configuration.
"""

from __future__ import annotations

from studio.changes.flow import ChangeRefused
from studio.changes.releases import live_bundle, live_version
from studio.draft.save import save_draft
from studio.draft.store import draft_revision, load_draft
from studio.workspace.connection import Workspace


def reset_draft_to_live(ws: Workspace, user: str, expected_revision: int | None = None) -> int:
    """Make the live bundle the draft; the draft's new revision.

    ``expected_revision``: the revision the editor holds (``DraftConflictError`` when the draft
    moved on since); ``None`` takes the stored one (the CLI, tests). Refused (``ChangeRefused``)
    when nothing is live.
    """
    with ws.session() as s:
        live, version = live_bundle(s), live_version(s)
        draft = load_draft(s)
        revision = draft_revision(s) if expected_revision is None else expected_revision
    if live is None or version is None:
        raise ChangeRefused("Nothing is live yet: there is no live version to reset the draft to.")
    bundle = live.model_copy(update={"approvers": draft.approvers})
    return save_draft(
        ws,
        bundle,
        user=user,
        expected_revision=revision,
        action=f"reset the draft to live version v{version}",
        base=draft if expected_revision is None else None,
    )
