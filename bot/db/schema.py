"""Migrations: upgrade to the newest schema, and tell whether a database is up to date."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.db.engine import Database

log = logging.getLogger(__name__)

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


async def wait_until_current(
    db: Database, *, give_up_after: float = 120.0, first_pause: float = 1.0
) -> None:
    """:func:`ensure_current`, retrying with backoff while the database cannot be reached (it
    may be starting, or the network to it not up yet); each retry is logged with the reason."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + give_up_after
    pause = first_pause
    while True:
        try:
            await ensure_current(db)
            return
        except (SQLAlchemyError, OSError) as exc:
            reason = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
            if loop.time() + pause > deadline:
                log.error(
                    "database still unreachable after %.0f s (%s); giving up", give_up_after, reason
                )
                raise
            log.warning("database unreachable (%s); retrying in %.0f s", reason, pause)
            await asyncio.sleep(pause)
            pause = min(pause * 2, 30.0)


async def health(db: Database) -> dict[str, object]:
    """For ``/healthz``: the database reachable and its schema at this werkbot's revision."""
    try:
        current = await current_revision(db)
    except (SQLAlchemyError, OSError) as exc:
        return {"ok": False, "database": f"unreachable ({type(exc).__name__})"}
    head = head_revision()
    return {"ok": current == head, "database": "reachable", "schema": current, "expected": head}
