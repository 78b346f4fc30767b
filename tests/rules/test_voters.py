"""Who casts the ballot of which seat: holder, substitute, advisors, two seats at once."""

from __future__ import annotations

from rules.voters import NoBallot, SeatVoters, seats_of, voter, voters, why_no_ballot

ANNA, BERT, CARLA = 1, 2, 3


def test_the_holder_casts_the_ballot_of_a_voting_seat() -> None:
    assert voter(SeatVoters(10, votes=True, holder=ANNA)) == ANNA


def test_a_substitute_casts_it_instead_of_the_holder() -> None:
    seat = SeatVoters(10, votes=True, holder=ANNA, substitute=BERT)
    assert voter(seat) == BERT
    assert seats_of(ANNA, [seat]) == []
    assert why_no_ballot(ANNA, [seat]) is NoBallot.SUBSTITUTED


def test_an_advisory_or_vacant_seat_casts_none() -> None:
    assert voter(SeatVoters(11, votes=False, holder=ANNA)) is None
    assert voter(SeatVoters(12, votes=True, holder=None)) is None
    assert (
        why_no_ballot(ANNA, [SeatVoters(11, votes=False, holder=ANNA)]) is NoBallot.NO_VOTING_SEAT
    )


def test_one_person_with_two_voting_seats_casts_both() -> None:
    seats = [
        SeatVoters(10, votes=True, holder=ANNA),
        SeatVoters(20, votes=True, holder=ANNA),
        SeatVoters(30, votes=True, holder=CARLA, substitute=ANNA),
        SeatVoters(40, votes=True, holder=BERT),
    ]
    assert seats_of(ANNA, seats) == [10, 20, 30]
    assert voters(seats) == {ANNA, BERT}
