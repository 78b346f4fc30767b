"""Sending text back: split within Telegram's limit, buttons on the last part."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import ExtBot

from bot import metrics
from bot.texts.html import MESSAGE_LIMIT, split_message, telegram_length

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Answer:
    """What a button press is answered with: a short toast, or an alert to dismiss."""

    text: str | None = None
    alert: bool = False


async def reply(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    """Answer in the chat the update came from."""
    message = update.effective_message
    if message is None:
        return
    parts = split_message(text)
    for index, part in enumerate(parts):
        last = index == len(parts) - 1
        await message.reply_text(part, reply_markup=markup if last else None, do_quote=False)


def unchanged(error: BadRequest) -> bool:
    """Telegram refused an edit because the message already reads so: nothing to do."""
    return "not modified" in error.message.lower()


async def edit_or_reply(
    update: Update, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """After a button press: replace the message that held the buttons."""
    query = update.callback_query
    if query is not None and query.message is not None and telegram_length(text) <= MESSAGE_LIMIT:
        try:
            await query.edit_message_text(text, reply_markup=markup)
        except BadRequest as exc:
            if not unchanged(exc):  # a button pressed twice: the message already says this
                raise
        return
    await reply(update, text, markup)


async def send_quietly(
    bot: ExtBot[Any], chat_id: int, text: str, markup: InlineKeyboardMarkup | None = None
) -> int | None:
    """Send, or log why not: a member who blocked the bot, or a network failure after the
    retries, must not stop the messages to the others."""
    try:
        message = await bot.send_message(chat_id, text, reply_markup=markup)
    except Forbidden:
        metrics.SEND_FAILURES.inc()
        log.info("chat %s blocked the bot; skipped", chat_id)
        return None
    except TelegramError as exc:
        metrics.SEND_FAILURES.inc()
        log.warning("could not send to chat %s: %s", chat_id, exc.message)
        return None
    return message.message_id
