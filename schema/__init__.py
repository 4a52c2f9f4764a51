"""The workspace's database: SQLAlchemy models and alembic migrations."""
