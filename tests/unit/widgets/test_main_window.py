from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLabel, QTableView
from pytestqt.qtbot import QtBot

from studio.workspace.connection import default_workspace_path
from widgets.app import build_main_window
from widgets.pane import pane_classes
from widgets.settings import set_language_setting, settings
from widgets.translation import install_translators


@pytest.fixture
def window(qtbot: QtBot, sample_workspace_path: Path):  # type: ignore[no-untyped-def]
    w = build_main_window(str(sample_workspace_path), None)
    qtbot.addWidget(w)
    w.show()
    return w


def test_every_navigator_entry_shows_its_pane(window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    titles = [window.navigator.item(i).text() for i in range(window.navigator.count())]
    assert titles == [
        "Entities & Forms",
        "Permissions",
        "Automation rules",
        "Health",
        "Import/Export",
        "Changes",
        "Audit",
    ]
    for row, cls in enumerate(pane_classes()):
        window.navigator.setCurrentRow(row)
        assert window.stack.currentWidget() is window.panes[cls.pane_id]
        assert window.panes[cls.pane_id].isVisible()


def test_entities_pane_lists_sample_fields(window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    pane = window.panes["entities"]
    qtbot.waitUntil(lambda: pane.entity_model.rowCount() == 5)  # read off the UI thread
    assert pane.entity_model.rowCount() == 5
    table: QTableView = pane.fields.table
    keys = [table.model().index(r, 0).data() for r in range(table.model().rowCount())]
    assert keys[:3] == ["name", "mobile", "email"]
    assert "客户名称" in [table.model().index(r, 1).data() for r in range(len(keys))]


def test_permissions_matrix_marks_delete_only_for_admin(window) -> None:  # type: ignore[no-untyped-def]
    model = window.panes["permissions"].model
    cells = {
        model.headerData(
            r, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Vertical
        ): model.index(r, 0).data()
        for r in range(model.rowCount())
    }
    assert cells["Administrator"] == "C R E · D · ·"
    assert cells["Sales"] == "C R/t E/o A/o · · ·"  # sales archive their own customers


def test_status_bar_names_workspace_and_user(window) -> None:  # type: ignore[no-untyped-def]
    assert "sample" in window.workspace_label.text()
    assert (
        "Lin Xiao" in window.user_label.text() and "IT admin" in window.user_label.text()
    )  # the role, not its key
    window.ctx.set_user("zhou")
    assert "Business lead" in window.user_label.text()


def test_audit_pane_verifies_the_chain(window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    pane = window.panes["audit"]
    qtbot.waitUntil(lambda: pane.model.rowCount() >= 1)
    with qtbot.waitSignal(pane.verified):
        pane.verify_button.click()
    assert pane.result_label.text().startswith("Intact")


def test_first_start_creates_the_default_workspace_and_says_so(qtbot: QtBot) -> None:
    assert not default_workspace_path().exists()
    w = build_main_window(None, None)
    qtbot.addWidget(w)
    w.show()
    assert default_workspace_path().exists()
    assert w.banner.isVisible()
    assert "sample CRM configuration" in w.banner_label.text()


def test_window_geometry_is_remembered(qtbot: QtBot, sample_workspace_path: Path) -> None:
    w = build_main_window(str(sample_workspace_path), None)
    qtbot.addWidget(w)
    w.show()
    w.resize(790, 701)
    w.close()
    assert settings().value("window/geometry") is not None
    again = build_main_window(str(sample_workspace_path), None)
    qtbot.addWidget(again)
    assert (again.width(), again.height()) == (790, 701)


def test_chinese_translation_is_used_when_chosen(qtbot: QtBot, sample_workspace_path: Path) -> None:
    set_language_setting("zh_CN")
    app = QApplication.instance()
    assert install_translators(app) == "zh_CN"  # type: ignore[arg-type]
    try:
        w = build_main_window(str(sample_workspace_path), None)
        qtbot.addWidget(w)
        titles = [w.navigator.item(i).text() for i in range(w.navigator.count())]
        assert titles[0] == "实体与表单"
        assert w.menuBar().actions()[0].text().startswith("文件")
        assert "工作区" in w.workspace_label.text()
        qtbot.waitUntil(  # the designer reads the draft off the UI thread
            lambda: any("客户" in lbl.text() for lbl in w.panes["entities"].findChildren(QLabel))
        )
    finally:
        for t in app.findChildren(__import__("PySide6.QtCore").QtCore.QTranslator):  # type: ignore[union-attr]
            app.removeTranslator(t)  # type: ignore[union-attr]
        set_language_setting("system")


def test_opening_a_bad_file_warns_and_keeps_the_current_workspace(
    window, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    warnings: list[str] = []
    monkeypatch.setattr(
        "widgets.main_window.QMessageBox.warning", lambda _p, _t, text: warnings.append(text)
    )
    bad = tmp_path / "客户.xlsx"
    bad.write_bytes(b"PK\x03\x04 not a database")
    before = window.ctx.workspace
    window.workspaces.open_target(str(bad))
    qtbot.waitUntil(lambda: bool(warnings), timeout=10_000)
    assert "not a CRM Config Studio workspace" in warnings[0]
    assert window.ctx.workspace is before
    assert bad.read_bytes() == b"PK\x03\x04 not a database"


def test_opening_another_workspace_switches_every_pane(
    window, qtbot: QtBot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from studio.workspace.bootstrap import init_workspace

    empty = tmp_path / "empty.db"
    init_workspace(empty, sample=False, name="empty").close()
    with qtbot.waitSignal(window.ctx.changed, timeout=10_000):
        window.workspaces.open_target(str(empty))
    assert "empty" in window.workspace_label.text()
    # The designer reads the new draft off the UI thread.
    qtbot.waitUntil(lambda: window.panes["entities"].entity_model.rowCount() == 0, timeout=10_000)


def test_sign_in_as_lists_demo_users_and_switches(window) -> None:  # type: ignore[no-untyped-def]
    window._fill_sign_in_menu()
    actions = window.sign_in_menu.actions()
    assert len(actions) == 6
    zhou = next(a for a in actions if "(zhou," in a.text())
    zhou.trigger()
    assert window.ctx.user == "zhou"
    assert "Zhou Min" in window.user_label.text()


def test_edit_menu_holds_the_designer_undo_and_redo(window) -> None:  # type: ignore[no-untyped-def]
    window.navigator.setCurrentRow(0)
    window._fill_edit_menu()
    texts = [a.text() for a in window.edit_menu.actions()]
    assert texts[0].startswith("&Undo") and texts[1].startswith("&Redo")
    pane = window.panes["entities"]
    assert window.edit_menu.actions()[0] is pane.undo_action


def test_ctrl_z_in_the_main_window_undoes_a_designer_edit(window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import Qt

    pane = window.panes["entities"]
    qtbot.waitUntil(lambda: pane.entity_model.rowCount() == 5)
    pane.fields.select_field("notes")
    with qtbot.waitSignal(pane.doc.save_state, check_params_cb=lambda s, _m: s == "saved"):
        pane.fields.deprecate_button.click()
    window.activateWindow()
    pane.fields.table.setFocus()
    with qtbot.waitSignal(pane.doc.save_state, check_params_cb=lambda s, _m: s == "saved"):
        qtbot.keyClick(pane.fields.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not pane.doc.bundle.entity("customer").field("notes").deprecated
    # The other panes heard about it without reading the draft back.
    assert window.ctx.bundle() == pane.doc.bundle


def test_ctrl_z_works_with_the_focus_on_the_navigation(window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    """Issue 19: the Edit menu shows Undo with Ctrl+Z, so Ctrl+Z works wherever focus is."""
    from PySide6.QtCore import Qt

    pane = window.panes["entities"]
    qtbot.waitUntil(lambda: pane.entity_model.rowCount() == 5)
    pane.fields.select_field("notes")
    with qtbot.waitSignal(pane.doc.save_state, check_params_cb=lambda s, _m: s == "saved"):
        pane.fields.deprecate_button.click()
    window.activateWindow()
    window.navigator.setFocus()
    assert window.navigator.hasFocus()
    with qtbot.waitSignal(pane.doc.save_state, check_params_cb=lambda s, _m: s == "saved"):
        qtbot.keyClick(window.navigator, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert not pane.doc.bundle.entity("customer").field("notes").deprecated
    with qtbot.waitSignal(pane.doc.save_state, check_params_cb=lambda s, _m: s == "saved"):
        qtbot.keyClick(window.navigator, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert pane.doc.bundle.entity("customer").field("notes").deprecated
    # The buttons say what they are, with their shortcut.
    assert "Ctrl+Z" in pane.undo_button.toolTip() and "Ctrl+Y" in pane.redo_button.toolTip()


def test_signing_in_as_someone_with_a_key_asks_for_their_passphrase(window, qtbot: QtBot) -> None:  # type: ignore[no-untyped-def]
    """Issue 19: "Sign in as" switched to anyone without a password, and the audit log believed
    it. A person with a signing key proves it is them; the log records who was verified."""
    from sqlalchemy import select

    from schema.models import AuditRow
    from studio.draft.save import read_draft, save_draft
    from tests.helpers.change_flow import PASSPHRASE, make_demo_keys

    ws = window.ctx.workspace
    make_demo_keys(ws, ("zhou",))
    qtbot.waitUntil(lambda: window.ctx.document.loaded, timeout=10_000)
    start = window.ctx.user
    window.sign_in("zhou")
    dialog = window.sign_in_dialog
    assert dialog is not None and dialog.isVisible()
    assert window.ctx.user == start  # not before the passphrase
    dialog.passphrase_edit.setText("not the passphrase")
    dialog.try_sign_in()
    qtbot.waitUntil(lambda: not dialog.error_label.isHidden(), timeout=10_000)
    assert window.ctx.user == start and dialog.passphrase_edit.text() == ""
    dialog.passphrase_edit.setText(PASSPHRASE)
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000):
        dialog.try_sign_in()
    assert window.ctx.user == "zhou" and not dialog.isVisible()

    def edit_as(user: str) -> dict:  # type: ignore[type-arg]
        bundle, revision = read_draft(ws)
        limits = bundle.thresholds.model_copy(update={"max_fields_per_entity": 30 + len(user)})
        save_draft(ws, bundle.model_copy(update={"thresholds": limits}), user=user,
                   expected_revision=revision)  # fmt: skip
        with ws.session() as s:
            last = s.scalars(select(AuditRow).order_by(AuditRow.seq.desc()).limit(1)).one()
            assert last.actor == user and last.action == "edit"
            return dict(last.details)

    assert edit_as("zhou")["actor_verified"] is True
    # Someone without a key: switched to at once, and not vouched for.
    window.sign_in("wu")
    assert window.ctx.user == "wu"
    assert edit_as("wu")["actor_verified"] is False


def test_studio_lang_speaks_for_the_window_unless_view_language_says_otherwise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from widgets.translation import effective_language

    monkeypatch.setenv("STUDIO_LANG", "zh_CN")
    set_language_setting("system")
    assert effective_language() == "zh_CN"  # as `studio check` would speak
    set_language_setting("en")
    try:
        assert effective_language() == "en"  # the admin's choice in View › Language wins
    finally:
        set_language_setting("system")
    monkeypatch.setenv("STUDIO_LANG", "en")
    assert effective_language() == "en"


def test_the_restart_command_starts_this_studio_on_the_same_workspace(
    sample_workspace_path: Path,
) -> None:
    import subprocess

    from widgets.restart import restart_command

    command = restart_command(str(sample_workspace_path), "zhou")
    assert command[-4:] == ["--workspace", str(sample_workspace_path), "--user", "zhou"]
    done = subprocess.run(
        [*command, "--version"], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.startswith("CRM Config Studio")


def _answer(qtbot: QtBot, button_text: str) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        next(b for b in box.buttons() if b.text() == button_text).click()

    QTimer.singleShot(20, click)


def test_a_language_change_offers_a_restart(
    window, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    set_language_setting("en")
    try:
        qtbot.waitUntil(lambda: not window.ctx.document.busy(), timeout=30_000)
        _answer(qtbot, "Later")
        window.set_language("zh_CN")
        assert "next time the studio starts" in window.statusBar().currentMessage()
        assert window.isVisible()
        window.set_language("zh_CN")  # no change: nothing asked (a box would block here)
        # "Restart now" starts a new studio on this workspace (it quits at once) and closes this one
        monkeypatch.setenv("STUDIO_QUIT_AFTER_MS", "50")
        _answer(qtbot, "Restart now")
        window.set_language("en")
        qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    finally:
        set_language_setting("system")


def test_a_workspace_that_cannot_open_at_start_offers_another_or_the_default(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sample_workspace_path: Path
) -> None:
    from widgets.app import Starter
    from widgets.main_window import MainWindow

    broken = tmp_path / "broken.db"
    broken.write_bytes(b"")  # a 0-byte file: refused, with a reason
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    starter = Starter(window, None)
    # "Open another workspace…" then pick the sample one in the file dialog
    monkeypatch.setattr(
        "PySide6.QtWidgets.QFileDialog.getOpenFileName",
        lambda *a, **k: (str(sample_workspace_path), ""),
    )
    _answer(qtbot, "Open another workspace…")
    starter.start(str(broken))
    qtbot.waitUntil(lambda: window.ctx is not None, timeout=30_000)
    assert window.ctx.workspace.target == str(sample_workspace_path)

    other = MainWindow()
    qtbot.addWidget(other)
    other.show()
    _answer(qtbot, "Use the default workspace")
    Starter(other, None).start(str(broken))
    qtbot.waitUntil(lambda: other.ctx is not None, timeout=30_000)
    assert other.ctx.workspace.target.endswith("workspace.db")  # the per-user default, created
