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
    cites: tuple[str, ...] = ()


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
    cites: tuple[str, ...] = ()
    reading: Text | None = None

    @model_validator(mode="after")
    def _a_share(self) -> QuorumRule:
        if self.numerator > self.denominator:
            raise ValueError("a quorum is a share of at most the whole (numerator <= denominator)")
        return self

    def needed(self, total: int) -> int:
        """How many of ``total`` must be present."""
        if self.more_than:
            return total * self.numerator // self.denominator + 1
        return -(-total * self.numerator // self.denominator)


class SubstituteRule(Strict):
    """Whether a seat holder may send a substitute, and for which seat kinds (None: all)."""

    allowed: bool = True
    seat_specs: tuple[str, ...] | None = None
    cites: tuple[str, ...] = ()
    reading: Text | None = None


class ConsensusStep(Strict):
    kind: Literal["consensus"]
    abstention_breaks_consensus: bool = False
    cites: tuple[str, ...] = ()
    reading: Text | None = None


class BlocMajorityStep(Strict):
    kind: Literal["bloc_majority"]
    tie_break: tuple[Literal["chair", "vice_chair"], ...] = ("chair", "vice_chair")
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


Step = Annotated[
    ConsensusStep | BlocMajorityStep | MandateStep | NoDecisionStep, Field(discriminator="kind")
]


class Procedure(Strict):
    """An ordered list of steps, tried until one decides (design section 2)."""

    steps: tuple[Step, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consensus_then_one_fallback(self) -> Procedure:
        kinds = [step.kind for step in self.steps]
        if kinds[0] != "consensus":
            raise ValueError("the first step must be 'consensus'")
        if len(kinds) > 2:
            raise ValueError("a procedure has consensus and at most one fallback step")
        if kinds[1:] == ["consensus"]:
            raise ValueError("the fallback cannot be a second 'consensus' step")
        return self


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
    delegations: tuple[Delegation, ...] = Field(min_length=1)
    seats: tuple[SeatSpec, ...] = Field(min_length=1)
    vice_chair: ViceChairRule | None = None
    procedure: Procedure
    #: A quorum the agreement itself sets (none of the shipped agreements does).
    quorum: QuorumRule | None = None
    #: What the agreement says about substitutes (None: it says nothing; boards decide).
    substitutes: SubstituteRule | None = None
    rhythm: tuple[RhythmRule, ...] = ()
    reports: tuple[ReportDuty, ...] = ()
    clauses: tuple[Clause, ...] = Field(min_length=1)

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
