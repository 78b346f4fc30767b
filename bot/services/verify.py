"""`werkbot audit verify`: the hash chain, its anchors, and the board's rows against their events.

Both directions are checked. Every event about a proposal, a ballot, a close or a seat
must find its row with the content the event vouches for (choice, caster, seat, title, text,
settings, close time, proposer, outcome); every such row must have its event. Recomputing each
closed outcome from the ballots with ``rules.decide()`` proves no result was altered. Anchors
(hash and number of an event, printed on result messages and documents) prove the chain was
not rebuilt from the start. For a secret ballot the report never pairs a seat or a person
with a choice. Events written before an event carried a field (a title's hash, a ballot's
caster, a close time) are checked on what they do carry, and counted as partly checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.db.engine import Database
from bot.db.models import AuditEvent, BallotRow, Board, Motion, Person, Seat, SeatAssignment
from bot.i18n import Translator, translator
from bot.services import audit
from bot.services.boards import load_board
from bot.services.motions import decide_stored
from bot.texts.verify import Wording

BALLOT_EVENTS = ("ballot_cast", "ballot_changed")
ENDED = {"closed": "motion_closed", "withdrawn": "motion_withdrawn"}


@dataclass
class Report:
    events: int = 0
    ballots: int = 0
    outcomes: int = 0
    #: Events written before they carried everything verify compares now (see the docstring).
    partly_checked: int = 0
    #: The chain's tip when it was checked.
    tip: audit.Anchor = audit.EMPTY_ANCHOR
    problems: list[str] = field(default_factory=list)

    @property
    def intact(self) -> bool:
        return not self.problems


async def verify_board(
    db: Database,
    board_id: int,
    t: Translator | None = None,
    anchors: Sequence[audit.AnchorClaim] = (),
) -> Report:
    """Check the chain, the anchors, the board's rows against its events; name each difference."""
    say = Wording(t or translator("en"))
    report = Report()
    broken = await audit.first_broken_event(db)
    async with db.transaction() as session:
        report.events = int(await session.scalar(select(func.count()).select_from(AuditEvent)) or 0)
        report.tip = await audit.anchor_in(session)
        if broken is not None:
            kind = await session.scalar(select(AuditEvent.kind).where(AuditEvent.id == broken))
            report.problems.append(say.broken_chain(broken, str(kind)))
        for claim in anchors:
            found = await session.scalar(select(AuditEvent.hash).where(AuditEvent.id == claim.seq))
            if found is None:
                report.problems.append(say.anchor_missing(claim.text, claim.seq, report.tip.seq))
            elif not claim.matches(found):
                report.problems.append(say.anchor_differs(claim.text, claim.seq, found))
        board = await load_board(session, board_id)
        check = _BoardCheck(session, board, say, report)
        await check.run()
    return report


class _BoardCheck:
    """One board's rows against its events, both ways."""

    def __init__(self, session: AsyncSession, board: Board, say: Wording, report: Report) -> None:
        self.session, self.board, self.say, self.report = session, board, say, report
        self.keys = {s.id: s.key for s in board.seats}

    def problem(self, text: str) -> None:
        self.report.problems.append(text)

    async def run(self) -> None:
        events = list(
            (
                await self.session.scalars(
                    select(AuditEvent)
                    .where(AuditEvent.board_id == self.board.id)
                    .order_by(AuditEvent.id)
                )
            ).all()
        )
        erased = set(
            await self.session.scalars(select(Person.id).where(Person.erased_at.is_not(None)))
        )
        proposed: dict[int, dict[str, Any]] = {}
        ended: dict[int, tuple[str, dict[str, Any]]] = {}
        trail: dict[tuple[int, int], dict[str, Any]] = {}
        assigned: dict[int, dict[str, Any]] = {}
        for event in events:
            payload = event.payload
            if event.kind == "motion_proposed":
                proposed[int(payload["motion"])] = payload
            elif event.kind in ENDED.values():
                ended[int(payload["motion"])] = (event.kind, payload)
            elif event.kind in BALLOT_EVENTS:
                trail[(int(payload["motion"]), int(payload["seat"]))] = payload
            elif event.kind == "seat_assigned":
                assigned[int(payload["seat"])] = payload
        motions = {
            m.id: m
            for m in await self.session.scalars(
                select(Motion).where(Motion.board_id == self.board.id).order_by(Motion.id)
            )
        }
        for motion_id in sorted(set(proposed) - set(motions)):
            self.problem(self.say.proposal_gone(motion_id))
        for motion_id in sorted(set(ended) - set(motions)):
            if motion_id in proposed:
                continue  # already named as gone
            self.problem(self.say.proposal_gone(motion_id))
        for motion in motions.values():
            self._proposal(motion, proposed.get(motion.id))
            self._end(motion, ended.get(motion.id))
            await self._ballots(motion, trail, erased)
            await self._outcome(motion, ended.get(motion.id))
        await self._seats(assigned, erased)

    def _proposal(self, motion: Motion, payload: dict[str, Any] | None) -> None:
        say = self.say
        if payload is None:
            self.problem(say.proposal_without_event(motion.id))
            return
        if payload.get("by") != motion.proposer_id:
            self.problem(say.proposer_differs(motion.id, payload.get("by"), motion.proposer_id))
        if "title" not in payload:
            self.report.partly_checked += 1
        else:
            content = audit.proposal_content(motion)
            if payload["title"] != content["title"]:
                self.problem(say.title_differs(motion.id))
            if payload["text"] != content["text"]:
                self.problem(say.text_differs(motion.id))
            if payload["deadline"] != content["deadline"]:
                self.problem(
                    say.deadline_differs(motion.id, payload["deadline"], motion.deadline_at)
                )
            if payload.get("meeting") != motion.meeting_id:
                self.problem(
                    say.meeting_differs(motion.id, payload.get("meeting"), motion.meeting_id)
                )
        if bool(payload.get("secret")) != motion.secret:
            self.problem(say.secret_differs(motion.id, bool(payload.get("secret"))))
        if bool(payload.get("tally_hidden")) != motion.tally_hidden:
            self.problem(say.hidden_differs(motion.id, bool(payload.get("tally_hidden"))))

    def _end(self, motion: Motion, logged: tuple[str, dict[str, Any]] | None) -> None:
        say = self.say
        expected = ENDED.get(motion.status)
        if logged is None:
            if expected is not None:
                self.problem(say.end_without_event(motion.id, motion.status))
            return
        kind, payload = logged
        if expected != kind:
            self.problem(say.end_differs(motion.id, kind, motion.status))
            return
        actual = motion.closed_by_id if kind == "motion_closed" else motion.proposer_id
        if payload.get("by") != actual:
            self.problem(say.closer_differs(motion.id, payload.get("by"), actual))
        if "closed_at" not in payload:
            self.report.partly_checked += 1
            return
        if payload["closed_at"] != audit.moment(motion.closed_at):
            self.problem(say.closed_at_differs(motion.id, payload["closed_at"], motion.closed_at))
        if kind == "motion_closed" and payload.get("basis") != audit.close_basis(motion):
            self.problem(say.basis_differs(motion.id))

    async def _ballots(
        self,
        motion: Motion,
        trail: dict[tuple[int, int], dict[str, Any]],
        erased: set[int],
    ) -> None:
        say = self.say
        rows = {
            b.seat_id: b
            for b in await self.session.scalars(
                select(BallotRow).where(BallotRow.motion_id == motion.id)
            )
        }
        logged_seats = {seat for (m, seat) in trail if m == motion.id}
        for seat_id in sorted(logged_seats - set(rows), key=lambda s: self._key(s)):
            self.problem(say.ballot_gone(motion.id, self._key(seat_id)))
        for seat_id, ballot in rows.items():
            self.report.ballots += 1
            seat = self._key(seat_id)
            logged = trail.get((motion.id, seat_id))
            if logged is None:
                self.problem(say.ballot_without_event(motion.id, seat))
                continue
            if logged["choice"] != ballot.choice:
                if motion.secret:
                    self.problem(say.secret_choice_differs(motion.id, seat))
                else:
                    self.problem(
                        say.choice_differs(motion.id, seat, ballot.choice, str(logged["choice"]))
                    )
            if "by" not in logged:
                self.report.partly_checked += 1
                continue
            caster = logged["by"]
            if ballot.person_id == caster or (ballot.person_id is None and caster in erased):
                continue
            if motion.secret:
                self.problem(say.secret_caster_differs(motion.id, seat))
            else:
                self.problem(say.caster_differs(motion.id, seat, caster, ballot.person_id))

    async def _outcome(self, motion: Motion, logged: tuple[str, dict[str, Any]] | None) -> None:
        if motion.status != "closed":
            return
        self.report.outcomes += 1
        recomputed = (
            await decide_stored(self.session, motion.id, self.board, motion.vice_chair_key)
        ).result.value
        logged_result = logged[1].get("result") if logged and logged[0] == "motion_closed" else None
        if motion.result != recomputed or (logged is not None and logged_result != recomputed):
            self.problem(
                self.say.outcome_differs(motion.id, motion.result, logged_result, recomputed)
            )

    async def _seats(self, assigned: dict[int, dict[str, Any]], erased: set[int]) -> None:
        """Every seat held now must be held by whom its last ``seat_assigned`` event names."""
        held = await self.session.execute(
            select(SeatAssignment.seat_id, SeatAssignment.person_id)
            .join(Seat, Seat.id == SeatAssignment.seat_id)
            .where(Seat.board_id == self.board.id, SeatAssignment.ends_at.is_(None))
        )
        for seat_id, person_id in held.all():
            logged = assigned.get(seat_id)
            if logged is None:
                self.problem(self.say.holder_without_event(self._key(seat_id), person_id))
            elif logged.get("person") != person_id:
                self.problem(
                    self.say.holder_differs(self._key(seat_id), logged.get("person"), person_id)
                )

    def _key(self, seat_id: int) -> str:
        return self.keys.get(seat_id, str(seat_id))
