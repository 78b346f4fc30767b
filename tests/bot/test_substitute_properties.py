"""Property: naming substitutes never gives a seat more than one ballot, nor takes one away."""

from __future__ import annotations

import itertools
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from bot.db.engine import Database
from bot.db.models import BallotRow, Seat, utcnow
from bot.services import boards, meetings, motions, people, substitutes
from bot.services.errors import ServiceError
from rules.decide import Choice

IDS = itertools.count(900_000)
STEPS = st.lists(
    st.one_of(
        st.tuples(st.just("name"), st.sampled_from(["meeting", "motion"]), st.sampled_from([0, 1])),
        st.tuples(
            st.just("vote"), st.sampled_from(["holder", 0, 1]), st.sampled_from(list(Choice))
        ),
    ),
    max_size=12,
)


async def ballots_of(db: Database, motion_id: int, seat_key: str) -> int:
    async with db.transaction() as session:
        found = await session.scalar(
            select(func.count())
            .select_from(BallotRow)
            .join(Seat, Seat.id == BallotRow.seat_id)
            .where(BallotRow.motion_id == motion_id, Seat.key == seat_key)
        )
        return int(found or 0)


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=STEPS)
async def test_a_seat_has_zero_or_one_ballot_whatever_is_named(
    db: Database, steps: list[tuple[str, object, object]]
) -> None:
    board = await boards.create_board(db, "achterhoek-2014")

    async def person(name: str) -> int:
        return (await people.identify(db, next(IDS), name, telegram_language="nl")).id

    secretary, holder = await person("Secretaris"), await person("Wethouder")
    others = [await person("Vervanger A"), await person("Vervanger B")]
    await boards.assign(db, board.id, "secretaris", secretary)
    await boards.assign(db, board.id, "iswi", holder)
    meeting = await meetings.schedule(
        db, board.id, secretary, utcnow() + timedelta(days=1), "Stadhuis", ""
    )
    motion = await motions.propose(
        db,
        board.id,
        secretary,
        "Voorstel",
        "Tekst",
        utcnow() + timedelta(days=3),
        meeting_id=meeting.id,
    )
    for step, what, who in steps:
        before = await ballots_of(db, motion.id, "iswi")
        try:
            if step == "name":
                await substitutes.name(
                    db,
                    board.id,
                    "iswi",
                    holder,
                    person_id=others[int(str(who))],
                    meeting_id=meeting.id if what == "meeting" else None,
                    motion_id=None if what == "meeting" else motion.id,
                )
                assert await ballots_of(db, motion.id, "iswi") == before
            else:
                voter = holder if what == "holder" else others[int(str(what))]
                assert isinstance(who, Choice)
                await motions.cast(db, motion.id, voter, who)
        except ServiceError:
            assert await ballots_of(db, motion.id, "iswi") == before
        assert await ballots_of(db, motion.id, "iswi") in (0, 1)
