"""The agreement's clock: meeting rhythm, report due dates, evaluation and expiry."""

from __future__ import annotations

from datetime import date

import pytest

from rules.agreements.loader import shipped_agreements
from rules.agreements.model import Agreement, Period, ReportDuty, RhythmRule, Text
from rules.deadlines import (
    MilestoneKind,
    RhythmPeriod,
    is_in_force,
    milestones,
    period_start,
    periods_short_of_meetings,
    report_due,
    rhythm_periods,
)


def _agreement(agreement_id: str) -> Agreement:
    return shipped_agreements()[agreement_id]


def _spans(periods: list[RhythmPeriod]) -> list[tuple[date, date]]:
    return [(p.starts, p.ends) for p in periods]


def _duty(weeks: int) -> ReportDuty:
    return ReportDuty(
        id="jaarverslag",
        name=Text(nl="Jaarverslag", en="Annual report"),
        recipients=Text(nl="iedereen", en="everyone"),
        due_weeks_after_year=weeks,
    )


# --- report due dates -------------------------------------------------------------------------


SIX_WEEK_DUTIES = [
    pytest.param(duty, id=f"{agreement.id}/{duty.id}")
    for agreement in shipped_agreements().values()
    for duty in agreement.reports
    if duty.due_weeks_after_year == 6
]


def test_two_shipped_agreements_have_a_six_week_report_duty() -> None:
    assert len(SIX_WEEK_DUTIES) == 2


@pytest.mark.parametrize("duty", SIX_WEEK_DUTIES)
def test_the_report_on_2025_is_due_six_weeks_after_new_year(duty: ReportDuty) -> None:
    assert report_due(duty, 2025) == date(2026, 2, 11)


@pytest.mark.parametrize(
    ("year", "due"),
    [
        (2023, date(2024, 2, 11)),  # the following year is a leap year
        (2024, date(2025, 2, 11)),  # the year reported on is a leap year
        (2025, date(2026, 2, 11)),
        (2027, date(2028, 2, 11)),
    ],
)
def test_leap_years_do_not_move_the_report_due_date(year: int, due: date) -> None:
    assert report_due(_duty(6), year) == due


@pytest.mark.parametrize(
    ("weeks", "due"),
    [(0, date(2025, 12, 31)), (1, date(2026, 1, 7)), (52, date(2026, 12, 30))],
)
def test_report_due_counts_whole_weeks_from_31_december(weeks: int, due: date) -> None:
    assert report_due(_duty(weeks), 2025) == due


# --- twente-2020: at least one meeting per quarter --------------------------------------------


def test_twente_quarters_without_a_meeting_are_short() -> None:
    meetings = [date(2024, 2, 10), date(2024, 8, 1)]

    short = periods_short_of_meetings(
        _agreement("twente-2020"), meetings, date(2024, 1, 1), date(2024, 12, 31)
    )

    assert [(p.starts, p.ends, p.held, p.required) for p in short] == [
        (date(2024, 4, 1), date(2024, 6, 30), 0, 1),
        (date(2024, 10, 1), date(2024, 12, 31), 0, 1),
    ]


def test_twente_rhythm_counts_the_meetings_of_every_quarter() -> None:
    meetings = [date(2024, 2, 10), date(2024, 3, 1), date(2024, 8, 1)]

    periods = rhythm_periods(
        _agreement("twente-2020"), meetings, date(2024, 1, 1), date(2024, 12, 31)
    )

    assert _spans(periods) == [
        (date(2024, 1, 1), date(2024, 3, 31)),
        (date(2024, 4, 1), date(2024, 6, 30)),
        (date(2024, 7, 1), date(2024, 9, 30)),
        (date(2024, 10, 1), date(2024, 12, 31)),
    ]
    assert [p.held for p in periods] == [2, 0, 1, 0]
    assert [p.short for p in periods] == [False, True, False, True]


@pytest.mark.parametrize("meeting", [date(2024, 1, 1), date(2024, 3, 31)])
def test_a_meeting_on_the_first_or_last_day_of_a_quarter_counts(meeting: date) -> None:
    twente = _agreement("twente-2020")

    periods = rhythm_periods(twente, [meeting], date(2024, 1, 1), date(2024, 6, 30))
    short = periods_short_of_meetings(twente, [meeting], date(2024, 1, 1), date(2024, 6, 30))

    assert periods[0].held == 1
    assert _spans(short) == [(date(2024, 4, 1), date(2024, 6, 30))]


def test_the_same_meeting_day_listed_twice_counts_once() -> None:
    day = date(2024, 5, 5)

    periods = rhythm_periods(
        _agreement("twente-2020"), [day, day], date(2024, 4, 1), date(2024, 6, 30)
    )

    assert [p.held for p in periods] == [1]


def test_twente_asks_for_no_meetings_after_its_last_valid_day() -> None:
    twente = _agreement("twente-2020")
    assert twente.valid_until == date(2025, 12, 31)

    periods = rhythm_periods(twente, [], date(2025, 1, 1), date(2026, 12, 31))

    assert len(periods) == 4
    assert (periods[-1].starts, periods[-1].ends) == (date(2025, 10, 1), date(2025, 12, 31))
    assert rhythm_periods(twente, [], date(2026, 1, 1), date(2026, 12, 31)) == []


# --- achterhoek-2014: every two months in 2015, quarterly from 2016 ---------------------------


def test_achterhoek_meets_every_two_months_in_2015_then_every_quarter() -> None:
    periods = rhythm_periods(
        _agreement("achterhoek-2014"), [], date(2015, 1, 1), date(2016, 12, 31)
    )

    assert _spans(periods) == [
        (date(2015, 1, 1), date(2015, 2, 28)),
        (date(2015, 3, 1), date(2015, 4, 30)),
        (date(2015, 5, 1), date(2015, 6, 30)),
        (date(2015, 7, 1), date(2015, 8, 31)),
        (date(2015, 9, 1), date(2015, 10, 31)),
        (date(2015, 11, 1), date(2015, 12, 31)),
        (date(2016, 1, 1), date(2016, 3, 31)),
        (date(2016, 4, 1), date(2016, 6, 30)),
        (date(2016, 7, 1), date(2016, 9, 30)),
        (date(2016, 10, 1), date(2016, 12, 31)),
    ]
    assert [p.rule.period for p in periods] == [Period.BIMONTH] * 6 + [Period.QUARTER] * 4


def test_achterhoek_two_month_period_without_a_meeting_is_short() -> None:
    meetings = [date(2015, m, 15) for m in (1, 3, 5, 7, 9)]

    short = periods_short_of_meetings(
        _agreement("achterhoek-2014"), meetings, date(2015, 1, 1), date(2015, 12, 31)
    )

    assert _spans(short) == [(date(2015, 11, 1), date(2015, 12, 31))]


def test_achterhoek_asks_nothing_before_it_is_in_force() -> None:
    achterhoek = _agreement("achterhoek-2014")
    assert achterhoek.in_force == date(2015, 1, 1)

    periods = rhythm_periods(achterhoek, [], date(2014, 1, 1), date(2015, 4, 30))

    assert _spans(periods) == [
        (date(2015, 1, 1), date(2015, 2, 28)),
        (date(2015, 3, 1), date(2015, 4, 30)),
    ]


def test_periods_before_the_in_force_date_are_not_asked_for_even_without_rule_dates() -> None:
    quarterly = RhythmRule(period=Period.QUARTER)
    agreement = _agreement("achterhoek-2014").model_copy(
        update={"rhythm": (quarterly,), "in_force": date(2015, 2, 15)}
    )

    periods = rhythm_periods(agreement, [date(2015, 1, 20)], date(2014, 7, 1), date(2015, 6, 30))

    assert _spans(periods) == [
        (date(2015, 2, 15), date(2015, 3, 31)),
        (date(2015, 4, 1), date(2015, 6, 30)),
    ]
    assert [p.held for p in periods] == [0, 0]


def test_min_meetings_is_the_number_each_period_requires() -> None:
    twice = RhythmRule(period=Period.HALF_YEAR, min_meetings=2)
    agreement = _agreement("twente-2020").model_copy(update={"rhythm": (twice,)})
    meetings = [date(2024, 1, 5), date(2024, 6, 30), date(2024, 9, 1)]

    periods = rhythm_periods(agreement, meetings, date(2024, 1, 1), date(2024, 12, 31))

    assert [(p.starts, p.held, p.required, p.short) for p in periods] == [
        (date(2024, 1, 1), 2, 2, False),
        (date(2024, 7, 1), 1, 2, True),
    ]


def test_an_agreement_without_rhythm_has_no_periods() -> None:
    werkcentrum = _agreement("werkcentrum-twente-2025")

    assert rhythm_periods(werkcentrum, [], date(2026, 1, 1), date(2026, 12, 31)) == []


# --- milestones and being in force ------------------------------------------------------------


def test_twente_milestones_after_expiry_are_all_past() -> None:
    marks = milestones(_agreement("twente-2020"), date(2026, 11, 23))

    assert [(m.kind, m.due, m.ends, m.past) for m in marks] == [
        (MilestoneKind.EVALUATION, date(2022, 10, 1), date(2022, 12, 31), True),
        (MilestoneKind.EXPIRY, date(2025, 12, 31), date(2025, 12, 31), True),
    ]
    assert all(m.cites == ("art-7",) for m in marks)


@pytest.mark.parametrize(
    ("today", "evaluation_past"),
    [
        (date(2022, 9, 30), False),
        (date(2022, 11, 15), False),
        (date(2022, 12, 31), False),
        (date(2023, 1, 1), True),
    ],
)
def test_twente_evaluation_is_past_only_after_its_last_day(
    today: date, evaluation_past: bool
) -> None:
    marks = milestones(_agreement("twente-2020"), today)

    evaluation = next(m for m in marks if m.kind is MilestoneKind.EVALUATION)
    expiry = next(m for m in marks if m.kind is MilestoneKind.EXPIRY)
    assert evaluation.past is evaluation_past
    assert expiry.past is False


def test_achterhoek_is_evaluated_in_the_last_quarter_of_2015() -> None:
    marks = milestones(_agreement("achterhoek-2014"), date(2015, 11, 1))

    assert [(m.kind, m.due, m.ends, m.past) for m in marks] == [
        (MilestoneKind.IN_FORCE, date(2015, 1, 1), date(2015, 1, 1), True),
        (MilestoneKind.EVALUATION, date(2015, 10, 1), date(2015, 12, 31), False),
    ]


def test_werkcentrum_milestone_is_its_start_on_1_january_2026() -> None:
    marks = milestones(_agreement("werkcentrum-twente-2025"), date(2025, 12, 31))

    assert [(m.kind, m.due, m.past) for m in marks] == [
        (MilestoneKind.IN_FORCE, date(2026, 1, 1), False)
    ]


@pytest.mark.parametrize(
    ("agreement_id", "today", "in_force"),
    [
        ("twente-2020", date(2025, 6, 1), True),
        ("twente-2020", date(2025, 12, 31), True),
        ("twente-2020", date(2026, 1, 1), False),
        ("twente-2020", date(2026, 11, 23), False),
        ("achterhoek-2014", date(2014, 12, 31), False),
        ("achterhoek-2014", date(2015, 1, 1), True),
        ("achterhoek-2014", date(2030, 1, 1), True),
        ("werkcentrum-twente-2025", date(2025, 12, 31), False),
        ("werkcentrum-twente-2025", date(2026, 1, 1), True),
    ],
)
def test_is_in_force_between_start_and_last_valid_day(
    agreement_id: str, today: date, in_force: bool
) -> None:
    assert is_in_force(_agreement(agreement_id), today) is in_force


# --- period_start -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "period", "start"),
    [
        (date(2025, 5, 17), Period.MONTH, date(2025, 5, 1)),
        (date(2025, 5, 17), Period.BIMONTH, date(2025, 5, 1)),
        (date(2025, 5, 17), Period.QUARTER, date(2025, 4, 1)),
        (date(2025, 5, 17), Period.HALF_YEAR, date(2025, 1, 1)),
        (date(2025, 5, 17), Period.YEAR, date(2025, 1, 1)),
        (date(2025, 8, 31), Period.BIMONTH, date(2025, 7, 1)),
        (date(2025, 8, 31), Period.HALF_YEAR, date(2025, 7, 1)),
        (date(2025, 1, 1), Period.QUARTER, date(2025, 1, 1)),
        (date(2025, 12, 31), Period.MONTH, date(2025, 12, 1)),
        (date(2025, 12, 31), Period.BIMONTH, date(2025, 11, 1)),
        (date(2025, 12, 31), Period.QUARTER, date(2025, 10, 1)),
        (date(2024, 2, 29), Period.BIMONTH, date(2024, 1, 1)),
    ],
)
def test_period_start_is_the_first_day_of_the_calendar_period(
    day: date, period: Period, start: date
) -> None:
    assert period_start(day, period) == start


def test_a_meeting_before_the_asked_range_still_counts_for_its_quarter() -> None:
    twente = shipped_agreements()["twente-2020"]
    short = periods_short_of_meetings(
        twente, [date(2024, 2, 1)], date(2024, 2, 15), date(2024, 3, 31)
    )
    assert short == []
    periods = rhythm_periods(twente, [date(2024, 2, 1)], date(2024, 2, 15), date(2024, 3, 31))
    assert [(p.starts, p.ends, p.held) for p in periods] == [
        (date(2024, 1, 1), date(2024, 3, 31), 1)
    ]
