"""The impact replay: recent real records through the live rules and the proposed ones.

What a reviewer needs to judge a rules change before it is live (the night-time edit "province +
city" -> "province + district" sent 87 % of leads to nobody): per outcome the counts before ->
after, the records that change outcome (a sample to open), those that now fall to the default or to
no owner, those a new validation rule would refuse, the open records a new stage flow strands, and
the records over their stage's dwell time. The share falling to the default or to no owner is
judged against the proposed rules' ``replay`` settings: above ``warn_share`` a warning, above
``block_share`` submit is refused unless the author acknowledges it.

Everything is computed by ``studio.automation.evaluate`` (the evaluator the server runs).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

import numpy as np

from studio.automation.evaluate import Evaluator, columns, outcome_name, referenced_fields
from studio.automation.stages import CLOSED, has_way_out, over_dwell
from studio.bundle.model import Bundle
from studio.bundle.rules import EntityRules, Outcome, ReplaySettings
from studio.i18n import N_
from studio.progress import NoProgress, Progress, check

Level = Literal["ok", "warn", "block"]
CANCELLED = N_("The replay was cancelled.")
#: How many records that change outcome a replay keeps to show.
SAMPLE_SIZE = 20


@dataclass(frozen=True)
class EntityReplay:
    """One entity's replay. ``by_outcome`` maps an outcome name (``team:east``,
    ``queue:unassigned``, ``none``) to ``[before, after]`` counts."""

    entity: str
    replayed: int
    changed_outcome: int
    to_default: int
    to_no_owner: int
    rejected_by_validation: int
    stranded: int
    over_dwell: int
    by_outcome: dict[str, list[int]]
    warn_share: float
    block_share: float
    samples: list[dict[str, Any]] = field(default_factory=list)

    @property
    def share(self) -> float:
        """Share of the replayed records that now fall to the default or to no owner."""
        return (self.to_default + self.to_no_owner) / self.replayed if self.replayed else 0.0

    @property
    def level(self) -> Level:
        if self.share > self.block_share:
            return "block"
        if self.share > self.warn_share:
            return "warn"
        return "ok"

    def to_json(self) -> dict[str, Any]:
        return {
            "entity": self.entity,
            "replayed": self.replayed,
            "changed_outcome": self.changed_outcome,
            "to_default": self.to_default,
            "to_no_owner": self.to_no_owner,
            "rejected_by_validation": self.rejected_by_validation,
            "stranded": self.stranded,
            "over_dwell": self.over_dwell,
            "by_outcome": self.by_outcome,
            "share_to_default_or_no_owner": round(self.share, 6),
            "warn_share": self.warn_share,
            "block_share": self.block_share,
            "level": self.level,
            "samples": self.samples,
        }


@dataclass(frozen=True)
class Replay:
    """The replay of a whole change: one ``EntityReplay`` per entity whose rules change."""

    entities: list[EntityReplay]

    @property
    def level(self) -> Level:
        levels = {e.level for e in self.entities}
        return "block" if "block" in levels else "warn" if "warn" in levels else "ok"

    def to_json(self) -> dict[str, Any]:
        """DESIGN.md's ``studio rules replay`` shape, summed over the entities, with each
        entity's own numbers under ``entities``."""
        total = sum(e.replayed for e in self.entities)
        by_outcome: dict[str, list[int]] = {}
        for e in self.entities:
            for name, (before, after) in e.by_outcome.items():
                key = name if len(self.entities) == 1 else f"{e.entity}/{name}"
                by_outcome[key] = [before, after]
        fallen = sum(e.to_default + e.to_no_owner for e in self.entities)
        return {
            "replayed": total,
            "changed_outcome": sum(e.changed_outcome for e in self.entities),
            "to_default": sum(e.to_default for e in self.entities),
            "to_no_owner": sum(e.to_no_owner for e in self.entities),
            "rejected_by_validation": sum(e.rejected_by_validation for e in self.entities),
            "stranded": sum(e.stranded for e in self.entities),
            "over_dwell": sum(e.over_dwell for e in self.entities),
            "by_outcome": by_outcome,
            "share_to_default_or_no_owner": round(fallen / total, 6) if total else 0.0,
            "level": self.level,
            "entities": {e.entity: e.to_json() for e in self.entities},
        }


def changed_entities(live: Bundle | None, proposed: Bundle) -> list[str]:
    """The entities whose automation rules differ between ``live`` and ``proposed``."""
    before = (live.rules if live is not None else None) or {}
    after = proposed.rules or {}
    return sorted(k for k in set(before) | set(after) if before.get(k) != after.get(k))


def _names(outcomes: Sequence[Outcome | None]) -> list[str]:
    return [outcome_name(o) for o in outcomes]


def replay_entity(
    entity: str,
    live: EntityRules | None,
    proposed: EntityRules | None,
    records: Sequence[Any],
    *,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> EntityReplay:
    """Replay ``records`` of ``entity`` through ``live`` and ``proposed`` (either may be ``None``:
    no rules). Raises ``Cancelled`` when ``progress`` asks to stop."""
    progress = progress or NoProgress()
    now = now or datetime.now(UTC)
    settings: ReplaySettings = (proposed or live or EntityRules()).replay_settings()
    old, new = Evaluator(live), Evaluator(proposed)
    cols = columns(records)
    n = cols.size

    check(progress, CANCELLED)
    before_idx = old.assign_many(records, cols)
    check(progress, CANCELLED)
    after_idx = new.assign_many(records, cols)
    # Outcome names as small integers: -1 (the default) indexes the last entry of each table.
    names: dict[str, int] = {}
    old_table = np.array(
        [names.setdefault(x, len(names)) for x in _names([*old.routes(), old.default])]
    )
    new_table = np.array(
        [names.setdefault(x, len(names)) for x in _names([*new.routes(), new.default])]
    )
    none = names.setdefault("none", len(names))
    before = old_table[before_idx]
    after = new_table[after_idx]
    changed = before != after
    before_default = (before_idx == -1) & (old.default is not None)
    after_default = (after_idx == -1) & (new.default is not None)
    to_default = int(np.count_nonzero(after_default & ~before_default & changed))
    to_no_owner = int(np.count_nonzero((after == none) & (before != none)))

    label = {code: name for name, code in names.items()}
    by_outcome: dict[str, list[int]] = {}
    for codes, slot in ((before, 0), (after, 1)):
        counts = np.bincount(codes, minlength=len(names))
        for code, count in enumerate(counts.tolist()):
            if count:
                by_outcome.setdefault(label[code], [0, 0])[slot] = int(count)
    progress.update(0.6, "")

    check(progress, CANCELLED)
    refused_new = new.refused_many(records, cols)
    refused_old = old.refused_many(records, cols)
    rejected = int(np.count_nonzero(refused_new & ~refused_old))

    stranded = dwell = 0
    new_flow = proposed.stage_flow if proposed is not None else None
    old_flow = live.stage_flow if live is not None else None
    flow = new_flow or old_flow
    if flow is not None and new_flow != old_flow:
        codes, values = cols.column(flow.field)
        per_value = np.fromiter(
            (
                isinstance(v, str)
                and bool(v.strip())
                and has_way_out(old_flow, v.strip())
                and not has_way_out(new_flow, v.strip())
                and not CLOSED.search(v)
                for v in values
            ),
            dtype=bool,
            count=len(values),
        )
        stranded = int(np.count_nonzero(per_value[codes])) if n else 0
    if new_flow is not None and new_flow.dwell_days:
        dwell = sum(1 for r in records if over_dwell(new_flow, r, now))
    progress.update(0.9, "")

    fields = referenced_fields(live) + [
        f for f in referenced_fields(proposed) if f not in referenced_fields(live)
    ]
    samples = []
    for i in np.flatnonzero(changed)[:SAMPLE_SIZE]:
        record = records[int(i)]
        shown = {f: record.get(f) for f in fields} if isinstance(record, Mapping) else {}
        samples.append(
            {
                "index": int(i),
                "id": record.get("id") if isinstance(record, Mapping) else None,
                "record": shown,
                "before": label[int(before[i])],
                "after": label[int(after[i])],
            }
        )
    return EntityReplay(
        entity=entity,
        replayed=n,
        changed_outcome=int(np.count_nonzero(changed)),
        to_default=to_default,
        to_no_owner=to_no_owner,
        rejected_by_validation=rejected,
        stranded=stranded,
        over_dwell=dwell,
        by_outcome=dict(sorted(by_outcome.items())),
        warn_share=settings.warn_share,
        block_share=settings.block_share,
        samples=samples,
    )


def replay_change(
    live: Bundle | None,
    proposed: Bundle,
    records: Mapping[str, Sequence[Any]],
    *,
    now: datetime | None = None,
    progress: Progress | None = None,
) -> Replay:
    """Replay every entity whose rules change, over ``records[entity]`` (missing: none)."""
    progress = progress or NoProgress()
    entities = changed_entities(live, proposed)
    out = []
    for i, entity in enumerate(entities):
        progress.update(i / max(len(entities), 1), entity)
        out.append(
            replay_entity(
                entity,
                ((live.rules if live is not None else None) or {}).get(entity),
                (proposed.rules or {}).get(entity),
                records.get(entity, []),
                now=now,
                progress=progress,
            )
        )
    progress.update(1.0, "")
    return Replay(out)
