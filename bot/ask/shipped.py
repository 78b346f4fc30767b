"""The clause index of the shipped agreements, built once per process (they never change)."""

from __future__ import annotations

from functools import cache

from bot.ask.index import ClauseIndex
from bot.ask.intents import detect
from rules.agreements.loader import shipped_agreements


@cache
def shipped_index() -> ClauseIndex:
    return ClauseIndex.build(shipped_agreements().values())


def warm_up_questions() -> None:
    """Build the index and the intent speller now rather than on the first question."""
    index = shipped_index()
    agreement = next(iter(shipped_agreements().values()))
    detect("wie is de voorzitter", agreement)
    index.search("voorzitter", "nl", k=1)
