"""The import wizard's To review tab (issue 16): the pairs of rows that are likely the same
person, each field's agreement coloured (``ReviewModel``), and Not the same person, which
remembers the selected pairs for this entity (``studio.importing.decisions``), so that they are
not asked again on later imports, and takes them off the list (``said_apart``: the pane sums the
check up again). The op runs through the pane."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QVBoxLayout, QWidget

from importers.pipeline import Plan, roles
from widgets.ops import Op
from widgets.transfer.models import ReviewModel, table_view

if TYPE_CHECKING:
    from widgets.transfer.pane import ImportExportPane


class ReviewPage(QWidget):
    """``view`` of ``model`` (the pairs to review) and the Not the same person button."""

    # Pairs were said apart and left the list of the plan it shows.
    said_apart = Signal()

    def __init__(self, pane: ImportExportPane) -> None:
        super().__init__(pane)
        self.pane = pane
        self.model = ReviewModel(pane)
        self.view = table_view(self.model, self)
        for column, width in ((0, 120), (1, 60), (2, 220), (3, 260), (4, 320)):
            self.view.setColumnWidth(column, width)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.not_same_button = QPushButton(self.tr("&Not the same person"), self)
        self.not_same_button.setToolTip(
            self.tr("Remembered: this pair is not asked again on later imports.")
        )
        self.not_same_button.clicked.connect(self.not_same)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        layout.addWidget(self.not_same_button)

    def set_enabled(self, enabled: bool) -> None:
        """Not the same person, when a check stands, nothing runs and a pair is selected."""
        self.not_same_button.setEnabled(enabled and self.view.selectionModel().hasSelection())

    def not_same(self) -> None:
        """The selected review pairs are two people each: remembered for later imports, and
        off the review list now (a pair left to a person is never merged, so nothing else of
        the check changes and it need not run again)."""
        plan = self.pane.plan
        if plan is None:
            return
        selection = self.view.selectionModel()
        rows = sorted({i.row() for i in selection.selectedRows()}) if selection else []
        if not rows:
            return
        items = [self.model.row_at(r) for r in rows]
        # (row, row) within the workbook; (row, record key) with a record on the server
        pairs = {tuple(pair[:2]) for pair, _evidence, _record in items}
        from importers.read import ROW
        from studio.importing.existing import fingerprints

        role = roles(plan.entity, plan.mapping.by_field())

        def fp(values: dict[str, Any]) -> str:
            # the one way a decision names a person, as the check and the import read it
            return fingerprints([values], role)[0]

        def row_fp(row: int) -> str:
            return fp(plan.values.filter(plan.values[ROW] == row).to_dicts()[0])

        ws, entity = self.pane.ctx.workspace, plan.entity.key
        decided = [
            (row_fp(pair[0]), fp(record) if record is not None else row_fp(pair[1]))
            for pair, _evidence, record in items
        ]

        def work() -> None:
            from studio.importing.decisions import remember_not_same

            for first, second in decided:
                remember_not_same(ws, entity, first, second)

        self.pane.run_op(Op(work, self.pane, writes=True), lambda _r: self._said_apart(plan, pairs))

    def _said_apart(self, plan: Plan, pairs: set[tuple[int, ...]]) -> None:
        if self.pane.plan is not plan:
            return  # checked anew meanwhile: that check read the decisions itself
        kept = [
            (pair, evidence)
            for pair, evidence in zip(plan.review_pairs, plan.review_evidence, strict=True)
            if tuple(pair[:2]) not in pairs
        ]
        plan.review_pairs = [pair for pair, _ in kept]
        plan.review_evidence = [evidence for _, evidence in kept]
        evidence = plan.existing_evidence or [{} for _ in plan.existing_review]
        kept_existing = [
            (pair, e)
            for pair, e in zip(plan.existing_review, evidence, strict=True)
            if tuple(pair[:2]) not in pairs
        ]
        plan.existing_review = [pair for pair, _ in kept_existing]
        plan.existing_evidence = [e for _, e in kept_existing]
        self.model.show(plan, self.pane.existing)
        self.said_apart.emit()
