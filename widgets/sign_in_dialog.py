"""File › Sign in as: a person who has a signing key proves it is them with its passphrase.

Without it anyone at the workstation could edit the draft as someone else, and the audit log
would believe it. The passphrase opens the key (``studio.changes.keys.check_passphrase``) off
the UI thread; it is read from the field once, cleared at once and never kept. The audit log
records from then on whether the person acting was verified this way (``actor_verified``).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from studio.audit import log as audit
from studio.changes import keys
from widgets.context import StudioContext
from widgets.ops import Op


class SignInDialog(QDialog):
    """``signed_in(str)`` once the passphrase opened the person's key."""

    signed_in = Signal(str)

    def __init__(self, ctx: StudioContext, user: str, name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.user = user
        self._op: Op | None = None
        self.setObjectName("sign_in_dialog")
        self.setWindowTitle(self.tr("Sign in as %1").replace("%1", name))
        self.setMinimumWidth(440)
        intro = QLabel(
            self.tr(
                "%1 has a signing key: enter its passphrase to sign in. What you do is "
                "recorded in the audit log as done by %1."
            ).replace("%1", name),
            self,
        )
        intro.setWordWrap(True)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setObjectName("sign_in_passphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setPlaceholderText(self.tr("Passphrase of the signing key"))
        self.error_label = QLabel(self)
        self.error_label.setObjectName("sign_in_error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Sign in"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.try_sign_in)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.passphrase_edit)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def try_sign_in(self) -> None:
        passphrase = self.passphrase_edit.text()
        self.passphrase_edit.clear()  # never kept in the widget longer than needed
        if not passphrase:
            self._error(self.tr("Enter the passphrase."))
            return
        secret = [passphrase]  # one-shot: the background call takes it out
        del passphrase
        ws, user = self.ctx.workspace, self.user
        op = Op(lambda: keys.check_passphrase(ws, user, secret.pop()), self)
        self.buttons.setEnabled(False)
        self.error_label.hide()
        op.succeeded.connect(self._verified)
        op.failed.connect(self._failed)
        self._op = op.start()

    def _verified(self, _key_id: str) -> None:
        self._op = None
        self.buttons.setEnabled(True)
        audit.record_sign_in(self.user, True)
        self.ctx.set_user(self.user)
        self.signed_in.emit(self.user)
        self.accept()

    def _failed(self, message: str) -> None:
        self._op = None
        self.buttons.setEnabled(True)
        self._error(message)

    def _error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self.passphrase_edit.setFocus()
