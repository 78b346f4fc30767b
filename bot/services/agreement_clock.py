"""The agreement's clock: what the secretary should hear about, each warning once.

- a period of the meeting rhythm that ends within three weeks without enough meetings planned;
- the yearly report, four weeks and one week before it is due;
- an evaluation moment or the agreement's end, within four weeks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.db.engine import Database
from bot.db.models import Board, ClockWarning, Meeting
from bot.services.boards import board_ref
from bot.services.views import BoardRef
from rules.agreements.loader import shipped_agreements
from rules.deadlines import MilestoneKind, milestones, report_due, reports_for, rhythm_periods

RHYTHM_NOTICE = timedelta(days=21)
REPORT_NOTICES = (28, 7)
MILESTONE_NOTICE = timedelta(days=28)


@dataclass(frozen=True)
class Warning:
    board: BoardRef
    key: str
    kind: str  # rhythm | report | evaluation | expiry
    due: date
    held: int = 0
    required: int = 0
    starts: date | None = None


async def due_warnings(
    db: Database, today: date, zone_days: dict[int, list[date]] | None = None
) -> list[Warning]:
    """Every warning due today for every board (whether sent before or not)."""
    async with db.transaction() as session:
        boards = list((await session.scalars(select(Board).order_by(Board.id))).all())
        planned: dict[int, list[date]] = {}
        for board_id, starts_at in (
            await session.execute(
                select(Meeting.board_id, Meeting.starts_at).where(Meeting.status == "planned")
            )
        ).tuples():
            planned.setdefault(board_id, []).append(starts_at.date())
    warnings: list[Warning] = []
    for board in boards:
        agreement = shipped_agreements().get(board.agreement_id)
        if agreement is None:
            continue
        ref = board_ref(board)
        for period in rhythm_periods(agreement, planned.get(board.id, []), today, today):
            if period.short and period.ends - today <= RHYTHM_NOTICE:
                key = f"rhythm:{period.starts.isoformat()}"
                warnings.append(
                    Warning(
                        ref, key, "rhythm", period.ends, period.held, period.required, period.starts
                    )
                )
        for year in (today.year - 1, today.year):
            for duty in reports_for(agreement, year):  # none after the agreement ended
                due = report_due(duty, year)
                # the tightest notice that applies: 28 days out, then again at 7 days out
                ahead = due - today
                fits = [
                    d for d in sorted(REPORT_NOTICES) if timedelta(0) <= ahead <= timedelta(days=d)
                ]
                if fits:
                    key = f"report:{duty.id}:{year}:{fits[0]}"
                    warnings.append(Warning(ref, key, "report", due))
        for milestone in milestones(agreement, today):
            if milestone.kind is MilestoneKind.IN_FORCE or milestone.past:
                continue
            if milestone.due - today <= MILESTONE_NOTICE:
                warnings.append(
                    Warning(
                        ref,
                        f"{milestone.kind.value}:{milestone.due.isoformat()}",
                        milestone.kind.value,
                        milestone.due,
                    )
                )
    return warnings


async def claim(db: Database, warning: Warning, now: datetime) -> bool:
    """Record the warning as sent; False when it was sent before (by this or another worker)."""
    try:
        async with db.transaction() as session:
            session.add(ClockWarning(board_id=warning.board.id, key=warning.key, sent_at=now))
    except IntegrityError:
        return False
    return True
