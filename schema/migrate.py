"""Programmatic alembic: the app and the tests migrate a connection without an ini file.

Opening a workspace that is already at the head revision (every start but the first after an
upgrade) must not pay for importing alembic (about a third of ``studio check``'s start): the
revisions are read from the version scripts' own ``revision``/``down_revision`` lines and the
workspace's from its ``alembic_version`` table, and alembic is imported only to migrate. The
revisions are read without SQLAlchemy too (``studio.workspace.sqlite_read``).
``tests/unit/schema/test_migrations.py`` checks that this reading agrees with alembic's.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.engine import Connection, Engine

MIGRATIONS = Path(__file__).with_name("migrations")

_ASSIGNMENT = re.compile(r"^(revision|down_revision)\s*(?::[^=]*)?=\s*(.+?)\s*$", re.MULTILINE)


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def revision_graph() -> dict[str, tuple[str, ...]]:
    """Every revision of the version scripts -> the revisions it follows."""
    graph: dict[str, tuple[str, ...]] = {}
    for script in sorted((MIGRATIONS / "versions").glob("*.py")):
        text = script.read_text(encoding="utf-8")
        found = {m.group(1): m.group(2) for m in _ASSIGNMENT.finditer(text)}
        if "revision" not in found:
            continue
        down = ast.literal_eval(found.get("down_revision", "None"))
        parents = () if down is None else (down,) if isinstance(down, str) else tuple(down)
        graph[str(ast.literal_eval(found["revision"]))] = parents
    return graph


def head_revision() -> str:
    graph = revision_graph()
    heads = sorted(set(graph) - {p for parents in graph.values() for p in parents})
    assert len(heads) == 1, f"the project's migrations have {len(heads)} heads: {heads}"
    return heads[0]


def known_revisions() -> set[str]:
    return set(revision_graph())


def current_revision(engine: Engine) -> str | None:
    """The workspace's revision (``None`` for a database alembic never ran on)."""
    from sqlalchemy import inspect, text

    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        rows = [
            str(r) for r in conn.execute(text("SELECT version_num FROM alembic_version")).scalars()
        ]
    # Several rows would be branches this studio never makes: an unknown revision, not ours.
    return ",".join(sorted(rows)) if rows else None


def upgrade(engine: Engine, revision: str = "head") -> None:
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), revision)


def downgrade(engine: Engine, revision: str) -> None:
    from alembic import command

    with engine.begin() as conn:
        command.downgrade(alembic_config(conn), revision)
