"""Substitutes: a seat holder (or the secretary) names someone to vote for one seat.

A substitution covers one meeting (every proposal that belongs to it) or one proposal. While
it stands and its substitute is known, only the substitute can cast or change the seat's one
ballot on what it covers, and the substitute's answer to the meeting counts as the seat's
presence. The substitute must not hold a voting seat on the same board: nobody casts two votes.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.engine import Database
from bot.db.models import (
    BallotRow,
    Board,
    Invite,
    Meeting,
    Motion,
    Person,
    Seat,
    SeatAssignment,
    Substitution,
    utcnow,
)
from bot.services import audit
from bot.services.boards import SECRETARY_ROLES, board_ref, holders, load_board
from bot.services.errors import Refusal, ServiceError
from bot.services.invites import hash_code
from bot.services.views import BoardRef
from rules.agreements.loader import shipped_agreements


@dataclass(frozen=True)
class Someone:
    id: int
    name: str
    telegram_user_id: int | None
    language: str | None
    telegram_language: str | None = None


@dataclass(frozen=True)
class SubstituteSeat:
    """A seat someone may name a substitute for, with its holder now."""

    key: str
    label_nl: str
    label_en: str
    holder: Someone | None

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_nl


@dataclass(frozen=True)
class Scope:
    """A meeting or a proposal a substitution can cover."""

    meeting_id: int | None
    motion_id: int | None
    starts_at: datetime | None
    title: str | None


@dataclass(frozen=True)
class SubstitutionView:
    id: int
    board: BoardRef
    seat: SubstituteSeat
    substitute: Someone | None
    scope: Scope
    named_by: int | None
    #: Open proposals the substitute votes on now (to send them their ballots).
    motions: tuple[int, ...]
    invite_code: str | None = None


def covers(motion_id: Any, meeting_id: Any) -> ColumnElement[bool]:
    """A standing, claimed substitution that covers the motion (or its meeting)."""
    return and_(
        Substitution.revoked_at.is_(None),
        Substitution.person_id.is_not(None),
        or_(
            Substitution.motion_id == motion_id,
            and_(Substitution.meeting_id.is_not(None), Substitution.meeting_id == meeting_id),
        ),
    )


async def covering(session: AsyncSession, motion_id: int) -> dict[int, tuple[int, int]]:
    """Seat id -> (substitution id, substitute's person id) for the motion."""
    meeting_id = await session.scalar(select(Motion.meeting_id).where(Motion.id == motion_id))
    rows = await session.execute(
        select(Substitution.seat_id, Substitution.id, Substitution.person_id)
        .where(covers(motion_id, meeting_id))
        .order_by(Substitution.id)
    )
    return {seat: (sub, person) for seat, sub, person in rows.tuples() if person is not None}


def _someone(person: Person | None) -> Someone | None:
    if person is None:
        return None
    return Someone(
        person.id, person.name, person.telegram_user_id, person.language, person.telegram_language
    )


def allowed_seats(board: Board) -> list[Seat]:
    """The voting seats whose holders may send a substitute (agreement, then board setting)."""
    rule = shipped_agreements()[board.agreement_id].substitutes
    seats = [s for s in board.seats if s.votes]
    if rule is not None:
        if not rule.allowed:
            return []
        if rule.seat_specs is not None:
            seats = [s for s in seats if s.spec in rule.seat_specs]
    if board.substitute_seats is not None:
        seats = [s for s in seats if s.key in board.substitute_seats]
    return seats


async def _is_secretary(session: AsyncSession, person_id: int, board_id: int) -> bool:
    found = await session.scalar(
        select(Seat.id)
        .join(SeatAssignment, SeatAssignment.seat_id == Seat.id)
        .where(
            Seat.board_id == board_id,
            Seat.role.in_(SECRETARY_ROLES),
            SeatAssignment.person_id == person_id,
            SeatAssignment.ends_at.is_(None),
        )
        .limit(1)
    )
    return found is not None


async def _seats_for(session: AsyncSession, board: Board, person_id: int) -> list[SubstituteSeat]:
    allowed = allowed_seats(board)
    held = await holders(session, [s.id for s in allowed])
    if not await _is_secretary(session, person_id, board.id):
        allowed = [s for s in allowed if (h := held.get(s.id)) is not None and h.id == person_id]
    # a vacant seat has nobody to stand in for: it gets no substitute (it gets an invite)
    return [
        SubstituteSeat(s.key, s.label_nl, s.label_en, _someone(held[s.id]))
        for s in allowed
        if s.id in held
    ]


async def boards_for(db: Database, person_id: int) -> list[BoardRef]:
    """Boards where the person may name a substitute: for their own seat, or as secretary."""
    async with db.transaction() as session:
        board_ids = select(Seat.board_id).where(
            Seat.id.in_(
                select(SeatAssignment.seat_id).where(
                    SeatAssignment.person_id == person_id, SeatAssignment.ends_at.is_(None)
                )
            )
        )
        found = []
        ids = list(await session.scalars(select(Board.id).where(Board.id.in_(board_ids))))
        for board_id in sorted(ids):
            board = await load_board(session, board_id)
            if await _seats_for(session, board, person_id):
                found.append(board_ref(board))
        return found


async def seats_for(db: Database, board_id: int, person_id: int) -> list[SubstituteSeat]:
    async with db.transaction() as session:
        return await _seats_for(session, await load_board(session, board_id), person_id)


async def scopes(db: Database, board_id: int, now: datetime | None = None) -> list[Scope]:
    """What a substitution can cover: the board's planned meetings and open proposals."""
    now = now or utcnow()
    async with db.transaction() as session:
        meetings = await session.scalars(
            select(Meeting)
            .where(Meeting.board_id == board_id, Meeting.status == "planned")
            .where(Meeting.starts_at > now - timedelta(hours=12))  # also the one running today
            .order_by(Meeting.starts_at)
            .limit(4)
        )
        found = [Scope(m.id, None, m.starts_at, None) for m in meetings]
        motions = await session.scalars(
            select(Motion)
            .where(Motion.board_id == board_id, Motion.status == "open", Motion.deadline_at > now)
            .order_by(Motion.id.desc())
            .limit(5)
        )
        return found + [Scope(None, m.id, None, m.title) for m in motions]


async def candidates(db: Database, board_id: int, seat_key: str) -> list[Someone]:
    """People the bot knows who could substitute: on the board without a voting seat, or who
    substituted on this board before."""
    async with db.transaction() as session:
        board = await load_board(session, board_id)
        voting = {s.id for s in board.seats if s.votes}
        held = await holders(session, [s.id for s in board.seats])
        voters = {p.id for seat, p in held.items() if seat in voting}
        people = {p.id: p for seat, p in held.items() if seat not in voting}
        earlier = await session.scalars(
            select(Person)
            .join(Substitution, Substitution.person_id == Person.id)
            .where(Substitution.board_id == board_id)
        )
        people.update({p.id: p for p in earlier})
        return sorted(
            (
                someone
                for p in people.values()
                if p.id not in voters and p.telegram_user_id is not None
                if (someone := _someone(p)) is not None
            ),
            key=lambda p: p.name,
        )


async def _check_substitute(
    session: AsyncSession, board: Board, seat: Seat, person_id: int
) -> Person:
    person = await session.get(Person, person_id)
    if person is None:
        raise ServiceError(Refusal.UNKNOWN_PERSON, person=person_id)
    holder = (await holders(session, [seat.id])).get(seat.id)
    if holder is not None and holder.id == person_id:
        raise ServiceError(Refusal.SUBSTITUTE_IS_HOLDER)
    voting = {s.id for s in board.seats if s.votes}
    own = await holders(session, list(voting))
    if any(p.id == person_id for p in own.values()):
        raise ServiceError(Refusal.SUBSTITUTE_HOLDS_SEAT, name=person.name)
    secretaries = await holders(session, [s.id for s in board.seats if s.role in SECRETARY_ROLES])
    if any(p.id == person_id for p in secretaries.values()):
        raise ServiceError(Refusal.SECRETARY_TAKES_VOTE)
    return person


async def _check_not_voted(session: AsyncSession, seat: Seat, motion_id: int) -> None:
    voted = await session.scalar(
        select(BallotRow.id).where(BallotRow.motion_id == motion_id, BallotRow.seat_id == seat.id)
    )
    if voted is not None:
        raise ServiceError(
            Refusal.SEAT_HAS_VOTED, seat=seat.label_nl, seat_en=seat.label_en, number=motion_id
        )


async def name(
    db: Database,
    board_id: int,
    seat_key: str,
    by: int,
    *,
    meeting_id: int | None = None,
    motion_id: int | None = None,
    person_id: int | None = None,
    invite_valid_for: timedelta = timedelta(days=7),
    now: datetime | None = None,
) -> SubstitutionView:
    """Name a substitute (``person_id``) or make an invite for one (``person_id`` None).

    A new substitution for the same seat and scope replaces the one before.
    """
    if (meeting_id is None) == (motion_id is None):
        raise ValueError("give a meeting or a motion")
    now = now or utcnow()
    async with db.transaction() as session:
        await audit.lock_chain(session)  # no ballot of the seat can slip in while we check
        board = await load_board(session, board_id)
        seat = next((s for s in board.seats if s.key == seat_key), None)
        if seat is None or not seat.votes:
            raise ServiceError(Refusal.UNKNOWN_SEAT, seat=seat_key)
        if seat.key not in {s.key for s in await _seats_for(session, board, by)}:
            if seat.id not in {s.id for s in allowed_seats(board)}:
                raise ServiceError(
                    Refusal.NO_SUBSTITUTES, seat=seat.label_nl, seat_en=seat.label_en
                )
            raise ServiceError(Refusal.NOT_YOUR_SEAT)
        scope = await _scope(session, board_id, meeting_id, motion_id, now)
        if motion_id is not None:
            await _check_not_voted(session, seat, motion_id)
        person = await _check_substitute(session, board, seat, person_id) if person_id else None
        same_scope = (
            Substitution.meeting_id == meeting_id
            if meeting_id is not None
            else Substitution.motion_id == motion_id
        )
        await session.execute(
            update(Substitution)
            .where(Substitution.seat_id == seat.id, Substitution.revoked_at.is_(None), same_scope)
            .values(revoked_at=now)
        )
        substitution = Substitution(
            board_id=board_id,
            seat_id=seat.id,
            person_id=person.id if person else None,
            meeting_id=meeting_id,
            motion_id=motion_id,
            named_by_id=by,
            created_at=now,
        )
        session.add(substitution)
        await session.flush()
        code = None
        if person is None:
            code = secrets.token_urlsafe(16)
            session.add(
                Invite(
                    seat_id=seat.id,
                    code_hash=hash_code(code),
                    created_by_id=by,
                    created_at=now,
                    expires_at=now + invite_valid_for,
                    substitution_id=substitution.id,
                )
            )
        await audit.append(
            session,
            "substitute_named",
            board_id,
            substitution=substitution.id,
            seat=seat.id,
            person=person.id if person else None,
            meeting=meeting_id,
            motion=motion_id,
            by=by,
        )
        return await _view(session, substitution, scope, code)


async def _scope(
    session: AsyncSession,
    board_id: int,
    meeting_id: int | None,
    motion_id: int | None,
    now: datetime,
) -> Scope:
    if meeting_id is not None:
        meeting = await session.get(Meeting, meeting_id)
        if meeting is None or meeting.board_id != board_id or meeting.status != "planned":
            raise ServiceError(Refusal.UNKNOWN_MEETING, meeting=meeting_id)
        return Scope(meeting.id, None, meeting.starts_at, None)
    motion = await session.get(Motion, motion_id)
    if motion is None or motion.board_id != board_id:
        raise ServiceError(Refusal.UNKNOWN_MOTION, motion=motion_id)
    if motion.status != "open" or motion.deadline_at <= now:
        raise ServiceError(Refusal.VOTING_CLOSED, motion=motion_id)
    return Scope(None, motion.id, None, motion.title)


async def _view(
    session: AsyncSession, substitution: Substitution, scope: Scope, code: str | None
) -> SubstitutionView:
    board = await load_board(session, substitution.board_id)
    seat = next(s for s in board.seats if s.id == substitution.seat_id)
    holder = (await holders(session, [seat.id])).get(seat.id)
    person = await session.get(Person, substitution.person_id) if substitution.person_id else None
    query = select(Motion.id).where(Motion.status == "open").order_by(Motion.id)
    if substitution.motion_id is not None:
        query = query.where(Motion.id == substitution.motion_id)
    else:
        query = query.where(Motion.meeting_id == substitution.meeting_id)
    return SubstitutionView(
        substitution.id,
        board_ref(board),
        SubstituteSeat(seat.key, seat.label_nl, seat.label_en, _someone(holder)),
        _someone(person),
        scope,
        substitution.named_by_id,
        tuple(await session.scalars(query)),
        code,
    )


async def claim_invite(
    db: Database, code: str, person_id: int, now: datetime | None = None
) -> SubstitutionView | None:
    """Become the substitute an invite names; None when the code is no substitute's invite."""
    now = now or utcnow()
    async with db.transaction() as session:
        await audit.lock_chain(session)
        invite = await session.scalar(select(Invite).where(Invite.code_hash == hash_code(code)))
        if invite is None or invite.substitution_id is None:
            return None
        substitution = await session.get(Substitution, invite.substitution_id)
        person = await session.get(Person, person_id)
        assert person is not None
        if substitution is None or substitution.revoked_at is not None:
            raise ServiceError(Refusal.INVITE_INVALID)
        if invite.used_by_id == person_id:
            return await _view(session, substitution, await _scope_of(session, substitution), None)
        if invite.used_at is not None:
            raise ServiceError(Refusal.INVITE_USED)
        if invite.expires_at <= now:
            raise ServiceError(Refusal.INVITE_EXPIRED, expired=invite.expires_at)
        board = await load_board(session, substitution.board_id)
        seat = next(s for s in board.seats if s.id == substitution.seat_id)
        await _check_substitute(session, board, seat, person.id)
        scope = await _scope(
            session, board.id, substitution.meeting_id, substitution.motion_id, now
        )
        if substitution.motion_id is not None:
            await _check_not_voted(session, seat, substitution.motion_id)
        invite.used_at, invite.used_by_id = now, person.id
        substitution.person_id = person.id
        await audit.append(
            session,
            "substitute_named",
            board.id,
            substitution=substitution.id,
            seat=seat.id,
            person=person.id,
            invite=invite.id,
        )
        return await _view(session, substitution, scope, None)


async def _scope_of(session: AsyncSession, substitution: Substitution) -> Scope:
    if substitution.meeting_id is not None:
        meeting = await session.get(Meeting, substitution.meeting_id)
        return Scope(substitution.meeting_id, None, meeting.starts_at if meeting else None, None)
    motion = await session.get(Motion, substitution.motion_id)
    return Scope(None, substitution.motion_id, None, motion.title if motion else None)


async def standing(
    db: Database, person_id: int, now: datetime | None = None
) -> list[SubstitutionView]:
    """The substitutions the person holds now (for meetings to come and open proposals)."""
    now = now or utcnow()
    async with db.transaction() as session:
        rows = await session.scalars(
            select(Substitution)
            .outerjoin(Meeting, Meeting.id == Substitution.meeting_id)
            .outerjoin(Motion, Motion.id == Substitution.motion_id)
            .where(Substitution.person_id == person_id, Substitution.revoked_at.is_(None))
            .where(or_(Meeting.status == "planned", Motion.status == "open"))
            .order_by(Substitution.id)
        )
        return [await _view(session, s, await _scope_of(session, s), None) for s in rows]
