"""The audit log: append-only and hash-chained; events carry ids, never names."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.engine import Database, Executor, dialect_name
from bot.db.models import AuditEvent, Motion, utcnow

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


def digest(text: str) -> str:
    """The SHA-256 of a text an event vouches for without holding it (a title, a body)."""
    return hashlib.sha256(text.encode()).hexdigest()


def moment(value: datetime | None) -> str | None:
    """A stored moment as an event holds it: ISO 8601 in UTC (None stays None)."""
    return value.astimezone(UTC).isoformat() if value is not None else None


def proposal_content(motion: Motion) -> dict[str, Any]:
    """What a ``motion_proposed`` event vouches for besides its ids: the title's and text's
    SHA-256 (the log holds no text), the close time and the meeting it belongs to."""
    return {
        "title": digest(motion.title),
        "text": digest(motion.body),
        "deadline": moment(motion.deadline_at),
        "meeting": motion.meeting_id,
    }


def close_basis(motion: Motion) -> str:
    """The SHA-256 of what a close decided from besides the ballots: presence, vice-chair, quorum."""
    basis = {
        "present": motion.present_keys,
        "vice_chair": motion.vice_chair_key,
        "quorum": motion.quorum,
    }
    return digest(json.dumps(basis, sort_keys=True, separators=(",", ":")))


def close_content(motion: Motion) -> dict[str, Any]:
    """What a ``motion_closed`` or ``motion_withdrawn`` event vouches for: when, and on what."""
    return {"closed_at": moment(motion.closed_at), "basis": close_basis(motion)}


#: Hex characters of the hash in an anchor's short form: 64 bits, too many to forge by trial.
SHORT_HASH = 16


@dataclass(frozen=True)
class Anchor:
    """The chain's tip at a moment: the last event's hash and number (its id).

    Written on documents that leave the database (result messages, decision lists, yearly
    reports); ``audit verify --anchor`` checks the chain still passes through it.
    """

    hash: str
    seq: int

    @property
    def short(self) -> str:
        """ "3f9a1c2e5b7d9012@57": the hash's first 16 hex characters, then the number."""
        return f"{self.hash[:SHORT_HASH]}@{self.seq}"

    @property
    def full(self) -> str:
        return f"{self.hash}@{self.seq}"


EMPTY_ANCHOR = Anchor(GENESIS, 0)
# HEAD[…TAIL]@SEQ: at least 8 hex characters of the hash's start, optionally an ellipsis and
# the hash's last characters, then the event's number
_ANCHOR = re.compile(
    r"(?<![0-9a-f])([0-9a-f]{8,64})(?:(?:\u2026|\.\.\.)([0-9a-f]{1,56}))?@([0-9]{1,18})(?![0-9])",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class AnchorClaim:
    """An anchor as someone kept it: the start (and perhaps the end) of a hash and a number."""

    text: str
    head: str
    tail: str
    seq: int

    def matches(self, full_hash: str) -> bool:
        return full_hash.startswith(self.head) and full_hash.endswith(self.tail)


def find_anchors(text: str) -> list[AnchorClaim]:
    """Every anchor in ``text`` (a pasted message, a line of a file): ``HASH@SEQ`` where HASH
    is at least 8 hex characters of the hash's start, optionally ``…`` and its last ones."""
    return [
        AnchorClaim(m.group(0), m.group(1).lower(), (m.group(2) or "").lower(), int(m.group(3)))
        for m in _ANCHOR.finditer(text)
        if len(m.group(1)) + len(m.group(2) or "") <= 64
    ]


_TIP_ROW = select(AuditEvent.hash, AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1)


async def anchor_in(session: Executor) -> Anchor:
    """The chain's tip as an :class:`Anchor` (``EMPTY_ANCHOR`` before the first event)."""
    row = (await session.execute(_TIP_ROW)).first()
    return Anchor(str(row[0]), int(row[1])) if row is not None else EMPTY_ANCHOR


async def anchor_now(db: Database) -> Anchor:
    """The chain's tip now, for a document about to be made."""
    async with db.transaction() as session:
        return await anchor_in(session)


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
