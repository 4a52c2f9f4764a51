"""Remembered review decisions: a pair a person said is "not the same" is not asked again.

Kept in the workspace (``workspace_meta``, one JSON list per entity), so that every studio of a
shared workspace and every later import of the same people know the decision. A pair is stored
as the two rows' fingerprints (``importers.link.fingerprint``: name, mobile, e-mail as the linkage
saw them), not as row numbers, which mean nothing in the next workbook.
"""

from __future__ import annotations

import json

from schema.models import WorkspaceMeta
from studio.workspace.connection import Workspace

_PREFIX = "import.not_same."


def not_same_pairs(ws: Workspace, entity: str) -> list[tuple[str, str]]:
    """The fingerprint pairs decided "not the same" for ``entity``."""
    with ws.session() as s:
        row = s.get(WorkspaceMeta, _PREFIX + entity)
        if row is None:
            return []
        try:
            pairs = json.loads(row.value)
        except ValueError:
            return []
    return [(str(a), str(b)) for a, b in pairs if isinstance(a, str) and isinstance(b, str)]


def remember_not_same(ws: Workspace, entity: str, a: str, b: str) -> None:
    """Remember that fingerprints ``a`` and ``b`` are two different records of ``entity``."""
    with ws.session() as s:
        row = s.get(WorkspaceMeta, _PREFIX + entity)
        pairs = json.loads(row.value) if row is not None else []
        pair = sorted((a, b))
        if pair not in pairs:
            pairs.append(pair)
        value = json.dumps(pairs, ensure_ascii=False)
        if row is None:
            s.add(WorkspaceMeta(key=_PREFIX + entity, value=value))
        else:
            row.value = value


_MAPPING = "import.mapping."


def _mapping_key(entity: str, headers: list[str] | tuple[str, ...]) -> str:
    import hashlib

    from importers.headers import normalise_header

    digest = hashlib.sha256(
        json.dumps([entity, [normalise_header(h) for h in headers]], ensure_ascii=False).encode()
    ).hexdigest()
    return _MAPPING + digest[:32]


def saved_mapping(
    ws: Workspace, entity: str, headers: list[str] | tuple[str, ...]
) -> dict[str, str | None] | None:
    """The mapping a person confirmed for a workbook with these headers, if any."""
    with ws.session() as s:
        row = s.get(WorkspaceMeta, _mapping_key(entity, headers))
        if row is None:
            return None
        try:
            found = json.loads(row.value)
        except ValueError:
            return None
    if not isinstance(found, dict):
        return None
    return {str(k): (str(v) if v is not None else None) for k, v in found.items() if k in headers}


def save_mapping(
    ws: Workspace, entity: str, headers: list[str] | tuple[str, ...], mapping: dict[str, str | None]
) -> None:
    """Remember ``mapping`` for workbooks with these headers (offered again next time)."""
    key = _mapping_key(entity, headers)
    value = json.dumps(mapping, ensure_ascii=False, sort_keys=True)
    with ws.session() as s:
        row = s.get(WorkspaceMeta, key)
        if row is None:
            s.add(WorkspaceMeta(key=key, value=value))
        else:
            row.value = value
