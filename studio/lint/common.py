"""Small helpers the field/form rules share: names in the user's language, "has a default"."""

from __future__ import annotations

from typing import Any

from studio.bundle.model import Bundle, Entity, FieldDef, FieldType, Form
from studio.bundle.values import check_value, describe, is_empty
from studio.i18n import language


def name(thing: Entity | FieldDef | Form, lang: str | None = None) -> str:
    """A part's label in the user's language (or ``lang``, for a rule that words many findings
    and asks for the language once), with its key: ``海关编码 (customs_code)``."""
    return f"{thing.label.text(lang or language())} ({thing.key})"


def role_name(bundle: Bundle, key: str) -> str:
    """A role as people read it in a sentence: ``业务负责人 (business_lead)``; a role the bundle
    lacks, by its key."""
    role = next((r for r in bundle.roles if r.key == key), None)
    return f"{role.label.text(language())} ({key})" if role is not None else key


def has_default(fd: FieldDef) -> bool:
    """A default that means something: ``""`` or ``"  "`` is no default (one meaning of empty)."""
    return not is_empty(fd.default)


def has_backfill(fd: FieldDef) -> bool:
    return not is_empty(fd.backfill)


def suggested_default(fd: FieldDef) -> Any:
    """A default the studio can propose on its own, or ``None`` when a person must choose one.

    Only values that are plainly neutral: the first option of a select, "no" for a yes/no field,
    zero for a number that allows it. A text default is never guessed.
    """
    candidate: Any
    if fd.type == FieldType.select and fd.options:
        candidate = fd.options[0].key
    elif fd.type == FieldType.boolean:
        candidate = False
    elif fd.type in (FieldType.number, FieldType.money):
        candidate = 0
    else:
        return None
    probe = fd.model_copy(update={"required": False})
    return candidate if not check_value(probe, candidate) else None


def quoted(value: object) -> str:
    return describe(value)
