"""Every button press: decoded and validated once, checked against who presses it (one table
for all routes: ``handlers.button_access``), routed, and answered exactly once."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram import Update

from bot.services.inbox import Replayed
from handlers import (
    ask,
    groups,
    meetings,
    members,
    presence,
    privacy,
    secretary,
    settings,
    substitutes,
    voting,
)
from handlers.button_access import check, refuse
from handlers.callbacks import Callback, Kind, decode
from handlers.context import WerkbotContext
from handlers.replies import Answer

log = logging.getLogger(__name__)

Route = Callable[[Update, WerkbotContext, Callback], Awaitable[Answer | None]]

ROUTES: dict[Kind, Route] = {
    Kind.BOARD: members.board_chosen,
    Kind.LANGUAGE: members.language_chosen,
    Kind.INVITE_BOARD: secretary.invite_board_chosen,
    Kind.INVITE_SEAT: secretary.invite_seat_chosen,
    Kind.LINK_GROUP: groups.link_board_chosen,
    Kind.VOTE: voting.vote_pressed,
    Kind.DECISIONS_BOARD: voting.decisions_board_chosen,
    Kind.EXPORT: voting.export_chosen,
    Kind.CLAUSE: ask.clause_pressed,
    Kind.CLAUSE_ORIGINAL: ask.clause_pressed,
    Kind.RSVP: meetings.rsvp_pressed,
    Kind.SUB_BOARD: substitutes.board_chosen,
    Kind.SUB_SEAT: substitutes.seat_chosen,
    Kind.SUB_SCOPE: substitutes.scope_chosen,
    Kind.SUB_PERSON: substitutes.person_chosen,
    Kind.PRESENT_MEETING: presence.meeting_chosen,
    Kind.PRESENT_TOGGLE: presence.toggled,
    Kind.MEETING_ACTION: meetings.cancel_pressed,  # "move" is the entry of the meeting conversation
    Kind.FORGET_ME: privacy.forget_pressed,
    Kind.SETTINGS_BOARD: settings.board_chosen,
    Kind.SETTINGS_QUORUM: settings.quorum_chosen,
}


async def on_button(update: Update, context: WerkbotContext) -> None:
    """Route a press; forged or outdated data, or a press by someone who may not (see
    ``handlers.button_access``), gets a short alert and changes nothing."""
    query = update.callback_query
    assert query is not None
    callback = decode(query.data)
    route = ROUTES.get(callback.kind) if callback is not None else None
    if callback is None or route is None:
        await query.answer(context.t.gettext("This button is no longer valid."), show_alert=True)
        return
    refusal = await check(update, context, callback)
    if refusal is not None:
        answer = await refuse(update, context, refusal)
        await query.answer(answer.text, show_alert=answer.alert)
        return
    try:
        answer = await route(update, context, callback) or Answer()
    except Replayed:
        log.info("update %s already processed; dropped", update.update_id)
        return
    await query.answer(answer.text, show_alert=answer.alert)
