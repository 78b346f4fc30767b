"""The due-work scheduler: deadlines, reminders, reviews, and what a stopped worker left unsent.

Each kind of due work is a row claimed atomically, so exactly one worker does it.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import datetime, timedelta
from typing import Any

from telegram.ext import CallbackContext, ExtBot

from bot.db.engine import Database
from bot.db.models import utcnow
from bot.services import followups, meetings, motions, outbox
from handlers import followup as follow_up_handlers
from handlers import meetings as meeting_handlers
from handlers import reminders, voting
from handlers.context import WerkbotApp
from runtime import sender

log = logging.getLogger(__name__)


async def run_due_work(context: CallbackContext[Any, Any, Any, Any]) -> None:
    """JobQueue tick: claim due closes and reminders (each exactly once across workers); what
    they put in the outbox goes out through the worker's sender."""
    sender = context.bot_data.sender
    background = sender is not None and sender.running
    await process_due_work(
        context.bot,
        context.bot_data.db,
        context.bot_data.config.default_language,
        context.bot_data.worker,
        lock=context.bot_data.sending,
        send=not background,
    )
    if background:
        sender.wake.set()


async def process_due_work(
    bot: ExtBot[Any],
    db: Database,
    default_language: str,
    worker: str,
    now: datetime | None = None,
    lock: asyncio.Lock | None = None,
    *,
    send: bool = True,
) -> int:
    """Claim and do due closes and reminders; then send results a stopped worker left unsent.

    One failing item is logged and left claimed (another tick retries it after the claim goes
    stale); it does not hold up the others.
    """
    now = now or utcnow()
    done = 0
    claimed = await motions.claim_due(db, worker, now)
    # A worker that was down may find several reminders of one motion due: send the latest only.
    latest = {
        w.motion_id: w.id
        for w in sorted(claimed, key=lambda w: w.due_at)
        if w.kind == motions.REMINDER
    }
    for work in claimed:
        try:
            # reminders go into the outbox, keyed by the work: a retried claim stores nothing new
            messages: list[outbox.Outgoing] = []
            if work.kind == meetings.REMINDER and work.meeting_id is not None:
                messages = await meeting_handlers.reminders(
                    db, work.id, work.meeting_id, default_language
                )
            elif work.motion_id is None:
                pass
            elif work.kind == followups.REVIEW:
                messages = await follow_up_handlers.reminders(
                    db, work.id, work.motion_id, work.payload.get("on"), default_language
                )
            elif work.kind == motions.CLOSE:
                await motions.close(db, work.motion_id, now=now)
                await voting.announce_result(bot, db, work.motion_id, default_language, worker)
            elif work.kind == motions.REMINDER and latest[work.motion_id] == work.id:
                messages = await reminders.vote_reminders(
                    db, work.id, work.motion_id, default_language, now
                )
            await outbox.enqueue(db, messages)
            await motions.finish(db, work.id, now)
            done += 1
        except Exception:
            log.exception(
                "scheduled %s for motion %s failed; it will be retried", work.kind, work.motion_id
            )
    for motion_id in await motions.unannounced(db):
        await voting.announce_result(bot, db, motion_id, default_language, worker)
    if send:  # reminders, results, and what a stopped worker left
        await sender.deliver_all(bot, db, worker, default_language, now=now, lock=lock)
    return done


# ---- a stopping worker's planned tally edits ----------------------------------------------


async def flush_tallies(app: WerkbotApp) -> None:
    """Before a worker stops: every tally edit it has planned is made now, none is dropped or
    cut off half-way by the JobQueue's shutdown, and each still waits for its interval.

    The scheduler is paused first, so nothing new starts while the edits are made; the JobQueue's
    own stop then waits for the edits already running.
    """
    queue = app.job_queue
    if queue is not None and queue.scheduler.running:
        queue.scheduler.pause()
        for job in queue.jobs(r"^tally-"):
            job.schedule_removal()
    throttle = app.bot_data.tally
    planned, throttle.pending = sorted(throttle.pending), set()
    await asyncio.gather(*(_last_edit(app, motion_id) for motion_id in planned))


async def _last_edit(app: WerkbotApp, motion_id: int) -> None:
    services = app.bot_data
    interval = timedelta(seconds=services.config.tally_edit_seconds)
    try:
        # Two tries: a claim lost after waiting means another worker edited the tally after
        # this one stopped taking updates, so that edit shows all of this worker's presses.
        for _ in range(2):
            wait = await motions.claim_tally_edit(services.db, motion_id, interval)
            if wait == 0:
                await voting.refresh_tallies(
                    services.db, motion_id, services.config.default_language
                )
                await services.deliver()
                return
            await asyncio.sleep(wait)
    except Exception:
        log.warning("the tally of motion %s was not refreshed before the stop", motion_id)
