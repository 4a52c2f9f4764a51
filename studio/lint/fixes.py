"""Carry out the fixes the rules propose: the designer's one-click fixes, and scripts' too.

``apply_fix(bundle, fix)`` returns a new bundle (models are frozen) with the fix applied, checked
by the bundle's own validation; it raises ``FixError`` (a message for people) when the fix no
longer applies (the field was removed meanwhile) or needs a value nobody gave.

Actions and their params (all strings are keys):

- ``set_default``    {entity, field, value?}  the field's default (``value`` may be given by the
  caller instead: a text field's sensible default is for a person to choose)
- ``set_backfill``   {entity, field, value?}  the value written into existing records
- ``clear_default``  {entity, field}
- ``clear_backfill`` {entity, field}
- ``make_optional``  {entity, field}
- ``show_on_form``   {entity, form, field}    appended to the form's first section (editable)
- ``make_editable``  {entity, form, field}    the placement is no longer read-only
- ``grant_edit``     {role, entity, field}    the role's field permission becomes ``edit``
- ``restore_field``  {entity, field, definition}  a released field back, deprecated and hidden
- ``turn_off_search`` {entity, fields}        those fields are no longer searchable
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from studio.access.edits import FIXES as PERMISSION_FIXES
from studio.bundle.model import (
    Bundle,
    Entity,
    FieldDef,
    FieldPermission,
    Form,
    Label,
    Placement,
    Section,
)
from studio.errors import StudioError
from studio.lint.findings import Fix

#: Marks "no value given" (``None`` is a value a caller may mean).
_MISSING: Any = object()


class FixError(StudioError):
    """A fix cannot be applied to this bundle."""


def apply_fix(bundle: Bundle, fix: Fix, *, value: Any = _MISSING) -> Bundle:
    """``bundle`` with ``fix`` applied. ``value`` overrides/supplies a ``set_default`` or
    ``set_backfill`` value. Raises ``FixError``; never returns an invalid bundle."""
    action = _ACTIONS.get(fix.action)
    if action is None:
        raise FixError("Unknown fix {action}.", action=fix.action)
    params = dict(fix.params)
    if value is not _MISSING:
        params["value"] = value
    try:
        changed = action(bundle, params)
        # model_copy does not validate: re-validate so a fix can never produce a broken bundle.
        return Bundle.model_validate(changed.model_dump())
    except FixError:
        raise
    except (KeyError, TypeError, ValueError, ValidationError) as exc:
        raise FixError("The fix cannot be applied: {reason}", reason=str(exc)[:300]) from None


# -- helpers --------------------------------------------------------------------------------------


def _entity(bundle: Bundle, key: str) -> Entity:
    found = bundle.entity(key)
    if found is None:
        raise FixError("Entity {entity} no longer exists.", entity=key)
    return found


def _with_entity(bundle: Bundle, entity: Entity) -> Bundle:
    entities = tuple(entity if e.key == entity.key else e for e in bundle.entities)
    return bundle.model_copy(update={"entities": entities})


def _update_field(bundle: Bundle, params: dict[str, Any], **update: Any) -> Bundle:
    entity = _entity(bundle, params["entity"])
    key = params["field"]
    if entity.field(key) is None:
        raise FixError("Field {entity}.{field} no longer exists.", entity=entity.key, field=key)
    fields = tuple(f.model_copy(update=update) if f.key == key else f for f in entity.fields)
    return _with_entity(bundle, entity.model_copy(update={"fields": fields}))


def _needs_value(params: dict[str, Any]) -> Any:
    if "value" not in params or params["value"] is None:
        raise FixError("This fix needs a value: enter one first.")
    return params["value"]


def _form(entity: Entity, key: str) -> Form:
    found = next((f for f in entity.forms if f.key == key), None)
    if found is None:
        raise FixError("Form {entity}.{form} no longer exists.", entity=entity.key, form=key)
    return found


def _with_form(bundle: Bundle, entity: Entity, form: Form) -> Bundle:
    forms = tuple(form if f.key == form.key else f for f in entity.forms)
    return _with_entity(bundle, entity.model_copy(update={"forms": forms}))


# -- actions --------------------------------------------------------------------------------------


def _set_default(bundle: Bundle, params: dict[str, Any]) -> Bundle:
    return _update_field(bundle, params, default=_needs_value(params))


def _set_backfill(bundle: Bundle, params: dict[str, Any]) -> Bundle:
    return _update_field(bundle, params, backfill=_needs_value(params))


def _clear_default(bundle: Bundle, params: dict[str, Any]) -> Bundle:
    return _update_field(bundle, params, default=None)


def _clear_backfill(bundle: Bundle, params: dict[str, Any]) -> Bundle:
    return _update_field(bundle, params, backfill=None)


def _make_optional(bundle: Bundle, params: dict[str, Any]) -> Bundle:
    return _update_field(bundle, params, required=False)


def _show_on_form(bundle: Bundle, params: dict[str, Any]) -> Bundle:
    entity = _entity(bundle, params["entity"])
    form = _form(entity, params["form"])
    key = params["field"]
    if entity.field(key) is None:
        raise FixError("Field {entity}.{field} no longer exists.", entity=entity.key, field=key)
    if any(p.field == key for p in form.placements()):
        return _make_editable(bundle, params)  # already there: what is missing is editability
    if form.sections:
        first = form.sections[0]
        placed = first.model_copy(update={"placements": (*first.placements, Placement(field=key))})
        sections = (placed, *form.sections[1:])
    else:
        label = Label(zh_CN="基本信息", en="Basics")
        sections = (Section(key="basic", label=label, placements=(Placement(field=key),)),)
    return _with_form(bundle, entity, form.model_copy(update={"sections": sections}))


def _make_editable(bundle: Bundle, params: dict[str, Any]) -> Bundle:
    entity = _entity(bundle, params["entity"])
    form = _form(entity, params["form"])
    key = params["field"]
    sections = tuple(
        s.model_copy(
            update={
                "placements": tuple(
                    p.model_copy(update={"read_only": False}) if p.field == key else p
                    for p in s.placements
                )
            }
        )
        for s in form.sections
    )
    return _with_form(bundle, entity, form.model_copy(update={"sections": sections}))


def _grant_edit(bundle: Bundle, params: dict[str, Any]) -> Bundle:
    role, entity, field = params["role"], params["entity"], params["field"]
    kept = tuple(
        p for p in bundle.field_permissions if (p.role, p.entity, p.field) != (role, entity, field)
    )
    granted = FieldPermission(role=role, entity=entity, field=field, access="edit")
    return bundle.model_copy(update={"field_permissions": (*kept, granted)})


def _restore_field(bundle: Bundle, params: dict[str, Any]) -> Bundle:
    entity = _entity(bundle, params["entity"])
    restored = FieldDef.model_validate(params["definition"])
    if entity.field(restored.key) is not None:
        return bundle  # already back
    # Back as it was released, but deprecated and hidden: what the admin meant by removing it.
    restored = restored.model_copy(update={"deprecated": True, "hidden": True})
    return _with_entity(bundle, entity.model_copy(update={"fields": (*entity.fields, restored)}))


def _turn_off_search(bundle: Bundle, params: dict[str, Any]) -> Bundle:
    entity = _entity(bundle, params["entity"])
    keys = set(params["fields"])
    fields = tuple(
        f.model_copy(update={"searchable": False}) if f.key in keys else f for f in entity.fields
    )
    return _with_entity(bundle, entity.model_copy(update={"fields": fields}))


_ACTIONS: dict[str, Callable[[Bundle, dict[str, Any]], Bundle]] = {
    "set_default": _set_default,
    "set_backfill": _set_backfill,
    "clear_default": _clear_default,
    "clear_backfill": _clear_backfill,
    "make_optional": _make_optional,
    "show_on_form": _show_on_form,
    "make_editable": _make_editable,
    "grant_edit": _grant_edit,
    "restore_field": _restore_field,
    "turn_off_search": _turn_off_search,
    # the permission rules' fixes (issue 14): archive_instead {role, entity}, mask_field
    # {role, entity, field}
    **PERMISSION_FIXES,
}

#: The actions ``apply_fix`` knows (for the GUI, and a test that every rule's fix is among them).
ACTIONS = frozenset(_ACTIONS)


#: Fixes that need a value a person chooses when their finding offers none.
VALUE_FIXES = ("set_default", "set_backfill")


def needs_value(fix: Fix) -> bool:
    return fix.action in VALUE_FIXES and "value" not in fix.params


def apply_fixes(bundle: Bundle, fixes: list[Fix]) -> tuple[Bundle, int]:
    """``bundle`` with every fix of ``fixes`` that needs no value applied, in order, and how
    many applied ("Fix all"). A fix an earlier one made moot (its field placed already) is
    skipped, not an error."""
    applied = 0
    for fix in fixes:
        if needs_value(fix):
            continue
        try:
            bundle = apply_fix(bundle, fix)
        except FixError:
            continue
        applied += 1
    return bundle, applied
