"""The History tab: every confirmed release (author, approvers, time) and its diff to the one
before; the Changes pane owns "Roll back to this version…" (a change request like any other)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from studio.changes.history import ReleaseView, release_diff
from studio.i18n import name_list
from widgets.changes.details import ChangeDetails
from widgets.changes.table_models import HistoryModel, make_table_view, reselect, table_over_details
from widgets.context import StudioContext

#: ``run(fn, done)``: the pane's way of running core calls off the UI thread.
Runner = Callable[[Callable[[], Any], Callable[[Any], None]], Any]


class HistoryTab(QWidget):
    def __init__(self, ctx: StudioContext, run: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._run = run
        self.model = HistoryModel(self)
        self.table = make_table_view(self, "history_table", self.model)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.rollback_button = QPushButton(self.tr("Roll &back to this version…"), self)
        self.rollback_button.setObjectName("rollback")
        buttons = QHBoxLayout()
        buttons.addWidget(self.status, 1)
        buttons.addWidget(self.rollback_button)
        self.details = ChangeDetails(self)
        self.details.findings_view.hide()
        self.details.findings_title.hide()
        splitter = table_over_details(self, self.table, self.details)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(splitter, 1)
        self.table.selectionModel().selectionChanged.connect(self._selected)

    def set_releases(self, releases: list[ReleaseView]) -> None:
        """Show ``releases`` (newest first), keeping the selected version selected."""
        selected = self.selected_release()
        self.model.set_rows(releases)
        reselect(self.table, [r.version for r in releases], selected and selected.version)
        self._selected()

    def selected_release(self) -> ReleaseView | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_at(rows[0].row()) if rows else None

    def _selected(self, *_args: Any) -> None:
        rel = self.selected_release()
        self.rollback_button.setEnabled(rel is not None and rel.version != self.model.live_version)
        if rel is None:
            self.status.setText(self.tr("No release is live yet."))
            self.details.clear()
            return
        self.status.setText(
            self.tr("v%1 by %2, approved by %3; fingerprint %4.")
            .replace("%1", str(rel.version))
            .replace("%2", rel.author)
            .replace("%3", str(name_list(rel.approvers)) or "—")
            .replace("%4", rel.bundle_sha256[:12])
        )
        ws, version = self.ctx.workspace, rel.version
        self._run(lambda: (version, release_diff(ws, version)), self._show_diff)

    def _show_diff(self, result: tuple[int, dict[str, Any]]) -> None:
        version, diff = result
        rel = self.selected_release()
        if rel is not None and rel.version == version:  # still the one selected
            self.details.show_change(diff, [], [])
