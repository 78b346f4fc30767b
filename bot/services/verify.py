"""`werkbot audit verify`: the hash chain, every ballot against its audit trail, every outcome.

The chain proves no event was altered or removed; comparing each stored ballot with the last
audit event for that seat proves no ballot row was altered; recomputing every closed outcome
from the ballots with ``rules.decide()`` proves no result was altered. For a secret ballot the
report never pairs a seat with a choice.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.engine import Database
from bot.db.models import AuditEvent, BallotRow, Motion
from bot.services import audit
from bot.services.boards import load_board
from bot.services.motions import decide_stored


@dataclass
class Report:
    events: int = 0
    ballots: int = 0
    outcomes: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


async def verify_board(db: Database, board_id: int) -> Report:
    """Check the chain, the board's ballots and its closed outcomes; list every discrepancy."""
    report = Report()
    broken = await audit.first_broken_event(db)
    async with db.transaction() as session:
        report.events = int(await session.scalar(select(func.count()).select_from(AuditEvent)) or 0)
        if broken is not None:
            kind = await session.scalar(select(AuditEvent.kind).where(AuditEvent.id == broken))
            report.problems.append(
                f"audit event {broken} ({kind}) does not match its hash or its predecessor"
            )
        board = await load_board(session, board_id)
        keys = {s.id: s.key for s in board.seats}
        trail = await _ballot_trail(session, board_id)
        closed = await _closed_results(session, board_id)
        motions = await session.scalars(
            select(Motion).where(Motion.board_id == board_id).order_by(Motion.id)
        )
        for motion in motions.all():
            ballots = await session.scalars(
                select(BallotRow).where(BallotRow.motion_id == motion.id)
            )
            for ballot in ballots.all():
                report.ballots += 1
                logged = trail.get((motion.id, ballot.seat_id))
                if logged == ballot.choice:
                    continue
                where = f"proposal {motion.id}, seat {keys.get(ballot.seat_id, ballot.seat_id)}"
                if motion.secret:
                    report.problems.append(
                        f"{where}: the ballot differs from the audit log (secret ballot)"
                    )
                else:
                    report.problems.append(
                        f"{where}: the ballot is {ballot.choice!r} but the audit log says {logged!r}"
                    )
            if motion.status != "closed":
                continue
            report.outcomes += 1
            recomputed = (
                await decide_stored(session, motion.id, board, motion.vice_chair_key)
            ).result.value
            logged_result = closed.get(motion.id)
            if motion.result != recomputed or logged_result != recomputed:
                report.problems.append(
                    f"proposal {motion.id}: stored result {motion.result!r}, audit log {logged_result!r}, "
                    f"recomputed from the ballots {recomputed!r}"
                )
    return report


async def _events(session: AsyncSession, board_id: int, kinds: list[str]) -> list[AuditEvent]:
    query = (
        select(AuditEvent)
        .where(AuditEvent.board_id == board_id, AuditEvent.kind.in_(kinds))
        .order_by(AuditEvent.id)
    )
    return list((await session.scalars(query)).all())


async def _ballot_trail(session: AsyncSession, board_id: int) -> dict[tuple[int, int], str]:
    """(motion, seat) -> the choice of the last ballot event in the audit log."""
    trail: dict[tuple[int, int], str] = {}
    for event in await _events(session, board_id, ["ballot_cast", "ballot_changed"]):
        trail[(int(event.payload["motion"]), int(event.payload["seat"]))] = str(
            event.payload["choice"]
        )
    return trail


async def _closed_results(session: AsyncSession, board_id: int) -> dict[int, str]:
    """motion -> the result its close recorded in the audit log."""
    return {
        int(e.payload["motion"]): str(e.payload["result"])
        for e in await _events(session, board_id, ["motion_closed"])
    }
