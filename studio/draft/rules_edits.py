"""Edits of the draft's automation rules: pure ``Bundle -> Bundle`` functions, as the designer's.

The rule editor (``widgets/automation``), the CLI and the tests use the same functions; the
draft document records each as one undoable edit. An edit that would make the section invalid
raises ``EditError`` and changes nothing.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from studio.bundle.model import Bundle
from studio.bundle.rules import Assignment, AssignmentRule, EntityRules
from studio.draft.edit_checks import EditError


def entity_rules(bundle: Bundle, entity: str) -> EntityRules:
    """The rules of ``entity`` (empty when it has none)."""
    return (bundle.rules or {}).get(entity) or EntityRules()


def set_entity_rules(
    bundle: Bundle, entity: str, rules: EntityRules | dict[str, Any] | None
) -> Bundle:
    """``bundle`` with the rules of ``entity`` replaced (``None`` or empty rules: removed)."""
    if bundle.entity(entity) is None:
        raise EditError("rules", "Entity {entity} no longer exists.", entity=entity)
    try:
        value = (
            rules
            if rules is None or isinstance(rules, EntityRules)
            else EntityRules.model_validate(rules)
        )
    except ValidationError as exc:
        raise EditError(
            "rules", "The rule is not valid: {reason}", reason=_first_error(exc)
        ) from None
    section = dict(bundle.rules or {})
    if value is None or value == EntityRules():
        section.pop(entity, None)
    else:
        section[entity] = value
    if section == (bundle.rules or {}):
        return bundle
    return bundle.model_copy(update={"rules": section or None})


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(p) for p in err.get("loc", ()))
    return f"{where}: {err.get('msg', '')}" if where else str(err.get("msg", ""))


def _assignment(rules: EntityRules) -> Assignment:
    return rules.assignment or Assignment()


def _with_routes(
    bundle: Bundle, entity: str, routes: list[AssignmentRule], **update: Any
) -> Bundle:
    rules = entity_rules(bundle, entity)
    assignment = _assignment(rules).model_copy(update={"rules": tuple(routes), **update})
    data = rules.model_dump(mode="json", exclude_none=True)
    data["assignment"] = assignment.model_dump(mode="json", exclude_none=True)
    return set_entity_rules(bundle, entity, data)


def _routes(bundle: Bundle, entity: str) -> list[AssignmentRule]:
    return list(_assignment(entity_rules(bundle, entity)).rules)


def _index(routes: list[AssignmentRule], key: str) -> int:
    for i, r in enumerate(routes):
        if r.key == key:
            return i
    raise EditError("rules", "There is no rule {key}.", key=key)


def put_rule(bundle: Bundle, entity: str, rule: dict[str, Any], *, at: int | None = None) -> Bundle:
    """Add the routing rule ``rule`` (at position ``at``, default last) or replace the rule of
    the same key in place."""
    routes = _routes(bundle, entity)
    try:
        new = AssignmentRule.model_validate(rule)
    except ValidationError as exc:
        raise EditError(
            "rules", "The rule is not valid: {reason}", reason=_first_error(exc)
        ) from None
    keys = [r.key for r in routes]
    if new.key in keys:
        routes[keys.index(new.key)] = new
    else:
        routes.insert(len(routes) if at is None else max(0, min(at, len(routes))), new)
    return _with_routes(bundle, entity, routes)


def replace_rule(bundle: Bundle, entity: str, key: str, rule: dict[str, Any]) -> Bundle:
    """The routing rule ``key`` replaced in place by ``rule``, which may carry a new key; a key
    another rule holds is refused (the other rule would have been overwritten)."""
    routes = _routes(bundle, entity)
    at = _index(routes, key)
    new_key = rule.get("key")
    if new_key != key and any(r.key == new_key for r in routes):
        raise EditError("key", "There is already a rule {key}.", key=new_key)
    if new_key != key:
        bundle = remove_rule(bundle, entity, key)
    return put_rule(bundle, entity, rule, at=at)


def remove_rule(bundle: Bundle, entity: str, key: str) -> Bundle:
    routes = _routes(bundle, entity)
    del routes[_index(routes, key)]
    return _with_routes(bundle, entity, routes)


def move_rule(bundle: Bundle, entity: str, key: str, to: int) -> Bundle:
    """Move rule ``key`` to position ``to`` (the order decides: the first rule that holds wins)."""
    routes = _routes(bundle, entity)
    rule = routes.pop(_index(routes, key))
    routes.insert(max(0, min(to, len(routes))), rule)
    return _with_routes(bundle, entity, routes)


def set_enabled(bundle: Bundle, entity: str, key: str, enabled: bool) -> Bundle:
    routes = _routes(bundle, entity)
    i = _index(routes, key)
    routes[i] = routes[i].model_copy(update={"enabled": enabled})
    return _with_routes(bundle, entity, routes)


def duplicate_rule(bundle: Bundle, entity: str, key: str) -> tuple[Bundle, str]:
    """A copy of rule ``key`` right after it, disabled (so that it changes no outcome until it is
    edited), under a fresh key; returns the bundle and the new key."""
    routes = _routes(bundle, entity)
    i = _index(routes, key)
    taken = {r.key for r in routes}
    n = 2
    while f"{key}_{n}"[:64] in taken:
        n += 1
    new_key = f"{key}_{n}"[:64]
    routes.insert(i + 1, routes[i].model_copy(update={"key": new_key, "enabled": False}))
    return _with_routes(bundle, entity, routes), new_key


def set_default(bundle: Bundle, entity: str, outcome: dict[str, Any] | None) -> Bundle:
    """The outcome of records no rule matches (``None``: no owner)."""
    routes = _routes(bundle, entity)
    rules = entity_rules(bundle, entity)
    data = rules.model_dump(mode="json", exclude_none=True)
    assignment = _assignment(rules).model_dump(mode="json", exclude_none=True)
    assignment["rules"] = [r.model_dump(mode="json", exclude_none=True) for r in routes]
    if outcome is None:
        assignment.pop("default", None)
    else:
        assignment["default"] = outcome
    data["assignment"] = assignment
    return set_entity_rules(bundle, entity, data)
