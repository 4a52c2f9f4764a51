"""The impact replay as a reviewer reads it: the headline first (the share now falling to the
default or to no owner), then per outcome the counts before -> after, then a sample of the records
that change outcome (double-click one to open it: every field the rules read, before and after).
Shown by the automation pane's replay tab."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from studio.automation.report import headline, outcome_label, replay_lines
from widgets.table_base import Index, ListTableModel

LEVEL_COLOURS = {"block": "#f4b6b6", "warn": "#fbe7a1", "ok": "#c8ebc8"}


class OutcomesModel(ListTableModel):
    """Rows: (entity, outcome, before, after), largest change first."""

    @property
    def rows(self) -> list[tuple[str, str, int, int]]:
        return self._rows

    def set_document(self, document: dict[str, Any] | None) -> None:
        rows = [
            (entity, outcome, before, after)
            for entity, e in sorted(((document or {}).get("entities") or {}).items())
            for outcome, (before, after) in e["by_outcome"].items()
        ]
        rows.sort(key=lambda r: -abs(r[3] - r[2]))
        self.set_rows(rows)

    def header_texts(self) -> tuple[str, ...]:
        return (
            self.tr("Entity"),
            self.tr("Outcome"),
            self.tr("Before"),
            self.tr("After"),
            self.tr("Change"),
        )

    def cell(self, item: tuple[str, str, int, int], column: int) -> Any:
        entity, outcome, before, after = item
        return (entity, outcome_label(outcome), before, after, f"{after - before:+d}")[column]

    def tooltip(self, item: tuple[str, str, int, int], column: int) -> str:
        return str(self.cell(item, column))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        _entity, outcome, before, after = self._rows[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if (
            role == Qt.ItemDataRole.BackgroundRole
            and index.column() == 4
            and after > before
            and (outcome == "none" or outcome.startswith("queue:"))
        ):
            return QColor("#f4b6b6")
        return super().data(index, role)


class SamplesModel(ListTableModel):
    """Rows: a sample of the records that change outcome (entity, id, before, after, values)."""

    @property
    def rows(self) -> list[tuple[str, dict[str, Any]]]:
        return self._rows

    def set_document(self, document: dict[str, Any] | None) -> None:
        self.set_rows(
            [
                (entity, sample)
                for entity, e in sorted(((document or {}).get("entities") or {}).items())
                for sample in e.get("samples") or ()
            ]
        )

    def header_texts(self) -> tuple[str, ...]:
        return (
            self.tr("Entity"),
            self.tr("Record"),
            self.tr("Before"),
            self.tr("After"),
            self.tr("Values the rules read"),
        )

    def cell(self, item: tuple[str, dict[str, Any]], column: int) -> Any:
        entity, sample = item
        record = sample.get("record") or {}
        shown = ", ".join(f"{k}={'' if v is None else v}" for k, v in record.items())
        ident = sample.get("id")
        return (
            entity,
            str(ident if ident is not None else f"#{sample.get('index', 0) + 1}"),
            outcome_label(str(sample.get("before", ""))),
            outcome_label(str(sample.get("after", ""))),
            shown,
        )[column]

    def tooltip(self, item: tuple[str, dict[str, Any]], column: int) -> str:
        return str(self.cell(item, column))


class SampleDialog(QDialog):
    """One record that changes outcome: its outcome before and after, and its values."""

    def __init__(self, entity: str, sample: dict[str, Any], parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("replay_sample")
        ident = sample.get("id")
        self.setWindowTitle(
            self.tr("%1 record %2").replace("%1", entity).replace("%2", str(ident or "-"))
        )
        form = QFormLayout(self)
        before, after = (outcome_label(str(sample.get(k, ""))) for k in ("before", "after"))
        form.addRow(self.tr("Before"), QLabel(before, self))
        form.addRow(self.tr("After"), QLabel(after, self))
        for key, value in (sample.get("record") or {}).items():
            shown = QLabel("" if value is None else str(value), self)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(key, shown)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class ReplayView(QWidget):
    """``set_document(replay_json)``, ``set_problem(text)`` when the replay could not run."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.headline = QLabel(self)
        self.headline.setObjectName("replay_headline")
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QLabel(self)
        self.details.setObjectName("replay_details")
        self.details.setWordWrap(True)
        self.model = OutcomesModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("replay_outcomes")
        self.table.setModel(self.model)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.samples = SamplesModel(self)
        self.samples_table = QTableView(self)
        self.samples_table.setObjectName("replay_samples")
        self.samples_table.setModel(self.samples)
        self.samples_table.setToolTip(self.tr("Double-click a record to open it"))
        self.samples_table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.samples_table.horizontalHeader().setStretchLastSection(True)
        self.samples_table.verticalHeader().setVisible(False)
        self.samples_table.doubleClicked.connect(lambda index: self.open_sample(index.row()))
        self.sample_dialog: SampleDialog | None = None
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.table)
        box = QWidget(split)
        inner = QVBoxLayout(box)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(QLabel(self.tr("Records that change outcome (a sample):"), box))
        inner.addWidget(self.samples_table, 1)
        split.addWidget(box)
        layout.addWidget(self.headline)
        layout.addWidget(self.details)
        layout.addWidget(split, 1)
        self.set_document(None)

    def open_sample(self, row: int) -> SampleDialog | None:
        """Open the sample record in ``row`` (non-modal; the last one opened is kept)."""
        if not 0 <= row < len(self.samples.rows):
            return None
        entity, sample = self.samples.rows[row]
        self.sample_dialog = SampleDialog(entity, sample, self)
        self.sample_dialog.show()
        return self.sample_dialog

    def set_document(self, document: dict[str, Any] | None) -> None:
        self.document = document
        self.model.set_document(document)
        self.samples.set_document(document)
        if document is None:
            self.headline.setText(self.tr("No replay yet."))
            self.headline.setStyleSheet("")
            self.details.setText("")
            return
        level = str(document.get("level", "ok"))
        self.headline.setText(headline(document))
        self.headline.setStyleSheet(
            f"background: {LEVEL_COLOURS.get(level, '')}; padding: 6px; font-weight: bold;"
        )
        self.details.setText("\n".join(replay_lines(document)[1:]))

    def set_problem(self, text: str) -> None:
        self.document = None
        self.model.set_document(None)
        self.samples.set_document(None)
        self.headline.setText(text)
        self.headline.setStyleSheet(f"background: {LEVEL_COLOURS['warn']}; padding: 6px;")
        self.details.setText("")
