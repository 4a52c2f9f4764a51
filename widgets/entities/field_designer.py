"""The fields of one entity: an editable table, buttons to add and reorder, a property editor."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from studio.bundle.model import FieldType
from studio.draft import edits as de
from studio.errors import StudioError
from studio.i18n.bundle import type_name
from widgets.entities.dialogs import EditDialog
from widgets.entities.document import DesignerDocument
from widgets.entities.field_table_model import FieldTableModel
from widgets.entities.property_editor import PropertyEditor
from widgets.frozen_table import FrozenColumnTableView
from widgets.settings import settings

#: Setting: the field table's columns the admin hid (by property name).
_HIDDEN_COLUMNS_KEY = "designer/hidden_field_columns"


class FieldDesigner(QWidget):
    def __init__(self, doc: DesignerDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.entity: str | None = None
        self.model = FieldTableModel(self)
        #: the field whose edit this designer is applying (its refusal is shown here)
        self._editing: str | None = None
        #: the keys of the fields the pane's search shows (``None``: no search, all fields)
        self._shown: set[str] | None = None
        self._rows_hidden = False
        self.model.on_edit = self._cell_edit
        self.model.on_move = self._move_to
        # The key column stays in view when the other columns scroll sideways.
        self.table = FrozenColumnTableView(self)
        self.table.setObjectName("field_table")
        self.table.setModel(self.model)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.table.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.table.setDragDropOverwriteMode(False)
        self.table.setDropIndicatorShown(True)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        # Fixed widths, not ResizeToContents: measuring 2,000 rows would freeze the UI.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for col, width in enumerate((130, 120, 140, 150, 70, 90, 60, 80, 70, 80, 140, 140)):
            header.resizeSection(col, width)
        header.setStretchLastSection(True)

        self.add_button = QPushButton(self.tr("Add fie&ld…"), self)
        self.add_button.setObjectName("add_field")
        self.add_button.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.add_button.setToolTip(self.tr("Add a field to this entity (Ctrl+Shift+N)"))
        self.add_button.clicked.connect(self.add_field_dialog)
        self.up_button = QPushButton(self.tr("Move &up"), self)
        self.up_button.setToolTip(self.tr("Move the field up (Alt+Up)"))
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button = QPushButton(self.tr("Move do&wn"), self)
        self.down_button.setToolTip(self.tr("Move the field down (Alt+Down)"))
        self.down_button.clicked.connect(lambda: self.move_current(1))
        self.deprecate_button = QPushButton(self.tr("De&precate"), self)
        self.deprecate_button.clicked.connect(lambda: self._toggle_current("deprecated"))
        self.hide_button = QPushButton(self.tr("Hi&de"), self)
        self.hide_button.clicked.connect(lambda: self._toggle_current("hidden"))
        QShortcut(QKeySequence("Alt+Up"), self, lambda: self.move_current(-1))
        QShortcut(QKeySequence("Alt+Down"), self, lambda: self.move_current(1))
        buttons = QHBoxLayout()
        for b in (
            self.add_button,
            self.up_button,
            self.down_button,
            self.deprecate_button,
            self.hide_button,
        ):
            buttons.addWidget(b)
        buttons.addStretch(1)
        # The admin chooses the columns (14 properties do not fit beside the editor); the key
        # column always stays. Also on the header's context menu; kept in the settings.
        self.columns_menu = QMenu(self)
        self.column_actions: dict[str, QAction] = {}
        for col, name in enumerate(self.model.COLUMNS):
            if name == "key":
                continue
            title = self.model.headerData(col, Qt.Orientation.Horizontal)
            act = self.columns_menu.addAction(str(title))
            act.setCheckable(True)
            act.setChecked(True)
            act.toggled.connect(lambda on, c=col: self._show_column(c, on))
            self.column_actions[name] = act
        # a push button with a menu: its arrow has room of its own (a tool button draws it over
        # the text)
        self.columns_button = QPushButton(self.tr("Columns"), self)
        self.columns_button.setObjectName("columns_button")
        self.columns_button.setMenu(self.columns_menu)
        buttons.addWidget(self.columns_button)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(
            lambda pos: self.columns_menu.popup(header.mapToGlobal(pos))
        )
        hidden = settings().value(_HIDDEN_COLUMNS_KEY, []) or []
        for name in [hidden] if isinstance(hidden, str) else hidden:
            if name in self.column_actions:
                self.column_actions[name].setChecked(False)

        self.editor = PropertyEditor(self)
        self.editor.edit_requested.connect(self._editor_edit)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.editor)
        scroll.setMinimumWidth(380)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        left = QWidget(self)
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(buttons)
        ll.addWidget(self.table, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([860, 420])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        doc.refused.connect(self._refused)

    def _show_column(self, column: int, shown: bool) -> None:
        self.table.setColumnHidden(column, not shown)
        hidden = [n for n, act in self.column_actions.items() if not act.isChecked()]
        store = settings()
        store.setValue(_HIDDEN_COLUMNS_KEY, hidden)
        store.sync()

    # -- showing ---------------------------------------------------------------------------------
    def show_entity(self, key: str | None) -> None:
        """Show ``key``'s fields (after a switch of entity or an edit of the bundle)."""
        current = self.current_field()
        switched = key != self.entity
        self.entity = key
        entity = self.doc.bundle.entity(key) if key else None
        self.model.set_entity(entity)
        for b in (self.add_button, self.up_button, self.down_button):
            b.setEnabled(entity is not None)
        self._hide_rows()
        shown = [f.key for f in entity.fields if self._is_shown(f.key)] if entity else []
        if switched or current is None or current not in shown:
            self.select_field(shown[0] if shown else None)
        else:
            self.select_field(current)

    def set_shown_fields(self, keys: set[str] | None) -> None:
        """Show only the fields ``keys`` (the pane's search), or all with ``None``."""
        self._shown = keys
        self._hide_rows()

    def _is_shown(self, key: str) -> bool:
        return self._shown is None or key in self._shown

    def _hide_rows(self) -> None:
        if self._shown is None and not self._rows_hidden:
            return  # the common case, on every edit: nothing to walk over
        self._rows_hidden = False
        for row in range(self.model.rowCount()):
            fd = self.model.field_at(row)
            hide = fd is not None and not self._is_shown(fd.key)
            self._rows_hidden |= hide
            self.table.setRowHidden(row, hide)

    def select_field(self, key: str | None) -> None:
        row = self.model.row_of(key) if key else -1
        if row >= 0:
            index = self.model.index(row, 0)
            if self.table.currentIndex().row() != row:
                self.table.setCurrentIndex(index)
            self.table.scrollTo(index)
        self._bind(key if row >= 0 else None)

    def current_field(self) -> str | None:
        fd = self.model.field_at(self.table.currentIndex().row())
        return fd.key if fd else None

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        fd = self.model.field_at(current.row())
        self._bind(fd.key if fd else None)

    def _bind(self, key: str | None) -> None:
        entity = self.doc.bundle.entity(self.entity) if self.entity else None
        fd = entity.field(key) if entity and key else None
        released = de.is_released(self.doc.live, self.entity or "", key) if fd else False
        self.editor.bind(self.doc.bundle, fd, released)
        for b in (self.deprecate_button, self.hide_button):
            b.setEnabled(fd is not None)
        if fd is not None:
            self.deprecate_button.setText(
                self.tr("Unde&precate") if fd.deprecated else self.tr("De&precate")
            )
            self.hide_button.setText(self.tr("Unhi&de") if fd.hidden else self.tr("Hi&de"))

    # -- edits -----------------------------------------------------------------------------------
    def edit_field(self, field: str, changes: dict[str, Any]) -> StudioError | None:
        entity = self.entity
        if entity is None:
            return None
        live = self.doc.live
        text = self.tr("Edit %1.%2").replace("%1", entity).replace("%2", field)
        self._editing = field
        try:
            return self.doc.apply(
                text, lambda b: de.update_field(b, entity, field, changes, live=live)
            )
        finally:
            self._editing = None

    def _cell_edit(self, field: str, changes: dict[str, Any]) -> bool:
        return self.edit_field(field, changes) is None

    def _editor_edit(self, field: str, changes: dict[str, Any]) -> None:
        self.edit_field(field, changes)
        new_key = changes.get("key")
        if isinstance(new_key, str) and self.model.row_of(new_key) >= 0:
            self.select_field(new_key)

    def _refused(self, prop: str, message: str) -> None:
        # Only refusals of this designer's own edits of a field: a dialog (New field, New
        # entity) and the form designer show theirs themselves, not under this field's inputs.
        if self._editing is not None and self.isVisible():
            self.editor.show_error(prop, message)

    def _move_to(self, field: str, index: int) -> None:
        entity = self.entity
        if entity is None:
            return
        self.doc.apply(
            self.tr("Move field %1").replace("%1", field),
            lambda b: de.move_field(b, entity, field, index),
        )
        self.select_field(field)

    def move_current(self, step: int) -> None:
        field = self.current_field()
        row = self.table.currentIndex().row()
        if field is not None:
            self._move_to(field, max(0, row + step))

    def _toggle_current(self, flag: str) -> None:
        field = self.current_field()
        entity = self.doc.bundle.entity(self.entity) if self.entity else None
        fd = entity.field(field) if entity and field else None
        if fd is not None:
            self.edit_field(fd.key, {flag: not getattr(fd, flag)})

    def add_field_dialog(self) -> EditDialog | None:
        entity = self.entity
        if entity is None:
            return None
        dialog = EditDialog(self.tr("New field"), self._submit_new_field, self)
        dialog.add_text("key", self.tr("Key"), "customs_code")
        dialog.add_text("label_zh", self.tr("Label (中文)"), "海关编码")
        dialog.add_text("label_en", self.tr("Label (English)"), "Customs code")
        dialog.add_choice(
            "type", self.tr("Type"), [(type_name(t.value), t.value) for t in FieldType]
        )
        targets = [e.key for e in self.doc.bundle.entities] + ["user", "team"]
        dialog.add_choice("reference", self.tr("Refers to (reference fields)"),
                          [("—", None)] + [(t, t) for t in targets])  # fmt: skip
        known = self.doc.bundle.entity(entity)
        dialog.suggest_key({f.key for f in known.fields} if known is not None else set())
        dialog.setObjectName("new_field_dialog")
        dialog.open()
        return dialog

    def _submit_new_field(self, values: dict[str, Any]) -> StudioError | None:
        entity = self.entity
        if entity is None:
            return None
        key = str(values["key"]).strip()
        extra = {"reference": values["reference"]} if values.get("reference") else {}
        problem = self.doc.apply(
            self.tr("Add field %1").replace("%1", key),
            lambda b: de.add_field(
                b, entity, key, values["label_zh"], values["label_en"], values["type"], **extra
            ),
        )
        if problem is None:
            self.select_field(key)
        return problem
