"""Motions: put to a board, voted on seat by seat, closed once, decided by the agreement.

Every function is one unit of work. Ballots are unique per motion and seat by constraint and
written with an upsert, so simultaneous presses from one seat leave one ballot.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import (
    BindParameter,
    Row,
    Select,
    and_,
    bindparam,
    func,
    or_,
    select,
    union,
    update,
)
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from bot.db.engine import Database
from bot.db.models import (
    BallotRow,
    Board,
    Meeting,
    Motion,
    MotionMessage,
    Person,
    Rsvp,
    ScheduledWork,
    Seat,
    SeatAssignment,
    Substitution,
    utcnow,
)
from bot.services import audit, inbox, outbox
from bot.services.boards import board_ref, holders, load_board, quorum_of
from bot.services.errors import Refusal, ServiceError
from bot.services.substitutes import covering, covers
from bot.services.views import BoardRef
from rules.agreements.loader import shipped_agreements
from rules.agreements.model import Agreement, QuorumRule, SeatRole, Text
from rules.agreements.model import Seat as RuleSeat
from rules.decide import Ballot, Choice, Outcome, Result, decide
from rules.voters import NoBallot, SeatVoters, seats_of, voter, why_no_ballot

CLOSE = "close"
REMINDER = "reminder"


@dataclass(frozen=True)
class Recipient:
    person_id: int
    telegram_user_id: int
    language: str | None
    telegram_language: str | None
    name: str


@dataclass(frozen=True)
class SeatBallot:
    """A voting seat of the board with its holder now and its current ballot (None: not
    voted), with who cast that ballot: a ballot is shown only to and as its caster, who may
    no longer hold the seat (``caster_id`` None with a choice: the caster erased their data)."""

    key: str
    label_nl: str
    label_en: str
    delegation: str | None
    holder: str | None
    choice: Choice | None
    caster_id: int | None = None
    caster: str | None = None

    def label(self, lang: str) -> str:
        return self.label_en if lang == "en" else self.label_nl


@dataclass(frozen=True)
class MotionView:
    id: int
    board: BoardRef
    title: str
    body: str
    deadline_at: datetime
    secret: bool
    status: str
    result: Result | None
    proposer_id: int | None
    created_at: datetime
    closed_at: datetime | None
    seats: tuple[SeatBallot, ...]
    vice_chair_key: str | None
    tally_hidden: bool = False
    meeting_id: int | None = None
    follow_up_owner: str | None = None
    review_on: date | None = None
    follow_up_done: bool = False
    #: The agreement's subject (None: the default procedure).
    subject: str | None = None
    #: The deferred motion this one continues (voted on again at this meeting).
    deferred_from: int | None = None

    @property
    def open(self) -> bool:
        return self.status == "open"

    @property
    def voted(self) -> int:
        return sum(1 for s in self.seats if s.choice is not None)

    def cast_by(self, person_id: int) -> Choice | None:
        """The ballot the person cast on the motion (None: none), whoever holds the seat now."""
        return next((s.choice for s in self.seats if s.caster_id == person_id and s.choice), None)


@dataclass(frozen=True)
class Vote:
    """What a press did: the motion as it is now, the choice, and whether anything changed."""

    motion: MotionView
    choice: Choice
    changed: bool
    first: bool


def agreement_of(board: Board | BoardRef) -> Agreement:
    return shipped_agreements()[board.agreement_id]


def rule_seat(seat: Seat) -> RuleSeat:
    return RuleSeat(
        id=seat.key,
        spec=seat.spec,
        label=Text(nl=seat.label_nl, en=seat.label_en),
        role=SeatRole(seat.role),
        delegation=seat.delegation,
        party=seat.party,
        votes=seat.votes,
    )


def _seat_ballots() -> Select[Any]:
    """Every voting seat of the board with its holder now and its ballot on the motion."""
    current = and_(SeatAssignment.seat_id == Seat.id, SeatAssignment.ends_at.is_(None))
    ballot = and_(BallotRow.seat_id == Seat.id, BallotRow.motion_id == bindparam("motion"))
    caster = aliased(Person)
    return (
        select(
            Seat.id,
            Seat.key,
            Seat.label_nl,
            Seat.label_en,
            Seat.delegation,
            Person.name,
            BallotRow.choice,
            BallotRow.person_id,
            caster.name.label("caster"),
        )
        .outerjoin(SeatAssignment, current)
        .outerjoin(Person, Person.id == SeatAssignment.person_id)
        .outerjoin(BallotRow, ballot)
        .outerjoin(caster, caster.id == BallotRow.person_id)
        .where(Seat.board_id == bindparam("board"), Seat.votes.is_(True))
        .order_by(Seat.position)
    )


_SEAT_BALLOTS = _seat_ballots()


async def _view(session: AsyncSession, motion: Motion, *, seats: bool = True) -> MotionView:
    """The motion as handlers show it; ``seats=False`` skips the per-seat ballots (cheaper).

    The per-seat part is one query of plain rows: it runs for every tally edit.
    """
    board = await session.get(Board, motion.board_id)
    assert board is not None
    if not seats:
        return _head(motion, board_ref(board), (), None)
    rows = (await session.execute(_SEAT_BALLOTS, {"board": board.id, "motion": motion.id})).all()
    seats_now = tuple(
        SeatBallot(
            row.key,
            row.label_nl,
            row.label_en,
            row.delegation,
            row.name,
            Choice(row.choice) if row.choice else None,
            row.person_id,
            row.caster,
        )
        for row in rows
    )
    vice = next((row.key for row in rows if row.id == board.vice_chair_seat_id), None)
    return _head(motion, board_ref(board), seats_now, vice)


def _head(
    motion: Motion | Row[Any], board: BoardRef, seats: tuple[SeatBallot, ...], vice: str | None
) -> MotionView:
    """A view of the motion (an ORM object or a row with the same columns)."""
    return MotionView(
        motion.id,
        board,
        motion.title,
        motion.body,
        motion.deadline_at,
        motion.secret,
        motion.status,
        Result(motion.result) if motion.result else None,
        motion.proposer_id,
        motion.created_at,
        motion.closed_at,
        seats,
        motion.vice_chair_key if motion.status == "closed" else vice,
        motion.tally_hidden,
        motion.meeting_id,
        motion.follow_up_owner,
        motion.review_on,
        motion.follow_up_done_at is not None,
        motion.subject,
        motion.deferred_from_id,
    )


async def view(db: Database, motion_id: int) -> MotionView:
    async with db.reading() as session:
        return await _view(session, await _motion(session, motion_id))


async def _motion(session: AsyncSession, motion_id: int, *, lock: bool = False) -> Motion:
    query = select(Motion).where(Motion.id == motion_id)
    if lock:
        query = query.with_for_update()
    motion = await session.scalar(query)
    if motion is None:
        raise ServiceError(Refusal.UNKNOWN_MOTION, motion=motion_id)
    return motion


async def _held_seats(session: AsyncSession, person_id: int, board_id: int) -> list[Seat]:
    return list(
        await session.scalars(
            select(Seat)
            .join(Seat.board)
            .where(Seat.board_id == board_id)
            .where(
                Seat.id.in_(
                    select(SeatAssignment.seat_id).where(
                        SeatAssignment.person_id == person_id, SeatAssignment.ends_at.is_(None)
                    )
                )
            )
            .order_by(Seat.position)
        )
    )


def _roles(seats: Sequence[Seat], board: Board) -> set[str]:
    roles = {s.role for s in seats}
    if board.vice_chair_seat_id in {s.id for s in seats}:
        roles.add("vice_chair")
    return roles


async def roles_on(session: AsyncSession, person_id: int, board: Board) -> set[str]:
    """The person's roles on the board (seat roles, and "vice_chair" for the chosen seat)."""
    return _roles(await _held_seats(session, person_id, board.id), board)


async def may_propose(db: Database, person_id: int) -> list[BoardRef]:
    """The boards where the person's seat lets them put a proposal (board setting)."""
    async with db.transaction() as session:
        boards = await session.scalars(select(Board).order_by(Board.id))
        allowed = []
        for board in boards:
            roles = _roles(await _held_seats(session, person_id, board.id), board)
            if roles & set(board.proposer_roles):
                allowed.append(board_ref(board))
        return allowed


async def propose(
    db: Database,
    board_id: int,
    person_id: int,
    title: str,
    body: str,
    deadline_at: datetime,
    *,
    secret: bool = False,
    tally_hidden: bool | None = None,
    meeting_id: int | None = None,
    subject: str | None = None,
    now: datetime | None = None,
    update_id: int | None = None,
    announce: Callable[[MotionView, list[Recipient]], list[outbox.Outgoing]] | None = None,
) -> MotionView:
    """Put a motion to the board (optionally belonging to one of its meetings) and plan its
    close and reminders. With ``update_id`` the update is recorded in the same transaction
    (:class:`~bot.services.inbox.Replayed` if it was before): one proposal per confirmation.
    ``announce(motion, voting members)`` makes the ballot messages, stored in the outbox in
    the same transaction: a proposal is never left with some members without a ballot."""
    now = now or utcnow()
    if deadline_at <= now:
        raise ServiceError(Refusal.DEADLINE_PAST)
    async with db.transaction() as session:
        if update_id is not None:
            await inbox.record_in(session, update_id)
        board = await load_board(session, board_id)
        roles = _roles(await _held_seats(session, person_id, board_id), board)
        if not roles & set(board.proposer_roles):
            raise ServiceError(
                Refusal.MAY_NOT_PROPOSE, board=board.name, roles=list(board.proposer_roles)
            )
        if subject is not None and subject not in {s.id for s in agreement_of(board).subjects}:
            raise ValueError(f"the agreement has no subject {subject!r}")
        motion = Motion(
            board_id=board_id,
            title=title.strip()[:200],
            body=body.strip(),
            proposer_id=person_id,
            created_at=now,
            deadline_at=deadline_at,
            secret=secret,
            # unless asked otherwise, a secret ballot's count stays hidden until the close: a
            # live count lets the group pair each change with whoever just pressed
            tally_hidden=secret if tally_hidden is None else tally_hidden,
            meeting_id=meeting_id,
            subject=subject,
        )
        if meeting_id is not None:
            meeting = await session.get(Meeting, meeting_id)
            if meeting is None or meeting.board_id != board_id or meeting.status != "planned":
                raise ServiceError(Refusal.UNKNOWN_MEETING, meeting=meeting_id)
        session.add(motion)
        await session.flush()
        _plan(session, motion, board, now)
        await audit.append(
            session,
            "motion_proposed",
            board_id,
            motion=motion.id,
            by=person_id,
            secret=secret,
            tally_hidden=motion.tally_hidden,
            subject=subject,
            **audit.proposal_content(motion),
        )
        proposed = await _view(session, motion)
        if announce is not None:
            voters = await _recipients(session, motion.id, voting_only=True)
            await outbox.add(session, announce(proposed, voters))
        return proposed


def _plan(session: AsyncSession, motion: Motion, board: Board, now: datetime) -> None:
    """The motion's close at its deadline and its reminders before it, as rows."""
    session.add(ScheduledWork(kind=CLOSE, motion_id=motion.id, due_at=motion.deadline_at))
    for minutes in sorted(set(board.reminder_minutes)):
        due = motion.deadline_at - timedelta(minutes=minutes)
        if due > now:
            session.add(
                ScheduledWork(
                    kind=REMINDER, motion_id=motion.id, due_at=due, payload={"minutes": minutes}
                )
            )


async def seat_voters(session: AsyncSession, motion: Motion) -> list[SeatVoters]:
    """Every seat of the motion's board with its holder now and its substitute on this motion,
    in the board's order: what :mod:`rules.voters` decides from."""
    seats = (
        await session.execute(
            select(Seat.id, Seat.votes, SeatAssignment.person_id)
            .outerjoin(
                SeatAssignment,
                and_(SeatAssignment.seat_id == Seat.id, SeatAssignment.ends_at.is_(None)),
            )
            .where(Seat.board_id == motion.board_id)
            .order_by(Seat.position, Seat.id)
        )
    ).all()
    cover = await covering(session, motion.id)
    return [
        SeatVoters(seat, votes, holder, cover[seat][1] if seat in cover else None)
        for seat, votes, holder in seats
    ]


@dataclass(frozen=True)
class _Standing:
    """A seat's current ballot on the motion, as a press reads it."""

    id: int
    choice: str
    changes: int


def _press_seats_query() -> Select[Any]:
    """The seats of the motion's board that concern the presser (held by them, or named for a
    substitution that covers the motion), each with its holder, covering substitution and
    ballot on the motion. Built once: a press only binds the motion, meeting, board, person."""
    covering_now = covers(bindparam("motion"), bindparam("meeting"))
    person: BindParameter[int] = bindparam("person")
    # the presser's own few seats, found by index: held by them, or named for them
    candidates = union(
        select(SeatAssignment.seat_id).where(
            SeatAssignment.person_id == person, SeatAssignment.ends_at.is_(None)
        ),
        select(Substitution.seat_id).where(Substitution.person_id == person, covering_now),
    )
    latest_id = (
        select(func.max(Substitution.id))
        .where(covering_now, Substitution.seat_id.in_(candidates))
        .group_by(Substitution.seat_id)
    )
    cover = (
        select(Substitution.seat_id, Substitution.id, Substitution.person_id)
        .where(Substitution.id.in_(latest_id))
        .subquery("cover")
    )
    held = and_(SeatAssignment.seat_id == Seat.id, SeatAssignment.ends_at.is_(None))
    ballot = and_(BallotRow.seat_id == Seat.id, BallotRow.motion_id == bindparam("motion"))
    return (
        select(
            Seat.id,
            Seat.votes,
            SeatAssignment.person_id,
            cover.c.person_id,
            cover.c.id,
            BallotRow.id,
            BallotRow.choice,
            BallotRow.changes,
        )
        .outerjoin(SeatAssignment, held)
        .outerjoin(cover, cover.c.seat_id == Seat.id)
        .outerjoin(BallotRow, ballot)
        .where(Seat.board_id == bindparam("board"), Seat.id.in_(candidates))
        .order_by(Seat.position, Seat.id)
    )


_PRESS_SEATS = _press_seats_query()
#: The motion, its board and the audit chain's tip, read together by a press.
_PRESS_MOTION = (
    select(Motion, Board, audit.TIP)
    .join(Board, Board.id == Motion.board_id)
    .where(Motion.id == bindparam("motion"))
)


async def _press_seats(
    session: AsyncSession, motion: Motion, person_id: int
) -> tuple[list[SeatVoters], dict[int, int], dict[int, _Standing]]:
    """The presser's seats (:func:`_press_seats_query`) with their holder and covering
    substitute; the covering substitution of each; the ballot of each on the motion."""
    rows = (
        await session.execute(
            _PRESS_SEATS,
            {
                "motion": motion.id,
                "meeting": motion.meeting_id,
                "board": motion.board_id,
                "person": person_id,
            },
        )
    ).all()
    seats: dict[int, SeatVoters] = {}
    covering: dict[int, int] = {}
    ballots: dict[int, _Standing] = {}
    for seat, votes, holder, substitute, sub, ballot_id, chosen, changes in rows:
        seats[seat] = SeatVoters(seat, votes, holder, substitute if sub is not None else None)
        if sub is not None:
            covering[seat] = sub
        if ballot_id is not None:
            ballots[seat] = _Standing(ballot_id, chosen, changes)
    return list(seats.values()), covering, ballots


async def cast(
    db: Database,
    motion_id: int,
    person_id: int,
    choice: Choice,
    now: datetime | None = None,
    *,
    update_id: int | None = None,
    group_chat_id: int | None = None,
) -> Vote:
    """Record the person's ballot for every seat whose ballot they cast on the motion
    (:func:`rules.voters.seats_of`): the voting seats they hold there, unless a substitute
    votes for one on this motion, and the seats they substitute for on it. Only seats whose
    choice changes are written, each with its audit event and who cast it.

    This is also the press's access check (who votes for which seat is the rule's call, read
    here in the ballot's own transaction): anyone else is refused, and a press in a group
    (``group_chat_id``) counts only in the group of the motion's own board.

    One transaction: with ``update_id`` the Telegram update is recorded in it
    (:class:`Replayed` if it was before), so a press is recorded with its ballot or not at all;
    it queues on the audit chain's lock first, so what it reads holds until it commits.
    """
    async with db.transaction() as session:
        if update_id is not None:
            await inbox.record_in(session, update_id)
        await audit.lock_chain(session)
        now = now or utcnow()  # after waiting for the lock: a late press is a late press
        found = (await session.execute(_PRESS_MOTION, {"motion": motion_id})).first()
        if found is None:
            raise ServiceError(Refusal.UNKNOWN_MOTION, motion=motion_id)
        motion, board, tip = found[0], found[1], found[2] or audit.GENESIS
        if group_chat_id is not None and board.group_chat_id != group_chat_id:
            raise ServiceError(Refusal.UNKNOWN_MOTION, motion=motion_id)
        if motion.status != "open" or motion.deadline_at <= now:
            raise ServiceError(Refusal.VOTING_CLOSED, motion=motion_id)
        seats, substitutions, ballots = await _press_seats(session, motion, person_id)
        mine = seats_of(person_id, seats)
        if not mine:
            why = why_no_ballot(person_id, seats)
            refusal = Refusal.SUBSTITUTED if why is NoBallot.SUBSTITUTED else Refusal.NO_VOTING_SEAT
            raise ServiceError(refusal, motion=motion_id)
        changed = False
        for seat_id in mine:
            ballot = ballots.get(seat_id)
            if ballot is not None and ballot.choice == choice.value:
                continue
            substitution = substitutions.get(seat_id)
            if ballot is None:
                session.add(
                    BallotRow(
                        motion_id=motion_id,
                        seat_id=seat_id,
                        person_id=person_id,
                        choice=choice.value,
                        cast_at=now,
                        changes=0,
                        substitution_id=substitution,
                    )
                )
            else:
                await session.execute(
                    update(BallotRow)
                    .where(BallotRow.id == ballot.id)
                    .values(
                        choice=choice.value,
                        person_id=person_id,
                        substitution_id=substitution,
                        changed_at=now,
                        changes=ballot.changes + 1,
                    )
                )
            payload: dict[str, Any] = {
                "motion": motion_id,
                "seat": seat_id,
                "choice": choice.value,
                "by": person_id,
            }
            if substitution is not None:
                payload["substitution"] = substitution
            kind = "ballot_cast" if ballot is None else "ballot_changed"
            tip = await audit.append_after(session, tip, kind, motion.board_id, **payload)
            changed = True
        first = changed and not any(seat in ballots for seat in mine)
        return Vote(_head(motion, board_ref(board), (), None), choice, changed, first)


async def claim_tally_edit(
    db: Database, motion_id: int, interval: timedelta, now: datetime | None = None
) -> float:
    """0 when this worker may edit the motion's tally messages now (and it is noted), else the
    seconds until another worker's edit is ``interval`` old: the edits stay one per interval
    across all workers, and the last one still comes."""
    now = now or utcnow()
    async with db.core() as connection:
        claimed = await connection.execute(
            update(Motion)
            .where(
                Motion.id == motion_id,
                or_(Motion.tally_edited_at.is_(None), Motion.tally_edited_at <= now - interval),
            )
            .values(tally_edited_at=now)
        )
        if claimed.rowcount == 1:
            return 0.0
        last = await connection.scalar(select(Motion.tally_edited_at).where(Motion.id == motion_id))
    if last is None:  # the motion is gone
        return 0.0
    return max(0.1, (last + interval - now).total_seconds())


async def may_close(session: AsyncSession, board: Board, person_id: int) -> bool:
    """Whether the person holds a role the board lets close a vote (its ``closer_roles``)."""
    roles = _roles(await _held_seats(session, person_id, board.id), board)
    return bool(roles & set(board.closer_roles))


async def close(
    db: Database, motion_id: int, *, by: int | None = None, now: datetime | None = None
) -> MotionView | None:
    """Close the motion and decide it; None when it was already closed or withdrawn."""
    async with db.transaction() as session:
        await audit.lock_chain(session)  # no ballot may commit between the close and the count
        now = now or utcnow()
        motion = await _motion(session, motion_id)
        if by is not None:
            board = await load_board(session, motion.board_id)
            if not await may_close(session, board, by):
                raise ServiceError(Refusal.MAY_NOT_CLOSE, roles=list(board.closer_roles))
        claimed = await session.execute(
            update(Motion)
            .where(Motion.id == motion_id, Motion.status == "open")
            .values(status="closed", closed_at=now, closed_by_id=by)
        )
        if claimed.rowcount != 1:  # type: ignore[attr-defined]
            return None
        await session.refresh(motion)
        board = await load_board(session, motion.board_id)
        motion.vice_chair_key = _vice_key(board)
        motion.present_keys = await _present_seats(
            session, motion.id, {s.id: s.key for s in board.seats}
        )
        rule = quorum_of(board)
        motion.quorum = rule.model_dump(mode="json") if rule is not None else None
        await session.flush()
        outcome = await decide_stored(session, motion.id, board, motion.vice_chair_key)
        motion.result = outcome.result.value
        await session.execute(
            update(ScheduledWork)
            .where(ScheduledWork.motion_id == motion_id, ScheduledWork.done_at.is_(None))
            .values(done_at=now)
        )
        await audit.append(
            session,
            "motion_closed",
            board.id,
            motion=motion_id,
            result=outcome.result.value,
            by=by,
            **audit.close_content(motion),
        )
        if outcome.result is Result.DEFERRED:
            await _defer(session, motion, board, outcome, now)
        return await _view(session, motion)


#: How long a motion carried to the next meeting stays open after that meeting starts, when
#: the deferred one had no meeting to measure it by.
DEFERRED_VOTING_TIME = timedelta(hours=2)


async def _defer(
    session: AsyncSession, motion: Motion, board: Board, outcome: Outcome, now: datetime
) -> Motion | None:
    """A deferred motion continues as a new motion on the board's next planned meeting: voted
    on again after a tie, decided without quorum after an adjourned meeting. None when the
    board has no meeting planned (the result then says so)."""
    own = await session.get(Meeting, motion.meeting_id) if motion.meeting_id else None
    after = max(now, own.starts_at) if own is not None else now
    meeting = await session.scalar(
        select(Meeting)
        .where(
            Meeting.board_id == board.id,
            Meeting.status == "planned",
            Meeting.starts_at > after,
        )
        .order_by(Meeting.starts_at)
        .limit(1)
    )
    if meeting is None:
        return None
    voting_time = DEFERRED_VOTING_TIME
    if own is not None and motion.deadline_at > own.starts_at:
        voting_time = max(voting_time, motion.deadline_at - own.starts_at)
    adjourned = outcome.quorum is not None and not outcome.quorum.met
    follow_on = Motion(
        board_id=board.id,
        title=motion.title,
        body=motion.body,
        proposer_id=motion.proposer_id,
        created_at=now,
        deadline_at=meeting.starts_at + voting_time,
        secret=motion.secret,
        tally_hidden=motion.tally_hidden,
        meeting_id=meeting.id,
        subject=motion.subject,
        revote=not adjourned,
        adjourned=adjourned,
        deferred_from_id=motion.id,
    )
    session.add(follow_on)
    await session.flush()
    _plan(session, follow_on, board, now)
    await audit.append(
        session,
        "motion_deferred",
        board.id,
        motion=motion.id,
        to=follow_on.id,
        meeting=meeting.id,
        revote=follow_on.revote,
        adjourned=follow_on.adjourned,
    )
    return follow_on


async def continued_by(session: AsyncSession, motion_id: int) -> Motion | None:
    """The motion that continues a deferred one at the next meeting, if any."""
    found: Motion | None = await session.scalar(
        select(Motion).where(Motion.deferred_from_id == motion_id)
    )
    return found


def _vice_key(board: Board) -> str | None:
    return next((s.key for s in board.seats if s.id == board.vice_chair_seat_id), None)


async def decide_stored(
    session: AsyncSession, motion_id: int, board: Board, vice_key: str | None
) -> Outcome:
    """rules.decide() on the stored ballots, with the board's seats and the vice-chair given.

    For a motion that belongs to a meeting, the seats whose holders (or substitutes) answered
    "present" count as present (so an absent chair is absent even without a ballot, a present
    one is present). A closed motion is decided with the quorum stored at its close.
    """
    keys = {s.id: s.key for s in board.seats}
    ballots = [
        Ballot(keys[b.seat_id], Choice(b.choice))
        for b in await session.scalars(select(BallotRow).where(BallotRow.motion_id == motion_id))
    ]
    row = (
        await session.execute(
            select(
                Motion.status,
                Motion.quorum,
                Motion.subject,
                Motion.meeting_id,
                Motion.revote,
                Motion.adjourned,
            ).where(Motion.id == motion_id)
        )
    ).one()
    rule = (
        (QuorumRule.model_validate(row.quorum) if row.quorum else None)
        if row.status == "closed"
        else (quorum_of(board))
    )
    agreement = agreement_of(board)
    # Without a meeting a motion is decided outside one, by the agreement's written procedure
    # when it has one; an agreement without one decides it as in a meeting (quorum included).
    in_meeting = row.meeting_id is not None or agreement.outside_meeting is None
    return decide(
        agreement.procedure_for(row.subject, in_meeting=in_meeting),
        [rule_seat(s) for s in board.seats],
        ballots,
        attendance=await _attendance(session, motion_id, keys),
        vice_chair=vice_key,
        quorum=rule,
        in_meeting=in_meeting,
        revote=row.revote,
        adjourned=row.adjourned,
        inhabitants=agreement.inhabitants(),
    )


async def _attendance(
    session: AsyncSession, motion_id: int, keys: dict[int, str]
) -> list[str] | None:
    """A closed motion's presence as stored at its close; an open one's as it is now."""
    status, stored = (
        await session.execute(
            select(Motion.status, Motion.present_keys).where(Motion.id == motion_id)
        )
    ).one()
    if status == "closed":
        return list(stored) if stored is not None else None
    return await _present_seats(session, motion_id, keys)


async def _present_seats(
    session: AsyncSession, motion_id: int, keys: dict[int, str]
) -> list[str] | None:
    """The seats held by those who answered "present" to the motion's meeting.

    None when the motion has no meeting, or its meeting was cancelled or starts after the
    deadline (then that meeting cannot tell who was present when the vote ran).
    """
    row = (
        await session.execute(
            select(Motion.meeting_id, Motion.deadline_at, Meeting.status, Meeting.starts_at)
            .outerjoin(Meeting, Meeting.id == Motion.meeting_id)
            .where(Motion.id == motion_id)
        )
    ).one()
    if row.meeting_id is None or row.status != "planned" or row.starts_at > row.deadline_at:
        return None
    present = set(
        await session.scalars(
            select(Rsvp.person_id).where(Rsvp.meeting_id == row.meeting_id, Rsvp.present.is_(True))
        )
    )
    attendees = {seat: person.id for seat, person in (await holders(session, list(keys))).items()}
    attendees.update(
        {seat: person for seat, (_, person) in (await covering(session, motion_id)).items()}
    )
    return sorted(keys[seat] for seat, person in attendees.items() if person in present)


async def outcome(db: Database, motion_id: int) -> Outcome:
    """The outcome from the stored ballots (for an open motion: as it would be now)."""
    async with db.transaction() as session:
        return await _outcome(session, await _motion(session, motion_id))


async def _outcome(session: AsyncSession, motion: Motion) -> Outcome:
    board = await load_board(session, motion.board_id)
    vice = _vice_key(board) if motion.status == "open" else motion.vice_chair_key
    return await decide_stored(session, motion.id, board, vice)


async def withdraw(
    db: Database, motion_id: int, person_id: int, now: datetime | None = None
) -> MotionView:
    """The proposer withdraws an open motion; a close that came first wins."""
    async with db.transaction() as session:
        await audit.lock_chain(session)
        now = now or utcnow()
        motion = await _motion(session, motion_id)
        if motion.proposer_id != person_id:
            raise ServiceError(Refusal.NOT_PROPOSER)
        # the proposer withdraws in the role they proposed in: one who no longer holds a
        # role that may propose on the board (an ex-chair) withdraws nothing
        board = await load_board(session, motion.board_id)
        roles = _roles(await _held_seats(session, person_id, board.id), board)
        if not roles & set(board.proposer_roles):
            raise ServiceError(Refusal.NO_LONGER_PROPOSER, number=motion_id)
        withdrawn = await session.execute(
            update(Motion)
            .where(Motion.id == motion_id, Motion.status == "open")
            .values(status="withdrawn", closed_at=now)
        )
        if withdrawn.rowcount != 1:  # type: ignore[attr-defined]
            raise ServiceError(Refusal.VOTING_CLOSED, motion=motion_id)
        await session.refresh(motion)
        await session.execute(
            update(ScheduledWork)
            .where(ScheduledWork.motion_id == motion_id, ScheduledWork.done_at.is_(None))
            .values(done_at=now)
        )
        await audit.append(
            session,
            "motion_withdrawn",
            motion.board_id,
            motion=motion_id,
            by=person_id,
            **audit.close_content(motion),
        )
        return await _view(session, motion)


async def motions_of(
    db: Database, person_id: int, *, status: str | None = "open"
) -> list[MotionView]:
    """Motions on the boards where the person holds a seat or substitutes, newest first."""
    async with db.transaction() as session:
        board_ids = select(Seat.board_id).where(
            Seat.id.in_(
                select(SeatAssignment.seat_id).where(
                    SeatAssignment.person_id == person_id, SeatAssignment.ends_at.is_(None)
                )
            )
        )
        substituting = select(Substitution.id).where(
            Substitution.person_id == person_id, covers(Motion.id, Motion.meeting_id)
        )
        query = (
            select(Motion)
            .where(or_(Motion.board_id.in_(board_ids), substituting.exists()))
            .order_by(Motion.id.desc())
        )
        if status is not None:
            query = query.where(Motion.status == status)
        return [await _view(session, m) for m in await session.scalars(query)]


async def decisions(db: Database, board_id: int) -> list[MotionView]:
    """The board's decision list: every closed or withdrawn motion, oldest first."""
    async with db.transaction() as session:
        query = (
            select(Motion)
            .where(Motion.board_id == board_id, Motion.status.in_(["closed", "withdrawn"]))
            .order_by(Motion.closed_at, Motion.id)
        )
        return [await _view(session, m) for m in await session.scalars(query)]


async def recipients(
    db: Database, motion_id: int, *, voting_only: bool, not_voted: bool = False
) -> list[Recipient]:
    """Holders of the board's seats (only voting seats; only those without a ballot).

    For the voting lists a seat with a substitute on this motion is the substitute's; every
    list (results too) includes the substitutes.
    """
    async with db.transaction() as session:
        return await _recipients(session, motion_id, voting_only=voting_only, not_voted=not_voted)


async def _recipients(
    session: AsyncSession, motion_id: int, *, voting_only: bool, not_voted: bool = False
) -> list[Recipient]:
    seats = await seat_voters(session, await _motion(session, motion_id))
    voted = set(
        await session.scalars(select(BallotRow.seat_id).where(BallotRow.motion_id == motion_id))
    )
    wanted: list[int] = []
    for seat in seats:
        if voting_only or not_voted:
            casting = voter(seat)
            if casting is not None and not (not_voted and seat.seat in voted):
                wanted.append(casting)
        else:  # everyone who sits on the board or votes on the motion
            wanted += [p for p in (seat.holder, seat.substitute) if p is not None]
    people = {
        p.id: p
        for p in await session.scalars(
            select(Person).where(Person.id.in_(wanted), Person.telegram_user_id.is_not(None))
        )
    }
    found: dict[int, Recipient] = {}
    for person_id in wanted:
        person = people.get(person_id)
        if person is not None and person.telegram_user_id is not None:
            found[person_id] = Recipient(
                person.id,
                person.telegram_user_id,
                person.language,
                person.telegram_language,
                person.name,
            )
    return list(found.values())


async def seat_keys_for(db: Database, motion_id: int, person_id: int) -> list[str]:
    """The seats whose ballot the person casts on the motion (held, or substituted for)."""
    async with db.reading() as session:
        seat_ids = seats_of(
            person_id, await seat_voters(session, await _motion(session, motion_id))
        )
        if not seat_ids:
            return []
        return list(await session.scalars(select(Seat.key).where(Seat.id.in_(seat_ids))))


async def remember_message(
    db: Database,
    motion_id: int,
    chat_id: int,
    message_id: int,
    kind: str,
    person_id: int | None = None,
) -> None:
    async with db.transaction() as session:
        session.add(
            MotionMessage(
                motion_id=motion_id,
                chat_id=chat_id,
                message_id=message_id,
                kind=kind,
                person_id=person_id,
            )
        )


@dataclass(frozen=True)
class SentMessageRef:
    chat_id: int
    message_id: int
    kind: str
    person_id: int | None
    language: str | None


async def messages(db: Database, motion_id: int) -> list[SentMessageRef]:
    async with db.reading() as session:
        return await _messages(session, motion_id)


async def _messages(session: AsyncSession, motion_id: int) -> list[SentMessageRef]:
    rows = await session.execute(
        select(MotionMessage, Person)
        .outerjoin(Person, Person.id == MotionMessage.person_id)
        .where(MotionMessage.motion_id == motion_id)
        .order_by(MotionMessage.id)
    )
    return [
        SentMessageRef(
            m.chat_id,
            m.message_id,
            m.kind,
            m.person_id,
            (p.language or p.telegram_language) if p else None,
        )
        for m, p in rows.tuples()
    ]


async def unannounced(db: Database) -> list[int]:
    """Closed motions whose result was never sent (a worker stopped between close and send)."""
    async with db.transaction() as session:
        query = select(Motion.id).where(Motion.status == "closed", Motion.announced_at.is_(None))
        return list((await session.scalars(query)).all())


@dataclass(frozen=True)
class Closing:
    """What the close of a motion tells everyone, read at one moment (one transaction): the
    motion, its outcome, the substitutes' ballots, the messages to edit and who gets the
    result."""

    motion: MotionView
    outcome: Outcome
    substitutes: list[tuple[str, str, str]]
    messages: list[SentMessageRef]
    recipients: list[Recipient]
    #: A deferred motion's continuation on the next meeting, its voters and that meeting's
    #: start (None: no meeting was planned).
    continued: MotionView | None = None
    continued_voters: tuple[Recipient, ...] = ()
    continued_at: datetime | None = None


async def closing(db: Database, motion_id: int) -> Closing:
    async with db.reading() as session:
        motion = await _motion(session, motion_id)
        closing = Closing(
            await _view(session, motion),
            await _outcome(session, motion),
            await _substitute_ballots(session, motion_id),
            await _messages(session, motion_id),
            await _recipients(session, motion_id, voting_only=False),
        )
        later = await continued_by(session, motion_id)
        if later is None:
            return closing
        meeting = await session.get(Meeting, later.meeting_id)
        return replace(
            closing,
            continued=await _view(session, later),
            continued_voters=tuple(await _recipients(session, later.id, voting_only=True)),
            continued_at=meeting.starts_at if meeting is not None else None,
        )


async def announce(db: Database, motion_id: int, messages: Sequence[outbox.Outgoing]) -> None:
    """The close's messages into the outbox and the result marked announced, together."""
    async with db.transaction() as session:
        await outbox.add(session, messages)
        await session.execute(
            update(Motion)
            .where(Motion.id == motion_id, Motion.announced_at.is_(None))
            .values(announced_at=utcnow())
        )


@dataclass(frozen=True)
class Work:
    id: int
    kind: str
    motion_id: int | None
    meeting_id: int | None
    due_at: datetime
    payload: dict[str, object]


async def claim_due(
    db: Database,
    worker: str,
    now: datetime | None = None,
    *,
    stale_after: timedelta = timedelta(minutes=5),
    limit: int = 50,
) -> list[Work]:
    """Claim due work atomically: each row goes to exactly one worker (a stale claim is retried)."""
    now = now or utcnow()
    async with db.transaction() as session:
        candidates = (
            await session.scalars(
                select(ScheduledWork)
                .where(ScheduledWork.due_at <= now, ScheduledWork.done_at.is_(None))
                .where(
                    (ScheduledWork.claimed_at.is_(None))
                    | (ScheduledWork.claimed_at < now - stale_after)
                )
                .order_by(ScheduledWork.due_at)
                .limit(limit)
            )
        ).all()
        found = [
            (w.id, w.kind, w.motion_id, w.meeting_id, w.due_at, dict(w.payload), w.claimed_at)
            for w in candidates
        ]
    claimed: list[Work] = []
    for work_id, kind, motion_id, meeting_id, due_at, payload, previous in found:
        async with db.transaction() as session:
            condition = (
                ScheduledWork.claimed_at.is_(None)
                if previous is None
                else ScheduledWork.claimed_at == previous
            )
            taken = await session.execute(
                update(ScheduledWork)
                .where(ScheduledWork.id == work_id, ScheduledWork.done_at.is_(None), condition)
                .values(claimed_at=now, claimed_by=worker)
            )
            if taken.rowcount == 1:  # type: ignore[attr-defined]
                claimed.append(Work(work_id, kind, motion_id, meeting_id, due_at, payload))
    return claimed


async def finish(db: Database, work_id: int, now: datetime | None = None) -> None:
    async with db.transaction() as session:
        await session.execute(
            update(ScheduledWork).where(ScheduledWork.id == work_id).values(done_at=now or utcnow())
        )


async def set_vice_chair(db: Database, board_id: int, seat_key: str | None) -> BoardRef:
    """Designate the vice-chair (an office of a member seat) or clear it."""
    async with db.transaction() as session:
        board = await load_board(session, board_id)
        seat = next((s for s in board.seats if s.key == seat_key), None) if seat_key else None
        if seat_key and seat is None:
            raise ServiceError(Refusal.UNKNOWN_SEAT, seat=seat_key)
        rule = agreement_of(board).vice_chair
        eligible = {r.value for r in rule.eligible_roles} if rule else {"member"}
        if seat is not None and (seat.role not in eligible or not seat.votes):
            raise ServiceError(Refusal.NOT_ELIGIBLE, seat=seat.label_nl, seat_en=seat.label_en)
        board.vice_chair_seat_id = seat.id if seat else None
        await audit.append(session, "vice_chair_set", board.id, seat=seat.id if seat else None)
        return board_ref(board)


async def substitute_ballots(db: Database, motion_id: int) -> list[tuple[str, str, str]]:
    """(seat label nl, seat label en, substitute's name) for each ballot a substitute cast."""
    async with db.transaction() as session:
        return await _substitute_ballots(session, motion_id)


async def _substitute_ballots(session: AsyncSession, motion_id: int) -> list[tuple[str, str, str]]:
    rows = await session.execute(
        select(Seat.label_nl, Seat.label_en, Person.name)
        .select_from(BallotRow)
        .join(Seat, Seat.id == BallotRow.seat_id)
        .join(Person, Person.id == BallotRow.person_id)
        .where(BallotRow.motion_id == motion_id, BallotRow.substitution_id.is_not(None))
        .order_by(Seat.position)
    )
    return [(nl, en, name) for nl, en, name in rows.tuples()]
