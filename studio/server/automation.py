"""The live automation rules applied to records written through the records API.

For each record of a batch, with the live release's rules of its entity (the same evaluator the
studio's preview and replay use, ``studio.automation.evaluate``):

- validation: a record a validation rule refuses is refused (422 ``validation_failed``) with the
  rule's message, and nothing of the batch is written;
- stage flow: a stage change outside the flow (a skipped stage, a backward move without a
  reason, a stage entered without its required fields) is refused (422 ``stage_not_allowed``);
- assignment: a new record without an owner gets one — the first enabled rule that holds, or the
  default; a team's members in turn (round-robin, disabled users skipped), a queue leaves the
  owner empty. The counter of each team lives in the database and is moved inside the batch's
  transaction, which the records scope already serialises, so concurrent inserts and bulk batches
  spread over the team instead of landing on one person. Each assignment is kept with the rule
  that made it (``why``: ``GET /api/v1/records/{entity}/{key}/assignment``).

An update that names no owner keeps the stored one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from threading import Lock
from typing import Any

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from studio.automation.directory import active_members, disabled_users
from studio.automation.evaluate import Evaluator, outcome_name
from studio.automation.stages import move_problem
from studio.bundle.model import Bundle
from studio.bundle.values import is_empty
from studio.server.refusals import refuse
from studio.server.releases import current_release, release_bundle
from studio.server.storage import RecordAssignment, RoundRobin, utcnow

OWNER_FIELD = "owner"

_EVALUATORS: dict[tuple[str, str], Evaluator] = {}
_EVALUATORS_LOCK = Lock()


@dataclass(frozen=True)
class LiveRules:
    bundle: Bundle
    version: int
    evaluator: Evaluator


def live_rules(session: Session, entity: str) -> LiveRules | None:
    """The live release's compiled rules of ``entity``, or ``None`` (no release, no rules)."""
    cur = current_release(session)
    if cur is None:
        return None
    bundle = release_bundle(cur)
    rules = (bundle.rules or {}).get(entity)
    if rules is None:
        return None
    key = (cur.bundle_sha256, entity)
    with _EVALUATORS_LOCK:
        evaluator = _EVALUATORS.get(key)
        if evaluator is None:
            if len(_EVALUATORS) > 256:  # releases change rarely; keep the cache bounded anyway
                _EVALUATORS.clear()
            evaluator = _EVALUATORS[key] = Evaluator(rules)
    return LiveRules(bundle, cur.version, evaluator)


def check_and_assign(
    session: Session,
    entity: str,
    key_field: str,
    by_key: dict[str, dict[str, Any]],
    stored: Mapping[str, Mapping[str, Any]],
    index_of: Mapping[str, int],
) -> list[RecordAssignment]:
    """Validate, check stage moves and assign owners in ``by_key`` (changed in place: ``owner``).

    ``stored`` maps a key to the payload already stored (updates); ``index_of`` maps a key to the
    record's place in the batch (for messages). Raises a refusal for the first record that may
    not be written. Returns the assignments to keep (not yet added to the session).
    """
    live = live_rules(session, entity)
    if live is None:
        return []
    ev = live.evaluator
    keys = list(by_key)
    for key in keys:
        before = stored.get(key)
        record = by_key[key]
        if before is not None and is_empty(record.get(OWNER_FIELD)):
            kept_owner = before.get(OWNER_FIELD)
            if not is_empty(kept_owner) and ev.assignment is not None:
                record[OWNER_FIELD] = kept_owner
    records = [by_key[k] for k in keys]
    # The batched evaluation (the replay's): a bulk batch of 10,000 costs what reading it costs.
    refused = np.flatnonzero(ev.refused_many(records))
    if refused.size:
        key = keys[int(refused[0])]
        rule = ev.refusals(by_key[key])[0]
        raise refuse(
            422,
            "validation_failed",
            f"Record {index_of[key]} ({key_field} = {key}) is refused by validation rule "
            f"{rule.key}: {rule.message.en} / {rule.message.zh_CN}",
        )
    if ev.stage_flow is not None:
        for key in keys:
            problem = move_problem(ev.stage_flow, stored.get(key), by_key[key])
            if problem is not None:
                raise refuse(
                    422,
                    "stage_not_allowed",
                    f"Record {index_of[key]} ({key_field} = {key}): {problem.render('en')}",
                )
    if ev.assignment is None:
        return []
    new = [k for k in keys if k not in stored and is_empty(by_key[k].get(OWNER_FIELD))]
    chosen = ev.assign_many([by_key[k] for k in new])
    routes, route_keys = ev.routes(), ev.route_keys()
    kept: list[RecordAssignment] = []
    gone = disabled_users(live.bundle)
    now = utcnow()
    for key, index in zip(new, chosen.tolist(), strict=True):
        outcome = routes[index] if index >= 0 else ev.default
        rule_key = route_keys[index] if index >= 0 else None
        owner: str | None = None
        if outcome is not None and outcome.kind == "user" and outcome.target not in gone:
            owner = outcome.target
        elif outcome is not None and outcome.kind == "team":
            members = active_members(live.bundle, outcome.target)
            if members:
                owner = members[_next_turn(session, entity, outcome.target) % len(members)]
        if owner is not None:
            by_key[key][OWNER_FIELD] = owner
        kept.append(
            RecordAssignment(
                entity=entity,
                key=key,
                owner=owner,
                outcome=outcome_name(outcome),
                rule=rule_key,
                version=live.version,
                assigned_at=now,
            )
        )
    return kept


def _next_turn(session: Session, entity: str, team: str) -> int:
    """The team's next turn, moved on by one in this transaction."""
    row = session.get(RoundRobin, (entity, team))
    if row is None:
        row = RoundRobin(entity=entity, team=team, turn=0)
        session.add(row)
    turn = row.turn
    row.turn = turn + 1
    return turn


def why(session: Session, entity: str, key: str) -> dict[str, Any]:
    """The last assignment of record ``key``: owner, outcome, the rule that decided (``null``: the
    default) and its label, the release version whose rules decided."""
    row = session.scalars(
        select(RecordAssignment)
        .where(RecordAssignment.entity == entity, RecordAssignment.key == key)
        .order_by(RecordAssignment.id.desc())
        .limit(1)
    ).first()
    if row is None:
        raise refuse(404, "not_found", f"Record {key} of {entity} has no assignment.")
    label = None
    cur = current_release(session)
    if cur is not None and row.rule is not None:
        rules = (release_bundle(cur).rules or {}).get(entity)
        found = next(
            (
                r
                for r in (rules.assignment.rules if rules and rules.assignment else ())
                if r.key == row.rule
            ),
            None,
        )
        label = found.label.model_dump() if found is not None and found.label else None
    return {
        "entity": entity,
        "key": key,
        "owner": row.owner,
        "outcome": row.outcome,
        "rule": row.rule,
        "rule_label": label,
        "version": row.version,
        "assigned_at": row.assigned_at.isoformat(),
    }
