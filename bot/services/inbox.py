"""Arrival of an update: a replayed ``update_id`` is refused; the person is found or made.

Both happen in one unit of work with plain (Core) statements, since every update pays for it:
one insert, one select, and a write only when the person is new or their Telegram name,
username or language changed. A :class:`PersonCache` spares the select and the write while
the sender looks the same as a moment ago. A ballot press records its ``update_id`` inside the
ballot's own transaction instead (:func:`record_in`), so the press is one unit of work: either
the ballot and the record commit together, or neither does and the update is safe to retry.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    Select,
    bindparam,
    func,
    insert,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from bot.db.engine import Database, Executor, dialect_name
from bot.db.models import InboxUpdate, Person, ProcessedUpdate, utcnow
from bot.i18n import normalize_language
from bot.services.conversations import Saved, load_in
from bot.services.views import PersonView

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Sender:
    """Who sent an update, as Telegram describes them."""

    telegram_user_id: int
    name: str
    username: str | None
    telegram_language: str | None


class Replayed(Exception):
    """The update was processed before."""


_RECORD = insert(ProcessedUpdate)
# Plain text, the same on both databases: SQLAlchemy 2.0 compiles a dialect insert with ON
# CONFLICT again for every execution (it has no cache key), and every press runs this one.
_RECORD_ONCE_SQL = (
    "INSERT INTO processed_updates (update_id, received_at) "
    "VALUES (:update_id, :received_at) ON CONFLICT DO NOTHING RETURNING update_id"
)
#: The typed parameter of an update's record (a timestamp), for statements that make one.
RECEIVED_AT = bindparam("received_at", type_=ProcessedUpdate.__table__.c.received_at.type)
_RECORD_ONCE = (
    text(_RECORD_ONCE_SQL).bindparams(RECEIVED_AT).columns(ProcessedUpdate.__table__.c.update_id)
)
_PERSON = select(
    Person.id,
    Person.name,
    Person.username,
    Person.language,
    Person.telegram_language,
    Person.is_demo,
).where(Person.telegram_user_id == bindparam("telegram_user_id"))
_NEW_PERSON = insert(Person).returning(Person.id)
_REFRESH = (
    update(Person)
    .where(Person.id == bindparam("person_id"))
    .values(
        name=bindparam("name"), username=bindparam("username"), telegram_language=bindparam("lang")
    )
)


@dataclass
class PersonCache:
    """Who sent recent updates, per Telegram user, for ``seconds``; one per worker.

    A hit needs the same name, username and Telegram language as when it was stored. A worker
    that changes a person (their chosen language, an erasure) calls :meth:`forget`; another
    worker sees the change when its entry expires.
    """

    seconds: float = 60.0
    limit: int = 50_000
    entries: dict[int, tuple[float, Sender, PersonView]] = field(default_factory=dict)

    def get(self, sender: Sender) -> PersonView | None:
        entry = self.entries.get(sender.telegram_user_id)
        if entry is None:
            return None
        stored_at, seen, person = entry
        if seen != sender or time.monotonic() - stored_at > self.seconds:
            del self.entries[sender.telegram_user_id]
            return None
        return person

    def put(self, sender: Sender, person: PersonView) -> None:
        if len(self.entries) >= self.limit:
            self.entries.clear()
        self.entries[sender.telegram_user_id] = (time.monotonic(), sender, person)

    def forget(self, telegram_user_id: int) -> None:
        self.entries.pop(telegram_user_id, None)


async def record_in(session: Executor, update_id: int) -> None:
    """Record ``update_id`` inside the caller's transaction; raise :class:`Replayed` if seen."""
    recorded = await session.scalar(_RECORD_ONCE, {"update_id": update_id, "received_at": utcnow()})
    if recorded is None:
        raise Replayed(update_id)


async def last_update_id(db: Database) -> int:
    """The highest ``update_id`` recorded, processed or waiting in the inbox (0: none yet).

    Telegram numbers updates upwards; an offline chat that starts again on the same database
    continues after this number, or its first updates would be taken for replays."""
    async with db.reading() as session:
        processed = await session.scalar(select(func.max(ProcessedUpdate.update_id)))
        waiting = await session.scalar(select(func.max(InboxUpdate.update_id)))
    return max(int(processed or 0), int(waiting or 0))


async def arrive(
    db: Database,
    update_id: int | None,
    sender: Sender | None,
    default_language: str = "nl",
    cache: PersonCache | None = None,
    read: Callable[[Executor, int], Awaitable[None]] | None = None,
) -> PersonView | None:
    """Record the update (raise :class:`Replayed` if seen) and return its sender as a person.

    With ``update_id`` None the caller records it later, in the transaction of its own work.
    ``read`` is called with the session and the person's id in the same unit of work, when
    there is one: what the update's handler will read anyway, without a unit of its own.
    """
    known = cache.get(sender) if cache is not None and sender is not None else None
    if update_id is None and (known is not None or sender is None):
        return known
    if known is not None:
        assert update_id is not None
        async with db.transaction() as session:
            await record_in(session, update_id)
            if read is not None:
                await read(session, known.id)
        return known
    try:
        async with db.transaction() as session:
            if update_id is not None:
                await session.execute(_RECORD, {"update_id": update_id, "received_at": utcnow()})
            if sender is None:
                return None
            found = (
                await session.execute(_PERSON, {"telegram_user_id": sender.telegram_user_id})
            ).first()
            if found is None:
                person_id = await session.scalar(
                    _NEW_PERSON,
                    {
                        "telegram_user_id": sender.telegram_user_id,
                        "name": sender.name,
                        "username": sender.username,
                        "telegram_language": sender.telegram_language,
                        "is_demo": False,
                        "created_at": utcnow(),
                    },
                )
                assert person_id is not None
                chosen, is_demo = None, False
            else:
                person_id, chosen, is_demo = found.id, found.language, found.is_demo
                if (found.name, found.username, found.telegram_language) != (
                    sender.name,
                    sender.username,
                    sender.telegram_language,
                ):
                    await session.execute(
                        _REFRESH,
                        {
                            "person_id": person_id,
                            "name": sender.name,
                            "username": sender.username,
                            "lang": sender.telegram_language,
                        },
                    )
            if read is not None:
                await read(session, person_id)
    except IntegrityError:
        raise Replayed(update_id) from None
    language = chosen or normalize_language(sender.telegram_language, default_language)
    person = PersonView(person_id, sender.telegram_user_id, sender.name, language, chosen, is_demo)
    if cache is not None:
        cache.put(sender, person)
    return person


# ---- the inbox: updates stored before they are acknowledged --------------------------------


@dataclass(frozen=True)
class Pending:
    """A stored update a worker has leased: process it, then :func:`finish` it."""

    update_id: int
    payload: str
    lane: str
    attempts: int
    #: Whether the lane's saved conversation was read with the lease (``take(conversations=)``),
    #: and what it was (None: there is none, or it timed out).
    conversation_read: bool = False
    conversation: Saved | None = None


#: An update taken this many times without finishing (its worker died each time) is given up.
MAX_ATTEMPTS = 5

_STORE = {
    "postgresql": postgresql.insert(InboxUpdate).on_conflict_do_nothing(),
    "sqlite": sqlite.insert(InboxUpdate).on_conflict_do_nothing(),
}


async def store(db: Database, items: list[tuple[int, str, str]]) -> int:
    """Store ``(update_id, payload, lane)`` rows in one transaction; return how many were new.

    A delivery of an update already stored (Telegram's retry, or the other worker's copy)
    stores nothing and is still safe to acknowledge.
    """
    if not items:
        return 0
    now = utcnow()
    new = 0
    async with db.core() as connection:
        statement = _STORE[dialect_name(connection)]
        for update_id, payload, lane in items:
            result = await connection.execute(
                statement,
                {
                    "update_id": update_id,
                    "payload": payload,
                    "lane": lane,
                    "received_at": now,
                    "attempts": 0,
                },
            )
            new += result.rowcount
    return new


def _heads() -> Select[Any]:
    """The oldest unfinished update of each lane whose lease is free or ran out."""
    earlier = aliased(InboxUpdate)
    blocked = (
        select(earlier.update_id)
        .where(
            earlier.lane == InboxUpdate.lane,
            earlier.done_at.is_(None),
            earlier.update_id < InboxUpdate.update_id,
        )
        .exists()
    )
    return (
        select(InboxUpdate.update_id, InboxUpdate.payload, InboxUpdate.lane, InboxUpdate.attempts)
        .where(
            InboxUpdate.done_at.is_(None),
            or_(InboxUpdate.lease_until.is_(None), InboxUpdate.lease_until < bindparam("now")),
            ~blocked,
        )
        .order_by(InboxUpdate.update_id)
        .limit(bindparam("limit"))
    )


_HEADS = _heads()
_HEADS_LOCKED = _HEADS.with_for_update(skip_locked=True, of=InboxUpdate)


async def take(
    db: Database,
    worker: str,
    *,
    limit: int = 16,
    lease: timedelta = timedelta(seconds=60),
    now: datetime | None = None,
    conversations: timedelta | None = None,
) -> list[Pending]:
    """Lease up to ``limit`` updates, one per lane, oldest first, to ``worker``.

    With ``conversations`` (their time-out), the lanes' saved conversations are read in the
    same unit of work: nobody else changes a lane's conversation while its update is leased.

    PostgreSQL skips rows another worker is leasing right now (``FOR UPDATE SKIP LOCKED``);
    SQLite's ``BEGIN IMMEDIATE`` lets one worker at a time take. An update whose lease ran out
    (its worker died) is taken again; after :data:`MAX_ATTEMPTS` it is given up and logged.
    """
    now = now or utcnow()
    async with db.core() as connection:
        query = _HEADS_LOCKED if dialect_name(connection) == "postgresql" else _HEADS
        rows = (await connection.execute(query, {"now": now, "limit": limit})).all()
        if not rows:
            return []
        spent = [row.update_id for row in rows if row.attempts >= MAX_ATTEMPTS]
        if spent:
            log.error("updates %s failed %d times; given up", spent, MAX_ATTEMPTS)
            await connection.execute(
                update(InboxUpdate).where(InboxUpdate.update_id.in_(spent)).values(done_at=now)
            )
        taken = [row for row in rows if row.attempts < MAX_ATTEMPTS]
        if taken:
            await connection.execute(
                update(InboxUpdate)
                .where(InboxUpdate.update_id.in_([row.update_id for row in taken]))
                .values(
                    leased_by=worker,
                    lease_until=now + lease,
                    attempts=InboxUpdate.attempts + 1,
                )
            )
        saved = (
            await load_in(connection, [row.lane for row in taken], max_age=conversations, now=now)
            if conversations is not None and taken
            else {}
        )
    return [
        Pending(
            row.update_id,
            row.payload,
            row.lane,
            row.attempts + 1,
            conversation_read=conversations is not None,
            conversation=saved.get(row.lane),
        )
        for row in taken
    ]


_FINISH = (
    update(InboxUpdate)
    .where(
        InboxUpdate.update_id == bindparam("update"),
        InboxUpdate.leased_by == bindparam("worker"),
    )
    .values(done_at=bindparam("now"))
)
_RENEW = (
    update(InboxUpdate)
    .where(
        InboxUpdate.update_id.in_(bindparam("renew", expanding=True)),
        InboxUpdate.leased_by == bindparam("worker"),
        InboxUpdate.done_at.is_(None),
    )
    .values(lease_until=bindparam("until"))
    .returning(InboxUpdate.update_id)
)


async def finish(
    db: Database,
    update_id: int,
    worker: str,
    *,
    renew: Sequence[int] = (),
    lease: timedelta = timedelta(seconds=60),
) -> set[int]:
    """Mark the update processed (only by the worker holding its lease) and renew the lease
    on ``renew``, the rest of the worker's batch; return those still leased to it."""
    now = utcnow()
    async with db.core() as connection:
        await connection.execute(_FINISH, {"update": update_id, "worker": worker, "now": now})
        if not renew:
            return set()
        kept = await connection.scalars(
            _RENEW, {"renew": list(renew), "worker": worker, "until": now + lease}
        )
        return set(kept)


async def depth(db: Database) -> int:
    """How many stored updates are not processed yet."""
    async with db.core() as connection:
        count = await connection.scalar(
            select(func.count()).select_from(InboxUpdate).where(InboxUpdate.done_at.is_(None))
        )
    return int(count or 0)
