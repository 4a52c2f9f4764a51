"""Health: the field-index health scanner (arrives with its own issue)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from widgets.context import StudioContext
from widgets.pane import Pane, coming_soon, register_pane


@register_pane
class HealthPane(Pane):
    pane_id = "health"

    def __init__(self, ctx: StudioContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            coming_soon(
                self,
                self.tr(
                    "The field-index health scanner will show here, per entity, how many fields and "
                    "searchable fields it has, their average stored length, and a green / yellow / red "
                    "status against the workspace's thresholds (30 fields, 15–25 searchable fields, "
                    "500 characters)."
                ),
            )
        )
