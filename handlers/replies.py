"""Sending text back: split within Telegram's limit, buttons on the last part."""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Update

from bot.texts.html import split_message


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


async def edit_or_reply(
    update: Update, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """After a button press: replace the message that held the buttons."""
    query = update.callback_query
    if query is not None and query.message is not None and len(text) <= 4096:
        await query.edit_message_text(text, reply_markup=markup)
        return
    await reply(update, text, markup)
