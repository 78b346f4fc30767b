"""/invite: what a secretary uses to fill the board's seats."""

from __future__ import annotations

from datetime import timedelta

from telegram import Update

from bot.services import boards, invites
from bot.services.errors import ServiceError
from bot.texts.board import render_invite
from bot.texts.html import esc
from bot.texts.refusals import render_refusal
from handlers.callbacks import Callback, Kind
from handlers.context import WerkbotContext
from handlers.keyboards import boards_keyboard, seats_keyboard
from handlers.members import private
from handlers.replies import Answer, edit_or_reply, reply


def deep_link(context: WerkbotContext, code: str) -> str:
    username = context.settings.bot_username or context.bot.username
    return f"https://t.me/{username}?start={code}"


async def invite(update: Update, context: WerkbotContext) -> None:
    """Start an invite: pick the board (if several), then the vacant seat, or name the seat."""
    t = context.t
    if not private(update):
        await reply(
            update,
            t.gettext("Send /invite in a private chat with me, so the invite code stays private."),
        )
        return
    mine = await boards.boards_of(context.db, context.me.id, secretary=True)
    if not mine:
        await reply(update, t.gettext("Only the secretary of a board can invite members."))
        return
    if len(mine) > 1 and not context.args:
        await reply(update, t.gettext("For which board?"), boards_keyboard(mine, Kind.INVITE_BOARD))
        return
    if context.args:
        board_id = mine[0].id if len(mine) == 1 else None
        if board_id is None:
            await reply(
                update,
                t.gettext(
                    "You are secretary of several boards: send /invite without a seat and pick the board."
                ),
            )
            return
        await create(update, context, board_id, context.args[0].lower())
        return
    await offer_seats(update, context, mine[0].id)


async def offer_seats(update: Update, context: WerkbotContext, board_id: int) -> None:
    t = context.t
    overview = await boards.overview(context.db, board_id)
    if not overview.vacant:
        await edit_or_reply(
            update,
            t.gettext("Every seat on the {board} is filled.").format(
                board=esc(overview.board.name)
            ),
        )
        return
    await edit_or_reply(
        update,
        t.gettext("Which seat is the invite for?"),
        seats_keyboard(board_id, overview.vacant, t),
    )


async def invite_board_chosen(
    update: Update, context: WerkbotContext, callback: Callback
) -> Answer | None:
    """A board picked for an invite: its vacant seats (the button router lets only the board's
    secretary press it, in a private chat)."""
    await offer_seats(update, context, callback.int_arg())
    return None


async def invite_seat_chosen(update: Update, context: WerkbotContext, callback: Callback) -> None:
    await create(update, context, callback.int_arg(0), callback.args[1])


async def create(update: Update, context: WerkbotContext, board_id: int, seat_key: str) -> None:
    """Create the invite; the service checks that the person is the board's secretary."""
    t = context.t
    try:
        code = await invites.create_invite(
            context.db,
            board_id,
            seat_key,
            created_by=context.me.id,
            valid_for=timedelta(days=context.settings.invite_valid_days),
        )
    except ServiceError as refusal:
        await edit_or_reply(update, render_refusal(refusal, t))
        return
    await edit_or_reply(update, render_invite(code, deep_link(context, code.code), t))
