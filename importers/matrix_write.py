"""Writing the permission matrices as a workbook, with the fields sheet beside them
(``importers.field_sheet``), and the problems of an import as one (the layout:
``importers.matrix_sheets``)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from importers.cells import neutralise
from importers.field_sheet import fields_fingerprint, write_field_sheet
from importers.matrix_sheets import (
    ENTITY_COLUMNS,
    FIELD_COLUMNS,
    FORMAT,
    HEADER_ROWS,
    LEVELS,
    META_SHEET,
    SENSITIVE_MARK,
    CellProblem,
    action_text,
    entity_sheet_title,
    fingerprint,
    granted_scopes,
    level_text,
    scope_text,
    sheet_names,
)
from studio.atomic_file import atomic_path
from studio.bundle.access import ACTIONS, SCOPES, access_of
from studio.bundle.model import Bundle
from studio.errors import StudioError
from studio.i18n import Message, name_list


def write_matrices(bundle: Bundle, out: Path, lang: str, *, workspace_id: str) -> Path:
    """Both matrices of ``bundle`` as a workbook at ``out`` (whole or not at all)."""
    import xlsxwriter

    if out.suffix.lower() != ".xlsx":
        raise StudioError("Unsupported file type {suffix}: use .xlsx.", suffix=out.suffix or "''")
    names = sheet_names(bundle, lang)
    cells: dict[tuple[str, str], dict[str, str]] = {}
    for perm in bundle.field_permissions:
        cells.setdefault((perm.role, perm.entity), {})[perm.field] = perm.access
    sensitive_readers = {
        (p.entity, p.field): p.readers for p in access_of(bundle).fields if p.readers is not None
    }
    with atomic_path(out) as tmp:
        book = xlsxwriter.Workbook(
            str(tmp),
            {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
        )
        try:
            head = book.add_format({"bold": True, "bg_color": "#DDEBF7", "text_wrap": True})
            keys = book.add_format({"italic": True, "font_color": "#666666", "bg_color": "#F2F2F2"})
            mark = book.add_format({"bold": True, "font_color": "#C00000", "bg_color": "#FFF2CC"})
            level_words = [level_text(lv, lang) for lv in LEVELS]
            scope_words = [scope_text(s, lang) for s in SCOPES]
            roles = bundle.roles

            for entity in bundle.entities:
                sheet = book.add_worksheet(names[entity.key])
                titles = [
                    str(Message("Field key").render(lang)),
                    str(Message("Field").render(lang)),
                    str(Message("Sensitive").render(lang)),
                ]
                for c, title in enumerate(titles):
                    sheet.write_string(0, c, title, head)
                    sheet.write_string(1, c, "", keys)
                for c, role in enumerate(roles, start=FIELD_COLUMNS):
                    sheet.write_string(0, c, neutralise(role.label.text(lang)), head)
                    sheet.write_string(1, c, role.key, keys)
                for r, fd in enumerate(entity.fields, start=HEADER_ROWS):
                    sheet.write_string(r, 0, fd.key)
                    sheet.write_string(
                        r, 1, neutralise(fd.label.text(lang)), mark if fd.sensitive else None
                    )
                    if fd.sensitive:
                        readers = sensitive_readers.get((entity.key, fd.key))
                        sheet.write_string(r, 2, SENSITIVE_MARK, mark)
                        if readers:
                            sheet.write_comment(
                                r,
                                2,
                                str(
                                    Message("Readers: {roles}", roles=name_list(readers)).render(
                                        lang
                                    )
                                ),
                            )
                    for c, role in enumerate(roles, start=FIELD_COLUMNS):
                        level = cells.get((role.key, entity.key), {}).get(fd.key)
                        if level is not None:
                            sheet.write_string(r, c, level_text(level, lang))
                last = HEADER_ROWS + len(entity.fields) - 1
                if roles and entity.fields:
                    sheet.data_validation(
                        HEADER_ROWS,
                        FIELD_COLUMNS,
                        last,
                        FIELD_COLUMNS + len(roles) - 1,
                        {
                            "validate": "list",
                            "source": level_words,
                            "ignore_blank": True,
                            "error_type": "stop",
                            "error_message": str(
                                Message(
                                    "An access level ({words}), or empty to follow the entity "
                                    "permission.",
                                    words=name_list(level_words),
                                ).render(lang)
                            )[:255],
                        },
                    )
                sheet.freeze_panes(HEADER_ROWS, FIELD_COLUMNS)
                sheet.set_column(0, 0, 18)
                sheet.set_column(1, 1, 22)
                sheet.set_column(2, 2, 6)
                if roles:
                    sheet.set_column(FIELD_COLUMNS, FIELD_COLUMNS + len(roles) - 1, 12)

            sheet = book.add_worksheet(str(entity_sheet_title().render(lang)))
            titles = [
                str(Message("Role key").render(lang)),
                str(Message("Role").render(lang)),
                str(Message("Entity key").render(lang)),
                str(Message("Entity").render(lang)),
            ]
            for c, title in enumerate(titles):
                sheet.write_string(0, c, title, head)
                sheet.write_string(1, c, "", keys)
            for c, action in enumerate(ACTIONS, start=ENTITY_COLUMNS):
                sheet.write_string(0, c, action_text(action, lang), head)
                sheet.write_string(1, c, action, keys)
            protected = set(access_of(bundle).protected)
            r = HEADER_ROWS
            for role in roles:
                for entity in bundle.entities:
                    scopes = granted_scopes(bundle, role.key, entity.key)
                    sheet.write_string(r, 0, role.key)
                    sheet.write_string(r, 1, neutralise(role.label.text(lang)))
                    sheet.write_string(r, 2, entity.key)
                    sheet.write_string(
                        r,
                        3,
                        neutralise(entity.label.text(lang)),
                        mark if entity.key in protected else None,
                    )
                    for c, action in enumerate(ACTIONS, start=ENTITY_COLUMNS):
                        scope = scopes.get(action)
                        if scope is not None:
                            sheet.write_string(r, c, scope_text(scope, lang))
                    r += 1
            if r > HEADER_ROWS:
                sheet.data_validation(
                    HEADER_ROWS,
                    ENTITY_COLUMNS,
                    r - 1,
                    ENTITY_COLUMNS + len(ACTIONS) - 1,
                    {
                        "validate": "list",
                        "source": scope_words,
                        "ignore_blank": True,
                        "error_type": "stop",
                        "error_message": str(
                            Message(
                                "A scope ({words}), or empty when not allowed.",
                                words=name_list(scope_words),
                            ).render(lang)
                        )[:255],
                    },
                )
            sheet.freeze_panes(HEADER_ROWS, ENTITY_COLUMNS)
            sheet.set_column(0, 3, 16)
            sheet.set_column(ENTITY_COLUMNS, ENTITY_COLUMNS + len(ACTIONS) - 1, 11)

            fields_sheet = write_field_sheet(book, bundle, lang)

            meta = book.add_worksheet(META_SHEET)
            facts = [
                ("format", FORMAT),
                ("workspace", workspace_id),
                ("fingerprint", fingerprint(bundle)),
                ("entity_sheet", str(entity_sheet_title().render(lang))),
                ("fields_sheet", fields_sheet),
                ("fields_fingerprint", fields_fingerprint(bundle)),
            ]
            for key, name in names.items():
                facts.append((f"entity:{key}", name))
            for r, (key, value) in enumerate(facts):
                meta.write_string(r, 0, key)
                meta.write_string(r, 1, neutralise(value))
            meta.hide()
        finally:
            book.close()
    return out


def write_problems(problems: Iterable[CellProblem], out: Path, lang: str) -> Path:
    """The problems as a workbook (sheet, cell, what is wrong), whole or not at all."""
    import xlsxwriter

    with atomic_path(out) as tmp:
        book = xlsxwriter.Workbook(
            str(tmp), {"strings_to_formulas": False, "strings_to_urls": False}
        )
        try:
            sheet = book.add_worksheet(str(Message("Problems").render(lang)))
            head = book.add_format({"bold": True, "bg_color": "#DDEBF7"})
            titles = (Message("Sheet"), Message("Cell"), Message("Problem"))
            for c, title in enumerate(titles):
                sheet.write_string(0, c, title.render(lang), head)
            for r, p in enumerate(problems, start=1):
                sheet.write_string(r, 0, neutralise(p.sheet))
                sheet.write_string(r, 1, p.cell)
                sheet.write_string(r, 2, neutralise(p.message.render(lang)))
            sheet.freeze_panes(1, 0)
            sheet.set_column(0, 0, 24)
            sheet.set_column(1, 1, 8)
            sheet.set_column(2, 2, 100)
        finally:
            book.close()
    return out
