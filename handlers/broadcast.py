"""/broadcast (/omroep): the secretary's message to every seat holder, with a delivery report."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
)

from bot.db.engine import Database
from bot.i18n import Translator, normalize_language, translator
from bot.services import boards, broadcasts, outbox
from bot.services.errors import ServiceError
from bot.services.views import BoardRef
from bot.texts.html import esc
from bot.texts.refusals import render_refusal
from handlers import commands
from handlers.callbacks import Kind, encode
from handlers.context import WerkbotContext
from handlers.dialog import PRIVATE_TEXT, dialog, pressed
from handlers.keyboards import boards_keyboard
from handlers.members import private
from handlers.replies import edit_or_reply, reply

log = logging.getLogger(__name__)
BOARD, TEXT, CONFIRM = range(3)
END = ConversationHandler.END
DRAFT = "broadcast_draft"


@dataclass
class Draft:
    board: BoardRef | None = None
    body: str = ""


def draft(context: WerkbotContext) -> Draft:
    assert context.user_data is not None
    found = context.user_data.get(DRAFT)
    if not isinstance(found, Draft):
        found = context.user_data[DRAFT] = Draft()
    return found


async def start(update: Update, context: WerkbotContext) -> int:
    t = context.t
    if not private(update):
        await reply(update, t.gettext("Send /broadcast in a private chat with me."))
        return END
    mine = await boards.boards_of(context.db, context.me.id, secretary=True)
    if not mine:
        await reply(
            update, t.gettext("Only the secretary of a board can send a message to all members.")
        )
        return END
    assert context.user_data is not None
    context.user_data[DRAFT] = Draft(board=mine[0] if len(mine) == 1 else None)
    if len(mine) > 1:
        await reply(
            update, t.gettext("For which board?"), boards_keyboard(mine, Kind.BROADCAST_BOARD)
        )
        return BOARD
    return await ask_text(update, context)


async def ask_text(update: Update, context: WerkbotContext) -> int:
    board = draft(context).board
    assert board is not None
    text = context.t.gettext(
        "What should every member of the {board} receive? Send the message. (Send /cancel to stop.)"
    )
    await edit_or_reply(update, text.format(board=esc(board.name)))
    return TEXT


async def board_picked(update: Update, context: WerkbotContext) -> int:
    callback = await pressed(update, context, Kind.BROADCAST_BOARD)
    mine = {b.id: b for b in await boards.boards_of(context.db, context.me.id, secretary=True)}
    if callback is None or callback.int_arg() not in mine:
        return BOARD
    draft(context).board = mine[callback.int_arg()]
    return await ask_text(update, context)


async def got_text(update: Update, context: WerkbotContext) -> int:
    t = context.t
    body = (update.effective_message.text or "").strip() if update.effective_message else ""
    if not body or len(body) > broadcasts.MAX_BODY:
        await reply(
            update,
            t.gettext("A message has 1 to {max} characters. Try again.").format(
                max=broadcasts.MAX_BODY
            ),
        )
        return TEXT
    current = draft(context)
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
    summary = t.ngettext(
        "Send this to {count} member of the {board}?",
        "Send this to {count} members of the {board}?",
        members,
    ).format(count=members, board=esc(current.board.name))
    await reply(update, summary + "\n\n" + esc(body), InlineKeyboardMarkup([buttons]))
    return CONFIRM


async def confirmed(update: Update, context: WerkbotContext) -> int:
    t = context.t
    callback = await pressed(update, context, Kind.BROADCAST_SEND)
    if callback is None:
        return CONFIRM
    current = draft(context)
    assert context.user_data is not None
    context.user_data.pop(DRAFT, None)
    if callback.args[0] == "no" or current.board is None:
        await edit_or_reply(update, t.gettext("Cancelled. Nothing was sent."))
        return END
    default = context.settings.default_language
    try:
        _, count = await broadcasts.create(
            context.db,
            current.board.id,
            context.me.id,
            current.body,
            to_group=callback.args[0] == "group",
            render=lambda board, body, language: render_broadcast(
                board, body, translator(normalize_language(language, default))
            ),
        )
    except ServiceError as refusal:
        await edit_or_reply(update, render_refusal(refusal, t))
        return END
    await edit_or_reply(
        update,
        t.ngettext("Sending to {count} recipient…", "Sending to {count} recipients…", count).format(
            count=count
        ),
    )
    await context.services.deliver()
    return END


def render_broadcast(board: str, body: str, t: Translator) -> str:
    header = t.gettext("Message from the secretary of the {board}:").format(board=esc(board))
    return f"<b>{header}</b>\n\n{esc(body)}"


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


def render_report(report: broadcasts.Report, t: Translator) -> str:
    lines = [
        t.ngettext(
            "Your message was delivered to {count} recipient.",
            "Your message was delivered to {count} recipients.",
            report.sent,
        ).format(count=report.sent)
    ]
    if report.blocked:
        lines.append(
            t.gettext("Not delivered, because they blocked the bot: {names}.").format(
                names=esc(", ".join(report.blocked))
            )
        )
    if report.failed:
        lines.append(
            t.gettext("Not delivered because of an error: {names}.").format(
                names=esc(", ".join(report.failed) or "-")
            )
        )
    return "\n".join(lines)


async def cancel(update: Update, context: WerkbotContext) -> int:
    if context.user_data is not None:
        context.user_data.pop(DRAFT, None)
    await reply(update, context.t.gettext("Cancelled. Nothing was sent."))
    return END


async def busy(update: Update, context: WerkbotContext) -> None:
    await reply(
        update,
        context.t.gettext(
            "You are writing a message to the board. Send it, or send /cancel to stop."
        ),
    )


def conversation() -> ConversationHandler[Any]:
    return dialog(
        "broadcast",
        [CommandHandler(commands.BROADCAST.names, start)],
        {
            BOARD: [CallbackQueryHandler(board_picked, pattern=r"^bb\|")],
            TEXT: [MessageHandler(PRIVATE_TEXT, got_text)],
            CONFIRM: [CallbackQueryHandler(confirmed, pattern=r"^bs\|")],
        },
        cancel=cancel,
        busy=busy,
    )
