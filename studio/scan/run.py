"""``scan_database``: connect read-only, measure, judge indexes, map, cold data, self-check,
report. Drift against the last kept scan is added by ``studio.scan.service``."""

from __future__ import annotations

from datetime import datetime

from studio.bundle.model import Bundle
from studio.i18n import name_list, tr
from studio.progress import NoProgress, Progress, check
from studio.scan.cold import COLD_DAYS, cold_findings, measure_cold
from studio.scan.connect import Connection, ScanError, open_readonly
from studio.scan.mapping import Mapping, auto_map
from studio.scan.measure import SAMPLE_ROWS, measure
from studio.scan.model import DatabaseScan
from studio.scan.report import ScanReport, build_report
from studio.scan.selfcheck import self_check
from studio.scan.verdicts import judge_indexes


def scan_database(
    url: str,
    bundle: Bundle,
    progress: Progress | None = None,
    *,
    mapping: Mapping | None = None,
    statement_timeout: float = 30.0,
    budget: float = 170.0,
    sample_rows: int = SAMPLE_ROWS,
    password: str | None = None,
    cold_days: int = COLD_DAYS,
    now: datetime | None = None,
) -> ScanReport:
    """The health report of the database at ``url`` against ``bundle``. Raises ``ScanError``
    when it cannot connect or nothing in the database matches the configuration."""
    progress = progress or NoProgress()
    progress.update(None, tr("Connecting"))
    conn = open_readonly(url, statement_timeout, password=password)
    try:
        scan = measure(conn, progress, sample_rows=sample_rows, budget=budget)
        check(progress, tr("Scan cancelled."))
        return report_of(bundle, scan, mapping, conn=conn, cold_days=cold_days, now=now)
    finally:
        conn.engine.dispose()


def report_of(
    bundle: Bundle,
    scan: DatabaseScan,
    mapping: Mapping | None = None,
    *,
    conn: Connection | None = None,
    cold_days: int = COLD_DAYS,
    now: datetime | None = None,
) -> ScanReport:
    judge_indexes(scan)
    mapped = auto_map(bundle, scan, mapping)
    if not mapped.tables:
        raise ScanError(
            "None of the {n} tables of {url} matches an entity of the configuration "
            "({entities}): save a mapping that names their tables.",
            n=len(scan.tables),
            url=scan.url,
            entities=name_list(e.key for e in bundle.entities[:10]),
        )
    if conn is not None:
        measure_cold(conn, scan, mapped, cold_days, now)
    report = build_report(
        bundle, scan, mapped, extra_findings=cold_findings(scan, mapped, cold_days)
    )
    report.self_check = self_check(bundle, scan, mapped, conn, now)
    return report
