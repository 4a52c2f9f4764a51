"""Issue 19: the designer said "no problems" while Changes › Draft vs live showed an error and
blocked submit (and its impact line said every server record had a value). One set of findings:
the same rules over the same inputs (the live release as it is now, the server's record counts
when known), shown in both places."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from studio.op_changes import OpChanges
from studio.workspace.connection import Workspace
from tests.helpers.impact import load_customers
from tests.helpers.server import LiveServer
from tests.unit.widgets.changes.conftest import SIGNAL_TIMEOUT, record_release
from widgets.changes.pane import ChangesPane
from widgets.context import StudioContext
from widgets.entities.pane import EntitiesPane

REQUIRED = "required_no_default_existing_records"


def _codes(findings: list) -> list[tuple[str, str, str]]:  # type: ignore[type-arg]
    """The findings as (code, entity, field), leaving out the non-blocking notes about roles and
    accounts: the Entities pane leaves those to the Permissions pane (issue 14), from the same
    set."""
    from studio.lint.permissions import CODES as PERMISSION_CODES

    rows = []
    for f in findings:
        code, severity = (
            (f["code"], f["severity"])
            if isinstance(f, dict)
            else (
                f.code,
                f.severity.value,
            )
        )
        if code in PERMISSION_CODES and severity != "error":
            continue
        entity = f.get("entity") if isinstance(f, dict) else f.entity
        field = f.get("field") if isinstance(f, dict) else f.field
        rows.append((code, entity or "", field or ""))
    return sorted(rows)


def test_the_designer_and_changes_show_the_same_findings(
    qtbot: QtBot,
    ws: Workspace,
    ctx: StudioContext,
    pane: ChangesPane,
    live_server: LiveServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("STUDIO_SERVER_URL", raising=False)
    designer = EntitiesPane(ctx)
    qtbot.addWidget(designer)
    designer.show()
    qtbot.waitUntil(lambda: bool(designer.doc.bundle.entities), timeout=SIGNAL_TIMEOUT)
    # v1 goes live after the designer read the draft: the designer judges against it too.
    record_release(ws, 1)
    with qtbot.waitSignal(designer.doc.changed, timeout=SIGNAL_TIMEOUT):
        ctx.notify(OpChanges(releases=True, requests=True))
    assert designer.doc.live is not None

    designer.select_entity("customer")
    with qtbot.waitSignal(
        designer.doc.save_state,
        timeout=SIGNAL_TIMEOUT,
        check_params_cb=lambda state, _m: state == "saved",
    ):
        designer.fields.edit_field("company", {"required": True})
    qtbot.waitUntil(lambda: REQUIRED in [c for c, _e, _f in _codes(designer.findings)])
    with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
        pane.reload()
    assert _codes(designer.findings) == _codes(pane.snapshot.draft.findings)  # type: ignore[union-attr]
    assert not pane.submit_button.isEnabled()

    # The server counts its records: every customer has a company, so nobody's save breaks.
    load_customers(
        live_server,
        [{"mobile": "13800000001", "name": "张三", "company": "杭州云栖科技有限公司"}],
    )
    monkeypatch.setenv("STUDIO_SERVER_TOKEN", live_server.token)
    ctx.server_url = live_server.base_url
    with qtbot.waitSignal(ctx.checks.changed, timeout=SIGNAL_TIMEOUT):
        ctx.server_changed.emit()
    qtbot.waitUntil(lambda: ctx.checks.server is not None, timeout=SIGNAL_TIMEOUT)
    qtbot.waitUntil(
        lambda: REQUIRED not in [c for c, _e, _f in _codes(designer.findings)],
        timeout=SIGNAL_TIMEOUT,
    )
    with qtbot.waitSignal(pane.loaded, timeout=SIGNAL_TIMEOUT):
        pane.reload()
    assert _codes(designer.findings) == _codes(pane.snapshot.draft.findings)  # type: ignore[union-attr]
    assert REQUIRED not in [c for c, _e, _f in _codes(pane.snapshot.draft.findings)]  # type: ignore[union-attr]
    assert pane.submit_button.isEnabled()
