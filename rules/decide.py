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

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum

from rules.agreements.model import (
    AnyStep,
    BlocMajorityStep,
    Condition,
    ConsensusStep,
    DoubleMajorityStep,
    MajorityStep,
    MandateStep,
    NoObjectionStep,
    Procedure,
    QuorumRule,
    Seat,
    SeatRole,
    Threshold,
    UnanimityStep,
    VetoStep,
    WeightedMajorityStep,
)


class Choice(StrEnum):
    FOR = "for"
    AGAINST = "against"
    ABSTAIN = "abstain"


class Result(StrEnum):
    ADOPTED = "adopted"
    REJECTED = "rejected"
    NO_DECISION = "no_decision"
    #: To the next meeting (a tie that is voted on again, a meeting without quorum).
    DEFERRED = "deferred"


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
    NOT_REACHED = "not_reached"
    TIE_REJECTED = "tie_rejected"
    TIE_DEFERRED = "tie_deferred"
    TIE_NO_DECISION = "tie_no_decision"
    UNANIMOUS = "unanimous"
    NOT_UNANIMOUS = "not_unanimous"
    VETOED = "vetoed"
    NO_VETO = "no_veto"
    NO_OBJECTION = "no_objection"
    OBJECTION = "objection"


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
class Measure:
    """One majority test as counted: for, against and abstaining in the step's unit (seats,
    delegations, parties, weight or inhabitants), the whole the share is taken of, the share."""

    count: str
    basis: str
    votes_for: int
    votes_against: int
    abstentions: int
    whole: int
    threshold: Threshold
    reached: bool


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
    measures: tuple[Measure, ...] = ()
    #: Parties whose vote against vetoed (veto step).
    vetoes: tuple[str, ...] = ()


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
    source: str = "agreement"  # "agreement", "board" or "default": see QuorumRule.source

    @property
    def met(self) -> bool:
        return self.present >= self.needed

    @property
    def waived(self) -> bool:
        """Not applied: the meeting decides without quorum after one adjourned for lack of it."""
        return self.needed == 0


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
    in_meeting: bool = True

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
    revote: bool = False
    inhabitants: Mapping[str, int] = field(default_factory=dict)

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
    in_meeting: bool = True,
    revote: bool = False,
    adjourned: bool = False,
    inhabitants: Mapping[str, int] | None = None,
) -> Outcome:
    """Decide a motion: check the quorum, then try each step of ``procedure`` until one decides.

    ``attendance`` lists seats recorded present at the meeting (a seat that voted is present
    anyway); ``vice_chair`` is the seat the board chose as vice-chair, when the agreement makes
    the vice-chair an office of a member rather than a seat of its own; ``quorum`` is the
    agreement's or the board's quorum, if any (never applied outside a meeting).
    ``revote``: the proposal is voted on again after a tie deferred it (a tie now follows the
    step's ``tie_again``); ``adjourned``: the previous meeting was adjourned for lack of quorum,
    so a quorum with ``next_meeting_without_quorum`` is not applied; ``inhabitants`` per party
    (:meth:`Agreement.inhabitants`) for votes derived from inhabitants.
    """
    count, ignored = _count(seats, ballots, attendance, vice_chair)
    count = replace(count, revote=revote, inhabitants=dict(inhabitants or {}))
    voting = frozenset(s.id for s in seats if s.votes)
    tally = Tally.of(count.ballots.values())
    check = None
    if quorum is not None and in_meeting:
        waived = adjourned and quorum.next_meeting_without_quorum
        check = _quorum(quorum, seats, count.present, waived)
    steps: list[StepOutcome] = []
    result = Result.NO_DECISION
    if check is not None and not check.met:
        result = Result.DEFERRED if quorum and quorum.if_not_met == "deferred" else result
    else:
        for step in procedure.steps:
            outcome = _run_step(step, count)
            steps.append(outcome)
            if outcome.result is not None:
                result = outcome.result
                break
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
        in_meeting,
    )


def _quorum(
    rule: QuorumRule, seats: Sequence[Seat], present: frozenset[str], waived: bool = False
) -> QuorumCheck:
    voting = [s for s in seats if s.votes]
    if rule.basis == "delegations":
        all_blocs = {s.delegation for s in voting if s.delegation is not None}
        here = {s.delegation for s in voting if s.delegation is not None and s.id in present}
        total, count = len(all_blocs), len(here)
    else:
        total, count = len(voting), len([s for s in voting if s.id in present])
    needed = 0 if waived else rule.needed(total)
    return QuorumCheck(rule.basis, count, total, needed, rule.cites, rule.source)


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


def _run_step(step: AnyStep, count: _Count) -> StepOutcome:
    if isinstance(step, ConsensusStep):
        return _consensus(step, count)
    if isinstance(step, MajorityStep | WeightedMajorityStep | BlocMajorityStep):
        return _majority(step, (step,), count)
    if isinstance(step, DoubleMajorityStep):
        return _majority(step, step.conditions, count)
    if isinstance(step, UnanimityStep):
        return _unanimity(step, count)
    if isinstance(step, VetoStep):
        return _veto(step, count)
    if isinstance(step, NoObjectionStep):
        return _no_objection(step, count)
    if isinstance(step, MandateStep):
        return _mandate(step, count)
    return StepOutcome(step.kind, Result.NO_DECISION, Reason.NO_PROCEDURE, step.cites)


def _otherwise(value: str) -> Result | None:
    return None if value == "next" else Result(value)


@dataclass(frozen=True)
class _Unit:
    """What a vote counts: a seat, a delegation or a party, with its weight and its vote."""

    weight: int
    vote: Choice | None
    present: bool


def _units(condition: Condition, count: _Count) -> list[_Unit]:
    voting = [
        s
        for s in count.seats.values()
        if s.votes and (condition.among is None or s.delegation in condition.among)
    ]
    if condition.count == "seats":
        return [_Unit(1, count.ballots.get(s.id), s.id in count.present) for s in voting]
    key = "delegation" if condition.count == "delegations" else "party"
    groups: dict[str, list[Seat]] = {}
    for seat in voting:
        name = getattr(seat, key)
        if name is not None:
            groups.setdefault(name, []).append(seat)
    units = []
    for name, members in groups.items():
        vote = Tally.of(count.ballots.get(s.id) for s in members if s.id in count.ballots)
        present = any(s.id in count.present for s in members)
        units.append(_Unit(_weight(condition, name, count), vote.majority(), present))
    return units


def _weight(condition: Condition, party: str, count: _Count) -> int:
    if condition.count in ("seats", "delegations", "parties"):
        return 1
    return party_weight(condition, party, count.inhabitants)


def party_weight(condition: Condition, party: str, inhabitants_of: Mapping[str, int]) -> int:
    """A party's weight under a weighted condition: as written, its inhabitants, or its votes
    per (started or full) number of inhabitants within the bounds."""
    if condition.weights is not None:
        return condition.weights.get(party, 0)
    inhabitants = inhabitants_of.get(party, 0)
    if condition.count == "inhabitants":
        return inhabitants
    per = condition.votes_per_inhabitants or 1
    weight = -(-inhabitants // per) if condition.rounding == "up" else inhabitants // per
    if condition.min_weight is not None:
        weight = max(weight, condition.min_weight)
    if condition.max_weight is not None:
        weight = min(weight, condition.max_weight)
    return weight


def measure(condition: Condition, count: _Count) -> Measure:
    units = _units(condition, count)
    votes_for = sum(u.weight for u in units if u.vote is Choice.FOR)
    against = sum(u.weight for u in units if u.vote is Choice.AGAINST)
    abstaining = sum(u.weight for u in units if u.vote is Choice.ABSTAIN)
    if condition.basis == "votes_cast":
        whole = votes_for + against + (abstaining if condition.abstentions == "cast" else 0)
    elif condition.basis == "present":
        whole = sum(u.weight for u in units if u.present)
    else:
        whole = sum(u.weight for u in units)
    reached = condition.threshold.reached(votes_for, whole)
    return Measure(
        condition.count,
        condition.basis,
        votes_for,
        against,
        abstaining,
        whole,
        condition.threshold,
        reached,
    )


def _majority(
    step: MajorityStep | WeightedMajorityStep | BlocMajorityStep | DoubleMajorityStep,
    conditions: Sequence[Condition],
    count: _Count,
) -> StepOutcome:
    measures = tuple(measure(c, count) for c in conditions)
    cites = tuple(dict.fromkeys([*step.cites, *(c for cond in conditions for c in cond.cites)]))
    first = measures[0]
    tally = Tally(first.votes_for, first.votes_against, first.abstentions)
    blocs = _bloc_votes(count) if first.count == "delegations" else ()
    base = StepOutcome(step.kind, None, Reason.MAJORITY, cites, tally, blocs, measures=measures)
    if all(m.reached for m in measures):
        return replace(base, result=Result.ADOPTED)
    # "Staken de stemmen": the whole counted splits exactly in half between for and against
    # (0-0 included); under a qualified threshold equal numbers simply do not reach it.
    is_tie = (
        first.votes_for == first.votes_against
        and first.votes_for + first.votes_against == first.whole
        and not first.threshold.qualified
    )
    if not is_tie:
        result = _otherwise(step.if_not_reached)
        against = all(m.threshold.reached(m.votes_against, m.whole) for m in measures)
        reason = Reason.MAJORITY if against and result is Result.REJECTED else Reason.NOT_REACHED
        return replace(base, result=result, reason=reason)
    rule: str = step.tie
    if count.revote and rule == "deferred":
        rule = step.tie_again
    if rule == "casting_vote":
        return _casting_vote(step, base, count)
    reasons = {
        "rejected": Reason.TIE_REJECTED,
        "deferred": Reason.TIE_DEFERRED,
        "no_decision": Reason.TIE_NO_DECISION,
    }
    return replace(base, result=Result(rule), reason=reasons[rule])


def _casting_vote(
    step: MajorityStep | WeightedMajorityStep | BlocMajorityStep | DoubleMajorityStep,
    base: StepOutcome,
    count: _Count,
) -> StepOutcome:
    tie_breaks: list[TieBreak] = []
    for office in step.tie_break:
        tie_break = _tie_breaker(office, count)
        tie_breaks.append(tie_break)
        if tie_break.status not in (TieBreakStatus.ABSENT, TieBreakStatus.NO_SEAT):
            break
    last = tie_breaks[-1] if tie_breaks else None
    if last is not None and last.status is TieBreakStatus.DECIDED:
        result = Result.ADOPTED if last.choice is Choice.FOR else Result.REJECTED
        return replace(base, result=result, reason=Reason.TIE_BROKEN, tie_breaks=tuple(tie_breaks))
    missing = Result(step.casting_vote_missing)
    return replace(base, result=missing, reason=Reason.TIE_UNBROKEN, tie_breaks=tuple(tie_breaks))


def _unanimity(step: UnanimityStep, count: _Count) -> StepOutcome:
    voting = [s.id for s in count.seats.values() if s.votes]
    tally = Tally.of(count.ballots.values())
    if step.basis == "votes_cast":
        ok = tally.votes_for > 0 and tally.votes_against == 0
    else:
        group = [s for s in voting if step.basis == "members" or s in count.present]
        ok = bool(group) and all(count.ballots.get(s) is Choice.FOR for s in group)
    if ok:
        return StepOutcome(step.kind, Result.ADOPTED, Reason.UNANIMOUS, step.cites, tally)
    return StepOutcome(
        step.kind, _otherwise(step.if_not_reached), Reason.NOT_UNANIMOUS, step.cites, tally
    )


def _veto(step: VetoStep, count: _Count) -> StepOutcome:
    tally = Tally.of(count.ballots.values())
    vetoes = tuple(
        party
        for party in step.parties
        if any(
            s.party == party and s.votes and count.ballots.get(s.id) is Choice.AGAINST
            for s in count.seats.values()
        )
    )
    if vetoes:
        return StepOutcome(
            step.kind, Result.REJECTED, Reason.VETOED, step.cites, tally, vetoes=vetoes
        )
    return StepOutcome(step.kind, None, Reason.NO_VETO, step.cites, tally)


def _no_objection(step: NoObjectionStep, count: _Count) -> StepOutcome:
    tally = Tally.of(count.ballots.values())
    if tally.votes_against == 0:
        return StepOutcome(step.kind, Result.ADOPTED, Reason.NO_OBJECTION, step.cites, tally)
    return StepOutcome(
        step.kind, _otherwise(step.if_not_reached), Reason.OBJECTION, step.cites, tally
    )


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
