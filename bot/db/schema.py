"""Migrations: upgrade to the newest schema, and tell whether a database is up to date."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.db.engine import Database

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class SchemaOutOfDate(Exception):
    """The database is not at the newest migration; the message says how to fix it."""


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config("sqlite://")).get_current_head()
    assert head is not None, "no migrations"
    return head


def _upgrade(connection: Connection, url: str) -> None:
    config = alembic_config(url)
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


async def upgrade(connection: AsyncConnection) -> None:
    """Bring the database behind ``connection`` to the newest schema (caller commits)."""
    await connection.run_sync(_upgrade, str(connection.engine.url))


async def upgrade_engine(engine: AsyncEngine) -> None:
    async with engine.begin() as connection:
        await upgrade(connection)


def _current(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()


async def current_revision(db: Database) -> str | None:
    async with db.connection() as connection:
        return await connection.run_sync(_current)


async def ensure_current(db: Database) -> None:
    """Raise :class:`SchemaOutOfDate` unless the database is at the newest migration."""
    current, head = await current_revision(db), head_revision()
    if current != head:
        state = "empty" if current is None else f"at revision {current}"
        raise SchemaOutOfDate(
            f"The database is {state}, but this werkbot needs revision {head}. "
            "Run: werkbot db upgrade"
        )
