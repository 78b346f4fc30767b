"""Who the bot is on Telegram: the username getMe gave, kept so the command line's invite links
name the real bot (``BOT_USERNAME`` overrides it)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from bot.db.engine import Database, dialect_name
from bot.db.models import BotIdentity, utcnow


async def remember(db: Database, telegram_id: int, username: str) -> None:
    """Store what getMe said (every worker's start; the last one wins, they agree anyway)."""
    async with db.transaction() as session:
        dialect = postgresql if dialect_name(session) == "postgresql" else sqlite
        now = utcnow()
        statement = dialect.insert(BotIdentity).values(
            id=1, telegram_id=telegram_id, username=username, learned_at=now
        )
        await session.execute(
            statement.on_conflict_do_update(
                index_elements=[BotIdentity.id],
                set_={"telegram_id": telegram_id, "username": username, "learned_at": now},
            )
        )


async def username(db: Database) -> str | None:
    """The bot's username as last learned from Telegram, or None before the first start."""
    async with db.reading() as session:
        found: str | None = await session.scalar(
            select(BotIdentity.username).where(BotIdentity.id == 1)
        )
        return found
