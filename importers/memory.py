"""Giving memory back to the operating system after a large read."""

from __future__ import annotations

import ctypes
import sys


def give_back() -> None:
    """Return what calamine freed to the operating system (glibc's ``malloc_trim``).

    calamine holds every cell of a sheet as a Rust value in the C heap (~150 MB at 100,000
    rows x 20 columns) and frees them once the Arrow columns are built; glibc keeps those pages
    for C allocations (in the heap of each thread that read), but polars allocates with its own
    jemalloc and never reuses them, so without this they would stay in the process's memory for
    the rest of the import (~40 MB of its peak). A few milliseconds; nothing where there is no
    glibc."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None)
        trim = libc.malloc_trim
    except (OSError, AttributeError):  # musl and others: nothing to trim
        return
    trim(0)
