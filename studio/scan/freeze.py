"""The freeze: while an entity is red, no field is added to it and no field made searchable.

Red is judged from the last scan kept in the workspace against the *live* (approved) bundle's
thresholds, so that the only way past is a change that raises the entity's threshold, approved and
pushed like any other; a draft that raises its own threshold does not lift the freeze it is
subject to. Submit refuses a draft that breaks the freeze (the ``entity_frozen`` rule, an error).
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from studio.bundle.model import Bundle
from studio.errors import EditError, StudioError
from studio.lint import DataStats


def frozen_entities(session: Session, live: Bundle | None, draft: Bundle) -> dict[str, list[str]]:
    """Entity -> the codes of the error findings that make it red (empty without a kept scan)."""
    from studio.scan import store
    from studio.scan.model import DatabaseScan
    from studio.scan.run import report_of

    rows = store.history(session, limit=1)
    if not rows:
        return {}
    row = rows[-1]
    judge = live or draft
    try:
        report = report_of(
            judge,
            DatabaseScan.from_json(dict(row.scan)),
            store.saved_mapping(session, row.database),
        )
    except StudioError:
        return {}
    reasons: dict[str, list[str]] = {}
    for f in report.findings:
        if f.blocking and f.entity in report.red:
            codes = reasons.setdefault(f.entity, [])
            if f.code not in codes:
                codes.append(f.code)
    return reasons


def db_budget(session: Session, draft: Bundle) -> dict[str, dict[str, int]]:
    """Entity -> {limit code: what is left, ``dialect_mysql``: 1 on MySQL} from the last kept
    scan: the database's hard limits a change must not cross (``db_limit_budget`` rule)."""
    from studio.scan import store
    from studio.scan.limits import table_limits
    from studio.scan.mapping import auto_map
    from studio.scan.model import DatabaseScan

    rows = store.history(session, limit=1)
    if not rows:
        return {}
    scan = DatabaseScan.from_json(dict(rows[-1].scan))
    mapping = auto_map(draft, scan, store.saved_mapping(session, rows[-1].database))
    budget: dict[str, dict[str, int]] = {}
    for entity, table_name in mapping.tables.items():
        table = scan.table(table_name)
        if table is None:
            continue
        left = {lim.code: lim.left for lim in table_limits(scan.dialect, table)}
        left["dialect_mysql"] = int(scan.dialect == "mysql")
        budget[entity] = left
    return budget


def with_freeze(
    session: Session, stats: DataStats | None, live: Bundle | None, draft: Bundle
) -> DataStats:
    """``stats`` with ``extra["frozen"]`` (``entity_frozen`` rule) and ``extra["db_budget"]``
    (``db_limit_budget`` rule) from the last kept scan."""
    frozen = frozen_entities(session, live, draft)
    budget = db_budget(session, draft)
    base = stats or DataStats()
    return replace(base, extra={**base.extra, "frozen": frozen, "db_budget": budget})


class FrozenError(EditError):
    """A designer edit refused by the freeze; ``prop`` is the input it is about."""


def freeze_refusal(
    frozen: dict[str, list[str]], before: Bundle, after: Bundle
) -> FrozenError | None:
    """Why the designer refuses the edit ``before -> after``, or ``None``: while an entity is
    red no field is added to it and no field made searchable (a renamed field is not new)."""
    for entity in after.entities:
        why = frozen.get(entity.key)
        old = before.entity(entity.key)
        if not why or old is None:
            continue
        old_fields = {f.key: f for f in old.fields}
        for fd in entity.fields:
            was = old_fields.get(fd.key)
            params = {"entity": entity.key, "why": ", ".join(why), "key": entity.key}
            if was is None and len(entity.fields) > len(old.fields):
                return FrozenError(
                    "key",
                    "{entity} is red ({why}): no field can be added to it while it is. Fix what "
                    "made it red, or raise its threshold (thresholds.entities.{key}) by an "
                    "approved change first.",
                    **params,
                )
            if was is not None and fd.searchable and not was.searchable:
                return FrozenError(
                    "searchable",
                    "{entity} is red ({why}): no field can be made searchable while it is. Fix "
                    "what made it red, or raise its threshold (thresholds.entities.{key}) by an "
                    "approved change first.",
                    **params,
                )
    return None
