"""Decide a motion from the seats, their ballots and who was present.

``decide()`` is a pure function: it tries the procedure's steps in order until one decides and
returns the outcome with every step it tried, so a renderer can say exactly why.

Readings (see ``DESIGN.md`` section 2 and the agreement files):

* Only ballots of voting seats count; ballots of advisors, secretaries, non-voting or unknown
  seats are listed as ignored and change nothing.
* A seat is present when it cast a counted ballot or is in ``attendance``; otherwise absent.
* Consensus adopts when no counted ballot is against and at least one is for. It also decides
  the other way: when no ballot is for and at least one is against, the motion is rejected
  unanimously (a unanimous "no" is a consensus too: achterhoek-2014 art. 3 votes only when
  "geen unaniem besluit kan worden genomen").
* Bloc majority: each delegation's vote is the majority of its members' for/against ballots;
  a tie inside the delegation, or only abstentions, makes the delegation abstain. The majority
  of delegation votes cast decides. On equal numbers (0-0 included) the chair's own ballot
  decides; only when the chair is *absent* does the vice-chair's ballot decide. A tie-breaker
  who is present but abstains or cast no ballot leaves no decision.
* Mandate: the named party's seats decide by their own majority; absent, abstaining or tied
  means no decision.
* Quorum (only when the agreement or the board sets one): counted over the voting seats, or
  the delegations with a voting seat, that are present. Below it nothing is decided and no
  step is tried; the members' ballots are still reported.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from rules.agreements.model import (
    BlocMajorityStep,
    ConsensusStep,
    MandateStep,
    NoDecisionStep,
    Procedure,
    QuorumRule,
    Seat,
    SeatRole,
)


class Choice(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


class Result(StrEnum):
    ADOPTED = "adopted"
    REJECTED = "rejected"
    NO_DECISION = "no_decision"


class Reason(StrEnum):
    """Why a step decided as it did, or why it did not decide."""

    CONSENSUS_FOR = "consensus_for"
    CONSENSUS_AGAINST = "consensus_against"
    NO_CONSENSUS = "no_consensus"
    NO_BALLOTS = "no_ballots"
    NO_PROCEDURE = "no_procedure"
    MAJORITY = "majority"
    TIE_BROKEN = "tie_broken"
    TIE_UNBROKEN = "tie_unbroken"
    MANDATE_DECIDED = "mandate_decided"
    MANDATE_ABSENT = "mandate_absent"
    MANDATE_ABSTAINED = "mandate_abstained"


class TieBreakStatus(StrEnum):
    DECIDED = "decided"
    ABSTAINED = "abstained"
    NO_BALLOT = "no_ballot"
    ABSENT = "absent"
    NO_SEAT = "no_seat"


class IgnoredWhy(StrEnum):
    NOT_VOTING = "not_voting"
    UNKNOWN_SEAT = "unknown_seat"


class DuplicateBallotError(ValueError):
    """Two ballots for one seat: the caller must pass each seat's final ballot only."""


@dataclass(frozen=True)
class Ballot:
    seat: str
    choice: Choice


@dataclass(frozen=True)
class Tally:
    votes_for: int = 0
    votes_against: int = 0
    abstentions: int = 0

    @classmethod
    def of(cls, choices: Iterable[Choice | None]) -> Tally:
        values = list(choices)
        return cls(
            values.count(Choice.FOR), values.count(Choice.AGAINST), values.count(Choice.ABSTAIN)
        )

    @property
    def cast(self) -> int:
        return self.votes_for + self.votes_against + self.abstentions

    def majority(self) -> Choice | None:
        """FOR or AGAINST when one outnumbers the other, ABSTAIN on a tie; None if empty."""
        if self.cast == 0:
            return None
        if self.votes_for == self.votes_against:
            return Choice.ABSTAIN
        return Choice.FOR if self.votes_for > self.votes_against else Choice.AGAINST


@dataclass(frozen=True)
class BlocVote:
    """A delegation's vote derived from its members' ballots; ``vote`` None: nobody voted."""

    delegation: str
    members: Tally
    vote: Choice | None


@dataclass(frozen=True)
class TieBreak:
    """One tie-breaker tried: the chair, then (only if the chair is absent) the vice-chair."""

    office: str
    seat: str | None
    status: TieBreakStatus
    choice: Choice | None = None


@dataclass(frozen=True)
class StepOutcome:
    """What one step of the procedure found; ``result`` None means it did not decide."""

    kind: str
    result: Result | None
    reason: Reason
    cites: tuple[str, ...]
    tally: Tally = Tally()
    blocs: tuple[BlocVote, ...] = ()
    tie_breaks: tuple[TieBreak, ...] = ()
    party: str | None = None


@dataclass(frozen=True)
class IgnoredBallot:
    seat: str
    why: IgnoredWhy


@dataclass(frozen=True)
class QuorumCheck:
    """The quorum applied: how many seats (or delegations) were present, of how many, needed."""

    basis: str
    present: int
    total: int
    needed: int
    cites: tuple[str, ...] = ()

    @property
    def met(self) -> bool:
        return self.present >= self.needed


@dataclass(frozen=True)
class Outcome:
    result: Result
    steps: tuple[StepOutcome, ...]
    present: frozenset[str]
    absent: frozenset[str]
    ignored: tuple[IgnoredBallot, ...] = ()
    cites: tuple[str, ...] = field(default=())
    #: The counted ballots of the members (whatever the steps made of them).
    tally: Tally = Tally()
    #: True when presence came from a meeting's attendance as well as the ballots.
    attendance_used: bool = False
    quorum: QuorumCheck | None = None

    @property
    def deciding_step(self) -> StepOutcome | None:
        return self.steps[-1] if self.steps else None


@dataclass(frozen=True)
class _Count:
    """The counted ballots of one decision, with the board's seats and offices."""

    seats: dict[str, Seat]
    ballots: dict[str, Choice]
    present: frozenset[str]
    vice_chair: str | None

    def office_seat(self, office: str) -> str | None:
        if office == "vice_chair" and self.vice_chair is not None:
            return self.vice_chair
        role = SeatRole.CHAIR if office == "chair" else SeatRole.VICE_CHAIR
        return next((s.id for s in self.seats.values() if s.role is role), None)


def decide(
    procedure: Procedure,
    seats: Sequence[Seat],
    ballots: Iterable[Ballot],
    *,
    attendance: Collection[str] | None = None,
    vice_chair: str | None = None,
    quorum: QuorumRule | None = None,
) -> Outcome:
    """Decide a motion: check the quorum, then try each step of ``procedure`` until one decides.

    ``attendance`` lists seats recorded present at the meeting (a seat that voted is present
    anyway); ``vice_chair`` is the seat the board chose as vice-chair, when the agreement makes
    the vice-chair an office of a member rather than a seat of its own; ``quorum`` is the
    agreement's or the board's quorum, if any.
    """
    count, ignored = _count(seats, ballots, attendance, vice_chair)
    voting = frozenset(s.id for s in seats if s.votes)
    tally = Tally.of(count.ballots.values())
    check = _quorum(quorum, seats, count.present) if quorum is not None else None
    steps: list[StepOutcome] = []
    if check is None or check.met:
        for step in procedure.steps:
            outcome = _run_step(step, count)
            steps.append(outcome)
            if outcome.result is not None:
                break
    result = (steps[-1].result if steps else None) or Result.NO_DECISION
    cites = tuple(
        dict.fromkeys([*(check.cites if check else ()), *(c for s in steps for c in s.cites)])
    )
    return Outcome(
        result,
        tuple(steps),
        count.present,
        voting - count.present,
        ignored,
        cites,
        tally,
        attendance is not None,
        check,
    )


def _quorum(rule: QuorumRule, seats: Sequence[Seat], present: frozenset[str]) -> QuorumCheck:
    voting = [s for s in seats if s.votes]
    if rule.basis == "delegations":
        all_blocs = {s.delegation for s in voting if s.delegation is not None}
        here = {s.delegation for s in voting if s.delegation is not None and s.id in present}
        total, count = len(all_blocs), len(here)
    else:
        total, count = len(voting), len([s for s in voting if s.id in present])
    return QuorumCheck(rule.basis, count, total, rule.needed(total), rule.cites)


def _count(
    seats: Sequence[Seat],
    ballots: Iterable[Ballot],
    attendance: Collection[str] | None,
    vice_chair: str | None,
) -> tuple[_Count, tuple[IgnoredBallot, ...]]:
    by_id = {s.id: s for s in seats}
    counted: dict[str, Choice] = {}
    ignored: list[IgnoredBallot] = []
    seen: set[str] = set()
    for ballot in ballots:
        if ballot.seat in seen:
            raise DuplicateBallotError(f"seat {ballot.seat!r} has more than one ballot")
        seen.add(ballot.seat)
        seat = by_id.get(ballot.seat)
        if seat is None:
            ignored.append(IgnoredBallot(ballot.seat, IgnoredWhy.UNKNOWN_SEAT))
        elif not seat.votes:
            ignored.append(IgnoredBallot(ballot.seat, IgnoredWhy.NOT_VOTING))
        else:
            counted[ballot.seat] = ballot.choice
    recorded = {s for s in (attendance or ()) if s in by_id and by_id[s].votes}
    present = frozenset(counted) | frozenset(recorded)
    ignored.sort(key=lambda b: b.seat)
    return _Count(by_id, counted, present, vice_chair), tuple(ignored)


def _run_step(
    step: ConsensusStep | BlocMajorityStep | MandateStep | NoDecisionStep, count: _Count
) -> StepOutcome:
    if isinstance(step, ConsensusStep):
        return _consensus(step, count)
    if isinstance(step, BlocMajorityStep):
        return _bloc_majority(step, count)
    if isinstance(step, MandateStep):
        return _mandate(step, count)
    return StepOutcome(step.kind, Result.NO_DECISION, Reason.NO_PROCEDURE, step.cites)


def _consensus(step: ConsensusStep, count: _Count) -> StepOutcome:
    tally = Tally.of(count.ballots.values())
    blocking_abstentions = step.abstention_breaks_consensus and tally.abstentions > 0
    if tally.cast == 0:
        return StepOutcome(step.kind, None, Reason.NO_BALLOTS, step.cites, tally)
    if tally.votes_against == 0 and tally.votes_for > 0 and not blocking_abstentions:
        return StepOutcome(step.kind, Result.ADOPTED, Reason.CONSENSUS_FOR, step.cites, tally)
    if tally.votes_for == 0 and tally.votes_against > 0 and not blocking_abstentions:
        return StepOutcome(step.kind, Result.REJECTED, Reason.CONSENSUS_AGAINST, step.cites, tally)
    return StepOutcome(step.kind, None, Reason.NO_CONSENSUS, step.cites, tally)


def _bloc_votes(count: _Count) -> tuple[BlocVote, ...]:
    delegations = dict.fromkeys(
        s.delegation for s in count.seats.values() if s.votes and s.delegation is not None
    )
    blocs = []
    for delegation in delegations:
        members = Tally.of(
            choice
            for seat_id, choice in count.ballots.items()
            if count.seats[seat_id].delegation == delegation
        )
        blocs.append(BlocVote(delegation, members, members.majority()))
    return tuple(blocs)


def _bloc_majority(step: BlocMajorityStep, count: _Count) -> StepOutcome:
    blocs = _bloc_votes(count)
    tally = Tally.of(b.vote for b in blocs)
    if tally.votes_for != tally.votes_against:
        result = Result.ADOPTED if tally.votes_for > tally.votes_against else Result.REJECTED
        return StepOutcome(step.kind, result, Reason.MAJORITY, step.cites, tally, blocs)
    tie_breaks: list[TieBreak] = []
    for office in step.tie_break:
        tie_break = _tie_breaker(office, count)
        tie_breaks.append(tie_break)
        if tie_break.status not in (TieBreakStatus.ABSENT, TieBreakStatus.NO_SEAT):
            break
    last = tie_breaks[-1] if tie_breaks else None
    if last is not None and last.status is TieBreakStatus.DECIDED:
        result = Result.ADOPTED if last.choice is Choice.FOR else Result.REJECTED
        reason = Reason.TIE_BROKEN
    else:
        result, reason = Result.NO_DECISION, Reason.TIE_UNBROKEN
    return StepOutcome(step.kind, result, reason, step.cites, tally, blocs, tuple(tie_breaks))


def _tie_breaker(office: str, count: _Count) -> TieBreak:
    seat = count.office_seat(office)
    if seat is None:
        return TieBreak(office, None, TieBreakStatus.NO_SEAT)
    if seat not in count.present:
        return TieBreak(office, seat, TieBreakStatus.ABSENT)
    choice = count.ballots.get(seat)
    if choice is None:
        return TieBreak(office, seat, TieBreakStatus.NO_BALLOT)
    if choice is Choice.ABSTAIN:
        return TieBreak(office, seat, TieBreakStatus.ABSTAINED, choice)
    return TieBreak(office, seat, TieBreakStatus.DECIDED, choice)


def _mandate(step: MandateStep, count: _Count) -> StepOutcome:
    holders = [s.id for s in count.seats.values() if s.party == step.party and s.votes]
    tally = Tally.of(count.ballots.get(seat) for seat in holders)
    vote = tally.majority()
    if vote is None:
        return StepOutcome(
            step.kind,
            Result.NO_DECISION,
            Reason.MANDATE_ABSENT,
            step.cites,
            tally,
            party=step.party,
        )
    if vote is Choice.ABSTAIN:
        return StepOutcome(
            step.kind,
            Result.NO_DECISION,
            Reason.MANDATE_ABSTAINED,
            step.cites,
            tally,
            party=step.party,
        )
    result = Result.ADOPTED if vote is Choice.FOR else Result.REJECTED
    return StepOutcome(
        step.kind, result, Reason.MANDATE_DECIDED, step.cites, tally, party=step.party
    )
