"""The studio's main window: a navigator of panes, menus, and a status bar.

It appears before anything slow happens: the frame (navigator, menus, status bar) needs no
workspace, ``attach`` gives it one once opened (off the UI thread on start-up, see
``widgets.app.run``), a pane is built the first time it is shown, and the local server starts
after the first paint.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence, QPalette, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from studio import APP_NAME, __version__
from studio.bundle.label_text import role_names
from studio.op_changes import OpChanges
from widgets.local_server_runner import LocalServerRunner
from widgets.notice_banner import NoticeBanner
from widgets.pane import NAVIGATOR, Pane, PaneEntry, loading_placeholder, navigator_text
from widgets.settings import language_setting, set_language_setting, settings
from widgets.workspace_switch import WorkspaceSwitch

if TYPE_CHECKING:
    from widgets.context import StudioContext


class Panes(Mapping[str, Pane]):
    """The window's panes by id, each built the first time it is asked for (or shown)."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self.built: dict[str, Pane] = {}

    def __getitem__(self, pane_id: str) -> Pane:
        return self._window.pane(pane_id)

    def __iter__(self) -> Iterator[str]:
        return iter(entry.pane_id for entry in NAVIGATOR)

    def __len__(self) -> int:
        return len(NAVIGATOR)


class MainWindow(QMainWindow):
    def __init__(self, ctx: StudioContext | None = None, notice: str | None = None) -> None:
        super().__init__()
        self.ctx: StudioContext = None  # type: ignore[assignment]  # set by attach()
        self.setObjectName("main_window")
        self.setMinimumSize(760, 520)
        self.servers = LocalServerRunner(self)

        self.navigator = QListWidget(self)
        self.navigator.setObjectName("navigator")
        self.navigator.setFixedWidth(190)
        self.navigator.setStyleSheet(
            "QListWidget { font-size: 14px; } QListWidget::item { padding: 8px 6px; }"
        )
        self.stack = QStackedWidget(self)
        self.panes = Panes(self)
        for entry in NAVIGATOR:
            # A placeholder until the pane is first shown.
            self.stack.addWidget(loading_placeholder(self.stack))
            item = QListWidgetItem(navigator_text(entry), self.navigator)
            item.setData(Qt.ItemDataRole.UserRole, entry.pane_id)
            self._mark_coming(item, entry)
        self.navigator.currentRowChanged.connect(self._show_row)

        self.banner = NoticeBanner(notice, self)
        self.banner_label = self.banner.label
        # issue 20: a damaged workspace is open read-only; the red banner says so, the lock
        # keeps the panes' editing controls disabled
        from widgets.read_only import ReadOnlyLock, make_banner

        self.read_only_banner, self.read_only_label = make_banner(self)
        self.read_only_lock = ReadOnlyLock(self)
        from widgets.draft_banner import DraftBanner

        # A draft edit that could not be saved (someone else saved first): said in every pane.
        self.conflict_banner = DraftBanner(self)
        body = QWidget(self)
        body_layout = QHBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.setSpacing(0)
        body_layout.addWidget(self.navigator)
        body_layout.addWidget(self.stack, 1)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.read_only_banner)
        layout.addWidget(self.conflict_banner)
        layout.addWidget(self.banner)
        layout.addWidget(body, 1)
        self.setCentralWidget(central)

        self.workspace_label = QLabel(self)
        self.workspace_label.setObjectName("status_workspace")
        self.user_label = QLabel(self)
        self.user_label.setObjectName("status_user")
        self.statusBar().addPermanentWidget(self.workspace_label)
        self.statusBar().addPermanentWidget(self.user_label)

        #: the last "Sign in as" passphrase dialog (tests drive it)
        self.sign_in_dialog: QDialog | None = None
        self.workspaces = WorkspaceSwitch(self)
        self._build_menus()
        # app.quit() (no window close) must stop the server too, not leave it to process exit.
        QApplication.instance().aboutToQuit.connect(self.servers.stop)
        self.navigator.setCurrentRow(0)
        self._restore_geometry()
        if ctx is None:
            # Nothing to act on yet: the menus wait for the workspace.
            self.menuBar().setEnabled(False)
            self.statusBar().showMessage(self.tr("Opening workspace…"))
        else:
            self.attach(ctx)

    def attach(self, ctx: StudioContext) -> None:
        """Give the window its workspace: titles, the pane on show, then the local server."""
        from studio.audit import log as audit

        self.ctx = ctx
        # Who the studio started as (--user, STUDIO_USER) has proved nothing.
        audit.record_sign_in(ctx.user, False)
        ctx.changed.connect(self._on_changed)
        ctx.failed.connect(self.show_operation_error)
        ctx.became_damaged.connect(self._update_read_only)
        self.conflict_banner.follow(ctx.document)
        self.menuBar().setEnabled(True)
        self.statusBar().clearMessage()
        self._update_titles()
        self._update_read_only()
        self._show_row(self.navigator.currentRow())
        self.servers.start_after_show()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.servers.shown()

    # -- panes ----------------------------------------------------------------------------------
    def pane(self, pane_id: str) -> Pane:
        """The pane ``pane_id``, built (in place of its placeholder) on the first call."""
        pane = self.panes.built.get(pane_id)
        if pane is not None:
            return pane
        if self.ctx is None:
            raise RuntimeError("the window has no workspace yet")
        row = next(i for i, entry in enumerate(NAVIGATOR) if entry.pane_id == pane_id)
        pane = NAVIGATOR[row].load()(self.ctx, self.stack)
        self.panes.built[pane_id] = pane
        from widgets.tab_focus import tab_leaves_read_only_views

        if pane_id != "import_export":  # the import wizard's views are its own
            tab_leaves_read_only_views(pane)  # before the lock makes every view read-only
        self.read_only_lock.lock(pane)
        placeholder = self.stack.widget(row)
        self.stack.insertWidget(row, pane)
        self.stack.removeWidget(placeholder)
        placeholder.deleteLater()
        self.stack.setCurrentIndex(max(self.navigator.currentRow(), 0))
        return pane

    def _show_row(self, row: int) -> None:
        if row < 0:
            return
        if self.ctx is not None:
            self.pane(NAVIGATOR[row].pane_id)
        self.stack.setCurrentIndex(row)

    # -- building -------------------------------------------------------------------------------
    def _mark_coming(self, item: QListWidgetItem, entry: PaneEntry) -> None:
        """A pane whose feature is still to come: greyed and in italics, with what is coming in
        its tooltip; the others as they are."""
        if entry.coming is None:
            return
        font = item.font()
        font.setItalic(True)
        item.setFont(font)
        item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
        item.setToolTip(entry.coming())

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        new_ws = QAction(self.tr("&New workspace…"), self)
        new_ws.setShortcut(QKeySequence.StandardKey.New)
        new_ws.triggered.connect(self.workspaces.new)
        open_ws = QAction(self.tr("&Open workspace…"), self)
        open_ws.setShortcut(QKeySequence.StandardKey.Open)
        open_ws.triggered.connect(self.workspaces.open_dialog)
        open_team = QAction(self.tr("Open &team workspace (PostgreSQL)…"), self)
        open_team.triggered.connect(self.workspaces.open_team)
        file_menu.addActions([new_ws, open_ws, open_team])
        file_menu.addSeparator()
        self.sign_in_menu = file_menu.addMenu(self.tr("&Sign in as"))
        self.sign_in_menu.aboutToShow.connect(self._fill_sign_in_menu)
        signing_key = QAction(self.tr("Signing &key…"), self)
        signing_key.setObjectName("action_signing_key")
        signing_key.triggered.connect(self.open_signing_key)
        file_menu.addAction(signing_key)
        self.signing_key_action = signing_key
        file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        # Undo/Redo belong to the pane on show (its own QUndoStack and shortcuts).
        self.edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self._nothing_to_undo = QAction(self.tr("Nothing to undo here"), self)
        self._nothing_to_undo.setEnabled(False)
        self.edit_menu.aboutToShow.connect(self._fill_edit_menu)
        self._fill_edit_menu()

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        for row, entry in enumerate(NAVIGATOR):
            go = QAction(navigator_text(entry), self)
            go.setShortcut(QKeySequence(f"Ctrl+{row + 1}"))
            go.triggered.connect(lambda _=False, r=row: self.navigator.setCurrentRow(r))
            view_menu.addAction(go)
        view_menu.addSeparator()
        lang_menu = view_menu.addMenu(self.tr("&Language"))
        group = QActionGroup(self)
        current = language_setting()
        for value, text in (
            ("system", self.tr("Follow the system")),
            ("zh_CN", "中文"),
            ("en", "English"),
        ):
            act = QAction(text, self, checkable=True)
            act.setChecked(value == current)
            act.triggered.connect(lambda _=False, v=value: self.set_language(v))
            group.addAction(act)
            lang_menu.addAction(act)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("&About CRM Config Studio"), self)
        about.triggered.connect(self.show_about)
        help_menu.addAction(about)

    def _fill_edit_menu(self) -> None:
        # removeAction, not clear(): clear() would delete the panes' own actions.
        for act in self.edit_menu.actions():
            self.edit_menu.removeAction(act)
        pane = self.stack.currentWidget()
        actions = pane.edit_actions() if hasattr(pane, "edit_actions") else []
        for act in actions:
            self.edit_menu.addAction(act)
        if not actions:
            self.edit_menu.addAction(self._nothing_to_undo)

    def sign_in(self, user: str) -> None:
        """Sign in as ``user``: with their passphrase when they have a signing key."""
        from studio.audit import log as audit
        from studio.changes import keys
        from widgets.sign_in_dialog import SignInDialog

        if user == self.ctx.user:
            return
        if not keys.has_signing_key(self.ctx.workspace, user):
            # Nothing to prove it with: allowed (demo users, first steps), and the audit log
            # records the actions as not verified.
            audit.record_sign_in(user, False)
            self.ctx.set_user(user)
            return
        ua = next((u for u in self.ctx.bundle().users if u.user == user), None)
        dialog = SignInDialog(self.ctx, user, ua.display_name if ua else user, self)
        self.sign_in_dialog = dialog
        dialog.open()

    def _fill_sign_in_menu(self) -> None:
        self.sign_in_menu.clear()
        roles = role_names(self.ctx.bundle())
        for ua in self.ctx.bundle().users:
            role = roles.get(ua.role, ua.role)
            act = QAction(f"{ua.display_name} ({ua.user}, {role})", self.sign_in_menu)
            act.setCheckable(True)
            act.setChecked(ua.user == self.ctx.user)
            act.triggered.connect(lambda _=False, u=ua.user: self.sign_in(u))
            self.sign_in_menu.addAction(act)

    # -- state ----------------------------------------------------------------------------------
    def _on_changed(self, changes: OpChanges, initiator: object) -> None:
        if changes.touches({"user", "keys", "draft"}):  # the draft holds who has which role
            self._update_titles()
        if changes.workspace:
            self._update_read_only()
            self.servers.start()
        elif self.read_only_lock.active:
            # Panes may have made new controls (a condition row, a dialog's parts): lock them.
            QTimer.singleShot(0, self._lock_built_panes)

    # -- read-only (a damaged workspace, issue 20) ----------------------------------------------
    def _update_read_only(self) -> None:
        """Show or hide the red banner and lock or free the panes, as the workspace is."""
        from widgets.read_only import banner_text

        damaged = self.ctx.workspace.damaged
        was = self.read_only_lock.active
        self.read_only_lock.active = damaged is not None
        self.signing_key_action.setEnabled(damaged is None)
        if damaged is not None:
            self.read_only_label.setText(banner_text(str(damaged)))
            self.read_only_banner.show()
            self._lock_built_panes()
        else:
            self.read_only_banner.hide()
            if was:
                self._rebuild_panes()  # the lock's disabled controls are the panes' again

    def _lock_built_panes(self) -> None:
        for pane in self.panes.built.values():
            self.read_only_lock.lock(pane)

    def _rebuild_panes(self) -> None:
        """Put every built pane back to its placeholder; the one on show is built anew."""
        for row, entry in enumerate(NAVIGATOR):
            pane = self.panes.built.pop(entry.pane_id, None)
            if pane is None:
                continue
            placeholder = QWidget(self.stack)
            self.stack.insertWidget(row, placeholder)
            self.stack.removeWidget(pane)
            pane.deleteLater()
        self._show_row(self.navigator.currentRow())

    def open_signing_key(self) -> None:
        from widgets.changes.keys_dialog import SigningKeyDialog

        dialog = SigningKeyDialog(self.ctx, self)
        dialog.open()

    def _update_titles(self) -> None:
        from studio.workspace.connection import display_name

        ws = self.ctx.workspace
        self.setWindowTitle(f"{ws.name} — {APP_NAME}")
        self.workspace_label.setText(self.tr("Workspace: %1").replace("%1", ws.name))
        self.workspace_label.setToolTip(display_name(ws.target))
        ua = self.ctx.user_assignment()
        role = role_names(self.ctx.bundle()).get(ua.role, ua.role) if ua else ""
        who = f"{ua.display_name} ({role})" if ua else self.ctx.user
        self.user_label.setText(self.tr("Signed in as: %1").replace("%1", who))

    def show_notice(self, text: str) -> None:
        self.banner.say(text)

    def show_operation_error(self, text: str) -> None:
        """Where a background operation's failure is shown: the status bar and a message box
        that does not block (the studio keeps working while it is open)."""
        self.statusBar().showMessage(text, 15000)
        box = QMessageBox(
            QMessageBox.Icon.Warning, APP_NAME, text, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("operation_error")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def show_error(self, text: str) -> None:
        QMessageBox.warning(self, APP_NAME, text)

    # -- settings -------------------------------------------------------------------------------
    def set_language(self, value: str) -> None:
        from widgets.translation import effective_language

        before = effective_language()
        set_language_setting(value)
        if effective_language() == before:
            return
        later = self.tr("The language changes the next time the studio starts.")
        if self.ctx is not None and self.ctx.document.busy():
            self.statusBar().showMessage(later, 8000)  # an edit is still being saved
            return
        box = QMessageBox(self)
        box.setObjectName("restart_box")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Language"))
        box.setText(
            self.tr(
                "The studio shows the new language after a restart. Restart now? "
                "Every edit is already saved."
            )
        )
        now = box.addButton(self.tr("Restart now"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not now:
            self.statusBar().showMessage(later, 8000)
            return
        from widgets.restart import start_again

        workspace = self.ctx.workspace.target if self.ctx is not None else None
        user = self.ctx.user if self.ctx is not None else None
        if start_again(workspace, user):
            self.close()
        else:
            self.statusBar().showMessage(later, 8000)

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About CRM Config Studio"),
            self.tr(
                "<h3>CRM Config Studio %1</h3><p>Configure your no-code CRM. Every "
                "change is checked, co-approved by a business lead and an IT admin, "
                "signed, and can be rolled back in one step.</p>"
            ).replace("%1", __version__),
        )

    def _restore_geometry(self) -> None:
        s = settings()
        geometry = s.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 800)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.servers.stop()
        s = settings()
        s.setValue("window/geometry", self.saveGeometry())
        s.sync()
        super().closeEvent(event)
