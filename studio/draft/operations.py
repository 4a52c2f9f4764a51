"""The draft's edits as small typed operations, each with its exact inverse and the rows it touches.

An operation is applied to a bundle in memory (``apply``) and gives back an ``Applied``: the new
bundle, the operation that undoes it exactly, and the rows it touches (``RowRef``s, for panes that
refresh only what concerns them). Nothing re-validates the whole bundle: the changed part is
checked, with the cross-checks that part concerns, and untouched parts are shared, not copied.

The designer's edits stay the pure functions of ``studio.draft.edits`` and ``form_edits``
(``Bundle -> Bundle``); ``Edit`` runs any of them as an operation, so the CLI, the tests and the
GUI use the same functions. The permission matrices' cells have their own operations
(``studio.draft.permission_cells``), and so do roles and people (``studio.access.role_ops``,
``studio.access.people_ops``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from studio.bundle.model import Bundle, Policy, Thresholds
from studio.draft import edits as de
from studio.draft.edit_base import checked
from studio.draft.edit_checks import EditError

#: A row an operation touches: its table and natural key, e.g.
#: ``("field_permissions", "sales", "customer", "mobile")`` or ``("fields", "customer", "mobile")``.
RowRef = tuple[str, ...]


@dataclass(frozen=True)
class Applied:
    """What applying an operation gave: the bundle after it, its inverse, the rows it touched."""

    bundle: Bundle
    inverse: Operation
    rows: frozenset[RowRef]


class Operation:
    """One edit of the draft. Subclasses are frozen dataclasses; ``label`` names it for undo."""

    label: ClassVar[str] = "edit"

    def text(self) -> str:
        return self.label

    def apply(self, bundle: Bundle) -> Applied:  # pragma: no cover - abstract
        raise NotImplementedError


@dataclass(frozen=True)
class Restore(Operation):
    """Go back from ``after`` to ``before``: the inverse of an edit made by a function."""

    before: Bundle
    after: Bundle
    name: str
    rows: frozenset[RowRef] = frozenset()

    def text(self) -> str:
        return self.name

    def apply(self, bundle: Bundle) -> Applied:
        if bundle is not self.after and bundle != self.after:
            raise EditError(
                "draft",
                "The draft changed since this edit; it cannot be undone.",
            )
        return Applied(
            self.before, Restore(self.after, self.before, self.name, self.rows), self.rows
        )


@dataclass(frozen=True)
class Edit(Operation):
    """Any ``Bundle -> Bundle`` edit function (``studio.draft.edits``, a lint fix...) as an
    operation; ``rows`` says what it touches when the caller knows."""

    name: str
    fn: Callable[[Bundle], Bundle] = field(compare=False)
    rows: frozenset[RowRef] = frozenset()

    def text(self) -> str:
        return self.name

    def apply(self, bundle: Bundle) -> Applied:
        after = self.fn(bundle)
        return Applied(after, Restore(bundle, after, self.name, self.rows), self.rows)


# -- field edits through the designer's functions ---------------------------------------------


def update_field(
    entity: str, field_key: str, changes: dict[str, Any], *, live: Bundle | None = None
) -> Edit:
    rows: set[RowRef] = {("fields", entity, field_key)}
    if "key" in changes:
        rows |= {("fields", entity, str(changes["key"])), ("forms", entity)}
    return Edit(
        "update field",
        lambda b: de.update_field(b, entity, field_key, changes, live=live),
        frozenset(rows),
    )


def add_field(entity: str, key: str, label_zh: str, label_en: str, type: str, **props: Any) -> Edit:
    return Edit(
        "add field",
        lambda b: de.add_field(b, entity, key, label_zh, label_en, type, **props),
        frozenset({("fields", entity, key)}),
    )


def remove_field(entity: str, key: str, *, live: Bundle | None = None) -> Edit:
    return Edit(
        "remove field",
        lambda b: de.remove_field(b, entity, key, live=live),
        frozenset({("fields", entity, key), ("forms", entity)}),
    )


def move_field(entity: str, key: str, index: int) -> Edit:
    return Edit(
        "move field",
        lambda b: de.move_field(b, entity, key, index),
        frozenset({("fields", entity, key)}),
    )


def place_field(
    entity: str, form: str, section: str, field_key: str, index: int | None = None
) -> Edit:
    return Edit(
        "place field",
        lambda b: de.place_field(b, entity, form, section, field_key, index),
        frozenset({("forms", entity, form)}),
    )


def move_placement(entity: str, form: str, field_key: str, section: str, index: int) -> Edit:
    return Edit(
        "move placement",
        lambda b: de.move_placement(b, entity, form, field_key, section, index),
        frozenset({("forms", entity, form)}),
    )


def remove_placement(entity: str, form: str, field_key: str) -> Edit:
    return Edit(
        "remove placement",
        lambda b: de.remove_placement(b, entity, form, field_key),
        frozenset({("forms", entity, form)}),
    )


# -- thresholds and policy -----------------------------------------------------------------


@dataclass(frozen=True)
class SetThresholds(Operation):
    """The red lines of the field-index health check."""

    label: ClassVar[str] = "set thresholds"
    thresholds: Thresholds

    def apply(self, bundle: Bundle) -> Applied:
        value = Thresholds.model_validate(self.thresholds.model_dump())
        after = checked(bundle, "thresholds", thresholds=value)
        return Applied(
            after, SetThresholds(bundle.thresholds), frozenset({("draft", "thresholds")})
        )


@dataclass(frozen=True)
class SetPolicy(Operation):
    """Who must approve a change."""

    label: ClassVar[str] = "set policy"
    policy: Policy

    def apply(self, bundle: Bundle) -> Applied:
        value = Policy.model_validate(self.policy.model_dump())
        after = checked(bundle, "policy", policy=value)
        return Applied(after, SetPolicy(bundle.policy), frozenset({("draft", "policy")}))
