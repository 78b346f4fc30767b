"""Cross-cutting work, once per update, before any command handler runs."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import ApplicationHandlerStop

from bot.db.engine import Executor, start_of_update
from bot.services.boards import asking_in
from bot.services.inbox import Replayed, Sender, arrive
from handlers.callbacks import is_ballot
from handlers.context import WerkbotContext
from handlers.dialog import PRIVATE_TEXT

log = logging.getLogger(__name__)


async def admit(update: Update, context: WerkbotContext) -> None:
    """Drop a replayed ``update_id``; find the person and their language; apply the flood limit."""
    user = update.effective_user
    sender = None
    if user is not None and not user.is_bot:
        sender = Sender(user.id, user.full_name, user.username, user.language_code)
    # A ballot press records its update_id in the ballot's own transaction, so the press
    # counts with its record or not at all. From the inbox, which hands each update to one
    # worker at a time, only work that must not happen twice (a ballot, a new proposal)
    # records it, with that work; a plain reply may be repeated after a worker died.
    query = update.callback_query
    vote = query is not None and is_ballot(query.data)
    deferred = context.services.inbox or vote
    if deferred:
        context.unrecorded_update = update.update_id

    async def read_asking(session: Executor, person_id: int) -> None:
        context.asking = await asking_in(session, person_id)

    try:
        context.person = await arrive(
            context.db,
            None if deferred else update.update_id,
            sender,
            context.settings.default_language,
            context.services.people,
            # text in a private chat is mostly a question about the agreement
            read_asking if PRIVATE_TEXT.check_update(update) else None,
        )
    except Replayed:
        log.info("update %s already processed; dropped", update.update_id)
        raise ApplicationHandlerStop from None
    start_of_update()  # the person's record above is not the update's own work
    if user is None or context.person is None:
        # nobody to answer (a channel post, an anonymous admin, a bot): nothing to do
        log.info("update %s has no person behind it; dropped", update.update_id)
        raise ApplicationHandlerStop
    flood = context.services.flood
    if not flood.admit(user.id):
        if flood.should_warn(user.id) and update.effective_message is not None:
            await update.effective_message.reply_text(
                context.t.gettext("You are sending messages very fast. Please wait a few seconds.")
            )
        raise ApplicationHandlerStop
