"""Review of a change request: the diff, findings and impact; approve or reject with a comment.

What the reviewer sees is derived when the dialog opens, off the UI thread, from the exact bundle
under signature and a live baseline verified against its sha256 and the server's current release
(``studio.client.review``), never from the diff and findings stored with the change. Until it
arrives, and whenever the baseline cannot be verified (said in red), Approve stays disabled; the
approval is then signed on the strength of that review (``changes.approve(reviewed=...)``).

The impact's record counts come from the server off the UI thread (``ImpactLoader``): the
dialog opens at once with them unknown, and closing it before they arrive is fine.

Approving or rejecting signs the decision with the reviewer's key, opened with their passphrase.
The passphrase is read from the field once, cleared at once and handed to the core; it is never
logged or kept.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio import changes
from studio.bundle.label_text import role_names
from studio.changes import ChangeView
from studio.changes.review import ChangeReview
from studio.client.push import PushError, RetryPolicy, send_rejection
from studio.client.review import review_change
from studio.i18n import language
from studio.op_changes import DECISION
from widgets.automation.review_banner import replay_banner, show_replay
from widgets.changes.details import ChangeDetails
from widgets.changes.impact_loader import ImpactLoader
from widgets.changes.styles import ERROR_STYLE, NOTE_STYLE
from widgets.changes.table_models import decision_text, state_text
from widgets.context import StudioContext
from widgets.ops import Op, OpResult
from widgets.sentences import joined, listed

log = logging.getLogger(__name__)
#: Telling the server of a rejection is quick or not at all: the dialog waits for it.
_TELL_SERVER = RetryPolicy(attempts=2, request_timeout=5.0, total_timeout=10.0)


class ReviewDialog(QDialog):
    """``decided(ChangeView)`` once an approval or rejection was signed and stored."""

    decided = Signal(object)
    # the core refused the decision; the message is shown in the dialog
    refused = Signal(str)
    # the review derived now (``ChangeReview``) is on screen, or why there is none (tests wait)
    reviewed = Signal()

    def __init__(self, ctx: StudioContext, change: ChangeView, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.change = change
        self._op: Op | None = None
        self.setObjectName("review_dialog")
        self.setWindowTitle(self.tr("Review change: %1").replace("%1", change.title))
        self.resize(980, 720)

        self.header = QLabel(self)
        self.header.setObjectName("review_header")
        self.header.setWordWrap(True)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("review_status")
        self.status_label.setWordWrap(True)
        # A rules change: the impact replay's figures before anything else (issue 18), run for
        # this review with the rest of it (a stored copy could have been rewritten).
        self.replay_banner = replay_banner(self, pending=_touches_rules(change))
        self.baseline_label = QLabel(self)
        self.baseline_label.setObjectName("review_baseline")
        self.baseline_label.setWordWrap(True)
        self.baseline_label.setStyleSheet(NOTE_STYLE)
        self.baseline_label.setText(self.tr("Checking the live version against the server…"))
        #: The review derived now (``None`` until it arrives, or when it failed).
        self.review: ChangeReview | None = None
        self._review_problem: str | None = None
        self.details = ChangeDetails(self)
        self.details.clear()
        # The impact sentences once the review is in; the server's record counts after that.
        self.impact_loader = ImpactLoader(ctx, self.details, self)

        self.comment_edit = QPlainTextEdit(self)
        self.comment_edit.setObjectName("review_comment")
        self.comment_edit.setPlaceholderText(
            self.tr("Comment (required to reject): what you checked, or what must change")
        )
        self.comment_edit.setFixedHeight(70)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setObjectName("review_passphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setPlaceholderText(self.tr("Your signing key's passphrase"))
        form = QFormLayout()
        form.addRow(self.tr("&Comment:"), self.comment_edit)
        form.addRow(self.tr("&Passphrase:"), self.passphrase_edit)

        self.why_label = QLabel(self)
        self.why_label.setObjectName("review_why")
        self.why_label.setWordWrap(True)
        self.why_label.setStyleSheet(NOTE_STYLE)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("review_error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()

        self.approve_button = QPushButton(self.tr("&Approve and sign"), self)
        self.approve_button.setObjectName("approve")
        self.reject_button = QPushButton(self.tr("&Reject"), self)
        self.reject_button.setObjectName("reject")
        self.export_button = QPushButton(self.tr("E&xport to Excel…"), self)
        self.export_button.setObjectName("review_export")
        self.export_button.setToolTip(
            self.tr(
                "The change as a workbook: who gains and loses what access, every change, the findings"
            )
        )
        self.export_button.setEnabled(False)  # once the review is derived
        self.export_button.clicked.connect(self.export_dialog)
        close = QPushButton(self.tr("Close"), self)
        self.approve_button.clicked.connect(lambda: self._decide("approve"))
        self.reject_button.clicked.connect(lambda: self._decide("reject"))
        close.clicked.connect(self.reject_dialog)
        buttons = QHBoxLayout()
        buttons.addWidget(self.why_label, 1)
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.reject_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.replay_banner)
        layout.addWidget(self.status_label)
        layout.addWidget(self.baseline_label)
        layout.addWidget(self.details, 1)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self._show(change)
        self._derive()

    def reject_dialog(self) -> None:
        QDialog.reject(self)

    # -- the review, derived now ---------------------------------------------------------------
    def _derive(self) -> None:
        ws, change_id = self.ctx.workspace, self.change.id
        url, token = self.impact_loader.server()

        def work() -> ChangeReview:
            return review_change(ws, change_id, server_url=url, token=token)

        op = Op(work, self)
        op.succeeded.connect(self._reviewed)
        op.failed.connect(self._review_failed)
        op.start()

    def _reviewed(self, review: ChangeReview) -> None:
        self.review = review
        self.export_button.setEnabled(True)
        show_replay(self.replay_banner, review.replay)
        self.details.show_change(review.diff or {}, review.findings, [])
        if review.diff:
            self.impact_loader.show(review.diff)
        problems = review.problems
        self.baseline_label.setText(" ".join(problems) if problems else review.baseline_sentence)
        self.baseline_label.setStyleSheet(ERROR_STYLE if problems else NOTE_STYLE)
        self._show(review.change)
        self.reviewed.emit()

    def _review_failed(self, message: str) -> None:
        self._review_problem = message
        show_replay(self.replay_banner, None)
        self.baseline_label.setText(message)
        self.baseline_label.setStyleSheet(ERROR_STYLE)
        self._show(self.change)
        self.reviewed.emit()

    # -- the change as a workbook -----------------------------------------------------------------
    def export_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the change"),
            f"change-{self.change.id[:8]}.xlsx",
            "Excel (*.xlsx)",
        )
        if path:
            self.export_to(path)

    def export_to(self, path: str) -> Op:
        """Write what the review shows (derived now) to ``path``, off the UI thread."""
        from pathlib import Path

        from studio.changes.workbook import write_change_workbook

        review = self.review
        assert review is not None  # the button is enabled once the review is in
        view, diff, findings = review.change, review.diff or {}, review.findings
        op = Op(lambda: write_change_workbook(view, diff, findings, Path(path)), self)
        op.failed.connect(self._error)
        op.finished.connect(op.deleteLater)
        return op.start()

    # -- state ----------------------------------------------------------------------------------
    def _show(self, change: ChangeView) -> None:
        self.change = change
        reason = change.reason or self.tr("(no reason given)")
        self.header.setText(
            self.tr("<b>%1</b><br>Author: %2 · target version v%3 · fingerprint %4<br>Reason: %5")
            .replace("%1", _esc(change.title))
            .replace("%2", _esc(change.author))
            .replace("%3", str(change.target_version))
            .replace("%4", change.bundle_sha256[:12])
            .replace("%5", _esc(reason))
        )
        roles = role_names(self.ctx.document.bundle)
        # Each decision with the comment its approver typed ("OK for finance"): said once,
        # read by everyone after.
        decisions = listed(
            (
                self.tr("%1 (%2): %3")
                .replace("%1", a.user)
                .replace("%2", roles.get(a.role, a.role))
                .replace("%3", decision_text(a.decision))
                + (f" “{a.comment}”" if a.comment else "")
                + ("" if a.valid else self.tr(" [not counted]"))
                for a in change.approvals
            ),
            language(),
        )
        lines = [self.tr("State: %1").replace("%1", state_text(change.state))]
        if change.rollback_of is not None:
            lines.append(
                self.tr(
                    "A rollback to v%1: v%1's configuration goes live again as v%2. Fields added "
                    "since v%1 stay, deprecated and hidden; the data records hold in them is kept."
                )
                .replace("%1", str(change.rollback_of))
                .replace("%2", str(change.target_version))
            )
        lines.append(self.tr("Decisions so far: %1").replace("%1", decisions or self.tr("none")))
        if change.blockers and change.state != "pushed":
            lines.append(
                self.tr("Before it can go live: %1").replace("%1", joined(*change.blockers))
            )
        self.status_label.setText("\n".join(lines))
        why = self._why_not()
        unreviewed = self._why_not_approve()
        self.approve_button.setEnabled(why is None and unreviewed is None)
        self.reject_button.setEnabled(why is None)
        self.passphrase_edit.setEnabled(why is None)
        self.comment_edit.setEnabled(why is None)
        self.why_label.setText(why or unreviewed or "")

    def _why_not_approve(self) -> str | None:
        """Why nobody may approve on the strength of what is on screen (rejecting stays open)."""
        if self._review_problem is not None:
            return self.tr("The change could not be reviewed: approving is disabled.")
        if self.review is None:
            return self.tr("Approve is enabled once the live version has been checked.")
        if not self.review.can_approve:
            return self.tr(
                "The live version this change is reviewed against cannot be verified: "
                "approving is disabled."
            )
        return None

    def _why_not(self) -> str | None:
        """Why the signed-in person cannot decide now, or ``None`` when they can."""
        user = self.ctx.user
        if self.ctx.workspace.damaged is not None:
            return self.tr(
                "The workspace is damaged and open read-only: no decision can be recorded "
                "until it is restored."
            )
        if user == self.change.author:
            return self.tr(
                "You are the author of this change: another person must approve it "
                "(two-person rule). Sign in as a reviewer with File > Sign in as."
            )
        if self.change.state not in ("open", "approved"):
            return self.tr("This change is %1: it can no longer be decided.").replace(
                "%1", state_text(self.change.state)
            )
        if any(a.user == user for a in self.change.approvals):
            return self.tr("You have already decided on this change.")
        return None

    # -- deciding -------------------------------------------------------------------------------
    def _decide(self, decision: str) -> None:
        passphrase = self.passphrase_edit.text()
        self.passphrase_edit.clear()  # never kept in the widget longer than needed
        comment = self.comment_edit.toPlainText().strip()
        if not passphrase:
            self._error(self.tr("Enter your passphrase to sign your decision."))
            return
        if decision == "reject" and not comment:
            self._error(self.tr("A rejection needs a comment saying why."))
            return
        ws, user, change_id = self.ctx.workspace, self.ctx.user, self.change.id
        # One-shot: the background call takes the passphrase out, so no closure keeps it.
        secret = [passphrase]
        del passphrase
        reviewed = self.review

        def work() -> OpResult:
            if decision == "approve":
                # Signed on the strength of the review on screen: refused if the bundle or the
                # live version moved since it was derived.
                view = changes.approve(
                    ws, change_id, user, secret.pop(), comment, reviewed=reviewed
                )
            else:
                view = changes.reject(ws, change_id, user, secret.pop(), comment)
            if decision == "reject":
                # Tell the server, so that it refuses this change whoever pushes it. The studio
                # refuses to push a rejected change anyway: a server that cannot be told now is
                # no reason to fail the rejection.
                try:
                    send_rejection(ws, change_id, user, retry=_TELL_SERVER)
                except PushError:
                    log.warning("the server was not told of the rejection", exc_info=True)
            return OpResult(view, DECISION)

        op = Op(work, self, ctx=self.ctx, writes=True, initiator=self)
        self._set_busy(True)
        op.succeeded.connect(self._done)
        op.failed.connect(self._failed)
        self._op = op.start()

    def _set_busy(self, busy: bool) -> None:
        for w in (self.approve_button, self.reject_button, self.passphrase_edit):
            w.setEnabled(not busy)
        if busy:
            self.error_label.hide()

    def _done(self, view: ChangeView) -> None:
        self._op = None
        self._show(view)
        self.decided.emit(view)
        self.accept()

    def _failed(self, message: str) -> None:
        self._op = None
        self._show(self.change)
        self._error(message)
        self.refused.emit(message)

    def _error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _touches_rules(change: ChangeView) -> bool:
    """Whether the change's diff (derived, or the stored one) names automation rules: only then
    is a replay waited for."""
    return bool((change.diff or {}).get("rules_changed"))
