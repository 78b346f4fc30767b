"""People: found by their Telegram account, with the language they read."""

from __future__ import annotations

from sqlalchemy import select

from bot.db.engine import Database
from bot.db.models import Person
from bot.i18n import normalize_language
from bot.services.errors import Refusal, ServiceError
from bot.services.views import PersonView


def view(person: Person, default_language: str) -> PersonView:
    language = person.language or normalize_language(person.telegram_language, default_language)
    return PersonView(
        person.id, person.telegram_user_id, person.name, language, person.language, person.is_demo
    )


async def identify(
    db: Database,
    telegram_user_id: int,
    name: str,
    *,
    username: str | None = None,
    telegram_language: str | None = None,
    default_language: str = "nl",
) -> PersonView:
    """The person behind a Telegram account, created on first contact, kept up to date."""
    async with db.transaction() as session:
        person = await session.scalar(
            select(Person).where(Person.telegram_user_id == telegram_user_id)
        )
        if person is None:
            person = Person(telegram_user_id=telegram_user_id, name=name, username=username)
            session.add(person)
        person.name, person.username = name, username
        person.telegram_language = telegram_language
        await session.flush()
        return view(person, default_language)


async def set_language(
    db: Database, person_id: int, language: str, default_language: str = "nl"
) -> PersonView:
    async with db.transaction() as session:
        person = await session.get(Person, person_id)
        if person is None:
            raise ServiceError(Refusal.UNKNOWN_PERSON, person=person_id)
        person.language = normalize_language(language)
        return view(person, default_language)


async def find_person(db: Database, ref: str, default_language: str = "nl") -> PersonView:
    """A person by Telegram user id, @username or exact name (for the admin command line)."""
    async with db.transaction() as session:
        query = select(Person)
        if ref.isdigit():
            query = query.where(Person.telegram_user_id == int(ref))
        elif ref.startswith("@"):
            query = query.where(Person.username == ref[1:])
        else:
            query = query.where(Person.name == ref)
        people = (await session.scalars(query)).all()
        if len(people) != 1:
            raise ServiceError(Refusal.UNKNOWN_PERSON, person=ref, matches=len(people))
        return view(people[0], default_language)


async def everyone(db: Database, default_language: str = "nl") -> list[PersonView]:
    """Everyone the bot knows, oldest first (the offline chat's cast)."""
    async with db.transaction() as session:
        found = await session.scalars(select(Person).order_by(Person.id))
        return [view(p, default_language) for p in found]
