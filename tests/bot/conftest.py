"""Fixtures of the tests of bot/."""

from __future__ import annotations

from functools import cache

import pytest

from bot.ask.index import ClauseIndex
from bot.ask.shipped import shipped_index
from rules.agreements.loader import shipped_agreements


@pytest.fixture
def index() -> ClauseIndex:
    """The clause index of the shipped agreements, as the bot uses it (built once)."""
    return shipped_index()


@cache
def _plain() -> ClauseIndex:
    return ClauseIndex.build(shipped_agreements().values())


@pytest.fixture
def plain_index() -> ClauseIndex:
    """The clause index of the shipped agreements without the questions partners asked of
    them: how an agreement nobody has asked about yet (a new region's) is read. The tests of a
    way of reading a question use it, so that no question asked of the line decides them."""
    return _plain()
