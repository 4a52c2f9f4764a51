"""What a scan found: plain data, the same for every dialect, JSON-able for the workspace."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class ColumnStats:
    name: str
    type: str
    #: ``text``, ``binary``, ``json`` or ``other``: what a length means for it.
    kind: str
    null_ratio: float | None = None
    distinct_ratio: float | None = None
    #: In characters for text and JSON, bytes for binary; ``None`` for other kinds.
    avg_length: float | None = None
    p95_length: float | None = None
    max_length: int | None = None
    #: Bytes the column takes in a MySQL row (for the 65,535-byte budget), where known.
    row_bytes: int | None = None


@dataclass
class IndexStats:
    name: str
    columns: list[str]
    unique: bool = False
    primary: bool = False
    #: Backs a primary key, unique or foreign-key constraint: never "unused".
    constraint: bool = False
    #: Scans since the statistics were last reset; ``None`` where the database keeps none.
    scans: int | None = None
    #: ``unused``, ``duplicate`` or ``None``.
    verdict: str | None = None
    duplicate_of: str | None = None


@dataclass
class TableStats:
    name: str
    rows: int | None = None
    rows_exact: bool = False
    columns: list[ColumnStats] = field(default_factory=list)
    indexes: list[IndexStats] = field(default_factory=list)
    #: Column slots used; PostgreSQL counts dropped columns against its 1,600.
    column_slots: int = 0
    #: How the column figures were had: ``planner`` (PostgreSQL statistics), ``sample``, ``exact``.
    method: str = "sample"
    sampled_rows: int | None = None
    partial: bool = False
    partial_reason: str | None = None
    #: Share of rows not updated for ``cold_days`` (where the mapping names an "updated at").
    cold_share: float | None = None

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> ColumnStats | None:
        low = name.lower()
        return next((c for c in self.columns if c.name.lower() == low), None)


@dataclass
class DatabaseScan:
    dialect: str
    server_version: str
    #: The URL with its password hidden.
    url: str
    tables: list[TableStats] = field(default_factory=list)
    partial: bool = False
    notes: list[str] = field(default_factory=list)
    #: Since when the index usage statistics run (ISO time), where the database says.
    usage_since: str | None = None
    started_at: str = ""
    seconds: float = 0.0

    def table(self, name: str) -> TableStats | None:
        low = name.lower()
        return next((t for t in self.tables if t.name.lower() == low), None)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def from_json(data: dict[str, Any]) -> DatabaseScan:
        tables = [
            TableStats(
                **{
                    **t,
                    "columns": [ColumnStats(**c) for c in t["columns"]],
                    "indexes": [IndexStats(**i) for i in t["indexes"]],
                }
            )
            for t in data.get("tables", [])
        ]
        return DatabaseScan(**{**data, "tables": tables})
