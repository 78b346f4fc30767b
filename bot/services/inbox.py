"""Arrival of an update: a replayed ``update_id`` is refused; the person is found or made.

Both happen in one unit of work with plain (Core) statements, since every update pays for it:
one insert, one select, and a write only when the person is new or their Telegram name,
username or language changed.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, insert, select, update
from sqlalchemy.exc import IntegrityError

from bot.db.engine import Database
from bot.db.models import Person, ProcessedUpdate, utcnow
from bot.i18n import normalize_language
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


_RECORD = insert(ProcessedUpdate)
_PERSON = select(
    Person.id,
    Person.name,
    Person.username,
    Person.language,
    Person.telegram_language,
    Person.is_demo,
).where(Person.telegram_user_id == bindparam("telegram_user_id"))
_NEW_PERSON = insert(Person).returning(Person.id)
_REFRESH = (
    update(Person)
    .where(Person.id == bindparam("person_id"))
    .values(
        name=bindparam("name"), username=bindparam("username"), telegram_language=bindparam("lang")
    )
)


async def arrive(
    db: Database, update_id: int, sender: Sender | None, default_language: str = "nl"
) -> PersonView | None:
    """Record the update (raise :class:`Replayed` if seen) and return its sender as a person."""
    try:
        async with db.transaction() as session:
            await session.execute(_RECORD, {"update_id": update_id, "received_at": utcnow()})
            if sender is None:
                return None
            found = (
                await session.execute(_PERSON, {"telegram_user_id": sender.telegram_user_id})
            ).first()
            if found is None:
                person_id = await session.scalar(
                    _NEW_PERSON,
                    {
                        "telegram_user_id": sender.telegram_user_id,
                        "name": sender.name,
                        "username": sender.username,
                        "telegram_language": sender.telegram_language,
                        "is_demo": False,
                        "created_at": utcnow(),
                    },
                )
                assert person_id is not None
                chosen, is_demo = None, False
            else:
                person_id, chosen, is_demo = found.id, found.language, found.is_demo
                if (found.name, found.username, found.telegram_language) != (
                    sender.name,
                    sender.username,
                    sender.telegram_language,
                ):
                    await session.execute(
                        _REFRESH,
                        {
                            "person_id": person_id,
                            "name": sender.name,
                            "username": sender.username,
                            "lang": sender.telegram_language,
                        },
                    )
    except IntegrityError:
        raise Replayed(update_id) from None
    language = chosen or normalize_language(sender.telegram_language, default_language)
    return PersonView(person_id, sender.telegram_user_id, sender.name, language, chosen, is_demo)
