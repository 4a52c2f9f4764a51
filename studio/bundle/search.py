"""Finding fields by what an admin remembers of them: a piece of the key or of either label.

The Entities pane's search (Ctrl+F) narrows the entity list to the entities that hold a match and
the field table to the matching fields; kept here, Qt-free, so that it is one rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from studio.bundle.model import Bundle, FieldDef


def _needle(text: str) -> str:
    return text.strip().casefold()


def field_matches(field: FieldDef, text: str) -> bool:
    """Whether ``text`` (case-insensitive) is part of the field's key or of a label; an empty
    search matches every field."""
    needle = _needle(text)
    if not needle:
        return True
    return any(needle in part.casefold() for part in (field.key, field.label.zh_CN, field.label.en))


def matching_fields(bundle: Bundle, text: str) -> dict[str, list[str]]:
    """Entity key -> the keys of its fields that match ``text``, for the entities with a match
    (in the bundle's order). An entity whose own key or label matches counts with all its
    fields, so that "客户" finds the customer entity even when no field says so."""
    needle = _needle(text)
    found: dict[str, list[str]] = {}
    for entity in bundle.entities:
        own = not needle or any(
            needle in part.casefold() for part in (entity.key, entity.label.zh_CN, entity.label.en)
        )
        keys = [f.key for f in entity.fields if own or field_matches(f, needle)]
        if keys or own:
            found[entity.key] = keys
    return found
