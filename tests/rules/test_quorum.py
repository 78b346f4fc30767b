"""Quorum: optional, counted over present seats or delegations, checked before any step."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from bot.i18n import translator
from rules.agreements.loader import get_agreement, shipped_agreements
from rules.agreements.model import QuorumRule
from rules.decide import Ballot, Choice, Result, decide
from rules.explain import render_outcome

F, A = Choice.FOR, Choice.AGAINST
MAJORITY = QuorumRule(numerator=1, denominator=2, more_than=True)


@pytest.mark.parametrize(
    ("rule", "total", "needed"),
    [
        (MAJORITY, 16, 9),
        (MAJORITY, 15, 8),
        (QuorumRule(numerator=1, denominator=2), 16, 8),
        (QuorumRule(numerator=2, denominator=3), 16, 11),
        (QuorumRule(numerator=2, denominator=3), 9, 6),
        (QuorumRule(numerator=1, denominator=1), 4, 4),
    ],
)
def test_needed_counts(rule: QuorumRule, total: int, needed: int) -> None:
    assert rule.needed(total) == needed


def test_a_share_above_the_whole_is_refused() -> None:
    with pytest.raises(ValidationError, match="at most the whole"):
        QuorumRule(numerator=3, denominator=2)


def werkcentrum(ballots: dict[str, Choice], quorum: QuorumRule | None, **kwargs: object):  # type: ignore[no-untyped-def]
    agreement = get_agreement("werkcentrum-twente-2025")
    return agreement, decide(
        agreement.procedure,
        agreement.expand_seats(),
        [Ballot(s, c) for s, c in ballots.items()],
        quorum=quorum,
        **kwargs,  # type: ignore[arg-type]
    )


def seats_of(agreement_id: str) -> list[str]:
    return [s.id for s in get_agreement(agreement_id).expand_seats() if s.votes]


def test_below_quorum_nothing_is_decided_and_no_step_runs() -> None:
    seats = seats_of("werkcentrum-twente-2025")  # 15 voting seats: 8 needed for a majority
    ballots = dict.fromkeys(seats[:7], F)
    agreement, outcome = werkcentrum(ballots, MAJORITY)
    assert outcome.result is Result.NO_DECISION
    assert outcome.steps == ()
    assert outcome.quorum is not None
    assert (outcome.quorum.present, outcome.quorum.total, outcome.quorum.needed) == (7, 15, 8)
    assert outcome.tally.votes_for == 7
    nl = " ".join(render_outcome(outcome, agreement, translator("nl")))
    assert "Quorum niet gehaald (7 van 15 zetels; 8 nodig)" in nl
    en = " ".join(render_outcome(outcome, agreement, translator("en")))
    assert "Quorum not reached (7 of 15 seats; 8 needed)" in en
    assert "a setting of the board" in en


def test_at_quorum_the_procedure_decides() -> None:
    seats = seats_of("werkcentrum-twente-2025")
    agreement, outcome = werkcentrum(dict.fromkeys(seats[:8], F), MAJORITY)
    assert outcome.result is Result.ADOPTED
    assert outcome.quorum is not None
    assert outcome.quorum.met
    en = " ".join(render_outcome(outcome, agreement, translator("en")))
    assert "Quorum reached: 8 of 15 seats present, 8 needed" in en


def test_attendance_counts_towards_the_quorum() -> None:
    seats = seats_of("werkcentrum-twente-2025")
    _, outcome = werkcentrum(dict.fromkeys(seats[:2], F), MAJORITY, attendance=seats[:8])
    assert outcome.result is Result.ADOPTED
    assert outcome.attendance_used


def test_a_quorum_of_delegations_counts_delegations_with_someone_present() -> None:
    agreement = get_agreement("achterhoek-2014")  # four delegations
    rule = QuorumRule(basis="delegations", numerator=3, denominator=4)
    seats = agreement.expand_seats()
    two_blocs = {"voorzitter": F, "iswi": F, "werkgevers-1": F}
    below = decide(
        agreement.procedure, seats, [Ballot(s, c) for s, c in two_blocs.items()], quorum=rule
    )
    assert below.result is Result.NO_DECISION
    assert below.quorum is not None
    assert (below.quorum.present, below.quorum.needed) == (2, 3)
    nl = " ".join(render_outcome(below, agreement, translator("nl")))
    assert "(2 van 4 geledingen; 3 nodig)" in nl
    three = {**two_blocs, "uwv": F}
    above = decide(
        agreement.procedure, seats, [Ballot(s, c) for s, c in three.items()], quorum=rule
    )
    assert above.result is Result.ADOPTED


def test_no_shipped_agreement_sets_a_quorum_or_limits_substitutes() -> None:
    for agreement in shipped_agreements().values():
        assert agreement.quorum is None
        assert agreement.substitutes is None


def test_presence_is_explained_with_the_absent_seats() -> None:
    agreement = get_agreement("achterhoek-2014")
    seats = agreement.expand_seats()
    labels = {s.id: s.label.en for s in seats if s.votes}
    ballots = [Ballot(key, F) for key in list(labels)[1:]]
    outcome = decide(agreement.procedure, seats, ballots)
    en = render_outcome(outcome, agreement, translator("en"), seat_labels=labels)
    assert (
        f"Present: {len(labels) - 1} of {len(labels)} voting seats; without a meeting"
        in " ".join(en)
    )
    assert en[-1] == f"Absent: {labels['voorzitter']}."
