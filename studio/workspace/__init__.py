"""A workspace database: opening, creating and migrating it (SQLite file or PostgreSQL)."""
