"""The navigator's panes: one registered class each, so the main window has no branch per pane."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from studio.op_changes import OpChanges
from widgets.context import StudioContext

_REGISTRY: list[type[Pane]] = []


class Pane(QWidget):
    """A page of the navigator. Subclasses set ``pane_id``/``order`` and implement ``title``."""

    pane_id: ClassVar[str] = ""
    order: ClassVar[int] = 0
    #: which topics of ``studio.op_changes.OpChanges`` make this pane reload
    listens_to: ClassVar[frozenset[str]] = frozenset({"workspace", "draft"})

    def __init__(self, ctx: StudioContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName(f"pane_{self.pane_id}")
        ctx.changed.connect(self._on_changed)

    @classmethod
    def title(cls) -> str:  # pragma: no cover - every registered pane overrides it
        raise NotImplementedError

    def _on_changed(self, changes: OpChanges, initiator: object) -> None:
        if changes.touches(self.listens_to):
            self.on_changes(changes, initiator)

    def on_changes(self, changes: OpChanges, initiator: object) -> None:
        """A change this pane listens to happened; by default, reload the whole pane."""
        self.reload()

    def reload(self) -> None:
        """Re-read what the pane shows from the context."""


def register_pane(cls: type[Pane]) -> type[Pane]:
    _REGISTRY.append(cls)
    return cls


def pane_classes() -> list[type[Pane]]:
    # Importing the feature packages registers their panes.
    from widgets.audit import pane as _audit  # noqa: F401
    from widgets.changes import pane as _changes  # noqa: F401
    from widgets.entities import pane as _entities  # noqa: F401
    from widgets.health import pane as _health  # noqa: F401
    from widgets.permissions import pane as _permissions  # noqa: F401
    from widgets.transfer import pane as _transfer  # noqa: F401

    return sorted(_REGISTRY, key=lambda c: c.order)


def coming_soon(parent: QWidget, text: str) -> QWidget:
    """A friendly note for a pane whose feature arrives with a later release."""
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    label = QLabel(text, box)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setObjectName("coming_soon")
    label.setStyleSheet("color: palette(mid); font-size: 13px; padding: 12px;")
    layout.addWidget(label)
    layout.addStretch(1)
    return box
