"""Lint checks of routing (assignment) rules: no default, an outcome user who does not exist, is
disabled or cannot see the entity's records, a rule that never matches or never decides (shadowed
by an earlier, broader one), and two rules whose value lists overlap with different owners.

Linear in the number of rules (a bundle may carry 10,000): the shadow check looks up the subsets
of a rule's conditions among earlier rules, the overlap check goes through an index of values.
"""

from __future__ import annotations

from itertools import combinations
from typing import Any

from studio.automation.directory import disabled_users, team_members
from studio.bundle.model import Bundle, Entity
from studio.bundle.rules import Condition, EntityRules
from studio.i18n import name_list, tr
from studio.lint.automation_rules.contradictions import contradicts
from studio.lint.common import name
from studio.lint.findings import Finding, Severity

#: A rule with more conditions than this is not searched for shadowing subsets (2^n lookups).
_MAX_SUBSET_SEARCH = 8


def _rule_name(label: Any, key: str) -> str:
    return f"{label.text(_lang())} ({key})" if label is not None else key


def _lang() -> str:
    from studio.i18n import language

    return language()


def _cond_key(cond: Condition) -> str:
    return cond.model_dump_json()


def routing_findings(bundle: Bundle, entity: Entity, rules: EntityRules) -> list[Finding]:
    out: list[Finding] = []
    assignment = rules.assignment
    if assignment is None:
        return out
    if assignment.default is None and assignment.rules:
        out.append(
            Finding(
                Severity.warning,
                "rule_no_default",
                tr(
                    "Routing of {entity} has no default: a record no rule matches gets no owner "
                    "and nobody sees it. Set a default queue.",
                    entity=name(entity),
                ),
                entity=entity.key,
            )
        )
    users = {u.user: u for u in bundle.users}
    readers = {p.role for p in bundle.entity_permissions if p.entity == entity.key and p.read}
    outcomes = [(r.key, r.assign) for r in assignment.rules]
    if assignment.default is not None:
        outcomes.append(("default", assignment.default))
    for key, outcome in outcomes:
        if outcome.kind != "user":
            continue
        user = users.get(outcome.target)
        if user is None:
            problem = tr("there is no such user")
        elif getattr(user, "disabled", False):
            problem = tr("the user is disabled")
        elif user.role not in readers:
            problem = tr("role {role} cannot see records of this entity", role=user.role)
        else:
            continue
        out.append(
            Finding(
                Severity.error,
                "rule_outcome_user",
                tr(
                    "Rule {rule} of {entity} gives records to {user}, but {problem}.",
                    rule=key,
                    entity=name(entity),
                    user=outcome.target,
                    problem=problem,
                ),
                entity=entity.key,
            )
        )
    out += _team_findings(bundle, entity, outcomes)
    # Shadowing: an earlier enabled rule whose conditions are a subset of a later rule's (both
    # plain "all" groups) matches every record the later one would, so the later never decides.
    earlier: dict[frozenset[str], str] = {}
    quiet: set[str] = set()  # rules already said to never decide: no overlap note as well
    for r in assignment.rules:
        if not r.enabled:
            continue
        label = _rule_name(r.label, r.key)
        if contradicts(r.when) or (r.when.any is not None and not r.when.any):
            quiet.add(r.key)
            out.append(
                Finding(
                    Severity.warning,
                    "rule_never_matches",
                    tr(
                        "Rule {rule} of {entity} can match no record: its conditions exclude "
                        "each other.",
                        rule=label,
                        entity=name(entity),
                    ),
                    entity=entity.key,
                )
            )
            continue
        members = r.when.all
        if members is None or not all(isinstance(m, Condition) for m in members):
            continue
        keys = frozenset(_cond_key(m) for m in members if isinstance(m, Condition))
        if len(keys) <= _MAX_SUBSET_SEARCH:
            shadow = next(
                (
                    earlier[frozenset(sub)]
                    for size in range(len(keys) + 1)
                    for sub in combinations(sorted(keys), size)
                    if frozenset(sub) in earlier
                ),
                None,
            )
            if shadow is not None:
                quiet.add(r.key)
                out.append(
                    Finding(
                        Severity.warning,
                        "rule_shadowed",
                        tr(
                            "Rule {rule} of {entity} never decides: the earlier rule {earlier} "
                            "matches every record it would. Move it up or narrow the earlier "
                            "rule.",
                            rule=label,
                            entity=name(entity),
                            earlier=shadow,
                        ),
                        entity=entity.key,
                    )
                )
                continue
        earlier.setdefault(keys, label)
    out += _overlaps(entity, assignment.rules, skip=quiet)
    return out


def _values(cond: Condition) -> frozenset[str] | None:
    """The values an ``eq``/``in`` condition admits (as text), else ``None`` (open-ended)."""
    if cond.op == "eq" and not isinstance(cond.value, tuple):
        return frozenset({str(cond.value).strip()})
    if cond.op == "in" and isinstance(cond.value, tuple):
        return frozenset(str(v).strip() for v in cond.value)
    return None


def _overlaps(entity: Entity, rules: tuple[Any, ...], skip: set[str]) -> list[Finding]:
    """Two enabled rules with different outcomes whose value lists on the same fields overlap: a
    record in the overlap always goes to the earlier one, the later only catches what the earlier
    leaves. Found through an index of (field, value) -> earlier rules, so 10,000 rules with their
    own values cost 10,000 look-ups, not 50 million comparisons."""
    out: list[Finding] = []
    seen: dict[tuple[str, str], list[int]] = {}
    admitted: list[dict[str, frozenset[str]]] = []
    reported: set[int] = set()
    for i, r in enumerate(rules):
        values: dict[str, frozenset[str]] = {}
        if r.enabled and r.when.all is not None:
            for m in r.when.all:
                if isinstance(m, Condition):
                    admits = _values(m)
                    if admits is not None:
                        values[m.field] = values[m.field] & admits if m.field in values else admits
        admitted.append(values)
        candidates = sorted(
            {j for field, vs in values.items() for x in vs for j in seen.get((field, x), ())}
        )
        for j in candidates:
            other = rules[j]
            if other.assign == r.assign or i in reported or r.key in skip:
                continue
            shared = set(values) & set(admitted[j])
            if shared and all(values[f] & admitted[j][f] for f in shared):
                reported.add(i)
                field = sorted(shared)[0]
                out.append(
                    Finding(
                        Severity.info,
                        "rule_overlap",
                        tr(
                            "Rules {earlier} and {rule} of {entity} both take records with "
                            "{field} {values} and give them to different owners: such records "
                            "always go by {earlier}; {rule} only gets what it leaves.",
                            earlier=_rule_name(other.label, other.key),
                            rule=_rule_name(r.label, r.key),
                            entity=name(entity),
                            field=field,
                            values=name_list(sorted(values[field] & admitted[j][field])[:5]),
                        ),
                        entity=entity.key,
                        field=field,
                    )
                )
        for field, vs in values.items():
            for value in vs:
                seen.setdefault((field, value), []).append(i)
    return out


def _team_findings(
    bundle: Bundle, entity: Entity, outcomes: list[tuple[str, Any]]
) -> list[Finding]:
    """A round-robin team with a disabled member (the server skips them: said so the admin
    can tidy the team), or with no active member at all (its records would get no owner)."""
    out: list[Finding] = []
    gone = disabled_users(bundle)
    for key, outcome in outcomes:
        if outcome.kind != "team":
            continue
        members = team_members(bundle, outcome.target)
        if members is None:  # a team the bundle does not describe (no access section)
            continue
        disabled = [m for m in members if m in gone]
        if members and len(disabled) == len(members):
            out.append(
                Finding(
                    Severity.error,
                    "rule_team_no_active_member",
                    tr(
                        "Rule {rule} of {entity} gives records to team {team}, whose members "
                        "are all disabled: those records would get no owner.",
                        rule=key,
                        entity=name(entity),
                        team=outcome.target,
                    ),
                    entity=entity.key,
                )
            )
        elif disabled:
            out.append(
                Finding(
                    Severity.warning,
                    "rule_team_disabled_member",
                    tr(
                        "Rule {rule} of {entity} gives records to team {team} in turn, which "
                        "contains disabled users ({users}): they are skipped. Remove them from "
                        "the team.",
                        rule=key,
                        entity=name(entity),
                        team=outcome.target,
                        users=name_list(disabled),
                    ),
                    entity=entity.key,
                )
            )
    return out
