"""tally edits shared by the workers; partial indexes for the inbox

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-23 07:25:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

PENDING = sa.text("done_at IS NULL")


def upgrade() -> None:
    with op.batch_alter_table("motions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("tally_edited_at", sa.DateTime(timezone=True), nullable=True))
    # the inbox's done rows, most of the table, are left out of the indexes that find work
    op.drop_index(op.f("ix_inbox_updates_lane"), table_name="inbox_updates")
    op.drop_index("ix_inbox_updates_pending", table_name="inbox_updates")
    op.create_index(
        "ix_inbox_updates_pending",
        "inbox_updates",
        ["update_id"],
        postgresql_where=PENDING,
        sqlite_where=PENDING,
    )
    op.create_index(
        "ix_inbox_updates_lane_pending",
        "inbox_updates",
        ["lane", "update_id"],
        postgresql_where=PENDING,
        sqlite_where=PENDING,
    )


def downgrade() -> None:
    op.drop_index("ix_inbox_updates_lane_pending", table_name="inbox_updates")
    op.drop_index("ix_inbox_updates_pending", table_name="inbox_updates")
    op.create_index("ix_inbox_updates_pending", "inbox_updates", ["done_at", "update_id"])
    op.create_index(op.f("ix_inbox_updates_lane"), "inbox_updates", ["lane"])
    with op.batch_alter_table("motions", schema=None) as batch_op:
        batch_op.drop_column("tally_edited_at")
