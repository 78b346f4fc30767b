"""Who may act on what: the board an object belongs to, and the person's place on that board.

The button router (``handlers.button_access``) asks these questions for every press, because
callback data comes from the client and can name any board, motion, meeting or seat. All of a
press's questions are answered in one reading transaction (:func:`resolve`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.engine import Database
from bot.db.models import Board, Meeting, Motion, Seat, SeatAssignment, Substitution
from bot.services.boards import SECRETARY_ROLES
from bot.services.substitutes import covers
from rules.agreements.model import SeatRole


@dataclass(frozen=True)
class Standing:
    """A person's place on one board now."""

    member: bool  # holds a seat on it
    secretary: bool  # holds its secretary or deputy-secretary seat
    seats: frozenset[str]  # the keys of the seats they hold
    chair: bool = False  # holds its chair seat


@dataclass(frozen=True)
class Objects:
    """What a button's data names (each None when it names none of that kind)."""

    board: int | None = None
    motion: int | None = None
    meeting: int | None = None
    seat: str | None = None
    group_chat: int | None = None  # the group it was pressed in


@dataclass(frozen=True)
class Resolved:
    """The one board the objects belong to (None: unknown, or they differ), whether the seat
    is on it, the group's own board, the person's place on the board, and whether they are a
    standing substitute at the motion or meeting."""

    board: int | None
    seat_found: bool
    group_board: int | None
    standing: Standing
    substitute: bool


NOBODY = Standing(member=False, secretary=False, seats=frozenset())


async def resolve(db: Database, person_id: int, objects: Objects) -> Resolved:
    async with db.reading() as session:
        board = await _one_board(session, objects)
        seat_found = True
        if board is not None and objects.seat is not None:
            seat_found = (
                await session.scalar(
                    select(Seat.id).where(Seat.board_id == board, Seat.key == objects.seat)
                )
                is not None
            )
        group_board = None
        if objects.group_chat is not None:
            group_board = await session.scalar(
                select(Board.id).where(Board.group_chat_id == objects.group_chat)
            )
        standing = await _standing(session, person_id, board) if board is not None else NOBODY
        substitute = False
        if board is not None and not standing.member:
            substitute = await _substitutes_at(session, person_id, objects)
        return Resolved(board, seat_found, group_board, standing, substitute)


async def _one_board(session: AsyncSession, objects: Objects) -> int | None:
    found: set[int | None] = set()
    if objects.board is not None:
        found.add(await session.scalar(select(Board.id).where(Board.id == objects.board)))
    if objects.motion is not None:
        found.add(await session.scalar(select(Motion.board_id).where(Motion.id == objects.motion)))
    if objects.meeting is not None:
        found.add(
            await session.scalar(select(Meeting.board_id).where(Meeting.id == objects.meeting))
        )
    return found.pop() if len(found) == 1 else None


async def _standing(session: AsyncSession, person_id: int, board_id: int) -> Standing:
    held = (
        await session.execute(
            select(Seat.key, Seat.role)
            .join(SeatAssignment, SeatAssignment.seat_id == Seat.id)
            .where(
                Seat.board_id == board_id,
                SeatAssignment.person_id == person_id,
                SeatAssignment.ends_at.is_(None),
            )
        )
    ).all()
    return Standing(
        member=bool(held),
        secretary=any(role in SECRETARY_ROLES for _, role in held),
        seats=frozenset(key for key, _ in held),
        chair=any(role == SeatRole.CHAIR.value for _, role in held),
    )


async def _substitutes_at(session: AsyncSession, person_id: int, objects: Objects) -> bool:
    """Whether the person is a standing substitute on the motion (for it, or for its meeting)
    or at the meeting: they may vote or answer there without a seat on the board."""
    if objects.motion is not None:
        meeting = await session.scalar(select(Motion.meeting_id).where(Motion.id == objects.motion))
        condition = covers(objects.motion, meeting)
    elif objects.meeting is not None:
        condition = and_(
            Substitution.revoked_at.is_(None), Substitution.meeting_id == objects.meeting
        )
    else:
        return False
    found = await session.scalar(
        select(Substitution.id).where(condition, Substitution.person_id == person_id).limit(1)
    )
    return found is not None
