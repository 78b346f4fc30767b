"""Every button press: decoded and validated once, answered first, then routed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from telegram import Update

from handlers import members, secretary
from handlers.callbacks import Callback, Kind, decode
from handlers.context import WerkbotContext

Route = Callable[[Update, WerkbotContext, Callback], Awaitable[None]]

ROUTES: dict[Kind, Route] = {
    Kind.BOARD: members.board_chosen,
    Kind.LANGUAGE: members.language_chosen,
    Kind.INVITE_BOARD: secretary.invite_board_chosen,
    Kind.INVITE_SEAT: secretary.invite_seat_chosen,
    Kind.LINK_GROUP: secretary.link_board_chosen,
}


async def on_button(update: Update, context: WerkbotContext) -> None:
    """Route a press; forged or outdated data gets a short alert and changes nothing."""
    query = update.callback_query
    assert query is not None
    callback = decode(query.data)
    if callback is None:
        await query.answer(context.t.gettext("This button is no longer valid."), show_alert=True)
        return
    await query.answer()
    await ROUTES[callback.kind](update, context, callback)
