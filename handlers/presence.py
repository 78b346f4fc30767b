"""/present (/aanwezig): the secretary marks who is present at a meeting, seat by seat."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from bot.services import boards, meetings
from bot.services.errors import ServiceError
from bot.texts.html import capitalized, esc
from bot.texts.motions import deadline_text
from bot.texts.refusals import render_refusal
from handlers import commands
from handlers.callbacks import Callback, Kind, encode
from handlers.context import WerkbotContext
from handlers.members import refused_outside_private
from handlers.replies import Answer, edit_or_reply, reply


async def start(update: Update, context: WerkbotContext) -> None:
    """The meeting running now or coming next (a button per meeting if several)."""
    t = context.t
    if await refused_outside_private(update, context, commands.PRESENT):
        return
    mine = await boards.boards_of(context.db, context.me.id, secretary=True)
    if not mine:
        await reply(update, t.gettext("Only the secretary of the board can do that."))
        return
    found = await meetings.around(context.db, [b.id for b in mine])
    if not found:
        await reply(update, t.gettext("No meetings are planned for your boards."))
    elif len(found) == 1:
        await _show(update, context, found[0].id)
    else:
        rows = [
            [
                InlineKeyboardButton(
                    capitalized(deadline_text(m.starts_at, t))[:60],
                    callback_data=encode(Kind.PRESENT_MEETING, m.id),
                )
            ]
            for m in found
        ]
        await reply(update, t.gettext("Which meeting?"), InlineKeyboardMarkup(rows))


async def meeting_chosen(update: Update, context: WerkbotContext, callback: Callback) -> Answer:
    await _show(update, context, callback.int_arg())
    return Answer()


async def toggled(update: Update, context: WerkbotContext, callback: Callback) -> Answer:
    t = context.t
    meeting_id, seat = callback.int_arg(0), callback.args[1]
    try:
        present = await meetings.toggle_present(context.db, meeting_id, seat, context.me.id)
    except ServiceError as refusal:
        return Answer(render_refusal(refusal, t)[:200], alert=True)
    await _show(update, context, meeting_id)
    return Answer(t.gettext("Noted: present.") if present else t.gettext("Noted: absent."))


async def _show(update: Update, context: WerkbotContext, meeting_id: int) -> None:
    """Each voting seat as a button: ✓ present, ✗ absent, ? not answered."""
    t = context.t
    try:
        meeting, answers = await meetings.attendance(context.db, meeting_id)
    except ServiceError as refusal:
        await edit_or_reply(update, render_refusal(refusal, t))
        return
    if not await boards.is_secretary(context.db, context.me.id, meeting.board.id):
        await edit_or_reply(update, t.gettext("Only the secretary of the board can do that."))
        return
    rows = []
    for answer in answers:
        if not answer.votes or answer.holder is None:
            continue
        mark = {True: "✓", False: "✗", None: "?"}[answer.present]
        who = answer.holder + (" (" + t.gettext("substitute") + ")" if answer.substitute else "")
        rows.append(
            [
                InlineKeyboardButton(
                    f"{mark} {answer.seat(t.language)}: {who}"[:60],
                    callback_data=encode(Kind.PRESENT_TOGGLE, meeting.id, answer.key),
                )
            ]
        )
    present = sum(1 for a in answers if a.votes and a.present)
    voting = sum(1 for a in answers if a.votes)
    text = "\n".join(
        [
            "<b>"
            + t.gettext("Presence at the meeting of {when}").format(
                when=deadline_text(meeting.starts_at, t)
            )
            + "</b>",
            esc(meeting.board.name),
            t.ngettext(
                "{present} of {total} voting seat present.",
                "{present} of {total} voting seats present.",
                voting,
            ).format(present=present, total=voting),
            t.gettext(
                "Press a seat to mark it present or absent. Proposals of this meeting count this presence at their close."
            ),
        ]
    )
    await edit_or_reply(update, text, InlineKeyboardMarkup(rows) if rows else None)
