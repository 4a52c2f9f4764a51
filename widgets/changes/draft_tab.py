"""The Changes pane's "Draft vs live" tab: the draft's diff and findings against the live
version, the "edited since it was submitted" banner, and Submit (with its dialog).

The pane hands it each fresh ``Snapshot``; a submit runs through the pane's runner and is
announced with ``submitted``, so the pane can say so and switch to the change requests.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QVBoxLayout, QWidget

from studio import changes
from studio.changes import ChangeView, DraftEdited
from studio.changes.reset_draft import reset_draft_to_live
from studio.changes.review import DraftReview
from studio.changes.view import PENDING_STATES
from studio.client.replay import ReplayUnavailable, replay_draft
from studio.client.stats import data_stats, server_stats
from studio.draft.store import load_draft
from studio.op_changes import DRAFT, SUBMITTED
from widgets.changes.details import ChangeDetails
from widgets.changes.edited_banner import DraftEditedBanner
from widgets.changes.history_tab import Runner
from widgets.changes.impact_loader import ImpactLoader
from widgets.changes.snapshot import Snapshot
from widgets.changes.styles import ERROR_STYLE, NOTE_STYLE
from widgets.changes.submit_dialog import SubmitDialog
from widgets.context import StudioContext
from widgets.sentences import counted


class DraftTab(QWidget):
    # the draft became change request ``ChangeView``
    submitted = Signal(object)
    # a submit that cannot go ahead, with the reason (the pane shows it as an error)
    refused = Signal(str)
    # the Submit dialog was opened (the pane keeps it as ``submit_dialog``)
    dialog_opened = Signal(object)
    # the Refresh button
    refresh_requested = Signal()
    # the draft was reset to live version ``int``
    reset_done = Signal(int)

    def __init__(self, ctx: StudioContext, run: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._run = run
        self.snapshot: Snapshot | None = None
        self.submit_dialog: SubmitDialog | None = None
        self.summary = QLabel(self)
        self.summary.setObjectName("draft_summary")
        self.summary.setWordWrap(True)
        self.block_label = QLabel(self)
        self.block_label.setObjectName("submit_blocked")
        self.block_label.setWordWrap(True)
        self.block_label.setStyleSheet(ERROR_STYLE)
        self.block_label.hide()
        self.submit_button = QPushButton(self.tr("&Submit for approval…"), self)
        self.submit_button.setObjectName("submit")
        self.submit_button.clicked.connect(self.open_submit_dialog)
        refresh = QPushButton(self.tr("Refresh"), self)
        refresh.setObjectName("refresh_draft")
        refresh.clicked.connect(lambda: self.refresh_requested.emit())
        # After a rollback went live the draft still holds what was rolled back: the way back
        # to editing what is live.
        self.reset_button = QPushButton(self.tr("Reset draft to &live…"), self)
        self.reset_button.setObjectName("reset_draft")
        self.reset_button.setToolTip(
            self.tr("Replace the draft with the live version, dropping the draft's own edits.")
        )
        self.reset_button.clicked.connect(self.open_reset_confirm)
        self.reset_confirm: QMessageBox | None = None
        #: Reset was asked for while the draft was being saved: it runs once the save is done.
        self._reset_waiting = False
        self.rollback_note = QLabel(self)
        self.rollback_note.setObjectName("rollback_live_note")
        self.rollback_note.setWordWrap(True)
        self.rollback_note.setStyleSheet(NOTE_STYLE)
        self.rollback_note.hide()
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(refresh)
        top.addWidget(self.reset_button)
        top.addWidget(self.submit_button)
        self.details = ChangeDetails(self)
        self.details.setObjectName("draft_details")
        self.impact = ImpactLoader(ctx, self.details, self)
        self.edited_banner = DraftEditedBanner(self)
        self.edited_banner.submit_requested.connect(self.open_submit_dialog)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edited_banner)
        layout.addLayout(top)
        layout.addWidget(self.rollback_note)
        layout.addWidget(self.block_label)
        layout.addWidget(self.details, 1)

    def show_snapshot(self, snap: Snapshot, edited: DraftEdited | None) -> None:
        self.snapshot = snap
        self._show_draft(snap.draft)
        self._show_rollback_note(snap)
        self.edited_banner.show_for(edited, can_submit=self.submit_button.isEnabled())

    def _show_rollback_note(self, snap: Snapshot) -> None:
        review = snap.draft
        differs = review.live_version is not None and not review.diff.get("empty")
        self.reset_button.setEnabled(differs)
        live = next((r for r in snap.history if r.version == review.live_version), None)
        if differs and live is not None and live.rollback_of is not None:
            self.rollback_note.setText(
                self.tr(
                    "v%1 is live: a rollback to v%2. The draft still holds the configuration "
                    "from before the rollback, so submitting it would bring that back. Reset "
                    "draft to live to start again from what is live."
                )
                .replace("%1", str(live.version))
                .replace("%2", str(live.rollback_of))
            )
            self.rollback_note.show()
        else:
            self.rollback_note.hide()

    def open_reset_confirm(self) -> None:
        live = self.snapshot.draft.live_version if self.snapshot is not None else None
        if live is None:
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Reset draft to live"),
            self.tr(
                "Replace the draft with live version v%1? The draft's edits that are not live "
                "are dropped (the audit log keeps a record of the reset)."
            ).replace("%1", str(live)),
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("reset_confirm")
        box.button(QMessageBox.StandardButton.Ok).setText(self.tr("Reset draft"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        box.accepted.connect(self._reset)
        self.reset_confirm = box
        box.open()

    def _reset(self) -> None:
        doc = self.ctx.document
        if doc.loaded and (doc.conflicted or (doc.busy() and not doc.saving())):
            # Someone else saved first, or the last save failed: no save is on its way, and a
            # reset at the revision read before would overwrite what the workspace holds now.
            self.refused.emit(
                self.tr(
                    "The draft was not reset: the draft on screen is not the one saved. Reload "
                    "it first (the red bar above), then reset."
                )
            )
            return
        if doc.loaded and doc.busy():
            # The designers' last edit is still being saved: the reset waits for that save, and
            # then checks the revision it left (taking whatever revision is stored instead would
            # overwrite someone else's edit saved meanwhile).
            if not self._reset_waiting:
                self._reset_waiting = True
                doc.save_state.connect(self._reset_after_save)
            return
        self._reset_now(doc.revision if doc.loaded else None)

    def _reset_after_save(self, state: str, message: str) -> None:
        """The document's save went on: reset once it is saved; refuse when it cannot be."""
        doc = self.ctx.document
        if state == "saving" or (state == "saved" and doc.busy()):
            return  # more of the designers' edits are on their way
        doc.save_state.disconnect(self._reset_after_save)
        self._reset_waiting = False
        if state == "saved":
            self._reset_now(doc.revision)
        elif state in ("loading", "loaded"):
            # the draft was read again meanwhile: what the person confirmed is not on screen
            self.refused.emit(
                self.tr(
                    "The draft was not reset: it was read again meanwhile. Look at it, then "
                    "reset again."
                )
            )
        else:  # a conflict (someone else saved first) or a failed save
            self.refused.emit(self.tr("The draft was not reset: %1").replace("%1", message))

    def _reset_now(self, revision: int | None) -> None:
        """Reset to live, checking ``revision`` (the designers'; ``None``: the stored one)."""
        ws, user = self.ctx.workspace, self.ctx.user
        live = self.snapshot.draft.live_version if self.snapshot is not None else None

        def work() -> int:
            reset_draft_to_live(ws, user, revision)
            return live or 0

        self._run(work, self.reset_done.emit, changes=DRAFT)

    def _show_draft(self, review: DraftReview) -> None:
        live = (
            self.tr("live version v%1").replace("%1", str(review.live_version))
            if review.live_version is not None
            else self.tr("nothing live yet (the first release)")
        )
        s = review.diff.get("summary", {})
        self.summary.setText(
            self.tr(
                "Draft (fingerprint {sha}) against {live}: {added}, {removed} removed, "
                "{changed} changed, {cells} changed."
            ).format(
                sha=review.bundle_sha256[:12],
                live=live,
                added=counted(
                    s.get("fields_added", 0),
                    self.tr("{n} field added"),
                    self.tr("{n} fields added"),
                ),
                removed=s.get("fields_removed", 0),
                changed=s.get("fields_changed", 0),
                cells=counted(
                    s.get("permission_cells_changed", 0),
                    self.tr("{n} permission cell"),
                    self.tr("{n} permission cells"),
                ),
            )
        )
        self.details.show_change(review.diff, review.findings, [])
        self.impact.show(review.diff)  # the server's record counts follow off-thread
        errors = review.errors
        if review.baseline_problem is not None:
            # The live release was rewritten (or cannot be read): nothing is diffed against it.
            self.block_label.setText(review.baseline_problem)
            self.block_label.show()
            self.submit_button.setEnabled(False)
            self.submit_button.setToolTip(self.block_label.text())
        elif errors:
            self.block_label.setText(
                counted(
                    len(errors),
                    self.tr("Submit is blocked by {n} error finding: {first}"),
                    self.tr("Submit is blocked by {n} error findings. First: {first}"),
                    first=str(errors[0]["message"]),
                )
            )
            self.block_label.show()
            self.submit_button.setEnabled(False)
            self.submit_button.setToolTip(self.block_label.text())
        elif review.diff.get("empty") and review.live_version is not None:
            self.block_label.setText(
                self.tr("The draft equals the live version: nothing to submit.")
            )
            self.block_label.show()
            self.submit_button.setEnabled(False)
        else:
            self.block_label.hide()
            self.submit_button.setEnabled(True)
            self.submit_button.setToolTip("")

    def open_submit_dialog(self) -> None:
        if self.snapshot is not None and self.snapshot.draft.errors:
            self.refused.emit(self.block_label.text())
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
        rules_change = bool(self.snapshot and self.snapshot.draft.diff.get("rules_changed"))
        dialog = SubmitDialog(
            self, self.tr("Submit the draft for approval"), intro, rules_change=rules_change
        )
        dialog.accepted.connect(
            lambda: self._submit(
                dialog.title(),
                dialog.reason(),
                dialog.take_passphrase(),
                acknowledgement=dialog.acknowledgement(),
            )
        )
        self.submit_dialog = dialog
        self.dialog_opened.emit(dialog)
        dialog.open()

    def _submit(
        self, title: str, reason: str, passphrase: str | None = None, acknowledgement: str = ""
    ) -> None:
        ws, user = self.ctx.workspace, self.ctx.user
        diff = self.snapshot.draft.diff if self.snapshot is not None else {}
        url, token = self.impact.server()

        secret = [passphrase]  # one-shot: the background call takes it out
        del passphrase

        def work() -> ChangeView:
            # The rules judge a newly required field by the server's records that lack it (a
            # first release onto a CRM that already holds data); no server: as before.
            # ... and a leaver's records by the owners the server still names (issue 14).
            with ws.session() as s:
                draft = load_draft(s)
            found = server_stats(ws, diff, server_url=url, token=token, bundle=draft)
            # A rules change is replayed over the server's recent records (issue 18); a replay
            # that cannot run is said so, and submit asks for the author's acknowledgement.
            try:
                ran, problem = replay_draft(ws, server_url=url, token=token), None
            except ReplayUnavailable as exc:
                ran, problem = None, str(exc)
            return changes.submit(
                ws,
                user,
                title,
                reason,
                stats=data_stats(diff, found),
                passphrase=secret.pop(),
                replay=ran,
                replay_problem=problem,
                acknowledgement=acknowledgement,
            )

        self._run(work, self._submitted, changes=SUBMITTED)

    def _submitted(self, view: ChangeView) -> None:
        self.submitted.emit(view)
