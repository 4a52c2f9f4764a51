"""The seed report's self-check list for every CRM, as one report: each item pass / warn / fail
(or unknown, when the database does not say) with its number, its line and a fix.

- duplicate rate by normalised mobile: at most 8 %;
- stale opportunities (stage unchanged for longer than the stage's dwell threshold): at most 12 %;
- roles with "delete customer": none but ``admin``;
- searchable fields per main table: at most 25;
- the red lines: more than 30 fields on an entity, more than 15 searchable fields, an average
  stored length above 500 characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.exc import DBAPIError

from studio.bundle.model import Bundle
from studio.i18n import name_list, tr
from studio.lint.field_index import searchable
from studio.scan.connect import Connection
from studio.scan.mapping import Mapping
from studio.scan.model import DatabaseScan
from studio.scan.probe import as_datetime, column_values

PASS, WARN, FAIL, UNKNOWN = "pass", "warn", "fail", "unknown"
DUPLICATE_LINE = 0.08
STALE_LINE = 0.12
DEFAULT_DWELL_DAYS = 30
_CLOSED = re.compile(r"(won|lost|closed|done|cancel)", re.IGNORECASE)
_STAGE_CHANGED = ("stage_changed_at", "stage_updated_at", "stage_entered_at", "updated_at")


@dataclass
class CheckItem:
    key: str
    label: str
    status: str
    value: str
    line: str
    fix: str = ""

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def normal_mobile(value: object) -> str | None:
    digits = re.sub(r"\D", "", str(value or ""))
    if len(digits) == 13 and digits.startswith("86"):
        digits = digits[2:]
    return digits[-11:] if len(digits) >= 7 else None


def _pct(x: float) -> str:
    return f"{x * 100:.1f} %"


def self_check(
    bundle: Bundle,
    scan: DatabaseScan,
    mapping: Mapping,
    conn: Connection | None,
    now: datetime | None = None,
) -> list[CheckItem]:
    now = now or datetime.now(UTC).replace(tzinfo=None)
    return [
        _duplicates(scan, mapping, conn),
        _stale(bundle, scan, mapping, conn, now),
        _delete_customer(bundle),
        _searchable(bundle, 25, "searchable_per_table", FAIL),
        _fields(bundle),
        _searchable(bundle, 15, "searchable_red_line", WARN),
        _lengths(bundle, scan, mapping),
    ]


def _values(
    conn: Connection | None, scan: DatabaseScan, mapping: Mapping, entity: str, cols: list[str]
) -> tuple[list[tuple[Any, ...]], bool] | None:
    table = scan.table(mapping.tables.get(entity, ""))
    if conn is None or table is None or any(table.column(c) is None for c in cols):
        return None
    try:
        return column_values(conn, table, [table.column(c).name for c in cols])  # type: ignore[union-attr]
    except DBAPIError:
        return None


def _duplicates(scan: DatabaseScan, mapping: Mapping, conn: Connection | None) -> CheckItem:
    label = tr("Duplicate customers by normalised mobile")
    line = tr("at most {line}", line=_pct(DUPLICATE_LINE))
    column = mapping.columns.get("customer", {}).get("mobile")
    got = _values(conn, scan, mapping, "customer", [column]) if column else None
    if got is None:
        return CheckItem("duplicate_mobile", label, UNKNOWN, tr("no customer mobile column"), line)
    rows, complete = got
    mobiles = [m for m in (normal_mobile(r[0]) for r in rows) if m]
    if not mobiles:
        return CheckItem("duplicate_mobile", label, UNKNOWN, tr("no mobile numbers"), line)
    rate = 1 - len(set(mobiles)) / len(mobiles)
    value = _pct(rate) + ("" if complete else " " + tr("(of {n} rows read)", n=len(rows)))
    return CheckItem(
        "duplicate_mobile",
        label,
        PASS if rate <= DUPLICATE_LINE else FAIL,
        value,
        line,
        ""
        if rate <= DUPLICATE_LINE
        else tr("Merge the duplicates (the import's review pairs) and make mobile unique."),
    )


def _stale(
    bundle: Bundle, scan: DatabaseScan, mapping: Mapping, conn: Connection | None, now: datetime
) -> CheckItem:
    label = tr("Stale opportunities (stage unchanged beyond its dwell time)")
    line = tr("at most {line}", line=_pct(STALE_LINE))
    table = scan.table(mapping.tables.get("opportunity", ""))
    changed = next(
        (c for c in _STAGE_CHANGED if table is not None and table.column(c) is not None), None
    )
    got = _values(conn, scan, mapping, "opportunity", ["stage", changed]) if changed else None
    if got is None:
        return CheckItem(
            "stale_opportunities", label, UNKNOWN, tr("no opportunity stage and date columns"), line
        )
    rules = (bundle.rules or {}).get("opportunity")
    flow = rules.stage_flow if rules is not None else None
    dwell: dict[str, int] = dict(flow.dwell_days) if flow is not None else {}
    rows, _ = got
    open_rows = [
        (str(s), as_datetime(d)) for s, d in rows if s is not None and not _CLOSED.search(str(s))
    ]
    dated = [(s, d) for s, d in open_rows if d is not None]
    if not dated:
        return CheckItem("stale_opportunities", label, UNKNOWN, tr("no open opportunities"), line)
    stale = sum(1 for s, d in dated if now - d > timedelta(days=dwell.get(s, DEFAULT_DWELL_DAYS)))
    share = stale / len(dated)
    return CheckItem(
        "stale_opportunities",
        label,
        PASS if share <= STALE_LINE else FAIL,
        _pct(share),
        line,
        ""
        if share <= STALE_LINE
        else tr("Review the stale opportunities with their owners; set a dwell time per stage."),
    )


def _delete_customer(bundle: Bundle) -> CheckItem:
    roles = sorted(
        p.role
        for p in bundle.entity_permissions
        if p.entity == "customer" and p.delete and p.role != "admin"
    )
    return CheckItem(
        "delete_customer",
        tr("Roles that may delete customers (besides admin)"),
        PASS if not roles else FAIL,
        ", ".join(roles) or tr("none"),
        tr("none"),
        ""
        if not roles
        else tr("Take delete on customer away from: {roles}", roles=name_list(roles)),
    )


def _searchable(bundle: Bundle, line: int, key: str, over: str) -> CheckItem:
    worst = max(bundle.entities, key=lambda e: len(searchable(e)), default=None)
    count = len(searchable(worst)) if worst else 0
    label = (
        tr("Searchable fields per main table")
        if key == "searchable_per_table"
        else tr("Red line: searchable fields on one entity")
    )
    return CheckItem(
        key,
        label,
        PASS if count <= line else over,
        f"{count} ({worst.key})" if worst else "0",
        tr("at most {line}", line=line),
        ""
        if count <= line
        else tr(
            "Turn search off on the longest fields of {entity} first.",
            entity=worst.key if worst else "",
        ),
    )


def _fields(bundle: Bundle) -> CheckItem:
    worst = max(bundle.entities, key=lambda e: len(e.fields), default=None)
    count = len(worst.fields) if worst else 0
    return CheckItem(
        "fields_red_line",
        tr("Red line: fields on one entity"),
        PASS if count <= 30 else FAIL,
        f"{count} ({worst.key})" if worst else "0",
        tr("at most {line}", line=30),
        ""
        if count <= 30
        else tr("Deprecate fields nobody fills in on {entity}.", entity=worst.key if worst else ""),
    )


def _lengths(bundle: Bundle, scan: DatabaseScan, mapping: Mapping) -> CheckItem:
    worst: tuple[float, str] | None = None
    for table_name in mapping.tables.values():
        table = scan.table(table_name)
        for col in table.columns if table else []:
            if (
                col.kind in ("text", "json")
                and col.avg_length is not None
                and (worst is None or col.avg_length > worst[0])
            ):
                worst = (col.avg_length, f"{table_name}.{col.name}")
    label = tr("Red line: average stored length of a field")
    if worst is None:
        return CheckItem("length_red_line", label, UNKNOWN, "-", tr("at most {line}", line=500))
    return CheckItem(
        "length_red_line",
        label,
        PASS if worst[0] <= 500 else FAIL,
        f"{round(worst[0])} ({worst[1]})",
        tr("at most {line}", line=500),
        ""
        if worst[0] <= 500
        else tr("Keep long text out of {column} and find what writes it.", column=worst[1]),
    )
