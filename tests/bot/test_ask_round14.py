"""Asking the agreement, fourteenth round (issue 19), with questions of our own: a sum asked
by its name, results and years after a year, and what the agreement leaves to the board."""

from __future__ import annotations

from bot.ask.index import ClauseIndex
from bot.ask.lines import asked_kind
from tests.bot.asking import ACHTERHOEK, assert_refused


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
