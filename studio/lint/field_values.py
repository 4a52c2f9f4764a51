"""A field's own definition must hold together: its default and backfill fit it, its validation is
usable, a select has something to select, a form places it where the section has room.

Every check of a value goes through ``studio.bundle.values.check_value``, so the designer's preview, the
rules and the CRM agree on what a valid value is.
"""

from __future__ import annotations

from studio.bundle.model import NUMERIC_TYPES, SELECT_TYPES, Bundle, Entity, FieldDef
from studio.bundle.values import TEXTUAL_TYPES, check_value, regex_error
from studio.i18n import tr
from studio.lint import DataStats, rule
from studio.lint.common import has_backfill, has_default, name, quoted
from studio.lint.findings import Finding, Fix, Severity


@rule
def field_definitions(
    bundle: Bundle, stats: DataStats | None, live: Bundle | None
) -> list[Finding]:
    """Defaults, backfills, validation and options of every field."""
    findings: list[Finding] = []
    for entity in bundle.entities:
        for fd in entity.fields:
            findings += _validation(entity, fd)
            if fd.type in SELECT_TYPES and not fd.options:
                findings.append(
                    _finding(
                        Severity.error,
                        "select_without_options",
                        entity,
                        fd,
                        tr(
                            "Select field {field} has no options: nothing can be chosen. Add options.",
                            field=name(fd),
                        ),
                    )
                )
            findings += _value(entity, fd, "default")
            findings += _value(entity, fd, "backfill")
            if fd.unique:
                findings += _unique(entity, fd, stats)
            if fd.deprecated and has_default(fd):
                findings.append(
                    _finding(
                        Severity.warning,
                        "default_on_deprecated",
                        entity,
                        fd,
                        tr(
                            "Deprecated field {field} still has a default: new records keep getting a "
                            "value nobody sees. Remove the default.",
                            field=name(fd),
                        ),
                        Fix(
                            "clear_default",
                            tr("Remove the default of {field}", field=name(fd)),
                            {"entity": entity.key, "field": fd.key},
                        ),
                    )
                )
    return findings


def _unique(entity: Entity, fd: FieldDef, stats: DataStats | None) -> list[Finding]:
    """One value for many records cannot be unique: the second save (or the backfill) fails."""
    findings: list[Finding] = []
    if has_default(fd):
        findings.append(
            _finding(
                Severity.warning,
                "unique_with_default",
                entity,
                fd,
                tr(
                    "Unique field {field} has a default: the second record that keeps it cannot be "
                    "saved. Remove the default.",
                    field=name(fd),
                ),
                Fix(
                    "clear_default",
                    tr("Remove the default of {field}", field=name(fd)),
                    {"entity": entity.key, "field": fd.key},
                ),
            )
        )
    empty = stats.empty_counts.get((entity.key, fd.key)) if stats is not None else None
    if has_backfill(fd) and (empty is None or empty > 1):
        findings.append(
            _finding(
                Severity.error,
                "unique_with_backfill",
                entity,
                fd,
                tr(
                    "Unique field {field} has a backfill value: every record without a value would get "
                    "the same one, which breaks uniqueness. Remove the backfill value.",
                    field=name(fd),
                ),
                Fix(
                    "clear_backfill",
                    tr("Remove the backfill value of {field}", field=name(fd)),
                    {"entity": entity.key, "field": fd.key},
                ),
            )
        )
    return findings


def _finding(
    severity: Severity,
    code: str,
    entity: Entity,
    fd: FieldDef,
    message: str,
    fix: Fix | None = None,
) -> Finding:
    return Finding(severity, code, message, entity=entity.key, field=fd.key, fix=fix)


def _validation(entity: Entity, fd: FieldDef) -> list[Finding]:
    rules = fd.validation
    if rules is None:
        return []
    findings: list[Finding] = []
    if rules.regex:
        error = regex_error(rules.regex)
        if error is not None:
            findings.append(
                _finding(
                    Severity.error,
                    "validation_regex_invalid",
                    entity,
                    fd,
                    tr(
                        "The validation pattern of {field} is not a valid regular expression: {reason}.",
                        field=name(fd),
                        reason=error,
                    ),
                )
            )
        elif fd.type not in TEXTUAL_TYPES:
            findings.append(
                _finding(
                    Severity.warning,
                    "validation_not_for_type",
                    entity,
                    fd,
                    tr(
                        "Field {field} is not a text field, so its validation pattern is never used.",
                        field=name(fd),
                    ),
                )
            )
    if rules.min is not None and rules.max is not None and rules.min > rules.max:
        findings.append(
            _finding(
                Severity.error,
                "validation_min_above_max",
                entity,
                fd,
                tr(
                    "The minimum of {field} ({min}) is above its maximum ({max}): no value can pass.",
                    field=name(fd),
                    min=rules.min,
                    max=rules.max,
                ),
            )
        )
    if (rules.min is not None or rules.max is not None) and fd.type not in NUMERIC_TYPES:
        findings.append(
            _finding(
                Severity.warning,
                "validation_not_for_type",
                entity,
                fd,
                tr(
                    "Field {field} is not a number field, so its minimum and maximum are never used.",
                    field=name(fd),
                ),
            )
        )
    return findings


def _value(entity: Entity, fd: FieldDef, which: str) -> list[Finding]:
    present = has_default(fd) if which == "default" else has_backfill(fd)
    if not present:
        return []
    value = fd.default if which == "default" else fd.backfill
    problems = check_value(fd, value)
    if not problems:
        return []
    if which == "default":
        code = "default_invalid"
        message = tr(
            "The default {value} of {field} does not fit the field: {problems}",
            value=quoted(value),
            field=name(fd),
            problems=" ".join(problems),
        )
        fix = Fix(
            "clear_default",
            tr("Remove the default of {field}", field=name(fd)),
            {"entity": entity.key, "field": fd.key},
        )
    else:
        code = "backfill_invalid"
        message = tr(
            "The backfill value {value} of {field} does not fit the field: {problems}",
            value=quoted(value),
            field=name(fd),
            problems=" ".join(problems),
        )
        fix = Fix(
            "clear_backfill",
            tr("Remove the backfill value of {field}", field=name(fd)),
            {"entity": entity.key, "field": fd.key},
        )
    return [_finding(Severity.error, code, entity, fd, message, fix)]


@rule
def form_layout(bundle: Bundle, stats: DataStats | None, live: Bundle | None) -> list[Finding]:
    """Placements in a column the section does not have, and deprecated fields still on a form."""
    findings: list[Finding] = []
    for entity in bundle.entities:
        fields = {f.key: f for f in entity.fields}
        for form in entity.forms:
            for section in form.sections:
                for p in section.placements:
                    fd = fields.get(p.field)
                    if fd is None:
                        continue
                    if p.column >= section.columns:
                        findings.append(
                            _finding(
                                Severity.warning,
                                "placement_column_missing",
                                entity,
                                fd,
                                tr(
                                    "Field {field} is placed in column {column} of section {section} on "
                                    "form {form}, which has only {n} columns.",
                                    field=name(fd),
                                    column=p.column + 1,
                                    section=section.key,
                                    form=name(form),
                                    n=section.columns,
                                ),
                            )
                        )
                    if fd.deprecated:
                        findings.append(
                            _finding(
                                Severity.info,
                                "deprecated_on_form",
                                entity,
                                fd,
                                tr(
                                    "Deprecated field {field} is still on form {form}.",
                                    field=name(fd),
                                    form=name(form),
                                ),
                            )
                        )
    return findings
