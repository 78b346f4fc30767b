"""the bot's own identity (username from getMe), for the command line's invite links

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-04 12:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "bot_identity",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("telegram_id", sa.BigInteger(), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("learned_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_bot_identity_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bot_identity")),
    )


def downgrade() -> None:
    op.drop_table("bot_identity")
