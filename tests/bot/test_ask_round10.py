"""Asking the agreement, tenth round (issue 19), with questions of our own: sending someone in
one's place to a board meeting is a subject no shipped agreement settles (a proxy), and the
deputy the agreement does name is still found."""

from __future__ import annotations

from bot.ask.index import ClauseIndex
from tests.bot.asking import ACHTERHOEK, TWENTE, ask, assert_quotes, assert_refused


def test_sending_someone_in_ones_place_is_a_proxy_no_agreement_settles(
    index: ClauseIndex,
) -> None:
    assert_refused(
        index,
        (
            ("Can I send a stand-in to the board meeting if I cannot be there?", TWENTE, "en"),
            ("Mag een wethouder een vervanger sturen als hij verhinderd is?", ACHTERHOEK, "nl"),
            ("Can the UWV manager send someone else when she is away?", ACHTERHOEK, "en"),
        ),
    )
    result = ask("Wie zorgt voor een plaatsvervanger van de secretaris?", index, ACHTERHOEK, "nl")
    assert_quotes(result, ACHTERHOEK, "art-2", "plaatsvervanger in geval van verhindering")
