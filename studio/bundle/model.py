"""The config bundle: one complete, immutable snapshot of a CRM configuration.

It is the unit that is diffed, linted, approved, signed, pushed and rolled back to. The model
validates untrusted input (a bundle file, a push to the server) structurally: keys, references
between parts, sizes. Whether a configuration is *wise* (a required field without a default...)
is for the rules, which report findings instead of refusing the bundle.

``Bundle.sha256`` identifies its canonical JSON (``studio.bundle.canonical_json``), ``None``
left out.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BeforeValidator,
    Field,
    StringConstraints,
    model_validator,
)

from studio.bundle.access import AccessSection, Action, Scope, access_problems, scopes_problem
from studio.bundle.base import Key, Label, LabelText, _Model
from studio.bundle.canonical_json import canonical_json
from studio.bundle.rules import EntityRules
from studio.contract.ed25519_strict import public_key_b64_problem
from studio.gc_pause import gc_paused

SCHEMA_VERSION: Literal[1] = 1


class FieldType(StrEnum):
    text = "text"
    long_text = "long_text"
    number = "number"
    money = "money"
    date = "date"
    datetime = "datetime"
    boolean = "boolean"
    select = "select"
    multi_select = "multi_select"
    phone = "phone"
    email = "email"
    url = "url"
    address = "address"
    reference = "reference"


SELECT_TYPES = frozenset({FieldType.select, FieldType.multi_select})
NUMERIC_TYPES = frozenset({FieldType.number, FieldType.money})
TEXT_TYPES = frozenset(
    {FieldType.text, FieldType.long_text, FieldType.phone, FieldType.email, FieldType.url}
)

#: Reference targets that are not entities of the bundle.
BUILTIN_REFERENCE_TARGETS = frozenset({"user", "team"})


def _repeated(keys: list[str]) -> list[str]:
    """The keys that occur more than once, sorted (linear: entities have thousands of fields)."""
    return sorted(k for k, n in Counter(keys).items() if n > 1)


class Option(_Model):
    key: Key
    label: Label


class Validation(_Model):
    regex: Annotated[str, StringConstraints(max_length=1000)] | None = None
    min: float | None = None
    max: float | None = None
    #: What a value of the pattern looks like, for the people who type it ("18 位数字或大写字母"):
    #: the preview and the CRM say this instead of showing the regex. Optional; left out of the
    #: canonical JSON when absent, so bundles without it keep their sha256.
    hint: Annotated[
        Label | None,
        Field(
            description="What a value of `regex` looks like, in words people read (zh_CN and "
            "en); shown instead of the pattern when a value does not match. Optional."
        ),
    ] = None


class FieldDef(_Model):
    key: Key
    label: Label
    type: FieldType
    required: bool = False
    default: Any = None
    #: Written into existing records when a field becomes required (or is added as required).
    backfill: Any = None
    unique: bool = False
    searchable: bool = False
    max_length: Annotated[int, Field(ge=1, le=1_000_000)] | None = None
    sensitive: bool = False
    options: tuple[Option, ...] = ()
    validation: Validation | None = None
    #: For ``reference`` fields: the target entity key, or ``user``/``team``.
    reference: Key | None = None
    #: For ``address`` fields: which part of a Chinese address the field holds.
    address_part: Literal["province", "city", "district", "street", "full"] | None = None
    deprecated: bool = False
    hidden: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> FieldDef:
        # Runs for each of tens of thousands of fields in a push: the common case returns early.
        if self.options:
            keys = [o.key for o in self.options]
            if len(keys) != len(set(keys)):
                raise ValueError(f"field {self.key}: option keys must be unique")
            if self.type not in SELECT_TYPES:
                raise ValueError(f"field {self.key}: only select fields have options")
        if self.type == FieldType.reference and self.reference is None:
            raise ValueError(f"field {self.key}: a reference field needs a target entity")
        if self.type != FieldType.reference and self.reference is not None:
            raise ValueError(f"field {self.key}: only reference fields have a target")
        return self


class Placement(_Model):
    field: Key
    column: Annotated[int, Field(ge=0, le=3)] = 0
    read_only: bool = False


class Section(_Model):
    key: Key
    label: Label
    columns: Annotated[int, Field(ge=1, le=4)] = 1
    placements: tuple[Placement, ...] = ()


class Form(_Model):
    key: Key
    kind: Literal["create", "edit", "mobile"]
    label: Label
    sections: tuple[Section, ...] = ()

    def placements(self) -> list[Placement]:
        return [p for s in self.sections for p in s.placements]


class Entity(_Model):
    key: Key
    label: Label
    fields: tuple[FieldDef, ...] = ()
    forms: tuple[Form, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> Entity:
        keys = [f.key for f in self.fields]
        dupes = _repeated(keys)
        if dupes:
            raise ValueError(f"entity {self.key}: duplicate field keys {', '.join(dupes)}")
        form_keys = [f.key for f in self.forms]
        if len(form_keys) != len(set(form_keys)):
            raise ValueError(f"entity {self.key}: form keys must be unique")
        known = set(keys)
        for form in self.forms:
            placed = [p.field for p in form.placements()]
            unknown = sorted(set(placed) - known)
            if unknown:
                raise ValueError(
                    f"form {self.key}.{form.key} places unknown fields {', '.join(unknown)}"
                )
            twice = _repeated(placed)
            if twice:
                raise ValueError(f"form {self.key}.{form.key} places {', '.join(twice)} twice")
        return self

    def field(self, key: str) -> FieldDef | None:
        return next((f for f in self.fields if f.key == key), None)


class Role(_Model):
    key: Key
    label: Label


class EntityPermission(_Model):
    role: Key
    entity: Key
    create: bool = False
    read: bool = False
    update: bool = False
    delete: bool = False
    #: Issue 14: each granted action with its scope (``studio.bundle.access``); when given, the
    #: flags above must agree with it. ``None``: the flags, each with scope ``all``.
    scopes: dict[Action, Scope] | None = None

    @model_validator(mode="after")
    def _scopes_agree(self) -> EntityPermission:
        if self.scopes is not None:
            flags = {"create": self.create, "read": self.read}
            flags |= {"update": self.update, "delete": self.delete}
            problem = scopes_problem(flags, {str(k): str(v) for k, v in self.scopes.items()})
            if problem:
                raise ValueError(f"entity permission {self.role}/{self.entity}: {problem}")
        return self


class FieldPermission(_Model):
    role: Key
    entity: Key
    field: Key
    #: ``masked``: the label is shown, the value replaced by the field's mask (never sent).
    access: Literal["hidden", "masked", "read", "edit"]


def _true_or_none(value: Any) -> Any:
    # ``False`` is written as absent, so a bundle has one canonical form (and old bundles keep
    # their sha256).
    return None if value is False else value


class UserAssignment(_Model):
    """A person and their one role."""

    user: Key
    display_name: LabelText
    role: Key
    #: A leaver: keeps their history, holds no access (issue 14). ``None`` means active.
    disabled: Annotated[Literal[True] | None, BeforeValidator(_true_or_none)] = None


class EntityThresholds(_Model):
    """One entity's own red lines; what is left out is the bundle-wide value."""

    max_fields_per_entity: Annotated[int, Field(ge=1)] | None = None
    searchable_warning: Annotated[int, Field(ge=0)] | None = None
    searchable_limit: Annotated[int, Field(ge=0)] | None = None
    max_avg_length: Annotated[int, Field(ge=1)] | None = None


class Thresholds(_Model):
    """The red lines of the field-index health check (DESIGN.md)."""

    max_fields_per_entity: Annotated[int, Field(ge=1)] = 30
    searchable_warning: Annotated[int, Field(ge=0)] = 15
    searchable_limit: Annotated[int, Field(ge=0)] = 25
    max_avg_length: Annotated[int, Field(ge=1)] = 500
    #: Per entity key, raised (or lowered) by an approved change like any other. Optional, so
    #: that bundles without it keep their sha256.
    entities: dict[Key, EntityThresholds] | None = None

    def for_entity(self, key: str) -> Thresholds:
        """The red lines that apply to entity ``key``: its own where it has them."""
        own = (self.entities or {}).get(key)
        if own is None:
            return self
        update = {k: v for k, v in own.model_dump().items() if v is not None}
        return self.model_copy(update={**update, "entities": None})


class Policy(_Model):
    """Who must approve a change before it can be pushed."""

    min_approvals: Annotated[int, Field(ge=1, le=10)] = 2
    required_roles: tuple[Key, ...] = ("business_lead", "it_admin")


def _trusted_public_key(value: str) -> str:
    # Wherever a key enters (a bundle, a release, a registry file), a small-order or
    # non-canonical key is refused: it would let approvals verify that nobody signed.
    problem = public_key_b64_problem(value)
    if problem is not None:
        raise ValueError(f"invalid Ed25519 public key: {problem}")
    return value


class Approver(_Model):
    """A person whose signature the CRM server accepts, with their Ed25519 public key.

    The server's approver registry is this section of its current release: adding, removing or
    rotating an approver is a change like any other, approved under the current registry.
    """

    user: Key
    role: Key
    key_id: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{16}$")]
    public_key: Annotated[
        str,
        StringConstraints(pattern=r"^[A-Za-z0-9+/]{43}=$"),
        AfterValidator(_trusted_public_key),
    ]


class Bundle(_Model):
    schema_version: Literal[1] = SCHEMA_VERSION
    entities: tuple[Entity, ...] = ()
    roles: tuple[Role, ...] = ()
    entity_permissions: tuple[EntityPermission, ...] = ()
    field_permissions: tuple[FieldPermission, ...] = ()
    users: tuple[UserAssignment, ...] = ()
    thresholds: Thresholds = Thresholds()
    policy: Policy = Policy()
    #: Automation rules per entity key (routing, cross-field validation, stage flow): a contract
    #: CRM servers implement too (DESIGN.md "Automation rules", ``studio.bundle.rules``).
    rules: dict[Key, EntityRules] | None = None
    #: The server's approver registry once this bundle is live (optional: absent = unchanged).
    approvers: tuple[Approver, ...] | None = None
    #: Issue 14: scoped access, teams, field policies, leavers' hand-overs (optional).
    access: AccessSection | None = None

    @model_validator(mode="after")
    def _references(self) -> Bundle:
        problems = reference_problems(self)
        if problems:
            raise ValueError("; ".join(problems[:10]))
        return self

    def entity(self, key: str) -> Entity | None:
        return next((e for e in self.entities if e.key == key), None)

    def canonical_json(self) -> bytes:
        with gc_paused():
            return canonical_json(self.model_dump(mode="json", exclude_none=True))

    def sha256(self) -> str:
        return hashlib.sha256(self.canonical_json()).hexdigest()


def reference_problems(bundle: Bundle, *, field_permissions: bool = True) -> list[str]:
    """What refers to something the bundle lacks, or is given twice (empty: nothing).

    ``field_permissions=False`` leaves out the matrix of field permissions, for a caller that
    knows them sound otherwise (the draft's tables constrain them: ``studio.draft.store``).
    """
    problems: list[str] = []
    entity_keys = [e.key for e in bundle.entities]
    role_keys = [r.key for r in bundle.roles]
    user_keys = [u.user for u in bundle.users]
    for what, keys in (("entity", entity_keys), ("role", role_keys), ("user", user_keys)):
        dupes = _repeated(keys)
        if dupes:
            problems.append(f"duplicate {what} keys {', '.join(dupes)}")
    entities = {e.key: e for e in bundle.entities}
    roles = set(role_keys)
    for entity in bundle.entities:
        for fd in entity.fields:
            target = fd.reference
            if target and target not in entities and target not in BUILTIN_REFERENCE_TARGETS:
                problems.append(f"field {entity.key}.{fd.key} refers to unknown {target}")
    seen: set[tuple[str, ...]] = set()
    for ep in bundle.entity_permissions:
        if ep.role not in roles:
            problems.append(f"entity permission for unknown role {ep.role}")
        if ep.entity not in entities:
            problems.append(f"entity permission on unknown entity {ep.entity}")
        if (ep.role, ep.entity) in seen:
            problems.append(f"entity permission {ep.role}/{ep.entity} given twice")
        seen.add((ep.role, ep.entity))
    field_keys: dict[str, set[str]] = {}  # built for the entities that have field permissions
    for fp in bundle.field_permissions if field_permissions else ():
        if fp.role not in roles:
            problems.append(f"field permission for unknown role {fp.role}")
        ent = entities.get(fp.entity)
        if ent is not None and ent.key not in field_keys:
            field_keys[ent.key] = {f.key for f in ent.fields}
        if ent is None or fp.field not in field_keys[ent.key]:
            problems.append(f"field permission on unknown field {fp.entity}.{fp.field}")
        if (fp.role, fp.entity, fp.field) in seen:
            problems.append(f"field permission {fp.role}/{fp.entity}.{fp.field} given twice")
        seen.add((fp.role, fp.entity, fp.field))
    for ua in bundle.users:
        if ua.role not in roles:
            problems.append(f"user {ua.user} has unknown role {ua.role}")
    key_ids = [a.key_id for a in bundle.approvers or ()]
    if len(key_ids) != len(set(key_ids)):
        problems.append("approver key ids must be unique")
    problems.extend(access_problems(bundle))
    return problems


def parse_bundle(data: bytes | str) -> Bundle:
    """A bundle from JSON text; raises ``pydantic.ValidationError`` or ``ValueError``."""
    with gc_paused():
        return Bundle.model_validate_json(data)


def json_schema() -> dict[str, Any]:
    """The bundle's JSON Schema, as published under ``resources/`` for CRM server implementers."""
    schema = Bundle.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://crm-config-studio.invalid/schema/bundle-v1.json"
    schema["title"] = "CRM Config Studio bundle"
    return schema
