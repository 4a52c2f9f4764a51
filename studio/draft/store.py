"""The workspace's draft as a bundle, and a bundle as the workspace's draft.

``load_draft`` and ``replace_draft`` are exact inverses: a bundle written and read back has the same
sha256 (positions keep every order, JSON columns keep typed values). Every write of the draft,
whole or one edit, goes through ``write_draft``: a compare-and-set of the draft's revision, then
row writes of what differs (``studio.draft.rows``).
"""

from __future__ import annotations

import json
from operator import itemgetter
from typing import Any

import orjson
from pydantic import TypeAdapter
from sqlalchemy import Select, Table, Text, cast, select, update
from sqlalchemy.orm import Session

from schema.models import (
    Draft,
    EntityPermissionRow,
    EntityRow,
    FieldPermissionRow,
    FieldRow,
    FormPlacementRow,
    FormRow,
    FormSectionRow,
    RoleRow,
    UserRow,
    utcnow,
)
from studio.bundle.access import AccessSection
from studio.bundle.model import (
    Bundle,
    Entity,
    EntityPermission,
    FieldPermission,
    Policy,
    Role,
    Thresholds,
    UserAssignment,
)
from studio.bundle.rules import rules_json
from studio.draft.checks import ACCESS_VALUES, check_references
from studio.draft.rows import WriteCounts, write_difference
from studio.draft.trusted import trusted
from studio.errors import ConflictError
from studio.gc_pause import gc_paused
from studio.i18n import Message


def get_draft(session: Session) -> Draft:
    """The workspace's one draft row, created on first use."""
    draft = session.scalars(select(Draft).limit(1)).first()
    if draft is None:
        draft = Draft(thresholds=Thresholds().model_dump(), policy=Policy().model_dump(mode="json"))
        session.add(draft)
        session.flush()
    return draft


def load_draft(session: Session) -> Bundle:
    """The draft, as one bundle.

    Reads plain rows (no ORM objects). What the tables do not constrain (keys, labels, field
    properties kept as JSON, placements, the draft's own sections, references between fields) is
    validated by the model. The cells of the permission matrices (200,000 at 20 roles x 10,000
    fields) are not validated one by one: the tables' foreign keys and unique constraints already
    guarantee what the model would check (a known role, a known field, given once), and their
    access values are checked here. That halves the time to load a large draft.
    """
    with gc_paused():
        return _load_draft(session)


_MISSING = object()
#: Values most JSON cells hold, decoded once (lists are made fresh: they are not shared).
_COMMON_JSON: dict[str, Any] = {"null": None, "true": True, "false": False}


def _json(text: str | None) -> Any:
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


def _as_text(column: Any) -> Any:
    # PostgreSQL's driver would decode a json column itself, with the standard library.
    return cast(column, Text)


def _load_draft(session: Session) -> Bundle:
    draft = get_draft(session)
    ex = session.connection().execute
    entities = ex(
        select(EntityRow.id, EntityRow.key, EntityRow.label_zh, EntityRow.label_en).order_by(
            EntityRow.position
        )
    ).all()
    entity_key = {e.id: e.key for e in entities}
    roles = TypeAdapter(tuple[Role, ...]).validate_python(
        [
            {"key": key, "label": {"zh_CN": zh, "en": en}}
            for key, zh, en in ex(
                select(RoleRow.key, RoleRow.label_zh, RoleRow.label_en).order_by(RoleRow.position)
            )
        ]
    )
    role_key = dict(ex(select(RoleRow.id, RoleRow.key)).all())
    f = FieldRow
    fields_by_entity: dict[int, list[dict[str, Any]]] = {}
    field_ref: dict[int, tuple[str, str]] = {}
    query = select(
        f.id, f.entity_id, f.key, f.label_zh, f.label_en, f.type, f.required, f.unique,
        f.searchable, f.max_length, f.sensitive, f.reference, f.address_part, f.deprecated,
        f.hidden, _as_text(f.default), _as_text(f.backfill), _as_text(f.options),
        _as_text(f.validation),
    ).order_by(f.entity_id, f.position)  # fmt: skip
    for (fid, eid, key, zh, en, type_, required, unique, searchable, max_length, sensitive,
         reference, address_part, deprecated, hidden, default, backfill, options,
         validation) in ex(query).all():  # fmt: skip
        field_ref[fid] = (entity_key[eid], key)
        fields_by_entity.setdefault(eid, []).append(
            {
                "key": key,
                "label": {"zh_CN": zh, "en": en},
                "type": type_,
                "required": required,
                "default": _json(default),
                "backfill": _json(backfill),
                "unique": unique,
                "searchable": searchable,
                "max_length": max_length,
                "sensitive": sensitive,
                "options": _json(options) or [],
                "validation": _json(validation) or None,
                "reference": reference,
                "address_part": address_part,
                "deprecated": deprecated,
                "hidden": hidden,
            }
        )
    placements: dict[int, list[dict[str, Any]]] = {}
    pl = FormPlacementRow
    for sid, fkey, column, read_only in ex(
        select(pl.section_id, pl.field_key, pl.column, pl.read_only).order_by(pl.position)
    ):
        placements.setdefault(sid, []).append(
            {"field": fkey, "column": column, "read_only": read_only}
        )
    sections: dict[int, list[dict[str, Any]]] = {}
    se = FormSectionRow
    for sid, form_id, key, zh, en, columns in ex(
        select(se.id, se.form_id, se.key, se.label_zh, se.label_en, se.columns).order_by(
            se.position
        )
    ):
        sections.setdefault(form_id, []).append(
            {
                "key": key,
                "label": {"zh_CN": zh, "en": en},
                "columns": columns,
                "placements": placements.get(sid, []),
            }
        )
    forms: dict[int, list[dict[str, Any]]] = {}
    fo = FormRow
    for form_id, eid, key, kind, zh, en in ex(
        select(fo.id, fo.entity_id, fo.key, fo.kind, fo.label_zh, fo.label_en).order_by(fo.position)
    ):
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
                "key": e.key,
                "label": {"zh_CN": e.label_zh, "en": e.label_en},
                "fields": fields_by_entity.get(e.id, []),
                "forms": forms.get(e.id, []),
            }
            for e in entities
        ]
    )
    ep = EntityPermissionRow
    entity_permissions = tuple(
        trusted(
            EntityPermission,
            {
                "role": role_key[role_id],
                "entity": entity_key[entity_id],
                "create": bool(c),
                "read": bool(r),
                "update": bool(u),
                "delete": bool(d),
                "scopes": None,
            },
        )
        if scopes in (None, "null")
        # Scoped cells are few (a role x an entity) and validated: flags and scopes must agree.
        else EntityPermission.model_validate(
            {
                "role": role_key[role_id],
                "entity": entity_key[entity_id],
                "create": bool(c),
                "read": bool(r),
                "update": bool(u),
                "delete": bool(d),
                "scopes": _json(scopes),
            }
        )
        for role_id, entity_id, c, r, u, d, scopes in ex(
            select(
                ep.role_id,
                ep.entity_id,
                ep.can_create,
                ep.can_read,
                ep.can_update,
                ep.can_delete,
                _as_text(ep.scopes),
            ).order_by(ep.position)
        )
    )
    fp = FieldPermissionRow
    cells = _raw_rows(session, select(fp.role_id, fp.field_id, fp.access).order_by(fp.position))
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
            for name, display_name, role_id, active in ex(
                select(
                    UserRow.name, UserRow.display_name, UserRow.role_id, UserRow.active
                ).order_by(UserRow.position)
            )
        ]
    )
    rest = Bundle.model_validate(
        {
            "thresholds": draft.thresholds or {},
            "policy": draft.policy or {},
            "rules": draft.rules,
            "approvers": draft.approvers,
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
            "access": None if draft.access is None else AccessSection.model_validate(draft.access),
        },
    )
    check_references(bundle, permissions=False)
    return bundle


def _raw_rows(session: Session, query: Select[Any, Any, Any]) -> list[tuple[Any, ...]]:
    """The rows of a parameterless ``query`` as the driver's plain tuples (for 200,000 rows,
    SQLAlchemy's row objects cost more than reading them)."""
    conn = session.connection()
    sql = str(query.compile(dialect=conn.dialect))
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _field_permissions(
    cells: list[tuple[Any, ...]], role_key: dict[int, str], field_ref: dict[int, tuple[str, str]]
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


def draft_revision(session: Session) -> int:
    """The draft's revision as the database holds it now (not an ORM object's cached value)."""
    get_draft(session)
    revision = session.execute(select(Draft.revision).limit(1)).scalar_one()
    return int(revision)


def claim_revision(
    session: Session, bundle: Bundle, *, user: str | None, expected_revision: int | None
) -> int:
    """Move the draft to its next revision if it is still at ``expected_revision`` (any, when
    ``None``), with ``bundle``'s own sections; returns the new revision.

    One compare-and-set ``UPDATE`` of the draft row, made first in the unit of work: on
    PostgreSQL it holds the row until commit, so a second studio saving the same revision waits,
    then finds the revision moved on. Raises ``ConflictError`` (nothing written) then.
    """
    draft = get_draft(session)
    table = Draft.__table__
    assert isinstance(table, Table)
    where = table.c.id == draft.id
    if expected_revision is not None:
        where = where & (table.c.revision == expected_revision)
    done = (
        session.connection()
        .execute(
            update(table)
            .where(where)
            .values(
                revision=table.c.revision + 1,
                updated_by=user,
                updated_at=utcnow(),
                thresholds=bundle.thresholds.model_dump(mode="json"),
                policy=bundle.policy.model_dump(mode="json"),
                rules=rules_json(bundle.rules),
                approvers=[a.model_dump(mode="json") for a in bundle.approvers]
                if bundle.approvers is not None
                else None,
            )
            .returning(table.c.revision)
        )
        .first()
    )
    session.expire(draft)  # its cached revision is the old one
    if done is None:
        now = session.execute(select(Draft.revision, Draft.updated_by).limit(1)).one()
        raise ConflictError(
            "the draft was changed by {user} (revision {revision}, you edited {expected})",
            user=now.updated_by or Message("someone else"),
            revision=now.revision,
            expected=expected_revision,
        )
    return int(done[0])


def write_draft(
    session: Session,
    bundle: Bundle,
    *,
    user: str | None,
    expected_revision: int | None = None,
    base: Bundle | None = None,
) -> tuple[int, WriteCounts]:
    """Make ``bundle`` the draft, writing only the rows that differ; the new revision and what
    was written.

    ``base`` is the bundle the tables hold at ``expected_revision`` (a document's last save);
    without it the stored draft is read first. Raises ``ConflictError`` (see ``claim_revision``).
    """
    revision = claim_revision(session, bundle, user=user, expected_revision=expected_revision)
    if base is None:
        base = load_draft(session)
    with gc_paused():  # ids of thousands of rows read and keyed at once (see load_draft)
        counts = write_difference(session, base, bundle)
    if base.access != bundle.access:
        # Written after the rows it refers to (its users, entities and roles), so that a load
        # in between (``base`` above) reads a sound draft.
        table = Draft.__table__
        assert isinstance(table, Table)
        section = bundle.access
        session.connection().execute(
            update(table).values(
                access=section.model_dump(mode="json") if section is not None else None
            )
        )
        counts.add("draft", "access")
    return revision, counts


def replace_draft(
    session: Session, bundle: Bundle, *, user: str | None, expected_revision: int | None = None
) -> int:
    """Make ``bundle`` the whole draft (config import, rollback, a new workspace); returns the new
    draft revision.

    The same path as an edit's save (``write_draft``): the rows that already hold what ``bundle``
    says are left alone. With ``expected_revision``, refuses (``ConflictError``) when someone else
    saved the draft since the caller read it, instead of overwriting their work.
    """
    return write_draft(session, bundle, user=user, expected_revision=expected_revision)[0]
