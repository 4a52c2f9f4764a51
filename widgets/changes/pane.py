"""Changes: the draft against the live version, submit, the change requests, push, history.

Everything the pane shows is read by one background operation (``_load``); every action is a
core call run off the UI thread (``widgets.ops.Op``) whose errors appear as messages here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from studio import changes, keys
from studio.changes import ChangeView, DraftEdited, edited_since
from studio.changes.history import ReleaseView, history
from studio.changes.review import DraftReview, review_draft
from studio.changes.view import PENDING_STATES
from studio.push_client import PushResult
from widgets.changes.details import ChangeDetails
from widgets.changes.edited_banner import DraftEditedBanner, edited_text
from widgets.changes.history_tab import HistoryTab
from widgets.changes.impact_loader import ImpactLoader
from widgets.changes.keys_dialog import SigningKeyDialog
from widgets.changes.push import PushRunner
from widgets.changes.review_dialog import ReviewDialog
from widgets.changes.submit_dialog import SubmitDialog
from widgets.changes.table_models import (
    ChangeListModel,
    make_table_view,
    reselect,
    state_text,
)
from widgets.context import StudioContext
from widgets.ops import Op
from widgets.pane import Pane, register_pane

ERROR_STYLE = "color: #b3261e; font-weight: 600;"
OK_STYLE = "color: #1b7f3b;"
NOTE_STYLE = "color: #555555;"
WARN_STYLE = "color: #8a5a00;"


@dataclass(frozen=True)
class _Snapshot:
    draft: DraftReview
    changes: list[ChangeView]
    history: list[ReleaseView]
    has_key: bool


@register_pane
class ChangesPane(Pane):
    pane_id = "changes"
    order = 50
    listens_to = frozenset({"workspace", "draft", "user", "audit"})

    # emitted each time a reload finished (tests wait on it)
    loaded = Signal()
    # a user-visible message of the last action (errors and confirmations)
    message_shown = Signal(str)

    @classmethod
    def title(cls) -> str:
        return QCoreApplication.translate("Navigator", "Changes")

    def __init__(self, ctx: StudioContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._ops: set[Op] = set()
        self._generation = 0
        self.snapshot: _Snapshot | None = None
        #: The open change the draft has moved away from since it was submitted, if any.
        self.draft_edited: DraftEdited | None = None
        self.submit_dialog: SubmitDialog | None = None
        self.review_dialog: ReviewDialog | None = None
        self.key_dialog: SigningKeyDialog | None = None
        self.push_runner: PushRunner | None = None

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
        self.tabs.addTab(self._make_draft_tab(), self.tr("Draft vs live"))
        self.tabs.addTab(self._make_requests_tab(), self.tr("Change requests"))
        self.history_tab = HistoryTab(ctx, self._run, self)
        self.history_tab.rollback_button.clicked.connect(self.open_rollback_dialog)
        # the tab's parts, by the names the tests and the rest of the pane use
        self.history_model = self.history_tab.model
        self.history_table = self.history_tab.table
        self.rollback_button = self.history_tab.rollback_button
        self.tabs.addTab(self.history_tab, self.tr("History"))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.server_label)
        layout.addWidget(self.key_banner)
        layout.addWidget(self.message_label)
        layout.addWidget(self.tabs, 1)
        ctx.server_changed.connect(self._show_server)
        self.reload()

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

    def _make_draft_tab(self) -> QWidget:
        tab = QWidget(self)
        self.draft_summary = QLabel(tab)
        self.draft_summary.setObjectName("draft_summary")
        self.draft_summary.setWordWrap(True)
        self.submit_block_label = QLabel(tab)
        self.submit_block_label.setObjectName("submit_blocked")
        self.submit_block_label.setWordWrap(True)
        self.submit_block_label.setStyleSheet(ERROR_STYLE)
        self.submit_block_label.hide()
        self.submit_button = QPushButton(self.tr("&Submit for approval…"), tab)
        self.submit_button.setObjectName("submit")
        self.submit_button.clicked.connect(self.open_submit_dialog)
        refresh = QPushButton(self.tr("Refresh"), tab)
        refresh.clicked.connect(self.reload)
        top = QHBoxLayout()
        top.addWidget(self.draft_summary, 1)
        top.addWidget(refresh)
        top.addWidget(self.submit_button)
        self.draft_details = ChangeDetails(tab)
        self.draft_details.setObjectName("draft_details")
        self.draft_impact = ImpactLoader(self.ctx, self.draft_details, self)
        self.edited_banner = DraftEditedBanner(tab)
        self.edited_banner.submit_requested.connect(self.open_submit_dialog)
        layout = QVBoxLayout(tab)
        layout.addWidget(self.edited_banner)
        layout.addLayout(top)
        layout.addWidget(self.submit_block_label)
        layout.addWidget(self.draft_details, 1)
        return tab

    def _make_requests_tab(self) -> QWidget:
        tab = QWidget(self)
        self.change_model = ChangeListModel(self)
        self.change_table = make_table_view(tab, "change_table", self.change_model)
        self.change_table.doubleClicked.connect(lambda _i: self.open_review())
        self.change_status = QLabel(tab)
        self.change_status.setObjectName("change_status")
        self.change_status.setWordWrap(True)
        self.review_button = QPushButton(self.tr("&Review…"), tab)
        self.review_button.setObjectName("review")
        self.review_button.clicked.connect(self.open_review)
        self.push_button = QPushButton(self.tr("&Push to server"), tab)
        self.push_button.setObjectName("push")
        self.push_button.clicked.connect(self.push_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.change_status, 1)
        buttons.addWidget(self.review_button)
        buttons.addWidget(self.push_button)
        self.change_details = ChangeDetails(tab)
        self.change_impact = ImpactLoader(self.ctx, self.change_details, self)
        splitter = QSplitter(Qt.Orientation.Vertical, tab)
        splitter.addWidget(self.change_table)
        splitter.addWidget(self.change_details)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(tab)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        self.change_table.selectionModel().selectionChanged.connect(self._change_selected)
        return tab

    # -- background work ------------------------------------------------------------------------
    def _run(self, fn: Any, done: Any, failed: Any = None) -> Op:
        op = Op(fn)
        self._ops.add(op)
        op.succeeded.connect(done)
        op.failed.connect(failed or self.show_error)
        op.finished.connect(lambda: self._ops.discard(op))
        return op.start()

    def reload(self) -> None:
        self._generation += 1
        generation = self._generation
        ws, user = self.ctx.workspace, self.ctx.user

        def load() -> tuple[int, _Snapshot]:
            has_key = any(k.user == user and k.revoked_at is None for k in keys.list_keys(ws))
            return generation, _Snapshot(
                review_draft(ws), changes.list_changes(ws), history(ws), has_key
            )

        self._run(load, self._loaded)

    def _loaded(self, result: tuple[int, _Snapshot]) -> None:
        generation, snap = result
        if generation != self._generation:
            return  # a newer reload is on its way
        self.snapshot = snap
        self.draft_edited = edited_since(snap.draft.bundle_sha256, snap.changes)
        self._show_server()
        self._show_draft(snap.draft)
        self.edited_banner.show_for(self.draft_edited, can_submit=self.submit_button.isEnabled())
        self._show_key_banner(snap.has_key)
        selected = self.selected_change()
        self.change_model.edited_id = self.draft_edited.change_id if self.draft_edited else None
        self.change_model.set_rows(snap.changes)
        reselect(self.change_table, [c.id for c in snap.changes], selected and selected.id)
        self.history_tab.set_releases(snap.history)
        self._change_selected()
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

    def _show_draft(self, review: DraftReview) -> None:
        live = (
            self.tr("live version v%1").replace("%1", str(review.live_version))
            if review.live_version is not None
            else self.tr("nothing live yet (the first release)")
        )
        s = review.diff.get("summary", {})
        self.draft_summary.setText(
            self.tr(
                "Draft (fingerprint %1) against %2: %3 field(s) added, %4 removed, %5 changed, "
                "%6 permission cell(s) changed."
            )
            .replace("%1", review.bundle_sha256[:12])
            .replace("%2", live)
            .replace("%3", str(s.get("fields_added", 0)))
            .replace("%4", str(s.get("fields_removed", 0)))
            .replace("%5", str(s.get("fields_changed", 0)))
            .replace("%6", str(s.get("permission_cells_changed", 0)))
        )
        self.draft_details.show_change(review.diff, review.findings, [])
        self.draft_impact.show(review.diff)  # the server's record counts follow off-thread
        errors = review.errors
        if errors:
            self.submit_block_label.setText(
                self.tr("Submit is blocked by %1 error finding(s). First: %2")
                .replace("%1", str(len(errors)))
                .replace("%2", str(errors[0]["message"]))
            )
            self.submit_block_label.show()
            self.submit_button.setEnabled(False)
            self.submit_button.setToolTip(self.submit_block_label.text())
        elif review.diff.get("empty") and review.live_version is not None:
            self.submit_block_label.setText(
                self.tr("The draft equals the live version: nothing to submit.")
            )
            self.submit_block_label.show()
            self.submit_button.setEnabled(False)
        else:
            self.submit_block_label.hide()
            self.submit_button.setEnabled(True)
            self.submit_button.setToolTip("")

    def selected_change(self) -> ChangeView | None:
        rows = self.change_table.selectionModel().selectedRows()
        return self.change_model.row_at(rows[0].row()) if rows else None

    def selected_release(self) -> ReleaseView | None:
        return self.history_tab.selected_release()

    def _change_selected(self, *_args: Any) -> None:
        change = self.selected_change()
        self.review_button.setEnabled(change is not None)
        self.push_button.setEnabled(change is not None and change.can_push)
        if change is None:
            self.change_status.setText(self.tr("No change requests yet: submit the draft."))
            self.change_details.clear()
            self.change_impact.show({})
            return
        self.change_details.show_change(change.diff, change.findings, [])
        self.change_impact.show(change.diff)  # the server's record counts follow off-thread
        if change.can_push:
            text = self.tr("Approved: ready to push as version v%1.").replace(
                "%1", str(change.target_version)
            )
            style = OK_STYLE
        elif change.state == "pushed":
            text = self.tr("Live as version v%1.").replace("%1", str(change.target_version))
            style = OK_STYLE
        else:
            text = state_text(change.state).capitalize() + ": " + " ".join(change.blockers)
            style = ERROR_STYLE if change.state == "altered" else NOTE_STYLE
        if self.draft_edited is not None and self.draft_edited.change_id == change.id:
            # Its own line, in the banner's warning colour: green "ready to push" must not read
            # as "ready to push with the latest edits".
            text += "\n" + edited_text(self.draft_edited)
            style = WARN_STYLE
        self.change_status.setText(text)
        self.change_status.setStyleSheet(style)

    def show_error(self, message: str) -> None:
        self._message(message, ERROR_STYLE)

    def _message(self, text: str, style: str = OK_STYLE) -> None:
        self.message_label.setText(text)
        self.message_label.setStyleSheet(style)
        self.message_label.show()
        self.message_shown.emit(text)

    # -- actions --------------------------------------------------------------------------------
    def open_submit_dialog(self) -> None:
        if self.snapshot is not None and self.snapshot.draft.errors:
            self.show_error(self.submit_block_label.text())
            return
        intro = self.tr(
            "The draft is frozen into a change request. It goes live only after the "
            "approvals the policy asks for (by default a business lead and an IT admin) "
            "and a signed push."
        )
        pending = [
            c for c in (self.snapshot.changes if self.snapshot else []) if c.state in PENDING_STATES
        ]
        if pending:
            # Any submit supersedes the open change (edited away from or not, rollback or not).
            intro += "\n\n" + self.tr(
                "This supersedes change %1; the approvals given to it will not count for the "
                "new change."
            ).replace("%1", pending[0].id[:8])
        dialog = SubmitDialog(self, self.tr("Submit the draft for approval"), intro)
        dialog.accepted.connect(lambda: self._submit(dialog.title(), dialog.reason()))
        self.submit_dialog = dialog
        dialog.open()

    def _submit(self, title: str, reason: str) -> None:
        ws, user = self.ctx.workspace, self.ctx.user
        self._run(lambda: changes.submit(ws, user, title, reason), self._submitted)

    def _submitted(self, view: ChangeView) -> None:
        self._message(
            self.tr("Submitted “%1” as change %2; it now needs its approvals.")
            .replace("%1", view.title)
            .replace("%2", view.id[:8])
        )
        self.tabs.setCurrentIndex(1)
        self.ctx.changed.emit("audit")

    def open_review(self) -> None:
        change = self.selected_change()
        if change is None:
            return
        dialog = ReviewDialog(self.ctx, change, self)
        dialog.decided.connect(self._decided)
        self.review_dialog = dialog
        dialog.open()

    def _decided(self, view: ChangeView) -> None:
        last = view.approvals[-1] if view.approvals else None
        if last is not None and last.decision == "reject":
            self._message(self.tr("You rejected “%1”.").replace("%1", view.title), NOTE_STYLE)
        else:
            self._message(self.tr("You approved “%1”.").replace("%1", view.title))

    def push_selected(self) -> None:
        change = self.selected_change()
        if change is None:
            return
        if not change.can_push:
            self.show_error(" ".join(change.blockers))
            return
        runner = PushRunner(self.ctx, change.id, self)
        runner.succeeded.connect(self._pushed)
        runner.failed.connect(self.show_error)
        self.push_runner = runner
        runner.start()

    def _pushed(self, result: PushResult) -> None:
        note = self.tr(" (the server had it already)") if result.replayed else ""
        self._message(
            self.tr("Version v%1 is live on %2.%3")
            .replace("%1", str(result.version))
            .replace("%2", result.server_url)
            .replace("%3", note)
        )

    def open_rollback_dialog(self) -> None:
        rel = self.selected_release()
        if rel is None:
            return
        dialog = SubmitDialog(
            self,
            self.tr("Roll back to version v%1").replace("%1", str(rel.version)),
            self.tr(
                "This creates a change request whose configuration is exactly version v%1. "
                "It needs the same approvals as any change and goes live as a new, higher "
                "version; the history keeps everything."
            ).replace("%1", str(rel.version)),
            title=self.tr("Roll back to version v%1").replace("%1", str(rel.version)),
            ok_text=self.tr("Create rollback request"),
        )
        version = rel.version
        dialog.accepted.connect(lambda: self._rollback(version, dialog.title(), dialog.reason()))
        self.submit_dialog = dialog
        dialog.open()

    def _rollback(self, version: int, title: str, reason: str) -> None:
        ws, user = self.ctx.workspace, self.ctx.user
        self._run(lambda: changes.rollback(ws, user, version, title, reason), self._submitted)

    def open_key_dialog(self) -> None:
        dialog = SigningKeyDialog(self.ctx, self)
        self.key_dialog = dialog
        dialog.open()
