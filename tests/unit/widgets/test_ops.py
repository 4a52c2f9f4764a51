"""The one background-operation helper: progress, cancel, serialised writes, typed changes."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studio.errors import StudioError
from studio.op_changes import OpChanges
from studio.progress import check
from studio.workspace.connection import open_workspace
from widgets.context import StudioContext
from widgets.ops import Op, OpProgress, OpProgressDialog, OpResult

TIMEOUT = 10_000


@pytest.fixture
def ctx(qtbot: QtBot, sample_workspace_path: Path) -> StudioContext:
    context = StudioContext(open_workspace(str(sample_workspace_path)), "lin")
    yield context
    context.workspace.close()


def test_progress_reaches_the_ui_thread_and_the_result_follows(
    qtbot: QtBot, ctx: StudioContext
) -> None:
    def work(progress: OpProgress) -> int:
        for i in range(1, 5):
            progress.update(i / 4, f"step {i}")
        return 42

    op = Op(work, ctx=ctx, progress=True)
    seen: list[tuple[float | None, str]] = []
    op.progressed.connect(lambda f, text, _c: seen.append((f, text)))
    with qtbot.waitSignal(op.succeeded, timeout=TIMEOUT) as done:
        op.start()
    assert done.args == [42]
    assert seen == [(0.25, "step 1"), (0.5, "step 2"), (0.75, "step 3"), (1.0, "step 4")]


def test_cancel_stops_the_work_at_its_next_check(qtbot: QtBot, ctx: StudioContext) -> None:
    started = threading.Event()
    steps: list[int] = []

    def work(progress: OpProgress) -> None:
        started.set()
        for i in range(500):
            check(progress, "Stopped as asked; nothing was changed.")
            steps.append(i)
            time.sleep(0.01)

    op = Op(work, ctx=ctx, progress=True)
    failed: list[str] = []
    op.failed.connect(failed.append)
    with qtbot.waitSignal(op.cancelled, timeout=TIMEOUT) as cancelled:
        op.start()
        assert started.wait(5)
        op.cancel()
    assert cancelled.args == ["Stopped as asked; nothing was changed."]
    assert not failed and len(steps) < 500


def test_the_dialogs_cancel_button_cancels_and_goes_away_when_too_late(
    qtbot: QtBot, ctx: StudioContext
) -> None:
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    gate = threading.Event()

    def work(progress: OpProgress) -> str:
        progress.update(0.5, "Halfway")
        gate.wait(5)
        progress.update(0.95, "Confirmed", cancellable=False)
        return "done"

    op = Op(work, ctx=ctx, progress=True)
    dialog = OpProgressDialog(op, "Long work", parent)
    with qtbot.waitSignal(op.progressed, timeout=TIMEOUT):
        op.start()
    assert dialog.labelText() == "Halfway" and dialog.value() == 50
    with qtbot.waitSignal(op.succeeded, timeout=TIMEOUT):
        gate.set()
    assert dialog.value() == 95 and not dialog.isVisible()


def test_the_dialog_of_quick_work_never_shows_up(qtbot: QtBot, ctx: StudioContext) -> None:
    """Work done before the dialog's delay: no dialog then, nor after (a dialog left saying
    "100% Cancel" over a finished job was the defect)."""
    from PySide6.QtWidgets import QWidget

    parent = QWidget()
    qtbot.addWidget(parent)
    parent.show()

    def work(progress: OpProgress) -> str:
        progress.update(1.0, "Quick")
        return "done"

    op = Op(work, ctx=ctx, progress=True)
    dialog = OpProgressDialog(op, "Quick work", parent)
    with qtbot.waitSignal(op.finished, timeout=TIMEOUT):
        op.start()
    # past the dialog's delayed show (its timer started with the dialog): still nothing shown
    qtbot.wait(3 * OpProgressDialog.DELAY_MS)
    assert not dialog.isVisible()


def test_workspace_writes_run_one_at_a_time_in_the_order_started(
    qtbot: QtBot, ctx: StudioContext
) -> None:
    order: list[str] = []
    running = 0
    overlap = False
    lock = threading.Lock()

    def write(name: str, pause: float):
        def run() -> None:
            nonlocal running, overlap
            with lock:
                running += 1
                overlap = overlap or running > 1
            time.sleep(pause)
            order.append(name)
            with lock:
                running -= 1

        return run

    ops = [Op(write(n, p), ctx=ctx, writes=True) for n, p in (("a", 0.2), ("b", 0.01), ("c", 0))]
    with qtbot.waitSignals([op.finished for op in ops], timeout=TIMEOUT):
        for op in ops:
            op.start()
    assert order == ["a", "b", "c"] and not overlap


def test_changes_reach_every_pane_before_the_caller_hears_of_success(
    qtbot: QtBot, ctx: StudioContext
) -> None:
    heard: list[object] = []
    ctx.changed.connect(lambda changes, initiator: heard.append((changes, initiator)))
    op = Op(lambda: OpResult("v", OpChanges(requests=True, audit=True)), ctx=ctx, initiator="me")
    op.succeeded.connect(lambda value: heard.append(value))
    with qtbot.waitSignal(op.succeeded, timeout=TIMEOUT):
        op.start()
    assert heard == [(OpChanges(requests=True, audit=True), "me"), "v"]


def test_a_result_about_the_previous_workspace_is_dropped(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path
) -> None:
    from studio.workspace.bootstrap import init_workspace

    gate = threading.Event()
    op = Op(lambda: (gate.wait(5), OpChanges(draft=True))[1], ctx=ctx)
    succeeded: list[object] = []
    op.succeeded.connect(succeeded.append)
    op.start()
    ctx.set_workspace(init_workspace(tmp_path / "other.db", sample=True), "lin")
    heard: list[OpChanges] = []
    # The new workspace's draft loads meanwhile and says so (initiator: the document); only
    # what the stale operation would announce counts here, whichever finishes first.
    ctx.changed.connect(lambda changes, i: heard.append(changes) if i is not ctx.document else None)
    with qtbot.waitSignal(op.finished, timeout=TIMEOUT):
        gate.set()
    assert not succeeded and not heard


def test_a_failure_is_reported_in_the_one_place_when_asked(
    qtbot: QtBot, ctx: StudioContext
) -> None:
    def work() -> None:
        raise StudioError("The server at https://crm.example.com does not answer.")

    op = Op(work, ctx=ctx, report_errors=True)
    with qtbot.waitSignals([op.failed, ctx.failed], timeout=TIMEOUT) as both:
        op.start()
    assert all(
        s.args == ["The server at https://crm.example.com does not answer."]
        for s in both.all_signals_and_args
    )


@pytest.mark.allow_log
def test_a_bug_is_logged_and_arrives_briefly(qtbot: QtBot, ctx: StudioContext) -> None:
    op = Op(lambda: 1 / 0, ctx=ctx)
    with qtbot.waitSignal(op.failed, timeout=TIMEOUT) as failed:
        op.start()
    assert failed.args == ["ZeroDivisionError: division by zero"]


def test_work_whose_owner_goes_while_it_runs_tells_nobody_and_leaves_nothing(
    qtbot: QtBot,
) -> None:
    """A pane or dialog closed while its work runs: the work's progress and outcome go nowhere
    (no crash, no slot of a deleted window called), and nothing of the op is kept."""
    import shiboken6
    from PySide6.QtCore import QObject

    from widgets import ops

    owner = QObject()
    started, release, finished = threading.Event(), threading.Event(), threading.Event()

    def work(progress: OpProgress) -> int:
        started.set()
        assert release.wait(20)
        for i in range(200):  # said after the owner is gone
            progress.update(i / 200, "step")
        finished.set()
        return 42

    op = Op(work, owner, progress=True)
    heard: list[object] = []
    op.succeeded.connect(heard.append)
    op.progressed.connect(lambda *a: heard.append(a))
    op.finished.connect(lambda: heard.append("finished"))
    op.start()
    assert started.wait(20)
    shiboken6.delete(owner)  # the owner and its op, as when a window is deleted
    assert not shiboken6.isValid(op)
    release.set()
    assert finished.wait(20)
    qtbot.waitUntil(lambda: not ops._relays, timeout=20_000)
    assert heard == []
    assert not any(shiboken6.isValid(o) is False for o in ops._running)


def test_reading_work_whose_owner_goes_is_cancelled(qtbot: QtBot) -> None:
    """A scan, a check or a replay whose pane or dialog was closed ran on to its end, holding a
    core and the database for nobody: it is asked to stop at its next check."""
    import shiboken6
    from PySide6.QtCore import QObject

    from widgets import ops

    owner = QObject()
    started, stopped = threading.Event(), threading.Event()

    def work(progress: OpProgress) -> None:
        started.set()
        deadline = time.monotonic() + 30  # a bound, never reached when the cancel arrives
        while time.monotonic() < deadline:
            if progress.cancelled:
                stopped.set()
            check(progress, "stopped")
            time.sleep(0.005)

    Op(work, owner, progress=True).start()
    assert started.wait(20)
    shiboken6.delete(owner)
    assert stopped.wait(20)
    qtbot.waitUntil(lambda: not ops._relays, timeout=20_000)


def test_a_write_whose_owner_goes_is_finished(qtbot: QtBot) -> None:
    """A save is what the person asked for: it is not given up because its window went."""
    import shiboken6
    from PySide6.QtCore import QObject

    from widgets import ops

    owner = QObject()
    started, release, finished = threading.Event(), threading.Event(), threading.Event()
    seen: list[bool] = []

    def work(progress: OpProgress) -> None:
        started.set()
        assert release.wait(20)
        seen.append(progress.cancelled)
        check(progress, "stopped")
        finished.set()

    Op(work, owner, writes=True, progress=True).start()
    assert started.wait(20)
    shiboken6.delete(owner)
    release.set()
    assert finished.wait(20) and seen == [False]
    qtbot.waitUntil(lambda: not ops._relays, timeout=20_000)
