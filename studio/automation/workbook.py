"""A workbook the admin picks as the replay's records (``studio rules replay --sample F.xlsx``).

One sheet per entity, named after the entity's key or label (the first sheet when one entity is
replayed); header cells are field keys or labels in either language. A sheet whose columns map
none of the fields the rules read is refused with the columns it has: a replay over columns that
mean nothing would report every record as falling to the default.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from studio.automation.evaluate import referenced_fields
from studio.automation.sources import ReplaySourceError
from studio.bundle.model import Bundle
from studio.i18n import name_list


def _column_map(bundle: Bundle, entity: str, headers: list[str]) -> dict[str, str]:
    ent = bundle.entity(entity)
    names: dict[str, str] = {}
    for fd in ent.fields if ent is not None else ():
        for name in (fd.key, fd.label.zh_CN, fd.label.en):
            names.setdefault(name.strip().casefold(), fd.key)
    return {h: names[h.strip().casefold()] for h in headers if h.strip().casefold() in names}


def records_from_workbook(
    path: Path, bundle: Bundle, entities: Sequence[str]
) -> dict[str, list[dict[str, Any]]]:
    """Records per entity from ``path`` (values as the cells hold them, text for text)."""
    import fastexcel

    try:
        reader = fastexcel.read_excel(str(path))
    except Exception as exc:  # the library's own error kinds vary by version
        raise ReplaySourceError(
            "Cannot read the workbook {path}: {reason}", path=str(path), reason=type(exc).__name__
        ) from None
    sheets = list(reader.sheet_names)
    out: dict[str, list[dict[str, Any]]] = {}
    for entity in entities:
        ent = bundle.entity(entity)
        wanted = {entity, *((ent.label.zh_CN, ent.label.en) if ent is not None else ())}
        sheet = next((s for s in sheets if s.strip() in wanted), None)
        if sheet is None and len(entities) == 1 and sheets:
            sheet = sheets[0]
        if sheet is None:
            raise ReplaySourceError(
                "The workbook has no sheet for {entity} (sheets: {sheets}).",
                entity=entity,
                sheets=name_list(sheets),
            )
        frame = reader.load_sheet(sheet).to_polars()
        mapping = _column_map(bundle, entity, list(frame.columns))
        rules = (bundle.rules or {}).get(entity)
        needed = set(referenced_fields(rules))
        if needed and not needed & set(mapping.values()):
            raise ReplaySourceError(
                "The columns of sheet {sheet} ({columns}) name none of the fields the rules "
                "read ({fields}).",
                sheet=sheet,
                columns=name_list(str(c) for c in frame.columns),
                fields=name_list(sorted(needed)),
            )
        frame = frame.select(list(mapping)).rename(mapping)
        out[entity] = frame.to_dicts()
    return out
