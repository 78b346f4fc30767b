"""Boards: created from an agreement, listed, shown with who holds which seat."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from pydantic import ValidationError
from sqlalchemy import ColumnElement, Select, and_, bindparam, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from bot.db.engine import Database, Executor
from bot.db.models import (
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
from bot.services import audit, outbox
from bot.services.errors import Refusal, ServiceError
from bot.services.people import view as people_view
from bot.services.views import BoardOverview, BoardRef, HeldSeat, PersonView, SeatLine
from rules.agreements.loader import shipped_agreements
from rules.agreements.model import DEFAULT_QUORUM, QuorumRule, SeatRole

SECRETARY_ROLES = (SeatRole.SECRETARY.value, SeatRole.DEPUTY_SECRETARY.value)


def board_ref(board: Board) -> BoardRef:
    return BoardRef(board.id, board.name, board.agreement_id, board.group_chat_id, board.is_demo)


def seat_line(seat: Seat, holder: Person | None) -> SeatLine:
    return SeatLine(
        seat.key,
        seat.label_nl,
        seat.label_en,
        seat.role,
        seat.delegation,
        seat.votes,
        holder.name if holder else None,
        holder.is_demo if holder else False,
    )


async def create_board(
    db: Database,
    agreement_id: str,
    name: str | None = None,
    *,
    demo: bool = False,
    counts: dict[str, int] | None = None,
) -> BoardRef:
    """A new board with the agreement's seats, all vacant.

    Each kind of seat gets its default count, or ``counts[kind]`` within the agreement's bounds
    (e.g. 5 employers where the agreement says "at least 3").
    """
    agreement = shipped_agreements().get(agreement_id)
    if agreement is None:
        raise ServiceError(Refusal.UNKNOWN_AGREEMENT, agreement=agreement_id)
    for kind, number in (counts or {}).items():
        spec = next((s for s in agreement.seats if s.id == kind), None)
        if spec is None:
            raise ServiceError(Refusal.UNKNOWN_SEAT, seat=kind)
        if number < spec.count.min or (spec.count.max is not None and number > spec.count.max):
            raise ServiceError(
                Refusal.SEAT_COUNT, seat=kind, min=spec.count.min, max=spec.count.max
            )
    async with db.transaction() as session:
        board = Board(agreement_id=agreement.id, name=name or agreement.board_name.nl, is_demo=demo)
        for position, seat in enumerate(agreement.expand_seats(counts)):
            board.seats.append(
                Seat(
                    key=seat.id,
                    position=position,
                    spec=seat.spec,
                    label_nl=seat.label.nl,
                    label_en=seat.label.en,
                    role=seat.role.value,
                    delegation=seat.delegation,
                    party=seat.party,
                    votes=seat.votes,
                )
            )
        session.add(board)
        await session.flush()
        await audit.append(session, "board_created", board.id, agreement=agreement.id)
        return board_ref(board)


async def holders(session: AsyncSession, seat_ids: list[int]) -> dict[int, Person]:
    rows = await session.execute(
        select(SeatAssignment.seat_id, Person)
        .join(Person, Person.id == SeatAssignment.person_id)
        .where(SeatAssignment.seat_id.in_(seat_ids), SeatAssignment.ends_at.is_(None))
    )
    return dict(rows.tuples().all())


async def load_board(session: AsyncSession, board_id: int) -> Board:
    board = await session.get(Board, board_id, options=[selectinload(Board.seats)])
    if board is None:
        raise ServiceError(Refusal.UNKNOWN_BOARD, board=board_id)
    return board


async def overview(db: Database, board_id: int) -> BoardOverview:
    """The board with every seat and who holds it now."""
    async with db.transaction() as session:
        board = await load_board(session, board_id)
        held = await holders(session, [s.id for s in board.seats])
        lines = tuple(seat_line(s, held.get(s.id)) for s in board.seats)
        return BoardOverview(board_ref(board), lines)


async def list_boards(db: Database) -> list[BoardRef]:
    async with db.transaction() as session:
        return [board_ref(b) for b in await session.scalars(select(Board).order_by(Board.id))]


async def board(db: Database, board_id: int) -> BoardRef:
    async with db.reading() as session:
        return board_ref(await load_board(session, board_id))


def agreement_sets_quorum(board: BoardRef) -> bool:
    """Whether the board's agreement sets its own quorum (the board's setting then has none)."""
    return shipped_agreements()[board.agreement_id].quorum is not None


async def find_board(db: Database, ref: str) -> BoardRef:
    """A board by id or exact name (command line)."""
    async with db.transaction() as session:
        query = (
            select(Board).where(Board.id == int(ref))
            if ref.isdigit()
            else select(Board).where(Board.name == ref)
        )
        boards = (await session.scalars(query)).all()
        if len(boards) != 1:
            raise ServiceError(Refusal.UNKNOWN_BOARD, board=ref)
        return board_ref(boards[0])


async def seats_of(db: Database, person_id: int) -> list[HeldSeat]:
    """Every seat the person holds now, board by board."""
    async with db.transaction() as session:
        rows = await session.execute(
            select(SeatAssignment, Seat, Board, Person)
            .join(Seat, Seat.id == SeatAssignment.seat_id)
            .join(Board, Board.id == Seat.board_id)
            .join(Person, Person.id == SeatAssignment.person_id)
            .where(SeatAssignment.person_id == person_id, SeatAssignment.ends_at.is_(None))
            .order_by(Board.id, Seat.position)
        )
        return [
            HeldSeat(board_ref(board), seat_line(seat, person), assignment.starts_at)
            for assignment, seat, board, person in rows.tuples()
        ]


async def boards_of(db: Database, person_id: int, *, secretary: bool = False) -> list[BoardRef]:
    """The boards where the person holds a seat (only as secretary when ``secretary``)."""
    held = await seats_of(db, person_id)
    boards = {h.board.id: h.board for h in held if not secretary or h.seat.role in SECRETARY_ROLES}
    return list(boards.values())


#: Builds the messages that tell the seat's previous holder (None: it was vacant) and its new
#: holder; they go into the outbox in the appointment's transaction.
Tell = Callable[[HeldSeat, PersonView | None, PersonView], Sequence[outbox.Outgoing]]


async def assign(
    db: Database,
    board_id: int,
    seat_key: str,
    person_id: int,
    *,
    tell: Tell | None = None,
    default_language: str = "nl",
) -> HeldSeat:
    """Give a seat to a person (the command line's way to appoint, e.g., the secretary)."""
    async with db.transaction() as session:
        seat = await session.scalar(
            select(Seat).where(Seat.board_id == board_id, Seat.key == seat_key)
        )
        person = await session.get(Person, person_id)
        if seat is None:
            raise ServiceError(Refusal.UNKNOWN_SEAT, seat=seat_key)
        if person is None:
            raise ServiceError(Refusal.UNKNOWN_PERSON, person=person_id)
        before = await _holder(session, seat.id)
        held = await take_seat(session, seat, person, utcnow())
        if tell is not None:
            previous = people_view(before, default_language) if before is not None else None
            await outbox.add(session, tell(held, previous, people_view(person, default_language)))
        return held


async def _holder(session: AsyncSession, seat_id: int) -> Person | None:
    found: Person | None = await session.scalar(
        select(Person)
        .join(SeatAssignment, SeatAssignment.person_id == Person.id)
        .where(SeatAssignment.seat_id == seat_id, SeatAssignment.ends_at.is_(None))
    )
    return found


async def holder(
    db: Database, board_id: int, seat_key: str, default_language: str = "nl"
) -> PersonView | None:
    """Who holds the seat now (None: vacant)."""
    async with db.reading() as session:
        seat = await session.scalar(
            select(Seat).where(Seat.board_id == board_id, Seat.key == seat_key)
        )
        if seat is None:
            raise ServiceError(Refusal.UNKNOWN_SEAT, seat=seat_key)
        found = await _holder(session, seat.id)
        return people_view(found, default_language) if found is not None else None


async def take_seat(session: AsyncSession, seat: Seat, person: Person, now: datetime) -> HeldSeat:
    """End the seat's current assignment (if any) and give it to ``person``, with audit.

    Every way onto a seat comes here (an invite, the command line), so here one person is
    kept to one vote per seat they rightfully hold: no standing substitute or secretary takes
    a voting seat, no voter becomes secretary. A seat that changes hands ends the
    substitutions its holder named for it."""
    await check_one_vote(session, seat, person, now)
    current = await session.scalar(
        select(SeatAssignment).where(
            SeatAssignment.seat_id == seat.id, SeatAssignment.ends_at.is_(None)
        )
    )
    if current is not None:
        current.ends_at = now
        await session.flush()
        if current.person_id != person.id:
            await end_substitutions(session, [seat.id], now)
    session.add(SeatAssignment(seat_id=seat.id, person_id=person.id, starts_at=now))
    await session.flush()
    await audit.append(session, "seat_assigned", seat.board_id, seat=seat.id, person=person.id)
    board = await session.get(Board, seat.board_id)
    assert board is not None
    return HeldSeat(board_ref(board), seat_line(seat, person), now)


def standing_substitution(now: datetime) -> ColumnElement[bool]:
    """A substitution that can still cast a ballot: not revoked, for an open motion or a
    planned meeting still to come."""
    return and_(
        Substitution.revoked_at.is_(None),
        or_(
            Substitution.motion_id.in_(select(Motion.id).where(Motion.status == "open")),
            Substitution.meeting_id.in_(
                select(Meeting.id).where(Meeting.status == "planned", Meeting.starts_at > now)
            ),
        ),
    )


async def end_substitutions(session: AsyncSession, seat_ids: Sequence[int], now: datetime) -> int:
    """A seat that changes hands (or is given up) ends the substitutions named for it: they
    were the holder's choice, and a new holder must not be outvoted by the old one's pick.
    Their unused invites go too. Returns how many ended."""
    rows = (
        await session.execute(
            select(Substitution.id, Substitution.board_id).where(
                Substitution.seat_id.in_(seat_ids), standing_substitution(now)
            )
        )
    ).all()
    ended = [row.id for row in rows]
    if ended:
        await session.execute(
            update(Substitution).where(Substitution.id.in_(ended)).values(revoked_at=now)
        )
        await session.execute(
            delete(Invite).where(Invite.substitution_id.in_(ended), Invite.used_at.is_(None))
        )
        await audit.append(
            session, "substitutions_ended", rows[0].board_id, substitutions=sorted(ended)
        )
    return len(ended)


async def check_one_vote(session: AsyncSession, seat: Seat, person: Person, now: datetime) -> None:
    """Refuse a seat that would give ``person`` a second vote or votes as secretary."""
    board_seats = select(Seat.id).where(Seat.board_id == seat.board_id)
    held = list(
        await session.scalars(
            select(Seat).where(
                Seat.id.in_(
                    select(SeatAssignment.seat_id).where(
                        SeatAssignment.person_id == person.id,
                        SeatAssignment.ends_at.is_(None),
                        SeatAssignment.seat_id.in_(board_seats),
                    )
                ),
                Seat.id != seat.id,
            )
        )
    )
    if seat.votes:
        if any(s.role in SECRETARY_ROLES for s in held):
            raise ServiceError(Refusal.SECRETARY_TAKES_VOTE)
        substitute = await session.scalar(
            select(Substitution.id).where(
                Substitution.board_id == seat.board_id,
                Substitution.person_id == person.id,
                standing_substitution(now),
            )
        )
        if substitute is not None:
            raise ServiceError(Refusal.SUBSTITUTE_TAKES_SEAT)
    elif seat.role in SECRETARY_ROLES and any(s.votes for s in held):
        raise ServiceError(Refusal.VOTER_BECOMES_SECRETARY, name=person.name)


#: The board's officers: they link its group and set its quorum from the phone.
OFFICER_ROLES = frozenset({*SECRETARY_ROLES, SeatRole.CHAIR.value})


async def officer_boards(db: Database, person_id: int) -> list[BoardRef]:
    """The boards on which the person is secretary, deputy secretary or chair."""
    return [h.board for h in await seats_of(db, person_id) if h.seat.role in OFFICER_ROLES]


#: The quorum choices a board's officer has on the phone: werkbot's default, a simple
#: majority of the seats, two thirds, none (the forms of :func:`parse_quorum`).
QUORUM_CHOICES = {"d": "default", "m": "majority", "t": "2/3", "o": "off"}


async def set_quorum(db: Database, person_id: int, board_id: int, choice: str) -> BoardSettings:
    """An officer sets the board's quorum (one of :data:`QUORUM_CHOICES`); the agreement's own
    quorum, where it sets one, stays in force whatever the board sets."""
    if board_id not in {b.id for b in await officer_boards(db, person_id)}:
        raise ServiceError(Refusal.NOT_OFFICER, board=board_id)
    form = QUORUM_CHOICES.get(choice)
    if form is None:
        raise ServiceError(Refusal.BAD_SETTING, setting="quorum", allowed=QUORUM_FORMS)
    return await settings_of(db, board_id, quorum=form)


async def secretary_seat_key(db: Database, board_id: int) -> str:
    async with db.transaction() as session:
        key = await session.scalar(
            select(Seat.key).where(Seat.board_id == board_id, Seat.role == SeatRole.SECRETARY.value)
        )
        if key is None:
            raise ServiceError(Refusal.UNKNOWN_SEAT, seat="secretary")
        return key


async def is_secretary(db: Database, person_id: int, board_id: int) -> bool:
    return any(b.id == board_id for b in await boards_of(db, person_id, secretary=True))


#: The offices a question about the agreement may ask who holds ("wie is de voorzitter").
OFFICES = frozenset({"chair", "vice_chair", "secretary"})


@dataclass(frozen=True)
class Asking:
    """What answering a person's question about their agreement needs to know of them."""

    #: The agreements of the boards the person holds a seat on, in board order (none: no seat).
    agreement_ids: tuple[str, ...]
    #: (agreement id, "chair" | "vice_chair" | "secretary") -> who holds it now, on those
    #: boards; an office nobody holds is missing.
    holders: dict[tuple[str, str], str]


@cache
def _asking_query() -> Select[tuple[str, str, bool, str]]:
    """The query of :func:`asking`, built once (building it costs more than running it)."""
    held = (
        select(Seat.board_id)
        .join(SeatAssignment, SeatAssignment.seat_id == Seat.id)
        .where(SeatAssignment.person_id == bindparam("person_id"), SeatAssignment.ends_at.is_(None))
    )
    office = (
        select(Seat.board_id, Seat.id.label("seat_id"), Seat.role, Seat.position, Person.name)
        .join(SeatAssignment, SeatAssignment.seat_id == Seat.id)
        .join(Person, Person.id == SeatAssignment.person_id)
        .where(SeatAssignment.ends_at.is_(None))
        .subquery()
    )
    vice = office.c.seat_id == Board.vice_chair_seat_id
    return (
        select(Board.agreement_id, office.c.role, vice, office.c.name)
        .outerjoin(
            office, and_(office.c.board_id == Board.id, or_(office.c.role.in_(OFFICES), vice))
        )
        .where(Board.id.in_(held))
        .order_by(Board.id, office.c.position)
    )


async def asking(db: Database, person_id: int) -> Asking:
    """The person's agreements and who holds the offices of their boards, in a unit of work of
    its own (the gate reads it with the update's record instead: :func:`asking_in`)."""
    async with db.reading() as session:
        return await asking_in(session, person_id)


async def asking_in(session: Executor, person_id: int) -> Asking:
    """:func:`asking` inside the caller's unit of work: one query (a private chat's every
    question needs it; a unit of work of its own costs about a millisecond on SQLite)."""
    rows = (await session.execute(_asking_query(), {"person_id": person_id})).tuples().all()
    found: dict[tuple[str, str], str] = {}
    for agreement_id, role, is_vice, name in rows:
        if name is not None:  # a board of the person's where nobody holds an office
            found.setdefault((agreement_id, "vice_chair" if is_vice else role), name)
    return Asking(tuple(dict.fromkeys(row[0] for row in rows)), found)


async def holders_of_board(db: Database, board_id: int) -> list[PersonView]:
    """Everyone holding a seat on the board now, each once."""
    async with db.transaction() as session:
        board = await load_board(session, board_id)
        held = await holders(session, [s.id for s in board.seats])
        unique = {person.id: person for person in held.values()}
        return [people_view(p, "nl") for p in unique.values()]


async def secretaries_of(db: Database, board_id: int) -> list[PersonView]:
    """The holders of the board's secretary and deputy-secretary seats."""
    async with db.transaction() as session:
        board = await load_board(session, board_id)
        seats = [s.id for s in board.seats if s.role in SECRETARY_ROLES]
        held = await holders(session, seats)
        return [people_view(p, "nl") for p in {p.id: p for p in held.values()}.values()]


PROPOSER_ROLES = frozenset({"chair", "vice_chair", "secretary", "deputy_secretary", "member"})
#: Roles a board may let close a vote (any member may not: a vote's close is an office's act).
CLOSER_ROLES = PROPOSER_ROLES - {"member"}


@dataclass(frozen=True)
class BoardSettings:
    proposer_roles: tuple[str, ...]
    closer_roles: tuple[str, ...]
    vote_reminder_minutes: tuple[int, ...]
    meeting_reminder_minutes: tuple[int, ...]
    #: The quorum in force (the agreement's, the board's or werkbot's default; None: none).
    quorum: QuorumRule | None = None
    #: Seat keys that may send a substitute (None: every voting seat).
    substitute_seats: tuple[str, ...] | None = None


QUORUM_FORMS = "default, off, majority, 2/3, 60% (add :delegations to count delegations)"
#: A board's quorum setting that means "no quorum" (stored as such: no setting at all means
#: werkbot's default, :data:`rules.agreements.model.DEFAULT_QUORUM`).
NO_QUORUM: dict[str, Any] = {"none": True}


def quorum_of(board: Board | BoardRef, setting: dict[str, Any] | None = None) -> QuorumRule | None:
    """The quorum in force: the agreement's own, else the board's setting (``NO_QUORUM``:
    none), else werkbot's default (more than half of the voting seats took part)."""
    own = shipped_agreements()[board.agreement_id].quorum
    if own is not None:
        return own
    setting = setting if setting is not None else getattr(board, "quorum", None)
    if setting == NO_QUORUM:
        return None
    if setting:
        return QuorumRule.model_validate({**setting, "source": "board"})
    return DEFAULT_QUORUM


def parse_quorum(text: str) -> dict[str, Any] | None:
    """The board's quorum setting as stored: "majority", "2/3", "60%", each optionally
    ":delegations"; "off" (no quorum: ``NO_QUORUM``); "default" (None: werkbot's default).

    Raises ServiceError(BAD_SETTING) for anything else.
    """
    spec, _, basis = text.strip().lower().partition(":")
    if spec in {"off", "none", "geen"} and not basis:
        return NO_QUORUM
    if spec in {"default", "standaard"} and not basis:
        return None
    try:
        if basis not in {"", "seats", "delegations"}:
            raise ValueError(basis)
        if spec in {"majority", "meerderheid"}:
            numerator, denominator, more_than = 1, 2, True
        elif spec.endswith("%"):
            numerator, denominator, more_than = int(spec[:-1]), 100, False
        else:
            top, _, bottom = spec.partition("/")
            numerator, denominator, more_than = int(top), int(bottom), False
        rule = QuorumRule(
            basis="delegations" if basis == "delegations" else "seats",
            numerator=numerator,
            denominator=denominator,
            more_than=more_than,
            source="board",
        )
        return rule.model_dump(mode="json", exclude_defaults=True) | {"source": "board"}
    except (ValueError, ValidationError):
        raise ServiceError(Refusal.BAD_SETTING, setting="quorum", allowed=QUORUM_FORMS) from None


async def settings_of(
    db: Database,
    board_id: int,
    *,
    proposers: list[str] | None = None,
    closers: list[str] | None = None,
    vote_reminders: list[int] | None = None,
    meeting_reminders: list[int] | None = None,
    quorum: str | None = None,
    substitutes: str | None = None,
) -> BoardSettings:
    """Read the board's settings, changing those given (validated, audited).

    ``quorum`` takes the forms of :func:`parse_quorum`; ``substitutes`` is "all", "none" or
    seat keys separated by commas.
    """
    setting = parse_quorum(quorum) if quorum is not None else None
    for name, roles, allowed in (
        ("proposers", proposers, PROPOSER_ROLES),
        ("closers", closers, CLOSER_ROLES),
    ):
        if roles is not None and (not roles or set(roles) - allowed):
            raise ServiceError(
                Refusal.BAD_SETTING, setting=name, allowed=", ".join(sorted(allowed))
            )
    for name, minutes in (
        ("vote-reminders", vote_reminders),
        ("meeting-reminders", meeting_reminders),
    ):
        if minutes is not None and any(m <= 0 or m > 60 * 24 * 60 for m in minutes):
            raise ServiceError(Refusal.BAD_SETTING, setting=name, allowed="1..86400")
    async with db.transaction() as session:
        board = await load_board(session, board_id)
        if proposers is not None:
            board.proposer_roles = sorted(set(proposers))
        if closers is not None:
            board.closer_roles = sorted(set(closers))
        if vote_reminders is not None:
            board.reminder_minutes = sorted(set(vote_reminders), reverse=True)
        if meeting_reminders is not None:
            board.meeting_reminder_minutes = sorted(set(meeting_reminders), reverse=True)
        if quorum is not None:
            board.quorum = setting
        if substitutes is not None:
            board.substitute_seats = _substitute_seats(board, substitutes)
        changes = (proposers, closers, vote_reminders, meeting_reminders, quorum, substitutes)
        if any(v is not None for v in changes):
            await audit.append(session, "board_settings", board.id)
        return BoardSettings(
            tuple(board.proposer_roles),
            tuple(board.closer_roles),
            tuple(board.reminder_minutes),
            tuple(board.meeting_reminder_minutes),
            quorum_of(board),
            tuple(board.substitute_seats) if board.substitute_seats is not None else None,
        )


def _substitute_seats(board: Board, text: str) -> list[str] | None:
    words = [w.strip() for w in text.split(",") if w.strip()]
    if words == ["all"]:
        return None
    if words == ["none"]:
        return []
    voting = {s.key for s in board.seats if s.votes}
    unknown = [w for w in words if w not in voting]
    if not words or unknown:
        allowed = "all, none, " + ", ".join(sorted(voting))
        raise ServiceError(Refusal.BAD_SETTING, setting="substitutes", allowed=allowed)
    return sorted(set(words))
