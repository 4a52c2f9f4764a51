"""The records an import writes: one per group of duplicates or lone row, values typed for JSON.

A merged record keeps every source row: the first row's values win, the others fill what it left
empty, and ``_history`` lists each source row with the values it had, so nothing a duplicate held
is lost. ``import_key`` is the record's key on the server (the import's id and the first row's number:
the same plan always gives the same keys, which makes a resumed import write each record once).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import polars as pl

from importers.pipeline import Plan
from importers.read import ROW
from studio.bundle.model import Entity, FieldType

KEY = "import_key"
HISTORY = "_history"
IMPORT = "_import"
LANDLINE = "_landline"


def typed(entity: Entity, key: str, text: str | None) -> Any:
    """A cleaned text as the JSON value the CRM stores for field ``key``."""
    if text is None:
        return None
    fd = entity.field(key)
    if fd is None:
        return text
    if fd.type in (FieldType.number, FieldType.money):
        number = float(text)
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if fd.type == FieldType.boolean:
        return text == "true"
    if fd.type == FieldType.multi_select:
        return [t for t in text.split(",") if t]
    return text


def plan_records(plan: Plan, import_id: str, user: str | None) -> list[dict[str, Any]]:
    """The records of ``plan``, in the order of their first row."""
    entity = plan.entity
    fields = [c for c in plan.values.columns if c != ROW]
    good = plan.values.filter(plan.accepted)
    by_row: dict[int, dict[str, Any]] = {}
    for row in good.iter_rows(named=True):
        by_row[row[ROW]] = {k: typed(entity, k, row[k]) for k in fields}
    first_of: dict[int, list[int]] = {}
    merged_rows: set[int] = set()
    for group in plan.groups:
        first_of[group[0]] = list(group)
        merged_rows.update(group[1:])
    records = []
    for r in sorted(by_row):
        if r in merged_rows:
            continue
        rows = first_of.get(r, [r])
        records.append(_record(by_row, rows, plan.landlines, import_id, user))
    return records


def _record(
    by_row: Mapping[int, dict[str, Any]],
    rows: list[int],
    landlines: Mapping[int, str],
    import_id: str,
    user: str | None,
) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for r in rows:
        for k, v in by_row[r].items():
            if record.get(k) is None and v is not None:
                record[k] = v
    record = {k: v for k, v in record.items() if v is not None}
    phones = [landlines[r] for r in rows if r in landlines]
    if phones:
        record[LANDLINE] = sorted(set(phones))[0] if len(set(phones)) == 1 else sorted(set(phones))
    record[KEY] = f"{import_id}-{rows[0]}"
    record[IMPORT] = {"id": import_id, "rows": rows, "by": user}
    if len(rows) > 1:
        record[HISTORY] = [
            {"row": r, "values": {k: v for k, v in by_row[r].items() if v is not None}}
            for r in rows
        ]
    return record


def merge_into(existing: Mapping[str, Any], new: Mapping[str, Any]) -> dict[str, Any]:
    """An existing record with an imported one merged in: what it had stays, the import fills
    what it lacked, and the imported rows join its history."""
    merged = dict(existing)
    for k, v in new.items():
        if k in (KEY, HISTORY, IMPORT):
            continue
        if merged.get(k) in (None, "", []):
            merged[k] = v
    history = list(existing.get(HISTORY) or [])
    history += list(new.get(HISTORY) or []) or [
        {
            "row": new[IMPORT]["rows"][0],
            "values": {k: v for k, v in new.items() if not k.startswith("_")},
        }
    ]
    merged[HISTORY] = history
    return merged


def frame_of(records: Sequence[Mapping[str, Any]], fields: list[str]) -> pl.DataFrame:
    """Records as a frame of text columns (for linking them with the rows of a plan)."""
    return pl.DataFrame(
        {f: [None if r.get(f) is None else str(r.get(f)) for r in records] for f in fields},
        schema=dict.fromkeys(fields, pl.String),
    )
