"""What the bot says to what it does not understand, and when something breaks."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.error import TelegramError

from bot.db.engine import committed, is_database_error
from bot.i18n import translator
from bot.logs import format_private_exception, involves_database
from handlers.context import WerkbotContext
from handlers.replies import reply

log = logging.getLogger(__name__)


async def unknown_command(update: Update, context: WerkbotContext) -> None:
    """An unknown /command in a private chat."""
    text = update.effective_message.text if update.effective_message else ""
    command = (text or "").split()[0].split("@")[0] if text else "/"
    await reply(
        update,
        context.t.gettext("I do not know the command {command}. Send /help for the list.").format(
            command=command
        ),
    )


async def on_error(update: object, context: WerkbotContext) -> None:
    """Log the failure and apologise to the user. The token is redacted by the log formatter;
    a database error is logged by its type and code only, never its text, which quotes the
    statement's parameters (names, drafts, ballot choices): so for every log handler, not only
    the ones :func:`bot.logs.setup_logging` installs."""
    if context.error is not None and involves_database(context.error):
        log.error("update failed\n%s", format_private_exception(context.error))
    else:
        log.error("update failed", exc_info=context.error)
    if not isinstance(update, Update):
        return
    person = getattr(context, "person", None)
    t = translator(person.language) if person else context.t
    if committed():
        # the update's work was saved before the failure: saying "nothing recorded" would
        # make the person do it again
        text = t.gettext(
            "What you did was saved, but something went wrong after that, so I could not show all of it. Please check before you try again."
        )
    elif is_database_error(context.error):
        # the unit of work was rolled back and the update left unrecorded: a retry is safe
        text = t.gettext(
            "The database did not answer, so nothing was recorded. Please try again in a moment."
        )
    else:
        text = t.gettext(
            "Sorry, something went wrong on our side. Nothing you sent was lost; please try again in a moment."
        )
    if update.callback_query is not None:
        try:
            await update.callback_query.answer(text[:200], show_alert=True)
            return
        except TelegramError:
            # answered already (a dialog answers its buttons at once): say it in the chat
            pass
    try:
        if update.effective_chat is not None:
            await context.bot.send_message(update.effective_chat.id, text)
            return
    except TelegramError:
        pass
    log.warning("could not tell the user about the failure")
