"""Two editors of one workspace: when someone else saved the draft first, every pane says so and
no further edit is made on screen only (it could never be saved)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studio.draft import edits as de
from studio.draft.save import load_state, save_draft
from studio.workspace.connection import open_workspace
from tests.unit.widgets.helpers import stored
from widgets.app import build_main_window
from widgets.main_window import MainWindow
from widgets.pane import NAVIGATOR


@pytest.fixture
def window(qtbot: QtBot, sample_workspace_path: Path) -> MainWindow:
    w = build_main_window(str(sample_workspace_path), "lin")
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    return w


def _show(window: MainWindow, pane_id: str):  # type: ignore[no-untyped-def]
    window.navigator.setCurrentRow([e.pane_id for e in NAVIGATOR].index(pane_id))
    return window.panes[pane_id]


def _someone_else_saves(path: Path) -> None:
    other = open_workspace(path)
    try:
        state = load_state(other)
        theirs = de.update_field(state.bundle, "customer", "email", {"label_en": "E-mail"})
        save_draft(other, theirs, user="chen", expected_revision=state.revision)
    finally:
        other.close()


def _intern(model) -> int:  # type: ignore[no-untyped-def]
    return next(c for c in range(model.columnCount()) if model.role_key(c) == "intern")


def test_a_conflict_in_the_permissions_pane_is_said_there_and_stops_further_edits(
    qtbot: QtBot, window: MainWindow, sample_workspace_path: Path
) -> None:
    pane = _show(window, "permissions")
    doc = window.ctx.document
    qtbot.waitUntil(lambda: doc.loaded and pane.field_model.rowCount() > 0, timeout=10_000)
    model = pane.field_model
    intern = _intern(model)
    _someone_else_saves(sample_workspace_path)
    with qtbot.waitSignal(
        doc.save_state, timeout=10_000, check_params_cb=lambda s, _m: s == "conflict"
    ):
        assert model.setData(model.index(0, intern), "hidden")
    # Said where the person is working, not only in Entities & Forms.
    assert window.conflict_banner.isVisible()
    assert "Someone else changed the draft" in window.conflict_banner.label.text()
    # Undo and redo would step what is on screen only: nothing to undo until the reload.
    assert not doc.undo_stack.canUndo() and not pane.undo_action.isEnabled()
    # A second edit would only ever live on screen: it is refused, the cell shows the draft.
    before = model.index(1, intern).data()
    assert not model.setData(model.index(1, intern), "hidden")
    assert model.index(1, intern).data() == before
    # The way on is at hand, and the bar does not tell the person to redo what it can keep.
    banner = window.conflict_banner
    assert banner.keep_button.isVisible() and banner.reload_button.isVisible()
    assert "make your edit again" not in banner.label.text()
    assert "chen" in banner.label.text()  # who saved first
    # The banner follows the person to Changes, where a submit would freeze the stored draft.
    _show(window, "changes")
    assert window.conflict_banner.isVisible()
    # Reload: the other person's draft, the banner gone, editing possible again.
    with qtbot.waitSignal(doc.changed, timeout=10_000):
        window.conflict_banner.reload_button.click()
    assert not window.conflict_banner.isVisible()
    assert doc.bundle.entity("customer").field("email").label.en == "E-mail"  # type: ignore[union-attr]
    _show(window, "permissions")
    with qtbot.waitSignal(
        doc.save_state, timeout=10_000, check_params_cb=lambda s, _m: s == "saved"
    ):
        assert model.setData(model.index(1, intern), "hidden")
    perms = {
        (p.role, p.entity, p.field): p.access
        for p in stored(sample_workspace_path).field_permissions
    }
    assert perms[("intern", "customer", model.field_key(1))] == "hidden"


def test_reload_keeping_edits_makes_them_again_on_the_other_persons_draft(
    qtbot: QtBot, window: MainWindow, sample_workspace_path: Path
) -> None:
    """Reloading dropped every edit made since the last save: the person had to remember them
    and make them again by hand. Now the studio makes them again on the other person's draft,
    except where both changed the same thing, and says which."""
    pane = _show(window, "permissions")
    doc = window.ctx.document
    qtbot.waitUntil(lambda: doc.loaded and pane.field_model.rowCount() > 0, timeout=10_000)
    model = pane.field_model
    intern = _intern(model)
    _someone_else_saves(sample_workspace_path)  # customer.email's English label
    first_field = model.field_key(0)
    with qtbot.waitSignal(
        doc.save_state, timeout=10_000, check_params_cb=lambda s, _m: s == "conflict"
    ):
        assert model.setData(model.index(0, intern), "hidden")
    banner = window.conflict_banner
    assert banner.keep_button.isVisible() and banner.reload_button.isVisible()
    with qtbot.waitSignal(doc.rebased, timeout=10_000) as said:
        banner.keep_button.click()
    kept, dropped = said.args
    assert len(kept) == 1 and dropped == []
    # Both people's edits are on screen, and the kept edit is saved to the workspace.
    qtbot.waitUntil(lambda: not doc.busy(), timeout=10_000)
    bundle = stored(sample_workspace_path)
    assert bundle.entity("customer").field("email").label.en == "E-mail"  # type: ignore[union-attr]
    perms = {(p.role, p.entity, p.field): p.access for p in bundle.field_permissions}
    assert perms[("intern", model.entity, first_field)] == "hidden"
    # The banner says so, in its yellow form, until dismissed; the edit can be undone.
    assert banner.isVisible() and not banner.keep_button.isVisible()
    assert "made again" in banner.label.text()
    assert doc.undo_stack.canUndo()
    banner.dismiss_button.click()
    assert not banner.isVisible()


def test_reload_keeping_edits_leaves_the_other_persons_edit_of_the_same_thing(
    qtbot: QtBot, window: MainWindow, sample_workspace_path: Path
) -> None:
    from tests.unit.widgets.helpers import in_language

    pane = _show(window, "entities")
    doc = window.ctx.document
    qtbot.waitUntil(lambda: doc.loaded, timeout=10_000)
    _someone_else_saves(sample_workspace_path)  # customer.email's English label: "E-mail"
    with qtbot.waitSignal(
        doc.save_state, timeout=10_000, check_params_cb=lambda s, _m: s == "conflict"
    ):
        doc.apply(
            "update field",
            lambda b: de.update_field(b, "customer", "email", {"label_en": "Mail"}),
        )
    with in_language("zh_CN"), qtbot.waitSignal(doc.rebased, timeout=10_000) as said:
        window.conflict_banner.keep_button.click()
    kept, dropped = said.args
    assert kept == [] and [text for text, _why in dropped] == ["update field"]
    text = window.conflict_banner.label.text()
    assert "修改字段" in text and "对方也修改了同一处" in text, text
    assert doc.bundle.entity("customer").field("email").label.en == "E-mail"  # type: ignore[union-attr]
    assert pane is not None and not doc.busy()


def test_keeping_edits_is_not_offered_when_an_undo_took_a_saved_edit_back(
    qtbot: QtBot, window: MainWindow, sample_workspace_path: Path
) -> None:
    """What is unsaved then takes back an edit the workspace holds: it cannot be made again on
    the other person's draft, and the banner does not pretend it can."""
    pane = _show(window, "permissions")
    doc = window.ctx.document
    qtbot.waitUntil(lambda: doc.loaded and pane.field_model.rowCount() > 0, timeout=10_000)
    model = pane.field_model
    intern = _intern(model)
    with qtbot.waitSignal(
        doc.save_state, timeout=10_000, check_params_cb=lambda s, _m: s == "saved"
    ):
        assert model.setData(model.index(0, intern), "hidden")
    _someone_else_saves(sample_workspace_path)
    with qtbot.waitSignal(
        doc.save_state, timeout=10_000, check_params_cb=lambda s, _m: s == "conflict"
    ):
        doc.undo_stack.undo()
    banner = window.conflict_banner
    assert banner.isVisible() and banner.reload_button.isVisible()
    assert not banner.keep_button.isVisible()
