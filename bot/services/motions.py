"""Motions: put to a board, voted on seat by seat, closed once, decided by the agreement.

Every function is one unit of work. Ballots are unique per motion and seat by constraint and
written with an upsert, so simultaneous presses from one seat leave one ballot.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import Enum
from typing import Any

from sqlalchemy import (
    Connection,
    Integer,
    Row,
    Select,
    TextualSelect,
    and_,
    bindparam,
    column,
    or_,
    select,
    text,
    true,
    union,
    update,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

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
from bot.services.boards import board_ref, holders, load_board
from bot.services.errors import Refusal, ServiceError
from bot.services.inbox import Replayed
from bot.services.substitutes import covering, covers
from bot.services.views import BoardRef
from rules.agreements.loader import shipped_agreements
from rules.agreements.model import Agreement, QuorumRule, SeatRole, Text
from rules.agreements.model import Seat as RuleSeat
from rules.decide import Ballot, Choice, Outcome, Result, decide

CLOSE = "close"
REMINDER = "reminder"
CLOSING_ROLES = frozenset({"chair", "vice_chair", "secretary", "deputy_secretary"})


@dataclass(frozen=True)
class Recipient:
    person_id: int
    telegram_user_id: int
    language: str | None
    telegram_language: str | None
    name: str


@dataclass(frozen=True)
class SeatBallot:
    """A voting seat of the board with its holder and current ballot (None: not voted)."""

    key: str
    label_nl: str
    label_en: str
    delegation: str | None
    holder: str | None
    choice: Choice | None

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

    @property
    def open(self) -> bool:
        return self.status == "open"

    @property
    def voted(self) -> int:
        return sum(1 for s in self.seats if s.choice is not None)

    def choice_of(self, seat_keys: Sequence[str]) -> Choice | None:
        return next((s.choice for s in self.seats if s.key in seat_keys and s.choice), None)


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
    return (
        select(
            Seat.id,
            Seat.key,
            Seat.label_nl,
            Seat.label_en,
            Seat.delegation,
            Person.name,
            BallotRow.choice,
        )
        .outerjoin(SeatAssignment, current)
        .outerjoin(Person, Person.id == SeatAssignment.person_id)
        .outerjoin(BallotRow, ballot)
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
    tally_hidden: bool = False,
    meeting_id: int | None = None,
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
            raise ServiceError(Refusal.MAY_NOT_PROPOSE, board=board.name)
        motion = Motion(
            board_id=board_id,
            title=title.strip()[:200],
            body=body.strip(),
            proposer_id=person_id,
            created_at=now,
            deadline_at=deadline_at,
            secret=secret,
            tally_hidden=tally_hidden,
            meeting_id=meeting_id,
        )
        if meeting_id is not None:
            meeting = await session.get(Meeting, meeting_id)
            if meeting is None or meeting.board_id != board_id or meeting.status != "planned":
                raise ServiceError(Refusal.UNKNOWN_MEETING, meeting=meeting_id)
        session.add(motion)
        await session.flush()
        session.add(ScheduledWork(kind=CLOSE, motion_id=motion.id, due_at=deadline_at))
        for minutes in sorted(set(board.reminder_minutes)):
            due = deadline_at - timedelta(minutes=minutes)
            if due > now:
                session.add(
                    ScheduledWork(
                        kind=REMINDER, motion_id=motion.id, due_at=due, payload={"minutes": minutes}
                    )
                )
        await audit.append(
            session,
            "motion_proposed",
            board_id,
            motion=motion.id,
            by=person_id,
            secret=secret,
            tally_hidden=tally_hidden,
        )
        proposed = await _view(session, motion)
        if announce is not None:
            voters = await _recipients(session, motion.id, voting_only=True)
            await outbox.add(session, announce(proposed, voters))
        return proposed


# Plain text, the same on both databases: SQLAlchemy 2.0 compiles a dialect insert with ON
# CONFLICT again for every execution (it has no cache key), and every ballot runs this one.
_UPSERT_SQL = (
    "INSERT INTO ballots (motion_id, seat_id, person_id, choice, cast_at, changes, "
    "substitution_id) VALUES (:motion_id, :seat_id, :person_id, :choice, :now, 0, "
    ":substitution_id) ON CONFLICT (motion_id, seat_id) DO UPDATE SET "
    "choice = excluded.choice, person_id = excluded.person_id, "
    "substitution_id = excluded.substitution_id, changed_at = :now, "
    "changes = ballots.changes + 1 WHERE ballots.choice <> excluded.choice"
)
_NOW = bindparam("now", type_=BallotRow.__table__.c.cast_at.type)
_UPSERT = text(_UPSERT_SQL).bindparams(_NOW)
# PostgreSQL writes the ballot and its audit event in one statement (a data-modifying WITH)
_UPSERT_WITH_EVENT = text(f"WITH ballot AS ({_UPSERT_SQL}) {audit.INSERT_SQL}").bindparams(
    _NOW, *audit.INSERT_PARAMS
)
# PostgreSQL plans the context query anew for every press (1 to 1.7 ms, against 0.13 ms to run
# it) unless told to keep the generic plan of the prepared statement; for this transaction only.
_GENERIC_PLANS = "set_config('plan_cache_mode', 'force_generic_plan', true)"
# PostgreSQL records the press, takes the chain's lock and keeps generic plans in one statement
_RECORD_AND_LOCK = inbox.recording_with(audit.LOCK_SQL, _GENERIC_PLANS)


async def cast(
    db: Database,
    motion_id: int,
    person_id: int,
    choice: Choice,
    now: datetime | None = None,
    *,
    update_id: int | None = None,
) -> Vote:
    """Record the person's ballot for every voting seat they vote for on the motion's board.

    That is every voting seat they hold there, unless a substitute votes for it on this
    motion, and every seat they substitute for on it. One query reads the motion, its board,
    those seats, who substitutes for each and their current ballots; then only seats whose
    choice changes are written, each with its audit event. With ``update_id`` the Telegram
    update is recorded in the same transaction (:class:`Replayed` if it was before), so a press
    is recorded with its ballot or not at all.

    Every press takes this path, so it is one plain function of a connection
    (:meth:`Database.run`): on a SQLite file it runs at once, without aiosqlite's trips to its
    thread. On PostgreSQL a press first tries one statement that commits by itself
    (:func:`_cast_in_one`); when that cannot settle it, the press runs as one transaction that
    queues on the audit chain's lock (see the README, "The speed of a ballot press").
    """
    if update_id is not None and db.autocommits:
        for _ in range(IN_ONE_TRIES):
            vote = await db.run_autocommit(
                _cast_in_one, motion_id, person_id, choice, now, update_id
            )
            if isinstance(vote, Vote):
                return vote
            if vote is _Unsettled.LOCKED:
                break
    return await db.run(_cast, motion_id, person_id, choice, now, update_id)


#: How often a press tries its single statement while the chain moves on under it (another
#: press, another worker) before it queues on the chain's lock.
IN_ONE_TRIES = 3


class _Unsettled(Enum):
    """Why :func:`_cast_in_one` did not settle a press (it wrote nothing)."""

    MOVED_ON = "the chain moved on since the statement read its tip: try again"
    LOCKED = "a refusal or several seats: the locked transaction answers it"


@dataclass(frozen=True)
class _Context:
    """What a press may change: the motion's row and, per seat the person votes for, its
    current choice and the substitution they vote under (if any)."""

    motion: Row[Any]
    before: dict[int, str | None]
    as_substitute: dict[int, int]


def _context(connection: Connection, motion_id: int, person_id: int, now: datetime) -> _Context:
    """Read the press's context; refuse an unknown or closed motion, or a person without a
    voting seat on it."""
    rows = connection.execute(_BALLOT_CONTEXT, {"motion": motion_id, "person": person_id}).all()
    return _context_of(rows, motion_id, person_id, now)


def _context_of(
    rows: Sequence[Row[Any]], motion_id: int, person_id: int, now: datetime
) -> _Context:
    """:func:`_context` of the rows of :data:`_BALLOT_CONTEXT` (:data:`_CAST_IN_ONE` decides
    the same in SQL)."""
    if not rows:
        raise ServiceError(Refusal.UNKNOWN_MOTION, motion=motion_id)
    motion = rows[0]
    if motion.status != "open" or motion.deadline_at <= now:
        raise ServiceError(Refusal.VOTING_CLOSED, motion=motion_id)
    mine = [row for row in rows if row.seat_id is not None and row.substitute in (None, person_id)]
    if not mine:
        substituted = any(row.seat_id is not None for row in rows)
        refusal = Refusal.SUBSTITUTED if substituted else Refusal.NO_VOTING_SEAT
        raise ServiceError(refusal, motion=motion_id)
    return _Context(
        motion,
        {row.seat_id: row.choice for row in mine},
        {row.seat_id: row.substitution_id for row in mine if row.substitute},
    )


def _ballot(
    context: _Context, seat_id: int, person_id: int, choice: Choice, now: datetime, tip: str
) -> tuple[dict[str, Any], dict[str, Any]]:
    """The parameters of one seat's ballot and of its audit event after ``tip``."""
    motion_id = context.motion.id
    substitution = context.as_substitute.get(seat_id)
    ballot = {
        "motion_id": motion_id,
        "seat_id": seat_id,
        "person_id": person_id,
        "choice": choice.value,
        "now": now,
        "substitution_id": substitution,
    }
    kind = "ballot_changed" if context.before[seat_id] is not None else "ballot_cast"
    payload: dict[str, Any] = {"motion": motion_id, "seat": seat_id, "choice": choice.value}
    if substitution is not None:
        payload["substitution"] = substitution
    return ballot, audit.event_row(tip, kind, context.motion.board_id, payload)


def _vote(context: _Context, choice: Choice, changed: bool) -> Vote:
    motion = context.motion
    first = changed and all(current is None for current in context.before.values())
    board = BoardRef(
        motion.board_id,
        motion.board_name,
        motion.agreement_id,
        motion.group_chat_id,
        motion.is_demo,
    )
    return Vote(_head(motion, board, (), None), choice, changed, first)


def _cast(
    connection: Connection,
    motion_id: int,
    person_id: int,
    choice: Choice,
    now: datetime | None,
    update_id: int | None,
) -> Vote:
    postgres = connection.dialect.name == "postgresql"
    # the chain's lock before its tip is read with the context: on PostgreSQL in the update's
    # record, on SQLite it is the transaction's BEGIN IMMEDIATE
    if update_id is None:
        audit.lock_chain_within(connection)
    elif postgres:
        inbox.record_within(connection, update_id, _RECORD_AND_LOCK)
    else:
        inbox.record_within(connection, update_id)
    now = now or utcnow()  # after waiting for the lock: a late press is a late press
    context = _context(connection, motion_id, person_id, now)
    changed = False
    tip = context.motion.audit_tip or audit.GENESIS
    for seat_id, current in context.before.items():
        if current == choice.value:
            continue
        ballot, event = _ballot(context, seat_id, person_id, choice, now, tip)
        if postgres:
            connection.execute(_UPSERT_WITH_EVENT, ballot | event)
        else:
            connection.execute(_UPSERT, ballot)
            audit.insert_within(connection, event)
        tip = event["hash"]
        changed = True
    return _vote(context, choice, changed)


def _cast_in_one(
    connection: Connection,
    motion_id: int,
    person_id: int,
    choice: Choice,
    now: datetime | None,
    update_id: int,
) -> Vote | _Unsettled:
    """PostgreSQL, a press as one statement that commits by itself (:data:`_CAST_IN_ONE`): one
    round trip, with no BEGIN, lock or COMMIT of its own to wait for.

    The statement reads the context, decides as :func:`_context_of` does, and only if the
    press changes at most one seat records the update and writes the ballot with its audit
    event after the tip it read. Everything that can change what a press may do (a close, a
    withdrawal, a seat given to someone else, a substitute, another ballot) appends an event,
    so if that tip is still the tip, what the statement read still holds; if it is not, the
    unique ``prev_hash`` refuses the statement as a whole, and the press tries again with a
    fresh read (:data:`IN_ONE_TRIES` in all). A refusal (answered by :func:`_cast`, which sees
    a replayed update first), a press that changes several seats, or a chain that kept moving
    are done again by :func:`_cast`, under the lock.
    """
    now = now or utcnow()
    at = audit.event_time()
    values = {
        "motion": motion_id,
        "person": person_id,
        "choice": choice.value,
        "now": now,
        "update_id": update_id,
        "received_at": now,
        "created_at": at,
        "at": at.isoformat(),
    }
    try:
        rows = connection.execute(_CAST_IN_ONE, values | _CONTEXT_CONSTANTS).all()
    except IntegrityError as error:
        if _constraint(error) not in _CHAIN_MOVED_ON:
            raise
        return _Unsettled.MOVED_ON  # another event follows the tip it read
    try:
        context = _context_of(rows, motion_id, person_id, now)
    except ServiceError:
        return _Unsettled.LOCKED
    changing = [seat for seat, current in context.before.items() if current != choice.value]
    if len(changing) > 1:
        return _Unsettled.LOCKED
    if not rows[0].recorded:
        raise Replayed(update_id)
    return _vote(context, choice, bool(changing))


#: The constraints that refuse a second event after the same tip: ``prev_hash``, or ``hash``
#: when the event is the same as the one already there (the same press twice, in one second).
_CHAIN_MOVED_ON = frozenset({"uq_audit_events_prev_hash", "uq_audit_events_hash"})


def _constraint(error: IntegrityError) -> str | None:
    """The name of the constraint PostgreSQL (asyncpg) says was violated."""
    return getattr(error.orig.__cause__, "constraint_name", None) if error.orig else None


def _ballot_context() -> Select[Any]:
    """Motion, board, and each voting seat the person holds or substitutes for on that board,
    with who substitutes for it on this motion and its ballot.

    The seats are looked up from the person's own few (held, or named as substitute), not by
    testing every seat of the board: the work per press does not grow with the board.
    """
    person: Any = bindparam("person")
    held = select(SeatAssignment.seat_id).where(
        SeatAssignment.person_id == person, SeatAssignment.ends_at.is_(None)
    )
    candidates = union(
        held,
        select(Substitution.seat_id).where(
            Substitution.person_id == person, Substitution.revoked_at.is_(None)
        ),
    ).subquery("candidates")
    cover = and_(Substitution.seat_id == Seat.id, covers(Motion.id, Motion.meeting_id))
    substituting = select(Substitution.seat_id).where(
        Substitution.person_id == person, covers(Motion.id, Motion.meeting_id)
    )
    on_board = and_(
        Seat.board_id == Motion.board_id,
        Seat.votes.is_(True),
        or_(Seat.id.in_(held), Seat.id.in_(substituting)),
    )
    latest = select(Substitution).where(cover).order_by(Substitution.id.desc()).limit(1)
    return (
        select(
            Motion.id,
            Motion.board_id,
            Motion.title,
            Motion.body,
            Motion.deadline_at,
            Motion.secret,
            Motion.status,
            Motion.proposer_id,
            Motion.created_at,
            Motion.closed_at,
            Motion.result,
            Motion.vice_chair_key,
            Board.name.label("board_name"),
            Board.agreement_id,
            Board.group_chat_id,
            Board.is_demo,
            Motion.tally_hidden,
            Motion.meeting_id,
            Motion.follow_up_owner,
            Motion.review_on,
            Motion.follow_up_done_at,
            Seat.id.label("seat_id"),
            latest.with_only_columns(Substitution.person_id).scalar_subquery().label("substitute"),
            latest.with_only_columns(Substitution.id).scalar_subquery().label("substitution_id"),
            BallotRow.choice,
            audit.TIP,
        )
        .join(Board, Board.id == Motion.board_id)
        .outerjoin(candidates, true())
        .outerjoin(Seat, and_(Seat.id == candidates.c.seat_id, on_board))
        .outerjoin(BallotRow, and_(BallotRow.motion_id == Motion.id, BallotRow.seat_id == Seat.id))
        .where(Motion.id == bindparam("motion"))
    )


_BALLOT_CONTEXT = _ballot_context()


def _cast_in_one_statement() -> tuple[TextualSelect, dict[str, Any]]:
    """PostgreSQL, a whole press in one statement (see :func:`_cast_in_one`), and the constant
    values of its context query.

    Each step feeds the next, so they happen in this order or not at all: the context (as
    :data:`_BALLOT_CONTEXT`); the seats the person votes for (``mine``, empty if the motion is
    closed or they have none) and those whose choice changes (``target``); the update's record,
    if there is something to settle (a seat, and at most one changing); the chain's lock if a
    seat changes; the ballot; its audit event after the tip that was read, with the hash of
    :func:`audit.event_hash`. It returns the context's rows and whether the update was
    recorded.

    Unlike :data:`_UPSERT`, the ballot's upsert has no ``WHERE ballots.choice <>
    excluded.choice``, and must not: a ballot changed to the same choice since the read would
    then write no row and no event, so nothing would refuse the statement and the press would
    report a change it did not make. Without it, that ballot's own event refuses the statement.
    """
    dialect: Any = postgresql.dialect  # psycopg2's; its named parameters suit text()
    compiled = _BALLOT_CONTEXT.compile(dialect=dialect(paramstyle="named"))
    constants = {name: value for name, value in compiled.params.items() if value is not None}
    person, choice = "CAST(:person AS INTEGER)", "CAST(:choice AS VARCHAR)"
    payload = (
        f"""'{{"choice":"' || {choice} || '","motion":' || CAST(:motion AS INTEGER) || """
        """',"seat":' || target.seat_id || COALESCE(',"substitution":' || target.sub, '') """
        "|| '}'"
    )
    event_hash = audit.hash_sql("CAST(:at AS TEXT)", "kind", "board_id", "payload", "prev")
    sql = f"""WITH ctx AS ({compiled}),
mine AS (
  SELECT seat_id, choice, board_id, audit_tip,
         CASE WHEN substitute IS NOT NULL THEN substitution_id END AS sub
  FROM ctx
  WHERE status = 'open' AND deadline_at > :now AND seat_id IS NOT NULL
    AND (substitute IS NULL OR substitute = {person})
),
target AS (SELECT * FROM mine WHERE choice IS DISTINCT FROM {choice}),
recorded AS (
  INSERT INTO processed_updates (update_id, received_at)
  SELECT CAST(:update_id AS BIGINT), :received_at
  WHERE EXISTS (SELECT 1 FROM mine) AND (SELECT count(*) FROM target) <= 1
  ON CONFLICT DO NOTHING RETURNING update_id
),
locked AS (SELECT {audit.LOCK_SQL} FROM recorded WHERE EXISTS (SELECT 1 FROM target)),
ballot AS (
  INSERT INTO ballots (motion_id, seat_id, person_id, choice, cast_at, changes, substitution_id)
  SELECT CAST(:motion AS INTEGER), target.seat_id, {person}, {choice}, :now, 0, target.sub
  FROM target, locked
  ON CONFLICT (motion_id, seat_id) DO UPDATE SET
    choice = excluded.choice, person_id = excluded.person_id,
    substitution_id = excluded.substitution_id, changed_at = :now,
    changes = ballots.changes + 1
  RETURNING seat_id
),
event AS (
  SELECT target.board_id, COALESCE(target.audit_tip, '{audit.GENESIS}') AS prev,
         CASE WHEN target.choice IS NULL THEN 'ballot_cast' ELSE 'ballot_changed' END AS kind,
         {payload} AS payload
  FROM target JOIN ballot ON ballot.seat_id = target.seat_id
),
appended AS (
  INSERT INTO audit_events (created_at, kind, board_id, payload, prev_hash, hash)
  SELECT :created_at, kind, board_id, CAST(payload AS JSON), prev, {event_hash}
  FROM event
)
SELECT ctx.*, (SELECT count(*) FROM recorded) AS recorded FROM ctx"""
    columns = [column(c.name, c.type) for c in _BALLOT_CONTEXT.selected_columns]
    statement = (
        text(sql)
        .bindparams(_NOW, inbox.RECEIVED_AT, audit.INSERT_PARAMS[0])
        .columns(*columns, column("recorded", Integer()))
    )
    return statement, constants


_CAST_IN_ONE, _CONTEXT_CONSTANTS = _cast_in_one_statement()


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


async def may_close(session: AsyncSession, motion: Motion, person_id: int) -> bool:
    board = await load_board(session, motion.board_id)
    roles = _roles(await _held_seats(session, person_id, motion.board_id), board)
    return bool(roles & CLOSING_ROLES)


async def close(
    db: Database, motion_id: int, *, by: int | None = None, now: datetime | None = None
) -> MotionView | None:
    """Close the motion and decide it; None when it was already closed or withdrawn."""
    async with db.transaction() as session:
        await audit.lock_chain(session)  # no ballot may commit between the close and the count
        now = now or utcnow()
        motion = await _motion(session, motion_id)
        if by is not None and not await may_close(session, motion, by):
            raise ServiceError(Refusal.MAY_NOT_CLOSE)
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
            session, "motion_closed", board.id, motion=motion_id, result=outcome.result.value, by=by
        )
        return await _view(session, motion)


def quorum_of(board: Board | BoardRef, setting: dict[str, Any] | None = None) -> QuorumRule | None:
    """The quorum in force: the agreement's own, else the board's setting (else none)."""
    own = agreement_of(board).quorum
    if own is not None:
        return own
    setting = setting if setting is not None else getattr(board, "quorum", None)
    return QuorumRule.model_validate(setting) if setting else None


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
    status, stored = (
        await session.execute(select(Motion.status, Motion.quorum).where(Motion.id == motion_id))
    ).one()
    rule = (
        (QuorumRule.model_validate(stored) if stored else None)
        if status == "closed"
        else (quorum_of(board))
    )
    return decide(
        agreement_of(board).procedure,
        [rule_seat(s) for s in board.seats],
        ballots,
        attendance=await _attendance(session, motion_id, keys),
        vice_chair=vice_key,
        quorum=rule,
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
        motion = await _motion(session, motion_id)
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
            session, "motion_withdrawn", motion.board_id, motion=motion_id, by=person_id
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
    motion = await _motion(session, motion_id)
    board = await load_board(session, motion.board_id)
    held = await holders(session, [s.id for s in board.seats])
    cover = await covering(session, motion_id)
    substitutes = {
        p.id: p
        for p in await session.scalars(
            select(Person).where(Person.id.in_([person for _, person in cover.values()]))
        )
    }
    voted = set(
        await session.scalars(select(BallotRow.seat_id).where(BallotRow.motion_id == motion_id))
    )
    people: dict[int, Recipient] = {}
    for seat in board.seats:
        if (voting_only or not_voted) and not seat.votes:
            continue
        if not_voted and seat.id in voted:
            continue
        voters: list[Person | None] = [held.get(seat.id)]
        if seat.id in cover:
            substitute = substitutes.get(cover[seat.id][1])
            voters = [substitute] if voting_only or not_voted else [*voters, substitute]
        for person in voters:
            if person is None or person.telegram_user_id is None:
                continue
            people[person.id] = Recipient(
                person.id,
                person.telegram_user_id,
                person.language,
                person.telegram_language,
                person.name,
            )
    return list(people.values())


async def seat_keys_for(db: Database, motion_id: int, person_id: int) -> list[str]:
    """The seats whose ballot the person casts on the motion (held, or substituted for)."""
    async with db.transaction() as session:
        rows = (
            await session.execute(_BALLOT_CONTEXT, {"motion": motion_id, "person": person_id})
        ).all()
        seat_ids = [
            r.seat_id for r in rows if r.seat_id is not None and r.substitute in (None, person_id)
        ]
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


async def mark_announced(db: Database, motion_id: int, now: datetime | None = None) -> bool:
    """Mark the result as sent; False when another worker already did (send nothing then)."""
    async with db.transaction() as session:
        done = await session.execute(
            update(Motion)
            .where(Motion.id == motion_id, Motion.announced_at.is_(None))
            .values(announced_at=now or utcnow())
        )
        return done.rowcount == 1  # type: ignore[attr-defined,no-any-return]


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
        rows = await session.execute(
            select(Seat.label_nl, Seat.label_en, Person.name)
            .select_from(BallotRow)
            .join(Seat, Seat.id == BallotRow.seat_id)
            .join(Substitution, Substitution.id == BallotRow.substitution_id)
            .join(Person, Person.id == Substitution.person_id)
            .where(BallotRow.motion_id == motion_id)
            .order_by(Seat.position)
        )
        return [(nl, en, name) for nl, en, name in rows.tuples()]
