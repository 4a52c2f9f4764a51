"""Migrations: one head, up and down, and models equal to the migrated database.

Run on SQLite and on a real PostgreSQL server, with pytest-alembic's own checks.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_alembic import Config as AlembicTestConfig
from pytest_alembic.tests import (
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)
from sqlalchemy import create_engine
from sqlalchemy.engine import Engine

from schema.migrate import MIGRATIONS

__all__ = [
    "test_model_definitions_match_ddl",
    "test_single_head_revision",
    "test_up_down_consistency",
    "test_upgrade",
]


@pytest.fixture
def alembic_config() -> AlembicTestConfig:
    return AlembicTestConfig(config_options={"script_location": str(MIGRATIONS)})


@pytest.fixture(params=["sqlite", "postgresql"])
def alembic_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'migrations.db'}"
    else:
        url = request.getfixturevalue("pg_url")
    engine = create_engine(url)
    yield engine
    engine.dispose()


def test_the_quick_revision_reading_agrees_with_alembic(tmp_path: Path) -> None:
    """``schema.migrate`` reads revisions without importing alembic (start-up time): it must
    name the same head, the same revisions and the same current revision as alembic does."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    from schema import migrate

    scripts = ScriptDirectory.from_config(migrate.alembic_config())
    assert migrate.head_revision() == scripts.get_current_head()
    assert migrate.known_revisions() == {s.revision for s in scripts.walk_revisions()}
    engine = create_engine(f"sqlite:///{tmp_path / 'w.db'}")
    try:
        assert migrate.current_revision(engine) is None
        migrate.upgrade(engine)
        with engine.connect() as conn:
            assert (
                migrate.current_revision(engine)
                == MigrationContext.configure(conn).get_current_revision()
            )
    finally:
        engine.dispose()
