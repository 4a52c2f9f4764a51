"""No two shortcut letters (mnemonics: the underlined letter, Alt+letter) visible at once in one
window may be the same letter, in English and in Chinese: the second never works (Qt cycles the
focus between them instead).

Every pane is walked, and in it every tab of every tab widget; at each step the window's menu bar
titles, visible buttons, visible tab bars' tabs and visible labels with a buddy are the letters in
use.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QGroupBox,
    QLabel,
    QMainWindow,
    QTabBar,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from studio import i18n
from widgets.app import build_main_window
from widgets.pane import pane_classes
from widgets.settings import set_language_setting
from widgets.translation import install_translators


def _letter(text: str) -> str:
    return QKeySequence.mnemonic(text).toString()


def _in_use(window: QMainWindow) -> dict[str, set[str]]:
    """Shortcut letter -> the texts that use it, of everything shown in ``window`` now."""
    used: dict[str, set[str]] = defaultdict(set)
    for action in window.menuBar().actions():
        if action.isVisible() and _letter(action.text()):
            used[_letter(action.text())].add(f"menu {action.text()!r}")
    for w in window.findChildren(QWidget):
        if not w.isVisibleTo(window):
            continue
        texts: list[str] = []
        if isinstance(w, QAbstractButton):
            texts.append(w.text())
        elif isinstance(w, QTabBar):
            texts += [w.tabText(i) for i in range(w.count()) if w.isTabVisible(i)]
        elif isinstance(w, QLabel) and w.buddy() is not None:
            texts.append(w.text())
        elif isinstance(w, QGroupBox) and w.isCheckable():
            texts.append(w.title())
        for text in texts:
            if _letter(text):
                used[_letter(text)].add(f"{type(w).__name__} {text!r}")
    return used


@pytest.mark.allow_log
@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_no_shortcut_letter_is_used_twice_in_one_view(
    qtbot: QtBot, sample_workspace_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    monkeypatch.setenv("STUDIO_LANG", lang)
    set_language_setting(lang)
    install_translators(QApplication.instance())  # type: ignore[arg-type]
    try:
        window = build_main_window(str(sample_workspace_path), "lin")
        qtbot.addWidget(window)
        window.resize(1400, 900)
        window.show()
        qtbot.waitUntil(lambda: window.ctx.document.loaded, timeout=10_000)
        clashes: set[str] = set()
        for row, cls in enumerate(pane_classes()):
            window.navigator.setCurrentRow(row)
            pane = window.panes[cls.pane_id]
            tabs = pane.findChildren(QTabWidget)
            views = [(t, i) for t in tabs for i in range(t.count())] or [(None, 0)]
            for tab, i in views:
                if tab is not None:
                    # The tab, and the tabs of the tab widgets it lies in.
                    page, outer = tab.widget(i), tab
                    while outer is not None:
                        outer.setCurrentWidget(page)
                        page = outer
                        parent = outer.parentWidget()
                        while parent is not None and not isinstance(parent, QTabWidget):
                            page, parent = parent, parent.parentWidget()
                        if parent is not None:
                            page = next(
                                parent.widget(k)
                                for k in range(parent.count())
                                if parent.widget(k).isAncestorOf(outer)
                            )
                        outer = parent
                for letter, texts in _in_use(window).items():
                    if len(texts) > 1:
                        clashes.add(f"{cls.pane_id}: {letter}: {', '.join(sorted(texts))}")
        assert not clashes, "\n".join(sorted(clashes))
    finally:
        set_language_setting("system")
        for t in QApplication.instance().findChildren(QTranslator):  # type: ignore[union-attr]
            QApplication.removeTranslator(t)
        i18n.set_language(None)
