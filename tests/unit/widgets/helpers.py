"""Shared by the pane tests: a pane shown at a useful size, waiting for its background save, and
reading what the workspace really holds."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Protocol, TypeVar

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from studio.bundle.model import Bundle
from studio.draft.store import load_draft
from studio.workspace.connection import Workspace, open_workspace
from widgets.entities.document import DesignerDocument

P = TypeVar("P", bound=QWidget)


class _Designer(Protocol):
    doc: DesignerDocument


def shown(qtbot: QtBot, pane: P) -> P:
    """``pane`` once its draft is read (off the UI thread), shown at 1400x900."""
    qtbot.addWidget(pane)
    qtbot.waitUntil(lambda: bool(pane.doc.bundle.entities), timeout=10_000)  # type: ignore[attr-defined]
    pane.resize(1400, 900)
    pane.show()
    qtbot.waitExposed(pane)
    return pane


def saved(qtbot: QtBot, pane: _Designer):  # type: ignore[no-untyped-def]
    """Context manager: wait until the edit made inside it is written to the draft."""
    return qtbot.waitSignal(
        pane.doc.save_state, timeout=10_000, check_params_cb=lambda state, _m: state == "saved"
    )


def stored(path_or_ws: Workspace | Path) -> Bundle:
    """The draft as the workspace has it now, read through a separate connection."""
    ws = open_workspace(path_or_ws) if isinstance(path_or_ws, Path) else path_or_ws
    try:
        with ws.session() as s:
            return load_draft(s)
    finally:
        if isinstance(path_or_ws, Path):
            ws.close()


@contextmanager
def in_language(lang: str) -> Iterator[None]:
    """The UI and the core's messages in ``lang`` ("zh_CN" or "en") inside the block."""
    from PySide6.QtCore import QCoreApplication, QTranslator

    from studio.i18n import set_language
    from widgets.translation import TRANSLATIONS

    translator = QTranslator()
    if lang != "en":
        assert translator.load(str(TRANSLATIONS / f"studio_{lang}.qm"))
        QCoreApplication.installTranslator(translator)
    set_language(lang)
    try:
        yield
    finally:
        QCoreApplication.removeTranslator(translator)
        set_language(None)
