"""The review shows who gains and loses what access; a gain an approver must not miss (a
sensitive field made readable) comes first and in red, and the change's Excel export carries the
same lines, the alarm in red."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from pytestqt.qtbot import QtBot

from studio import changes
from studio.access.edits import set_cell
from studio.bundle.access import access_of
from studio.draft.store import load_draft, replace_draft
from studio.workspace.connection import Workspace
from tests.helpers.review_gui import open_review
from tests.unit.widgets.changes.conftest import SIGNAL_TIMEOUT, record_release
from widgets.changes.diff_model import ALARM, ALARM_ROLE
from widgets.changes.pane import ChangesPane

SEES = "Intern (1 user: zhao) will see Contract amount (Contract)"


def _interns_read_contract_amounts(ws: Workspace) -> None:
    """Live: the sample. Draft: interns named among the amount's readers and given read (so no
    rule blocks the submit, and the reviewer must notice it themselves)."""
    with ws.session() as s:
        live = load_draft(s)
    record_release(ws, 1, live)
    section = access_of(live)
    fields = tuple(
        p.model_copy(update={"readers": (*(p.readers or ()), "intern")})
        if (p.entity, p.field) == ("contract", "contract_amount")
        else p
        for p in section.fields
    )
    draft = set_cell(live, "intern", "contract", "contract_amount", "read")
    draft = draft.model_copy(update={"access": section.model_copy(update={"fields": fields})})
    with ws.session() as s:
        replace_draft(s, draft, user="lin")
    changes.submit(ws, "lin", "Interns see amounts", "the audit asked for it")


def test_sensitive_gain_first_in_red_in_the_review_and_its_workbook(
    qtbot: QtBot, ws: Workspace, pane: ChangesPane, tmp_path: Path
) -> None:
    _interns_read_contract_amounts(ws)
    dialog = open_review(qtbot, pane, "zhou", derived=False)
    assert not dialog.export_button.isEnabled()  # nothing derived yet
    with qtbot.waitSignal(dialog.reviewed, timeout=SIGNAL_TIMEOUT):
        pass

    model = dialog.details.diff_model
    branch = model.item(0, 0)  # before the entities' own edits
    assert branch.text().startswith("Access gained and lost (1 sensitive gain")
    first = branch.child(0, 0)
    assert first.text() == "! " + SEES
    assert first.data(ALARM_ROLE) == "alarm"
    assert first.foreground().color() == ALARM and first.font().bold()
    assert [branch.child(0, c).text() for c in (1, 2)] == ["masked", "read"]

    out = tmp_path / "change.xlsx"
    assert dialog.export_button.isEnabled()
    op = dialog.export_to(str(out))
    with qtbot.waitSignal(op.finished, timeout=SIGNAL_TIMEOUT):
        pass
    book = openpyxl.load_workbook(out)
    sheet = book["Access"]
    row = [c.value for c in sheet[2]]
    assert row[:2] == ["!", SEES] and row[-2:] == ["masked", "read"]
    assert sheet["B2"].font.color.rgb.endswith("C00000") and sheet["B2"].font.bold
    summary = {r[0].value: r[1].value for r in book["Change"].iter_rows(min_row=2)}
    assert summary["Title"] == "Interns see amounts" and summary["Author"] == "lin"
    lines = [r[0].value for r in book["Changes"].iter_rows(min_row=2)]
    assert "  ! " + SEES in lines
