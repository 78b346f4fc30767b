"""Fixtures of the tests of bot/."""

from __future__ import annotations

import pytest

from bot.ask.index import ClauseIndex
from bot.ask.shipped import shipped_index


@pytest.fixture
def index() -> ClauseIndex:
    """The clause index of the shipped agreements, as the bot uses it (built once)."""
    return shipped_index()
