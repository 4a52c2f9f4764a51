"""Run a core function off the UI thread, and hear about it on the UI thread.

As Anki's ``CollectionOp``/``QueryOp``: one helper for every background call, so the UI never
blocks on a database or a server and no pane wires its own threads.

- ``Op(fn)`` runs ``fn()`` (or ``fn(progress)`` with ``progress=True``) in a thread pool and emits
  ``succeeded(result)`` or ``failed(message)``, then ``finished``. Every user-caused error
  (``StudioError``) arrives as its message; a bug is logged with its traceback and arrives briefly.
- ``writes=True``: workspace writes run one at a time, in the order they were started, on one
  writer thread (two saves never race each other for the workspace's write lock).
- ``ctx=``: when ``fn`` returns an ``OpResult`` (or bare ``OpChanges``), its changes go to every
  pane through ``StudioContext.changed`` before ``succeeded``; a result that arrives after another
  workspace was opened is dropped (it is about the old one); with ``report_errors=True`` a failure
  is also shown in the one place the main window shows errors (``StudioContext.failed``).
- Progress: ``fn`` gets an ``OpProgress``; its ``update(fraction, text)`` calls arrive as
  ``progressed``; ``cancel()`` asks ``fn`` to stop at its next ``studio.progress.check``.
  ``OpProgressDialog`` shows both for long work (push, scan, import, replay).
- Running ops are kept alive here: callers need not hold them. An op is deleted with its owner
  (its parent); reading work is then cancelled, a write (``writes=True``) runs to its end.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from studio.errors import StudioError
from studio.op_changes import OpChanges
from studio.progress import Cancelled

if TYPE_CHECKING:
    from widgets.context import StudioContext

log = logging.getLogger(__name__)

_running: set[Op] = set()
_writer: QThreadPool | None = None


def _writer_pool() -> QThreadPool:
    """One thread for every workspace write: writes are serialised in the order started."""
    global _writer
    if _writer is None:
        _writer = QThreadPool()
        _writer.setMaxThreadCount(1)
        _writer.setObjectName("workspace_writer")
    return _writer


@dataclass(frozen=True)
class OpResult:
    """What a changing core function returns: its value, and what it changed."""

    value: Any
    changes: OpChanges


class OpProgress:
    """Handed to ``fn`` on its thread: progress reports out, the cancel request in."""

    def __init__(self, op: Op) -> None:
        self._op = op
        self._relay: _Relay | None = None  # set when the op starts
        self._cancel = threading.Event()
        self.cancellable = True

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def update(self, fraction: float | None, text: str = "", *, cancellable: bool = True) -> None:
        self.cancellable = cancellable
        relay = self._relay
        if relay is not None:
            with contextlib.suppress(RuntimeError):
                relay.progressed.emit(fraction, text, cancellable)


class SaidProgress:
    """A core function's progress with its step words (``"read"``) said in the user's language
    (``steps``, made on the UI thread); the rest passes through."""

    def __init__(self, progress: OpProgress, steps: dict[str, str]) -> None:
        self._progress, self._steps = progress, steps

    @property
    def cancelled(self) -> bool:
        return self._progress.cancelled

    def update(self, fraction: float | None, text: str = "") -> None:
        self._progress.update(fraction, self._steps.get(text, text))


class _Relay(QObject):
    """What a pool thread says about its op (progress, the outcome), queued to the op on the UI
    thread. The thread emits on the relay, never on the op: an op is deleted with its owner (a
    pane, a dialog, a test's window) when that goes, possibly while the thread emits, and an
    emit on an object being deleted crashes Qt. The relay is made on the UI thread and deleted
    there once its outcome was delivered; Qt cuts its connections to a deleted op."""

    done = Signal(str, object)
    progressed = Signal(object, str, bool)


#: Relays whose outcome is not yet delivered (kept alive here, deleted on the UI thread).
_relays: dict[int, _Relay] = {}


def _forget_op(op: Op, *_: object) -> None:
    _running.discard(op)


def _forget_relay(key: int, *_: object) -> None:
    _relays.pop(key, None)


class _Runner(QRunnable):
    """Runs one ``Op``'s work on a pool thread (one class for every op: a class made per call
    would be a new Qt wrapper type each time, left to the cycle collector)."""

    def __init__(self, op: Op, relay: _Relay) -> None:
        super().__init__()
        self._op = op
        self._relay = relay

    def run(self) -> None:
        outcome = self._op._call()
        with contextlib.suppress(RuntimeError):  # the studio is quitting: nobody is left
            self._relay.done.emit(*outcome)


class Op(QObject):
    """A background call; ``succeeded(result)`` or ``failed(message)``, then ``finished``."""

    succeeded = Signal(object)
    failed = Signal(str)
    finished = Signal()
    # (fraction or None, text, whether cancel still has an effect)
    progressed = Signal(object, str, bool)
    # the work stopped because the person cancelled it (``failed`` is not emitted then)
    cancelled = Signal(str)

    def __init__(
        self,
        fn: Callable[..., Any],
        parent: QObject | None = None,
        *,
        ctx: StudioContext | None = None,
        writes: bool = False,
        progress: bool = False,
        report_errors: bool = False,
        initiator: object = None,
    ) -> None:
        super().__init__(parent)
        self._fn = fn
        self._ctx = ctx
        self._writes = writes
        self._wants_progress = progress
        self._report_errors = report_errors
        self._initiator = initiator
        self.progress = OpProgress(self)
        self._generation = ctx.generation if ctx is not None else 0
        if not writes:
            # Nobody is left to hear reading work whose owner (a pane, a dialog) went: it is
            # asked to stop at its next check. A write is what the person asked for: it ends.
            self.destroyed.connect(self.progress._cancel.set)

    def cancel(self) -> None:
        self.progress._cancel.set()

    def start(self) -> Op:
        _running.add(self)
        relay = _Relay()  # on the UI thread, owned by nobody but ``_relays``
        key = id(relay)
        _relays[key] = relay
        # results cross from the worker thread to this object's (the UI) thread, queued
        relay.done.connect(self._deliver)
        relay.progressed.connect(self.progressed)
        # after the op heard it (or was deleted and did not): forget the op, delete the relay
        relay.done.connect(functools.partial(_forget_op, self))
        relay.done.connect(relay.deleteLater)
        relay.destroyed.connect(functools.partial(_forget_relay, key))
        self.progress._relay = relay
        pool = _writer_pool() if self._writes else QThreadPool.globalInstance()
        pool.start(_Runner(self, relay))
        return self

    def _call(self) -> tuple[str, object]:
        try:
            result = self._fn(self.progress) if self._wants_progress else self._fn()
        except Cancelled as exc:
            return "cancelled", str(exc)
        except StudioError as exc:
            return "failed", str(exc)
        except Exception as exc:  # a bug: log the traceback, tell the user briefly
            log.exception("background operation failed")
            return "failed", f"{type(exc).__name__}: {exc}"
        return "succeeded", result

    @Slot(str, object)
    def _deliver(self, what: str, payload: object) -> None:
        _running.discard(self)
        ctx = self._ctx
        stale = ctx is not None and ctx.generation != self._generation
        if what == "succeeded":
            changes: OpChanges | None = None
            if isinstance(payload, OpResult):
                changes, payload = payload.changes, payload.value
            elif isinstance(payload, OpChanges):
                changes = payload
            if not stale:
                if changes is not None and ctx is not None:
                    ctx.notify(changes, self._initiator)
                self.succeeded.emit(payload)
        elif what == "cancelled":
            self.cancelled.emit(str(payload))
        elif not stale:
            self.failed.emit(str(payload))
            if self._report_errors and ctx is not None:
                ctx.failed.emit(str(payload))
        self.finished.emit()


class OpProgressDialog(QProgressDialog):
    """A progress dialog for one ``Op``: shown after a moment, Cancel asks the op to stop.

    The dialog disables Cancel once the op reports that cancelling has no effect any more (a push
    the server has confirmed), and closes itself when the op ends.
    """

    # quick work finishes without a dialog flashing up
    DELAY_MS = 300

    def __init__(self, op: Op, title: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.op = op
        self.setObjectName("op_progress")
        self.setWindowTitle(title)
        self.setLabelText(title)
        self.setCancelButtonText(self.tr("Cancel"))
        self.setRange(0, 100)
        self.setMinimumDuration(self.DELAY_MS)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setValue(0)
        self._ended = False
        self.canceled.connect(self._cancel)
        op.progressed.connect(self._show)
        op.finished.connect(self._end)

    def _show(self, fraction: float | None, text: str, cancellable: bool) -> None:
        if text:
            self.setLabelText(text)
        if fraction is None:
            self.setRange(0, 0)  # busy indicator: the total is unknown
        else:
            self.setRange(0, 100)
            self.setValue(int(max(0.0, min(1.0, fraction)) * 100))
        if not cancellable:
            self.setCancelButtonText("")

    def _cancel(self) -> None:
        self.op.cancel()
        self.setLabelText(self.tr("Cancelling…"))
        # QProgressDialog hides itself on cancel; keep it up until the work has stopped
        QTimer.singleShot(0, self._show_until_ended)

    def _show_until_ended(self) -> None:
        if not self._ended:
            self.show()

    def _end(self) -> None:
        self._ended = True
        # Stop QProgressDialog's delayed show (its own timer, started with the dialog): work
        # quicker than DELAY_MS would otherwise see its dialog pop up after it ended, and stay.
        # (reset() stops it too, but also clears the bar a caller may still read.)
        for timer in self.findChildren(QTimer):
            timer.stop()
        self.hide()
