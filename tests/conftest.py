"""Shared fixtures: the database on SQLite and (when WERKBOT_TEST_DATABASE_URL is set) PostgreSQL.

The schema is built once per run with the real migrations (after a full downgrade, so the
migrations themselves are tested); each test runs in one outer transaction that is rolled
back at the end, with every service's unit of work a savepoint inside it.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.pool import NullPool

from bot.db.engine import Database, dialect_name, make_engine
from bot.db.schema import alembic_config, upgrade_engine

POSTGRES_ENV = "WERKBOT_TEST_DATABASE_URL"
# the clause index is not kept in the home directory by the tests (tests/bot/test_index_kept.py
# keeps it in a temporary one); subprocesses the tests start inherit this
os.environ["WERKBOT_CACHE_DIR"] = "off"


def database_urls(tmp: Path) -> dict[str, str]:
    urls = {"sqlite": f"sqlite+aiosqlite:///{tmp / 'werkbot-test.sqlite3'}"}
    if os.environ.get(POSTGRES_ENV):
        urls["postgresql"] = os.environ[POSTGRES_ENV]
    return urls


async def _rebuild(engine: AsyncEngine) -> None:
    def downgrade(connection: object) -> None:
        config = alembic_config(str(engine.url))
        config.attributes["connection"] = connection
        command.downgrade(config, "base")

    async with engine.begin() as connection:
        await connection.run_sync(downgrade)
    await upgrade_engine(engine)


@pytest.fixture(scope="session")
def engines(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, AsyncEngine]]:
    """One migrated engine per backend; an unreachable PostgreSQL fails the run, never skips."""
    built: dict[str, AsyncEngine] = {}
    for name, url in database_urls(tmp_path_factory.mktemp("db")).items():
        engine = make_engine(url, poolclass=NullPool)
        try:
            asyncio.run(_rebuild(engine))
        except OSError as exc:
            pytest.fail(f"{POSTGRES_ENV} is set but the database is unreachable: {exc}")
        built[name] = engine
    yield built
    for engine in built.values():
        asyncio.run(engine.dispose())


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        backends = ["sqlite"] + (["postgresql"] if os.environ.get(POSTGRES_ENV) else [])
        metafunc.parametrize("backend", backends)


@pytest.fixture
async def db(engines: dict[str, AsyncEngine], backend: str) -> AsyncIterator[Database]:
    """A Database whose every unit of work is rolled back when the test ends."""
    engine = engines[backend]
    async with engine.connect() as connection:
        outer = await connection.begin()
        yield Database(engine, bind=connection)
        await outer.rollback()


async def lift_audit_guard(session: AsyncSession) -> None:
    """Let this transaction change or delete audit rows, as only the test database's superuser
    can: PostgreSQL refuses it to everyone else (migration 0017). For tests that tamper with
    the log, and for cleanups of what a test committed. Until the transaction ends every
    trigger is off, foreign keys' cascades included: delete other rows in another one."""
    if dialect_name(session) == "postgresql":
        await session.execute(text("SET LOCAL session_replication_role = replica"))
