"""/start, /help, /seat, /board and /language: what a member uses."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ChatType

from bot.services import boards, groups, invites, people
from bot.services.errors import ServiceError
from bot.texts.board import render_board, render_claim, render_seats
from bot.texts.html import esc
from bot.texts.refusals import render_refusal
from handlers.callbacks import Callback, Kind
from handlers.commands import Command, chat_of, render_help
from handlers.context import WerkbotContext
from handlers.keyboards import boards_keyboard, language_keyboard
from handlers.replies import edit_or_reply, reply


def private(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE


async def refused_outside_private(
    update: Update, context: WerkbotContext, command: Command
) -> bool:
    """Outside a private chat: say where to send ``command`` and return True."""
    if private(update):
        return False
    t = context.t
    text = t.gettext("Send {command} in a private chat with me.")
    await reply(update, text.format(command="/" + command.shown_name(t.language)))
    return True


async def start(update: Update, context: WerkbotContext) -> None:
    """Take a seat with an invite code, or explain what the bot does."""
    t = context.t
    if not private(update):
        await reply(
            update, t.gettext("Talk to me in a private chat to take your seat or change settings.")
        )
        return
    code = context.args[0] if context.args else ""
    if code:
        try:
            claim = await invites.claim(context.db, code, context.me.id)
        except ServiceError as refusal:
            await reply(update, render_refusal(refusal, t))
            return
        await reply(update, render_claim(claim.held, t, already_yours=claim.already_yours))
        return
    held = await boards.seats_of(context.db, context.me.id)
    intro = t.gettext(
        "Hello {name}! I am werkbot, the assistant of the boards of regional labour-market "
        "partnerships. Members check their seat and vote from their phone, secretaries invite "
        "members and keep the decision list, and everyone can read what the agreement says."
    ).format(name=esc(context.me.name))
    await reply(
        update,
        intro + "\n\n" + render_seats(held, t) + "\n\n" + t.gettext("Send /help for the commands."),
    )


async def show_help(update: Update, context: WerkbotContext) -> None:
    """The commands this person can use in this chat, by group (the secretary's group only for
    the secretary and the deputy secretary), and that a question can simply be typed."""
    secretary = bool(await boards.boards_of(context.db, context.me.id, secretary=True))
    await reply(update, render_help(context.t, secretary=secretary, chat=chat_of(update)))


async def show_seat(update: Update, context: WerkbotContext) -> None:
    """The seats this person holds and what their ballot counts for."""
    await reply(update, render_seats(await boards.seats_of(context.db, context.me.id), context.t))


async def show_board(update: Update, context: WerkbotContext) -> None:
    """Who holds which seat; in a linked group its board, else the person's board (or a choice)."""
    t = context.t
    chat = update.effective_chat
    if chat is not None and not private(update):
        board = await groups.board_of_group(context.db, chat.id)
        if board is None:
            await reply(
                update,
                t.gettext(
                    "This group is not linked to a board yet. The secretary can link it with /linkgroup."
                ),
            )
            return
        await reply(update, render_board(await boards.overview(context.db, board.id), t))
        return
    mine = await boards.boards_of(context.db, context.me.id)
    if not mine:
        await reply(update, render_seats([], t))
    elif len(mine) == 1:
        await reply(update, render_board(await boards.overview(context.db, mine[0].id), t))
    else:
        await reply(update, t.gettext("Which board?"), boards_keyboard(mine, Kind.BOARD))


async def board_chosen(update: Update, context: WerkbotContext, callback: Callback) -> None:
    """A board picked from the list; the button router lets only its members press it."""
    board_id = callback.int_arg()
    await edit_or_reply(
        update, render_board(await boards.overview(context.db, board_id), context.t)
    )


async def choose_language(update: Update, context: WerkbotContext) -> None:
    """Offer Dutch or English."""
    await reply(
        update, context.t.gettext("Choose your language:"), language_keyboard(context.me.language)
    )


async def language_chosen(update: Update, context: WerkbotContext, callback: Callback) -> None:
    language = callback.args[0]
    context.person = await people.set_language(
        context.db, context.me.id, language, context.settings.default_language
    )
    if context.me.telegram_user_id is not None:
        context.services.people.forget(context.me.telegram_user_id)
    t = context.t
    if language == "nl":
        text = t.gettext("From now on I write to you in Dutch.")
    else:
        text = t.gettext("From now on I write to you in English.")
    await edit_or_reply(update, text)
