"""The import wizard's To review tab (issue 16): the pairs of rows that are likely the same
person, each field's agreement coloured (``ReviewModel``), and Not the same person, which
remembers the selected pair for this entity (``studio.importing.decisions``), so that it is not
asked again on later imports, and checks the workbook again. The op runs through the pane."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from importers.pipeline import roles
from widgets.ops import Op
from widgets.transfer.models import ReviewModel, table_view

if TYPE_CHECKING:
    from widgets.transfer.pane import ImportExportPane


class ReviewPage(QWidget):
    """``view`` of ``model`` (the pairs to review) and the Not the same person button."""

    def __init__(self, pane: ImportExportPane) -> None:
        super().__init__(pane)
        self.pane = pane
        self.model = ReviewModel(pane)
        self.view = table_view(self.model, self)
        for column, width in ((0, 80), (1, 60), (2, 220), (3, 260), (4, 320)):
            self.view.setColumnWidth(column, width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.not_same_button = QPushButton(self.tr("Not the same person"), self)
        self.not_same_button.setToolTip(
            self.tr("Remembered: this pair is not asked again on later imports.")
        )
        self.not_same_button.clicked.connect(self.not_same)
        layout.addWidget(self.not_same_button)

    def set_enabled(self, enabled: bool) -> None:
        self.not_same_button.setEnabled(enabled)

    def not_same(self) -> None:
        """Remember the selected pair as two people, then check the workbook again."""
        plan = self.pane.plan
        if plan is None:
            return
        selection = self.view.selectionModel()
        rows = selection.selectedRows() if selection else []
        if not rows:
            return
        (a, b, _s), _ev = self.model.row_at(rows[0].row())
        from importers import link
        from importers.read import ROW

        role = roles(plan.entity, plan.mapping.by_field())

        def fp(row: int) -> str:
            values = plan.values.filter(plan.values[ROW] == row).to_dicts()[0]
            return link.fingerprint(
                values.get(role.get("name", "")),
                values.get(role.get("mobile", "")),
                values.get(role.get("email", "")),
            )

        ws, entity = self.pane.ctx.workspace, plan.entity.key
        first, second = fp(a), fp(b)

        def work() -> None:
            from studio.importing.decisions import remember_not_same

            remember_not_same(ws, entity, first, second)

        # checked again once this op has ended (``check`` refuses to start while one runs)
        self.pane.run_op(
            Op(work, self.pane, writes=True), lambda _r: QTimer.singleShot(0, self.pane.check)
        )
