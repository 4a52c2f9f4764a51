"""Targeted row writes: the order survives inserts between rows written without gaps, and what
the draft's tables do not constrain is still checked when the draft is read."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import update

from schema.models import FieldPermissionRow, FieldRow
from studio.draft import operations as ops
from studio.draft.document import DraftDocument
from studio.draft.list_writer import GAP, common_head, common_tail
from studio.draft.permission_cells import SetFieldPermission
from studio.draft.store import load_draft
from studio.workspace.bootstrap import init_workspace


def test_common_head_and_tail() -> None:
    old = tuple(range(5000))
    new = (*old[:3000], -1, -2, *old[3001:])
    head = common_head(old, new)
    assert head == 3000
    assert common_tail(old, new, head) == 5000 - 3001
    assert common_head(old, old) == 5000 and common_tail(old, old, 5000) == 0
    assert common_head((), (1,)) == 0


def test_inserts_between_rows_without_a_gap_shift_the_rows_after(tmp_path: Path) -> None:
    ws = init_workspace(tmp_path / "ws.db", sample=True)
    try:
        with ws.session() as s:  # as an older studio wrote them: 0, 1, 2, ...
            s.execute(update(FieldRow).values(position=FieldRow.position / GAP))
            s.execute(update(FieldPermissionRow).values(position=FieldPermissionRow.position / GAP))
        doc = DraftDocument.load(ws)
        doc.apply(
            ops.add_field("customer", "customs_code", "海关编码", "Customs code", "text", index=2)
        )
        doc.apply(ops.add_field("customer", "first", "首", "First", "text", index=0))
        doc.apply(ops.move_field("customer", "notes", 1))
        doc.apply(SetFieldPermission("sales", "customer", "customs_code", "read", index=0))
        saved = doc.save(ws, "lin")
        assert saved is not None and saved.rows.counts["fields.shifted"] >= 1
        with ws.session() as s:
            assert load_draft(s) == doc.bundle
    finally:
        ws.close()


@pytest.mark.parametrize("access", ["write", "HIDDEN"])
def test_an_unknown_access_in_the_tables_is_refused_on_load(tmp_path: Path, access: str) -> None:
    ws = init_workspace(tmp_path / "ws.db", sample=True)
    try:
        with ws.session() as s:
            s.execute(update(FieldPermissionRow).values(access=access))
        with pytest.raises(ValueError, match="unknown access"), ws.session() as s:
            load_draft(s)
    finally:
        ws.close()
