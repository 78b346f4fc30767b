"""Units of work on a real database: a failing one leaves nothing; a pooled PostgreSQL
connection that died while idle is replaced before a user's unit of work gets it."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db import engine as engine_module
from bot.db.engine import Database, is_database_error, make_engine
from tests.conftest import POSTGRES_ENV


async def _numbers(db: Database) -> list[int]:
    async with db.connection() as connection:
        rows = await connection.execute(text("SELECT value FROM numbers ORDER BY value"))
        return [int(value) for (value,) in rows]


@pytest.fixture
async def file_db(tmp_path: Path) -> AsyncIterator[Database]:
    """A SQLite file with a table of numbers."""
    db = Database(make_engine(f"sqlite+aiosqlite:///{tmp_path / 'units.sqlite3'}"))
    async with db.engine.begin() as connection:
        await connection.execute(text("CREATE TABLE numbers (value INTEGER PRIMARY KEY)"))
    yield db
    await db.dispose()


async def _write(db: Database, value: int, *, fail: bool = False) -> None:
    async with db.transaction() as session:
        await session.execute(text("INSERT INTO numbers (value) VALUES (:v)"), {"v": value})
        if fail:
            raise LookupError(value)


async def test_a_unit_that_raises_leaves_nothing_and_the_error_reaches_the_caller(
    file_db: Database,
) -> None:
    await _write(file_db, 1)
    with pytest.raises(LookupError):
        await _write(file_db, 2, fail=True)
    await _write(file_db, 3)
    assert await _numbers(file_db) == [1, 3]


async def _kill_pooled_connection(db: Database, other: AsyncEngine) -> int:
    async with db.connection() as connection:
        pid = int((await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one())
    async with other.connect() as killer:  # a database restart, an idle timeout
        await killer.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    return pid


async def _answer(db: Database) -> int:
    async with db.transaction() as session:
        return int((await session.execute(text("SELECT 41 + 1"))).scalar_one())


async def test_a_postgresql_connection_that_died_while_idle_is_replaced_not_used(
    engines: dict[str, AsyncEngine], monkeypatch: pytest.MonkeyPatch
) -> None:
    if "postgresql" not in engines:
        pytest.skip(f"PostgreSQL only: set {POSTGRES_ENV}")
    other = engines["postgresql"]
    db = Database(make_engine(other.url.render_as_string(hide_password=False)))
    try:
        # used again at once: not pinged, so the dead connection fails (and is replaced)
        monkeypatch.setattr(engine_module, "IDLE_PING_SECONDS", 3600.0)
        await _kill_pooled_connection(db, other)
        with pytest.raises(DBAPIError) as failed:
            await _answer(db)
        assert is_database_error(failed.value)
        # idle long enough: pinged first, found dead, replaced; the unit of work succeeds
        monkeypatch.setattr(engine_module, "IDLE_PING_SECONDS", 0.0)
        pid = await _kill_pooled_connection(db, other)
        assert await _answer(db) == 42
        async with db.connection() as connection:
            assert (await connection.execute(text("SELECT pg_backend_pid()"))).scalar() != pid
    finally:
        await db.dispose()
