"""The agreement's clock, checked every hour: warnings to the secretary, each once."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from telegram.error import TelegramError
from telegram.ext import CallbackContext, ExtBot

from bot.db.engine import Database
from bot.db.models import utcnow
from bot.i18n import Translator, normalize_language, translator
from bot.services import agreement_clock, boards
from bot.services.agreement_clock import Warning
from bot.texts import clock
from bot.texts.agreement import long_date
from bot.texts.html import esc

log = logging.getLogger(__name__)


def render_warning(warning: Warning, t: Translator) -> str:
    board = esc(warning.board.name)
    due = long_date(warning.due, t)
    if warning.kind == "rhythm":
        start = long_date(warning.starts or warning.due, t)
        return t.ngettext(
            "{board}: the agreement asks for at least {required} meeting between {start} and {end}; planned so far: {held}.",
            "{board}: the agreement asks for at least {required} meetings between {start} and {end}; planned so far: {held}.",
            warning.required,
        ).format(board=board, required=warning.required, start=start, end=due, held=warning.held)
    texts = {
        "report": t.gettext(
            "{board}: the yearly report is due on {due}. Send /decisions for the decision list."
        ),
        "evaluation": t.gettext("{board}: the agreement is to be evaluated from {due}."),
        "expiry": t.gettext("{board}: the agreement ends on {due}."),
    }
    return texts[warning.kind].format(board=board, due=due)


async def check_clock(
    bot: ExtBot[Any], db: Database, default_language: str, now: datetime | None = None
) -> int:
    """Send every due warning that was not sent before; return how many were sent."""
    now = now or utcnow()
    sent = 0
    for warning in await agreement_clock.due_warnings(db, now.astimezone(clock.zone()).date()):
        readers = [
            p for p in await boards.secretaries_of(db, warning.board.id) if p.telegram_user_id
        ]
        if not readers:
            continue  # nobody to tell yet: try again next time, when a secretary may be seated
        if not await agreement_clock.claim(db, warning, now):
            continue
        for person in readers:
            assert person.telegram_user_id is not None
            t = translator(normalize_language(person.language, default_language))
            try:
                await bot.send_message(person.telegram_user_id, render_warning(warning, t))
            except TelegramError as exc:
                log.warning("clock warning %s not delivered: %s", warning.key, exc.message)
        sent += 1
    return sent


async def run_clock(context: CallbackContext[Any, Any, Any, Any]) -> None:
    await check_clock(context.bot, context.bot_data.db, context.bot_data.config.default_language)
