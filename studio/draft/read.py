"""Reading the draft from its tables as one bundle, in plain SQL.

The one reader of the draft. It asks its questions as SQL text through ``rows`` (a function that
runs a parameterless query and returns the driver's tuples), so it runs both on a workspace opened
through SQLAlchemy (``studio.draft.store.load_draft``) and on an SQLite file opened with the
standard library alone (``studio.workspace.sqlite_read``): ``studio check`` answers without
importing SQLAlchemy, which alone costs a command-line tool's whole start-up budget.

The SQL is the common part of SQLite's and PostgreSQL's: reserved words quoted, JSON columns cast
to text and decoded here, booleans made ``bool`` here (SQLite's driver gives 0 and 1).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

import orjson
from pydantic import TypeAdapter

from studio.bundle.access import AccessSection
from studio.bundle.model import (
    Bundle,
    Entity,
    EntityPermission,
    FieldPermission,
    Role,
    UserAssignment,
)
from studio.draft.checks import ACCESS_VALUES, check_references
from studio.draft.trusted import trusted
from studio.gc_pause import gc_paused

#: Runs one parameterless query, returns its rows as tuples.
Rows = Callable[[str], Sequence[tuple[Any, ...]]]

_MISSING = object()
#: Values most JSON cells hold, decoded once (lists are made fresh: they are not shared).
_COMMON_JSON: dict[str, Any] = {"null": None, "true": True, "false": False}


def json_value(text: str | None) -> Any:
    """A JSON column read as text: decoding it through SQLAlchemy's type took ~0.4 s."""
    if text is None:
        return None
    known = _COMMON_JSON.get(text, _MISSING)
    if known is not _MISSING:
        return known
    if text == "[]":
        return []
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:  # integers beyond 64 bits: the standard library reads them
        return json.loads(text)


DRAFT_SECTIONS = (
    "SELECT CAST(thresholds AS TEXT), CAST(policy AS TEXT), CAST(rules AS TEXT), "
    "CAST(approvers AS TEXT), CAST(access AS TEXT) FROM draft ORDER BY id LIMIT 1"
)
ENTITIES = "SELECT id, key, label_zh, label_en FROM entities ORDER BY position"
ROLES = "SELECT id, key, label_zh, label_en FROM roles ORDER BY position"
FIELDS = (
    'SELECT id, entity_id, key, label_zh, label_en, type, required, "unique", searchable, '
    "max_length, sensitive, reference, address_part, deprecated, hidden, "
    'CAST("default" AS TEXT), CAST(backfill AS TEXT), CAST(options AS TEXT), '
    "CAST(validation AS TEXT) FROM fields ORDER BY entity_id, position"
)
PLACEMENTS = (
    'SELECT section_id, field_key, "column", read_only FROM form_placements ORDER BY position'
)
SECTIONS = (
    'SELECT id, form_id, key, label_zh, label_en, "columns" FROM form_sections ORDER BY position'
)
FORMS = "SELECT id, entity_id, key, kind, label_zh, label_en FROM forms ORDER BY position"
ENTITY_PERMISSIONS = (
    "SELECT role_id, entity_id, can_create, can_read, can_update, can_delete, "
    "CAST(scopes AS TEXT) FROM entity_permissions ORDER BY position"
)
FIELD_PERMISSIONS = "SELECT role_id, field_id, access FROM field_permissions ORDER BY position"
USERS = "SELECT name, display_name, role_id, active FROM users ORDER BY position"


def read_draft(rows: Rows) -> Bundle:
    """The draft, as one bundle (the defaults of an empty draft when it has no row yet).

    What the tables do not constrain (keys, labels, field properties kept as JSON, placements,
    the draft's own sections, references between fields) is validated by the model. The cells of
    the permission matrices (200,000 at 20 roles x 10,000 fields) are not validated one by one:
    the tables' foreign keys and unique constraints already guarantee what the model would check
    (a known role, a known field, given once), and their access values are checked here. That
    halves the time to load a large draft.
    """
    with gc_paused():
        return _read(rows)


def _read(rows: Rows) -> Bundle:
    sections_row = rows(DRAFT_SECTIONS)
    thresholds, policy, rules, approvers, access = (
        [json_value(v) for v in sections_row[0]] if sections_row else [None] * 5
    )
    entities = rows(ENTITIES)
    entity_key = {eid: key for eid, key, _zh, _en in entities}
    role_rows = rows(ROLES)
    roles = TypeAdapter(tuple[Role, ...]).validate_python(
        [{"key": key, "label": {"zh_CN": zh, "en": en}} for _id, key, zh, en in role_rows]
    )
    role_key = {rid: key for rid, key, _zh, _en in role_rows}
    fields_by_entity: dict[int, list[dict[str, Any]]] = {}
    field_ref: dict[int, tuple[str, str]] = {}
    for (fid, eid, key, zh, en, type_, required, unique, searchable, max_length, sensitive,
         reference, address_part, deprecated, hidden, default, backfill, options,
         validation) in rows(FIELDS):  # fmt: skip
        field_ref[fid] = (entity_key[eid], key)
        fields_by_entity.setdefault(eid, []).append(
            {
                "key": key,
                "label": {"zh_CN": zh, "en": en},
                "type": type_,
                "required": bool(required),
                "default": json_value(default),
                "backfill": json_value(backfill),
                "unique": bool(unique),
                "searchable": bool(searchable),
                "max_length": max_length,
                "sensitive": bool(sensitive),
                "options": json_value(options) or [],
                "validation": json_value(validation) or None,
                "reference": reference,
                "address_part": address_part,
                "deprecated": bool(deprecated),
                "hidden": bool(hidden),
            }
        )
    placements: dict[int, list[dict[str, Any]]] = {}
    for sid, fkey, column, read_only in rows(PLACEMENTS):
        placements.setdefault(sid, []).append(
            {"field": fkey, "column": column, "read_only": bool(read_only)}
        )
    sections: dict[int, list[dict[str, Any]]] = {}
    for sid, form_id, key, zh, en, columns in rows(SECTIONS):
        sections.setdefault(form_id, []).append(
            {
                "key": key,
                "label": {"zh_CN": zh, "en": en},
                "columns": columns,
                "placements": placements.get(sid, []),
            }
        )
    forms: dict[int, list[dict[str, Any]]] = {}
    for form_id, eid, key, kind, zh, en in rows(FORMS):
        forms.setdefault(eid, []).append(
            {
                "key": key,
                "kind": kind,
                "label": {"zh_CN": zh, "en": en},
                "sections": sections.get(form_id, []),
            }
        )
    # Entities validate their fields, forms and placements (and the references checked below).
    validated_entities = TypeAdapter(tuple[Entity, ...]).validate_python(
        [
            {
                "key": key,
                "label": {"zh_CN": zh, "en": en},
                "fields": fields_by_entity.get(eid, []),
                "forms": forms.get(eid, []),
            }
            for eid, key, zh, en in entities
        ]
    )
    entity_permissions = tuple(
        _entity_permission(role_key[role_id], entity_key[entity_id], c, r, u, d, scopes)
        for role_id, entity_id, c, r, u, d, scopes in rows(ENTITY_PERMISSIONS)
    )
    cells = rows(FIELD_PERMISSIONS)
    bad = set(map(itemgetter(2), cells)) - ACCESS_VALUES
    if bad:
        raise ValueError(f"field permission with unknown access {sorted(bad)[0]!r}")
    field_permissions = _field_permissions(cells, role_key, field_ref)
    users = TypeAdapter(tuple[UserAssignment, ...]).validate_python(
        [
            {
                "user": name,
                "display_name": display_name,
                "role": role_key[role_id],
                "disabled": None if active else True,
            }
            for name, display_name, role_id, active in rows(USERS)
        ]
    )
    rest = Bundle.model_validate(
        {
            "thresholds": thresholds or {},
            "policy": policy or {},
            "rules": rules,
            "approvers": approvers,
        }
    )
    bundle = trusted(
        Bundle,
        {
            **rest.__dict__,
            "entities": validated_entities,
            "roles": roles,
            "entity_permissions": entity_permissions,
            "field_permissions": field_permissions,
            "users": users,
            # Refers to entities, users and roles: validated here, checked with them below.
            "access": None if access is None else AccessSection.model_validate(access),
        },
    )
    check_references(bundle, permissions=False)
    return bundle


def _entity_permission(
    role: str, entity: str, c: Any, r: Any, u: Any, d: Any, scopes: str | None
) -> EntityPermission:
    values = {
        "role": role,
        "entity": entity,
        "create": bool(c),
        "read": bool(r),
        "update": bool(u),
        "delete": bool(d),
        "scopes": None,
    }
    if scopes in (None, "null"):
        return trusted(EntityPermission, values)
    # Scoped cells are few (a role x an entity) and validated: flags and scopes must agree.
    return EntityPermission.model_validate({**values, "scopes": json_value(scopes)})


def _field_permissions(
    cells: Sequence[tuple[Any, ...]],
    role_key: dict[int, str],
    field_ref: dict[int, tuple[str, str]],
) -> tuple[FieldPermission, ...]:
    # ``trusted`` written out in the loop: a function call per cell is a fifth of the time.
    new, set_attr, fields = object.__new__, object.__setattr__, set(FieldPermission.model_fields)
    out: list[FieldPermission] = []
    append = out.append
    for role_id, field_id, access in cells:
        entity, field = field_ref[field_id]
        cell = new(FieldPermission)
        set_attr(
            cell,
            "__dict__",
            {"role": role_key[role_id], "entity": entity, "field": field, "access": access},
        )
        set_attr(cell, "__pydantic_fields_set__", fields)
        set_attr(cell, "__pydantic_extra__", None)
        set_attr(cell, "__pydantic_private__", None)
        append(cell)
    return tuple(out)
