"""Arrival of an update: a replayed ``update_id`` is refused; the person is found or made.

Both happen in one unit of work, so an update costs one transaction before its handler runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from bot.db.engine import Database
from bot.db.models import Person, ProcessedUpdate
from bot.services.people import view
from bot.services.views import PersonView


@dataclass(frozen=True)
class Sender:
    """Who sent an update, as Telegram describes them."""

    telegram_user_id: int
    name: str
    username: str | None
    telegram_language: str | None


class Replayed(Exception):
    """The update was processed before."""


async def arrive(
    db: Database, update_id: int, sender: Sender | None, default_language: str = "nl"
) -> PersonView | None:
    """Record the update (raise :class:`Replayed` if seen) and return its sender as a person."""
    try:
        async with db.transaction() as session:
            session.add(ProcessedUpdate(update_id=update_id))
            await session.flush()
            if sender is None:
                return None
            person = await session.scalar(
                select(Person).where(Person.telegram_user_id == sender.telegram_user_id)
            )
            if person is None:
                person = Person(telegram_user_id=sender.telegram_user_id, name=sender.name)
                session.add(person)
            if (person.name, person.username, person.telegram_language) != (
                sender.name,
                sender.username,
                sender.telegram_language,
            ):
                person.name, person.username = sender.name, sender.username
                person.telegram_language = sender.telegram_language
            await session.flush()
            return view(person, default_language)
    except IntegrityError:
        raise Replayed(update_id) from None
