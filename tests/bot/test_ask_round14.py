"""Asking the agreement, fourteenth round (issue 19), with questions of our own: a sum asked
by its name, results and years after a year, and what the agreement leaves to the board."""

from __future__ import annotations

from bot.ask.index import ClauseIndex
from bot.ask.lines import asked_kind
from tests.bot.asking import ACHTERHOEK, TWENTE, ask, assert_refused, assert_says


def test_a_sum_asked_by_its_name_needs_an_amount(plain_index: ClauseIndex) -> None:
    """ "Which budget ...", "what's the day rate of ...": a sum of money, which a line that
    names the plan or the person without an amount does not give."""
    for question in (
        "What budget has been reserved for the PR plan?",
        "Welk uurtarief rekent de projectleider?",
        "what's the day rate for the external support?",
    ):
        assert asked_kind(question) == "how_many", question
    assert_refused(
        plain_index,
        [
            (
                "What budget has been reserved for the communication and marketing plan?",
                ACHTERHOEK,
                "en",
            ),
            ("Welk uurtarief krijgt de externe projectleider in de opstartfase?", ACHTERHOEK, "nl"),
        ],
    )
    assert asked_kind("Which budget programmes are linked to the main lines?") != "how_many"


def test_after_a_year_is_the_years_after_it(plain_index: ClauseIndex) -> None:
    """ "After 2016", "na 2026": the years after, which a line on the years up to and including
    it does not answer; the year itself still is."""
    assert_refused(
        plain_index,
        [
            ("How much money will the Cabinet give the Werkbedrijf after 2016?", ACHTERHOEK, "en"),
            ("Komt er na 2026 een nieuwe overeenkomst, en wie schrijft die?", TWENTE, "nl"),
        ],
    )
    assert_says(
        ask("Hoeveel geld geeft het kabinet in 2016?", plain_index, ACHTERHOEK, "nl"),
        "€ 400.000",
    )
