"""The draft yearly report: a section per reporting duty the agreement names for the year,
meetings against the rhythm, attendance, decisions; only what werkbot's data supports, and a
marked placeholder for each part the secretary writes (a financial paragraph)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from bot.db.engine import Database
from bot.db.models import Meeting, Rsvp, utcnow
from bot.i18n import Translator
from bot.services import audit, boards
from bot.services.decisions import decision_rows
from bot.services.views import BoardRef
from bot.texts import clock
from bot.texts.decisions import DecisionRow
from rules.agreements.loader import shipped_agreements
from rules.deadlines import RhythmPeriod, report_due, reports_for, rhythm_periods
from rules.explain import citation


@dataclass(frozen=True)
class AttendanceLine:
    seat: str
    holder: str
    present: int
    meetings: int


@dataclass(frozen=True)
class DutySection:
    """One reporting duty of the agreement, for the report's year."""

    name: str
    due: date
    recipients: str
    #: What the agreement asks the report to hold that werkbot has no data for (the secretary
    #: fills it in), e.g. "a financial section"; None when it asks nothing more.
    includes: str | None
    cite: str


@dataclass(frozen=True)
class YearReport:
    board: BoardRef
    year: int
    #: "Convenant Werkbedrijf Achterhoek (achterhoek-2014)".
    agreement: str
    #: The agreement's last valid day, when it falls before the end of the report's year.
    ended: date | None
    duties: tuple[DutySection, ...]
    meetings: tuple[date, ...]
    periods: tuple[RhythmPeriod, ...]
    attendance: tuple[AttendanceLine, ...]
    decisions: tuple[DecisionRow, ...]
    #: The audit chain's tip when the report was made ("HASH@NUMBER").
    anchor: str


async def year_report(db: Database, board_id: int, year: int, t: Translator) -> YearReport:
    board = (await boards.overview(db, board_id)).board
    agreement = shipped_agreements()[board.agreement_id]
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
    language = t.language
    duties = tuple(
        DutySection(
            duty.name.get(language),
            report_due(duty, year),
            duty.recipients.get(language),
            duty.includes.get(language) if duty.includes else None,
            citation(agreement, duty.cites, t),
        )
        for duty in reports_for(agreement, year)
    )
    last = agreement.valid_until
    return YearReport(
        board,
        year,
        f"{agreement.title.get(language)} ({agreement.id})",
        last if last is not None and last < date(year, 12, 31) else None,
        duties,
        days,
        periods,
        attendance,
        decisions,
        (await audit.anchor_now(db)).full,
    )
