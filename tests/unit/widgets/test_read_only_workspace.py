"""A damaged workspace in the window (issue 20): it opens read-only, a red banner in the UI's
language says what is wrong and which backup to restore, every editing control (the designers,
submit, review decisions, push, import, reset) is disabled and stays so, an edit that gets
through anyway is refused, and nothing is written to the file."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QCheckBox, QLineEdit, QPushButton
from pytestqt.qtbot import QtBot

from studio.draft import edits
from studio.workspace.bootstrap import init_workspace
from tests.e2e.test_damaged_and_read_only import damaged_workspace
from widgets.app import build_main_window
from widgets.main_window import MainWindow
from widgets.settings import set_language_setting
from widgets.translation import install_translators

__all__ = [
    "damaged_workspace"
]  # the fixture: the sample with one page of its audit log overwritten


@pytest.fixture
def damaged_window(
    qtbot: QtBot, damaged_workspace: tuple[Path, Path]
) -> Iterator[tuple[MainWindow, Path, Path, bytes]]:
    path, backup = damaged_workspace
    before = path.read_bytes()
    window = build_main_window(str(path), "lin")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.ctx.document.loaded, timeout=10_000)
    yield window, path, backup, before


def _button(window: MainWindow, pane_id: str, name: str) -> QPushButton:
    found = window.pane(pane_id).findChild(QPushButton, name)
    assert found is not None, name
    return found


def test_a_damaged_workspace_opens_read_only_with_a_banner_saying_what_to_restore(
    damaged_window: tuple[MainWindow, Path, Path, bytes],
) -> None:
    window, path, backup, before = damaged_window
    assert window.ctx.read_only
    assert window.read_only_banner.isVisible()
    text = window.read_only_label.text()
    assert "is damaged" in text and str(backup) in text
    assert "opened it read-only" in text and "restore the workspace" in text
    assert not window.banner.isVisible() or "damaged" not in window.banner_label.text()
    assert window.ctx.local_server is None  # nothing to push: no server started
    assert not window.signing_key_action.isEnabled()
    assert path.read_bytes() == before


def test_edits_submit_and_push_are_disabled_and_stay_disabled(
    qtbot: QtBot, damaged_window: tuple[MainWindow, Path, Path, bytes]
) -> None:
    window, path, _backup, before = damaged_window
    entities = window.pane("entities")
    qtbot.waitUntil(lambda: entities.entity_model.rowCount() == 5)
    for name in ("add_field", "new_entity", "apply_options"):
        assert not _button(window, "entities", name).isEnabled(), name
    key = entities.findChild(QLineEdit, "prop_key")
    assert key is not None and key.isReadOnly()
    required = entities.findChild(QCheckBox, "prop_required")
    assert required is not None and not required.isEnabled()
    # Selecting another entity (reading) works; the pane enabling its buttons again does not.
    entities.entity_list.setCurrentIndex(entities.entity_model.index(1, 0))
    qtbot.wait(50)
    assert not _button(window, "entities", "add_field").isEnabled()
    for name in ("submit", "reset_draft", "rollback", "push", "create_key"):
        button = _button(window, "changes", name)
        button.setEnabled(True)  # as a pane's own refresh would
        assert not button.isEnabled(), name
    # What only reads stays usable.
    assert _button(window, "changes", "review").isEnabled()
    assert _button(window, "audit", "verify_chain").isEnabled()
    assert not _button(window, "audit", "export_audit").isEnabled()  # it appends to the log
    assert _button(window, "import_export", "open_workbook").isEnabled()
    assert path.read_bytes() == before


def test_an_edit_that_gets_through_is_refused_and_nothing_is_written(
    damaged_window: tuple[MainWindow, Path, Path, bytes],
) -> None:
    window, path, backup, before = damaged_window
    refused: list[str] = []
    window.ctx.document.refused.connect(lambda _prop, message: refused.append(message))
    result = window.ctx.document.apply(
        "Add", lambda b: edits.add_entity(b, "vendor", "供应商", "Vendor")
    )
    assert result is not None and "is damaged" in str(result) and str(backup) in str(result)
    assert refused and not window.ctx.document.undo_stack.canUndo()
    window.close()
    assert path.read_bytes() == before


def test_a_healthy_workspace_opened_afterwards_is_editable_again(
    qtbot: QtBot, damaged_window: tuple[MainWindow, Path, Path, bytes], tmp_path: Path
) -> None:
    window, _path, _backup, _before = damaged_window
    healthy = tmp_path / "healthy.db"
    init_workspace(healthy, sample=True).close()
    window.navigator.setCurrentRow(5)  # Changes
    window.workspaces.open_target(str(healthy))
    qtbot.waitUntil(lambda: not window.ctx.read_only, timeout=10_000)
    assert not window.read_only_banner.isVisible()
    assert window.signing_key_action.isEnabled()
    qtbot.waitUntil(lambda: _button(window, "changes", "create_key").isEnabled(), timeout=10_000)
    window.navigator.setCurrentRow(0)
    qtbot.waitUntil(lambda: _button(window, "entities", "new_entity").isEnabled(), timeout=10_000)


@pytest.mark.allow_log
def test_the_banner_speaks_chinese(
    qtbot: QtBot, damaged_workspace: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path, backup = damaged_workspace
    monkeypatch.setenv("STUDIO_LANG", "zh_CN")
    set_language_setting("zh_CN")
    app = QApplication.instance()
    install_translators(app)  # type: ignore[arg-type]
    try:
        window = build_main_window(str(path), "lin")
        qtbot.addWidget(window)
        text = window.read_only_label.text()
        assert "已损坏" in text and str(backup) in text
        assert "只读" in text and "is damaged" not in text
        if os.environ.get("STUDIO_READ_ONLY_SHOT"):
            window.resize(1100, 700)
            window.show()
            qtbot.waitUntil(lambda: window.ctx.document.loaded, timeout=10_000)
            qtbot.wait(300)
            window.grab().save(os.environ["STUDIO_READ_ONLY_SHOT"])
    finally:
        for t in app.findChildren(QTranslator):  # type: ignore[union-attr]
            app.removeTranslator(t)  # type: ignore[union-attr]
        set_language_setting("system")


@pytest.mark.allow_log
def test_a_text_damaged_while_the_window_is_open_brings_the_banner_at_once(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """Only a bounded set of texts is checked on open; another that turns out undecodable when
    a pane reads it makes the workspace read-only, and the window says so then, not after a
    reopen: banner, locked designer, no signing key."""
    from sqlalchemy import text

    from studio import changes
    from tests.helpers.change_flow import edit_draft

    path = tmp_path / "w.db"
    ws = init_workspace(path, sample=True)
    edit_draft(ws, "rename_notes")
    change_id = changes.submit(ws, "lin", "Rename notes").id
    ws.close()
    window = build_main_window(str(path), "lin")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.ctx.document.loaded, timeout=10_000)
    assert not window.read_only_banner.isVisible()
    with window.ctx.workspace.session() as s:  # as a disk error would leave it, once opened
        s.execute(
            text("UPDATE change_requests SET bundle_json = CAST(:b AS TEXT) WHERE id = :id"),
            {"b": b'{"entities": "\xff\xfe"}', "id": change_id},
        )
    window.navigator.setCurrentRow(5)  # Changes: the list reads the damaged bundle
    qtbot.waitUntil(lambda: window.read_only_banner.isVisible(), timeout=15_000)
    assert "is damaged" in window.read_only_label.text()
    assert window.ctx.read_only and not window.signing_key_action.isEnabled()
    window.navigator.setCurrentRow(0)
    qtbot.waitUntil(
        lambda: not _button(window, "entities", "new_entity").isEnabled(), timeout=10_000
    )
