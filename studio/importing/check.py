"""The import wizard's check of a workbook, off the UI thread: its dry run against the entity's
configuration (with the admin's remembered "not the same" decisions and confirmed mapping), the
server's records linked to it, whether the same records were imported before, and the examples
of each change cleaning made. Nothing is written anywhere."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from importers.change_examples import ChangeRow
from importers.pipeline import Plan
from studio.importing.server import ServerLink
from studio.importing.target import Target
from studio.progress import Progress
from studio.workspace.connection import Workspace


@dataclass(frozen=True)
class Checked:
    """What a check found: the plan, each change's examples, and the journal of the import the
    plan would be if it ran before (``None``: it did not, or no server was asked)."""

    plan: Plan
    changes: list[ChangeRow]
    earlier: dict[str, Any] | None
    #: The server's records the plan merges rows into or leaves to a person, by key (shown
    #: beside the rows: the wizard listed neither, and counted the merges).
    existing: dict[str, dict[str, Any]] = field(default_factory=dict)


def plan_against(
    ws: Workspace,
    target: Target,
    path: Path,
    *,
    sheet: str | int | None = None,
    header_row: int | None = None,
    chosen: Mapping[str, str | None] | None = None,
    progress: Progress | None = None,
) -> Plan:
    """The dry run of ``path`` into ``target``'s entity, with its automation rules and users,
    the pairs remembered as not the same, and the mapping confirmed before for these headers
    (used when nothing is ``chosen``)."""
    from importers.pipeline import dry_run
    from studio.importing.decisions import not_same_pairs, saved_mapping

    entity = target.entity.key
    return dry_run(
        path,
        target.entity,
        sheet=sheet,
        header_row=header_row,
        chosen=chosen,
        not_same=not_same_pairs(ws, entity),
        progress=progress,
        rules=target.rules,
        saved=lambda headers: saved_mapping(ws, entity, headers),
        users=target.bundle.users,
    )


def check_workbook(
    ws: Workspace,
    entity: str,
    path: Path,
    *,
    sheet: str | int | None,
    header_row: int | None,
    chosen: Mapping[str, str | None] | None,
    server: ServerLink | None,
    user: str | None,
    progress: Progress,
) -> Checked:
    """``path`` checked for an import into ``entity`` by ``user``; with a ``server``, linked to
    its records (a server that cannot be asked leaves ``plan.checked_against`` ``None``).
    ``progress`` hears the steps "read", "clean", "link" and "done", and may cancel between them.
    """
    from importers.change_examples import change_rows
    from studio.errors import StudioError
    from studio.importing.existing import link_existing
    from studio.importing.run import earlier_import, import_id_of
    from studio.importing.target import import_target
    from studio.progress import check

    plan = plan_against(
        ws,
        import_target(ws, entity),
        path,
        sheet=sheet,
        header_row=header_row,
        chosen=chosen,
        progress=progress,
    )
    check(progress, "cancelled")
    earlier = None
    existing: dict[str, dict[str, Any]] = {}
    if server is not None:
        from studio.importing.decisions import not_same_pairs

        import_id = import_id_of(plan, user)
        # the same records by the same person were imported before (or began to be)
        earlier = earlier_import(ws, import_id)
        try:
            candidates = link_existing(
                plan, server, ignore_import=import_id, not_same=not_same_pairs(ws, entity)
            )
        except StudioError:
            plan.checked_against = None  # said in the summary: not consulted
        else:
            wanted = {k for _r, k, _s in plan.existing_merges} | {
                k for _r, k, _s in plan.existing_review
            }
            existing = {k: candidates[k] for k in wanted if k in candidates}
        check(progress, "cancelled")
    # examples of each change, found here rather than in the dry run (which stays lean)
    return Checked(plan, change_rows(plan), earlier, existing)
