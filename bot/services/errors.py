"""What a service refuses, as codes the handlers turn into localized sentences."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class Refusal(StrEnum):
    UNKNOWN_AGREEMENT = "unknown_agreement"
    UNKNOWN_BOARD = "unknown_board"
    UNKNOWN_SEAT = "unknown_seat"
    UNKNOWN_PERSON = "unknown_person"
    NOT_SECRETARY = "not_secretary"
    SEAT_TAKEN = "seat_taken"
    INVITE_INVALID = "invite_invalid"
    INVITE_EXPIRED = "invite_expired"
    INVITE_USED = "invite_used"
    GROUP_LINKED_ELSEWHERE = "group_linked_elsewhere"
    NOT_LINKER = "not_linker"
    NO_LONGER_PROPOSER = "no_longer_proposer"
    NOT_OFFICER = "not_officer"
    UNKNOWN_MOTION = "unknown_motion"
    DEADLINE_PAST = "deadline_past"
    MAY_NOT_PROPOSE = "may_not_propose"
    MAY_NOT_CLOSE = "may_not_close"
    NOT_PROPOSER = "not_proposer"
    VOTING_CLOSED = "voting_closed"
    NO_VOTING_SEAT = "no_voting_seat"
    SEAT_COUNT = "seat_count"
    NOT_ELIGIBLE = "not_eligible"
    UNKNOWN_MEETING = "unknown_meeting"
    MEETING_OVER = "meeting_over"
    NOT_MEMBER = "not_member"
    BAD_SETTING = "bad_setting"
    SUBSTITUTED = "substituted"
    NO_SUBSTITUTES = "no_substitutes"
    NOT_YOUR_SEAT = "not_your_seat"
    SEAT_HAS_VOTED = "seat_has_voted"
    SUBSTITUTE_HOLDS_SEAT = "substitute_holds_seat"
    SUBSTITUTE_IS_HOLDER = "substitute_is_holder"
    SUBSTITUTE_TAKES_SEAT = "substitute_takes_seat"
    SECRETARY_TAKES_VOTE = "secretary_takes_vote"
    VOTER_BECOMES_SECRETARY = "voter_becomes_secretary"
    NOT_ADOPTED = "not_adopted"


class ServiceError(Exception):
    """A request the service refuses; ``details`` feed the user's message."""

    def __init__(self, refusal: Refusal, **details: Any) -> None:
        super().__init__(f"{refusal.value}: {details}")
        self.refusal = refusal
        self.details = details
