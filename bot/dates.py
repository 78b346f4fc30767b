"""Dates and times as Dutch and English people type them, read strictly in a time zone.

Every rule is listed in docs/dates.md. The reader works by consumption: each rule that matches
takes its words out of the text, and whatever is left must be punctuation or one of a few
connecting words ("om", "at", "op", "on", ...). A word or number that no rule used, two rules
that disagree (``vrijdag 4 december`` when 4 December is a Saturday), and a reading that could
be meant two ways (``5 uur``: 05:00 or 17:00?) all make the text unreadable: the reader refuses
rather than guesses.

dateparser is not used here: it cannot say which words it used, so it cannot refuse a text it
read only in part, and it read several everyday phrases wrongly (see docs/dates.md).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DEFAULT_TIME = time(17, 0)
"""The time of a day typed without a time (``vrijdag`` is Friday 17:00), as before."""

MORNING, AFTERNOON, EVENING = time(9, 0), time(13, 0), time(19, 0)
NOON = time(12, 0)
END_OF_DAY = time(17, 0)
LONGEST_TEXT = 120

_USED = "\x00"  # marks the characters a rule has taken


class Unreadable(Exception):
    """The text cannot be read as exactly one moment."""


@dataclass(frozen=True)
class _Clock:
    hour: int
    minute: int
    sure: bool
    """The hour cannot be a 12-hour one: written with a leading zero, 0, 13 or later, am/pm."""


@dataclass
class _Reading:
    """What the rules took out of the text, before it is turned into a moment."""

    dates: list[date] = field(default_factory=list)
    relative_days: list[int] = field(default_factory=list)
    year_less: list[tuple[int, int]] = field(default_factory=list)
    weekday: int | None = None
    weekday_mode: str | None = None  # this, coming, next, this_week
    clock: _Clock | None = None
    part: str | None = None  # morning, afternoon, evening, night
    part_is_qualifier: bool = False  # "'s avonds": only qualifies a clock time
    named: str | None = None  # noon, midnight, end_of_day
    short_span: timedelta | None = None  # minutes and hours: real time
    day_span: tuple[int, str] | None = None  # days, weeks, months: calendar
    today_implied: bool = False
    dot_date_like: bool = False  # a time such as 14.10 that could be a day and month

    def set(self, name: str, value: object) -> None:
        if getattr(self, name) is not None:
            raise Unreadable(f"{name} given twice")
        setattr(self, name, value)


# --- words ------------------------------------------------------------------------------------

_MONTHS = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "february": 2, "feb": 2, "febr": 2,
    "maart": 3, "march": 3, "mrt": 3, "mar": 3, "maa": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "augustus": 8, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "maandag": 0, "monday": 0, "ma": 0, "mon": 0,
    "dinsdag": 1, "tuesday": 1, "di": 1, "tue": 1, "tues": 1,
    "woensdag": 2, "wednesday": 2, "wo": 2, "wed": 2,
    "donderdag": 3, "thursday": 3, "do": 3, "thu": 3, "thur": 3, "thurs": 3,
    "vrijdag": 4, "friday": 4, "vr": 4, "fri": 4,
    "zaterdag": 5, "saturday": 5, "za": 5, "sat": 5,
    "zondag": 6, "sunday": 6, "zo": 6, "sun": 6,
}  # fmt: skip
_NUMBERS = {
    "een": 1, "één": 1, "eén": 1, "a": 1, "an": 1, "one": 1,
    "twee": 2, "two": 2, "drie": 3, "three": 3, "vier": 4, "four": 4,
    "vijf": 5, "five": 5, "zes": 6, "six": 6, "zeven": 7, "seven": 7,
    "acht": 8, "eight": 8, "negen": 9, "nine": 9, "tien": 10, "ten": 10,
    "elf": 11, "eleven": 11, "twaalf": 12, "twelve": 12,
}  # fmt: skip
_UNITS = {
    "minuut": "minutes", "minuten": "minutes", "min": "minutes", "mins": "minutes",
    "minute": "minutes", "minutes": "minutes",
    "uur": "hours", "uren": "hours", "hour": "hours", "hours": "hours",
    "dag": "days", "dagen": "days", "day": "days", "days": "days",
    "week": "weeks", "weken": "weeks", "weeks": "weeks",
    "maand": "months", "maanden": "months", "month": "months", "months": "months",
}  # fmt: skip
_PARTS = {
    "ochtend": "morning", "morning": "morning",
    "middag": "afternoon", "afternoon": "afternoon",
    "avond": "evening", "evening": "evening",
}  # fmt: skip
_QUALIFIERS = {
    "ochtends": "morning", "morgens": "morning",
    "middags": "afternoon", "avonds": "evening", "nachts": "night",
}  # fmt: skip
_RELATIVE_DAYS = {
    "vandaag": 0, "today": 0, "morgen": 1, "tomorrow": 1, "overmorgen": 2,
    "gisteren": -1, "yesterday": -1, "eergisteren": -2,
}  # fmt: skip
_FILLERS = {"om", "at", "op", "on", "de", "the", "uiterlijk", "by", "tot", "until", "till"}


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_MONTH = _alternatives(_MONTHS)
_WEEKDAY = _alternatives(_WEEKDAYS)
_NUMBER = _alternatives(_NUMBERS)
_UNIT = _alternatives(_UNITS)
_NOT_NUMBER_BEFORE = r"(?<![\d:./-])"
_NOT_NUMBER_AFTER = r"(?![\d:/-]|\.\d)"


# --- normalising ------------------------------------------------------------------------------

_REWRITES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), r)
    for p, r in [
        (r"[’‘`´]", "'"),
        (r"(\d)t(\d)", r"\1 \2"),  # 2026-12-04T17:00
        (r"\ba\.\s?m\.?(?!\w)", "am"),
        (r"\bp\.\s?m\.?(?!\w)", "pm"),
        (r"\bo'?\s?clock\b", "oclock"),
        (r"\b(?:the\s+)?day\s+after\s+tomorrow\b", "overmorgen"),
        (r"\b(?:at\s+the\s+)?end\s+of\s+(?:the\s+)?(?:business\s+)?day\b|\beod\b", " eod "),
        (r"\b(?:aan\s+het\s+)?einde?\s+van\s+de\s+(?:werk)?dag\b|\beinde?\s+dag\b", " eod "),
        (r"\bvan(?:ochtend|morgen)\b", "today ochtend"),
        (r"\bvan(middag|avond)\b", r"today \1"),
        (r"\bthis\s+(morning|afternoon|evening)\b", r"today \1"),
        (r"\btonight\b", "today evening"),
        (rf"\b({_WEEKDAY}|overmorgen|morgen)(ochtend|morgen|middag|avond)\b", r"\1 \2"),
        # after a day, "morgen" is the morning: "vrijdag morgen", "morgen morgen"
        (rf"\b({_WEEKDAY}|overmorgen|morgen)\s+morgen\b", r"\1 ochtend"),
        (r"\b(?:volgende|next)\s+week\b", " next_week "),
        (r"\b(?:deze|this)\s+week\b", " this_week "),
        (r"\ba\.s\.?(?!\w)|\baanst\.?(?!\w)", " aanstaande "),
        (r"\s+", " "),
    ]
]


def _normal(text: str) -> str:
    text = text.casefold().strip().replace(_USED, "\ufffd")  # a marker of its own is not used text
    for pattern, replacement in _REWRITES:
        text = pattern.sub(replacement, text)
    return text.strip()


# --- rules ------------------------------------------------------------------------------------

Rule = Callable[[re.Match[str], _Reading], None]


def _year(text: str) -> int:
    year = int(text)
    return year + 2000 if len(text) == 2 else year


def _day(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise Unreadable(f"no such day {day}-{month}-{year}") from exc


def _date_or_year_less(reading: _Reading, day: int, month: int, year: str | None) -> None:
    if year is None:
        if not (1 <= month <= 12 and 1 <= day <= 31):
            raise Unreadable("no such day")
        reading.year_less.append((month, day))
    else:
        reading.dates.append(_day(_year(year), month, day))


def _iso(m: re.Match[str], reading: _Reading) -> None:
    reading.dates.append(_day(int(m[1]), int(m[2]), int(m[3])))


def _numeric_date(m: re.Match[str], reading: _Reading) -> None:
    _date_or_year_less(reading, int(m["d"]), int(m["m"]), m["y"] or None)


def _named_date(m: re.Match[str], reading: _Reading) -> None:
    _date_or_year_less(reading, int(m["d"]), _MONTHS[m["month"]], m["y"])


def _quantity(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBERS[text]


def _half_span(m: re.Match[str], reading: _Reading) -> None:
    words = m[1]
    if "anderhalf" in words or "and a half" in words:
        minutes = 90
    else:
        minutes = 15 if "kwart" in words or "quarter" in words else 30
    reading.set("short_span", timedelta(minutes=minutes))


def _span(m: re.Match[str], reading: _Reading) -> None:
    count = _quantity(m["n"] or m["n2"])
    unit = _UNITS[m["unit"] or m["unit2"]]
    if count > 10_000:
        raise Unreadable("too long a span")
    if unit == "minutes":
        reading.set("short_span", timedelta(minutes=count))
    elif unit == "hours":
        reading.set("short_span", timedelta(hours=count))
    else:
        reading.set("day_span", (count, unit))


def _clock(m: re.Match[str], reading: _Reading) -> None:
    hour, minute = int(m["h"]), int(m["min"] or 0)
    meridiem = m["ampm"]
    if minute > 59 or hour > 24 or (hour == 24 and minute != 0):
        raise Unreadable("no such time")
    if hour == 24:
        reading.set("named", "midnight")
        return
    if meridiem is not None:
        if not 1 <= hour <= 12 or (hour == 12 and meridiem == "am"):
            raise Unreadable("12am and 13pm are no clear times")
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    if m["sep"] == "." and m["tail"] == "" and 1 <= minute <= 12 and 1 <= hour <= 31:
        reading.dot_date_like = True  # "14.10": 14:10, or 14 October?
    sure = meridiem is not None or hour == 0 or hour >= 13 or m["h"].startswith("0")
    reading.set("clock", _Clock(hour, minute, sure))


def _qualifier(m: re.Match[str], reading: _Reading) -> None:
    reading.set("part", _QUALIFIERS[m[1]])
    reading.part_is_qualifier = True


def _part(m: re.Match[str], reading: _Reading) -> None:
    reading.set("part", _PARTS[m[1]])


def _named(name: str) -> Rule:
    def rule(m: re.Match[str], reading: _Reading) -> None:
        reading.set("named", name)
        if name == "end_of_day":
            reading.today_implied = True

    return rule


def _relative_day(m: re.Match[str], reading: _Reading) -> None:
    reading.relative_days.append(_RELATIVE_DAYS[m[1]])


def _weekday(m: re.Match[str], reading: _Reading) -> None:
    reading.set("weekday", _WEEKDAYS[m[1]])


def _mode(mode: str) -> Rule:
    def rule(m: re.Match[str], reading: _Reading) -> None:
        reading.set("weekday_mode", mode)

    return rule


_TIME_TAIL = r"(?:\s?(?P<ampm>am|pm))?(?:\s?(?:uur|u|h|oclock)(?!\w))?"
_RULES: list[tuple[re.Pattern[str], Rule]] = [
    (re.compile(p), rule)
    for p, rule in [
        (rf"{_NOT_NUMBER_BEFORE}(\d{{4}})[-/](\d{{1,2}})[-/](\d{{1,2}}){_NOT_NUMBER_AFTER}", _iso),
        (
            rf"{_NOT_NUMBER_BEFORE}(?P<d>\d{{1,2}})(?P<sep>[-/.])(?P<m>\d{{1,2}})(?P=sep)"
            rf"(?P<y>\d{{4}}|\d{{2}}){_NOT_NUMBER_AFTER}",
            _numeric_date,
        ),
        (
            rf"{_NOT_NUMBER_BEFORE}(?P<d>\d{{1,2}})[-/](?P<m>\d{{1,2}})(?P<y>){_NOT_NUMBER_AFTER}",
            _numeric_date,
        ),
        (
            r"\b(?:over|in)\s(?P<half>(?:een\s)?half\s?uur|anderhalf\s?uur|"
            r"(?:een\s)?kwartier|half\san\shour|an\shour\sand\sa\shalf|"
            r"(?:a\s)?quarter\sof\san\shour)(?:\sfrom\snow)?\b",
            _half_span,
        ),
        (
            rf"\b(?:(?:over|in)\s)?(?P<n>\d+|{_NUMBER})\s?(?P<unit>{_UNIT})\sfrom\snow\b"
            rf"|\b(?:over|in)\s(?P<n2>\d+|{_NUMBER})\s?(?P<unit2>{_UNIT})\b",
            _span,
        ),
        (
            rf"{_NOT_NUMBER_BEFORE}(?P<d>\d{{1,2}})(?:st|nd|rd|th|ste|de|e)?\s?(?:of\s)?"
            rf"(?P<month>{_MONTH})\.?(?!\w)(?:,?\s(?P<y>\d{{4}}){_NOT_NUMBER_AFTER})?",
            _named_date,
        ),
        (
            rf"\b(?P<month>{_MONTH})\.?\s(?:the\s)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
            rf"(?![\w:]|\.\d)(?:,?\s(?P<y>\d{{4}}){_NOT_NUMBER_AFTER})?",
            _named_date,
        ),
        (
            rf"{_NOT_NUMBER_BEFORE}(?P<h>\d{{1,2}})(?P<sep>[:.])(?P<min>\d{{2}})(?P<tail>{_TIME_TAIL})"
            rf"{_NOT_NUMBER_AFTER}",
            _clock,
        ),
        (
            rf"{_NOT_NUMBER_BEFORE}(?P<h>\d{{1,2}})(?P<sep>)(?P<tail>)(?:\s?(?P<ampm>am|pm)|\s?(?:uur|u|h|oclock)"
            r"(?P<min>\d{2})?)(?!\w)(?![:.]\d)",
            _clock,
        ),
        (r"(?<!\w)'?s\s?(ochtends|morgens|middags|avonds|nachts)\b", _qualifier),
        (r"\b(noon|midday)\b", _named("noon")),
        (r"\b(middernacht|midnight)\b", _named("midnight")),
        (r"(?<!\w)(eod)(?!\w)", _named("end_of_day")),
        (r"\b(overmorgen|eergisteren|vandaag|today|tomorrow|gisteren|yesterday)\b", _relative_day),
        (r"\b(ochtend|morning|middag|afternoon|avond|evening)\b", _part),
        (r"\b(morgen)\b", _relative_day),
        (rf"\b({_WEEKDAY})\.?(?!\w)", _weekday),
        (r"\b(next_week|volgende|next)\b", _mode("next")),
        (r"\b(this_week)\b", _mode("this_week")),
        (r"\b(komende|aanstaande|coming)\b", _mode("coming")),
        (r"\b(deze|this)\b", _mode("this")),
    ]
]


def read(text: str) -> tuple[_Reading, str]:
    """The reading of ``text`` and what no rule used (an empty string when all was used)."""
    if len(text) > LONGEST_TEXT:
        raise Unreadable("too long")
    rest = _normal(text)
    reading = _Reading()
    for pattern, rule in _RULES:
        while (m := pattern.search(rest)) is not None:
            rule(m, reading)
            rest = rest[: m.start()] + _USED * (m.end() - m.start()) + rest[m.end() :]
    words = re.split(r"[\s,;!?()\x00]+|(?<!\w)[.-]+|[.-]+(?!\w)", rest)
    left = " ".join(w for w in words if w and w not in _FILLERS)
    return reading, left


# --- from a reading to a moment ---------------------------------------------------------------

_RANGES = {  # a part of the day: the hours it holds, and how a 12-hour hour maps into it
    "morning": (range(4, 12), {h: h for h in range(4, 12)}),
    "afternoon": (range(12, 19), {12: 12} | {h: h + 12 for h in range(1, 7)}),
    "evening": (range(17, 24), {h: h + 12 for h in range(6, 12)}),
    "night": (range(0, 6), {h: h for h in range(1, 6)}),
}
_PART_TIMES = {"morning": MORNING, "afternoon": AFTERNOON, "evening": EVENING}
_AMBIGUOUS_HOURS = range(1, 8)  # "5 uur", "7:30": early morning or late afternoon?


def _time_of_day(reading: _Reading) -> tuple[time, int] | None:
    """The wall-clock time and the days it lies after the day read (1 for midnight); None
    when no time was given."""
    clock, part, named = reading.clock, reading.part, reading.named
    if named is not None:
        if clock is not None or part is not None:
            raise Unreadable(f"{named} and another time")
        return {"noon": (NOON, 0), "midnight": (time(0), 1), "end_of_day": (END_OF_DAY, 0)}[named]
    if clock is None:
        if part is None:
            return None
        if reading.part_is_qualifier:
            raise Unreadable("'s avonds without a time")
        return _PART_TIMES[part], 0
    hour = clock.hour
    if part is not None:
        hours, twelve = _RANGES[part]
        if clock.sure:
            if hour not in hours:
                raise Unreadable("the time is not in that part of the day")
        elif hour in twelve:
            hour = twelve[hour]
        else:
            raise Unreadable("the time is not in that part of the day")
    elif not clock.sure and hour in _AMBIGUOUS_HOURS:
        raise Unreadable("morning or afternoon?")
    return time(hour, clock.minute), 0


def _add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _days_named(reading: _Reading, today: date) -> list[date]:
    """The days the text names outright (not by a weekday alone)."""
    days = list(reading.dates)
    days += [today + timedelta(days=n) for n in reading.relative_days]
    for month, day in reading.year_less:
        for year in range(today.year, today.year + 5):
            try:
                candidate = date(year, month, day)
            except ValueError:
                continue
            if candidate >= today:
                days.append(candidate)
                break
        else:
            raise Unreadable("no such day")
    if reading.day_span is not None:
        count, unit = reading.day_span
        days.append(
            _add_months(today, count)
            if unit == "months"
            else today + timedelta(days=count * (7 if unit == "weeks" else 1))
        )
    if reading.today_implied and not days and reading.weekday is None:
        days.append(today)
    return days


def _moment(day: date, at: tuple[time, int], zone: ZoneInfo) -> datetime:
    """``at`` on ``day`` in ``zone``; unreadable when that wall-clock time is skipped or
    repeated by a daylight-saving change."""
    clock, after = at
    day += timedelta(days=after)
    local = datetime.combine(day, clock, tzinfo=zone)
    there = local.astimezone(UTC).astimezone(zone)
    other = local.replace(fold=1).astimezone(UTC)
    if there.replace(tzinfo=None) != local.replace(tzinfo=None) or other != local.astimezone(UTC):
        raise Unreadable("a time that daylight saving skips or repeats")
    return there


def _weekday_day(reading: _Reading, today: date, fits: Callable[[date], bool]) -> date:
    weekday, mode = reading.weekday, reading.weekday_mode
    assert weekday is not None
    ahead = (weekday - today.weekday()) % 7
    if mode == "next":
        monday = today + timedelta(days=7 - today.weekday())
        return monday + timedelta(days=weekday)
    if mode == "this_week":
        return today + timedelta(days=weekday - today.weekday())
    if mode == "coming":
        return today + timedelta(days=ahead or 7)
    first = today + timedelta(days=ahead)
    return first if fits(first) else first + timedelta(days=7)


def moment(text: str, now: datetime, zone: ZoneInfo) -> datetime:
    """The one moment ``text`` names, seen from ``now``, in ``zone``; Unreadable otherwise.
    The moment may lie in the past: that is for the caller to judge."""
    reading, left = read(text)
    if left:
        raise Unreadable(f"not used: {left!r}")
    local_now = now.astimezone(zone)
    today = local_now.date()
    if reading.weekday_mode is not None and reading.weekday is None:
        raise Unreadable(f"{reading.weekday_mode} without a weekday")
    if reading.short_span is not None:
        if reading != _Reading(short_span=reading.short_span):
            raise Unreadable("a span of minutes or hours with another day or time")
        end = now.astimezone(UTC) + reading.short_span
        return end.replace(second=0, microsecond=0).astimezone(zone)
    at = _time_of_day(reading)
    days = _days_named(reading, today)
    if len(set(days)) > 1:
        raise Unreadable("two different days")
    if at is None and not days and reading.weekday is None:
        raise Unreadable("no day and no time")
    if reading.dot_date_like and not days and reading.weekday is None:
        raise Unreadable("a time or a day and month")
    clock = at if at is not None else (DEFAULT_TIME, 0)
    if reading.weekday is not None:
        named = _weekday_day(reading, today, lambda d: _moment(d, clock, zone) > now)
        if days:
            if reading.weekday_mode in (None, "this"):
                if days[0].weekday() != reading.weekday:
                    raise Unreadable("the weekday does not fit the date")
            elif named != days[0]:
                raise Unreadable("the weekday does not fit the date")
        day = days[0] if days else named
    elif days:
        day = days[0]
    else:  # a time alone: the next such time
        day = today if _moment(today, clock, zone) > now else today + timedelta(days=1)
    return _moment(day, clock, zone)
