"""The import wizard's work off the UI thread: the check of a workbook (``check_work``, its
steps said in the UI's words), the import of a checked plan into the server (``import_work``:
the mapping remembered for these headers, then the batches) and the error workbook of its
rejected rows (``errors_work``), with what each says when done. The pane
(``widgets.transfer.pane``) runs them as ops; the work is the core's (``studio.importing.check``,
``studio.importing.run``, ``importers.error_workbook``)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication

from widgets.ops import SaidProgress
from widgets.sentences import counted

if TYPE_CHECKING:
    from importers.pipeline import Plan
    from studio.importing.check import Checked
    from studio.importing.run import ImportOutcome
    from studio.importing.server import ServerLink
    from studio.workspace.connection import Workspace


def check_work(
    ws: Workspace,
    entity: str,
    path: Path,
    *,
    sheet: str | None,
    header_row: int | None,
    chosen: Mapping[str, str | None] | None,
    server: ServerLink | None,
    user: str | None,
) -> Callable[[Any], Checked]:
    """The op's work: the dry run of ``path`` into ``entity`` (``check_workbook``), its steps
    said in the progress dialog."""
    steps = {
        "read": QCoreApplication.translate("ImportExportPane", "Reading the sheet…"),
        "clean": QCoreApplication.translate("ImportExportPane", "Cleaning the values…"),
        "link": QCoreApplication.translate("ImportExportPane", "Looking for duplicates…"),
        "done": "",
    }

    def work(op_progress: Any) -> Checked:
        from studio.importing.check import check_workbook

        return check_workbook(
            ws,
            entity,
            path,
            sheet=sheet,
            header_row=header_row,
            chosen=chosen,
            server=server,
            user=user,
            progress=SaidProgress(op_progress, steps),
        )

    return work


def import_steps() -> dict[str, str]:
    """The import's step words (``studio.importing.run``) as its progress dialog says them."""
    return {
        "create": QCoreApplication.translate("ImportExportPane", "Creating the new records…"),
        "update": QCoreApplication.translate("ImportExportPane", "Updating the existing records…"),
        "done": QCoreApplication.translate("ImportExportPane", "Import done."),
    }


def import_work(
    ws: Workspace,
    plan: Plan,
    server: ServerLink,
    *,
    user: str | None,
    source: Path | None,
    batch_size: int | None,
) -> Callable[[Any], ImportOutcome]:
    """The op's work: ``plan`` written to ``server`` (the mapping it was checked with
    remembered for workbooks with the same headers), its steps said in the UI's words."""
    steps = import_steps()

    def work(op_progress: Any) -> ImportOutcome:
        from studio.importing.decisions import save_mapping
        from studio.importing.run import BATCH, run_import

        save_mapping(ws, plan.entity.key, plan.table.headers, plan.mapping.as_dict())
        return run_import(
            ws,
            plan,
            server,
            user=user,
            source=source.name if source else "",
            progress=SaidProgress(op_progress, steps),
            batch_size=batch_size or BATCH,
        )

    return work


def imported_summary(outcome: ImportOutcome, plan: Plan) -> str:
    """Every row read accounted for, as the check said it: the rows merged into duplicates and
    those rejected are part of the import too (it said only "3 records created")."""
    return QCoreApplication.translate(
        "ImportExportPane",
        "Import {id} done: {rows}: {created}, {merged} merged into duplicates, "
        "{rejected} rejected; {updated} existing records updated.",
    ).format(
        id=outcome.import_id,
        rows=counted(
            plan.rows_read,
            QCoreApplication.translate("ImportExportPane", "{n} row read"),
            QCoreApplication.translate("ImportExportPane", "{n} rows read"),
        ),
        created=counted(
            outcome.created,
            QCoreApplication.translate("ImportExportPane", "{n} record created"),
            QCoreApplication.translate("ImportExportPane", "{n} records created"),
        ),
        merged=plan.merged,
        rejected=plan.rejected,
        updated=outcome.updated,
    )


def errors_work(plan: Plan, target: Path, lang: str) -> Callable[[], int]:
    """The op's work: the rejected rows of ``plan`` written to ``target`` with their reasons
    in ``lang``; the number of rows written."""

    def work() -> int:
        from importers.error_workbook import write_error_workbook

        return write_error_workbook(plan, target, lang)

    return work


def errors_written(n: int, target: Path) -> str:
    return counted(
        n,
        QCoreApplication.translate("ImportExportPane", "{n} rejected row written to {path}."),
        QCoreApplication.translate("ImportExportPane", "{n} rejected rows written to {path}."),
        path=target.name,
    )
