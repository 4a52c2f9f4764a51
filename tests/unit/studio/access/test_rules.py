"""The permission rules (studio/lint/permissions.py): each with a failing and a passing case."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from studio.access.edits import set_cell, set_scopes
from studio.access.effective import effective_access, role_field_access
from studio.access.leaver import hand_over
from studio.bundle.access import AccessSection, FieldPolicy
from studio.bundle.model import Approver, Bundle, UserAssignment
from studio.bundle.sample import sample_bundle
from studio.lint import run_all
from studio.lint.findings import Finding


def found(bundle: Bundle, code: str, live: Bundle | None = None) -> list[Finding]:
    return [f for f in run_all(bundle, None, live) if f.code == code]


def with_users(bundle: Bundle, *users: UserAssignment) -> Bundle:
    return Bundle.model_validate({**bundle.model_dump(), "users": [u.model_dump() for u in users]})


def with_access(bundle: Bundle, **changes: object) -> Bundle:
    section = (bundle.access or AccessSection()).model_copy(update=changes)
    return Bundle.model_validate({**bundle.model_dump(), "access": section.model_dump()})


def test_delete_on_protected_entity() -> None:
    sample = sample_bundle()
    assert not found(sample, "protected_delete")  # admin deletes; that is allowed
    bad = set_scopes(sample, "service", "contract", {"read": "all", "delete": "all"})
    assert [f.role for f in found(bad, "protected_delete")] == ["service"]
    unprotected = with_access(bad, protected=("customer",))
    assert not found(unprotected, "protected_delete")


def test_sensitive_field_outside_its_readers() -> None:
    sample = sample_bundle()
    assert not found(sample, "sensitive_field_exposed")
    bad = set_cell(sample, "hr", "contract", "contract_amount", "edit")
    # hr may not read contracts at all: the cell gives nothing, so nothing is exposed
    assert not found(bad, "sensitive_field_exposed")
    bad = set_cell(sample, "service", "contract", "contract_amount", "read")
    assert [f.role for f in found(bad, "sensitive_field_exposed")] == ["service"]


def test_sensitive_field_without_readers_is_a_warning_naming_who_reads_it() -> None:
    sample = sample_bundle()
    assert not found(sample, "sensitive_readers_unset")
    entity = sample.entity("customer")
    assert entity is not None
    fields = [
        f.model_copy(update={"sensitive": True}) if f.key == "budget" else f for f in entity.fields
    ]
    data = sample.model_dump()
    data["entities"] = [
        {**e, "fields": [f.model_dump() for f in fields]} if e["key"] == "customer" else e
        for e in data["entities"]
    ]
    bad = Bundle.model_validate(data)
    [warning] = found(bad, "sensitive_readers_unset")
    assert warning.severity == "warning" and "sales" in warning.message


def test_admin_count_and_generic_admin_accounts() -> None:
    sample = sample_bundle()
    assert [f.code for f in found(sample, "generic_admin_account")]  # the sample's 'admin'
    named = with_users(
        sample,
        *(u for u in sample.users if u.user != "admin"),
        UserAssignment(user="sun", display_name="孙立 Sun Li", role="admin"),
    )
    assert not found(named, "generic_admin_account")
    assert not found(named, "too_many_admins")
    many = with_users(
        named,
        *named.users,
        *(UserAssignment(user=f"a{n}", display_name=f"A {n}", role="admin") for n in range(3)),
    )
    assert found(many, "too_many_admins")
    assert not found(with_access(many, max_admins=4), "too_many_admins")
    shared = with_users(
        named, *named.users, UserAssignment(user="ops", display_name="shared", role="admin")
    )
    assert found(shared, "generic_admin_account")


def test_disabled_users_still_holding_records_or_approving() -> None:
    import base64

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    sample = sample_bundle()
    raw = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    approver = Approver(
        user="zhou",
        role="business_lead",
        key_id="0" * 16,
        public_key=base64.b64encode(raw).decode(),
    )
    with_key = Bundle.model_validate({**sample.model_dump(), "approvers": [approver.model_dump()]})
    disabled = with_users(
        with_key,
        *(u.model_copy(update={"disabled": True}) if u.user == "zhou" else u for u in sample.users),
    )
    assert found(disabled, "disabled_user_is_approver")
    assert [f.severity for f in found(disabled, "disabled_user_holds_records")] == ["warning"]
    handed = hand_over(with_key, "zhou", "lin", handover_id="zhou-1")
    assert not found(handed, "disabled_user_is_approver")  # the hand-over revoked the key
    assert not found(handed, "disabled_user_holds_records")
    from studio.lint import DataStats

    counted = [
        f
        for f in run_all(disabled, DataStats(extra={"owners": {"zhou": 12}}))
        if f.code == "disabled_user_holds_records"
    ]
    assert counted[0].severity == "error" and "12" in counted[0].message


def test_roles_no_user_holds_and_fields_hidden_from_every_role() -> None:
    sample = sample_bundle()
    assert {f.role for f in found(sample, "role_unused")} == {
        "sales_director",
        "finance",
        "service",
        "hr",
    }
    assert not found(sample, "field_hidden_from_all")
    bad = sample
    for role in sample.roles:
        bad = set_cell(bad, role.key, "customer", "notes", "hidden")
    [hidden] = found(bad, "field_hidden_from_all")
    assert (hidden.entity, hidden.field) == ("customer", "notes")


def test_team_scope_for_users_in_no_team() -> None:
    sample = sample_bundle()
    assert not found(sample, "team_scope_without_team")  # wu is in east_sales
    bad = with_access(sample, teams=())
    [warning] = found(bad, "team_scope_without_team")
    assert warning.role == "sales" and "wu" in warning.message


def test_required_field_a_creating_role_cannot_edit_counts_masked_cells() -> None:
    sample = sample_bundle()
    bad = set_cell(sample, "sales", "customer", "name", "masked")
    assert [f.role for f in found(bad, "required_not_editable_by_creator")] == ["sales"]


def test_lockout_no_active_admin() -> None:
    sample = sample_bundle()
    lost = with_users(
        sample,
        *(
            u.model_copy(update={"disabled": True}) if u.user == "admin" else u
            for u in sample.users
        ),
    )
    assert found(lost, "lockout_no_admin", live=sample)
    assert not found(sample, "lockout_no_admin", live=sample)


def test_lockout_no_approver_left_for_a_required_role() -> None:
    import base64

    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    def key(n: int) -> str:
        raw = Ed25519PrivateKey.generate().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return base64.b64encode(raw).decode()

    sample = sample_bundle()
    approvers = [
        Approver(user="zhou", role="business_lead", key_id="1" * 16, public_key=key(1)),
        Approver(user="chen", role="it_admin", key_id="2" * 16, public_key=key(2)),
    ]
    live = Bundle.model_validate(
        {**sample.model_dump(), "approvers": [a.model_dump() for a in approvers]}
    )
    gone = Bundle.model_validate({**live.model_dump(), "approvers": [approvers[1].model_dump()]})
    [error] = found(gone, "lockout_no_approver", live=live)
    assert error.role == "business_lead"
    assert not found(live, "lockout_no_approver", live=live)


# -- the effective-access view agrees with the rules engine, over random bundles ---------------

ROLES = [r.key for r in sample_bundle().roles]
LEVELS = ["hidden", "masked", "read", "edit", None]


@st.composite
def random_bundles(draw: st.DrawFn) -> Bundle:
    bundle = sample_bundle()
    for role in draw(st.lists(st.sampled_from(ROLES), max_size=4, unique=True)):
        actions = draw(
            st.dictionaries(
                st.sampled_from(["create", "read", "edit", "archive", "delete", "export"]),
                st.sampled_from(["own", "team", "all"]),
                max_size=6,
            )
        )
        bundle = set_scopes(bundle, role, "contract", actions)
    for role in draw(st.lists(st.sampled_from(ROLES), max_size=5, unique=True)):
        level = draw(st.sampled_from(LEVELS))
        if level is not None:
            bundle = set_cell(bundle, role, "contract", "contract_amount", level)
    readers = draw(st.none() | st.lists(st.sampled_from(ROLES), unique=True).map(tuple))
    section = bundle.access or AccessSection()
    policies = tuple(p for p in section.fields if p.field != "contract_amount")
    if readers is not None:
        policies += (FieldPolicy(entity="contract", field="contract_amount", readers=readers),)
    return Bundle.model_validate(
        {
            **bundle.model_dump(),
            "access": {**section.model_dump(), "fields": [p.model_dump() for p in policies]},
        }
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_bundles())
def test_effective_access_agrees_with_the_rules(bundle: Bundle) -> None:
    exposed = {
        f.role for f in found(bundle, "sensitive_field_exposed") if f.field == "contract_amount"
    }
    deleting = {f.role for f in found(bundle, "protected_delete") if f.entity == "contract"}
    policy = (bundle.access or AccessSection()).policy("contract", "contract_amount")
    for role in ROLES:
        view = effective_access(bundle, "contract", role=role)
        sees = view.field("contract_amount").access in ("read", "edit")
        named = policy is not None and policy.readers is not None
        assert (role in exposed) == (named and sees and role not in policy.readers)  # type: ignore[union-attr]
        assert (role in deleting) == (role != "admin" and view.action("delete").scope is not None)
        assert (
            view.field("contract_amount").access
            == role_field_access(bundle, role, "contract")["contract_amount"]
        )


CONTRACT_FIELDS = [f.key for f in sample_bundle().entity("contract").fields]  # type: ignore[union-attr]


@st.composite
def hiding_bundles(draw: st.DrawFn) -> Bundle:
    """Random scopes and sensitive-field readers, and some contract fields hidden from some
    roles (sometimes from all of them)."""
    bundle = draw(random_bundles())
    for field in draw(st.lists(st.sampled_from(CONTRACT_FIELDS), max_size=4, unique=True)):
        roles = draw(st.sampled_from([ROLES, []]) | st.lists(st.sampled_from(ROLES), unique=True))
        for role in roles:
            bundle = set_cell(bundle, role, "contract", field, "hidden")
    return bundle


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(hiding_bundles())
def test_fields_hidden_from_every_role_are_those_each_role_is_refused(bundle: Bundle) -> None:
    """The rule's visibility index says what asking every role field by field says."""
    levels = [role_field_access(bundle, r.key, "contract") for r in bundle.roles]
    contract = bundle.entity("contract")
    assert contract is not None
    expected = [
        f.key
        for f in contract.fields
        if all(lv[f.key] == "hidden" for lv in levels) and not f.hidden and not f.deprecated
    ]
    reported = [f.field for f in found(bundle, "field_hidden_from_all") if f.entity == "contract"]
    assert sorted(reported) == sorted(expected)
