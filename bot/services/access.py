"""Who may act on what: the board an object belongs to, and the person's place on that board.

The button router (``handlers.button_access``) asks these questions for every press, because
callback data comes from the client and can name any board, motion, meeting or seat.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, select

from bot.db.engine import Database
from bot.db.models import Board, Meeting, Motion, Seat, Substitution
from bot.services.boards import SECRETARY_ROLES, seats_of
from bot.services.substitutes import covers


@dataclass(frozen=True)
class Standing:
    """A person's place on one board now."""

    member: bool  # holds a seat on it
    secretary: bool  # holds its secretary or deputy-secretary seat
    seats: frozenset[str]  # the keys of the seats they hold


async def board_exists(db: Database, board_id: int) -> bool:
    async with db.reading() as session:
        return await session.scalar(select(Board.id).where(Board.id == board_id)) is not None


async def board_of_motion(db: Database, motion_id: int) -> int | None:
    """The board the motion belongs to (None: no such motion)."""
    async with db.reading() as session:
        board_id: int | None = await session.scalar(
            select(Motion.board_id).where(Motion.id == motion_id)
        )
        return board_id


async def board_of_meeting(db: Database, meeting_id: int) -> int | None:
    """The board the meeting belongs to (None: no such meeting)."""
    async with db.reading() as session:
        board_id: int | None = await session.scalar(
            select(Meeting.board_id).where(Meeting.id == meeting_id)
        )
        return board_id


async def has_seat(db: Database, board_id: int, seat_key: str) -> bool:
    """Whether the board has a seat with this key."""
    async with db.reading() as session:
        found = await session.scalar(
            select(Seat.id).where(Seat.board_id == board_id, Seat.key == seat_key)
        )
        return found is not None


async def standing(db: Database, person_id: int, board_id: int) -> Standing:
    """Whether the person sits on the board, as its secretary, and in which seats."""
    held = [h for h in await seats_of(db, person_id) if h.board.id == board_id]
    return Standing(
        member=bool(held),
        secretary=any(h.seat.role in SECRETARY_ROLES for h in held),
        seats=frozenset(h.seat.key for h in held),
    )


async def substitutes_at(
    db: Database, person_id: int, *, motion_id: int | None = None, meeting_id: int | None = None
) -> bool:
    """Whether the person is a standing substitute on the motion (for it, or for its meeting)
    or at the meeting: they may vote or answer there without a seat on the board."""
    async with db.reading() as session:
        if motion_id is not None:
            meeting = await session.scalar(select(Motion.meeting_id).where(Motion.id == motion_id))
            condition = covers(motion_id, meeting)
        elif meeting_id is not None:
            condition = and_(
                Substitution.revoked_at.is_(None), Substitution.meeting_id == meeting_id
            )
        else:
            return False
        found = await session.scalar(
            select(Substitution.id).where(condition, Substitution.person_id == person_id).limit(1)
        )
        return found is not None
