"""The draft as one document: edits in memory with one history, saves of only what changed,
and a second studio's conflicting save refused on SQLite and on a shared PostgreSQL workspace."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, select

from schema.models import AuditRow, FieldPermissionRow, FieldRow, RoleRow
from studio.access.people_ops import SetUserRole
from studio.access.role_ops import AddRole, RemoveRole
from studio.audit.log import verify
from studio.draft import operations as ops
from studio.draft.document import DraftDocument
from studio.draft.permission_cells import SetEntityPermission, SetFieldPermission
from studio.draft.save import DraftConflictError, read_draft
from studio.draft.store import load_draft
from studio.workspace.bootstrap import init_workspace
from studio.workspace.connection import Workspace, open_workspace


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "ws.db")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = init_workspace(tmp_path / "ws.db", sample=True)
    yield workspace
    workspace.close()


class Statements:
    """The SQL a workspace's engine runs, recorded while the block runs."""

    def __init__(self, workspace: Workspace) -> None:
        self.engine = workspace.engine
        self.seen: list[str] = []

    def _record(self, _conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        self.seen.append(" ".join(statement.split()))

    def __enter__(self) -> Statements:
        event.listen(self.engine, "before_cursor_execute", self._record)
        return self

    def __exit__(self, *_exc: object) -> None:
        event.remove(self.engine, "before_cursor_execute", self._record)

    def writes(self) -> list[str]:
        return [s for s in self.seen if s.split()[0] in ("INSERT", "UPDATE", "DELETE")]


def test_undo_redo_is_exact_and_one_history(ws: Workspace) -> None:
    doc = DraftDocument.load(ws)
    start = doc.bundle
    doc.apply(SetFieldPermission("sales", "customer", "mobile", "read"))
    doc.apply(ops.update_field("customer", "notes", {"label_en": "Remarks"}))
    middle = doc.bundle
    doc.apply(ops.move_field("customer", "notes", 0))
    assert doc.history() == ["set field permission", "update field", "move field"]
    doc.undo()
    assert doc.bundle == middle
    doc.undo()
    doc.undo()
    assert doc.bundle == start and doc.bundle.sha256() == start.sha256()
    assert doc.undo() is None and doc.can_redo()
    doc.redo()
    doc.redo()
    assert doc.bundle == middle
    # a new edit forgets what could be redone
    doc.apply(SetUserRole("wu", "finance"))
    assert not doc.can_redo()


def test_a_refused_operation_changes_nothing(ws: Workspace) -> None:
    doc = DraftDocument.load(ws)
    before = doc.bundle
    with pytest.raises(ops.EditError):
        doc.apply(SetFieldPermission("nobody", "customer", "mobile", "read"))
    assert doc.bundle is before and not doc.can_undo() and not doc.dirty()


def test_saving_one_cell_writes_that_row_and_the_draft_row_only(ws: Workspace) -> None:
    doc = DraftDocument.load(ws)
    with ws.session() as s:
        versions_before = dict(s.execute(select(FieldRow.id, FieldRow.row_version)).all())
    doc.apply(SetFieldPermission("sales", "contract", "contract_amount", "edit"))
    with Statements(ws) as sql:
        saved = doc.save(ws, "lin", "set field permission")
    assert saved is not None
    writes = sql.writes()
    assert [w.split()[0:2] for w in writes] == [
        ["UPDATE", "draft"],
        ["UPDATE", "field_permissions"],
        ["UPDATE", "audit_log"],  # no row: the audit log's write lock, taken before its head
        ["INSERT", "INTO"],  # the audit entry
    ]
    assert "audit_log" in writes[-1]
    assert saved.rows.as_dict() == {"field_permissions.updated": 1}
    with ws.session() as s:
        assert dict(s.execute(select(FieldRow.id, FieldRow.row_version)).all()) == versions_before
        assert load_draft(s) == doc.bundle
        entry = s.scalars(select(AuditRow).order_by(AuditRow.id.desc()).limit(1)).one()
        assert entry.details == {
            "what": "set field permission",
            "revision": saved.revision,
            "rows": {"field_permissions.updated": 1},
        }
        assert "sha256" not in str(entry.details)
        assert verify(s).intact
    assert not doc.dirty() and doc.save(ws, "lin") is None


def test_a_field_edit_updates_its_row_keeping_its_id(ws: Workspace) -> None:
    doc = DraftDocument.load(ws)
    with ws.session() as s:
        ids_before = dict(s.execute(select(FieldRow.key, FieldRow.id)).all())
    doc.apply(ops.update_field("customer", "notes", {"label_en": "Remarks", "searchable": True}))
    doc.apply(ops.move_field("customer", "notes", 0))
    with Statements(ws) as sql:
        saved = doc.save(ws, "lin")
    assert saved is not None and saved.rows.as_dict() == {"fields.updated": 1}
    assert sum(w.startswith("UPDATE fields") for w in sql.writes()) == 1
    with ws.session() as s:
        assert dict(s.execute(select(FieldRow.key, FieldRow.id)).all()) == ids_before
        assert load_draft(s).sha256() == doc.bundle.sha256()


def test_a_second_document_on_the_same_revision_gets_a_conflict(target: str) -> None:
    init_workspace(target, sample=True).close()
    a, b = open_workspace(target), open_workspace(target)
    try:
        mine, theirs = DraftDocument.load(a), DraftDocument.load(b)
        mine.apply(SetFieldPermission("sales", "contract", "contract_amount", "edit"))
        theirs.apply(SetFieldPermission("sales", "contract", "contract_amount", "read"))
        mine.save(a, "lin")
        with pytest.raises(DraftConflictError) as err:
            theirs.save(b, "chen")
        assert "not overwritten" in str(err.value)
        stored, revision = read_draft(b)
        assert stored == mine.bundle and revision == mine.revision
        assert theirs.dirty()  # their edit is kept in memory, not lost
        with b.session() as s:
            role = s.scalars(select(RoleRow.id).where(RoleRow.key == "sales")).one()
            access = s.scalars(
                select(FieldPermissionRow.access).where(FieldPermissionRow.role_id == role)
            ).all()
            assert access == ["edit"]
    finally:
        a.close()
        b.close()


# -- any sequence of operations, saved and read back, is the bundle in memory ------------------

_FIELDS = ["name", "mobile", "email", "notes", "budget"]
_ROLES = ["sales", "intern", "finance", "auditor"]

operation = st.one_of(
    st.builds(
        SetFieldPermission,
        st.sampled_from(_ROLES),
        st.just("customer"),
        st.sampled_from(_FIELDS),
        st.sampled_from(["hidden", "read", "edit", None]),
    ),
    st.builds(
        SetEntityPermission,
        st.sampled_from(_ROLES),
        st.sampled_from(["customer", "lead"]),
        st.one_of(st.none(), st.tuples(st.booleans(), st.booleans(), st.booleans(), st.booleans())),
    ),
    st.builds(
        lambda f, i: ops.move_field("customer", f, i), st.sampled_from(_FIELDS), st.integers(0, 20)
    ),
    st.builds(
        lambda f, en: ops.update_field("customer", f, {"label_en": en}),
        st.sampled_from(_FIELDS),
        st.sampled_from(["A", "B"]),
    ),
    st.builds(
        lambda f, k: ops.update_field("customer", f, {"key": k}),
        st.sampled_from(_FIELDS),
        st.sampled_from(["renamed", "other"]),
    ),
    st.builds(lambda f: ops.remove_field("customer", f), st.sampled_from(_FIELDS)),
    st.builds(
        lambda k, i: ops.add_field("customer", k, "新", "New", "text", index=i),
        st.sampled_from(["extra", "notes", "name"]),
        st.integers(0, 20),
    ),
    st.builds(
        lambda f, i: ops.place_field("customer", "create", "basic", f, i),
        st.sampled_from(_FIELDS),
        st.integers(0, 10),
    ),
    st.builds(lambda f: ops.remove_placement("customer", "create", f), st.sampled_from(_FIELDS)),
    st.just(AddRole("auditor", "审计", "Auditor")),
    st.just(RemoveRole("auditor")),
    st.builds(SetUserRole, st.sampled_from(["wu", "zhao"]), st.sampled_from(_ROLES)),
    st.just("undo"),
    st.just("redo"),
    st.just("save"),
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(operation, min_size=1, max_size=12))
def test_random_operations_then_save_and_load_give_the_bundle_in_memory(
    tmp_path_factory: pytest.TempPathFactory, steps: list[Any]
) -> None:
    path = tmp_path_factory.mktemp("ws") / "ws.db"
    ws = init_workspace(path, sample=True)
    try:
        doc = DraftDocument.load(ws)
        for step in steps:
            if step == "undo":
                doc.undo()
            elif step == "redo":
                doc.redo()
            elif step == "save":
                doc.save(ws, "lin")
            else:
                with contextlib.suppress(ops.EditError):
                    doc.apply(step)
        doc.save(ws, "lin")
        with ws.session() as s:
            stored = load_draft(s)
        assert stored == doc.bundle
        assert stored.sha256() == doc.bundle.sha256()
    finally:
        ws.close()


def test_structural_edits_save_and_load_back_on_both_databases(target: str) -> None:
    init_workspace(target, sample=True).close()
    ws = open_workspace(target)
    try:
        doc = DraftDocument.load(ws)
        doc.apply(ops.add_field("contract", "expires_on", "到期日", "Expires on", "date", index=1))
        doc.apply(ops.update_field("contract", "contract_amount", {"key": "amount"}))
        doc.apply(SetFieldPermission("intern", "customer", "mobile", "hidden", index=0))
        doc.apply(SetFieldPermission("sales", "contract", "amount", None))
        doc.apply(ops.move_field("customer", "notes", 0))
        doc.apply(AddRole("auditor", "审计", "Auditor"))
        doc.apply(SetEntityPermission("auditor", "contract", (False, True, False, False), 0))
        doc.apply(ops.remove_field("customer", "budget"))
        doc.save(ws, "lin")
        assert load_draft_of(ws) == doc.bundle
        doc.apply(RemoveRole("auditor"))
        doc.undo()
        doc.undo()
        doc.save(ws, "lin")
        assert load_draft_of(ws) == doc.bundle
    finally:
        ws.close()


def load_draft_of(ws: Workspace) -> Any:
    with ws.session() as s:
        return load_draft(s)
