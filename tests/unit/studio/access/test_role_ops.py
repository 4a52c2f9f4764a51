"""Roles as draft operations: actions with scopes, a copied role, a renamed role; each undone
exactly, and a role that people hold is not removed (they are named)."""

from __future__ import annotations

import pytest

from studio.access.effective import effective_access
from studio.access.role_ops import CopyRole, RemoveRole, RenameRole, SetScopes
from studio.bundle.model import Bundle
from studio.bundle.sample import sample_bundle
from studio.draft.document import DraftDocument
from studio.draft.save import DraftState
from studio.errors import EditError


def doc() -> DraftDocument:
    return DraftDocument(DraftState(sample_bundle(), 1, None))


def test_scopes_set_and_undone() -> None:
    d = doc()
    d.apply(SetScopes("service", "lead", (("read", "team"), ("edit", "own"))))
    seen = effective_access(d.bundle, "lead", role="service")
    assert seen.action("read").scope == "team" and seen.action("create").scope is None
    perm = next(p for p in d.bundle.entity_permissions if (p.role, p.entity) == ("service", "lead"))
    assert (perm.read, perm.update, perm.create) == (True, True, False)  # the flags agree
    Bundle.model_validate(d.bundle.model_dump())  # a sound bundle
    d.undo()
    assert d.bundle == sample_bundle()
    with pytest.raises(EditError):
        d.apply(SetScopes("service", "lead", (("fly", "all"),)))


def test_copy_role_then_rename_then_undo() -> None:
    d = doc()
    d.apply(CopyRole("sales", "senior_sales", "高级销售", "Senior sales"))
    copied = effective_access(d.bundle, "customer", role="senior_sales")
    original = effective_access(d.bundle, "customer", role="sales")
    assert [a.scope for a in copied.actions] == [a.scope for a in original.actions]
    assert [f.access for f in copied.fields] == [f.access for f in original.fields]
    d.apply(RenameRole("senior_sales", "资深销售", "Senior sales"))
    assert next(r for r in d.bundle.roles if r.key == "senior_sales").label.zh_CN == "资深销售"
    d.undo()
    d.undo()
    assert d.bundle == sample_bundle()
    with pytest.raises(EditError):
        d.apply(CopyRole("sales", "sales", "x", "x"))


def test_a_held_role_is_not_removed_and_the_holders_are_named() -> None:
    with pytest.raises(EditError, match="wu"):
        doc().apply(RemoveRole("sales"))
