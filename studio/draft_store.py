"""The workspace's draft as a bundle, and a bundle as the workspace's draft.

``load_draft`` and ``replace_draft`` are exact inverses: a bundle written and read back has the same
sha256 (positions keep every order, JSON columns keep typed values).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

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
from studio.bundle import (
    Approver,
    Bundle,
    Entity,
    EntityPermission,
    FieldDef,
    FieldPermission,
    Form,
    Label,
    Option,
    Placement,
    Policy,
    Role,
    Section,
    Thresholds,
    UserAssignment,
    Validation,
)
from studio.errors import ConflictError


def _label(row: Any) -> Label:
    return Label(zh_CN=row.label_zh, en=row.label_en)


def get_draft(session: Session) -> Draft:
    """The workspace's one draft row, created on first use."""
    draft = session.scalars(select(Draft).limit(1)).first()
    if draft is None:
        draft = Draft(thresholds=Thresholds().model_dump(), policy=Policy().model_dump(mode="json"))
        session.add(draft)
        session.flush()
    return draft


def _field(row: FieldRow) -> FieldDef:
    return FieldDef(
        key=row.key,
        label=_label(row),
        type=row.type,
        required=row.required,
        default=row.default,
        backfill=row.backfill,
        unique=row.unique,
        searchable=row.searchable,
        max_length=row.max_length,
        sensitive=row.sensitive,
        options=tuple(Option.model_validate(o) for o in row.options or ()),
        validation=Validation.model_validate(row.validation) if row.validation else None,
        reference=row.reference,
        address_part=row.address_part,
        deprecated=row.deprecated,
        hidden=row.hidden,
    )


def _form(row: FormRow) -> Form:
    return Form(
        key=row.key,
        kind=row.kind,
        label=_label(row),
        sections=tuple(
            Section(
                key=s.key,
                label=_label(s),
                columns=s.columns,
                placements=tuple(
                    Placement(field=p.field_key, column=p.column, read_only=p.read_only)
                    for p in s.placements
                ),
            )
            for s in row.sections
        ),
    )


def load_draft(session: Session) -> Bundle:
    """The draft, as one validated bundle."""
    draft = get_draft(session)
    entities = session.scalars(
        select(EntityRow)
        .order_by(EntityRow.position)
        .options(
            selectinload(EntityRow.fields),
            selectinload(EntityRow.forms)
            .selectinload(FormRow.sections)
            .selectinload(FormSectionRow.placements),
        )
    ).all()
    roles = session.scalars(select(RoleRow).order_by(RoleRow.position)).all()
    eperms = session.scalars(
        select(EntityPermissionRow).order_by(EntityPermissionRow.position)
    ).all()
    fperms = session.scalars(select(FieldPermissionRow).order_by(FieldPermissionRow.position)).all()
    users = session.scalars(select(UserRow).order_by(UserRow.position)).all()
    return Bundle(
        entities=tuple(
            Entity(
                key=e.key,
                label=_label(e),
                fields=tuple(_field(f) for f in e.fields),
                forms=tuple(_form(f) for f in e.forms),
            )
            for e in entities
        ),
        roles=tuple(Role(key=r.key, label=_label(r)) for r in roles),
        entity_permissions=tuple(
            EntityPermission(
                role=p.role.key,
                entity=p.entity.key,
                create=p.can_create,
                read=p.can_read,
                update=p.can_update,
                delete=p.can_delete,
            )
            for p in eperms
        ),
        field_permissions=tuple(
            FieldPermission(
                role=p.role.key,
                entity=p.field.entity.key,
                field=p.field.key,
                access=p.access,
            )
            for p in fperms
        ),
        users=tuple(
            UserAssignment(user=u.name, display_name=u.display_name, role=u.role.key) for u in users
        ),
        thresholds=Thresholds.model_validate(draft.thresholds or {}),
        policy=Policy.model_validate(draft.policy or {}),
        rules=draft.rules,
        approvers=tuple(Approver.model_validate(a) for a in draft.approvers)
        if draft.approvers is not None
        else None,
    )


def draft_revision(session: Session) -> int:
    return get_draft(session).revision


def replace_draft(
    session: Session, bundle: Bundle, *, user: str | None, expected_revision: int | None = None
) -> int:
    """Make ``bundle`` the whole draft; returns the new draft revision.

    With ``expected_revision``, refuses (``ConflictError``) when someone else saved the draft
    since the caller read it, instead of overwriting their work.
    """
    draft = get_draft(session)
    if expected_revision is not None and draft.revision != expected_revision:
        raise ConflictError(
            f"the draft was changed by {draft.updated_by or 'someone else'} "
            f"(revision {draft.revision}, you edited {expected_revision})"
        )
    for model in (
        FieldPermissionRow,
        EntityPermissionRow,
        UserRow,
        FormPlacementRow,
        FormSectionRow,
        FormRow,
        FieldRow,
        RoleRow,
        EntityRow,
    ):
        session.execute(delete(model))
    entity_rows: dict[str, EntityRow] = {}
    field_rows: dict[tuple[str, str], FieldRow] = {}
    for ei, entity in enumerate(bundle.entities):
        erow = EntityRow(
            key=entity.key, position=ei, label_zh=entity.label.zh_CN, label_en=entity.label.en
        )
        for fi, fd in enumerate(entity.fields):
            frow = FieldRow(
                key=fd.key,
                position=fi,
                label_zh=fd.label.zh_CN,
                label_en=fd.label.en,
                type=fd.type.value,
                required=fd.required,
                unique=fd.unique,
                searchable=fd.searchable,
                sensitive=fd.sensitive,
                deprecated=fd.deprecated,
                hidden=fd.hidden,
                max_length=fd.max_length,
                default=fd.default,
                backfill=fd.backfill,
                options=[o.model_dump(mode="json") for o in fd.options],
                validation=fd.validation.model_dump(mode="json", exclude_none=True)
                if fd.validation
                else None,
                reference=fd.reference,
                address_part=fd.address_part,
            )
            erow.fields.append(frow)
            field_rows[(entity.key, fd.key)] = frow
        for fo_i, form in enumerate(entity.forms):
            form_row = FormRow(
                key=form.key,
                kind=form.kind,
                position=fo_i,
                label_zh=form.label.zh_CN,
                label_en=form.label.en,
            )
            for si, sec in enumerate(form.sections):
                srow = FormSectionRow(
                    key=sec.key,
                    position=si,
                    label_zh=sec.label.zh_CN,
                    label_en=sec.label.en,
                    columns=sec.columns,
                )
                srow.placements = [
                    FormPlacementRow(
                        field_key=p.field, position=pi, column=p.column, read_only=p.read_only
                    )
                    for pi, p in enumerate(sec.placements)
                ]
                form_row.sections.append(srow)
            erow.forms.append(form_row)
        entity_rows[entity.key] = erow
        session.add(erow)
    role_rows = {
        r.key: RoleRow(key=r.key, position=i, label_zh=r.label.zh_CN, label_en=r.label.en)
        for i, r in enumerate(bundle.roles)
    }
    session.add_all(role_rows.values())
    session.add_all(
        EntityPermissionRow(
            role=role_rows[p.role],
            entity=entity_rows[p.entity],
            position=i,
            can_create=p.create,
            can_read=p.read,
            can_update=p.update,
            can_delete=p.delete,
        )
        for i, p in enumerate(bundle.entity_permissions)
    )
    session.add_all(
        FieldPermissionRow(
            role=role_rows[p.role],
            field=field_rows[(p.entity, p.field)],
            position=i,
            access=p.access,
        )
        for i, p in enumerate(bundle.field_permissions)
    )
    session.add_all(
        UserRow(name=u.user, display_name=u.display_name, role=role_rows[u.role], position=i)
        for i, u in enumerate(bundle.users)
    )
    draft.thresholds = bundle.thresholds.model_dump(mode="json")
    draft.policy = bundle.policy.model_dump(mode="json")
    draft.rules = bundle.rules
    draft.approvers = (
        [a.model_dump(mode="json") for a in bundle.approvers]
        if bundle.approvers is not None
        else None
    )
    draft.updated_by = user
    # Always touch the row, so that the revision moves even when only other tables changed.
    draft.updated_at = utcnow()
    session.flush()
    return draft.revision
