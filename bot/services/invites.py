"""Invites: single-use, expiring codes for one seat. Only the code's SHA-256 is stored."""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from bot.db.engine import Database
from bot.db.models import Board, Invite, Person, Seat, utcnow
from bot.services import audit
from bot.services.boards import board_ref, holders, is_secretary, seat_line, take_seat
from bot.services.errors import Refusal, ServiceError
from bot.services.views import Claim, HeldSeat, InviteCode

#: What a deep-link start parameter may hold (Telegram: A-Z, a-z, 0-9, _ and -, up to 64).
CODE_PATTERN = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def hash_code(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def looks_like_code(text: str) -> bool:
    return bool(CODE_PATTERN.match(text))


async def create_invite(
    db: Database,
    board_id: int,
    seat_key: str,
    *,
    created_by: int | None,
    valid_for: timedelta,
    now: datetime | None = None,
) -> InviteCode:
    """A new code for a vacant seat. ``created_by`` None is the administrator (command line)."""
    now = now or utcnow()
    if created_by is not None and not await is_secretary(db, created_by, board_id):
        raise ServiceError(Refusal.NOT_SECRETARY, board=board_id)
    async with db.transaction() as session:
        board = await session.get(Board, board_id)
        seat = await session.scalar(
            select(Seat).where(Seat.board_id == board_id, Seat.key == seat_key)
        )
        if board is None:
            raise ServiceError(Refusal.UNKNOWN_BOARD, board=board_id)
        if seat is None:
            raise ServiceError(Refusal.UNKNOWN_SEAT, seat=seat_key)
        holder = (await holders(session, [seat.id])).get(seat.id)
        if holder is not None:
            raise ServiceError(
                Refusal.SEAT_TAKEN, seat=seat.label_nl, seat_en=seat.label_en, holder=holder.name
            )
        code = secrets.token_urlsafe(16)
        invite = Invite(
            seat_id=seat.id,
            code_hash=hash_code(code),
            created_by_id=created_by,
            created_at=now,
            expires_at=now + valid_for,
        )
        session.add(invite)
        await session.flush()
        await audit.append(session, "invite_created", board.id, invite=invite.id, seat=seat.id)
        return InviteCode(code, board_ref(board), seat_line(seat, None), invite.expires_at)


async def claim(db: Database, code: str, person_id: int, now: datetime | None = None) -> Claim:
    """Take the seat an invite is for. Each refusal says why; a code works exactly once."""
    now = now or utcnow()
    async with db.transaction() as session:
        invite = await session.scalar(select(Invite).where(Invite.code_hash == hash_code(code)))
        if invite is None or invite.substitution_id is not None:  # substitutes: their own claim
            raise ServiceError(Refusal.INVITE_INVALID)
        seat = await session.get(Seat, invite.seat_id)
        person = await session.get(Person, person_id)
        assert seat is not None
        assert person is not None
        if invite.used_by_id == person_id:
            board = await session.get(Board, seat.board_id)
            assert board is not None
            held = HeldSeat(board_ref(board), seat_line(seat, person), invite.used_at or now)
            return Claim(held, already_yours=True)
        if invite.used_at is not None:
            raise ServiceError(Refusal.INVITE_USED)
        if invite.expires_at <= now:
            raise ServiceError(Refusal.INVITE_EXPIRED, expired=invite.expires_at)
        taken = await session.execute(
            update(Invite)
            .where(Invite.id == invite.id, Invite.used_at.is_(None))
            .values(used_at=now, used_by_id=person_id)
        )
        if taken.rowcount != 1:  # type: ignore[attr-defined]
            raise ServiceError(Refusal.INVITE_USED)
        current = (await holders(session, [seat.id])).get(seat.id)
        if current is not None and current.id != person_id:
            raise ServiceError(
                Refusal.SEAT_TAKEN, seat=seat.label_nl, seat_en=seat.label_en, holder=current.name
            )
        try:
            held = await take_seat(session, seat, person, now)
        except IntegrityError:  # another claim of the same seat won the race
            raise ServiceError(
                Refusal.SEAT_TAKEN, seat=seat.label_nl, seat_en=seat.label_en, holder=""
            ) from None
        await audit.append(
            session, "invite_used", seat.board_id, invite=invite.id, person=person_id
        )
        return Claim(held)


async def open_invites(db: Database, board_id: int, now: datetime | None = None) -> int:
    """How many unused, unexpired invites the board has."""
    now = now or utcnow()
    async with db.transaction() as session:
        rows = await session.scalars(
            select(Invite.id)
            .join(Seat, Seat.id == Invite.seat_id)
            .where(Seat.board_id == board_id, Invite.used_at.is_(None), Invite.expires_at > now)
        )
        return len(rows.all())
