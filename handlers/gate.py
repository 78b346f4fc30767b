"""Cross-cutting work, once per update, before any command handler runs."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.services import inbox, people
from handlers.context import WerkbotContext

log = logging.getLogger(__name__)


async def drop_replayed(update: Update, context: WerkbotContext) -> None:
    """Process each ``update_id`` once: a replayed update stops here."""
    if not await inbox.first_sighting(context.db, update.update_id):
        log.info("update %s already processed; dropped", update.update_id)
        raise ApplicationHandlerStop


async def identify(update: Update, context: WerkbotContext) -> None:
    """Find the person behind the update, pick their language, apply the flood limit."""
    user = update.effective_user
    if user is None or user.is_bot:
        return
    context.person = await people.identify(
        context.db,
        user.id,
        user.full_name,
        username=user.username,
        telegram_language=user.language_code,
        default_language=context.settings.default_language,
    )
    flood = context.services.flood
    if not flood.admit(user.id):
        if flood.should_warn(user.id) and update.effective_message is not None:
            await update.effective_message.reply_text(
                context.t.gettext("You are sending messages very fast. Please wait a few seconds.")
            )
        raise ApplicationHandlerStop
