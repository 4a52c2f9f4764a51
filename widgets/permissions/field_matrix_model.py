"""The field permission matrix of one entity: fields (rows) x roles (columns).

A cell shows the role's *effective* access to the field (``studio.access.effective``): the
explicit cell of the field matrix in upright type, or, without one, what follows from the role's
permission on the entity (and a sensitive field's readers) in italics. Each access level has its
colour. Edits go through the studio's one draft document as operations (``SetCells``): one undo
step per edit, however many cells, and one save of only the changed cells.

Built for 100 roles x 2,000 fields: nothing is computed per cell up front. A column's levels are
computed when first painted (a dictionary per role, kept until the bundle changes), and the
explicit cells come from an index of the matrix kept beside its tuple.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from studio.access.cell_ops import Cell, SetCells
from studio.access.effective import (
    effective_access,
    explicit_lookup,
    role_field_access,
    role_field_lookup,
)
from studio.bundle.model import Bundle
from studio.draft.operations import Operation

Index = QModelIndex | QPersistentModelIndex

LEVELS = ("hidden", "masked", "read", "edit")
#: One colour per access level: grey hidden, amber masked, blue read, green edit.
COLOURS = {
    "hidden": QColor("#e0e0e0"),
    "masked": QColor("#ffe0a3"),
    "read": QColor("#cfe3ff"),
    "edit": QColor("#c8ecc9"),
}
FINDING_COLOUR = QColor("#b3261e")
# Made once: a paint asks every visible cell for its brush and font.
_BRUSHES = {level: QBrush(colour) for level, colour in COLOURS.items()}
_FINDING = QBrush(FINDING_COLOUR)
_ITALIC = QFont()
_ITALIC.setItalic(True)
_CENTRE = Qt.AlignmentFlag.AlignCenter
#: What the model gives for ``Qt.UserRole``: the level's key (tests and the delegate use it).
LevelRole = Qt.ItemDataRole.UserRole
#: Whether the cell is explicit in the field matrix (else it follows the entity permission).
ExplicitRole = Qt.ItemDataRole.UserRole + 1
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_EDITABLE = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable
_SHOWN = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ToolTipRole,
        LevelRole,
        ExplicitRole,
    }
)


def _same(a: tuple[object, object, str], b: tuple[object, object, str] | None) -> bool:
    return b is not None and a[0] is b[0] and a[1] is b[1] and a[2] == b[2]


class FieldMatrixModel(QAbstractTableModel):
    def __init__(self, words: Callable[[str], str], parent: Any = None) -> None:
        super().__init__(parent)
        #: the access level's name in the UI language (``tr`` of the pane)
        self._words = words
        self._bundle = Bundle()
        self._live: Bundle | None = None
        self._entity = ""
        self._fields: list[tuple[str, str, bool]] = []  # key, label, sensitive
        #: the rows shown (positions in ``_fields``): filtering is the model's own, so that a
        #: paint does not go through a proxy for each of its thousands of calls
        self._rows: list[int] = []
        self.sensitive_only = False
        self.changed_only = False
        self.text = ""
        self._roles: list[tuple[str, str]] = []  # key, label
        #: what the rows and columns were made from (compared by identity)
        self._shape: tuple[object, object, str] | None = None
        self._levels: dict[str, dict[str, str]] = {}
        #: role -> field key -> level, asked only for the cells painted
        self._lookups: dict[str, Callable[[str], str]] = {}
        self._explicit: dict[str, Callable[[str], str | None]] = {}
        self._live_levels: dict[str, dict[str, str]] = {}
        #: (role, field) -> message of a finding about that cell
        self.findings: dict[tuple[str, str], str] = {}
        self._apply: Callable[[Operation], object] | None = None

    # -- source ---------------------------------------------------------------------------------
    def set_editor(self, apply: Callable[[Operation], object]) -> None:
        """Where edits go: the draft document's ``apply_op``."""
        self._apply = apply

    def set_source(self, bundle: Bundle, entity: str, lang: str, live: Bundle | None) -> None:
        """Show ``entity`` of ``bundle``; keeps the shape (and so the selection) when only cells
        changed."""
        ent = bundle.entity(entity)
        shape = (ent.fields if ent else None, bundle.roles, lang)
        if entity == self._entity and _same(shape, self._shape):
            # An edit of cells: the rows and columns are the very ones shown (no rebuild).
            fields, roles = self._fields, self._roles
        else:
            fields = [(f.key, f.label.text(lang), f.sensitive) for f in ent.fields] if ent else []
            roles = [(r.key, r.label.text(lang)) for r in bundle.roles]
        self._shape = shape
        same_shape = entity == self._entity and fields == self._fields and roles == self._roles
        if not same_shape or self.changed_only:
            self.beginResetModel()
        self._bundle, self._live, self._entity = bundle, live, entity
        self._fields, self._roles = fields, roles
        self._levels.clear()
        self._lookups.clear()
        self._explicit.clear()
        self._live_levels.clear()
        if same_shape and not self.changed_only:
            if self._rows and self._roles:
                self.dataChanged.emit(
                    self.index(0, 0), self.index(len(self._rows) - 1, len(self._roles) - 1)
                )
        else:
            self._rows = self._shown()
            self.endResetModel()

    def set_filter(self, *, sensitive_only: bool, changed_only: bool, text: str) -> None:
        """Rows shown: all, sensitive fields only, changed since live, matching a search."""
        self.beginResetModel()
        self.sensitive_only, self.changed_only = sensitive_only, changed_only
        self.text = text.casefold()
        self._rows = self._shown()
        self.endResetModel()

    def _shown(self) -> list[int]:
        out = []
        for n, (key, label, sensitive) in enumerate(self._fields):
            if self.sensitive_only and not sensitive:
                continue
            if self.text and self.text not in key.casefold() and self.text not in label.casefold():
                continue
            if self.changed_only and not self._changed(n):
                continue
            out.append(n)
        return out

    def set_findings(self, findings: dict[tuple[str, str], str]) -> None:
        self.findings = findings
        if self._rows and self._roles:
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(self._rows) - 1, len(self._roles) - 1)
            )

    @property
    def entity(self) -> str:
        return self._entity

    def role_key(self, column: int) -> str:
        return self._roles[column][0]

    def field_key(self, row: int) -> str:
        return self._fields[self._rows[row]][0]

    def is_sensitive(self, row: int) -> bool:
        return self._fields[self._rows[row]][2]

    def level(self, row: int, column: int) -> str:
        role = self._roles[column][0]
        lookup = self._lookups.get(role)
        if lookup is None:
            lookup = self._lookups[role] = role_field_lookup(self._bundle, role, self._entity)
        return lookup(self._fields[self._rows[row]][0])

    def explicit(self, row: int, column: int) -> str | None:
        role = self._roles[column][0]
        lookup = self._explicit.get(role)
        if lookup is None:
            lookup = self._explicit[role] = explicit_lookup(self._bundle, role, self._entity)
        return lookup(self._fields[self._rows[row]][0])

    def _level_of(
        self, bundle: Bundle, cache: dict[str, dict[str, str]], role: str
    ) -> dict[str, str]:
        levels = cache.get(role)
        if levels is None:
            levels = cache[role] = role_field_access(bundle, role, self._entity)
        return levels

    def _changed(self, n: int) -> bool:
        """Whether any role's access to field ``n`` differs from the live version."""
        if self._live is None:
            return True
        key = self._fields[n][0]
        for role, _label in self._roles:
            live = self._level_of(self._live, self._live_levels, role)
            if live.get(key) != self._level_of(self._bundle, self._levels, role)[key]:
                return True
        return False

    # -- Qt ---------------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._roles)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            if role == Qt.ItemDataRole.DisplayRole:
                return self._roles[section][1]
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._roles[section][0]
            return None
        key, label, sensitive = self._fields[self._rows[section]]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"● {label}" if sensitive else label
        if role == Qt.ItemDataRole.ToolTipRole:
            return key
        if role == Qt.ItemDataRole.ForegroundRole and sensitive:
            return _FINDING
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A paint asks each visible cell for many roles: the ones not shown return first, and
        # roles compare as plain ints (an enum member's lookup costs more than the answer).
        if role not in _SHOWN:
            return None
        row, column = index.row(), index.column()
        if role == _DISPLAY:
            return self._words(self.level(row, column))
        if role == _BACKGROUND:
            return _BRUSHES[self.level(row, column)]
        if role == _ALIGNMENT:
            return _CENTRE
        if role == _FONT:
            return _ITALIC if self.explicit(row, column) is None else None
        if role == _FOREGROUND:
            if self.findings and (self._roles[column][0], self.field_key(row)) in self.findings:
                return _FINDING
            return None
        if role in (LevelRole, Qt.ItemDataRole.EditRole):
            return self.level(row, column)
        if role == ExplicitRole:
            return self.explicit(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            found = self.findings.get((self._roles[column][0], self.field_key(row)))
            why = str(
                effective_access(self._bundle, self._entity, role=self._roles[column][0])
                .field(self.field_key(row))
                .reason
            )
            return f"{found}\n{why}" if found else why
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        return _EDITABLE if index.isValid() else Qt.ItemFlag.NoItemFlags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        return self.set_cells([(index.row(), index.column())], value or None)

    # -- edits --------------------------------------------------------------------------------
    def set_cells(
        self, where: list[tuple[int, int]], access: str | None, name: str = "set field permissions"
    ) -> bool:
        """Set the cells at ``(row, column)`` to ``access`` (``None``: follow the entity
        permission) as one edit of the draft; whether it was made."""
        if self._apply is None or not where:
            return False
        cells: tuple[Cell, ...] = tuple(
            (self._roles[c][0], self._entity, self.field_key(r), access) for r, c in where
        )
        return self._apply(SetCells(cells, name)) is None
