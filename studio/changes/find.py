"""Finding a change request by id (or an unambiguous prefix), and ``ChangeRefused``: how every
step of the change flow says no (a ``StudioError`` with a message for people)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from schema.models import ChangeRequestRow
from studio.errors import StudioError


class ChangeRefused(StudioError):
    """The change flow refused an action (policy, state, author...)."""


def find_change(session: Session, change_id: str) -> ChangeRequestRow:
    """A change by id or by an unambiguous id prefix (the CLI shows 8 characters)."""
    row = session.get(ChangeRequestRow, change_id)
    if row is not None:
        return row
    if len(change_id) >= 4:
        matches = list(
            session.scalars(
                select(ChangeRequestRow).where(ChangeRequestRow.id.startswith(change_id))
            )
        )
        if len(matches) == 1:
            return matches[0]
    raise ChangeRefused("No change request {id}.", id=change_id)
