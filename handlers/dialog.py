"""What the step-by-step conversations (propose, broadcast, meeting) share."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Coroutine, Sequence
from typing import Any

from telegram import Update
from telegram.ext import BaseHandler, CommandHandler, ConversationHandler, MessageHandler, filters
from telegram.warnings import PTBUserWarning

from handlers import commands
from handlers.callbacks import Callback, Kind, decode
from handlers.context import WerkbotContext

#: An answer typed in a private chat (not a command).
PRIVATE_TEXT = filters.TEXT & ~filters.COMMAND & filters.ChatType.PRIVATE
TIMEOUT_SECONDS = 30 * 60

Step = Callable[[Update, WerkbotContext], Coroutine[Any, Any, Any]]


async def pressed(update: Update, context: WerkbotContext, kind: Kind) -> Callback | None:
    """The press of this step's button, answered; None (after an alert) for anything else."""
    query = update.callback_query
    assert query is not None
    callback = decode(query.data)
    if callback is None or callback.kind is not kind:
        await query.answer(context.t.gettext("This button is no longer valid."), show_alert=True)
        return None
    await query.answer()
    return callback


def dialog(
    name: str,
    entry_points: Sequence[BaseHandler[Update, Any, Any]],
    states: dict[object, list[BaseHandler[Update, Any, Any]]],
    *,
    cancel: Step,
    busy: Step,
    allow_reentry: bool = False,
) -> ConversationHandler[Any]:
    """A private conversation: /cancel (/annuleer) leaves it, another command is answered by
    ``busy``, and 30 minutes of silence ends it."""
    fallbacks: list[BaseHandler[Update, Any, Any]] = [
        CommandHandler(commands.CANCEL.names, cancel),
        MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE, busy),
    ]
    with warnings.catch_warnings():
        # per_message=False is meant: one draft per user and chat, whichever message holds the buttons
        warnings.filterwarnings("ignore", message="If 'per_message=False'", category=PTBUserWarning)
        return ConversationHandler(
            entry_points=list(entry_points),
            states=states,
            fallbacks=fallbacks,
            conversation_timeout=TIMEOUT_SECONDS,
            name=name,
            allow_reentry=allow_reentry,
            per_chat=True,
            per_user=True,
        )
