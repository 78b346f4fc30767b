"""/meeting (/vergadering): schedule a board meeting, invite with a calendar file, answer, remind."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import CallbackQueryHandler, ConversationHandler

from bot.db.engine import Database
from bot.db.models import utcnow
from bot.i18n import Translator, normalize_language, translator
from bot.services import boards, meetings, outbox, yearly
from bot.services.errors import ServiceError
from bot.services.meetings import MeetingView
from bot.services.views import BoardRef
from bot.texts import meetings as texts
from bot.texts.html import telegram_length
from bot.texts.meetings import render_cancelled, render_meeting, render_moved
from bot.texts.refusals import render_refusal
from bot.texts.report import report_pdf
from handlers import button_access, commands
from handlers.callbacks import Callback, Kind, decode, encode
from handlers.context import WerkbotContext
from handlers.dialog import (
    END,
    FIRST,
    BoardFirst,
    moment_typed,
    pressed,
    secretary_boards,
    typed,
)
from handlers.members import private, refused_outside_private
from handlers.replies import Answer, edit_or_reply, reply

log = logging.getLogger(__name__)
WHEN, WHERE, AGENDA, MOVE_WHEN, CONFIRM = range(FIRST, FIRST + 5)
MAX_AGENDA = 4000  # Telegram caps a message at 4096; the invitation shortens it
DRAFT = "meeting_draft"
MOVING = "meeting_moving"


@dataclass
class Draft:
    board: BoardRef | None = None
    starts_at: datetime | None = None
    location: str = ""
    agenda: str = ""


FLOW = BoardFirst(
    commands.MEETING, Kind.MEETING_BOARD, DRAFT, Draft, secretary_boards, texts.DIALOG
)


def rsvp_keyboard(meeting_id: int, t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.gettext("Present"), callback_data=encode(Kind.RSVP, meeting_id, 1)
                ),
                InlineKeyboardButton(
                    t.gettext("Absent"), callback_data=encode(Kind.RSVP, meeting_id, 0)
                ),
            ]
        ]
    )


async def got_when(update: Update, context: WerkbotContext) -> int:
    when = await moment_typed(update, context, texts.time_problem)
    if when is None:
        return WHEN
    FLOW.draft(context).starts_at = when
    await reply(update, texts.where_question(when, context.t))
    return WHERE


async def got_where(update: Update, context: WerkbotContext) -> int:
    text = typed(update)
    if not text or telegram_length(text) > 300:
        await reply(
            update, context.t.gettext("A place or link has 1 to 300 characters. Try again.")
        )
        return WHERE
    FLOW.draft(context).location = text
    await reply(update, context.t.gettext("The agenda? One item per line, or - for none."))
    return AGENDA


async def got_agenda(update: Update, context: WerkbotContext) -> int:
    """The agenda; then the invitation as the members will read it, to send or cancel."""
    t = context.t
    text = typed(update)
    if telegram_length(text) > MAX_AGENDA:
        await reply(update, texts.agenda_length(MAX_AGENDA, t))
        return AGENDA
    current = FLOW.draft(context)
    current.agenda = "" if text == "-" else text
    assert current.board is not None
    assert current.starts_at is not None
    holders = await boards.holders_of_board(context.db, current.board.id)
    invited = sum(1 for person in holders if person.telegram_user_id is not None)
    buttons = [
        InlineKeyboardButton(
            t.gettext("Send the invitations"), callback_data=encode(Kind.MEETING_CONFIRM, "ok")
        ),
        InlineKeyboardButton(t.gettext("Cancel"), callback_data=encode(Kind.MEETING_CONFIRM, "no")),
    ]
    preview = texts.confirm_meeting(
        current.board.name, current.starts_at, current.location, current.agenda, invited, t
    )
    await reply(update, preview, InlineKeyboardMarkup([buttons]))
    return CONFIRM


async def send_invitations(
    update: Update, context: WerkbotContext, choice: str, current: Draft, board: BoardRef
) -> int:
    """The press on "Send the invitations": the meeting planned, everyone invited."""
    t = context.t
    assert current.starts_at is not None
    try:
        meeting = await meetings.schedule(
            context.db, board.id, context.me.id, current.starts_at, current.location, current.agenda
        )
    except ServiceError as refusal:
        await edit_or_reply(update, render_refusal(refusal, t))
        return END
    count = await invite_all(context.db, meeting, context.settings.default_language)
    await context.services.deliver()
    await edit_or_reply(update, texts.planned(count, t))
    return END


async def invite_all(
    db: Database,
    meeting: MeetingView,
    default_language: str,
    caption: Callable[[MeetingView, Translator], str] | None = None,
) -> int:
    """The calendar file with a caption (the invitation by default) to every seat holder,
    through the outbox (once per change of the meeting); the caller delivers. Returns how many
    members are invited."""
    caption = caption or render_meeting
    calendar = meetings.calendar_file(meeting)
    messages = []
    for person in await boards.holders_of_board(db, meeting.board.id):
        if person.telegram_user_id is None:
            continue
        t = translator(normalize_language(person.language, default_language))
        markup = rsvp_keyboard(meeting.id, t) if meeting.status == "planned" else None
        messages.append(
            outbox.Outgoing(
                f"meeting:{meeting.id}:{meeting.sequence}:{person.telegram_user_id}",
                person.telegram_user_id,
                caption(meeting, t),
                markup.to_dict() if markup else None,
                person_id=person.id,
                method=outbox.DOCUMENT,
                document=calendar,
                filename=f"vergadering-{meeting.id}.ics",
            )
        )
    await outbox.enqueue(db, messages)
    return len(messages)


async def rsvp_pressed(update: Update, context: WerkbotContext, callback: Callback) -> Answer:
    t = context.t
    present = callback.args[1] == "1"
    try:
        await meetings.answer(context.db, callback.int_arg(0), context.me.id, present)
    except ServiceError as refusal:
        return Answer(render_refusal(refusal, t)[:200], alert=True)
    return Answer(texts.noted(present, t))


async def attendance(update: Update, context: WerkbotContext) -> None:
    """/attendance (/aanwezigheid): who comes to the next meeting(s) of my boards."""
    t = context.t
    if await refused_outside_private(update, context, commands.ATTENDANCE):
        return
    upcoming = await meetings.upcoming(context.db, context.me.id)
    if not upcoming:
        await reply(update, t.gettext("No meetings are planned for your boards."))
        return
    answered = []
    for meeting in upcoming[:3]:
        _, answers = await meetings.attendance(context.db, meeting.id)
        answered.append((meeting, answers))
    await reply(update, texts.render_attendance(answered, t))


async def reminders(
    db: Database, work_id: int, meeting_id: int, default_language: str
) -> list[outbox.Outgoing]:
    """A reminder for every seat holder (none for a cancelled or past meeting)."""
    meeting = await meetings.view(db, meeting_id)
    if meeting.status != "planned" or meeting.starts_at <= utcnow():
        return []
    messages = []
    for person in await boards.holders_of_board(db, meeting.board.id):
        if person.telegram_user_id is None:
            continue
        t = translator(normalize_language(person.language, default_language))
        messages.append(
            outbox.Outgoing(
                f"meeting-reminder:{work_id}:{person.telegram_user_id}",
                person.telegram_user_id,
                texts.render_reminder(meeting, t),
                rsvp_keyboard(meeting.id, t).to_dict(),
                person_id=person.id,
            )
        )
    return messages


async def list_meetings(update: Update, context: WerkbotContext) -> None:
    """/meetings (/vergaderingen): upcoming meetings; the secretary can move or cancel them."""
    t = context.t
    if await refused_outside_private(update, context, commands.MEETINGS):
        return
    upcoming = await meetings.upcoming(context.db, context.me.id)
    if not upcoming:
        await reply(update, t.gettext("No meetings are planned for your boards."))
        return
    mine = {b.id for b in await boards.boards_of(context.db, context.me.id, secretary=True)}
    for meeting in upcoming[:5]:
        markup = None
        if meeting.board.id in mine and private(update):
            markup = InlineKeyboardMarkup(
                [
                    [
                        InlineKeyboardButton(
                            t.gettext("Move"),
                            callback_data=encode(Kind.MEETING_ACTION, meeting.id, "move"),
                        ),
                        InlineKeyboardButton(
                            t.gettext("Cancel the meeting"),
                            callback_data=encode(Kind.MEETING_ACTION, meeting.id, "cancel"),
                        ),
                    ]
                ]
            )
        await reply(update, render_meeting(meeting, t, invitation=False), markup)


async def cancel_pressed(
    update: Update, context: WerkbotContext, callback: Callback
) -> Answer | None:
    t = context.t
    if callback.args[1] != "cancel":  # a "move" press while another conversation step is open
        return Answer(
            t.gettext("Finish or /cancel what you are doing first, then press Move again."),
            alert=True,
        )
    try:
        meeting = await meetings.cancel(context.db, callback.int_arg(0), context.me.id)
    except ServiceError as refusal:
        return Answer(render_refusal(refusal, t)[:200], alert=True)
    await invite_all(context.db, meeting, context.settings.default_language, render_cancelled)
    await context.services.deliver()
    await edit_or_reply(update, t.gettext("Cancelled; the members have been told."))
    return None


async def move_pressed(update: Update, context: WerkbotContext) -> int:
    """Entry of the move conversation: ask for the new time (the meeting's secretary only: the
    button's data may come from anyone)."""
    query = update.callback_query
    forged = decode(query.data) if query is not None else None
    if forged is not None and await button_access.check(update, context, forged) is not None:
        forged = None
    callback = await pressed(update, context, Kind.MEETING_ACTION, lambda _: forged is not None)
    if callback is None:
        return END
    assert context.user_data is not None
    context.user_data[MOVING] = callback.int_arg(0)
    await reply(update, texts.new_time_question(context.t))
    return MOVE_WHEN


async def got_new_time(update: Update, context: WerkbotContext) -> int:
    t = context.t
    when = await moment_typed(update, context, functools.partial(texts.time_problem, moving=True))
    if when is None:
        return MOVE_WHEN
    assert context.user_data is not None
    meeting_id = int(context.user_data.pop(MOVING))
    try:
        meeting = await meetings.move(context.db, meeting_id, context.me.id, when)
    except ServiceError as refusal:
        await reply(update, render_refusal(refusal, t))
        return END
    await invite_all(context.db, meeting, context.settings.default_language, render_moved)
    await context.services.deliver()
    await reply(update, texts.moved(meeting, t))
    return END


def conversation() -> ConversationHandler[Any]:
    return FLOW.handler(
        {WHEN: got_when, WHERE: got_where, AGENDA: got_agenda, MOVE_WHEN: got_new_time},
        {CONFIRM: [FLOW.confirmation(Kind.MEETING_CONFIRM, CONFIRM, send_invitations)]},
        entry_points=[CallbackQueryHandler(move_pressed, pattern=r"^mm\|\d+\|move$")],
        allow_reentry=True,
    )


async def yearly_report(update: Update, context: WerkbotContext) -> None:
    """/report YEAR (/jaarverslag YEAR): the draft yearly report as a PDF (secretary)."""
    t = context.t
    if await refused_outside_private(update, context, commands.REPORT):
        return
    mine = await boards.boards_of(context.db, context.me.id, secretary=True)
    if not mine:
        await reply(update, t.gettext("Only the secretary of a board can make the yearly report."))
        return
    args = context.args or []
    this_year = utcnow().year
    year = int(args[0]) if args and args[0].isdigit() and len(args[0]) == 4 else this_year - 1
    if not 2000 <= year <= this_year:
        await reply(update, texts.year_range(this_year, t))
        return
    chat = update.effective_chat
    assert chat is not None
    for board in mine:
        report = await yearly.year_report(context.db, board.id, year, t)
        content = report_pdf(report, t, utcnow())
        name = texts.report_filename(year, board.id, t)
        await context.bot.send_document(chat.id, InputFile(content, filename=name))
