"""The outbox: messages stored when decided, sent by any worker, each recorded when sent.

Telegram has no idempotency key, so "exactly once" ends at the send itself: a worker that dies
after Telegram accepted a message and before the row says so sends that one message again
from another worker. Rows are sent one at a time, so that is at most one message per worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from bot.db.engine import Database, dialect_name
from bot.db.models import OutboxMessage, utcnow

PENDING, SENT, FAILED = "pending", "sent", "failed"
#: A message Telegram could not take this many times (network, not a refusal) is given up.
MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class Outgoing:
    """One message to one chat; ``key`` names it so it is stored once however often made."""

    key: str
    chat_id: int
    text: str
    markup: dict[str, Any] | None = None
    person_id: int | None = None


@dataclass(frozen=True)
class Claimed:
    id: int
    chat_id: int
    text: str
    markup: dict[str, Any] | None
    attempts: int


_INSERT = {
    "postgresql": postgresql.insert(OutboxMessage).on_conflict_do_nothing(
        index_elements=[OutboxMessage.key]
    ),
    "sqlite": sqlite.insert(OutboxMessage).on_conflict_do_nothing(
        index_elements=[OutboxMessage.key]
    ),
}


async def enqueue(db: Database, items: list[Outgoing]) -> None:
    """Store the messages in one transaction (one statement); a key stored before is skipped."""
    if not items:
        return
    now = utcnow()
    rows = [
        {
            "key": item.key,
            "chat_id": item.chat_id,
            "person_id": item.person_id,
            "text": item.text,
            "markup": item.markup,
            "status": PENDING,
            "attempts": 0,
            "created_at": now,
        }
        for item in items
    ]
    async with db.core() as connection:
        await connection.execute(_INSERT[dialect_name(connection)], rows)


async def claim(
    db: Database,
    worker: str,
    *,
    limit: int = 10,
    stale_after: timedelta = timedelta(minutes=2),
    now: datetime | None = None,
) -> list[Claimed]:
    """Claim pending messages, oldest first; a claim older than ``stale_after`` (its worker
    stopped) is taken over. PostgreSQL skips rows being claimed right now."""
    now = now or utcnow()
    query = (
        select(
            OutboxMessage.id,
            OutboxMessage.chat_id,
            OutboxMessage.text,
            OutboxMessage.markup,
            OutboxMessage.attempts,
        )
        .where(
            OutboxMessage.status == PENDING,
            or_(OutboxMessage.claimed_at.is_(None), OutboxMessage.claimed_at < now - stale_after),
        )
        .order_by(OutboxMessage.id)
        .limit(limit)
    )
    async with db.core() as connection:
        if dialect_name(connection) == "postgresql":
            query = query.with_for_update(skip_locked=True)
        rows = (await connection.execute(query)).all()
        if not rows:
            return []
        await connection.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_([row.id for row in rows]))
            .values(claimed_at=now, claimed_by=worker, attempts=OutboxMessage.attempts + 1)
        )
    return [Claimed(row.id, row.chat_id, row.text, row.markup, row.attempts + 1) for row in rows]


async def settle(db: Database, message_id: int, status: str) -> None:
    """Record the outcome of one send: ``sent`` or ``failed`` (Telegram refused it)."""
    async with db.core() as connection:
        await connection.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id)
            .values(status=status, sent_at=utcnow())
        )


async def release(db: Database, message_id: int) -> None:
    """Give the claim back after a network failure, to be tried again soon."""
    async with db.core() as connection:
        await connection.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id == message_id)
            .values(claimed_at=None, claimed_by=None)
        )


async def pending(db: Database) -> int:
    async with db.core() as connection:
        count = await connection.scalar(
            select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == PENDING)
        )
    return int(count or 0)
