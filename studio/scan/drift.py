"""Drift between two scans of one database, schema and statistics apart.

Schema drift: tables, columns and indexes added or removed, column types changed; a difference
only in collation or in a default does not alarm (types are compared without their collation;
defaults are not compared). Statistics drift: a column whose average length jumped (the ETL
writing material descriptions into ``customer.notes``) is a finding of its own.
"""

from __future__ import annotations

import re
from datetime import datetime

from studio.i18n import tr
from studio.lint.findings import Finding, Severity
from studio.scan.mapping import Mapping
from studio.scan.model import DatabaseScan

#: A jump: at least this factor and this many characters more than before.
JUMP_FACTOR = 2.0
JUMP_CHARS = 100

_COLLATE = re.compile(r"\s+(collate|character set|charset)\s+\S+", re.IGNORECASE)


def normal_type(type_: str) -> str:
    return _COLLATE.sub("", type_).strip().lower()


def drift(
    before: DatabaseScan, since: datetime, after: DatabaseScan, mapping: Mapping
) -> tuple[list[Finding], list[Finding]]:
    """(schema findings, statistics findings) from ``before`` (taken at ``since``) to ``after``."""
    entity_of = {t.lower(): e for e, t in mapping.tables.items()}
    day = since.date().isoformat()
    schema: list[Finding] = []
    stats: list[Finding] = []
    old_tables = {t.name.lower(): t for t in before.tables}
    new_tables = {t.name.lower(): t for t in after.tables}
    for name in sorted(new_tables.keys() - old_tables.keys()):
        schema.append(
            _schema(
                tr("Table {table} is new since {day}.", table=new_tables[name].name, day=day),
                entity_of.get(name),
            )
        )
    for name in sorted(old_tables.keys() - new_tables.keys()):
        schema.append(
            _schema(
                tr("Table {table} is gone since {day}.", table=old_tables[name].name, day=day),
                entity_of.get(name),
            )
        )
    for name in sorted(old_tables.keys() & new_tables.keys()):
        old, new = old_tables[name], new_tables[name]
        entity = entity_of.get(name)
        old_cols = {c.name.lower(): c for c in old.columns}
        new_cols = {c.name.lower(): c for c in new.columns}
        for col in sorted(new_cols.keys() - old_cols.keys()):
            schema.append(
                _schema(
                    tr(
                        "Column {table}.{column} is new since {day}.",
                        table=new.name,
                        column=new_cols[col].name,
                        day=day,
                    ),
                    entity,
                )
            )
        for col in sorted(old_cols.keys() - new_cols.keys()):
            schema.append(
                _schema(
                    tr(
                        "Column {table}.{column} is gone since {day}.",
                        table=old.name,
                        column=old_cols[col].name,
                        day=day,
                    ),
                    entity,
                )
            )
        for col in sorted(old_cols.keys() & new_cols.keys()):
            a, b = old_cols[col], new_cols[col]
            if normal_type(a.type) != normal_type(b.type):
                schema.append(
                    _schema(
                        tr(
                            "Column {table}.{column} changed type from {old} to {new} since {day}.",
                            table=new.name,
                            column=b.name,
                            old=a.type,
                            new=b.type,
                            day=day,
                        ),
                        entity,
                    )
                )
            if (
                a.avg_length is not None
                and b.avg_length is not None
                and b.kind in ("text", "json")
                and b.avg_length >= a.avg_length * JUMP_FACTOR
                and b.avg_length - a.avg_length >= JUMP_CHARS
            ):
                stats.append(
                    Finding(
                        Severity.warning,
                        "length_jump",
                        tr(
                            "Average length of {table}.{column} went from {old} to {new} "
                            "characters since {day}: another system may be writing into it.",
                            table=new.name,
                            column=b.name,
                            old=round(a.avg_length),
                            new=round(b.avg_length),
                            day=day,
                        ),
                        entity=entity,
                        field=b.name,
                    )
                )
        old_idx = {i.name.lower() for i in old.indexes}
        new_idx = {i.name.lower(): i.name for i in new.indexes}
        for idx in sorted(new_idx.keys() - old_idx):
            schema.append(
                _schema(
                    tr(
                        "Index {index} on {table} is new since {day}.",
                        index=new_idx[idx],
                        table=new.name,
                        day=day,
                    ),
                    entity,
                )
            )
        for idx in sorted(old_idx - new_idx.keys()):
            schema.append(
                _schema(
                    tr(
                        "Index {index} on {table} is gone since {day}.",
                        index=idx,
                        table=new.name,
                        day=day,
                    ),
                    entity,
                )
            )
    return schema, stats


def _schema(message: str, entity: str | None) -> Finding:
    return Finding(Severity.info, "schema_drift", message, entity=entity)
