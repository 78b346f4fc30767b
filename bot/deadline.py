"""Deadlines typed as people type them, in Dutch or English, read in the board's time zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot import dates

DEFAULT_TIME = dates.DEFAULT_TIME  # a day typed without a time: 17:00
FURTHEST = timedelta(days=366)


class DeadlineProblem(StrEnum):
    UNREADABLE = "unreadable"
    PAST = "past"
    TOO_FAR = "too_far"


@dataclass(frozen=True)
class Deadline:
    at: datetime | None
    problem: DeadlineProblem | None = None


def parse_deadline(text: str, now: datetime, zone: ZoneInfo) -> Deadline:
    """ "vrijdag 17:00", "morgen 12:00", "2026-12-04 17:00", "Friday 5pm" -> an aware datetime.

    The reading rules are in :mod:`bot.dates` and docs/dates.md: a day without a time means
    17:00 that day; a text with a word or number the reading did not use, or that could be
    read two ways, is unreadable. The result must lie after ``now`` and within a year of it.
    """
    try:
        at = dates.moment(text, now, zone)
    except (dates.Unreadable, ValueError, OverflowError):
        return Deadline(None, DeadlineProblem.UNREADABLE)
    if at <= now:
        return Deadline(at, DeadlineProblem.PAST)
    if at - now > FURTHEST:
        return Deadline(at, DeadlineProblem.TOO_FAR)
    return Deadline(at)


def parse_day(text: str, now: datetime, zone: ZoneInfo) -> date | None:
    """ "1 maart 2027", "2027-03-01", "volgende maandag" -> the day, read in ``zone`` by the
    same reader as every deadline (:mod:`bot.dates`); None when it cannot be read."""
    try:
        return dates.moment(text, now, zone).astimezone(zone).date()
    except (dates.Unreadable, ValueError, OverflowError):
        return None
