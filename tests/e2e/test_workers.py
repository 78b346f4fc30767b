"""Production transport: the inbox before acknowledgement, several workers, faults, /healthz."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.exc import OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine
from telegram import Update

from bot.db.engine import Database, make_engine
from bot.db.models import BallotRow, ConversationState, InboxUpdate, Person, ProcessedUpdate, utcnow
from bot.services import identity, inbox, motions, outbox
from bot.settings import Settings
from handlers import voting
from handlers.context import WerkbotApp
from handlers.flood import FloodGate
from runtime import scheduler, transport
from runtime import sender as outbox_handlers
from runtime.app import build_application
from runtime.inbox_worker import InboxWorker, lane_of
from runtime.transport import serve, wind_down
from runtime.webhook import Webhook
from standin import BotAPIStandin, FakeUser, SentMessage, StandinRequest
from tests.e2e.conftest import Harness
from tests.e2e.test_transport import eventually, free_port
from tests.e2e.test_voting import propose, seat_everyone, vote

SECRET = "w0rker-s3cret"


def settings() -> Settings:
    return Settings(_env_file=None, database_url="sqlite+aiosqlite:///unused.sqlite3")


async def started(api: BotAPIStandin, db: Database) -> WerkbotApp:
    app = build_application(settings(), api.token, request=StandinRequest(api), database=db)
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    return app


class TwoWorkers(Harness):
    """The harness, but every update goes through the inbox of one of two workers in turn,
    each its own Application sharing the database, like two processes behind one URL."""

    def __init__(self, api: BotAPIStandin, db: Database, a: WerkbotApp, b: WerkbotApp) -> None:
        super().__init__(api, a, db)
        self.workers = [InboxWorker(a), InboxWorker(b)]
        self.turn = 0

    def next_worker(self) -> InboxWorker:
        worker = self.workers[self.turn % 2]
        self.turn += 1
        return worker

    async def feed(self, update: dict[str, object]) -> list[SentMessage]:
        before = len(self.api.messages)
        worker = self.next_worker()
        await worker.receive([update])
        await worker.drain()
        return self.api.messages[before:]

    def calm(self) -> None:
        for worker in self.workers:
            worker.app.bot_data.flood = FloodGate()


@pytest.fixture
async def two(db: Database) -> AsyncIterator[TwoWorkers]:
    api = BotAPIStandin()
    a, b = await started(api, db), await started(api, db)
    yield TwoWorkers(api, db, a, b)
    await a.shutdown()
    await b.shutdown()


async def count(db: Database, column: Any, *where: Any) -> int:
    async with db.transaction() as session:
        return int(await session.scalar(select(func.count(column)).where(*where)) or 0)


async def test_a_conversation_and_a_vote_alternate_between_two_workers(two: TwoWorkers) -> None:
    _board_id, members, secretary = await seat_everyone(two, "twente-2020")
    motion_id = await propose(two, secretary)  # each step of /voorstel on the other worker
    for seat in members:
        assert await vote(two, members[seat], motion_id, "for") is not None
    await two.send(secretary, f"/sluit {motion_id}")
    view = await motions.view(two.db, motion_id)
    assert view.status == "closed"
    assert view.result == "adopted"
    assert await count(two.db, BallotRow.seat_id, BallotRow.motion_id == motion_id) == len(members)


async def test_the_same_update_three_times_to_both_workers_gives_one_ballot(
    two: TwoWorkers,
) -> None:
    _board, members, secretary = await seat_everyone(two, "achterhoek-2014")
    motion_id = await propose(two, secretary)
    member = next(iter(members.values()))
    message = next(
        m
        for m in two.api.messages_to(member.id)
        if any(b.get("callback_data", "").startswith(f"v|{motion_id}|") for b in m.buttons())
    )
    press = two.api.callback_update(member, message, f"v|{motion_id}|f")
    answers = len(two.api.callback_answers)
    a, b = two.workers
    for worker in (a, b, a):
        await worker.receive([press])
    await b.drain()  # (truly simultaneous workers: tests/bot/test_inbox_claims.py)
    await a.drain()
    assert await count(two.db, BallotRow.seat_id, BallotRow.motion_id == motion_id) == 1
    assert len(two.api.callback_answers) == answers + 1
    assert (
        await count(two.db, InboxUpdate.update_id, InboxUpdate.update_id == press["update_id"]) == 1
    )


async def test_a_dead_workers_acknowledged_updates_are_finished_by_another(
    two: TwoWorkers,
) -> None:
    """A worker acknowledged 100 updates (they are in the inbox), leased some, and died."""
    a, b = two.workers
    members = [two.user(5000 + n, f"Lid {n}") for n in range(100)]
    updates = [two.api.message_update(member, "/zetel") for member in members]
    assert await a.receive(updates) == 100  # what Telegram was told arrived
    leased = await inbox.take(two.db, "dead-worker", limit=16, lease=timedelta(seconds=0))
    assert len(leased) == 16  # and then the worker was killed: its leases run out
    await b.drain()
    for member in members:
        replies = two.api.messages_to(member.id)
        assert len(replies) == 1, member
        assert "nog geen zetel" in (replies[0].text or "")
    assert await inbox.depth(two.db) == 0
    async with two.db.transaction() as session:
        attempts = (await session.scalars(select(InboxUpdate.attempts))).all()
    assert sorted(attempts) == [1] * 84 + [2] * 16


async def test_a_failure_after_the_ballot_is_saved_is_not_told_as_nothing_recorded(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    _board, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion_id = await propose(bot, secretary)
    member = next(iter(members.values()))

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("UPDATE motions", {}, ConnectionResetError("connection lost"))

    # the ballot commits; refreshing the tally afterwards fails
    monkeypatch.setattr(motions, "claim_tally_edit", broken)
    message = next(
        m
        for m in bot.api.messages_to(member.id)
        if any(b.get("callback_data", "").startswith(f"v|{motion_id}|") for b in m.buttons())
    )
    await bot.feed(bot.api.callback_update(member, message, f"v|{motion_id}|a"))
    said = [a.get("text", "") for a in bot.api.callback_answers[-1:]]
    said += [m.text or "" for m in bot.api.messages_to(member.id)[-1:]]
    assert not any("niets vastgelegd" in text for text in said), said
    assert await count(bot.db, BallotRow.seat_id, BallotRow.motion_id == motion_id) == 1


async def test_a_database_error_during_a_press_is_reported_and_safe_to_retry(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    _board, members, secretary = await seat_everyone(bot, "achterhoek-2014")
    motion_id = await propose(bot, secretary)
    member = next(iter(members.values()))
    real_cast = motions.cast

    async def broken(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("UPDATE ballots", {}, ConnectionResetError("connection lost"))

    monkeypatch.setattr(motions, "cast", broken)
    message = next(
        m
        for m in bot.api.messages_to(member.id)
        if any(b.get("callback_data", "").startswith(f"v|{motion_id}|") for b in m.buttons())
    )
    press = bot.api.callback_update(member, message, f"v|{motion_id}|a")
    await bot.feed(press)
    answer = bot.api.callback_answers[-1]
    assert answer.get("show_alert") is True
    assert "niets vastgelegd" in answer.get("text", "")
    assert await count(bot.db, BallotRow.seat_id, BallotRow.motion_id == motion_id) == 0
    unrecorded = ProcessedUpdate.update_id == press["update_id"]
    assert await count(bot.db, ProcessedUpdate.update_id, unrecorded) == 0
    monkeypatch.setattr(motions, "cast", real_cast)
    again = bot.api.callback_update(member, message, f"v|{motion_id}|a")  # the member retries
    await bot.feed(again)
    answers = len(bot.api.callback_answers)
    assert bot.api.callback_answers[-1].get("text") == "Jouw stem: Tegen"
    await bot.feed(again)  # and that update delivered twice counts once, answered once
    assert await count(bot.db, BallotRow.seat_id, BallotRow.motion_id == motion_id) == 1
    assert len(bot.api.callback_answers) == answers


def test_lanes_keep_one_persons_updates_in_order() -> None:
    api = BotAPIStandin()
    member = FakeUser(7, "Lid")
    first = Update.de_json(api.message_update(member, "/zetel"), None)
    assert lane_of(first) == "7:7"
    bare = Update.de_json({"update_id": 99}, None)
    assert lane_of(bare) == "u99"


# ---- one worker process end to end: webhook, polling, /healthz, /metrics ---------------------


@pytest.fixture
async def live(engines: dict[str, AsyncEngine], backend: str) -> AsyncIterator[Database]:
    """Real pooled connections (a worker does several things at once); what the test made
    is removed afterwards."""
    url = engines[backend].url.render_as_string(hide_password=False)
    database = Database(make_engine(url))
    yield database
    async with database.transaction() as session:
        people = select(Person.id).where(Person.telegram_user_id.between(310, 319))
        await session.execute(delete(ProcessedUpdate).where(ProcessedUpdate.update_id > 0))
        await session.execute(delete(InboxUpdate))
        await session.execute(delete(ConversationState))
        await session.execute(delete(Person).where(Person.id.in_(people)))
    await database.dispose()


async def run_worker(
    api: BotAPIStandin, db: Database, **options: Any
) -> tuple[asyncio.Event, asyncio.Task[None]]:
    app = build_application(settings(), api.token, request=StandinRequest(api), database=db)
    stopping = asyncio.Event()
    task = asyncio.create_task(serve(app, stopping, **options))
    return stopping, task


async def wait_until(condition: Callable[[], Any], seconds: float = 5.0) -> None:
    await eventually(lambda: bool(condition()), seconds)


async def test_webhook_worker_stores_before_answering_and_checks_the_secret(
    live: Database,
) -> None:
    db = live
    api = BotAPIStandin()
    member = FakeUser(310, "Haak", language_code="en")
    api.add_user(member)
    port, operations = free_port(), free_port()
    hook = Webhook("https://bot.example.org/telegram", SECRET, "127.0.0.1", port)
    stopping, task = await run_worker(api, db, webhook=hook, operations_port=operations)
    url = f"http://127.0.0.1:{port}/telegram"
    try:
        await wait_until(lambda: api.webhook is not None)
        assert api.webhook is not None
        assert api.webhook["url"] == hook.url
        assert api.webhook.get("secret_token") == SECRET
        async with httpx.AsyncClient() as client:
            update = api.message_update(member, "/seat")
            wrong = await client.post(
                url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": "guess"}
            )
            missing = await client.post(url, json=update)
            assert (wrong.status_code, missing.status_code) == (403, 403)
            assert await count(db, InboxUpdate.update_id) == 0
            bad = await client.post(
                url, content=b"{not json", headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
            )
            assert bad.status_code == 400
            for _ in range(3):  # Telegram retrying; each answer only once the row is stored
                right = await client.post(
                    url, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}
                )
                assert right.status_code == 200
                assert await count(db, InboxUpdate.update_id) == 1
            await wait_until(lambda: api.messages_to(member.id))
            await asyncio.sleep(0.2)
            assert len(api.messages_to(member.id)) == 1
            assert "You do not hold a seat" in (api.messages_to(member.id)[0].text or "")
            health = await client.get(f"http://127.0.0.1:{operations}/healthz")
            assert health.status_code == 200
            assert json.loads(health.text)["ok"] is True
            scraped = (await client.get(f"http://127.0.0.1:{operations}/metrics")).text
            assert "werkbot_webhook_refused_total" in scraped
            assert "werkbot_inbox_depth" in scraped
            assert "Haak" not in scraped
    finally:
        stopping.set()
        await task


async def test_polling_worker_keeps_the_offset_until_the_batch_is_stored(
    live: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = live
    api = BotAPIStandin()
    member = FakeUser(311, "Peiler")
    api.add_user(member)
    real_store = inbox.store
    failures: list[object] = []

    async def flaky(database: Database, items: list[tuple[int, str, str]]) -> int:
        if not failures:
            failures.append(items)
            raise OperationalError("INSERT INTO inbox_updates", {}, ConnectionRefusedError())
        return await real_store(database, items)

    monkeypatch.setattr(inbox, "store", flaky)
    stopping, task = await run_worker(api, db)
    try:
        api.push_update(api.message_update(member, "/zetel"))
        await wait_until(lambda: api.messages_to(member.id), seconds=10)
        assert failures, "the first store failed"
        assert len(api.messages_to(member.id)) == 1
        assert "nog geen zetel" in (api.messages_to(member.id)[0].text or "")
    finally:
        stopping.set()
        await task


async def test_a_result_half_sent_by_a_dead_worker_is_finished_once_by_another(
    bot: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    _board, members, secretary = await seat_everyone(bot, "twente-2020")
    motion_id = await propose(bot, secretary)
    for seat in members:
        await vote(bot, members[seat], motion_id, "for")
    before = len(bot.api.messages)
    await motions.close(bot.db, motion_id)  # worker A closes, sends three results, and dies
    await voting.announce_result(bot.app.bot, bot.db, motion_id, "nl", "worker-a")
    edits = len(await motions.messages(bot.db, motion_id))  # the ballots and tallies, edited
    await outbox_handlers.deliver(bot.app.bot, bot.db, "worker-a", limit=edits + 3)

    def results() -> dict[int, int]:
        counts: dict[int, int] = {}
        for message in bot.api.messages[before:]:
            if "Aangenomen" in (message.text or ""):
                counts[message.chat_id] = counts.get(message.chat_id, 0) + 1
        return counts

    assert sum(results().values()) == 3
    assert await outbox.pending(bot.db) == len(members) + 1 - 3
    # worker B's next round: at once it sends what A never claimed ...
    await scheduler.process_due_work(bot.app.bot, bot.db, "nl", "worker-b")
    # ... and three minutes later what A had claimed but not sent
    later = utcnow() + timedelta(minutes=3)
    await scheduler.process_due_work(bot.app.bot, bot.db, "nl", "worker-b", now=later)
    everyone = [user.id for user in members.values()] + [secretary.id]
    assert results() == dict.fromkeys(everyone, 1)
    assert await outbox.pending(bot.db) == 0
    await scheduler.process_due_work(bot.app.bot, bot.db, "nl", "worker-a", now=later)
    assert results() == dict.fromkeys(everyone, 1)


async def test_a_stopping_worker_makes_its_planned_tally_edit_first(
    bot: Harness, caplog: pytest.LogCaptureFixture
) -> None:
    _board, members, secretary = await seat_everyone(bot, "twente-2020")
    motion_id = await propose(bot, secretary)
    tally = bot.api.messages_to(secretary.id)[-1]
    assert "0 van de 15 stemgerechtigde zetels" in (tally.text or "")
    services = bot.app.bot_data
    services.settings = services.config.model_copy(update={"tally_edit_seconds": 5.0})
    # The tally was edited just now (by this worker): the next edit waits out the 5 s. (The
    # test's database is one connection, so no job may run while a press is handled.)
    assert await motions.claim_tally_edit(bot.db, motion_id, timedelta(seconds=5)) == 0
    services.tally.last[motion_id] = time.monotonic()
    await bot.app.start()  # the JobQueue runs
    try:
        await vote(bot, next(iter(members.values())), motion_id, "for")
        assert services.tally.pending == {motion_id}  # the edit waits for the interval
        assert "0 van de 15 stemgerechtigde zetels" in (tally.text or "")
    finally:
        await wind_down(bot.app)  # the worker stops before the interval is over
    assert "1 van de 15 stemgerechtigde zetels" in (tally.text or "")
    assert not services.tally.pending
    assert "Error running job" not in caplog.text


async def test_a_worker_retries_telegram_at_start_learns_its_name_and_keeps_healthz_quiet(
    live: Database, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Telegram down at start: the worker waits it out (logged by type, never the token);
    then it stores the username getMe gave; /healthz answers without an INFO line."""
    monkeypatch.setattr(transport, "FIRST_START_PAUSE", 0.05)
    api = BotAPIStandin(bot_username="rmt_start_bot")
    api.fail_next("getMe", status=502)
    api.fail_next("getMe", status=502)
    operations = free_port()
    caplog.set_level(logging.DEBUG)
    stopping, task = await run_worker(api, live, operations_port=operations)
    try:
        await wait_until(lambda: api.commands)
        retries = [r for r in caplog.records if "Telegram unreachable" in r.getMessage()]
        assert len(retries) == 2
        assert all(api.token not in r.getMessage() and r.exc_info is None for r in retries)
        assert await identity.username(live) == "rmt_start_bot"
        caplog.clear()
        async with httpx.AsyncClient() as client:
            for _ in range(3):
                health = await client.get(f"http://127.0.0.1:{operations}/healthz")
                assert health.status_code == 200
            missing = await client.get(f"http://127.0.0.1:{operations}/nothing")
            assert missing.status_code == 404
        access = [r for r in caplog.records if r.name == "tornado.access"]
        assert [r.levelno for r in access] == [logging.DEBUG] * 3 + [logging.WARNING]
        served = [r for r in caplog.records if r.name.startswith(("tornado", "runtime", "bot"))]
        assert not [r for r in served if r.levelno >= logging.INFO and r not in access]
    finally:
        stopping.set()
        await task
