"""Properties of decide() over every procedure of the shipped and the fictional agreements:
in a meeting and outside one, for every subject."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from rules.agreements.loader import DATA_DIR, load_agreement_file
from rules.agreements.model import (
    Agreement,
    Condition,
    DoubleMajorityStep,
    Procedure,
    Seat,
    WeightedMajorityStep,
)
from rules.decide import Ballot, Choice, Outcome, Result, decide, party_weight

REGIONS = Path(__file__).parent / "regions"
PATHS = [
    p
    for folder in (DATA_DIR, REGIONS)
    for p in sorted(folder.glob("*.yaml"))
    if not p.name.endswith(".scenarios.yaml")
]
AGREEMENTS = [load_agreement_file(p) for p in PATHS]
#: (agreement, subject, in a meeting) for every procedure an agreement has.
SITUATIONS = [
    (a, subject, meeting)
    for a in AGREEMENTS
    for subject in [None, *(s.id for s in a.subjects)]
    for meeting in (True, False)
]


def board(agreement: Agreement) -> tuple[Seat, ...]:
    return agreement.expand_seats({spec.id: max(spec.count.default, 1) for spec in agreement.seats})


@st.composite
def votes(
    draw: st.DrawFn,
) -> tuple[Agreement, str | None, bool, dict[str, Choice], list[str], str | None, bool, bool]:
    agreement, subject, meeting = draw(st.sampled_from(SITUATIONS))
    voting = [s.id for s in board(agreement) if s.votes]
    voters = draw(st.lists(st.sampled_from(voting), unique=True))
    ballots = {seat: draw(st.sampled_from(list(Choice))) for seat in voters}
    present = draw(st.lists(st.sampled_from(voting), unique=True, max_size=4))
    vice_chair = draw(st.none() | st.sampled_from(voting))
    return (
        agreement,
        subject,
        meeting,
        ballots,
        present,
        vice_chair,
        draw(st.booleans()),
        draw(st.booleans()),
    )


def run(
    agreement: Agreement,
    subject: str | None,
    meeting: bool,
    ballots: dict[str, Choice],
    present: list[str],
    vice_chair: str | None,
    revote: bool = False,
    adjourned: bool = False,
    order: list[str] | None = None,
    procedure: Procedure | None = None,
    inhabitants: dict[str, int] | None = None,
) -> Outcome:
    return decide(
        procedure or agreement.procedure_for(subject, in_meeting=meeting),
        board(agreement),
        [Ballot(seat, ballots[seat]) for seat in (order if order is not None else ballots)],
        attendance=present if meeting else None,
        vice_chair=vice_chair,
        quorum=agreement.quorum,
        in_meeting=meeting,
        revote=revote,
        adjourned=adjourned,
        inhabitants=inhabitants if inhabitants is not None else agreement.inhabitants(),
    )


@settings(max_examples=400)
@given(votes(), st.randoms(use_true_random=False))
def test_the_outcome_does_not_depend_on_the_order_of_the_ballots(
    situation: tuple,  # type: ignore[type-arg]
    rnd: object,
) -> None:
    agreement, subject, meeting, ballots, present, vice_chair, revote, adjourned = situation
    order = list(ballots)
    rnd.shuffle(order)  # type: ignore[attr-defined]
    assert run(*situation) == run(
        agreement, subject, meeting, ballots, present, vice_chair, revote, adjourned, order
    )


def _can_adopt(agreement: Agreement, subject: str | None, meeting: bool) -> bool:
    """Every procedure here can adopt (the validator refuses one that cannot)."""
    return any(
        step.kind not in ("veto", "none")
        for step in agreement.procedure_for(subject, in_meeting=meeting).steps
    )


@given(st.sampled_from(SITUATIONS), st.booleans())
def test_an_all_for_board_is_adopted_under_every_procedure(
    situation: tuple[Agreement, str | None, bool], revote: bool
) -> None:
    agreement, subject, meeting = situation
    assert _can_adopt(agreement, subject, meeting)
    ballots = {s.id: Choice.FOR for s in board(agreement) if s.votes}
    outcome = run(agreement, subject, meeting, ballots, [], None, revote)
    assert outcome.result is Result.ADOPTED


@settings(max_examples=500)
@given(votes(), st.data())
def test_more_votes_for_never_undo_an_adoption(
    situation: tuple,  # type: ignore[type-arg]
    data: st.DataObject,
) -> None:
    agreement, subject, meeting, ballots, present, vice_chair, revote, adjourned = situation
    before = run(*situation)
    voting = [s.id for s in board(agreement) if s.votes]
    seat = data.draw(st.sampled_from(voting))
    if ballots.get(seat) not in (Choice.AGAINST, Choice.ABSTAIN):
        return
    after = run(
        agreement,
        subject,
        meeting,
        {**ballots, seat: Choice.FOR},
        present,
        vice_chair,
        revote,
        adjourned,
    )
    if before.result is Result.ADOPTED:
        assert after.result is Result.ADOPTED


@settings(max_examples=500)
@given(votes(), st.data())
def test_more_votes_against_never_turn_a_rejection_into_an_adoption(
    situation: tuple,  # type: ignore[type-arg]
    data: st.DataObject,
) -> None:
    agreement, subject, meeting, ballots, present, vice_chair, revote, adjourned = situation
    before = run(*situation)
    voting = [s.id for s in board(agreement) if s.votes]
    seat = data.draw(st.sampled_from(voting))
    if ballots.get(seat) is not Choice.FOR:
        return
    after = run(
        agreement,
        subject,
        meeting,
        {**ballots, seat: Choice.AGAINST},
        present,
        vice_chair,
        revote,
        adjourned,
    )
    if before.result is Result.REJECTED:
        assert after.result is not Result.ADOPTED


def _scaled(procedure: Procedure, k: int, inhabitants: dict[str, int]) -> Procedure:
    """Every weight times ``k`` (weights derived from inhabitants written out first)."""

    def condition(c: Condition) -> Condition:
        if c.votes_per_inhabitants is not None:
            weights = {p: party_weight(c, p, inhabitants) for p in inhabitants}
            c = c.model_copy(
                update={
                    "weights": weights,
                    "votes_per_inhabitants": None,
                    "min_weight": None,
                    "max_weight": None,
                }
            )
        if c.weights is None:
            return c
        return c.model_copy(update={"weights": {p: w * k for p, w in c.weights.items()}})

    steps: list[object] = []
    for step in procedure.steps:
        if isinstance(step, DoubleMajorityStep):
            steps.append(
                step.model_copy(update={"conditions": tuple(map(condition, step.conditions))})
            )
        elif isinstance(step, Condition):
            steps.append(condition(step))
        else:
            steps.append(step)
    return procedure.model_copy(update={"steps": tuple(steps)})


WEIGHTED = [
    s
    for s in SITUATIONS
    if any(
        isinstance(step, WeightedMajorityStep | DoubleMajorityStep)
        for step in s[0].procedure_for(s[1], in_meeting=s[2]).steps
    )
]


@settings(max_examples=300)
@given(st.sampled_from(WEIGHTED), st.integers(min_value=2, max_value=50), st.data())
def test_multiplying_every_weight_changes_no_outcome(
    weighted: tuple[Agreement, str | None, bool], k: int, data: st.DataObject
) -> None:
    agreement, subject, meeting = weighted
    voting = [s.id for s in board(agreement) if s.votes]
    ballots = data.draw(st.dictionaries(st.sampled_from(voting), st.sampled_from(list(Choice))))
    present = data.draw(st.lists(st.sampled_from(voting), unique=True))
    revote, adjourned = data.draw(st.booleans()), data.draw(st.booleans())
    args = (agreement, subject, meeting, ballots, present, None, revote, adjourned)
    own = agreement.inhabitants()
    procedure = agreement.procedure_for(subject, in_meeting=meeting)
    plain = run(*args)
    scaled = run(
        *args,
        procedure=_scaled(procedure, k, own),
        inhabitants={p: n * k for p, n in own.items()},
    )
    assert scaled.result is plain.result
    assert [s.reason for s in scaled.steps] == [s.reason for s in plain.steps]
