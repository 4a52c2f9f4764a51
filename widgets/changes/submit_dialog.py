"""Title and reason of a change request (submit, and roll back to an earlier version), and the
author's passphrase, which opens their key to sign the submission: the server learns who wrote
a change from that signature (without it the change can be reviewed, not pushed)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from studio.changes.flow import MAX_TITLE


class SubmitDialog(QDialog):
    """Asks for a title (required) and a reason; ``title()``/``reason()`` after ``accepted``."""

    def __init__(
        self,
        parent: QWidget | None,
        heading: str,
        intro: str,
        title: str = "",
        ok_text: str | None = None,
        rules_change: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("submit_dialog")
        self.setWindowTitle(heading)
        self.setMinimumWidth(520)
        self.title_edit = QLineEdit(title, self)
        self.title_edit.setObjectName("change_title")
        self.title_edit.setMaxLength(MAX_TITLE)
        self.title_edit.setPlaceholderText(self.tr("What changes, in a few words"))
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setObjectName("change_reason")
        self.reason_edit.setPlaceholderText(
            self.tr("Why: the request, ticket or incident behind it (reviewers read this)")
        )
        self.reason_edit.setFixedHeight(110)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setObjectName("submit_passphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setPlaceholderText(
            self.tr("Your signing key's passphrase: you sign what you submit")
        )
        # A rules change is replayed over recent records at submit; above the block share (or
        # when the replay cannot run) it goes ahead only with the author's reason (issue 18).
        self.ack_edit = QPlainTextEdit(self)
        self.ack_edit.setObjectName("replay_acknowledgement")
        self.ack_edit.setPlaceholderText(
            self.tr(
                "Only if the replay of the rules refuses the submit: why these rules are right "
                "anyway (reviewers read this first)"
            )
        )
        self.ack_edit.setFixedHeight(70)
        self.ack_edit.setVisible(rules_change)
        intro_label = QLabel(intro, self)
        intro_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("&Title:"), self.title_edit)
        form.addRow(self.tr("&Reason:"), self.reason_edit)
        form.addRow(self.tr("&Passphrase:"), self.passphrase_edit)
        if rules_change:
            form.addRow(self.tr("Replay &acknowledgement:"), self.ack_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text or self.tr("Submit for approval"))
        self.ok_button.setObjectName("submit_ok")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.title_edit.textChanged.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(intro_label)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._update()

    def _update(self) -> None:
        self.ok_button.setEnabled(bool(self.title_edit.text().strip()))

    def title(self) -> str:
        return self.title_edit.text().strip()

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def acknowledgement(self) -> str:
        return self.ack_edit.toPlainText().strip()

    def take_passphrase(self) -> str | None:
        """The passphrase typed (``None`` if none), cleared from the field at once."""
        value = self.passphrase_edit.text()
        self.passphrase_edit.clear()  # never kept in the widget longer than needed
        return value or None
