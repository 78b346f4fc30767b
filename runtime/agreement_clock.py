"""The agreement's clock, checked every hour: warnings to the secretary, each once."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from telegram.ext import CallbackContext

from bot.db.engine import Database
from bot.db.models import utcnow
from bot.i18n import Translator, normalize_language, translator
from bot.services import agreement_clock, boards, outbox
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
    db: Database,
    default_language: str,
    deliver: Callable[[], Awaitable[None]],
    now: datetime | None = None,
) -> int:
    """Every due warning that was not sent before into the outbox, delivered; return how many
    warnings were due."""
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
        messages = []
        for person in readers:
            assert person.telegram_user_id is not None
            t = translator(normalize_language(person.language, default_language))
            messages.append(
                outbox.Outgoing(
                    f"clock:{warning.board.id}:{warning.key}:{person.telegram_user_id}",
                    person.telegram_user_id,
                    render_warning(warning, t),
                    person_id=person.id,
                )
            )
        await outbox.enqueue(db, messages)
        sent += 1
    await deliver()
    return sent


async def run_clock(context: CallbackContext[Any, Any, Any, Any]) -> None:
    services = context.bot_data
    await check_clock(services.db, services.config.default_language, services.deliver)
