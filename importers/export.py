"""Workbooks the studio hands out: an entity's records (``studio export``) and its import template
(``studio template``).

Both are written with xlsxwriter, every text cell neutralised against formula injection
(``cells``), atomically. Column titles are the fields' labels in the user's language, so that the
same workbook maps back onto the same fields when it is imported (export -> import is lossless).

The template marks required columns with *, offers the options of select fields as a dropdown,
and carries a hidden sheet naming the entity and the sha256 of its configuration: a workbook made
from a template of an older configuration is recognised on import (``stale_template``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from importers.cells import neutralise
from importers.column_letters import column_name
from importers.errors import ImportRefused
from studio.atomic_file import atomic_path
from studio.bundle.canonical_json import canonical_json
from studio.bundle.model import Entity, FieldType

#: The hidden sheet of a template, and what it holds (A1:B3).
META_SHEET = "_studio_template"


def entity_sha256(entity: Entity) -> str:
    """What a template is made from: the canonical JSON of the entity's configuration."""
    return hashlib.sha256(canonical_json(entity.model_dump(mode="json"))).hexdigest()


def _fields(entity: Entity) -> list[Any]:
    return [f for f in entity.fields if not f.deprecated and not f.hidden]


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    return value


def write_records(
    entity: Entity, records: Iterable[Mapping[str, Any]], target: Path, lang: str
) -> int:
    """The records of ``entity`` as a workbook, one column per field; returns how many rows."""
    import xlsxwriter

    fields = _fields(entity)
    n = 0
    with atomic_path(target) as tmp:
        book = xlsxwriter.Workbook(
            str(tmp),
            {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
        )
        try:
            sheet = book.add_worksheet(entity.label.text(lang)[:31])
            head = book.add_format({"bold": True, "bg_color": "#DDEBF7"})
            for c, fd in enumerate(fields):
                sheet.write_string(0, c, neutralise(fd.label.text(lang)), head)
                sheet.set_column(c, c, max(12, min(40, len(fd.label.text(lang)) * 2)))
            sheet.freeze_panes(1, 0)
            for n, record in enumerate(records, start=1):
                for c, fd in enumerate(fields):
                    value = _cell(record.get(fd.key))
                    if value is None or value == "":
                        continue
                    if isinstance(value, int | float) and fd.type in (
                        FieldType.number,
                        FieldType.money,
                    ):
                        sheet.write_number(n, c, value)
                    else:
                        sheet.write_string(n, c, neutralise(str(value)))
        finally:
            book.close()
    return n


def write_template(entity: Entity, target: Path, lang: str, *, version: int | None) -> None:
    """An import template for ``entity``: its columns, required ones marked, dropdowns for selects."""
    import xlsxwriter

    fields = _fields(entity)
    with atomic_path(target) as tmp:
        book = xlsxwriter.Workbook(str(tmp), {"strings_to_formulas": False})
        try:
            sheet = book.add_worksheet(entity.label.text(lang)[:31])
            lists = book.add_worksheet("_lists")
            meta = book.add_worksheet(META_SHEET)
            head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
            required = book.add_format({"bold": True, "bg_color": "#FCE4D6", "border": 1})
            for c, fd in enumerate(fields):
                title = fd.label.text(lang) + (" *" if fd.required else "")
                sheet.write_string(0, c, neutralise(title), required if fd.required else head)
                sheet.set_column(c, c, max(12, min(40, len(title) * 2)))
                if fd.options:
                    names = [o.label.text(lang) for o in fd.options]
                    for r, name in enumerate(names):
                        lists.write_string(r, c, neutralise(name))
                    column = column_name(c)
                    sheet.data_validation(
                        1,
                        c,
                        10_000,
                        c,
                        {
                            "validate": "list",
                            "source": f"=_lists!${column}$1:${column}${len(names)}",
                            "error_type": "warning"
                            if fd.type == FieldType.multi_select
                            else "stop",
                        },
                    )
            sheet.freeze_panes(1, 0)
            meta.write_row(0, 0, ["entity", entity.key])
            meta.write_row(1, 0, ["configuration_sha256", entity_sha256(entity)])
            meta.write_row(2, 0, ["version", "" if version is None else str(version)])
            lists.hide()
            meta.hide()
        finally:
            book.close()


def check_template(path: Path, entity: Entity, sheets: tuple[str, ...]) -> None:
    """Refuse a workbook made from the template of another entity or of an older configuration.

    ``sheets``: the workbook's sheets as the reader found them (after its checks against zip
    bombs and encrypted files); only a workbook with the template's hidden sheet is opened again.
    """
    if path.suffix.lower() not in (".xlsx", ".xlsm", ".ods", ".xls") or META_SHEET not in sheets:
        return
    try:
        from python_calamine import CalamineWorkbook

        book = CalamineWorkbook.from_path(str(path))
        if META_SHEET not in book.sheet_names:
            return
        rows = book.get_sheet_by_name(META_SHEET).to_python()
    except Exception:  # unreadable files are the reader's to report, with its message
        return
    found = {str(r[0]): str(r[1]) for r in rows if len(r) >= 2}
    if found.get("entity") not in (None, entity.key):
        raise ImportRefused(
            "This workbook is a template for {other}, not for {entity}.",
            other=found.get("entity"),
            entity=entity.key,
        )
    if found.get("configuration_sha256") not in (None, entity_sha256(entity)):
        raise ImportRefused(
            "This workbook was made from a template of an older configuration of {entity} (version {version}); its fields have changed since. Make a new template with 'studio template --entity {entity}' and copy the rows into it.",
            entity=entity.key,
            version=found.get("version") or "-",
        )
