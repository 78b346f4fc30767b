"""Meetings: scheduled by the secretary, answered by the members, reminded once, in calendars.

A meeting is planned with reminder rows in ``scheduled_work`` (claimed once, like a vote's
close). Its calendar entry keeps one UID; ``sequence`` grows with each change.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from icalendar import Calendar, Event  # type: ignore[import-untyped]
from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.engine import Database
from bot.db.models import (
    Board,
    Meeting,
    Person,
    Rsvp,
    ScheduledWork,
    Seat,
    SeatAssignment,
    Substitution,
    utcnow,
)
from bot.services import audit
from bot.services.boards import board_ref, holders, is_secretary, load_board
from bot.services.errors import Refusal, ServiceError
from bot.services.views import BoardRef

REMINDER = "meeting_reminder"
DURATION = timedelta(hours=2)


@dataclass(frozen=True)
class MeetingView:
    id: int
    board: BoardRef
    starts_at: datetime
    location: str
    agenda: str
    status: str
    sequence: int


@dataclass(frozen=True)
class Answer:
    """A seat on the board with its holder and their answer (None: not answered)."""

    seat_nl: str
    seat_en: str
    holder: str | None
    present: bool | None
    key: str = ""
    votes: bool = True
    #: True when ``holder`` is a substitute for this meeting.
    substitute: bool = False

    def seat(self, lang: str) -> str:
        return self.seat_en if lang == "en" else self.seat_nl


def _view(meeting: Meeting, board: Board) -> MeetingView:
    return MeetingView(
        meeting.id,
        board_ref(board),
        meeting.starts_at,
        meeting.location,
        meeting.agenda,
        meeting.status,
        meeting.sequence,
    )


async def _meeting(session: AsyncSession, meeting_id: int) -> tuple[Meeting, Board]:
    meeting = await session.get(Meeting, meeting_id)
    if meeting is None:
        raise ServiceError(Refusal.UNKNOWN_MEETING, meeting=meeting_id)
    board = await session.get(Board, meeting.board_id)
    assert board is not None
    return meeting, board


async def schedule(
    db: Database,
    board_id: int,
    person_id: int,
    starts_at: datetime,
    location: str,
    agenda: str,
    now: datetime | None = None,
) -> MeetingView:
    """Plan a meeting (secretary only, in the future) with its reminders."""
    now = now or utcnow()
    if not await is_secretary(db, person_id, board_id):
        raise ServiceError(Refusal.NOT_SECRETARY, board=board_id)
    if starts_at <= now:
        raise ServiceError(Refusal.DEADLINE_PAST)
    async with db.transaction() as session:
        board = await load_board(session, board_id)
        meeting = Meeting(
            board_id=board_id,
            starts_at=starts_at,
            location=location.strip()[:300],
            agenda=agenda.strip(),
            created_by_id=person_id,
            created_at=now,
        )
        session.add(meeting)
        await session.flush()
        _plan_reminders(session, meeting, board, now)
        await audit.append(session, "meeting_scheduled", board_id, meeting=meeting.id, by=person_id)
        return _view(meeting, board)


async def view(db: Database, meeting_id: int) -> MeetingView:
    async with db.transaction() as session:
        meeting, board = await _meeting(session, meeting_id)
        return _view(meeting, board)


async def upcoming(db: Database, person_id: int, now: datetime | None = None) -> list[MeetingView]:
    """Planned meetings of the boards where the person holds a seat, soonest first."""
    now = now or utcnow()
    async with db.transaction() as session:
        board_ids = select(Seat.board_id).where(
            Seat.id.in_(
                select(SeatAssignment.seat_id).where(
                    SeatAssignment.person_id == person_id, SeatAssignment.ends_at.is_(None)
                )
            )
        )
        rows = await session.execute(
            select(Meeting, Board)
            .join(Board, Board.id == Meeting.board_id)
            .where(
                Meeting.board_id.in_(board_ids),
                Meeting.status == "planned",
                Meeting.starts_at > now,
            )
            .order_by(Meeting.starts_at)
        )
        return [_view(m, b) for m, b in rows.tuples()]


async def answer(
    db: Database, meeting_id: int, person_id: int, present: bool, now: datetime | None = None
) -> MeetingView:
    """Record (or change) a seat holder's answer; only before the meeting starts."""
    now = now or utcnow()
    async with db.transaction() as session:
        meeting, board = await _meeting(session, meeting_id)
        if meeting.status != "planned" or meeting.starts_at <= now:
            raise ServiceError(Refusal.MEETING_OVER, meeting=meeting_id)
        seated = await session.scalar(
            select(Seat.id)
            .join(SeatAssignment, SeatAssignment.seat_id == Seat.id)
            .where(
                Seat.board_id == board.id,
                SeatAssignment.person_id == person_id,
                SeatAssignment.ends_at.is_(None),
            )
            .limit(1)
        )
        if seated is None and meeting_id not in await _substituting(session, person_id):
            raise ServiceError(Refusal.NOT_MEMBER)
        dialect = postgresql if session.bind.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(Rsvp).values(
            meeting_id=meeting_id, person_id=person_id, present=present, answered_at=now
        )
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=[Rsvp.meeting_id, Rsvp.person_id],
                set_={"present": statement.excluded.present, "answered_at": now},
            )
        )
        return _view(meeting, board)


async def _substituting(session: AsyncSession, person_id: int) -> set[int]:
    """The meetings the person is a substitute at."""
    rows = await session.scalars(
        select(Substitution.meeting_id).where(
            Substitution.person_id == person_id,
            Substitution.revoked_at.is_(None),
            Substitution.meeting_id.is_not(None),
        )
    )
    return {m for m in rows if m is not None}


async def _attendees(session: AsyncSession, meeting_id: int, board: Board) -> dict[int, Person]:
    """Seat id -> who attends for it: the meeting's substitute, else the holder."""
    attendees = await holders(session, [s.id for s in board.seats])
    rows = await session.execute(
        select(Substitution.seat_id, Person)
        .join(Person, Person.id == Substitution.person_id)
        .where(Substitution.meeting_id == meeting_id, Substitution.revoked_at.is_(None))
    )
    attendees.update(dict(rows.tuples().all()))
    return attendees


async def attendance(db: Database, meeting_id: int) -> tuple[MeetingView, list[Answer]]:
    """Every seat of the board with its attendee's answer (a substitute's for their seat)."""
    async with db.transaction() as session:
        meeting = await session.get(Meeting, meeting_id)
        if meeting is None:
            raise ServiceError(Refusal.UNKNOWN_MEETING, meeting=meeting_id)
        full = await load_board(session, meeting.board_id)  # with its seats, before anything else
        held = await holders(session, [s.id for s in full.seats])
        attendees = await _attendees(session, meeting_id, full)
        answers = {
            r.person_id: r.present
            for r in await session.scalars(select(Rsvp).where(Rsvp.meeting_id == meeting_id))
        }
        lines = []
        for s in full.seats:
            person = attendees.get(s.id)
            substitute = person is not None and (s.id not in held or held[s.id].id != person.id)
            lines.append(
                Answer(
                    s.label_nl,
                    s.label_en,
                    person.name if person else None,
                    answers.get(person.id) if person else None,
                    s.key,
                    s.votes,
                    substitute,
                )
            )
        return _view(meeting, full), lines


async def toggle_present(
    db: Database, meeting_id: int, seat_key: str, by: int, now: datetime | None = None
) -> bool:
    """The secretary corrects a seat's presence (before or during the meeting): present
    becomes absent, anything else present. Returns the new state."""
    now = now or utcnow()
    board_id = (await view(db, meeting_id)).board.id
    if not await is_secretary(db, by, board_id):
        raise ServiceError(Refusal.NOT_SECRETARY)
    async with db.transaction() as session:
        board = await load_board(session, board_id)  # with its seats, before anything else
        meeting, _ = await _meeting(session, meeting_id)
        if meeting.status != "planned":
            raise ServiceError(Refusal.MEETING_OVER, meeting=meeting_id)
        seat = next((s for s in board.seats if s.key == seat_key), None)
        person = (await _attendees(session, meeting_id, board)).get(seat.id) if seat else None
        if seat is None or person is None:
            raise ServiceError(Refusal.UNKNOWN_SEAT, seat=seat_key)
        current = await session.scalar(
            select(Rsvp.present).where(Rsvp.meeting_id == meeting_id, Rsvp.person_id == person.id)
        )
        present = current is not True
        dialect = postgresql if session.bind.dialect.name == "postgresql" else sqlite
        statement = dialect.insert(Rsvp).values(
            meeting_id=meeting_id, person_id=person.id, present=present, answered_at=now
        )
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=[Rsvp.meeting_id, Rsvp.person_id],
                set_={"present": statement.excluded.present, "answered_at": now},
            )
        )
        await audit.append(
            session, "presence_marked", board.id, meeting=meeting_id, seat=seat.id, by=by
        )
        return present


async def around(
    db: Database, board_ids: list[int], now: datetime | None = None
) -> list[MeetingView]:
    """Planned meetings of the boards from 12 hours ago on (the one running now included)."""
    now = now or utcnow()
    async with db.transaction() as session:
        rows = await session.execute(
            select(Meeting, Board)
            .join(Board, Board.id == Meeting.board_id)
            .where(
                Meeting.board_id.in_(board_ids),
                Meeting.status == "planned",
                Meeting.starts_at > now - timedelta(hours=12),
            )
            .order_by(Meeting.starts_at)
            .limit(4)
        )
        return [_view(m, b) for m, b in rows.tuples()]


def calendar_file(meeting: MeetingView) -> bytes:
    """The meeting as an iCalendar file; the same UID for every version, so calendars update."""
    return board_calendar([meeting])


async def of_board(db: Database, board_id: int) -> list[MeetingView]:
    """Every meeting of the board, planned or cancelled, oldest first."""
    async with db.transaction() as session:
        board = await load_board(session, board_id)
        found = await session.scalars(
            select(Meeting).where(Meeting.board_id == board_id).order_by(Meeting.starts_at)
        )
        return [_view(m, board) for m in found.all()]


def board_calendar(meetings: list[MeetingView]) -> bytes:
    """Meetings as one iCalendar file (``werkbot calendar BOARD``, and each invitation)."""
    calendar = Calendar()
    calendar.add("prodid", "-//werkbot//meetings//NL")
    calendar.add("version", "2.0")
    cancelled = len(meetings) == 1 and meetings[0].status == "cancelled"
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    for meeting in meetings:
        calendar.add_component(_event(meeting))
    data: bytes = calendar.to_ical()
    return data


def _event(meeting: MeetingView) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.id}@werkbot")
    event.add("sequence", meeting.sequence)
    event.add("summary", meeting.board.name)
    event.add("dtstart", meeting.starts_at)
    event.add("dtend", meeting.starts_at + DURATION)
    event.add("dtstamp", utcnow())
    event.add("location", meeting.location)
    if meeting.agenda:
        event.add("description", meeting.agenda)
    if meeting.status == "cancelled":
        event.add("status", "CANCELLED")
    return event


async def _planned(session: AsyncSession, meeting_id: int, now: datetime) -> tuple[Meeting, Board]:
    meeting, board = await _meeting(session, meeting_id)
    if meeting.status != "planned" or meeting.starts_at <= now:
        raise ServiceError(Refusal.MEETING_OVER, meeting=meeting_id)
    return meeting, board


def _plan_reminders(session: AsyncSession, meeting: Meeting, board: Board, now: datetime) -> None:
    for minutes in sorted(set(board.meeting_reminder_minutes)):
        due = meeting.starts_at - timedelta(minutes=minutes)
        if due > now:
            session.add(
                ScheduledWork(
                    kind=REMINDER, meeting_id=meeting.id, due_at=due, payload={"minutes": minutes}
                )
            )


async def _drop_reminders(session: AsyncSession, meeting_id: int, now: datetime) -> None:
    await session.execute(
        update(ScheduledWork)
        .where(ScheduledWork.meeting_id == meeting_id, ScheduledWork.done_at.is_(None))
        .values(done_at=now)
    )


async def move(
    db: Database, meeting_id: int, person_id: int, starts_at: datetime, now: datetime | None = None
) -> MeetingView:
    """Move a planned meeting (secretary only): its reminders are planned again."""
    now = now or utcnow()
    async with db.transaction() as session:
        meeting, board = await _meeting(session, meeting_id)
    if not await is_secretary(db, person_id, board.id):
        raise ServiceError(Refusal.NOT_SECRETARY, board=board.id)
    if starts_at <= now:
        raise ServiceError(Refusal.DEADLINE_PAST)
    async with db.transaction() as session:
        meeting, board = await _planned(session, meeting_id, now)
        meeting.starts_at = starts_at
        meeting.sequence += 1
        await _drop_reminders(session, meeting.id, now)
        await session.execute(delete(Rsvp).where(Rsvp.meeting_id == meeting.id))  # ask again
        await session.flush()
        _plan_reminders(session, meeting, board, now)
        await audit.append(session, "meeting_moved", board.id, meeting=meeting.id, by=person_id)
        return _view(meeting, board)


async def cancel(
    db: Database, meeting_id: int, person_id: int, now: datetime | None = None
) -> MeetingView:
    """Cancel a planned meeting (secretary only): no reminders any more."""
    now = now or utcnow()
    async with db.transaction() as session:
        meeting, board = await _meeting(session, meeting_id)
    if not await is_secretary(db, person_id, board.id):
        raise ServiceError(Refusal.NOT_SECRETARY, board=board.id)
    async with db.transaction() as session:
        meeting, board = await _planned(session, meeting_id, now)
        meeting.status = "cancelled"
        meeting.sequence += 1
        await _drop_reminders(session, meeting.id, now)
        await audit.append(session, "meeting_cancelled", board.id, meeting=meeting.id, by=person_id)
        return _view(meeting, board)
