"""The cycle collector runs on the GUI thread only (``widgets.collector``): in a worker thread it
would free Qt objects caught in cycles from the wrong thread, which crashes the studio."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio.gc_pause import gc_paused
from widgets.app import make_application
from widgets.collector import Collector
from widgets.ops import Op


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the collector frees it


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The thread of every collection that starts while the test runs."""
    seen: list[int] = []

    def heard(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(threading.get_ident())

    gc.callbacks.append(heard)
    yield seen
    gc.callbacks.remove(heard)


def test_cycles_made_by_background_work_are_collected_on_the_gui_thread(
    qtbot: QtBot, collections: list[int]
) -> None:
    make_application()
    kept: list[weakref.ref[_Node]] = []

    def work() -> int:
        # far more cyclic garbage than the collector's first threshold (700 allocations)
        for i in range(50_000):
            node = _Node()
            if i % 1000 == 0:
                kept.append(weakref.ref(node))
        return len(kept)

    op = Op(work)
    with qtbot.waitSignal(op.succeeded, timeout=20_000):
        op.start()
    # the GUI thread's timer collects the garbage the worker left
    qtbot.waitUntil(lambda: all(ref() is None for ref in kept), timeout=10_000)
    gui = threading.get_ident()
    assert collections, "nothing was collected"
    assert set(collections) == {gui}, "the collector ran in a worker thread"


def test_a_pause_for_bulk_work_does_not_switch_the_automatic_collector_back_on(
    qtbot: QtBot,
) -> None:
    make_application()
    assert not gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_the_application_has_one_collector(qtbot: QtBot) -> None:
    app = make_application()
    make_application()
    assert isinstance(app, QApplication)
    assert len(app.findChildren(Collector)) == 1


def test_a_stopped_collector_hands_collecting_back_to_python(qtbot: QtBot) -> None:
    # what the tests' fixture does after each GUI test, so that the next test that is no GUI
    # test has the automatic collector
    app = make_application()
    assert not gc.isenabled()
    for collector in app.findChildren(Collector):
        collector.stop()
    assert gc.isenabled()
    with gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
