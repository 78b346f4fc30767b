"""Broadcasts: one message to every seat holder, one delivery row per recipient.

Each delivery is claimed by exactly one worker before it is sent and records how it went, so a
restart halfway sends the rest and nobody twice. (Telegram has no idempotency key: a message
whose send had not been recorded when its worker died may go out once more, at most one per
worker.)
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update

from bot.db.engine import Database
from bot.db.models import Board, Broadcast, Delivery, Person, utcnow
from bot.services import audit
from bot.services.boards import holders, is_secretary, load_board
from bot.services.errors import Refusal, ServiceError

PENDING, SENT, BLOCKED, FAILED = "pending", "sent", "blocked", "failed"
MAX_BODY = 3500
GROUP = "(group)"  # the label of the board's group in a report (it has no person)


@dataclass(frozen=True)
class Outgoing:
    """A claimed delivery: where to send which broadcast."""

    delivery_id: int
    broadcast_id: int
    chat_id: int
    body: str
    board_name: str
    language: str | None


@dataclass(frozen=True)
class Report:
    broadcast_id: int
    author_chat_id: int | None
    author_language: str | None
    sent: int
    blocked: tuple[str, ...]
    failed: tuple[str, ...]
    pending: int


async def create(
    db: Database, board_id: int, author_id: int, body: str, *, to_group: bool
) -> tuple[int, int]:
    """A broadcast and its deliveries (each seat holder once, the group if asked and linked)."""
    if not await is_secretary(db, author_id, board_id):
        raise ServiceError(Refusal.NOT_SECRETARY, board=board_id)
    async with db.transaction() as session:
        board = await load_board(session, board_id)
        held = await holders(session, [s.id for s in board.seats])
        broadcast = Broadcast(board_id=board_id, author_id=author_id, body=body.strip()[:MAX_BODY])
        session.add(broadcast)
        await session.flush()
        chats: dict[int, int | None] = {}
        for person in held.values():
            if person.telegram_user_id is not None and person.id != author_id:
                chats.setdefault(person.telegram_user_id, person.id)
        if to_group and board.group_chat_id is not None:
            chats[board.group_chat_id] = None
        session.add_all(
            Delivery(broadcast_id=broadcast.id, person_id=person, chat_id=chat)
            for chat, person in chats.items()
        )
        await audit.append(
            session,
            "broadcast",
            board_id,
            broadcast=broadcast.id,
            by=author_id,
            recipients=len(chats),
        )
        return broadcast.id, len(chats)


async def claim(
    db: Database,
    worker: str,
    *,
    broadcast_id: int | None = None,
    now: datetime | None = None,
    stale_after: timedelta = timedelta(minutes=5),
    limit: int = 100,
) -> list[Outgoing]:
    """Claim up to ``limit`` pending deliveries in one conditional update.

    A row matches only while it is pending and unclaimed (or its claim went stale), so each row
    goes to exactly one worker; the rows this call took are read back by worker and time.
    """
    now = now or utcnow()
    token = uuid.uuid4().hex  # this call's own mark on the rows it takes
    claimable = (Delivery.status == PENDING) & (
        Delivery.claimed_at.is_(None) | (Delivery.claimed_at < now - stale_after)
    )
    async with db.transaction() as session:
        candidates = select(Delivery.id).where(claimable).order_by(Delivery.id).limit(limit)
        if broadcast_id is not None:
            candidates = candidates.where(Delivery.broadcast_id == broadcast_id)
        ids = list((await session.scalars(candidates)).all())
        if not ids:
            return []
        await session.execute(
            update(Delivery)
            .where(Delivery.id.in_(ids), claimable)
            .values(claimed_at=now, claimed_by=token)
        )
        rows = await session.execute(
            select(
                Delivery.id,
                Delivery.broadcast_id,
                Delivery.chat_id,
                Broadcast.body,
                Board.name,
                func.coalesce(Person.language, Person.telegram_language),
            )
            .join(Broadcast, Broadcast.id == Delivery.broadcast_id)
            .join(Board, Board.id == Broadcast.board_id)
            .outerjoin(Person, Person.id == Delivery.person_id)
            .where(Delivery.id.in_(ids), Delivery.claimed_by == token, Delivery.status == PENDING)
            .order_by(Delivery.id)
        )
        return [Outgoing(*row) for row in rows.tuples()]


async def record(db: Database, delivery_id: int, status: str, now: datetime | None = None) -> None:
    async with db.transaction() as session:
        await session.execute(
            update(Delivery)
            .where(Delivery.id == delivery_id)
            .values(status=status, done_at=now or utcnow())
        )


async def finished_unreported(db: Database) -> list[int]:
    """Broadcasts whose every delivery is done but whose report was not sent yet."""
    async with db.transaction() as session:
        open_deliveries = select(Delivery.broadcast_id).where(Delivery.status == PENDING)
        query = select(Broadcast.id).where(
            Broadcast.reported_at.is_(None), Broadcast.id.not_in(open_deliveries)
        )
        return list((await session.scalars(query)).all())


async def report(db: Database, broadcast_id: int, now: datetime | None = None) -> Report | None:
    """The delivery report, claimed once (None when another worker already reported)."""
    async with db.transaction() as session:
        taken = await session.execute(
            update(Broadcast)
            .where(Broadcast.id == broadcast_id, Broadcast.reported_at.is_(None))
            .values(reported_at=now or utcnow())
        )
        if taken.rowcount != 1:  # type: ignore[attr-defined]
            return None
        broadcast = await session.get(Broadcast, broadcast_id)
        assert broadcast is not None
        author = await session.get(Person, broadcast.author_id) if broadcast.author_id else None
        rows = (
            await session.execute(
                select(Delivery.status, Person.name, func.count())
                .outerjoin(Person, Person.id == Delivery.person_id)
                .where(Delivery.broadcast_id == broadcast_id)
                .group_by(Delivery.status, Person.name)
            )
        ).all()
    names = {BLOCKED: [], FAILED: []}  # type: dict[str, list[str]]
    counts = {PENDING: 0, SENT: 0, BLOCKED: 0, FAILED: 0}
    for status, name, count in rows:
        counts[status] += count
        if status in names:
            names[status].append(name or GROUP)
    return Report(
        broadcast_id,
        author.telegram_user_id if author else None,
        (author.language or author.telegram_language) if author else None,
        counts[SENT],
        tuple(sorted(names[BLOCKED])),
        tuple(sorted(names[FAILED])),
        counts[PENDING],
    )
