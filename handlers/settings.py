"""/settings (/instellingen): a board's settings; its secretary or chair sets the quorum."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.services import boards
from bot.services.errors import ServiceError
from bot.texts.refusals import render_refusal
from bot.texts.settings import quorum_buttons, render_settings
from handlers import commands
from handlers.callbacks import Callback, Kind, encode
from handlers.context import WerkbotContext
from handlers.keyboards import boards_keyboard
from handlers.members import refused_outside_private
from handlers.replies import Answer, edit_or_reply, reply


async def show_settings(update: Update, context: WerkbotContext) -> None:
    """The person's board's settings (a choice of board if they sit on several)."""
    if await refused_outside_private(update, context, commands.SETTINGS):
        return
    t = context.t
    mine = await boards.boards_of(context.db, context.me.id)
    if not mine:
        await reply(update, t.gettext("You do not sit on a board yet."))
    elif len(mine) == 1:
        await _show(update, context, mine[0].id)
    else:
        await reply(
            update,
            t.gettext("The settings of which board?"),
            boards_keyboard(mine, Kind.SETTINGS_BOARD),
        )


async def board_chosen(update: Update, context: WerkbotContext, callback: Callback) -> None:
    await _show(update, context, callback.int_arg())


async def quorum_chosen(
    update: Update, context: WerkbotContext, callback: Callback
) -> Answer | None:
    t = context.t
    board_id = callback.int_arg(0)
    try:
        await boards.set_quorum(context.db, context.me.id, board_id, callback.args[1])
    except ServiceError as refusal:
        await edit_or_reply(update, render_refusal(refusal, t))
        return None
    await _show(update, context, board_id)
    return Answer(t.gettext("The quorum is set."))


async def _show(update: Update, context: WerkbotContext, board_id: int) -> None:
    t = context.t
    board = await boards.board(context.db, board_id)
    settings = await boards.settings_of(context.db, board_id)
    officer = board_id in {b.id for b in await boards.officer_boards(context.db, context.me.id)}
    markup = None
    if officer and not boards.agreement_sets_quorum(board):
        markup = InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        label, callback_data=encode(Kind.SETTINGS_QUORUM, board_id, code)
                    )
                ]
                for code, label in quorum_buttons(t)
            ]
        )
    await edit_or_reply(update, render_settings(board, settings, t, officer=officer), markup)
