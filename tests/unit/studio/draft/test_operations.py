"""Operations on the draft in memory: each changes what it says, refuses cleanly, and its inverse
gives back exactly the bundle before it (same sha256, same order)."""

from __future__ import annotations

import pytest

from studio.access.people_ops import AddUser, RemoveUser, SetUserRole
from studio.access.role_ops import AddRole, RemoveRole
from studio.bundle.model import Bundle, Policy, Thresholds
from studio.bundle.sample import sample_bundle
from studio.draft import operations as ops
from studio.draft.edit_checks import EditError
from studio.draft.permission_cells import SetEntityPermission, SetFieldPermission


@pytest.fixture(scope="module")
def bundle() -> Bundle:
    return sample_bundle()


def _cell(b: Bundle, role: str, entity: str, field: str) -> str | None:
    return next(
        (
            p.access
            for p in b.field_permissions
            if (p.role, p.entity, p.field) == (role, entity, field)
        ),
        None,
    )


def _roundtrip(bundle: Bundle, op: ops.Operation) -> Bundle:
    applied = op.apply(bundle)
    back = applied.inverse.apply(applied.bundle)
    assert back.bundle == bundle
    assert back.bundle.sha256() == bundle.sha256()
    # the inverse of the inverse makes the edit again
    assert back.inverse.apply(back.bundle).bundle == applied.bundle
    return applied.bundle


def test_field_permission_cell_changes_in_place_and_undoes(bundle: Bundle) -> None:
    first = bundle.field_permissions[0]
    other = "edit" if first.access != "edit" else "read"
    op = SetFieldPermission(first.role, first.entity, first.field, other)  # type: ignore[arg-type]
    after = _roundtrip(bundle, op)
    assert _cell(after, first.role, first.entity, first.field) == other
    assert len(after.field_permissions) == len(bundle.field_permissions)
    # untouched parts are shared, not copied
    assert after.entities is bundle.entities
    assert after.field_permissions[1:] == bundle.field_permissions[1:]
    assert after.field_permissions[1] is bundle.field_permissions[1]
    assert op.apply(bundle).rows == {("field_permissions", first.role, first.entity, first.field)}


def test_removing_a_cell_and_undoing_puts_it_back_where_it_was(bundle: Bundle) -> None:
    middle = bundle.field_permissions[len(bundle.field_permissions) // 2]
    after = _roundtrip(bundle, SetFieldPermission(middle.role, middle.entity, middle.field, None))
    assert _cell(after, middle.role, middle.entity, middle.field) is None


def test_a_new_cell_goes_at_the_end(bundle: Bundle) -> None:
    assert _cell(bundle, "intern", "customer", "notes") is None
    after = _roundtrip(bundle, SetFieldPermission("intern", "customer", "notes", "read"))
    assert after.field_permissions[-1].model_dump() == {
        "role": "intern", "entity": "customer", "field": "notes", "access": "read",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("op", "prop"),
    [
        (SetFieldPermission("nobody", "customer", "notes", "read"), "role"),
        (SetFieldPermission("sales", "customer", "nothing", "read"), "field"),
        (SetFieldPermission("sales", "nothing", "notes", "read"), "entity"),
        (SetFieldPermission("sales", "customer", "notes", "write"), "access"),  # type: ignore[arg-type]
        (SetEntityPermission("nobody", "customer", (True, True, True, True)), "role"),
        (AddRole("sales", "销售", "Sales"), "key"),
        (AddRole("Bad Key", "坏", "Bad"), "key"),
        (RemoveRole("sales"), "role"),
        (SetUserRole("nobody", "sales"), "user"),
        (AddUser("wu", "Wu", "sales"), "user"),
    ],
)
def test_refusals_name_the_property(bundle: Bundle, op: ops.Operation, prop: str) -> None:
    with pytest.raises(EditError) as err:
        op.apply(bundle)
    assert err.value.prop == prop


def test_entity_permission_cell(bundle: Bundle) -> None:
    after = _roundtrip(bundle, SetEntityPermission("sales", "customer", (True, True, True, True)))
    cell = next(p for p in after.entity_permissions if (p.role, p.entity) == ("sales", "customer"))
    assert cell.delete
    gone = _roundtrip(bundle, SetEntityPermission("sales", "customer", None))
    assert all((p.role, p.entity) != ("sales", "customer") for p in gone.entity_permissions)


def test_roles_and_people(bundle: Bundle) -> None:
    with_role = _roundtrip(bundle, AddRole("auditor", "审计", "Auditor"))
    assert with_role.roles[-1].key == "auditor"
    with_cell = SetFieldPermission("auditor", "customer", "notes", "read").apply(with_role).bundle
    removed = _roundtrip(with_cell, RemoveRole("auditor"))
    assert removed == bundle
    moved = _roundtrip(bundle, SetUserRole("wu", "finance"))
    assert next(u.role for u in moved.users if u.user == "wu") == "finance"
    added = _roundtrip(bundle, AddUser("qian", "Qian", "service"))
    assert added.users[-1].user == "qian"
    assert _roundtrip(added, RemoveUser("qian")) == bundle


def test_thresholds_and_policy(bundle: Bundle) -> None:
    after = _roundtrip(bundle, ops.SetThresholds(Thresholds(max_fields_per_entity=40)))
    assert after.thresholds.max_fields_per_entity == 40
    after = _roundtrip(bundle, ops.SetPolicy(Policy(min_approvals=3)))
    assert after.policy.min_approvals == 3


def test_designer_edits_run_as_operations(bundle: Bundle) -> None:
    renamed = _roundtrip(bundle, ops.update_field("contract", "contract_amount", {"key": "amount"}))
    contract = renamed.entity("contract")
    assert contract is not None and contract.field("amount") is not None
    assert any(p.field == "amount" for p in renamed.field_permissions if p.entity == "contract")
    _roundtrip(bundle, ops.move_field("customer", "notes", 0))
    _roundtrip(bundle, ops.remove_field("customer", "notes"))
    _roundtrip(
        bundle, ops.add_field("customer", "customs_code", "海关编码", "Customs code", "text")
    )
    _roundtrip(bundle, ops.remove_placement("customer", "create", "name"))


def test_an_edit_that_would_break_a_reference_is_refused(bundle: Bundle) -> None:
    from studio.draft.edit_base import checked

    contract = bundle.entity("contract")
    assert contract is not None
    without = contract.model_copy(
        update={"fields": tuple(f for f in contract.fields if f.key != "contract_amount")}
    )
    entities = tuple(without if e.key == "contract" else e for e in bundle.entities)
    with pytest.raises(EditError, match=r"contract\.contract_amount") as err:
        checked(bundle, "field", entities=entities)
    assert err.value.prop == "field"
