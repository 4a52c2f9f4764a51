"""Required fields that somebody cannot fill: the customs-code outage of issue 3, and its cousins.

A required field without a default is safe only if every way a record is saved can supply it:

- existing records (when the entity has records that may lack a value) need a default or a
  backfill value, or their next save fails;
- every form of the entity must show the field, editable, or that form can never save;
- a hidden or deprecated field is on no one's screen, so it cannot be required without a default;
- every role that may create records must be allowed to edit it (field permission), or that role
  can never save: the same outage by another road.

"Records may lack a value" is decided from what is known, most precise first: the server's count of
records with an empty value; else a known record count of zero; else whether the field was
already required in the live release (records saved under it have a value; a record count that is
unknown is assumed not to be zero). With no live release and no empty counts nothing is assumed:
there is no released configuration the CRM's records were saved under, and flagging every
required field of a first configuration would bury the real findings.
"""

from __future__ import annotations

from studio.bundle.model import Bundle, Entity, FieldDef, Placement
from studio.i18n import language, tr
from studio.lint import DataStats, rule
from studio.lint.common import has_backfill, has_default, name, quoted, suggested_default
from studio.lint.findings import Finding, Fix, Severity


def records_may_lack_value(
    entity: Entity,
    fd: FieldDef,
    stats: DataStats | None,
    live: Bundle | None,
    live_fields: dict[str, FieldDef] | None = None,
) -> bool:
    """Whether existing records of ``entity`` may have no value for ``fd`` (see module doc).

    ``live_fields`` (the live entity's fields by key) spares a scan per field on big entities."""
    if stats is not None:
        empty = stats.empty_counts.get((entity.key, fd.key))
        if empty is not None:
            return empty > 0
    count = stats.record_counts.get(entity.key) if stats is not None else None
    if count == 0:
        return False
    if live is None:
        return False  # nothing released yet: only the server's empty counts (above) are evidence
    if live_fields is None:
        live_entity = live.entity(entity.key)
        if live_entity is None:
            return count is not None  # a new entity has records only if the server says so
        live_fields = {f.key: f for f in live_entity.fields}
    live_field = live_fields.get(fd.key)
    return live_field is None or not live_field.required


def set_default_fix(entity: Entity, fd: FieldDef) -> Fix:
    """``set_default`` with a value when one is plainly neutral; without, the GUI asks for one."""
    value = suggested_default(fd)
    params: dict[str, object] = {"entity": entity.key, "field": fd.key}
    if value is None:
        return Fix("set_default", tr("Set a default value for {field}", field=name(fd)), params)
    params["value"] = value
    return Fix(
        "set_default",
        tr("Set the default of {field} to {value}", field=name(fd), value=quoted(value)),
        params,
    )


def _unfillable(fd: FieldDef) -> bool:
    return fd.hidden or fd.deprecated


@rule
def required_fields_need_defaults(
    bundle: Bundle, stats: DataStats | None, live: Bundle | None
) -> list[Finding]:
    """Existing records, forms and hidden fields against required fields without a default."""
    findings: list[Finding] = []
    for entity in bundle.entities:
        required = [f for f in entity.fields if f.required and not has_default(f)]
        if not required:
            continue
        # One pass over each form, so 2,000 fields x 500 placements stays a dict lookup.
        live_entity = live.entity(entity.key) if live is not None else None
        live_fields = {f.key: f for f in live_entity.fields} if live_entity else None
        placed: list[tuple[str, str, dict[str, Placement]]] = [
            (form.key, name(form), {p.field: p for p in form.placements()}) for form in entity.forms
        ]
        for fd in required:
            if _unfillable(fd):
                findings.append(_hidden_required(entity, fd))
                continue
            if not has_backfill(fd) and records_may_lack_value(
                entity, fd, stats, live, live_fields
            ):
                findings.append(_existing_records(entity, fd, stats))
            for form_key, form_name, placements in placed:
                placement = placements.get(fd.key)
                if placement is None:
                    findings.append(_not_on_form(entity, fd, form_key, form_name))
                elif placement.read_only:
                    findings.append(_read_only_on_form(entity, fd, form_key, form_name))
    return findings


def _existing_records(entity: Entity, fd: FieldDef, stats: DataStats | None) -> Finding:
    count = None
    if stats is not None:
        count = stats.empty_counts.get((entity.key, fd.key), stats.record_counts.get(entity.key))
    records = (
        tr("{n} existing records", n=count) if count is not None else tr("the existing records")
    )
    return Finding(
        Severity.error,
        "required_no_default_existing_records",
        tr(
            "Required field {field} has no default and no backfill value: {records} of {entity} "
            "have no value for it, so every save of one of them would fail. Give it a default or "
            "a backfill value.",
            field=name(fd),
            records=records,
            entity=name(entity),
        ),
        entity=entity.key,
        field=fd.key,
        fix=set_default_fix(entity, fd),
    )


def _not_on_form(entity: Entity, fd: FieldDef, form_key: str, form_name: str) -> Finding:
    return Finding(
        Severity.error,
        "required_not_on_form",
        tr(
            "Required field {field} has no default and form {form} does not show it: nobody can "
            "save a record with that form. Show it on the form or give it a default.",
            field=name(fd),
            form=form_name,
        ),
        entity=entity.key,
        field=fd.key,
        fix=Fix(
            "show_on_form",
            tr("Show {field} on form {form}", field=name(fd), form=form_name),
            {"entity": entity.key, "form": form_key, "field": fd.key},
        ),
    )


def _read_only_on_form(entity: Entity, fd: FieldDef, form_key: str, form_name: str) -> Finding:
    return Finding(
        Severity.error,
        "required_read_only_on_form",
        tr(
            "Required field {field} has no default and is read-only on form {form}: nobody can "
            "fill it in there. Make it editable or give it a default.",
            field=name(fd),
            form=form_name,
        ),
        entity=entity.key,
        field=fd.key,
        fix=Fix(
            "make_editable",
            tr("Make {field} editable on form {form}", field=name(fd), form=form_name),
            {"entity": entity.key, "form": form_key, "field": fd.key},
        ),
    )


def _hidden_required(entity: Entity, fd: FieldDef) -> Finding:
    return Finding(
        Severity.error,
        "required_hidden_no_default",
        tr(
            "Required field {field} is hidden or deprecated and has no default: no one sees it, "
            "so no record can be saved. Make it optional or give it a default.",
            field=name(fd),
        ),
        entity=entity.key,
        field=fd.key,
        fix=Fix(
            "make_optional",
            tr("Make {field} optional", field=name(fd)),
            {"entity": entity.key, "field": fd.key},
        ),
    )


@rule
def creators_can_fill_required_fields(
    bundle: Bundle, stats: DataStats | None, live: Bundle | None
) -> list[Finding]:
    """A role that may create records must be allowed to edit every required field without a
    default (no field permission means edit is allowed; ``hidden`` and ``read`` block it)."""
    # (role, entity) -> field -> access: only the cells that block editing. Indexed, because a
    # large bundle has thousands of create permissions over entities of a hundred fields.
    blocked: dict[tuple[str, str], dict[str, str]] = {}
    for p in bundle.field_permissions:
        if p.access != "edit":
            blocked.setdefault((p.role, p.entity), {})[p.field] = p.access
    if not blocked:
        return []
    findings: list[Finding] = []
    roles = {r.key: r for r in bundle.roles}
    entities = {e.key: e for e in bundle.entities}
    fields: dict[str, dict[str, FieldDef]] = {}
    for perm in bundle.entity_permissions:
        cells = blocked.get((perm.role, perm.entity)) if perm.create else None
        entity = entities.get(perm.entity) if cells else None
        if cells is None or entity is None:
            continue
        if entity.key not in fields:
            fields[entity.key] = {f.key: f for f in entity.fields}
        for field_key, access in cells.items():
            fd = fields[entity.key].get(field_key)
            if fd is None or not fd.required or has_default(fd) or _unfillable(fd):
                continue
            role = roles.get(perm.role)
            role_name = f"{role.label.text(language())} ({role.key})" if role else perm.role
            findings.append(
                Finding(
                    Severity.error,
                    "required_not_editable_by_creator",
                    tr(
                        "Role {role} may create {entity} records but may not edit required field "
                        "{field} ({access}), which has no default: that role can never save. "
                        "Let the role edit it or give the field a default.",
                        role=role_name,
                        entity=name(entity),
                        field=name(fd),
                        access=tr("hidden") if access == "hidden" else tr("read-only"),
                    ),
                    entity=entity.key,
                    field=fd.key,
                    role=perm.role,
                    fix=Fix(
                        "grant_edit",
                        tr("Let {role} edit {field}", role=role_name, field=name(fd)),
                        {"role": perm.role, "entity": entity.key, "field": fd.key},
                    ),
                )
            )
    return findings


@rule
def optional_became_required(
    bundle: Bundle, stats: DataStats | None, live: Bundle | None
) -> list[Finding]:
    """A released optional field made required: how many records would violate it, if known."""
    if live is None:
        return []
    findings: list[Finding] = []
    for entity in bundle.entities:
        live_entity = live.entity(entity.key)
        if live_entity is None:
            continue
        live_fields = {f.key: f for f in live_entity.fields}
        for fd in entity.fields:
            before = live_fields.get(fd.key)
            if before is None or before.required or not fd.required:
                continue
            count = stats.empty_counts.get((entity.key, fd.key)) if stats is not None else None
            filled_by = has_backfill(fd) or has_default(fd)
            if count is None:
                severity = Severity.warning
                message = tr(
                    "Field {field} was optional and is now required; how many records have no "
                    "value is unknown (no server statistics).",
                    field=name(fd),
                )
            elif count == 0:
                severity = Severity.info
                message = tr(
                    "Field {field} was optional and is now required; every record has a value.",
                    field=name(fd),
                )
            else:
                severity = Severity.warning
                message = tr(
                    "Field {field} was optional and is now required: {n} records have no "
                    "value and would violate it.",
                    field=name(fd),
                    n=count,
                )
            if filled_by and count != 0:
                message += " " + tr("They will get the backfill (or default) value.")
            findings.append(
                Finding(
                    severity,
                    "optional_to_required",
                    message,
                    entity=entity.key,
                    field=fd.key,
                    fix=None if filled_by or count == 0 else set_default_fix(entity, fd),
                )
            )
    return findings
