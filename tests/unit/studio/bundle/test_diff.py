"""The diff a reviewer reads: live bundle -> draft, per entity, permission cell and policy."""

from __future__ import annotations

import json

from studio import i18n
from studio.bundle.diff import diff_bundles, render_text
from studio.bundle.model import (
    Bundle,
    Entity,
    EntityPermission,
    FieldDef,
    FieldType,
    Label,
    Policy,
    Role,
    Thresholds,
)
from studio.bundle.sample import sample_bundle


def _with_customer_fields(bundle: Bundle, fields: tuple[FieldDef, ...]) -> Bundle:
    customer = bundle.entity("customer")
    assert customer is not None
    new = customer.model_copy(update={"fields": fields})
    return bundle.model_copy(
        update={"entities": tuple(new if e.key == "customer" else e for e in bundle.entities)}
    )


def test_identical_bundles_give_an_empty_diff() -> None:
    d = diff_bundles(sample_bundle(), sample_bundle())
    assert d["empty"] is True
    assert render_text(d) == "No changes against the live version."


def test_field_added_removed_and_changed_with_before_and_after() -> None:
    live = sample_bundle()
    customer = live.entity("customer")
    assert customer is not None
    fields = [f for f in customer.fields if f.key != "notes"]
    fields = [
        f.model_copy(update={"required": True, "max_length": 20}) if f.key == "mobile" else f
        for f in fields
    ]
    fields.append(
        FieldDef(
            key="customs_code",
            label=Label(zh_CN="海关编码", en="Customs code"),
            type=FieldType.text,
        )
    )
    draft = _with_customer_fields(live, tuple(fields))
    d = diff_bundles(live, draft)
    json.dumps(d)  # JSON-serialisable as stored with the change request
    (entity,) = d["entities"]
    assert entity["key"] == "customer" and entity["status"] == "changed"
    assert [f["key"] for f in entity["fields"]["added"]] == ["customs_code"]
    assert [f["key"] for f in entity["fields"]["removed"]] == ["notes"]
    (changed,) = entity["fields"]["changed"]
    assert changed["key"] == "mobile"
    by_prop = {c["property"]: (c["before"], c["after"]) for c in changed["changes"]}
    assert by_prop["required"] == (False, True)
    assert by_prop["max_length"][1] == 20
    text = render_text(d)
    assert "+ field Customs code (customs_code) [text]" in text
    assert "required: False -> True" in text


def test_permission_cells_policy_thresholds_and_roles() -> None:
    live = sample_bundle()
    perms = tuple(
        p.model_copy(update={"delete": True}) if (p.role, p.entity) == ("sales", "customer") else p
        for p in live.entity_permissions
    )
    draft = live.model_copy(
        update={
            "entity_permissions": perms,
            "policy": Policy(min_approvals=3),
            "thresholds": Thresholds(searchable_limit=20),
            "roles": (*live.roles, Role(key="auditor", label=Label(zh_CN="审计", en="Auditor"))),
        }
    )
    d = diff_bundles(live, draft)
    assert d["entity_permissions"] == [
        {"role": "sales", "entity": "customer", "op": "delete", "before": False, "after": True}
    ]
    assert d["policy"] == [{"property": "min_approvals", "before": 2, "after": 3}]
    assert d["thresholds"] == [{"property": "searchable_limit", "before": 25, "after": 20}]
    assert [r["key"] for r in d["roles"]["added"]] == ["auditor"]
    assert d["summary"]["permission_cells_changed"] == 1


def test_field_permission_change_and_no_live_version() -> None:
    live = sample_bundle()
    fps = tuple(
        p.model_copy(update={"access": "read"}) if p.role == "intern" else p
        for p in live.field_permissions
    )
    d = diff_bundles(live, live.model_copy(update={"field_permissions": fps}))
    assert d["field_permissions"] == [
        {
            "role": "intern",
            "entity": "contract",
            "field": "contract_amount",
            "before": "masked",  # the sample masks the amount for interns
            "after": "read",
        }
    ]
    first = diff_bundles(None, live)
    assert first["summary"]["entities_added"] == 5


def test_text_rendering_follows_the_language() -> None:
    live = sample_bundle()
    customer = live.entity("customer")
    assert customer is not None
    draft = _with_customer_fields(
        live,
        (
            *customer.fields,
            FieldDef(key="x1", label=Label(zh_CN="新字段", en="New"), type=FieldType.text),
        ),
    )
    i18n.set_language("zh_CN")
    try:
        text = render_text(diff_bundles(live, draft))
    finally:
        i18n.set_language(None)
    assert "实体 客户" in text and "新增字段 新字段 (x1)" in text


def _relabel_notes(zh: str, en: str) -> tuple[Bundle, Bundle]:
    live = sample_bundle()
    customer = live.entity("customer")
    assert customer is not None
    fields = tuple(
        f.model_copy(update={"label": Label(zh_CN=zh, en=en)}) if f.key == "notes" else f
        for f in customer.fields
    )
    return live, _with_customer_fields(live, fields)


def test_a_label_change_in_one_language_shows_that_language_in_the_other() -> None:
    """Issue 19: 备注 -> 备注说明 read "label: Notes -> Notes" in English, a no-op to the eye."""
    live, draft = _relabel_notes("备注说明", "Notes")
    text = render_text(diff_bundles(live, draft))
    assert "label: Notes [Chinese: 备注] -> Notes [Chinese: 备注说明]" in text
    assert "Notes -> Notes\n" not in text + "\n"
    live, draft = _relabel_notes("备注", "Remarks")
    i18n.set_language("zh_CN")
    try:
        zh = render_text(diff_bundles(live, draft))
    finally:
        i18n.set_language(None)
    assert "备注 [英文: Notes] -> 备注 [英文: Remarks]" in zh
    # a change in the UI's own language reads as before, without the other language
    en = render_text(diff_bundles(live, draft))
    assert "label: Notes -> Remarks" in en and "[Chinese" not in en


def big_bundle(
    entities: int = 200, fields: int = 100, roles: int = 20, tweak: bool = False
) -> Bundle:
    ents = tuple(
        Entity(
            key=f"e{i}",
            label=Label(zh_CN=f"实体{i}", en=f"Entity {i}"),
            fields=tuple(
                FieldDef(
                    key=f"f{j}",
                    label=Label(zh_CN=f"字段{j}", en=f"Field {j}"),
                    type=FieldType.text,
                    required=tweak and i % 10 == 0 and j == 5,
                )
                for j in range(fields)
            ),
        )
        for i in range(entities)
    )
    role_models = tuple(
        Role(key=f"r{k}", label=Label(zh_CN=f"角色{k}", en=f"Role {k}")) for k in range(roles)
    )
    perms = tuple(
        EntityPermission(role=f"r{k}", entity=f"e{i}", read=True, delete=tweak and k == 1)
        for k in range(roles)
        for i in range(entities)
    )
    return Bundle(entities=ents, roles=role_models, entity_permissions=perms)


def test_diff_of_200_entities_by_100_fields_counts_every_change() -> None:
    # Its speed (target 100 ms) is measured by benchmarks/change_flow.py, not here.
    d = diff_bundles(big_bundle(), big_bundle(tweak=True))
    assert d["summary"]["fields_changed"] == 20
    assert d["summary"]["permission_cells_changed"] == 200


def test_a_threshold_or_policy_change_is_read_before_the_edits_it_lets_in() -> None:
    from studio.bundle.model import EntityThresholds

    live = sample_bundle()
    customer = live.entity("customer")
    assert customer is not None
    extra = FieldDef(
        key="device_param_01", label=Label(zh_CN="设备参数", en="Param"), type=FieldType.text
    )
    draft = _with_customer_fields(live, (*customer.fields, extra)).model_copy(
        update={
            "thresholds": Thresholds(entities={"customer": EntityThresholds(max_avg_length=1000)}),
            "policy": Policy(min_approvals=1),
        }
    )
    lines = render_text(diff_bundles(live, draft)).splitlines()
    assert lines[0] == "Thresholds:"
    policy = lines.index("Approval policy:")
    entity = next(i for i, line in enumerate(lines) if "entity" in line)
    assert 0 < policy < entity
