"""The import wizard's data-health actions (issue 16): the Data health… button runs the report of
the server's records of the chosen entity (``importers.health``, nothing written) and shows it in
its tab (``HealthView``: charts and table); the tab's Save as Excel… writes the same report as a
workbook. The pane places the button and the tab; the ops run through the pane."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QPushButton

from studio.i18n import language
from widgets.ops import Op
from widgets.sentences import clause, counted, joined, listed
from widgets.transfer.health_view import HealthView

if TYPE_CHECKING:
    from widgets.transfer.pane import ImportExportPane


class HealthActions(QObject):
    """``button`` (for the pane's bar) and ``view`` (for its tabs), and what they do."""

    view: HealthView

    def __init__(self, pane: ImportExportPane) -> None:
        super().__init__(pane)
        self.pane = pane
        self.button = QPushButton(self.tr("&Data health…"), pane)
        self.button.setObjectName("data_health")
        self.button.setToolTip(
            self.tr(
                "The server's records of this entity through the same checks, nothing written: "
                "the duplicate rate by mobile and the most frequent kinds of dirty data, by owner."
            )
        )
        # Data health…: the report in its tab, no file asked for first; Save as Excel… writes it
        self.button.clicked.connect(lambda: self.report(None))
        self.busy = False
        # Refresh asks the server again: it waits for one (the studio's own starts after the
        # window, a configured one may come later)
        pane.ctx.server_changed.connect(self._enable_refresh)

    def make_view(self) -> HealthView:
        """The Data health tab, made where the pane lays out its tabs, after the bar: the keyboard
        focus goes through a window's widgets in the order they were made."""
        self.view = HealthView(self.pane)
        self.view.save_requested.connect(self.save)
        self.view.refresh_requested.connect(self.refresh)
        return self.view

    def set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.button.setEnabled(not busy)
        self._enable_refresh()

    def has_server(self) -> bool:
        """Whether a CRM server is there to ask (the studio's own, or one configured)."""
        ctx = self.pane.ctx
        return ctx.local_server is not None or bool(ctx.server_url)

    def _enable_refresh(self) -> None:
        server = self.has_server()
        button = self.view.refresh_button
        button.setEnabled(server and not self.busy)
        button.setToolTip(
            ""
            if server
            else self.tr(
                "No CRM server is configured: the report is made again once one is "
                "(STUDIO_SERVER_URL, or the studio's own server)."
            )
        )

    def records_changed(self) -> None:
        """An import or a revert has ended (done, cancelled or failed: each may have written):
        the report shown, if any, is out of date."""
        self.view.mark_stale()
        self._enable_refresh()

    def refresh(self) -> None:
        """The report shown, made again of the same entity's records."""
        entity = self.view.entity
        self.report(None, entity.key if entity is not None else None)

    def save(self) -> None:
        if self.view.health is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self.pane,
            self.tr("Save data-health report"),
            "health.xlsx",
            self.tr("Excel workbook (*.xlsx)"),
        )
        if name:
            self.write(Path(name))

    def write(self, target: Path) -> None:
        """The report shown in the Data health tab, as a workbook at ``target``."""
        pane, view, lang = self.pane, self.view, language()
        if view.health is None or view.entity is None or pane.op is not None:
            return
        entity, health = view.entity, view.health

        def work() -> None:
            from importers.health import write_health_workbook

            write_health_workbook(entity, health, target, lang)

        pane.run_op(
            Op(work, pane),
            lambda _r: pane.summary.setText(
                self.tr("Data-health report written to {path}.").format(path=target.name)
            ),
        )

    def report(self, target: Path | None, entity_key: str | None = None) -> None:
        """The data-health report of the server's records of ``entity_key`` (default: the chosen
        entity), shown in its tab and, with a ``target``, written there as a workbook."""
        pane = self.pane
        if pane.op is not None:
            return  # one op at a time (its button is disabled meanwhile)
        server = pane.server_or_none()
        if server is None:
            pane.summary.setText(
                self.tr("No CRM server to read the records from: configure one first.")
            )
            return
        ws, lang = pane.ctx.workspace, language()
        entity_key = entity_key or pane.entity.currentData() or "customer"

        def work() -> Any:
            from importers.health import data_health, describe_kind, write_health_workbook
            from studio.importing.records_io import fetch_all
            from studio.importing.target import import_target

            found = import_target(ws, entity_key)
            entity = found.entity
            health = data_health(entity, fetch_all(server, entity_key), users=found.bundle.users)
            if target is not None:
                write_health_workbook(entity, health, target, lang)
            return entity, health, [describe_kind(entity, k, lang) for k in health.kinds[:3]]

        def done(result: Any) -> None:
            entity, health, top = result
            self.view.show_health(entity, health, lang)
            pane.tabs.setCurrentWidget(self.view)
            text = self.tr(
                "{records}: duplicate rate by mobile {rate} (line 8 %); most frequent "
                "problems: {top}."
            ).format(
                records=counted(health.records, self.tr("{n} record"), self.tr("{n} records")),
                rate=f"{health.duplicate_rate:.1%}",
                top=listed(
                    (
                        self.tr("{problem} ({count})").format(problem=clause(t), count=k.count)
                        for t, k in zip(top, health.kinds, strict=False)
                    ),
                    lang,
                )
                or "-",
            )
            if target is not None:
                text = joined(text, self.tr("Written to {path}.").format(path=target.name))
            pane.summary.setText(text)

        pane.run_op(Op(work, pane), done)
