"""Long polling: the offset moves past a batch of updates only once the inbox stored it."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from telegram import Update
from telegram.error import NetworkError, RetryAfter, TelegramError

from bot import metrics
from bot.db.engine import is_database_error
from runtime.inbox_worker import InboxWorker, sleep_unless

log = logging.getLogger(__name__)


async def poll(worker: InboxWorker, stopping: asyncio.Event, *, long_poll: int = 50) -> None:
    """Ask Telegram for updates; the offset moves past a batch only once it is stored."""
    bot = worker.app.bot
    offset: int | None = None
    pause = 1.0
    while not stopping.is_set():
        try:
            updates = await bot.get_updates(
                offset=offset, timeout=long_poll, allowed_updates=Update.ALL_TYPES
            )
        except RetryAfter as exc:
            metrics.TELEGRAM_429.inc()
            await sleep_unless(stopping, _seconds(exc.retry_after))
            continue
        except (NetworkError, TelegramError) as exc:
            log.warning("getUpdates failed (%s); retrying in %.0f s", type(exc).__name__, pause)
            await sleep_unless(stopping, pause)
            pause = min(pause * 2, 60)
            continue
        pause = 1.0
        if not updates:
            continue
        while not stopping.is_set():
            try:
                await worker.receive([u.to_dict() for u in updates])
                break
            except Exception as exc:  # keep the offset: Telegram keeps them
                if not is_database_error(exc):
                    raise
                log.warning("could not store updates (%s); retrying", type(exc).__name__)
                await sleep_unless(stopping, pause)
                pause = min(pause * 2, 60)
        else:
            return
        offset = updates[-1].update_id + 1


def _seconds(value: object) -> float:
    if isinstance(value, timedelta):
        return value.total_seconds()
    return float(value)  # type: ignore[arg-type]
