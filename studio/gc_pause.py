"""Pausing the cyclic garbage collector around bulk work on large bundles, and handing its
runs over to one thread (the GUI's: ``widgets.collector``)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_gc_lock = threading.Lock()
_gc_pausers = 0
#: False while one thread collects by hand: the collector then never runs by itself, and a pause
#: must not switch it back on.
_automatic = True


def collect_by_hand() -> None:
    """From now on the collector never runs by itself: whoever called this collects (see
    ``widgets.collector``). By itself it runs in whichever thread happens to allocate, and in a
    worker thread it would delete Qt objects caught in reference cycles from the wrong thread,
    which crashes Qt."""
    global _automatic
    with _gc_lock:
        _automatic = False
        gc.disable()


def collect_by_itself() -> None:
    """Undo ``collect_by_hand``."""
    global _automatic
    with _gc_lock:
        _automatic = True
        if _gc_pausers == 0:
            gc.enable()


def automatic() -> bool:
    """Whether the collector runs by itself (when not paused)."""
    return _automatic


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a large bundle is parsed, hashed or loaded.

    Validating a bundle of 20,000 fields creates a few hundred thousand objects at once; the
    collector, triggered again and again by those allocations, walks the whole growing heap and
    measured ~55 % of the time of validating and hashing. None of these objects form cycles, so
    reference counting frees them anyway. A counter keeps the collector off until the last
    concurrent user is done.
    """
    global _gc_pausers
    with _gc_lock:
        _gc_pausers += 1
        if _gc_pausers == 1:
            gc.disable()
    try:
        yield
    finally:
        with _gc_lock:
            _gc_pausers -= 1
            if _gc_pausers == 0 and _automatic:
                gc.enable()
