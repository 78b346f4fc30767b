"""a motion's subject, and what a deferral carries to the next meeting

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-04 13:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # The subject picks the agreement's procedure; a motion deferred by a tie or by a meeting
    # without quorum continues as a new motion on the next meeting, which is voted on again
    # (revote) or decided without quorum (adjourned).
    with op.batch_alter_table("motions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("subject", sa.String(length=40), nullable=True))
        batch_op.add_column(
            sa.Column("revote", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(
            sa.Column("adjourned", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("deferred_from_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_motions_deferred_from_id_motions"),
            "motions",
            ["deferred_from_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("motions", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_motions_deferred_from_id_motions"), type_="foreignkey"
        )
        batch_op.drop_column("deferred_from_id")
        batch_op.drop_column("adjourned")
        batch_op.drop_column("revote")
        batch_op.drop_column("subject")
