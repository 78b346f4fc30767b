"""One worker process: updates in (webhook or long polling) through the inbox, the inbox
processed, the outbox sent, and the JobQueue's scheduled work; a clean stop.

python-telegram-bot acknowledges an update when it *queues* it, so a crash would lose the queue
and Telegram never sends it again. Here every update is written to the inbox first
(:mod:`runtime.inbox_worker`, :mod:`runtime.webhook`, :mod:`runtime.polling`).
"""

from __future__ import annotations

import asyncio
import logging

import tornado.httpserver
from telegram import Update
from telegram.error import NetworkError

from handlers.context import WerkbotApp
from runtime import scheduler
from runtime.inbox_worker import InboxWorker, sleep_unless
from runtime.operations import operations_server
from runtime.polling import poll
from runtime.webhook import Webhook, webhook_server

log = logging.getLogger(__name__)


async def serve(
    app: WerkbotApp,
    stopping: asyncio.Event,
    *,
    webhook: Webhook | None = None,
    operations_port: int | None = None,
    operations_listen: str = "127.0.0.1",
) -> None:
    """Run one worker until ``stopping`` is set: updates in (webhook or long polling) through
    the inbox, the inbox processed, and the scheduled work of the JobQueue."""
    await start_telegram(app, stopping)
    if stopping.is_set():
        return
    if app.post_init is not None:
        await app.post_init(app)
    worker = InboxWorker(app)
    await app.start()
    servers: list[tornado.httpserver.HTTPServer] = []
    tasks = [asyncio.create_task(worker.run(stopping), name="inbox")]
    if app.bot_data.sender is not None:  # the one sender, woken by what the handlers queue
        tasks.append(asyncio.create_task(app.bot_data.sender.run(stopping), name="sender"))
    try:
        if operations_port is not None:
            operations = operations_server(worker)
            operations.listen(operations_port, operations_listen)
            servers.append(operations)
        if webhook is not None:
            server = webhook_server(worker, path=webhook.path, secret=webhook.secret)
            server.listen(webhook.port, webhook.listen)
            servers.append(server)
            # never drop pending updates: what Telegram holds for us is still to be done
            await app.bot.set_webhook(
                webhook.url,
                secret_token=webhook.secret,
                allowed_updates=Update.ALL_TYPES,
                drop_pending_updates=False,
            )
            log.info(
                "webhook worker %s listening on %s:%d", worker.name, webhook.listen, webhook.port
            )
        else:
            await app.bot.delete_webhook(drop_pending_updates=False)
            tasks.append(asyncio.create_task(poll(worker, stopping), name="poll"))
            log.info("polling worker %s started", worker.name)
        await stopping.wait()
    finally:
        stopping.set()
        for server in servers:
            server.stop()
        for task in tasks:
            if task.get_name() == "poll":
                task.cancel()  # a long poll in flight: its updates are not acknowledged
        await asyncio.gather(*tasks, return_exceptions=True)
        await wind_down(app)


#: The first and the longest pause between two tries to reach Telegram at start.
FIRST_START_PAUSE, MAX_START_PAUSE = 1.0, 60.0


async def start_telegram(app: WerkbotApp, stopping: asyncio.Event) -> None:
    """``app.initialize()`` (getMe), tried again while Telegram cannot be reached (1, 2, 4 … 60
    s), until it answers or ``stopping`` is set. A refused token (InvalidToken) is not retried. Each retry is
    logged by the error's type only: the error's text may hold the URL, which holds the token."""
    pause = FIRST_START_PAUSE
    while True:
        try:
            await app.initialize()
            return
        except NetworkError as exc:  # TimedOut too
            log.warning("Telegram unreachable (%s); retrying in %.0f s", type(exc).__name__, pause)
        await sleep_unless(stopping, pause)
        if stopping.is_set():
            return
        pause = min(pause * 2, MAX_START_PAUSE)


async def wind_down(app: WerkbotApp) -> None:
    """Stop a started worker whose updates are done: the tally edits it planned are made, its
    JobQueue stops, its database closes."""
    await scheduler.flush_tallies(app)
    await app.stop()
    if app.post_shutdown is not None:
        await app.post_shutdown(app)
    await app.shutdown()
