"""The findings of the draft (``studio.lint.run_all``), each with its one-click fix."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio.lint.findings import Finding, Severity
from studio.lint.fixes import needs_value
from widgets.sentences import counted
from widgets.table_base import Index, ListTableModel, severity_icons

# Fixes that need a value a person has to choose (a text field's sensible default...).


class FindingsModel(ListTableModel):
    """Rows: ``Finding``s; the severity carries its icon. The tooltip of a finding is its whole
    message (the rule's code comes last, for reports); the Fix column's says what the fix does."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._icons = severity_icons()

    @property
    def findings(self) -> list[Finding]:
        return self._rows

    def set_findings(self, findings: list[Finding]) -> None:
        if findings == self._rows:
            return
        self.set_rows(findings)

    def header_texts(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("Findings", "Severity"),
            QCoreApplication.translate("Findings", "Where"),
            QCoreApplication.translate("Findings", "Finding"),
            QCoreApplication.translate("Findings", "Fix"),
        )

    def cell(self, item: Finding, column: int) -> str:
        if column == 0:
            return {
                Severity.error: QCoreApplication.translate("Findings", "Error"),
                Severity.warning: QCoreApplication.translate("Findings", "Warning"),
                Severity.info: QCoreApplication.translate("Findings", "Info"),
            }[item.severity]
        if column == 1:
            return ".".join(p for p in (item.entity, item.field) if p) or (item.role or "")
        if column == 2:
            return item.message
        return item.fix.label if item.fix else ""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.ToolTipRole:
            f = self._rows[index.row()]
            if index.column() == 3:
                if f.fix is None:
                    return QCoreApplication.translate("Findings", "No automatic fix: edit by hand.")
                return QCoreApplication.translate(
                    "Findings", "Fix applies: %1. It is one edit, which Undo takes back."
                ).replace("%1", f.fix.label)
            return f"{f.message}\n({f.code})"
        if index.isValid() and role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return self._icons[self._rows[index.row()].severity]
        return super().data(index, role)


class FindingsPanel(QWidget):
    """A table of findings; Fix applies the selected one's fix, double-click goes to its field."""

    # (entity, field) to show
    go_to = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findings_panel")
        self.model = FindingsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("findings_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)  # one line a finding; the tooltip has the whole message
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 90)
        header.resizeSection(1, 170)
        header.resizeSection(2, 520)
        header.setStretchLastSection(True)
        self.summary = QLabel(self)
        self.fix_button = QPushButton(self.tr("Fi&x"), self)
        self.fix_button.setObjectName("fix_button")
        self.fix_button.setToolTip(self.tr("Apply the selected finding's fix (undoable)"))
        self.fix_button.clicked.connect(self.fix_current)
        self.fix_button.setEnabled(False)
        # Every fix that needs no value, as one edit (one Undo takes all of them back).
        self.fix_all_button = QPushButton(self.tr("Fix &all"), self)
        self.fix_all_button.setObjectName("fix_all_button")
        self.fix_all_button.setToolTip(
            self.tr("Apply every fix that needs no value you choose, as one undoable edit")
        )
        self.fix_all_button.clicked.connect(self.fix_all)
        self.fix_all_button.setEnabled(False)
        # () -> error message or None; set by the pane
        self.on_fix_all: Callable[[], str | None] | None = None
        # (finding, value or None) -> error message or None; set by the pane
        self.on_fix: Callable[[Finding, Any], str | None] | None = None
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.fix_all_button)
        top.addWidget(self.fix_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().currentRowChanged.connect(self._update_button)
        self.table.doubleClicked.connect(self._go)
        self.model.modelReset.connect(self._update_button)
        self.set_findings([])

    def set_findings(self, findings: list[Finding]) -> None:
        self.model.set_findings(findings)
        errors = sum(f.severity == Severity.error for f in findings)
        warnings = sum(f.severity == Severity.warning for f in findings)
        if not findings:
            self.summary.setText(self.tr("No findings: the draft passes every check."))
        else:
            self.summary.setText(
                self.tr("{errors}, {warnings}; errors block submitting the change.").format(
                    errors=counted(errors, self.tr("{n} error"), self.tr("{n} errors")),
                    warnings=counted(warnings, self.tr("{n} warning"), self.tr("{n} warnings")),
                )
            )

    def current(self) -> Finding | None:
        row = self.table.currentIndex().row()
        return self.model.findings[row] if 0 <= row < len(self.model.findings) else None

    def _update_button(self, *_args: object) -> None:
        f = self.current()
        self.fix_button.setEnabled(bool(f and f.fix))
        self.fix_all_button.setEnabled(
            any(f.fix is not None and not needs_value(f.fix) for f in self.model.findings)
        )

    def fix_all(self) -> None:
        if self.on_fix_all is not None:
            problem = self.on_fix_all()
            if problem:
                self.summary.setText(problem)

    def _go(self, index: QModelIndex) -> None:
        f = self.model.findings[index.row()]
        if f.entity:
            self.go_to.emit(f.entity, f.field or "")

    def fix_current(self) -> None:
        f = self.current()
        if f is None or f.fix is None or self.on_fix is None:
            return
        value = None
        if needs_value(f.fix):
            text, ok = QInputDialog.getText(
                self, self.tr("Fix"), f.fix.label + "\n" + self.tr("Value:")
            )
            if not ok:
                return
            value = text
        problem = self.on_fix(f, value)
        if problem:
            self.summary.setText(problem)
