"""Cross-cutting work, once per update, before any command handler runs."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.services.inbox import Replayed, Sender, arrive
from handlers.context import WerkbotContext

log = logging.getLogger(__name__)


async def admit(update: Update, context: WerkbotContext) -> None:
    """Drop a replayed ``update_id``; find the person and their language; apply the flood limit."""
    user = update.effective_user
    sender = None
    if user is not None and not user.is_bot:
        sender = Sender(user.id, user.full_name, user.username, user.language_code)
    try:
        context.person = await arrive(
            context.db, update.update_id, sender, context.settings.default_language
        )
    except Replayed:
        log.info("update %s already processed; dropped", update.update_id)
        raise ApplicationHandlerStop from None
    if user is None or context.person is None:
        return
    flood = context.services.flood
    if not flood.admit(user.id):
        if flood.should_warn(user.id) and update.effective_message is not None:
            await update.effective_message.reply_text(
                context.t.gettext("You are sending messages very fast. Please wait a few seconds.")
            )
        raise ApplicationHandlerStop
