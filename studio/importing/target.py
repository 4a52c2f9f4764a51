"""The configuration an import is checked against: the live one, or the draft before anything is
live (a new workspace has no release yet, and its draft is what will go live)."""

from __future__ import annotations

from dataclasses import dataclass

from importers.errors import ImportRefused
from studio.bundle.model import Bundle, Entity
from studio.bundle.rules import EntityRules
from studio.i18n import name_list
from studio.workspace.connection import Workspace


@dataclass(frozen=True)
class Target:
    """The entity to import into, and where its configuration came from."""

    entity: Entity
    bundle: Bundle
    version: int | None  # the live version, ``None`` when the draft was used

    @property
    def rules(self) -> EntityRules | None:
        """The entity's automation rules: their validations refuse rows in the dry run too."""
        return (self.bundle.rules or {}).get(self.entity.key)


def import_target(ws: Workspace, entity: str) -> Target:
    """``entity`` of the live configuration (else of the draft); ``ImportRefused`` if unknown."""
    from studio.changes.releases import live_bundle, live_version
    from studio.draft.store import load_draft

    with ws.session() as s:
        bundle = live_bundle(s)
        version = live_version(s) if bundle is not None else None
        if bundle is None:
            bundle = load_draft(s)
    found = bundle.entity(entity)
    if found is None:
        raise ImportRefused(
            "There is no entity {entity} in the configuration; it has {known}.",
            entity=entity,
            known=name_list(e.key for e in bundle.entities),
        )
    return Target(found, bundle, version)
