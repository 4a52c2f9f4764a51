"""What cleaning changed, kind by kind, with examples "before -> after" (the wizard's Check step).

``Plan.cleaning`` counts the changes per field and kind; a person also wants to see what such a
change looks like on their own data before trusting it ("+86 138-0013-8000 -> 13800138000").
The examples are found after the dry run, from the plan, so that the pipeline itself stays as
fast as it is: the rows whose cleaned value differs from the cell as written, a bounded sample of
their distinct (before, after) pairs, and for each pair the kinds of change the same cleaner
(``clean.clean_column``) reports for that one value. A change that cleaning alone does not
explain (province / city / district written in full or completed from each other) is put under
those kinds (``divisions``).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import polars as pl

from importers import clean, divisions, owners
from importers.pipeline import Plan
from importers.read import ROW
from studio.bundle.model import SELECT_TYPES, FieldDef
from studio.i18n import name_list

#: The kinds made after cleaning, from the other address parts (``plan_steps.complete_divisions``).
_DIVISION_KINDS = (divisions.FULL_NAME, divisions.COMPLETED)


@dataclass
class ChangeRow:
    """One kind of change (or finding) on one field: its count and a few examples."""

    field: str
    header: str
    kind: str
    count: int
    #: (as written, as it will be stored: ``None`` for nothing in this field, as a landline
    #: moved beside the record); empty for a finding that changed nothing.
    examples: list[tuple[str, str | None]] = dataclasses.field(default_factory=list)
    #: True for what was found and left as written (``Plan.checks``).
    finding: bool = False
    #: For a finding: the first sheet rows that hold it.
    rows: list[int] = dataclasses.field(default_factory=list)


def change_rows(plan: Plan, *, per_kind: int = 3, sample: int = 200) -> list[ChangeRow]:
    """The changes of ``plan``, field by field in the entity's order, kind by kind, each with at
    most ``per_kind`` examples found among at most ``sample`` distinct changed values."""
    by_field = plan.mapping.by_field()
    order = {fd.key: i for i, fd in enumerate(plan.entity.fields)}
    out: list[ChangeRow] = []
    for key in sorted({*plan.cleaning, *plan.checks}, key=lambda k: order.get(k, len(order))):
        header = by_field.get(key, key)
        kinds = plan.cleaning.get(key, {})
        rows = {kind: ChangeRow(key, header, kind, n) for kind, n in sorted(kinds.items()) if n}
        if rows and header in plan.table.frame.columns and key in plan.values.columns:
            _fill_examples(plan, key, header, rows, per_kind, sample)
        out += rows.values()
        for kind, n in sorted(plan.checks.get(key, {}).items()):
            if n:
                found = ChangeRow(key, header, kind, n, finding=True)
                if kind == divisions.MISMATCH:
                    found.rows = _mismatch_rows(plan, key, per_kind)
                out.append(found)
    return out


def _mismatch_rows(plan: Plan, key: str, limit: int) -> list[int]:
    """The first ``limit`` rows whose place in field ``key`` does not lie in the one above: the
    stored parts are resolved again (once per distinct combination), as the dry run did."""
    part_of = {
        fd.address_part: fd.key
        for fd in plan.entity.fields
        if fd.address_part in divisions.PARTS and fd.key in plan.values.columns
    }
    part = next((p for p, k in part_of.items() if k == key), None)
    if part is None:
        return []
    frame = plan.values.select(
        pl.col(ROW),
        *(
            (pl.col(part_of[p]) if p in part_of else pl.lit(None, dtype=pl.String)).alias(p)
            for p in divisions.PARTS
        ),
    )
    bad = {
        combo
        for combo in frame.select(divisions.PARTS).unique().iter_rows()
        if divisions.resolve(*combo)[1][(part, divisions.MISMATCH)]
    }
    out = []
    for row, *combo in frame.iter_rows():
        if tuple(combo) in bad:
            out.append(row)
            if len(out) == limit:
                break
    return out


def _fill_examples(
    plan: Plan, key: str, header: str, rows: dict[str, ChangeRow], per_kind: int, sample: int
) -> None:
    fd = plan.entity.field(key)
    if fd is None:
        return
    pairs = (
        pl.DataFrame({"before": plan.table.frame[header], "after": plan.values[key]})
        .filter(
            pl.col("before").is_not_null() & (pl.col("before") != pl.col("after")).fill_null(True)
        )
        .unique(maintain_order=True)
        .head(sample)
    )
    for before, after in pairs.iter_rows():
        wanted = [k for k, r in rows.items() if len(r.examples) < per_kind]
        if not wanted:
            return
        one = clean.clean_column(fd, pl.Series([before], dtype=pl.String))
        kinds = {k for k, n in one.changes.items() if n}
        if one.values[0] != after:
            # what cleaning alone does not explain: the place completed, the owner's user name
            kinds |= {k for k in (*_DIVISION_KINDS, owners.MATCHED) if k in rows}
        for kind in wanted:
            if kind in kinds:
                rows[kind].examples.append((before, after))


def as_shown(fd: FieldDef | None, stored: str, lang: str) -> str:
    """A stored value as the CRM shows it in ``lang``: a select's option keys as their labels
    (a multi-select's joined as the UI joins a list); any other value as stored."""
    if fd is None or fd.type not in SELECT_TYPES or not fd.options:
        return stored
    labels = {o.key: o.label.text(lang) for o in fd.options}
    return name_list(labels.get(k, k) for k in stored.split(",")).render(lang)
