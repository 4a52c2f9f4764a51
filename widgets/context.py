"""What every pane shares: the open workspace, the signed-in user, and one ``changed`` signal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from studio.bundle.model import Bundle, UserAssignment
from studio.draft.store import load_draft
from studio.workspace.connection import Workspace

if TYPE_CHECKING:
    from studio.client.local_server import LocalServer


class StudioContext(QObject):
    """Panes listen to ``changed`` and refresh only if the change concerns them."""

    #: what changed: "workspace", "user", "draft", "audit"
    changed = Signal(str)
    #: the server to push to was found or started (``local_server`` / ``server_url`` set)
    server_changed = Signal()

    def __init__(self, workspace: Workspace, user: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.user = user
        self._bundle: Bundle | None = None
        #: the studio's own reference server, when no server is configured (see main_window)
        self.local_server: LocalServer | None = None
        #: the server the person configured (``STUDIO_SERVER_URL`` or the workspace's)
        self.server_url: str | None = None

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
        if old is not workspace:
            old.close()
        self.changed.emit("workspace")

    def set_user(self, user: str) -> None:
        self.user = user
        self.changed.emit("user")

    def draft_changed(self) -> None:
        self._bundle = None
        self.changed.emit("draft")

    def draft_saved(self, bundle: Bundle) -> None:
        """Like ``draft_changed``, from a pane that just wrote ``bundle`` as the whole draft.

        The cache is primed with it (``load_draft`` would return an equal bundle), so that the
        other panes refresh without reading a large draft back on the UI thread.
        """
        self._bundle = bundle
        self.changed.emit("draft")
