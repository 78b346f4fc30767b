"""/broadcast (/omroep): the secretary's message to every seat holder, with a delivery report."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ConversationHandler

from bot.db.engine import Database
from bot.i18n import normalize_language, translator
from bot.services import boards, broadcasts, outbox
from bot.services.errors import ServiceError
from bot.services.views import BoardRef
from bot.texts import broadcasts as texts
from bot.texts.broadcasts import render_broadcast as render_broadcast  # where callers find it
from bot.texts.broadcasts import render_report
from bot.texts.html import telegram_length
from bot.texts.refusals import render_refusal
from handlers import commands
from handlers.callbacks import Kind, encode
from handlers.context import WerkbotContext
from handlers.dialog import END, FIRST, BoardFirst, secretary_boards, typed
from handlers.replies import edit_or_reply, reply

log = logging.getLogger(__name__)
TEXT, CONFIRM = range(FIRST, FIRST + 2)
DRAFT = "broadcast_draft"


@dataclass
class Draft:
    board: BoardRef | None = None
    body: str = ""


FLOW = BoardFirst(
    commands.BROADCAST, Kind.BROADCAST_BOARD, DRAFT, Draft, secretary_boards, texts.DIALOG
)


async def got_text(update: Update, context: WerkbotContext) -> int:
    t = context.t
    body = typed(update)
    if not body or telegram_length(body) > broadcasts.MAX_BODY:
        await reply(update, texts.message_length(broadcasts.MAX_BODY, t))
        return TEXT
    current = FLOW.draft(context)
    current.body = body
    assert current.board is not None
    overview = await boards.overview(context.db, current.board.id)
    members = len({s.holder for s in overview.seats if s.holder}) - 1
    buttons = [
        InlineKeyboardButton(t.gettext("Send"), callback_data=encode(Kind.BROADCAST_SEND, "plain"))
    ]
    if current.board.group_chat_id is not None:
        buttons.append(
            InlineKeyboardButton(
                t.gettext("Send, also to the group"),
                callback_data=encode(Kind.BROADCAST_SEND, "group"),
            )
        )
    buttons.append(
        InlineKeyboardButton(t.gettext("Cancel"), callback_data=encode(Kind.BROADCAST_SEND, "no"))
    )
    summary = texts.confirm_broadcast(current.board.name, body, members, t)
    await reply(update, summary, InlineKeyboardMarkup([buttons]))
    return CONFIRM


async def send(
    update: Update, context: WerkbotContext, choice: str, current: Draft, board: BoardRef
) -> int:
    """The press on Send (or Send, also to the group) under the message: into the outbox."""
    t = context.t
    default = context.settings.default_language
    try:
        _, count = await broadcasts.create(
            context.db,
            board.id,
            context.me.id,
            current.body,
            to_group=choice == "group",
            render=lambda name, body, language: render_broadcast(
                name, body, translator(normalize_language(language, default))
            ),
        )
    except ServiceError as refusal:
        await edit_or_reply(update, render_refusal(refusal, t))
        return END
    await edit_or_reply(update, texts.sending(count, t))
    await context.services.deliver()
    return END


async def queue_reports(db: Database, default_language: str) -> int:
    """The delivery report of every broadcast with nothing pending any more, into the outbox
    (once: the report is claimed); return how many were queued."""
    queued = []
    for finished in await broadcasts.finished_unreported(db):
        report = await broadcasts.report(db, finished)
        if report is not None and report.author_chat_id is not None:
            t = translator(normalize_language(report.author_language, default_language))
            queued.append(
                outbox.Outgoing(
                    f"broadcast-report:{finished}",
                    report.author_chat_id,
                    render_report(report, t),
                )
            )
    await outbox.enqueue(db, queued)
    return len(queued)


def conversation() -> ConversationHandler[Any]:
    return FLOW.handler(
        {TEXT: got_text}, {CONFIRM: [FLOW.confirmation(Kind.BROADCAST_SEND, CONFIRM, send)]}
    )
