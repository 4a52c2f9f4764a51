"""File > Signing key…: create the signed-in person's key pair, or rotate it.

The passphrase is asked twice, checked for length by the core, and handed to it; the private
key goes to the OS keyring encrypted with it (``studio.changes.keys``). Nothing here keeps it.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from studio.changes import keys
from studio.changes.keys import KeyInfo
from studio.i18n import name_list
from studio.op_changes import OpChanges
from widgets.context import StudioContext
from widgets.ops import Op, OpResult


class SigningKeyDialog(QDialog):
    """``key_changed(KeyInfo)`` once a key was created or rotated."""

    key_changed = Signal(object)

    def __init__(self, ctx: StudioContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._op: Op | None = None
        self._current: KeyInfo | None = None
        self.setObjectName("signing_key_dialog")
        self.setWindowTitle(self.tr("Signing key of %1").replace("%1", ctx.user))
        self.setMinimumWidth(560)
        self.state_label = QLabel(self.tr("Reading the workspace…"), self)
        self.state_label.setObjectName("key_state")
        self.state_label.setWordWrap(True)
        intro = QLabel(
            self.tr(
                "Your approvals are signed with your own key. The private key stays in this "
                "computer's keyring, encrypted with your passphrase; only the public key goes "
                "into the workspace and, with the next approved release, to the server. "
                "A new or rotated key is a change like any other: it counts once a release "
                "carrying it is live."
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setStyleSheet("color: #555555;")
        self.pass1 = QLineEdit(self)
        self.pass1.setObjectName("key_passphrase")
        self.pass1.setEchoMode(QLineEdit.EchoMode.Password)
        self.pass2 = QLineEdit(self)
        self.pass2.setObjectName("key_passphrase_again")
        self.pass2.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("&Passphrase (8+ characters):"), self.pass1)
        form.addRow(self.tr("&Again:"), self.pass2)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("key_error")
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b3261e; font-weight: 600;")
        self.action_button = QPushButton(self.tr("Create key"), self)
        self.action_button.setObjectName("key_action")
        self.action_button.setEnabled(False)
        self.action_button.clicked.connect(self._run)
        close = QPushButton(self.tr("Close"), self)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.action_button)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state_label)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addLayout(row)
        self.refresh()

    def refresh(self) -> None:
        ws, user = self.ctx.workspace, self.ctx.user

        def current() -> tuple[KeyInfo | None, list[str]]:
            active = [k for k in keys.list_keys(ws) if k.user == user and k.revoked_at is None]
            return (active[-1] if active else None), [k.key_id for k in active[:-1]]

        op = Op(current, self)
        op.succeeded.connect(self._show)
        op.failed.connect(self._error)
        self._op = op.start()

    def _show(self, result: Any) -> None:
        info, older = result
        self._current = info
        if info is None:
            self.state_label.setText(
                self.tr("%1 has no signing key yet: create one to approve changes.").replace(
                    "%1", self.ctx.user
                )
            )
            self.action_button.setText(self.tr("Create key"))
        else:
            self.state_label.setText(
                self.tr("%1 (%2) signs with key %3, created %4 UTC.")
                .replace("%1", info.user)
                .replace("%2", info.role)
                .replace("%3", info.key_id)
                .replace(
                    "%4", info.created_at.strftime("%Y-%m-%d %H:%M") if info.created_at else "—"
                )
            )
            if older:
                self.state_label.setText(
                    self.state_label.text()
                    + " "
                    + self.tr(
                        "Until a release carrying the new key is live, the server still knows "
                        "the previous key (%1): it keeps signing until then."
                    ).replace("%1", str(name_list(older)))
                )
            self.action_button.setText(self.tr("Rotate key (lost or due)"))
        self.action_button.setEnabled(True)

    def _run(self) -> None:
        first, second = self.pass1.text(), self.pass2.text()
        self.pass1.clear()
        self.pass2.clear()
        if first != second:
            self._error(self.tr("The two passphrases differ; type them again."))
            return
        ws, user = self.ctx.workspace, self.ctx.user
        make = keys.create_key if self._current is None else keys.rotate_key
        # the draft's approvers section holds the new key, so the draft changes too
        changed = OpChanges(keys=True, draft=True, audit=True)
        op = Op(
            lambda: OpResult(make(ws, user, first), changed),
            self,
            ctx=self.ctx,
            writes=True,
            initiator=self,
        )
        self.action_button.setEnabled(False)
        self.error_label.clear()
        op.succeeded.connect(self._done)
        op.failed.connect(self._failed)
        self._op = op.start()

    def _done(self, info: KeyInfo) -> None:
        self.refresh()
        self.key_changed.emit(info)

    def _failed(self, message: str) -> None:
        self.action_button.setEnabled(True)
        self._error(message)

    def _error(self, message: str) -> None:
        self.error_label.setText(message)
