"""The stage flow at work: which moves it allows, what it strands, what has stayed too long.

Used by the reference server (a stage change outside the flow is refused with the reason) and by
the replay (open records a new flow strands; records over their stage's ``dwell_days``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Any

from studio.bundle.rules import StageFlow
from studio.bundle.values import is_empty
from studio.i18n import Message, name_list

#: Stages that close a record whatever the flow says (the scanner's list of closing names).
CLOSED = re.compile(r"(won|lost|closed|done|cancel)", re.IGNORECASE)
#: Fields a record may carry saying when it entered its stage, in order of preference.
STAGE_SINCE_FIELDS = ("stage_changed_at", "stage_updated_at", "stage_entered_at", "updated_at")
#: What a record carries as the reason of a backward move.
REASON_FIELD = "stage_reason"


def _stage(value: Any) -> str | None:
    return None if is_empty(value) or not isinstance(value, str) else value.strip()


def has_way_out(flow: StageFlow | None, stage: str) -> bool:
    """Whether a record in ``stage`` can still move on: without a flow, unless it is closed."""
    if flow is None:
        return not CLOSED.search(stage)
    return bool(flow.exits(stage)) or bool(CLOSED.search(stage))


def depths(flow: StageFlow) -> dict[str, int]:
    """How many moves each stage is from the start (the first stage of the first transition,
    unless a stage has no way in at all): a move to a smaller depth is a move back."""
    targets = {b for _a, b in flow.transitions}
    starts = [a for a, _b in flow.transitions if a not in targets] or (
        [flow.transitions[0][0]] if flow.transitions else []
    )
    depth = {s: 0 for s in starts}
    todo = list(starts)
    while todo:
        here = todo.pop(0)
        for nxt in flow.exits(here):
            if nxt not in depth:
                depth[nxt] = depth[here] + 1
                todo.append(nxt)
    return depth


def _backward(flow: StageFlow, frm: str, to: str) -> bool:
    d = depths(flow)
    return frm in d and to in d and d[to] < d[frm]


def move_problem(
    flow: StageFlow | None, before: Mapping[str, Any] | None, after: Mapping[str, Any]
) -> Message | None:
    """Why the record may not move from ``before`` (``None``: it is new) to ``after``, or ``None``.

    A new record may start in any stage the flow knows; a move must be a transition of the flow
    (skipping a stage is not one); a backward move needs a reason (``stage_reason``) when the flow
    says so; entering a stage needs its ``enter_requires`` fields.
    """
    if flow is None:
        return None
    old = _stage(before.get(flow.field)) if before is not None else None
    new = _stage(after.get(flow.field))
    if new is None or new == old:
        return None
    if old is not None and (old, new) not in {(a, b) for a, b in flow.transitions}:
        allowed = ", ".join(flow.exits(old)) or "—"
        return Message(
            "The stage may not change from {before} to {after} (allowed next: {allowed}).",
            before=old,
            after=new,
            allowed=allowed,
        )
    if (
        old is not None
        and flow.backward_reason
        and _backward(flow, old, new)
        and is_empty(after.get(REASON_FIELD))
    ):
        return Message(
            "Moving back from {before} to {after} needs a reason ({field}).",
            before=old,
            after=new,
            field=REASON_FIELD,
        )
    missing = [f for f in flow.enter_requires.get(new, ()) if is_empty(after.get(f))]
    if missing:
        return Message(
            "Entering stage {stage} needs {fields}.", stage=new, fields=name_list(missing)
        )
    return None


def stage_since(record: Mapping[str, Any]) -> datetime | None:
    """When the record entered its stage, from the first of ``STAGE_SINCE_FIELDS`` it holds."""
    for name in STAGE_SINCE_FIELDS:
        value = record.get(name)
        when = as_datetime(value)
        if when is not None:
            return when
    return None


def as_datetime(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, str) and value.strip():
        try:
            when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return None
        return when if when.tzinfo else when.replace(tzinfo=UTC)
    return None


def over_dwell(flow: StageFlow | None, record: Mapping[str, Any], now: datetime) -> bool:
    """Whether an open record has sat in its stage longer than the stage's ``dwell_days``."""
    if flow is None or not isinstance(record, Mapping):
        return False
    stage = _stage(record.get(flow.field))
    if stage is None or stage not in flow.dwell_days or CLOSED.search(stage):
        return False
    since = stage_since(record)
    return since is not None and (now - since).total_seconds() > flow.dwell_days[stage] * 86400
