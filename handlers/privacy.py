"""/privacy, /mydata and /forgetme: what is stored, a copy of it, and its erasure (AVG/GDPR)."""

from __future__ import annotations

import json
import logging
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, InputFile, Update
from telegram.ext import CallbackContext

from bot.i18n import Translator
from bot.services import privacy
from bot.services.privacy import Erasure
from handlers.callbacks import Callback, Kind, encode
from handlers.commands import FORGET_ME, MY_DATA
from handlers.context import WerkbotContext
from handlers.members import refused_outside_private
from handlers.replies import Answer, edit_or_reply, reply

log = logging.getLogger(__name__)


def render_privacy(t: Translator, retention_days: int) -> str:
    """What is stored, why, for how long, who sees it, and how to get or erase it."""
    commands = {
        "mydata": "/" + MY_DATA.shown_name(t.language),
        "forgetme": "/" + FORGET_ME.shown_name(t.language),
    }
    paragraphs = [
        t.gettext("<b>Privacy: what I store about you</b>"),
        t.gettext(
            "<b>What.</b> Your name, username and Telegram user id; the language you chose; the "
            "seats you hold and held; your ballots (a secret ballot is never shown with your "
            "name); your answers to meeting invitations and your attendance; the invites you "
            "created; substitutions; the draft of a conversation, deleted within a day; the "
            "numbers of the Telegram updates I processed; and the audit log, which holds ids "
            "only, never names."
        ),
        t.gettext(
            "<b>Why.</b> To run the board's decisions as the cooperation agreement sets them "
            "out: who holds which seat, who may vote, and a decision list anyone on the board "
            "can check."
        ),
        t.ngettext(
            "<b>How long.</b> As long as you hold a seat. Invites and the records of processed "
            "updates are deleted after {days} day. Closed decisions stay in the board's records.",
            "<b>How long.</b> As long as you hold a seat. Invites and the records of processed "
            "updates are deleted after {days} days. Closed decisions stay in the board's records.",
            retention_days,
        ).format(days=retention_days),
        t.gettext(
            "<b>Who sees it.</b> The members of your board see the names and the named ballots "
            "on that board; the secretary keeps the decision list. A secret ballot is never "
            "shown with a name, not even to the secretary."
        ),
        t.gettext(
            "<b>Your rights.</b> {mydata} sends you everything I store about you as a file. "
            "{forgetme} erases your personal data: closed decisions and their counts stay, "
            "without your name."
        ).format(**commands),
    ]
    return "\n\n".join(paragraphs)


async def show_privacy(update: Update, context: WerkbotContext) -> None:
    await reply(update, render_privacy(context.t, context.settings.retention_days))


async def my_data(update: Update, context: WerkbotContext) -> None:
    """Everything stored about the person, as a JSON file (in a private chat only)."""
    if await refused_outside_private(update, context, MY_DATA):
        return
    t = context.t
    data = await privacy.export(context.db, context.me.id)
    content = json.dumps(data, indent=2, ensure_ascii=False).encode()
    chat = update.effective_chat
    assert chat is not None
    await context.bot.send_document(
        chat.id,
        InputFile(content, filename=t.gettext("werkbot-my-data.json")),
        caption=t.gettext("Everything I store about you."),
    )


def _confirm_keyboard(person_id: int, t: Translator) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    t.gettext("Yes, erase"), callback_data=encode(Kind.FORGET_ME, person_id, "ok")
                ),
                InlineKeyboardButton(
                    t.gettext("No"), callback_data=encode(Kind.FORGET_ME, person_id, "no")
                ),
            ]
        ]
    )


async def forget_me(update: Update, context: WerkbotContext) -> None:
    """Ask before erasing (in a private chat only)."""
    if await refused_outside_private(update, context, FORGET_ME):
        return
    t = context.t
    question = "\n\n".join(
        [
            t.gettext("<b>Erase your data?</b>"),
            t.gettext(
                "I will erase your name, username, Telegram id and language, end your seats "
                "(they become vacant), withdraw the open invites you created, and remove your "
                "answers to meetings to come, the substitutions you hold for what is still to "
                "come, and your conversation drafts."
            ),
            t.gettext(
                "Closed decisions and how each seat voted stay in the board's records, without "
                "your name, so the results can still be checked. This cannot be undone."
            ),
        ]
    )
    await reply(update, question, _confirm_keyboard(context.me.id, t))


def render_erasure(erasure: Erasure, t: Translator) -> str:
    if erasure.already_erased:
        return t.gettext("There was nothing left to erase.")
    counts = t.gettext(
        "Seats now vacant: {seats}. Invites withdrawn: {invites}. Meeting answers removed: "
        "{rsvps}. Substitutions withdrawn: {substitutions}."
    ).format(
        seats=erasure.seats_vacated,
        invites=erasure.invites_removed,
        rsvps=erasure.rsvps_removed,
        substitutions=erasure.substitutions_revoked,
    )
    kept = t.gettext(
        "Kept, without your name: the ballots you cast ({ballots}), which stay with their "
        "seat so closed decisions keep their counts, and the audit log, which holds ids only."
    ).format(ballots=erasure.ballots_kept)
    return "\n\n".join(
        [
            t.gettext("<b>Your data has been erased.</b>"),
            t.gettext("Erased: your name, username, Telegram id and language."),
            counts,
            kept,
            t.gettext("If you write to me again, I will not know you: you start anew."),
        ]
    )


async def forget_pressed(
    update: Update, context: WerkbotContext, callback: Callback
) -> Answer | None:
    """Yes erases, no leaves everything as it was; the button router lets only the person the
    button names press it (someone else's button changes nothing)."""
    t = context.t
    if callback.args[1] != "ok":
        await edit_or_reply(update, t.gettext("Nothing was erased."))
        return None
    erasure = await privacy.forget(context.db, context.me.id)
    telegram_user_id = erasure.telegram_user_id or context.me.telegram_user_id
    if telegram_user_id is not None:
        context.services.people.forget(telegram_user_id)
    await edit_or_reply(update, render_erasure(erasure, t))
    return None


async def prune_job(context: CallbackContext[Any, Any, Any, Any]) -> None:
    """The retention setting applied: what is kept only to run the bot goes when it is old."""
    services = context.bot_data
    try:
        counts = await privacy.prune(services.db, older_than_days=services.config.retention_days)
    except Exception:
        log.exception("pruning old records failed; the next run tries again")
        return
    log.info("pruned old records: %s", counts)
