"""Where each person is in a step-by-step conversation, shared by every worker.

A worker loads a lane's row before it processes that lane's update and saves it after, so the
next update of the conversation can go to any worker. Lanes are processed one update at a time
(the inbox sees to that), so there is no lost update between load and save. A row older than
the conversations' time-out is ignored and removed, as the conversation would have ended.

Drafts are the handlers' own small dataclasses, stored with :mod:`pickle`; they are read back
only by werkbot from its own database, like python-telegram-bot's ``PicklePersistence``.
"""

from __future__ import annotations

import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.db.engine import Database, dialect_name
from bot.db.models import ConversationState, utcnow


@dataclass(frozen=True)
class Saved:
    states: dict[str, Any]
    drafts: dict[str, Any]


_UPSERT: dict[str, Any] = {}
for _name, _dialect in (("postgresql", postgresql), ("sqlite", sqlite)):
    _insert = _dialect.insert(ConversationState)
    _UPSERT[_name] = _insert.on_conflict_do_update(
        index_elements=[ConversationState.lane],
        set_={
            "states": _insert.excluded.states,
            "drafts": _insert.excluded.drafts,
            "telegram_user_id": _insert.excluded.telegram_user_id,
            "updated_at": _insert.excluded.updated_at,
        },
    )


async def load(
    db: Database, lane: str, *, max_age: timedelta, now: datetime | None = None
) -> Saved | None:
    """The lane's saved conversation, or None when there is none (or it timed out)."""
    async with db.core() as connection:
        found = await load_in(connection, [lane], max_age=max_age, now=now)
    return found.get(lane)


async def load_in(
    connection: AsyncConnection,
    lanes: Sequence[str],
    *,
    max_age: timedelta,
    now: datetime | None = None,
) -> dict[str, Saved]:
    """The saved conversations of ``lanes`` inside the caller's unit of work (the inbox reads
    them with the lease on the lanes' updates); a row that timed out is removed, as the
    conversation would have ended, and is not returned."""
    if not lanes:
        return {}
    now = now or utcnow()
    rows = (
        await connection.execute(
            select(
                ConversationState.lane,
                ConversationState.states,
                ConversationState.drafts,
                ConversationState.updated_at,
            ).where(ConversationState.lane.in_(lanes))
        )
    ).all()
    ended = [row.lane for row in rows if row.updated_at < now - max_age]
    if ended:
        await connection.execute(delete(ConversationState).where(ConversationState.lane.in_(ended)))
    return {
        row.lane: Saved(dict(row.states), pickle.loads(row.drafts) if row.drafts else {})
        for row in rows
        if row.lane not in ended
    }


async def save(
    db: Database,
    lane: str,
    telegram_user_id: int | None,
    states: dict[str, Any],
    drafts: dict[str, Any],
) -> None:
    """Store the lane's conversation; nothing left (no state, no draft) removes the row."""
    async with db.core() as connection:
        if not states and not drafts:
            await connection.execute(
                delete(ConversationState).where(ConversationState.lane == lane)
            )
            return
        await connection.execute(
            _UPSERT[dialect_name(connection)],
            {
                "lane": lane,
                "states": states,
                "drafts": pickle.dumps(drafts) if drafts else None,
                "telegram_user_id": telegram_user_id,
                "updated_at": utcnow(),
            },
        )
