"""scans kept for drift, and the scan mappings (issue 15)

Revision ID: 0003_scans
Revises: 0002
Create Date: 2026-12-01 04:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_scans"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "scans",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("database", sa.String(length=500), nullable=False),
        sa.Column("dialect", sa.String(length=32), nullable=False),
        sa.Column("partial", sa.Boolean(), nullable=False),
        sa.Column("scan", sa.JSON(), nullable=False),
        sa.Column("entities", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scans")),
    )
    with op.batch_alter_table("scans", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scans_at"), ["at"], unique=False)
        batch_op.create_index(batch_op.f("ix_scans_database"), ["database"], unique=False)
    op.create_table(
        "scan_mappings",
        sa.Column("database", sa.String(length=500), nullable=False),
        sa.Column("mapping", sa.JSON(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("database", name=op.f("pk_scan_mappings")),
    )


def downgrade() -> None:
    op.drop_table("scan_mappings")
    with op.batch_alter_table("scans", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scans_database"))
        batch_op.drop_index(batch_op.f("ix_scans_at"))
    op.drop_table("scans")
