"""Small dialogs for new things (entity, field, form, section) that keep what was typed.

The dialog asks ``submit(values)`` to make the edit; a refusal is shown in red under the input it
is about and the dialog stays open, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from studio.errors import StudioError

Submit = Callable[[dict[str, Any]], StudioError | None]


class EditDialog(QDialog):
    def __init__(self, title: str, submit: Submit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(420)
        self._submit = submit
        self._inputs: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self.form = QFormLayout()
        self.general_error = QLabel(self)
        self.general_error.setWordWrap(True)
        self.general_error.setStyleSheet("color: #b3261e;")
        self.general_error.hide()
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.general_error)
        layout.addWidget(buttons)

    def _row(self, prop: str, caption: str, widget: QWidget) -> None:
        widget.setObjectName(f"dialog_{prop}")
        error = QLabel(self)
        error.setWordWrap(True)
        error.setStyleSheet("color: #b3261e;")
        error.hide()
        box = QWidget(self)
        bl = QVBoxLayout(box)
        bl.setContentsMargins(0, 0, 0, 0)
        bl.addWidget(widget)
        bl.addWidget(error)
        self.form.addRow(caption, box)
        self._inputs[prop] = widget
        self._errors[prop] = error

    def add_text(self, prop: str, caption: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        self._row(prop, caption, edit)
        return edit

    def add_choice(self, prop: str, caption: str, choices: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox(self)
        for text, data in choices:
            combo.addItem(text, data)
        self._row(prop, caption, combo)
        return combo

    def add_number(self, prop: str, caption: str, low: int, high: int, value: int) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(low, high)
        spin.setValue(value)
        self._row(prop, caption, spin)
        return spin

    def suggest_key(self, taken: Collection[str]) -> None:
        """Fill the key from the labels as they are typed (pinyin for a Chinese name), until the
        admin types a key of their own."""
        key = self._inputs.get("key")
        zh, en = self._inputs.get("label_zh"), self._inputs.get("label_en")
        if not isinstance(key, QLineEdit) or not isinstance(zh, QLineEdit):
            return
        suggested = [""]

        def labels_changed(_text: str) -> None:
            if key.text() not in ("", suggested[0]):
                return  # a key of the admin's own: never overwritten
            from studio.draft.key_suggest import suggest_key

            english = en.text() if isinstance(en, QLineEdit) else ""
            suggested[0] = suggest_key(zh.text(), english, taken)
            key.setText(suggested[0])

        zh.textChanged.connect(labels_changed)
        if isinstance(en, QLineEdit):
            en.textChanged.connect(labels_changed)

    def input(self, prop: str) -> QWidget:
        return self._inputs[prop]

    def error_label(self, prop: str) -> QLabel:
        return self._errors[prop]

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for prop, widget in self._inputs.items():
            if isinstance(widget, QLineEdit):
                out[prop] = widget.text()
            elif isinstance(widget, QComboBox):
                out[prop] = widget.currentData()
            elif isinstance(widget, QSpinBox):
                out[prop] = widget.value()
        return out

    def error_text(self) -> str:
        texts = [e.text() for e in self._errors.values() if not e.isHidden()]
        if not self.general_error.isHidden():
            texts.append(self.general_error.text())
        return "\n".join(texts)

    def try_accept(self) -> bool:
        for error in self._errors.values():
            error.hide()
        self.general_error.hide()
        problem = self._submit(self.values())
        if problem is None:
            self.accept()
            return True
        prop = str(getattr(problem, "prop", ""))
        if prop in ("label_zh", "label_en") and prop not in self._errors:
            prop = "label_zh" if "label_zh" in self._errors else prop
        label = self._errors.get(prop)
        if label is None:
            self.general_error.setText(str(problem))
            self.general_error.show()
        else:
            label.setText(str(problem))
            label.show()
            self._inputs[prop].setFocus()
        # A wrapped message needs more lines than the dialog had room for: grow to fit it
        # (a shown dialog does not re-ask its layout for a height of its own accord).
        self.layout().activate()
        self.resize(self.width(), max(self.height(), self.sizeHint().height()))
        return False
