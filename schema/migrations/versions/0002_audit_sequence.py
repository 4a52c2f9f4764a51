"""audit log: a sequence number, unique, so that two appends can never share a predecessor

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01 03:50:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.Integer(), nullable=True))
    # Entries written before keep their order: their position is their id's rank. A log that
    # already forked keeps both branches numbered apart; verify reports the fork.
    op.execute(
        "UPDATE audit_log SET seq = (SELECT COUNT(*) FROM audit_log AS earlier "
        "WHERE earlier.id <= audit_log.id)"
    )
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.alter_column("seq", existing_type=sa.Integer(), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_audit_log_seq"), ["seq"])


def downgrade() -> None:
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_audit_log_seq"), type_="unique")
        batch_op.drop_column("seq")
