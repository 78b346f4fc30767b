"""The agreement model: who sits on a board, how it decides, when it meets and reports.

An agreement is data. Every rule and seat names the clause ids (``cites``) that ground it, and
where the text is ambiguous the reading we follow is written next to the rule (``reading``).
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$", max_length=40)]
Lang = Literal["nl", "en"]
LANGUAGES: tuple[Lang, ...] = ("nl", "en")


class Strict(BaseModel):
    """Base for all agreement data: unknown keys are errors, objects are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(Strict):
    """A text in Dutch (the original) and English (our translation)."""

    nl: Annotated[str, StringConstraints(min_length=1)]
    en: Annotated[str, StringConstraints(min_length=1)]

    def get(self, lang: str) -> str:
        """The text in ``lang``; anything but English is Dutch."""
        return self.en if lang == "en" else self.nl


class PartyKind(StrEnum):
    MUNICIPALITY = "municipality"
    UWV = "uwv"
    EMPLOYERS = "employers"
    EMPLOYEES = "employees"
    EDUCATION = "education"
    SBB = "sbb"
    OTHER = "other"


class SeatRole(StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    MEMBER = "member"
    ADVISOR = "advisor"
    SECRETARY = "secretary"
    DEPUTY_SECRETARY = "deputy_secretary"
    TEMPORARY = "temporary"


#: Roles whose holders never vote, whatever the data says (design section 2, rule 3).
NON_VOTING_ROLES = frozenset({SeatRole.ADVISOR, SeatRole.SECRETARY, SeatRole.DEPUTY_SECRETARY})


class Party(Strict):
    """A signatory or represented organisation (a municipality, UWV, the employers, ...)."""

    id: Slug
    name: Text
    kind: PartyKind
    #: Inhabitants, for votes derived from them ("één stem per begonnen 10.000 inwoners").
    inhabitants: int | None = Field(default=None, ge=0)
    cites: tuple[str, ...] = ()


class Quote(Strict):
    """Words of one clause as its Dutch text has them (case, accents and spacing aside, as
    :func:`rules.agreements.loader.folded` compares): an answer quotes the line holding them."""

    clause: str
    words: str = Field(min_length=1)


class Delegation(Strict):
    """A bloc ("geleding", "vertegenwoordiging") that casts one vote in a bloc vote."""

    id: Slug
    name: Text
    cites: tuple[str, ...] = ()


class SeatCount(Strict):
    """How many seats of a kind the agreement allows and how many a new board gets."""

    min: int = Field(default=1, ge=0)
    max: int | None = Field(default=None, ge=0)
    default: int = Field(default=1, ge=0)

    @model_validator(mode="after")
    def _default_within_bounds(self) -> SeatCount:
        if self.max is not None and self.max < self.min:
            raise ValueError(f"max ({self.max}) is below min ({self.min})")
        if self.default < self.min or (self.max is not None and self.default > self.max):
            raise ValueError(f"default ({self.default}) lies outside min..max")
        return self


class SeatSpec(Strict):
    """A kind of seat as the agreement writes it, e.g. "at least 3 employers".

    ``label`` may contain ``{n}``, the seat's number within the kind, when there can be more than
    one seat of the kind.
    """

    id: Slug
    label: Text
    role: SeatRole = SeatRole.MEMBER
    delegation: str | None = None
    party: str | None = None
    votes: bool = True
    count: SeatCount = SeatCount(min=1, max=1, default=1)
    cites: tuple[str, ...] = ()
    reading: Text | None = None

    @model_validator(mode="after")
    def _non_voting_roles_do_not_vote(self) -> SeatSpec:
        if self.votes and self.role in NON_VOTING_ROLES:
            raise ValueError(f"a seat with role {self.role.value!r} cannot vote")
        if self.votes and self.delegation is None:
            raise ValueError("a voting seat needs a delegation")
        return self

    @property
    def numbered(self) -> bool:
        return self.count.max is None or self.count.max > 1


class Seat(Strict):
    """One concrete seat on a board, expanded from a :class:`SeatSpec`."""

    id: str
    spec: str
    label: Text
    role: SeatRole
    delegation: str | None
    party: str | None
    votes: bool


class ViceChairRule(Strict):
    """How the vice-chair is chosen: an office given to one of the seats, not a seat of its own."""

    chosen_by: Text
    eligible_roles: tuple[SeatRole, ...] = (SeatRole.MEMBER,)
    cites: tuple[str, ...] = ()


class QuorumRule(Strict):
    """How many voting seats (or delegations) must be present for a vote to decide anything.

    ``numerator/denominator`` of the seats (or of the delegations with a voting seat); with
    ``more_than`` the count must exceed that share (a majority: 1/2 with ``more_than``),
    otherwise reach it (two thirds: 2/3).
    """

    basis: Literal["seats", "delegations"] = "seats"
    numerator: int = Field(ge=1)
    denominator: int = Field(ge=1)
    more_than: bool = False
    #: No quorum: nothing is decided ("no_decision"), or the meeting is adjourned and the
    #: proposal goes to the next meeting ("deferred").
    if_not_met: Literal["no_decision", "deferred"] = "no_decision"
    #: The next meeting decides on the same proposals whatever the attendance.
    next_meeting_without_quorum: bool = False
    cites: tuple[str, ...] = ()
    reading: Text | None = None
    #: Where the rule comes from: the agreement (its clause in ``cites``), the board's own
    #: setting, or werkbot's default when neither sets one (:data:`DEFAULT_QUORUM`).
    source: Literal["agreement", "board", "default"] = "agreement"

    @model_validator(mode="after")
    def _a_share(self) -> QuorumRule:
        if self.numerator > self.denominator:
            raise ValueError("a quorum is a share of at most the whole (numerator <= denominator)")
        if self.next_meeting_without_quorum and self.if_not_met != "deferred":
            raise ValueError("next_meeting_without_quorum needs if_not_met 'deferred'")
        return self

    def needed(self, total: int) -> int:
        """How many of ``total`` must be present."""
        if self.more_than:
            return total * self.numerator // self.denominator + 1
        return -(-total * self.numerator // self.denominator)


#: When neither the agreement nor the board sets a quorum, a vote decides only when more than
#: half of the voting seats took part (were present, or voted outside a meeting): one member
#: cannot decide for a board of nine. The board can set another quorum, or none, itself.
DEFAULT_QUORUM = QuorumRule(numerator=1, denominator=2, more_than=True, source="default")


class SubstituteRule(Strict):
    """Whether a seat holder may send a substitute, and for which seat kinds (None: all)."""

    allowed: bool = True
    seat_specs: tuple[str, ...] | None = None
    cites: tuple[str, ...] = ()
    reading: Text | None = None


class Threshold(Strict):
    """A share: ``numerator/denominator``; with ``more_than`` the part must exceed it (a
    majority: more than 1/2), otherwise reach it (two thirds: at least 2/3)."""

    numerator: int = Field(ge=0)
    denominator: int = Field(ge=1)
    more_than: bool = True

    @model_validator(mode="after")
    def _at_most_one(self) -> Threshold:
        if self.numerator > self.denominator:
            raise ValueError(
                f"a threshold is a share of at most the whole "
                f"({self.numerator}/{self.denominator} is over 1)"
            )
        return self

    def reached(self, part: int, whole: int) -> bool:
        """Whether ``part`` of ``whole`` reaches the share (nothing of nothing reaches nothing)."""
        if whole <= 0:
            return False
        if self.more_than:
            return part * self.denominator > whole * self.numerator
        return part * self.denominator >= whole * self.numerator

    @property
    def unreachable(self) -> bool:
        """More than the whole can never be had."""
        return self.more_than and self.numerator >= self.denominator

    @property
    def qualified(self) -> bool:
        """Over a simple majority: equal numbers for and against cannot reach it."""
        return self.numerator * 2 > self.denominator


MAJORITY = Threshold(numerator=1, denominator=2, more_than=True)

#: What a vote counts: seats, delegations (one vote each, by internal majority), parties (idem),
#: a party's weight (``weights`` or one vote per started ``votes_per_inhabitants``) or its
#: inhabitants.
CountKind = Literal["seats", "delegations", "parties", "weight", "inhabitants"]
#: Of what the share is taken: the votes cast (for + against; abstentions too when
#: ``abstentions`` is "cast"), the voting members present, or all voting members.
Basis = Literal["votes_cast", "present", "members"]
Office = Literal["chair", "vice_chair"]
#: What equal votes for and against mean.
TieRule = Literal["casting_vote", "rejected", "deferred", "no_decision"]
#: What a step whose condition is not met does: reject, leave undecided, or try the next step.
Otherwise = Literal["rejected", "no_decision", "next"]


class Condition(Strict):
    """One majority test: ``threshold`` of the ``basis``, counted in ``count``."""

    count: CountKind = "seats"
    basis: Basis = "votes_cast"
    threshold: Threshold = MAJORITY
    abstentions: Literal["not_cast", "cast"] = "not_cast"
    weights: dict[str, int] | None = None
    votes_per_inhabitants: int | None = Field(default=None, ge=1)
    #: "per begonnen 10.000" rounds up, "per volle 10.000" down.
    rounding: Literal["up", "down"] = "up"
    #: Bounds on a weight derived from inhabitants ("ten minste één", "ten hoogste tien").
    min_weight: int | None = Field(default=None, ge=0)
    max_weight: int | None = Field(default=None, ge=0)
    #: Only the seats of these delegations count ("een meerderheid van de gemeenten").
    among: tuple[str, ...] | None = None
    cites: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _weights_only_for_weight(self) -> Condition:
        weighted = self.weights is not None or self.votes_per_inhabitants is not None
        if weighted and self.count != "weight":
            raise ValueError("weights or votes_per_inhabitants need count 'weight'")
        if self.count == "weight" and not weighted:
            raise ValueError("count 'weight' needs weights or votes_per_inhabitants")
        if self.weights is not None and self.votes_per_inhabitants is not None:
            raise ValueError("give weights or votes_per_inhabitants, not both")
        if self.weights is not None and any(w < 0 for w in self.weights.values()):
            raise ValueError("a weight cannot be negative")
        bounded = self.min_weight is not None or self.max_weight is not None
        if bounded and self.votes_per_inhabitants is None:
            raise ValueError("min_weight and max_weight bound votes_per_inhabitants only")
        if (
            self.min_weight is not None
            and self.max_weight is not None
            and self.min_weight > self.max_weight
        ):
            raise ValueError("min_weight is above max_weight")
        return self


class _Tie(Strict):
    """The tie rule of a voting step (equal votes for and against, "staken de stemmen")."""

    tie: TieRule = "rejected"
    #: For a casting vote: the offices tried in order; the next only when the earlier is absent.
    tie_break: tuple[Office, ...] = ("chair", "vice_chair")
    #: A casting vote that nobody can give (absent, abstained, no ballot).
    casting_vote_missing: Literal["no_decision", "rejected", "deferred"] = "no_decision"
    #: A tie again when the proposal is voted on again after a deferral.
    tie_again: Literal["rejected", "no_decision", "casting_vote"] = "rejected"
    if_not_reached: Otherwise = "rejected"
    cites: tuple[str, ...] = ()
    reading: Text | None = None


class ConsensusStep(Strict):
    kind: Literal["consensus"]
    abstention_breaks_consensus: bool = False
    cites: tuple[str, ...] = ()
    reading: Text | None = None


class MajorityStep(_Tie, Condition):
    """A vote decided by ``threshold`` of the ``basis`` (votes cast, present, members)."""

    kind: Literal["majority"]


class WeightedMajorityStep(_Tie, Condition):
    """A majority of weighted votes (per party, or from inhabitants)."""

    kind: Literal["weighted_majority"]
    count: CountKind = "weight"


class BlocMajorityStep(_Tie, Condition):
    """Each delegation one vote (its members' majority); the majority of delegations decides."""

    kind: Literal["bloc_majority"]
    count: CountKind = "delegations"
    tie: TieRule = "casting_vote"

    @model_validator(mode="after")
    def _counts_delegations(self) -> BlocMajorityStep:
        if self.count != "delegations":
            raise ValueError("a bloc majority counts delegations (use kind 'majority')")
        return self


class DoubleMajorityStep(_Tie):
    """Adopted only when every condition is met (a majority of members that also holds a
    majority of the weight, say). A tie is equal for and against in the first condition."""

    kind: Literal["double_majority"]
    conditions: tuple[Condition, ...] = Field(min_length=2)


class UnanimityStep(Strict):
    """Adopted only when every vote of the ``basis`` is for (votes cast: at least one, none
    against; present: every present member for; members: every voting member for)."""

    kind: Literal["unanimity"]
    basis: Basis = "votes_cast"
    if_not_reached: Otherwise = "rejected"
    cites: tuple[str, ...] = ()
    reading: Text | None = None


class VetoStep(Strict):
    """A vote against by a seat of one of ``parties`` rejects; otherwise the next step decides."""

    kind: Literal["veto"]
    parties: tuple[str, ...] = Field(min_length=1)
    cites: tuple[str, ...] = ()
    reading: Text | None = None


class NoObjectionStep(Strict):
    """Outside a meeting: adopted when no voting member objected (voted against) in the term."""

    kind: Literal["no_objection"]
    if_not_reached: Otherwise = "rejected"
    cites: tuple[str, ...] = ()
    reading: Text | None = None


class MandateStep(Strict):
    kind: Literal["mandate"]
    party: str
    cites: tuple[str, ...] = ()
    reading: Text | None = None


class NoDecisionStep(Strict):
    """The agreement writes no further procedure: what is not decided so far is not decided."""

    kind: Literal["none"]
    cites: tuple[str, ...] = ()
    reading: Text | None = None


AnyStep = (
    ConsensusStep
    | MajorityStep
    | WeightedMajorityStep
    | BlocMajorityStep
    | DoubleMajorityStep
    | UnanimityStep
    | VetoStep
    | NoObjectionStep
    | MandateStep
    | NoDecisionStep
)
Step = Annotated[AnyStep, Field(discriminator="kind")]
VotingStep = MajorityStep | WeightedMajorityStep | BlocMajorityStep | DoubleMajorityStep


def can_tie(step: VotingStep) -> bool:
    """Whether equal votes for and against are a tie in ``step`` ("staken de stemmen"), so its
    tie rule applies: under a qualified threshold ("2/3") they simply do not reach it. A double
    majority is judged by its first condition, as :mod:`rules.decide` counts it."""
    first = step.conditions[0] if isinstance(step, DoubleMajorityStep) else step
    return not first.threshold.qualified


#: Steps that may leave the motion undecided and pass it to the next step.
_FALLS_THROUGH = (ConsensusStep, VetoStep)


def falls_through(step: AnyStep) -> bool:
    """Whether the step can leave the decision to the step after it."""
    if isinstance(step, _FALLS_THROUGH):
        return True
    return getattr(step, "if_not_reached", None) == "next"


def can_adopt(step: AnyStep) -> bool:
    return not isinstance(step, VetoStep | NoDecisionStep)


class Procedure(Strict):
    """An ordered list of steps, tried until one decides (design section 2)."""

    steps: tuple[Step, ...] = Field(min_length=1)
    cites: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _every_step_reachable(self) -> Procedure:
        for i, step in enumerate(self.steps[:-1]):
            if not falls_through(step):
                raise ValueError(
                    f"step {i + 1} ({step.kind!r}) always decides, so step {i + 2} "
                    f"({self.steps[i + 1].kind!r}) is never reached"
                )
        if not any(can_adopt(step) for step in self.steps):
            raise ValueError("no step can ever adopt a proposal")
        return self


class Subject(Strict):
    """A subject a proposer can pick (the budget, admitting a party) when procedures differ."""

    id: Slug
    name: Text
    cites: tuple[str, ...] = ()


class SubjectProcedure(Strict):
    """The procedure for proposals on ``subjects``; ``outside_meeting`` None: the agreement's."""

    subjects: tuple[str, ...] = Field(min_length=1)
    procedure: Procedure
    outside_meeting: Procedure | None = None
    cites: tuple[str, ...] = ()
    reading: Text | None = None


class Period(StrEnum):
    MONTH = "month"
    BIMONTH = "bimonth"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"


class RhythmRule(Strict):
    """At least ``min_meetings`` board meetings in every ``period`` between the dates."""

    period: Period
    min_meetings: int = Field(default=1, ge=1)
    starts: date | None = None
    ends: date | None = None
    cites: tuple[str, ...] = ()
    reading: Text | None = None


class ReportDuty(Strict):
    """A yearly report, due a number of weeks after the calendar year it covers."""

    id: Slug
    name: Text
    recipients: Text
    due_weeks_after_year: int = Field(ge=0, le=52)
    includes: Text | None = None
    cites: tuple[str, ...] = ()


class Evaluation(Strict):
    """A moment (a period) at which the parties evaluate the agreement."""

    starts: date
    ends: date
    cites: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _ordered(self) -> Evaluation:
        if self.ends < self.starts:
            raise ValueError("ends lies before starts")
        return self


class Repair(Strict):
    """A documented layout repair of the source text (see ``sourcecheck``)."""

    pattern: str
    replace: str
    why: str


class Source(Strict):
    file: str
    description: Text
    repairs: tuple[Repair, ...] = ()


class Clause(Strict):
    """An article or section of the source, verbatim in Dutch, translated by us into English."""

    id: Slug
    number: str | None = None
    heading: str = ""
    label: Text | None = None
    title: Text
    text: Text

    def cite_label(self, lang: str) -> str:
        """How a citation names this clause: "art. 3", or the label, or the title."""
        if self.label is not None:
            return self.label.get(lang)
        if self.number is not None:
            return f"art. {self.number}"
        return self.title.get(lang)


class AskedQuestion(Strict):
    """A question partners asked about an agreement, as they typed it, with where the agreement
    answers it: its clause (or clauses) and a few words of the line that does (``fact``), as the
    Dutch text or our English translation has them (case and accents aside).

    The answers read these questions as other words for what that line says (a partner's
    "who signed for the employers federation?" for "VNO-NCW, Jan Willem Boezel")."""

    lang: Lang
    q: Annotated[str, StringConstraints(min_length=1)]
    clauses: tuple[Slug, ...] = Field(min_length=1)
    fact: Annotated[str, StringConstraints(min_length=1)]


class AskedQuestions(Strict):
    """The questions asked of one agreement (``data/asked/<agreement id>.yaml``)."""

    agreement: Slug
    questions: tuple[AskedQuestion, ...] = ()


class Agreement(Strict):
    """A cooperation agreement of a labour-market region, with its board and rules."""

    id: Slug
    title: Text
    short_title: Text
    board_name: Text
    region: str
    signed: date | None = None
    in_force: date | None = None
    valid_until: date | None = None
    dates_reading: Text | None = None
    dates_cites: tuple[str, ...] = ()
    evaluations: tuple[Evaluation, ...] = ()
    source: Source
    parties: tuple[Party, ...] = Field(min_length=1)
    #: Where the agreement says who its parties are, when no section (id "parties") lists
    #: them: "De overeenkomst wordt gesloten tussen de Twentse gemeenten, het UWV, ...".
    parties_quote: Quote | None = None
    delegations: tuple[Delegation, ...] = Field(min_length=1)
    seats: tuple[SeatSpec, ...] = Field(min_length=1)
    vice_chair: ViceChairRule | None = None
    procedure: Procedure
    #: Decisions outside a meeting (schriftelijke besluitvorming); None: as in a meeting.
    outside_meeting: Procedure | None = None
    #: Subjects a proposer picks from when procedures differ per subject.
    subjects: tuple[Subject, ...] = ()
    by_subject: tuple[SubjectProcedure, ...] = ()
    #: A quorum the agreement itself sets (none of the shipped agreements does).
    quorum: QuorumRule | None = None
    #: What the agreement says about substitutes (None: it says nothing; boards decide).
    substitutes: SubstituteRule | None = None
    rhythm: tuple[RhythmRule, ...] = ()
    reports: tuple[ReportDuty, ...] = ()
    clauses: tuple[Clause, ...] = Field(min_length=1)

    def procedure_for(self, subject: str | None = None, *, in_meeting: bool = True) -> Procedure:
        """The procedure for a proposal on ``subject`` (None: the default), in a meeting or not."""
        entry = next((e for e in self.by_subject if subject in e.subjects), None)
        if in_meeting:
            return entry.procedure if entry is not None else self.procedure
        if entry is not None and entry.outside_meeting is not None:
            return entry.outside_meeting
        if self.outside_meeting is not None:
            return self.outside_meeting
        return entry.procedure if entry is not None else self.procedure

    def inhabitants(self) -> dict[str, int]:
        """Inhabitants per party, for the parties that give them."""
        return {p.id: p.inhabitants for p in self.parties if p.inhabitants is not None}

    def subject(self, subject_id: str) -> Subject:
        return next(s for s in self.subjects if s.id == subject_id)

    def clause(self, clause_id: str) -> Clause:
        return next(c for c in self.clauses if c.id == clause_id)

    def delegation(self, delegation_id: str) -> Delegation:
        return next(d for d in self.delegations if d.id == delegation_id)

    def party(self, party_id: str) -> Party:
        return next(p for p in self.parties if p.id == party_id)

    def seat_spec(self, spec_id: str) -> SeatSpec:
        return next(s for s in self.seats if s.id == spec_id)

    def expand_seats(self, counts: dict[str, int] | None = None) -> tuple[Seat, ...]:
        """The concrete seats of a new board: each spec's default count, or ``counts[spec]``."""
        counts = counts or {}
        seats: list[Seat] = []
        for spec in self.seats:
            n_seats = counts.get(spec.id, spec.count.default)
            for n in range(1, n_seats + 1):
                seats.append(
                    Seat(
                        id=f"{spec.id}-{n}" if spec.numbered else spec.id,
                        spec=spec.id,
                        label=Text(nl=spec.label.nl.format(n=n), en=spec.label.en.format(n=n)),
                        role=spec.role,
                        delegation=spec.delegation,
                        party=spec.party,
                        votes=spec.votes,
                    )
                )
        return tuple(seats)
