"""/propose (/voorstel): title, text, deadline, named or secret ballot, the agreement's subject
(only when its procedures differ per subject), the meeting, then confirm or cancel.

The conversation is drawn in ``handlers/propose_flow.mmd``.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CallbackQueryHandler, ConversationHandler, MessageHandler

from bot.services import meetings, motions
from bot.services.errors import ServiceError
from bot.services.inbox import Replayed
from bot.services.meetings import MeetingView
from bot.services.views import BoardRef
from bot.texts import proposals as texts
from bot.texts.html import capitalized, telegram_length
from bot.texts.motions import deadline_text, render_summary
from bot.texts.refusals import render_refusal
from handlers import commands
from handlers.callbacks import Kind, encode
from handlers.context import WerkbotContext
from handlers.dialog import (
    END,
    FIRST,
    PRIVATE_TEXT,
    BoardFirst,
    moment_typed,
    pressed,
    reads_as_moment,
    typed,
)
from handlers.replies import edit_or_reply, reply
from handlers.voting import ballot_messages

TITLE, BODY, DEADLINE, KIND, CONFIRM, MEETING, TALLY, SUBJECT = range(FIRST, FIRST + 8)
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
    subject: str | None = None


FLOW = BoardFirst(
    commands.PROPOSE, Kind.PROPOSE_BOARD, DRAFT, Draft, motions.may_propose, texts.DIALOG
)


async def got_title(update: Update, context: WerkbotContext) -> int:
    text = typed(update)
    if not text or telegram_length(text) > MAX_TITLE:
        await reply(update, texts.title_length(MAX_TITLE, context.t))
        return TITLE
    FLOW.draft(context).title = text
    await reply(
        update, context.t.gettext("What does the board decide on? Send the text of the proposal.")
    )
    return BODY


async def got_body(update: Update, context: WerkbotContext) -> int:
    text = typed(update)
    if not text or telegram_length(text) > MAX_BODY:
        await reply(update, texts.body_length(MAX_BODY, context.t))
        return BODY
    FLOW.draft(context).body = text
    await reply(update, texts.deadline_question(context.t))
    return DEADLINE


async def got_deadline(update: Update, context: WerkbotContext) -> int:
    deadline = await moment_typed(update, context, texts.deadline_problem)
    if deadline is None:
        return DEADLINE
    FLOW.draft(context).deadline = deadline
    return await ask_kind(update, context)


async def ask_kind(update: Update, context: WerkbotContext) -> int:
    """Named or secret? (with the deadline echoed, weekday and all)"""
    t = context.t
    deadline = FLOW.draft(context).deadline
    assert deadline is not None
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
    await reply(update, texts.ballot_kind_question(deadline, t), markup)
    return KIND


async def kind_picked(update: Update, context: WerkbotContext) -> int:
    """Named or secret; then whether the tally shows while voting is open."""
    t = context.t
    callback = await pressed(update, context, Kind.PROPOSE_SECRET)
    if callback is None:
        return KIND
    secret = FLOW.draft(context).secret = callback.args[0] == "1"
    live = InlineKeyboardButton(
        t.gettext("Live tally"), callback_data=encode(Kind.PROPOSE_TALLY, 0)
    )
    hidden = InlineKeyboardButton(
        t.gettext("Hidden until the close"), callback_data=encode(Kind.PROPOSE_TALLY, 1)
    )
    question = t.gettext(
        "Show the tally while voting is open, or only how many have voted until the close (so nobody follows the crowd)?"
    )
    if secret:  # the advised answer first
        question += "\n\n" + t.gettext(
            "For a secret ballot, hide it: a count that changes while people vote lets the group see what the person who just pressed chose."
        )
    markup = InlineKeyboardMarkup([[hidden, live] if secret else [live, hidden]])
    await edit_or_reply(update, question, markup)
    return TALLY


async def tally_picked(update: Update, context: WerkbotContext) -> int:
    """Live or hidden tally; then the subject, when the agreement distinguishes subjects."""
    t = context.t
    callback = await pressed(update, context, Kind.PROPOSE_TALLY)
    if callback is None:
        return TALLY
    current = FLOW.draft(context)
    current.hidden = callback.args[0] == "1"
    assert current.board is not None
    subjects = motions.agreement_of(current.board).subjects
    if not subjects:
        return await ask_meeting(update, context)
    rows = [
        [
            InlineKeyboardButton(
                subject.name.get(t.language), callback_data=encode(Kind.PROPOSE_SUBJECT, i + 1)
            )
        ]
        for i, subject in enumerate(subjects)
    ]
    rows.append(
        [
            InlineKeyboardButton(
                t.gettext("None of these"), callback_data=encode(Kind.PROPOSE_SUBJECT, 0)
            )
        ]
    )
    await edit_or_reply(update, texts.subject_question(t), InlineKeyboardMarkup(rows))
    return SUBJECT


async def subject_picked(update: Update, context: WerkbotContext) -> int:
    """The subject by its position in the agreement (0: none); then the meeting."""
    callback = await pressed(update, context, Kind.PROPOSE_SUBJECT)
    if callback is None:
        return SUBJECT
    current = FLOW.draft(context)
    assert current.board is not None
    subjects = motions.agreement_of(current.board).subjects
    position = callback.int_arg()
    if position > len(subjects):  # a forged or stale button: ask again
        return SUBJECT
    current.subject = subjects[position - 1].id if position else None
    return await ask_meeting(update, context)


async def ask_meeting(update: Update, context: WerkbotContext) -> int:
    """The meeting the proposal belongs to (if the board has any planned), else the summary."""
    t = context.t
    current = FLOW.draft(context)
    assert current.board is not None
    planned = await _meetings_before_deadline(context, current)
    if not planned:
        return await show_summary(update, context)
    rows = [
        [
            InlineKeyboardButton(
                capitalized(deadline_text(m.starts_at, t)),
                callback_data=encode(Kind.PROPOSE_MEETING, m.id),
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
    current = FLOW.draft(context)
    chosen = int(callback.args[0])
    planned = {m.id: m for m in await _meetings_before_deadline(context, current)}
    current.meeting = planned.get(chosen) if chosen else None
    return await show_summary(update, context)


async def _meetings_before_deadline(context: WerkbotContext, current: Draft) -> list[MeetingView]:
    """The board's planned meetings a proposal can belong to: those before its vote closes (a
    meeting after the deadline cannot give the decision its presence)."""
    assert current.board is not None
    return [
        m
        for m in await meetings.upcoming(context.db, context.me.id)
        if m.board.id == current.board.id
        and (current.deadline is None or m.starts_at <= current.deadline)
    ]


async def show_summary(update: Update, context: WerkbotContext) -> int:
    t = context.t
    current = FLOW.draft(context)
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
    meeting_at = current.meeting.starts_at if current.meeting is not None else None
    subject = (
        motions.agreement_of(current.board).subject(current.subject).name.get(t.language)
        if current.subject is not None
        else None
    )
    await edit_or_reply(
        update, texts.render_draft(summary, t, meeting_at=meeting_at, subject=subject), markup
    )
    return CONFIRM


async def put_to_board(
    update: Update, context: WerkbotContext, _choice: str, current: Draft, board: BoardRef
) -> int:
    """The press on Put to the board under the summary: the motion goes to the members."""
    t = context.t
    assert current.deadline is not None
    chat = update.effective_chat
    assert chat is not None
    try:
        motion = await motions.propose(
            context.db,
            board.id,
            context.me.id,
            current.title,
            current.body,
            current.deadline,
            secret=current.secret,
            tally_hidden=current.hidden,
            meeting_id=current.meeting.id if current.meeting else None,
            subject=current.subject,
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
    await edit_or_reply(update, texts.on_its_way(motion.id, t))
    await context.services.deliver()
    return END


async def typed_at_a_button(update: Update, context: WerkbotContext, state: int) -> int:
    """Text where a button is expected: a moment corrects the deadline (then the questions
    after it again, or the draft with the new deadline); anything else is told what to do."""
    t = context.t
    moment = reads_as_moment(update, context)
    if moment is None:
        await reply(update, texts.use_the_buttons(t))
        return state
    deadline = await moment_typed(update, context, texts.deadline_problem, moment)
    if deadline is None:
        return state
    current = FLOW.draft(context)
    current.deadline = deadline
    if current.meeting is not None and current.meeting.starts_at > deadline:
        current.meeting = None  # a vote that closes before its meeting belongs to none
    if state == CONFIRM:
        await reply(
            update,
            t.gettext("Deadline changed to {deadline}.").format(
                deadline=deadline_text(deadline, t)
            ),
        )
        return await show_summary(update, context)
    return await ask_kind(update, context)


def _typed_at(state: int) -> MessageHandler[Any, Any]:
    return MessageHandler(PRIVATE_TEXT, functools.partial(typed_at_a_button, state=state))


def conversation() -> ConversationHandler[Any]:
    return FLOW.handler(
        {TITLE: got_title, BODY: got_body, DEADLINE: got_deadline},
        {
            KIND: [CallbackQueryHandler(kind_picked, pattern=r"^pk\|"), _typed_at(KIND)],
            TALLY: [CallbackQueryHandler(tally_picked, pattern=r"^pt\|"), _typed_at(TALLY)],
            CONFIRM: [
                FLOW.confirmation(Kind.PROPOSE_CONFIRM, CONFIRM, put_to_board),
                _typed_at(CONFIRM),
            ],
            MEETING: [CallbackQueryHandler(meeting_picked, pattern=r"^pm\|"), _typed_at(MEETING)],
            SUBJECT: [CallbackQueryHandler(subject_picked, pattern=r"^pj\|"), _typed_at(SUBJECT)],
        },
    )
