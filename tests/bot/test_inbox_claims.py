"""Workers taking from the inbox at the same moment: each update once, each lane in order.

Runs on real, pooled connections (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, ``BEGIN
IMMEDIATE`` on SQLite); the rows it stores are removed afterwards.
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from datetime import timedelta

from sqlalchemy import delete
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
