"""decide() against each shipped agreement, scenario by scenario, as the texts write them."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from rules.agreements.loader import get_agreement
from rules.decide import (
    Ballot,
    Choice,
    DuplicateBallotError,
    IgnoredWhy,
    Reason,
    Result,
    TieBreakStatus,
    decide,
)

F, A, X = Choice.FOR, Choice.AGAINST, Choice.ABSTAIN

ACHTERHOEK_MUNICIPAL = ("voorzitter", "wsp-achterhoek-west", "loopbaanplein-oost", "iswi")
ACHTERHOEK_EMPLOYERS = ("werkgevers-1", "werkgevers-2", "werkgevers-3")


def blocs(
    municipal: Choice | None, employers: Choice | None, employees: Choice | None, uwv: Choice | None
) -> dict[str, Choice]:
    """Achterhoek ballots where every member of a delegation votes alike (None: nobody votes)."""
    ballots: dict[str, Choice] = {}
    for seats, choice in (
        (ACHTERHOEK_MUNICIPAL, municipal),
        (ACHTERHOEK_EMPLOYERS, employers),
        (("werknemers-1",), employees),
        (("uwv",), uwv),
    ):
        if choice is not None:
            ballots.update(dict.fromkeys(seats, choice))
    return ballots


@dataclass
class Case:
    name: str
    agreement: str
    ballots: dict[str, Choice]
    result: Result
    reason: Reason
    present: tuple[str, ...] = ()
    vice_chair: str | None = None
    extra_seats: dict[str, int] = field(default_factory=dict)


def all_voting(agreement_id: str, choice: Choice) -> dict[str, Choice]:
    return {s.id: choice for s in get_agreement(agreement_id).expand_seats() if s.votes}


CASES = [
    # twente-2020: consensus, and nothing else (art. 3)
    Case(
        "twente unanimity adopts",
        "twente-2020",
        all_voting("twente-2020", F),
        Result.ADOPTED,
        Reason.CONSENSUS_FOR,
    ),
    Case(
        "twente one objection means no decision",
        "twente-2020",
        {**all_voting("twente-2020", F), "werknemers-2": A},
        Result.NO_DECISION,
        Reason.NO_PROCEDURE,
    ),
    Case(
        "twente abstentions do not break consensus",
        "twente-2020",
        {**all_voting("twente-2020", F), "onderwijs-1": X, "uwv": X},
        Result.ADOPTED,
        Reason.CONSENSUS_FOR,
    ),
    Case(
        "twente everyone against rejects unanimously",
        "twente-2020",
        all_voting("twente-2020", A),
        Result.REJECTED,
        Reason.CONSENSUS_AGAINST,
    ),
    Case(
        "twente no ballots means no decision",
        "twente-2020",
        {},
        Result.NO_DECISION,
        Reason.NO_PROCEDURE,
    ),
    Case(
        "twente empty chair and secretary do not count",
        "twente-2020",
        {"voorzitter": F, "lege-stoel-1": A, "secretaris": A},
        Result.ADOPTED,
        Reason.CONSENSUS_FOR,
        extra_seats={"lege-stoel": 1},
    ),
    # achterhoek-2014: consensus, else one vote per delegation, chair / vice-chair on a tie
    Case(
        "achterhoek unanimity adopts",
        "achterhoek-2014",
        blocs(F, F, F, F),
        Result.ADOPTED,
        Reason.CONSENSUS_FOR,
    ),
    Case(
        "achterhoek blocs 3-1 adopt",
        "achterhoek-2014",
        blocs(F, F, A, F),
        Result.ADOPTED,
        Reason.MAJORITY,
    ),
    Case(
        "achterhoek blocs 1-3 reject",
        "achterhoek-2014",
        blocs(F, A, A, A),
        Result.REJECTED,
        Reason.MAJORITY,
    ),
    Case(
        "achterhoek blocs 2-2 broken by the chair for",
        "achterhoek-2014",
        blocs(F, F, A, A),
        Result.ADOPTED,
        Reason.TIE_BROKEN,
    ),
    Case(
        "achterhoek blocs 2-2 broken by the chair against",
        "achterhoek-2014",
        {**blocs(F, F, A, A), "voorzitter": A},
        Result.REJECTED,
        Reason.TIE_BROKEN,
    ),
    Case(
        "achterhoek 2-2 with the chair absent is broken by the vice-chair",
        "achterhoek-2014",
        {k: v for k, v in blocs(A, F, A, F).items() if k != "voorzitter"},
        Result.ADOPTED,
        Reason.TIE_BROKEN,
        vice_chair="werkgevers-1",
    ),
    Case(
        "achterhoek 2-2 with chair and vice-chair absent is no decision",
        "achterhoek-2014",
        {k: v for k, v in blocs(F, A, A, F).items() if k not in {"voorzitter", "werkgevers-1"}},
        Result.NO_DECISION,
        Reason.TIE_UNBROKEN,
        vice_chair="werkgevers-1",
    ),
    Case(
        "achterhoek chair abstaining on a tie leaves no decision",
        "achterhoek-2014",
        {**blocs(F, F, A, A), "voorzitter": X},
        Result.NO_DECISION,
        Reason.TIE_UNBROKEN,
        vice_chair="werkgevers-1",
    ),
    Case(
        "achterhoek chair present without ballot does not pass to the vice-chair",
        "achterhoek-2014",
        {k: v for k, v in blocs(F, F, A, A).items() if k != "voorzitter"},
        Result.NO_DECISION,
        Reason.TIE_UNBROKEN,
        present=("voorzitter",),
        vice_chair="werkgevers-1",
    ),
    Case(
        "achterhoek internal tie makes the bloc abstain",
        "achterhoek-2014",
        {
            "voorzitter": F,
            "wsp-achterhoek-west": F,
            "loopbaanplein-oost": A,
            "iswi": A,
            **blocs(None, F, A, F),
        },
        Result.ADOPTED,
        Reason.MAJORITY,
    ),
    Case(
        "achterhoek chair's own ballot breaks the tie even against the own bloc",
        "achterhoek-2014",
        {
            "voorzitter": A,
            "wsp-achterhoek-west": F,
            "loopbaanplein-oost": F,
            "iswi": F,
            "werkgevers-1": A,
            "werkgevers-2": A,
            "werkgevers-3": F,
            "werknemers-1": F,
            "uwv": A,
        },
        Result.REJECTED,
        Reason.TIE_BROKEN,
        vice_chair="uwv",
    ),
    Case(
        "achterhoek advisors and secretaries are ignored",
        "achterhoek-2014",
        {**blocs(F, F, F, F), "adviseur-1": A, "secretaris": A, "plv-secretaris": A},
        Result.ADOPTED,
        Reason.CONSENSUS_FOR,
        extra_seats={"adviseur": 1},
    ),
    Case(
        "achterhoek absent blocs do not vote",
        "achterhoek-2014",
        blocs(F, A, None, F),
        Result.ADOPTED,
        Reason.MAJORITY,
    ),
    # werkcentrum-twente-2025: consensus, else Enschede's mandate
    Case(
        "werkcentrum unanimity adopts",
        "werkcentrum-twente-2025",
        all_voting("werkcentrum-twente-2025", F),
        Result.ADOPTED,
        Reason.CONSENSUS_FOR,
    ),
    Case(
        "werkcentrum Enschede for decides",
        "werkcentrum-twente-2025",
        {**all_voting("werkcentrum-twente-2025", A), "enschede": F},
        Result.ADOPTED,
        Reason.MANDATE_DECIDED,
    ),
    Case(
        "werkcentrum Enschede against decides",
        "werkcentrum-twente-2025",
        {**all_voting("werkcentrum-twente-2025", F), "enschede": A},
        Result.REJECTED,
        Reason.MANDATE_DECIDED,
    ),
    Case(
        "werkcentrum Enschede absent leaves no decision",
        "werkcentrum-twente-2025",
        {"almelo": F, "hengelo": A, "uwv": F},
        Result.NO_DECISION,
        Reason.MANDATE_ABSENT,
    ),
    Case(
        "werkcentrum Enschede abstaining leaves no decision",
        "werkcentrum-twente-2025",
        {"almelo": F, "hengelo": A, "enschede": X},
        Result.NO_DECISION,
        Reason.MANDATE_ABSTAINED,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_scenario(case: Case) -> None:
    agreement = get_agreement(case.agreement)
    seats = agreement.expand_seats(case.extra_seats or None)
    ballots = [Ballot(seat, choice) for seat, choice in case.ballots.items()]
    outcome = decide(
        agreement.procedure, seats, ballots, attendance=case.present, vice_chair=case.vice_chair
    )
    assert outcome.deciding_step is not None
    assert (outcome.result, outcome.deciding_step.reason) == (case.result, case.reason)


def test_tie_between_blocs_is_broken_by_chair_and_explained() -> None:
    agreement = get_agreement("achterhoek-2014")
    ballots = [Ballot(s, c) for s, c in blocs(F, F, A, A).items()]
    outcome = decide(agreement.procedure, agreement.expand_seats(), ballots)
    step = outcome.deciding_step
    assert step is not None
    assert step.kind == "bloc_majority"
    assert (step.tally.votes_for, step.tally.votes_against) == (2, 2)
    assert {b.delegation: b.vote for b in step.blocs} == {
        "gemeenten": F,
        "werkgevers": F,
        "werknemers": A,
        "uwv": A,
    }
    assert [(t.office, t.status, t.choice) for t in step.tie_breaks] == [
        ("chair", TieBreakStatus.DECIDED, F)
    ]
    assert outcome.cites == ("art-3",)
    assert [s.kind for s in outcome.steps] == ["consensus", "bloc_majority"]


def test_absent_chair_is_recorded_before_the_vice_chair_decides() -> None:
    agreement = get_agreement("achterhoek-2014")
    ballots = [Ballot(s, c) for s, c in blocs(A, F, A, F).items() if s != "voorzitter"]
    outcome = decide(agreement.procedure, agreement.expand_seats(), ballots, vice_chair="uwv")
    assert outcome.deciding_step is not None
    assert [(t.office, t.status) for t in outcome.deciding_step.tie_breaks] == [
        ("chair", TieBreakStatus.ABSENT),
        ("vice_chair", TieBreakStatus.DECIDED),
    ]
    assert "voorzitter" in outcome.absent


def test_recorded_attendance_makes_a_silent_seat_present() -> None:
    agreement = get_agreement("twente-2020")
    outcome = decide(
        agreement.procedure, agreement.expand_seats(), [Ballot("uwv", F)], attendance=["voorzitter"]
    )
    assert outcome.present == {"uwv", "voorzitter"}
    assert "werkgevers-1" in outcome.absent


def test_unknown_and_non_voting_ballots_are_listed_as_ignored() -> None:
    agreement = get_agreement("achterhoek-2014")
    ballots = [Ballot("uwv", F), Ballot("secretaris", A), Ballot("ghost", A)]
    outcome = decide(agreement.procedure, agreement.expand_seats(), ballots)
    assert outcome.result is Result.ADOPTED
    assert [(i.seat, i.why) for i in outcome.ignored] == [
        ("ghost", IgnoredWhy.UNKNOWN_SEAT),
        ("secretaris", IgnoredWhy.NOT_VOTING),
    ]


def test_two_ballots_for_one_seat_are_refused() -> None:
    agreement = get_agreement("twente-2020")
    with pytest.raises(DuplicateBallotError):
        decide(agreement.procedure, agreement.expand_seats(), [Ballot("uwv", F), Ballot("uwv", A)])


def test_abstention_breaks_consensus_when_the_procedure_says_so() -> None:
    agreement = get_agreement("twente-2020")
    strict_step = agreement.procedure.steps[0].model_copy(
        update={"abstention_breaks_consensus": True}
    )
    procedure = agreement.procedure.model_copy(
        update={"steps": (strict_step, *agreement.procedure.steps[1:])}
    )
    ballots = [Ballot("uwv", F), Ballot("voorzitter", X)]
    outcome = decide(procedure, agreement.expand_seats(), ballots)
    assert outcome.result is Result.NO_DECISION
    assert outcome.steps[0].reason is Reason.NO_CONSENSUS
