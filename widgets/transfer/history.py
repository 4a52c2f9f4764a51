"""The list of imports under the import wizard (issue 16): every import journalled on this
workspace (done, interrupted or reverted) and Revert, which removes what an import created and
restores what it updated (``studio.importing.run.revert_import``). An interrupted import is
resumed by importing the same workbook again (the pane's Import…), not from here."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError
from widgets.ops import Op

if TYPE_CHECKING:
    from widgets.transfer.pane import ImportExportPane


class ImportHistory(QWidget):
    """The pane's past imports; its ops run through the pane (one op at a time)."""

    def __init__(self, pane: ImportExportPane) -> None:
        super().__init__(pane)
        self.pane = pane
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Imports"), self))
        self.imports = QTableWidget(0, 5, self)
        self.imports.setObjectName("import_history")
        self.imports.setHorizontalHeaderLabels(
            [
                self.tr("Import"),
                self.tr("Entity"),
                self.tr("By"),
                self.tr("Records"),
                self.tr("State"),
            ]
        )
        self.imports.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.imports.horizontalHeader().setStretchLastSection(True)
        layout.addWidget(self.imports)
        self.revert_button = QPushButton(self.tr("Revert import…"), self)
        self.revert_button.clicked.connect(self.revert)
        layout.addWidget(self.revert_button)

    def set_busy(self, busy: bool) -> None:
        self.revert_button.setEnabled(not busy)

    def load(self) -> None:
        from studio.importing.run import imports

        try:
            found = imports(self.pane.ctx.workspace)
        except StudioError:
            found = []
        self.imports.setRowCount(len(found))
        for r, item in enumerate(found):
            values = [
                item["id"],
                item["entity"],
                item["user"] or "",
                str(item["created"] + item["updated"]),
                {
                    "done": self.tr("done"),
                    "running": self.tr("interrupted"),
                    "reverted": self.tr("reverted"),
                }.get(item["state"], item["state"]),
            ]
            for c, v in enumerate(values):
                self.imports.setItem(r, c, QTableWidgetItem(v))

    def revert(self) -> None:
        pane = self.pane
        row = self.imports.currentRow()
        if row < 0 or pane.op is not None:
            return
        import_id = self.imports.item(row, 0).text()
        server = pane.server_or_none()
        if server is None:
            pane.summary.setText(self.tr("No CRM server to import into: configure one first."))
            return
        ws, user = pane.ctx.workspace, pane.ctx.user

        def work() -> Any:
            from studio.importing.run import revert_import

            return revert_import(ws, import_id, server, user=user)

        op = Op(work, pane, writes=True)
        # the data-health report shown, if any, no longer tells of the server's records
        op.finished.connect(pane.health.records_changed)
        pane.run_op(
            op,
            lambda outcome: (
                pane.summary.setText(
                    self.tr(
                        "Import {id} reverted: {removed} records removed, {restored} restored."
                    ).format(id=import_id, removed=outcome.removed, restored=outcome.restored)
                ),
                self.load(),
            ),
        )
