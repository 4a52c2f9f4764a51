"""The wizard's Check step shows every change cleaning made, in a table of its own: the column,
the kind of change, how many values, and examples as written -> as stored; in English and in
Chinese (issue 16: "each change counted and shown, never silent")."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from studio import i18n
from tests.helpers.workbooks import CLEANING_SAMPLE, write_xlsx
from tests.unit.widgets.transfer.conftest import checked_pane
from widgets.context import StudioContext
from widgets.settings import set_language_setting
from widgets.transfer.pane import ImportExportPane
from widgets.translation import install_translators


def _texts(pane: ImportExportPane) -> list[list[str]]:
    model = pane.changes
    return [
        [model.data(model.index(r, c)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_the_check_step_lists_each_change_with_its_count_and_examples(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path
) -> None:
    pane = checked_pane(qtbot, ctx, write_xlsx(tmp_path / "客户.xlsx", CLEANING_SAMPLE))
    rows = _texts(pane)
    mobiles = next(r for r in rows if r[1] == "Mobiles written as 11 digits")
    assert mobiles[0] == "手机 → Mobile" and mobiles[2] == "3"
    assert "+86 138-0013-8000 → 13800138000" in mobiles[3]
    assert "１３８００１３８０００ → 13800138000" in mobiles[3]
    landline = next(r for r in rows if r[1] == "Landlines kept beside the record")
    assert landline[3] == "0571-88886666 → (kept beside the record)"
    assert any(r[1] == "Mail domain typos corrected" and "qq.con" in r[3] for r in rows)
    mismatch = next(r for r in rows if r[1].startswith("Places that do not lie"))
    assert (
        mismatch[2] == "1"
        and mismatch[3] == "left as written; rows 4"
        and pane.changes.color(pane.changes.row_at(rows.index(mismatch)), 0)
    )
    # no rejection, no pair to review: the Check step opens on the changes, their total in the tab
    assert pane.tabs.currentIndex() == pane.changes_tab
    total = sum(c.count for c in pane.changes._rows if not c.finding)
    assert pane.tabs.tabText(pane.changes_tab) == f"Changes made ({total})"
    pane.resize(1300, 850)
    pane.show()
    qtbot.waitExposed(pane)
    assert pane.grab().save("/tmp/import-changes-en.png")


def test_the_changes_are_shown_in_chinese(qtbot: QtBot, ctx: StudioContext, tmp_path: Path) -> None:
    app = QApplication.instance()
    set_language_setting("zh_CN")
    assert install_translators(app) == "zh_CN"  # type: ignore[arg-type]
    i18n.set_language("zh_CN")
    try:
        pane = checked_pane(qtbot, ctx, write_xlsx(tmp_path / "客户.xlsx", CLEANING_SAMPLE))
        rows = _texts(pane)
        mobiles = next(r for r in rows if r[1] == "手机号规范为 11 位")
        assert mobiles[0] == "手机 → 手机号" and mobiles[2] == "3"
        landline = next(r for r in rows if r[1] == "座机号另行保留在记录旁")
        assert landline[3] == "0571-88886666 → （另行保留在记录旁）"
        assert any(r[1] == "繁体改为简体" and "張三" in r[3] for r in rows)
        assert pane.tabs.tabText(pane.changes_tab).startswith("所做的修改")
        header = pane.changes.headerData(3, pane.changes_view.horizontalHeader().orientation())
        assert header == "示例（原文 → 存储为）"
        # the summary's sentences follow each other as Chinese ones do: no space after "。"
        summary = pane.summary.text()
        # no server in this test: said, with what it means for Import
        assert "未配置 CRM 服务器：只检查了工作簿本身；导入需要服务器。" in summary, summary
        assert "。 " not in summary, summary
        pane.resize(1300, 850)
        pane.show()
        qtbot.waitExposed(pane)
        assert pane.grab().save("/tmp/import-changes-zh_CN.png")
    finally:
        i18n.set_language("en")
        for t in app.findChildren(QTranslator):  # type: ignore[union-attr]
            app.removeTranslator(t)  # type: ignore[union-attr]
        set_language_setting("system")
