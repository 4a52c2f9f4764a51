"""The property editor of one field: it offers only what the field's type allows.

Options for selects, a pattern and a maximum length for text types, a minimum and maximum for
numbers and money, a target for references, a part for addresses. Each input applies when it is
left (or Enter is pressed). A refused edit is shown at the input that made it, whatever property
the refusal is about (a pattern refused because the backfill value does not match it is the
pattern's error): typed text stays, framed in red and marked "not saved", to be corrected; a check
box, choice or number goes back to the saved value at once. Selecting a field shows what is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio.bundle.model import NUMERIC_TYPES, SELECT_TYPES, Bundle, FieldDef, FieldType
from studio.bundle.values import TEXTUAL_TYPES
from studio.draft.edit_checks import text_of_value, value_from_text
from studio.draft.field_props import ADDRESS_PARTS, FLAGS
from studio.i18n.bundle import type_name
from widgets.entities.options_editor import OptionsEditor


class PropertyEditor(QWidget):
    """Edits the field it is bound to by asking ``edit(field_key, changes)``."""

    # (field key, {property: value}); the designer answers with ``show_error`` on refusal
    edit_requested = Signal(str, dict)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("property_editor")
        self._field: FieldDef | None = None
        self._rows: dict[str, tuple[QWidget, QLabel, QLabel]] = {}
        #: the input (its property) whose edit is being applied: a refusal belongs to it
        self._editing: str | None = None
        #: inputs whose typed text was refused and is not saved
        self._unsaved: set[str] = set()
        self._inputs: dict[str, QWidget] = {}
        self._bundle: Bundle | None = None
        self._released = False
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.heading = QLabel(self)
        self.heading.setStyleSheet("font-weight: 600; padding: 2px 0 6px 0;")
        self.heading.setWordWrap(True)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 0, 6, 0)
        outer.addWidget(self.heading)
        outer.addLayout(self.form)
        outer.addStretch(1)

        self.key_edit = self._line("key", self.tr("Key"))
        self.label_zh_edit = self._line("label_zh", self.tr("Label (中文)"))
        self.label_en_edit = self._line("label_en", self.tr("Label (English)"))
        self.type_combo = QComboBox(self)
        self.type_combo.setObjectName("prop_type")
        for t in FieldType:
            self.type_combo.addItem(type_name(t.value), t.value)
        self.type_combo.activated.connect(
            lambda _i: self._emit({"type": self.type_combo.currentData()})
        )
        self._add_row("type", self.tr("Type"), self.type_combo)
        self._inputs["type"] = self.type_combo
        self.reference_combo = QComboBox(self)
        self.reference_combo.setObjectName("prop_reference")
        self.reference_combo.activated.connect(
            lambda _i: self._emit({"reference": self.reference_combo.currentData()})
        )
        self._add_row("reference", self.tr("Refers to"), self.reference_combo)
        self._inputs["reference"] = self.reference_combo
        self.address_combo = QComboBox(self)
        self.address_combo.setObjectName("prop_address_part")
        self.address_combo.addItem(self.tr("(any part)"), None)
        for part, text in zip(
            ADDRESS_PARTS,
            (
                self.tr("Province"),
                self.tr("City"),
                self.tr("District"),
                self.tr("Street"),
                self.tr("Full address"),
            ),
            strict=True,
        ):
            self.address_combo.addItem(text, part)
        self.address_combo.activated.connect(
            lambda _i: self._emit({"address_part": self.address_combo.currentData()})
        )
        self._add_row("address_part", self.tr("Address part"), self.address_combo)
        self._inputs["address_part"] = self.address_combo

        flags = QWidget(self)
        grid = QGridLayout(flags)
        grid.setContentsMargins(0, 0, 0, 0)
        self.flag_boxes: dict[str, QCheckBox] = {}
        for n, (flag, text) in enumerate(
            zip(
                FLAGS,
                (
                    self.tr("Required"),
                    self.tr("Unique"),
                    self.tr("Searchable"),
                    self.tr("Sensitive"),
                    self.tr("Deprecated"),
                    self.tr("Hidden"),
                ),
                strict=True,
            )
        ):
            box = QCheckBox(text, flags)
            box.setObjectName(f"prop_{flag}")
            box.clicked.connect(lambda checked, f=flag: self._emit({f: checked}))
            self.flag_boxes[flag] = box
            grid.addWidget(box, n // 2, n % 2)
        self._add_row("flags", "", flags)
        for flag in FLAGS:  # errors about a flag show under the row of check boxes
            self._rows[flag] = self._rows["flags"]

        self.default_edit = self._line("default", self.tr("Default"))
        self.default_edit.setPlaceholderText(self.tr("empty = no default"))
        self.backfill_edit = self._line("backfill", self.tr("Backfill for existing records"))
        self.max_length_spin = QSpinBox(self)
        self.max_length_spin.setObjectName("prop_max_length")
        self.max_length_spin.setRange(0, 1_000_000)
        self.max_length_spin.setSpecialValueText(self.tr("no limit"))
        self.max_length_spin.editingFinished.connect(self._max_length_done)
        self._add_row("max_length", self.tr("Max length"), self.max_length_spin)
        self._inputs["max_length"] = self.max_length_spin
        self.regex_edit = self._line("regex", self.tr("Pattern (regex)"))
        # The pattern in words, for the people who type values: shown instead of the regex.
        self.hint_zh_edit = self._line("hint_zh", self.tr("Pattern hint (中文)"))
        self.hint_zh_edit.setPlaceholderText(self.tr("e.g. 18 位数字或大写字母"))
        self.hint_en_edit = self._line("hint_en", self.tr("Pattern hint (English)"))
        self.hint_en_edit.setPlaceholderText(self.tr("e.g. 18 digits or capital letters"))
        for edit in (self.hint_zh_edit, self.hint_en_edit):
            edit.setToolTip(
                self.tr(
                    "What a value of the pattern looks like, in words: the form and the CRM show "
                    "this instead of the pattern when a value does not match."
                )
            )
        self.min_edit = self._line("min", self.tr("Minimum"))
        self.max_edit = self._line("max", self.tr("Maximum"))

        self.options_editor = OptionsEditor(self)
        self.options_editor.applied.connect(lambda rows: self._emit({"options": rows}))
        self._add_row("options", self.tr("Options"), self.options_editor, wide=True)
        self.bind(None, None)

    # -- building --------------------------------------------------------------------------------
    def _add_row(self, prop: str, caption: str, widget: QWidget, wide: bool = False) -> None:
        label = QLabel(caption, self)
        error = QLabel(self)
        error.setObjectName(f"error_{prop}")
        error.setWordWrap(True)
        error.setStyleSheet("color: #b3261e;")
        error.hide()
        box = QWidget(self)
        bl = QVBoxLayout(box)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.setSpacing(2)
        bl.addWidget(widget)
        bl.addWidget(error)
        if wide:  # caption above, the widget across the whole editor
            self.form.addRow(label)
            self.form.addRow(box)
        else:
            self.form.addRow(label, box)
        self._rows[prop] = (box, label, error)

    def _line(self, prop: str, caption: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(f"prop_{prop}")
        edit.editingFinished.connect(lambda: self._line_done(prop, edit))
        self._add_row(prop, caption, edit)
        self._inputs[prop] = edit
        return edit

    # -- binding ---------------------------------------------------------------------------------
    def bind(self, bundle: Bundle | None, field: FieldDef | None, released: bool = False) -> None:
        """Show ``field`` (or nothing), as saved; the reference targets come from ``bundle``."""
        self._field = field
        self._bundle = bundle
        self._released = released
        self.clear_errors()
        self.setEnabled(field is not None)
        if field is None:
            self.heading.setText(self.tr("Select a field to edit its properties."))
            for prop, (box, label, _e) in self._rows.items():
                if prop not in FLAGS:
                    shown = prop not in ("reference", "address_part", "options", "min", "max")
                    box.setVisible(shown)
                    label.setVisible(shown)
            return
        self.heading.setText(
            self.tr("Field %1").replace("%1", field.key)
            + (self.tr(" — live on the server: its key cannot change") if released else "")
        )
        self.key_edit.setText(field.key)
        self.key_edit.setReadOnly(released)
        self.label_zh_edit.setText(field.label.zh_CN)
        self.label_en_edit.setText(field.label.en)
        self.type_combo.setCurrentIndex(self.type_combo.findData(field.type.value))
        self.reference_combo.clear()
        targets = [e.key for e in bundle.entities] if bundle else []
        for target in [*targets, "user", "team"]:
            self.reference_combo.addItem(target, target)
        self.reference_combo.setCurrentIndex(self.reference_combo.findData(field.reference))
        self.address_combo.setCurrentIndex(max(0, self.address_combo.findData(field.address_part)))
        for flag, box in self.flag_boxes.items():
            box.setChecked(bool(getattr(field, flag)))
        self.default_edit.setText(text_of_value(field.default))
        hint = self._value_hint(field)
        self.default_edit.setPlaceholderText(hint)
        self.backfill_edit.setPlaceholderText(hint)
        self.backfill_edit.setText(text_of_value(field.backfill))
        self.max_length_spin.setValue(field.max_length or 0)
        v = field.validation
        self.regex_edit.setText(v.regex or "" if v else "")
        self.hint_zh_edit.setText(v.hint.zh_CN if v and v.hint else "")
        self.hint_en_edit.setText(v.hint.en if v and v.hint else "")
        for edit in (self.hint_zh_edit, self.hint_en_edit):  # a hint explains a pattern
            edit.setEnabled(bool(v and v.regex))
        self.min_edit.setText("" if v is None or v.min is None else f"{v.min:g}")
        self.max_edit.setText("" if v is None or v.max is None else f"{v.max:g}")
        self.options_editor.set_options(field.options)
        allowed = {
            "reference": field.type == FieldType.reference,
            "address_part": field.type == FieldType.address,
            "options": field.type in SELECT_TYPES,
            "regex": field.type in TEXTUAL_TYPES,
            "hint_zh": field.type in TEXTUAL_TYPES,
            "hint_en": field.type in TEXTUAL_TYPES,
            "max_length": field.type in TEXTUAL_TYPES,
            "min": field.type in NUMERIC_TYPES,
            "max": field.type in NUMERIC_TYPES,
        }
        for prop, (box, label, _e) in self._rows.items():
            if prop in FLAGS:
                continue
            shown = allowed.get(prop, True)
            box.setVisible(shown)
            label.setVisible(shown)

    def _value_hint(self, field: FieldDef) -> str:
        """What a default of this type looks like (empty = no default)."""
        t = field.type
        if t in SELECT_TYPES:
            keys = ", ".join(o.key for o in field.options[:6])
            more = ", …" if len(field.options) > 6 else ""
            if t == FieldType.multi_select:
                return self.tr("option keys, comma-separated: %1").replace("%1", keys + more)
            return self.tr("one of: %1").replace("%1", keys + more)
        hints = {
            FieldType.number: self.tr("a number, e.g. 0"),
            FieldType.money: self.tr("an amount, e.g. 0.00"),
            FieldType.date: self.tr("YYYY-MM-DD"),
            FieldType.datetime: self.tr("YYYY-MM-DD HH:MM:SS"),
            FieldType.boolean: self.tr("true or false"),
        }
        return hints.get(t, self.tr("empty = no default"))

    def field_key(self) -> str | None:
        return self._field.key if self._field else None

    # -- errors ----------------------------------------------------------------------------------
    def show_error(self, prop: str, message: str) -> None:
        """Put ``message`` at the input whose edit was refused (else under the input of
        ``prop``, or under the heading), marked as not saved."""
        editing = self._editing
        if editing is not None and editing in self._rows:
            prop = editing
            message = self.tr("Not saved: %1").replace("%1", message)
            self._mark_unsaved(editing)
        row = self._rows.get(prop)
        if row is None or not row[0].isVisible():
            row = self._rows["key"] if prop in ("field", "entity") else None
        if row is None:
            self.heading.setText(message)
            self.heading.setStyleSheet("font-weight: 600; color: #b3261e;")
            return
        row[2].setText(message)
        row[2].show()

    def _show_note(self, prop: str, message: str) -> None:
        error = self._rows[prop][2]
        error.setText(message)
        error.show()

    def _mark_unsaved(self, prop: str) -> None:
        widget = self._inputs.get(prop)
        if isinstance(widget, QLineEdit):
            # What was typed stays, to be corrected, but it must not look saved.
            widget.setStyleSheet("QLineEdit { border: 1px solid #b3261e; }")
            self._unsaved.add(prop)
        elif prop == "options":
            self._unsaved.add(prop)  # the options table keeps its rows until Apply works
        elif self._field is not None:
            # A check box, choice or number cannot look unsaved: it shows the saved value again.
            field, editing = self._field, self._editing
            self._editing = None
            errors = [(r[2].text(), r[2].isVisible()) for r in self._rows.values()]
            self.bind(self._bundle, field, self._released)
            for (text, shown), (_b, _l, label) in zip(errors, self._rows.values(), strict=True):
                label.setText(text)
                label.setVisible(shown)
            self._editing = editing

    def is_unsaved(self, prop: str) -> bool:
        """Whether the input of ``prop`` holds text that was refused (and so is not saved)."""
        return prop in self._unsaved

    def clear_errors(self) -> None:
        for _box, _label, error in self._rows.values():
            error.clear()
            error.hide()
        for prop in self._unsaved:
            if prop in self._inputs:
                self._inputs[prop].setStyleSheet("")
        self._unsaved.clear()
        self.heading.setStyleSheet("font-weight: 600; padding: 2px 0 6px 0;")

    def error_text(self, prop: str) -> str:
        return self._rows[prop][2].text()

    # -- edits -----------------------------------------------------------------------------------
    def _emit(self, changes: dict[str, Any]) -> None:
        if self._field is not None:
            self.clear_errors()
            # The designer answers a refusal with ``show_error`` while this runs.
            self._editing = "flags" if next(iter(changes)) in FLAGS else next(iter(changes))
            try:
                self.edit_requested.emit(self._field.key, changes)
            finally:
                self._editing = None

    def _line_done(self, prop: str, edit: QLineEdit) -> None:
        fd = self._field
        if fd is None:
            return
        current: dict[str, Callable[[FieldDef], str]] = {
            "key": lambda f: f.key,
            "label_zh": lambda f: f.label.zh_CN,
            "label_en": lambda f: f.label.en,
            "default": lambda f: text_of_value(f.default),
            "backfill": lambda f: text_of_value(f.backfill),
            "regex": lambda f: (f.validation.regex or "") if f.validation else "",
            "hint_zh": lambda f: (
                f.validation.hint.zh_CN if f.validation and f.validation.hint else ""
            ),
            "hint_en": lambda f: f.validation.hint.en if f.validation and f.validation.hint else "",
            "min": lambda f: (
                "" if not f.validation or f.validation.min is None else f"{f.validation.min:g}"
            ),
            "max": lambda f: (
                "" if not f.validation or f.validation.max is None else f"{f.validation.max:g}"
            ),
        }
        text = edit.text()
        if text == current[prop](fd) and not self._rows[prop][2].isVisible():
            return
        if prop in ("default", "backfill"):
            self._emit({prop: value_from_text(fd, text)})
        elif prop == "key":
            self._emit({"key": text.strip()})
        elif prop in ("hint_zh", "hint_en"):
            # Both languages go together (a hint is kept only in both); the edited one first,
            # so that a refusal is shown at it.
            other, other_edit = (
                ("hint_en", self.hint_en_edit)
                if prop == "hint_zh"
                else ("hint_zh", self.hint_zh_edit)
            )
            if text.strip() and not other_edit.text().strip():
                # Half a hint is not saved: say so at the input rather than refuse it while
                # the other language is still to be typed.
                self.clear_errors()
                self._show_note(
                    prop, self.tr("Not saved yet: give the hint in the other language too.")
                )
                self._mark_unsaved(prop)
                return
            self._emit({prop: text, other: other_edit.text()})
        else:
            self._emit({prop: text})

    def _max_length_done(self) -> None:
        fd = self._field
        if fd is None or (self.max_length_spin.value() or None) == fd.max_length:
            return
        self._emit({"max_length": self.max_length_spin.value() or None})
