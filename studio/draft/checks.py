"""The cross-checks of a bundle that the draft's operations run on what they changed."""

from __future__ import annotations

from typing import get_args

from studio.bundle.model import Bundle, FieldPermission, reference_problems

#: The access a role may have to a field.
ACCESS_VALUES = frozenset(get_args(FieldPermission.model_fields["access"].annotation))


def check_references(bundle: Bundle, *, permissions: bool = True) -> None:
    """Raise ``ValueError`` as the model's validation would, for references and duplicates.

    ``permissions=False`` skips the matrix of field permissions (its tables constrain it).
    """
    problems = reference_problems(bundle, field_permissions=permissions)
    if problems:
        raise ValueError("; ".join(problems[:10]))
