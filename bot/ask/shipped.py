"""The clause index of the shipped agreements, built once per process (they never change)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from bot.ask.intents import detect, speller
from rules.agreements.loader import shipped_agreements

if TYPE_CHECKING:
    from bot.ask.index import ClauseIndex


@cache
def shipped_index() -> ClauseIndex:
    from bot.ask.index import ClauseIndex  # numpy and bm25s: only when a question needs them

    return ClauseIndex.build(shipped_agreements().values())


def warm_up_questions(*, lemmas: bool = True) -> None:
    """Build the index and the intent speller now rather than on the first question (and the
    lemma lists, with ``lemmas``)."""
    index = shipped_index()
    agreement = next(iter(shipped_agreements().values()))
    detect("wie is de voorzitter", agreement)
    index.search("voorzitter", "nl", k=1)
    # the spellers group their words, and the lemmas load, on the first unknown word: do
    # that now too
    speller().warm_up()
    if lemmas:
        index.analyzer.warm_up()
