"""The permission matrices to Excel and back (issue 14), for the Permissions pane.

Export writes both matrices for the workspace (``studio.access.matrix_import``). Import reads the
edited workbook off the UI thread and shows, before the draft changes, either every cell that
differs (sheet, cell, role, field or action, old -> new) with "Apply all" — one step of the
draft, undone in one — or every problem with its sheet and cell, with nothing to apply and a
button that saves the list as a workbook.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from importers.matrix_sheets import MatrixImport, level_text, scope_text
from studio.bundle.model import Bundle
from studio.i18n import language
from widgets.context import StudioContext
from widgets.entities.document import DesignerDocument
from widgets.ops import Op
from widgets.sentences import counted

_RED = "color: #b3261e;"


class MatrixImportDialog(QDialog):
    """What an imported workbook would change, or why it cannot; accepted = apply all."""

    def __init__(self, found: MatrixImport, source: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.found = found
        self.setObjectName("matrix_import_dialog")
        self.setWindowTitle(self.tr("Import permission matrices: %1").replace("%1", source.name))
        self.resize(860, 520)
        lang = language()
        self.summary = QLabel(self)
        self.summary.setObjectName("matrix_import_summary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 0, self)
        self.table.setObjectName("matrix_import_table")
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        buttons = QDialogButtonBox(self)
        self.apply_button: QPushButton | None = None
        self.save_problems_button: QPushButton | None = None
        if found.problems:
            self.summary.setText(
                counted(
                    len(found.problems),
                    self.tr(
                        "{n} problem in the workbook: nothing is applied. Correct the cell below "
                        "and import again."
                    ),
                    self.tr(
                        "{n} problems in the workbook: nothing is applied. Correct the cells below "
                        "and import again."
                    ),
                )
            )
            self.summary.setStyleSheet(_RED)
            rows = [(p.sheet, p.cell, p.message.render(lang)) for p in found.problems]
            self._fill([self.tr("Sheet"), self.tr("Cell"), self.tr("Problem")], rows)
            self.save_problems_button = buttons.addButton(
                self.tr("Save the list as a workbook…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.save_problems_button.clicked.connect(self._save_problems)
            buttons.addButton(QDialogButtonBox.StandardButton.Close)
        else:
            self.summary.setText(
                counted(
                    len(found.edits) + len(found.fields),
                    self.tr("{n} cell differs from the draft. Apply it?"),
                    self.tr("{n} cells differ from the draft. Apply all of them as one edit?"),
                )
                if found.edits or found.fields
                else self.tr(
                    "The workbook holds the draft's matrices as they are: nothing to apply."
                )
            )
            rows = []
            for e in found.edits:
                if e.field is not None:
                    before, after = level_text(e.before, lang), level_text(e.after, lang)
                    what = e.field
                else:
                    before, after = scope_text(e.before, lang), scope_text(e.after, lang)
                    what = f"{e.entity}: {e.action}"
                follow = self.tr("(follows)") if e.field is not None else self.tr("(not allowed)")
                rows.append((e.sheet, e.cell, e.role, what, before or follow, after or follow))
            for f in found.fields:  # the fields sheet: a property of a field, for every role
                rows.append(
                    (
                        f.sheet,
                        f.cell,
                        "",
                        f"{f.entity}.{f.field}: {f.prop}",
                        str(f.before),
                        str(f.after),
                    )
                )
            self._fill(
                [
                    self.tr("Sheet"),
                    self.tr("Cell"),
                    self.tr("Role"),
                    self.tr("Field or action"),
                    self.tr("Before"),
                    self.tr("After"),
                ],
                rows,
            )
            if found.edits or found.fields:
                self.apply_button = buttons.addButton(
                    self.tr("&Apply all"), QDialogButtonBox.ButtonRole.AcceptRole
                )
            buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)

    def _fill(self, header: list[str], rows: list[tuple[str, ...]]) -> None:
        self.table.setColumnCount(len(header))
        self.table.setHorizontalHeaderLabels(header)
        self.table.setRowCount(len(rows))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                item = QTableWidgetItem(value)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.table.setItem(r, c, item)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)

    def _save_problems(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getSaveFileName(
            self, self.tr("Save the problems"), "matrix-problems.xlsx", "Excel (*.xlsx)"
        )
        if path:
            self.save_problems(Path(path))

    def save_problems(self, path: Path) -> Path:
        from importers.matrix_write import write_problems

        return write_problems(self.found.problems, path, language())


class MatrixExcel(QObject):
    """Export and import of the matrices for the Permissions pane; ``say`` shows a sentence
    (an error, or why nothing was applied) under the matrix."""

    def __init__(
        self,
        ctx: StudioContext,
        doc: DesignerDocument,
        say: Callable[[str], None],
        parent: QWidget,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.doc, self.say, self.parent_widget = ctx, doc, say, parent
        #: the last import's dialog (tests drive it)
        self.dialog: MatrixImportDialog | None = None

    def export_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getSaveFileName(
            self.parent_widget,
            self.tr("Export the permission matrices"),
            "permissions.xlsx",
            "Excel (*.xlsx)",
        )
        if path:
            self.export(path)

    def export(self, path: str) -> Op:
        """Write both matrices of the draft to ``path``, off the UI thread."""
        from studio.access.matrix_import import export_matrices

        ws, bundle, lang = self.ctx.workspace, self.doc.bundle, language()

        def work() -> Path:
            with ws.session() as s:
                return export_matrices(s, bundle, Path(path), lang)

        op = Op(work, self)
        op.failed.connect(self.say)
        op.finished.connect(op.deleteLater)
        return op.start()

    def import_dialog(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        path, _filter = QFileDialog.getOpenFileName(
            self.parent_widget, self.tr("Import permission matrices"), "", "Excel (*.xlsx)"
        )
        if path:
            self.import_(path)

    def import_(self, path: str) -> Op:
        """Read an edited workbook off the UI thread, then show what it would change (or why it
        cannot) before anything is applied."""
        from studio.access.matrix_import import read_workbook

        ws, bundle = self.ctx.workspace, self.doc.bundle

        def work() -> MatrixImport:
            with ws.session() as s:
                return read_workbook(s, bundle, Path(path))

        op = Op(work, self)
        op.succeeded.connect(lambda found: self._show(found, bundle, Path(path)))
        op.failed.connect(self.say)
        op.finished.connect(op.deleteLater)
        return op.start()

    def _show(self, found: MatrixImport, read_against: Bundle, source: Path) -> None:
        from studio.access.matrix_import import import_operation

        dialog = MatrixImportDialog(found, source, self.parent_widget)
        self.dialog = dialog

        def accepted() -> None:
            if self.doc.bundle is not read_against:
                # Edited meanwhile: the cells were compared with a draft that is gone.
                self.say(self.tr("The draft changed while the workbook was read: import it again."))
                return
            self.doc.apply_op(import_operation(found))

        dialog.accepted.connect(accepted)
        dialog.open()
