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
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite

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
    now = now or utcnow()
    async with db.core() as connection:
        row = (
            await connection.execute(
                select(
                    ConversationState.states,
                    ConversationState.drafts,
                    ConversationState.updated_at,
                ).where(ConversationState.lane == lane)
            )
        ).first()
        if row is None:
            return None
        if row.updated_at < now - max_age:
            await connection.execute(
                delete(ConversationState).where(ConversationState.lane == lane)
            )
            return None
    drafts = pickle.loads(row.drafts) if row.drafts else {}
    return Saved(dict(row.states), drafts)


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
