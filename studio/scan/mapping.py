"""Tables and columns to the bundle's entities and fields: by name, unless the admin's saved
mapping says otherwise (a CRM that calls its customer table ``tbl_cust``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from studio.bundle.model import Bundle
from studio.scan.model import DatabaseScan

#: Names a CRM gives an entity's table, tried in order (``customer`` -> ``customers``...).
_TABLE_FORMS = ("{k}", "{k}s", "{k}es", "crm_{k}", "crm_{k}s", "t_{k}", "tbl_{k}")
#: Columns that say when a row was last written, for the cold-data share.
UPDATED_AT = ("updated_at", "modified_at", "update_time", "last_modified", "updated")


@dataclass
class Mapping:
    #: entity -> table
    tables: dict[str, str] = field(default_factory=dict)
    #: entity -> field -> column
    columns: dict[str, dict[str, str]] = field(default_factory=dict)
    #: entity -> the column that says when a row was last updated
    updated_at: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"tables": self.tables, "columns": self.columns, "updated_at": self.updated_at}

    @staticmethod
    def from_json(data: dict[str, Any] | None) -> Mapping:
        data = data or {}
        return Mapping(
            dict(data.get("tables") or {}),
            {k: dict(v) for k, v in (data.get("columns") or {}).items()},
            dict(data.get("updated_at") or {}),
        )

    def table_entity(self) -> dict[str, str]:
        return {t.lower(): e for e, t in self.tables.items()}


def auto_map(bundle: Bundle, scan: DatabaseScan, saved: Mapping | None = None) -> Mapping:
    """The saved mapping, completed by name for what it does not say."""
    saved = saved or Mapping()
    result = Mapping()
    names = {t.name.lower(): t.name for t in scan.tables}
    for entity in bundle.entities:
        table_name = saved.tables.get(entity.key)
        if table_name is None:
            table_name = next(
                (
                    names[f.format(k=entity.key)]
                    for f in _TABLE_FORMS
                    if f.format(k=entity.key) in names
                ),
                None,
            )
        table = scan.table(table_name) if table_name else None
        if table is None:
            continue
        result.tables[entity.key] = table.name
        own = saved.columns.get(entity.key, {})
        columns = {c.name.lower(): c.name for c in table.columns}
        mapped: dict[str, str] = {}
        for fd in entity.fields:
            column = own.get(fd.key) or columns.get(fd.key.lower())
            if column is not None and column.lower() in columns:
                mapped[fd.key] = columns[column.lower()]
        result.columns[entity.key] = mapped
        updated = saved.updated_at.get(entity.key) or next(
            (columns[c] for c in UPDATED_AT if c in columns), None
        )
        if updated is not None:
            result.updated_at[entity.key] = updated
    return result
