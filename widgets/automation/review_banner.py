"""What a reviewer reads first about a rules change: the impact replay's headline (or that it
could not run) and the author's acknowledgement, coloured by how far it is above the shares
(``studio.changes.replay_gate.review_lines``).

The figures are those of the replay run for the review (``ChangeReview.replay``: the exact bundle
under signature against the verified live version), never the copy stored with the change; until
the review arrives the banner says the replay is running."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QLabel, QWidget

from studio.automation.report import replay_lines
from studio.changes.replay_gate import review_lines
from widgets.automation.replay_view import LEVEL_COLOURS


def replay_banner(parent: QWidget, *, pending: bool = False) -> QLabel:
    """A label for the replay's lines: hidden, or (``pending``) saying the replay is running."""
    label = QLabel(parent)
    label.setObjectName("review_replay")
    label.setWordWrap(True)
    if pending:
        label.setText(
            QCoreApplication.translate(
                "ReviewBanner",
                "Replaying this change over the server's recent records before you decide…",
            )
        )
        _colour(label, "warn", bold=False)
    label.setVisible(pending)
    return label


def show_replay(label: QLabel, evidence: dict[str, Any] | None) -> None:
    """Show ``evidence`` (``ChangeReview.replay``); hide the label for a change without it."""
    lines = review_lines(evidence)
    details: list[str] = []
    if lines and (evidence or {}).get("ran"):
        # Then where the records came from and one line per entity; the counts per outcome
        # before -> after are in the tooltip (the banner must leave room for the diff).
        details = replay_lines(evidence or {})[1:]
        lines += [line for line in details if not line.startswith(" ")]
    label.setToolTip("\n".join(details))
    label.setVisible(bool(lines))
    label.setText("\n".join(lines))
    # A word-wrapped label whose text grows after the dialog was laid out keeps its old height
    # (the diff below takes the stretch): ask for the height the text needs at this width.
    width = label.width() if label.width() > 100 else 900
    label.setMinimumHeight(label.heightForWidth(width) if lines else 0)
    level = str((evidence or {}).get("level", "warn")) if (evidence or {}).get("ran") else "warn"
    _colour(label, level, bold=True)


def _colour(label: QLabel, level: str, *, bold: bool) -> None:
    weight = "font-weight: bold;" if bold else ""
    label.setStyleSheet(
        f"background: {LEVEL_COLOURS.get(level, LEVEL_COLOURS['warn'])}; padding: 8px; {weight}"
    )
