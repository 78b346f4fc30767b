"""one outbox for everything the bot sends on its own: edits, documents, broadcast deliveries

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-04 08:20:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("method", sa.String(length=10), nullable=False, server_default="send")
        )
        batch_op.add_column(sa.Column("message_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("document", sa.LargeBinary(), nullable=True))
        batch_op.add_column(sa.Column("filename", sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column("motion_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("remember", sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column("broadcast_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("not_before", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(batch_op.f("ix_outbox_motion_id"), ["motion_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outbox_broadcast_id"), ["broadcast_id"], unique=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_outbox_motion_id_motions"),
            "motions",
            ["motion_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_outbox_broadcast_id_broadcasts"),
            "broadcasts",
            ["broadcast_id"],
            ["id"],
            ondelete="CASCADE",
        )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.alter_column("method", server_default=None)
    # the broadcast deliveries become outbox rows (a pending one is sent with its plain text)
    op.execute(
        "INSERT INTO outbox (key, method, chat_id, person_id, text, status, attempts, "
        "created_at, sent_at, broadcast_id) "
        "SELECT 'broadcast:' || d.broadcast_id || ':' || d.chat_id, 'send', d.chat_id, "
        "d.person_id, b.body, d.status, 0, b.created_at, d.done_at, d.broadcast_id "
        "FROM deliveries d JOIN broadcasts b ON b.id = d.broadcast_id"
    )
    op.drop_table("deliveries")


def downgrade() -> None:
    op.create_table(
        "deliveries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("broadcast_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["broadcast_id"],
            ["broadcasts.id"],
            name=op.f("fk_deliveries_broadcast_id_broadcasts"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_deliveries_person_id_persons"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deliveries")),
        sa.UniqueConstraint("broadcast_id", "chat_id", name=op.f("uq_deliveries_broadcast_id")),
    )
    op.create_index(
        op.f("ix_deliveries_broadcast_id"), "deliveries", ["broadcast_id"], unique=False
    )
    op.execute(
        "INSERT INTO deliveries (broadcast_id, person_id, chat_id, status, done_at) "
        "SELECT broadcast_id, person_id, chat_id, status, sent_at FROM outbox "
        "WHERE broadcast_id IS NOT NULL"
    )
    op.execute("DELETE FROM outbox WHERE method <> 'send' OR broadcast_id IS NOT NULL")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_outbox_broadcast_id_broadcasts"), type_="foreignkey"
        )
        batch_op.drop_constraint(batch_op.f("fk_outbox_motion_id_motions"), type_="foreignkey")
        batch_op.drop_index(batch_op.f("ix_outbox_broadcast_id"))
        batch_op.drop_index(batch_op.f("ix_outbox_motion_id"))
        for column in (
            "not_before",
            "broadcast_id",
            "remember",
            "motion_id",
            "filename",
            "document",
            "message_id",
            "method",
        ):
            batch_op.drop_column(column)
