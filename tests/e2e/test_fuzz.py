"""Random texts, commands, callback data and update shapes thrown at the real Application.

Every update goes the production way (stored in the inbox, then processed) on a board with an
open proposal. The senders hold no seat, so nothing they send is valid: afterwards no
unhandled exception was raised, no message carries a traceback or broke Telegram's rules
(the stand-in refuses those), and no table that holds the board's business changed.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db.engine import Database
from bot.db.models import (
    AuditEvent,
    BallotRow,
    Broadcast,
    Invite,
    Meeting,
    Motion,
    Rsvp,
    ScheduledWork,
    SeatAssignment,
    Substitution,
    utcnow,
)
from bot.services import boards, inbox, motions, people
from handlers import commands
from handlers.callbacks import Kind
from handlers.flood import FloodGate
from runtime.inbox_worker import InboxWorker
from standin import BotAPIStandin, FakeChat, FakeUser, StandinRequest
from tests.e2e.conftest import Harness
from tests.e2e.test_workers import settings as werkbot_settings

BUSINESS = (
    AuditEvent,
    BallotRow,
    Broadcast,
    Invite,
    Meeting,
    Motion,
    Rsvp,
    ScheduledWork,
    SeatAssignment,
    Substitution,
)
COMMANDS = [
    f"/{name}"
    for c in vars(commands).values()
    if isinstance(c, commands.Command)
    for name in c.names
]
STRANGERS = [
    FakeUser(880 + n, f"Vreemde {n}", language_code=lang)
    for n, lang in enumerate(("nl", "en", "de"))
]
GROUP = FakeChat(-100777, "supergroup", "Bestuur")

texts = st.text(min_size=1, max_size=300).filter(lambda t: t.strip() != "")
command_texts = st.builds(
    lambda command, tail: f"{command} {tail}".strip(),
    st.sampled_from(COMMANDS),
    st.one_of(st.just(""), st.text(max_size=80), st.integers(-5, 10**13).map(str)),
)
near_callbacks = st.builds(
    lambda kind, args: "|".join([kind.value, *args]),
    st.sampled_from(list(Kind)),
    st.lists(
        st.one_of(
            st.integers(-3, 10**12).map(str),
            st.sampled_from(["f", "a", "x", "ok", "no", "nl", "en", "csv", "pdf", "m", "p", ""]),
            st.text(max_size=12),
        ),
        max_size=6,
    ),
)
callback_data = st.one_of(near_callbacks, st.text(max_size=64)).filter(
    lambda d: 0 < len(d.encode()) <= 64
)


@st.composite
def updates(draw: st.DrawFn) -> dict[str, Any]:
    user = draw(st.sampled_from(STRANGERS)).to_dict()
    in_group = draw(st.booleans())
    chat = (
        {"id": GROUP.id, "type": GROUP.type, "title": GROUP.title}
        if in_group
        else {"id": user["id"], "type": "private", "first_name": user["first_name"]}
    )
    shape = draw(
        st.sampled_from(["text", "command", "callback", "edited", "bare", "no_from", "channel"])
    )
    text = draw(command_texts if shape == "command" else texts)
    message: dict[str, Any] = {
        "message_id": draw(st.integers(1, 10**6)),
        "date": 1_790_000_000,
        "chat": chat,
        "from": user,
        "text": text,
    }
    if text.startswith("/"):
        message["entities"] = [
            {"type": "bot_command", "offset": 0, "length": len(text.split(" ")[0])}
        ]
    if shape == "callback":  # made real by the stand-in (a query id it issued), data forged
        return {"press": user["id"], "data": draw(callback_data)}
    if shape == "edited":
        return {"edited_message": message}
    if shape == "bare":
        return {}
    if shape == "no_from":
        return {"message": {k: v for k, v in message.items() if k != "from"}}
    if shape == "channel":
        return {"channel_post": {**message, "chat": {"id": -100555, "type": "channel"}}}
    return {"message": message}


async def business_counts(db: Database) -> dict[str, int]:
    async with db.transaction() as session:
        return {
            table.__tablename__: int(
                await session.scalar(select(func.count()).select_from(table)) or 0
            )
            for table in BUSINESS
        }


def test_random_input_changes_nothing_and_raises_nothing(
    engines: dict[str, AsyncEngine], backend: str
) -> None:
    loop = asyncio.new_event_loop()
    engine = engines[backend]

    async def setup() -> tuple[Any, Any, Database, Any, InboxWorker, list[BaseException]]:
        connection = await engine.connect()
        outer = await connection.begin()
        db = Database(engine, bind=connection)
        api = BotAPIStandin()
        for user in STRANGERS:
            api.add_user(user)
        api.add_group(GROUP, STRANGERS)
        app = build(api, db)
        await app.initialize()
        assert app.post_init is not None
        await app.post_init(app)
        errors: list[BaseException] = []

        async def record(update: object, context: Any) -> None:
            errors.append(context.error)

        app.add_error_handler(record)
        board = await boards.create_board(db, "achterhoek-2014")
        secretary = await people.identify(db, 100, "Sam Secretaris")
        await boards.assign(db, board.id, "secretaris", secretary.id)
        await motions.propose(
            db, board.id, secretary.id, "Begroting", "Tekst", utcnow() + timedelta(days=2)
        )
        worker = InboxWorker(app)
        for user in STRANGERS:  # a message from the bot to press buttons on
            await worker.receive([api.message_update(user, "/help")])
        await worker.drain()
        return connection, outer, db, api, worker, errors

    connection, outer, db, api, worker, errors = loop.run_until_complete(setup())
    pressable = {user.id: api.last_message(user.id) for user in STRANGERS}
    next_id = [10_000]
    before = loop.run_until_complete(business_counts(db))

    @settings(
        max_examples=120,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(batch=st.lists(updates(), min_size=1, max_size=4))
    def throw(batch: list[dict[str, Any]]) -> None:
        payloads = []
        for shape in batch:
            if "press" in shape:
                user = next(u for u in STRANGERS if u.id == shape["press"])
                shape = api.callback_update(user, pressable[user.id], shape["data"])
            payloads.append({**shape, "update_id": next_id[0]})
            next_id[0] += 1
        sent = len(api.messages)
        errors.clear()

        async def run() -> None:
            worker.app.bot_data.flood = FloodGate()  # the limit has its own test
            await worker.receive(payloads)
            await worker.drain()

        loop.run_until_complete(run())
        assert errors == [], errors
        for message in api.messages[sent:]:
            assert "Traceback" not in (message.text or "")
        assert loop.run_until_complete(business_counts(db)) == before

    try:
        throw()
    finally:

        async def teardown() -> None:
            await worker.app.shutdown()
            await outer.rollback()
            await connection.close()

        loop.run_until_complete(teardown())
        loop.close()


def build(api: BotAPIStandin, db: Database) -> Any:
    from runtime.app import build_application

    return build_application(
        werkbot_settings(), api.token, request=StandinRequest(api), database=db
    )


@pytest.mark.parametrize(
    "payload",
    [
        {"update_id": 5, "message": {"text": 3}},
        {"update_id": 6, "callback_query": {}},
        {"update_id": 7, "message": {"message_id": 1}},
    ],
)
async def test_an_unreadable_update_shape_is_stored_then_dropped(
    bot: Harness, payload: dict[str, Any]
) -> None:
    worker = InboxWorker(bot.app)
    assert await worker.receive([payload]) == 1
    await worker.drain()
    assert await inbox.depth(bot.db) == 0
    assert bot.api.messages == []
