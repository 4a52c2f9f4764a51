"""Issue 19: Qt's own dialogs (the file dialog of Export to Excel…, message boxes) speak Chinese
in zh_CN: Qt's catalogue (qtbase_zh_CN.qm from PySide6) is loaded beside ours, and ours fills the
words Qt's lacks."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QLabel,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from studio import i18n
from widgets.settings import set_language_setting
from widgets.translation import install_translators

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("STUDIO_LANG", "zh_CN")
    set_language_setting("zh_CN")
    app = QApplication.instance()
    assert install_translators(app) == "zh_CN"  # type: ignore[arg-type]
    yield
    for t in app.findChildren(QTranslator):  # type: ignore[union-attr]
        app.removeTranslator(t)  # type: ignore[union-attr]
    set_language_setting("system")
    i18n.set_language(None)


def _words(dialog: QWidget) -> list[str]:
    """The visible texts and tooltips of the dialog's labels and buttons."""
    out = []
    for w in dialog.findChildren(QLabel) + dialog.findChildren(QAbstractButton):
        if w.isVisibleTo(dialog):
            out += [t for t in (w.text(), w.toolTip()) if t]
    return out


@pytest.mark.parametrize(
    "mode", [QFileDialog.AcceptMode.AcceptSave, QFileDialog.AcceptMode.AcceptOpen]
)
def test_the_file_dialog_speaks_chinese(
    qtbot: QtBot, chinese: None, mode: QFileDialog.AcceptMode
) -> None:
    # Qt's own dialog, as on a Linux desktop without a platform file dialog.
    dialog = QFileDialog(None, "导出", "", "Excel (*.xlsx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(mode)
    qtbot.addWidget(dialog)
    dialog.show()
    words = _words(dialog)
    assert words and all(CJK.search(w) for w in words), words
    assert any("查找范围" in w for w in words) and any("文件类型" in w for w in words)


def test_message_box_buttons_speak_chinese(qtbot: QtBot, chinese: None) -> None:
    box = QMessageBox()
    qtbot.addWidget(box)
    box.setStandardButtons(
        QMessageBox.StandardButton.Yes
        | QMessageBox.StandardButton.No
        | QMessageBox.StandardButton.Cancel
        | QMessageBox.StandardButton.Ok
    )
    box.show()
    texts = [b.text() for b in box.buttons()]
    assert all(CJK.search(t) for t in texts), texts
    assert "取消" in texts
