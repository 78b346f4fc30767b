"""motions ballots scheduled work

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 03:01:34.229324
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "motions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("board_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("proposer_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("deadline_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("secret", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("closed_by_id", sa.Integer(), nullable=True),
        sa.Column("result", sa.String(length=12), nullable=True),
        sa.Column("vice_chair_key", sa.String(length=60), nullable=True),
        sa.Column("announced_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["board_id"], ["boards.id"], name=op.f("fk_motions_board_id_boards"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["closed_by_id"],
            ["persons.id"],
            name=op.f("fk_motions_closed_by_id_persons"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["proposer_id"],
            ["persons.id"],
            name=op.f("fk_motions_proposer_id_persons"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_motions")),
    )
    with op.batch_alter_table("motions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_motions_board_id"), ["board_id"], unique=False)

    op.create_table(
        "ballots",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("motion_id", sa.Integer(), nullable=False),
        sa.Column("seat_id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.Column("choice", sa.String(length=8), nullable=False),
        sa.Column("cast_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("changes", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["motion_id"],
            ["motions.id"],
            name=op.f("fk_ballots_motion_id_motions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_ballots_person_id_persons"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["seat_id"], ["seats.id"], name=op.f("fk_ballots_seat_id_seats"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ballots")),
        sa.UniqueConstraint("motion_id", "seat_id", name=op.f("uq_ballots_motion_id")),
    )
    with op.batch_alter_table("ballots", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_ballots_motion_id"), ["motion_id"], unique=False)

    op.create_table(
        "motion_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("motion_id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["motion_id"],
            ["motions.id"],
            name=op.f("fk_motion_messages_motion_id_motions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["persons.id"],
            name=op.f("fk_motion_messages_person_id_persons"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_motion_messages")),
        sa.UniqueConstraint("chat_id", "message_id", name=op.f("uq_motion_messages_chat_id")),
    )
    with op.batch_alter_table("motion_messages", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_motion_messages_motion_id"), ["motion_id"], unique=False
        )

    op.create_table(
        "scheduled_work",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("motion_id", sa.Integer(), nullable=True),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("done_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["motion_id"],
            ["motions.id"],
            name=op.f("fk_scheduled_work_motion_id_motions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_scheduled_work")),
        sa.UniqueConstraint("kind", "motion_id", "due_at", name=op.f("uq_scheduled_work_kind")),
    )
    with op.batch_alter_table("scheduled_work", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_scheduled_work_due_at"), ["due_at"], unique=False)

    with op.batch_alter_table("boards", schema=None) as batch_op:
        batch_op.add_column(sa.Column("vice_chair_seat_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column(
                "proposer_roles",
                sa.JSON(),
                nullable=False,
                server_default=sa.text(
                    '\'["chair", "vice_chair", "secretary", "deputy_secretary"]\''
                ),
            )
        )
        batch_op.add_column(
            sa.Column(
                "reminder_minutes",
                sa.JSON(),
                nullable=False,
                server_default=sa.text("'[1440, 60]'"),
            )
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_boards_vice_chair_seat_id_seats"),
            "seats",
            ["vice_chair_seat_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("boards", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_boards_vice_chair_seat_id_seats"), type_="foreignkey"
        )
        batch_op.drop_column("reminder_minutes")
        batch_op.drop_column("proposer_roles")
        batch_op.drop_column("vice_chair_seat_id")

    with op.batch_alter_table("scheduled_work", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_scheduled_work_due_at"))

    op.drop_table("scheduled_work")
    with op.batch_alter_table("motion_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_motion_messages_motion_id"))

    op.drop_table("motion_messages")
    with op.batch_alter_table("ballots", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_ballots_motion_id"))

    op.drop_table("ballots")
    with op.batch_alter_table("motions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_motions_board_id"))

    op.drop_table("motions")
