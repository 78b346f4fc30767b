"""The migrations build exactly the schema the models describe (no change outside Alembic)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db.models import Base


async def test_migrated_schema_equals_the_models(
    engines: dict[str, AsyncEngine], backend: str
) -> None:
    async with engines[backend].connect() as connection:
        differences = await connection.run_sync(
            lambda sync: compare_metadata(
                MigrationContext.configure(sync, opts={"compare_type": False}), Base.metadata
            )
        )
    assert differences == []
