"""access (issue 14): scoped actions on entity permissions, the draft's access section

Revision ID: 0004_access
Revises: 0003_scans
Create Date: 2026-12-01 06:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_access"
down_revision = "0003_scans"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("entity_permissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("scopes", sa.JSON(), nullable=True))
    with op.batch_alter_table("draft", schema=None) as batch_op:
        batch_op.add_column(sa.Column("access", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("draft", schema=None) as batch_op:
        batch_op.drop_column("access")
    with op.batch_alter_table("entity_permissions", schema=None) as batch_op:
        batch_op.drop_column("scopes")
