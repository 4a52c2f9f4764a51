"""The import pipeline: read -> map -> clean -> validate -> link -> plan, one code path for the dry
run (the wizard's Check step, ``studio import --dry-run``) and the real import, which writes the
plan it was shown (``importers.server``).

Accounting holds by construction: every data row read is rejected (with reasons), or accepted;
an accepted row either creates a record (the first row of its group, or a row on its own) or is
merged into its group's record. ``rows_read == imported + merged + rejected``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import polars as pl

from importers import (
    clean,
    clean_codes,
    cleaners,
    link,
    link_blocking,
    link_judging,
    owners,
    plan_steps,
    validate,
)
from importers.errors import ImportRefused
from importers.mapping import ColumnMap, guess_mapping, known_headers
from importers.plan_steps import Rejection
from importers.read import ROW, Table, read_table
from studio.bundle.model import Entity, FieldType, UserAssignment
from studio.i18n import name_list
from studio.progress import NoProgress, Progress, check

if TYPE_CHECKING:
    from studio.bundle.rules import EntityRules

#: The dry run's progress that is the reading's (about its share of the time, measured).
READ_SHARE = 0.5
#: Columns cleaned at a time (the machines the studio runs on have 2 cores or more).
CLEAN_THREADS = 2


@dataclass
class Plan:
    """What a dry run found and what an import would write; ``report`` is the JSON contract."""

    entity: Entity
    table: Table
    mapping: ColumnMap
    #: Cleaned text of every mapped field, one row per data row, plus ``ROW``.
    values: pl.DataFrame
    #: Problem codes per field (null: fine), aligned with ``values``.
    problems: pl.DataFrame
    accepted: pl.Series  # bool per row
    rejections: list[Rejection]
    #: Groups and review pairs in sheet row numbers.
    groups: list[list[int]]
    review_pairs: list[tuple[int, int, float]]
    review_evidence: list[dict[str, str]]
    cleaning: dict[str, dict[str, int]]
    landlines: dict[int, str] = field(default_factory=dict)
    #: What was found but neither changed nor refused, per field and kind (a city outside its
    #: province: ``divisions.MISMATCH``), for a person to look at.
    checks: dict[str, dict[str, int]] = field(default_factory=dict)
    #: Against the server's records (``studio.importing.existing``): groups of rows (their first
    #: row's group) merged into an existing record (rows, record key, score), and pairs of a row
    #: and an existing record left to a person (row, record key, score).
    existing_merges: list[tuple[list[int], str, float]] = field(default_factory=list)
    existing_review: list[tuple[int, str, float]] = field(default_factory=list)
    #: Each field's agreement (``link_judging.EVIDENCE``) of the pairs of ``existing_review``.
    existing_evidence: list[dict[str, str]] = field(default_factory=list)
    #: Whether the server's records were consulted (``None``: no server; else its URL).
    checked_against: str | None = None

    @property
    def rows_read(self) -> int:
        return self.values.height

    @property
    def rejected(self) -> int:
        return len(self.rejections)

    @property
    def merged(self) -> int:
        # a group merged into an existing record creates nothing: its first row is merged too
        return sum(len(g) - 1 for g in self.groups) + len(self.existing_merges)

    @property
    def imported(self) -> int:
        return self.rows_read - self.rejected - self.merged

    def report(self, lang: str) -> dict[str, Any]:
        """The ``import --report`` JSON (DESIGN.md), reasons in ``lang``; extra keys after them."""
        return {
            "rows_read": self.rows_read,
            "imported": self.imported,
            "merged": self.merged,
            "rejected": self.rejected,
            "duplicate_groups": [list(g) for g in self.groups],
            "review_pairs": [[a, b, s] for a, b, s in self.review_pairs],
            "rejections": [
                {"row": r.row, "reasons": r.reasons(self.entity, lang)} for r in self.rejections
            ],
            "entity": self.entity.key,
            "sheet": self.table.sheet,
            "header_row": self.table.header_row,
            "mapping": self.mapping.as_dict(),
            "cleaning": self.cleaning,
            "checks": self.checks,
            "merged_into_existing": [
                {"rows": rows, "key": key, "score": score}
                for rows, key, score in self.existing_merges
            ],
            "review_existing": [[row, key, score] for row, key, score in self.existing_review],
            "checked_against_server": self.checked_against,
        }


def roles(entity: Entity, mapped: Iterable[str]) -> dict[str, str]:
    """Which mapped field plays which part in record linkage (``link_blocking.ROLES``)."""
    present = set(mapped)
    found: dict[str, str] = {}
    for fd in entity.fields:
        if fd.key not in present:
            continue
        if (
            "name" not in found
            and (fd.key == "name" or fd.key.endswith("_name"))
            and fd.type == FieldType.text
        ):
            found["name"] = fd.key
        elif "mobile" not in found and fd.type == FieldType.phone:
            found["mobile"] = fd.key
        elif "email" not in found and fd.type == FieldType.email:
            found["email"] = fd.key
        elif "company" not in found and fd.key.endswith("company") and fd.type == FieldType.text:
            found["company"] = fd.key
        elif "credit_code" not in found and "credit" in fd.key:
            found["credit_code"] = fd.key
    return found


def dry_run(
    path: Path,
    entity: Entity,
    *,
    sheet: str | int | None = None,
    header_row: int | None = None,
    chosen: Mapping[str, str | None] | None = None,
    not_same: Iterable[tuple[str, str]] = (),
    progress: Progress | None = None,
    rules: EntityRules | None = None,
    saved: Callable[[tuple[str, ...]], Mapping[str, str | None] | None] | None = None,
    users: Sequence[UserAssignment] | None = None,
) -> Plan:
    """Read ``path`` and plan its import into ``entity``; nothing is written anywhere.

    ``saved`` gives the mapping a person confirmed for a workbook with these headers (used when
    nothing is ``chosen``).

    ``rules``: the entity's live automation rules; a row their validations refuse is rejected,
    as the server would refuse it. ``users``: the configuration's users, whom an owner column
    names (``owners``)."""
    from importers.export import check_template

    progress = progress or NoProgress()
    progress.update(0.0, "read")
    # calamine parses the sheet without Python's lock: meanwhile this thread loads the tables
    # the cleaning and the linkage will read (the machine has 2 cores; ~0.1 s of 1 s)
    with ThreadPoolExecutor(max_workers=1) as pool:
        reading = pool.submit(
            read_table,
            path,
            sheet=sheet,
            header_row=header_row,
            known_headers=known_headers(entity),
            progress=_Band(progress, 0.0, READ_SHARE),
        )
        warm_up(entity)
        table = reading.result()
    check_template(Path(path), entity, table.sheets)
    check(progress, "cancelled")
    samples = {h: [v for v in table.frame[h].drop_nulls().head(3).to_list()] for h in table.headers}
    if chosen is None and saved is not None:
        chosen = saved(table.headers)
    mapping = guess_mapping(table.headers, entity, samples=samples, chosen=chosen)
    return plan(
        table, entity, mapping, not_same=not_same, progress=progress, rules=rules, users=users
    )


class _Band:
    """``progress`` seen through a band of it: the reading's 0..1 is the dry run's low..high."""

    def __init__(self, progress: Progress, low: float, high: float) -> None:
        self._progress, self._low, self._high = progress, low, high

    @property
    def cancelled(self) -> bool:
        return self._progress.cancelled

    def update(self, fraction: float | None, text: str = "") -> None:
        scaled = None if fraction is None else self._low + (self._high - self._low) * fraction
        self._progress.update(scaled, text)


def warm_up(entity: Entity) -> None:
    """Load what cleaning and linkage ``entity``'s fields will need (modules, phonenumbers'
    patterns, pypinyin's table, opencc's dictionaries, the divisions): once a process, each."""
    from importers import divisions, names, phone

    types = {fd.type for fd in entity.fields}
    if FieldType.phone in types:
        phone.mobile_pattern()
        phone.landline_pattern()
    if FieldType.email in types:
        import email_validator  # noqa: F401
    if any(clean.is_name(fd) for fd in entity.fields):
        names.warm_up()
        cleaners.t2s()
        import rapidfuzz.fuzz  # noqa: F401
    if any(fd.address_part in divisions.PARTS for fd in entity.fields):
        divisions.warm_up()
    if any("credit" in fd.key for fd in entity.fields):
        import stdnum.cn.uscc  # noqa: F401


def plan(
    table: Table,
    entity: Entity,
    mapping: ColumnMap,
    *,
    not_same: Iterable[tuple[str, str]] = (),
    progress: Progress | None = None,
    rules: EntityRules | None = None,
    users: Sequence[UserAssignment] | None = None,
) -> Plan:
    """Clean, validate and link ``table`` as ``mapping`` says (``rules``, ``users``: see
    ``dry_run``)."""
    progress = progress or NoProgress()
    unknown = [f for f in mapping.by_field() if entity.field(f) is None]
    if unknown:
        raise ImportRefused(
            "The mapping names fields that {entity} does not have: {fields}.",
            entity=entity.key,
            fields=name_list(unknown),
        )
    frame = table.frame
    n = frame.height
    columns: dict[str, pl.Series] = {ROW: frame[ROW]}
    found: dict[str, pl.Series] = {}
    cleaning: dict[str, dict[str, int]] = {}
    landlines: pl.Series | None = None
    results: dict[str, clean_codes.Cleaned] = {}
    by_field = mapping.by_field()
    role = roles(entity, by_field)
    # columns are cleaned two at a time: polars works without Python's lock, so the two cores
    # share the work; the name and company columns first, and their linkage keys (Python over
    # distinct names) while the other columns are cleaned; results in the mapping's order
    keyed = [role[r] for r in ("name", "company") if r in role]
    keys_job: Future[link_blocking.KeyTables] | None = None
    with ThreadPoolExecutor(max_workers=CLEAN_THREADS) as pool:
        jobs: dict[str, Future[clean_codes.Cleaned]] = {}
        for key in [*keyed, *(k for k in by_field if k not in keyed)]:
            fd = entity.field(key)
            assert fd is not None
            jobs[key] = pool.submit(clean.clean_column, fd, frame[by_field[key]])
            if keyed and key == keyed[-1]:
                # submitted after the jobs it waits for, so they run first: no deadlock
                keys_job = pool.submit(
                    plan_steps.key_tables,
                    jobs.get(role.get("name", "")),
                    jobs.get(role.get("company", "")),
                )
        for i, key in enumerate(by_field):
            progress.update(READ_SHARE + 0.35 * i / max(len(by_field), 1), "clean")
            if progress.cancelled:
                pool.shutdown(cancel_futures=True)
            check(progress, "cancelled")
            results[key] = jobs[key].result()
        keys = keys_job.result() if keys_job is not None else None
    for key, result in results.items():
        columns[key] = result.values.alias(key)
        found[key] = result.problems
        changed = {k: v for k, v in sorted(result.changes.items()) if v}
        if changed:
            cleaning[key] = changed
        if result.landlines is not None and landlines is None:
            landlines = result.landlines
    results.clear()
    checks: dict[str, dict[str, int]] = {}
    if users is not None:
        for key in owners.owner_fields(entity, list(by_field)):
            columns[key], changed, found_ = owners.match_owners(columns[key], users)
            if changed:
                cleaning[key] = dict(sorted({**cleaning.get(key, {}), **changed}.items()))
            if found_:
                checks[key] = dict(sorted(found_.items()))
    plan_steps.complete_divisions(entity, by_field, columns, cleaning, checks)
    values = pl.DataFrame(columns)
    problems = validate.problems(entity, values, found)
    if problems.width:
        accepted = problems.select(pl.all_horizontal(pl.all().is_null())).to_series()
    else:
        accepted = pl.Series([True] * n, dtype=pl.Boolean)
    rejections = plan_steps.rejections(values, problems, accepted, frame, by_field)
    if rules is not None and rules.validations:
        accepted, refused = plan_steps.rule_refusals(entity, values, accepted, rules)
        if refused:
            rejections = sorted([*rejections, *refused], key=lambda r: r.row)
    check(progress, "cancelled")
    progress.update(READ_SHARE + 0.4, "link")

    # only the columns the linkage reads: a copy of every accepted value would stay alive
    # through the linkage (~20 MB at 100,000 rows)
    good = values.select(ROW, *dict.fromkeys(role.values())).filter(accepted)
    link_frame = pl.DataFrame(
        {
            r: (good[role[r]] if r in role else pl.Series([None] * good.height, dtype=pl.String))
            for r in link_blocking.ROLES
            if r != "landline"
        }
    )
    land = landlines.filter(accepted) if landlines is not None else None
    link_frame = link_frame.with_columns(
        (land if land is not None else pl.Series([None] * good.height, dtype=pl.String)).alias(
            "landline"
        )
    )
    fingerprints = None
    not_same = list(not_same)
    if not_same:
        fingerprints = [
            link.fingerprint(a, b, c)
            for a, b, c in zip(
                link_frame["name"], link_frame["mobile"], link_frame["email"], strict=True
            )
        ]
    linked = link.link_frames(link_frame, not_same=not_same, fingerprints=fingerprints, keys=keys)
    check(progress, "cancelled")
    # row positions -> the sheet's row numbers, as columns; Python lists only at the end
    rows = good[ROW]
    members = linked.groups.with_row_index("g").explode("x")
    groups = (
        members.select("g", rows.gather(members["x"]).alias("r"))
        .group_by("g", maintain_order=True)
        .agg("r")["r"]
        .to_list()
    )
    review_frame = linked.review
    review = list(
        zip(
            rows.gather(review_frame["a"]).to_list(),
            rows.gather(review_frame["b"]).to_list(),
            review_frame["score"].to_list(),
            strict=True,
        )
    )
    evidence = review_frame.select(link_judging.EVIDENCE).to_dicts()
    kept_landlines: dict[int, str] = {}
    if landlines is not None:
        kept = pl.DataFrame({"r": values[ROW], "v": landlines}).drop_nulls("v")
        kept_landlines = dict(zip(kept["r"].to_list(), kept["v"].to_list(), strict=True))
    progress.update(1.0, "done")
    return Plan(
        entity=entity,
        table=table,
        mapping=mapping,
        values=values,
        problems=problems,
        accepted=accepted,
        rejections=rejections,
        groups=groups,
        review_pairs=review,
        review_evidence=evidence,
        cleaning=cleaning,
        landlines=kept_landlines,
        checks=checks,
    )
