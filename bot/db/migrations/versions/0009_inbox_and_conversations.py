"""inbox of updates and conversation state shared by workers

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23 06:10:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "inbox_updates",
        sa.Column("update_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("lane", sa.String(length=48), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("leased_by", sa.String(length=64), nullable=True),
        sa.Column("lease_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("update_id", name=op.f("pk_inbox_updates")),
    )
    op.create_index("ix_inbox_updates_pending", "inbox_updates", ["done_at", "update_id"])
    op.create_index(op.f("ix_inbox_updates_lane"), "inbox_updates", ["lane"])
    op.create_table(
        "conversation_states",
        sa.Column("lane", sa.String(length=48), nullable=False),
        sa.Column("states", sa.JSON(), nullable=False),
        sa.Column("drafts", sa.LargeBinary(), nullable=True),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("lane", name=op.f("pk_conversation_states")),
    )
    op.create_index(
        op.f("ix_conversation_states_telegram_user_id"),
        "conversation_states",
        ["telegram_user_id"],
    )


def downgrade() -> None:
    op.drop_table("conversation_states")
    op.drop_index(op.f("ix_inbox_updates_lane"), table_name="inbox_updates")
    op.drop_index("ix_inbox_updates_pending", table_name="inbox_updates")
    op.drop_table("inbox_updates")
