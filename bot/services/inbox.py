"""Updates already seen: a replayed ``update_id`` is processed once."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from bot.db.engine import Database
from bot.db.models import ProcessedUpdate


async def first_sighting(db: Database, update_id: int) -> bool:
    """Record the update; False when it was recorded before (the primary key says so)."""
    try:
        async with db.transaction() as session:
            session.add(ProcessedUpdate(update_id=update_id))
    except IntegrityError:
        return False
    return True
