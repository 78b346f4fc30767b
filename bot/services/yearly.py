"""The draft yearly report: meetings against the rhythm, attendance, decisions, due date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from bot.db.engine import Database
from bot.db.models import Meeting, Rsvp, utcnow
from bot.i18n import Translator
from bot.services import boards
from bot.services.decisions import decision_rows
from bot.services.views import BoardRef
from bot.texts import clock
from bot.texts.decisions import DecisionRow
from rules.agreements.loader import shipped_agreements
from rules.deadlines import RhythmPeriod, report_due, rhythm_periods


@dataclass(frozen=True)
class AttendanceLine:
    seat: str
    holder: str
    present: int
    meetings: int


@dataclass(frozen=True)
class YearReport:
    board: BoardRef
    year: int
    due: date | None
    recipients: str | None
    includes: str | None
    meetings: tuple[date, ...]
    periods: tuple[RhythmPeriod, ...]
    attendance: tuple[AttendanceLine, ...]
    decisions: tuple[DecisionRow, ...]


async def year_report(db: Database, board_id: int, year: int, t: Translator) -> YearReport:
    board = (await boards.overview(db, board_id)).board
    agreement = shipped_agreements()[board.agreement_id]
    duty = agreement.reports[0] if agreement.reports else None
    async with db.transaction() as session:
        held = [
            m
            for m in await session.scalars(
                select(Meeting)
                .where(Meeting.board_id == board_id, Meeting.status == "planned")
                .order_by(Meeting.starts_at)
            )
            if m.starts_at.astimezone(clock.zone()).year == year and m.starts_at <= utcnow()
        ]
        ids = [m.id for m in held]
        present: dict[int, int] = {}
        for rsvp in await session.scalars(
            select(Rsvp).where(Rsvp.meeting_id.in_(ids), Rsvp.present.is_(True))
        ):
            present[rsvp.person_id] = present.get(rsvp.person_id, 0) + 1
    days = tuple(m.starts_at.astimezone(clock.zone()).date() for m in held)
    periods = tuple(rhythm_periods(agreement, days, date(year, 1, 1), date(year, 12, 31)))
    overview = await boards.overview(db, board_id)
    people = {p.name: p.id for p in await boards.holders_of_board(db, board_id)}
    attendance = tuple(
        AttendanceLine(
            seat.label(t.language),
            seat.holder,
            present.get(people.get(seat.holder, -1), 0),
            len(held),
        )
        for seat in overview.seats
        if seat.holder
    )
    decisions = tuple(
        row
        for row in await decision_rows(db, board_id, t)
        if row.closed_at.astimezone(clock.zone()).year == year
    )
    return YearReport(
        board,
        year,
        report_due(duty, year) if duty else None,
        duty.recipients.get(t.language) if duty else None,
        duty.includes.get(t.language) if duty and duty.includes else None,
        days,
        periods,
        attendance,
        decisions,
    )
