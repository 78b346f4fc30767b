"""The outbox: every message the bot sends on its own initiative, stored in the transaction
that decides it, sent by one sender (``runtime.sender``) on any worker, each recorded when sent.

A row is a new message (``send``), an edit of a message sent before (``edit``: the tally, a
ballot at the close) or a document with a caption (``document``: a meeting's calendar file).
Telegram has no idempotency key, so "exactly once" ends at the send itself: a worker that dies
after Telegram accepted a message and before the row says so sends that one message again from
another worker. Rows are sent one at a time, so that is at most one message per worker.

The retry policy, in one place: Telegram's 429 puts the row back until ``retry_after`` has
passed (not counted as an attempt); a network failure or a 5xx puts it back with a growing
pause, and after :data:`MAX_ATTEMPTS` it is failed; a chat that blocked the bot (403) makes it
``blocked`` (not deliverable); any other refusal (400) makes it ``failed``.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from bot.db.engine import Database, dialect_name
from bot.db.models import MotionMessage, OutboxMessage, utcnow

_MOTION_MESSAGES = MotionMessage.__table__

PENDING, SENT, BLOCKED, FAILED = "pending", "sent", "blocked", "failed"
#: an edit that a newer edit of the same message made unnecessary
REPLACED = "replaced"
SEND, EDIT, DOCUMENT = "send", "edit", "document"
#: A message Telegram could not take this many times (network, 5xx) is given up.
MAX_ATTEMPTS = 8
#: A claim older than this is taken over: its worker stopped (the runtime passes its setting).
LEASE = timedelta(minutes=2)
#: The pause after the n-th network failure: 1, 2, 4 ... seconds, at most this.
MAX_BACKOFF_SECONDS = 60.0


@dataclass(frozen=True)
class Outgoing:
    """One message to one chat; ``key`` names it so it is stored once however often made."""

    key: str
    chat_id: int
    text: str
    markup: dict[str, Any] | None = None
    person_id: int | None = None
    method: str = SEND
    message_id: int | None = None
    document: bytes | None = None
    filename: str | None = None
    motion_id: int | None = None
    remember: str | None = None
    broadcast_id: int | None = None


def edit(
    chat_id: int,
    message_id: int,
    text: str,
    markup: dict[str, Any] | None = None,
    *,
    motion_id: int | None = None,
) -> Outgoing:
    """An edit of a message sent before. Making it twice is harmless (Telegram answers "not
    modified"), so each is stored; a newer pending edit of the same message replaces an older
    one (:func:`claim`)."""
    return Outgoing(
        f"edit:{chat_id}:{message_id}:{uuid.uuid4().hex}",
        chat_id,
        text,
        markup,
        method=EDIT,
        message_id=message_id,
        motion_id=motion_id,
    )


@dataclass(frozen=True)
class Claimed:
    id: int
    method: str
    chat_id: int
    message_id: int | None
    text: str
    markup: dict[str, Any] | None
    document: bytes | None
    filename: str | None
    attempts: int


_INSERT = {
    "postgresql": postgresql.insert(OutboxMessage).on_conflict_do_nothing(
        index_elements=[OutboxMessage.key]
    ),
    "sqlite": sqlite.insert(OutboxMessage).on_conflict_do_nothing(
        index_elements=[OutboxMessage.key]
    ),
}


def _rows(items: Sequence[Outgoing], now: datetime) -> list[dict[str, Any]]:
    return [
        {
            "key": item.key,
            "method": item.method,
            "chat_id": item.chat_id,
            "message_id": item.message_id,
            "person_id": item.person_id,
            "text": item.text,
            "markup": item.markup,
            "document": item.document,
            "filename": item.filename,
            "motion_id": item.motion_id,
            "remember": item.remember,
            "broadcast_id": item.broadcast_id,
            "status": PENDING,
            "attempts": 0,
            "created_at": now,
        }
        for item in items
    ]


async def add(session: AsyncSession | AsyncConnection, items: Sequence[Outgoing]) -> None:
    """Store the messages inside the caller's transaction (one statement); a key stored before
    is skipped. Use this where a state change causes the messages: both commit or neither."""
    if not items:
        return
    connection = session if isinstance(session, AsyncConnection) else await session.connection()
    await connection.execute(_INSERT[dialect_name(connection)], _rows(items, utcnow()))


async def enqueue(db: Database, items: Sequence[Outgoing]) -> None:
    """Store the messages in a transaction of their own."""
    if not items:
        return
    async with db.core() as connection:
        await add(connection, items)


async def claim(
    db: Database,
    worker: str,
    *,
    limit: int = 10,
    stale_after: timedelta = LEASE,
    now: datetime | None = None,
) -> list[Claimed]:
    """Claim pending messages that are due, oldest first; a claim older than ``stale_after``
    (its worker stopped) is taken over. PostgreSQL skips rows being claimed right now. An edit
    that a newer pending edit of the same message replaces is dropped, not sent."""
    now = now or utcnow()
    query = (
        select(
            OutboxMessage.id,
            OutboxMessage.method,
            OutboxMessage.chat_id,
            OutboxMessage.message_id,
            OutboxMessage.text,
            OutboxMessage.markup,
            OutboxMessage.document,
            OutboxMessage.filename,
            OutboxMessage.attempts,
        )
        .where(
            OutboxMessage.status == PENDING,
            or_(OutboxMessage.not_before.is_(None), OutboxMessage.not_before <= now),
            or_(OutboxMessage.claimed_at.is_(None), OutboxMessage.claimed_at < now - stale_after),
        )
        .order_by(OutboxMessage.id)
        .limit(limit)
    )
    while True:
        claimed = await _claim(db, query, worker, now)
        if claimed is None or claimed:  # nothing pending, or something to send
            return claimed or []
        # every row claimed was an edit that a newer one replaces: claim again


async def _claim(db: Database, query: Any, worker: str, now: datetime) -> list[Claimed] | None:
    async with db.core() as connection:
        if dialect_name(connection) == "postgresql":
            query = query.with_for_update(skip_locked=True)
        rows = (await connection.execute(query)).all()
        if not rows:
            return None
        await connection.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_([row.id for row in rows]))
            .values(claimed_at=now, claimed_by=worker, attempts=OutboxMessage.attempts + 1)
        )
        replaced = await _replaced_edits(connection, [r for r in rows if r.method == EDIT])
        if replaced:
            await connection.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id.in_(replaced))
                .values(status=REPLACED, sent_at=now)
            )
    return [
        Claimed(
            row.id,
            row.method,
            row.chat_id,
            row.message_id,
            row.text,
            row.markup,
            row.document,
            row.filename,
            row.attempts + 1,
        )
        for row in rows
        if row.id not in replaced
    ]


async def _replaced_edits(connection: AsyncConnection, edits: Sequence[Any]) -> set[int]:
    if not edits:
        return set()
    newer = OutboxMessage.__table__.alias("newer")
    query = select(OutboxMessage.id).where(
        OutboxMessage.id.in_([row.id for row in edits]),
        select(newer.c.id)
        .where(
            newer.c.method == EDIT,
            newer.c.status == PENDING,
            newer.c.chat_id == OutboxMessage.chat_id,
            newer.c.message_id == OutboxMessage.message_id,
            newer.c.id > OutboxMessage.id,
        )
        .exists(),
    )
    return set((await connection.scalars(query)).all())


async def settle(db: Database, message_id: int, status: str, sent_id: int | None = None) -> None:
    """Record the outcome of one send: ``sent``, ``blocked`` or ``failed``. A sent message the
    row asks to remember is recorded under its motion in the same transaction."""
    async with db.core() as connection:
        row = (
            await connection.execute(
                update(OutboxMessage)
                .where(OutboxMessage.id == message_id)
                .values(status=status, sent_at=utcnow())
                .returning(
                    OutboxMessage.motion_id,
                    OutboxMessage.remember,
                    OutboxMessage.chat_id,
                    OutboxMessage.person_id,
                )
            )
        ).one()
        if status == SENT and sent_id is not None and row.remember and row.motion_id:
            await connection.execute(
                _MOTION_MESSAGES.insert().values(  # type: ignore[attr-defined]
                    motion_id=row.motion_id,
                    chat_id=row.chat_id,
                    message_id=sent_id,
                    kind=row.remember,
                    person_id=row.person_id,
                )
            )


async def release(db: Database, message_id: int, not_before: datetime, *, attempt: bool) -> None:
    """Give the claim back, to be tried again from ``not_before``; a 429 (``attempt`` False)
    does not count as an attempt."""
    values: dict[str, Any] = {"claimed_at": None, "claimed_by": None, "not_before": not_before}
    if not attempt:
        values["attempts"] = OutboxMessage.attempts - 1
    async with db.core() as connection:
        await connection.execute(
            update(OutboxMessage).where(OutboxMessage.id == message_id).values(**values)
        )


def backoff(attempts: int) -> timedelta:
    return timedelta(seconds=min(2.0 ** max(attempts - 1, 0), MAX_BACKOFF_SECONDS))


async def pending(db: Database) -> int:
    async with db.core() as connection:
        count = await connection.scalar(
            select(func.count()).select_from(OutboxMessage).where(OutboxMessage.status == PENDING)
        )
    return int(count or 0)


async def next_due(db: Database) -> datetime | None:
    """When the earliest pending row may be sent (None: nothing is pending)."""
    async with db.core() as connection:
        due: datetime | None = await connection.scalar(
            select(func.min(func.coalesce(OutboxMessage.not_before, OutboxMessage.created_at)))
            .select_from(OutboxMessage)
            .where(OutboxMessage.status == PENDING)
        )
    return due
