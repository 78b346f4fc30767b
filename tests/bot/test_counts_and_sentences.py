"""Counts in their plural form, and sentences that start with a capital (issue 20, point 7)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.i18n import translator
from bot.texts.dialog import past_moment
from bot.texts.meetings import where_question
from rules.decide import Tally
from rules.explain import tally_text

FRIDAY = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)  # vrijdag 4 december, 17:00 in Amsterdam


@pytest.mark.parametrize(
    ("language", "tally", "expected"),
    [
        ("nl", Tally(3, 1, 1), "3 voor, 1 tegen, 1 onthouding"),
        ("nl", Tally(3, 1, 2), "3 voor, 1 tegen, 2 onthoudingen"),
        ("nl", Tally(3, 1, 0), "3 voor, 1 tegen, 0 onthoudingen"),
        ("en", Tally(3, 1, 1), "3 for, 1 against, 1 abstaining"),
    ],
)
def test_the_tally_names_abstentions_in_the_right_number(
    language: str, tally: Tally, expected: str
) -> None:
    assert tally_text(tally, translator(language)) == expected


@pytest.mark.parametrize(
    ("language", "start"), [("nl", "Vrijdag 4 december 2026"), ("en", "Friday 4 December 2026")]
)
def test_a_sentence_that_starts_with_a_weekday_starts_with_a_capital(
    language: str, start: str
) -> None:
    t = translator(language)
    assert past_moment(FRIDAY, t).startswith(start)
    assert where_question(FRIDAY, t).startswith(start)
