"""What every pane shares: the open workspace, the signed-in user, and one ``changed`` signal."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from studio.bundle import Bundle, UserAssignment
from studio.draft_store import load_draft
from studio.workspace import Workspace


class StudioContext(QObject):
    """Panes listen to ``changed`` and refresh only if the change concerns them."""

    #: what changed: "workspace", "user", "draft", "audit"
    changed = Signal(str)

    def __init__(self, workspace: Workspace, user: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.user = user
        self._bundle: Bundle | None = None

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
