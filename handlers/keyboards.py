"""Inline keyboards: pure builders from domain views to markup."""

from __future__ import annotations

from collections.abc import Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.i18n import Translator
from bot.services.views import BoardRef, SeatLine
from handlers.callbacks import Kind, encode

LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}


def boards_keyboard(boards: Sequence[BoardRef], kind: Kind) -> InlineKeyboardMarkup:
    """One button per board; pressing it continues ``kind`` for that board."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.name, callback_data=encode(kind, b.id))] for b in boards]
    )


def language_keyboard(current: str) -> InlineKeyboardMarkup:
    row = [
        InlineKeyboardButton(
            ("✓ " if code == current else "") + name, callback_data=encode(Kind.LANGUAGE, code)
        )
        for code, name in LANGUAGE_NAMES.items()
    ]
    return InlineKeyboardMarkup([row])


def seats_keyboard(board_id: int, seats: Sequence[SeatLine], t: Translator) -> InlineKeyboardMarkup:
    """Vacant seats to invite for, two per row."""
    buttons = [
        InlineKeyboardButton(
            s.label(t.language), callback_data=encode(Kind.INVITE_SEAT, board_id, s.key)
        )
        for s in seats
    ]
    return InlineKeyboardMarkup([buttons[i : i + 2] for i in range(0, len(buttons), 2)])
