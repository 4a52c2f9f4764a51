"""What every pane shares: the open workspace, the signed-in user, and one ``changed`` signal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from studio.bundle.model import Bundle, UserAssignment
from studio.draft.store import load_draft
from studio.op_changes import OpChanges
from studio.workspace.connection import Workspace

if TYPE_CHECKING:
    from studio.client.local_server import LocalServer


class StudioContext(QObject):
    """Panes listen to ``changed`` and refresh only if the change concerns them."""

    #: (OpChanges, initiator): what an operation changed, and who started it (or None)
    changed = Signal(object, object)
    #: the server to push to was found or started (``local_server`` / ``server_url`` set)
    server_changed = Signal()
    #: a background operation failed with this message: the main window shows it, in one place
    failed = Signal(str)

    def __init__(self, workspace: Workspace, user: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.user = user
        #: bumped when another workspace opens: results of older operations are dropped
        self.generation = 0
        self._bundle: Bundle | None = None
        #: the studio's own reference server, when no server is configured (see main_window)
        self.local_server: LocalServer | None = None
        #: the server the person configured (``STUDIO_SERVER_URL`` or the workspace's)
        self.server_url: str | None = None

    def notify(self, changes: OpChanges, initiator: object = None) -> None:
        """Tell every pane what changed (the one place a change is announced)."""
        if changes.draft or changes.workspace:
            self._bundle = None
        self.changed.emit(changes, initiator)

    def bundle(self) -> Bundle:
        """The draft as a bundle (cached until the draft changes)."""
        if self._bundle is None:
            with self.workspace.session() as s:
                self._bundle = load_draft(s)
        return self._bundle

    def user_assignment(self) -> UserAssignment | None:
        return next((u for u in self.bundle().users if u.user == self.user), None)

    def set_workspace(self, workspace: Workspace, user: str) -> None:
        old = self.workspace
        self.workspace, self.user, self._bundle = workspace, user, None
        self.generation += 1
        if old is not workspace:
            old.close()
        self.notify(OpChanges(workspace=True))

    def set_user(self, user: str) -> None:
        self.user = user
        self.notify(OpChanges(user=True))

    def draft_changed(self) -> None:
        self.notify(OpChanges(draft=True, audit=True))

    def draft_saved(self, bundle: Bundle, initiator: object = None) -> None:
        """Like ``draft_changed``, from a pane that just wrote ``bundle`` as the whole draft.

        The cache is primed with it (``load_draft`` would return an equal bundle), so that the
        other panes refresh without reading a large draft back on the UI thread.
        """
        self._bundle = bundle
        self.changed.emit(OpChanges(draft=True, audit=True), initiator)
