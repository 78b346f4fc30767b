"""/followup N owner; date (/opvolging): the owner and review date of an adopted decision.

``/followup N done`` (``/opvolging N klaar``) closes it. On the review date the secretaries
get a reminder (scheduled work, claimed once across workers).
"""

from __future__ import annotations

from telegram import Update

from bot.db.engine import Database
from bot.db.models import utcnow
from bot.deadline import parse_day
from bot.i18n import translator
from bot.services import boards, followups, outbox
from bot.services.errors import ServiceError
from bot.texts.decisions import review_date
from bot.texts.html import esc
from bot.texts.refusals import render_refusal
from handlers.context import WerkbotContext
from handlers.replies import reply

DONE_WORDS = {"done", "klaar", "afgerond", "gedaan"}


async def follow_up(update: Update, context: WerkbotContext) -> None:
    t = context.t
    message = update.effective_message
    text = (message.text or "") if message else ""
    command, _, rest = text.partition(" ")
    number, _, details = rest.strip().partition(" ")
    usage = t.gettext(
        "Write: {command} N owner; review date, for example: {command} 12 Gemeente Doetinchem; 1 maart 2027. Close it with {command} 12 {done}."
    ).format(command=esc(command.split("@")[0] or "/followup"), done=t.gettext("done"))
    if not number.isdigit() or len(number) > 11:
        await reply(update, usage)
        return
    motion_id = int(number)
    try:
        if details.strip().lower() in DONE_WORDS:
            done = await followups.mark_done(context.db, motion_id, context.me.id)
            await reply(
                update,
                t.gettext("The follow-up of decision {number} is done.").format(
                    number=done.motion_id
                ),
            )
            return
        owner, _, when = details.rpartition(";")
        day = parse_day(when, utcnow(), context.settings.zone) if owner.strip() else None
        if day is None:
            await reply(update, usage)
            return
        saved = await followups.set_follow_up(
            context.db, motion_id, context.me.id, owner, day, context.settings.zone
        )
    except ServiceError as refusal:
        await reply(update, render_refusal(refusal, t))
        return
    await reply(
        update,
        t.gettext(
            "Decision {number}: follow-up by {owner}, review on {date}. The secretaries get a reminder that morning."
        ).format(
            number=saved.motion_id, owner=esc(saved.owner), date=review_date(saved.review_on, t)
        ),
    )


async def reminders(
    db: Database, work_id: int, motion_id: int, payload_on: object, default_language: str
) -> list[outbox.Outgoing]:
    """The review date has come: tell the board's secretaries (unless it was done or moved)."""
    due = await followups.due_review(db, motion_id, payload_on)
    if due is None:
        return []
    messages = []
    for secretary in await boards.secretaries_of(db, due.board_id):
        if secretary.telegram_user_id is None:
            continue
        t = translator(secretary.language)
        text = t.gettext(
            "Review today: decision {number} ({title}), follow-up by {owner}. When it is done, send /{command} {number} {done}."
        ).format(
            number=due.motion_id,
            title=esc(due.title),
            owner=esc(due.owner),
            command="opvolging" if t.language == "nl" else "followup",
            done=t.gettext("done"),
        )
        messages.append(
            outbox.Outgoing(
                f"review:{work_id}:{secretary.telegram_user_id}",
                secretary.telegram_user_id,
                text,
                person_id=secretary.id,
            )
        )
    return messages
