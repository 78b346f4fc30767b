"""The engine and sessions: SQLite (WAL, busy timeout, foreign keys) or PostgreSQL (asyncpg)."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from functools import partial
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import Connection, Dialect, Engine, create_engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DisconnectionError, OperationalError, SQLAlchemyError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

SQLITE_BUSY_TIMEOUT_MS = 5000
log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")
#: A unit of work written as a plain function of a (synchronous) connection: see Database.run.
Work = Callable[Concatenate[Connection, P], T]

#: What a statement can run on: an ORM session or, on the hottest paths, a plain connection.
Executor = AsyncSession | AsyncConnection


def dialect_name(executor: Executor) -> str:
    """``sqlite`` or ``postgresql``, for a session or a connection."""
    if isinstance(executor, AsyncConnection):
        return executor.dialect.name
    return executor.bind.dialect.name


def _sqlite_pragmas(
    dbapi_connection: DBAPIConnection,
    _record: ConnectionPoolEntry,
    busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS,
    autocheckpoint: bool = True,
) -> None:
    # Let SQLAlchemy, not the driver, emit BEGIN: savepoints and BEGIN IMMEDIATE then work.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # WAL's usual setting: safe against crashes
    cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
    cursor.execute("PRAGMA foreign_keys=ON")
    if not autocheckpoint:
        cursor.execute("PRAGMA wal_autocheckpoint=0")
    cursor.close()


READ_ONLY = "werkbot_read_only"


def _sqlite_begin(connection: Connection) -> None:
    # IMMEDIATE takes the write lock up front: concurrent writers wait (busy timeout) instead of
    # failing when a read transaction tries to become a write transaction. A unit of work that
    # only reads (Database.reading) begins deferred: with WAL it neither waits for nor blocks
    # the writers.
    if connection.get_execution_options().get(READ_ONLY):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def is_database_error(error: BaseException | None) -> bool:
    """The database failed (unreachable, lost connection, timed out): nothing was committed."""
    return isinstance(error, SQLAlchemyError | OSError | ConnectionError)


def _configure_sqlite(engine: Engine, **pragmas: Any) -> None:
    event.listen(engine, "connect", partial(_sqlite_pragmas, **pragmas))
    event.listen(engine, "begin", _sqlite_begin)


def make_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An async engine for ``url``; SQLite gets WAL, a busy timeout and enforced foreign keys."""
    if url.startswith("sqlite"):
        engine = create_async_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs
        )
        _configure_sqlite(engine.sync_engine)
        return engine
    return _watch_idle(create_async_engine(url, **kwargs))


def _watch_idle(engine: AsyncEngine) -> AsyncEngine:
    event.listen(engine.sync_engine, "connect", _note_idle)
    event.listen(engine.sync_engine, "checkin", _note_idle)
    event.listen(engine.sync_engine, "checkout", partial(_ping_if_idle, engine.dialect))
    return engine


def autocommit_engine(engine: AsyncEngine) -> AsyncEngine:
    """PostgreSQL connections of their own for units of work whose statements each commit by
    themselves (:meth:`Database.run_autocommit`).

    They keep the generic plan of every statement, which they prepare once and run again with
    new values: left to choose, PostgreSQL plans the ballot's context query anew for every press
    (1 to 1.7 ms, against 0.13 ms to run it). Only these connections are told so, at start-up
    (no round trip); the other statements keep PostgreSQL's own choice, which is safer for a
    query whose best plan depends on its values.
    """
    url = engine.url.render_as_string(hide_password=False)
    settings = {"plan_cache_mode": "force_generic_plan"}
    return _watch_idle(
        create_async_engine(
            url,
            isolation_level="AUTOCOMMIT",
            connect_args={"server_settings": settings},
        )
    )


#: A pooled PostgreSQL connection idle this long is pinged before it is handed out again.
IDLE_PING_SECONDS = 10.0


def _note_idle(_dbapi_connection: DBAPIConnection | None, record: ConnectionPoolEntry) -> None:
    """A connection just made, or just given back to the pool: idle from now."""
    record.info["idle_since"] = time.monotonic()


def _ping_if_idle(
    dialect: Dialect,
    dbapi_connection: DBAPIConnection,
    record: ConnectionPoolEntry,
    _proxy: PoolProxiedConnection,
) -> None:
    """SQLAlchemy's pre-ping, but only for a connection that sat idle: a connection in steady
    use (every ballot takes one) is not asked first, which saves a round trip per unit of
    work; one that waited through a database restart is found dead here and replaced, not
    handed to a user's ballot. A connection that dies in use raises a database error, which the
    user is told about (nothing was recorded), and the pool replaces it."""
    if time.monotonic() - record.info.get("idle_since", 0.0) < IDLE_PING_SECONDS:
        return
    try:
        alive = dialect.do_ping(dbapi_connection)
    except Exception as error:  # what a dead connection raises depends on the driver
        raise DisconnectionError(str(error)) from error
    if not alive:
        raise DisconnectionError("the connection did not answer the ping")


class SQLiteUnits:
    """Units of work on a SQLite file, for :meth:`Database.run`, without aiosqlite.

    aiosqlite hands every cursor, statement, fetch and close over to its thread and back (four
    trips for one statement, some 0.1 ms each). A ballot's whole transaction on a local file
    takes about 0.4 ms, so it is cheaper to run it where it is asked for:

    * **at once**, on a connection of the event loop's own, that never waits for a lock (busy
      timeout 0). It does not checkpoint either: that writes the database file and syncs it,
      so it is left to the thread, after every ``CHECKPOINT_EVERY`` units.
    * **on a thread** with a connection of its own, when the file is busy (another worker, or
      this one's aiosqlite connection, is writing): the unit is rolled back and run again
      there, waiting for the lock (the usual busy timeout) without holding up the event loop.

    Both connections are further writers on the same file, like a second worker: WAL and BEGIN
    IMMEDIATE keep the writers in line.
    """

    CHECKPOINT_EVERY = 200

    def __init__(self, engine: AsyncEngine) -> None:
        url = engine.url.set(drivername="sqlite+pysqlite")
        self.direct = create_engine(url, connect_args={"timeout": 0}, pool_size=1)
        _configure_sqlite(self.direct, busy_timeout_ms=0, autocheckpoint=False)
        self.waiting = create_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, pool_size=1
        )
        _configure_sqlite(self.waiting)
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="werkbot-sqlite")
        self.units = 0
        self.handed_over = 0

    @staticmethod
    def suits(engine: AsyncEngine) -> bool:
        """A file database (an in-memory one would be another database on another connection)."""
        database = engine.url.database or ""
        return (
            engine.dialect.name == "sqlite"
            and database not in ("", ":memory:")
            and engine.url.query.get("mode") != "memory"
            and "mode=memory" not in database
            and not database.startswith("file::memory:")
        )

    @staticmethod
    def _unit(engine: Engine, work: Callable[[Connection], T]) -> T:
        with engine.begin() as connection:
            return work(connection)

    async def run(self, work: Callable[[Connection], T]) -> T:
        self.units += 1
        if self.units % self.CHECKPOINT_EVERY == 0:
            self.executor.submit(self._checkpoint)
        try:
            return self._unit(self.direct, work)
        except OperationalError as error:
            if not _busy(error):
                raise
        self.handed_over += 1
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self.executor, self._unit, self.waiting, work)

    def _checkpoint(self) -> None:
        """Copy the write-ahead log into the database file, as far as readers allow."""
        try:
            connection = self.waiting.raw_connection()
            try:
                driver: Any = connection.driver_connection  # sqlite3.Connection
                driver.execute("PRAGMA wal_checkpoint(PASSIVE)")
            finally:
                connection.close()
        except (SQLAlchemyError, sqlite3.Error) as error:
            log.warning("SQLite checkpoint failed: %s", error)

    def dispose(self) -> None:
        self.direct.dispose()
        self.executor.submit(self._checkpoint).result()
        self.executor.submit(self.waiting.dispose).result()
        self.executor.shutdown()


def _busy(error: OperationalError) -> bool:
    """SQLite answered 'database is locked' (busy): nothing was done, the unit can run again."""
    code = getattr(error.orig, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)


class Database:
    """The engine plus a session factory; services open one unit of work per call."""

    def __init__(self, engine: AsyncEngine, bind: AsyncConnection | None = None) -> None:
        self.engine = engine
        self.bind = bind
        # a SQLite file's units of work run without aiosqlite (made at the first unit)
        self._on_file = bind is None and SQLiteUnits.suits(engine)
        self._sqlite: SQLiteUnits | None = None
        self._autocommit: AsyncEngine | None = None  # PostgreSQL, made at the first such unit
        if bind is None:
            self.sessions = async_sessionmaker(engine, expire_on_commit=False)
        else:  # tests: every unit of work is a savepoint inside one outer transaction
            self.sessions = async_sessionmaker(
                bind=bind, expire_on_commit=False, join_transaction_mode="create_savepoint"
            )

    @classmethod
    def from_url(cls, url: str) -> Database:
        return cls(make_engine(url))

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncSession]:
        """One unit of work: committed when the block ends, rolled back when it raises."""
        async with self.sessions() as session, session.begin():
            yield session

    @asynccontextmanager
    async def reading(self) -> AsyncIterator[AsyncSession]:
        """A unit of work that only reads: on SQLite it does not queue behind the writers."""
        if self.bind is not None:
            async with self.transaction() as session:
                yield session
            return
        async with self.engine.connect() as connection:
            await connection.execution_options(**{READ_ONLY: True})
            async with (
                AsyncSession(bind=connection, expire_on_commit=False) as session,
                session.begin(),
            ):
                yield session

    @asynccontextmanager
    async def core(self) -> AsyncIterator[AsyncConnection]:
        """One unit of work on a plain connection, without an ORM session: for the paths every
        press takes, where the session's bookkeeping costs more than the statements."""
        if self.bind is not None:
            async with self.bind.begin_nested():
                yield self.bind
            return
        async with self.engine.begin() as connection:
            yield connection

    async def run(self, work: Work[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """One unit of work as a plain function of a connection: committed when it returns,
        rolled back when it raises. For the path every ballot takes.

        On a SQLite file it runs as :class:`SQLiteUnits` says: at once, or on a thread when the
        file is busy. On PostgreSQL (asyncpg) and in tests (a savepoint) it runs on the async
        connection through ``run_sync``, statement by statement, with the same code.
        """

        def unit(connection: Connection) -> T:
            return work(connection, *args, **kwargs)

        if self._on_file:
            if self._sqlite is None:
                self._sqlite = SQLiteUnits(self.engine)
            return await self._sqlite.run(unit)
        async with self.core() as connection:
            return await connection.run_sync(unit)

    @property
    def autocommits(self) -> bool:
        """Whether :meth:`run_autocommit` runs statements that each commit by themselves:
        PostgreSQL outside the tests' outer transaction."""
        return self.bind is None and self.engine.dialect.name == "postgresql"

    async def run_autocommit(self, work: Work[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """A unit of work whose statements each commit by themselves, with no BEGIN and COMMIT
        round trips: for work that writes in one statement and can tell when what it read
        before has changed (see ``motions.cast``). Only where :attr:`autocommits`."""
        if not self.autocommits:
            raise RuntimeError("statements commit by themselves only on PostgreSQL")

        def unit(connection: Connection) -> T:
            return work(connection, *args, **kwargs)

        if self._autocommit is None:
            self._autocommit = autocommit_engine(self.engine)
        async with self._autocommit.connect() as connection:
            return await connection.run_sync(unit)

    @asynccontextmanager
    async def connection(self) -> AsyncIterator[AsyncConnection]:
        """A connection for schema work: the bound one in tests, else a fresh one."""
        if self.bind is not None:
            yield self.bind
            return
        async with self.engine.connect() as connection:
            yield connection

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    async def dispose(self) -> None:
        if self._sqlite is not None:
            units, self._sqlite = self._sqlite, None
            units.dispose()
        if self._autocommit is not None:
            autocommit, self._autocommit = self._autocommit, None
            await autocommit.dispose()
        await self.engine.dispose()
