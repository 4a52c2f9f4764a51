"""Refusals: every 4xx the server gives, with a stable code and a message for people.

The body of every refusal is ``{"error": {"code", "message"}}`` (DESIGN.md's wire contract).
Codes are stable (clients and tests match on them); messages may be reworded.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Refusal:
    """Why the server said no: HTTP status, stable code, message."""

    status: int
    code: str
    message: str

    def body(self) -> dict[str, Any]:
        return {"error": {"code": self.code, "message": self.message}}


class RefusalError(Exception):
    """Raised inside the server to answer with a refusal (turned into JSON by the app)."""

    def __init__(self, refusal: Refusal) -> None:
        super().__init__(refusal.message)
        self.refusal = refusal


def refuse(status: int, code: str, message: str) -> RefusalError:
    return RefusalError(Refusal(status, code, message))
