"""How updates reach the bot in production: stored first, acknowledged second, processed third.

python-telegram-bot acknowledges an update when it *queues* it, so a crash would lose the queue
and Telegram never sends it again. Here every update is written to the inbox (a table keyed by
``update_id``) before Telegram hears it arrived: a webhook answers 200 only after the row is
committed; long polling asks for the next offset only after the batch is committed. Workers
then lease updates from the inbox, one per lane (a person in a chat) at a time, and mark each
done after processing. A worker that dies leaves its lease to run out; another worker takes the
update again. Conversation state lives in the database too, so any worker continues any
conversation.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from telegram import Update
from telegram.ext import ConversationHandler

from bot import metrics
from bot.db.engine import is_database_error
from bot.services import conversations, inbox
from handlers.callbacks import is_ballot
from handlers.context import WerkbotApp
from handlers.dialog import TIMEOUT_SECONDS

log = logging.getLogger(__name__)


def lane_of(update: Update) -> str:
    """One person in one chat: their updates are processed in order, one at a time."""
    chat, user = update.effective_chat, update.effective_user
    if chat is None and user is None:
        return f"u{update.update_id}"
    return f"{chat.id if chat else ''}:{user.id if user else ''}"


def _parsed(payload: dict[str, Any], bot: Any) -> Update | None:
    """The update, or None for a shape python-telegram-bot cannot read (logged, then dropped:
    Telegram would send the same shape again, so there is nothing to retry)."""
    try:
        return Update.de_json(payload, bot)
    except Exception:
        log.warning("update %s has a shape that cannot be read; dropped", payload.get("update_id"))
        return None


class InboxWorker:
    """Stores incoming updates and processes stored ones; one per process."""

    def __init__(
        self,
        app: WerkbotApp,
        *,
        lease: timedelta | None = None,
        batch: int = 8,
        idle_seconds: float = 1.0,
    ) -> None:
        self.app = app
        settings = app.bot_data.settings
        seconds = settings.inbox_lease_seconds if settings is not None else 60.0
        self.lease = lease or timedelta(seconds=seconds)
        self.batch = batch
        self.idle_seconds = idle_seconds
        self.wake = asyncio.Event()
        app.bot_data.inbox = True  # the inbox, not the update_id record, drops replays

    @property
    def name(self) -> str:
        return self.app.bot_data.worker

    async def receive(self, payloads: Sequence[dict[str, Any]]) -> int:
        """Store updates as Telegram sent them; return how many were new. Raises when the
        database cannot store them: then nothing may be acknowledged."""
        items = []
        for payload in payloads:
            update = _parsed(payload, self.app.bot)
            lane = lane_of(update) if update is not None else f"u{payload['update_id']}"
            items.append((int(payload["update_id"]), json.dumps(payload), lane))
        new = await inbox.store(self.app.bot_data.db, items)
        metrics.UPDATES_RECEIVED.inc(len(items))
        self.wake.set()
        return new

    async def run_once(self) -> int:
        """Lease a batch (one update per lane) and process it; return how many were taken."""
        taken = await inbox.take(
            self.app.bot_data.db,
            self.name,
            limit=self.batch,
            lease=self.lease,
            conversations=timedelta(seconds=TIMEOUT_SECONDS),  # read with the lease
        )
        # One at a time: a worker that dies has at most one update in hand, so at most one
        # message of it can go out twice. More throughput comes from more workers. Finishing
        # one renews the lease on the rest; one whose lease ran out meanwhile is left alone.
        mine = {pending.update_id for pending in taken}
        leased_at = time.monotonic()
        for pending in taken:
            if pending.update_id not in mine:
                continue
            mine.discard(pending.update_id)
            due = time.monotonic() - leased_at > self.lease.total_seconds() / 3
            kept = await self._process(pending, mine if due else set())
            if due:
                mine, leased_at = kept, time.monotonic()
        return len(taken)

    async def drain(self) -> None:
        """Process until the inbox has nothing this worker may take."""
        while await self.run_once():
            pass

    async def run(self, stopping: asyncio.Event) -> None:
        """Process the inbox until ``stopping`` is set; a database error waits and tries again."""
        pause = 0.5
        while not stopping.is_set():
            try:
                busy = await self.run_once()
                pause = 0.5
            except Exception as exc:
                if not is_database_error(exc):
                    raise
                log.warning("inbox unavailable (%s); retrying in %.0f s", type(exc).__name__, pause)
                busy = 0
                await sleep_unless(stopping, pause)
                pause = min(pause * 2, 30)
                continue
            if not busy:
                self.wake.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.wake.wait(), self.idle_seconds)

    async def _process(self, pending: inbox.Pending, rest: set[int]) -> set[int]:
        """Process one update and finish it, renewing the lease on ``rest``; return which of
        ``rest`` are still leased here."""
        db = self.app.bot_data.db
        update = _parsed(json.loads(pending.payload), self.app.bot)
        try:
            # From the first send to the record that the update is done, this worker holds
            # its one "message in hand": no outbox message goes out in between.
            async with self.app.bot_data.sending:
                if update is not None:
                    had_state = await self._load_conversation(update, pending)
                    await self.app.process_update(update)  # errors go to the error handler
                    await self._save_conversation(update, pending.lane, had_state)
                kept = await inbox.finish(
                    db, pending.update_id, self.name, renew=sorted(rest), lease=self.lease
                )
            metrics.UPDATES_PROCESSED.inc()
            return kept
        except Exception:
            # the lease runs out and this or another worker takes the update again
            log.exception("update %s not finished; it will be retried", pending.update_id)
            return rest

    # ---- conversations in the database ------------------------------------------------------
    # python-telegram-bot loads a ConversationHandler's states from persistence only once, at
    # start; here each update's state is put in place and read back through the handler's
    # ``_conversations`` table and ``_get_key`` (private, pinned by python-telegram-bot <23;
    # test_a_conversation_and_a_vote_alternate_between_two_workers fails if they change).

    def _conversations(self, update: Update) -> list[tuple[ConversationHandler[Any], Any]]:
        found = []
        for group in self.app.handlers.values():
            for handler in group:
                if isinstance(handler, ConversationHandler) and handler.name:
                    try:
                        found.append((handler, handler._get_key(update)))
                    except RuntimeError:  # no chat or user: not part of a conversation
                        continue
        return found

    @staticmethod
    def _private_user(update: Update) -> int | None:
        """The user whose drafts this update may touch: only in their private chat."""
        chat, user = update.effective_chat, update.effective_user
        if chat is None or user is None or chat.type != chat.PRIVATE:
            return None
        return user.id

    async def _load_conversation(self, update: Update, pending: inbox.Pending) -> bool:
        """Put the lane's saved conversation in place (read with the lease, else now); False
        when there is none (or the update is a ballot press, which no conversation takes)."""
        handlers = self._conversations(update)
        user_id = self._private_user(update)
        if not handlers and user_id is None:
            return False
        if _is_ballot(update):
            for handler, key in handlers:
                handler._conversations.pop(key, None)
            return False
        if pending.conversation_read:
            saved = pending.conversation
        else:
            saved = await conversations.load(
                self.app.bot_data.db, pending.lane, max_age=timedelta(seconds=TIMEOUT_SECONDS)
            )
        states = saved.states if saved else {}
        for handler, key in handlers:
            state = states.get(handler.name or "")
            table = handler._conversations
            if state is None:
                table.pop(key, None)
            else:
                table[key] = state
        if user_id is not None:
            drafts = self.app.user_data[user_id]
            drafts.clear()
            drafts.update(saved.drafts if saved else {})
        return saved is not None

    async def _save_conversation(self, update: Update, lane: str, had_state: bool) -> None:
        handlers = self._conversations(update)
        user_id = self._private_user(update)
        if (not handlers and user_id is None) or _is_ballot(update):
            return
        states = {}
        for handler, key in handlers:
            state = handler._conversations.get(key)
            if isinstance(state, int | str):
                states[handler.name or ""] = state
        drafts = dict(self.app.user_data.get(user_id, {})) if user_id is not None else {}
        if not had_state and not states and not drafts:
            return  # nothing was and nothing is: no write
        await conversations.save(self.app.bot_data.db, lane, user_id, states, drafts)


def _is_ballot(update: Update) -> bool:
    return update.callback_query is not None and is_ballot(update.callback_query.data)


async def sleep_unless(stopping: asyncio.Event, seconds: float) -> None:
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stopping.wait(), seconds)
