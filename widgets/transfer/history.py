"""The list of imports under the import wizard (issue 16): every import journalled on this
workspace (done, interrupted or reverted) — when, from which file, into which entity — and Revert,
which removes what an import created and restores what it updated
(``studio.importing.run.revert_import``) after asking, with a progress dialog and Cancel. An
interrupted import is resumed by importing the same workbook again (the pane's Import…), not
from here."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError
from studio.i18n import language
from widgets.ops import Op, OpProgressDialog, SaidProgress
from widgets.sentences import counted
from widgets.times import local_time, utc_time

if TYPE_CHECKING:
    from widgets.transfer.pane import ImportExportPane

# the list's columns, in order
DATE, FILE, ENTITY, BY, RECORDS, STATE, IMPORT = range(7)


class ImportHistory(QWidget):
    """The pane's past imports; its ops run through the pane (one op at a time)."""

    def __init__(self, pane: ImportExportPane) -> None:
        super().__init__(pane)
        self.pane = pane
        self.found: list[dict[str, Any]] = []
        self.revert_confirm: QMessageBox | None = None
        self._busy = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Imports"), self))
        self.imports = QTableWidget(0, 7, self)
        self.imports.setObjectName("import_history")
        self.imports.setHorizontalHeaderLabels(
            [
                self.tr("Date"),
                self.tr("File"),
                self.tr("Entity"),
                self.tr("By"),
                self.tr("Records"),
                self.tr("State"),
                self.tr("Import"),
            ]
        )
        self.imports.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.imports.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.imports.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.imports.verticalHeader().setVisible(False)
        header = self.imports.horizontalHeader()
        # every column as wide as its text (the import id whole); the file name takes the rest
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FILE, QHeaderView.ResizeMode.Stretch)
        self.imports.itemSelectionChanged.connect(self._enable)
        layout.addWidget(self.imports)
        self.revert_button = QPushButton(self.tr("&Revert import…"), self)
        self.revert_button.setObjectName("revert_import")
        self.revert_button.setToolTip(
            self.tr(
                "Removes what the selected import created and restores what it updated "
                "(asks first)."
            )
        )
        self.revert_button.clicked.connect(self.revert)
        layout.addWidget(self.revert_button)
        self._enable()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self._enable()

    def selected(self) -> dict[str, Any] | None:
        """The import selected in the list, if any."""
        rows = self.imports.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.found):
            return None
        return self.found[rows[0].row()]

    def _enable(self) -> None:
        item = self.selected()
        self.revert_button.setEnabled(
            not self._busy and item is not None and item["state"] != "reverted"
        )

    def _entity_label(self, key: str) -> str:
        doc = self.pane.ctx.document
        bundle = doc.bundle if doc.loaded else None
        for entity in bundle.entities if bundle is not None else ():
            if entity.key == key:
                return str(entity.label.text(language()))
        return key

    def _file(self, item: dict[str, Any]) -> str:
        return str(item.get("source") or "") or self.tr("(no file name)")

    @staticmethod
    def _when(item: dict[str, Any]) -> tuple[str, str]:
        """The import's time in this computer's time zone, and in UTC (for the tooltip)."""
        try:
            moment = datetime.fromisoformat(str(item["at"]))
        except (KeyError, ValueError):
            return str(item.get("at") or ""), ""
        return local_time(moment, seconds=False), utc_time(moment)

    def load(self) -> None:
        from studio.importing.run import imports

        try:
            found = imports(self.pane.ctx.workspace)
        except StudioError:
            found = []
        self.found = found
        self.imports.setRowCount(len(found))
        for r, item in enumerate(found):
            when, utc = self._when(item)
            values = {
                DATE: when,
                FILE: self._file(item),
                ENTITY: self._entity_label(item["entity"]),
                BY: item["user"] or "",
                RECORDS: str(item["created"] + item["updated"]),
                STATE: {
                    "done": self.tr("done"),
                    "running": self.tr("interrupted"),
                    "reverted": self.tr("reverted"),
                }.get(item["state"], item["state"]),
                IMPORT: item["id"],
            }
            for c, v in values.items():
                cell = QTableWidgetItem(v)
                if c == DATE:
                    cell.setToolTip(utc)
                self.imports.setItem(r, c, cell)
        self._enable()

    def revert(self) -> None:
        """Ask first (the file, the date, how many records go and come back), then revert."""
        pane = self.pane
        item = self.selected()
        if item is None or pane.op is not None or item["state"] == "reverted":
            return
        if pane.server_or_none() is None:
            pane.summary.setText(
                self.tr("No CRM server to revert the import on: configure one first.")
            )
            return
        when, _utc = self._when(item)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Revert import"),
            self.tr("Revert the import of {file} of {date}?").format(
                file=self._file(item), date=when
            ),
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("revert_confirm")
        box.setInformativeText(
            "\n".join(
                (
                    self.tr("Records it created, removed from the CRM: {n}").format(
                        n=item["created"]
                    ),
                    self.tr(
                        "Records it updated, given back their values from before it: {n}"
                    ).format(n=item["updated"]),
                )
            )
        )
        box.button(QMessageBox.StandardButton.Ok).setText(self.tr("Revert import"))
        box.button(QMessageBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        box.accepted.connect(lambda: self._revert(item))
        self.revert_confirm = box
        box.open()

    def revert_steps(self) -> dict[str, str]:
        """The revert's step words (``studio.importing.run``) as its progress dialog says them."""
        return {
            "remove": self.tr("Removing the records the import created…"),
            "restore": self.tr("Restoring the records the import updated…"),
            "done": self.tr("Revert done."),
        }

    def _revert(self, item: dict[str, Any]) -> None:
        pane = self.pane
        server = pane.server_or_none()
        if pane.op is not None or server is None:
            return
        ws, user, import_id, steps = (
            pane.ctx.workspace,
            pane.ctx.user,
            item["id"],
            self.revert_steps(),
        )

        def work(op_progress: Any) -> Any:
            from studio.importing.run import revert_import

            progress = SaidProgress(op_progress, steps)
            return revert_import(ws, import_id, server, user=user, progress=progress)

        op = Op(work, pane, writes=True, progress=True)
        # the data-health report shown, if any, no longer tells of the server's records
        op.finished.connect(pane.health.records_changed)
        title = self.tr("Reverting the import of {file}").format(file=self._file(item))
        pane.dialog = OpProgressDialog(op, title, pane)
        pane.run_op(
            op,
            lambda outcome: pane.summary.setText(
                self.tr("Import {id} reverted: {removed}, {restored} restored.").format(
                    id=import_id,
                    removed=counted(
                        outcome.removed,
                        self.tr("{n} record removed"),
                        self.tr("{n} records removed"),
                    ),
                    restored=outcome.restored,
                )
            ),
        )
        # cancelled half-way, the import stays listed as not reverted: Revert again finishes it
        op.cancelled.connect(
            lambda _m: pane.summary.setText(
                self.tr(
                    "Revert cancelled between two requests: part of the import may be reverted "
                    "already. Revert it again to finish (nothing is removed twice)."
                )
            )
        )
        op.finished.connect(self.load)
