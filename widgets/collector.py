"""Python's cycle collector, run on the GUI thread only.

By itself the collector runs in whichever thread allocates past its threshold: during an
import check that is a worker thread of ``widgets.ops``. There it can free a cycle that holds a
Qt object (a pane's chart items, a dialog and its slots), and Qt objects deleted from the wrong
thread crash the studio ("Fatal Python error: Segmentation fault" while "Garbage-collecting",
seen once in the tests). As pyqtgraph, calibre and others do, the studio switches the automatic
collector off and runs it on a timer of the GUI thread, by the same thresholds.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

from studio import gc_pause

#: How often the GUI thread looks whether a collection is due (ms).
INTERVAL_MS = 500


class Collector(QObject):
    """Collects on the thread it lives on, every ``INTERVAL_MS``, each generation when the
    automatic collector would have (its thresholds)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._threshold = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.check)
        gc_pause.collect_by_hand()
        self._timer.start()

    def check(self) -> None:
        first, second, third = gc.get_count()
        if first > self._threshold[0]:
            gc.collect(0)
            if second > self._threshold[1]:
                gc.collect(1)
                if third > self._threshold[2]:
                    gc.collect(2)

    def stop(self) -> None:
        """Hand the collector back to Python (tests; the application keeps its collector to
        the end). Nothing is collected here: a full collection of a large heap takes ~0.5 s."""
        self._timer.stop()
        gc_pause.collect_by_itself()


def collect_on_this_thread(parent: QObject) -> Collector:
    """Run the cycle collector on the calling (the GUI) thread from now on; ``parent`` keeps
    the collector alive (the application)."""
    existing = parent.findChild(Collector)
    if isinstance(existing, Collector):
        return existing
    return Collector(parent)
