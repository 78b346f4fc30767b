"""Deadlines typed as people type them, in Dutch or English, read in the board's time zone."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

import dateparser

_HAS_TIME = re.compile(
    r"\d{1,2}[:.]\d{2}|\d\s*(am|pm|uur|u)\b|\b(noon|middag|middernacht|midnight)\b", re.I
)
DEFAULT_TIME = time(17, 0)


_HOURS = re.compile(r"\b(\d{1,2})\s*(uur|u)\b", re.I)
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

    A day without a time means 17:00 that day; "17 uur" and "17u" mean 17:00. The result must
    lie after ``now`` and within a year of it.
    """
    local_now = now.astimezone(zone)
    text = _HOURS.sub(r"\1:00", text.strip())
    parsed = dateparser.parse(
        text,
        languages=["nl", "en"],
        settings={
            "PREFER_DATES_FROM": "future",
            "TIMEZONE": str(zone),
            "RETURN_AS_TIMEZONE_AWARE": True,
            "RELATIVE_BASE": local_now.replace(tzinfo=None),
            "DATE_ORDER": "DMY",
        },
    )
    if parsed is None:
        return Deadline(None, DeadlineProblem.UNREADABLE)
    parsed = parsed.astimezone(zone)
    if not _HAS_TIME.search(text):
        parsed = datetime.combine(parsed.date(), DEFAULT_TIME, tzinfo=zone)
    if parsed <= now:
        return Deadline(parsed, DeadlineProblem.PAST)
    if parsed - now > FURTHEST:
        return Deadline(parsed, DeadlineProblem.TOO_FAR)
    return Deadline(parsed)


def parse_day(text: str, now: datetime, zone: ZoneInfo) -> date | None:
    """ "1 maart 2027", "2027-03-01", "next Monday" -> the day, read in ``zone`` (None: unreadable)."""
    parsed = dateparser.parse(
        text.strip(),
        languages=["nl", "en"],
        settings={
            "PREFER_DATES_FROM": "future",
            "TIMEZONE": str(zone),
            "RELATIVE_BASE": now.astimezone(zone).replace(tzinfo=None),
            "DATE_ORDER": "DMY",
        },
    )
    return parsed.date() if parsed is not None else None
