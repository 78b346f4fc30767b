"""The engine and sessions: SQLite (WAL, busy timeout, foreign keys) or PostgreSQL (asyncpg)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import Connection, event
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.pool import ConnectionPoolEntry

SQLITE_BUSY_TIMEOUT_MS = 5000

#: What a statement can run on: an ORM session or, on the hottest paths, a plain connection.
Executor = AsyncSession | AsyncConnection


def dialect_name(executor: Executor) -> str:
    """``sqlite`` or ``postgresql``, for a session or a connection."""
    if isinstance(executor, AsyncConnection):
        return executor.dialect.name
    return executor.bind.dialect.name


def _sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    # Let SQLAlchemy, not the driver, emit BEGIN: savepoints and BEGIN IMMEDIATE then work.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")  # WAL's usual setting: safe against crashes
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA foreign_keys=ON")
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


def make_engine(url: str, **kwargs: Any) -> AsyncEngine:
    """An async engine for ``url``; SQLite gets WAL, a busy timeout and enforced foreign keys."""
    if url.startswith("sqlite"):
        engine = create_async_engine(
            url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, **kwargs
        )
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        event.listen(engine.sync_engine, "begin", _sqlite_begin)
        return engine
    return create_async_engine(url, pool_pre_ping=True, **kwargs)


class Database:
    """The engine plus a session factory; services open one unit of work per call."""

    def __init__(self, engine: AsyncEngine, bind: AsyncConnection | None = None) -> None:
        self.engine = engine
        self.bind = bind
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
