"""Sending what the outbox holds: one message at a time, each recorded as it goes."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime
from typing import Any

from telegram import InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, TelegramError
from telegram.ext import ExtBot

from bot import metrics
from bot.db.engine import Database
from bot.services import outbox

log = logging.getLogger(__name__)


async def deliver(
    bot: ExtBot[Any],
    db: Database,
    worker: str,
    *,
    limit: int = 1000,
    now: datetime | None = None,
    lock: asyncio.Lock | None = None,
) -> int:
    """Send pending messages until none is left (or ``limit``); return how many were sent.

    ``lock`` (the worker's, when not called from inside an update) is held for each send and
    its record.
    A chat that blocked the bot or a message Telegram refuses is recorded as failed; a network
    failure gives the message back for a later try (given up after a few).
    """
    sent = 0
    while sent < limit:
        batch = await outbox.claim(db, worker, limit=min(10, limit - sent), now=now)
        if not batch:
            break
        for item in batch:
            markup = InlineKeyboardMarkup.de_json(item.markup, bot) if item.markup else None
            try:
                async with lock or contextlib.nullcontext():
                    await bot.send_message(item.chat_id, item.text, reply_markup=markup)
                    # recorded before the lock goes to an update: a worker killed at any moment
                    # has at most one message sent and not yet recorded
                    await outbox.settle(db, item.id, outbox.SENT)
            except (Forbidden, BadRequest) as exc:
                metrics.SEND_FAILURES.inc()
                log.info("message %s to chat %s refused: %s", item.id, item.chat_id, exc.message)
                await outbox.settle(db, item.id, outbox.FAILED)
                continue
            except TelegramError as exc:
                metrics.SEND_FAILURES.inc()
                log.warning("message %s not sent (%s); will retry", item.id, exc.message)
                if item.attempts >= outbox.MAX_ATTEMPTS:
                    await outbox.settle(db, item.id, outbox.FAILED)
                else:
                    await outbox.release(db, item.id)
                return sent
            sent += 1
    return sent
