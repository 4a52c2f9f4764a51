"""How the reference server runs (``ServerSettings``) and its first approver registry
(``studio serve --approvers``): read from a file and set once, before the first release."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from studio.bundle.model import Approver
from studio.errors import StudioError
from studio.server import releases, strict_json
from studio.server.refusals import RefusalError
from studio.server.storage import ServerMeta, serialise

log = logging.getLogger("studio.server")


@dataclass(frozen=True)
class ServerSettings:
    """How to run: where the data lives, the operator's token, the first approver registry."""

    # Not in the printed form: a PostgreSQL URL may hold a password, and the token is a secret.
    database_url: str = field(repr=False)
    token: str = field(repr=False)
    #: Registers the first approver registry on a new server (``studio serve --approvers``).
    approvers: tuple[Approver, ...] | None = None
    #: PostgreSQL: the schema that holds the server's tables (``None``: the default schema).
    db_schema: str | None = None


def load_approvers(data: bytes) -> tuple[Approver, ...]:
    """``[{"user", "role", "key_id", "public_key"}]`` as an approver registry."""
    try:
        return tuple(releases.parse_registry(strict_json.loads(data, what="The file")))
    except RefusalError as exc:
        raise StudioError(
            "The approvers file is not valid: {reason}", reason=exc.refusal.message
        ) from None


def init_registry(engine: Engine, approvers: Sequence[Approver]) -> None:
    """Set the first registry from ``--approvers``.

    Starting again with the same file is fine, also after releases have changed the registry
    since (the file is then "already applied"); another file is refused.
    """
    with Session(engine) as session, session.begin():
        serialise(session, releases.RELEASES_SCOPE)
        current = releases.registry(session)
        wanted = {a.key_id: a for a in approvers}
        digest = releases.registry_digest(approvers)
        if current == wanted:
            if releases.first_registry_digest(session) is None and (
                releases.current_release(session) is None
            ):
                session.merge(ServerMeta(key=releases.FIRST_REGISTRY, value=digest))
            return
        if current and releases.first_registry_digest(session) == digest:
            log.info(
                "--approvers: this registry was applied before; releases have changed it since"
            )
            return
        try:
            releases.bootstrap_registry(session, approvers)
        except RefusalError as exc:
            if exc.refusal.code != "registry_already_set":
                raise StudioError(
                    "The approvers file is not valid: {reason}", reason=exc.refusal.message
                ) from None
            raise StudioError(
                "The server's approver registry is already set and differs from --approvers: "
                "the registry changes only through an approved release."
            ) from None
