"""The one sender: delivers what the outbox holds, one message at a time, each recorded as sent.

Everything the bot sends on its own initiative leaves here: ballots, tally edits, results,
reminders, meeting invitations, broadcasts, review reminders and clock warnings. Answers to a
person's own update go straight back from the handler. The retry policy is the outbox's
(:mod:`bot.services.outbox`); the pace is the application's rate limiter (about 29 messages a
second overall, Telegram's own 429 waited out).

On a running worker a background task sends (:class:`Sender`); a handler that put messages in
the outbox wakes it. Without one (the tests' harness, a CLI) they are sent at once.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import datetime, timedelta
from typing import Any

from telegram import InlineKeyboardMarkup, InputFile, Message
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import ExtBot

from bot import metrics
from bot.db.engine import Database
from bot.db.models import utcnow
from bot.services import outbox
from handlers.broadcast import queue_reports
from handlers.context import WerkbotApp
from handlers.replies import unchanged

log = logging.getLogger(__name__)


class Paused(Exception):
    """Telegram asked for a pause (a 429 after the rate limiter's own retries) or could not
    be reached: the rest waits until ``until``."""

    def __init__(self, until: datetime) -> None:
        super().__init__(until.isoformat())
        self.until = until


async def deliver(
    bot: ExtBot[Any],
    db: Database,
    worker: str,
    *,
    limit: int = 100_000,
    now: datetime | None = None,
    lock: asyncio.Lock | None = None,
    stopping: asyncio.Event | None = None,
    lease: timedelta = outbox.LEASE,
) -> int:
    """Send due messages until none is left (or ``limit``); return how many were sent.

    One message is claimed at a time: a worker has at most one in hand, so one that dies
    sends at most that one twice and delays no other (a claim older than ``lease`` is taken
    over). ``lock`` (the worker's, when not called from inside an update) is held for each
    send and its record. A 429 or a network failure ends this pass (the row waits).
    """
    sent = 0
    while sent < limit and not (stopping and stopping.is_set()):
        claimed = await outbox.claim(db, worker, limit=1, now=now, stale_after=lease)
        if not claimed:
            break
        try:
            sent += await _deliver_one(bot, db, claimed[0], lock)
        except Paused:
            break
    return sent


async def deliver_all(
    bot: ExtBot[Any],
    db: Database,
    worker: str,
    default_language: str,
    *,
    now: datetime | None = None,
    lock: asyncio.Lock | None = None,
    stopping: asyncio.Event | None = None,
    lease: timedelta = outbox.LEASE,
) -> int:
    """A pass of :func:`deliver`, then the report of each broadcast it finished, delivered."""
    options: dict[str, Any] = {"now": now, "lock": lock, "stopping": stopping, "lease": lease}
    sent = await deliver(bot, db, worker, **options)
    if await queue_reports(db, default_language):
        sent += await deliver(bot, db, worker, **options)
    return sent


async def _deliver_one(
    bot: ExtBot[Any], db: Database, item: outbox.Claimed, lock: asyncio.Lock | None
) -> int:
    try:
        async with lock or contextlib.nullcontext():
            sent_id = await _send(bot, item)
            # recorded before the lock goes to an update
            await outbox.settle(db, item.id, outbox.SENT, sent_id)
        return 1
    except Forbidden as exc:
        metrics.SEND_FAILURES.inc()
        log.info("outbox %s to chat %s not deliverable: %s", item.id, item.chat_id, exc.message)
        await outbox.settle(db, item.id, outbox.BLOCKED)
    except BadRequest as exc:
        if item.method == outbox.EDIT and unchanged(exc):
            await outbox.settle(db, item.id, outbox.SENT)
            return 0
        metrics.SEND_FAILURES.inc()
        log.info("outbox %s to chat %s refused: %s", item.id, item.chat_id, exc.message)
        await outbox.settle(db, item.id, outbox.FAILED)
    except RetryAfter as exc:
        wait = exc.retry_after
        seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
        until = utcnow() + timedelta(seconds=seconds)
        log.warning("Telegram asks for a pause of %.0f s; outbox %s waits", seconds, item.id)
        await outbox.release(db, item.id, until, attempt=False)
        raise Paused(until) from exc
    except (NetworkError, TelegramError) as exc:
        metrics.SEND_FAILURES.inc()
        if item.attempts >= outbox.MAX_ATTEMPTS:
            log.warning("outbox %s failed %d times (%s); given up", item.id, item.attempts, exc)
            await outbox.settle(db, item.id, outbox.FAILED)
            return 0
        until = utcnow() + outbox.backoff(item.attempts)
        log.warning("outbox %s not sent (%s); tried again from %s", item.id, exc, until)
        await outbox.release(db, item.id, until, attempt=True)
        raise Paused(until) from exc
    return 0


async def _send(bot: ExtBot[Any], item: outbox.Claimed) -> int | None:
    """Make the call the row asks for; the id of a new message."""
    markup = InlineKeyboardMarkup.de_json(item.markup, bot) if item.markup else None
    if item.method == outbox.EDIT:
        assert item.message_id is not None
        await bot.edit_message_text(
            item.text, chat_id=item.chat_id, message_id=item.message_id, reply_markup=markup
        )
        return item.message_id
    message: Message
    if item.method == outbox.DOCUMENT:
        message = await bot.send_document(
            item.chat_id,
            InputFile(item.document or b"", filename=item.filename or "document"),
            caption=item.text or None,
            reply_markup=markup,
        )
    else:
        message = await bot.send_message(item.chat_id, item.text, reply_markup=markup)
    return message.message_id


class Sender:
    """The worker's background sender: woken when the outbox has something, else every few
    seconds for rows that were put back until later (or left by a worker that stopped)."""

    def __init__(self, app: WerkbotApp, *, idle_seconds: float = 5.0) -> None:
        self.app = app
        self.idle_seconds = idle_seconds
        self.wake = asyncio.Event()
        self.running = False

    async def run(self, stopping: asyncio.Event) -> None:
        services = self.app.bot_data
        self.running = True
        try:
            while not stopping.is_set():
                self.wake.clear()
                try:
                    await deliver_all(
                        self.app.bot,
                        services.db,
                        services.worker,
                        services.config.default_language,
                        lock=services.sending,
                        stopping=stopping,
                        lease=timedelta(seconds=services.config.inbox_lease_seconds),
                    )
                    pause = await self._pause()
                except Exception as exc:
                    log.warning("outbox unavailable (%s); retrying", type(exc).__name__)
                    pause = self.idle_seconds
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._wake_or_stop(stopping), pause)
        finally:
            self.running = False

    async def _pause(self) -> float:
        due = await outbox.next_due(self.app.bot_data.db)
        if due is None:
            return self.idle_seconds
        return min(self.idle_seconds, max(0.05, (due - utcnow()).total_seconds()))

    async def _wake_or_stop(self, stopping: asyncio.Event) -> None:
        waiters = [asyncio.ensure_future(self.wake.wait()), asyncio.ensure_future(stopping.wait())]
        try:
            await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in waiters:
                waiter.cancel()


def attach(app: WerkbotApp) -> Sender:
    """Give the handlers their way to deliver what they put in the outbox: wake the worker's
    sender, or, when none runs, send at once."""
    sender = Sender(app)

    async def deliver_or_wake() -> None:
        if sender.running:
            sender.wake.set()
            return
        services = app.bot_data
        await deliver_all(app.bot, services.db, services.worker, services.config.default_language)

    app.bot_data.deliver = deliver_or_wake
    app.bot_data.sender = sender
    return sender
