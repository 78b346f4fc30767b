"""the audit log refuses UPDATE, DELETE and TRUNCATE on PostgreSQL

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-04 13:00:00

A trigger raises on every UPDATE or DELETE of a row and on TRUNCATE of ``audit_events``,
whoever runs it: the bot appends and reads, and nothing else may change the log. It is a
second wall behind the privileges (docs: README "Deployment"): the runtime role is granted
only SELECT and INSERT on the table. The owner (the migration role) can still drop the
trigger; that is what the chain's anchors outside the database are for. SQLite has no roles
and gets no trigger: a file anyone can write to is not defended by one.
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_FUNCTION = """
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_FUNCTION)
    op.execute(
        "CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events "
        "FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()"
    )
    op.execute(
        "CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events "
        "FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP TRIGGER IF EXISTS audit_events_no_truncate ON audit_events")
    op.execute("DROP TRIGGER IF EXISTS audit_events_no_change ON audit_events")
    op.execute("DROP FUNCTION IF EXISTS audit_events_append_only()")
