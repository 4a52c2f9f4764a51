"""The form designer's edits, as pure functions ``Bundle -> Bundle`` (see ``studio.draft.edits``).

Forms, sections and placements: a field is shown at most once per form, so placing a field that
is already on the form moves it (with its read-only mark).
"""

from __future__ import annotations

from typing import Any, Literal

from studio.bundle.model import Bundle, Form, Label, Placement, Section
from studio.draft.edit_base import entity_of, field_of, form_of, rebuild, with_entity, with_form
from studio.draft.edit_checks import EditError, check_key, checked_label

FormKind = Literal["create", "edit", "mobile"]


def add_form(
    bundle: Bundle, entity: str, key: str, kind: FormKind, label_zh: str, label_en: str
) -> Bundle:
    """A new form with one empty section, ``main``."""
    ent = entity_of(bundle, entity)
    key = check_key(key, "form")
    if any(f.key == key for f in ent.forms):
        raise EditError(
            "key",
            "{entity} already has a form {key}.",
            entity=entity,
            key=key,
        )
    if kind not in ("create", "edit", "mobile"):
        raise EditError(
            "kind",
            "A form is for create, edit or mobile.",
        )
    section = Section(key="main", label=Label(zh_CN="基本信息", en="Basic information"))
    form = Form(
        key=key,
        kind=kind,
        label=checked_label(label_zh, label_en),
        sections=(section,),
    )
    return with_entity(bundle, rebuild(ent, "form", forms=(*ent.forms, form)))


def add_section(
    bundle: Bundle,
    entity: str,
    form: str,
    key: str,
    label_zh: str,
    label_en: str,
    columns: int = 1,
) -> Bundle:
    """A new, empty section at the end of the form."""
    ent = entity_of(bundle, entity)
    fo = form_of(ent, form)
    key = check_key(key, "section")
    if any(s.key == key for s in fo.sections):
        raise EditError("key", "This form already has a section {key}.", key=key)
    if not isinstance(columns, int) or not 1 <= columns <= 4:
        raise EditError("columns", "A section has 1 to 4 columns.")
    section = Section(
        key=key,
        label=checked_label(label_zh, label_en),
        columns=columns,
    )
    return with_form(bundle, ent, rebuild(fo, "form", sections=(*fo.sections, section)))


def _section_index(form: Form, section: str) -> int:
    for i, s in enumerate(form.sections):
        if s.key == section:
            return i
    raise EditError("section", "The form has no section {key}.", key=section)


def _without(form: Form, field: str) -> tuple[Form, Placement | None]:
    """The form without ``field``'s placement, and that placement (``None`` if not placed)."""
    found: Placement | None = None
    sections = []
    for s in form.sections:
        kept = tuple(p for p in s.placements if p.field != field)
        if len(kept) != len(s.placements):
            found = next(p for p in s.placements if p.field == field)
            s = rebuild(s, "form", placements=kept)
        sections.append(s)
    return rebuild(form, "form", sections=tuple(sections)), found


def place_field(
    bundle: Bundle,
    entity: str,
    form: str,
    section: str,
    field: str,
    index: int | None = None,
    column: int | None = None,
) -> Bundle:
    """Show ``field`` in ``section`` at ``index`` (else at the end).

    A field already on the form moves there (a form shows a field once); its read-only mark
    stays with it.
    """
    ent = entity_of(bundle, entity)
    fo = form_of(ent, form)
    field_of(ent, field)
    si = _section_index(fo, section)
    fo, old = _without(fo, field)
    sec = fo.sections[si]
    col = old.column if old is not None and column is None else (column or 0)
    placement = Placement(
        field=field,
        column=max(0, min(col, sec.columns - 1)),
        read_only=old.read_only if old is not None else False,
    )
    placements = list(sec.placements)
    placements.insert(
        len(placements) if index is None else max(0, min(index, len(placements))), placement
    )
    sections = list(fo.sections)
    sections[si] = rebuild(sec, "form", placements=tuple(placements))
    new_form = rebuild(fo, "form", sections=tuple(sections))
    if new_form == form_of(ent, form):
        return bundle
    return with_form(bundle, ent, new_form)


def move_placement(
    bundle: Bundle, entity: str, form: str, field: str, section: str, index: int
) -> Bundle:
    """Move a field already on the form to ``section`` at ``index``."""
    fo = form_of(entity_of(bundle, entity), form)
    if not any(p.field == field for p in fo.placements()):
        raise EditError("field", "{key} is not on this form.", key=field)
    return place_field(bundle, entity, form, section, field, index)


def remove_placement(bundle: Bundle, entity: str, form: str, field: str) -> Bundle:
    """Take ``field`` off the form (the field itself stays in the entity)."""
    ent = entity_of(bundle, entity)
    fo, old = _without(form_of(ent, form), field)
    if old is None:
        return bundle
    return with_form(bundle, ent, fo)


def set_placement(
    bundle: Bundle,
    entity: str,
    form: str,
    field: str,
    *,
    read_only: bool | None = None,
    column: int | None = None,
) -> Bundle:
    """Change how a placed field shows: read-only, or in which column of its section."""
    ent = entity_of(bundle, entity)
    fo = form_of(ent, form)
    sections = []
    found = False
    for s in fo.sections:
        placements = []
        for p in s.placements:
            if p.field == field:
                found = True
                update: dict[str, Any] = {}
                if read_only is not None:
                    update["read_only"] = bool(read_only)
                if column is not None:
                    if not isinstance(column, int) or not 0 <= column < s.columns:
                        raise EditError(
                            "column",
                            "This section has {n} columns.",
                            n=s.columns,
                        )
                    update["column"] = column
                p = rebuild(p, "form", **update)
            placements.append(p)
        sections.append(rebuild(s, "form", placements=tuple(placements)))
    if not found:
        raise EditError("field", "{key} is not on this form.", key=field)
    new_form = rebuild(fo, "form", sections=tuple(sections))
    return bundle if new_form == fo else with_form(bundle, ent, new_form)


def set_read_only(bundle: Bundle, entity: str, form: str, field: str, read_only: bool) -> Bundle:
    return set_placement(bundle, entity, form, field, read_only=read_only)
