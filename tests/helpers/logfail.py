"""Fail a test on any Python log record at WARNING or above that the test did not expect.

As in qutebrowser's tests/helpers/logfail.py: a silent problem (a swallowed exception logged as a
warning, a slot that logged an error) becomes a failing test. A test that expects such records
says so with ``@pytest.mark.allow_log`` and then asserts on them through ``caplog``.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest


class _Collector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@pytest.fixture(autouse=True)
def fail_on_logged_warnings(request: pytest.FixtureRequest) -> Iterator[None]:
    collector = _Collector()
    root = logging.getLogger()
    root.addHandler(collector)
    try:
        yield
    finally:
        root.removeHandler(collector)
    if collector.records and request.node.get_closest_marker("allow_log") is None:
        lines = [f"{r.levelname} {r.name}: {r.getMessage()}" for r in collector.records[:10]]
        pytest.fail(
            "unexpected log records (mark the test allow_log if expected):\n" + "\n".join(lines)
        )
