"""The audit log: append-only and hash-chained; events carry ids, never names."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.engine import Database, Executor, dialect_name
from bot.db.models import AuditEvent, utcnow

GENESIS = "0" * 64
_CHAIN_LOCK = 0x77657262  # PostgreSQL advisory lock key: one appender at a time


def event_hash(
    prev_hash: str, kind: str, board_id: int | None, payload: dict[str, Any], at: datetime
) -> str:
    body = json.dumps(
        {
            "prev": prev_hash,
            "kind": kind,
            "board": board_id,
            "payload": payload,
            "at": at.isoformat(),
        },
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(body.encode()).hexdigest()


_LAST_HASH = select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)
#: The chain's tip as a column, for callers that read it together with their own data.
TIP = _LAST_HASH.scalar_subquery().label("audit_tip")
_INSERT = insert(AuditEvent)
_ADVISORY_LOCK = text("SELECT pg_advisory_xact_lock(:key)")


async def lock_chain(session: Executor) -> None:
    """Queue appenders: an advisory lock on PostgreSQL (SQLite's BEGIN IMMEDIATE already does)."""
    if dialect_name(session) == "postgresql":
        await session.execute(_ADVISORY_LOCK, {"key": _CHAIN_LOCK})


async def tip(session: Executor) -> str:
    """The chain's last hash (GENESIS when empty); read it after :func:`lock_chain`."""
    return await session.scalar(_LAST_HASH) or GENESIS


async def append(session: AsyncSession, kind: str, board_id: int | None, **payload: Any) -> str:
    """Append an event inside the caller's transaction and return its hash.

    The unique ``prev_hash`` keeps one chain; appenders queue on :func:`lock_chain`.
    """
    await lock_chain(session)
    prev = await session.scalar(_LAST_HASH) or GENESIS
    return await append_after(session, prev, kind, board_id, **payload)


def event_time() -> datetime:
    """When an event happens, as it is stored and hashed (whole seconds)."""
    return utcnow().replace(microsecond=0)


def event_row(
    prev: str, kind: str, board_id: int | None, payload: dict[str, Any]
) -> dict[str, Any]:
    """The row of an event after ``prev``, its hash computed."""
    at = event_time()
    return {
        "created_at": at,
        "kind": kind,
        "board_id": board_id,
        "payload": payload,
        "prev_hash": prev,
        "hash": event_hash(prev, kind, board_id, payload, at),
    }


async def append_after(
    session: Executor, prev: str, kind: str, board_id: int | None, **payload: Any
) -> str:
    """Append after a tip the caller read *after* :func:`lock_chain` in this transaction."""
    row = event_row(prev, kind, board_id, payload)
    await session.execute(_INSERT, row)
    return str(row["hash"])


async def first_broken_event(db: Database) -> int | None:
    """The id of the first event whose hash or link does not check out, or None if intact."""
    async with db.transaction() as session:
        events = (await session.scalars(select(AuditEvent).order_by(AuditEvent.id))).all()
    prev = GENESIS
    for event in events:
        expected = event_hash(prev, event.kind, event.board_id, event.payload, event.created_at)
        if event.prev_hash != prev or event.hash != expected:
            return event.id
        prev = event.hash
    return None
