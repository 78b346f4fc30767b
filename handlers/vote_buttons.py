"""The vote buttons: Voor / Tegen / Onthouding under a ballot, the member's choice ticked.

Their text is :func:`bot.texts.motions.choice_name`; their callback data is ``v|motion|code``
(:mod:`handlers.callbacks`), checked on the server when pressed (:func:`handlers.voting.vote_pressed`).
"""

from __future__ import annotations

import functools

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator, translator
from bot.texts.motions import choice_name
from handlers.callbacks import Kind, encode
from rules.decide import Choice

CODES = {"f": Choice.FOR, "a": Choice.AGAINST, "x": Choice.ABSTAIN}
CODE_OF = {choice: code for code, choice in CODES.items()}


def vote_keyboard(
    motion_id: int, t: Translator, mine: Choice | None = None
) -> InlineKeyboardMarkup:
    """Voor / Tegen / Onthouding, the current ballot ticked."""
    return _vote_keyboard(motion_id, t.language, mine)


@functools.lru_cache(maxsize=4096)
def _vote_keyboard(motion_id: int, language: str, mine: Choice | None) -> InlineKeyboardMarkup:
    # built once per motion, language and ballot (Telegram objects are immutable)
    t = translator(language)
    row = [
        InlineKeyboardButton(
            ("✓ " if choice is mine else "") + choice_name(choice, t),
            callback_data=encode(Kind.VOTE, motion_id, code),
        )
        for code, choice in CODES.items()
    ]
    return InlineKeyboardMarkup([row])
