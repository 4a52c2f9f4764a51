"""Changes: the draft against the live version, submit, the change requests, push, history.

The pane is the shell: everything its tabs show is read by one background operation
(``reload``) and handed to each tab (``DraftTab``, ``RequestsTab``, ``HistoryTab``); every
action is a core call run off the UI thread (``widgets.ops.Op``) whose errors and confirmations
appear in the pane's message line.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio import changes
from studio.changes import ChangeView, DraftEdited, edited_since
from studio.changes.history import ReleaseView
from studio.op_changes import SUBMITTED, OpChanges
from widgets.changes.draft_tab import DraftTab
from widgets.changes.history_tab import HistoryTab
from widgets.changes.keys_dialog import SigningKeyDialog
from widgets.changes.push import PushRunner
from widgets.changes.requests_tab import RequestsTab
from widgets.changes.review_dialog import ReviewDialog
from widgets.changes.snapshot import Snapshot, read_snapshot
from widgets.changes.styles import ERROR_STYLE, NOTE_STYLE, OK_STYLE
from widgets.changes.submit_dialog import SubmitDialog
from widgets.context import StudioContext
from widgets.ops import Op, OpResult
from widgets.pane import Pane, register_pane


@register_pane
class ChangesPane(Pane):
    pane_id = "changes"
    listens_to = frozenset({"draft", "user", "requests", "releases", "keys"})

    # emitted each time a reload finished (tests wait on it)
    loaded = Signal()
    # a user-visible message of the last action (errors and confirmations)
    message_shown = Signal(str)

    def __init__(self, ctx: StudioContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._generation = 0
        self.snapshot: Snapshot | None = None
        #: The open change the draft has moved away from since it was submitted, if any.
        self.draft_edited: DraftEdited | None = None
        # The submit or rollback dialog opened last.
        self.submit_dialog: SubmitDialog | None = None
        self.key_dialog: SigningKeyDialog | None = None

        self.server_label = QLabel(self)
        self.server_label.setObjectName("server_label")
        self.server_label.setStyleSheet(NOTE_STYLE)
        self.key_banner = self._make_key_banner()
        self.message_label = QLabel(self)
        self.message_label.setObjectName("changes_message")
        self.message_label.setWordWrap(True)
        self.message_label.hide()

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("changes_tabs")
        self.draft_tab = DraftTab(ctx, self._run, self)
        self.draft_tab.submitted.connect(self._submitted)
        self.draft_tab.refused.connect(self.show_error)
        self.draft_tab.dialog_opened.connect(self._dialog_opened)
        self.draft_tab.refresh_requested.connect(self.reload)
        self.draft_tab.reset_done.connect(self._reset_done)
        self.tabs.addTab(self.draft_tab, self.tr("Draft vs live"))
        self.requests_tab = RequestsTab(ctx, self)
        self.requests_tab.message.connect(self._message)
        self.tabs.addTab(self.requests_tab, self.tr("Change requests"))
        self.history_tab = HistoryTab(ctx, self._run, self)
        self.history_tab.rollback_button.clicked.connect(self.open_rollback_dialog)
        self.tabs.addTab(self.history_tab, self.tr("History"))
        # the tabs' parts, by the names the tests and the rest of the app use
        self.draft_summary = self.draft_tab.summary
        self.submit_block_label = self.draft_tab.block_label
        self.submit_button = self.draft_tab.submit_button
        self.reset_button = self.draft_tab.reset_button
        self.draft_details = self.draft_tab.details
        self.draft_impact = self.draft_tab.impact
        self.edited_banner = self.draft_tab.edited_banner
        self.change_model = self.requests_tab.model
        self.change_table = self.requests_tab.table
        self.change_status = self.requests_tab.status
        self.review_button = self.requests_tab.review_button
        self.push_button = self.requests_tab.push_button
        self.change_details = self.requests_tab.details
        self.change_impact = self.requests_tab.impact
        self.history_model = self.history_tab.model
        self.history_table = self.history_tab.table
        self.rollback_button = self.history_tab.rollback_button

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.server_label)
        layout.addWidget(self.key_banner)
        layout.addWidget(self.message_label)
        layout.addWidget(self.tabs, 1)
        # Find (Ctrl+F): the change requests, wherever the focus is in the pane.
        QShortcut(QKeySequence.StandardKey.Find, self, self.find_change)
        ctx.server_changed.connect(self._show_server)
        # The server's record counts arrived: judge the draft with them, as the designer does.
        ctx.checks.changed.connect(self.reload)
        self._show_server()  # a pane built after the server was found (panes are built on show)
        self.reload()

    def find_change(self) -> None:
        self.tabs.setCurrentWidget(self.requests_tab)
        self.requests_tab.focus_filter()

    # -- what the tabs hold and do, by the names the tests and the rest of the app use ----------
    @property
    def review_dialog(self) -> ReviewDialog | None:
        return self.requests_tab.review_dialog

    @property
    def push_runner(self) -> PushRunner | None:
        return self.requests_tab.push_runner

    def open_submit_dialog(self) -> None:
        self.draft_tab.open_submit_dialog()

    def open_review(self) -> None:
        self.requests_tab.open_review()

    def push_selected(self) -> None:
        self.requests_tab.push_selected()

    def selected_change(self) -> ChangeView | None:
        return self.requests_tab.selected_change()

    def selected_release(self) -> ReleaseView | None:
        return self.history_tab.selected_release()

    # -- building -------------------------------------------------------------------------------
    def _make_key_banner(self) -> QFrame:
        frame = QFrame(self)
        frame.setObjectName("key_banner")
        frame.setStyleSheet("#key_banner { background: #fff4e5; border: 1px solid #f0c36d; }")
        row = QHBoxLayout(frame)
        row.setContentsMargins(8, 4, 4, 4)
        self.key_banner_label = QLabel(frame)
        self.key_banner_label.setWordWrap(True)
        button = QPushButton(self.tr("Create signing key…"), frame)
        button.setObjectName("create_key")
        button.clicked.connect(self.open_key_dialog)
        row.addWidget(self.key_banner_label, 1)
        row.addWidget(button)
        frame.hide()
        return frame

    def on_changes(self, changes: OpChanges, initiator: object) -> None:
        # A message is about the last action of the person signed in: another person, or an
        # edit made elsewhere, makes it stale (a refusal stayed on top after unrelated edits).
        if changes.user or changes.workspace or (changes.draft and initiator is not self):
            self.message_label.hide()
        self.reload()

    # -- background work ------------------------------------------------------------------------
    def _run(
        self, fn: Any, done: Any, failed: Any = None, *, changes: OpChanges | None = None
    ) -> Op:
        """Run ``fn`` in the background; with ``changes`` it writes the workspace (one writer at
        a time) and ``changes`` goes to every pane when it succeeds."""
        if changes is None:
            op = Op(fn, ctx=self.ctx)
        else:
            what = changes
            op = Op(lambda: OpResult(fn(), what), ctx=self.ctx, writes=True, initiator=self)
        op.succeeded.connect(done)
        op.failed.connect(failed or self.show_error)
        return op.start()

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        ws, user = self.ctx.workspace, self.ctx.user
        stats = self.ctx.checks.data_stats()
        self._run(lambda: (generation, read_snapshot(ws, user, stats)), self._loaded)

    def _loaded(self, result: tuple[int, Snapshot]) -> None:
        generation, snap = result
        if generation != self._generation:
            return  # a newer reload is on its way
        self.snapshot = snap
        doc = self.ctx.document
        if doc.loaded:  # the server's counts for the draft's required fields, if not known yet
            self.ctx.checks.ask_server(doc.bundle, doc.live)
        self.draft_edited = edited_since(snap.draft.bundle_sha256, snap.changes)
        self._show_server()
        self.draft_tab.show_snapshot(snap, self.draft_edited)
        self._show_key_banner(snap.has_key)
        self.requests_tab.show_snapshot(snap, self.draft_edited)
        self.history_tab.set_releases(snap.history)
        self.loaded.emit()

    # -- showing --------------------------------------------------------------------------------
    def _show_server(self) -> None:
        local = getattr(self.ctx, "local_server", None)
        configured = getattr(self.ctx, "server_url", None)
        if local is not None:
            self.server_label.setText(
                self.tr(
                    "Server: the studio's own reference server at %1 (no server configured; "
                    "set STUDIO_SERVER_URL to push to your CRM)."
                ).replace("%1", local.url)
            )
        elif configured:
            self.server_label.setText(self.tr("Server: %1").replace("%1", configured))
        else:
            self.server_label.setText(self.tr("Server: not connected yet."))

    def _show_key_banner(self, has_key: bool) -> None:
        self.key_banner_label.setText(
            self.tr(
                "%1 has no signing key yet. A key is needed to approve or reject changes "
                "(File > Signing key…)."
            ).replace("%1", self.ctx.user)
        )
        self.key_banner.setVisible(not has_key)

    def show_error(self, message: str) -> None:
        self._message(message, ERROR_STYLE)

    def _message(self, text: str, style: str = OK_STYLE) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet(style)
        self.message_label.show()
        self.message_shown.emit(text)

    # -- actions --------------------------------------------------------------------------------
    def _dialog_opened(self, dialog: SubmitDialog) -> None:
        self.submit_dialog = dialog

    def _submitted(self, view: ChangeView) -> None:
        self.requests_tab.select_change(view.id)  # the new change, not the one selected before
        self._message(
            self.tr("Submitted “%1” as change %2; it now needs its approvals.")
            .replace("%1", view.title)
            .replace("%2", view.id[:8])
        )
        self.tabs.setCurrentIndex(1)

    def _reset_done(self, version: int) -> None:
        self._message(self.tr("The draft is live version v%1 again.").replace("%1", str(version)))

    def open_rollback_dialog(self) -> None:
        rel = self.selected_release()
        if rel is None:
            return
        dialog = SubmitDialog(
            self,
            self.tr("Roll back to version v%1").replace("%1", str(rel.version)),
            self.tr(
                "This creates a change request whose configuration is version v%1's. Fields "
                "added since v%1 stay, deprecated and hidden: nobody sees them any more, and the "
                "data records hold in them is kept. It needs the same approvals as any change "
                "and goes live as a new, higher version; the history keeps everything."
            ).replace("%1", str(rel.version)),
            title=self.tr("Roll back to version v%1").replace("%1", str(rel.version)),
            ok_text=self.tr("Create rollback request"),
        )
        version = rel.version
        dialog.accepted.connect(
            lambda: self._rollback(
                version, dialog.title(), dialog.reason(), dialog.take_passphrase()
            )
        )
        self.submit_dialog = dialog
        dialog.open()

    def _rollback(
        self, version: int, title: str, reason: str, passphrase: str | None = None
    ) -> None:
        ws, user = self.ctx.workspace, self.ctx.user
        secret = [passphrase]  # one-shot: the background call takes it out
        del passphrase
        self._run(
            lambda: changes.rollback(ws, user, version, title, reason, passphrase=secret.pop()),
            self._submitted,
            changes=SUBMITTED,
        )

    def open_key_dialog(self) -> None:
        dialog = SigningKeyDialog(self.ctx, self)
        self.key_dialog = dialog
        dialog.open()
