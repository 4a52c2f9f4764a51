"""What a scan means for the configuration: findings with fixes, a status per entity, the JSON of
``studio scan`` (DESIGN.md: ``{"findings": [...], "entities": [{"name", "fields", "searchable",
"status"}, ...]}``).

An entity is red when any finding about it is an error (the red lines: searchable fields above the
limit, an average stored length above ``max_avg_length``, a hard limit of the database reached),
yellow with warnings, green otherwise. Red entities are frozen (``studio.scan.freeze``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from studio.bundle.model import Bundle, Entity
from studio.i18n import name_list, tr
from studio.lint import DataStats
from studio.lint.common import name
from studio.lint.field_index import field_index_health, searchable, turn_off_search_fix
from studio.lint.findings import Finding, Fix, Severity
from studio.scan.limits import Limit, table_limits
from studio.scan.mapping import Mapping
from studio.scan.model import DatabaseScan, TableStats

GREEN, YELLOW, RED = "green", "yellow", "red"


@dataclass
class EntityHealth:
    name: str
    label: str
    table: str | None
    fields: int
    searchable: int
    status: str = GREEN
    rows: int | None = None
    worst_column: str | None = None
    worst_avg_length: float | None = None
    max_fields: int = 30
    searchable_warning: int = 15
    searchable_limit: int = 25
    limits: list[dict[str, Any]] = field(default_factory=list)
    cold_share: float | None = None

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class ScanReport:
    scan: DatabaseScan
    mapping: Mapping
    findings: list[Finding]
    entities: list[EntityHealth]
    #: The seed's self-check list (``studio.scan.selfcheck.CheckItem``).
    self_check: list[Any] = field(default_factory=list)
    #: Drift against the last kept scan: ``{"since", "schema": [...], "statistics": [...]}``.
    drift: dict[str, Any] | None = None
    #: What the person must know about this run and is not kept with the scan (a password
    #: the keyring refused to keep), in their language.
    warnings: list[str] = field(default_factory=list)

    @property
    def red(self) -> list[str]:
        return [e.name for e in self.entities if e.status == RED]

    def to_json(self) -> dict[str, Any]:
        counts = {s.value: sum(1 for f in self.findings if f.severity == s) for s in Severity}
        return {
            "warnings": list(self.warnings),
            "findings": [f.to_json() for f in self.findings],
            "entities": [e.to_json() for e in self.entities],
            "database": {
                "dialect": self.scan.dialect,
                "server_version": self.scan.server_version,
                "url": self.scan.url,
                "tables": len(self.scan.tables),
                "usage_since": self.scan.usage_since,
                "started_at": self.scan.started_at,
                "seconds": self.scan.seconds,
                "notes": self.scan.notes,
            },
            "partial": self.scan.partial,
            "partial_tables": [
                {"table": t.name, "reason": t.partial_reason} for t in self.scan.tables if t.partial
            ],
            "mapping": self.mapping.to_json(),
            "summary": {
                "errors": counts["error"],
                "warnings": counts["warning"],
                "info": counts["info"],
                "red": self.red,
            },
            "self_check": [item.to_json() for item in self.self_check],
            "drift": self.drift,
        }


def measured_lengths(bundle: Bundle, scan: DatabaseScan, mapping: Mapping) -> DataStats:
    """The scan as the lint rules' ``DataStats``: record counts and average lengths per field."""
    avg: dict[tuple[str, str], float] = {}
    counts: dict[str, int] = {}
    for entity_key, table_name in mapping.tables.items():
        table = scan.table(table_name)
        if table is None:
            continue
        if table.rows is not None:
            counts[entity_key] = table.rows
        for field_key, column in mapping.columns.get(entity_key, {}).items():
            col = table.column(column)
            if col is not None and col.avg_length is not None:
                avg[(entity_key, field_key)] = col.avg_length
    return DataStats(record_counts=counts, extra={"avg_length": avg})


def build_report(
    bundle: Bundle,
    scan: DatabaseScan,
    mapping: Mapping,
    extra_findings: list[Finding] | None = None,
) -> ScanReport:
    stats = measured_lengths(bundle, scan, mapping)
    findings = list(field_index_health(bundle, stats, None)) + list(extra_findings or [])
    entity_of_table = {t.lower(): e for e, t in mapping.tables.items()}
    for table in scan.tables:
        entity = bundle.entity(entity_of_table.get(table.name.lower(), ""))
        findings.extend(_length_findings(bundle, entity, table, mapping))
        findings.extend(_limit_findings(scan.dialect, entity, table))
        findings.extend(_index_findings(entity, table, scan.usage_since))
        if table.partial:
            findings.append(
                Finding(
                    Severity.warning,
                    "scan_partial",
                    tr(
                        "Table {table} was measured only in part ({reason}): its figures are "
                        "incomplete.",
                        table=table.name,
                        reason=table.partial_reason or "?",
                    ),
                    entity=entity.key if entity else None,
                )
            )
    for entity in bundle.entities:
        if entity.key not in mapping.tables:
            findings.append(
                Finding(
                    Severity.info,
                    "entity_not_in_database",
                    tr(
                        "No table of the database matches {entity}: give the mapping its table "
                        "to measure it.",
                        entity=name(entity),
                    ),
                    entity=entity.key,
                )
            )
    sort_findings(findings)
    return ScanReport(scan, mapping, findings, _entities(bundle, scan, mapping, findings))


def sort_findings(findings: list[Finding]) -> None:
    order = {Severity.error: 0, Severity.warning: 1, Severity.info: 2}
    findings.sort(key=lambda f: (order[f.severity], f.entity or "~", f.field or "", f.code))


def add_findings(report: ScanReport, bundle: Bundle, findings: list[Finding]) -> None:
    """Findings found after the report (drift): added, and the statuses recomputed."""
    report.findings.extend(findings)
    sort_findings(report.findings)
    report.entities = _entities(bundle, report.scan, report.mapping, report.findings)


def _entities(
    bundle: Bundle, scan: DatabaseScan, mapping: Mapping, findings: list[Finding]
) -> list[EntityHealth]:
    worst: dict[str, str] = {}
    for f in findings:
        if f.entity is None:
            continue
        rank = {Severity.error: RED, Severity.warning: YELLOW}.get(f.severity)
        if rank == RED or (rank == YELLOW and worst.get(f.entity) != RED):
            worst[f.entity] = rank
    out: list[EntityHealth] = []
    for entity in bundle.entities:
        limits = bundle.thresholds.for_entity(entity.key)
        table = (
            scan.table(mapping.tables.get(entity.key, "")) if entity.key in mapping.tables else None
        )
        health = EntityHealth(
            entity.key,
            name(entity),
            table.name if table else None,
            len(entity.fields),
            len(searchable(entity)),
            worst.get(entity.key, GREEN),
            max_fields=limits.max_fields_per_entity,
            searchable_warning=limits.searchable_warning,
            searchable_limit=limits.searchable_limit,
        )
        if table is not None:
            health.rows = table.rows
            health.cold_share = table.cold_share
            texts = [c for c in table.columns if c.avg_length is not None and c.kind != "binary"]
            if texts:
                top = max(texts, key=lambda c: c.avg_length or 0.0)
                health.worst_column, health.worst_avg_length = top.name, top.avg_length
            health.limits = [
                {"limit": lim.code, "used": lim.used, "max": lim.limit, "left": lim.left}
                for lim in table_limits(scan.dialect, table)
            ]
        out.append(health)
    return out


def _length_findings(
    bundle: Bundle, entity: Entity | None, table: TableStats, mapping: Mapping
) -> list[Finding]:
    if entity is None:
        return []
    line = bundle.thresholds.for_entity(entity.key).max_avg_length
    field_of = {c.lower(): f for f, c in mapping.columns.get(entity.key, {}).items()}
    findings: list[Finding] = []
    for col in table.columns:
        if col.kind not in ("text", "json") or col.avg_length is None or col.avg_length <= line:
            continue
        fd = entity.field(field_of.get(col.name.lower(), ""))
        fix: Fix | None = None
        if fd is not None and fd.searchable:
            fix = turn_off_search_fix(entity, [fd])
        findings.append(
            Finding(
                Severity.error,
                "column_too_long",
                tr(
                    "Average length of {table}.{column} is {avg} characters (95 % up to {p95}), "
                    "{over} over the line of {line}: long text in a CRM field slows every "
                    "search and index rebuild. Keep long text (material descriptions, logs) out "
                    "of it and find what writes it.",
                    table=table.name,
                    column=col.name,
                    avg=round(col.avg_length),
                    p95=round(col.p95_length) if col.p95_length is not None else "?",
                    over=round(col.avg_length - line),
                    line=line,
                ),
                entity=entity.key,
                field=fd.key if fd else col.name,
                fix=fix,
            )
        )
    return findings


def _limit_message(table: TableStats, lim: Limit) -> str:
    what = {
        "row_bytes": tr("bytes per row"),
        "indexes": tr("indexes"),
        "columns": tr("columns (dropped ones count)"),
    }[lim.code]
    return tr(
        "Table {table} uses {used} of the database's {limit} {what}: {left} left before an ALTER "
        "fails.",
        table=table.name,
        used=lim.used,
        limit=lim.limit,
        what=what,
        left=max(0, lim.left),
    )


def _limit_findings(dialect: str, entity: Entity | None, table: TableStats) -> list[Finding]:
    findings = []
    for lim in table_limits(dialect, table):
        if not lim.near:
            continue
        findings.append(
            Finding(
                Severity.error if lim.crossed else Severity.warning,
                f"db_limit_{lim.code}",
                _limit_message(table, lim),
                entity=entity.key if entity else None,
            )
        )
    return findings


def _index_findings(entity: Entity | None, table: TableStats, since: str | None) -> list[Finding]:
    findings: list[Finding] = []
    ekey = entity.key if entity else None
    for idx in table.indexes:
        if idx.verdict == "unused":
            findings.append(
                Finding(
                    Severity.info,
                    "index_unused",
                    tr(
                        "Index {index} on {table} ({columns}) was not used since {since} (when "
                        "the statistics were last reset); it backs no constraint.",
                        index=idx.name,
                        table=table.name,
                        columns=name_list(idx.columns),
                        since=since or "?",
                    ),
                    entity=ekey,
                )
            )
        elif idx.verdict == "duplicate":
            findings.append(
                Finding(
                    Severity.info,
                    "index_duplicate",
                    tr(
                        "Index {index} on {table} ({columns}) is covered by {other}: every write "
                        "updates both.",
                        index=idx.name,
                        table=table.name,
                        columns=name_list(idx.columns),
                        other=idx.duplicate_of or "?",
                    ),
                    entity=ekey,
                )
            )
    return findings


def static_health(bundle: Bundle) -> tuple[list[EntityHealth], list[Finding]]:
    """Status per entity from the bundle alone (before any scan): the lint red lines."""
    findings = field_index_health(bundle, None, None)
    sort_findings(findings)
    empty = DatabaseScan(dialect="", server_version="", url="")
    return _entities(bundle, empty, Mapping(), findings), findings
