"""The engine and sessions: SQLite (WAL, busy timeout, foreign keys) or PostgreSQL (asyncpg)."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import AsyncIterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from contextvars import ContextVar
from functools import partial
from typing import Any

from sqlalchemy import Connection, Dialect, Engine, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import DisconnectionError, SQLAlchemyError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.pool import ConnectionPoolEntry, PoolProxiedConnection

SQLITE_BUSY_TIMEOUT_MS = 5000
log = logging.getLogger(__name__)

#: What a statement can run on: an ORM session or a plain connection.
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
    # Straight on the driver's connection: one trip to aiosqlite's thread, where a statement
    # through a cursor takes three (open, execute, close); every unit of work begins here.
    begin = "BEGIN" if connection.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE"
    connection.connection.dbapi_connection.execute(begin)  # type: ignore[union-attr]


def is_database_error(error: BaseException | None) -> bool:
    """The database failed (unreachable, lost connection, timed out): nothing was committed."""
    return isinstance(error, SQLAlchemyError | OSError | ConnectionError)


def _configure_sqlite(engine: Engine, **pragmas: Any) -> None:
    event.listen(engine, "connect", partial(_sqlite_pragmas, **pragmas))
    event.listen(engine, "begin", _sqlite_begin)


def make_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An async engine for ``url``; SQLite gets WAL, a busy timeout and enforced foreign keys.

    Statement parameters (names, usernames, drafts, ballot choices) never appear in the text of
    an error it raises (``hide_parameters``), so a failure cannot carry them into a log."""
    kwargs["hide_parameters"] = True
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


#: Whether a unit of work committed since :func:`start_of_update` in this task (an update's
#: handling runs in one task): an error after a commit must not be told as "nothing recorded".
_COMMITTED: ContextVar[bool] = ContextVar("werkbot_committed", default=False)


def _wrote(session: Session, *_: Any) -> None:
    session.info["wrote"] = True


def _wrote_by_statement(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        state.session.info["wrote"] = True


# a unit of work "wrote" when the session flushed changes or ran an INSERT/UPDATE/DELETE
event.listen(Session, "after_flush", _wrote)
event.listen(Session, "do_orm_execute", _wrote_by_statement)


def start_of_update() -> None:
    """From here on, :func:`committed` says whether the update's own work was committed."""
    _COMMITTED.set(False)


def committed() -> bool:
    return _COMMITTED.get()


class Database:
    """The engine plus a session factory; services open one unit of work per call."""

    def __init__(self, engine: AsyncEngine, bind: AsyncConnection | None = None) -> None:
        self.engine = engine
        self.bind = bind
        # SQLite has one writer at a time: this process's writers queue here, in order, instead
        # of polling the file's lock (where, with many at once, some wait past the busy timeout)
        self._writer = asyncio.Lock() if bind is None and engine.dialect.name == "sqlite" else None
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
        async with self._writing(), self.sessions() as session, session.begin():
            yield session
        if session.info.get("wrote"):  # flushed at the commit, if not before
            _COMMITTED.set(True)

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
        """One unit of work on a plain connection, without an ORM session: for bulk statements
        (the outbox, the inbox) where the session's bookkeeping buys nothing."""
        if self.bind is not None:
            async with self.bind.begin_nested():
                yield self.bind
            _COMMITTED.set(True)
            return
        async with self._writing(), self.engine.begin() as connection:
            yield connection
        _COMMITTED.set(True)

    def _writing(self) -> AbstractAsyncContextManager[Any]:
        return self._writer if self._writer is not None else nullcontext()

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
        await self.engine.dispose()
