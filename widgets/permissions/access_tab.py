"""The Permissions pane's "What can this user do?" tab: a user and an entity, and every action
and field with the access the user has and why (``studio.access.effective``, the same answer as
``studio access --user``)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from studio.access.effective import effective_access
from studio.bundle.model import Bundle
from widgets.choices import refill_choices
from widgets.entities.document import DesignerDocument


class AccessTab(QWidget):
    """``words``: each access level as the admin reads it; ``action_names()``: each action."""

    def __init__(
        self,
        doc: DesignerDocument,
        words: dict[str, str],
        action_names: Callable[[], dict[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.doc = doc
        self.words = words
        self.action_names = action_names
        self.who_box = QComboBox(self)
        self.who_box.setObjectName("access_user")
        self.who_entity = QComboBox(self)
        self.who_box.currentIndexChanged.connect(lambda _i: self.show_access())
        self.who_entity.currentIndexChanged.connect(lambda _i: self.show_access())
        self.access_table = QTableWidget(0, 3, self)
        self.access_table.setObjectName("effective_access")
        self.access_table.setHorizontalHeaderLabels(
            [self.tr("Action or field"), self.tr("Access"), self.tr("Why")]
        )
        self.access_table.horizontalHeader().setStretchLastSection(True)
        self.access_table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        who_row = QHBoxLayout()
        who_row.addWidget(QLabel(self.tr("User:"), self))
        who_row.addWidget(self.who_box)
        who_row.addWidget(QLabel(self.tr("Entity:"), self))
        who_row.addWidget(self.who_entity)
        who_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(who_row)
        layout.addWidget(self.access_table, 1)

    def refresh(self, bundle: Bundle) -> None:
        """The users of ``bundle`` in the user box (the selection kept), and the answer again.
        The entity box is filled by the pane, with the matrix's own."""
        refill_choices(
            self.who_box, [(u.user, f"{u.display_name} ({u.user})") for u in bundle.users]
        )
        self.show_access()

    def show_access(self) -> None:
        user, entity = self.who_box.currentData(), self.who_entity.currentData()
        self.access_table.setRowCount(0)
        if not user or not entity:
            return
        try:
            seen = effective_access(self.doc.bundle, entity, user=user)
        except KeyError:
            return
        rows: list[tuple[str, str, str]] = []
        scopes = {"own": self.tr("own"), "team": self.tr("team"), "all": self.tr("all")}
        for a in seen.actions:
            names = self.action_names()
            rows.append(
                (names.get(a.action, a.action), scopes.get(a.scope or "", "—"), str(a.reason))
            )
        for f in seen.fields:
            rows.append((f.field, self.words[f.access], str(f.reason)))
        self.access_table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.access_table.setItem(r, c, QTableWidgetItem(value))
