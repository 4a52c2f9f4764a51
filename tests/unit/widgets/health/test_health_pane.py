"""The Health pane: status per entity, findings with fixes, charts, and Scan now off the UI thread."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from studio.workspace.connection import open_workspace
from tests.helpers.crm_db import make_crm
from tests.helpers.mariadb import SCAN_PASSWORD, MariaDBDatabase
from widgets.context import StudioContext
from widgets.health.pane import HealthPane

SCREENSHOT = Path("/tmp/scan-health-pane.png")


@pytest.fixture
def ctx(sample_workspace_path: Path) -> Iterator[StudioContext]:
    context = StudioContext(open_workspace(str(sample_workspace_path)), "lin")
    yield context
    context.workspace.close()


def _read(qtbot: QtBot, pane: HealthPane) -> HealthPane:
    """``pane`` once it has read the last kept scan (off the UI thread)."""
    qtbot.addWidget(pane)
    if pane.reading is not None:
        with qtbot.waitSignal(pane.reading.finished, timeout=30_000):
            pass
    return pane


def _statuses(pane: HealthPane) -> dict[str, str]:
    return {e.name: e.status for e in pane.entities}


def test_before_any_scan_the_configuration_decides(qtbot: QtBot, ctx: StudioContext) -> None:
    pane = HealthPane(ctx)
    qtbot.addWidget(pane)
    # The draft arrives from the document's load off the UI thread; the pane hears of it.
    qtbot.waitUntil(lambda: bool(pane.entities), timeout=30_000)
    assert set(_statuses(pane).values()) == {"green"}
    assert "No scan yet" in pane.summary.text()
    assert pane.table.rowCount() == len(ctx.bundle().entities)


def test_scan_now_shows_customer_red_with_the_fix(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    make_crm(url, rows=200, notes_average=800)
    pane = HealthPane(ctx)
    qtbot.addWidget(pane)
    qtbot.waitUntil(lambda: bool(pane.entities), timeout=30_000)  # the draft has loaded
    pane.resize(1200, 800)
    pane.db.setText(url)
    pane.scan_now()
    assert pane.op is not None
    with qtbot.waitSignal(pane.op.finished, timeout=60_000):
        pass
    assert _statuses(pane)["customer"] == "red"
    assert "Red, so frozen: customer" in pane.summary.text()
    assert pane.selected_entity() == "customer"
    html = pane.details.toPlainText()
    assert "column_too_long" in html and "customer.notes" in html
    assert pane.scan_button.isEnabled()
    # The scan was kept: a new pane shows it again (read off the UI thread).
    again = _read(qtbot, HealthPane(ctx))
    assert _statuses(again)["customer"] == "red" and again.db.text().startswith("sqlite://")
    pane.show()
    qtbot.waitExposed(pane)
    assert pane.grab().save(str(SCREENSHOT))


def test_scan_failure_is_said_in_the_pane(qtbot: QtBot, ctx: StudioContext, tmp_path: Path) -> None:
    pane = HealthPane(ctx)
    qtbot.addWidget(pane)
    qtbot.waitUntil(lambda: bool(pane.entities), timeout=30_000)  # the draft has loaded
    pane.db.setText(f"sqlite:///{tmp_path / 'missing.db'}")
    pane.scan_now()
    assert pane.op is not None
    with qtbot.waitSignal(pane.op.finished, timeout=30_000):
        pass
    assert "The scan failed" in pane.summary.text() and "no such file" in pane.summary.text()


def test_cancel_stops_the_scan(qtbot: QtBot, ctx: StudioContext, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    make_crm(url, rows=50, notes_average=40)
    pane = HealthPane(ctx)
    qtbot.addWidget(pane)
    qtbot.waitUntil(lambda: bool(pane.entities), timeout=30_000)  # the draft has loaded
    pane.db.setText(url)
    pane.scan_now()
    assert pane.op is not None
    pane.op.cancel()  # what the dialog's Cancel does
    with qtbot.waitSignal(pane.op.finished, timeout=30_000):
        pass
    assert "cancelled" in pane.summary.text()
    assert pane.report is None


def _texts(plot: object) -> list[str]:
    import pyqtgraph as pg

    return [i.textItem.toPlainText() for i in plot.items if isinstance(i, pg.TextItem)]  # type: ignore[attr-defined]


def test_the_pane_speaks_chinese_and_says_why_a_chart_is_empty(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path
) -> None:
    from PySide6.QtCore import QCoreApplication, QTranslator

    from widgets.settings import set_language_setting
    from widgets.translation import install_translators

    app = QCoreApplication.instance()
    set_language_setting("zh_CN")
    assert install_translators(app) == "zh_CN"  # type: ignore[arg-type]
    try:
        pane = HealthPane(ctx)
        qtbot.addWidget(pane)
        qtbot.waitUntil(lambda: bool(pane.entities), timeout=30_000)
        assert pane.details.toPlainText() == "没有发现问题：该实体未越过任何红线。"
        # before any scan the length and trend charts say why they are empty
        assert _texts(pane.lengths.widget.getPlotItem()) == [
            "扫描 CRM 数据库后，这里显示各列的长度。"
        ]
        assert _texts(pane.trend.widget.getPlotItem()) == ["保存过扫描后，这里显示趋势。"]
        legend = pane.counts.widget.getPlotItem().legend
        assert [label.text for _, label in legend.items] == ["字段数", "可搜索字段数"]
        # the entity's label is shown whole, not elided
        pane.resize(1200, 800)
        pane.show()
        qtbot.waitExposed(pane)
        first = pane.table.item(0, 0)
        width = pane.table.fontMetrics().horizontalAdvance(first.text())
        assert pane.table.columnWidth(0) > width
        url = f"sqlite:///{tmp_path / 'crm.db'}"
        make_crm(url, rows=50, notes_average=800)
        pane.db.setText(url)
        pane.scan_now()
        assert pane.op is not None
        with qtbot.waitSignal(pane.op.finished, timeout=60_000):
            pass
        assert _texts(pane.trend.widget.getPlotItem()) == []
        # one scan: the time axis spans at least a day, not fractions of a second
        (low, high), _ = pane.trend.widget.getPlotItem().viewRange()
        assert high - low >= 86_400
        assert "customer.notes" in [
            name
            for ticks in pane.lengths.widget.getAxis("left")._tickLevels or []
            for _, name in ticks
        ]
    finally:
        for t in app.findChildren(QTranslator):  # type: ignore[union-attr]
            app.removeTranslator(t)  # type: ignore[union-attr]
        set_language_setting("system")


def test_the_admin_maps_a_table_named_otherwise_and_the_scan_uses_it(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    from widgets.health.mapping_dialog import MappingDialog

    db = tmp_path / "crm.db"
    url = f"sqlite:///{db}"
    make_crm(url, rows=200, notes_average=800)
    with sqlite3.connect(db) as conn:  # this CRM calls its customer table tbl_cust
        conn.execute("alter table customer rename to tbl_cust")
        conn.execute("alter table tbl_cust rename column notes to remark")
    pane = HealthPane(ctx)
    qtbot.addWidget(pane)
    qtbot.waitUntil(lambda: bool(pane.entities), timeout=30_000)
    assert not pane.map_button.isEnabled()  # nothing to map before a scan
    pane.db.setText(url)
    pane.scan_now()
    assert pane.op is not None
    with qtbot.waitSignal(pane.op.finished, timeout=60_000):
        pass
    assert _statuses(pane)["customer"] == "green"  # its table was not found: nothing measured
    assert pane.map_button.isEnabled()

    def choose(dialog: MappingDialog) -> MappingDialog.DialogCode:
        box = dialog.table_boxes["customer"]
        box.setCurrentIndex(box.findData("tbl_cust"))
        row = next(
            r
            for r in range(dialog.entities.rowCount())
            if dialog.entities.item(r, 0).data(0x0100) == "customer"
        )
        dialog.entities.selectRow(row)
        notes = dialog.column_boxes["notes"]
        assert notes.findData("remark") > 0  # the chosen table's columns are offered
        notes.setCurrentIndex(notes.findData("remark"))
        return MappingDialog.DialogCode.Accepted

    monkeypatch.setattr(MappingDialog, "exec", choose)
    pane.edit_mapping()
    with qtbot.waitSignal(pane.op.finished, timeout=60_000):
        pass
    assert _statuses(pane)["customer"] == "red"
    text = pane.details.toPlainText()
    assert text.startswith("column_too_long notes") and "tbl_cust.remark" in text
    # saved with the database: a scan from a new pane uses it without asking
    again = _read(qtbot, HealthPane(ctx))
    again.scan_now()
    assert again.op is not None
    with qtbot.waitSignal(again.op.finished, timeout=60_000):
        pass
    assert _statuses(again)["customer"] == "red"


def test_the_column_names_of_the_length_chart_can_be_read_at_1366(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path
) -> None:
    """At 1366x768 the names of the longest columns were printed over each other under the
    bars ("customer.extrastomer.emailstomer.mobil…"): each name has a line of its own now."""
    url = f"sqlite:///{tmp_path / 'crm.db'}"
    make_crm(url, rows=50, notes_average=800)
    pane = HealthPane(ctx)
    qtbot.addWidget(pane)
    qtbot.waitUntil(lambda: bool(pane.entities), timeout=30_000)
    pane.resize(1176, 700)  # the pane's room in a 1366x768 window
    pane.show()
    qtbot.waitExposed(pane)
    pane.db.setText(url)
    pane.scan_now()
    assert pane.op is not None
    with qtbot.waitSignal(pane.op.finished, timeout=60_000):
        pass
    qtbot.wait(50)
    axis = pane.lengths.widget.getAxis("left")
    names = [name for ticks in axis._tickLevels or [] for _, name in ticks]
    assert "customer.notes" in names and len(names) >= 5
    fm = pane.fontMetrics()
    # Room for the longest name beside the bars, and a line of its own for each name.
    assert axis.width() >= max(fm.horizontalAdvance(n) for n in names)
    view = pane.lengths.widget.getPlotItem().getViewBox()
    pitch = view.mapViewToDevice(pg_point(0, 1)).y() - view.mapViewToDevice(pg_point(0, 0)).y()
    assert abs(pitch) >= fm.height()


def pg_point(x: float, y: float):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QPointF

    return QPointF(x, y)


def _scan_asking_for_the_password(
    qtbot: QtBot, ctx: StudioContext, mariadb_db: MariaDBDatabase
) -> HealthPane:
    """The Health pane scanning a CRM database whose user has a password the keyring lacks,
    once it asks for the password."""
    make_crm(
        f"mysql+pymysql://root@localhost/{mariadb_db.name}?unix_socket={mariadb_db.server.socket}",
        rows=20,
        notes_average=20,
    )
    pane = HealthPane(ctx)
    qtbot.addWidget(pane)
    qtbot.waitUntil(lambda: bool(pane.entities), timeout=30_000)
    pane.db.setText(mariadb_db.scan_url)
    pane.scan_now()
    qtbot.waitUntil(lambda: pane.password_dialog is not None, timeout=60_000)
    return pane


def test_a_database_that_asks_for_a_password_is_asked_for_it_once(
    qtbot: QtBot, ctx: StudioContext, mariadb_db: MariaDBDatabase
) -> None:
    """The scan's password comes from the keyring, and the studio had no way to put it there:
    a CRM database with a password could not be scanned from the Health pane at all."""
    pane = _scan_asking_for_the_password(qtbot, ctx, mariadb_db)
    dialog = pane.password_dialog
    assert dialog is not None and dialog.isVisible()
    assert "refused the sign-in" in dialog.labelText() and "keyring" in dialog.labelText()
    assert SCAN_PASSWORD not in dialog.labelText()
    dialog.setTextValue(SCAN_PASSWORD)
    dialog.accept()
    qtbot.waitUntil(lambda: pane.report is not None, timeout=60_000)
    assert pane.report.scan.url.endswith(mariadb_db.name)  # type: ignore[union-attr]
    assert SCAN_PASSWORD not in pane.summary.text() and SCAN_PASSWORD not in pane.db.text()
    # Kept in the keyring: the next scan signs in without asking.
    pane.password_dialog = None
    pane.scan_now()
    assert pane.op is not None
    with qtbot.waitSignal(pane.op.finished, timeout=60_000):
        pass
    assert pane.password_dialog is None and "tables" in pane.summary.text()


def test_a_mistyped_password_is_not_kept_and_is_asked_for_again(
    qtbot: QtBot, ctx: StudioContext, mariadb_db: MariaDBDatabase
) -> None:
    """The password typed was kept in the keyring before the database had accepted it: a typo
    stayed there, and every later scan signed in with it first."""
    import keyring

    from studio.scan.connect import redact
    from studio.scan.service import KEYRING_SERVICE

    pane = _scan_asking_for_the_password(qtbot, ctx, mariadb_db)
    first = pane.password_dialog
    assert first is not None
    first.setTextValue("Typo-pw-2291")
    first.accept()
    qtbot.waitUntil(
        lambda: pane.password_dialog is not first and pane.password_dialog is not None,
        timeout=60_000,
    )
    assert keyring.get_password(KEYRING_SERVICE, redact(mariadb_db.scan_url)) is None
    assert "Typo-pw-2291" not in pane.summary.text()
    second = pane.password_dialog
    assert second is not None and "with the password given" in second.labelText()
    second.reject()
