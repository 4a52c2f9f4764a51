"""What a reviewer reads first about a rules change: the impact replay's headline (or that it
could not run) and the author's acknowledgement, coloured by how far it is above the shares
(``studio.changes.replay_gate.review_lines``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from studio.changes.replay_gate import review_lines
from widgets.automation.replay_view import LEVEL_COLOURS


def replay_banner(change: Any, parent: QWidget) -> QLabel:
    """A label with the replay's lines; hidden for a change that touches no automation rules."""
    label = QLabel(parent)
    label.setObjectName("review_replay")
    label.setWordWrap(True)
    lines = review_lines(change)
    label.setVisible(bool(lines))
    evidence = (getattr(change, "diff", None) or {}).get("replay") or {}
    level = str(evidence.get("level", "warn")) if evidence.get("ran") else "warn"
    label.setText("\n".join(lines))
    label.setStyleSheet(
        f"background: {LEVEL_COLOURS.get(level, LEVEL_COLOURS['warn'])}; padding: 8px; "
        "font-weight: bold;"
    )
    return label
