"""200 seats pressing at once, several times each: one ballot per seat and a correct tally.

Runs on real, pooled connections (not the rolled-back test transaction), on SQLite and, when
WERKBOT_TEST_DATABASE_URL is set, PostgreSQL; everything it commits is removed afterwards.
"""

from __future__ import annotations

import asyncio
import random
from datetime import timedelta

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.db.engine import Database, make_engine
from bot.db.models import AuditEvent, BallotRow, Board, Person, ProcessedUpdate, utcnow
from bot.services import audit, boards, motions, people
from bot.services.verify import verify_board
from rules.decide import Choice, Tally
from tests.conftest import lift_audit_guard

SEATS = 200
PRESSES = 3
FIRST_UPDATE = 770_000_000


@pytest.mark.slow
@pytest.mark.parametrize("as_updates", [False, True], ids=["services", "updates"])
async def test_simultaneous_presses_leave_one_ballot_per_seat(
    engines: dict[str, AsyncEngine], backend: str, as_updates: bool
) -> None:
    """With ``as_updates`` every press carries its Telegram update, as from the bot: on
    PostgreSQL it first tries the statements that commit by themselves, and most of those
    find the chain moved on and queue on its lock instead."""
    url = engines[backend].url.render_as_string(hide_password=False)
    pool = {} if backend == "sqlite" else {"pool_size": 20, "max_overflow": 0}
    engine = make_engine(url, **pool)
    db = Database(engine)
    async with db.transaction() as session:
        first_event = int(await session.scalar(select(func.max(AuditEvent.id))) or 0)
    board = await boards.create_board(db, "achterhoek-2014", counts={"werkgevers": SEATS - 6})
    try:
        seats = [s.key for s in (await boards.overview(db, board.id)).seats if s.votes]
        assert len(seats) == SEATS
        members = []
        for number, seat in enumerate(seats):
            person = await people.identify(db, 7_700_000 + number, f"Gelijktijdig {number}")
            await boards.assign(db, board.id, seat, person.id)
            members.append(person.id)
        secretary = await people.identify(db, 7_699_999, "Secretaris gelijktijdig")
        await boards.assign(db, board.id, "secretaris", secretary.id)
        motion = await motions.propose(
            db, board.id, secretary.id, "Druk", "Iedereen tegelijk", utcnow() + timedelta(hours=1)
        )
        rng = random.Random(20261123)
        pressed = {person: [rng.choice(list(Choice)) for _ in range(PRESSES)] for person in members}
        presses = [(person, choice) for person, choices in pressed.items() for choice in choices]
        rng.shuffle(presses)
        await asyncio.gather(
            *(
                motions.cast(
                    db,
                    motion.id,
                    person,
                    choice,
                    update_id=FIRST_UPDATE + n if as_updates else None,
                )
                for n, (person, choice) in enumerate(presses)
            )
        )

        async with db.transaction() as session:
            rows = (
                await session.scalars(select(BallotRow).where(BallotRow.motion_id == motion.id))
            ).all()
        assert len(rows) == SEATS
        assert len({r.seat_id for r in rows}) == SEATS
        assert all(
            Choice(r.choice) in pressed[r.person_id] for r in rows if r.person_id is not None
        )
        view = await motions.view(db, motion.id)
        assert Tally.of(s.choice for s in view.seats) == Tally.of(Choice(r.choice) for r in rows)
        assert view.voted == SEATS
        report = await verify_board(db, board.id)
        assert report.problems == []
        assert await audit.first_broken_event(db) is None
    finally:
        async with db.transaction() as session:  # the audit rows: see lift_audit_guard
            await lift_audit_guard(session)
            await session.execute(delete(AuditEvent).where(AuditEvent.id > first_event))
        async with db.transaction() as session:
            await session.execute(delete(Board).where(Board.id == board.id))
            await session.execute(
                delete(Person).where(Person.telegram_user_id.between(7_699_999, 7_700_000 + SEATS))
            )
            await session.execute(
                delete(ProcessedUpdate).where(
                    ProcessedUpdate.update_id.between(FIRST_UPDATE, FIRST_UPDATE + SEATS * PRESSES)
                )
            )
        await db.dispose()  # the engine and the units' own connections
