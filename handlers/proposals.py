"""/propose (/voorstel): title, text, deadline, named or secret ballot, then confirm or cancel.

The conversation is drawn in ``handlers/propose_flow.mmd``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
    filters,
)

from bot.db.models import utcnow
from bot.deadline import DeadlineProblem, parse_deadline
from bot.services import meetings, motions
from bot.services.errors import ServiceError
from bot.services.inbox import Replayed
from bot.services.meetings import MeetingView
from bot.services.views import BoardRef
from bot.texts.html import esc
from bot.texts.motions import deadline_text, render_summary
from bot.texts.refusals import render_refusal
from handlers import commands
from handlers.callbacks import Kind, decode, encode
from handlers.context import WerkbotContext
from handlers.dialog import PRIVATE_TEXT, dialog, pressed
from handlers.keyboards import boards_keyboard
from handlers.members import private
from handlers.replies import edit_or_reply, reply
from handlers.voting import ballot_messages

BOARD, TITLE, BODY, DEADLINE, KIND, CONFIRM, MEETING, TALLY = range(8)
END = ConversationHandler.END
DRAFT = "proposal_draft"
MAX_TITLE = 200
MAX_BODY = 3000


@dataclass
class Draft:
    board: BoardRef | None = None
    title: str = ""
    body: str = ""
    deadline: datetime | None = None
    secret: bool = False
    hidden: bool = False
    meeting: MeetingView | None = None


def draft(context: WerkbotContext) -> Draft:
    assert context.user_data is not None
    found = context.user_data.get(DRAFT)
    if not isinstance(found, Draft):
        found = context.user_data[DRAFT] = Draft()
    return found


async def start(update: Update, context: WerkbotContext) -> int:
    """Who may propose on which board; ask for the board if several."""
    t = context.t
    if not private(update):
        await reply(update, t.gettext("Send /propose in a private chat with me."))
        return END
    allowed = await motions.may_propose(context.db, context.me.id)
    if not allowed:
        await reply(
            update,
            t.gettext(
                "On your boards, only the chair, the vice-chair and the secretary can put a proposal."
            ),
        )
        return END
    assert context.user_data is not None
    context.user_data[DRAFT] = Draft(board=allowed[0] if len(allowed) == 1 else None)
    if len(allowed) > 1:
        await reply(
            update,
            t.gettext("For which board is the proposal?"),
            boards_keyboard(allowed, Kind.PROPOSE_BOARD),
        )
        return BOARD
    return await ask_title(update, context)


async def ask_title(update: Update, context: WerkbotContext) -> int:
    t = context.t
    board = draft(context).board
    assert board is not None
    text = t.gettext("New proposal for the {board}. What is its title? (Send /cancel to stop.)")
    await edit_or_reply(update, text.format(board=esc(board.name)))
    return TITLE


async def board_picked(update: Update, context: WerkbotContext) -> int:
    query = update.callback_query
    assert query is not None
    callback = decode(query.data)
    allowed = {b.id: b for b in await motions.may_propose(context.db, context.me.id)}
    if (
        callback is None
        or callback.kind is not Kind.PROPOSE_BOARD
        or callback.int_arg() not in allowed
    ):
        await query.answer(context.t.gettext("This button is no longer valid."), show_alert=True)
        return BOARD
    await query.answer()
    draft(context).board = allowed[callback.int_arg()]
    return await ask_title(update, context)


async def got_title(update: Update, context: WerkbotContext) -> int:
    t = context.t
    text = (update.effective_message.text or "").strip() if update.effective_message else ""
    if not text or len(text) > MAX_TITLE:
        await reply(
            update, t.gettext("A title has 1 to {max} characters. Try again.").format(max=MAX_TITLE)
        )
        return TITLE
    draft(context).title = text
    await reply(update, t.gettext("What does the board decide on? Send the text of the proposal."))
    return BODY


async def got_body(update: Update, context: WerkbotContext) -> int:
    t = context.t
    text = (update.effective_message.text or "").strip() if update.effective_message else ""
    if not text or len(text) > MAX_BODY:
        await reply(
            update, t.gettext("The text has 1 to {max} characters. Try again.").format(max=MAX_BODY)
        )
        return BODY
    draft(context).body = text
    await reply(
        update,
        t.gettext(
            'Until when can members vote? For example: "vrijdag 17:00", "morgen 12:00", "2026-12-04 17:00" or "Friday 5pm".'
        ),
    )
    return DEADLINE


async def got_deadline(update: Update, context: WerkbotContext) -> int:
    t = context.t
    text = (update.effective_message.text or "") if update.effective_message else ""
    parsed = parse_deadline(text, utcnow(), context.settings.zone)
    if parsed.problem is DeadlineProblem.UNREADABLE or parsed.at is None:
        await reply(
            update,
            t.gettext(
                'I cannot read that as a date and time. Try for example "vrijdag 17:00" or "2026-12-04 17:00".'
            ),
        )
        return DEADLINE
    if parsed.problem is DeadlineProblem.PAST:
        await reply(
            update,
            t.gettext("{deadline} has already passed. Give a moment in the future.").format(
                deadline=deadline_text(parsed.at, t)
            ),
        )
        return DEADLINE
    if parsed.problem is DeadlineProblem.TOO_FAR:
        await reply(
            update,
            t.gettext("{deadline} is more than a year away. Give an earlier deadline.").format(
                deadline=deadline_text(parsed.at, t)
            ),
        )
        return DEADLINE
    draft(context).deadline = parsed.at
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.gettext("Named ballot"), callback_data=encode(Kind.PROPOSE_SECRET, 0)
                ),
                InlineKeyboardButton(
                    t.gettext("Secret ballot"), callback_data=encode(Kind.PROPOSE_SECRET, 1)
                ),
            ]
        ]
    )
    await reply(
        update,
        t.gettext(
            "Deadline: {deadline}. Named or secret ballot? In a secret ballot nobody sees who voted what."
        ).format(deadline=deadline_text(parsed.at, t)),
        markup,
    )
    return KIND


async def kind_picked(update: Update, context: WerkbotContext) -> int:
    """Named or secret; then whether the tally shows while voting is open."""
    t = context.t
    callback = await pressed(update, context, Kind.PROPOSE_SECRET)
    if callback is None:
        return KIND
    draft(context).secret = callback.args[0] == "1"
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.gettext("Live tally"), callback_data=encode(Kind.PROPOSE_TALLY, 0)
                ),
                InlineKeyboardButton(
                    t.gettext("Hidden until the close"),
                    callback_data=encode(Kind.PROPOSE_TALLY, 1),
                ),
            ]
        ]
    )
    await edit_or_reply(
        update,
        t.gettext(
            "Show the tally while voting is open, or only how many have voted until the close (so nobody follows the crowd)?"
        ),
        markup,
    )
    return TALLY


async def tally_picked(update: Update, context: WerkbotContext) -> int:
    """Live or hidden tally; then the meeting it belongs to (if the board has any planned)."""
    t = context.t
    callback = await pressed(update, context, Kind.PROPOSE_TALLY)
    if callback is None:
        return TALLY
    current = draft(context)
    current.hidden = callback.args[0] == "1"
    assert current.board is not None
    planned = [
        m
        for m in await meetings.upcoming(context.db, context.me.id)
        if m.board.id == current.board.id
    ]
    if not planned:
        return await show_summary(update, context)
    rows = [
        [
            InlineKeyboardButton(
                deadline_text(m.starts_at, t), callback_data=encode(Kind.PROPOSE_MEETING, m.id)
            )
        ]
        for m in planned[:3]
    ]
    rows.append(
        [
            InlineKeyboardButton(
                t.gettext("No meeting"), callback_data=encode(Kind.PROPOSE_MEETING, 0)
            )
        ]
    )
    text = t.gettext(
        "Does the proposal belong to a meeting? Then the meeting's attendance counts as presence for the decision."
    )
    await edit_or_reply(update, text, InlineKeyboardMarkup(rows))
    return MEETING


async def meeting_picked(update: Update, context: WerkbotContext) -> int:
    callback = await pressed(update, context, Kind.PROPOSE_MEETING)
    if callback is None:
        return MEETING
    current = draft(context)
    chosen = int(callback.args[0])
    planned = {m.id: m for m in await meetings.upcoming(context.db, context.me.id)}
    current.meeting = planned.get(chosen) if chosen else None
    return await show_summary(update, context)


async def show_summary(update: Update, context: WerkbotContext) -> int:
    t = context.t
    current = draft(context)
    assert current.board is not None
    assert current.deadline is not None
    markup = InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.gettext("Put to the board"), callback_data=encode(Kind.PROPOSE_CONFIRM, "ok")
                ),
                InlineKeyboardButton(
                    t.gettext("Cancel"), callback_data=encode(Kind.PROPOSE_CONFIRM, "no")
                ),
            ]
        ]
    )
    summary = render_summary(
        current.board.name,
        current.title,
        current.body,
        current.deadline,
        current.secret,
        t,
        hidden=current.hidden,
    )
    if current.meeting is not None:
        summary += "\n" + t.gettext("Meeting: {when}").format(
            when=deadline_text(current.meeting.starts_at, t)
        )
    await edit_or_reply(update, summary, markup)
    return CONFIRM


async def confirmed(update: Update, context: WerkbotContext) -> int:
    t = context.t
    callback = await pressed(update, context, Kind.PROPOSE_CONFIRM)
    if callback is None:
        return CONFIRM
    current = draft(context)
    assert context.user_data is not None
    context.user_data.pop(DRAFT, None)
    if callback.args[0] == "no":
        await edit_or_reply(update, t.gettext("Cancelled. Nothing was sent to the board."))
        return END
    assert current.board is not None
    assert current.deadline is not None
    chat = update.effective_chat
    assert chat is not None
    try:
        motion = await motions.propose(
            context.db,
            current.board.id,
            context.me.id,
            current.title,
            current.body,
            current.deadline,
            secret=current.secret,
            tally_hidden=current.hidden,
            meeting_id=current.meeting.id if current.meeting else None,
            update_id=context.unrecorded_update,
            announce=functools.partial(
                ballot_messages,
                default_language=context.settings.default_language,
                proposer=(chat.id, context.me.id, t),
            ),
        )
    except Replayed:  # proposed already, by a worker that stopped before it was done
        return ConversationHandler.END
    except ServiceError as refusal:
        await edit_or_reply(update, render_refusal(refusal, t))
        return END
    await edit_or_reply(
        update,
        t.gettext("Proposal {number} is on its way to the members.").format(number=motion.id),
    )
    await context.services.deliver()
    return END


async def cancel(update: Update, context: WerkbotContext) -> int:
    if context.user_data is not None:
        context.user_data.pop(DRAFT, None)
    await reply(update, context.t.gettext("Cancelled. Nothing was sent to the board."))
    return END


async def busy(update: Update, context: WerkbotContext) -> int | None:
    """Another command while writing a proposal: say how to leave the conversation."""
    await reply(
        update,
        context.t.gettext(
            "You are writing a proposal. Answer the question above, or send /cancel to stop."
        ),
    )
    return None


async def timed_out(update: Update, context: WerkbotContext) -> None:
    if context.user_data is not None:
        context.user_data.pop(DRAFT, None)
    await reply(
        update,
        context.t.gettext(
            "Your draft proposal expired after 30 minutes without an answer. Send /propose to start again."
        ),
    )


def conversation() -> ConversationHandler[Any]:
    return dialog(
        "propose",
        [CommandHandler(commands.PROPOSE.names, start)],
        {
            BOARD: [CallbackQueryHandler(board_picked, pattern=r"^pb\|")],
            TITLE: [MessageHandler(PRIVATE_TEXT, got_title)],
            BODY: [MessageHandler(PRIVATE_TEXT, got_body)],
            DEADLINE: [MessageHandler(PRIVATE_TEXT, got_deadline)],
            KIND: [CallbackQueryHandler(kind_picked, pattern=r"^pk\|")],
            TALLY: [CallbackQueryHandler(tally_picked, pattern=r"^pt\|")],
            CONFIRM: [CallbackQueryHandler(confirmed, pattern=r"^pc\|")],
            MEETING: [CallbackQueryHandler(meeting_picked, pattern=r"^pm\|")],
            ConversationHandler.TIMEOUT: [MessageHandler(filters.ALL, timed_out)],
        },
        cancel=cancel,
        busy=busy,
    )
