"""Workers taking from the inbox at the same moment: each update once, each lane in order.

Runs on real, pooled connections (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, ``BEGIN
IMMEDIATE`` on SQLite); the rows it stores are removed afterwards.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from datetime import timedelta

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db.engine import Database, make_engine
from bot.db.models import InboxUpdate
from bot.services import inbox

LANES = 40
PER_LANE = 5
FIRST = 9_100_000


async def test_four_workers_take_each_update_once_and_each_lane_in_order(
    engines: dict[str, AsyncEngine], backend: str
) -> None:
    url = engines[backend].url.render_as_string(hide_password=False)
    pool = {} if backend == "sqlite" else {"pool_size": 8, "max_overflow": 0}
    db = Database(make_engine(url, **pool))
    items = [
        (FIRST + n, json.dumps({"update_id": FIRST + n}), f"lane-{n % LANES}")
        for n in range(LANES * PER_LANE)
    ]
    try:
        assert await inbox.store(db, items) == len(items)
        assert await inbox.store(db, items[:10]) == 0  # delivered again: nothing new
        done: list[tuple[str, int]] = []

        async def worker(name: str) -> None:
            idle = 0
            while idle < 3:
                taken = await inbox.take(db, name, limit=7, lease=timedelta(minutes=5))
                if not taken:
                    idle += 1
                    await asyncio.sleep(0.01)
                    continue
                idle = 0
                for pending in taken:
                    done.append((pending.lane, pending.update_id))
                    await asyncio.sleep(0)  # let the other workers try to take meanwhile
                    await inbox.finish(db, pending.update_id, name)

        await asyncio.gather(*(worker(f"w{n}") for n in range(4)))
        counts = Counter(update_id for _, update_id in done)
        assert len(counts) == len(items)
        assert set(counts.values()) == {1}
        for lane in {lane for lane, _ in done}:
            order = [update_id for seen, update_id in done if seen == lane]
            assert order == sorted(order), lane
        assert await inbox.depth(db) == 0
    finally:
        async with db.transaction() as session:
            await session.execute(
                delete(InboxUpdate).where(InboxUpdate.update_id.between(FIRST, FIRST + len(items)))
            )
        await db.dispose()


async def test_taking_reads_the_lanes_saved_conversations_with_the_lease(db: Database) -> None:
    """A worker reads the saved conversations of the lanes it leases in the lease's own unit of
    work (no unit per update); one that timed out is neither returned nor kept."""
    from datetime import timedelta as span

    from bot.db.models import ConversationState, utcnow
    from bot.services import conversations

    await conversations.save(db, "chat-1:1", 1, {"propose": 2}, {"title": "Begroting"})
    await conversations.save(db, "chat-2:2", 2, {"meeting": 1}, {})
    async with db.core() as connection:  # the second one was last touched an hour ago
        await connection.execute(
            update(ConversationState)
            .where(ConversationState.lane == "chat-2:2")
            .values(updated_at=utcnow() - span(hours=1))
        )
    items = [
        (FIRST + 901, json.dumps({"update_id": FIRST + 901}), "chat-1:1"),
        (FIRST + 902, json.dumps({"update_id": FIRST + 902}), "chat-2:2"),
        (FIRST + 903, json.dumps({"update_id": FIRST + 903}), "chat-3:3"),
    ]
    await inbox.store(db, items)
    taken = await inbox.take(db, "w", limit=8, conversations=span(minutes=30))
    found = {p.lane: p for p in taken}
    assert all(p.conversation_read for p in taken)
    first = found["chat-1:1"].conversation
    assert first is not None
    assert (first.states, first.drafts) == ({"propose": 2}, {"title": "Begroting"})
    assert found["chat-2:2"].conversation is None  # timed out: the conversation had ended
    assert found["chat-3:3"].conversation is None  # none saved
    assert await conversations.load(db, "chat-2:2", max_age=span(days=1)) is None  # removed
    without = await inbox.take(db, "w2", limit=8)  # nothing left to take, and not asked for
    assert without == []
