"""The database's own hard limits, before an ALTER hits them (each is a real outage elsewhere):
MySQL's 65,535-byte row and 64 indexes per table (espocrm#447, mautic#6875), PostgreSQL's 1,600
columns counting dropped ones (baserow#3424), SQLite's 2,000 columns (its default build)."""

from __future__ import annotations

from dataclasses import dataclass

from studio.scan.model import TableStats

MYSQL_ROW_BYTES = 65_535
MYSQL_INDEXES = 64
MYSQL_COLUMNS = 4_096
POSTGRES_COLUMNS = 1_600
SQLITE_COLUMNS = 2_000
#: Above this share of a limit the budget is a warning.
WARN_SHARE = 0.9


@dataclass(frozen=True)
class Limit:
    code: str  # row_bytes | indexes | columns
    used: int
    limit: int

    @property
    def left(self) -> int:
        return self.limit - self.used

    @property
    def crossed(self) -> bool:
        return self.used >= self.limit

    @property
    def near(self) -> bool:
        return self.used >= self.limit * WARN_SHARE


def table_limits(dialect: str, table: TableStats) -> list[Limit]:
    if dialect == "mysql":
        found = [
            Limit("indexes", len(table.indexes), MYSQL_INDEXES),
            Limit("columns", table.column_slots, MYSQL_COLUMNS),
        ]
        if table.columns and all(c.row_bytes is not None for c in table.columns):
            used = sum(c.row_bytes or 0 for c in table.columns)
            found.insert(0, Limit("row_bytes", used, MYSQL_ROW_BYTES))
        return found
    if dialect == "postgresql":
        return [Limit("columns", table.column_slots, POSTGRES_COLUMNS)]
    return [Limit("columns", table.column_slots, SQLITE_COLUMNS)]
