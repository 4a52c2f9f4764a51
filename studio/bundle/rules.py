"""The bundle's ``rules`` section: automation rules per entity, a contract like the wire contract.

DESIGN.md ("Automation rules") fixes the shape; CRM servers implement the same evaluation
(``studio.automation.evaluate``), so nothing here may drift from it:

- per entity key: ordered ``assignment`` rules (the first enabled rule whose ``when`` holds
  decides; ``default`` otherwise, ``null`` = no owner), ``validations`` across fields, a
  ``stage_flow`` and the ``replay`` shares that make a change a warning or refuse its submit;
- a condition group is ``{"all": [...]}`` or ``{"any": [...]}`` and groups nest; a condition is
  ``{"field", "op", "value"}``.

The model checks structure only (shapes of values per operator, unique keys, bounded sizes and
nesting); whether a rule is wise (a field the entity lacks, a shadowed rule...) is for the lint
(``studio.lint.automation_rules``), which reports findings instead of refusing the bundle.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    Discriminator,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StringConstraints,
    Tag,
    model_validator,
)

from studio.bundle.base import Key, Label, _Model

Op = Literal[
    "eq",
    "ne",
    "in",
    "not_in",
    "prefix",
    "contains",
    "empty",
    "not_empty",
    "gt",
    "gte",
    "lt",
    "lte",
    "between",
    "regex",
]
OPS: tuple[str, ...] = Op.__args__  # type: ignore[attr-defined]
#: Operators that take no value.
UNARY_OPS = frozenset({"empty", "not_empty"})
#: Operators whose value is a list of candidates.
LIST_OPS = frozenset({"in", "not_in"})
#: Operators that order values (numbers, or ISO dates as text).
ORDER_OPS = frozenset({"gt", "gte", "lt", "lte", "between"})
#: Operators on text.
TEXT_OPS = frozenset({"prefix", "contains", "regex"})

#: Groups nested deeper than this are refused: the server parses documents at most 64 JSON
#: levels deep, and a group costs two of them (a rule's ``when`` starts at level 7).
MAX_NESTING = 20
MAX_CANDIDATES = 1000
MAX_RULES = 10_000

Text = Annotated[str, StringConstraints(max_length=1000)]
Scalar = Text | StrictBool | StrictInt | StrictFloat
Value = Scalar | Annotated[tuple[Scalar, ...], Field(max_length=MAX_CANDIDATES)] | None


class Condition(_Model):
    """One test of one field of a record: ``{"field": "city", "op": "not_empty"}``."""

    field: Key
    op: Op
    value: Value = None

    @model_validator(mode="after")
    def _value_fits_op(self) -> Condition:
        v = self.value
        if self.op in UNARY_OPS:
            if v is not None:
                raise ValueError(f"condition on {self.field}: {self.op} takes no value")
        elif self.op in LIST_OPS:
            if not isinstance(v, tuple):
                raise ValueError(f"condition on {self.field}: {self.op} takes a list of values")
        elif self.op == "between":
            if not isinstance(v, tuple) or len(v) != 2:
                raise ValueError(f"condition on {self.field}: between takes [low, high]")
        elif v is None or isinstance(v, tuple):
            raise ValueError(f"condition on {self.field}: {self.op} takes one value")
        if self.op in TEXT_OPS and not isinstance(v, str):
            raise ValueError(f"condition on {self.field}: {self.op} takes text")
        return self


def _member_kind(value: Any) -> str:
    """A group's member is a condition when it names a field, else a group: one error message
    for a malformed member instead of one per possible shape."""
    if isinstance(value, dict):
        return "condition" if "field" in value or "op" in value else "group"
    return "condition" if isinstance(value, Condition) else "group"


Member = Annotated[
    Annotated[Condition, Tag("condition")] | Annotated["Group", Tag("group")],
    Discriminator(_member_kind),
]


class Group(_Model):
    """``{"all": [...]}`` (every member holds; an empty list holds) or ``{"any": [...]}`` (at
    least one holds; an empty list does not). Exactly one of the two."""

    all: tuple[Member, ...] | None = None
    any: tuple[Member, ...] | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Group:
        if (self.all is None) == (self.any is None):
            raise ValueError('a condition group is {"all": [...]} or {"any": [...]}')
        return self

    @property
    def members(self) -> tuple[Condition | Group, ...]:
        return self.all if self.all is not None else self.any or ()

    @property
    def kind(self) -> Literal["all", "any"]:
        return "all" if self.all is not None else "any"


def _check_nesting(group: Group | None, where: str) -> None:
    if group is None:
        return
    stack: list[tuple[Group, int]] = [(group, 1)]
    while stack:
        g, depth = stack.pop()
        if depth > MAX_NESTING:
            raise ValueError(f"{where}: conditions are nested more than {MAX_NESTING} deep")
        stack.extend((m, depth + 1) for m in g.members if isinstance(m, Group))


def conditions(group: Group | None) -> list[Condition]:
    """Every condition of ``group`` at any depth, in order."""
    out: list[Condition] = []
    stack: list[Condition | Group] = [group] if group is not None else []
    while stack:
        item = stack.pop()
        if isinstance(item, Condition):
            out.append(item)
        else:
            stack.extend(reversed(item.members))
    return out


class Outcome(_Model):
    """Who gets the record: a ``user``, a ``team`` (round-robin over its members) or a ``queue``."""

    kind: Literal["user", "team", "queue"]
    target: Key

    def name(self) -> str:
        return f"{self.kind}:{self.target}"


class AssignmentRule(_Model):
    key: Key
    label: Label | None = None
    enabled: bool = True
    when: Group
    assign: Outcome

    @model_validator(mode="after")
    def _bounded(self) -> AssignmentRule:
        _check_nesting(self.when, f"rule {self.key}")
        return self


def _unique(keys: list[str], what: str) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise ValueError(f"{what} key {key} is used twice")
        seen.add(key)


class Assignment(_Model):
    """Routing: the first enabled rule whose ``when`` holds decides, else ``default``
    (``None``: the record gets no owner)."""

    rules: Annotated[tuple[AssignmentRule, ...], Field(max_length=MAX_RULES)] = ()
    default: Outcome | None = None

    @model_validator(mode="after")
    def _keys(self) -> Assignment:
        _unique([r.key for r in self.rules], "assignment rule")
        return self


class ValidationRule(_Model):
    """Where ``when`` holds (always, without one), ``require`` must hold, else the record is
    refused with ``message``."""

    key: Key
    enabled: bool = True
    when: Group | None = None
    require: Group
    message: Label

    @model_validator(mode="after")
    def _bounded(self) -> ValidationRule:
        _check_nesting(self.when, f"validation {self.key}")
        _check_nesting(self.require, f"validation {self.key}")
        return self


class StageFlow(_Model):
    """Which stage (an option of the select ``field``) may follow which."""

    field: Key
    transitions: Annotated[tuple[tuple[Key, Key], ...], Field(max_length=MAX_RULES)] = ()
    #: Fields that must not be empty for a record to enter a stage.
    enter_requires: dict[Key, tuple[Key, ...]] = Field(default_factory=dict)
    #: A move back (to a stage the flow reaches the current one from) needs a reason.
    backward_reason: bool = False
    #: Days a record may stay in a stage before it counts as stale.
    dwell_days: dict[Key, Annotated[int, Field(ge=1, le=36_500)]] = Field(default_factory=dict)

    def exits(self, stage: str) -> list[str]:
        return [b for a, b in self.transitions if a == stage]


class ReplaySettings(_Model):
    """Shares of replayed records falling to the default or to no owner that make a change a
    warning, or refuse its submit unless the author acknowledges them."""

    warn_share: Annotated[float, Field(ge=0, le=1)] = 0.05
    block_share: Annotated[float, Field(ge=0, le=1)] = 0.20

    @model_validator(mode="after")
    def _ordered(self) -> ReplaySettings:
        if self.warn_share > self.block_share:
            raise ValueError("replay: warn_share must not exceed block_share")
        return self


class EntityRules(_Model):
    """The automation rules of one entity."""

    assignment: Assignment | None = None
    validations: Annotated[tuple[ValidationRule, ...], Field(max_length=MAX_RULES)] = ()
    stage_flow: StageFlow | None = None
    replay: ReplaySettings | None = None

    @model_validator(mode="after")
    def _keys(self) -> EntityRules:
        _unique([v.key for v in self.validations], "validation rule")
        return self

    def replay_settings(self) -> ReplaySettings:
        return self.replay or ReplaySettings()


def rules_json(rules: dict[str, EntityRules] | None) -> dict[str, Any] | None:
    """The section as plain JSON (what the draft's table and the canonical form hold)."""
    if rules is None:
        return None
    return {k: v.model_dump(mode="json", exclude_none=True) for k, v in rules.items()}
