"""Import/Export: bulk migrations from and to Excel (arrives with its own issue)."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from widgets.context import StudioContext
from widgets.pane import Pane, coming_soon, register_pane


@register_pane
class ImportExportPane(Pane):
    pane_id = "import_export"

    def __init__(self, ctx: StudioContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        layout = QVBoxLayout(self)
        layout.addWidget(
            coming_soon(
                self,
                self.tr(
                    "Excel import and export will show here: column mapping, cleaning of names and "
                    "+86 phone numbers, validation, duplicate review, and an error workbook for every "
                    "rejected row. Nothing is written to the CRM before you confirm a dry run."
                ),
            )
        )
