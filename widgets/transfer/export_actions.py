"""The Import/Export pane's export actions (issue 16's outputs, as ``studio export`` and ``studio
template`` give them): the Export… button's menu writes the server's records of the chosen
entity to a workbook (every cell that a spreadsheet would run as a formula neutralised:
``importers.export``), or an import template of the entity's live configuration (required
columns marked, dropdowns for selects, a hidden sheet naming the version, so that a stale
template is recognised on import). The work runs through the pane's ops, off the UI thread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMenu, QPushButton

from studio.i18n import language
from widgets.ops import Op
from widgets.sentences import counted

if TYPE_CHECKING:
    from widgets.transfer.pane import ImportExportPane


class ExportActions(QObject):
    """``button`` (for the pane's bar) with its menu, and what its entries do."""

    def __init__(self, pane: ImportExportPane) -> None:
        super().__init__(pane)
        self.pane = pane
        self.button = QPushButton(self.tr("E&xport…"), pane)
        self.button.setObjectName("export_menu")
        menu = QMenu(self.button)
        self.records_action = menu.addAction(self.tr("Records to Excel…"))
        self.records_action.setToolTip(
            self.tr("The server's records of this entity as a workbook (formulas neutralised).")
        )
        self.records_action.triggered.connect(self.ask_records)
        self.template_action = menu.addAction(self.tr("Import template…"))
        self.template_action.setToolTip(
            self.tr(
                "A workbook with this entity's columns: required ones marked, dropdowns for "
                "choices, the configuration's version inside."
            )
        )
        self.template_action.triggered.connect(self.ask_template)
        self.button.setMenu(menu)

    def set_busy(self, busy: bool) -> None:
        self.button.setEnabled(not busy)

    def _entity_key(self) -> str:
        return str(self.pane.entity.currentData() or "customer")

    def _ask(self, title: str, name: str) -> Path | None:
        chosen, _ = QFileDialog.getSaveFileName(
            self.pane, title, name, self.tr("Excel workbook (*.xlsx)")
        )
        if not chosen:
            return None
        path = Path(chosen)
        return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")

    def ask_records(self) -> None:
        target = self._ask(self.tr("Export records"), f"{self._entity_key()}.xlsx")
        if target is not None:
            self.records(target)

    def ask_template(self) -> None:
        target = self._ask(self.tr("Save import template"), f"{self._entity_key()}-template.xlsx")
        if target is not None:
            self.template(target)

    def records(self, target: Path) -> None:
        """The server's records of the chosen entity, written to ``target``."""
        pane = self.pane
        server = pane.server_or_none()
        if pane.op is not None:
            return
        if server is None:
            pane.summary.setText(self.tr("No CRM server to export from: configure one first."))
            return
        ws, entity_key, lang = pane.ctx.workspace, self._entity_key(), language()

        def work() -> int:
            from importers.export import write_records
            from studio.importing.records_io import fetch_all
            from studio.importing.target import import_target

            entity = import_target(ws, entity_key).entity
            return write_records(entity, fetch_all(server, entity_key), target, lang)

        pane.run_op(
            Op(work, pane),
            lambda n: pane.summary.setText(
                counted(
                    n,
                    self.tr("{n} record written to {path}."),
                    self.tr("{n} records written to {path}."),
                    path=target.name,
                )
            ),
        )

    def template(self, target: Path) -> None:
        """An import template of the chosen entity, written to ``target``."""
        pane = self.pane
        if pane.op is not None:
            return
        ws, entity_key, lang = pane.ctx.workspace, self._entity_key(), language()

        def work() -> Any:
            from importers.export import write_template
            from studio.importing.target import import_target

            found = import_target(ws, entity_key)
            write_template(found.entity, target, lang, version=found.version)
            return found.version

        pane.run_op(
            Op(work, pane),
            lambda version: pane.summary.setText(
                self.tr("Import template written to {path} (configuration v{version}).").format(
                    path=target.name, version=version if version is not None else "-"
                )
                if version is not None
                else self.tr("Import template written to {path} (from the draft).").format(
                    path=target.name
                )
            ),
        )
