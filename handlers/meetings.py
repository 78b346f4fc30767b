"""/meeting (/vergadering): schedule a board meeting, invite with a calendar file, answer, remind."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import (
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    MessageHandler,
)

from bot.db.engine import Database
from bot.db.models import utcnow
from bot.deadline import DeadlineProblem, parse_deadline
from bot.i18n import Translator, normalize_language, translator
from bot.services import boards, meetings, outbox, yearly
from bot.services.errors import ServiceError
from bot.services.meetings import MeetingView
from bot.services.views import BoardRef
from bot.texts.html import esc
from bot.texts.motions import deadline_text
from bot.texts.refusals import render_refusal
from bot.texts.report import report_pdf
from handlers import commands
from handlers.callbacks import Callback, Kind, decode, encode
from handlers.context import WerkbotContext
from handlers.dialog import PRIVATE_TEXT, dialog, pressed
from handlers.keyboards import boards_keyboard
from handlers.members import private, refused_outside_private
from handlers.replies import Answer, edit_or_reply, reply

log = logging.getLogger(__name__)
BOARD, WHEN, WHERE, AGENDA, MOVE_WHEN = range(5)
MAX_AGENDA = 4000  # Telegram caps a message at 4096; the invitation shortens it
END = ConversationHandler.END
DRAFT = "meeting_draft"
MOVING = "meeting_moving"
AGENDA_IN_CAPTION = 350  # + 300 for the place + the labels + a "moved" sentence < 1024


@dataclass
class Draft:
    board: BoardRef | None = None
    starts_at: datetime | None = None
    location: str = ""


def draft(context: WerkbotContext) -> Draft:
    assert context.user_data is not None
    found = context.user_data.get(DRAFT)
    if not isinstance(found, Draft):
        found = context.user_data[DRAFT] = Draft()
    return found


def render_meeting(meeting: MeetingView, t: Translator, *, invitation: bool = True) -> str:
    lines = [
        "<b>" + t.gettext("Meeting of the {board}").format(board=esc(meeting.board.name)) + "</b>",
        t.gettext("When: {when}").format(when=deadline_text(meeting.starts_at, t)),
        t.gettext("Where: {where}").format(where=esc(meeting.location)),
    ]
    if meeting.agenda:
        # a caption holds 1024 visible characters: keep the agenda well within that
        agenda = (
            meeting.agenda
            if len(meeting.agenda) <= AGENDA_IN_CAPTION
            else meeting.agenda[:AGENDA_IN_CAPTION] + "…"
        )
        lines += ["", t.gettext("Agenda:"), esc(agenda)]
    if invitation:
        lines += ["", t.gettext("Will you be there? The calendar file puts it in your agenda.")]
    return "\n".join(lines)


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


async def start(update: Update, context: WerkbotContext) -> int:
    t = context.t
    if not private(update):
        await reply(update, t.gettext("Send /meeting in a private chat with me."))
        return END
    mine = await boards.boards_of(context.db, context.me.id, secretary=True)
    if not mine:
        await reply(
            update,
            t.gettext(
                "Only the secretary of a board can schedule a meeting. Send /attendance to see who comes to the next one."
            ),
        )
        return END
    assert context.user_data is not None
    context.user_data[DRAFT] = Draft(board=mine[0] if len(mine) == 1 else None)
    if len(mine) > 1:
        await reply(
            update, t.gettext("For which board?"), boards_keyboard(mine, Kind.MEETING_BOARD)
        )
        return BOARD
    return await ask_when(update, context)


async def ask_when(update: Update, context: WerkbotContext) -> int:
    board = draft(context).board
    assert board is not None
    text = context.t.gettext(
        'New meeting of the {board}. When? For example "donderdag 14:00" or "2026-12-10 10:00". (Send /cancel to stop.)'
    )
    await edit_or_reply(update, text.format(board=esc(board.name)))
    return WHEN


async def board_picked(update: Update, context: WerkbotContext) -> int:
    callback = await pressed(update, context, Kind.MEETING_BOARD)
    mine = {b.id: b for b in await boards.boards_of(context.db, context.me.id, secretary=True)}
    if callback is None or callback.int_arg() not in mine:
        return BOARD
    draft(context).board = mine[callback.int_arg()]
    return await ask_when(update, context)


async def got_when(update: Update, context: WerkbotContext) -> int:
    t = context.t
    text = (update.effective_message.text or "") if update.effective_message else ""
    parsed = parse_deadline(text, utcnow(), context.settings.zone)
    if parsed.at is None or parsed.problem is DeadlineProblem.UNREADABLE:
        await reply(
            update,
            t.gettext(
                'I cannot read that as a date and time. Try for example "vrijdag 17:00" or "2026-12-04 17:00".'
            ),
        )
        return WHEN
    if parsed.problem is DeadlineProblem.PAST:
        text = t.gettext("{deadline} has already passed. Give a moment in the future.")
        await reply(update, text.format(deadline=deadline_text(parsed.at, t)))
        return WHEN
    if parsed.problem is not None:
        await reply(
            update,
            t.gettext("A meeting must lie in the future and within a year. Give another moment."),
        )
        return WHEN
    draft(context).starts_at = parsed.at
    await reply(
        update,
        t.gettext("{when}. Where? A place or a video link.").format(
            when=deadline_text(parsed.at, t)
        ),
    )
    return WHERE


async def got_where(update: Update, context: WerkbotContext) -> int:
    text = (update.effective_message.text or "").strip() if update.effective_message else ""
    if not text or len(text) > 300:
        await reply(
            update, context.t.gettext("A place or link has 1 to 300 characters. Try again.")
        )
        return WHERE
    draft(context).location = text
    await reply(update, context.t.gettext("The agenda? One item per line, or - for none."))
    return AGENDA


async def got_agenda(update: Update, context: WerkbotContext) -> int:
    t = context.t
    text = (update.effective_message.text or "").strip() if update.effective_message else ""
    if len(text) > MAX_AGENDA:
        await reply(
            update,
            t.gettext(
                "An agenda has at most {max} characters. Try again, or send - for none."
            ).format(max=MAX_AGENDA),
        )
        return AGENDA
    current = draft(context)
    assert context.user_data is not None
    context.user_data.pop(DRAFT, None)
    assert current.board is not None
    assert current.starts_at is not None
    try:
        meeting = await meetings.schedule(
            context.db,
            current.board.id,
            context.me.id,
            current.starts_at,
            current.location,
            "" if text == "-" else text,
        )
    except ServiceError as refusal:
        await reply(update, render_refusal(refusal, t))
        return END
    count = await invite_all(context.db, meeting, context.settings.default_language)
    await context.services.deliver()
    await reply(
        update,
        t.ngettext(
            "Meeting planned; {count} member is invited.",
            "Meeting planned; {count} members are invited.",
            count,
        ).format(count=count),
    )
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
    return Answer(t.gettext("Noted: present.") if present else t.gettext("Noted: absent."))


async def attendance(update: Update, context: WerkbotContext) -> None:
    """/attendance (/aanwezigheid): who comes to the next meeting(s) of my boards."""
    t = context.t
    if await refused_outside_private(update, context, commands.ATTENDANCE):
        return
    upcoming = await meetings.upcoming(context.db, context.me.id)
    if not upcoming:
        await reply(update, t.gettext("No meetings are planned for your boards."))
        return
    blocks = []
    for meeting in upcoming[:3]:
        _, answers = await meetings.attendance(context.db, meeting.id)
        lines = [
            "<b>"
            + t.gettext("Meeting of the {board}").format(board=esc(meeting.board.name))
            + "</b>",
            deadline_text(meeting.starts_at, t),
        ]
        for answer in answers:
            if answer.holder is None:
                continue
            state = (
                t.gettext("not answered")
                if answer.present is None
                else (t.gettext("present") if answer.present else t.gettext("absent"))
            )
            lines.append(f"{esc(answer.seat(t.language))} ({esc(answer.holder)}): {state}")
        blocks.append("\n".join(lines))
    await reply(update, "\n\n".join(blocks))


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
        text = t.gettext("Reminder: the {board} meets {when}. Place: {where}.").format(
            board=esc(meeting.board.name),
            when=deadline_text(meeting.starts_at, t),
            where=esc(meeting.location),
        )
        messages.append(
            outbox.Outgoing(
                f"meeting-reminder:{work_id}:{person.telegram_user_id}",
                person.telegram_user_id,
                text,
                rsvp_keyboard(meeting.id, t).to_dict(),
                person_id=person.id,
            )
        )
    return messages


def render_moved(meeting: MeetingView, t: Translator) -> str:
    return (
        t.gettext(
            "The meeting of the {board} has moved to {when}. The calendar file updates your agenda."
        ).format(board=esc(meeting.board.name), when=deadline_text(meeting.starts_at, t))
        + "\n\n"
        + render_meeting(meeting, t)
    )


def render_cancelled(meeting: MeetingView, t: Translator) -> str:
    return t.gettext(
        "The meeting of the {board} on {when} is cancelled. The calendar file removes it from your agenda."
    ).format(board=esc(meeting.board.name), when=deadline_text(meeting.starts_at, t))


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
    """Entry of the move conversation: ask for the new time."""
    query = update.callback_query
    assert query is not None
    callback = decode(query.data)
    if callback is None or callback.kind is not Kind.MEETING_ACTION:
        await query.answer(context.t.gettext("This button is no longer valid."), show_alert=True)
        return END
    await query.answer()
    assert context.user_data is not None
    context.user_data[MOVING] = callback.int_arg(0)
    await reply(
        update,
        context.t.gettext(
            'When is the meeting now? For example "donderdag 14:00" or "2026-12-10 10:00".'
        ),
    )
    return MOVE_WHEN


async def got_new_time(update: Update, context: WerkbotContext) -> int:
    t = context.t
    text = (update.effective_message.text or "") if update.effective_message else ""
    parsed = parse_deadline(text, utcnow(), context.settings.zone)
    if parsed.at is None or parsed.problem is DeadlineProblem.UNREADABLE:
        await reply(
            update,
            t.gettext(
                'I cannot read that as a date and time. Try for example "vrijdag 17:00" or "2026-12-04 17:00".'
            ),
        )
        return MOVE_WHEN
    if parsed.problem is not None:
        await reply(
            update,
            t.gettext("A meeting must lie in the future and within a year. Give another moment."),
        )
        return MOVE_WHEN
    assert context.user_data is not None
    meeting_id = int(context.user_data.pop(MOVING))
    try:
        meeting = await meetings.move(context.db, meeting_id, context.me.id, parsed.at)
    except ServiceError as refusal:
        await reply(update, render_refusal(refusal, t))
        return END
    await invite_all(context.db, meeting, context.settings.default_language, render_moved)
    await context.services.deliver()
    await reply(
        update,
        t.gettext("Moved to {when}; the members have been told.").format(
            when=deadline_text(meeting.starts_at, t)
        ),
    )
    return END


async def cancel(update: Update, context: WerkbotContext) -> int:
    if context.user_data is not None:
        context.user_data.pop(DRAFT, None)
    await reply(update, context.t.gettext("Cancelled. Nothing was sent."))
    return END


async def busy(update: Update, context: WerkbotContext) -> None:
    await reply(
        update,
        context.t.gettext(
            "You are planning a meeting. Answer the question above, or send /cancel to stop."
        ),
    )


def conversation() -> ConversationHandler[Any]:
    return dialog(
        "meeting",
        [
            CommandHandler(commands.MEETING.names, start),
            CallbackQueryHandler(move_pressed, pattern=r"^mm\|\d+\|move$"),
        ],
        {
            BOARD: [CallbackQueryHandler(board_picked, pattern=r"^mb\|")],
            WHEN: [MessageHandler(PRIVATE_TEXT, got_when)],
            WHERE: [MessageHandler(PRIVATE_TEXT, got_where)],
            AGENDA: [MessageHandler(PRIVATE_TEXT, got_agenda)],
            MOVE_WHEN: [MessageHandler(PRIVATE_TEXT, got_new_time)],
        },
        cancel=cancel,
        busy=busy,
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
        await reply(
            update,
            t.gettext("Give a year from 2000 to {year}, e.g. /report {example}.").format(
                year=this_year, example=this_year - 1
            ),
        )
        return
    chat = update.effective_chat
    assert chat is not None
    for board in mine:
        report = await yearly.year_report(context.db, board.id, year, t)
        content = report_pdf(report, t, utcnow())
        name = t.gettext("yearly-report") + f"-{year}-{board.id}.pdf"
        await context.bot.send_document(chat.id, InputFile(content, filename=name))
