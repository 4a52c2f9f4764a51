"""Words of Qt's own dialogs that Qt's Chinese translation (qtbase_zh_CN.qm, loaded by
``widgets.translation``) lacks: Qt 6 renamed them ("Look in:" became "&Look in:") and the shipped
catalogue still holds the old text, so the file dialog showed them in English.

Listed here so that lupdate puts them into our own .ts under Qt's context; Qt asks every installed
translator, so ours answers where qtbase has no entry.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_WORDS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)
