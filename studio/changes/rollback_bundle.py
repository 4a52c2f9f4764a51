"""The bundle a rollback submits: an earlier release, with what was released since kept safe.

Released keys are stable (``studio.lint.released_keys``): the CRM stores data under them, so a
field or an entity added after the target release cannot simply vanish when going back to it.
A rollback therefore keeps them, retired: every field the target release lacks is carried over
from the live release deprecated and hidden (no longer required, no default: nobody sees it, so
nobody could fill it), and an entity the target lacks is carried over with every field retired
that way and no forms. The records' data stays on the server, untouched; a later change can bring
the fields back. Everything else is exactly the target release's.
"""

from __future__ import annotations

from dataclasses import dataclass

from studio.bundle.model import Bundle, Entity, FieldDef


@dataclass(frozen=True)
class RollbackBundle:
    """What ``rollback_bundle`` made, and what it kept of the live release."""

    bundle: Bundle
    #: ``(entity key, field key)`` of the fields added since the target, kept retired.
    kept_fields: tuple[tuple[str, str], ...]
    #: Keys of the entities added since the target, kept with every field retired.
    kept_entities: tuple[str, ...]
    #: The live approver registry was kept instead of the target's.
    kept_approvers: bool


def retired(fd: FieldDef) -> FieldDef:
    """``fd`` deprecated and hidden; not required and without a default, since no one sees it."""
    return fd.model_copy(
        update={"deprecated": True, "hidden": True, "required": False, "default": None}
    )


def rollback_bundle(target: Bundle, live: Bundle | None) -> RollbackBundle:
    """``target`` (an earlier release) made safe to go live after ``live`` (see module doc).

    The approver registry stays the live one: it is who may approve, not CRM configuration, and
    going back must not bring back keys that were rotated out (lost or leaked).
    """
    if live is None:
        return RollbackBundle(target, (), (), False)
    kept_fields: list[tuple[str, str]] = []
    kept_entities: list[str] = []
    entities: list[Entity] = []
    live_entities = {e.key: e for e in live.entities}
    for entity in target.entities:
        before = live_entities.get(entity.key)
        have = {f.key for f in entity.fields}
        extra = [retired(f) for f in before.fields if f.key not in have] if before else []
        kept_fields.extend((entity.key, f.key) for f in extra)
        entities.append(
            entity.model_copy(update={"fields": (*entity.fields, *extra)}) if extra else entity
        )
    target_keys = {e.key for e in target.entities}
    for before in live.entities:
        if before.key in target_keys:
            continue
        kept_entities.append(before.key)
        kept_fields.extend((before.key, f.key) for f in before.fields)
        entities.append(
            before.model_copy(
                update={"fields": tuple(retired(f) for f in before.fields), "forms": ()}
            )
        )
    update: dict[str, object] = {}
    if kept_fields or kept_entities:
        update["entities"] = tuple(entities)
    kept_approvers = live.approvers != target.approvers
    if kept_approvers:
        update["approvers"] = live.approvers
    bundle = (
        Bundle.model_validate(target.model_copy(update=update).model_dump()) if update else target
    )
    return RollbackBundle(bundle, tuple(kept_fields), tuple(kept_entities), kept_approvers)
