"""The one evaluator of automation rules: the studio's preview, the impact replay and the reference
server all ask it, so that what a reviewer is shown is what the server will do.

A condition is compiled once into a predicate over one value (``predicate``); everything else is
composition: a group holds when all / any of its members hold, assignment takes the first enabled
rule that holds, a validation refuses where ``when`` holds and ``require`` does not. Two ways to
run the same predicates:

- ``Evaluator.assign(record)`` & co.: one record at a time (the server, the preview);
- ``Evaluator.assign_many(records)``: a batch (the replay). Each predicate runs once per *distinct*
  value of its field and the answers are spread over the records with numpy, which keeps 100,000
  records through 50 rules near the cost of reading them. A property test checks that both ways
  agree on every record.

Semantics (DESIGN.md "Automation rules"): a field a record lacks is empty, and "empty" is the
designer's one meaning (``studio.bundle.values.is_empty``). Empty equals nothing (so ``ne`` and
``not_in`` hold on it). A number in a rule compares with numbers and with text that reads as one;
text in a rule compares as text (ISO dates order correctly as text). A list value (a
multi-select) matches ``eq``, ``in``, ``contains``, ``prefix`` and ``regex`` when one of its
elements does. Nothing here raises on any rule or record: a predicate that fails is false.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from studio.automation.regex_safety import MAX_TEXT, safe_regex
from studio.bundle.rules import (
    Assignment,
    Condition,
    EntityRules,
    Group,
    Outcome,
    StageFlow,
    ValidationRule,
)
from studio.bundle.values import is_empty

Predicate = Callable[[Any], bool]
Record = Mapping[str, Any]

_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")


def _number(value: Any) -> float | None:
    """``value`` as a finite number, or ``None`` (``True`` is not a number)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        text = value.strip().replace(",", "")
        if not _NUMBER.fullmatch(text):
            return None
        number = float(text)
    else:
        return None
    return number if math.isfinite(number) else None


def _text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else None
    return None


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _equals(value: Any, wanted: Any) -> bool:
    if isinstance(value, list | tuple):
        return any(_equals(v, wanted) for v in value)
    if is_empty(wanted):
        return is_empty(value)
    if is_empty(value):
        return False
    if isinstance(wanted, bool):
        if isinstance(value, bool):
            return value is wanted
        return isinstance(value, str) and value.strip().lower() == ("true" if wanted else "false")
    if _is_number(wanted):
        number = _number(value)
        return number is not None and number == float(wanted)
    if isinstance(wanted, str):
        if isinstance(value, str):
            return value.strip() == wanted.strip()
        if isinstance(value, bool):
            return wanted.strip().lower() == ("true" if value else "false")
        if _is_number(value):
            number = _number(wanted)
            return number is not None and number == float(value)
    return False


def _order(value: Any, bound: Any) -> int | None:
    """-1, 0 or 1 as ``value`` is below, at or above ``bound``; ``None`` when incomparable."""
    if is_empty(value) or isinstance(value, list | tuple | dict) or isinstance(bound, bool):
        return None
    if _is_number(bound):
        number = _number(value)
        if number is None:
            return None
        return (number > bound) - (number < bound)
    if isinstance(bound, str):
        text = _text(value)
        if text is None:
            return None
        text, bound = text.strip(), bound.strip()
        return (text > bound) - (text < bound)
    return None


def _texts(value: Any) -> list[str]:
    if isinstance(value, list | tuple):
        return [t for t in (_text(v) for v in value) if t is not None]
    text = _text(value)
    return [text] if text is not None and not is_empty(value) else []


def _compile(cond: Condition) -> Predicate:
    op, wanted = cond.op, cond.value
    if op == "empty":
        return is_empty
    if op == "not_empty":
        return lambda v: not is_empty(v)
    if op == "eq":
        return lambda v: _equals(v, wanted)
    if op == "ne":
        return lambda v: not _equals(v, wanted)
    if op in ("in", "not_in"):
        candidates = tuple(wanted) if isinstance(wanted, tuple) else ()
        plain = frozenset(c.strip() for c in candidates if isinstance(c, str) and c.strip())
        others = tuple(c for c in candidates if not (isinstance(c, str) and c.strip()))

        def member(v: Any) -> bool:
            if isinstance(v, str) and v.strip() in plain:  # the common case: one set lookup
                return True
            if isinstance(v, list | tuple):
                return any(member(x) for x in v)
            return any(_equals(v, c) for c in others) or (
                not isinstance(v, str) and any(_equals(v, c) for c in plain)
            )

        return member if op == "in" else (lambda v: not member(v))
    if op == "prefix":
        start = str(wanted).strip()
        return lambda v: any(t.strip().startswith(start) for t in _texts(v))
    if op == "contains":
        part = str(wanted)
        return lambda v: (
            any(_equals(x, wanted) for x in v)
            if isinstance(v, list | tuple)
            else any(part in t for t in _texts(v))
        )
    if op == "regex":
        pattern = safe_regex(wanted) if isinstance(wanted, str) else None
        if pattern is None:  # refused (see regex_safety): never matches, never runs
            return lambda v: False
        search = pattern.search
        return lambda v: any(search(t[:MAX_TEXT]) is not None for t in _texts(v))
    if op in ("gt", "gte", "lt", "lte"):
        test = {
            "gt": lambda o: o > 0,
            "gte": lambda o: o >= 0,
            "lt": lambda o: o < 0,
            "lte": lambda o: o <= 0,
        }[op]

        def compare(v: Any) -> bool:
            o = _order(v, wanted)
            return o is not None and test(o)

        return compare
    if op == "between" and isinstance(wanted, tuple) and len(wanted) == 2:
        low, high = wanted

        def within(v: Any) -> bool:
            a, b = _order(v, low), _order(v, high)
            return a is not None and b is not None and a >= 0 and b <= 0

        return within
    return lambda v: False


def predicate(cond: Condition) -> Predicate:
    """``cond`` as a function of the field's value that never raises (a failure is false)."""
    inner = _compile(cond)

    def safe(value: Any) -> bool:
        try:
            return bool(inner(value))
        except Exception:  # a rule or a record the evaluator did not foresee: no match
            return False

    return safe


def _field(record: Any, name: str) -> Any:
    if type(record) is dict:  # the common case, without an ABC check per value
        return record.get(name)
    return record.get(name) if isinstance(record, Mapping) else None


@dataclass(frozen=True)
class Decision:
    """Who a record goes to: ``outcome`` (``None``: no owner) and the rule that decided
    (``None``: the default, or no rule at all)."""

    outcome: Outcome | None
    rule: str | None

    @property
    def by_default(self) -> bool:
        return self.rule is None and self.outcome is not None

    def name(self) -> str:
        return outcome_name(self.outcome)


def outcome_name(outcome: Outcome | None) -> str:
    """``team:east``, ``queue:unassigned``, ``user:wu``, or ``none`` for no owner."""
    return outcome.name() if outcome is not None else "none"


class _Compiled:
    """A group's predicates, compiled once."""

    def __init__(self, group: Group | None) -> None:
        self.group = group
        self._preds: dict[int, Predicate] = {}
        if group is not None:
            stack: list[Condition | Group] = [group]
            while stack:
                item = stack.pop()
                if isinstance(item, Condition):
                    self._preds[id(item)] = predicate(item)
                else:
                    stack.extend(item.members)

    def holds(self, record: Any) -> bool:
        return self.group is None or self._holds(self.group, record)

    def _holds(self, group: Group, record: Any) -> bool:
        if group.all is not None:
            return all(self._member(m, record) for m in group.all)
        return any(self._member(m, record) for m in group.any or ())

    def _member(self, item: Condition | Group, record: Any) -> bool:
        if isinstance(item, Condition):
            return self._preds[id(item)](_field(record, item.field))
        return self._holds(item, record)

    def mask(self, columns: _Columns) -> np.ndarray:
        if self.group is None:
            return np.ones(columns.size, dtype=bool)
        return self._mask(self.group, columns)

    def _mask(self, group: Group, columns: _Columns) -> np.ndarray:
        members = group.members
        if group.all is not None:
            out = np.ones(columns.size, dtype=bool)
            for m in members:
                out &= self._member_mask(m, columns)
                if not out.any():
                    break
            return out
        out = np.zeros(columns.size, dtype=bool)
        for m in members:
            out |= self._member_mask(m, columns)
            if out.all():
                break
        return out

    def _member_mask(self, item: Condition | Group, columns: _Columns) -> np.ndarray:
        if isinstance(item, Condition):
            return columns.truth(item, self._preds[id(item)])
        return self._mask(item, columns)


def _value_key(value: Any) -> Any:
    """A hashable stand-in for ``value``, equal only for values every predicate treats alike."""
    if value is None or isinstance(value, str | bool | int | float):
        return (type(value), value)
    if isinstance(value, list | tuple):
        return ("list", tuple(_value_key(v) for v in value))
    return ("other", repr(value))


class _Columns:
    """The records as distinct values per field: ``codes[field][i]`` indexes ``values[field]``."""

    def __init__(self, records: Sequence[Any]) -> None:
        self.records = records
        self.size = len(records)
        self._codes: dict[str, tuple[np.ndarray, list[Any]]] = {}
        self._truths: dict[tuple[str, Any], np.ndarray] = {}

    def column(self, name: str) -> tuple[np.ndarray, list[Any]]:
        got = self._codes.get(name)
        if got is None:
            raw = [r.get(name) if type(r) is dict else _field(r, name) for r in self.records]
            index: dict[Any, int] = {}
            values: list[Any] = []
            codes: list[int] = []
            append = codes.append
            for value in raw:
                # Text and None are their own keys (most values); others get a typed key, so
                # that 1, 1.0 and True stay apart.
                key = value if value is None or type(value) is str else _value_key(value)
                code = index.get(key)
                if code is None:
                    code = index[key] = len(values)
                    values.append(value)
                append(code)
            got = self._codes[name] = (np.array(codes, dtype=np.int64), values)
        return got

    def truth(self, cond: Condition, pred: Predicate) -> np.ndarray:
        # Two equal conditions (one rule set old and new) share their answer.
        try:
            cache_key: tuple[str, Any] | None = (cond.field, _cond_key(cond))
        except TypeError:
            cache_key = None
        if cache_key is not None and cache_key in self._truths:
            return self._truths[cache_key]
        codes, values = self.column(cond.field)
        per_value = np.fromiter((pred(v) for v in values), dtype=bool, count=len(values))
        mask = per_value[codes] if self.size else np.zeros(0, dtype=bool)
        if cache_key is not None:
            self._truths[cache_key] = mask
        return mask


def _cond_key(cond: Condition) -> Any:
    return (cond.op, _value_key(cond.value))


class Evaluator:
    """One entity's rules, compiled: ask it about one record or a batch of records."""

    def __init__(self, rules: EntityRules | None) -> None:
        self.rules = rules
        assignment = rules.assignment if rules is not None else None
        self.assignment: Assignment | None = assignment
        self._routes = [
            (r, _Compiled(r.when)) for r in (assignment.rules if assignment else ()) if r.enabled
        ]
        self._validations = [
            (v, _Compiled(v.when), _Compiled(v.require))
            for v in (rules.validations if rules is not None else ())
            if v.enabled
        ]
        self.stage_flow: StageFlow | None = rules.stage_flow if rules is not None else None

    @property
    def default(self) -> Outcome | None:
        return self.assignment.default if self.assignment is not None else None

    # -- one record ---------------------------------------------------------------------------

    def assign(self, record: Any) -> Decision:
        """The first enabled rule whose ``when`` holds, else the default (``None``: no owner)."""
        for rule, compiled in self._routes:
            if compiled.holds(record):
                return Decision(rule.assign, rule.key)
        return Decision(self.default, None)

    def refusals(self, record: Any) -> list[ValidationRule]:
        """The validation rules that refuse ``record`` (``when`` holds, ``require`` does not)."""
        return [
            v
            for v, when, require in self._validations
            if when.holds(record) and not require.holds(record)
        ]

    # -- a batch --------------------------------------------------------------------------------

    def assign_many(self, records: Sequence[Any], columns: _Columns | None = None) -> np.ndarray:
        """Per record, the index of the deciding rule among ``routes()``, or -1 (the default)."""
        columns = columns or _Columns(records)
        chosen = np.full(columns.size, -1, dtype=np.int64)
        open_ = np.ones(columns.size, dtype=bool)
        for index, (_rule, compiled) in enumerate(self._routes):
            if not open_.any():
                break
            hit = compiled.mask(columns) & open_
            chosen[hit] = index
            open_ &= ~hit
        return chosen

    def refused_many(self, records: Sequence[Any], columns: _Columns | None = None) -> np.ndarray:
        """Per record, whether any validation rule refuses it."""
        columns = columns or _Columns(records)
        refused = np.zeros(columns.size, dtype=bool)
        for _v, when, require in self._validations:
            refused |= when.mask(columns) & ~require.mask(columns)
        return refused

    def routes(self) -> list[Outcome]:
        """The outcomes of the enabled rules, in order (``assign_many``'s indexes)."""
        return [rule.assign for rule, _c in self._routes]

    def route_keys(self) -> list[str]:
        return [rule.key for rule, _c in self._routes]


def columns(records: Sequence[Any]) -> _Columns:
    """The distinct-value view of ``records`` that several evaluators of one batch can share."""
    return _Columns(records)


def evaluators(rules: Mapping[str, EntityRules] | None) -> dict[str, Evaluator]:
    return {entity: Evaluator(r) for entity, r in (rules or {}).items()}


def referenced_fields(rules: EntityRules | None) -> list[str]:
    """The fields the rules of an entity read, in first-use order."""
    from studio.bundle.rules import conditions

    if rules is None:
        return []
    groups: list[Group | None] = []
    if rules.assignment is not None:
        groups.extend(r.when for r in rules.assignment.rules)
    for v in rules.validations:
        groups.extend((v.when, v.require))
    seen: dict[str, None] = {}
    for group in groups:
        for cond in conditions(group):
            seen.setdefault(cond.field, None)
    if rules.stage_flow is not None:
        seen.setdefault(rules.stage_flow.field, None)
    return list(seen)


def iter_records(records: Iterable[Any]) -> list[Any]:
    return records if isinstance(records, list) else list(records)
