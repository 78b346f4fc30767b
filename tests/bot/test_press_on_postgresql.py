"""A ballot press (motions.cast, the one path) on PostgreSQL, on real pooled connections.

Not in the rolled-back test transaction, so presses, erasures and other appenders really queue
on the audit chain's lock; they need PostgreSQL: WERKBOT_TEST_DATABASE_URL. Everything they
commit is removed afterwards.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta

import pytest
from sqlalchemy import delete, func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.db.engine import Database, make_engine
from bot.db.models import AuditEvent, BallotRow, Board, Person, ProcessedUpdate, utcnow
from bot.services import audit, boards, motions, people, privacy, substitutes
from bot.services.errors import Refusal, ServiceError
from bot.services.inbox import Replayed
from bot.services.verify import verify_board
from rules.decide import Choice
from tests.conftest import POSTGRES_ENV, lift_audit_guard

FIRST_USER = 7_800_000
FIRST_UPDATE = 780_000_000


@dataclass
class Pressing:
    db: Database
    board_id: int
    motion_id: int
    member: int
    substitute: int
    substitution: int
    first_event: int


@pytest.fixture
async def pressing(engines: dict[str, AsyncEngine]) -> AsyncIterator[Pressing]:
    """A board on PostgreSQL with one member on a voting seat and one open motion."""
    if "postgresql" not in engines:
        pytest.skip(f"PostgreSQL only: set {POSTGRES_ENV}")
    url = engines["postgresql"].url.render_as_string(hide_password=False)
    db = Database(make_engine(url))
    async with db.transaction() as session:
        first_event = int(await session.scalar(select(func.max(AuditEvent.id))) or 0)
    board = await boards.create_board(db, "achterhoek-2014")
    made: list[int] = []
    try:
        member = await people.identify(db, FIRST_USER, "Lid")
        made.append(member.id)
        await boards.assign(db, board.id, "voorzitter", member.id)
        secretary = await people.identify(db, FIRST_USER + 1, "Secretaris")
        await boards.assign(db, board.id, "secretaris", secretary.id)
        holder = await people.identify(db, FIRST_USER + 2, "Houder")
        await boards.assign(db, board.id, "uwv", holder.id)
        substitute = await people.identify(db, FIRST_USER + 3, "Vervanger")
        motion = await motions.propose(
            db, board.id, secretary.id, "Voorstel", "Tekst", utcnow() + timedelta(hours=1)
        )
        named = await substitutes.name(
            db, board.id, "uwv", holder.id, motion_id=motion.id, person_id=substitute.id
        )
        yield Pressing(db, board.id, motion.id, member.id, substitute.id, named.id, first_event)
    finally:
        async with db.transaction() as session:  # the audit rows: see lift_audit_guard
            await lift_audit_guard(session)
            await session.execute(delete(AuditEvent).where(AuditEvent.id > first_event))
        async with db.transaction() as session:
            await session.execute(delete(Board).where(Board.id == board.id))
            await session.execute(
                delete(Person).where(
                    or_(
                        Person.telegram_user_id.between(FIRST_USER, FIRST_USER + 4),
                        Person.id.in_(made),  # an erased person has no Telegram id
                    )
                )
            )
            await session.execute(
                delete(ProcessedUpdate).where(
                    ProcessedUpdate.update_id.between(FIRST_UPDATE, FIRST_UPDATE + 99)
                )
            )
        await db.dispose()


async def _state(b: Pressing) -> tuple[list[tuple[str, int]], list[str], int]:
    """The motion's ballots (choice, changes), its ballot events' kinds, updates recorded."""
    async with b.db.transaction() as session:
        ballots = (
            await session.execute(
                select(BallotRow.choice, BallotRow.changes).where(
                    BallotRow.motion_id == b.motion_id
                )
            )
        ).all()
        kinds = await session.scalars(
            select(AuditEvent.kind)
            .where(AuditEvent.id > b.first_event, AuditEvent.kind.like("ballot_%"))
            .order_by(AuditEvent.id)
        )
        updates = await session.scalar(
            select(func.count()).where(
                ProcessedUpdate.update_id.between(FIRST_UPDATE, FIRST_UPDATE + 99)
            )
        )
    return [(c, n) for c, n in ballots], list(kinds), int(updates or 0)


@asynccontextmanager
async def _chain_held(db: Database) -> AsyncIterator[AsyncConnection]:
    """Another appender holds the chain's lock until the block ends; what it appended there
    is committed then."""
    async with db.engine.connect() as other:
        holding = await other.begin()
        await audit.lock_chain(other)
        yield other
        await holding.commit()


async def _waiting_for_the_chain(holder: AsyncConnection, presses: int) -> bool:
    """Whether ``presses`` presses come to wait for the chain's lock ``holder`` holds (5 s)."""
    for _ in range(500):
        await asyncio.sleep(0.01)
        waiting = await holder.scalar(
            text(
                "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                "AND objid = :key AND NOT granted"
            ),
            {"key": audit._CHAIN_LOCK},
        )
        if waiting == presses:
            return True
    return False


async def test_a_press_is_recorded_with_its_ballot_and_a_replay_by_its_record(
    pressing: Pressing,
) -> None:
    b = pressing
    vote = await motions.cast(b.db, b.motion_id, b.member, Choice.FOR, update_id=FIRST_UPDATE)
    assert (vote.changed, vote.first, vote.choice) == (True, True, Choice.FOR)
    with pytest.raises(Replayed):
        await motions.cast(b.db, b.motion_id, b.member, Choice.AGAINST, update_id=FIRST_UPDATE)
    same = await motions.cast(b.db, b.motion_id, b.member, Choice.FOR, update_id=FIRST_UPDATE + 1)
    assert (same.changed, same.first) == (False, False)
    with pytest.raises(Replayed):  # a press that changed nothing is recorded all the same
        await motions.cast(b.db, b.motion_id, b.member, Choice.FOR, update_id=FIRST_UPDATE + 1)
    changed = await motions.cast(
        b.db, b.motion_id, b.member, Choice.ABSTAIN, update_id=FIRST_UPDATE + 2
    )
    assert (changed.changed, changed.first) == (True, False)
    assert await _state(b) == ([("abstain", 1)], ["ballot_cast", "ballot_changed"], 3)
    assert (await verify_board(b.db, b.board_id)).problems == []
    assert await audit.first_broken_event(b.db) is None


async def test_a_substitute_press_is_hashed_as_the_chain_is_verified(
    pressing: Pressing,
) -> None:
    b = pressing
    for number, choice in enumerate([Choice.FOR, Choice.AGAINST]):
        vote = await motions.cast(
            b.db, b.motion_id, b.substitute, choice, update_id=FIRST_UPDATE + number
        )
        assert vote.changed
    async with b.db.transaction() as session:
        payloads = (
            await session.scalars(
                select(AuditEvent.payload)
                .where(AuditEvent.id > b.first_event, AuditEvent.kind.like("ballot_%"))
                .order_by(AuditEvent.id)
            )
        ).all()
    assert [p["choice"] for p in payloads] == ["for", "against"]
    assert all(p["substitution"] == b.substitution for p in payloads)
    assert (await verify_board(b.db, b.board_id)).problems == []
    assert await audit.first_broken_event(b.db) is None


async def test_a_refused_press_is_not_recorded_and_is_refused_again(
    pressing: Pressing,
) -> None:
    b = pressing
    await motions.close(b.db, b.motion_id)
    for _ in range(2):  # not taken for a replay: the press was never recorded
        with pytest.raises(ServiceError) as refused:
            await motions.cast(b.db, b.motion_id, b.member, Choice.FOR, update_id=FIRST_UPDATE)
        assert refused.value.refusal is Refusal.VOTING_CLOSED
    assert await _state(b) == ([], [], 0)


async def test_the_same_press_twice_behind_the_lock_leaves_one_ballot_and_one_event(
    pressing: Pressing,
) -> None:
    """Both queue on the chain's lock; the second reads the first's ballot and changes nothing."""
    b = pressing
    async with _chain_held(b.db) as other:
        presses = [
            asyncio.create_task(
                motions.cast(b.db, b.motion_id, b.member, Choice.FOR, update_id=FIRST_UPDATE + n)
            )
            for n in range(2)
        ]
        assert await _waiting_for_the_chain(other, 2)
    votes = await asyncio.gather(*presses)
    assert sorted(vote.changed for vote in votes) == [False, True]
    assert await _state(b) == ([("for", 0)], ["ballot_cast"], 2)
    assert await audit.first_broken_event(b.db) is None


async def test_a_press_for_two_seats_writes_both_and_is_recorded_once(
    pressing: Pressing,
) -> None:
    b = pressing
    holder = await people.identify(b.db, FIRST_USER + 4, "Houder ISWI")
    await boards.assign(b.db, b.board_id, "iswi", holder.id)
    await substitutes.name(
        b.db, b.board_id, "iswi", holder.id, motion_id=b.motion_id, person_id=b.substitute
    )
    vote = await motions.cast(b.db, b.motion_id, b.substitute, Choice.FOR, update_id=FIRST_UPDATE)
    assert (vote.changed, vote.first) == (True, True)
    assert await _state(b) == ([("for", 0), ("for", 0)], ["ballot_cast", "ballot_cast"], 1)
    with pytest.raises(Replayed):
        await motions.cast(b.db, b.motion_id, b.substitute, Choice.FOR, update_id=FIRST_UPDATE)
    assert await audit.first_broken_event(b.db) is None


async def test_a_person_erased_while_they_press_gets_no_deadlock(pressing: Pressing) -> None:
    """The press queues on the chain's lock first, the erasure second; the press then writes
    the ballot the erasure would have touched already, had it not waited for the lock first."""
    b = pressing
    await motions.cast(b.db, b.motion_id, b.member, Choice.FOR, update_id=FIRST_UPDATE)
    async with _chain_held(b.db) as other:
        press = asyncio.create_task(
            motions.cast(b.db, b.motion_id, b.member, Choice.AGAINST, update_id=FIRST_UPDATE + 1)
        )
        assert await _waiting_for_the_chain(other, 1)
        erasure = asyncio.create_task(privacy.forget(b.db, b.member))
        assert await _waiting_for_the_chain(other, 2)
    vote = await press
    erased = await erasure
    assert vote.changed
    assert erased.ballots_kept == 1
    async with b.db.transaction() as session:
        ballot = (
            await session.execute(
                select(BallotRow.choice, BallotRow.person_id).where(
                    BallotRow.motion_id == b.motion_id
                )
            )
        ).one()
    assert tuple(ballot) == ("against", None)
    assert await audit.first_broken_event(b.db) is None
