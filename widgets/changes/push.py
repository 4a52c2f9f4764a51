"""Pushing an approved change from the GUI: progress, cancel before the send, token prompt.

The push itself is ``studio.client.push.push`` run as a workspace-writing ``Op``; its progress
callback feeds the op's progress. Cancel is honoured until the server's confirmation arrives (a push
cancelled after sending is safe to repeat: the server applies a bundle at most once). On 401/403
the person is asked for the server's token and the push repeats with it; the token goes to the OS
keyring once the server has taken it (a token mistyped, or never checked because the server was
unreachable, is not kept).
"""

from __future__ import annotations

import contextlib
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QWidget

from studio.changes import keystore
from studio.client.http import PushRefused
from studio.client.push import AuthError, PushResult, push
from studio.client.server_url import resolve_server_url
from studio.op_changes import PUSHED
from studio.progress import check
from widgets.context import StudioContext
from widgets.ops import Op, OpProgress, OpProgressDialog, OpResult

#: Past this fraction the server has confirmed: the push can no longer be cancelled.
CONFIRMED = 0.9


class _AuthNeeded:
    def __init__(self, url: str, message: str) -> None:
        self.url, self.message = url, message


class PushRunner(QObject):
    """One push of ``change_id``; ``succeeded(PushResult)`` or ``failed(message)`` at the end.

    The push runs as a workspace-writing ``Op`` with progress; ``OpProgressDialog`` shows it, and
    its Cancel is honoured until the server's confirmation (then the button goes away).
    """

    progressed = Signal(str, float)
    succeeded = Signal(object)
    failed = Signal(str)
    # the token prompt is open (tests fill it in)
    token_requested = Signal(object)

    def __init__(
        self, ctx: StudioContext, change_id: str, parent: QWidget, passphrase: str | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.change_id = change_id
        # The pusher's passphrase: their key signs the audit log's head the server keeps. Kept
        # until the push ends (a token prompt repeats it), then dropped.
        self._passphrase = passphrase
        self._parent = parent
        self._op: Op | None = None
        self.token_dialog: QInputDialog | None = None
        self.dialog: OpProgressDialog | None = None

    # -- running --------------------------------------------------------------------------------
    def start(self, token: str | None = None) -> None:
        ws, change_id, user = self.ctx.workspace, self.change_id, self.ctx.user
        local = getattr(self.ctx, "local_server", None)
        secret = self._passphrase

        def work(progress: OpProgress) -> Any:
            def report(stage: str, fraction: float) -> None:
                self._report(progress, stage, fraction)

            if local is not None:
                local.sync_registry(ws)
                result = push(
                    ws,
                    change_id,
                    server_url=local.url,
                    token=local.token,
                    user=user,
                    progress=report,
                    remember_server=False,
                    passphrase=secret,
                )
            else:
                url = resolve_server_url(ws)
                try:
                    result = push(
                        ws,
                        change_id,
                        server_url=url,
                        token=token,
                        user=user,
                        progress=report,
                        passphrase=secret,
                    )
                except AuthError as exc:
                    return _AuthNeeded(url, str(exc))
                except PushRefused as exc:
                    if exc.code:
                        # the CRM server's own refusal, past its sign-in: it took the token (a
                        # proxy's 413 or 502 in front of it says nothing of the token)
                        _keep_token(url, token)
                    raise
                _keep_token(url, token)
            return OpResult(result, PUSHED)

        op = Op(work, self, ctx=self.ctx, writes=True, progress=True, initiator=self)
        if self.dialog is not None:
            self.dialog.deleteLater()  # the previous attempt's (before a token prompt)
        self.dialog = OpProgressDialog(op, self.tr("Push to the server"), self._parent)
        self.dialog.setLabelText(self.tr("Starting the push…"))
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        op.succeeded.connect(self._finished)
        op.failed.connect(self._failed)
        op.cancelled.connect(self._failed)
        self._op = op.start()

    def _report(self, progress: OpProgress, stage: str, fraction: float) -> None:
        """Called on the push's thread: a cancel stops it here, before the confirmation."""
        if fraction < CONFIRMED:
            check(
                progress,
                self.tr("Push cancelled; nothing was marked live. Pushing again later is safe."),
            )
        progress.update(fraction, stage, cancellable=fraction < CONFIRMED)
        self.progressed.emit(stage, fraction)

    def _finished(self, result: Any) -> None:
        self._op = None
        if isinstance(result, _AuthNeeded):
            self._ask_token(result)
            return
        assert isinstance(result, PushResult)
        self._passphrase = None
        self.succeeded.emit(result)

    def _failed(self, message: str) -> None:
        self._op = None
        self._passphrase = None
        self.failed.emit(message)

    # -- token ----------------------------------------------------------------------------------
    def _ask_token(self, need: _AuthNeeded) -> None:
        dialog = QInputDialog(self._parent)
        dialog.setObjectName("token_prompt")
        dialog.setWindowTitle(self.tr("Server token"))
        dialog.setLabelText(
            self.tr(
                "%1\n\nPaste the bearer token of %2 (ask the server's operator). It is kept "
                "in this computer's keyring, never in the workspace."
            )
            .replace("%1", need.message)
            .replace("%2", need.url)
        )
        dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.textValueSelected.connect(lambda token: self._store_token(need.url, token))
        dialog.rejected.connect(lambda: self.failed.emit(need.message))
        self.token_dialog = dialog
        dialog.open()
        self.token_requested.emit(dialog)

    def _store_token(self, url: str, token: str) -> None:
        token = token.strip()
        if not token:
            self.failed.emit(self.tr("No token given; nothing was pushed."))
            return
        self.start(token)  # kept in the keyring by the push, once the server has taken it


def _keep_token(url: str, token: str | None) -> None:
    """Keep the token the person gave (``None``: the keyring's own was used) for the next push."""
    if token is None:
        return
    # the push itself is done: a keyring that refuses means the next push asks again
    with contextlib.suppress(keystore.KeyringError):
        keystore.store_server_token(url, token)
