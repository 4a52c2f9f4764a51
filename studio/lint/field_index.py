"""Field-index health on the bundle: the 71-hour outage of issue 15, caught before it is pushed.

Sales added 47 free-text fields, all searchable; the full-text index grew to 2,300+ shards and
every query scanned 18 GB. The red lines come from the bundle's ``thresholds`` (per entity where
the entity has its own, see ``Thresholds.for_entity``):

- fields per entity above ``max_fields_per_entity``: a warning (a wide table is slow to change);
- searchable fields per entity above ``searchable_warning``: a warning; above
  ``searchable_limit``: an error (the entity is red and, while it is, frozen);
- searchable long-text fields: free text in a full-text index grows it with every note written;
- unique + searchable on a field that can be long: two indexes on one long column, and the unique
  one fails on MySQL beyond 768 characters (a 3,072-byte key in utf8mb4).

Every finding says how far over the line the entity is and proposes ``turn_off_search`` on the
longest fields first: the measured average length (``DataStats.extra["avg_length"]``, from a scan)
where known, else the declared one (long text first, then by ``max_length``).
"""

from __future__ import annotations

from studio.bundle.model import Bundle, Entity, FieldDef, FieldType, Thresholds
from studio.i18n import name_list, tr
from studio.lint import DataStats, rule
from studio.lint.common import name
from studio.lint.findings import Finding, Fix, Severity

#: Declared length of a field without ``max_length``: long text is the worst; other text is
#: assumed to be a one-line value.
_UNBOUNDED = 1_000_000
#: Longest text a MySQL utf8mb4 unique index takes (3,072 bytes / 4 bytes a character).
UNIQUE_INDEX_MAX_CHARS = 768


def declared_length(fd: FieldDef) -> int:
    if fd.max_length is not None:
        return fd.max_length
    return _UNBOUNDED if fd.type == FieldType.long_text else 255


def longest_first(
    entity: Entity, fields: list[FieldDef], stats: DataStats | None
) -> list[FieldDef]:
    """``fields`` ordered longest first: measured average length, then declared length."""
    measured: dict[tuple[str, str], float] = (stats.extra.get("avg_length") or {}) if stats else {}

    def key(fd: FieldDef) -> tuple[float, int, int, str]:
        avg = measured.get((entity.key, fd.key), -1.0)
        return (-avg, fd.type != FieldType.long_text, -declared_length(fd), fd.key)

    return sorted(fields, key=key)


def turn_off_search_fix(entity: Entity, fields: list[FieldDef]) -> Fix:
    keys = [f.key for f in fields]
    shown = ", ".join(keys[:8]) + (tr(" and {n} more", n=len(keys) - 8) if len(keys) > 8 else "")
    return Fix(
        "turn_off_search",
        tr(
            "Turn search off on {n} fields of {entity}, longest first: {fields}",
            n=len(keys),
            entity=name(entity),
            fields=shown,
        ),
        {"entity": entity.key, "fields": keys},
    )


def searchable(entity: Entity) -> list[FieldDef]:
    return [f for f in entity.fields if f.searchable and not f.deprecated]


@rule
def field_index_health(
    bundle: Bundle, stats: DataStats | None, live: Bundle | None
) -> list[Finding]:
    """The red lines per entity: field count, searchable count, searchable long text, unique +
    searchable long fields."""
    findings: list[Finding] = []
    for entity in bundle.entities:
        limits = bundle.thresholds.for_entity(entity.key)
        findings.extend(_field_count(entity, limits))
        findings.extend(_searchable_count(entity, limits, stats))
        findings.extend(_searchable_long_text(entity, stats))
        findings.extend(_unique_searchable(entity))
    return findings


def _field_count(entity: Entity, limits: Thresholds) -> list[Finding]:
    count = len(entity.fields)
    line = limits.max_fields_per_entity
    if count <= line:
        return []
    return [
        Finding(
            Severity.warning,
            "too_many_fields",
            tr(
                "{entity} has {count} fields, {over} over the line of {line}: every field is a "
                "column of a table that grows slower to change and to index. Deprecate fields "
                "nobody fills in, or raise the entity's threshold by an approved change.",
                entity=name(entity),
                count=count,
                over=count - line,
                line=line,
            ),
            entity=entity.key,
        )
    ]


def _searchable_count(entity: Entity, limits: Thresholds, stats: DataStats | None) -> list[Finding]:
    fields = searchable(entity)
    count = len(fields)
    if count > limits.searchable_limit:
        severity, line, code = Severity.error, limits.searchable_limit, "searchable_over_limit"
    elif count > limits.searchable_warning:
        severity, line, code = (
            Severity.warning,
            limits.searchable_warning,
            "searchable_over_warning",
        )
    else:
        return []
    over = count - line
    return [
        Finding(
            severity,
            code,
            tr(
                "{entity} has {count} searchable fields, {over} over the line of {line} (warning "
                "above {warn}, error above {limit}): each one grows the full-text index, and 47 of "
                "them took a CRM down for 72 hours.",
                entity=name(entity),
                count=count,
                over=over,
                line=line,
                warn=limits.searchable_warning,
                limit=limits.searchable_limit,
            ),
            entity=entity.key,
            fix=turn_off_search_fix(entity, longest_first(entity, fields, stats)[:over]),
        )
    ]


def _searchable_long_text(entity: Entity, stats: DataStats | None) -> list[Finding]:
    fields = [f for f in searchable(entity) if f.type == FieldType.long_text]
    if not fields:
        return []
    ordered = longest_first(entity, fields, stats)
    return [
        Finding(
            Severity.warning,
            "searchable_long_text",
            tr(
                "{entity} has {n} searchable long-text fields ({fields}): free text in the "
                "full-text index grows it with every note written. Search people by short fields "
                "(name, mobile, company) instead.",
                entity=name(entity),
                n=len(fields),
                fields=name_list(
                    [*(f.key for f in ordered[:8]), *(["…"] if len(ordered) > 8 else [])]
                ),
            ),
            entity=entity.key,
            fix=turn_off_search_fix(entity, ordered),
        )
    ]


def _unique_searchable(entity: Entity) -> list[Finding]:
    findings: list[Finding] = []
    for fd in searchable(entity):
        if not fd.unique or declared_length(fd) <= UNIQUE_INDEX_MAX_CHARS:
            continue
        findings.append(
            Finding(
                Severity.warning,
                "unique_searchable_long",
                tr(
                    "{field} is unique and searchable and may hold {length} characters: two "
                    "indexes on one long column, and MySQL refuses a unique index beyond {max} "
                    "characters. Give it a max length of at most {max}, or turn search off.",
                    field=name(fd),
                    length=tr("unlimited")
                    if declared_length(fd) >= _UNBOUNDED
                    else declared_length(fd),
                    max=UNIQUE_INDEX_MAX_CHARS,
                ),
                entity=entity.key,
                field=fd.key,
                fix=turn_off_search_fix(entity, [fd]),
            )
        )
    return findings


@rule
def entity_frozen(bundle: Bundle, stats: DataStats | None, live: Bundle | None) -> list[Finding]:
    """A red entity (``stats.extra["frozen"]``, from the last kept scan, see
    ``studio.scan.freeze``) gains no field and no searchable field until it is lifted."""
    frozen: dict[str, list[str]] = (stats.extra.get("frozen") or {}) if stats else {}
    if not frozen or live is None:
        return []  # no kept scan says red, or nothing released to compare the draft with
    findings: list[Finding] = []
    for entity in bundle.entities:
        why = frozen.get(entity.key)
        if not why:
            continue
        before = live.entity(entity.key)
        old = {f.key: f for f in before.fields} if before else {}
        for fd in entity.fields:
            was = old.get(fd.key)
            if was is not None and (was.searchable or not fd.searchable):
                continue
            what = tr("adds field {field}") if was is None else tr("makes field {field} searchable")
            findings.append(
                Finding(
                    Severity.error,
                    "entity_frozen",
                    tr(
                        "{entity} is red ({why}) and frozen: this change {what}. While it is red, "
                        "no field can be added to it and no field made searchable. Fix what made "
                        "it red, or raise its threshold (thresholds.entities.{key}) by an "
                        "approved change first.",
                        entity=name(entity),
                        why=name_list(why),
                        what=what.format(field=fd.key),
                        key=entity.key,
                    ),
                    entity=entity.key,
                    field=fd.key,
                    fix=turn_off_search_fix(entity, [fd]) if was is not None else None,
                )
            )
    return findings


def mysql_field_bytes(fd: FieldDef) -> int:
    """Bytes a new field takes in a MySQL row (utf8mb4): text up to 255 characters as VARCHAR,
    longer text as TEXT (a 12-byte pointer)."""
    if fd.type == FieldType.long_text or (fd.max_length or 0) > 16_000:
        return 12
    if fd.type in (FieldType.number, FieldType.money, FieldType.datetime):
        return 8
    if fd.type in (FieldType.boolean, FieldType.date):
        return 3
    chars = fd.max_length or 255
    return chars * 4 + (1 if chars * 4 < 256 else 2)


@rule
def db_limit_budget(bundle: Bundle, stats: DataStats | None, live: Bundle | None) -> list[Finding]:
    """A change that would cross a hard limit of the CRM's database (from the last kept scan:
    ``stats.extra["db_budget"]``) is an error at submit, before the ALTER fails in production."""
    budget: dict[str, dict[str, int]] = (stats.extra.get("db_budget") or {}) if stats else {}
    if not budget or live is None:
        return []
    findings: list[Finding] = []
    for entity in bundle.entities:
        left = budget.get(entity.key)
        before = live.entity(entity.key)
        if left is None or before is None:
            continue
        old = {f.key for f in before.fields}
        new = [f for f in entity.fields if f.key not in old]
        if not new:
            continue
        columns_left = left.get("columns")
        if columns_left is not None and len(new) > columns_left:
            findings.append(_budget(entity, tr("columns"), len(new), columns_left))
        bytes_left = left.get("row_bytes")
        if left.get("dialect_mysql") and bytes_left is not None:
            needed = sum(mysql_field_bytes(f) for f in new)
            if needed > bytes_left:
                findings.append(
                    _budget(entity, tr("bytes of MySQL's 65,535-byte row"), needed, bytes_left)
                )
    return findings


def _budget(entity: Entity, what: str, needed: int, left: int) -> Finding:
    return Finding(
        Severity.error,
        "db_limit_budget",
        tr(
            "This change adds fields to {entity} that need {needed} {what}, but the database "
            "table has {left} left: the ALTER would fail. Remove fields first (long text as "
            "long_text), or move them to another entity.",
            entity=name(entity),
            needed=needed,
            what=what,
            left=max(0, left),
        ),
        entity=entity.key,
    )
