"""Who casts the ballot of which seat on a proposal.

A voting seat's ballot is cast by its holder, unless a substitute was named for that seat on
this proposal (or its meeting): then by the substitute, and the holder casts none for it. A
person who holds several voting seats (an alderman who is also chair, say) casts the ballot of
each. Advisory seats, the secretary's and vacant seats cast none. Whether a seat that cast no
ballot counts as present is the decision procedure's business (``rules.decide``), not this.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class SeatVoters:
    """A seat of the board on one proposal: whether it votes, who holds it, who substitutes."""

    seat: int
    votes: bool
    holder: int | None
    substitute: int | None = None


class NoBallot(Enum):
    """Why a person casts no ballot on a proposal."""

    NO_VOTING_SEAT = "no_voting_seat"
    SUBSTITUTED = "substituted"


def voter(seat: SeatVoters) -> int | None:
    """The person whose ballot counts for the seat (None: nobody)."""
    if not seat.votes:
        return None
    return seat.substitute if seat.substitute is not None else seat.holder


def seats_of(person: int, seats: Iterable[SeatVoters]) -> list[int]:
    """The seats whose ballot ``person`` casts, in the given order."""
    return [s.seat for s in seats if voter(s) == person]


def why_no_ballot(person: int, seats: Iterable[SeatVoters]) -> NoBallot:
    """For a person who casts no ballot: whether they hold a voting seat a substitute took."""
    substituted = any(s.votes and s.holder == person and s.substitute for s in seats)
    return NoBallot.SUBSTITUTED if substituted else NoBallot.NO_VOTING_SEAT


def voters(seats: Iterable[SeatVoters]) -> set[int]:
    """Everyone who casts a ballot on the proposal."""
    return {person for s in seats if (person := voter(s)) is not None}
