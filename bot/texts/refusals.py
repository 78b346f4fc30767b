"""A service's refusal as a sentence the user can act on."""

from __future__ import annotations

from collections.abc import Iterable

from babel.lists import format_list

from bot.i18n import Translator
from bot.services.errors import Refusal, ServiceError
from bot.texts.board import when
from bot.texts.html import esc


def render_refusal(error: ServiceError, t: Translator) -> str:
    d = error.details
    seat = d.get("seat_en") if t.language == "en" and "seat_en" in d else d.get("seat", "")
    messages = {
        Refusal.UNKNOWN_AGREEMENT: t.gettext("There is no agreement called {agreement}."),
        Refusal.UNKNOWN_BOARD: t.gettext("That board does not exist (any more)."),
        Refusal.UNKNOWN_SEAT: t.gettext(
            "The board has no seat called {seat}. Send /board to see its seats."
        ),
        Refusal.UNKNOWN_PERSON: t.gettext(
            "I do not know that person yet: they need to send /start to me first."
        ),
        Refusal.NOT_SECRETARY: t.gettext("Only the secretary of the board can do that."),
        Refusal.SEAT_TAKEN: t.gettext(
            "The seat {seat} is already held. Ask the secretary if this is a mistake."
        ),
        Refusal.INVITE_INVALID: t.gettext(
            "This invite code is not valid. Check that you used the whole link, or ask the secretary for a new invite."
        ),
        Refusal.INVITE_EXPIRED: t.gettext(
            "This invite expired on {expired}. Ask the secretary for a new one."
        ),
        Refusal.INVITE_USED: t.gettext(
            "This invite has already been used. Ask the secretary for a new invite if you need one."
        ),
        Refusal.GROUP_LINKED_ELSEWHERE: t.gettext("This group is already linked to the {board}."),
        Refusal.NOT_OFFICER: t.gettext(
            "Only the secretary or the chair of the board can change its settings."
        ),
        Refusal.NOT_LINKER: t.gettext(
            "Only the secretary or the chair of a board can link a group to it."
        ),
        Refusal.UNKNOWN_MOTION: t.gettext("There is no proposal with that number on your boards."),
        Refusal.DEADLINE_PAST: t.gettext("The deadline has already passed."),
        # Translators: {roles} is a list such as "the chair, the vice-chair or the secretary"
        Refusal.MAY_NOT_PROPOSE: t.gettext("On the {board}, only {roles} can put a proposal."),
        # Translators: {roles} is a list such as "the chair, the vice-chair or the secretary"
        Refusal.MAY_NOT_CLOSE: t.gettext("Only {roles} can close a vote."),
        Refusal.NOT_PROPOSER: t.gettext("Only the proposer can withdraw a proposal."),
        Refusal.NO_LONGER_PROPOSER: t.gettext(
            "You no longer hold a seat on this board that may propose, so you can no longer withdraw proposal {number}. Ask the secretary or the chair."
        ),
        Refusal.VOTING_CLOSED: t.gettext("That proposal is already closed."),
        Refusal.NO_VOTING_SEAT: t.gettext(
            "Only members with a voting seat on this board can vote."
        ),
        Refusal.NOT_ELIGIBLE: t.gettext(
            "The seat {seat} cannot be vice-chair: the agreement chooses the vice-chair from the members."
        ),
        Refusal.UNKNOWN_MEETING: t.gettext("That meeting does not exist (any more)."),
        Refusal.MEETING_OVER: t.gettext("That meeting has already taken place or was cancelled."),
        Refusal.NOT_MEMBER: t.gettext("Only members of this board can answer this invitation."),
        Refusal.BAD_SETTING: t.gettext("The setting {setting} takes: {allowed}."),
        Refusal.SEAT_COUNT: t.gettext(
            "The agreement allows {min} to {max} seats of the kind {seat}."
        ),
        Refusal.SUBSTITUTED: t.gettext(
            "A substitute votes for your seat on this proposal, so you cannot vote on it yourself."
        ),
        Refusal.NO_SUBSTITUTES: t.gettext(
            "The board does not allow a substitute for the seat {seat}."
        ),
        Refusal.NOT_YOUR_SEAT: t.gettext(
            "You can name a substitute only for your own seat; the secretary can for every seat."
        ),
        Refusal.SEAT_HAS_VOTED: t.gettext(
            "The seat {seat} has already voted on proposal {number}; a substitute cannot vote on it again."
        ),
        Refusal.SUBSTITUTE_HOLDS_SEAT: t.gettext(
            "{name} holds a voting seat on this board and cannot also vote for another seat."
        ),
        Refusal.SUBSTITUTE_IS_HOLDER: t.gettext("A seat holder cannot be their own substitute."),
        Refusal.SUBSTITUTE_TAKES_SEAT: t.gettext(
            "You are a substitute on this board for a vote or meeting still to come, so you cannot also take a voting seat now: you would vote twice. Ask the member who named you to withdraw that first, then use the invite again (it stays valid)."
        ),
        Refusal.SECRETARY_TAKES_VOTE: t.gettext(
            "The secretary of the board cannot also hold a voting seat or vote as a substitute. If this is meant, another person must become secretary first."
        ),
        Refusal.VOTER_BECOMES_SECRETARY: t.gettext(
            "{name} holds a voting seat on this board and cannot also be its secretary."
        ),
        Refusal.NOT_ADOPTED: t.gettext(
            "Only an adopted decision can get a follow-up; proposal {number} was not adopted."
        ),
    }
    expired = d.get("expired")
    return messages[error.refusal].format(
        agreement=esc(str(d.get("agreement", ""))),
        seat=esc(str(seat)),
        board=esc(str(d.get("board", ""))),
        expired=when(expired, t) if expired is not None else "",
        min=d.get("min", ""),
        setting=esc(str(d.get("setting", ""))),
        allowed=esc(str(d.get("allowed", ""))),
        max=d.get("max") if d.get("max") is not None else "…",
        number=d.get("number", ""),
        name=esc(str(d.get("name", ""))),
        roles=role_list(d.get("roles", ()), t),
    )


def render_admin_refusal(error: ServiceError, t: Translator) -> str:
    """A refusal as the administrator at the command line reads it: what to run, not which
    bot command to send."""
    d = error.details
    messages = {
        Refusal.UNKNOWN_BOARD: t.gettext(
            "That board does not exist. See the boards: werkbot board list"
        ),
        Refusal.UNKNOWN_SEAT: t.gettext(
            "The board has no seat called {seat}. See its seats: werkbot board show BOARD"
        ),
        Refusal.UNKNOWN_PERSON: t.gettext(
            "werkbot knows no one (or more than one person) by {person}. The person first opens "
            "the bot in Telegram and sends /start; then name them by Telegram user id or @username."
        ),
        Refusal.SEAT_TAKEN: t.gettext("The seat {seat} is already held."),
    }
    message = messages.get(error.refusal)
    if message is None:
        return render_refusal(error, t)
    return message.format(seat=esc(str(d.get("seat", ""))), person=esc(str(d.get("person", ""))))


def role_name(role: str, t: Translator) -> str:
    """A board role as a sentence names it ("the chair", "any voting member")."""
    names = {
        "chair": t.gettext("the chair"),
        "vice_chair": t.gettext("the vice-chair"),
        "secretary": t.gettext("the secretary"),
        "deputy_secretary": t.gettext("the deputy secretary"),
        "member": t.gettext("any voting member"),
    }
    return names.get(role, role)


ROLE_ORDER = ("chair", "vice_chair", "secretary", "deputy_secretary", "member")


def role_list(roles: Iterable[str], t: Translator) -> str:
    """The roles as one phrase: "the chair, the vice-chair or the secretary"."""
    ordered = sorted(set(roles), key=lambda r: ROLE_ORDER.index(r) if r in ROLE_ORDER else 99)
    names = [role_name(role, t) for role in ordered]
    return esc(format_list(names, style="or", locale=t.language)) if names else ""
