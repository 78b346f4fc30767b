"""Database.run: one unit of work as a plain function of a connection, on every path it takes
(a SQLite file: at once, or on a thread while the file is busy; the async connection; a test
savepoint)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db import engine as engine_module
from bot.db.engine import Database, SQLiteUnits, is_database_error, make_engine
from tests.conftest import POSTGRES_ENV


def _write(connection: Connection, value: int, fail: bool = False) -> str:
    connection.execute(text("INSERT INTO numbers (value) VALUES (:v)"), {"v": value})
    if fail:
        raise LookupError(value)
    return threading.current_thread().name


async def _numbers(db: Database) -> list[int]:
    async with db.connection() as connection:
        rows = await connection.execute(text("SELECT value FROM numbers ORDER BY value"))
        return [int(value) for (value,) in rows]


async def _database(url: str) -> Database:
    db = Database(make_engine(url))
    async with db.engine.begin() as connection:
        await connection.execute(text("CREATE TABLE numbers (value INTEGER PRIMARY KEY)"))
    return db


@pytest.fixture
async def file_db(tmp_path: Path) -> AsyncIterator[Database]:
    """A SQLite file with a table of numbers, its units run by :class:`SQLiteUnits`."""
    db = await _database(f"sqlite+aiosqlite:///{tmp_path / 'units.sqlite3'}")
    yield db
    await db.dispose()


async def test_a_sqlite_file_runs_the_unit_at_once_and_commits(file_db: Database) -> None:
    assert await file_db.run(_write, 1) == threading.current_thread().name
    assert await _numbers(file_db) == [1]  # the async engine sees what was committed


async def test_while_another_writer_holds_the_file_the_unit_waits_on_its_thread(
    file_db: Database,
) -> None:
    async with file_db.engine.connect() as writer:
        await writer.begin()  # BEGIN IMMEDIATE: the write lock, held across the await below
        await writer.execute(text("INSERT INTO numbers (value) VALUES (1)"))
        unit = asyncio.ensure_future(file_db.run(_write, 2))
        await asyncio.sleep(0.3)
        assert not unit.done()  # waiting for the lock, and the event loop still runs
        await writer.commit()
    assert (await unit).startswith("werkbot-sqlite")
    assert await _numbers(file_db) == [1, 2]
    assert file_db._sqlite is not None
    assert file_db._sqlite.handed_over == 1


async def test_the_write_ahead_log_is_checkpointed_by_the_thread_not_at_once(
    file_db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(SQLiteUnits, "CHECKPOINT_EVERY", 5)
    checkpoints: list[str] = []
    checkpoint = SQLiteUnits._checkpoint

    def noted(units: SQLiteUnits) -> None:
        checkpoints.append(threading.current_thread().name)
        checkpoint(units)

    monkeypatch.setattr(SQLiteUnits, "_checkpoint", noted)
    autocheckpoint = await file_db.run(
        lambda connection: connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar()
    )
    assert autocheckpoint == 0  # the connection the event loop uses never checkpoints
    for value in range(4):
        await file_db.run(_write, value)
    assert file_db._sqlite is not None
    file_db._sqlite.executor.submit(lambda: None).result()
    assert len(checkpoints) == 1  # after the fifth unit (the pragma above was the first)
    assert checkpoints[0].startswith("werkbot-sqlite")
    assert await _numbers(file_db) == [0, 1, 2, 3]


async def test_a_unit_that_raises_leaves_nothing_and_the_error_reaches_the_caller(
    file_db: Database,
) -> None:
    await file_db.run(_write, 1)
    with pytest.raises(LookupError):
        await file_db.run(_write, 2, fail=True)
    await file_db.run(_write, 3)
    assert await _numbers(file_db) == [1, 3]


async def test_an_in_memory_database_keeps_the_unit_on_its_own_connection() -> None:
    db = await _database("sqlite+aiosqlite:///:memory:")
    try:
        assert not SQLiteUnits.suits(db.engine)
        await db.run(_write, 7)
        assert await _numbers(db) == [7]
    finally:
        await db.dispose()


async def test_in_a_test_transaction_the_unit_is_a_savepoint(db: Database) -> None:
    async with db.connection() as connection:
        await connection.execute(text("CREATE TEMPORARY TABLE numbers (value INTEGER)"))
    await db.run(_write, 4)
    with pytest.raises(LookupError):
        await db.run(_write, 5, fail=True)
    assert await _numbers(db) == [4]


async def _kill_pooled_connection(db: Database, other: AsyncEngine) -> int:
    async with db.connection() as connection:
        pid = int((await connection.execute(text("SELECT pg_backend_pid()"))).scalar_one())
    async with other.connect() as killer:  # a database restart, an idle timeout
        await killer.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
    return pid


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
            await db.run(_answer)
        assert is_database_error(failed.value)
        # idle long enough: pinged first, found dead, replaced; the unit of work succeeds
        monkeypatch.setattr(engine_module, "IDLE_PING_SECONDS", 0.0)
        pid = await _kill_pooled_connection(db, other)
        assert await db.run(_answer) == 42
        async with db.connection() as connection:
            assert (await connection.execute(text("SELECT pg_backend_pid()"))).scalar() != pid
    finally:
        await db.dispose()


def _answer(connection: Connection) -> int:
    return int(connection.execute(text("SELECT 41 + 1")).scalar_one())
