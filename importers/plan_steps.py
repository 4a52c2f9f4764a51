"""The steps of ``pipeline.plan`` that are not the cleaning or the linkage themselves: the
linkage keys of the cleaned names and companies, the address parts completed from each other,
the rejected rows with their reasons (the checks' and the automation rules'), and the changes
counted for the summary line."""

from __future__ import annotations

from collections.abc import Mapping
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

from importers import clean_codes, link_blocking, validate
from importers.read import ROW
from studio.bundle.model import Entity, Label

if TYPE_CHECKING:
    from studio.bundle.rules import EntityRules


@dataclass(frozen=True)
class Rejection:
    """A rejected row: its number in the sheet, its problems as (field key, code, value), and the
    messages of the automation rules' validations that refuse it (``rules``)."""

    row: int
    problems: tuple[tuple[str, str, str | None], ...]
    rules: tuple[Label, ...] = ()

    def reasons(self, entity: Entity, lang: str) -> list[str]:
        out = []
        for key, code, value in self.problems:
            fd = entity.field(key)
            if fd is not None:
                out.append(validate.reason_text(fd, code, value, lang))
        out += [message.text(lang) for message in self.rules]
        return out


def key_tables(
    name: Future[clean_codes.Cleaned] | None, company: Future[clean_codes.Cleaned] | None
) -> link_blocking.KeyTables:
    """The linkage's name and company keys of every row's cleaned values (a superset of the
    accepted rows' ones, which is all ``link_blocking.features`` needs)."""
    return link_blocking.key_tables(
        name.result().values if name is not None else None,
        company.result().values if company is not None else None,
    )


def complete_divisions(
    entity: Entity,
    by_field: Mapping[str, str],
    columns: dict[str, pl.Series],
    cleaning: dict[str, dict[str, int]],
    checks: dict[str, dict[str, int]],
) -> None:
    """Province, city and district fields, where mapped, written in full, completed from each
    other and checked together (``divisions``): the changes join the fields' cleaning counts,
    the mismatches (nothing changed) go to ``checks``."""
    from importers import divisions

    part_of = {
        fd.address_part: fd.key
        for fd in entity.fields
        if fd.key in by_field and fd.address_part in divisions.PARTS
    }
    if not part_of or ("city" not in part_of and "district" not in part_of):
        return  # a province alone has nothing to be checked against
    resolved, changes = divisions.complete({p: columns[k] for p, k in part_of.items()})
    for part, key in part_of.items():
        columns[key] = resolved[part].alias(key)
        counted = {k: n for k, n in changes[part].items() if n and k != divisions.MISMATCH}
        if counted:
            cleaning[key] = dict(sorted({**cleaning.get(key, {}), **counted}.items()))
        if changes[part][divisions.MISMATCH]:
            checks[key] = {divisions.MISMATCH: changes[part][divisions.MISMATCH]}


def rejections(
    values: pl.DataFrame,
    problems: pl.DataFrame,
    accepted: pl.Series,
    raw: pl.DataFrame,
    by_field: Mapping[str, str],
) -> list[Rejection]:
    """Per rejected row, its problems with the value as the person wrote it (Python only here)."""
    if problems.width == 0:
        return []
    bad = problems.with_columns(values[ROW]).filter(~accepted)
    raw_bad = raw.filter(~accepted)
    out = []
    for i, row in enumerate(bad.iter_rows(named=True)):
        found = []
        for key in problems.columns:
            code = row[key]
            if code is None:
                continue
            header = by_field.get(key)
            value = raw_bad[header][i] if header is not None else None
            found.append((key, code, value))
        out.append(Rejection(row=row[ROW], problems=tuple(found)))
    return out


def rule_refusals(
    entity: Entity, values: pl.DataFrame, accepted: pl.Series, rules: EntityRules
) -> tuple[pl.Series, list[Rejection]]:
    """The accepted rows the rules' validations refuse (the one evaluator the server uses, over
    distinct values), as rejections; ``accepted`` without them."""
    from importers.records import typed
    from studio.automation.evaluate import Evaluator

    fields = [c for c in values.columns if c != ROW]
    good = values.filter(accepted)
    records = [
        {k: typed(entity, k, row[k]) for k in fields if row[k] is not None}
        for row in good.iter_rows(named=True)
    ]
    evaluator = Evaluator(rules)
    refused_mask = evaluator.refused_many(records)
    if not refused_mask.any():
        return accepted, []
    rows = good[ROW].to_list()
    out = []
    bad_rows = set()
    for i in refused_mask.nonzero()[0].tolist():
        messages = tuple(v.message for v in evaluator.refusals(records[i]))
        out.append(Rejection(row=rows[i], problems=(), rules=messages))
        bad_rows.add(rows[i])
    still = accepted & ~values[ROW].is_in(sorted(bad_rows))
    return still, out
