"""One codec for callback data: a tag, compact arguments, validated on the way in.

A modified client can send any callback data, so ``decode`` trusts nothing: an unknown tag,
a wrong number of arguments or an argument of the wrong shape gives ``None``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

MAX_BYTES = 64
SEP = "|"


class Kind(StrEnum):
    BOARD = "b"  # show a board: board id
    LANGUAGE = "l"  # choose a language: nl | en
    INVITE_BOARD = "ib"  # invite: pick the board: board id
    INVITE_SEAT = "is"  # invite: pick the seat: board id, seat key
    LINK_GROUP = "g"  # link this group to a board: board id
    VOTE = "v"  # a ballot: motion id, f | a | x
    PROPOSE_BOARD = "pb"  # proposal: the board: board id
    PROPOSE_SECRET = "pk"  # proposal: named (0) or secret (1) ballot
    PROPOSE_CONFIRM = "pc"  # proposal: ok | no
    PROPOSE_MEETING = "pm"  # proposal: the meeting it belongs to (0: none)
    DECISIONS_BOARD = "db"  # decision list: board id
    EXPORT = "dx"  # decision list export: board id, csv | pdf
    CLAUSE = "cl"  # an article in the reader's language: agreement position, clause position
    CLAUSE_ORIGINAL = "co"  # the Dutch original of an article: the same
    BROADCAST_BOARD = "bb"  # broadcast: the board: board id
    BROADCAST_SEND = "bs"  # broadcast: plain | group | no
    MEETING_BOARD = "mb"  # meeting: the board: board id
    RSVP = "rv"  # present (1) or absent (0) at a meeting: meeting id, 1 | 0
    MEETING_ACTION = "mm"  # the secretary moves or cancels a meeting: meeting id, move | cancel
    PROPOSE_TALLY = "pt"  # proposal: live (0) or hidden (1) tally until the close
    PROPOSE_SUBJECT = "pj"  # proposal: the agreement's subject by position + 1 (0: none of them)
    SUB_BOARD = "sb"  # substitute: the board: board id
    SUB_SEAT = "ss"  # substitute: the seat: board id, seat key
    SUB_SCOPE = "sc"  # substitute: for a meeting (m) or a proposal (p): board, seat, m | p, id
    SUB_PERSON = "su"  # substitute: who (0: an invite): board, seat, m | p, id, person id
    PRESENT_MEETING = "am"  # attendance at a meeting, by the secretary: meeting id
    PRESENT_TOGGLE = "at"  # mark a seat present or absent: meeting id, seat key
    FORGET_ME = "fm"  # erase my data, or not: person id, ok | no
    MEETING_CONFIRM = "mc"  # meeting: send the invitations (ok) or not (no)
    SETTINGS_BOARD = "sg"  # settings: the board: board id
    SETTINGS_QUORUM = "sq"  # settings: the board's quorum: board id, d | m | t | o


_INT = re.compile(r"^[1-9][0-9]{0,11}$")
_POSITION = re.compile(r"^(0|[1-9][0-9]{0,4})$")
_LANG = re.compile(r"^(nl|en)$")
_SEAT = re.compile(r"^[a-z0-9][a-z0-9._-]{0,59}$")
_CHOICE = re.compile(r"^[fax]$")
_BIT = re.compile(r"^[01]$")
_OK = re.compile(r"^(ok|no)$")
_FORMAT = re.compile(r"^(csv|pdf)$")
_SCOPE = re.compile(r"^[mp]$")
_ZERO_OR_INT = re.compile(r"^(0|[1-9][0-9]{0,11})$")

SHAPES: dict[Kind, tuple[re.Pattern[str], ...]] = {
    Kind.BOARD: (_INT,),
    Kind.LANGUAGE: (_LANG,),
    Kind.INVITE_BOARD: (_INT,),
    Kind.INVITE_SEAT: (_INT, _SEAT),
    Kind.LINK_GROUP: (_INT,),
    Kind.SETTINGS_BOARD: (_INT,),
    Kind.SETTINGS_QUORUM: (_INT, re.compile(r"^[dmto]$")),
    Kind.VOTE: (_INT, _CHOICE),
    Kind.PROPOSE_BOARD: (_INT,),
    Kind.PROPOSE_SECRET: (_BIT,),
    Kind.PROPOSE_CONFIRM: (_OK,),
    Kind.PROPOSE_MEETING: (re.compile(r"^(0|[1-9][0-9]{0,11})$"),),
    Kind.DECISIONS_BOARD: (_INT,),
    Kind.EXPORT: (_INT, _FORMAT),
    Kind.CLAUSE: (_POSITION, _POSITION),
    Kind.CLAUSE_ORIGINAL: (_POSITION, _POSITION),
    Kind.BROADCAST_BOARD: (_INT,),
    Kind.BROADCAST_SEND: (re.compile(r"^(plain|group|no)$"),),
    Kind.MEETING_BOARD: (_INT,),
    Kind.RSVP: (_INT, _BIT),
    Kind.MEETING_ACTION: (_INT, re.compile(r"^(move|cancel)$")),
    Kind.PROPOSE_TALLY: (_BIT,),
    Kind.PROPOSE_SUBJECT: (_POSITION,),
    Kind.SUB_BOARD: (_INT,),
    Kind.SUB_SEAT: (_INT, _SEAT),
    Kind.SUB_SCOPE: (_INT, _SEAT, _SCOPE, _INT),
    Kind.SUB_PERSON: (_INT, _SEAT, _SCOPE, _INT, _ZERO_OR_INT),
    Kind.PRESENT_MEETING: (_INT,),
    Kind.PRESENT_TOGGLE: (_INT, _SEAT),
    Kind.FORGET_ME: (_INT, _OK),
    Kind.MEETING_CONFIRM: (_OK,),
}


@dataclass(frozen=True)
class Callback:
    kind: Kind
    args: tuple[str, ...]

    def int_arg(self, index: int = 0) -> int:
        return int(self.args[index])


def encode(kind: Kind, *args: object) -> str:
    """The callback data for a button; raises ValueError if it would not be valid."""
    parts = tuple(str(a) for a in args)
    data = SEP.join((kind.value, *parts))
    if len(data.encode()) > MAX_BYTES or decode(data) is None:
        raise ValueError(f"invalid callback data {data!r}")
    return data


def decode(data: str | None) -> Callback | None:
    """The callback behind ``data``, or None when it is not one this bot could have sent."""
    if not data or len(data.encode()) > MAX_BYTES:
        return None
    tag, *args = data.split(SEP)
    try:
        kind = Kind(tag)
    except ValueError:
        return None
    shape = SHAPES[kind]
    if len(args) != len(shape) or not all(p.fullmatch(a) for p, a in zip(shape, args, strict=True)):
        return None
    return Callback(kind, tuple(args))


def is_ballot(data: str | None) -> bool:
    """Whether callback data is a valid ballot press (Voor / Tegen / Onthouding)."""
    decoded = decode(data)
    return decoded is not None and decoded.kind is Kind.VOTE
