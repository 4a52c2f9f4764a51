"""The import's and the revert's progress dialogs say their steps in the user's language (a
Chinese admin read the raw step words ``create`` and ``done`` there)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from studio.importing import run as import_run
from tests.helpers.server import run_server
from tests.helpers.workbooks import write_xlsx
from tests.unit.widgets.helpers import in_language
from tests.unit.widgets.transfer.conftest import make_pane, wait_op
from widgets.context import StudioContext
from widgets.transfer.pane import ImportExportPane

ROWS = [["客户名称", "手机", "邮箱"]] + [
    [f"客户{i}", f"1380013{i:04d}", f"c{i}@example.com"] for i in range(3)
]


def test_the_import_dialog_says_its_steps_in_chinese(
    qtbot: QtBot, ctx: StudioContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with in_language("zh_CN"):
        pane = make_pane(qtbot, ctx)
        with run_server(data_dir=tmp_path / "server", approvers=None) as server:
            ctx.server_url = server.base_url
            monkeypatch.setenv("STUDIO_SERVER_TOKEN", server.token)
            pane.open_file(write_xlsx(tmp_path / "客户.xlsx", ROWS))
            wait_op(qtbot, pane)

            # the first request waits until the test has read the dialog
            sending, seen = threading.Event(), threading.Event()
            real_post = import_run._post

            def post(*args: Any, **kwargs: Any) -> Any:
                if not sending.is_set():
                    sending.set()
                    assert seen.wait(30)
                return real_post(*args, **kwargs)

            monkeypatch.setattr(import_run, "_post", post)
            labels: list[str] = []
            pane.run_import()
            dialog = pane.dialog
            assert dialog is not None and pane.op is not None
            pane.op.progressed.connect(lambda *_a: labels.append(dialog.labelText()))
            qtbot.waitUntil(sending.is_set, timeout=30_000)
            qtbot.waitUntil(lambda: bool(labels), timeout=30_000)
            assert labels[0] == "正在创建新记录…", labels
            seen.set()
            wait_op(qtbot, pane)
            assert labels[-1] == "导入完成。", labels
            assert not any(w in labels for w in ("create", "update", "done")), labels
            assert "3" in pane.summary.text()


@pytest.mark.parametrize(
    ("lang", "steps"),
    [
        (
            "en",
            {
                "create": "Creating the new records…",
                "update": "Updating the existing records…",
                "done": "Import done.",
            },
        ),
        (
            "zh_CN",
            {"create": "正在创建新记录…", "update": "正在更新已有记录…", "done": "导入完成。"},
        ),
    ],
)
def test_every_step_word_of_the_import_has_its_text(
    qtbot: QtBot, ctx: StudioContext, lang: str, steps: dict[str, str]
) -> None:
    with in_language(lang):
        pane = ImportExportPane(ctx)
        qtbot.addWidget(pane)
        assert pane.import_steps() == steps
