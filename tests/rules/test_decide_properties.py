"""Properties of decide() that must hold for every agreement and every ballot set."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from rules.agreements.loader import shipped_agreements
from rules.agreements.model import Agreement, Seat
from rules.decide import Ballot, Choice, Outcome, Result, decide

AGREEMENTS = sorted(shipped_agreements().values(), key=lambda a: a.id)
CHOICES = st.sampled_from(list(Choice))


def board(agreement: Agreement) -> tuple[Seat, ...]:
    """Every kind of seat at least once, so advisors and temporary seats take part too."""
    counts = {spec.id: max(spec.count.default, 1) for spec in agreement.seats}
    return agreement.expand_seats(counts)


@st.composite
def situations(
    draw: st.DrawFn, agreements: list[Agreement] = AGREEMENTS
) -> tuple[Agreement, tuple[Seat, ...], dict[str, Choice], list[str], str | None]:
    agreement = draw(st.sampled_from(agreements))
    seats = board(agreement)
    voting = [s.id for s in seats if s.votes]
    voters = draw(st.lists(st.sampled_from(voting), unique=True))
    ballots = {seat: draw(CHOICES) for seat in voters}
    present = draw(st.lists(st.sampled_from(voting), unique=True, max_size=4))
    vice_chair = draw(st.none() | st.sampled_from(voting))
    return agreement, seats, ballots, present, vice_chair


def run(
    agreement: Agreement,
    seats: tuple[Seat, ...],
    ballots: dict[str, Choice],
    present: list[str],
    vice_chair: str | None,
    order: list[str] | None = None,
) -> Outcome:
    ids = order if order is not None else list(ballots)
    return decide(
        agreement.procedure,
        seats,
        [Ballot(seat, ballots[seat]) for seat in ids],
        attendance=present,
        vice_chair=vice_chair,
    )


@settings(max_examples=300)
@given(situations(), st.randoms(use_true_random=False))
def test_outcome_does_not_depend_on_ballot_order(situation: tuple, rnd: object) -> None:  # type: ignore[type-arg]
    agreement, seats, ballots, present, vice_chair = situation
    order = list(ballots)
    rnd.shuffle(order)  # type: ignore[attr-defined]
    assert run(*situation) == run(agreement, seats, ballots, present, vice_chair, order)


@given(st.sampled_from(AGREEMENTS))
def test_an_all_for_board_is_adopted_under_every_procedure(agreement: Agreement) -> None:
    seats = board(agreement)
    ballots = {s.id: Choice.FOR for s in seats if s.votes}
    assert run(agreement, seats, ballots, [], None).result is Result.ADOPTED


BLOC_AGREEMENTS = [a for a in AGREEMENTS if a.procedure.steps[-1].kind == "bloc_majority"]


@settings(max_examples=500)
@given(situations(BLOC_AGREEMENTS), st.data())
def test_turning_a_ballot_from_against_to_for_never_turns_adopted_into_rejected(
    situation: tuple[Any, ...],
    data: st.DataObject,
) -> None:
    agreement, seats, ballots, present, vice_chair = situation
    against = sorted(seat for seat, choice in ballots.items() if choice is Choice.AGAINST)
    if not against:
        return
    flipped = {**ballots, data.draw(st.sampled_from(against)): Choice.FOR}
    before = run(*situation).result
    after = run(agreement, seats, flipped, present, vice_chair).result
    assert not (before is Result.ADOPTED and after is Result.REJECTED)
    assert not (before is Result.ADOPTED and after is Result.NO_DECISION)


@settings(max_examples=300)
@given(situations(), st.data())
def test_ballots_of_non_voting_seats_never_change_an_outcome(
    situation: tuple[Any, ...],
    data: st.DataObject,
) -> None:
    agreement, seats, ballots, present, vice_chair = situation
    silent = [s.id for s in seats if not s.votes]
    extra = {seat: data.draw(CHOICES) for seat in silent}
    with_extra = run(agreement, seats, {**ballots, **extra}, present, vice_chair)
    assert with_extra.result == run(*situation).result
    assert with_extra.steps == run(*situation).steps
