"""Issue 19: every pane in zh_CN, walked widget by widget: no visible text may be the English
source of a UI string (or of a core message) where a Chinese translation exists."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QLabel,
    QTabWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from studio import i18n
from widgets.app import build_main_window
from widgets.pane import pane_classes
from widgets.settings import set_language_setting
from widgets.translation import install_translators

TS = Path(__file__).resolve().parents[3] / "resources" / "translations" / "studio_zh_CN.ts"
#: Texts that are the same in both languages on purpose.
ALLOWED = {"Excel (*.xlsx)", "YYYY-MM-DD", "YYYY-MM-DD HH:MM:SS", "", "OK"}


def _english_sources() -> set[str]:
    """Every English source text that has a different Chinese translation."""
    out: set[str] = set()
    for m in ET.parse(TS).iter("message"):
        source = m.findtext("source") or ""
        translation = "".join(m.find("translation").itertext()).strip()  # type: ignore[union-attr]
        if translation and translation != source:
            out.add(source.replace("&", ""))
    for key, zh in i18n.catalogue().items():
        if zh != key and "{" not in key:
            out.add(key)
    return out


def _texts(widget: QWidget) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    for w in [widget, *widget.findChildren(QWidget)]:
        if not w.isVisibleTo(widget):
            continue
        name = f"{type(w).__name__}#{w.objectName()}"
        if isinstance(w, QLabel | QAbstractButton | QGroupBox):
            text = w.title() if isinstance(w, QGroupBox) else w.text()
            found.append((name, text))
        if isinstance(w, QTabWidget):
            found += [(name, w.tabText(i)) for i in range(w.count())]
        if isinstance(w, QAbstractItemView) and isinstance(w.model(), QAbstractItemModel):
            model = w.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # QStringListModel keeps columnCount private: one column
                columns = 1
            for c in range(columns):
                found.append((name, str(model.headerData(c, Qt.Orientation.Horizontal) or "")))
            for r in range(min(model.rowCount(QModelIndex()), 30)):
                for c in range(columns):
                    found.append((name, str(model.index(r, c).data() or "")))
    return found


@pytest.mark.allow_log
def test_every_pane_speaks_chinese(
    qtbot: QtBot, sample_workspace_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("STUDIO_LANG", "zh_CN")
    set_language_setting("zh_CN")
    install_translators(QApplication.instance())  # type: ignore[arg-type]
    try:
        window = build_main_window(str(sample_workspace_path), "lin")
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.ctx.document.loaded, timeout=10_000)
        english = _english_sources()
        # Data, not UI text: keys and English labels of the configuration itself.
        bundle = window.ctx.bundle()
        data = {e.key for e in bundle.entities} | {r.key for r in bundle.roles}
        for e in bundle.entities:
            data |= {f.key for f in e.fields} | {f.label.en for f in e.fields}
        bad: set[str] = set()
        for row, cls in enumerate(pane_classes()):
            window.navigator.setCurrentRow(row)
            pane = window.panes[cls.pane_id]
            qtbot.wait(300)
            tabs = pane.findChildren(QTabWidget)
            views = [(t, i) for t in tabs for i in range(t.count())] or [(None, 0)]
            for tab, i in views:
                if tab is not None:
                    tab.setCurrentIndex(i)
                    qtbot.wait(200)
                for name, text in _texts(pane):
                    plain = text.replace("&", "").strip()
                    if plain in english and plain not in ALLOWED | data:
                        bad.add(f"{cls.pane_id}: {name}: {plain!r}")
        assert not bad, "\n".join(sorted(bad))
    finally:
        set_language_setting("system")
        for t in QApplication.instance().findChildren(
            __import__("PySide6.QtCore").QtCore.QTranslator
        ):  # type: ignore[union-attr]
            QApplication.removeTranslator(t)
        i18n.set_language(None)
