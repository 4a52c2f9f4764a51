"""Small bundle edits for the rule tests: the sample, with one thing changed."""

from __future__ import annotations

from typing import Any

from studio.bundle.model import Bundle, Entity, FieldDef, FieldPermission, Label, Placement
from studio.bundle.sample import sample_bundle
from studio.lint import DataStats, run_all
from studio.lint.findings import Finding


def field(key: str = "customs_code", type_: str = "text", **kw: Any) -> FieldDef:
    return FieldDef(key=key, label=Label(zh_CN="海关编码", en="Customs code"), type=type_, **kw)


def replace_entity(bundle: Bundle, entity: Entity) -> Bundle:
    entities = tuple(entity if e.key == entity.key else e for e in bundle.entities)
    return Bundle.model_validate(bundle.model_copy(update={"entities": entities}).model_dump())


def add_field(
    bundle: Bundle,
    fd: FieldDef,
    entity: str = "customer",
    forms: tuple[str, ...] | str = "all",
    read_only: bool = False,
) -> Bundle:
    """``fd`` added to ``entity`` and placed (first section) on ``forms`` (``"all"`` = every form)."""
    ent = bundle.entity(entity)
    assert ent is not None
    forms_out = []
    for form in ent.forms:
        if forms == "all" or form.key in forms:
            first = form.sections[0]
            placed = (*first.placements, Placement(field=fd.key, read_only=read_only))
            first = first.model_copy(update={"placements": placed})
            form = form.model_copy(update={"sections": (first, *form.sections[1:])})
        forms_out.append(form)
    ent = ent.model_copy(update={"fields": (*ent.fields, fd), "forms": tuple(forms_out)})
    return replace_entity(bundle, ent)


def update_field(bundle: Bundle, entity: str, key: str, **update: Any) -> Bundle:
    ent = bundle.entity(entity)
    assert ent is not None
    fields = tuple(f.model_copy(update=update) if f.key == key else f for f in ent.fields)
    return replace_entity(bundle, ent.model_copy(update={"fields": fields}))


def set_field_permission(bundle: Bundle, role: str, entity: str, key: str, access: str) -> Bundle:
    kept = tuple(
        p for p in bundle.field_permissions if (p.role, p.entity, p.field) != (role, entity, key)
    )
    perm = FieldPermission(role=role, entity=entity, field=key, access=access)  # type: ignore[arg-type]
    return bundle.model_copy(update={"field_permissions": (*kept, perm)})


def codes(
    bundle: Bundle, stats: DataStats | None = None, live: Bundle | None = None
) -> list[tuple[str, str | None, str | None]]:
    """(code, entity.field, role) of every finding: what a test compares."""
    return [(f.code, f"{f.entity}.{f.field}", f.role) for f in run_all(bundle, stats, live)]


def findings(
    bundle: Bundle, code: str, stats: DataStats | None = None, live: Bundle | None = None
) -> list[Finding]:
    return [f for f in run_all(bundle, stats, live) if f.code == code]


def sample() -> Bundle:
    """The sample with every role held by a named person: issue 14's permission rules then
    have nothing to say about it (the sample itself keeps a generic `admin` account and roles
    nobody holds, which they report), and each test sees only the findings it is about."""
    bundle = sample_bundle()
    people = [u.model_dump() for u in bundle.users if u.user != "admin"]
    people += [
        {"user": "sun", "display_name": "孙立 Sun Li", "role": "admin"},
        {"user": "qian", "display_name": "钱进 Qian Jin", "role": "sales_director"},
        {"user": "li", "display_name": "李娜 Li Na", "role": "finance"},
        {"user": "zheng", "display_name": "郑洁 Zheng Jie", "role": "service"},
        {"user": "feng", "display_name": "冯云 Feng Yun", "role": "hr"},
    ]
    return Bundle.model_validate({**bundle.model_dump(), "users": people})
