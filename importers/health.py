"""The data-health report of records a CRM already holds: the same pipeline as an import, over an
export, nothing written.

Two numbers the reports use: the duplicate rate by mobile (records whose mobile another record
already has, among the records with a mobile) against the 8 % line, and the ten most frequent
kinds of dirty data (a field and what is wrong with it), each with its count and the owners of
those records ("invalid e-mail: 312, of which wu 120"), for the people who can fix them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polars as pl

from importers.cells import neutralise
from importers.mapping import ColumnGuess, ColumnMap
from importers.owners import LEFT, UNKNOWN
from importers.pipeline import Plan, plan, roles
from importers.read import ROW, Table
from importers.validate import reason_text
from studio.atomic_file import atomic_path
from studio.bundle.model import Entity, UserAssignment
from studio.i18n import Message

#: The reports' line: above it, duplicates cost more than a clean-up.
DUPLICATE_LINE = 0.08


@dataclass(frozen=True)
class DirtKind:
    """One kind of dirty data: the field, the problem code, how many records, by owner."""

    field: str
    code: str
    count: int
    owners: tuple[tuple[str, int], ...]
    example: str | None = None


@dataclass(frozen=True)
class Health:
    records: int
    with_mobile: int
    duplicate_records: int
    kinds: tuple[DirtKind, ...] = field(default=())

    @property
    def duplicate_rate(self) -> float:
        return self.duplicate_records / self.with_mobile if self.with_mobile else 0.0

    @property
    def over_line(self) -> bool:
        return self.duplicate_rate > DUPLICATE_LINE


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    return str(value)


def health_plan(
    entity: Entity,
    records: Iterable[Mapping[str, Any]],
    users: Sequence[UserAssignment] | None = None,
) -> Plan:
    """``records`` through the import pipeline (cleaning, validation, linkage), as a table."""
    keys = [f.key for f in entity.fields if not f.deprecated]
    rows = list(records)
    frame = pl.DataFrame(
        {k: [_text(r.get(k)) for r in rows] for k in keys}, schema=dict.fromkeys(keys, pl.String)
    ).with_columns(pl.Series(ROW, range(2, len(rows) + 2), dtype=pl.UInt32))
    table = Table(
        frame=frame, headers=tuple(keys), sheet=entity.key, header_row=1, sheets=(entity.key,)
    )
    mapping = ColumnMap(tuple(ColumnGuess(k, k, 1.0, "key") for k in keys))
    return plan(table, entity, mapping, users=users)


def data_health(
    entity: Entity,
    records: Iterable[Mapping[str, Any]],
    *,
    top: int = 10,
    users: Sequence[UserAssignment] | None = None,
) -> Health:
    """The data-health numbers of ``records`` of ``entity`` (see the module's docstring);
    with the configuration's ``users``, an owner who is no user or has left is dirty data too."""
    checked = health_plan(entity, records, users)
    role = roles(entity, checked.mapping.by_field())
    values = checked.values
    mobile = role.get("mobile")
    with_mobile = duplicates = 0
    if mobile is not None:
        column = values[mobile]
        if mobile in checked.problems.columns:  # a value that is no phone number is no key
            column = (
                pl.DataFrame({"m": column, "p": checked.problems[mobile]})
                .select(pl.when(pl.col("p").is_null()).then(pl.col("m")))
                .to_series()
            )
        mobiles = column.drop_nulls()
        with_mobile = mobiles.len()
        duplicates = with_mobile - mobiles.n_unique()
    owner_field = "owner" if "owner" in values.columns else None
    owners = (
        dict(zip(values[ROW].to_list(), values[owner_field].to_list(), strict=True))
        if owner_field
        else {}
    )
    counts: Counter[tuple[str, str]] = Counter()
    by_owner: dict[tuple[str, str], Counter[str]] = {}
    examples: dict[tuple[str, str], str | None] = {}
    for rejection in checked.rejections:
        for key, code, value in rejection.problems:
            kind = (key, code)
            counts[kind] += 1
            by_owner.setdefault(kind, Counter())[owners.get(rejection.row) or "-"] += 1
            examples.setdefault(kind, value)
    if users is not None and owner_field:
        everyone = {u.user for u in users}
        gone = {u.user for u in users if u.disabled}
        for owner in owners.values():
            if owner is None:
                continue
            found = UNKNOWN if owner not in everyone else LEFT if owner in gone else None
            if found is not None:
                kind = (owner_field, found)
                counts[kind] += 1
                by_owner.setdefault(kind, Counter())[owner] += 1
                examples.setdefault(kind, owner)
    kinds = tuple(
        DirtKind(
            key, code, n, tuple(by_owner[(key, code)].most_common(3)), examples.get((key, code))
        )
        for (key, code), n in counts.most_common(top)
    )
    return Health(
        records=checked.rows_read,
        with_mobile=with_mobile,
        duplicate_records=duplicates,
        kinds=kinds,
    )


def describe_kind(entity: Entity, kind: DirtKind, lang: str) -> str:
    """ "Email: "x@@y" is not a valid e-mail address." for the kind's example value."""
    fd = entity.field(kind.field)
    return reason_text(fd, kind.code, kind.example, lang) if fd is not None else kind.code


def health_document(entity: Entity, health: Health, lang: str) -> dict[str, Any]:
    """The report as JSON (``studio health --format json``), problems described in ``lang``."""
    return {
        "entity": entity.key,
        "records": health.records,
        "with_mobile": health.with_mobile,
        "duplicate_records": health.duplicate_records,
        "duplicate_rate": round(health.duplicate_rate, 4),
        "duplicate_line": DUPLICATE_LINE,
        "over_line": health.over_line,
        "kinds": [
            {
                "field": kind.field,
                "code": kind.code,
                "count": kind.count,
                "owners": [{"owner": o, "count": n} for o, n in kind.owners],
                "message": describe_kind(entity, kind, lang),
            }
            for kind in health.kinds
        ],
    }


def write_health_workbook(entity: Entity, health: Health, target: Path, lang: str) -> None:
    """The report as a workbook: the duplicate rate against the line, then the kinds of dirt."""
    import xlsxwriter

    with atomic_path(target) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False})
        try:
            sheet = book.add_worksheet(Message("Data health").render(lang))
            bold = book.add_format({"bold": True})
            red = book.add_format({"bold": True, "font_color": "#9C0006", "bg_color": "#FFC7CE"})
            pct = book.add_format({"num_format": "0.0%"})
            sheet.write_string(0, 0, Message("Records").render(lang), bold)
            sheet.write_number(0, 1, health.records)
            sheet.write_string(1, 0, Message("Records with a mobile").render(lang), bold)
            sheet.write_number(1, 1, health.with_mobile)
            sheet.write_string(2, 0, Message("Duplicate rate by mobile").render(lang), bold)
            sheet.write_number(2, 1, health.duplicate_rate, red if health.over_line else pct)
            sheet.write_string(
                2, 2, Message("line: {line}", line=f"{DUPLICATE_LINE:.0%}").render(lang)
            )
            sheet.write_row(
                4,
                0,
                [
                    Message("Kind of dirty data").render(lang),
                    Message("Records").render(lang),
                    Message("Owners").render(lang),
                ],
                bold,
            )
            for r, kind in enumerate(health.kinds, start=5):
                sheet.write_string(r, 0, neutralise(describe_kind(entity, kind, lang)))
                sheet.write_number(r, 1, kind.count)
                sheet.write_string(r, 2, neutralise(", ".join(f"{o} {n}" for o, n in kind.owners)))
            sheet.set_column(0, 0, 60)
            sheet.set_column(2, 2, 40)
        finally:
            book.close()
