"""Keeping a person's unsaved edits when someone else saved the draft first.

Two editors of one workspace: the second one's save is refused (``DraftConflictError``), and
until now the only way on was to reload the draft and make the edits again. Yet the document
holds each edit as an operation of intent ("make customer.company required", "sales may edit
the mobile"), so the edits can be made again, by the studio, on the draft as the other person
saved it, the way a version-control tool replays commits on a newer base.

An edit is made again only where the two people did not touch the same part of the draft (a
field, a form, a permission cell, a user, an entity's rules ...): there the other person's
version stays, and the edit is listed as not kept, with why. An edit the newer draft no longer
allows (a field it removed) is refused by the operation itself and listed the same way. Nothing
is written here: the rebased document saves as any other edit does.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

from studio.bundle.model import Bundle, Entity
from studio.draft.document import DraftDocument
from studio.draft.save import DraftState
from studio.errors import StudioError
from studio.i18n import Message

#: A part of the draft two people can change apart: ``("field", "customer", "mobile")``.
Part = tuple[Hashable, ...]


@dataclass(frozen=True)
class Rebased:
    """The draft as the other person saved it with this person's edits made again on it."""

    document: DraftDocument
    #: the texts of the edits made again, in order (each one undoable)
    kept: list[str]
    #: (the edit's text, why it was not made again)
    dropped: list[tuple[str, str]]


#: A check of one edit on the newer draft (``studio.scan.freeze.freeze_refusal``): its refusal.
Refusal = Callable[[Bundle, Bundle], StudioError | None]


def rebase(doc: DraftDocument, newer: DraftState, refuse: Refusal | None = None) -> Rebased | None:
    """``doc``'s unsaved edits made again on ``newer`` (the draft as read after a conflict).

    ``None`` when the edits cannot be told apart any more (the person undid past their last
    save, so what is unsaved includes taking saved edits back): then only a plain reload is
    possible. ``refuse``: what the newer draft's own rules (the freeze of a red entity) say of
    an edit made again; a refused edit is taken back and listed."""
    steps = doc.unsaved_steps()
    if steps is None:
        return None
    theirs = parts(doc.saved, newer.bundle)
    document = DraftDocument(newer)
    kept: list[str] = []
    dropped: list[tuple[str, str]] = []
    base = doc.saved
    for step in steps:
        # What the edit touched, learnt by making it on the base it was made on.
        try:
            before, base = base, step.done.apply(base).bundle
        except (StudioError, ValueError):
            return None  # the history does not replay: nothing can be said about it
        if _overlap(parts(before, base), theirs):
            dropped.append((step.text, str(Message("The other person changed the same part."))))
            continue
        was = document.bundle
        try:
            document.apply(step.done)
        except StudioError as exc:
            dropped.append((step.text, str(exc)))
            continue
        except ValueError:  # a model's own check (pydantic's English): said in words
            dropped.append(
                (step.text, str(Message("The other person's draft no longer allows it.")))
            )
            continue
        refusal = refuse(was, document.bundle) if refuse is not None else None
        if refusal is not None:
            document.undo()
            dropped.append((step.text, str(refusal)))
            continue
        kept.append(step.text)
    if base != doc.bundle:
        return None  # the history does not lead to what is on screen
    return Rebased(document, kept, dropped)


# -- what differs ------------------------------------------------------------------------------


def _overlap(mine: set[Part], theirs: set[Part]) -> bool:
    """Whether an edit touching ``mine`` meets the other person's ``theirs``: the same part, or
    an order of a list whose items they changed (a move is made by position, and a field they
    added or removed shifts every position after it)."""
    if mine & theirs:
        return True
    moved = {str(p[0]).removesuffix("_order") for p in mine if str(p[0]).endswith("_order")}
    return any(str(p[0]).removesuffix("_order") in moved for p in theirs)


def parts(before: Bundle, after: Bundle) -> set[Part]:
    """The parts of the draft that differ between ``before`` and ``after``."""
    if before is after:
        return set()
    found: set[Part] = set()
    _keyed(found, "entity", before.entities, after.entities, lambda e: e.key, _entity_parts)
    _keyed(found, "role", before.roles, after.roles, lambda r: r.key)
    _keyed(
        found,
        "entity_permission",
        before.entity_permissions,
        after.entity_permissions,
        lambda p: (p.role, p.entity),
    )
    _keyed(
        found,
        "field_permission",
        before.field_permissions,
        after.field_permissions,
        lambda p: (p.role, p.entity, p.field),
    )
    _keyed(found, "user", before.users, after.users, lambda u: u.user)
    rules_before, rules_after = before.rules or {}, after.rules or {}
    for entity in set(rules_before) | set(rules_after):
        if rules_before.get(entity) != rules_after.get(entity):
            found.add(("rules", entity))
    for whole in ("thresholds", "policy", "approvers", "access"):
        if getattr(before, whole) != getattr(after, whole):
            found.add((whole,))
    return found


def _keyed(
    found: set[Part],
    kind: str,
    before: Iterable[Any],
    after: Iterable[Any],
    key: Callable[[Any], Hashable],
    inner: Callable[[set[Part], Any, Any], None] | None = None,
) -> None:
    """Items of a list by natural key: each one added, removed or changed is a part; so is the
    order of the items both sides hold (an item added at the end moves nobody)."""
    old = {key(item): item for item in before}
    new = {key(item): item for item in after}
    for k in old.keys() | new.keys():
        a, b = old.get(k), new.get(k)
        if a == b:
            continue
        if a is None or b is None or inner is None:
            found.add((kind, k))
        else:
            inner(found, a, b)
    both = old.keys() & new.keys()
    if [k for k in old if k in both] != [k for k in new if k in both]:
        found.add((kind + "_order",))


def _entity_parts(found: set[Part], before: Entity, after: Entity) -> None:
    """Within one entity: its own properties, each field, each form (whole), and their orders."""
    e = before.key
    if before.model_copy(update={"fields": (), "forms": ()}) != after.model_copy(
        update={"fields": (), "forms": ()}
    ):
        found.add(("entity", e))
    _keyed(found, f"field:{e}", before.fields, after.fields, lambda f: f.key)
    _keyed(found, f"form:{e}", before.forms, after.forms, lambda f: f.key)
