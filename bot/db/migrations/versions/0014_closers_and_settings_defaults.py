"""who may close a vote as a board setting; board settings' defaults only in the models

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-04 08:45:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

#: The server defaults 0002 and 0004 gave, put back by a downgrade (the schema of 0013).
_OLD_DEFAULTS = {
    "proposer_roles": '\'["chair", "vice_chair", "secretary", "deputy_secretary"]\'',
    "reminder_minutes": "'[1440, 60]'",
    "meeting_reminder_minutes": "'[10080, 1440]'",
}


def upgrade() -> None:
    # Who may close a vote becomes a board setting. Existing boards keep who could close them
    # until now (a record of the past, not a default: new boards take the model's).
    with op.batch_alter_table("boards", schema=None) as batch_op:
        batch_op.add_column(sa.Column("closer_roles", sa.JSON(), nullable=True))
    boards = sa.table("boards", sa.column("closer_roles", sa.JSON()))
    op.execute(
        boards.update().values(
            closer_roles=["chair", "vice_chair", "secretary", "deputy_secretary"]
        )
    )
    with op.batch_alter_table("boards", schema=None) as batch_op:
        batch_op.alter_column("closer_roles", existing_type=sa.JSON(), nullable=False)
        # the settings' defaults live in the models only
        for column in _OLD_DEFAULTS:
            batch_op.alter_column(column, existing_type=sa.JSON(), server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("boards", schema=None) as batch_op:
        batch_op.drop_column("closer_roles")
        for column, default in _OLD_DEFAULTS.items():
            batch_op.alter_column(column, existing_type=sa.JSON(), server_default=sa.text(default))
