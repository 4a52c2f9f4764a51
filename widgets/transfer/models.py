"""The import wizard's tables (Qt model/view): rejected rows, the review list, duplicate groups,
the changes cleaning made; and the one look of their views (``table_view``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QAbstractItemView, QTableView, QWidget

from importers.change_examples import ChangeRow, as_shown
from importers.clean_codes import LANDLINE
from importers.pipeline import Plan
from importers.plan_steps import Rejection
from importers.read import ROW
from studio.i18n import name_list
from studio.i18n.importing import change_kind_name
from widgets.sentences import listed
from widgets.table_base import ListTableModel

Index = QModelIndex | QPersistentModelIndex
# How a field's agreement is coloured in the review list.
AGREEMENT_COLOURS = {"same": "#c8ebc8", "close": "#fbe7a1", "different": "#f4b6b6"}


def table_view(model: Any, parent: QWidget) -> QTableView:
    """A view of one of the wizard's tables: whole rows selected, the last column stretched."""
    view = QTableView(parent)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.horizontalHeader().setStretchLastSection(True)
    view.verticalHeader().setVisible(False)
    return view


class RejectionsModel(ListTableModel):
    """One row per rejected row: its number and its reasons."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.plan: Plan | None = None
        self.lang = "en"

    def show(self, plan: Plan, lang: str) -> None:
        self.plan, self.lang = plan, lang
        self.set_rows(plan.rejections)

    def header_texts(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("ImportPane", "Row"),
            QCoreApplication.translate("ImportPane", "Why it was rejected"),
        )

    def cell(self, item: Rejection, column: int) -> str:
        if column == 0:
            return str(item.row)
        assert self.plan is not None
        return listed(item.reasons(self.plan.entity, self.lang), self.lang)


class ReviewModel(ListTableModel):
    """Pairs that may be one record, both sides side by side, each field's agreement coloured
    (green the same, yellow close, red different): two rows of the workbook, or a row and a
    record the server holds already (its side said so: it was nowhere on screen).

    An item is ``(pair, evidence, record)``: ``pair`` is ``(row, row, score)`` with ``record``
    ``None``, or ``(row, record key, score)`` with ``record`` the server's record."""

    FIELDS = ("name", "mobile", "email", "company")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.values: dict[int, dict[str, Any]] = {}

    def show(self, plan: Plan, existing: dict[str, dict[str, Any]] | None = None) -> None:
        existing = existing or {}
        wanted = {r for a, b, _s in plan.review_pairs for r in (a, b)}
        wanted |= {r for r, _k, _s in plan.existing_review}
        self.values = {
            row[ROW]: row
            for row in plan.values.filter(plan.values[ROW].is_in(list(wanted))).iter_rows(
                named=True
            )
        }
        inside = [
            (p, e, None) for p, e in zip(plan.review_pairs, plan.review_evidence, strict=True)
        ]
        evidence = plan.existing_evidence or [{} for _ in plan.existing_review]
        with_server = [
            (p, e, existing.get(p[1], {}))
            for p, e in zip(plan.existing_review, evidence, strict=True)
        ]
        self.set_rows(inside + with_server)

    def header_texts(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("ImportPane", "Rows"),
            QCoreApplication.translate("ImportPane", "Score"),
            QCoreApplication.translate("ImportPane", "Name"),
            QCoreApplication.translate("ImportPane", "Mobile"),
            QCoreApplication.translate("ImportPane", "E-mail"),
            QCoreApplication.translate("ImportPane", "Company"),
        )

    def cell(self, item: Any, column: int) -> str:
        (a, b, score), _evidence, record = item
        if column == 0:
            if record is not None:
                return QCoreApplication.translate("ImportPane", "{row} / on the server").format(
                    row=a
                )
            return f"{a} / {b}"
        if column == 1:
            return f"{score:.2f}"
        field = self.FIELDS[column - 2]
        left = self.values.get(a, {}).get(field) or "—"
        right = (record if record is not None else self.values.get(b, {})).get(field) or "—"
        return f"{left}  |  {right}"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.BackgroundRole and index.isValid() and index.column() >= 2:
            _pair, evidence, _record = self.row_at(index.row())
            colour = AGREEMENT_COLOURS.get(evidence.get(self.FIELDS[index.column() - 2], ""))
            return QBrush(QColor(colour)) if colour else None
        return super().data(index, role)


class GroupsModel(ListTableModel):
    """Groups of rows merged into one record, and who they are: rows of the workbook together,
    or rows merged into a record the server holds already (listed too: they were counted as
    merged, and shown nowhere). An item is ``(rows, existing record or None)``."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.names: dict[int, str] = {}
        self.name_field: str | None = None

    def show(
        self,
        plan: Plan,
        name_field: str | None,
        existing: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        self.name_field = name_field
        if name_field is not None and name_field in plan.values.columns:
            self.names = dict(
                zip(plan.values[ROW].to_list(), plan.values[name_field].to_list(), strict=True)
            )
        existing = existing or {}
        self.set_rows(
            [(list(g), None) for g in plan.groups]
            + [(list(rows), existing.get(key, {})) for rows, key, _s in plan.existing_merges]
        )

    def header_texts(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("ImportPane", "Rows merged into one record"),
            QCoreApplication.translate("ImportPane", "Names as written"),
        )

    def cell(self, item: tuple[list[int], dict[str, Any] | None], column: int) -> str:
        rows, record = item
        if column == 0:
            listed_rows = ", ".join(str(r) for r in rows)
            if record is None:
                return listed_rows
            return QCoreApplication.translate(
                "ImportPane", "{rows} → a record on the server"
            ).format(rows=listed_rows)
        names = [str(self.names.get(r) or "") for r in rows]
        if record is not None and self.name_field is not None:
            names.append(str(record.get(self.name_field) or ""))
        return " / ".join(dict.fromkeys(n for n in names if n))


class ChangesModel(ListTableModel):
    """What cleaning changed, one kind of change on one column a row: the column and its field,
    the kind, how many values, and examples as written -> as stored. A finding that changed
    nothing (a city outside its province) is shown too, in the warning colour."""

    FINDING_COLOUR = "#9a6700"

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.plan: Plan | None = None
        self.lang = "en"

    def show(self, plan: Plan, rows: list[ChangeRow], lang: str) -> None:
        self.plan, self.lang = plan, lang
        self.set_rows(rows)

    def header_texts(self) -> tuple[str, ...]:
        return (
            QCoreApplication.translate("ImportPane", "Column"),
            QCoreApplication.translate("ImportPane", "Change"),
            QCoreApplication.translate("ImportPane", "Values"),
            QCoreApplication.translate("ImportPane", "Examples (as written → as stored)"),
        )

    def cell(self, item: ChangeRow, column: int) -> str:
        if column == 0:
            fd = self.plan.entity.field(item.field) if self.plan is not None else None
            label = fd.label.text(self.lang) if fd is not None else item.field
            return item.header if item.header == label else f"{item.header} → {label}"
        if column == 1:
            return change_kind_name(item.kind, self.lang)
        if column == 2:
            return str(item.count)
        if item.finding:
            return QCoreApplication.translate("ImportPane", "left as written; rows {rows}").format(
                rows=name_list([*item.rows, *(["…"] if item.count > len(item.rows) else [])])
            )
        nothing = (
            QCoreApplication.translate("ImportPane", "(kept beside the record)")
            if item.kind == LANDLINE
            else QCoreApplication.translate("ImportPane", "(empty)")
        )
        # a select's option as the UI names it, not its stored key ("官网", not "website")
        fd = self.plan.entity.field(item.field) if self.plan is not None else None
        return "   ·   ".join(
            f"{before} → {nothing if after is None else as_shown(fd, after, self.lang)}"
            for before, after in item.examples
        )

    def color(self, item: ChangeRow, column: int) -> str | None:
        return self.FINDING_COLOUR if item.finding else None
