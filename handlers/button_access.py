"""Who may press which button: one table, one check, before any route runs.

Callback data comes from the client and can name any board, motion, meeting, seat or person
(64 bytes, any content). So for every Kind the table says which argument holds which object
and who may press; the check resolves every object to its board (they must all be the same
board), then asks the presser's place on that board, the way the commands do. In a group the
board must also be the group's linked board, so nothing of one board is posted in another's
group. A press that fails changes nothing and shows nothing: the alert "This button is no
longer valid." (two routes keep the refusal their tests pin, see ``Refusal``).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from telegram import Update
from telegram.constants import ChatType

from bot.services import access
from handlers.callbacks import Callback, Kind
from handlers.context import WerkbotContext
from handlers.replies import Answer, edit_or_reply


class Who(Enum):
    ANYONE = "anyone"  # nothing of a board behind it: the agreement's text, one's own language
    SELF = "self"  # the person the data names must be the presser
    MEMBER = "member"  # holds a seat on the board
    PARTICIPANT = "participant"  # holds a seat, or is a standing substitute on the motion/meeting
    SEAT = "seat"  # holds the seat the data names, or is the board's secretary
    SECRETARY = "secretary"  # holds the board's secretary or deputy-secretary seat
    OFFICER = "officer"  # the secretary, or holds the board's chair seat (links a group)
    # who votes for which seat is the ballot service's call (rules.voters), read in the
    # ballot's own transaction, with the group's board: one check, where the ballot is written
    VOTER = "voter"


class Where(Enum):
    ANY = "any"
    PRIVATE = "private"  # the flows that start with a command refused outside a private chat
    GROUP = "group"  # linking a group happens in that group


class Refusal(Enum):
    INVALID = "invalid"  # alert: "This button is no longer valid."
    NOT_A_VOTER = "not a voter"  # alert: "Only members with a voting seat on this board can vote."
    NOT_ON_BOARD = "not on board"  # the pressed message reads "You do not sit on that board."


@dataclass(frozen=True)
class Rule:
    """Per Kind: who may press, and the index of the argument that holds each object."""

    who: Who
    board: int | None = None  # a board id
    motion: int | None = None  # a motion id
    meeting: int | None = None  # a meeting id
    seat: int | None = None  # a seat key of the board
    person: int | None = None  # a person id: the presser's own
    scope: tuple[int, int] | None = None  # (m | p, id): a meeting or a motion of the board
    where: Where = Where.ANY
    group_board: bool = True  # in a group: the board must be the group's linked board
    unknown: Refusal = Refusal.INVALID  # an object that does not exist (or boards that differ)
    denied: Refusal = Refusal.INVALID  # the presser may not, or not in this chat


#: Every Kind the button router handles; ``handlers.buttons`` refuses a Kind without a rule.
RULES: dict[Kind, Rule] = {
    # /board's choice; an unknown board keeps the refusal tests/e2e/test_members.py pins
    Kind.BOARD: Rule(Who.MEMBER, board=0, unknown=Refusal.NOT_ON_BOARD),
    Kind.LANGUAGE: Rule(Who.ANYONE),
    Kind.INVITE_BOARD: Rule(Who.SECRETARY, board=0, where=Where.PRIVATE),
    Kind.INVITE_SEAT: Rule(Who.SECRETARY, board=0, seat=1, where=Where.PRIVATE),
    # the group is not linked yet (or linked elsewhere: the service refuses that)
    Kind.LINK_GROUP: Rule(Who.OFFICER, board=0, where=Where.GROUP, group_board=False),
    # a holder or a substitute: bot.services.motions.cast checks, in the ballot's transaction
    Kind.VOTE: Rule(Who.VOTER, motion=0, denied=Refusal.NOT_A_VOTER),
    Kind.DECISIONS_BOARD: Rule(Who.MEMBER, board=0),
    Kind.EXPORT: Rule(Who.MEMBER, board=0),
    # public agreement text, chosen by positions: no board behind it, no check needed
    Kind.CLAUSE: Rule(Who.ANYONE),
    Kind.CLAUSE_ORIGINAL: Rule(Who.ANYONE),
    Kind.RSVP: Rule(Who.PARTICIPANT, meeting=0),
    Kind.SUB_BOARD: Rule(Who.MEMBER, board=0, where=Where.PRIVATE),
    Kind.SUB_SEAT: Rule(Who.SEAT, board=0, seat=1, where=Where.PRIVATE),
    Kind.SUB_SCOPE: Rule(Who.SEAT, board=0, seat=1, scope=(2, 3), where=Where.PRIVATE),
    # the candidate (argument 4) is checked by the route against the candidates offered
    Kind.SUB_PERSON: Rule(Who.SEAT, board=0, seat=1, scope=(2, 3), where=Where.PRIVATE),
    Kind.PRESENT_MEETING: Rule(Who.SECRETARY, meeting=0, where=Where.PRIVATE),
    Kind.PRESENT_TOGGLE: Rule(Who.SECRETARY, meeting=0, seat=1, where=Where.PRIVATE),
    Kind.MEETING_ACTION: Rule(Who.SECRETARY, meeting=0, where=Where.PRIVATE),
    Kind.FORGET_ME: Rule(Who.SELF, person=0, where=Where.PRIVATE),
    Kind.SETTINGS_BOARD: Rule(Who.MEMBER, board=0, where=Where.PRIVATE),
    Kind.SETTINGS_QUORUM: Rule(Who.OFFICER, board=0, where=Where.PRIVATE),
}


async def check(update: Update, context: WerkbotContext, callback: Callback) -> Refusal | None:
    """None when the presser may press this button here; else how to refuse."""
    rule = RULES.get(callback.kind)
    if rule is None:
        return Refusal.INVALID
    chat = update.effective_chat
    private = chat is not None and chat.type == ChatType.PRIVATE
    if (rule.where is Where.PRIVATE and not private) or (rule.where is Where.GROUP and private):
        return rule.denied
    if rule.person is not None and callback.int_arg(rule.person) != context.me.id:
        return rule.denied
    if rule.who in (Who.ANYONE, Who.SELF, Who.VOTER):
        return None
    objects = _objects(rule, callback, None if private or chat is None else chat.id)
    if objects is None:
        return rule.unknown
    found = await access.resolve(context.db, context.me.id, objects)
    if found.board is None or not found.seat_found:
        return rule.unknown
    if not private and rule.group_board and found.group_board != found.board:
        return rule.denied
    place, seat = found.standing, objects.seat
    if rule.who is Who.MEMBER:
        allowed = place.member
    elif rule.who is Who.SECRETARY:
        allowed = place.secretary
    elif rule.who is Who.OFFICER:
        allowed = place.secretary or place.chair
    elif rule.who is Who.SEAT:
        allowed = place.secretary or seat in place.seats
    else:  # PARTICIPANT
        allowed = place.member or found.substitute
    return None if allowed else rule.denied


def _objects(rule: Rule, callback: Callback, group_chat: int | None) -> access.Objects | None:
    """What the button's data names; None when a scope names two kinds at once."""
    motion = callback.int_arg(rule.motion) if rule.motion is not None else None
    meeting = callback.int_arg(rule.meeting) if rule.meeting is not None else None
    if rule.scope is not None:
        kind, scope_id = callback.args[rule.scope[0]], callback.int_arg(rule.scope[1])
        if kind == "m":
            if meeting is not None and meeting != scope_id:
                return None
            meeting = scope_id
        else:
            if motion is not None and motion != scope_id:
                return None
            motion = scope_id
    return access.Objects(
        board=callback.int_arg(rule.board) if rule.board is not None else None,
        motion=motion,
        meeting=meeting,
        seat=callback.args[rule.seat] if rule.seat is not None else None,
        group_chat=group_chat,
    )


async def refuse(update: Update, context: WerkbotContext, refusal: Refusal) -> Answer:
    """Carry out a refusal; the answer to give the press."""
    t = context.t
    if refusal is Refusal.NOT_ON_BOARD:
        await edit_or_reply(update, t.gettext("You do not sit on that board."))
        return Answer()
    if refusal is Refusal.NOT_A_VOTER:
        return Answer(
            t.gettext("Only members with a voting seat on this board can vote."), alert=True
        )
    return Answer(t.gettext("This button is no longer valid."), alert=True)
