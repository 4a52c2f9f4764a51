"""Every edit the entity and form designers make, as a pure function ``Bundle -> Bundle``.

An edit either returns a complete new bundle that passed the model's validation, or raises
``EditError`` (a ``StudioError``) naming the property it is about; it never returns something
half-changed, so the draft is only ever written whole (see ``studio.draft.save``). The GUI's undo
stack keeps the bundles before and after each edit.

``live`` is the bundle that is live on the CRM server (``None`` before the first release): keys
found there are released, and records are stored under them, so they cannot be renamed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from studio.bundle.access import field_removed, field_renamed
from studio.bundle.model import (
    Bundle,
    Entity,
    FieldDef,
    FieldType,
)
from studio.draft.edit_base import (
    checked,
    entity_of,
    field_of,
    is_released,
    rebuild,
    with_entity,
)
from studio.draft.edit_checks import (
    EditError,
    ReleasedKeyError,
    check_key,
    checked_label,
)
from studio.draft.field_props import FIELD_PROPS, check_reference, field_type, updated_field
from studio.draft.form_edits import (
    FormKind,
    add_form,
    add_section,
    move_placement,
    place_field,
    remove_placement,
    set_placement,
    set_read_only,
)

__all__ = [
    "FIELD_PROPS",
    "EditError",
    "FormKind",
    "ReleasedKeyError",
    "add_entity",
    "add_field",
    "add_form",
    "add_section",
    "is_released",
    "move_field",
    "move_placement",
    "place_field",
    "remove_field",
    "remove_placement",
    "rename_field",
    "set_placement",
    "set_read_only",
    "update_field",
]


def add_entity(bundle: Bundle, key: str, label_zh: str, label_en: str) -> Bundle:
    """A new entity with no fields and no forms, at the end of the list."""
    key = check_key(key, "entity")
    if bundle.entity(key) is not None:
        raise EditError("key", "There is already an entity {key}.", key=key)
    if key in ("user", "team"):
        raise EditError(
            "key",
            "{key} is reserved for the CRM's own users and teams.",
            key=key,
        )
    label = checked_label(label_zh, label_en)
    entity = Entity(key=key, label=label)
    return checked(bundle, "entity", entities=(*bundle.entities, entity))


def add_field(
    bundle: Bundle,
    entity: str,
    key: str,
    label_zh: str,
    label_en: str,
    type: FieldType | str,
    *,
    index: int | None = None,
    **props: Any,
) -> Bundle:
    """A new field (at ``index``, else at the end); ``props`` as for ``update_field``."""
    ent = entity_of(bundle, entity)
    key = check_key(key, "field")
    if ent.field(key) is not None:
        raise EditError(
            "key",
            "{entity} already has a field {key}; field keys must be unique.",
            entity=entity,
            key=key,
        )
    ftype = field_type(type)
    reference = props.pop("reference", None)
    if ftype == FieldType.reference:
        reference = check_reference(bundle, reference)
    fd = FieldDef(
        key=key,
        label=checked_label(label_zh, label_en),
        type=ftype,
        reference=reference,
    )
    fd = updated_field(bundle, fd, props, released=False)
    fields = list(ent.fields)
    fields.insert(len(fields) if index is None else max(0, min(index, len(fields))), fd)
    return with_entity(bundle, rebuild(ent, "key", fields=tuple(fields)))


def update_field(
    bundle: Bundle,
    entity: str,
    field: str,
    changes: Mapping[str, Any],
    *,
    live: Bundle | None = None,
) -> Bundle:
    """The field with ``changes`` (names from ``FIELD_PROPS``) applied, checked as a whole.

    Properties the new type does not have are dropped (options of a field that is no longer a
    select, a regex on a number...), and so is a default the new type cannot hold.
    """
    unknown = sorted(set(changes) - FIELD_PROPS)
    if unknown:
        raise EditError(unknown[0], "Unknown field property {p}.", p=unknown[0])
    ent = entity_of(bundle, entity)
    fd = field_of(ent, field)
    changes = dict(changes)
    new_key = changes.pop("key", field)
    if new_key != field:
        bundle = rename_field(bundle, entity, field, new_key, live=live)
        ent = entity_of(bundle, entity)
        fd = field_of(ent, new_key)
    if not changes:
        return bundle
    updated = updated_field(bundle, fd, changes, released=is_released(live, entity, fd.key))
    if updated == fd:
        return bundle
    fields = tuple(updated if f.key == fd.key else f for f in ent.fields)
    return with_entity(bundle, rebuild(ent, "field", fields=fields))


def rename_field(
    bundle: Bundle, entity: str, field: str, new_key: str, *, live: Bundle | None = None
) -> Bundle:
    """The field under a new key, with its placements and permissions following it.

    Refused (``ReleasedKeyError``) when the key is live: the CRM stores records under it.
    """
    ent = entity_of(bundle, entity)
    fd = field_of(ent, field)
    new_key = check_key(new_key, "field")
    if new_key == field:
        return bundle
    if is_released(live, entity, field):
        raise ReleasedKeyError(
            "key",
            "The key {key} is already live on the CRM server: existing {entity} records store "
            "their values under it, so it cannot be renamed. Change its labels instead (what "
            "people see), or add a new field and deprecate this one.",
            key=field,
            entity=entity,
        )
    if ent.field(new_key) is not None:
        raise EditError(
            "key",
            "{entity} already has a field {key}; field keys must be unique.",
            entity=entity,
            key=new_key,
        )
    renamed = rebuild(fd, "key", key=new_key)
    fields = tuple(renamed if f.key == field else f for f in ent.fields)
    forms = tuple(
        rebuild(
            form,
            "form",
            sections=tuple(
                rebuild(
                    s,
                    "form",
                    placements=tuple(
                        rebuild(p, "form", field=new_key) if p.field == field else p
                        for p in s.placements
                    ),
                )
                for s in form.sections
            ),
        )
        for form in ent.forms
    )
    perms = tuple(
        rebuild(p, "key", field=new_key) if p.entity == entity and p.field == field else p
        for p in bundle.field_permissions
    )
    new_entity = rebuild(ent, "key", fields=fields, forms=forms)
    entities = tuple(new_entity if e.key == entity else e for e in bundle.entities)
    access = field_renamed(bundle.access, entity, field, new_key)  # its readers and mask follow
    return checked(bundle, "key", entities=entities, field_permissions=perms, access=access)


def move_field(bundle: Bundle, entity: str, field: str, index: int) -> Bundle:
    """The field moved to position ``index`` (clamped) in its entity's field list."""
    ent = entity_of(bundle, entity)
    fd = field_of(ent, field)
    fields = [f for f in ent.fields if f.key != field]
    fields.insert(max(0, min(index, len(fields))), fd)
    if tuple(fields) == ent.fields:
        return bundle
    return with_entity(bundle, rebuild(ent, "field", fields=tuple(fields)))


def remove_field(bundle: Bundle, entity: str, field: str, *, live: Bundle | None = None) -> Bundle:
    """Remove a field that was never released (with its placements and permissions)."""
    ent = entity_of(bundle, entity)
    field_of(ent, field)
    if is_released(live, entity, field):
        raise ReleasedKeyError(
            "key",
            "{key} is live on the CRM server and records hold values for it; mark it "
            "deprecated or hidden instead of removing it.",
            key=field,
        )
    forms = tuple(
        rebuild(
            form,
            "form",
            sections=tuple(
                rebuild(s, "form", placements=tuple(p for p in s.placements if p.field != field))
                for s in form.sections
            ),
        )
        for form in ent.forms
    )
    fields = tuple(f for f in ent.fields if f.key != field)
    new_entity = rebuild(ent, "field", fields=fields, forms=forms)
    entities = tuple(new_entity if e.key == entity else e for e in bundle.entities)
    perms = tuple(
        p for p in bundle.field_permissions if not (p.entity == entity and p.field == field)
    )
    access = field_removed(bundle.access, entity, field)
    return checked(bundle, "field", entities=entities, field_permissions=perms, access=access)
