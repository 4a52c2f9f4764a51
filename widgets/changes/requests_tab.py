"""The Changes pane's "Change requests" tab: the list of change requests, the selected one's
status line and details, Review (approve or reject) and Push.

The pane hands it each fresh ``Snapshot``; what an action has to say goes out through
``message`` (text and style) for the pane's message line.
"""

from __future__ import annotations

import os
import re
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.bundle.label_text import role_names
from studio.changes import ChangeView, DraftEdited
from studio.changes.change_list import DamagedChange
from studio.client.push import PushResult
from studio.i18n import name_list
from widgets.changes.details import ChangeDetails
from widgets.changes.edited_banner import edited_text
from widgets.changes.impact_loader import ImpactLoader
from widgets.changes.push import PushRunner
from widgets.changes.review_dialog import ReviewDialog
from widgets.changes.snapshot import Snapshot
from widgets.changes.styles import ERROR_STYLE, NOTE_STYLE, OK_STYLE, WARN_STYLE
from widgets.changes.table_models import (
    ChangeListModel,
    make_table_view,
    reselect,
    state_text,
    table_over_details,
)
from widgets.context import StudioContext


class RequestsTab(QWidget):
    # a user-visible message of an action: text, style (one of widgets.changes.styles)
    message = Signal(str, str)

    def __init__(self, ctx: StudioContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        # The open change the draft has moved away from since it was submitted, if any.
        self.draft_edited: DraftEdited | None = None
        self.review_dialog: ReviewDialog | None = None
        self.push_runner: PushRunner | None = None
        #: the id of a change to select once it is listed (set when one was submitted)
        self.wanted: str | None = None
        self.model = ChangeListModel(self)
        self.table = make_table_view(self, "change_table", self.model)
        self.table.doubleClicked.connect(lambda _i: self.open_review())
        # Find (Ctrl+F in the pane): the requests whose title, author, state, version, decisions
        # or id hold the text; the others are hidden, not dropped.
        self.filter = QLineEdit(self)
        self.filter.setObjectName("change_filter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setPlaceholderText(
            self.tr("Find a change request: title, author, state, version… (Ctrl+F)")
        )
        self.filter.textChanged.connect(self._filter_changed)
        self.filter_count = QLabel(self)
        self.filter_count.setObjectName("change_filter_count")
        self.status = QLabel(self)
        self.status.setObjectName("change_status")
        self.status.setWordWrap(True)
        self.review_button = QPushButton(self.tr("&Review…"), self)
        self.review_button.setObjectName("review")
        self.review_button.clicked.connect(self.open_review)
        self.push_button = QPushButton(self.tr("&Push to server"), self)
        self.push_button.setObjectName("push")
        self.push_button.clicked.connect(self.push_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.review_button)
        buttons.addWidget(self.push_button)
        self.details = ChangeDetails(self)
        self.impact = ImpactLoader(ctx, self.details, self)
        splitter = table_over_details(self, self.table, self.details)
        search = QHBoxLayout()
        search.addWidget(self.filter, 1)
        search.addWidget(self.filter_count)
        layout = QVBoxLayout(self)
        layout.addLayout(search)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        self.table.selectionModel().selectionChanged.connect(self._selected)

    def show_snapshot(self, snap: Snapshot, edited: DraftEdited | None) -> None:
        """Show ``snap``'s change requests, keeping the selected one selected."""
        self.draft_edited = edited
        selected = self.selected_entry()
        # the changes that read and, in their place, the ones that cannot be read (damaged)
        entries = list(snap.entries) or list(snap.changes)
        ids = [c.id for c in entries]
        if self.wanted in ids:  # a change just submitted (or a rollback request): select it
            selected, self.wanted = entries[ids.index(self.wanted)], None
            self.filter.clear()  # and show it, whatever the search said
        self.model.edited_id = edited.change_id if edited else None
        # the document as loaded (not a load of its own: that would reload this pane meanwhile)
        self.model.role_names = role_names(self.ctx.document.bundle)
        self.model.set_rows(entries)
        reselect(self.table, ids, selected and selected.id)
        self._apply_filter()

    # -- find -----------------------------------------------------------------------------------
    def focus_filter(self) -> None:
        self.filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter.selectAll()

    def _filter_changed(self, _text: str) -> None:
        self._apply_filter()

    def _matches(self, row: int, needle: str) -> bool:
        change = self.model.row_at(row)
        cells = [self.model.cell(change, c) for c in range(self.model.columnCount())]
        return change.id.startswith(needle) or any(needle in c.casefold() for c in cells)

    def _apply_filter(self) -> None:
        """Hide the requests that do not match; a hidden selection moves to the first shown."""
        needle = self.filter.text().strip().casefold()
        rows = self.model.rowCount()
        shown = 0
        for row in range(rows):
            hide = bool(needle) and not self._matches(row, needle)
            self.table.setRowHidden(row, hide)
            shown += not hide
        self.filter_count.setText(
            self.tr("%1 of %2").replace("%1", str(shown)).replace("%2", str(rows)) if needle else ""
        )
        picked = self.table.selectionModel().selectedRows()
        if picked and self.table.isRowHidden(picked[0].row()):
            self.table.selectionModel().clearSelection()
            picked = []
        if not picked:
            first = next((r for r in range(rows) if not self.table.isRowHidden(r)), None)
            if first is not None:
                self.table.selectionModel().select(
                    self.model.index(first, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows,
                )
        self._selected()

    def select_change(self, change_id: str) -> None:
        """Select ``change_id`` now if it is listed, else once a reload lists it."""
        ids = [self.model.row_at(r).id for r in range(self.model.rowCount())]
        if change_id in ids and self.table.isRowHidden(ids.index(change_id)):
            self.filter.clear()  # the change asked for is shown, whatever the search said
        if change_id in ids:
            reselect(self.table, ids, change_id)
            self._selected()
        else:
            self.wanted = change_id

    def selected_entry(self) -> ChangeView | DamagedChange | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def selected_change(self) -> ChangeView | None:
        """The selected change request, if it can be read (a damaged one cannot be reviewed)."""
        entry = self.selected_entry()
        return entry if isinstance(entry, ChangeView) else None

    def _selected(self, *_args: Any) -> None:
        change = self.selected_change()
        self.review_button.setEnabled(change is not None)
        self.push_button.setEnabled(change is not None and change.can_push)
        entry = self.selected_entry()
        if isinstance(entry, DamagedChange):
            # what cannot be read, once per change; the restore advice is the banner's
            self.status.setText(
                self.tr("This change request cannot be read: %1").replace("%1", str(entry.reason))
            )
            self.status.setStyleSheet(ERROR_STYLE)
            self.details.clear()
            self.impact.show({})
            return
        if change is None:
            self.status.setText(
                self.tr("No change request matches “%1”.").replace("%1", self.filter.text().strip())
                if self.model.rowCount()
                else self.tr("No change requests yet: submit the draft.")
            )
            self.details.clear()
            self.impact.show({})
            return
        self.details.show_change(change.diff, change.findings, [])
        self.impact.show(change.diff)  # the server's record counts follow off-thread
        if change.can_push:
            text = self.tr("Approved: ready to push as version v%1.").replace(
                "%1", str(change.target_version)
            )
            style = OK_STYLE
        elif change.state == "pushed":
            text = self.tr("Live as version v%1.").replace("%1", str(change.target_version))
            style = OK_STYLE
        else:
            text = self._filled(
                self.tr("%1: %2"),
                state_text(change.state).capitalize(),
                self._sentences(change.blockers),
            )
            style = ERROR_STYLE if change.state == "altered" else NOTE_STYLE
        if self.draft_edited is not None and self.draft_edited.change_id == change.id:
            # Its own line, in the banner's warning colour: green "ready to push" must not read
            # as "ready to push with the latest edits".
            text += "\n" + edited_text(self.draft_edited)
            style = WARN_STYLE
        comments = [
            self._filled(self.tr("%1: “%2”"), a.user, a.comment)
            for a in change.approvals
            if a.comment and a.valid
        ]
        if comments:  # what the approvers wrote stays with the request
            listed = comments[0]
            for comment in comments[1:]:
                listed = self._filled(self.tr("%1; %2"), listed, comment)
            text += "\n" + self.tr("Comments: %1").replace("%1", listed)
        self.status.setText(text)
        self.status.setStyleSheet(style)

    def _sentences(self, sentences: tuple[str, ...]) -> str:
        """Sentences one after the other: a space between them in English, none in Chinese,
        whose sentences end in a full-width stop."""
        text = ""
        for sentence in sentences:
            text = self._filled(self.tr("%1 %2"), text, sentence) if text else sentence
        return text

    @staticmethod
    def _filled(template: str, *args: str) -> str:
        """``template`` with %1, %2... replaced in one pass (an argument holding "%2" stays)."""
        return re.sub(r"%(\d)", lambda m: args[int(m.group(1)) - 1], template)

    # -- actions --------------------------------------------------------------------------------
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
            self.message.emit(self.tr("You rejected “%1”.").replace("%1", view.title), NOTE_STYLE)
        else:
            self.message.emit(self.tr("You approved “%1”.").replace("%1", view.title), OK_STYLE)

    def push_selected(self) -> None:
        change = self.selected_change()
        if change is None:
            return
        if not change.can_push:
            self.message.emit(self._sentences(change.blockers), ERROR_STYLE)
            return
        if not self.confirm_push(change):
            return
        asked, secret = self.ask_push_passphrase()
        if not asked:
            return
        runner = PushRunner(self.ctx, change.id, self, passphrase=secret)
        runner.succeeded.connect(self._pushed)
        runner.failed.connect(lambda text: self.message.emit(text, ERROR_STYLE))
        self.push_runner = runner
        runner.start()

    def confirm_push(self, change: ChangeView) -> bool:
        """Ask before a push, naming the version, the server and who approved it.

        ``STUDIO_ASK_BEFORE_PUSH=0`` skips the question (scripted GUI runs and the tests)."""
        if os.environ.get("STUDIO_ASK_BEFORE_PUSH", "1") == "0":
            return True
        local = getattr(self.ctx, "local_server", None)
        if local is not None:
            server = self.tr("%1 (the studio's own reference server)").replace("%1", local.url)
        else:
            from studio.client.server_url import resolve_server_url
            from studio.errors import StudioError

            try:
                server = resolve_server_url(self.ctx.workspace)
            except StudioError as exc:
                self.message.emit(str(exc), ERROR_STYLE)
                return False
        names = self.model.role_names  # roles as people know them, in the UI's language
        approvers = str(
            name_list(
                self.tr("%1 (%2)").replace("%1", a.user).replace("%2", names.get(a.role, a.role))
                for a in change.approvals
                if a.decision == "approve" and a.valid
            )
        )
        box = QMessageBox(self)
        box.setObjectName("confirm_push")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Push"))
        box.setText(
            self.tr("Push “%1” to %2 as version v%3?")
            .replace("%1", change.title)
            .replace("%2", server)
            .replace("%3", str(change.target_version))
        )
        box.setInformativeText(self.tr("Approved by: %1").replace("%1", approvers or "—"))
        push = box.addButton(self.tr("Push"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(push)
        box.exec()
        return box.clickedButton() is push

    def ask_push_passphrase(self) -> tuple[bool, str | None]:
        """``(go on, passphrase)``: the pusher's key signs the audit log's head that the server
        keeps after the push (issue 20). Nobody to ask without a key (the push then says the
        head was not anchored); ``STUDIO_ASK_BEFORE_PUSH=0`` takes ``STUDIO_PASSPHRASE``."""
        if os.environ.get("STUDIO_ASK_BEFORE_PUSH", "1") == "0":
            return True, os.environ.get("STUDIO_PASSPHRASE") or None
        from studio.changes.keys import has_signing_key

        if not has_signing_key(self.ctx.workspace, self.ctx.user):
            return True, None
        dialog = QInputDialog(self)
        dialog.setObjectName("push_passphrase")
        dialog.setWindowTitle(self.tr("Push"))
        dialog.setLabelText(
            self.tr(
                "Your signing key's passphrase: you sign the audit log's head that the server "
                "keeps, so that a log cut or rewritten later is caught."
            )
        )
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        if not dialog.exec():
            return False, None
        secret = dialog.textValue()
        dialog.setTextValue("")  # never kept in the widget longer than needed
        return True, secret or None

    def _pushed(self, result: PushResult) -> None:
        note = self.tr(" (the server had it already)") if result.replayed else ""
        text = (
            self.tr("Version v%1 is live on %2.%3")
            .replace("%1", str(result.version))
            .replace("%2", result.server_url)
            .replace("%3", note)
        )
        if result.anchor_problem:  # live all the same; the log's head is not with the server
            self.message.emit(f"{text} {result.anchor_problem}", WARN_STYLE)
            return
        self.message.emit(text, OK_STYLE)
