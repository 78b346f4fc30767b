"""A demo board with fictional members, so every feature can be tried at once offline."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from bot.db.engine import Database
from bot.db.models import Person, Seat, utcnow
from bot.services import boards
from bot.services.people import view
from bot.services.views import BoardRef, PersonView

#: Fictional people. Their Telegram ids lie in a range no real account uses in this bot.
DEMO_NAMES = (
    "Anna de Vries", "Bram Jansen", "Carla Bakker", "Daan Visser", "Eva Smit", "Floor Meijer",
    "Gijs de Boer", "Hanna Mulder", "Ivo de Groot", "Julia Bos", "Koen Vos", "Lotte Peters",
    "Mees Hendriks", "Noor van Dijk", "Olaf Dekker", "Pien Brouwer", "Ruben de Wit",
    "Sanne Dijkstra", "Tim Kok", "Uma Jacobs",
)  # fmt: skip
DEMO_SECRETARY = "Sam de Secretaris"
DEMO_SUFFIX = " (demo)"
DEMO_TELEGRAM_IDS = 9_000_000_000


@dataclass(frozen=True)
class DemoBoard:
    board: BoardRef
    secretary: PersonView
    members: tuple[PersonView, ...]
    vacant_seat: str


async def create_demo(db: Database, agreement_id: str, default_language: str = "nl") -> DemoBoard:
    """A board from ``agreement_id`` whose seats are held by fictional members, one left vacant.

    The secretary seat goes to a fictional secretary; the last voting seat stays vacant so an
    invite can be tried.
    """
    board = await boards.create_board(db, agreement_id, demo=True)
    async with db.transaction() as session:
        seats = (
            await session.scalars(
                select(Seat).where(Seat.board_id == board.id).order_by(Seat.position)
            )
        ).all()
        vacant = [s for s in seats if s.votes][-1]
        taken = await session.scalar(
            select(Person.telegram_user_id)
            .order_by(Person.telegram_user_id.desc())
            .where(Person.is_demo.is_(True))
            .limit(1)
        )
        next_id = max(taken or DEMO_TELEGRAM_IDS, DEMO_TELEGRAM_IDS) + 1
        names = iter(DEMO_NAMES)
        secretary: PersonView | None = None
        members: list[PersonView] = []
        for seat in seats:
            if seat is vacant or seat.role == "deputy_secretary":
                continue
            name = (
                DEMO_SECRETARY if seat.role == "secretary" else next(names, f"Lid {seat.position}")
            )
            person = Person(
                telegram_user_id=next_id, name=name + DEMO_SUFFIX, is_demo=True, language=None
            )
            next_id += 1
            session.add(person)
            await session.flush()
            await boards.take_seat(session, seat, person, utcnow())
            if seat.role == "secretary":
                secretary = view(person, default_language)
            else:
                members.append(view(person, default_language))
        assert secretary is not None, "every shipped agreement has a secretary seat"
        return DemoBoard(board, secretary, tuple(members), vacant.key)
