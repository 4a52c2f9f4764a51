"""File › New workspace, Open workspace, Open team workspace: the workspace is opened or created
off the UI thread, then the studio moves to it (its user kept when the workspace knows them).

A damaged workspace opens read-only, with the main window's banner saying what to restore.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMessageBox

from widgets.ops import Op

if TYPE_CHECKING:
    from studio.workspace.connection import Workspace
    from widgets.main_window import MainWindow


class WorkspaceSwitch(QObject):
    """The main window's workspace actions (``window``: where it reports)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.ops: set[Op] = set()

    def switch_in_background(self, fn: object, notice: str | None = None) -> None:
        op = Op(fn, self)  # type: ignore[arg-type]
        self.ops.add(op)
        self.window.statusBar().showMessage(self.tr("Opening workspace…"))

        def done(ws: Workspace) -> None:
            from studio.workspace.connection import display_name

            self.window.statusBar().clearMessage()
            users = [u.user for u in _users_of(ws)]
            user = (
                self.window.ctx.user
                if self.window.ctx.user in users
                else (users[0] if users else "")
            )
            self.window.ctx.set_workspace(ws, user)
            if notice:
                self.window.show_notice(notice.replace("%1", display_name(ws.target)))

        def failed(message: str) -> None:
            self.window.statusBar().clearMessage()
            self.window.show_error(message)

        op.succeeded.connect(done)
        op.failed.connect(failed)
        op.finished.connect(lambda: self.ops.discard(op))
        op.start()

    def open_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window,
            self.tr("Open workspace"),
            "",
            self.tr("Studio workspaces (*.db *.sqlite);;All files (*)"),
        )
        if path:
            self.open_target(path)

    def open_target(self, target: str) -> None:
        from studio.workspace.connection import open_workspace

        # A damaged workspace opens read-only, with the banner saying what to restore.
        self.switch_in_background(lambda: open_workspace(target, damaged_read_only=True))

    def open_team(self) -> None:
        from widgets.team_workspace_dialog import TeamWorkspaceDialog

        dialog = TeamWorkspaceDialog(self.window)
        self.team_dialog = dialog
        if dialog.exec() == TeamWorkspaceDialog.DialogCode.Accepted and dialog.url:
            self.open_target(dialog.url)

    def new(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("New workspace"),
            "workspace.db",
            self.tr("Studio workspaces (*.db)"),
        )
        if not path:
            return
        answer = QMessageBox.question(
            self.window,
            self.tr("New workspace"),
            self.tr(
                "Start with the sample CRM configuration (customers, leads, "
                "opportunities, contracts and demo users)?"
            ),
        )
        sample = answer == QMessageBox.StandardButton.Yes
        from studio.workspace.bootstrap import init_workspace

        self.switch_in_background(
            lambda: init_workspace(path, sample=sample), self.tr("Created a new workspace at %1.")
        )


def _users_of(ws: Workspace) -> list:  # type: ignore[type-arg]
    from studio.draft.store import load_draft

    with ws.session() as s:
        return list(load_draft(s).users)
