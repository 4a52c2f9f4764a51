"""What cleaning changed (``Plan.cleaning``) and what it found and left (``Plan.checks``), as
lines for people: "Mobile: 23460 mobiles written as 11 digits". Every change is counted and
shown, never silent; the JSON report keeps the codes."""

from __future__ import annotations

from collections.abc import Mapping

from studio.bundle.model import Entity
from studio.i18n import Message, clause_list
from studio.i18n.importing import change_kind


def change_lines(
    entity: Entity,
    cleaning: Mapping[str, Mapping[str, int]],
    checks: Mapping[str, Mapping[str, int]],
    lang: str,
) -> list[str]:
    """One line per field: its label, then each kind with its count."""
    lines = []
    for key in sorted({*cleaning, *checks}, key=lambda k: _position(entity, k)):
        kinds = {**cleaning.get(key, {}), **checks.get(key, {})}
        parts = [change_kind(kind, n, lang) for kind, n in kinds.items() if n]
        if not parts:
            continue
        fd = entity.field(key)
        label = fd.label.text(lang) if fd is not None else key
        lines.append(
            Message("{field}: {changes}", field=label, changes=clause_list(parts)).render(lang)
        )
    return lines


def _position(entity: Entity, key: str) -> int:
    keys = [f.key for f in entity.fields]
    return keys.index(key) if key in keys else len(keys)
