"""The "Replay on real records" tab of the automation pane: the draft's rules (saved or not)
replayed over the server's recent records or a workbook, off the UI thread with progress and
cancel (``studio.client.replay.replay_bundles``, ``widgets.ops``), shown headline first."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from widgets.automation.replay_view import ReplayView
from widgets.ops import Op, OpProgressDialog

if TYPE_CHECKING:
    from widgets.automation.pane import AutomationPane


class ReplayTab(QWidget):
    """``run_replay()``; ``op``/``dialog``: the replay running or last run."""

    def __init__(self, pane: AutomationPane) -> None:
        super().__init__(pane)
        self.pane = pane
        self.op: Op | None = None
        self.dialog: OpProgressDialog | None = None
        self.sample: Path | None = None
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.window_box = QComboBox(self)
        self.window_box.setObjectName("replay_window")
        for days in (7, 30, 90):
            # 7, 30 or 90: never one day
            self.window_box.addItem(self.tr("Last {n} days").format(n=days), days)
        self.window_box.setCurrentIndex(1)
        self.replay_button = QPushButton(self.tr("Replay the draft's rules"), self)
        self.replay_button.setObjectName("replay_run")
        self.replay_button.clicked.connect(self.run_replay)
        pick = QPushButton(self.tr("Use a workbook…"), self)
        pick.setObjectName("replay_workbook")
        pick.clicked.connect(self.pick_workbook)
        self.source = QLabel(self.tr("Records: the server's, of the chosen window"), self)
        row.addWidget(self.window_box)
        row.addWidget(pick)
        row.addWidget(self.source, 1)
        row.addWidget(self.replay_button)
        layout.addLayout(row)
        self.replay_view = ReplayView(self)
        layout.addWidget(self.replay_view, 1)

    def pick_workbook(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Records to replay"), "", self.tr("Workbooks (*.xlsx)")
        )
        self.sample = Path(path) if path else None
        self.source.setText(
            self.tr("Records: %1").replace("%1", path)
            if path
            else self.tr("Records: the server's, of the chosen window")
        )

    def run_replay(self) -> None:
        """Replay the draft's rules as the document holds them (saved or not) off the UI thread."""
        from datetime import timedelta

        from studio.client.replay import replay_bundles

        ctx = self.pane.ctx
        ws, live, draft = ctx.workspace, ctx.document.live, self.pane.bundle
        window = timedelta(days=int(self.window_box.currentData()))
        sample = self.sample

        def work(progress: Any) -> Any:
            return replay_bundles(ws, live, draft, window=window, sample=sample, progress=progress)

        self.replay_button.setEnabled(False)
        self.op = Op(work, self, progress=True)
        self.dialog = OpProgressDialog(self.op, self.tr("Replaying recent records…"), self)
        self.op.succeeded.connect(self._replayed)
        self.op.failed.connect(self.replay_view.set_problem)
        self.op.cancelled.connect(self.replay_view.set_problem)
        self.op.finished.connect(lambda: self.replay_button.setEnabled(True))
        self.op.start()

    def _replayed(self, run: Any) -> None:
        if run is None:
            self.replay_view.set_problem(
                self.tr("The draft changes no automation rules: nothing to replay.")
            )
            return
        self.replay_view.set_document(run.to_json())
