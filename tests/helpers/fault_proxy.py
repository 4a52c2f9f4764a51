"""A small, real HTTP/1.1 proxy on loopback that injects faults between the studio and a server.

Each request that arrives takes the next action from a script (then ``pass`` once the script is
used up):

- ``pass``: forward to the server and relay its answer;
- ``502``: answer 502 without forwarding (a gateway that lost the backend);
- ``401``: answer 401 with the wire contract's error body, without forwarding;
- ``413``: answer 413 with a web server's page, without forwarding (a reverse proxy's body
  size limit, in front of the server's own sign-in);
- ``drop_after_commit``: forward, read the server's whole answer, then close the connection
  without relaying a byte (the server applied the release; the client never heard);
- ``hang``: read the request and say nothing for ``hang_seconds`` (the client times out), then
  close, never forwarding.

``log`` records ``(method, path, action)`` per request, so a test can count what reached where.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit


def _read_message(sock: socket.socket, buf: bytearray) -> bytes | None:
    """One HTTP message (headers + Content-Length body) from ``sock``; ``None`` at EOF."""
    while b"\r\n\r\n" not in buf:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buf.extend(chunk)
    head_end = buf.index(b"\r\n\r\n") + 4
    length = 0
    for line in bytes(buf[:head_end]).split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    while len(buf) < head_end + length:
        chunk = sock.recv(65536)
        if not chunk:
            return None
        buf.extend(chunk)
    message = bytes(buf[: head_end + length])
    del buf[: head_end + length]
    return message


def _answer(status: int, reason: str, body: bytes) -> bytes:
    return (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body


class FaultProxy:
    def __init__(self, upstream: str, script: Iterable[str] = (), hang_seconds: float = 3.0):
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.script = list(script)
        self.hang_seconds = hang_seconds
        self.log: list[tuple[str, str, str]] = []
        self._lock = threading.Lock()
        self._listener = socket.socket()
        self._listener.bind(("127.0.0.1", 0))
        self._listener.listen(16)
        self.url = f"http://127.0.0.1:{self._listener.getsockname()[1]}"
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopped.set()
        self._listener.close()

    def _next(self, request: bytes) -> str:
        method, path = request.split(b"\r\n", 1)[0].decode().split(" ")[:2]
        with self._lock:
            action = self.script.pop(0) if self.script else "pass"
            self.log.append((method, path, action))
        return action

    def _serve(self) -> None:
        while not self._stopped.is_set():
            try:
                client, _addr = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def _forward(self, request: bytes) -> bytes:
        with socket.create_connection(self.upstream, timeout=30) as up:
            up.sendall(request)
            answer = _read_message(up, bytearray())
        if answer is None:
            raise ConnectionError("the server closed the connection")
        return answer

    def _handle(self, client: socket.socket) -> None:
        buf = bytearray()
        with client:
            while True:
                try:
                    request = _read_message(client, buf)
                except OSError:
                    return
                if request is None:
                    return
                action = self._next(request)
                if action == "502":
                    client.sendall(_answer(502, "Bad Gateway", b'{"detail":"bad gateway"}'))
                elif action == "401":
                    client.sendall(
                        _answer(
                            401,
                            "Unauthorized",
                            b'{"error":{"code":"unauthorized","message":"token expired"}}',
                        )
                    )
                elif action == "413":
                    client.sendall(
                        _answer(413, "Request Entity Too Large", b"<html>413 Too Large</html>")
                    )
                elif action == "drop_after_commit":
                    self._forward(request)
                    return
                elif action == "hang":
                    time.sleep(self.hang_seconds)
                    return
                else:
                    client.sendall(self._forward(request))


@contextmanager
def fault_proxy(
    upstream: str, script: Iterable[str] = (), hang_seconds: float = 3.0
) -> Iterator[FaultProxy]:
    proxy = FaultProxy(upstream, script, hang_seconds).start()
    try:
        yield proxy
    finally:
        proxy.stop()
