"""The impact replay as a reviewer reads it: the headline first (the share now falling to the
default or to no owner), then per outcome the counts before -> after, then records that change
outcome. Shown by the automation pane's preview and at the top of the change review."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from studio.automation.report import headline, replay_lines

Index = QModelIndex | QPersistentModelIndex
LEVEL_COLOURS = {"block": "#f4b6b6", "warn": "#fbe7a1", "ok": "#c8ebc8"}


class OutcomesModel(QAbstractTableModel):
    """Rows: (entity, outcome, before, after), largest change first."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[tuple[str, str, int, int]] = []

    def set_document(self, document: dict[str, Any] | None) -> None:
        self.beginResetModel()
        self.rows = []
        for entity, e in sorted(((document or {}).get("entities") or {}).items()):
            for outcome, (before, after) in e["by_outcome"].items():
                self.rows.append((entity, outcome, before, after))
        self.rows.sort(key=lambda r: -abs(r[3] - r[2]))
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 5

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                self.tr("Entity"),
                self.tr("Outcome"),
                self.tr("Before"),
                self.tr("After"),
                self.tr("Change"),
            )[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entity, outcome, before, after = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            delta = after - before
            return (entity, outcome, before, after, f"{delta:+d}")[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 2:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if (
            role == Qt.ItemDataRole.BackgroundRole
            and index.column() == 4
            and after > before
            and (outcome == "none" or outcome.startswith("queue:"))
        ):
            return QColor("#f4b6b6")
        return None


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
        layout.addWidget(self.headline)
        layout.addWidget(self.details)
        layout.addWidget(self.table, 1)
        self.set_document(None)

    def set_document(self, document: dict[str, Any] | None) -> None:
        self.document = document
        self.model.set_document(document)
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
        self.headline.setText(text)
        self.headline.setStyleSheet(f"background: {LEVEL_COLOURS['warn']}; padding: 6px;")
        self.details.setText("")
