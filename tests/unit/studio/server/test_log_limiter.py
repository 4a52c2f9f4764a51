"""The server's repeated-log limiter: a flood of one warning (a full file-descriptor table under
idle sockets wrote hundreds of MB of "Too many open files") becomes a few lines and one count."""

from __future__ import annotations

import logging

import pytest

from studio.server.transport import RepeatLimiter


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def flood() -> tuple[logging.Logger, list[str], Clock]:
    clock = Clock()
    logger = logging.getLogger("test.flood")
    logger.propagate = False
    logger.handlers.clear()
    logger.filters.clear()
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(record.getMessage())

    logger.addHandler(Collect())
    logger.addFilter(RepeatLimiter(burst=5, window=60.0, clock=clock))
    return logger, lines, clock


def test_a_flood_of_one_warning_is_cut_to_the_burst_then_counted(
    flood: tuple[logging.Logger, list[str], Clock],
) -> None:
    logger, lines, clock = flood
    for i in range(10_000):
        logger.error("accept failed: %s", f"Too many open files ({i})")
    assert len(lines) == 5
    # another line still gets through: only the repeated text is limited
    logger.warning("disk almost full")
    assert lines[-1] == "disk almost full"
    clock.now += 61
    logger.error("accept failed: %s", "Too many open files (again)")
    assert lines[-1] == (
        "accept failed: Too many open files (again) (and 9995 more like it suppressed)"
    )
    assert len(lines) == 7


def test_info_lines_are_never_limited(flood: tuple[logging.Logger, list[str], Clock]) -> None:
    logger, lines, _ = flood
    logger.setLevel(logging.INFO)
    for _ in range(50):
        logger.info("request served")
    assert len(lines) == 50
