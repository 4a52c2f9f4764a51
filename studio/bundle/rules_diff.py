"""What a change does to the automation rules, as data and as lines a person reads.

``rules_diff(live, draft)`` is plain JSON (stored with the change's diff under ``rules``);
``render_rules(entries)`` gives lines such as
``Rule 'East China' of Lead: condition city not empty -> district not empty``. Rules are matched
by key; the conditions of a rule whose group keeps its shape are compared one by one, so that the
reviewer reads the one condition that changed rather than two long groups.
"""

from __future__ import annotations

from typing import Any

from studio.bundle.rules import Condition, EntityRules, Group
from studio.i18n import language, name_list, tr

Json = dict[str, Any]


def _dump(model: Any) -> Any:
    return None if model is None else model.model_dump(mode="json", exclude_none=True)


def _flat(group: Group | None) -> bool:
    return group is not None and all(isinstance(m, Condition) for m in group.members)


def _group_changes(what: str, before: Group | None, after: Group | None) -> list[Json]:
    if before == after:
        return []
    if (
        _flat(before)
        and _flat(after)
        and before is not None
        and after is not None
        and before.kind == after.kind
    ):
        b, a = list(before.members), list(after.members)
        out: list[Json] = []
        for i in range(max(len(b), len(a))):
            old = b[i] if i < len(b) else None
            new = a[i] if i < len(a) else None
            if old != new:
                out.append({"what": "condition", "before": _dump(old), "after": _dump(new)})
        return out
    return [{"what": what, "before": _dump(before), "after": _dump(after)}]


def _prop(what: str, before: Any, after: Any) -> list[Json]:
    return (
        []
        if before == after
        else [{"what": what, "before": _dump_any(before), "after": _dump_any(after)}]
    )


def _dump_any(value: Any) -> Any:
    return _dump(value) if hasattr(value, "model_dump") else value


def _keyed(
    entity: str, part: str, before: dict[str, Any], after: dict[str, Any], changes: Any
) -> list[Json]:
    out: list[Json] = []
    for key in [*before, *(k for k in after if k not in before)]:
        b, a = before.get(key), after.get(key)
        if b == a:
            continue
        shown = a if a is not None else b
        entry: Json = {
            "entity": entity,
            "part": part,
            "key": key,
            "label": _dump(getattr(shown, "label", None)),
            "status": "added" if b is None else "removed" if a is None else "changed",
        }
        if b is None or a is None:
            entry["rule"] = _dump(shown)
        else:
            entry["changes"] = changes(b, a)
        out.append(entry)
    return out


def _entity_rules_diff(entity: str, before: EntityRules, after: EntityRules) -> list[Json]:
    out: list[Json] = []
    ba, aa = before.assignment, after.assignment
    b_rules = {r.key: r for r in (ba.rules if ba else ())}
    a_rules = {r.key: r for r in (aa.rules if aa else ())}
    out += _keyed(
        entity,
        "assignment",
        b_rules,
        a_rules,
        lambda b, a: [
            *_prop("label", b.label, a.label),
            *_prop("enabled", b.enabled, a.enabled),
            *_group_changes("when", b.when, a.when),
            *_prop("assign", b.assign, a.assign),
        ],
    )
    common = [k for k in b_rules if k in a_rules]
    if common != [k for k in a_rules if k in b_rules]:
        out.append({"entity": entity, "part": "order", "key": None, "status": "changed"})
    b_default = ba.default if ba else None
    a_default = aa.default if aa else None
    if b_default != a_default:
        out.append(
            {
                "entity": entity,
                "part": "default",
                "key": None,
                "status": "changed",
                "changes": [
                    {"what": "default", "before": _dump(b_default), "after": _dump(a_default)}
                ],
            }
        )
    out += _keyed(
        entity,
        "validation",
        {v.key: v for v in before.validations},
        {v.key: v for v in after.validations},
        lambda b, a: [
            *_prop("enabled", b.enabled, a.enabled),
            *_group_changes("when", b.when, a.when),
            *_group_changes("require", b.require, a.require),
            *_prop("message", b.message, a.message),
        ],
    )
    bf, af = before.stage_flow, after.stage_flow
    if bf != af:
        changes: list[Json] = []
        if bf is None or af is None:
            changes.append({"what": "stage_flow", "before": _dump(bf), "after": _dump(af)})
        else:
            changes += _prop("field", bf.field, af.field)
            bt, at = [list(t) for t in bf.transitions], [list(t) for t in af.transitions]
            changes += [
                {"what": "transition", "before": None, "after": t} for t in at if t not in bt
            ]
            changes += [
                {"what": "transition", "before": t, "after": None} for t in bt if t not in at
            ]
            for stage in sorted(set(bf.enter_requires) | set(af.enter_requires)):
                b_req = list(bf.enter_requires.get(stage, ()))
                a_req = list(af.enter_requires.get(stage, ()))
                if b_req != a_req:
                    changes.append(
                        {"what": "enter_requires", "stage": stage, "before": b_req, "after": a_req}
                    )
            for stage in sorted(set(bf.dwell_days) | set(af.dwell_days)):
                b_days, a_days = bf.dwell_days.get(stage), af.dwell_days.get(stage)
                if b_days != a_days:
                    changes.append(
                        {"what": "dwell_days", "stage": stage, "before": b_days, "after": a_days}
                    )
            changes += _prop("backward_reason", bf.backward_reason, af.backward_reason)
        out.append(
            {
                "entity": entity,
                "part": "stage_flow",
                "key": None,
                "status": "changed",
                "changes": changes,
            }
        )
    if before.replay != after.replay:
        b_set, a_set = before.replay_settings(), after.replay_settings()
        out.append(
            {
                "entity": entity,
                "part": "replay",
                "key": None,
                "status": "changed",
                "changes": [
                    *_prop("warn_share", b_set.warn_share, a_set.warn_share),
                    *_prop("block_share", b_set.block_share, a_set.block_share),
                ],
            }
        )
    return out


def rules_diff(
    live: dict[str, EntityRules] | None,
    draft: dict[str, EntityRules] | None,
    labels: dict[str, Json] | None = None,
) -> list[Json]:
    """Every difference in the ``rules`` sections, in entity order; ``labels`` maps an entity key
    to its label (for the lines a person reads)."""
    before, after = live or {}, draft or {}
    out: list[Json] = []
    empty = EntityRules()
    for entity in [*before, *(k for k in after if k not in before)]:
        b, a = before.get(entity), after.get(entity)
        if b == a:
            continue
        entries = _entity_rules_diff(entity, b or empty, a or empty)
        for entry in entries:
            entry["entity_label"] = (labels or {}).get(entity)
        out += entries
    return out


# -- text -----------------------------------------------------------------------------------

_OPS = {
    "eq": "=",
    "ne": "≠",
    "gt": ">",
    "gte": "≥",
    "lt": "<",
    "lte": "≤",
}


def _value(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, bool):
        return tr("yes") if value else tr("no")
    return str(value)


def condition_text(cond: Json | None) -> str:
    """``city not empty``, ``province in 上海市, 江苏省``, ``amount > 1000000``."""
    if not cond:
        return "—"
    if "all" in cond or "any" in cond:
        return group_text(cond)
    field, op, value = cond.get("field", "?"), cond.get("op", "?"), cond.get("value")
    if op in _OPS:
        return f"{field} {_OPS[op]} {_value(value)}"
    if op == "empty":
        return tr("{field} empty", field=field)
    if op == "not_empty":
        return tr("{field} not empty", field=field)
    if op == "in":
        return tr("{field} in {values}", field=field, values=_value(value))
    if op == "not_in":
        return tr("{field} not in {values}", field=field, values=_value(value))
    if op == "prefix":
        return tr("{field} starts with {value}", field=field, value=_value(value))
    if op == "contains":
        return tr("{field} contains {value}", field=field, value=_value(value))
    if op == "regex":
        return tr("{field} matches {value}", field=field, value=_value(value))
    if op == "between" and isinstance(value, list) and len(value) == 2:
        return tr(
            "{field} between {low} and {high}",
            field=field,
            low=_value(value[0]),
            high=_value(value[1]),
        )
    return f"{field} {op} {_value(value)}"


def group_text(group: Json | None) -> str:
    """A condition group on one line: ``(a and b)``, ``(a or b)``."""
    if not group:
        return tr("always")
    kind = "all" if "all" in group else "any"
    members = [condition_text(m) for m in group.get(kind) or []]
    if not members:
        return tr("always") if kind == "all" else tr("never")
    joiner = tr(" and ") if kind == "all" else tr(" or ")
    return members[0] if len(members) == 1 else "(" + joiner.join(members) + ")"


def outcome_text(outcome: Json | None) -> str:
    if not outcome:
        return tr("no owner")
    kind, target = outcome.get("kind"), outcome.get("target", "?")
    if kind == "user":
        return tr("user {target}", target=target)
    if kind == "team":
        return tr("team {target}", target=target)
    if kind == "queue":
        return tr("queue {target}", target=target)
    return str(target)


def _label_text(label: Json | None, key: str | None) -> str:
    if isinstance(label, dict) and label.get(language()):
        return str(label[language()])
    return str(key or "")


def _change_text(change: Json) -> str:
    what, before, after = change["what"], change.get("before"), change.get("after")
    if what == "condition":
        if before is None:
            return tr("+ condition {condition}", condition=condition_text(after))
        if after is None:
            return tr("- condition {condition}", condition=condition_text(before))
        return tr(
            "condition {before} -> {after}",
            before=condition_text(before),
            after=condition_text(after),
        )
    if what in ("when", "require"):
        return tr(
            "{part} {before} -> {after}",
            part=tr("condition") if what == "when" else tr("requirement"),
            before=group_text(before),
            after=group_text(after),
        )
    if what in ("assign", "default"):
        return tr(
            "{part} {before} -> {after}",
            part=tr("outcome") if what == "assign" else tr("default outcome"),
            before=outcome_text(before),
            after=outcome_text(after),
        )
    if what in ("label", "message"):
        return tr(
            "{part} {before} -> {after}",
            part=tr("name") if what == "label" else tr("message"),
            before=_label_text(before, "—"),
            after=_label_text(after, "—"),
        )
    if what == "transition":
        pair = after if after is not None else before or ["?", "?"]
        sign = "+" if after is not None else "-"
        return f"{sign} {pair[0]} -> {pair[1]}"
    if what == "enter_requires":
        return tr(
            "entering {stage} needs {before} -> {after}",
            stage=change.get("stage"),
            before=name_list(before or []) or "—",
            after=name_list(after or []) or "—",
        )
    if what == "dwell_days":
        return tr(
            "days allowed in {stage}: {before} -> {after}",
            stage=change.get("stage"),
            before=before if before is not None else "—",
            after=after if after is not None else "—",
        )
    return f"{what}: {_value(before) if before is not None else '—'} -> {_value(after) if after is not None else '—'}"


def render_rules(entries: list[Json]) -> list[str]:
    """The rules diff as lines a person reads, in the current language."""
    lines: list[str] = []
    for e in entries:
        entity = _label_text(e.get("entity_label"), e["entity"])
        rule = _label_text(e.get("label"), e.get("key"))
        part = e["part"]
        if part in ("assignment", "validation"):
            title = (
                tr("Rule '{rule}' of {entity}", rule=rule, entity=entity)
                if part == "assignment"
                else tr("Validation '{rule}' of {entity}", rule=rule, entity=entity)
            )
            if e["status"] == "added":
                body = e.get("rule") or {}
                detail = (
                    f"{group_text(body.get('when'))} => {outcome_text(body.get('assign'))}"
                    if part == "assignment"
                    else f"{group_text(body.get('when'))} => {group_text(body.get('require'))}"
                )
                lines.append("+ " + tr("{title}: {change}", title=title, change=detail))
            elif e["status"] == "removed":
                lines.append(f"- {title}")
            else:
                for change in e.get("changes", []):
                    lines.append(tr("{title}: {change}", title=title, change=_change_text(change)))
        elif part == "order":
            lines.append(tr("Rules of {entity}: order changed", entity=entity))
        elif part == "default":
            for change in e.get("changes", []):
                lines.append(
                    tr("Rules of {entity}: {change}", entity=entity, change=_change_text(change))
                )
        elif part == "stage_flow":
            for change in e.get("changes", []):
                lines.append(
                    tr(
                        "Stage flow of {entity}: {change}",
                        entity=entity,
                        change=_change_text(change),
                    )
                )
        elif part == "replay":
            for change in e.get("changes", []):
                lines.append(
                    tr(
                        "Replay thresholds of {entity}: {change}",
                        entity=entity,
                        change=_change_text(change),
                    )
                )
    return lines
