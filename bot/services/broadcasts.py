"""Broadcasts: one message to every seat holder, one outbox row per recipient.

The rows are written with the broadcast, sent by the one sender like every other message, and
the delivery report counts them when none is pending any more.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update

from bot.db.engine import Database
from bot.db.models import Broadcast, OutboxMessage, Person, utcnow
from bot.services import audit, outbox
from bot.services.boards import holders, is_secretary, load_board
from bot.services.errors import Refusal, ServiceError

PENDING, SENT, BLOCKED, FAILED = outbox.PENDING, outbox.SENT, outbox.BLOCKED, outbox.FAILED
MAX_BODY = 3500
GROUP = "(group)"  # the label of the board's group in a report (it has no person)


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
    db: Database,
    board_id: int,
    author_id: int,
    body: str,
    *,
    to_group: bool,
    render: Callable[[str, str, str | None], str],
) -> tuple[int, int]:
    """A broadcast and its deliveries in the outbox, in one transaction: each seat holder once,
    the group if asked and linked. ``render(board name, body, language)`` makes the message."""
    if not await is_secretary(db, author_id, board_id):
        raise ServiceError(Refusal.NOT_SECRETARY, board=board_id)
    async with db.transaction() as session:
        board = await load_board(session, board_id)
        held = await holders(session, [s.id for s in board.seats])
        broadcast = Broadcast(board_id=board_id, author_id=author_id, body=body.strip()[:MAX_BODY])
        session.add(broadcast)
        await session.flush()
        chats: dict[int, Person | None] = {}
        for person in held.values():
            if person.telegram_user_id is not None and person.id != author_id:
                chats.setdefault(person.telegram_user_id, person)
        if to_group and board.group_chat_id is not None:
            chats[board.group_chat_id] = None
        texts: dict[str | None, str] = {}
        deliveries = []
        for chat, reader in chats.items():
            language = (reader.language or reader.telegram_language) if reader else None
            if language not in texts:
                texts[language] = render(board.name, broadcast.body, language)
            deliveries.append(
                outbox.Outgoing(
                    f"broadcast:{broadcast.id}:{chat}",
                    chat,
                    texts[language],
                    person_id=reader.id if reader else None,
                    broadcast_id=broadcast.id,
                )
            )
        await outbox.add(session, deliveries)
        await audit.append(
            session,
            "broadcast",
            board_id,
            broadcast=broadcast.id,
            by=author_id,
            recipients=len(chats),
        )
        return broadcast.id, len(chats)


async def finished_unreported(db: Database) -> list[int]:
    """Broadcasts whose every delivery is done but whose report was not sent yet."""
    async with db.transaction() as session:
        open_deliveries = select(OutboxMessage.broadcast_id).where(
            OutboxMessage.status == PENDING, OutboxMessage.broadcast_id.is_not(None)
        )
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
                select(OutboxMessage.status, Person.name, func.count())
                .outerjoin(Person, Person.id == OutboxMessage.person_id)
                .where(OutboxMessage.broadcast_id == broadcast_id)
                .group_by(OutboxMessage.status, Person.name)
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
