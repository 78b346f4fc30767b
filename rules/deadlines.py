"""The agreement's clock: meeting rhythm, yearly report due dates, evaluation and expiry.

Pure date arithmetic on calendar days; the caller supplies "today" in the board's time zone.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from rules.agreements.model import Agreement, Period, ReportDuty, RhythmRule

_MONTHS = {
    Period.MONTH: 1,
    Period.BIMONTH: 2,
    Period.QUARTER: 3,
    Period.HALF_YEAR: 6,
    Period.YEAR: 12,
}


@dataclass(frozen=True)
class RhythmPeriod:
    """One period of a meeting rhythm (``ends`` inclusive) and the meetings held in it."""

    starts: date
    ends: date
    required: int
    held: int
    rule: RhythmRule

    @property
    def short(self) -> bool:
        return self.held < self.required


class MilestoneKind(StrEnum):
    IN_FORCE = "in_force"
    EVALUATION = "evaluation"
    EXPIRY = "expiry"


@dataclass(frozen=True)
class Milestone:
    """A dated moment of the agreement; ``due`` is the day it starts, ``past`` is after ``ends``."""

    kind: MilestoneKind
    due: date
    ends: date
    past: bool
    cites: tuple[str, ...]


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_start(day: date, period: Period) -> date:
    """First day of the calendar period of ``period`` that contains ``day``."""
    size = _MONTHS[period]
    return date(day.year, (day.month - 1) // size * size + 1, 1)


def rhythm_periods(
    agreement: Agreement, meetings: Iterable[date], start: date, end: date
) -> list[RhythmPeriod]:
    """Every rhythm period overlapping ``start``..``end`` (inclusive), with meetings counted.

    Periods are whole calendar periods (a meeting before ``start`` in the same quarter counts),
    clipped only to the rule's dates and the agreement's in-force and end dates, so a rule that
    starts mid-quarter asks nothing of the days before it.
    """
    days = sorted(set(meetings))
    out: list[RhythmPeriod] = []
    for rule in agreement.rhythm:
        first = max((d for d in (rule.starts, agreement.in_force) if d is not None), default=None)
        last = min((d for d in (rule.ends, agreement.valid_until) if d is not None), default=None)
        cursor = period_start(max(start, first) if first else start, rule.period)
        stop = min(end, last) if last else end
        while cursor <= stop:
            following = _add_months(cursor, _MONTHS[rule.period])
            p_start = max(cursor, first) if first else cursor
            p_end = following - timedelta(days=1)
            p_end = min(p_end, last) if last else p_end
            held = sum(1 for d in days if p_start <= d <= p_end)
            out.append(RhythmPeriod(p_start, p_end, rule.min_meetings, held, rule))
            cursor = following
    return sorted(out, key=lambda p: p.starts)


def periods_short_of_meetings(
    agreement: Agreement, meetings: Iterable[date], start: date, end: date
) -> list[RhythmPeriod]:
    """The rhythm periods in ``start``..``end`` with fewer meetings than the agreement asks."""
    return [p for p in rhythm_periods(agreement, meetings, start, end) if p.short]


def reports_for(agreement: Agreement, year: int) -> tuple[ReportDuty, ...]:
    """The reports the agreement asks on calendar ``year``: none for a year that begins after
    its last valid day or ends before it came into force."""
    if agreement.valid_until is not None and year > agreement.valid_until.year:
        return ()
    if agreement.in_force is not None and year < agreement.in_force.year:
        return ()
    return agreement.reports


def report_due(duty: ReportDuty, year: int) -> date:
    """Last day for the report on calendar ``year``: N weeks after 31 December of that year."""
    return date(year, 12, 31) + timedelta(weeks=duty.due_weeks_after_year)


def milestones(agreement: Agreement, today: date) -> list[Milestone]:
    """In-force date, evaluation moments and expiry of the agreement, each marked past or not."""
    out: list[Milestone] = []
    if agreement.in_force is not None:
        day = agreement.in_force
        out.append(Milestone(MilestoneKind.IN_FORCE, day, day, today > day, agreement.dates_cites))
    for evaluation in agreement.evaluations:
        out.append(
            Milestone(
                MilestoneKind.EVALUATION,
                evaluation.starts,
                evaluation.ends,
                today > evaluation.ends,
                evaluation.cites,
            )
        )
    if agreement.valid_until is not None:
        day = agreement.valid_until
        out.append(Milestone(MilestoneKind.EXPIRY, day, day, today > day, agreement.dates_cites))
    return sorted(out, key=lambda m: m.due)


def is_in_force(agreement: Agreement, today: date) -> bool:
    """Whether ``today`` lies between the in-force date and the last valid day (where known)."""
    started = agreement.in_force is None or agreement.in_force <= today
    return started and (agreement.valid_until is None or today <= agreement.valid_until)
