"""A confirmed release row, as a push writes it, for tests that are not about pushing."""

from __future__ import annotations

import uuid

from schema.models import ReleaseRow
from studio.bundle.model import Bundle
from studio.workspace.connection import Workspace


def record_release(
    ws: Workspace, bundle: Bundle, version: int = 1, text: str | None = None
) -> None:
    """Release ``version`` of ``bundle``; ``text`` stores other text under the bundle's sha256
    (a copy rewritten behind the studio's back)."""
    with ws.session() as s:
        s.add(
            ReleaseRow(
                version=version,
                change_id=str(uuid.uuid4()),
                author="lin",
                bundle_json=text or bundle.canonical_json().decode("utf-8"),
                bundle_sha256=bundle.sha256(),
                document={"approvals": []},
            )
        )
