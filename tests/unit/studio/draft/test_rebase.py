"""Two editors of one workspace: the second one's edits, refused at save because the first one
saved before, are made again on the newer draft instead of being lost."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from studio.access.role_ops import AddRole, RemoveRole
from studio.draft import operations as ops
from studio.draft.document import DraftDocument
from studio.draft.permission_cells import SetFieldPermission
from studio.draft.rebase import parts, rebase
from studio.draft.save import DraftConflictError, load_state, read_draft
from studio.i18n import set_language
from studio.workspace.bootstrap import init_workspace
from studio.workspace.connection import Workspace, open_workspace


@pytest.fixture
def two(tmp_path: Path) -> Iterator[tuple[Workspace, Workspace]]:
    """One workspace opened by two studios."""
    init_workspace(tmp_path / "ws.db", sample=True).close()
    a, b = open_workspace(str(tmp_path / "ws.db")), open_workspace(str(tmp_path / "ws.db"))
    yield a, b
    a.close()
    b.close()


def _cell(doc: DraftDocument, role: str, entity: str, field: str) -> str | None:
    return next(
        (
            p.access
            for p in doc.bundle.field_permissions
            if (p.role, p.entity, p.field) == (role, entity, field)
        ),
        None,
    )


def _refused(doc: DraftDocument, ws: Workspace) -> None:
    with pytest.raises(DraftConflictError):
        doc.save(ws, "chen")


def test_edits_of_other_parts_are_made_again_and_saved(two: tuple[Workspace, Workspace]) -> None:
    a, b = two
    first, second = DraftDocument.load(a), DraftDocument.load(b)
    first.apply(SetFieldPermission("sales", "contract", "contract_amount", "read"))
    first.save(a, "lin")
    second.apply(ops.update_field("customer", "company", {"label_en": "Company (full name)"}))
    second.apply(ops.add_field("customer", "wechat", "微信", "WeChat", "text"))
    second.apply(ops.place_field("customer", "create", "more", "wechat"))
    _refused(second, b)

    rebased = rebase(second, load_state(b))
    assert rebased is not None
    assert rebased.kept == ["update field", "add field", "place field"] and rebased.dropped == []
    doc = rebased.document
    assert doc.dirty() and doc.history() == rebased.kept  # each one undoable, then saved
    doc.save(b, "chen")
    stored, _revision = read_draft(a)
    assert stored == doc.bundle
    customer = stored.entity("customer")
    assert customer is not None
    assert customer.field("company").label.en == "Company (full name)"  # type: ignore[union-attr]
    assert customer.field("wechat") is not None
    assert _cell(doc, "sales", "contract", "contract_amount") == "read"  # the first one's edit


def test_an_edit_of_the_same_part_keeps_the_other_persons_and_says_so(
    two: tuple[Workspace, Workspace],
) -> None:
    a, b = two
    first, second = DraftDocument.load(a), DraftDocument.load(b)
    first.apply(SetFieldPermission("sales", "contract", "contract_amount", "read"))
    first.save(a, "lin")
    second.apply(SetFieldPermission("sales", "contract", "contract_amount", "edit"))
    second.apply(SetFieldPermission("sales", "customer", "mobile", "read"))
    _refused(second, b)

    set_language("zh_CN")
    try:
        rebased = rebase(second, load_state(b))
    finally:
        set_language(None)
    assert rebased is not None
    assert rebased.kept == ["set field permission"]
    assert rebased.dropped == [("set field permission", "对方也修改了同一处。")]
    assert _cell(rebased.document, "sales", "contract", "contract_amount") == "read"
    assert _cell(rebased.document, "sales", "customer", "mobile") == "read"


def test_an_edit_the_newer_draft_no_longer_allows_is_listed_with_its_reason(
    two: tuple[Workspace, Workspace],
) -> None:
    a, b = two
    base = DraftDocument.load(a)
    base.apply(AddRole("auditor", "审计", "Auditor"))
    base.save(a, "lin")
    first, second = DraftDocument.load(a), DraftDocument.load(b)
    first.apply(RemoveRole("auditor"))
    first.save(a, "lin")
    second.apply(SetFieldPermission("auditor", "customer", "notes", "read"))
    _refused(second, b)

    rebased = rebase(second, load_state(b))
    assert rebased is not None and rebased.kept == []
    [(text, why)] = rebased.dropped
    assert text == "set field permission" and "auditor" in why
    assert not rebased.document.dirty()


def test_after_an_undo_past_the_last_save_only_a_plain_reload_is_offered(
    two: tuple[Workspace, Workspace],
) -> None:
    a, b = two
    second = DraftDocument.load(b)
    second.apply(SetFieldPermission("sales", "customer", "mobile", "read"))
    second.save(b, "chen")
    second.undo()  # what is unsaved now takes a saved edit back
    second.apply(ops.update_field("customer", "notes", {"label_en": "Remarks"}))
    first = DraftDocument.load(a)
    first.apply(SetFieldPermission("sales", "customer", "email", "read"))
    first.save(a, "lin")
    _refused(second, b)
    assert second.unsaved_steps() is None
    assert rebase(second, load_state(b)) is None


def test_an_undo_while_a_save_runs_is_not_mistaken_for_a_saved_edit(
    two: tuple[Workspace, Workspace],
) -> None:
    a, _b = two
    doc = DraftDocument.load(a)
    doc.apply(SetFieldPermission("sales", "customer", "mobile", "read"))
    doc.apply(SetFieldPermission("sales", "customer", "email", "read"))
    pending = doc.pending()
    doc.undo()  # while the save of both edits runs
    doc.apply(SetFieldPermission("sales", "customer", "notes", "read"))
    from studio.draft.document import write_pending

    doc.saved_as(pending, write_pending(a, "lin", pending).revision)
    assert doc.unsaved_steps() is None


def test_parts_say_what_differs_and_ignore_what_does_not(two: tuple[Workspace, Workspace]) -> None:
    a, _b = two
    doc = DraftDocument.load(a)
    start = doc.bundle
    assert parts(start, start) == set()
    doc.apply(ops.update_field("customer", "notes", {"label_en": "Remarks"}))
    assert parts(start, doc.bundle) == {("field:customer", "notes")}
    moved = doc.bundle
    doc.apply(ops.move_field("customer", "notes", 0))
    assert parts(moved, doc.bundle) == {("field:customer_order",)}
    added = doc.bundle
    doc.apply(ops.add_field("customer", "wechat", "微信", "WeChat", "text"))
    assert parts(added, doc.bundle) == {("field:customer", "wechat")}  # nobody else moved


def test_a_move_is_not_made_again_where_the_other_person_changed_the_list(
    two: tuple[Workspace, Workspace],
) -> None:
    """A move is made by position: after the other person removed a field above, the same
    position is another place, so the move would land beside the wrong field."""
    a, b = two
    first, second = DraftDocument.load(a), DraftDocument.load(b)
    first.apply(ops.remove_field("customer", "source"))
    first.save(a, "lin")
    second.apply(ops.move_field("customer", "notes", 3))  # just after email
    second.apply(ops.update_field("customer", "company", {"label_en": "Company (full name)"}))
    _refused(second, b)

    rebased = rebase(second, load_state(b))
    assert rebased is not None
    assert rebased.kept == ["update field"]
    assert [text for text, _why in rebased.dropped] == ["move field"]
    customer = rebased.document.bundle.entity("customer")
    assert customer is not None and customer.fields[-1].key == "notes"  # where it was


def test_an_edit_made_again_is_checked_by_the_newer_drafts_freeze(
    two: tuple[Workspace, Workspace],
) -> None:
    """The other person's scan made customer red meanwhile: a field added to it while it is red
    is refused, as the designer refuses it."""
    from studio.scan.freeze import freeze_refusal

    a, b = two
    first, second = DraftDocument.load(a), DraftDocument.load(b)
    first.apply(SetFieldPermission("sales", "contract", "contract_amount", "read"))
    first.save(a, "lin")
    second.apply(ops.add_field("customer", "wechat", "微信", "WeChat", "text"))
    second.apply(ops.add_field("contact", "qq", "QQ", "QQ", "text"))
    _refused(second, b)

    frozen = {"customer": ["47 searchable fields"]}
    rebased = rebase(second, load_state(b), lambda x, y: freeze_refusal(frozen, x, y))
    assert rebased is not None and rebased.kept == ["add field"]
    [(text, why)] = rebased.dropped
    assert text == "add field" and "customer is red" in why
    assert rebased.document.bundle.entity("customer").field("wechat") is None  # type: ignore[union-attr]
    assert rebased.document.bundle.entity("contact").field("qq") is not None  # type: ignore[union-attr]
    assert rebased.document.history() == ["add field"]
