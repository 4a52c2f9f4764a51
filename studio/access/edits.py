"""Pure edits of a bundle's access (``Bundle -> Bundle``): the permission rules' one-click fixes.

The matrices edit cell by cell through ``studio.draft.operations``; these are the edits a fix or
a script makes in one step, checked by the bundle's own validation afterwards.
"""

from __future__ import annotations

from typing import Any

from studio.access.effective import role_scopes
from studio.bundle.access import LEGACY_ACTIONS
from studio.bundle.model import Bundle, EntityPermission, FieldPermission


def permission_with_scopes(role: str, entity: str, scopes: dict[str, str]) -> EntityPermission:
    """An entity permission granting exactly ``scopes`` (the old flags set to agree)."""
    flags = {flag: action in scopes for flag, action in LEGACY_ACTIONS.items()}
    return EntityPermission(role=role, entity=entity, scopes=dict(scopes), **flags)


def set_scopes(bundle: Bundle, role: str, entity: str, scopes: dict[str, str]) -> Bundle:
    """``role``'s actions on ``entity`` become ``scopes`` (an empty dict takes them all away)."""
    perm = permission_with_scopes(role, entity, scopes)
    perms = list(bundle.entity_permissions)
    at = next((i for i, p in enumerate(perms) if (p.role, p.entity) == (role, entity)), None)
    if at is None:
        perms.append(perm)
    else:
        perms[at] = perm
    return bundle.model_copy(update={"entity_permissions": tuple(perms)})


def archive_instead(bundle: Bundle, role: str, entity: str) -> Bundle:
    """``role`` archives ``entity``'s records (hidden, history kept) where it deleted them."""
    scopes = role_scopes(bundle, role, entity)
    scope = scopes.pop("delete", None)
    if scope is None:
        return bundle
    scopes.setdefault("archive", scope)
    return set_scopes(bundle, role, entity, scopes)


def set_cell(bundle: Bundle, role: str, entity: str, field: str, access: str) -> Bundle:
    """One cell of the field matrix (kept in place when it exists)."""
    cell = FieldPermission(role=role, entity=entity, field=field, access=access)
    cells = list(bundle.field_permissions)
    at = next(
        (i for i, p in enumerate(cells) if (p.role, p.entity, p.field) == (role, entity, field)),
        None,
    )
    if at is None:
        cells.append(cell)
    else:
        cells[at] = cell
    return bundle.model_copy(update={"field_permissions": tuple(cells)})


def fix_archive_instead(bundle: Bundle, params: dict[str, Any]) -> Bundle:
    return archive_instead(bundle, params["role"], params["entity"])


def fix_mask_field(bundle: Bundle, params: dict[str, Any]) -> Bundle:
    return set_cell(bundle, params["role"], params["entity"], params["field"], "masked")


#: The fixes ``studio.lint.fixes.apply_fix`` carries out for the permission rules.
FIXES = {"archive_instead": fix_archive_instead, "mask_field": fix_mask_field}
