"""The HTTP connection layer of ``studio serve``: time limits, a connection cap, quiet logs.

uvicorn (h11) times out an idle keep-alive connection, but not a connection that never sends a
complete request head, nor a body that never ends: 300 idle sockets held a server with 256 file
descriptors unreachable for over 40 s, while "Too many open files" filled the disk. Here:

- a request head must arrive within ``header_timeout`` seconds of the connection (or of the
  previous response), a body within ``body_timeout`` seconds of its head, else the connection
  is closed;
- beyond ``max_connections`` open connections a new one is closed at once (with file
  descriptors left for the database and the log);
- a log line repeated more than a few times a minute is suppressed, with a count.
"""

from __future__ import annotations

import asyncio
import logging
import resource
import time
from collections.abc import Callable
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

HEADER_TIMEOUT = 10.0
BODY_TIMEOUT = 60.0
#: File descriptors kept free of client connections: database files, WAL, logs, accept().
_SPARE_FDS = 64


def default_max_connections() -> int:
    """As many connections as the process's file-descriptor limit leaves room for (<= 1000)."""
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == resource.RLIM_INFINITY:
        return 1000
    return max(8, min(1000, soft - _SPARE_FDS))


def protocol_class(
    *,
    header_timeout: float = HEADER_TIMEOUT,
    body_timeout: float = BODY_TIMEOUT,
    max_connections: int | None = None,
) -> type[H11Protocol]:
    """An h11 protocol class for ``uvicorn.run(http=...)`` with these limits."""
    cap = max_connections or default_max_connections()

    class TimedH11Protocol(H11Protocol):
        _deadline: asyncio.TimerHandle | None = None
        _waiting: str | None = None

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            if len(self.connections) > cap:
                _limited.warning("connection limit (%d) reached: a new connection was closed", cap)
                transport.close()
                return
            self._arm("head", header_timeout)

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            before = self.cycle
            super().data_received(data)
            if self.transport.is_closing():
                return
            if self.cycle is not None and self.cycle is not before:
                self._arm("body", body_timeout)  # a new request head: now its body
            elif (self.cycle is None or self.cycle.response_complete) and self._waiting is None:
                self._arm("head", header_timeout)  # the start of the next request's head

        def on_response_complete(self) -> None:
            self._disarm()
            super().on_response_complete()

        def _arm(self, waiting: str, seconds: float) -> None:
            self._disarm()
            self._waiting = waiting
            self._deadline = self.loop.call_later(seconds, self._expired, self.cycle)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
            self._deadline, self._waiting = None, None

        def _expired(self, cycle: Any) -> None:
            waiting = self._waiting
            self._deadline, self._waiting = None, None
            if self.transport.is_closing():
                return
            if waiting == "head" and (self.cycle is None or self.cycle.response_complete):
                self.transport.close()  # no complete request head in time
            elif waiting == "body" and self.cycle is cycle and cycle.more_body:
                self.transport.close()  # the body did not arrive in time

    return TimedH11Protocol


class RepeatLimiter(logging.Filter):
    """Lets through at most ``burst`` warnings-or-worse with the same text per ``window``
    seconds; the first line after a window says how many were suppressed."""

    def __init__(
        self, burst: int = 5, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        super().__init__()
        self.burst = burst
        self.window = window
        self._clock = clock
        self._seen: dict[tuple[str, str], list[float]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno < logging.WARNING:
            return True
        key = (record.name, str(record.msg))
        now = self._clock()
        start, count, suppressed = self._seen.get(key, [now, 0, 0])
        if now - start > self.window:
            start, count = now, 0
            if suppressed:
                record.msg = f"{record.msg} (and {int(suppressed)} more like it suppressed)"
                suppressed = 0
        count += 1
        if count > self.burst:
            self._seen[key] = [start, count, suppressed + 1]
            return False
        if len(self._seen) > 1000:  # many different lines: forget the old ones
            self._seen.clear()
        self._seen[key] = [start, count, suppressed]
        return True


_limited = logging.getLogger("studio.server.transport")


def limit_repeated_logs(burst: int = 5, window: float = 60.0) -> RepeatLimiter:
    """Install one ``RepeatLimiter`` on the loggers a flood writes to (asyncio's accept loop,
    uvicorn's errors, the server's own)."""
    limiter = RepeatLimiter(burst, window)
    for name in ("asyncio", "uvicorn.error", "uvicorn", "studio.server", _limited.name):
        logger = logging.getLogger(name)
        if limiter not in logger.filters:
            logger.addFilter(limiter)
    return limiter
