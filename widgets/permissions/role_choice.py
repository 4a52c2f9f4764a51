"""The small dialog both permission matrices use to pick the role to copy from."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QWidget

from studio.bundle.model import Role
from studio.i18n import language


def ask_source_role(
    parent: QWidget,
    roles: Iterable[Role],
    target: str,
    *,
    title: str,
    prompt: str,
    box_name: str = "",
    opened: Callable[[QDialog], None] | None = None,
) -> str | None:
    """The key of the role chosen to copy ``target``'s permissions from (every role but
    ``target``, by its label in the UI's language), or ``None`` if cancelled. ``opened`` gets
    the dialog before it is shown (tests drive it)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    source = QComboBox(dialog)
    if box_name:
        source.setObjectName(box_name)
    for role in roles:
        if role.key != target:
            source.addItem(role.label.text(language()), role.key)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form = QFormLayout(dialog)
    form.addRow(prompt, source)
    form.addRow(buttons)
    if opened is not None:
        opened(dialog)
    if dialog.exec() == QDialog.DialogCode.Accepted and source.currentData():
        return str(source.currentData())
    return None
