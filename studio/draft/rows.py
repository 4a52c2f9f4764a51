"""Writing the difference between two drafts as targeted row writes.

``write_difference(session, before, after)`` brings the draft's tables from ``before`` (what they
hold) to ``after``: rows of untouched parts are not read or written. Each ordered list of the
bundle (entities, an entity's fields and forms, a form's sections, a section's placements, roles,
the permission matrices, users) is written by a ``ListWriter`` (``studio.draft.list_writer``: the
common head and tail skipped, the rest found by natural key: a field by its key, a permission
cell by role and field); this module says how each list is stored and in which order the lists
are written so that every foreign key holds at each statement.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from schema.models import (
    EntityPermissionRow,
    EntityRow,
    FieldPermissionRow,
    FieldRow,
    FormPlacementRow,
    FormRow,
    FormSectionRow,
    RoleRow,
    UserRow,
)
from studio.bundle.model import (
    Bundle,
    Entity,
    FieldDef,
    Form,
    Section,
)
from studio.draft.list_writer import (
    ListSpec,
    ListWriter,
    WriteCounts,
    table_of,
)

# -- the bundle's lists ------------------------------------------------------------------------


def _labels(item: Any) -> dict[str, Any]:
    return {"label_zh": item.label.zh_CN, "label_en": item.label.en}


def field_values(fd: FieldDef) -> dict[str, Any]:
    """The columns of a field's row (its key and position aside)."""
    return {
        **_labels(fd),
        "type": fd.type.value,
        "required": fd.required,
        "unique": fd.unique,
        "searchable": fd.searchable,
        "sensitive": fd.sensitive,
        "deprecated": fd.deprecated,
        "hidden": fd.hidden,
        "max_length": fd.max_length,
        "default": fd.default,
        "backfill": fd.backfill,
        "options": [o.model_dump(mode="json") for o in fd.options],
        "validation": fd.validation.model_dump(mode="json", exclude_none=True)
        if fd.validation
        else None,
        "reference": fd.reference,
        "address_part": fd.address_part,
    }


class _Ids:
    """Row ids by natural key, read when first needed (after the parents were written)."""

    def __init__(self, session: Session) -> None:
        self.ex = session.connection().execute
        self._entities: dict[str, int] | None = None
        self._roles: dict[str, int] | None = None
        self._fields: dict[str, dict[str, int]] = {}
        self._forms: dict[int, dict[str, int]] = {}
        self._sections: dict[int, dict[str, int]] = {}

    def entity(self, key: str) -> int:
        if self._entities is None:
            self._entities = dict(self.ex(select(EntityRow.key, EntityRow.id)).all())
        return self._entities[key]

    def role(self, key: str) -> int:
        if self._roles is None:
            self._roles = dict(self.ex(select(RoleRow.key, RoleRow.id)).all())
        return self._roles[key]

    def field(self, entity: str, key: str) -> int:
        ids = self._fields.get(entity)
        if ids is None:
            ids = self._fields[entity] = dict(
                self.ex(
                    select(FieldRow.key, FieldRow.id).where(
                        FieldRow.entity_id == self.entity(entity)
                    )
                ).all()
            )
        return ids[key]

    def form(self, entity_id: int, key: str) -> int:
        ids = self._forms.get(entity_id)
        if ids is None:
            ids = self._forms[entity_id] = dict(
                self.ex(select(FormRow.key, FormRow.id).where(FormRow.entity_id == entity_id)).all()
            )
        return ids[key]

    def section(self, form_id: int, key: str) -> int:
        ids = self._sections.get(form_id)
        if ids is None:
            ids = self._sections[form_id] = dict(
                self.ex(
                    select(FormSectionRow.key, FormSectionRow.id).where(
                        FormSectionRow.form_id == form_id
                    )
                ).all()
            )
        return ids[key]


def _key(item: Any) -> tuple[Hashable, ...]:
    return (item.key,)


def write_difference(session: Session, before: Bundle, after: Bundle) -> WriteCounts:
    """Write what differs between ``before`` (what the tables hold) and ``after``.

    The draft row itself (revision, thresholds, policy, rules, approvers) is the caller's:
    ``studio.draft.save`` sets it in the same unit of work.
    """
    counts = WriteCounts()
    ids = _Ids(session)

    def writer(spec: ListSpec) -> ListWriter:
        return ListWriter(session, spec, counts)

    if before.entities is not after.entities:
        entity_spec = ListSpec("entities", table_of(EntityRow), ("key",), _key, _labels, {})

        # An entity's own row changes with its labels only: compare those, then its lists.
        def heads(b: Bundle) -> list[tuple[str, str, str]]:
            return [(e.key, e.label.zh_CN, e.label.en) for e in b.entities]

        if heads(before) != heads(after):
            shells = writer(entity_spec)
            shells.write([_Head(e) for e in before.entities], [_Head(e) for e in after.entities])
        old_entities = {e.key: e for e in before.entities}
        for ent in after.entities:
            old = old_entities.get(ent.key)
            if old is ent:
                continue
            _write_entity(session, ids, counts, old, ent)
    if before.roles is not after.roles:
        # Roles that go are deleted after the users and permissions that refer to them moved.
        role_spec = ListSpec("roles", table_of(RoleRow), ("key",), _key, _labels, {})
        kept = tuple(r for r in before.roles if any(r.key == n.key for n in after.roles))
        added_or_changed = writer(role_spec)
        added_or_changed.write(kept, after.roles)
    if before.users is not after.users:
        user_spec = ListSpec(
            "users",
            table_of(UserRow),
            ("name",),
            lambda u: (u.user,),
            lambda u: {
                "display_name": u.display_name,
                "role_id": ids.role(u.role),
                "active": not u.disabled,
            },
            {},
        )
        writer(user_spec).write(before.users, after.users)
    if before.entity_permissions is not after.entity_permissions:
        ep_spec = ListSpec(
            "entity_permissions",
            table_of(EntityPermissionRow),
            ("role_id", "entity_id"),
            lambda p: (ids.role(p.role), ids.entity(p.entity)),
            lambda p: {
                "can_create": p.create,
                "can_read": p.read,
                "can_update": p.update,
                "can_delete": p.delete,
                "scopes": dict(p.scopes) if p.scopes is not None else None,
            },
            {},
        )
        writer(ep_spec).write(before.entity_permissions, after.entity_permissions)
    if before.field_permissions is not after.field_permissions:
        fp_spec = ListSpec(
            "field_permissions",
            table_of(FieldPermissionRow),
            ("role_id", "field_id"),
            lambda p: (ids.role(p.role), ids.field(p.entity, p.field)),
            lambda p: {"access": p.access},
            {},
        )
        writer(fp_spec).write(before.field_permissions, after.field_permissions)
    if before.roles is not after.roles:
        gone = [r.key for r in before.roles if all(r.key != n.key for n in after.roles)]
        if gone:
            session.connection().execute(delete(table_of(RoleRow)).where(RoleRow.key.in_(gone)))
            counts.add("roles", "deleted", len(gone))
    return counts


class _Head:
    """An entity as its own row sees it (key and labels), for the entities list."""

    __slots__ = ("key", "label")

    def __init__(self, entity: Entity) -> None:
        self.key, self.label = entity.key, entity.label

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Head) and (self.key, self.label) == (other.key, other.label)

    __hash__ = None  # type: ignore[assignment]


def _write_entity(
    session: Session, ids: _Ids, counts: WriteCounts, old: Entity | None, new: Entity
) -> None:
    entity_id = ids.entity(new.key)
    if old is None or old.fields is not new.fields:
        spec = ListSpec(
            "fields", table_of(FieldRow), ("key",), _key, field_values, {"entity_id": entity_id}
        )
        ListWriter(session, spec, counts).write(old.fields if old else (), new.fields)
    if old is None or old.forms is not new.forms:
        spec = ListSpec(
            "forms",
            table_of(FormRow),
            ("key",),
            _key,
            lambda f: {"kind": f.kind, **_labels(f)},
            {"entity_id": entity_id},
        )
        for form, old_form in ListWriter(session, spec, counts).write(
            old.forms if old else (), new.forms
        ):
            _write_form(session, ids, counts, entity_id, old_form, form)


def _write_form(
    session: Session,
    ids: _Ids,
    counts: WriteCounts,
    entity_id: int,
    old: Form | None,
    new: Form,
) -> None:
    if old is not None and old.sections == new.sections:
        return
    form_id = ids.form(entity_id, new.key)
    spec = ListSpec(
        "form_sections",
        table_of(FormSectionRow),
        ("key",),
        _key,
        lambda s: {**_labels(s), "columns": s.columns},
        {"form_id": form_id},
        versioned=False,
    )
    for section, old_section in ListWriter(session, spec, counts).write(
        old.sections if old else (), new.sections
    ):
        _write_section(session, ids, counts, form_id, old_section, section)


def _write_section(
    session: Session,
    ids: _Ids,
    counts: WriteCounts,
    form_id: int,
    old: Section | None,
    new: Section,
) -> None:
    if old is not None and old.placements == new.placements:
        return
    spec = ListSpec(
        "form_placements",
        table_of(FormPlacementRow),
        ("field_key",),
        lambda p: (p.field,),
        lambda p: {"column": p.column, "read_only": p.read_only},
        {"section_id": ids.section(form_id, new.key)},
        versioned=False,
    )
    ListWriter(session, spec, counts).write(old.placements if old else (), new.placements)


__all__ = ["write_difference"]
